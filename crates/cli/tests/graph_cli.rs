//! `roleplay graph`: the JSON document in the shape, whose edge steps the runner allows; DOT;
//! the path questions; clear errors.
#![cfg(test)]

use serde_json::Value;
use std::process::{Command, Output};

const GALLERY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/scenarios/gallery/"
);
const DEV: &str = "arn:aws:iam::111122223333:user/dev";
const ADMIN: &str = "arn:aws:iam::111122223333:role/LambdaAdmin";

fn roleplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_roleplay"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot start roleplay: {e}"))
}

fn file(name: &str) -> String {
    format!("{GALLERY}{name}.json")
}

#[test]
fn json_has_nodes_edges_and_paths_and_every_step_runs_allowed() {
    let scenario = file("passrole-lambda-escalation");
    let out = roleplay(&["graph", &scenario, "--json", "--escalation"]);
    assert_eq!(out.status.code(), Some(0));
    let g: Value = serde_json::from_slice(&out.stdout).unwrap();
    let dev = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == DEV)
        .unwrap();
    assert_eq!(
        (dev["kind"].as_str(), dev["privilege"].as_str()),
        (Some("user"), Some("can-escalate"))
    );
    let admin = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == ADMIN)
        .unwrap();
    assert_eq!(admin["privilege"], "admin-equivalent");
    let edges = g["edges"].as_array().unwrap();
    let pass = edges
        .iter()
        .position(|e| e["from"] == DEV && e["to"] == ADMIN)
        .unwrap();
    assert_eq!(edges[pass]["kind"], "passRole");
    assert_eq!(
        edges[pass]["needs"]["iam:PassedToService"],
        "lambda.amazonaws.com"
    );
    assert!(edges
        .iter()
        .all(|e| e["limits"].is_object() && e["step"].is_object()));
    assert_eq!(g["paths"][0]["edges"], serde_json::json!([pass]));
    // Each edge's step, appended to the scenario, is allowed by `roleplay run`.
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&scenario).unwrap()).unwrap();
    for e in edges {
        let mut appended = doc.clone();
        appended["steps"]
            .as_array_mut()
            .unwrap()
            .push(e["step"].clone());
        let path = std::env::temp_dir().join(format!("graph-cli-{}.json", std::process::id()));
        std::fs::write(&path, appended.to_string()).unwrap();
        let run = roleplay(&["run", path.to_str().unwrap(), "--json"]);
        let result: Value = serde_json::from_slice(&run.stdout).unwrap();
        let last = result["steps"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["decision"], "allowed", "{e}");
    }
}

#[test]
fn who_can_reach_lists_the_three_account_chain_with_its_conditions() {
    let out = roleplay(&[
        "graph",
        &file("confused-deputy-three-accounts"),
        "--who-can-reach",
        "arn:aws:iam::111122223333:role/AcmeBillingFixed",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let longest = text.lines().find(|l| l.starts_with("path 3:")).unwrap();
    assert!(
        longest.starts_with("path 3: arn:aws:iam::777788889999:user/mallory ⇒"),
        "{text}"
    );
    assert!(
        text.contains("needs sts:ExternalId=acme-7f3k9q2x"),
        "{text}"
    );
    assert!(text.contains("role chaining: one-hour cap"), "{text}");
}

#[test]
fn dot_draws_every_node_and_edge() {
    let out = roleplay(&[
        "graph",
        &file("role-chaining-one-hour-cap"),
        "--dot",
        "--reachable-from",
        "arn:aws:iam::111122223333:user/alice",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let dot = String::from_utf8(out.stdout).unwrap();
    assert!(dot.starts_with("digraph roleplay {"));
    assert_eq!(dot.matches(" -> ").count(), 2, "{dot}");
    assert!(
        dot.contains("penwidth=3"),
        "the reachable paths are bold: {dot}"
    );
}

#[test]
fn an_unknown_node_or_an_unreadable_file_is_exit_2() {
    let out = roleplay(&[
        "graph",
        &file("role-chaining-one-hour-cap"),
        "--who-can-reach",
        "arn:aws:iam::1:role/Nope",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a node of the graph"));
    let out = roleplay(&["graph", "/nonexistent/scenario.json"]);
    assert_eq!(out.status.code(), Some(2));
    let out = roleplay(&[
        "graph",
        &file("role-chaining-one-hour-cap"),
        "--json",
        "--dot",
    ]);
    assert_eq!(out.status.code(), Some(2));
}
