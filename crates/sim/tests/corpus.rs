//! The conformance corpus: every scenario under tests/scenarios runs and meets every expectation.
//! Each file must name the fact-sheet rules it checks (sections of `docs/aws-rules.md`), and every step must carry an `expect`.
#![cfg(test)]

use std::path::Path;

include!("support/corpus_list.rs");

mod support {
    pub mod scenario_files;
}
use support::scenario_files::scenario_files as corpus;

#[test]
fn every_corpus_expectation_holds() {
    let files = corpus();
    assert!(files.len() >= 20, "corpus not found");
    let mut failures = Vec::new();
    let mut expectations = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let scenario = match roleplay_sim::read(&text) {
            Ok(s) => s,
            Err(e) => {
                failures.push(format!("{}: {e}", file.display()));
                continue;
            }
        };
        if scenario.rules.is_empty() {
            failures.push(format!("{}: names no rules", file.display()));
        }
        let result = roleplay_sim::run(&scenario);
        for (step, r) in scenario.steps.iter().zip(&result.steps) {
            match &r.expectation {
                None => failures.push(format!("{} step {}: no expect", file.display(), r.index)),
                Some(x) if !x.met => failures.push(format!(
                    "{} step {} ({}): expected {}{}, got {} ({})",
                    file.display(),
                    r.index,
                    step.id.as_deref().unwrap_or("?"),
                    x.expected,
                    x.expected_message
                        .as_deref()
                        .map(|m| format!(" \"{m}\""))
                        .unwrap_or_default(),
                    x.actual,
                    r.error.as_ref().map(|e| e.message.as_str()).unwrap_or("")
                )),
                Some(_) => expectations += 1,
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(expectations >= 400, "only {expectations} expectations");
}

#[test]
fn the_wasm_corpus_list_is_complete() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios");
    let on_disk: Vec<String> = corpus()
        .iter()
        .filter_map(|p| {
            p.strip_prefix(&root)
                .ok()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    let listed: Vec<&str> = CORPUS.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        on_disk, listed,
        "run: python3 tests/scenarios/list.py > crates/sim/tests/support/corpus_list.rs"
    );
}

/// The page reads each run back from its worker's JSON: every result of the corpus (each rule text,
/// flow stage, decision, trap and service rule it holds) reads back to the same JSON.
#[test]
fn every_corpus_result_reads_back_unchanged() {
    let files = corpus();
    assert!(files.len() >= 20, "corpus not found");
    let mut failures = Vec::new();
    let mut steps = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let Ok(scenario) = roleplay_sim::read(&text) else {
            continue;
        };
        let json = serde_json::to_string(&roleplay_sim::run(&scenario)).unwrap_or_default();
        match serde_json::from_str::<roleplay_sim::RunResult>(&json) {
            Ok(back) if serde_json::to_string(&back).unwrap_or_default() == json => {
                steps += back.steps.len();
            }
            Ok(_) => failures.push(format!("{}: read back differently", file.display())),
            Err(e) => failures.push(format!("{}: {e}", file.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(steps >= 400, "only {steps} steps");
}
