//! Quiz mode (exam study): the scenario's expected steps, verdicts hidden. For each step the
//! learner picks AWS's answer at its granularity (a verdict or the error code) and, for a denial,
//! the policy type that decides; "Reveal" shows AWS's answer, the step's rule, AWS's message, the
//! exam trap and, for a wrong answer, the misconception it shows (`roleplay_learn::misconception`).
//! The other question kinds come from the worker (`QuizMore`). Progress is kept in localStorage per
//! scenario title.
//! Text nodes only: nothing from the scenario is rendered as HTML.

use crate::scenario::{call_label, clock, step_caller};
use crate::services::{store_item, stored};
use crate::state::{Action, StoreHandle};
use roleplay_learn::misconception::{of_layer, of_outcome};
use roleplay_learn::outcome::{codes, deciding_layer, outcome_label, StepFacts, VERDICTS};
use roleplay_policy::PolicyKind;
use roleplay_sim::StepResult;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// What a learner can pick for a step: the three verdicts and each error code the step could produce.
fn outcomes(step: Option<&roleplay_sim::Step>, r: &StepResult, org: bool) -> Vec<String> {
    let facts = StepFacts::of(step, r, org);
    VERDICTS
        .iter()
        .map(|v| (*v).to_string())
        .chain(codes(&facts))
        .collect()
}

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

/// AWS's answer for a step: the verdict word or error code and, for a denial, the deciding policy type.
pub fn right_answer(r: &StepResult) -> (String, Option<&'static str>) {
    (outcome_label(r), deciding_layer(r).map(kind_label))
}

/// The misconception a wrong answer shows, one sentence from the table: by the answer given and
/// AWS's, or, when only the deciding policy type is wrong, by the type that really decides.
fn misconception(
    step: Option<&roleplay_sim::Step>,
    r: &StepResult,
    org: bool,
    a: &Answer,
    grade: Grade,
) -> Option<&'static str> {
    let facts = StepFacts::of(step, r, org);
    match grade {
        Grade::Wrong => of_outcome(&facts, a.verdict.as_deref()?),
        Grade::VerdictOnly => Some(of_layer(facts.layer?, &facts)),
        _ => None,
    }
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
        Some(v) if v != verdict.as_str() => Grade::Wrong,
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

fn flow_words(s: roleplay_eval::FlowStatus) -> &'static str {
    match s {
        roleplay_eval::FlowStatus::Pass => "pass",
        roleplay_eval::FlowStatus::Fail => "fail",
        roleplay_eval::FlowStatus::NotApplicable => "not applicable",
        roleplay_eval::FlowStatus::Skipped => "not reached",
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
        .and_then(|s| s.scenario.title.clone())
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
        .result
        .steps
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            store
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
    let update = |i: usize, f: fn(&mut Answer, String)| {
        let answers = answers.clone();
        Callback::from(move |v: String| {
            let mut next = (*answers).clone();
            f(next.entry(i).or_default(), v);
            answers.set(next);
        })
    };
    let items = quizzed
        .iter()
        .enumerate()
        .map(|(n, (i, r))| {
            let a = answers.get(i).cloned().unwrap_or_default();
            let step = store.scenario.steps.get(*i);
            let who = step_caller(&store.result.steps, r);
            let call = call_label(step, &r.action, r.resource.as_deref());
            let pick = update(*i, |a, v| {
                if v != "Explicit deny" && v != "Implicit deny" {
                    a.kind = None;
                }
                a.verdict = Some(v);
            });
            let pick_kind = update(*i, |a, v| a.kind = (!v.is_empty()).then_some(v));
            let reveal = update(*i, |a, _| a.revealed = true);
            let denial = matches!(a.verdict.as_deref(), Some("Explicit deny" | "Implicit deny"));
            let name = format!("quiz-{i}-verdict");
            let org = store.scenario.organization.is_some();
            let radios = outcomes(step, r, org)
                .into_iter()
                .map(|v| {
                    let pick = pick.clone();
                    let value = v.clone();
                    html! {
                        <label class="quiz-choice">
                            <input type="radio" name={name.clone()} value={v.clone()}
                                checked={a.verdict.as_deref() == Some(v.as_str())}
                                disabled={a.revealed}
                                onchange={Callback::from(move |_: Event| pick.emit(value.clone()))} />
                            { v }
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
            let graded = grade(r, &a);
            let (words, class) = verdict_words(graded, a.kind.as_deref());
            let wrong_because = misconception(step, r, org, &a, graded);
            let rule = step.and_then(|s| s.rule.clone());
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
                            if let Some(m) = wrong_because {
                                <p class="quiz-misconception"><strong>{ "The misconception: " }</strong>{ m }</p>
                            }
                            if let Some(rule) = rule {
                                <p class="quiz-rule">{ rule }</p>
                            }
                            if let Some(e) = &r.error {
                                <pre class="aws-message">{ format!("{}: {}", e.code, e.message) }</pre>
                            }
                            if let Some(ex) = &r.explanation {
                                <p class="rule-text">{ ex.rule_text }</p>
                                <ol class="quiz-flow">{ for ex.flow.iter().map(|f| html! {
                                    <li class={format!("flow-{:?}", f.status).to_ascii_lowercase()}>{ format!("{}: {}", f.label, flow_words(f.status)) }</li>
                                }) }</ol>
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
        })
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
            if store.run_pending {
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
            grade(deny, &answer(Some(&verdict), Some(kind))),
            Grade::Right
        );
        let other = KINDS.iter().find(|k| **k != kind).copied();
        assert_eq!(
            grade(deny, &answer(Some(&verdict), other)),
            Grade::VerdictOnly
        );
        assert_eq!(
            grade(deny, &answer(Some(&verdict), None)),
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
