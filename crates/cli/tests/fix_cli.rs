//! `roleplay fix`: the JSON report's names, the text report's diff, and the exit statuses (0: a fix,
//! 1: nothing to fix, 2: an unreadable scenario or an unknown step).
#![cfg(test)]

use std::process::{Command, Output};

const SCENARIO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/scenarios/gallery/cross-account-external-id.json"
);
const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../catalog/tests/fixtures/catalog.json"
);

fn fix(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_roleplay"))
        .current_dir(std::env::temp_dir())
        .arg("fix")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot start roleplay: {e}"))
}

#[test]
fn the_json_report_names_the_step_the_outcomes_and_ranked_fixes() {
    let out = fix(&[
        SCENARIO,
        "--step",
        "wrong-id",
        "--json",
        "--catalog",
        FIXTURE,
    ]);
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["step"], "wrong-id");
    assert_eq!(report["from"], "implicitDeny");
    assert_eq!(report["to"], "allowed");
    let first = &report["fixes"][0];
    assert_eq!(first["layer"], "requestParameter");
    assert_eq!(
        first["summary"],
        "Pass `ExternalId` `acme-7f3k9q2x` in the AssumeRole call"
    );
    assert_eq!(first["patch"][0]["op"], "add");
    assert!(first["grantsAlso"]["patterns"].is_array());
    assert!(first["otherSteps"].is_array());
    let trust = report["fixes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["layer"] == "trust")
        .unwrap();
    assert_eq!(trust["policy"]["path"], "principals[0].trustPolicy");
}

#[test]
fn the_text_report_shows_the_policy_diff() {
    let out = fix(&[SCENARIO, "--step", "no-id"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Step no-id: implicitDeny → allowed"),
        "{text}"
    );
    assert!(text.contains("Pass `ExternalId`"), "{text}");
    assert!(text.contains("+++ /principals/0/trustPolicy"), "{text}");
}

#[test]
fn exit_statuses_say_what_happened() {
    assert_eq!(fix(&[SCENARIO, "--step", "ok"]).status.code(), Some(1));
    assert_eq!(fix(&[SCENARIO, "--step", "nope"]).status.code(), Some(2));
    let bad = std::env::temp_dir().join("roleplay-fix-cli-bad.json");
    std::fs::write(&bad, "{\"roleplay\": 1, \"steps\": [}").unwrap();
    assert_eq!(
        fix(&[bad.to_str().unwrap(), "--step", "0"]).status.code(),
        Some(2)
    );
}

#[test]
fn scenario_text_reaches_the_terminal_escaped() {
    let scenario = serde_json::json!({"roleplay": 1,
        "principals": [{"type": "user", "arn": "arn:aws:iam::111122223333:user/alice"}],
        "steps": [{"id": "evil\u{1b}]0;pwned\u{7}", "as": "arn:aws:iam::111122223333:user/alice",
                   "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}]});
    let file = std::env::temp_dir().join("roleplay-fix-cli-escape.json");
    std::fs::write(&file, scenario.to_string()).unwrap();
    let out = fix(&[file.to_str().unwrap(), "--step", "0"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(text.contains("evil\\u{1b}]0;pwned\\u{7}"), "{text}");
}
