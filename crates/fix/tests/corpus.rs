//! Every step of the gallery and of the conformance corpus whose outcome is a denial or an error
//! (the whole corpus reads, so none is a malformed scenario): the first fix, applied with the JSON
//! Patch library to the scenario document and re-run, reaches the target outcome. The steps with no
//! fix are listed with their reason; those AWS makes impossible whatever the scenario holds (a
//! service's own rule refused, or temporary credentials asked for more) must say why in their own
//! words, and the count of the others is held to a ceiling.
#![cfg(test)]

use roleplay_fix::{fix, Options};

#[path = "../../sim/tests/support/scenario_files.rs"]
mod scenario_files;
use scenario_files::scenario_files as corpus;

/// The steps with no verified fix, AWS's impossibilities aside, may not grow past this (see the report
/// printed by the test).
const MAX_WITHOUT_FIX: usize = 11;

/// The reason the engine gives when it simply found nothing: an impossibility must say more.
const GENERIC: &str = "candidate changes (single or paired) reached the outcome";

/// No change to the scenario can allow this step: a service rule refused it (a protected role, an
/// AWS managed policy, what GetSessionToken/GetFederationToken credentials may call), temporary
/// credentials asked for other temporary credentials, or an AWS managed key's own policy (which no
/// one edits) refused it.
fn impossible(scenario: &roleplay_sim::Scenario, step: &roleplay_sim::StepResult) -> bool {
    let aws_key = scenario
        .resources
        .iter()
        .any(|r| Some(&r.arn) == step.resource.as_ref() && r.aws_managed == Some(true));
    let by_rule = step
        .explanation
        .as_ref()
        .is_some_and(|e| e.service_rules.iter().any(|r| r.refused));
    let by_credentials = step
        .error
        .as_ref()
        .is_some_and(|e| e.message.starts_with("Cannot call"));
    // A protected role refuses any change outside a policy evaluation too (revoking its sessions).
    let protected = step
        .error
        .as_ref()
        .is_some_and(|e| e.code == "UnmodifiableEntity");
    by_rule || by_credentials || aws_key || protected
}

#[test]
fn the_first_fix_of_every_denied_or_failed_step_verifies() {
    let files = corpus();
    assert!(files.len() >= 40, "corpus not found");
    let (mut fixed, mut without, mut impossibles) = (0, Vec::new(), Vec::new());
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let scenario = roleplay_sim::read(&text).unwrap();
        let run = roleplay_sim::run(&scenario);
        for (i, step) in run.steps.iter().enumerate() {
            if step.decision == "allowed" {
                continue;
            }
            let report = fix(
                &text,
                &i.to_string(),
                &Options {
                    target: Some("allowed"),
                    ..Options::default()
                },
            )
            .unwrap_or_else(|e| panic!("{}: step {i}: {e}", file.display()));
            let name = format!(
                "{} step {} ({} {})",
                file.file_name().unwrap().to_string_lossy(),
                report.step,
                report.from,
                step.action
            );
            let Some(first) = report.fixes.first() else {
                let reason = report.reason.unwrap_or_default();
                if impossible(&scenario, step) {
                    assert!(
                        !reason.is_empty() && !reason.contains(GENERIC),
                        "{name}: AWS makes this impossible, but the reason does not say why: {reason}"
                    );
                    impossibles.push(format!("{name}: {reason}"));
                } else {
                    without.push(format!("{name}: {reason}"));
                }
                continue;
            };
            // Applied independently of the engine: the JSON Patch library on the file's document.
            let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
            json_patch::patch(&mut doc, &first.patch)
                .unwrap_or_else(|e| panic!("{name}: the patch does not apply: {e}"));
            let patched = roleplay_sim::read(&doc.to_string())
                .unwrap_or_else(|e| panic!("{name}: the patched scenario does not read: {e}"));
            let rerun = roleplay_sim::run(&patched);
            let inserted = rerun.steps.len() - run.steps.len();
            let after = &rerun.steps[i + inserted];
            assert_eq!(
                after.decision, "allowed",
                "{name}: first fix \"{}\" does not verify: {:?}",
                first.summary, after.error
            );
            fixed += 1;
        }
    }
    println!(
        "denied or failed steps: {} with a verified fix, {} impossible by AWS's rules, {} without",
        fixed,
        impossibles.len(),
        without.len()
    );
    for w in &impossibles {
        println!("  impossible: {w}");
    }
    for w in &without {
        println!("  no fix: {w}");
    }
    assert!(fixed >= 60, "only {fixed} steps fixed");
    assert!(
        without.len() <= MAX_WITHOUT_FIX,
        "{} steps without a fix:\n{}",
        without.len(),
        without.join("\n")
    );
}
