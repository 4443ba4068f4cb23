//! `roleplay lint --catalog`: catalog findings join the policy's own, located; a bad catalog path
//! is a one-line error with exit status 2.
#![cfg(test)]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../catalog/tests/fixtures/catalog.json"
);

fn lint(policy: &str, args: &[&str]) -> Output {
    let dir = std::env::temp_dir().join(format!("roleplay-lint-catalog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let file: PathBuf = dir.join(format!(
        "policy-{}.json",
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&file, policy).unwrap();
    // Run from the temporary directory so the default `target/catalog/catalog.json` is never found.
    match Command::new(env!("CARGO_BIN_EXE_roleplay"))
        .current_dir(&dir)
        .arg("lint")
        .arg(&file)
        .args(["--kind", "identity"])
        .args(args)
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("cannot start roleplay: {e}"),
    }
}

const POLICY: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObjet", "Resource": "*"}
  ]
}
"#;

#[test]
fn catalog_findings_are_added() {
    let out = lint(POLICY, &["--catalog", FIXTURE]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains(":4:35: Warning UNKNOWN_ACTION: `s3:GetObjet` is not an action of Amazon S3; did you mean `s3:GetObject`?"),
        "{stdout}"
    );
    let json = lint(POLICY, &["--catalog", FIXTURE, "--json"]);
    let findings: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(findings[0]["code"], "UNKNOWN_ACTION");
    assert_eq!(findings[0]["location"]["startLine"], 4);
}

#[test]
fn without_a_catalog_there_are_no_catalog_findings() {
    let out = lint(POLICY, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(!stdout.contains("UNKNOWN_ACTION"), "{stdout}");
}

#[test]
fn a_bad_catalog_is_an_error() {
    let out = lint(POLICY, &["--catalog", "/nonexistent/catalog.json"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("roleplay: /nonexistent/catalog.json:"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}
