//! The page's one modal dialog: the backdrop, `role="dialog"` with `aria-modal`, a heading that
//! labels it, and the keyboard written once — Escape closes, Tab and Shift+Tab stay inside, focus
//! moves in on opening (unless the dialog's own content already took it) and returns on closing to
//! what had it. The gallery, the import, the drill and the share-link conflict use it.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ModalProps {
    /// The dialog's id; its heading is `{id}-heading`.
    pub id: AttrValue,
    /// Extra classes on the dialog (`gallery`, `small`).
    #[prop_or_default]
    pub class: Classes,
    pub title: AttrValue,
    /// Under the heading (a sentence on what the dialog does).
    #[prop_or_default]
    pub intro: Option<AttrValue>,
    /// The close button's id; without one the dialog has no × (it asks a question to answer).
    #[prop_or_default]
    pub close_id: Option<AttrValue>,
    /// `alertdialog` for a question that needs an answer.
    #[prop_or_default]
    pub alert: bool,
    pub on_close: Callback<()>,
    #[prop_or_default]
    pub children: Html,
}

/// What a keyboard user can reach with Tab inside the dialog.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex=\"-1\"])";

fn focusables(dialog: &Element) -> Vec<HtmlElement> {
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        // Hidden elements (a collapsed section's content) take no focus.
        .filter(|e| e.offset_parent().is_some())
        .collect()
}

fn active() -> Option<Element> {
    web_sys::window()?.document()?.active_element()
}

#[component]
pub fn Modal(props: &ModalProps) -> Html {
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            let before = active().and_then(|e| e.dyn_into::<HtmlElement>().ok());
            if let Some(d) = dialog.cast::<Element>() {
                let inside = active().is_some_and(|a| d.contains(Some(&a)));
                if !inside {
                    if let Some(first) = focusables(&d).first() {
                        let _ = first.focus();
                    }
                }
            }
            move || {
                // Back to what had the focus, if it is still on the page.
                if let Some(b) = before.filter(|b| b.is_connected()) {
                    let _ = b.focus();
                }
            }
        });
    }
    let onkeydown = {
        let dialog = dialog.clone();
        let close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                close.emit(());
                return;
            }
            if e.key() != "Tab" {
                return;
            }
            let Some(d) = dialog.cast::<Element>() else {
                return;
            };
            let all = focusables(&d);
            let (Some(first), Some(last)) = (all.first(), all.last()) else {
                e.prevent_default();
                return;
            };
            let now = active();
            let at = |el: &HtmlElement| now.as_ref() == Some(el.unchecked_ref::<Element>());
            let outside = now.as_ref().is_none_or(|a| !d.contains(Some(a)));
            if e.shift_key() && (at(first) || outside) {
                e.prevent_default();
                let _ = last.focus();
            } else if !e.shift_key() && (at(last) || outside) {
                e.prevent_default();
                let _ = first.focus();
            }
        })
    };
    let heading = format!("{}-heading", props.id);
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="modal-backdrop" {onkeydown}>
            <div ref={dialog} class={classes!("modal", props.class.clone())}
                role={if props.alert { "alertdialog" } else { "dialog" }}
                aria-modal="true" aria-labelledby={heading.clone()} id={props.id.clone()}>
                <header class="modal-header">
                    <h2 id={heading}>{ props.title.clone() }</h2>
                    if let Some(intro) = &props.intro {
                        <p class="muted">{ intro.clone() }</p>
                    }
                    if let Some(id) = &props.close_id {
                        <button type="button" class="icon-button modal-close" aria-label="Close" id={id.clone()} onclick={close}>{ "×" }</button>
                    }
                </header>
                { props.children.clone() }
            </div>
        </div>
    }
}
