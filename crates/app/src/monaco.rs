//! Monaco as a side effect: the JS glue in `js/monaco.js`, and the hooks that load it lazily and
//! keep one Monaco editor in step with the store. Only plain data crosses the boundary.

use crate::analysis::RolePolicy;
use crate::highlight::Decoration;
use crate::state::{Action, MonacoState, StoreHandle};
use crate::worker::ask_ide;
use roleplay_worker::Job;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

#[wasm_bindgen(module = "/js/monaco.js")]
extern "C" {
    #[wasm_bindgen(js_name = loadMonaco, catch)]
    fn load_monaco() -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_name = createEditor, catch)]
    fn create_editor(
        container: &web_sys::HtmlElement,
        value: &str,
        aria_label: &str,
        on_change: &Closure<dyn FnMut(String)>,
        focus_offset: Option<u32>,
        complete: &Closure<dyn FnMut(String, u32) -> js_sys::Promise>,
        hover: &Closure<dyn FnMut(String, u32) -> js_sys::Promise>,
        describe: &Closure<dyn FnMut(String) -> js_sys::Promise>,
    ) -> Result<u32, JsValue>;

    #[wasm_bindgen(js_name = setValue, catch)]
    fn set_value(id: u32, text: &str) -> Result<(), JsValue>;

    #[wasm_bindgen(js_name = setMarkers, catch)]
    fn set_markers(id: u32, markers: JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(js_name = setDecorations, catch)]
    fn set_decorations(id: u32, decorations: JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(js_name = setThemePreference, catch)]
    fn set_theme_preference(preference: &str) -> Result<(), JsValue>;

    #[wasm_bindgen(js_name = disposeEditor, catch)]
    fn dispose_editor(id: u32) -> Result<(), JsValue>;
}

/// Tells Monaco the header's theme choice (it follows the system until told otherwise).
pub fn theme_preference(preference: &str) {
    if let Err(e) = set_theme_preference(preference) {
        web_sys::console::warn_1(&e);
    }
}

/// Screens where the textarea stays the editor and Monaco is never downloaded.
const TEXTAREA_ONLY: &str = "(max-width: 760px), (pointer: coarse)";

