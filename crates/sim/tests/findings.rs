//! Scenario-level findings (§7 quotas and names, the timeline's own mistakes): each is reported with
//! its code at the JSON path of what caused it, and a clean scenario has none of them.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    reason = "a test fails loudly on purpose"
)]

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
