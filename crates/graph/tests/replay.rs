//! Replaying a path: the steps chain (each acting as the session the step before started) where the
//! runner allows it, carry what the inline sessions carried, and — appended to the scenario and read
//! back like any file — every one is allowed. Proved for every path to every role of every gallery
//! and corpus scenario.
#![cfg(test)]

use roleplay_graph::{build, query, replays, SAMPLE};
use serde_json::Value;
mod support;

use std::path::Path;
use support::scenarios;

/// The decisions of `steps` appended to the scenario `text`, run from the file's text.
fn appended(text: &str, steps: &[roleplay_sim::Step]) -> Vec<String> {
    let mut doc: Value = serde_json::from_str(text).unwrap();
    let before = doc["steps"].as_array().map_or(0, Vec::len);
    let mut all = doc["steps"].as_array().cloned().unwrap_or_default();
    all.extend(steps.iter().map(|s| serde_json::to_value(s).unwrap()));
    doc["steps"] = Value::Array(all);
    let scenario = roleplay_sim::read(&doc.to_string()).unwrap_or_else(|e| panic!("{e}: {doc}"));
    roleplay_sim::run(&scenario).steps[before..]
        .iter()
        .map(|r| r.decision.to_string())
        .collect()
}

#[test]
fn a_role_chain_replays_as_one_chain_carrying_its_source_identity() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/scenarios/gallery/source-identity-chain.json");
    let text = std::fs::read_to_string(file).unwrap();
    let s = roleplay_sim::read(&text).unwrap();
    let g = build(&s, SAMPLE).unwrap();
    let admin = "arn:aws:iam::111122223333:role/AuditedAdmin";
    let paths = query::who_can_reach(&g, admin);
    let path = paths
        .iter()
        .find(|p| p.edges.len() == 2)
        .expect("alice → Jump → AuditedAdmin");
    let steps = replays(&s, &g, std::slice::from_ref(path)).remove(0);
    let json: Vec<Value> = steps
        .iter()
        .map(|s| serde_json::to_value(s).unwrap())
        .collect();
    // The second step acts as the first one's session, which asked for the source identity the
    // admin role's trust wants — the chain carries it, not an inline session.
    assert_eq!(json[0]["id"], "session-Jump", "{json:#?}");
    assert_eq!(json[1]["as"], "session-Jump", "{json:#?}");
    assert!(json[0]["params"]["SourceIdentity"].is_string(), "{json:#?}");
    assert_eq!(appended(&text, &steps), ["allowed", "allowed"]);
}

#[test]
fn a_chain_the_runner_refuses_stays_self_contained() {
    // Jump's trust does not allow sts:SetSourceIdentity: alice cannot start a session carrying the
    // source identity AuditedAdmin wants, so the second step keeps its own inline session.
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/scenarios/gallery/source-identity-chain.json");
    let text = std::fs::read_to_string(file).unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    for p in doc["principals"].as_array_mut().unwrap() {
        if p["arn"] == "arn:aws:iam::111122223333:role/Jump" {
            p["trustPolicy"]["Statement"][0]["Action"] = Value::from("sts:AssumeRole");
        }
    }
    let text = doc.to_string();
    let s = roleplay_sim::read(&text).unwrap();
    let g = build(&s, SAMPLE).unwrap();
    let paths = query::who_can_reach(&g, "arn:aws:iam::111122223333:role/AuditedAdmin");
    let path = paths
        .iter()
        .find(|p| p.edges.len() == 2)
        .expect("alice → Jump → AuditedAdmin");
    let steps = replays(&s, &g, std::slice::from_ref(path)).remove(0);
    assert!(steps.iter().all(|st| st.id.is_none()), "{steps:#?}");
    assert_eq!(appended(&text, &steps), ["allowed", "allowed"]);
}

#[test]
fn every_path_of_every_scenario_replays_allowed() {
    let (mut paths, mut chained, mut failures) = (0, 0, Vec::new());
    for file in scenarios() {
        let text = std::fs::read_to_string(&file).unwrap();
        let Ok(s) = roleplay_sim::read(&text) else {
            continue;
        };
        let g = build(&s, SAMPLE).unwrap();
        let mut all: Vec<_> = g
            .nodes
            .iter()
            .flat_map(|n| query::who_can_reach(&g, &n.id))
            .collect();
        all.extend(query::escalation(&g));
        for (p, steps) in all.iter().zip(replays(&s, &g, &all)) {
            paths += 1;
            chained += usize::from(steps.iter().any(|st| st.id.is_some()));
            let decisions = appended(&text, &steps);
            if decisions.iter().any(|d| d != "allowed") {
                failures.push(format!(
                    "{}: {} → {}: {decisions:?}",
                    file.display(),
                    p.from,
                    p.to
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {paths} paths:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        paths >= 30 && chained >= 5,
        "{paths} paths, {chained} chained"
    );
}
