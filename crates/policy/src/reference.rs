//! What the policy language's names mean: the elements, the condition operators, the principal forms
//! and the condition keys AWS defines outside any one service (global `aws:` keys, and the keys of an
//! `sts:AssumeRole*` request: STS, SAML and OIDC claims), each with its value type and one or two
//! sentences in our own words from the fact sheet (`docs/aws-rules.md` §1, §2, §5.3–5.4, §5.8, §6).
//!
//! One table serves lint (does an operator fit a key's type?) and editors (completion, hover), so
//! the two never disagree. Service-specific keys come from the service catalog (`roleplay-catalog`).

use crate::operator::{Family, Operator, OperatorKind, SetQualifier};
use crate::PolicyKind;

/// The type of a condition key's values (without `ArrayOf`: see [`KeyDoc::multivalued`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueType {
    String,
    Arn,
    Bool,
    Numeric,
    Date,
    IpAddress,
    Binary,
}

impl ValueType {
    /// AWS's name of the type (`String`, `ARN`, `IPAddress`…).
    pub fn as_str(self) -> &'static str {
        match self {
            ValueType::String => "String",
            ValueType::Arn => "ARN",
            ValueType::Bool => "Bool",
            ValueType::Numeric => "Numeric",
            ValueType::Date => "Date",
            ValueType::IpAddress => "IPAddress",
            ValueType::Binary => "Binary",
        }
    }

    /// Whether operators of `family` compare values of this type. ARN keys also take String operators.
    pub fn accepts(self, family: Family) -> bool {
        match self {
            ValueType::String => family == Family::String,
            ValueType::Arn => matches!(family, Family::Arn | Family::String),
            ValueType::Bool => family == Family::Bool,
            ValueType::Numeric => family == Family::Numeric,
            ValueType::Date => family == Family::Date,
            ValueType::IpAddress => family == Family::Ip,
            ValueType::Binary => family == Family::Binary,
        }
    }

    /// The operators to use on this type, for a fix: "Use {this}."
    pub fn operators(self) -> &'static str {
        match self {
            ValueType::String => "a String operator",
            ValueType::Arn => "an Arn or String operator",
            ValueType::Bool => "a Bool operator",
            ValueType::Numeric => "a Numeric operator",
            ValueType::Date => "a Date operator",
            ValueType::IpAddress => "an IpAddress operator",
            ValueType::Binary => "BinaryEquals",
        }
    }
}

/// Where a key of this table has a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyScope {
    /// A global key: any request can carry it (each key says when it is present).
    Global,
    /// A key of `sts:AssumeRole*` requests (STS parameters, SAML assertions, OIDC tokens): what a
    /// trust policy tests.
    AssumeRole,
    /// A key of one service's requests, named by its prefix (`s3:BucketTag/…`).
    Service,
}

/// A condition key of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyDoc {
    /// As AWS writes it; `${TagKey}`-style parts stand for any text (`aws:PrincipalTag/${TagKey}`).
    pub name: &'static str,
    /// The value type; a few keys take two (`aws:EpochTime`: Date or Numeric).
    pub types: &'static [ValueType],
    /// `ArrayOf…`: the request can carry several values (use `ForAllValues:`/`ForAnyValue:`).
    pub multivalued: bool,
    pub scope: KeyScope,
    pub meaning: &'static str,
    /// Typical values, for completion.
    pub values: &'static [&'static str],
}

impl KeyDoc {
    /// AWS's type name: `String`, `ArrayOfString`, `Date or Numeric`…
    pub fn type_name(&self) -> String {
        let names: Vec<String> = self
            .types
            .iter()
            .map(|t| {
                if self.multivalued {
                    format!("ArrayOf{}", t.as_str())
                } else {
                    t.as_str().to_owned()
                }
            })
            .collect();
        names.join(" or ")
    }

    /// Whether operators of `family` compare this key's values.
    pub fn accepts(&self, family: Family) -> bool {
        self.types.iter().any(|t| t.accepts(family))
    }

