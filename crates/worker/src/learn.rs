//! Learning mode's job (`Job::Learn`): the questions of a sheet — one scenario's quiz, or an exam
//! drill across the gallery (`roleplay-learn`, every key from the engine) — graded against the
//! learner's answers and written as HTML (`html.rs`, `drill.rs`). The page carries no question
//! type: it inserts the markup, sends back what the learner picked (the form's fields) and what a
//! button asks (`data-check`, `data-drill`, `data-home`), and keeps what the reply tells it to (the
//! quiz's progress, the drill history). The questions travel as JSON text the page does not read
//! (`Learned::built`), so a Check grades them without building them again.

mod drill;
mod html;

use roleplay_learn::history::{self, Record};
use roleplay_learn::{DrillLink, Given, Question, Source};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Which questions a request is about.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Sheet {
    /// One scenario's quiz: `name` (its title) and its document.
    Quiz { name: String, scenario: Value },
    /// The drill's first screen: the exams, the history and its weakest topics, and a drill shared
    /// with the page (its fragment, `#drill=…`), if any.
    Home { shared: Option<String> },
    /// A drill: its link (`drill=1.SCS-C03.42.12`) and the gallery's scenarios (name, text).
    Drill {
        link: String,
        scenarios: Vec<(String, String)>,
    },
    /// The questions an earlier reply built (`Learned::built`), as it gave them.
    Built(String),
}

/// A learner's answers: the form's fields as the page read them (name, value) and the ids of
/// the questions checked. It travels as JSON text the page keeps (a quiz's, in localStorage)
/// without reading it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Progress {
    #[serde(default)]
    pub form: Vec<(String, String)>,
    #[serde(default)]
    pub checked: Vec<String>,
}

/// Everything a learning request carries besides its sheet.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Asked {
    /// The progress as the last reply gave it (JSON text; empty: none).
    #[serde(default)]
    pub progress: String,
    /// The sheet's fields as the page read them (name, value); empty: the progress's stand.
    #[serde(default)]
    pub form: Vec<(String, String)>,
    /// The questions to check now: indices, as a Check button's `data-check` lists them.
    #[serde(default)]
    pub check: Vec<usize>,
    /// The drill history as the page keeps it (JSON text; empty: none).
    #[serde(default)]
    pub history: String,
    /// A fresh seed for a new drill.
    #[serde(default)]
    pub seed: u64,
    /// The page's address, the base of a drill's share link.
    #[serde(default)]
    pub base: String,
}

/// The reply: the markup and what the page keeps.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Learned {
    /// The questions, for the next request (`Sheet::Built`); empty on the drill's first screen.
    pub built: String,
    pub html: String,
    /// One line of progress (the quiz's header).
    pub summary: String,
    /// The answers and the questions checked, for the next request (JSON text: `Progress`).
    pub progress: String,
    /// The history with the drill just finished added: the page keeps it.
    pub history: Option<String>,
    /// The step whose deciding statements the page lights (a quiz step just answered in full).
    pub select: Option<usize>,
    /// The element to move focus to: the first grade written by this Check.
    pub focus: Option<String>,
}

/// The questions as they travel between requests: a quiz's, or a drill's with its link.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct Built {
    /// `None`: a scenario's quiz.
    drill: Option<String>,
    questions: Vec<Question>,
}

/// The seed of a scenario's own quiz: its questions keep their order from visit to visit (and the
/// ids a learner's kept answers are filed under).
const QUIZ_SEED: u64 = 16;

/// Questions in a drill.
pub const DRILL_SIZE: usize = 12;

pub fn learn(sheet: Sheet, asked: Asked) -> Result<Learned, String> {
    let built = match sheet {
        Sheet::Quiz { name, scenario } => Built {
            drill: None,
            questions: roleplay_learn::questions(
                &Source {
                    name: &name,
                    document: &scenario,
                },
                QUIZ_SEED,
            )?,
        },
        Sheet::Home { shared } => {
            let shared = shared.as_deref().and_then(DrillLink::parse);
            let html = drill::home(shared.as_ref(), &past(&asked.history), asked.seed);
            return Ok(Learned {
                html,
                ..Learned::default()
            });
        }
        Sheet::Drill { link, scenarios } => {
            let link = DrillLink::parse(&link).ok_or("this drill link does not read")?;
            built_drill(&link, &scenarios)
        }
        Sheet::Built(text) => serde_json::from_str(&text).map_err(|e| e.to_string())?,
    };
    Ok(graded(built, asked))
}

fn past(history: &str) -> Vec<Record> {
    serde_json::from_str(history).unwrap_or_default()
}