fn textarea_only() -> bool {
    gloo_utils::window()
        .match_media(TEXTAREA_ONLY)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// A JS error's message, for a warning or a state.
pub(crate) fn describe(err: &JsValue) -> String {
    err.as_string()
        .or_else(|| {
            err.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// Once, after the first render: decide textarea-only or start loading Monaco in the background.
#[hook]
pub fn use_monaco_loader(store: StoreHandle) {
    use_effect_with((), move |_| {
        if textarea_only() {
            store.dispatch(Action::Monaco(MonacoState::Skipped));
            return;
        }
        store.dispatch(Action::Monaco(MonacoState::Loading));
        let dispatcher = store.dispatcher();
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = match load_monaco() {
                Ok(promise) => JsFuture::from(promise).await.map(|_| ()),
                Err(e) => Err(e),
            };
            dispatcher.dispatch(Action::Monaco(match outcome {
                Ok(()) => MonacoState::Ready,
                Err(e) => {
                    web_sys::console::warn_2(
                        &"Monaco did not load; the plain editors stay:".into(),
                        &e,
                    );
                    MonacoState::Failed(describe(&e))
                }
            }));
        });
    });
}

/// One live Monaco editor; dropping the closures after disposing the editor is what frees them.
struct LiveEditor {
    id: u32,
    _on_change: Closure<dyn FnMut(String)>,
    _complete: Closure<dyn FnMut(String, u32) -> js_sys::Promise>,
    _hover: Closure<dyn FnMut(String, u32) -> js_sys::Promise>,
    _describe: Closure<dyn FnMut(String) -> js_sys::Promise>,
}

/// While Monaco is ready: an editor in `container` for `policy`, fed from and feeding the store.
/// Returns whether the editor is live (the textarea then steps aside; if the user was typing in
/// it, the focus and cursor move to Monaco).
#[hook]
pub fn use_monaco_editor(
    policy: RolePolicy,
    container: NodeRef,
    textarea: NodeRef,
    store: StoreHandle,
    decorations: Rc<[Decoration]>,
) -> bool {
    let live = use_mut_ref(|| None::<LiveEditor>);
    let is_live = use_state_eq(|| false);
    let ready = store.ui.monaco == MonacoState::Ready;
    {
        let live = Rc::clone(&live);
        let is_live = is_live.clone();
        let store = store.clone();
        use_effect_with(ready, move |ready| {
            if *ready {
                let editor = Editor {
                    policy,
                    container,
                    textarea,
                };
                start(&editor, &store, &live, &is_live);
            }
            let live = Rc::clone(&live);
            move || {
                if let Some(editor) = live.borrow_mut().take() {
                    // Nothing useful to do if disposal fails while unmounting.
                    let _ = dispose_editor(editor.id);
                }
            }
        });
    }

    {
        let live = Rc::clone(&live);
        let current = store.doc.policy(policy).clone();
        // The analysis changes without the text when the catalog arrives. Markers are set once the
        // worker's analysis is of this text.
        let key = (
            current.text.clone(),
            current.analysis.clone(),
            current.current,
            *is_live,
        );
        use_effect_with(key, move |_| {
            if let Some(editor) = live.borrow().as_ref() {
                let synced = set_value(editor.id, &current.text).and_then(|()| {
                    let Some(analysis) = current.analysis.filter(|_| current.current) else {
                        return Ok(());
                    };
                    let markers =
                        serde_wasm_bindgen::to_value(&*analysis.markers).map_err(JsValue::from)?;
                    set_markers(editor.id, markers)
                });
                if let Err(e) = synced {
                    web_sys::console::warn_1(&e);
                }
            }
        });
    }

    {
        let live = Rc::clone(&live);
        use_effect_with((decorations, *is_live), move |(decorations, _)| {
            if let Some(editor) = live.borrow().as_ref() {
                let synced = serde_wasm_bindgen::to_value(&**decorations)
                    .map_err(JsValue::from)
                    .and_then(|d| set_decorations(editor.id, d));
                if let Err(e) = synced {
                    web_sys::console::warn_1(&e);
                }
            }
        });
    }

    *is_live
}

/// What one editor is made from.
struct Editor {
    policy: RolePolicy,
    container: NodeRef,
    textarea: NodeRef,
}

fn start(
    editor: &Editor,
    store: &StoreHandle,
    live: &Rc<RefCell<Option<LiveEditor>>>,
    is_live: &UseStateHandle<bool>,
) {
    let Editor {
        policy,
        container,
        textarea,
    } = editor;
    let policy = *policy;
    let Some(element) = container.cast::<web_sys::HtmlElement>() else {
        return;
    };
    let dispatcher = store.dispatcher();
    let on_change = Closure::<dyn FnMut(String)>::new(move |text: String| {
        crate::perf::mark_edit();
        dispatcher.dispatch(Action::Edit(policy, AttrValue::from(text)));
    });
    let text = store.doc.policy(policy).text.clone();
    let focus_offset = textarea
        .cast::<web_sys::HtmlTextAreaElement>()
        .filter(|t| {
            let active = gloo_utils::document().active_element();
            active.is_some_and(|a| a == ***t)
        })
        .map(|t| t.selection_start().ok().flatten().unwrap_or(0));
    // Screen readers hear how to leave (the hint under the editor says it to everyone else).
    let label = format!(
        "{} editor. Escape then Tab leaves the editor.",
        policy.title()
    );
    let kind = policy.kind();
    // Monaco's providers ask with the text and a UTF-16 offset; the worker answers (with the
    // catalog once it holds it), as a promise of plain data.
    let complete =
        Closure::<dyn FnMut(String, u32) -> js_sys::Promise>::new(move |text, offset| {
            ask_ide(Job::Complete { text, offset, kind })
        });
    let hover = Closure::<dyn FnMut(String, u32) -> js_sys::Promise>::new(move |text, offset| {
        ask_ide(Job::Hover { text, offset })
    });
    let describe_item = Closure::<dyn FnMut(String) -> js_sys::Promise>::new(move |label| {
        ask_ide(Job::Describe { label })
    });
    match create_editor(
        &element,
        &text,
        &label,
        &on_change,
        focus_offset,
        &complete,
        &hover,
        &describe_item,
    ) {
        Ok(id) => {
            *live.borrow_mut() = Some(LiveEditor {
                id,
                _on_change: on_change,
                _complete: complete,
                _hover: hover,
                _describe: describe_item,
            });
            is_live.set(true);
        }
        Err(e) => store.dispatch(Action::Monaco(MonacoState::Failed(describe(&e)))),
    }
}