    /// Whether `value` is a value a request could carry for this key (an address for an
    /// IP-address key, never a CIDR block; a date or number for a date key…).
    pub fn reads(&self, value: &str) -> bool {
        self.types.iter().any(|t| match t {
            ValueType::String | ValueType::Arn | ValueType::Binary => true,
            ValueType::Bool => crate::value::boolean(value).is_some(),
            ValueType::Numeric => crate::value::number(value).is_some(),
            ValueType::Date => crate::value::instant(value).is_some(),
            ValueType::IpAddress => crate::value::address(value).is_some(),
        })
    }

    /// Whether `written` (a key as a policy writes it) is this key, case-insensitively; a `${…}`
    /// part matches one or more characters.
    pub fn matches(&self, written: &str) -> bool {
        template_matches(self.name.as_bytes(), written.as_bytes())
    }
}

fn template_matches(template: &[u8], text: &[u8]) -> bool {
    match template.split_first() {
        None => text.is_empty(),
        Some((b'$', rest)) if rest.first() == Some(&b'{') => {
            let after = rest
                .iter()
                .position(|&b| b == b'}')
                .and_then(|i| rest.get(i + 1..))
                .unwrap_or_default();
            (1..=text.len()).any(|n| text.get(n..).is_some_and(|t| template_matches(after, t)))
        }
        Some((&c, rest)) => match text.split_first() {
            Some((&t, text_rest)) if t.eq_ignore_ascii_case(&c) => {
                template_matches(rest, text_rest)
            }
            _ => false,
        },
    }
}

const S: &[ValueType] = &[ValueType::String];
const ARN: &[ValueType] = &[ValueType::Arn];
const BOOL: &[ValueType] = &[ValueType::Bool];
const NUM: &[ValueType] = &[ValueType::Numeric];
const DATE: &[ValueType] = &[ValueType::Date];
const IP: &[ValueType] = &[ValueType::IpAddress];

const fn key(name: &'static str, types: &'static [ValueType], meaning: &'static str) -> KeyDoc {
    KeyDoc {
        name,
        types,
        multivalued: false,
        scope: KeyScope::Global,
        meaning,
        values: &[],
    }
}

const fn list(name: &'static str, meaning: &'static str) -> KeyDoc {
    KeyDoc {
        multivalued: true,
        ..key(name, S, meaning)
    }
}

const fn assume(name: &'static str, meaning: &'static str) -> KeyDoc {
    KeyDoc {
        scope: KeyScope::AssumeRole,
        ..key(name, S, meaning)
    }
}

const BOOLS: &[&str] = &["true", "false"];

