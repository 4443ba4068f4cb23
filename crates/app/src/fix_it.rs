//! The *Fix it* section's model (no DOM): which steps offer fixes, the ranked verified fixes of one
//! step (`roleplay_fix` over the scenario as the store holds it), their diffs, and the scenario a
//! fix gives when applied.

use roleplay_catalog::Catalog;
use roleplay_fix::{Fix, Report};
use roleplay_sim::{Scenario, StepResult};
use serde_json::Value;

/// How many fixes the section lists.
pub const SHOWN: usize = 5;

/// A step offers fixes when it was denied or failed, or when its outcome differs from its `expect`.
pub fn offered(step: &StepResult) -> bool {
    step.decision != "allowed" || step.expectation.as_ref().is_some_and(|e| !e.met)
}

/// The ranked fixes of step `index` and the document their patches apply to.
#[derive(Debug, Clone, PartialEq)]
pub struct Fixes {
    pub report: Result<Report, String>,
    pub document: Value,
}

pub fn compute(scenario: &Scenario, index: usize, catalog: Option<&Catalog>) -> Fixes {
    let document = serde_json::to_value(scenario).unwrap_or_default();
    let options = roleplay_fix::Options {
        max: SHOWN,
        catalog,
        ..roleplay_fix::Options::default()
    };
    let report = roleplay_fix::fix_document(scenario, &document, &index.to_string(), &options)
        .map_err(|e| e.to_string());
    Fixes { report, document }
}

/// The scenario with `fix` applied. Edited policies are pretty-printed, so the editors show them as
/// a person would write them.
pub fn apply(document: &Value, fix: &Fix) -> Result<Scenario, String> {
    let mut patched = document.clone();
    json_patch_apply(&mut patched, fix)?;
    let text = serde_json::to_string_pretty(&patched).map_err(|e| e.to_string())?;
    roleplay_sim::read(&text).map_err(|e| e.to_string())
}

fn json_patch_apply(doc: &mut Value, fix: &Fix) -> Result<(), String> {
    roleplay_fix::apply_patch(doc, &fix.patch).map_err(|e| e.to_string())
}

#[cfg(test)]
#[allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test fails loudly on the first surprise"
)]
mod tests {
    use super::*;
    use crate::scenario::{default_scenario, set_trust, trust_text};

    #[test]
    fn the_broken_trust_policy_of_the_default_scenario_is_fixed_and_the_text_kept_before() {
        let mut s = default_scenario();
        let broken = trust_text(&s).replace("alice", "bob");
        assert!(set_trust(&mut s, &broken));
        let run = roleplay_sim::run(&s);
        assert_eq!(run.steps[0].decision, "implicitDeny");
        assert!(offered(&run.steps[0]));
        let fixes = compute(&s, 0, None);
        let report = fixes.report.expect("a report");
        let first = report.fixes.first().expect("a fix");
        assert_eq!(first.layer.as_str(), "trust");
        let fixed = apply(&fixes.document, first).expect("applies");
        assert_eq!(roleplay_sim::run(&fixed).steps[0].decision, "allowed");
        // The edited trust policy reads as a person writes it: one key per line.
        assert!(
            trust_text(&fixed).lines().count() > 5,
            "{}",
            trust_text(&fixed)
        );
    }

    #[test]
    fn an_allowed_step_that_meets_its_expectation_offers_nothing() {
        let s = default_scenario();
        let run = roleplay_sim::run(&s);
        let allowed = run
            .steps
            .iter()
            .find(|st| st.decision == "allowed")
            .expect("one");
        assert!(!offered(allowed));
    }
}
