//! The exam drill: pick an exam, and the worker draws a balanced, shuffled set of questions across
//! the whole gallery (`Job::Questions`, `roleplay_learn::drill`); each question shows the policies
//! and parameters it is about, and Check grades it. A finished drill goes into the history in
//! localStorage (`gloo-storage`), which names the weakest topics, and can be shared as a link that
//! replays the same drill and shows its score (`crate::drill`). Text nodes only.

use super::explanation::copy_text;
use super::gallery::scenarios;
use super::modal::Modal;
use super::question::{question_view, reveal_view, QuestionProps};
use super::quiz::{ask_questions, Loaded};
use crate::drill::{record, weakest, with_record, DrillLink, Record};
use crate::services::{keep, kept};
use crate::state::{Action, StoreHandle};
use roleplay_learn::{Given, EXAMS};
use roleplay_worker::Job;
use std::rc::Rc;
use yew::prelude::*;

const HISTORY_KEY: &str = "roleplay:drills";
/// Questions in a drill.
const SIZE: usize = 12;

/// The drill dialog's state: the exam chosen, the drill being taken (its link, without a score, and
/// its questions), each question's answer and whether it is checked, and the kept history.
#[derive(Clone, PartialEq)]
struct Drilling {
    exam: Option<String>,
    taking: Option<(DrillLink, Loaded)>,
    answers: Vec<(Given, bool)>,
    past: Vec<Record>,
}

enum Step {
    Exam(Option<String>),
    Start(DrillLink),
    Drawn(DrillLink, Loaded),
    Answer(usize, Given),
    Check(usize),
    Back,
}

impl Reducible for Drilling {
    type Action = Step;

    fn reduce(self: Rc<Self>, step: Step) -> Rc<Self> {
        let mut next = (*self).clone();
        match step {
            Step::Exam(e) => next.exam = e,
            Step::Start(link) => {
                next.taking = Some((link, Loaded::Waiting));
                next.answers = Vec::new();
            }
            // A draw that is no longer the one waited for is dropped.
            Step::Drawn(link, loaded) => {
                if next.taking.as_ref().map(|(l, _)| l) != Some(&link) {
                    return self;
                }
                if let Loaded::Ready(qs) = &loaded {
                    next.answers = vec![(Given::default(), false); qs.len()];
                }
                next.taking = Some((link, loaded));
            }
            Step::Answer(i, g) => {
                if let Some(slot) = next.answers.get_mut(i) {
                    slot.0 = g;
                }
            }
            Step::Check(i) => {
                if let Some(slot) = next.answers.get_mut(i) {
                    slot.1 = true;
                }
                next.record_if_done();
            }
            Step::Back => next.taking = None,
        }
        Rc::new(next)
    }
}

impl Drilling {
    fn questions(&self) -> Option<(&DrillLink, &Rc<Vec<Rc<roleplay_learn::Question>>>)> {
        match &self.taking {
            Some((link, Loaded::Ready(qs))) => Some((link, qs)),
            _ => None,
        }
    }

    /// (right, checked) so far.
    fn score(&self) -> (usize, usize) {
        let Some((_, qs)) = self.questions() else {
            return (0, 0);
        };
        qs.iter()
            .zip(&self.answers)
            .filter(|(_, (_, checked))| *checked)
            .fold((0, 0), |(r, n), (q, (g, _))| {
                (r + usize::from(q.grade(g).right), n + 1)
            })
    }

    /// The last question checked: the drill goes into the history.
    fn record_if_done(&mut self) {
        let Some((link, qs)) = self.questions() else {
            return;
        };
        if self.answers.iter().any(|(_, checked)| !checked) {
            return;
        }
        let answers: Vec<(&str, bool)> = qs
            .iter()
            .zip(&self.answers)
            .map(|(q, (g, _))| (q.topic.as_str(), q.grade(g).right))
            .collect();
        let r = record(link.exam.as_deref().unwrap_or(""), link.seed, &answers);
        self.past = with_record(std::mem::take(&mut self.past), r);
        keep(HISTORY_KEY, &self.past);
    }
}

/// Draws `link`'s drill: the gallery (fetched once), then the worker.
fn start(link: DrillLink, drilling: UseReducerDispatcher<Drilling>) {
    drilling.dispatch(Step::Start(link.clone()));
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
        let done = Callback::from(move |l| drilling.dispatch(Step::Drawn(link.clone(), l)));
        ask_questions(job, done);
    });
}

fn exam_words(exam: Option<&str>) -> &str {
    exam.unwrap_or("every exam")
}

fn fresh_seed() -> u64 {
    // A seed a link carries in a few digits.
    (js_sys::Math::random() * 4_294_967_296.0) as u64
}