/// The keys, exact names before templates (lookups take the first match).
pub const KEYS: &[KeyDoc] = &[
    // Who is calling.
    key("aws:PrincipalArn", ARN, "The ARN of the calling principal; for a role session it is the role's ARN, not the session's. Unlike a Principal entry it is never rewritten to a unique ID. Absent for anonymous requests."),
    key("aws:PrincipalAccount", S, "The account ID of the calling principal (`anonymous` for anonymous requests)."),
    key("aws:PrincipalOrgID", S, "The organization ID (o-…) of the caller's account; present only when that account belongs to an organization."),
    list("aws:PrincipalOrgPaths", "The organization path of the caller's account (o-…/r-…/ou-…/); multivalued, so compare with ForAnyValue:StringLike."),
    key("aws:PrincipalTag/${TagKey}", S, "A tag on the caller: the user's or role's tag, or a session tag (a session tag overrides a role tag with the same key)."),
    KeyDoc { values: &["Account", "User", "FederatedUser", "AssumedRole", "Anonymous"], ..key("aws:PrincipalType", S, "The kind of caller: Account (root user), User, FederatedUser, AssumedRole or Anonymous.") },
    key("aws:PrincipalIsAWSService", BOOL, "true when an AWS service principal makes the call itself (not a service acting with your credentials)."),
    key("aws:PrincipalServiceName", S, "The service principal's name (e.g. ec2.amazonaws.com) when a service principal makes the call."),
    list("aws:PrincipalServiceNamesList", "Every name of the calling service principal; multivalued."),
    key("aws:userid", S, "The caller's unique ID: AIDA… for a user, ROLEID:session-name for a role session, the account ID for the root user."),
    key("aws:username", S, "The IAM user's name; absent for the root user, role sessions and federated users."),
    key("aws:SourceIdentity", S, "The source identity set when the role session was created; it follows the session through role chaining."),
    key("aws:FederatedProvider", S, "The identity provider that issued the session's web identity or SAML credentials (e.g. cognito-identity.amazonaws.com)."),
    key("aws:TokenIssueTime", DATE, "When the temporary credentials were issued; present only for temporary credentials."),
    KeyDoc { values: BOOLS, ..key("aws:MultiFactorAuthPresent", BOOL, "Whether the temporary credentials were obtained with MFA. Absent for long-term access keys, so test it with BoolIfExists.") },
    key("aws:MultiFactorAuthAge", NUM, "Seconds since the caller authenticated with MFA; present only when MFA was used."),
    key("aws:Ec2InstanceSourceVpc", S, "The VPC of the EC2 instance whose role credentials signed the request."),
    key("aws:Ec2InstanceSourcePrivateIPv4", IP, "The private IPv4 address of the EC2 instance whose role credentials signed the request."),
    // The network and the request.
    key("aws:SourceIp", IP, "The caller's public IP address. Absent when the request comes through a VPC endpoint (see aws:VpcSourceIp); a service calling for you presents its own address."),
    key("aws:VpcSourceIp", IP, "The IP address a request came from inside a VPC; present only when the request goes through a VPC endpoint (aws:SourceIp is then absent)."),
    key("aws:SourceVpc", S, "The VPC (vpc-…) a request came from; present only when the request goes through a VPC endpoint."),
    key("aws:SourceVpce", S, "The VPC endpoint (vpce-…) a request went through; present only when the request goes through one."),
    KeyDoc { values: BOOLS, ..key("aws:SecureTransport", BOOL, "Whether the request was sent over TLS.") },
    key("aws:CurrentTime", DATE, "The time of the request."),
    KeyDoc { types: &[ValueType::Date, ValueType::Numeric], ..key("aws:EpochTime", S, "The time of the request in seconds since 1970-01-01; compare it with Date or Numeric operators.") },
    key("aws:RequestedRegion", S, "The Region the request is sent to; global services such as IAM and STS's global endpoint report us-east-1."),
    key("aws:RequestTag/${TagKey}", S, "A tag passed in the request, such as a session tag on AssumeRole."),
    list("aws:TagKeys", "The tag keys passed in the request; multivalued."),
    key("aws:referer", S, "The HTTP referer the caller sent; set by the caller, so not a security control."),
    key("aws:UserAgent", S, "The caller's user agent; set by the caller, so not a security control."),
    // Services acting for the caller.
    list("aws:CalledVia", "The services that made the request with the caller's credentials, in order; multivalued."),
    key("aws:CalledViaFirst", S, "The first service in aws:CalledVia."),
    key("aws:CalledViaLast", S, "The last service in aws:CalledVia."),
    key("aws:ViaAWSService", BOOL, "true when an AWS service makes the request with the caller's credentials."),
    key("aws:SourceAccount", S, "The account of the resource a service acts for, in service-to-service calls only."),
    key("aws:SourceArn", ARN, "The ARN of the resource a service acts for, in service-to-service calls only; guards a role a service assumes against the confused deputy."),
    // The resource.
    key("aws:ResourceTag/${TagKey}", S, "A tag on the resource; for AssumeRole, a tag on the role (a transitive session tag replaces it in a chain). An S3 general-purpose bucket's tags are present only once its ABAC is enabled (off by default)."),
    key("aws:ResourceAccount", S, "The account that owns the resource."),
    key("aws:ResourceOrgID", S, "The organization ID of the account that owns the resource."),
    list("aws:ResourceOrgPaths", "The organization path of the resource's account; multivalued."),
    // Keys of one service, outside AssumeRole*.
    KeyDoc { scope: KeyScope::Service, ..key("s3:BucketTag/${TagKey}", S, "A tag of the S3 general-purpose bucket the request is authorized against (for its objects too); present only once the bucket's ABAC is enabled (off by default). Through an access point it names the bucket's tags only, unlike aws:ResourceTag.") },
    // STS parameters of AssumeRole*.
    assume("sts:ExternalId", "The external ID the caller passed to AssumeRole. Require it in the trust policy of a role a third party assumes, against the confused deputy problem."),
    assume("sts:RoleSessionName", "The session name the caller passed to AssumeRole."),
    assume("sts:SourceIdentity", "The source identity the caller passed when assuming the role (needs sts:SetSourceIdentity)."),
    KeyDoc { multivalued: true, ..assume("sts:TransitiveTagKeys", "The session tag keys the caller marked transitive; multivalued.") },
    // SAML assertions (AssumeRoleWithSAML).
    assume("saml:aud", "The SAML assertion's recipient URL (Recipient, not Audience)."),
    assume("saml:iss", "The issuer of the SAML assertion."),
    assume("saml:sub", "The subject (NameID) of the SAML assertion."),
    KeyDoc { values: &["persistent", "transient"], ..assume("saml:sub_type", "The NameID format: persistent, transient, or the full format URI.") },
    assume("saml:namequalifier", "A hash of the issuer, the account ID and the provider name: with saml:sub it identifies the user."),
    assume("saml:doc", "The provider, as ACCOUNT/PROVIDERNAME."),
    assume("saml:cn", "The SAML attribute cn."),
    assume("saml:commonName", "The SAML attribute commonName."),
    assume("saml:givenName", "The SAML attribute givenName."),
    assume("saml:surname", "The SAML attribute surname."),
    assume("saml:mail", "The SAML attribute mail."),
    assume("saml:name", "The SAML attribute name."),
    assume("saml:uid", "The SAML attribute uid."),
    assume("saml:organizationStatus", "The SAML attribute organizationStatus."),
    assume("saml:primaryGroupSID", "The SAML attribute primaryGroupSID."),
    assume("saml:x500UniqueIdentifier", "The SAML attribute x500UniqueIdentifier."),
    // OIDC claims (AssumeRoleWithWebIdentity): PROVIDER:claim.
    KeyDoc { values: &["sts.amazonaws.com"], ..assume("token.actions.githubusercontent.com:aud", "The audience of the GitHub Actions token; sts.amazonaws.com with the official AWS action.") },
    KeyDoc { values: &["repo:ORG/REPO:ref:refs/heads/BRANCH", "repo:ORG/REPO:environment:ENV", "repo:ORG/REPO:pull_request", "repo:ORG/REPO:ref:refs/tags/TAG"], ..assume("token.actions.githubusercontent.com:sub", "The workflow's subject, e.g. repo:ORG/REPO:ref:refs/heads/main. Pin the organization and repository: without it any repository's workflow can assume the role.") },
    assume("token.actions.githubusercontent.com:job_workflow_ref", "The reusable workflow the job runs (ORG/REPO/.github/workflows/FILE@REF)."),
    assume("accounts.google.com:aud", "Google's audience: the azp claim when the token has one, else aud."),
    assume("accounts.google.com:oaud", "Google's aud claim when azp is set."),
    assume("accounts.google.com:sub", "The Google user's subject ID."),
    assume("cognito-identity.amazonaws.com:aud", "The Cognito identity pool ID."),
    assume("cognito-identity.amazonaws.com:sub", "The Cognito identity ID."),
    KeyDoc { multivalued: true, values: &["authenticated", "unauthenticated"], ..assume("cognito-identity.amazonaws.com:amr", "How the Cognito user signed in: unauthenticated, or authenticated plus the login provider; multivalued.") },
    assume("graph.facebook.com:app_id", "The Facebook app ID."),
    assume("graph.facebook.com:id", "The Facebook user ID."),
    assume("www.amazon.com:app_id", "The Login with Amazon app ID."),
    assume("www.amazon.com:user_id", "The Login with Amazon user ID."),
    assume("${ProviderHost}:aud", "The audience (aud) claim of a token from this OIDC provider (its URL without https://)."),
    assume("${ProviderHost}:sub", "The subject (sub) claim of a token from this OIDC provider; for EKS, system:serviceaccount:NAMESPACE:NAME."),
    assume("${ProviderHost}:azp", "The authorized party (azp) claim of a token from this OIDC provider."),
    assume("${ProviderHost}:amr", "The authentication methods (amr) claim of a token from this OIDC provider."),
];

