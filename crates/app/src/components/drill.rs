//! The exam drill: pick an exam, and the worker draws a balanced, shuffled set of questions across
//! the whole gallery (`Job::Questions`, `roleplay_learn::drill`); each question shows the policies
//! and parameters it is about, and Check grades it. A finished drill goes into the history in
//! localStorage (`gloo-storage`), which names the weakest topics, and can be shared as a link that
//! replays the same drill and shows its score (`crate::drill`). Text nodes only.

use super::explanation::copy_text;
use super::gallery::scenarios;
use super::modal::Modal;
use super::question::{reveal_view, QuestionView};
use super::quiz::{ask_questions, Loaded};
use crate::drill::{record, weakest, with_record, DrillLink, Record};
use crate::state::{Action, StoreHandle};
use gloo_storage::{LocalStorage, Storage};
use roleplay_learn::{Given, Question, EXAMS};
use roleplay_worker::Job;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use yew::prelude::*;

const HISTORY_KEY: &str = "roleplay:drills";
/// Questions in a drill.
const SIZE: usize = 12;

fn history() -> Vec<Record> {
    LocalStorage::get(HISTORY_KEY).unwrap_or_default()
}

/// The drill being taken: what it is (its link, without a score) and its questions.
#[derive(Clone, PartialEq)]
struct Taking {
    link: DrillLink,
    questions: Loaded,
}

/// Starts `link`'s drill: the gallery (fetched once), then the worker's draw.
fn start(link: DrillLink, taking: UseStateHandle<Option<Taking>>) {
    taking.set(Some(Taking {
        link: link.clone(),
        questions: Loaded::Waiting,
    }));
    wasm_bindgen_futures::spawn_local(async move {
        let all = scenarios().await;
        let documents = all
            .iter()
            .filter_map(|(name, s)| {
                Some((
                    name.to_string(),
                    serde_json::to_value(s.as_ref().ok()?).ok()?,
                ))
            })
            .collect();
        let job = Job::Questions {
            scenarios: documents,
            exam: link.exam.clone(),
            seed: link.seed,
            size: link.size,
        };
        ask_questions(
            job,
            Callback::from(move |questions| {
                taking.set(Some(Taking {
                    link: link.clone(),
                    questions,
                }))
            }),
        );
    });
}

fn exam_words(exam: Option<&str>) -> String {
    exam.map_or_else(|| "every exam".to_string(), str::to_string)
}

#[component]
pub fn Drill() -> Html {
    let store = use_context::<StoreHandle>();
    let exam = use_state(|| None::<String>);
    let taking = use_state(|| None::<Taking>);
    let given = use_state(BTreeMap::<usize, Given>::new);
    let checked = use_state(BTreeSet::<usize>::new);
    let past = use_state(history);
    let Some(store) = store else {
        return html! {};
    };
    if !store.drill_open {
        return html! {};
    }
    let close = {
        let dispatcher = store.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Drill(false)))
    };
    let begin = |link: DrillLink| {
        let (taking, given, checked) = (taking.clone(), given.clone(), checked.clone());
        Callback::from(move |_: MouseEvent| {
            given.set(BTreeMap::new());
            checked.set(BTreeSet::new());
            start(link.clone(), taking.clone());
        })
    };
    let shared = store.drill_link.as_deref().cloned();
    let body = match (*taking).clone() {
        None => setup(&exam, &past, shared.as_ref(), &begin),
        Some(Taking {
            questions: Loaded::Waiting,
            link,
        }) => html! {
            <div class="empty-state" aria-busy="true" id="drill-waiting">
                <p>{ format!("Drawing {} questions for {} across the gallery; each answer is checked by the engine…", link.size, exam_words(link.exam.as_deref())) }</p>
            </div>
        },
        Some(Taking {
            questions: Loaded::Failed(e),
            ..
        }) => {
            html! { <p class="import-error" role="alert">{ format!("The drill could not be drawn: {e}") }</p> }
        }
        Some(Taking {
            questions: Loaded::Ready(qs),
            link,
        }) => {
            let run = Run {
                link,
                questions: qs,
                given: given.clone(),
                checked: checked.clone(),
                past: past.clone(),
            };
            let again = begin(DrillLink {
                seed: fresh_seed(),
                right: None,
                ..run.link.clone()
            });
            let back = {
                let taking = taking.clone();
                Callback::from(move |_: MouseEvent| taking.set(None))
            };
            html! {
                <>
                    { run.view() }
                    <div class="button-row end drill-actions">
                        <button type="button" class="button" id="drill-back" onclick={back}>{ "Choose another exam" }</button>
                        <button type="button" class="button" id="drill-again" onclick={again}>{ "New drill" }</button>
                    </div>
                </>
            }
        }
    };
    html! {
        <Modal id="drill-dialog" class="drill" title="Exam drill" close_id="drill-close" on_close={close}
            intro="Questions drawn across the whole gallery for one exam, shuffled and balanced so that no answer is right more than 40 % of the time. Every answer key comes from the engine.">
            <div class="drill-body">{ body }</div>
        </Modal>
    }
}

