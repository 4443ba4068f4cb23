//! Verification: a candidate's patch is applied to the scenario document, the patched document is
//! read and the whole scenario runs again; the candidate stands only if the target step reaches the
//! target outcome. The re-run also says which other steps changed.

use crate::candidate::Candidate;
use crate::report::StepChange;
use crate::target::{code, Target};
use roleplay_sim::{PolicyCache, RunResult, Scenario};
use serde_json::Value;

/// A candidate that verified, with its patch and the patched scenario.
pub struct Verified {
    pub candidate: Candidate,
    pub patch: json_patch::Patch,
    pub other_steps: Vec<StepChange>,
    pub fixed: Scenario,
}

/// A patched scenario, re-run.
pub struct Applied {
    pub patch: json_patch::Patch,
    pub document: Value,
    pub scenario: Scenario,
    pub run: RunResult,
    /// The step being fixed, in the patched timeline.
    pub index: usize,
}

/// Step `j` of the original timeline in the patched one (a candidate may insert a step).
fn shift(candidate: &Candidate, j: usize) -> usize {
    match candidate.inserted {
        Some(at) if j >= at => j + 1,
        _ => j,
    }
}

pub struct Verifier<'a> {
    document: &'a Value,
    scenario: &'a Scenario,
    base: &'a RunResult,
    index: usize,
    target: &'a Target,
    // Unchanged policies are parsed once across all re-runs.
    cache: PolicyCache,
    seen: Vec<String>,
    pub tried: usize,
}

impl<'a> Verifier<'a> {
    pub fn new(
        document: &'a Value,
        scenario: &'a Scenario,
        base: &'a RunResult,
        index: usize,
        target: &'a Target,
    ) -> Verifier<'a> {
        Verifier {
            document,
            scenario,
            base,
            index,
            target,
            cache: PolicyCache::default(),
            seen: Vec::new(),
            tried: 0,
        }
    }

    /// Applies a candidate and re-runs the patched scenario.
    pub fn apply(&mut self, candidate: &Candidate) -> Option<Applied> {
        let patch = json_patch::Patch(candidate.ops.clone());
        let mut document = self.document.clone();
        json_patch::patch(&mut document, &patch).ok()?;
        let text = serde_json::to_string(&document).ok()?;
        let scenario = roleplay_sim::read(&text).ok()?;
        let run = roleplay_sim::run_with_cache(&scenario, &mut self.cache);
        let index = shift(candidate, self.index);
        Some(Applied {
            patch,
            document,
            scenario,
            run,
            index,
        })
    }

    /// Whether a candidate's re-run changed the step at all (its outcome, or the rule that decided):
    /// a first half of a two-part fix.
    pub fn progresses(&self, applied: &Applied) -> bool {
        let (Some(before), Some(after)) = (
            self.base.steps.get(self.index),
            applied.run.steps.get(applied.index),
        ) else {
            return false;
        };
        let rule =
            |s: &roleplay_sim::StepResult| s.explanation.as_ref().map(|e| (e.rule, e.responsible));
        code(before) != code(after) || rule(before) != rule(after)
    }

    /// Applies, re-runs and checks one candidate; `None` when it does not verify (or repeats one
    /// already tried).
    pub fn verify(&mut self, candidate: Candidate) -> Option<Verified> {
        let key = serde_json::to_string(&candidate.ops).ok()?;
        if self.seen.contains(&key) {
            return None;
        }
        self.seen.push(key);
        self.tried += 1;
        let Applied {
            patch,
            scenario: fixed,
            run,
            index,
            ..
        } = self.apply(&candidate)?;
        if !self.target.reached_by(run.steps.get(index)?) {
            return None;
        }
        let other_steps = self
            .base
            .steps
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != self.index)
            .filter_map(|(j, before)| {
                let after = run.steps.get(shift(&candidate, j))?;
                (code(before) != code(after)).then(|| StepChange {
                    step: crate::facts::step_name(self.scenario, j),
                    index: j,
                    from: code(before).to_string(),
                    to: code(after).to_string(),
                })
            })
            .collect();
        Some(Verified {
            candidate,
            patch,
            other_steps,
            fixed,
        })
    }
}
