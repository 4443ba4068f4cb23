//! The *Fix it* section's model (no DOM): which steps offer fixes, the request the *Fix it* worker
//! answers with the ranked verified fixes of one step (`roleplay_worker`; the engine itself runs
//! in the worker, `crate::worker`), and the scenario a fix gives when applied.

use roleplay_sim::{Scenario, StepResult};
use roleplay_worker::{FixView, Found, Job};

/// How many fixes the section lists.
pub const SHOWN: usize = 5;

/// A step offers fixes when it was denied or failed, or when its outcome differs from its `expect`.
pub fn offered(step: &StepResult) -> bool {
    step.decision != "allowed" || step.expectation.as_ref().is_some_and(|e| !e.met)
}

/// The ranked fixes of one step, or why there are none.
pub type Fixes = Result<Found, String>;

/// The worker's job: the fixes of step `index`.
pub fn job(scenario: &Scenario, index: usize) -> Job {
    Job::Fix {
        scenario: crate::scenario_json::value(scenario),
        step: index,
        max: SHOWN,
    }
}

/// The scenario with the fix applied (the worker applied it; its text is read like any scenario).
pub fn apply(fix: &FixView) -> Result<Scenario, String> {
    roleplay_sim::read(&fix.fixed).map_err(|e| e.to_string())
}

/// What the worker computes, computed in this thread: for tests and native callers, which have no
/// worker.
pub fn compute(scenario: &Scenario, index: usize) -> Fixes {
    let request = roleplay_worker::Request {
        id: 1,
        job: job(scenario, index),
    };
    let text = roleplay_worker::answer(&serde_json::to_string(&request).unwrap_or_default());
    match serde_json::from_str::<roleplay_worker::Reply>(&text).map(|r| r.answer) {
        Ok(roleplay_worker::Answer::Fixes(fixes)) => fixes,
        _ => Err("no fixes".into()),
    }
}

#[cfg(test)]
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
        let found = compute(&s, 0).expect("fixes");
        let first = found.fixes.first().expect("a fix");
        assert_eq!(first.layer, "trust");
        let fixed = apply(first).expect("applies");
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
