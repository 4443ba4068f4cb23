//! Quiz mode (exam study) on the scenario the page shows. The worker builds its questions
//! (`Job::Questions`, `roleplay-learn`: every key from the engine); the page shows, per step, who
//! calls what and one neutral question: what does AWS answer? Only once that is checked come the
//! step's other questions (which statement decides, layer by layer, which change fixes it, expiry,
//! DurationSeconds): which of them a step has, and how they are worded, would tell its outcome.
//! Checking them grades them, names the misconception behind a wrong answer, shows the rule, AWS's
//! message, the decision flow and the trap, and lights the deciding statement in its editor (the
//! step becomes the selected one). Answers are kept in localStorage per scenario title.
//! Text nodes only: nothing from the scenario is rendered as HTML.

use super::question::{question_view, reveal_view, QuestionProps};
use crate::services::{keep, kept};
use crate::state::{Action, StoreHandle};
use roleplay_learn::{Given, Question};
use roleplay_worker::{Answer, Job};
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use yew::prelude::*;

/// The seed of a scenario's own quiz: its questions keep their order from visit to visit.
const QUIZ_SEED: u64 = 16;

/// A learner's answers to one scenario's quiz and the questions checked, by question id (a few
/// dozen at most: lists, not maps).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    #[serde(default)]
    pub given: Vec<(String, Given)>,
    #[serde(default)]
    pub checked: Vec<String>,
}

impl Progress {
    fn all_checked(&self, qs: &[Rc<Question>]) -> bool {
        qs.iter().all(|q| self.checked.contains(&q.id))
    }

    fn set(&mut self, id: &str, g: Given) {
        match self.given.iter_mut().find(|(i, _)| i == id) {
            Some(slot) => slot.1 = g,
            None => self.given.push((id.to_string(), g)),
        }
    }
}

fn storage_key(title: &str) -> String {
    format!("roleplay:quiz:{title}")
}

fn load(title: &str) -> Progress {
    kept(&storage_key(title)).unwrap_or_default()
}

/// The questions as the worker answered: still coming, ready, or why not.
#[derive(Clone, PartialEq)]
pub enum Loaded {
    Waiting,
    Ready(Rc<Vec<Rc<Question>>>),
    Failed(String),
}

/// The questions grouped by step, in step order.
fn by_step(questions: &[Rc<Question>]) -> Vec<(usize, Vec<Rc<Question>>)> {
    let mut out: Vec<(usize, Vec<Rc<Question>>)> = Vec::new();
    for q in questions {
        match out.iter_mut().find(|(s, _)| *s == q.step) {
            Some((_, list)) => list.push(Rc::clone(q)),
            None => out.push((q.step, vec![Rc::clone(q)])),
        }
    }
    out
}

/// Asks the worker for `scenarios`' questions; `done` gets them.
pub fn ask_questions(job: Job, done: Callback<Loaded>) {
    crate::worker::ask(
        job,
        Callback::from(move |answer| {
            done.emit(match answer {
                Answer::Questions(Ok(d)) => {
                    Loaded::Ready(Rc::new(d.questions.into_iter().map(Rc::new).collect()))
                }
                Answer::Questions(Err(e)) => Loaded::Failed(e),
                _ => return,
            })
        }),
    );
}

