//! `roleplay test`: a folder of scenarios, one expectation failing — exit 1, the failure on its own
//! line, the counts, and the JUnit XML with that test case failed.
#![cfg(test)]

use std::process::Command;

const SCENARIO: &str = r#"{"roleplay": 1, "principals": [{"type": "user", "arn": "arn:aws:iam::111122223333:user/alice",
  "policies": [{"name": "read", "document": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}}]}],
  "steps": [
    {"id": "read", "as": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "expect": "allowed"},
    {"id": "write", "as": "arn:aws:iam::111122223333:user/alice", "action": "s3:PutObject", "resource": "arn:aws:s3:::b/k", "expect": "EXPECT"},
    {"as": "arn:aws:iam::111122223333:user/alice", "action": "s3:DeleteObject", "resource": "arn:aws:s3:::b/k"}
  ]}"#;

#[test]
fn a_folder_with_one_failed_expectation() {
    let dir = std::env::temp_dir().join(format!("roleplay-test-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("nested")).unwrap();
    std::fs::write(
        dir.join("good.json"),
        SCENARIO.replace("EXPECT", "implicitDeny"),
    )
    .unwrap();
    std::fs::write(
        dir.join("nested/bad.json"),
        SCENARIO.replace("EXPECT", "allowed"),
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not a scenario").unwrap();
    let junit = dir.join("report.xml");
    let out = Command::new(env!("CARGO_BIN_EXE_roleplay"))
        .arg("test")
        .arg(&dir)
        .arg("--junit")
        .arg(&junit)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let bad = dir.join("nested/bad.json");
    assert_eq!(
        stdout,
        format!(
            "FAIL {} step 2 [write]: expected allowed, got implicitDeny: User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the s3:PutObject action\nroleplay test: 2 scenarios\n3 passed, 1 failed\n",
            bad.display()
        )
    );
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(
        xml.contains(r#"tests="4""#) && xml.contains(r#"failures="1""#),
        "{xml}"
    );
    assert!(xml.contains(r#"<testcase name="step 2 [write]">"#), "{xml}");
    assert!(
        xml.contains(r#"<failure message="expected allowed, got implicitDeny"#),
        "{xml}"
    );
    // Every expectation holding: exit 0.
    let out = Command::new(env!("CARGO_BIN_EXE_roleplay"))
        .arg("test")
        .arg(dir.join("good.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("2 passed, 0 failed\n"));
    // A path that is not there: exit 2.
    let out = Command::new(env!("CARGO_BIN_EXE_roleplay"))
        .args(["test", "/nonexistent"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "roleplay: /nonexistent: no such file or folder\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
