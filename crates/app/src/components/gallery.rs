use crate::scenario::{paragraphs, GALLERY};
use crate::state::{Action, StoreHandle};
use std::rc::Rc;
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// The gallery of teaching scenarios: title, exam topic and first paragraph; picking one loads it.
#[component]
pub fn Gallery() -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    if !store.gallery_open {
        return html! {};
    }
    let close = {
        let dispatcher = store.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Gallery(false)))
    };
    let onkeydown = {
        let dispatcher = store.dispatcher();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                dispatcher.dispatch(Action::Gallery(false));
            }
        })
    };
    let items = GALLERY
        .iter()
        .filter_map(|(name, text)| Some((*name, crate::scenario::read(text).ok()?)))
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
    html! {
        <div class="modal-backdrop" {onkeydown}>
            <div class="modal gallery" role="dialog" aria-modal="true" aria-labelledby="gallery-heading" id="gallery">
                <header class="modal-header">
                    <h2 id="gallery-heading">{ "Scenario gallery" }</h2>
                    <p class="muted">{ "Nineteen worked scenarios, each built around an exam topic. Opening one replaces your current scenario (the link and autosave follow)." }</p>
                    <button type="button" class="icon-button modal-close" aria-label="Close" id="gallery-close" onclick={close}>{ "×" }</button>
                </header>
                <ul class="gallery-list">{ items }</ul>
            </div>
        </div>
    }
}
