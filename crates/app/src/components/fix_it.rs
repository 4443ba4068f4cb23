//! *Fix it*, in the explanation of a step that was denied, failed, or missed its expectation: the
//! ranked verified fixes (`crate::fix_it`), each with what it changes as a diff, what else it
//! grants and the other steps it changes; pointing at a fix (or focusing it) lights what it would
//! change in the editors; *Apply* edits the scenario as one undo step (the button in the notice, or
//! Ctrl+Z outside a text field).

use crate::fix_it::{apply, offered, Fixes};
use crate::state::{Action, Shared, StoreHandle};
use gloo_events::{EventListener, EventListenerOptions};
use roleplay_fix::diff::{Change, Line};
use roleplay_worker::FixView;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The changes of the fix the user points at, for the editors to light (provided by the app; kept
/// out of the store, so pointing re-renders the editors only).
pub type FixPreview = UseStateHandle<Option<Rc<[Change]>>>;

#[derive(Properties, PartialEq)]
pub struct FixItProps {
    /// The step explained.
    pub index: usize,
}

#[component]
pub fn FixIt(props: &FixItProps) -> Html {
    let store = use_context::<StoreHandle>();
    let open = use_state(|| false);
    let index = props.index;
    let scenario = store.as_ref().map(|s| Shared(s.doc.scenario.clone()));
    // Asked of the worker when the section opens and again whenever the scenario changes while open;
    // `None` while the answer is on its way.
    let fixes = use_state(|| None::<Fixes>);
    {
        let fixes = fixes.clone();
        use_effect_with((scenario, index, *open), move |(scenario, index, open)| {
            fixes.set(None);
            if let (true, Some(scenario)) = (*open, scenario.as_ref()) {
                let done = Callback::from(move |answer| {
                    if let roleplay_worker::Answer::Fixes(f) = answer {
                        fixes.set(Some(f));
                    }
                });
                crate::worker::ask(crate::fix_it::job(scenario, *index), done);
            }
        });
    }
    let preview = use_context::<FixPreview>();
    {
        let preview = preview.clone();
        use_effect_with((index, *open), move |_| move || clear(preview.as_ref()));
    }
    let undoable = store
        .as_ref()
        .and_then(|s| s.doc.undoable_fix().map(|u| u.summary.clone()));
    use_undo_key(store.clone(), undoable.is_some());
    // Always one element in the same place: a component that renders nothing beside the
    // explanation's conditional blocks leaves Yew without a sibling to insert them before.
    let Some(store) = store else {
        return html! { <div class="fix-it" hidden=true></div> };
    };
    let step = store.run.result.steps.get(index);
    let wanted = step.is_some_and(offered);
    if !wanted && undoable.is_none() {
        return html! { <div class="fix-it" hidden=true></div> };
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let undo = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::UndoFix))
    };
    html! {
        <div class="section fix-it" id="fix-it">
            <h3 class="section-title">
                <button type="button" class="fix-toggle" id="fix-it-toggle" aria-expanded={open.to_string()}
                    aria-controls="fix-it-body" onclick={toggle}>
                    { if *open { "▾ Fix it" } else { "▸ Fix it" } }
                </button>
            </h3>
            if let Some(summary) = undoable {
                <p class="fix-applied" id="fix-applied" role="status">
                    { "Applied: " }{ code_spans(&summary) }{ " " }
                    <button type="button" class="button button-small" id="fix-undo" onclick={undo}>
                        { "Undo (Ctrl+Z)" }
                    </button>
                </p>
            }
            if *open && wanted {
                <div id="fix-it-body" aria-busy={fixes.is_none().to_string()}>{ body(&store, preview.as_ref(), (*fixes).as_ref()) }</div>
            }
        </div>
    }
}

fn clear(preview: Option<&FixPreview>) {
    if let Some(p) = preview.filter(|p| p.is_some()) {
        p.set(None);
    }
}

fn body(store: &StoreHandle, preview: Option<&FixPreview>, fixes: Option<&Fixes>) -> Html {
    let Some(fixes) = fixes else {
        return html! { <p class="hint" id="fix-searching">{ "Looking for verified fixes…" }</p> };
    };
    let found = match fixes {
        Ok(f) => f,
        Err(e) => return html! { <p class="fix-none">{ e.clone() }</p> },
    };
    if found.fixes.is_empty() {
        let reason = found.reason.clone().unwrap_or_default();
        return html! { <p class="fix-none" id="fix-none">{ format!("No verified fix: {reason}.") }</p> };
    }
    html! {
        <>
            <p class="hint">{ format!("{} → {}: each fix below was applied and the whole scenario re-run.", found.from, found.to) }</p>
            <ol class="fix-list" id="fix-list">
                { for found.fixes.iter().enumerate().map(|(i, fix)| fix_html(store, preview, i, fix)) }
            </ol>
        </>
    }
}