#[component]
pub fn Drill() -> Html {
    let store = use_context::<StoreHandle>();
    let drilling = use_reducer(|| Drilling {
        exam: None,
        taking: None,
        answers: Vec::new(),
        past: kept(HISTORY_KEY).unwrap_or_default(),
    });
    let Some(store) = store.filter(|s| s.ui.drill_open) else {
        return html! {};
    };
    let close = {
        let dispatcher = store.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Drill(false)))
    };
    let d = drilling.dispatcher();
    let begin = move |link: DrillLink| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| start(link.clone(), d.clone()))
    };
    let body = match &drilling.taking {
        None => setup(&drilling, store.ui.drill_link.as_deref(), &begin),
        Some((link, Loaded::Waiting)) => html! {
            <p class="empty-state" aria-busy="true" id="drill-waiting">
                { format!("Drawing {} questions for {} across the gallery; each answer is checked by the engine…", link.size, exam_words(link.exam.as_deref())) }
            </p>
        },
        Some((_, Loaded::Failed(e))) => html! {
            <p class="import-error" role="alert">{ format!("The drill could not be drawn: {e}") }</p>
        },
        Some((link, Loaded::Ready(_))) => {
            let again = begin(DrillLink {
                seed: fresh_seed(),
                ..link.clone()
            });
            let d = drilling.dispatcher();
            html! {
                <>
                    { taking(&drilling) }
                    <div class="button-row end">
                        <button type="button" class="button" id="drill-back" onclick={move |_| d.dispatch(Step::Back)}>{ "Choose another exam" }</button>
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

/// Choosing the exam; a shared result to compare with; the last drills and the weakest topics.
fn setup(
    drilling: &UseReducerHandle<Drilling>,
    shared: Option<&DrillLink>,
    begin: &dyn Fn(DrillLink) -> Callback<MouseEvent>,
) -> Html {
    let choices = std::iter::once(None)
        .chain(EXAMS.iter().map(|e| Some((*e).to_string())))
        .map(|e| {
            let d = drilling.dispatcher();
            let checked = drilling.exam == e;
            let label = e.clone().unwrap_or_else(|| "Every exam".into());
            let id = format!("drill-exam-{}", e.as_deref().unwrap_or("all"));
            html! {
                <label class="quiz-choice">
                    <input type="radio" name="drill-exam" {id} {checked}
                        onchange={move |_| d.dispatch(Step::Exam(e.clone()))} />
                    { label }
                </label>
            }
        });
    let new = DrillLink {
        exam: drilling.exam.clone(),
        seed: fresh_seed(),
        size: SIZE,
        right: None,
    };
    let past = &drilling.past;
    let last = past
        .iter()
        .rev()
        .take(5)
        .map(|r| {
            format!(
                "{} {}/{}",
                exam_words((!r.exam.is_empty()).then_some(&r.exam)),
                r.right,
                r.total
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    html! {
        <>
            if let Some(link) = shared {
                <div class="drill-shared" id="drill-shared" role="status">
                    <p>{ match link.right {
                        Some(right) => format!("Shared with you: {right} of {} right on a drill for {}. Take the same drill and compare.", link.size, exam_words(link.exam.as_deref())),
                        None => format!("A drill for {} was shared with you.", exam_words(link.exam.as_deref())),
                    } }</p>
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
            if !past.is_empty() {
                <p class="muted" id="drill-history">{ format!("Your last drills: {last}") }</p>
            }
            { weakest_view(past) }
        </>
    }
}

/// The topics answered worst over the kept history.
fn weakest_view(past: &[Record]) -> Html {
    let words = weakest(past, 3)
        .iter()
        .map(|(t, r, n)| format!("{t} ({r} of {n} right)"))
        .collect::<Vec<_>>()
        .join(" · ");
    if words.is_empty() {
        return html! {};
    }
    html! {
        <p class="drill-weakest" id="drill-weakest"><strong>{ "Your weakest topics: " }</strong>{ words }</p>
    }
}

/// The drill being answered: its progress, its questions, and once every one is checked the
/// score, the weakest topics and the result as a link.
fn taking(drilling: &UseReducerHandle<Drilling>) -> Html {
    let Some((link, qs)) = drilling.questions() else {
        return html! {};
    };
    let (right, checked) = drilling.score();
    let total = qs.len();
    let items = qs.iter().zip(&drilling.answers).enumerate().map(|(i, (q, (given, done)))| {
        let d = drilling.dispatcher();
        let check = drilling.dispatcher();
        html! {
            <li class="drill-question quiz-step" id={format!("drill-q-{i}")}>
                <p class="drill-where muted">{ format!("{} of {total} · {} · {}", i + 1, q.exam, q.topic) }</p>
                <p class="quiz-question"><span class="quiz-number">{ q.setting.clone() }</span></p>
                { question_view(&QuestionProps {
                    question: Rc::clone(q),
                    given: given.clone(),
                    checked: *done,
                    id: format!("drill-{i}"),
                    show_documents: true,
                    on_given: Callback::from(move |g| d.dispatch(Step::Answer(i, g))),
                }) }
                if *done {
                    { reveal_view(&q.reveal, &format!("drill-reveal-{i}")) }
                } else {
                    <button type="button" class="button button-small quiz-check" id={format!("drill-check-{i}")}
                        onclick={move |_| check.dispatch(Step::Check(i))}>{ "Check" }</button>
                }
            </li>
        }
    });
    let url = web_sys::window()
        .and_then(|w| {
            let l = w.location();
            let shared = DrillLink {
                right: Some(right),
                size: total.max(1),
                ..link.clone()
            };
            Some(format!(
                "{}{}#{}",
                l.origin().ok()?,
                l.pathname().ok()?,
                shared.fragment()
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
        <>
            <p class="drill-progress" id="drill-progress" role="status">
                { format!("{} · {checked} of {total} checked · {right} right", exam_words(link.exam.as_deref())) }
            </p>
            if total == 0 {
                <p class="muted" id="drill-empty">{ "The gallery has no questions for this exam." }</p>
            }
            <ol class="drill-questions">{ for items }</ol>
            if total > 0 && checked == total {
                <div class="quiz-score drill-score" id="drill-score" role="status">
                    <span class="quiz-score-label">{ "Score" }</span>
                    <strong class="quiz-score-value" id="drill-score-value">{ format!("{right} / {total}") }</strong>
                    { weakest_view(&drilling.past) }
                    <label class="drill-share">
                        <span>{ "Share this result" }</span>
                        <input type="text" readonly=true id="drill-share-link" value={url} />
                    </label>
                    <button type="button" class="button button-small" id="drill-copy" onclick={copy}>{ "Copy link" }</button>
                </div>
            }
        </>
    }
}
