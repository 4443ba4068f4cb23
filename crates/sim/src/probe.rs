//! "What if this step came next?": the timeline run once, then any number of extra steps each tried
//! at its end as if it alone were appended to the scenario. The trust graph asks this of every edge
//! it considers (hundreds per scenario); replaying the whole timeline for each would multiply its
//! cost by the steps.

use crate::format::{Scenario, Step};
use crate::result::StepResult;
use crate::run::Timeline;
use crate::world::{PolicyCache, World};

/// A scenario run to its end, ready to try steps after it.
pub struct Probe {
    timeline: Timeline,
    next: usize,
}

impl Probe {
    /// Runs every step of `s`.
    pub fn new(s: &Scenario, cache: &mut PolicyCache) -> Probe {
        let mut timeline = Timeline::new(s, cache);
        for (i, step) in s.steps.iter().enumerate() {
            timeline.step(i, step);
        }
        Probe {
            timeline,
            next: s.steps.len(),
        }
    }

    /// The world as the timeline left it.
    pub fn world(&self) -> &World {
        &self.timeline.world
    }

    /// The clock at the end of the timeline: a step tried may not be earlier.
    pub fn now(&self) -> jiff::Timestamp {
        self.timeline.now
    }

    /// The result `step` would have appended to the scenario. Nothing it does stays: the clock, the
    /// sessions and the findings are as before the call, so each try stands alone. A step that
    /// revokes sessions changes the world and is not tried (its result is an error).
    pub fn try_step(&mut self, step: &Step) -> StepResult {
        let mut step = step.clone();
        step.id = None;
        let saved = self.save();
        let result = self.run(0, &step);
        self.restore(saved, 1);
        result
    }

    /// The results `steps` would have appended to the scenario, in order: a later one may name an
    /// earlier one's `id` as its `as` (role chaining). Nothing stays, as with [`Probe::try_step`].
    pub fn try_steps(&mut self, steps: &[Step]) -> Vec<StepResult> {
        let saved = self.save();
        let results = steps
            .iter()
            .enumerate()
            .map(|(k, step)| self.run(k, step))
            .collect();
        self.restore(saved, steps.len());
        results
    }

    /// The clock and the number of findings, to take a try back.
    fn save(&self) -> (jiff::Timestamp, usize) {
        (self.timeline.now, self.timeline.findings.len())
    }

    fn restore(&mut self, (now, findings): (jiff::Timestamp, usize), steps: usize) {
        self.timeline.now = now;
        self.timeline.findings.truncate(findings);
        for _ in 0..steps {
            self.timeline.forget_last();
        }
    }

    /// Runs the `k`th step tried after the timeline (a revocation is not run: see `try_step`).
    fn run(&mut self, k: usize, step: &Step) -> StepResult {
        let mut step = step.clone();
        if step.revoke_sessions.is_some() {
            step.revoke_sessions = None;
            step.action = None;
            step.caller = None;
        }
        self.timeline.step(self.next + k, &step)
    }
}
