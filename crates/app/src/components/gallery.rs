use super::modal::Modal;
use crate::scenario::{paragraphs, GALLERY_NAMES};
use crate::state::{Action, StoreHandle};
use roleplay_sim::Scenario;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The gallery's scenarios, each read or why not; fetched once, the first time the gallery opens.
type Loaded = Rc<Vec<(&'static str, Result<Scenario, String>)>>;

thread_local! {
    static LOADED: RefCell<Option<Loaded>> = const { RefCell::new(None) };
}

/// Every gallery scenario, from `gallery/NAME.json` beside the page (the build copies them there).
async fn fetch_all() -> Loaded {
    let mut all = Vec::with_capacity(GALLERY_NAMES.len());
    for name in GALLERY_NAMES {
        let text = crate::fetch::text(&format!("gallery/{name}.json")).await;
        let read = text.and_then(|t| crate::scenario::read(&t).map_err(|e| e.to_string()));
        all.push((*name, read));
    }
    Rc::new(all)
}

/// The gallery of teaching scenarios: title, exam topic and first paragraph; picking one loads it.
#[component]
pub fn Gallery() -> Html {
    let store = use_context::<StoreHandle>();
    let open = store.as_ref().is_some_and(|s| s.ui.gallery_open);
    let loaded = use_state(|| LOADED.with(|l| l.borrow().clone()));
    {
        let loaded = loaded.clone();
        use_effect_with(open, move |open| {
            if *open && loaded.is_none() {
                wasm_bindgen_futures::spawn_local(async move {
                    let all = fetch_all().await;
                    LOADED.with(|l| *l.borrow_mut() = Some(Rc::clone(&all)));
                    loaded.set(Some(all));
                });
            }
        });
    }
    let Some(store) = store else {
        return html! {};
    };
    if !open {
        return html! {};
    }
    let close = {
        let dispatcher = store.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Gallery(false)))
    };
    let Some(all) = (*loaded).clone() else {
        return dialog(
            close,
            html! { <li class="muted" id="gallery-loading">{ "Loading the gallery…" }</li> },
        );
    };
    let items = all
        .iter()
        .map(|(name, read)| match read {
            Ok(s) => (*name, s.clone()),
            Err(e) => {
                let mut failed = crate::scenario::empty_scenario();
                failed.title = Some(format!("{name} could not be loaded: {e}"));
                (*name, failed)
            }
        })
        .map(|(name, s)| {
            let first = s
                .description
                .as_deref()
                .map(paragraphs)
                .and_then(|p| p.into_iter().next())
                .unwrap_or_default();
            let title = s.title.clone().unwrap_or_else(|| name.to_owned());
            let exam = s.exam.clone().unwrap_or_default();
            let onclick = {
                let dispatcher = store.dispatcher();
                let s = Rc::new(s);
                Callback::from(move |_: MouseEvent| {
                    dispatcher.dispatch(Action::Load(Rc::clone(&s)));
                    // A new scenario starts at its beginning, not where the last one was scrolled.
                    if let Some(w) = web_sys::window() {
                        w.scroll_to_with_x_and_y(0.0, 0.0);
                    }
                })
            };
            html! {
                <li>
                    <button type="button" class="gallery-item" id={format!("gallery-{name}")} {onclick}>
                        <span class="gallery-exam">{ exam }</span>
                        <span class="gallery-title">{ title }</span>
                        <span class="gallery-text">{ first }</span>
                    </button>
                </li>
            }
        })
        .collect::<Html>();
    dialog(close, items)
}

fn dialog(close: Callback<()>, items: Html) -> Html {
    html! {
        <Modal id="gallery" class="gallery" heading="Scenario gallery" heading_id="gallery-heading"
            close_id="gallery-close" on_close={close}
            intro="Nineteen worked scenarios, each built around an exam topic. Opening one replaces your current scenario (the link and autosave follow).">
            <ul class="gallery-list">{ items }</ul>
        </Modal>
    }
}
