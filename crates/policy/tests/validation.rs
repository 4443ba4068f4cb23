//! Data-driven table: documents AWS accepts and rejects, with the expected codes and locations.
#![cfg(test)]

use roleplay_policy::{parse, ParseOptions, PolicyKind, Severity};

/// (kind, policy text, expected finding codes "CODE@line:col" in severity-then-position order).
fn check(kind: PolicyKind, text: &str, expected: &[&str]) {
    let parsed = parse(text, &ParseOptions::kind(kind));
    let got: Vec<String> = parsed
        .findings
        .iter()
        .map(|f| {
            format!(
                "{}@{}:{}",
                f.code, f.location.start_line, f.location.start_column
            )
        })
        .collect();
    assert_eq!(got, expected, "for {text}");
}

const ALLOW_S3: &str = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#;

#[test]
fn valid_documents_have_no_findings() {
    check(PolicyKind::Identity, ALLOW_S3, &[]);
    check(
        PolicyKind::Identity,
        r#"{"Statement":[{"Resource":["arn:aws:s3:::b/*"],"Action":["s3:GetObject","s3:PutObject"],"Effect":"Deny"}]}"#,
        &[],
    );
    check(
        PolicyKind::Trust,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x1"},"NumericLessThan":{"aws:MultiFactorAuthAge":3600},"Bool":{"aws:SecureTransport":true}}}]}"#,
        &[],
    );
    check(
        PolicyKind::Resource,
        r#"{"Version":"2008-10-17","Id":"q","Statement":[{"Sid":"Public read","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#,
        &[],
    );
}

#[test]
fn json_errors_carry_line_and_column() {
    check(
        PolicyKind::Identity,
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n}",
        &["INVALID_JSON@4:1"],
    );
    check(PolicyKind::Identity, "", &["EMPTY_DOCUMENT@1:1"]);
    check(PolicyKind::Identity, "[]", &["NOT_AN_OBJECT@1:1"]);
    check(
        PolicyKind::Identity,
        "{\"Statement\":[],}",
        &["INVALID_JSON@1:16"],
    );
}

#[test]
fn effect_must_be_exact() {
    let text = "{\"Statement\":{\n\"Effect\":\"allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}";
    let parsed = parse(text, &ParseOptions::kind(PolicyKind::Identity));
    let f = parsed.findings.first();
    assert_eq!(
        f.map(|f| (
            f.code.as_str(),
            f.location.start_line,
            f.location.start_column
        )),
        Some(("INVALID_EFFECT", 2, 10))
    );
    assert_eq!(
        f.and_then(|f| f.aws_message.as_deref()),
        Some("The policy failed legacy parsing")
    );
    assert!(parsed.has_errors());
    // The editors offer the intended word in place of the string, quotes and all.
    assert_eq!(f.and_then(|f| f.replacement.as_deref()), Some("\"Allow\""));
    let replaced = |effect: &str| {
        let text = format!(
            "{{\"Statement\":{{\"Effect\":{effect},\"Action\":\"s3:*\",\"Resource\":\"*\"}}}}"
        );
        parse(&text, &ParseOptions::kind(PolicyKind::Identity))
            .findings
            .first()
            .and_then(|f| f.replacement.clone())
    };
    assert_eq!(replaced("\"DENY\"").as_deref(), Some("\"Deny\""));
    assert_eq!(replaced("\"Permit\""), None);
    assert_eq!(replaced("true"), None);
}