#[component]
pub fn Quiz() -> Html {
    let store = use_context::<StoreHandle>();
    let title = store
        .as_ref()
        .and_then(|s| s.doc.scenario.title.clone())
        .unwrap_or_else(|| "Untitled scenario".to_owned());
    let progress = {
        let title = title.clone();
        use_state(move || load(&title))
    };
    let loaded = use_state(|| Loaded::Waiting);
    {
        let progress = progress.clone();
        use_effect_with(title.clone(), move |title| progress.set(load(title)));
    }
    {
        let title = title.clone();
        use_effect_with((*progress).clone(), move |p| {
            keep(&storage_key(&title), p);
        });
    }
    {
        // Asked again whenever the scenario changes: the keys follow the policies.
        let loaded = loaded.clone();
        let scenario = store.as_ref().map(|s| Rc::clone(&s.doc.scenario));
        let revision = store.as_ref().map(|s| s.doc.revision);
        let title = title.clone();
        use_effect_with(revision, move |_| {
            if let Some(s) = scenario {
                let document = serde_json::to_value(&*s).unwrap_or_default();
                let job = Job::Questions {
                    scenarios: vec![(title, document)],
                    exam: None,
                    seed: QUIZ_SEED,
                    size: 0,
                };
                ask_questions(job, Callback::from(move |l| loaded.set(l)));
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
        let progress = progress.clone();
        let dispatcher = store.dispatcher();
        Callback::from(move |_: MouseEvent| {
            progress.set(Progress::default());
            dispatcher.dispatch(Action::Select(None));
        })
    };
    let questions = match &*loaded {
        Loaded::Ready(q) => Rc::clone(q),
        Loaded::Waiting => return shell(&leave, &restart, "", waiting()),
        Loaded::Failed(e) => {
            let body = html! { <p class="import-error" role="alert">{ format!("The questions could not be built: {e}") }</p> };
            return shell(&leave, &restart, "", body);
        }
    };
    let steps = by_step(&questions);
    let checked: Vec<&Rc<Question>> = questions
        .iter()
        .filter(|q| progress.checked.contains(&q.id))
        .collect();
    let right = checked
        .iter()
        .filter(|q| q.grade(&given(&progress, q)).right)
        .count();
    let total = questions.len();
    let items = steps
        .iter()
        .enumerate()
        .map(|(n, (step, qs))| step_view(&store, &progress, n, *step, qs))
        .collect::<Html>();
    let done = total > 0 && checked.len() == total;
    let finished = steps
        .iter()
        .filter(|(_, qs)| progress.all_checked(qs))
        .count();
    let words = format!(
        "{finished} of {} steps checked · {right} of {} answers right",
        steps.len(),
        checked.len()
    );
    let body = html! {
        <>
            <p class="quiz-intro muted">{ "For each step, say what AWS answers and Check; then the step's other questions follow. A wrong answer names the misconception behind it; the last Check shows the rule, the flow and the trap, and lights the deciding statement in its editor." }</p>
            <ol class="quiz-steps">{ items }</ol>
            if done {
                <div class="quiz-score" id="quiz-score" role="status">
                    <span class="quiz-score-label">{ "Score" }</span>
                    <strong class="quiz-score-value" id="quiz-score-value">{ format!("{right} / {total}") }</strong>
                </div>
            }
        </>
    };
    shell(&leave, &restart, &words, body)
}

fn given(progress: &Progress, q: &Question) -> Given {
    progress
        .given
        .iter()
        .find(|(id, _)| *id == q.id)
        .map(|(_, g)| g.clone())
        .unwrap_or_default()
}

fn waiting() -> Html {
    html! { <div class="empty-state" aria-busy="true" id="quiz-waiting"><p>{ "Building the questions from the scenario…" }</p></div> }
}

fn shell(
    leave: &Callback<MouseEvent>,
    restart: &Callback<MouseEvent>,
    words: &str,
    body: Html,
) -> Html {
    html! {
        <section class="card quiz" id="quiz" aria-labelledby="quiz-heading">
            <header class="card-header">
                <h2 class="card-title" id="quiz-heading">{ "Quiz" }</h2>
                <p class="card-question" id="quiz-progress">{ words.to_string() }</p>
                <button type="button" class="button button-small" id="quiz-restart" onclick={restart.clone()}>{ "Start over" }</button>
                <button type="button" class="button button-small" id="quiz-leave" onclick={leave.clone()}>{ "Leave quiz" }</button>
            </header>
            { body }
        </section>
    }
}

/// Marks `ids` checked; with `reveal`, the step becomes the selected one, so its deciding
/// statements light up in the editors.
fn checker(
    store: &StoreHandle,
    progress: &UseStateHandle<Progress>,
    step: usize,
    ids: Vec<String>,
    reveal: bool,
) -> Callback<MouseEvent> {
    let progress = progress.clone();
    let dispatcher = store.dispatcher();
    Callback::from(move |_: MouseEvent| {
        let mut next = (*progress).clone();
        next.checked.extend(
            ids.iter()
                .filter(|i| !progress.checked.contains(i))
                .cloned(),
        );
        progress.set(next);
        if reveal {
            dispatcher.dispatch(Action::Select(Some(step)));
        }
    })
}

/// One step: who calls what and what AWS answers; once that is checked, the step's other
/// questions; once they are, what AWS says and why.
fn step_view(
    store: &StoreHandle,
    progress: &UseStateHandle<Progress>,
    n: usize,
    step: usize,
    qs: &[Rc<Question>],
) -> Html {
    let (first, more): (Vec<Rc<Question>>, Vec<Rc<Question>>) = qs
        .iter()
        .cloned()
        .partition(|q| q.kind == roleplay_learn::Kind::Outcome);
    let first_done = progress.all_checked(&first);
    let all_done = progress.all_checked(qs);
    let right = qs.iter().all(|q| q.grade(&given(progress, q)).right);
    let setting = qs.first().map(|q| q.setting.clone()).unwrap_or_default();
    let view = |k: usize, q: &Rc<Question>, checked: bool| {
        let on_given = {
            let progress = progress.clone();
            let id = q.id.clone();
            Callback::from(move |g: Given| {
                let mut next = (*progress).clone();
                next.set(&id, g);
                progress.set(next);
            })
        };
        question_view(&QuestionProps {
            question: Rc::clone(q),
            given: given(progress, q),
            checked,
            id: format!("quiz-{n}-{k}"),
            show_documents: false,
            on_given,
        })
    };
    let ids = |list: &[Rc<Question>]| list.iter().map(|q| q.id.clone()).collect::<Vec<_>>();
    html! {
        <li class={classes!("quiz-step", all_done.then_some(if right { "quiz-right" } else { "quiz-wrong" }))} id={format!("quiz-step-{n}")}>
            <p class="quiz-question"><span class="quiz-number">{ setting }</span></p>
            { for first.iter().enumerate().map(|(k, q)| view(k, q, first_done)) }
            if !first_done {
                <button type="button" class="button button-small quiz-check" id={format!("quiz-check-{n}")}
                    onclick={checker(store, progress, step, ids(&first), more.is_empty())}>{ "Check" }</button>
            } else if !more.is_empty() {
                <p class="quiz-more muted">{ "Now that you know AWS's answer:" }</p>
                { for more.iter().enumerate().map(|(k, q)| view(k + first.len(), q, all_done)) }
                if !all_done {
                    <button type="button" class="button button-small quiz-check" id={format!("quiz-check-more-{n}")}
                        onclick={checker(store, progress, step, ids(&more), true)}>{ "Check" }</button>
                }
            }
            if all_done {
                if let Some(q) = qs.first() {
                    { reveal_view(&q.reveal, &format!("quiz-reveal-{n}")) }
                }
            }
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_group_by_step_in_order() {
        let q = |step: usize, id: &str| {
            Rc::new(Question {
                id: id.into(),
                scenario: String::new(),
                exam: String::new(),
                topic: String::new(),
                step,
                kind: roleplay_learn::Kind::Outcome,
                setting: String::new(),
                prompt: String::new(),
                choices: Vec::new(),
                right: Vec::new(),
                layer: None,
                rows: Vec::new(),
                start: None,
                shown: Vec::new(),
                reveal: roleplay_learn::Reveal::default(),
            })
        };
        let grouped = by_step(&[q(0, "a"), q(0, "b"), q(2, "c")]);
        let shape: Vec<(usize, usize)> = grouped.iter().map(|(s, l)| (*s, l.len())).collect();
        assert_eq!(shape, vec![(0, 2), (2, 1)]);
    }
}
