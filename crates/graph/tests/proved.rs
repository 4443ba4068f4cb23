//! Every edge of every gallery and corpus scenario is proved: its step, appended to the scenario
//! as JSON and read back like any file, is allowed by the runner — with no step id to lean on.
#![cfg(test)]

mod support;

use support::scenarios;

#[test]
fn every_edge_of_every_scenario_is_allowed_when_appended() {
    let files = scenarios();
    assert!(files.len() >= 40, "corpus not found");
    let (mut edges, mut failures) = (0, Vec::new());
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let Ok(scenario) = roleplay_sim::read(&text) else {
            continue;
        };
        let graph = roleplay_graph::build(&scenario, roleplay_graph::SAMPLE).unwrap();
        for edge in &graph.edges {
            edges += 1;
            let step = serde_json::to_value(&edge.step).unwrap();
            // Self-contained: its caller is an ARN or an object, never an earlier step's id.
            match &step["as"] {
                serde_json::Value::String(s) => {
                    assert!(s.starts_with("arn:"), "{}: as {s}", file.display())
                }
                serde_json::Value::Object(_) => {}
                other => panic!("{}: as {other}", file.display()),
            }
            let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
            doc["steps"]
                .as_array_mut()
                .map(|s| s.push(step.clone()))
                .unwrap_or_else(|| doc["steps"] = serde_json::json!([step]));
            let appended = roleplay_sim::read(&doc.to_string())
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let result = roleplay_sim::run(&appended);
            let last = result.steps.last().unwrap();
            if last.decision != "allowed" {
                failures.push(format!(
                    "{}: {} → {} ({}): {} {:?}",
                    file.display(),
                    edge.from,
                    edge.to,
                    edge.kind.as_str(),
                    last.decision,
                    last.error
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {edges} edges not allowed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(edges >= 40, "only {edges} edges in the whole corpus");
}
