//! A question as the app shows it and grades it: plain data, serialised between the worker and
//! the page.

use serde::{Deserialize, Serialize};

/// What a question asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// What does AWS answer (at its granularity), and for a denial which layer decides?
    Outcome,
    /// Which statement decides?
    Deciding,
    /// Which change fixes it?
    Fix,
    /// When does this session expire?
    Expiry,
    /// What is the longest DurationSeconds this call may ask?
    Duration,
    /// Pass, fail or not applicable, layer by layer.
    Layers,
}

impl Kind {
    pub fn words(self) -> &'static str {
        match self {
            Kind::Outcome => "Outcome",
            Kind::Deciding => "Deciding statement",
            Kind::Fix => "Which change fixes it?",
            Kind::Expiry => "Session expiry",
            Kind::Duration => "Longest DurationSeconds",
            Kind::Layers => "Layer by layer",
        }
    }
}

/// One choice; `misconception` is what picking it (wrongly) shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub label: String,
    /// Source text to show under the label (a statement), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub misconception: Option<String>,
    /// Where the statement is (a *which statement decides?* choice): the answer is a source location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<At>,
    /// What the edit changes (a *which change fixes it?* choice), as the *Fix it* panel shows a fix.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<roleplay_fix::diff::Change>,
}

/// A statement's place: its policy (by owner, kind and name, as the explanation names it) and its
/// 1-based lines and columns in that policy's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct At {
    pub owner: String,
    pub kind: roleplay_policy::PolicyKind,
    pub name: String,
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// A document the question is about, to read while answering away from the scenario's own page
/// (a drill): a policy that took part in the step, or the step's parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shown {
    pub name: String,
    pub text: String,
}

/// A second pick (the layer that decides a denial).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pick {
    pub choices: Vec<Choice>,
    pub right: usize,
}

/// One layer of the decision flow and its state: an index into [`ROW_STATES`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub layer: String,
    pub right: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub misconception: Option<String>,
}

pub const ROW_STATES: [&str; 3] = ["Pass", "Fail", "n/a"];

/// What the page shows once the question is answered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reveal {
    /// AWS's answer in words.
    pub answer: String,
    /// The step's `rule` sentence.
    #[serde(default)]
    pub rule: Option<String>,
    /// `Code: message`, as AWS words it.
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub trap: Option<String>,
    /// The decision flow: (layer, state).
    #[serde(default)]
    pub flow: Vec<(String, String)>,
    /// The deciding statements, named.
    #[serde(default)]
    pub deciding: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// Stable within a scenario: `<step>:<kind>`, prefixed by the scenario in a drill.
    pub id: String,
    /// The scenario's gallery name (a drill) or title.
    pub scenario: String,
    /// `SAA-C03`, …; empty when the scenario names no exam.
    pub exam: String,
    /// The exam topic (`EC2 instance profiles`).
    pub topic: String,
    /// The step, 0-based.
    pub step: usize,
    pub kind: Kind,
    /// Who calls what, in neutral words.
    pub setting: String,
    pub prompt: String,
    pub choices: Vec<Choice>,
    /// Every right choice (several statements may decide together).
    pub right: Vec<usize>,
    #[serde(default)]
    pub layer: Option<Pick>,
    #[serde(default)]
    pub rows: Vec<Row>,
    /// For an answer typed in (expiry, DurationSeconds): where the input starts (the instant the
    /// session was issued). The key is still `choices[right]`; the other choices are the common
    /// wrong values, each with its misconception.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// The policies and parameters the step involves (see [`Shown`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shown: Vec<Shown>,
    pub reveal: Reveal,
}

/// A learner's answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Given {
    #[serde(default)]
    pub choice: Option<usize>,
    #[serde(default)]
    pub layer: Option<usize>,
    #[serde(default)]
    pub rows: Vec<Option<usize>>,
    /// A typed answer (an instant or a number of seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graded {
    pub right: bool,
    /// The misconception the first wrong part of the answer shows.
    pub misconception: Option<String>,
}

impl Kind {
    /// The answer is typed in rather than picked.
    pub fn typed(self) -> bool {
        matches!(self, Kind::Expiry | Kind::Duration)
    }
}

/// A typed value as the choices word it: an instant without its `Z` and with its seconds (a
/// `datetime-local` input drops `:00`), a number of seconds as digits.
fn normalized(text: &str) -> String {
    let t = text
        .trim()
        .trim_end_matches('Z')
        .trim_end_matches(" seconds");
    let is_minute = t.len() == 16 && t.as_bytes().get(10) == Some(&b'T');
    if is_minute {
        format!("{t}:00")
    } else {
        t.to_string()
    }
}

impl Question {
    /// The choice a typed answer names; a value no choice names is `usize::MAX` (wrong).
    fn typed_choice(&self, given: &Given) -> Option<usize> {
        let text = normalized(given.text.as_deref()?);
        if text.is_empty() {
            return None;
        }
        Some(
            self.choices
                .iter()
                .position(|c| normalized(&c.label) == text)
                .unwrap_or(usize::MAX),
        )
    }

    pub fn grade(&self, given: &Given) -> Graded {
        if self.kind == Kind::Layers {
            let wrong = self
                .rows
                .iter()
                .enumerate()
                .find(|(i, row)| given.rows.get(*i).copied().flatten() != Some(row.right));
            return Graded {
                right: wrong.is_none(),
                misconception: wrong.and_then(|(_, row)| row.misconception.clone()),
            };
        }
        let choice = if self.kind.typed() {
            self.typed_choice(given)
        } else {
            given.choice
        };
        let Some(choice) = choice else {
            return Graded {
                right: false,
                misconception: None,
            };
        };
        if !self.right.contains(&choice) {
            // A typed value no choice names shows the misconception the wrong values share.
            let wrong = self.choices.get(choice).or_else(|| {
                self.choices
                    .iter()
                    .enumerate()
                    .find(|(i, _)| !self.right.contains(i))
                    .map(|(_, c)| c)
            });
            return Graded {
                right: false,
                misconception: wrong.and_then(|c| c.misconception.clone()),
            };
        }
        match &self.layer {
            Some(pick) if given.layer != Some(pick.right) => Graded {
                right: false,
                misconception: given
                    .layer
                    .and_then(|l| pick.choices.get(l))
                    .and_then(|c| c.misconception.clone()),
            },
            _ => Graded {
                right: true,
                misconception: None,
            },
        }
    }

    /// What a drill balances on: the right outcome of an outcome question, the right choice's
    /// position of any other.
    pub fn answer_class(&self) -> String {
        let first = self.right.first().copied().unwrap_or(0);
        match self.kind {
            Kind::Outcome => self
                .choices
                .get(first)
                .map(|c| c.label.clone())
                .unwrap_or_default(),
            Kind::Layers => "layers".into(),
            Kind::Expiry | Kind::Duration => "typed".into(),
            _ => format!("choice {}", first + 1),
        }
    }
}