fn fresh_seed() -> u64 {
    // A seed a link can carry in a few digits.
    (js_sys::Math::random() * 4_294_967_296.0) as u64
}

/// Choosing the exam; a shared result to compare with; the weakest topics so far.
fn setup(
    exam: &UseStateHandle<Option<String>>,
    past: &UseStateHandle<Vec<Record>>,
    shared: Option<&DrillLink>,
    begin: &dyn Fn(DrillLink) -> Callback<MouseEvent>,
) -> Html {
    let choices = std::iter::once(None)
        .chain(EXAMS.iter().map(|e| Some((*e).to_string())))
        .map(|e| {
            let id = format!("drill-exam-{}", e.as_deref().unwrap_or("all"));
            let onchange = {
                let (exam, e) = (exam.clone(), e.clone());
                Callback::from(move |_: Event| exam.set(e.clone()))
            };
            html! {
                <label class="quiz-choice">
                    <input type="radio" name="drill-exam" id={id} checked={**exam == e} {onchange} />
                    { e.clone().unwrap_or_else(|| "Every exam".into()) }
                </label>
            }
        });
    let new = DrillLink {
        exam: (**exam).clone(),
        seed: fresh_seed(),
        size: SIZE,
        right: None,
    };
    html! {
        <>
            if let Some(link) = shared {
                <div class="drill-shared" id="drill-shared" role="status">
                    <p>
                        if let Some(right) = link.right {
                            { format!("Shared with you: {right} of {} right on a drill for {}. Take the same drill and compare.", link.size, exam_words(link.exam.as_deref())) }
                        } else {
                            { format!("A drill for {} was shared with you.", exam_words(link.exam.as_deref())) }
                        }
                    </p>
                    <button type="button" class="button button-primary" id="drill-replay" onclick={begin(DrillLink { right: None, ..link.clone() })}>{ "Take the same drill" }</button>
                </div>
            }
            <fieldset class="quiz-choices">
                <legend>{ "Exam" }</legend>
                { for choices }
            </fieldset>
            <div class="button-row">
                <button type="button" class="button button-primary" id="drill-start" onclick={begin(new)}>{ format!("Start a drill of {SIZE}") }</button>
            </div>
            { history_view(past) }
            { weakest_view(past) }
        </>
    }
}

fn history_view(past: &[Record]) -> Html {
    if past.is_empty() {
        return html! {};
    }
    html! {
        <p class="drill-history muted" id="drill-history">
            { format!("Your last drills: {}", past.iter().rev().take(5).map(|r| format!("{} {}/{}", if r.exam.is_empty() { "all" } else { &r.exam }, r.right, r.total)).collect::<Vec<_>>().join(" · ")) }
        </p>
    }
}

/// The topics answered worst over the kept history.
fn weakest_view(past: &[Record]) -> Html {
    let weak = weakest(past, 3);
    if weak.is_empty() {
        return html! {};
    }
    let words = weak
        .iter()
        .map(|(t, r, n)| format!("{t} ({r} of {n} right)"))
        .collect::<Vec<_>>()
        .join(" · ");
    html! {
        <p class="drill-weakest" id="drill-weakest"><strong>{ "Your weakest topics: " }</strong>{ words }</p>
    }
}

/// A drill being answered.
struct Run {
    link: DrillLink,
    questions: Rc<Vec<Rc<Question>>>,
    given: UseStateHandle<BTreeMap<usize, Given>>,
    checked: UseStateHandle<BTreeSet<usize>>,
    past: UseStateHandle<Vec<Record>>,
}

