//! roleplay-worker: the playground's web worker and its messages. The editors' analysis (the policy
//! parser and linter, [`analysis`]), the scenario's run (`roleplay_sim::run`: the evaluator, STS and
//! the service rules), share links' writer, the engines a user asks for on demand — *Fix it*
//! (`roleplay-fix`), learning mode (`roleplay-learn`: the quiz and the drill, built, graded and
//! written as HTML), Import (`roleplay_sim::import`, AWS CLI output and AccessDenied errors), the
//! trust graph with its layout (`roleplay-graph`, `layout-rs`) — and everything that needs the
//! service catalog — the editors' completion, hover and catalog lint ([`ide`], [`catalog`]) and
//! Effective permissions ([`access`]) — are the heaviest code the page could carry: here they run
//! off the main thread and out of the page's own wasm, whose size is budgeted
//! (docs/benchmarks.md). The app holds only the message types. One request, one reply, JSON text
//! both ways; [`answer`] is the worker's whole job, [`catalog::load`] its one other.
#![forbid(unsafe_code)]

pub mod access;
pub mod analysis;
pub mod catalog;
mod graph;
pub mod ide;
mod learn;
mod markup;

pub use access::{
    AccessAsk, AccessView, ByService, ChangeView, ChangesView, Lines, List, Names, ServiceView,
    Shown,
};
pub use analysis::Analysis;
pub use graph::{GraphView, PathView};
pub use learn::{Asked, Learned, Sheet};
use roleplay_fix::diff::{changes, Change};
use roleplay_fix::{fix_document, Fix, Options};
use roleplay_policy::PolicyKind;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A job for the worker, with the id its reply carries.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Request {
    pub id: u32,
    pub job: Job,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Job {
    /// The run of `scenario` (the document as the app holds it, as compact JSON text: on every
    /// keystroke, one writer and one reader): the timeline's verdicts and explanations.
    Run { scenario: String },
    /// A share link's fragment (without `#`) for a scenario's link JSON (`roleplay_sim::share`): the
    /// deflate writer stays out of the page, which only reads links.
    Share { text: String },
    /// The fixes of step `step` (0-based) of `scenario` (the document as the app holds it).
    Fix {
        scenario: Value,
        step: usize,
        max: usize,
    },
    /// What pasted `text` (AWS CLI output or an AccessDenied error) gives, next to the `world` the
    /// page shows: an output about part of that world adds to it; anything else is a scenario of its own.
    Import { world: Value, text: String },
    /// The trust graph of `scenario`, drawn, with every path into `focus` (a node id) or, without
    /// one, the escalation paths to admin. `plain`: without layout-rs (after it aborted the worker).
    Graph {
        scenario: Value,
        focus: Option<String>,
        #[serde(default)]
        plain: bool,
    },
    /// Completion items at `offset` (UTF-16 units) of a policy `text` of `kind`.
    Complete {
        text: String,
        offset: u32,
        kind: PolicyKind,
    },
    /// The hover at `offset` (UTF-16 units) of a policy `text`.
    Hover { text: String, offset: u32 },
    /// The documentation of a catalog action offered without it (`s3:GetObject`).
    Describe { label: String },
    /// What an editor shows about a policy `text` of `kind` (`analysis`), against a size `limit`.
    Analyse {
        text: String,
        kind: PolicyKind,
        limit: Option<usize>,
    },
    /// Effective permissions.
    Access(AccessAsk),
    /// Learning mode: a scenario's quiz or an exam drill, graded against the learner's answers and
    /// written as HTML (`learn.rs`).
    Learn { sheet: Sheet, asked: Asked },
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Reply {
    pub id: u32,
    pub answer: Answer,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Answer {
    Ran(Result<roleplay_sim::RunResult, String>),
    Shared(Result<String, String>),
    Fixes(Result<Found, String>),
    Imported(Result<Imported, String>),
    Graph(Result<GraphView, String>),
    /// Completion, hover or description: JSON that the page hands to Monaco as it is
    /// (`ide::Completion`s, an `ide::Hover` or `null`, a markdown string or `null`).
    Ide(String),
    Analysed(Result<Analysis, String>),
    Access(Result<AccessView, String>),
    /// The catalog has loaded (how many actions it holds), or why not.
    Catalog(Result<usize, String>),
    Learned(Result<Learned, String>),
}

/// What the search found: the step's outcome, the one every fix reaches, and the fixes ranked best first
/// (none, with `reason`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Found {
    pub from: String,
    pub to: String,
    pub reason: Option<String>,
    pub fixes: Vec<FixView>,
}

/// One verified fix, ready to show and to apply: the sentences, the diffs and the fixed scenario are
/// rendered here, so the page carries neither the engine nor the patch and diff libraries.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FixView {
    pub summary: String,
    pub layer: String,
    /// What else it grants, in one sentence (`GrantsAlso::sentence`).
    pub grants: String,
    /// The other steps it changes, as the timeline numbers them: `step 3 (read): allowed → implicitDeny`.
    pub others: Vec<String>,
    pub changes: Vec<Change>,
    /// The scenario with the fix applied, pretty-printed JSON.
    pub fixed: String,
}

/// An import: the scenario (JSON), whether it adds to the world shown (with what it did, `message`),
/// and what was left out.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Imported {
    pub scenario: String,
    pub merged: Option<String>,
    pub skipped: Vec<String>,
}

