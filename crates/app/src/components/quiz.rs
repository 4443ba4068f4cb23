//! Quiz mode (exam study) on the scenario the page shows. The worker builds its questions from the
//! scenario (every key from the engine), grades them and writes them (`sheet.rs`): per step who
//! calls what and what AWS answers; once checked, the step's other questions; once they are, the
//! rule, AWS's message, the flow and the trap — and the step becomes the selected one, so its
//! deciding statement lights in its editor. Asked again on every change of the scenario (the keys
//! follow the policies), with the answers given so far. The learner's answers and the questions
//! checked are kept in localStorage per scenario title.

use super::sheet::{act, ask, fields, use_markup, Act, Reply, Sent, SentRef};
use crate::services::{store_item, stored};
use crate::state::{Action, StoreHandle};
use roleplay_worker::{Asked, Learned, Sheet};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

fn storage_key(title: &str) -> String {
    format!("roleplay:quiz:{title}")
}

fn load(title: &str) -> String {
    stored(&storage_key(title)).unwrap_or_default()
}

/// The scenario's title and the learner's progress on it, as the worker wrote it (JSON text the
/// page keeps without reading).
type Kept = Rc<RefCell<(String, String)>>;

/// What a reply does: shown, its progress kept, and a step answered in full selected.
fn on_reply(
    store: &StoreHandle,
    reply: &UseStateHandle<Reply>,
    kept: &Kept,
) -> Callback<Result<Learned, String>> {
    let (dispatcher, reply, kept) = (store.dispatcher(), reply.clone(), kept.clone());
    Callback::from(move |r: Result<Learned, String>| {
        if let Ok(l) = &r {
            let mut k = kept.borrow_mut();
            k.1 = l.progress.clone();
            store_item(&storage_key(&k.0), &k.1);
            if let Some(step) = l.select {
                dispatcher.dispatch(Action::Select(Some(step)));
            }
        }
        reply.set(Some(r.map(Rc::new)));
    })
}

#[component]
pub fn Quiz() -> Html {
    let store = use_context::<StoreHandle>();
    let title = store
        .as_ref()
        .and_then(|s| s.doc.scenario.title.clone())
        .unwrap_or_else(|| "Untitled scenario".to_owned());
    let reply = use_state(|| None as Reply);
    let kept: Kept = {
        let title = title.clone();
        use_mut_ref(move || {
            let progress = load(&title);
            (title, progress)
        })
    };
    let node = use_node_ref();
    let restarts = use_state(|| 0_u32);
    let sent: SentRef = use_mut_ref(Sent::default);
    {
        // Asked again whenever the scenario changes, with the answers on the page.
        let (store, reply, kept, node) = (store.clone(), reply.clone(), kept.clone(), node.clone());
        let sent = sent.clone();
        let revision = store.as_ref().map(|s| s.doc.revision);
        use_effect_with(
            (revision, title.clone(), *restarts),
            move |(_, title, _)| {
                let Some(store) = store else {
                    return;
                };
                let (progress, form) = {
                    let mut k = kept.borrow_mut();
                    if k.0 != *title {
                        *k = (title.clone(), load(title));
                    }
                    // An empty sheet (waiting, or started over) sends no fields: the kept ones stand.
                    (k.1.clone(), fields(&node))
                };
                let scenario = crate::scenario_json::value(&store.doc.scenario);
                let sheet = Sheet::Quiz {
                    name: title.clone(),
                    scenario,
                };
                let asked = Asked {
                    progress,
                    form,
                    ..Asked::default()
                };
                ask(&sent, sheet, asked, on_reply(&store, &reply, &kept));
            },
        );
    }
    use_markup(&node, &reply);
    let Some(store) = store else {
        return html! {};
    };
    let leave = {
        let dispatcher = store.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Quiz(false)))
    };
    let restart = {
        let (kept, restarts, dispatcher) = (kept.clone(), restarts.clone(), store.dispatcher());
        let node = node.clone();
        Callback::from(move |_: MouseEvent| {
            kept.borrow_mut().1 = String::new();
            if let Some(sheet) = node.cast::<web_sys::Element>() {
                sheet.set_inner_html("");
            }
            restarts.set(*restarts + 1);
            dispatcher.dispatch(Action::Select(None));
        })
    };
    let onclick = {
        let (store, reply, kept, node) = (store.clone(), reply.clone(), kept.clone(), node.clone());
        let sent = sent.clone();
        Callback::from(move |e: MouseEvent| {
            let (Some(Act::Check(check)), Some(Ok(l))) = (act(&e), &*reply) else {
                return;
            };
            let asked = Asked {
                progress: kept.borrow().1.clone(),
                form: fields(&node),
                check,
                ..Asked::default()
            };
            ask(
                &sent,
                Sheet::Built(l.built.clone()),
                asked,
                on_reply(&store, &reply, &kept),
            );
        })
    };
    let (summary, status) = match &*reply {
        Some(Ok(l)) => (l.summary.clone(), html! {}),
        None => (
            String::new(),
            html! { <p class="empty-state" aria-busy="true" id="quiz-waiting">{ "Building the questions from the scenario…" }</p> },
        ),
        Some(Err(e)) => (
            String::new(),
            html! { <p class="import-error" role="alert">{ format!("The questions could not be built: {e}") }</p> },
        ),
    };
    html! {
        <section class="card quiz" id="quiz" aria-labelledby="quiz-heading">
            <header class="card-header">
                <h2 class="card-title" id="quiz-heading">{ "Quiz" }</h2>
                <p class="card-question" id="quiz-progress">{ summary }</p>
                <button type="button" class="button button-small" id="quiz-restart" onclick={restart}>{ "Start over" }</button>
                <button type="button" class="button button-small" id="quiz-leave" onclick={leave}>{ "Leave quiz" }</button>
            </header>
            { status }
            <div class="quiz-sheet" ref={node} {onclick}></div>
        </section>
    }
}
