//! Quiz mode (exam study): the scenario's expected steps, verdicts hidden. For each step the
//! learner picks a verdict and, for a denial, the policy type that decides; "Reveal" shows AWS's
//! answer, the rule and the exam trap. Progress is kept in localStorage per scenario title.
//! Text nodes only: nothing from the scenario is rendered as HTML.

use crate::scenario::{call_label, clock, step_caller};
use crate::services::{store_item, stored};
use crate::state::{Action, StoreHandle};
use roleplay_policy::PolicyKind;
use roleplay_sim::StepResult;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The verdicts a learner can pick, as the timeline words them.
pub const VERDICTS: [&str; 4] = ["Allowed", "Explicit deny", "Implicit deny", "Error"];

/// The policy types that can decide a denial, in the words the quiz uses.
pub const KINDS: [&str; 7] = [
    "Trust policy",
    "Identity-based policy",
    "Resource-based policy",
    "Permissions boundary",
    "Session policy",
    "SCP",
    "RCP",
];

pub fn kind_label(kind: PolicyKind) -> &'static str {
    match kind {
        PolicyKind::Trust => "Trust policy",
        PolicyKind::Identity => "Identity-based policy",
        PolicyKind::Resource => "Resource-based policy",
        PolicyKind::PermissionsBoundary => "Permissions boundary",
        PolicyKind::Session => "Session policy",
        PolicyKind::ServiceControl => "SCP",
        PolicyKind::ResourceControl => "RCP",
        PolicyKind::VpcEndpoint => "VPC endpoint policy",
    }
}

/// One step's answer as the learner gave it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    #[serde(default)]
    pub verdict: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub revealed: bool,
}

/// AWS's answer for a step: the verdict word and, for a denial, the deciding policy type.
pub fn right_answer(r: &StepResult) -> (&'static str, Option<&'static str>) {
    let verdict = match r.decision {
        "allowed" => "Allowed",
        "explicitDeny" => "Explicit deny",
        "implicitDeny" => "Implicit deny",
        _ => "Error",
    };
    let kind = (verdict == "Explicit deny" || verdict == "Implicit deny")
        .then(|| r.explanation.as_ref()?.responsible.map(kind_label))
        .flatten();
    (verdict, kind)
}

/// How an answer compares with AWS's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grade {
    /// Nothing was picked.
    Unanswered,
    Right,
    /// The verdict is right; the deciding policy type is wrong or not picked.
    VerdictOnly,
    Wrong,
}

pub fn grade(r: &StepResult, a: &Answer) -> Grade {
    let (verdict, kind) = right_answer(r);
    match a.verdict.as_deref() {
        None => Grade::Unanswered,
        Some(v) if v != verdict => Grade::Wrong,
        Some(_) if kind.is_none_or(|k| a.kind.as_deref() == Some(k)) => Grade::Right,
        Some(_) => Grade::VerdictOnly,
    }
}

pub fn is_right(r: &StepResult, a: &Answer) -> bool {
    grade(r, a) == Grade::Right
}

/// The first words of a revealed answer, and its class.
fn verdict_words(grade: Grade, picked_kind: Option<&str>) -> (String, &'static str) {
    match (grade, picked_kind) {
        (Grade::Right, _) => ("Right.".into(), "quiz-right"),
        (Grade::Wrong, _) => ("Not quite.".into(), "quiz-wrong"),
        (Grade::Unanswered, _) => ("No answer picked.".into(), "quiz-skipped"),
        (Grade::VerdictOnly, Some(k)) => (
            format!("Half right: the verdict is right, but the {k} does not decide it."),
            "quiz-half",
        ),
        (Grade::VerdictOnly, None) => (
            "Half right: the verdict is right; which policy type decides was not picked.".into(),
            "quiz-half",
        ),
    }
}

fn storage_key(title: &str) -> String {
    format!("roleplay:quiz:{title}")
}

type Answers = BTreeMap<usize, Answer>;

