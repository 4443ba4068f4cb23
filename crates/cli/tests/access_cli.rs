//! `roleplay access`: the effective permissions of a role over the catalog, through the real
//! evaluation (the boundary caps the role's policy here), and clear errors for a bad subject.
#![cfg(test)]

use std::process::{Command, Output};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../catalog/tests/fixtures/catalog.json"
);
const SCENARIO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/scenarios/gallery/permissions-boundary.json"
);

fn access(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_roleplay"))
        .current_dir(std::env::temp_dir())
        .args(["access", SCENARIO, "--catalog", FIXTURE])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot start roleplay: {e}"))
}

#[test]
fn a_role_has_what_its_policy_and_its_boundary_both_allow() {
    let out = access(&["--role", "arn:aws:iam::111122223333:role/DevRole"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // DevFull allows iam:* and s3:*; DevBoundary allows s3:GetObject and s3:ListBucket only;
    // sts:GetCallerIdentity needs no permission.
    assert!(
        text.contains("assumed-role/DevRole/effective-access on *: 3 of"),
        "{text}"
    );
    assert!(text.contains("GetCallerIdentity"), "{text}");
    assert!(
        text.contains("List                    ListBucket"),
        "{text}"
    );
    assert!(text.contains("Read                    GetObject"), "{text}");
    assert!(!text.contains("iam —"), "the boundary caps iam:*: {text}");
    assert!(!text.contains("PutObject"), "{text}");
}

#[test]
fn a_bad_subject_is_one_line_and_exit_2() {
    for args in [
        vec!["--session", "no-such-step"],
        vec!["--role", "arn:aws:iam::111122223333:role/Nope"],
        vec![],
    ] {
        let out = access(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("roleplay: "), "{err}");
    }
}

#[test]
fn by_default_it_answers_on_which_resources_and_one_arn_lists_only_its_types_actions() {
    let default = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../studio/src/scenarios/default.json"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_roleplay"))
        .args(["access", default, "--catalog", FIXTURE, "--session", "0"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(
            "Resources its policies name:\non arn:aws:s3:::reports-bucket/*: s3:GetObject\n"
        ),
        "{text}"
    );
    let out = access(&[
        "--role",
        "arn:aws:iam::111122223333:role/DevRole",
        "--resource",
        "arn:aws:s3:::some-bucket",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ListBucket"), "{text}");
    assert!(
        !text.contains("GetObject"),
        "an object action on a bucket: {text}"
    );
    assert!(
        !text.contains("GetCallerIdentity"),
        "takes no resource: {text}"
    );
}