#[test]
fn structural_errors() {
    check(
        PolicyKind::Identity,
        r#"{"Statement":{"Effect":"Allow","Resource":"*"}}"#,
        &["MISSING_ACTION@1:14"],
    );
    check(
        PolicyKind::Identity,
        r#"{"Statement":{"Effect":"Allow","Action":"s3:*","NotAction":"s3:Get*","Resource":"*"}}"#,
        &["ACTION_AND_NOTACTION@1:48", "NOTACTION_WITH_ALLOW@1:48"],
    );
    check(
        PolicyKind::Identity,
        r#"{"Statement":{"Effect":"Allow","Effect":"Deny","Action":"s3:*","Resource":"*"}}"#,
        &["DUPLICATE_KEY@1:32"],
    );
    check(
        PolicyKind::Identity,
        r#"{"Version":"2012-10-18","Statement":[]}"#,
        &["INVALID_VERSION@1:12"],
    );
    check(
        PolicyKind::Identity,
        r#"{"Statment":[]}"#,
        &["MISSING_STATEMENT@1:1", "UNKNOWN_ELEMENT@1:2"],
    );
    check(
        PolicyKind::Identity,
        r#"{"Statement":[{"Sid":"a-b","Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
        &["INVALID_SID@1:22"],
    );
    check(
        PolicyKind::Identity,
        r#"{"Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#,
        &["DUPLICATE_SID@1:82"],
    );
    check(
        PolicyKind::Identity,
        r#"{"Statement":{"Effect":"Allow","Action":"s3","Resource":"*"}}"#,
        &["INVALID_ACTION@1:41"],
    );
    check(
        PolicyKind::Identity,
        r#"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"bucket"}}"#,
        &["INVALID_RESOURCE@1:59"],
    );
    check(
        PolicyKind::Identity,
        r#"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s*:::b"}}"#,
        &["WILDCARD_IN_SERVICE@1:59"],
    );
    // §1.3: Id belongs in resource-based policies; elsewhere it is a warning.
    check(
        PolicyKind::Identity,
        r#"{"Id":"x","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#,
        &["ID_IN_IDENTITY_POLICY@1:7"],
    );
    check(
        PolicyKind::Resource,
        r#"{"Id":"x","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#,
        &[],
    );
    // §1.9: the resource type may not be wildcarded; a whole-part `*`, a typed `user/*` and an S3
    // bucket pattern (no type) are fine.
    check(
        PolicyKind::Identity,
        r#"{"Statement":{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::123456789012:u*"}}"#,
        &["WILDCARD_IN_RESOURCE_TYPE@1:60"],
    );
    for fine in [
        "arn:aws:iam::123456789012:*",
        "arn:aws:iam::123456789012:user/*",
        "arn:aws:s3:::my-bucket*",
        "arn:aws:logs:*:*:log-group:app-*",
    ] {
        check(
            PolicyKind::Identity,
            &format!(r#"{{"Statement":{{"Effect":"Allow","Action":"*","Resource":"{fine}"}}}}"#),
            &[],
        );
    }
    check(
        PolicyKind::Identity,
        r#"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualz":{"a:b":"c"}}}}"#,
        &["UNKNOWN_OPERATOR@1:76"],
    );
    check(
        PolicyKind::Resource,
        "{\"Statement\":[], \"Id\":\"\u{263A}\"}",
        &["INVALID_CHARACTER@1:24"],
    );
    // Latin-1 is allowed (U+00FF the last), U+0100 is the first character out of range, and a
    // control character other than tab and line breaks is refused wherever it stands.
    check(
        PolicyKind::Resource,
        "{\"Statement\":[], \"Id\":\"caf\u{E9} \u{FF}\"}",
        &[],
    );
    check(
        PolicyKind::Resource,
        "{\"Statement\":[], \"Id\":\"\u{E9}\u{100}\"}",
        &["INVALID_CHARACTER@1:25"],
    );
    check(
        PolicyKind::Resource,
        "{\"Statement\":[],\t\"Id\":\"a\u{1}\"}",
        &["INVALID_CHARACTER@1:25"],
    );
}

#[test]
fn kind_rules() {
    let with_principal =
        r#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}"#;
    check(
        PolicyKind::Identity,
        with_principal,
        &["PRINCIPAL_NOT_ALLOWED@1:32"],
    );
    check(
        PolicyKind::ServiceControl,
        with_principal,
        &["PRINCIPAL_NOT_ALLOWED@1:32"],
    );
    check(PolicyKind::Resource, ALLOW_S3, &["MISSING_PRINCIPAL@1:37"]);
    check(
        PolicyKind::Trust,
        r#"{"Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}}"#,
        &["RESOURCE_IN_TRUST@1:102"],
    );
    check(
        PolicyKind::Trust,
        r#"{"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}}"#,
        &["NOTPRINCIPAL_IN_TRUST@1:31"],
    );
    check(
        PolicyKind::Identity,
        r#"{"Statement":{"Effect":"Allow","Action":"s3:*"}}"#,
        &["MISSING_RESOURCE@1:14"],
    );
    check(
        PolicyKind::ResourceControl,
        r#"{"Statement":{"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}}"#,
        &["RCP_PRINCIPAL@1:31"],
    );
}

#[test]
fn principal_forms() {
    let trust = |p: &str| {
        format!(
            r#"{{"Statement":{{"Effect":"Allow","Principal":{p},"Action":"sts:AssumeRole","Condition":{{"Bool":{{"aws:SecureTransport":"true"}}}}}}}}"#
        )
    };
    for ok in [
        r#""*""#,
        r#"{"AWS":"*"}"#,
        r#"{"AWS":"111122223333"}"#,
        r#"{"AWS":["arn:aws:iam::111122223333:user/a/b","arn:aws:iam::111122223333:role/R","arn:aws:sts::111122223333:assumed-role/R/s","arn:aws:sts::111122223333:federated-user/f","AROAEXAMPLEID12345678"]}"#,
        r#"{"Service":["ec2.amazonaws.com","lambda.amazonaws.com"]}"#,
        r#"{"Federated":"arn:aws:iam::111122223333:saml-provider/Okta"}"#,
        r#"{"Federated":"cognito-identity.amazonaws.com"}"#,
    ] {
        check(PolicyKind::Trust, &trust(ok), &[]);
    }
    for bad in [
        r#"{"AWS":"arn:aws:iam::*:root"}"#,
        r#"{"AWS":"arn:aws:iam::111122223333:user/*"}"#,
        r#"{"AWS":"arn:aws:sts::111122223333:assumed-role/R/*"}"#,
        r#"{"AWS":"alice"}"#,
        r#"{"Group":"x"}"#,
        r#""alice""#,
    ] {
        let parsed = parse(&trust(bad), &ParseOptions::kind(PolicyKind::Trust));
        assert!(
            parsed
                .findings
                .iter()
                .any(|f| f.code.as_str() == "INVALID_PRINCIPAL"),
            "{bad}"
        );
    }
}

#[test]
fn size_counts_without_whitespace() {
    let parsed = parse(
        "{ \"Statement\" : [ ] }",
        &ParseOptions::kind(PolicyKind::Identity),
    );
    assert_eq!(parsed.size, 16);
}

fn lint_codes(
    kind: PolicyKind,
    account: Option<&str>,
    text: &str,
) -> Vec<(&'static str, Severity)> {
    let options = ParseOptions {
        kind: Some(kind),
        account: account.map(String::from),
    };
    parse(text, &options)
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.severity))
        .collect()
}