/// The worker's whole job: a request's text in, its reply's text out.
pub fn answer(request: &str) -> String {
    let reply = match serde_json::from_str::<Request>(request) {
        Ok(Request { id, job }) => Reply {
            id,
            answer: match job {
                Job::Share { text } => Answer::Shared(Ok(roleplay_sim::share::encode(&text))),
                Job::Run { scenario } => Answer::Ran(
                    serde_json::from_str(&scenario)
                        .map(|s| roleplay_sim::run(&s))
                        .map_err(|e| e.to_string()),
                ),
                Job::Fix {
                    scenario,
                    step,
                    max,
                } => Answer::Fixes(found(&scenario, step, max)),
                Job::Import { world, text } => Answer::Imported(import(&world, &text)),
                Job::Graph {
                    scenario,
                    focus,
                    plain,
                } => Answer::Graph(graph::view(&scenario, focus.as_deref(), plain)),
                Job::Complete { text, offset, kind } => Answer::Ide(json(&catalog::with(|c| {
                    ide::completions(&text, offset, kind, c)
                }))),
                Job::Hover { text, offset } => {
                    Answer::Ide(json(&catalog::with(|c| ide::hover(&text, offset, c))))
                }
                Job::Describe { label } => {
                    Answer::Ide(json(&catalog::with(|c| ide::describe(&label, c))))
                }
                Job::Analyse { text, kind, limit } => {
                    Answer::Analysed(Ok(Analysis::of(&text, kind, limit)))
                }
                Job::Access(ask) => Answer::Access(catalog::with(|c| match c {
                    Some(c) => access::view(&ask, c),
                    None => Err("the service catalog has not loaded".into()),
                })),
                Job::Learn { sheet, asked } => Answer::Learned(learn::learn(sheet, asked)),
            },
        },
        Err(e) => Reply {
            id: 0,
            answer: Answer::Fixes(Err(format!("the request does not read: {e}"))),
        },
    };
    serde_json::to_string(&reply).unwrap_or_default()
}

