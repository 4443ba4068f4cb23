//! The exam drill, a dialog: the worker writes its screens (`sheet.rs`) — the exams to drill, a
//! drill shared as a link (`#drill=…`, docs/scenario-format-extensions.md), the last drills and
//! the weakest topics; then the questions drawn across the whole gallery for one exam, shuffled and
//! balanced, each checked on its own; then the score and the result as a link. The page fetches
//! the gallery's files for the worker and keeps the history in localStorage as the worker writes
//! it. The dialog is `modal.rs`'s (Escape or × closes, Tab stays inside, the focus returns).

use super::modal::Modal;
use super::sheet::{act, ask, fields, fresh_seed, use_markup, Act, Reply, Sent, SentRef};
use crate::scenario::GALLERY_NAMES;
use crate::services::{store_item, stored};
use crate::state::{Action, StoreHandle};
use roleplay_worker::{Asked, Learned, Sheet};
use std::rc::Rc;
use yew::prelude::*;

const HISTORY_KEY: &str = "roleplay:drills";

/// What every request carries: the answers so far, the kept history, a fresh seed, the page's address.
fn asked(progress: String, form: Vec<(String, String)>, check: Vec<usize>) -> Asked {
    let location = gloo_utils::window().location();
    Asked {
        progress,
        form,
        check,
        history: stored(HISTORY_KEY).unwrap_or_default(),
        seed: fresh_seed(),
        base: format!(
            "{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        ),
    }
}

/// The gallery's scenarios as text, for the worker to draw from.
async fn gallery() -> Vec<(String, String)> {
    let mut all = Vec::with_capacity(GALLERY_NAMES.len());
    for name in GALLERY_NAMES {
        if let Ok(text) = crate::fetch::text(&format!("gallery/{name}.json")).await {
            all.push((name.to_string(), text));
        }
    }
    all
}

#[component]
pub fn Drill() -> Html {
    let store = use_context::<StoreHandle>();
    let reply = use_state(|| None as Reply);
    let progress = use_mut_ref(String::new);
    let sent: SentRef = use_mut_ref(Sent::default);
    let node = use_node_ref();
    let open = store.as_ref().is_some_and(|s| s.ui.drill_open);
    let done = {
        let (reply, progress) = (reply.clone(), progress.clone());
        Callback::from(move |r: Result<Learned, String>| {
            if let Ok(l) = &r {
                *progress.borrow_mut() = l.progress.clone();
                if let Some(h) = &l.history {
                    store_item(HISTORY_KEY, h);
                }
            }
            reply.set(Some(r.map(Rc::new)));
        })
    };
    {
        // Opening shows the first screen (with the drill a link shared, if one did).
        let shared = store.as_ref().and_then(|s| s.ui.drill_shared.clone());
        let (reply, done, sent) = (reply.clone(), done.clone(), sent.clone());
        use_effect_with(open, move |open| {
            if *open {
                reply.set(None);
                let sheet = Sheet::Home {
                    shared: shared.map(|s| s.to_string()),
                };
                ask(
                    &sent,
                    sheet,
                    asked(String::new(), Vec::new(), Vec::new()),
                    done,
                );
            }
        });
    }
    use_markup(&node, &reply);
    let Some(store) = store.filter(|_| open) else {
        return html! {};
    };
    let close = {
        let dispatcher = store.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Drill(false)))
    };
    let onclick = {
        let (reply, progress, node) = (reply.clone(), progress.clone(), node.clone());
        Callback::from(move |e: MouseEvent| {
            let (done, sent) = (done.clone(), sent.clone());
            match act(&e) {
                Some(Act::Check(check)) => {
                    let Some(Ok(l)) = &*reply else {
                        return;
                    };
                    let asked = asked(progress.borrow().clone(), fields(&node), check);
                    ask(&sent, Sheet::Built(l.built.clone()), asked, done);
                }
                Some(Act::Drill(link)) => {
                    reply.set(None);
                    wasm_bindgen_futures::spawn_local(async move {
                        let sheet = Sheet::Drill {
                            link,
                            scenarios: gallery().await,
                        };
                        ask(
                            &sent,
                            sheet,
                            asked(String::new(), Vec::new(), Vec::new()),
                            done,
                        );
                    });
                }
                Some(Act::Home) => {
                    let sheet = Sheet::Home { shared: None };
                    ask(
                        &sent,
                        sheet,
                        asked(String::new(), Vec::new(), Vec::new()),
                        done,
                    );
                }
                None => {}
            }
        })
    };
    let status = match &*reply {
        None => {
            html! { <p class="empty-state" aria-busy="true" id="drill-waiting">{ "Drawing questions across the gallery; each answer is checked by the engine…" }</p> }
        }
        Some(Err(e)) => {
            html! { <p class="import-error" role="alert">{ format!("The drill could not be drawn: {e}") }</p> }
        }
        Some(Ok(_)) => html! {},
    };
    let intro = "Questions drawn across the whole gallery for one exam, shuffled and balanced so that no answer is right more than 40 % of the time. Every answer key comes from the engine.";
    html! {
        <Modal id="drill-dialog" class="drill" heading="Exam drill" heading_id="drill-dialog-heading"
            close_id="drill-close" {intro} on_close={close}>
            { status }
            <div class="drill-body" ref={node} {onclick}></div>
        </Modal>
    }
}