/// The table's entry for a key as a policy writes it, case-insensitively (`aws:PrincipalTag/team`
/// finds `aws:PrincipalTag/${TagKey}`).
pub fn condition_key(written: &str) -> Option<&'static KeyDoc> {
    KEYS.iter().find(|k| k.matches(written))
}

/// A name of the language — an element, a principal type, a value — and what it means. Values may
/// hold `${Name}` placeholders to fill in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub name: &'static str,
    pub meaning: &'static str,
}

const fn term(name: &'static str, meaning: &'static str) -> Term {
    Term { name, meaning }
}

/// The top level of a policy document.
pub const TOP_LEVEL: &[Term] = &[
    term("Version", "The policy language version: \"2012-10-17\" (current; policy variables work) or \"2008-10-17\" (legacy; `${…}` is literal text). Without it, variables are literal too."),
    term("Id", "An optional identifier for the policy (resource-based policies; not for identity-based ones)."),
    term("Statement", "One statement, or an array of statements."),
];

/// The elements of a statement.
pub const STATEMENT: &[Term] = &[
    term("Sid", "An optional statement ID: letters and digits only, unique within the policy."),
    term("Effect", "Whether the statement allows or denies: exactly \"Allow\" or \"Deny\" (case-sensitive)."),
    term("Principal", "Who the statement applies to; only in resource-based policies and trust policies."),
    term("NotPrincipal", "Everyone except the listed principals. Not allowed in trust policies; prefer \"Principal\": \"*\" with an ArnNotEquals aws:PrincipalArn condition."),
    term("Action", "The actions, as service:Name (e.g. s3:GetObject); case-insensitive, `*` matches any run of characters."),
    term("NotAction", "Every action except those listed; with Allow this also grants actions added later."),
    term("Resource", "The resources, as ARNs with `*` and `?` wildcards within a segment, or \"*\". Trust policies have none."),
    term("NotResource", "Every resource except those listed."),
    term("Condition", "Tests on the request: { operator: { key: value or [values] } }. Every test must be true for the statement to apply."),
];

