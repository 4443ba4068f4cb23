//! Every finding's code, typed: a misspelt code is a compile error, not a finding nobody matches.
//! Each serialises as the stable text it always had (`INVALID_EFFECT`), so the scenario result, the
//! CLI's output and the app's markers read as before. The policy crate declares the codes of the
//! catalog's lint and of the scenario too, so one type carries any finding across the crates.

/// Declares the codes: each variant with its stable text.
macro_rules! codes {
    ($($(#[$doc:meta])* $group:ident { $($variant:ident = $text:literal,)* })*) => {
        /// A finding's code (see the module's documentation).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($($variant,)*)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$($(Code::$variant,)*)*];

            /// The stable text: `INVALID_EFFECT`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($(Code::$variant => $text,)*)*
                }
            }
        }
    };
}

codes! {
    /// The policy language: validation (AWS rejects the document) and lint.
    policy {
        ActionAndNotaction = "ACTION_AND_NOTACTION",
        CrossAccountWithoutExternalId = "CROSS_ACCOUNT_WITHOUT_EXTERNAL_ID",
        DuplicateKey = "DUPLICATE_KEY",
        DuplicateSid = "DUPLICATE_SID",
        DuplicateValue = "DUPLICATE_VALUE",
        EmptyDocument = "EMPTY_DOCUMENT",
        EmptyList = "EMPTY_LIST",
        ForallvaluesWithAllow = "FORALLVALUES_WITH_ALLOW",
        ForanyvalueWithDeny = "FORANYVALUE_WITH_DENY",
        GithubOidcWildcardSub = "GITHUB_OIDC_WILDCARD_SUB",
        GithubOidcWithoutAud = "GITHUB_OIDC_WITHOUT_AUD",
        GithubOidcWithoutSub = "GITHUB_OIDC_WITHOUT_SUB",
        IdInIdentityPolicy = "ID_IN_IDENTITY_POLICY",
        InvalidAction = "INVALID_ACTION",
        InvalidCharacter = "INVALID_CHARACTER",
        InvalidCondition = "INVALID_CONDITION",
        InvalidConditionValue = "INVALID_CONDITION_VALUE",
        InvalidEffect = "INVALID_EFFECT",
        InvalidId = "INVALID_ID",
        InvalidJson = "INVALID_JSON",
        InvalidPrincipal = "INVALID_PRINCIPAL",
        InvalidResource = "INVALID_RESOURCE",
        InvalidSid = "INVALID_SID",
        InvalidStatement = "INVALID_STATEMENT",
        InvalidValue = "INVALID_VALUE",
        InvalidVersion = "INVALID_VERSION",
        MissingAction = "MISSING_ACTION",
        MissingEffect = "MISSING_EFFECT",
        MissingPrincipal = "MISSING_PRINCIPAL",
        MissingResource = "MISSING_RESOURCE",
        MissingStatement = "MISSING_STATEMENT",
        NotactionWithAllow = "NOTACTION_WITH_ALLOW",
        NotprincipalInTrust = "NOTPRINCIPAL_IN_TRUST",
        NotprincipalWithAllow = "NOTPRINCIPAL_WITH_ALLOW",
        NotresourceWithAllow = "NOTRESOURCE_WITH_ALLOW",
        NotAnObject = "NOT_AN_OBJECT",
        OperatorDoesNotFitKey = "OPERATOR_DOES_NOT_FIT_KEY",
        PassroleOnAnyRole = "PASSROLE_ON_ANY_ROLE",
        PrincipalAndNotprincipal = "PRINCIPAL_AND_NOTPRINCIPAL",
        PrincipalNotAllowed = "PRINCIPAL_NOT_ALLOWED",
        RcpNotaction = "RCP_NOTACTION",
        RcpPrincipal = "RCP_PRINCIPAL",
        RedundantStatement = "REDUNDANT_STATEMENT",
        ResourceAndNotresource = "RESOURCE_AND_NOTRESOURCE",
        ResourceInTrust = "RESOURCE_IN_TRUST",
        SetOperatorOnSingleValuedKey = "SET_OPERATOR_ON_SINGLE_VALUED_KEY",
        ShortArn = "SHORT_ARN",
        StatementNeverMatches = "STATEMENT_NEVER_MATCHES",
        TooManyStatements = "TOO_MANY_STATEMENTS",
        TrustOpenToAnyone = "TRUST_OPEN_TO_ANYONE",
        UnknownElement = "UNKNOWN_ELEMENT",
        UnknownOperator = "UNKNOWN_OPERATOR",
        VariableWithoutVersion = "VARIABLE_WITHOUT_VERSION",
        WildcardInResourceType = "WILDCARD_IN_RESOURCE_TYPE",
        WildcardInService = "WILDCARD_IN_SERVICE",
    }
    /// The service catalog's lint (`roleplay-catalog`).
    catalog {
        ActionMatchesNothing = "ACTION_MATCHES_NOTHING",
        ConditionKeyNotApplicable = "CONDITION_KEY_NOT_APPLICABLE",
        MissingSetOperator = "MISSING_SET_OPERATOR",
        OperatorTypeMismatch = "OPERATOR_TYPE_MISMATCH",
        ResourceNotSupported = "RESOURCE_NOT_SUPPORTED",
        UnknownAction = "UNKNOWN_ACTION",
        UnknownService = "UNKNOWN_SERVICE",
    }
    /// The scenario: its world and timeline (`roleplay-sim`).
    scenario {
        AsFailedStep = "AS_FAILED_STEP",
        AsNotASession = "AS_NOT_A_SESSION",
        DerivedKeyOverridden = "DERIVED_KEY_OVERRIDDEN",
        DuplicateName = "DUPLICATE_NAME",
        DuplicatePrincipal = "DUPLICATE_PRINCIPAL",
        InvalidContextValue = "INVALID_CONTEXT_VALUE",
        InvalidRoleName = "INVALID_ROLE_NAME",
        MaxSessionDurationRange = "MAX_SESSION_DURATION_RANGE",
        PublicBucketPolicyNeedsBpaOff = "PUBLIC_BUCKET_POLICY_NEEDS_BPA_OFF",
        QuotaExceeded = "QUOTA_EXCEEDED",
        QuotaManagedPoliciesPerRole = "QUOTA_MANAGED_POLICIES_PER_ROLE",
        QuotaTagsPerPrincipal = "QUOTA_TAGS_PER_PRINCIPAL",
        ResourceAccountMissing = "RESOURCE_ACCOUNT_MISSING",
        RolePathTooLongForSwitchRole = "ROLE_PATH_TOO_LONG_FOR_SWITCH_ROLE",
        SourceIpThroughVpcEndpoint = "SOURCE_IP_THROUGH_VPC_ENDPOINT",
        UnknownCaller = "UNKNOWN_CALLER",
        UnknownGroup = "UNKNOWN_GROUP",
        UnknownVpcEndpoint = "UNKNOWN_VPC_ENDPOINT",
        VpcEndpointService = "VPC_ENDPOINT_SERVICE",
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Code {
    /// The code whose stable text is `text`.
    pub fn from_text(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }
}

/// Read back from its stable text (the worker's findings reach the page this way).
impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Code, D::Error> {
        let text = String::deserialize(deserializer)?;
        Code::from_text(&text)
            .ok_or_else(|| serde::de::Error::custom(format_args!("unknown finding code {text}")))
    }
}

#[cfg(test)]
mod tests {
    use super::Code;
    use std::collections::HashSet;

    #[test]
    fn each_code_reads_back_from_its_text() {
        for code in Code::ALL {
            let text = serde_json::to_string(code).unwrap();
            assert_eq!(serde_json::from_str::<Code>(&text).unwrap(), *code);
        }
        assert!(serde_json::from_str::<Code>("\"NO_SUCH_CODE\"").is_err());
    }

    #[test]
    fn each_code_has_its_own_screaming_snake_case_text() {
        let texts: HashSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(texts.len(), Code::ALL.len());
        for code in Code::ALL {
            let words: String = code
                .as_str()
                .split('_')
                .map(|w| w[..1].to_string() + &w[1..].to_lowercase())
                .collect();
            assert_eq!(format!("{code:?}"), words, "{code}");
        }
        assert_eq!(
            serde_json::to_string(&Code::InvalidEffect).unwrap(),
            "\"INVALID_EFFECT\""
        );
    }
}