#[test]
fn lint_findings() {
    use Severity::*;
    let open = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}}"#;
    assert_eq!(
        lint_codes(PolicyKind::Trust, None, open),
        [("TRUST_OPEN_TO_ANYONE", Security)]
    );
    let cross = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole"}}"#;
    assert_eq!(
        lint_codes(PolicyKind::Trust, Some("111122223333"), cross),
        [("CROSS_ACCOUNT_WITHOUT_EXTERNAL_ID", Suggestion)]
    );
    assert_eq!(
        lint_codes(PolicyKind::Trust, Some("444455556666"), cross),
        []
    );
    let gh = |cond: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Allow","Principal":{{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{cond}}}}}"#
        )
    };
    assert_eq!(
        lint_codes(
            PolicyKind::Trust,
            None,
            &gh(
                r#"{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}"#
            )
        ),
        [("GITHUB_OIDC_WITHOUT_SUB", Security)]
    );
    assert_eq!(
        lint_codes(
            PolicyKind::Trust,
            None,
            &gh(r#"{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/*"}}"#)
        ),
        [
            ("GITHUB_OIDC_WILDCARD_SUB", Security),
            ("GITHUB_OIDC_WITHOUT_AUD", Warning)
        ]
    );
    assert_eq!(
        lint_codes(
            PolicyKind::Trust,
            None,
            &gh(
                r#"{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/app:*"},"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}"#
            )
        ),
        []
    );
    let notp = r#"{"Statement":{"Effect":"Allow","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}}"#;
    assert_eq!(
        lint_codes(PolicyKind::Resource, None, notp),
        [("NOTPRINCIPAL_WITH_ALLOW", Security)]
    );
    let nota =
        r#"{"Statement":{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::x"}}"#;
    assert_eq!(
        lint_codes(PolicyKind::Identity, None, nota),
        [
            ("NOTACTION_WITH_ALLOW", Warning),
            ("NOTRESOURCE_WITH_ALLOW", Warning)
        ]
    );
    let pass = r#"{"Statement":{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}}"#;
    assert_eq!(
        lint_codes(PolicyKind::Identity, None, pass),
        [("PASSROLE_ON_ANY_ROLE", Security)]
    );
    let set = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:SourceVpc":"vpc-1"}}}}"#;
    assert_eq!(
        lint_codes(PolicyKind::Identity, None, set),
        [
            ("SET_OPERATOR_ON_SINGLE_VALUED_KEY", Warning),
            ("FORANYVALUE_WITH_DENY", Warning)
        ]
    );
    let allset = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":"a"}}}}"#;
    assert_eq!(
        lint_codes(PolicyKind::Identity, None, allset),
        [("FORALLVALUES_WITH_ALLOW", Warning)]
    );
    let never = r#"{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:dynamodb:us-east-1:111122223333:table/t"}}"#;
    assert_eq!(
        lint_codes(PolicyKind::Identity, None, never),
        [("STATEMENT_NEVER_MATCHES", Warning)]
    );
    let dup = r#"{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:getobject"],"Resource":"*"},{"Effect":"Allow","Action":["s3:GetObject","s3:getobject"],"Resource":"*"}]}"#;
    assert_eq!(
        lint_codes(PolicyKind::Identity, None, dup),
        [
            ("DUPLICATE_VALUE", Suggestion),
            ("REDUNDANT_STATEMENT", Suggestion),
            ("DUPLICATE_VALUE", Suggestion)
        ]
    );
    let ip = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceIp":"1.2.3.4"}}}}"#;
    assert_eq!(
        lint_codes(PolicyKind::Identity, None, ip),
        [("OPERATOR_DOES_NOT_FIT_KEY", Warning)]
    );
    // Every key of the reference is typed: a tag template, an STS key, the epoch (Date or Numeric).
    let typed = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"NumericEquals":{"sts:ExternalId":"7","aws:EpochTime":"1700000000"},"DateLessThan":{"aws:PrincipalTag/since":"2026-01-01T00:00:00Z"}}}}"#;
    let parsed = parse(typed, &ParseOptions::kind(PolicyKind::Trust));
    let fits: Vec<(&str, Option<&str>)> = parsed
        .findings
        .iter()
        .filter(|f| f.code.as_str() == "OPERATOR_DOES_NOT_FIT_KEY")
        .map(|f| (f.message.as_str(), f.fix.as_deref()))
        .collect();
    assert_eq!(
        fits,
        [
            (
                "NumericEquals compares Numeric values, but sts:ExternalId holds String values.",
                Some("Use a String operator.")
            ),
            (
                "DateLessThan compares Date values, but aws:PrincipalTag/since holds String values.",
                Some("Use a String operator.")
            )
        ]
    );
    let ip_fix = parse(ip, &ParseOptions::kind(PolicyKind::Identity))
        .findings
        .into_iter()
        .find_map(|f| f.fix);
    assert_eq!(ip_fix.as_deref(), Some("Use an IpAddress operator."));
    let var = r#"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}}"#;
    assert_eq!(
        lint_codes(PolicyKind::Identity, None, var),
        [("VARIABLE_WITHOUT_VERSION", Warning)]
    );
}