/// The types of a `Principal` map.
pub const PRINCIPAL_TYPES: &[Term] = &[
    term("AWS", "Accounts, IAM users and roles, role sessions and federated users, by ARN or account ID; \"*\" is everyone, anonymous callers included."),
    term("Service", "AWS service principals such as ec2.amazonaws.com, which assume the role for a service."),
    term("Federated", "A SAML or OIDC identity provider (by ARN), or a well-known web identity provider."),
    term("CanonicalUser", "An S3 canonical user ID (S3 policies only)."),
];

/// The elements a statement of `kind` may hold, in the order they are usually written.
pub fn statement_elements(kind: Option<PolicyKind>) -> impl Iterator<Item = &'static Term> {
    STATEMENT.iter().filter(move |e| match (e.name, kind) {
        ("Principal", Some(k)) => k.has_principal(),
        ("NotPrincipal", Some(k)) => k.has_principal() && k != PolicyKind::Trust,
        ("Resource" | "NotResource", Some(PolicyKind::Trust)) => false,
        _ => true,
    })
}

/// The top-level elements a policy of `kind` may hold.
pub fn top_level_elements(kind: Option<PolicyKind>) -> impl Iterator<Item = &'static Term> {
    TOP_LEVEL
        .iter()
        .filter(move |e| e.name != "Id" || kind.is_none_or(|k| k.has_principal()))
}