fn fix_html(store: &StoreHandle, preview: Option<&FixPreview>, i: usize, fix: &FixView) -> Html {
    let changes: Rc<[Change]> = fix.changes.clone().into();
    let show = preview
        .cloned()
        .map(|p| Callback::from(move |()| p.set(Some(Rc::clone(&changes)))));
    let hide = preview
        .cloned()
        .map(|p| Callback::from(move |()| clear(Some(&p))));
    let on = |c: &Option<Callback<()>>| c.as_ref().map(|c| c.reform(|_: Event| ()));
    let apply_fix = {
        let store = store.clone();
        let fix = fix.clone();
        let preview = preview.cloned();
        Callback::from(move |_| match apply(&fix) {
            Ok(s) => {
                clear(preview.as_ref());
                store.dispatch(Action::ApplyFix(
                    std::rc::Rc::new(s),
                    fix.summary.clone().into(),
                ))
            }
            Err(e) => store.dispatch(Action::Banner(Some(
                format!("The fix could not be applied: {e}").into(),
            ))),
        })
    };
    html! {
        <li class="fix" id={format!("fix-{i}")}
            onmouseenter={on(&show).map(|c| c.reform(Event::from))} onmouseleave={on(&hide).map(|c| c.reform(Event::from))}
            onfocusin={on(&show).map(|c| c.reform(Event::from))} onfocusout={on(&hide).map(|c| c.reform(Event::from))}>
            <p class="fix-summary">
                <span class="badge badge-layer">{ fix.layer.clone() }</span>{ " " }{ code_spans(&fix.summary) }
            </p>
            <p class="fix-grants"><strong>{ "Also grants: " }</strong>{ code_spans(&fix.grants) }</p>
            if !fix.others.is_empty() {
                <p class="fix-others"><strong>{ "Also changes: " }</strong>{ fix.others.join("; ") }</p>
            }
            { diff_view(&fix.changes) }
            <button type="button" class="button button-small fix-apply" id={format!("fix-apply-{i}")} onclick={apply_fix}>
                { "Apply" }
            </button>
        </li>
    }
}

/// What a patch changes: each policy replaced as a line diff, each other operation as one line
/// (a fix here, a candidate edit in the quiz).
pub(crate) fn diff_view(changes: &[roleplay_fix::diff::Change]) -> Html {
    html! {
        { for changes.iter().map(|c| if c.lines.is_empty() {
            html! { <p class="mono fix-op break">{ format!("{} {}", c.op, c.path) }{ c.value.as_ref().map(|v| format!(" = {v}")).unwrap_or_default() }</p> }
        } else {
            html! {
                <pre class="code-block fix-diff" aria-label={format!("Changes to {}", c.path)}>
                    { for c.lines.iter().map(diff_line) }
                </pre>
            }
        }) }
    }
}

/// A sentence whose `backticked` parts (names, ARNs, values) are shown as code; text only.
fn code_spans(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(i, part)| if i % 2 == 1 {
            html! { <code>{ part }</code> }
        } else {
            html! { { part } }
        }) }
    }
}

fn diff_line(line: &Line) -> Html {
    let class = match line.tag {
        '+' => "diff-add",
        '-' => "diff-del",
        '@' => "diff-hunk",
        _ => "diff-ctx",
    };
    let text = match line.tag {
        '@' => line.text.clone(),
        tag => format!("{tag} {}", line.text),
    };
    html! { <span class={classes!("diff-line", class)}>{ text }{ "\n" }</span> }
}

/// Ctrl+Z (⌘Z) outside a text field or an editor undoes the applied fix while it is undoable.
#[hook]
pub(crate) fn use_undo_key(store: Option<StoreHandle>, active: bool) {
    use_effect_with(active, move |active| {
        // Dropping the listener (the next change, or unmount) removes it.
        let listener = (*active).then(|| {
            EventListener::new_with_options(
                &gloo_utils::window(),
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    let undo = (e.ctrl_key() || e.meta_key())
                        && !e.shift_key()
                        && e.key().eq_ignore_ascii_case("z");
                    if undo && !typing_somewhere() {
                        if let Some(store) = &store {
                            e.prevent_default();
                            store.dispatch(Action::UndoFix);
                        }
                    }
                },
            )
        });
        move || drop(listener)
    });
}

/// Whether the focus is in a place with its own undo (a field, a textarea, Monaco).
fn typing_somewhere() -> bool {
    let active = gloo_utils::document().active_element();
    active.is_some_and(|el| {
        el.closest("input, textarea, select, [contenteditable], .monaco-editor")
            .ok()
            .flatten()
            .is_some()
    })
}
