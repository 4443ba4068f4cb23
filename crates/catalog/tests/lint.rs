//! Catalog lint, data-driven: each case is a policy and the findings it must give (code, line,
//! column of the start of the flagged element), against the hand-written fixture catalog.
#![cfg(test)]
use roleplay_catalog::{lint, Catalog};
use roleplay_policy::{parse, ParseOptions, PolicyKind, Severity};

const FIXTURE: &str = include_str!("fixtures/catalog.json");

fn findings(kind: PolicyKind, policy: &str) -> Vec<(&'static str, u32, u32, String)> {
    let catalog = match Catalog::from_json(FIXTURE) {
        Ok(c) => c,
        Err(e) => panic!("fixture: {e}"),
    };
    let parsed = parse(policy, &ParseOptions::kind(kind));
    let Some(doc) = parsed.document else {
        panic!("policy does not parse: {:?}", parsed.findings)
    };
    lint(&doc, &catalog)
        .into_iter()
        .map(|f| {
            assert_eq!(f.severity, Severity::Warning);
            assert!(
                f.message.ends_with('.') || f.message.ends_with('?'),
                "{}",
                f.message
            );
            (
                f.code.as_str(),
                f.location.start_line,
                f.location.start_column,
                f.message,
            )
        })
        .collect()
}

/// (name, policy statements (one per line inside `Statement`), expected (code, line, column, message part))
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, u32, u32, &'static str)],
);

const CASES: &[Case] = &[
    (
        "known actions and wildcards are quiet",
        r#"{"Effect": "Allow", "Action": ["s3:GetObject", "s3:Get*", "S3:LISTBUCKET", "*"], "Resource": "*"}"#,
        &[],
    ),
    (
        "unknown service",
        r#"{"Effect": "Allow", "Action": ["s4:GetObject", "nosuchservice:Do"], "Resource": "*"}"#,
        &[
            ("UNKNOWN_SERVICE", 4, 32, "did you mean `s3`?"),
            (
                "UNKNOWN_SERVICE",
                4,
                48,
                "`nosuchservice` is not a known service prefix.",
            ),
        ],
    ),
    (
        "unknown action with a suggestion",
        r#"{"Effect": "Allow", "Action": "s3:GetObjet", "Resource": "*"}"#,
        &[("UNKNOWN_ACTION", 4, 31, "did you mean `s3:GetObject`?")],
    ),
    (
        "unknown action without a suggestion",
        r#"{"Effect": "Deny", "NotAction": "iam:LaunchRocket", "Resource": "*"}"#,
        &[(
            "UNKNOWN_ACTION",
            4,
            33,
            "`iam:LaunchRocket` is not an action of AWS Identity",
        )],
    ),
    (
        "wildcard that matches nothing",
        r#"{"Effect": "Allow", "Action": ["s3:Delete*", "x*:Get*"], "Resource": "*"}"#,
        &[
            (
                "ACTION_MATCHES_NOTHING",
                4,
                32,
                "`s3:Delete*` matches no action",
            ),
            (
                "ACTION_MATCHES_NOTHING",
                4,
                46,
                "`x*:Get*` matches no action",
            ),
        ],
    ),
    (
        "specific resource on actions that only support *",
        r#"{"Effect": "Allow", "Action": ["s3:ListAllMyBuckets", "ec2:Describe*", "s3:GetObject"], "Resource": "arn:aws:s3:::bucket/*"}"#,
        &[
            (
                "RESOURCE_NOT_SUPPORTED",
                4,
                32,
                "`s3:ListAllMyBuckets` does not support",
            ),
            (
                "RESOURCE_NOT_SUPPORTED",
                4,
                55,
                "none of the 2 actions `ec2:Describe*` matches",
            ),
        ],
    ),
    (
        "a * resource next to ARNs is fine",
        r#"{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": ["arn:aws:s3:::bucket", "*"]}"#,
        &[],
    ),
    (
        "condition key of another service",
        r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": "home/", "iam:PassedToService": "ec2.amazonaws.com", "aws:SourceVpc": "vpc-1", "s3:ExistingObjectTag/Owner": "me", "myidp.example.com:sub": "x"}}}"#,
        &[
            (
                "CONDITION_KEY_NOT_APPLICABLE",
                4,
                95,
                "`s3:prefix` is not a condition key",
            ),
            (
                "CONDITION_KEY_NOT_APPLICABLE",
                4,
                117,
                "`iam:PassedToService`",
            ),
        ],
    ),
    (
        "resource-type keys count, and wildcards that reach the key",
        r#"{"Effect": "Allow", "Action": ["s3:List*", "ec2:CreateSnapshot"], "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": "home/", "ec2:ResourceTag/team": "a"}, "DateGreaterThan": {"ec2:SnapshotTime": "2024-01-01T00:00:00Z"}}}"#,
        &[],
    ),
    (
        "String operator on a Date key",
        r#"{"Effect": "Allow", "Action": "ec2:CreateSnapshot", "Resource": "*", "Condition": {"StringLike": {"ec2:SnapshotTime": "2024-*"}}}"#,
        &[(
            "OPERATOR_TYPE_MISMATCH",
            4,
            84,
            "StringLike compares String values, but `ec2:SnapshotTime` is of type Date.",
        )],
    ),
    (
        "String operators fit ARN keys; Bool does not fit String",
        r#"{"Effect": "Allow", "Action": "ec2:StopInstances", "Resource": "*", "Condition": {"StringLike": {"ec2:SourceInstanceARN": "arn:*"}, "ArnLike": {"ec2:SourceInstanceARN": "arn:*"}, "Bool": {"ec2:ResourceTag/x": "true"}}}"#,
        &[(
            "OPERATOR_TYPE_MISMATCH",
            4,
            180,
            "Bool compares Bool values",
        )],
    ),
    (
        "single-valued operator on a multivalued key",
        r#"{"Effect": "Allow", "Action": ["s3:PutObject", "ec2:TerminateInstances"], "Resource": "*", "Condition": {"StringEquals": {"aws:TagKeys": "team"}, "ForAnyValue:StringEquals": {"ec2:AvailabilityZones": "a"}, "StringLike": {"ec2:AvailabilityZones": "b*"}}}"#,
        &[
            (
                "MISSING_SET_OPERATOR",
                4,
                106,
                "`aws:TagKeys` is multivalued (ArrayOfString), but StringEquals has no",
            ),
            (
                "MISSING_SET_OPERATOR",
                4,
                207,
                "`ec2:AvailabilityZones` is multivalued",
            ),
        ],
    ),
    (
        "Null fits every key",
        r#"{"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*", "Condition": {"Null": {"aws:TagKeys": "true", "s3:TlsVersion": "true"}}}"#,
        &[],
    ),
    (
        "keys are not judged when an action is unknown or negated",
        r#"{"Effect": "Allow", "Action": ["s3:GetObject", "s3:Nope"], "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "x"}}}"#,
        &[("UNKNOWN_ACTION", 4, 48, "`s3:Nope`")],
    ),
];