pub const VERSIONS: &[Term] = &[
    term(
        "2012-10-17",
        "The current language version; policy variables work.",
    ),
    term(
        "2008-10-17",
        "The legacy version: `${…}` is compared as literal text.",
    ),
];

pub const EFFECTS: &[Term] = &[
    term(
        "Allow",
        "The statement allows what it matches, unless something denies it.",
    ),
    term(
        "Deny",
        "The statement denies what it matches; an explicit deny wins over every allow.",
    ),
];

/// The forms of an `AWS` principal.
pub const AWS_PRINCIPALS: &[Term] = &[
    term("arn:aws:iam::${Account}:root", "The account: any principal of it whose own policies allow the call (not only its root user)."),
    term("${Account}", "A 12-digit account ID: the same as arn:aws:iam::ACCOUNT:root."),
    term("arn:aws:iam::${Account}:role/${RoleName}", "A role: the sessions of that role."),
    term("arn:aws:iam::${Account}:user/${UserName}", "An IAM user."),
    term("arn:aws:sts::${Account}:assumed-role/${RoleName}/${SessionName}", "One role session (no wildcards: name it exactly)."),
    term("arn:aws:sts::${Account}:federated-user/${UserName}", "A federated user (GetFederationToken)."),
    term("*", "Everyone, anonymous callers included; add conditions."),
];

pub const SERVICE_PRINCIPALS: &[Term] = &[
    term(
        "ec2.amazonaws.com",
        "EC2: instances get the role through an instance profile.",
    ),
    term(
        "lambda.amazonaws.com",
        "Lambda: a function's execution role.",
    ),
    term("ecs-tasks.amazonaws.com", "ECS: a task role."),
    term("${service}.amazonaws.com", "Another service's principal."),
];

pub const FEDERATED_PRINCIPALS: &[Term] = &[
    term(
        "arn:aws:iam::${Account}:oidc-provider/token.actions.githubusercontent.com",
        "GitHub Actions through an IAM OIDC provider (sts:AssumeRoleWithWebIdentity).",
    ),
    term(
        "arn:aws:iam::${Account}:oidc-provider/${ProviderHost}",
        "An IAM OIDC identity provider (sts:AssumeRoleWithWebIdentity).",
    ),
    term(
        "arn:aws:iam::${Account}:saml-provider/${ProviderName}",
        "An IAM SAML identity provider (sts:AssumeRoleWithSAML).",
    ),
    term(
        "cognito-identity.amazonaws.com",
        "Amazon Cognito identity pools (sts:AssumeRoleWithWebIdentity).",
    ),
    term(
        "accounts.google.com",
        "Google (sts:AssumeRoleWithWebIdentity).",
    ),
    term(
        "graph.facebook.com",
        "Facebook (sts:AssumeRoleWithWebIdentity).",
    ),
    term(
        "www.amazon.com",
        "Login with Amazon (sts:AssumeRoleWithWebIdentity).",
    ),
];

/// The actions a trust policy allows.
pub const ASSUME_ACTIONS: &[Term] = &[
    term("sts:AssumeRole", "Assume the role with AWS credentials: users, roles (role chaining), services, accounts."),
    term("sts:AssumeRoleWithWebIdentity", "Assume the role with an OIDC token (GitHub Actions, EKS, Cognito, Google…)."),
    term("sts:AssumeRoleWithSAML", "Assume the role with a SAML assertion from an identity provider."),
    term("sts:TagSession", "Pass session tags when assuming the role; needed in addition to the assume action whenever tags are passed."),
    term("sts:SetSourceIdentity", "Set a source identity when assuming the role; needed whenever one is passed or inherited."),
];

