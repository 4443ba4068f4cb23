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
        if step.revoke_sessions.is_some() {
            step.revoke_sessions = None;
            step.action = None;
            step.caller = None;
        }
        let now = self.timeline.now;
        let findings = self.timeline.findings.len();
        let result = self.timeline.step(self.next, &step);
        self.timeline.now = now;
        self.timeline.findings.truncate(findings);
        self.timeline.forget_last();
        result
    }
}