fn load(title: &str) -> Answers {
    stored(&storage_key(title))
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

#[component]
pub fn Quiz() -> Html {
    let store = use_context::<StoreHandle>();
    let title = store
        .as_ref()
        .and_then(|s| s.doc.scenario.title.clone())
        .unwrap_or_else(|| "Untitled scenario".to_owned());
    let answers = {
        let title = title.clone();
        use_state(move || load(&title))
    };
    {
        let answers = answers.clone();
        use_effect_with(title.clone(), move |title| answers.set(load(title)));
    }
    {
        let title = title.clone();
        use_effect_with((*answers).clone(), move |a| {
            if let Ok(json) = serde_json::to_string(a) {
                store_item(&storage_key(&title), &json);
            }
        });
    }
    let Some(store) = store else {
        return html! {};
    };
    let leave = {
        let dispatcher = store.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Quiz(false)))
    };
    let restart = {
        let answers = answers.clone();
        Callback::from(move |_: MouseEvent| answers.set(Answers::new()))
    };
    let quizzed: Vec<(usize, &StepResult)> = store
        .run
        .result
        .steps
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            store
                .doc
                .scenario
                .steps
                .get(*i)
                .is_some_and(|s| s.expect.is_some())
        })
        .collect();
    let total = quizzed.len();
    let revealed = quizzed
        .iter()
        .filter(|(i, _)| answers.get(i).is_some_and(|a| a.revealed))
        .count();
    let right = quizzed
        .iter()
        .filter(|(i, r)| answers.get(i).is_some_and(|a| a.revealed && is_right(r, a)))
        .count();
    let items = quizzed
        .iter()
        .enumerate()
        .map(|(n, (i, r))| question(&store, &answers, n, *i, r))
        .collect::<Html>();
    let done = total > 0 && revealed == total;
    html! {
        <section class="card quiz" id="quiz" aria-labelledby="quiz-heading">
            <header class="card-header">
                <h2 class="card-title" id="quiz-heading">{ "Quiz" }</h2>
                <p class="card-question" id="quiz-progress">
                    { format!("{revealed} of {total} revealed · {right} right") }
                </p>
                <button type="button" class="button button-small" id="quiz-restart" onclick={restart}>{ "Start over" }</button>
                <button type="button" class="button button-small" id="quiz-leave" onclick={leave.clone()}>{ "Leave quiz" }</button>
            </header>
            if store.run.pending {
                <div class="empty-state" aria-busy="true"><p>{ "Running the scenario…" }</p></div>
            } else {
                <p class="quiz-intro muted">{ "For each step, pick what AWS answers and, for a denial, which policy type decides. Reveal to check." }</p>
                <ol class="quiz-steps">{ items }</ol>
                if done {
                    <div class="quiz-score" id="quiz-score" role="status">
                        <span class="quiz-score-label">{ "Score" }</span>
                        <strong class="quiz-score-value" id="quiz-score-value">{ format!("{right} / {total}") }</strong>
                    </div>
                }
            }
        </section>
    }
}

/// Step `i` (the quiz's `n`th question): the call, the verdict and policy type to pick, and once
/// revealed AWS's answer with its rule and trap.
fn question(
    store: &StoreHandle,
    answers: &UseStateHandle<Answers>,
    n: usize,
    i: usize,
    r: &StepResult,
) -> Html {
    let a = answers.get(&i).cloned().unwrap_or_default();
    let step = store.doc.scenario.steps.get(i);
    let who = step_caller(&store.run.result.steps, r);
    let call = call_label(step, &r.action, r.resource.as_deref());
    let pick = update(answers, i, |a, v| {
        if v != "Explicit deny" && v != "Implicit deny" {
            a.kind = None;
        }
        a.verdict = Some(v);
    });
    let pick_kind = update(answers, i, |a, v| a.kind = (!v.is_empty()).then_some(v));
    let reveal = update(answers, i, |a, _| a.revealed = true);
    let denial = matches!(
        a.verdict.as_deref(),
        Some("Explicit deny" | "Implicit deny")
    );
    let name = format!("quiz-{i}-verdict");
    let radios = VERDICTS
        .iter()
        .map(|v| {
            let pick = pick.clone();
            let value = (*v).to_owned();
            html! {
                <label class="quiz-choice">
                    <input type="radio" name={name.clone()} value={*v}
                        checked={a.verdict.as_deref() == Some(*v)}
                        disabled={a.revealed}
                        onchange={Callback::from(move |_: Event| pick.emit(value.clone()))} />
                    { *v }
                </label>
            }
        })
        .collect::<Html>();
    let options = KINDS
        .iter()
        .map(|k| html! { <option value={*k} selected={a.kind.as_deref() == Some(*k)}>{ *k }</option> })
        .collect::<Html>();
    let onkind = Callback::from(move |e: Event| {
        pick_kind.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
    });
    let (want, want_kind) = right_answer(r);
    let (words, class) = verdict_words(grade(r, &a), a.kind.as_deref());
    html! {
        <li class={classes!("quiz-step", a.revealed.then_some(class))} id={format!("quiz-step-{n}")}>
            <p class="quiz-question">
                <span class="quiz-number">{ format!("Step {}", i + 1) }</span>
                <span class="mono">{ clock(&r.at) }</span>{ " · " }
                <strong>{ who.name }</strong>{ format!(" ({}) ", who.kind) }
                { "calls " }<span class="mono break">{ call }</span>
            </p>
            <fieldset class="quiz-choices">
                <legend>{ "What does AWS answer?" }</legend>
                { radios }
            </fieldset>
            <label class="quiz-kind">
                { "Decided by " }
                <select id={format!("quiz-{n}-kind")} disabled={a.revealed || !denial} onchange={onkind}>
                    <option value="" selected={a.kind.is_none()}>{ "— pick a policy type —" }</option>
                    { options }
                </select>
            </label>
            if a.revealed {
                <div class="quiz-reveal" id={format!("quiz-reveal-{n}")} role="status">
                    <p class="quiz-verdict">
                        <strong class="quiz-grade">{ words }</strong>{ " " }
                        { "AWS's answer: " }<strong class="quiz-answer">{ want }</strong>
                        if let Some(k) = want_kind {
                            { " — decided by the " }<strong>{ k }</strong>
                        }
                    </p>
                    if let Some(e) = &r.error {
                        <pre class="aws-message">{ format!("{}: {}", e.code, e.message) }</pre>
                    }
                    if let Some(ex) = &r.explanation {
                        <p class="rule-text">{ ex.rule_text }</p>
                    }
                    if let Some(trap) = r.trap {
                        <aside class="trap"><strong>{ "Exam trap: " }</strong>{ trap }</aside>
                    }
                </div>
            } else {
                <button type="button" class="button button-small" id={format!("quiz-reveal-button-{n}")}
                    onclick={Callback::from(move |_: MouseEvent| reveal.emit(String::new()))}>{ "Reveal" }</button>
            }
        </li>
    }
}