/// What an operator does: its base meaning, then what its qualifiers change.
pub fn operator_meaning(op: &Operator) -> String {
    let mut text = base_meaning(op.kind).to_owned();
    if op.kind.is_negated() {
        text.push_str(" With several values it is true only when none matches, and it is true when the key is absent.");
    }
    if op.if_exists {
        text.push_str(" IfExists: true when the key is absent; otherwise tested as usual.");
    }
    match op.set {
        Some(SetQualifier::ForAllValues) => text.push_str(" ForAllValues: every value of the request's key must pass; also true when the key is absent or empty."),
        Some(SetQualifier::ForAnyValue) => text.push_str(" ForAnyValue: at least one value of the request's key must pass; false when the key is absent."),
        None => {}
    }
    text
}

fn base_meaning(kind: OperatorKind) -> &'static str {
    use OperatorKind::*;
    match kind {
        StringEquals => "True when the request value equals a policy value exactly (case-sensitive, no wildcards).",
        StringNotEquals => "True when the request value equals no policy value (case-sensitive, no wildcards).",
        StringEqualsIgnoreCase => "True when the request value equals a policy value, ignoring case.",
        StringNotEqualsIgnoreCase => "True when the request value equals no policy value, ignoring case.",
        StringLike => "True when the request value matches a pattern (case-sensitive): `*` matches any run of characters, `?` exactly one.",
        StringNotLike => "True when the request value matches no pattern (case-sensitive; `*` and `?` wildcards).",
        NumericEquals => "True when the request number equals a policy number (integers or decimals).",
        NumericNotEquals => "True when the request number equals no policy number.",
        NumericLessThan => "True when the request number is less than the policy number.",
        NumericLessThanEquals => "True when the request number is less than or equal to the policy number.",
        NumericGreaterThan => "True when the request number is greater than the policy number.",
        NumericGreaterThanEquals => "True when the request number is greater than or equal to the policy number.",
        DateEquals => "True when the request instant equals a policy date (ISO 8601 or epoch seconds).",
        DateNotEquals => "True when the request instant equals no policy date.",
        DateLessThan => "True when the request instant is before the policy date (ISO 8601 or epoch seconds).",
        DateLessThanEquals => "True when the request instant is at or before the policy date.",
        DateGreaterThan => "True when the request instant is after the policy date (ISO 8601 or epoch seconds).",
        DateGreaterThanEquals => "True when the request instant is at or after the policy date.",
        Bool => "True when the request's boolean equals the policy value, \"true\" or \"false\".",
        BinaryEquals => "True when the request's bytes equal the policy value, written in base64.",
        IpAddress => "True when the request's IP address lies in a policy CIDR range (IPv4 or IPv6; a bare IPv4 address is a /32).",
        NotIpAddress => "True when the request's IP address lies in no policy CIDR range.",
        ArnEquals | ArnLike => "True when the request ARN matches a policy ARN segment by segment (each of the six colon-separated parts on its own, case-sensitive; `*` and `?` stay within a part). ArnEquals and ArnLike behave the same.",
        ArnNotEquals | ArnNotLike => "True when the request ARN matches no policy ARN (segment by segment, case-sensitive). ArnNotEquals and ArnNotLike behave the same.",
        Null => "Tests presence: \"true\" means the key must be absent from the request, \"false\" that it must be present.",
    }
}

/// The type of value an operator compares, as AWS names it.
pub fn operator_type(kind: OperatorKind) -> &'static str {
    match kind.family() {
        Family::String => "String",
        Family::Numeric => "Numeric",
        Family::Date => "Date",
        Family::Bool => "Bool",
        Family::Binary => "Binary",
        Family::Ip => "IPAddress",
        Family::Arn => "ARN",
        Family::Null => "presence (Null)",
    }
}

