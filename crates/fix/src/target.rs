//! Outcomes: what a step produced, and whether it reached the outcome a fix aims at.

use roleplay_sim::StepResult;

/// The outcome a fix aims at: `allowed`, `implicitDeny`, `explicitDeny`, or an error code (the
/// `expect` vocabulary; `AccessDenied` accepts either denial).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target(String);

impl Target {
    pub fn new(outcome: &str) -> Target {
        Target(outcome.trim().to_string())
    }

    pub fn allowed() -> Target {
        Target("allowed".into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether a step's result reaches this outcome (the runner's reading of `expect`).
    pub fn reached_by(&self, step: &StepResult) -> bool {
        let actual = code(step);
        let expected = self.0.as_str();
        let same = |a: &str, b: &str| a == b || a.strip_suffix("Exception") == Some(b);
        same(actual, expected)
            || same(expected, actual)
            || (expected.starts_with("AccessDenied") && is_denial(step))
    }

    /// Whether this target asks for the call to go through.
    pub fn is_allowed(&self) -> bool {
        self.0 == "allowed"
    }
}

/// The step's outcome as `expect` compares it: the decision, or the error code of an error.
pub fn code(step: &StepResult) -> &str {
    match (&step.error, step.decision) {
        (Some(e), "error") => &e.code,
        _ => step.decision,
    }
}

pub fn is_denial(step: &StepResult) -> bool {
    matches!(step.decision, "explicitDeny" | "implicitDeny")
}

/// The outcome to aim at when none is given: the step's `expect` when the outcome differs from it,
/// else `allowed` for a step that did not go through.
pub fn default_target(step: &StepResult) -> Option<Target> {
    match &step.expectation {
        Some(e) if !e.met => Some(Target::new(&e.expected)),
        _ if step.decision != "allowed" => Some(Target::allowed()),
        _ => None,
    }
}
