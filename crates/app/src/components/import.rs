//! Import from AWS: paste the JSON output of `aws iam get-role`, `get-role-policy`,
//! `get-policy-version` or `get-account-authorization-details`; the scenario it builds replaces the
//! current one (asking first over unsaved work) and a banner lists what was left out. An output about
//! a role the world has (`get-role-policy` after `get-role`) adds to the world instead.

use crate::scenario::is_unsaved;
use crate::state::{Action, Conflict, ImportNote, StoreHandle};
use std::rc::Rc;
use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

fn note(title: &str, skipped: Vec<String>) -> ImportNote {
    let message = if skipped.is_empty() {
        format!("Loaded “{title}” from the AWS output. Nothing was left out.")
    } else {
        format!(
            "Loaded “{title}” from the AWS output. Left out ({}):",
            skipped.len()
        )
    };
    ImportNote {
        message: message.into(),
        skipped: Rc::new(skipped),
    }
}

#[component]
pub fn ImportDialog() -> Html {
    let store = use_context::<StoreHandle>();
    let text = use_state(String::new);
    let error = use_state(|| None::<String>);
    let area = use_node_ref();
    {
        // Opening the dialog puts the cursor in the textarea.
        let area = area.clone();
        let open = store.as_ref().is_some_and(|s| s.ui.import_open);
        use_effect_with(open, move |open| {
            if let (true, Some(el)) = (*open, area.cast::<HtmlTextAreaElement>()) {
                let _ = el.focus();
            }
        });
    }
    let Some(store) = store else {
        return html! {};
    };
    if !store.ui.import_open {
        return html! {};
    }
    let close = {
        let dispatcher = store.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::ImportDialog(false)))
    };
    let onkeydown = {
        let dispatcher = store.dispatcher();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                dispatcher.dispatch(Action::ImportDialog(false));
            }
        })
    };
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let import = {
        let text = text.clone();
        let error = error.clone();
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            // The import runs in the page's worker (crates/worker), which also adds an output about
            // part of this world to it.
            let world = serde_json::to_value(&*store.doc.scenario).unwrap_or_default();
            let job = roleplay_worker::Job::Import {
                world,
                text: (*text).clone(),
            };
            let (store, text, error) = (store.clone(), text.clone(), error.clone());
            let done = Callback::from(move |answer| {
                let roleplay_worker::Answer::Imported(result) = answer else {
                    return;
                };
                let imported = result.and_then(|i| {
                    let scenario = roleplay_sim::read(&i.scenario).map_err(|e| e.to_string())?;
                    Ok((scenario, i.merged, i.skipped))
                });
                match imported {
                    Ok((scenario, Some(message), skipped)) => {
                        error.set(None);
                        let note = ImportNote {
                            message: message.into(),
                            skipped: Rc::new(skipped),
                        };
                        store.dispatch(Action::Import(Rc::new(scenario), note));
                        text.set(String::new());
                    }
                    Ok((scenario, None, skipped)) => {
                        error.set(None);
                        let title = scenario
                            .title
                            .clone()
                            .unwrap_or_else(|| "an untitled scenario".into());
                        let note = note(&title, skipped);
                        let scenario = Rc::new(scenario);
                        if is_unsaved(&store.doc.scenario) {
                            store.dispatch(Action::ImportDialog(false));
                            store.dispatch(Action::Conflict(Some(Conflict {
                                linked: scenario,
                                import: Some(note),
                                quiz: false,
                            })));
                        } else {
                            store.dispatch(Action::Import(scenario, note));
                        }
                        text.set(String::new());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
            crate::worker::ask(job, done);
        })
    };
    html! {
        <div class="modal-backdrop" {onkeydown}>
            <div class="modal import-dialog" role="dialog" aria-modal="true" aria-labelledby="import-heading" id="import-dialog">
                <header class="modal-header">
                    <h2 id="import-heading">{ "Import from AWS" }</h2>
                    <p class="muted">{ "Paste the JSON output of aws iam get-role, get-role-policy, get-policy-version or get-account-authorization-details — or an AccessDenied error: its message, its CloudTrail event, or aws sts decode-authorization-message output. An output about a role already here (get-role-policy after get-role) is added to it. It stays in your browser." }</p>
                    <button type="button" class="icon-button modal-close" aria-label="Close" id="import-close" onclick={close.clone()}>{ "×" }</button>
                </header>
                <div class="import-body">
                    <textarea
                        ref={area}
                        id="import-text"
                        class="code-input import-input"
                        aria-label="AWS CLI JSON output"
                        aria-describedby="import-error"
                        spellcheck="false"
                        autocomplete="off"
                        wrap="off"
                        placeholder="{ \"Role\": { … } }"
                        value={(*text).clone()}
                        {oninput}
                    />
                    if let Some(e) = &*error {
                        <p class="import-error" id="import-error" role="alert">{ e.clone() }</p>
                    }
                    <div class="button-row end">
                        <button type="button" class="button" id="import-cancel" onclick={close}>{ "Cancel" }</button>
                        <button type="button" class="button button-primary" id="import-run" onclick={import}>{ "Import" }</button>
                    </div>
                </div>
            </div>
        </div>
    }
}
