//! Scenario-level findings (§7 quotas and names, the timeline's own mistakes): each is reported with
//! its code at the JSON path of what caused it, and a clean scenario has none of them.
#![cfg(test)]

use roleplay_sim::{read, run};

const TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole"}]}"#;

/// The codes and paths a scenario with these principals and steps gets.
fn findings(principals: &str, steps: &str) -> Vec<(String, String)> {
    let text = format!(r#"{{"roleplay": 1, "principals": [{principals}], "steps": [{steps}]}}"#);
    let s = read(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    run(&s)
        .findings
        .into_iter()
        .map(|f| (f.code.to_string(), f.path.to_string()))
        .collect()
}

fn has(all: &[(String, String)], code: &str, path: &str) -> bool {
    all.iter().any(|(c, p)| c == code && p == path)
}

fn role(name: &str, extra: &str) -> String {
    format!(
        r#"{{"type": "role", "arn": "arn:aws:iam::111122223333:role/{name}", "trustPolicy": {TRUST}{extra}}}"#
    )
}

const ALICE: &str = r#"{"type": "user", "arn": "arn:aws:iam::111122223333:user/alice"}"#;

#[test]
fn a_clean_scenario_has_no_scenario_findings() {
    let all = findings(&format!("{ALICE}, {}", role("App", "")), "");
    assert!(all.is_empty(), "{all:?}");
}

#[test]
fn quotas_of_section_7() {
    let managed: Vec<String> = (0..11)
        .map(|i| format!(r#"{{"arn": "arn:aws:iam::111122223333:policy/p{i}", "name": "p{i}", "document": {{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}]}}}}"#))
        .collect();
    let tags: Vec<String> = (0..51).map(|i| format!(r#""k{i}": "v""#)).collect();
    let all = findings(
        &format!(
            "{ALICE}, {}, {}, {}",
            role("Many", &format!(r#", "policies": [{}]"#, managed.join(","))),
            role("Tagged", &format!(r#", "tags": {{{}}}"#, tags.join(","))),
            role("Long", r#", "maxSessionDuration": 50000"#),
        ),
        "",
    );
    assert!(
        has(
            &all,
            "QUOTA_MANAGED_POLICIES_PER_ROLE",
            "principals[1].policies"
        ),
        "{all:?}"
    );
    assert!(
        has(&all, "QUOTA_TAGS_PER_PRINCIPAL", "principals[2].tags"),
        "{all:?}"
    );
    assert!(
        has(
            &all,
            "MAX_SESSION_DURATION_RANGE",
            "principals[3].maxSessionDuration"
        ),
        "{all:?}"
    );
}

/// §1.9: names are unique case-insensitively in an account, whatever the path; another account's
/// role of the same name is fine.
#[test]
fn names_are_unique_up_to_case() {
    let all = findings(
        &format!(
            r#"{ALICE}, {}, {{"type": "role", "arn": "arn:aws:iam::111122223333:role/team/APP", "trustPolicy": {TRUST}}}, {{"type": "role", "arn": "arn:aws:iam::444455556666:role/app", "trustPolicy": {TRUST}}}"#,
            role("App", "")
        ),
        "",
    );
    assert!(has(&all, "DUPLICATE_NAME", "principals[2].arn"), "{all:?}");
    assert!(!has(&all, "DUPLICATE_NAME", "principals[3].arn"), "{all:?}");
}

#[test]
fn timeline_mistakes_are_reported_where_they_are() {
    let all = findings(
        &format!("{ALICE}, {}", role("App", "")),
        r#"{"id": "a", "as": "arn:aws:iam::111122223333:user/alice", "action": "sts:AssumeRole",
            "params": {"RoleArn": "arn:aws:iam::111122223333:role/Nope", "RoleSessionName": "s1"}, "expect": "implicitDeny"},
           {"as": "a", "action": "s3:GetObject", "resource": "*", "expect": "InvalidClientTokenId"},
           {"as": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "*",
            "context": {"aws:PrincipalArn": "arn:aws:iam::111122223333:user/bob"}}"#,
    );
    assert!(has(&all, "AS_FAILED_STEP", "steps[1].as"), "{all:?}");
    assert!(
        has(&all, "DERIVED_KEY_OVERRIDDEN", "steps[2].context"),
        "{all:?}"
    );
}

/// Values that do not read are reported where they are (docs/fidelity.md): in a policy, for the
/// operator's type; in a step's context, for the key's type.
#[test]
fn unreadable_values_are_reported() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/scenarios/eval/unreadable-values.json"),
    )
    .unwrap();
    let result = roleplay_sim::run_text(&text).unwrap();
    let messages: Vec<(String, String, String)> = result
        .findings
        .iter()
        .map(|f| (f.code.to_string(), f.path.clone(), f.message.clone()))
        .collect();
    let expected = [
        ("INVALID_CONDITION_VALUE", "principals[0].policies[0].document", "\"10.0.0.0/99\" is not an IP address or CIDR block (e.g. 203.0.113.0/24): every request counts as not matching it, so NotIpAddress holds."),
        ("INVALID_CONDITION_VALUE", "principals[1].policies[0].document", "\"10.0.0.0/99\" is not an IP address or CIDR block (e.g. 203.0.113.0/24): no request matches it."),
        ("INVALID_CONDITION_VALUE", "principals[2].policies[0].document", "\"yesterday\" is not a date (ISO 8601, e.g. 2026-01-01T00:00:00Z) or epoch seconds: no request matches it."),
        ("INVALID_CONTEXT_VALUE", "steps[4].context.aws:SourceIp", "\"10.0.0.0/8\" is not of type IPAddress, which aws:SourceIp holds: conditions on it match nothing, and negated ones (NotIpAddress, DateNotEquals…) hold."),
    ];
    for (code, path, message) in expected {
        assert!(
            messages.contains(&(code.into(), path.into(), message.into())),
            "{code} {path}: {messages:?}"
        );
    }
    // The explanation names what it could not read.
    let json = serde_json::to_value(&result).unwrap();
    let unreadable = |step: usize| {
        json.pointer(&format!(
            "/steps/{step}/explanation/policies/0/statements/0/conditions/0/unreadable"
        ))
        .cloned()
    };
    assert_eq!(unreadable(0), Some(serde_json::json!(["10.0.0.0/99"])));
    assert_eq!(unreadable(4), Some(serde_json::json!(["10.0.0.0/8"])));
}

/// Times the clock cannot hold are "out of range", not "not an instant"; a session that outlives
/// the clock does not expire at once.
#[test]
fn clock_edges() {
    let err = |text: &str| read(text).err().map(|e| e.message).unwrap_or_default();
    assert_eq!(
        err(r#"{"roleplay": 1, "start": "9999-12-31T00:00:00Z"}"#),
        "\"9999-12-31T00:00:00Z\" is out of range: the simulated clock runs from -9999-01-02T01:59:59Z to 9999-12-30T22:00:00Z"
    );
    assert_eq!(
        err(r#"{"roleplay": 1, "steps": [{"at": "+90000000h", "revokeSessions": "arn:aws:iam::111122223333:role/R"}]}"#),
        "\"+90000000h\" is out of range: the simulated clock runs from -9999-01-02T01:59:59Z to 9999-12-30T22:00:00Z"
    );
    assert_eq!(
        err(r#"{"roleplay": 1, "steps": [{"at": "soon", "revokeSessions": "arn:aws:iam::111122223333:role/R"}]}"#),
        "\"soon\" is not an RFC 3339 instant or an offset such as 2026-01-01T00:00:00Z, +90s, +5m or +1h30m"
    );
    let inline = |duration: &str| {
        format!(
            r#"{{"roleplay": 1, "principals": [{{"type": "role", "arn": "arn:aws:iam::111122223333:role/R", "trustPolicy": {TRUST}, "policies": [{{"name": "p", "document": {{"Version": "2012-10-17", "Statement": {{"Effect": "Allow", "Action": "*", "Resource": "*"}}}}}}]}}],
            "steps": [{{"as": {{"session": {{"role": "arn:aws:iam::111122223333:role/R", "name": "s", "durationSeconds": {duration}}}}}, "action": "s3:ListAllMyBuckets", "resource": "*"}}]}}"#
        )
    };
    let result = roleplay_sim::run_text(&inline(&i64::MAX.to_string())).unwrap();
    let step = result.steps.first().unwrap();
    assert_eq!(step.decision, "allowed", "{:?}", step.error);
    assert_eq!(
        err(&inline("-5")),
        "durationSeconds must be a positive number of seconds"
    );
}