/// The reply to the page's hand-over of the catalog's text (`id` as the page numbered it).
pub fn load_catalog(id: u32, text: &str) -> String {
    let reply = Reply {
        id,
        answer: Answer::Catalog(catalog::load(text)),
    };
    json(&reply)
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// The scenario the page sent (as a JSON value; the page read it with `roleplay_sim::read` already).
fn scenario_of(document: &Value) -> Result<roleplay_sim::Scenario, String> {
    serde_json::from_value(document.clone()).map_err(|e| e.to_string())
}

fn found(document: &Value, step: usize, max: usize) -> Result<Found, String> {
    let scenario = scenario_of(document)?;
    let options = Options {
        max,
        ..Options::default()
    };
    let report = fix_document(&scenario, document, &step.to_string(), &options)
        .map_err(|e| e.to_string())?;
    Ok(Found {
        fixes: report.fixes.iter().map(|f| view(f, document)).collect(),
        from: report.from,
        to: report.to,
        reason: report.reason,
    })
}

fn view(fix: &Fix, document: &Value) -> FixView {
    let mut fixed = document.clone();
    let fixed = match roleplay_fix::apply_patch(&mut fixed, &fix.patch) {
        Ok(()) => serde_json::to_string_pretty(&fixed).unwrap_or_default(),
        Err(_) => String::new(),
    };
    FixView {
        summary: fix.summary.clone(),
        layer: fix.layer.as_str().to_string(),
        grants: fix.grants_also.sentence(),
        others: fix
            .other_steps
            .iter()
            .map(|c| {
                let id = if c.step == c.index.to_string() {
                    String::new()
                } else {
                    format!(" ({})", c.step)
                };
                format!("step {}{id}: {} → {}", c.index + 1, c.from, c.to)
            })
            .collect(),
        changes: changes(fix, document),
        fixed,
    }
}

fn import(world: &Value, text: &str) -> Result<Imported, String> {
    let pretty =
        |s: &roleplay_sim::Scenario| serde_json::to_string_pretty(s).map_err(|e| e.to_string());
    // One CLI call at a time: an output about part of the world shown adds to it.
    let shown = serde_json::from_value::<roleplay_sim::Scenario>(world.clone()).ok();
    if let Some(merged) = shown.and_then(|w| roleplay_sim::import::merge(&w, text)) {
        return Ok(Imported {
            scenario: pretty(&merged.scenario)?,
            merged: Some(merged.message),
            skipped: merged.skipped,
        });
    }
    let imported = roleplay_sim::import::from_aws(text)?;
    Ok(Imported {
        scenario: pretty(&imported.scenario)?,
        merged: None,
        skipped: imported.skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask(job: Job) -> Option<Reply> {
        let text = answer(&serde_json::to_string(&Request { id: 7, job }).unwrap_or_default());
        serde_json::from_str(&text).ok()
    }

    #[test]
    fn fixes_come_ready_to_apply() {
        let scenario = serde_json::json!({"roleplay": 1,
            "principals": [{"type": "user", "arn": "arn:aws:iam::111122223333:user/a"}],
            "steps": [{"as": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}]});
        let reply = ask(Job::Fix {
            scenario,
            step: 0,
            max: 3,
        });
        assert_eq!(reply.as_ref().map(|r| r.id), Some(7));
        let Some(Answer::Fixes(Ok(found))) = reply.map(|r| r.answer) else {
            panic!("no fixes");
        };
        assert_eq!(found.from, "implicitDeny");
        // The fixed scenario reads and the step is allowed in it.
        let fixed = found
            .fixes
            .first()
            .and_then(|f| roleplay_sim::read(&f.fixed).ok());
        let decision = fixed.map(|s| roleplay_sim::run(&s).steps.first().map(|st| st.decision));
        assert_eq!(decision, Some(Some("allowed")));
    }

    /// The page's run comes back whole, as the page reads it: the same result as a run here.
    #[test]
    fn a_run_comes_back_as_the_page_reads_it() {
        let default = include_str!("../../studio/src/scenarios/default.json");
        let scenario = roleplay_sim::read(default).expect("the default scenario reads");
        let text = serde_json::to_string(&scenario).unwrap_or_default();
        let sent = roleplay_sim::read(&text).expect("the text reads back");
        let Some(Answer::Ran(Ok(ran))) = ask(Job::Run { scenario: text }).map(|r| r.answer) else {
            panic!("no run");
        };
        assert!(ran.steps.len() >= 3);
        assert_eq!(ran, roleplay_sim::run(&sent));
        let broken = ask(Job::Run {
            scenario: r#"{"steps": 3}"#.into(),
        });
        assert!(broken.is_some_and(|r| matches!(r.answer, Answer::Ran(Err(_)))));
    }

    #[test]
    fn a_shared_fragment_opens_the_same_text() {
        let text = r#"{"roleplay":1,"title":"shared"}"#;
        let Some(Answer::Shared(Ok(fragment))) =
            ask(Job::Share { text: text.into() }).map(|r| r.answer)
        else {
            panic!("no fragment");
        };
        assert_eq!(
            roleplay_sim::share::decode(&fragment).ok().as_deref(),
            Some(text)
        );
    }

    #[test]
    fn imports_and_garbage() {
        let error = "User: arn:aws:iam::111122223333:user/mary is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::b/k\" because no identity-based policy allows the s3:GetObject action";
        let reply = ask(Job::Import {
            world: Value::Null,
            text: error.into(),
        });
        let Some(Answer::Imported(Ok(imported))) = reply.map(|r| r.answer) else {
            panic!("not imported");
        };
        assert!(roleplay_sim::read(&imported.scenario).is_ok());
        assert!(imported
            .skipped
            .iter()
            .any(|s| s.contains("identity-based policy")));
        let garbage: Option<Reply> = serde_json::from_str(&answer("{")).ok();
        assert!(garbage.is_some_and(|g| matches!(g.answer, Answer::Fixes(Err(_)))));
    }
}