/// A change to step `i`'s answer, made by `f` with the value picked.
fn update(
    answers: &UseStateHandle<Answers>,
    i: usize,
    f: fn(&mut Answer, String),
) -> Callback<String> {
    let answers = answers.clone();
    Callback::from(move |v: String| {
        let mut next = (*answers).clone();
        f(next.entry(i).or_default(), v);
        answers.set(next);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default scenario's implicit deny (its PutObject step).
    fn implicit_deny() -> StepResult {
        let result = roleplay_sim::run(&crate::scenario::default_scenario());
        result
            .steps
            .into_iter()
            .find(|r| r.decision == "implicitDeny")
            .expect("the default scenario has an implicit deny")
    }

    #[test]
    fn a_denial_needs_the_deciding_policy_type() {
        let deny = &implicit_deny();
        let (verdict, kind) = right_answer(deny);
        assert_eq!(verdict, "Implicit deny");
        let mut a = Answer {
            verdict: Some("Implicit deny".into()),
            ..Answer::default()
        };
        assert_eq!(is_right(deny, &a), kind.is_none());
        a.kind = kind.map(str::to_owned);
        assert!(is_right(deny, &a));
        a.verdict = Some("Allowed".into());
        assert!(!is_right(deny, &a));
    }

    #[test]
    fn an_answer_is_right_half_right_wrong_or_missing() {
        let deny = &implicit_deny();
        let (verdict, kind) = right_answer(deny);
        let kind = kind.expect("a denial has a deciding policy type");
        let answer = |v: Option<&str>, k: Option<&str>| Answer {
            verdict: v.map(str::to_owned),
            kind: k.map(str::to_owned),
            revealed: true,
        };
        assert_eq!(grade(deny, &answer(None, None)), Grade::Unanswered);
        assert_eq!(grade(deny, &answer(Some("Allowed"), None)), Grade::Wrong);
        assert_eq!(
            grade(deny, &answer(Some(verdict), Some(kind))),
            Grade::Right
        );
        let other = KINDS.iter().find(|k| **k != kind).copied();
        assert_eq!(
            grade(deny, &answer(Some(verdict), other)),
            Grade::VerdictOnly
        );
        assert_eq!(
            grade(deny, &answer(Some(verdict), None)),
            Grade::VerdictOnly
        );
        let (words, _) = verdict_words(Grade::VerdictOnly, other);
        assert!(words.starts_with("Half right"), "{words}");
        assert_eq!(
            verdict_words(Grade::Unanswered, None).0,
            "No answer picked."
        );
    }
}