fn built_drill(link: &DrillLink, scenarios: &[(String, String)]) -> Built {
    let documents: Vec<(&str, Value)> = scenarios
        .iter()
        .filter_map(|(name, text)| Some((name.as_str(), serde_json::from_str(text).ok()?)))
        .collect();
    let sources: Vec<Source> = documents
        .iter()
        .map(|(name, document)| Source { name, document })
        .collect();
    let drilled = roleplay_learn::drill(&sources, link.exam.as_deref(), link.seed, link.size);
    Built {
        drill: Some(
            DrillLink {
                right: None,
                ..link.clone()
            }
            .fragment(),
        ),
        questions: drilled.questions,
    }
}

/// A learner's answer to `q` from the form: its fields are named by the question's id (`id`,
/// `id/layer`, `id/row2`, `id/typed`).
pub(crate) fn given(form: &[(String, String)], q: &Question) -> Given {
    let get = |suffix: &str| {
        let name = format!("{}{suffix}", q.id);
        form.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    };
    let index = |suffix: &str| get(suffix).and_then(|v| v.parse().ok());
    Given {
        choice: index(""),
        layer: index("/layer"),
        rows: (0..q.rows.len())
            .map(|r| index(&format!("/row{r}")))
            .collect(),
        // An expiry still at the instant the session was issued was not answered (a browser's
        // `datetime-local` gives it back without its `:00` seconds).
        text: get("/typed")
            .filter(|t| !t.trim().is_empty() && !q.start.as_deref().is_some_and(|s| is_start(s, t)))
            .map(String::from),
    }
}

fn is_start(start: &str, typed: &str) -> bool {
    let start = start_value(start);
    start == typed || start.strip_suffix(":00") == Some(typed)
}

/// The value an expiry input opens with: the issue instant as `datetime-local` writes it.
pub(crate) fn start_value(start: &str) -> &str {
    start.trim_end_matches('Z')
}

/// Marks the questions asked to be checked, then writes the sheet.
fn graded(built: Built, asked: Asked) -> Learned {
    let Asked {
        progress,
        form,
        check,
        history,
        seed,
        base,
    } = asked;
    let mut progress: Progress = serde_json::from_str(&progress).unwrap_or_default();
    if !form.is_empty() {
        progress.form = form;
    }
    let qs = &built.questions;
    let was_done = !qs.is_empty() && qs.iter().all(|q| progress.checked.contains(&q.id));
    let fresh: Vec<&Question> = check
        .iter()
        .filter_map(|i| qs.get(*i))
        .filter(|q| !progress.checked.contains(&q.id))
        .collect();
    progress.checked.extend(fresh.iter().map(|q| q.id.clone()));
    let done = |list: &[&Question]| list.iter().all(|q| progress.checked.contains(&q.id));
    let score = Score::of(qs, &progress);
    let mut out = Learned {
        built: serde_json::to_string(&built).unwrap_or_default(),
        focus: fresh.first().map(|q| {
            let n = qs.iter().position(|x| x.id == q.id).unwrap_or(0);
            format!("{}-grade", html::element_id(&built, n))
        }),
        ..Learned::default()
    };
    match &built.drill {
        None => {
            // A step answered in full lights its deciding statements.
            out.select = fresh.first().map(|q| q.step).filter(|step| {
                let all: Vec<&Question> = qs.iter().filter(|q| q.step == *step).collect();
                done(&all)
            });
            out.summary = html::quiz_summary(qs, &progress, &score);
            out.html = html::quiz(qs, &progress, &score);
        }
        Some(link) => {
            let link = DrillLink::parse(link).unwrap_or(DrillLink {
                exam: None,
                seed,
                size: DRILL_SIZE,
                right: None,
            });
            let mut past = past(&history);
            if !was_done && !fresh.is_empty() && done(&qs.iter().collect::<Vec<_>>()) {
                let answers: Vec<(&str, bool)> = qs
                    .iter()
                    .map(|q| (q.topic.as_str(), q.grade(&given(&progress.form, q)).right))
                    .collect();
                let r = history::record(link.exam.as_deref().unwrap_or(""), link.seed, &answers);
                past = history::with_record(past, r);
                out.history = serde_json::to_string(&past).ok();
            }
            out.html = drill::taking(&link, qs, &progress, &score, &past, seed, &base);
        }
    }
    out.progress = serde_json::to_string(&progress).unwrap_or_default();
    out
}

/// The answers checked so far and how many of them are right.
pub(crate) struct Score {
    pub right: usize,
    pub checked: usize,
}

impl Score {
    fn of(qs: &[Question], progress: &Progress) -> Score {
        let checked: Vec<&Question> = qs
            .iter()
            .filter(|q| progress.checked.contains(&q.id))
            .collect();
        Score {
            right: checked
                .iter()
                .filter(|q| q.grade(&given(&progress.form, q)).right)
                .count(),
            checked: checked.len(),
        }
    }
}

/// Whether nothing was given for `q` at all (an unanswered question says so rather than "wrong").
pub(crate) fn unanswered(g: &Given) -> bool {
    g.choice.is_none()
        && g.layer.is_none()
        && g.text.is_none()
        && g.rows.iter().all(Option::is_none)
}

#[cfg(test)]
mod tests;