#[test]
fn an_unknown_operator_names_the_likely_one_and_offers_it() {
    let finding = |op: &str| {
        let text = format!(
            r#"{{"Statement":{{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{{"{op}":{{"aws:SourceIp":"10.0.0.0/8"}}}}}}}}"#
        );
        parse(&text, &ParseOptions::kind(PolicyKind::Identity))
            .findings
            .into_iter()
            .find(|f| f.code.as_str() == "UNKNOWN_OPERATOR")
            .map(|f| (f.message, f.replacement))
    };
    let (message, replacement) = finding("StringEqualz").unwrap_or_default();
    assert!(
        message.ends_with("did you mean \"StringEquals\"?"),
        "{message}"
    );
    assert_eq!(replacement.as_deref(), Some("\"StringEquals\""));
    // Operators are case-sensitive; the intended one differs only in case.
    let (_, replacement) = finding("ipaddress").unwrap_or_default();
    assert_eq!(replacement.as_deref(), Some("\"IpAddress\""));
    let (_, replacement) = finding("ForAnyValue:StringLikee").unwrap_or_default();
    assert_eq!(replacement.as_deref(), Some("\"ForAnyValue:StringLike\""));
    // Nothing close: no guess.
    let (message, replacement) = finding("Frobnicate").unwrap_or_default();
    assert!(
        message.ends_with("(operators are case-sensitive)."),
        "{message}"
    );
    assert_eq!(replacement, None);
}