impl Run {
    fn given(&self, i: usize) -> Given {
        self.given.get(&i).cloned().unwrap_or_default()
    }

    fn right(&self) -> usize {
        self.questions
            .iter()
            .enumerate()
            .filter(|(i, q)| self.checked.contains(i) && q.grade(&self.given(*i)).right)
            .count()
    }

    /// Check question `i`; the last one checked records the drill in the history.
    fn check(&self, i: usize) -> Callback<MouseEvent> {
        let (checked, given, past) = (self.checked.clone(), self.given.clone(), self.past.clone());
        let (questions, link) = (Rc::clone(&self.questions), self.link.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = (*checked).clone();
            next.insert(i);
            if next.len() == questions.len() {
                let answers: Vec<(&str, bool)> = questions
                    .iter()
                    .enumerate()
                    .map(|(k, q)| {
                        let g = given.get(&k).cloned().unwrap_or_default();
                        (q.topic.as_str(), q.grade(&g).right)
                    })
                    .collect();
                let r = record(link.exam.as_deref().unwrap_or(""), link.seed, &answers);
                let all = with_record((*past).clone(), r);
                // Full or disabled storage: the score still shows, it is just not kept.
                let _ = LocalStorage::set(HISTORY_KEY, &all);
                past.set(all);
            }
            checked.set(next);
        })
    }

    fn view(&self) -> Html {
        let total = self.questions.len();
        let right = self.right();
        let done = total > 0 && self.checked.len() == total;
        let items = self
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| self.item(i, q));
        html! {
            <>
                <p class="drill-progress" id="drill-progress" role="status">
                    { format!("{} · {} of {total} checked · {right} right", exam_words(self.link.exam.as_deref()), self.checked.len()) }
                </p>
                if total == 0 {
                    <p class="muted" id="drill-empty">{ "The gallery has no questions for this exam." }</p>
                }
                <ol class="drill-questions">{ for items }</ol>
                if done {
                    { self.score(right, total) }
                }
            </>
        }
    }

    fn item(&self, i: usize, q: &Rc<Question>) -> Html {
        let checked = self.checked.contains(&i);
        let on_given = {
            let given = self.given.clone();
            Callback::from(move |g: Given| {
                let mut next = (*given).clone();
                next.insert(i, g);
                given.set(next);
            })
        };
        html! {
            <li class="drill-question quiz-step" id={format!("drill-q-{i}")}>
                <p class="drill-where muted">
                    { format!("{} of {} · {} · {}", i + 1, self.questions.len(), q.exam, q.topic) }
                </p>
                <p class="quiz-question"><span class="quiz-number">{ q.setting.clone() }</span></p>
                <QuestionView question={Rc::clone(q)} given={self.given(i)} {checked}
                    id={format!("drill-{i}")} show_documents=true {on_given} />
                if checked {
                    { reveal_view(&q.reveal, &format!("drill-reveal-{i}")) }
                } else {
                    <button type="button" class="button button-small quiz-check" id={format!("drill-check-{i}")} onclick={self.check(i)}>{ "Check" }</button>
                }
            </li>
        }
    }

    /// The score, the weakest topics, and the result as a link.
    fn score(&self, right: usize, total: usize) -> Html {
        let link = DrillLink {
            right: Some(right),
            size: total.max(1),
            ..self.link.clone()
        };
        let url = web_sys::window()
            .and_then(|w| {
                let l = w.location();
                Some(format!(
                    "{}{}#{}",
                    l.origin().ok()?,
                    l.pathname().ok()?,
                    link.fragment()
                ))
            })
            .unwrap_or_default();
        let copy = {
            let url = url.clone();
            Callback::from(move |_: MouseEvent| {
                let url = url.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = copy_text(&url).await;
                });
            })
        };
        html! {
            <div class="quiz-score drill-score" id="drill-score" role="status">
                <span class="quiz-score-label">{ "Score" }</span>
                <strong class="quiz-score-value" id="drill-score-value">{ format!("{right} / {total}") }</strong>
                { weakest_view(&self.past) }
                <label class="drill-share">
                    <span>{ "Share this result" }</span>
                    <input type="text" readonly=true id="drill-share-link" value={url} />
                </label>
                <button type="button" class="button button-small" id="drill-copy" onclick={copy}>{ "Copy link" }</button>
            </div>
        }
    }
}
