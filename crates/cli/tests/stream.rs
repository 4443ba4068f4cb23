//! `roleplay run --json` streams: the first step's JSON is out long before the run ends, the
//! document is the same JSON as the whole result, and `--explain deciding` keeps what decided.
#![cfg(test)]

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

fn scenario(steps: usize) -> String {
    let step = r#"{"as": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}"#;
    format!(
        r#"{{"roleplay": 1, "principals": [{{"type": "user", "arn": "arn:aws:iam::111122223333:user/alice",
        "policies": [{{"name": "p", "document": {{"Version": "2012-10-17", "Statement": [
          {{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}},
          {{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}},
          {{"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}}]}}}}]}}],
        "steps": [{}]}}"#,
        vec![step; steps].join(",")
    )
}

/// `roleplay ARGS` reading a scenario of `steps` steps on its standard input (already written).
fn spawn(args: &[&str], steps: usize) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_roleplay"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(scenario(steps).as_bytes()).unwrap();
    child
}

#[test]
fn the_first_step_is_out_before_the_run_ends() {
    let mut child = spawn(&["run", "-", "--json"], 5_000);
    let started = Instant::now();
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let mut chunk = [0u8; 4096];
    // Until the first step's object is complete: `{"roleplay":1,"steps":[{…},`.
    while !String::from_utf8_lossy(&seen).contains("},{\"index\":1") {
        let n = stdout.read(&mut chunk).unwrap();
        assert!(n > 0, "the output ended before a second step");
        seen.extend_from_slice(&chunk[..n]);
    }
    let first = started.elapsed();
    stdout.read_to_end(&mut seen).unwrap();
    assert!(child.wait().unwrap().success());
    let all = started.elapsed();
    assert!(
        first * 4 < all,
        "the first step came after {first:?} of a {all:?} run: not streamed"
    );
    let doc: serde_json::Value = serde_json::from_slice(&seen).unwrap();
    assert_eq!(doc["steps"].as_array().map(Vec::len), Some(5_000));
}

#[test]
fn deciding_keeps_what_decided_and_full_keeps_everything() {
    let run = |args: &[&str]| {
        let out = spawn(args, 1).wait_with_output().unwrap();
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let deciding = run(&["run", "-", "--json"]);
    let full = run(&["run", "-", "--json", "--explain", "full", "--pretty"]);
    let explanation = |doc: &serde_json::Value| doc["steps"][0]["explanation"].clone();
    assert_eq!(
        explanation(&full)["policies"][0]["statements"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    assert_eq!(
        explanation(&deciding)["policies"][0]["statements"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(
        explanation(&deciding)["policies"][0]["statements"][0]["index"],
        0
    );
    assert_eq!(
        explanation(&deciding)["deciding"],
        serde_json::json!([{"policy": 0, "statement": 0}])
    );
    assert_eq!(
        explanation(&full)["deciding"],
        serde_json::json!([{"policy": 0, "statement": 0}])
    );
    assert_eq!(explanation(&deciding)["flow"], explanation(&full)["flow"]);
    assert_eq!(deciding["steps"][0]["decision"], "allowed");
}
