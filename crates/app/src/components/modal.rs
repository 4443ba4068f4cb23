//! The page's dialogs (the gallery, the import, the shared-link question), written once: the
//! backdrop, the heading that labels the dialog, the × button, Escape to close, Tab kept inside the
//! dialog, and the focus given back to where it was when the dialog closes.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// What a keyboard user can Tab to inside a dialog.
const FOCUSABLE: &str =
    "button:not([disabled]), input:not([disabled]):not([tabindex=\"-1\"]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex=\"-1\"])";

#[derive(Properties, PartialEq)]
pub struct ModalProps {
    /// The dialog's id (the e2e tests find it by it).
    pub id: AttrValue,
    /// Classes beside `modal`: the dialog's size and its own styles.
    #[prop_or_default]
    pub class: Classes,
    /// The heading, which names the dialog (`aria-labelledby`), and its id.
    pub heading: AttrValue,
    pub heading_id: AttrValue,
    /// With a × button (its id here) the heading stands in a header with `intro` under it; without,
    /// the dialog asks a question that its own buttons answer.
    #[prop_or_default]
    pub close_id: Option<AttrValue>,
    #[prop_or_default]
    pub intro: Option<AttrValue>,
    /// An `alertdialog`: it interrupts to ask before something is replaced.
    #[prop_or_default]
    pub alert: bool,
    /// Escape and the × button.
    pub on_close: Callback<()>,
    #[prop_or_default]
    pub children: Html,
}

/// A modal dialog over the page; render it only while it is open.
#[component]
pub fn Modal(props: &ModalProps) -> Html {
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |()| {
            // Whoever opened the dialog gets the focus back; until then it stays inside.
            let opener = gloo_utils::document().active_element();
            if let Some(el) = dialog.cast::<Element>() {
                focus_first(&el);
            }
            move || {
                if let Some(opener) = opener.and_then(|o| o.dyn_into::<HtmlElement>().ok()) {
                    if opener.is_connected() {
                        let _ = opener.focus();
                    }
                }
            }
        });
    }
    let onkeydown = {
        let (dialog, on_close) = (dialog.clone(), props.on_close.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => on_close.emit(()),
            "Tab" => {
                if let Some(el) = dialog.cast::<Element>() {
                    trap_tab(&el, &e);
                }
            }
            _ => {}
        })
    };
    let heading = html! { <h2 id={props.heading_id.clone()}>{ props.heading.clone() }</h2> };
    let header = match &props.close_id {
        Some(close_id) => {
            let close = props.on_close.reform(|_: MouseEvent| ());
            html! {
                <header class="modal-header">
                    { heading }
                    if let Some(intro) = &props.intro {
                        <p class="muted">{ intro.clone() }</p>
                    }
                    <button type="button" class="icon-button modal-close" aria-label="Close" id={close_id.clone()} onclick={close}>{ "×" }</button>
                </header>
            }
        }
        None => heading,
    };
    html! {
        <div class="modal-backdrop" {onkeydown}>
            <div ref={dialog} class={classes!("modal", props.class.clone())} id={props.id.clone()}
                role={if props.alert { "alertdialog" } else { "dialog" }} aria-modal="true"
                aria-labelledby={props.heading_id.clone()}>
                { header }
                { props.children.clone() }
            </div>
        </div>
    }
}

/// The dialog's focusable elements, in Tab order (the DOM's: none sets a positive tabindex).
fn focusables(dialog: &Element) -> Vec<HtmlElement> {
    let Ok(all) = dialog.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..all.length())
        .filter_map(|i| all.get(i)?.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// The element marked `autofocus` (the import's textarea), else the first one that takes focus.
fn focus_first(dialog: &Element) {
    let marked = dialog.query_selector("[autofocus]").ok().flatten();
    let first = marked.or_else(|| focusables(dialog).into_iter().next().map(Element::from));
    if let Some(el) = first.and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Tab from the last element goes to the first, Shift+Tab from the first to the last.
fn trap_tab(dialog: &Element, e: &KeyboardEvent) {
    let all = focusables(dialog);
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        return;
    };
    let active = gloo_utils::document().active_element();
    let at = |el: &HtmlElement| active.as_ref().is_some_and(|a| a == el.as_ref());
    let to = match (e.shift_key(), at(first), at(last)) {
        (true, true, _) => last,
        (false, _, true) => first,
        _ => return,
    };
    e.prevent_default();
    let _ = to.focus();
}