/// Every operator name a policy can write: each base, then its `IfExists` form, then the
/// `ForAllValues:` and `ForAnyValue:` forms (`Null` takes no qualifier).
pub fn all_operators() -> impl Iterator<Item = Operator> {
    let bases = || OperatorKind::all().map(|(_, k)| k);
    let plain = bases().map(|kind| Operator {
        kind,
        if_exists: false,
        set: None,
    });
    let if_exists = bases()
        .filter(|&k| k != OperatorKind::Null)
        .map(|kind| Operator {
            kind,
            if_exists: true,
            set: None,
        });
    let sets = [SetQualifier::ForAnyValue, SetQualifier::ForAllValues]
        .into_iter()
        .flat_map(move |set| {
            bases()
                .filter(|&k| k != OperatorKind::Null)
                .flat_map(move |kind| {
                    [false, true].map(|if_exists| Operator {
                        kind,
                        if_exists,
                        set: Some(set),
                    })
                })
        });
    plain.chain(if_exists).chain(sets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_case_insensitively_and_through_templates() {
        let find = |k: &str| condition_key(k).map(|d| d.name);
        assert_eq!(find("AWS:sourceip"), Some("aws:SourceIp"));
        assert_eq!(
            find("aws:PrincipalTag/team"),
            Some("aws:PrincipalTag/${TagKey}")
        );
        assert_eq!(
            find("aws:PrincipalTag/"),
            None,
            "a template part is never empty"
        );
        assert_eq!(
            find("oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub"),
            Some("${ProviderHost}:sub")
        );
        assert_eq!(
            find("token.actions.githubusercontent.com:sub"),
            Some("token.actions.githubusercontent.com:sub"),
            "exact names come before templates"
        );
        assert_eq!(find("s3:prefix"), None);
        assert_eq!(
            condition_key("aws:principaltype").map(|k| k.values.len()),
            Some(5)
        );
    }

    #[test]
    fn types_read_like_aws() {
        let ty = |k: &str| condition_key(k).map(|d| d.type_name());
        assert_eq!(ty("aws:TagKeys").as_deref(), Some("ArrayOfString"));
        assert_eq!(ty("aws:EpochTime").as_deref(), Some("Date or Numeric"));
        assert_eq!(ty("aws:SourceIp").as_deref(), Some("IPAddress"));
        assert!(condition_key("aws:PrincipalArn").is_some_and(|k| k.accepts(Family::String)));
        assert!(!condition_key("aws:SourceIp").is_some_and(|k| k.accepts(Family::String)));
    }

    #[test]
    fn multivalued_keys_agree_with_the_evaluator() {
        // The keys the evaluator treats as lists (§2.5, and sts:TransitiveTagKeys, ArrayOfString).
        for k in KEYS.iter().filter(|k| !k.name.contains("${")) {
            let expected = crate::is_multivalued_key(k.name);
            assert_eq!(k.multivalued, expected, "{}", k.name);
        }
    }

    #[test]
    fn every_operator_form_parses_back() {
        let all: Vec<Operator> = all_operators().collect();
        // 27 bases, 26 IfExists forms, 26 × 2 × 2 set forms.
        assert_eq!(all.len(), 27 + 26 + 104);
        for op in &all {
            assert_eq!(Operator::parse(&op.name()), Some(*op), "{}", op.name());
            assert!(!operator_meaning(op).is_empty());
        }
        let any = Operator::parse("ForAnyValue:StringLikeIfExists");
        let text = any.map(|o| operator_meaning(&o)).unwrap_or_default();
        assert!(text.contains("`*`") && text.contains("IfExists") && text.contains("ForAnyValue"));
    }

    #[test]
    fn elements_follow_the_policy_kind() {
        let names = |k| {
            statement_elements(Some(k))
                .map(|e| e.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(PolicyKind::Trust),
            [
                "Sid",
                "Effect",
                "Principal",
                "Action",
                "NotAction",
                "Condition"
            ]
        );
        assert!(!names(PolicyKind::Identity).contains(&"Principal"));
        assert!(names(PolicyKind::Resource).contains(&"NotPrincipal"));
        let top = |k| {
            top_level_elements(Some(k))
                .map(|e| e.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(top(PolicyKind::Identity), ["Version", "Statement"]);
        assert_eq!(top(PolicyKind::Trust), ["Version", "Id", "Statement"]);
    }
}