fn wrap(statement: &str) -> String {
    format!("{{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n{statement}\n  ]\n}}\n")
}

#[test]
fn every_lint_code() {
    let mut failures = Vec::new();
    for (name, statement, expected) in CASES {
        let got = findings(PolicyKind::Identity, &wrap(statement));
        let ok = got.len() == expected.len()
            && got
                .iter()
                .zip(expected.iter())
                .all(|(g, e)| g.0 == e.0 && g.1 == e.1 && g.2 == e.2 && g.3.contains(e.3));
        if !ok {
            failures.push(format!(
                "{name}:\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn trust_policy_keys_of_identity_providers() {
    let policy = wrap(
        r#"{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:o/r:*", "sts:ExternalId": "x"}}}"#,
    );
    let got = findings(PolicyKind::Trust, &policy);
    let codes: Vec<_> = got.iter().map(|f| (f.0, f.3.as_str())).collect();
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert!(
        codes
            .iter()
            .all(|(c, m)| *c == "CONDITION_KEY_NOT_APPLICABLE" && m.contains("sts:ExternalId")),
        "{codes:?}"
    );
}

#[test]
fn every_code_is_covered() {
    let codes = [
        "UNKNOWN_SERVICE",
        "UNKNOWN_ACTION",
        "ACTION_MATCHES_NOTHING",
        "RESOURCE_NOT_SUPPORTED",
        "CONDITION_KEY_NOT_APPLICABLE",
        "OPERATOR_TYPE_MISMATCH",
        "MISSING_SET_OPERATOR",
    ];
    for code in codes {
        assert!(
            CASES.iter().any(|(_, _, e)| e.iter().any(|f| f.0 == code)),
            "{code}"
        );
    }
}

mod never_panics {
    use super::FIXTURE;
    use proptest::prelude::*;
    use roleplay_catalog::{lint, Catalog};
    use roleplay_policy::{parse, ParseOptions, PolicyKind};

    fn part() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9:*?/${}._-]{0,16}",
            Just("s3:Get*".to_string()),
            Just("*".to_string()),
            Just("aws:TagKeys".to_string()),
            Just("ec2:ResourceTag/x".to_string()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn on_any_statement(
            action in part(),
            not in any::<bool>(),
            resource in part(),
            op in prop::sample::select(vec!["StringEquals", "ForAnyValue:StringLike", "DateLessThan", "Bool", "ArnLike", "Null", "NumericEqualsIfExists", "IpAddress"]),
            key in part(),
        ) {
            let catalog = Catalog::from_json(FIXTURE).unwrap_or_default();
            let element = if not { "NotAction" } else { "Action" };
            let text = serde_json::json!({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", element: [action], "Resource": resource,
                               "Condition": {op: {key: "v"}}}]
            })
            .to_string();
            if let Some(doc) = parse(&text, &ParseOptions::kind(PolicyKind::Identity)).document {
                for f in lint(&doc, &catalog) {
                    prop_assert!(f.location.end <= text.len());
                }
            }
        }
    }
}

#[test]
fn suggestions_come_with_the_strings_new_text() {
    let catalog = match Catalog::from_json(FIXTURE) {
        Ok(c) => c,
        Err(e) => panic!("fixture: {e}"),
    };
    let replacements = |policy: &str| -> Vec<Option<String>> {
        let parsed = parse(&wrap(policy), &ParseOptions::kind(PolicyKind::Identity));
        let Some(doc) = parsed.document else {
            panic!("policy does not parse: {:?}", parsed.findings)
        };
        lint(&doc, &catalog)
            .into_iter()
            .map(|f| f.replacement)
            .collect()
    };
    assert_eq!(
        replacements(r#"{"Effect": "Allow", "Action": "s3:GetObjet", "Resource": "*"}"#),
        [Some("\"s3:GetObject\"".to_string())]
    );
    assert_eq!(
        replacements(r#"{"Effect": "Allow", "Action": "s4:GetObject", "Resource": "*"}"#),
        [Some("\"s3:GetObject\"".to_string())]
    );
    // No suggestion, no replacement.
    assert_eq!(
        replacements(r#"{"Effect": "Deny", "NotAction": "iam:LaunchRocket", "Resource": "*"}"#),
        [None]
    );
}
