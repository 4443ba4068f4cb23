//! `roleplay run` on every corpus file exits 0; a broken file exits 2 with a located one-line error.
#![cfg(test)]

use std::process::Command;

fn roleplay() -> Command {
    Command::new(env!("CARGO_BIN_EXE_roleplay"))
}

#[test]
fn every_corpus_file_runs_clean() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios");
    let mut count = 0;
    for dir in ["eval", "sts", "service"] {
        for entry in std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            let out = roleplay().arg("run").arg(entry.path()).output();
            let out = match out {
                Ok(o) => o,
                Err(e) => panic!("cannot start roleplay: {e}"),
            };
            assert_eq!(
                out.status.code(),
                Some(0),
                "{}: {}",
                entry.path().display(),
                String::from_utf8_lossy(&out.stdout)
            );
            count += 1;
        }
    }
    assert!(count >= 20);
}

/// The text report names the VPC endpoint a request went through and the service rule that decided,
/// with its source.
#[test]
fn the_timeline_shows_endpoints_and_service_rules() {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios/service");
    let run = |file: &str| {
        let out = roleplay().arg("run").arg(root.join(file)).output().unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let vpce = run("vpc-endpoints-and-tokens.json");
    assert!(
        vpce.contains("    through VPC endpoint vpce-0a1b2c3d: its policy does not allow it\n"),
        "{vpce}"
    );
    let iam = run("iam-service-rules.json");
    assert!(
        iam.contains("    service rule (iam PROTECTED_ROLE, refused; aws-service-rules F2.7, F2.8, F2.10, F2.26): "),
        "{iam}"
    );
}

#[test]
fn exit_codes_follow_the_contract() {
    let dir = std::env::temp_dir().join(format!("roleplay-cli-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        let _ = std::fs::write(&p, text);
        p
    };
    let unknown = write("unknown.json", "{\n  \"roleplay\": 1,\n  \"stpes\": []\n}");
    let out = roleplay().arg("run").arg(&unknown).output().ok();
    let out = out.as_ref();
    assert_eq!(out.and_then(|o| o.status.code()), Some(2));
    let err = out
        .map(|o| String::from_utf8_lossy(&o.stderr).to_string())
        .unwrap_or_default();
    assert!(err.contains("line 3") && err.contains("stpes"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    let version = write("v2.json", "{\"roleplay\": 2}");
    let err = roleplay().arg("run").arg(&version).output().ok();
    assert_eq!(err.as_ref().and_then(|o| o.status.code()), Some(2));
    assert!(err
        .map(|o| String::from_utf8_lossy(&o.stderr).contains("version 1"))
        .unwrap_or(false));

    let failing = write(
        "fail.json",
        r#"{"roleplay":1,"principals":[{"type":"user","arn":"arn:aws:iam::111122223333:user/a"}],
            "steps":[{"as":"arn:aws:iam::111122223333:user/a","action":"s3:ListAllMyBuckets","expect":"allowed"}]}"#,
    );
    let out = roleplay().arg("run").arg(&failing).output().ok();
    assert_eq!(out.as_ref().and_then(|o| o.status.code()), Some(1));
    let text = out
        .map(|o| String::from_utf8_lossy(&o.stdout).to_string())
        .unwrap_or_default();
    assert!(text.contains("FAILED EXPECTATION"), "{text}");

    let json = roleplay()
        .args(["run", "--json"])
        .arg(&failing)
        .output()
        .ok();
    let doc: serde_json::Value = json
        .and_then(|o| serde_json::from_slice(&o.stdout).ok())
        .unwrap_or_default();
    assert_eq!(doc["steps"][0]["decision"], "implicitDeny");
    assert_eq!(doc["steps"][0]["error"]["code"], "AccessDenied");
}

#[test]
fn a_reader_that_goes_away_is_no_panic() {
    // `roleplay run … | head -1`: the pipe closes while the timeline is still being written.
    use std::process::Stdio;
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/scenarios/timeline/working-day.json");
    let mut child = roleplay()
        .args(["run", "--json"])
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}
