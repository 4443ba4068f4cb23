//! Import from AWS: paste the JSON output of `aws iam get-role`, `get-role-policy`,
//! `get-policy-version` or `get-account-authorization-details`; the scenario it builds replaces the
//! current one (asking first over unsaved work) and a banner lists what was left out. An output about
//! a role the world has (`get-role-policy` after `get-role`) adds to the world instead.

use super::modal::Modal;
use crate::scenario::is_unsaved;
use crate::state::{Action, Conflict, ImportNote, StoreHandle};
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
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
    let Some(store) = store else {
        return html! {};
    };
    if !store.ui.import_open {
        return html! {};
    }
    let close = {
        let dispatcher = store.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::ImportDialog(false)))
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
            let world = crate::scenario_json::value(&store.doc.scenario);
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
    // Opening the dialog puts the cursor in the textarea (`autofocus`, which the modal honours).
    html! {
        <Modal id="import-dialog" class="import-dialog" heading="Import from AWS" heading_id="import-heading"
            close_id="import-close" on_close={close.clone()}
            intro="Paste the JSON output of aws iam get-role, get-role-policy, get-policy-version or get-account-authorization-details — or an AccessDenied error: its message, its CloudTrail event, or aws sts decode-authorization-message output. An output about a role already here (get-role-policy after get-role) is added to it. It stays in your browser.">
            <div class="import-body">
                <textarea
                    autofocus=true
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
                    <button type="button" class="button" id="import-cancel" onclick={close.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
                    <button type="button" class="button button-primary" id="import-run" onclick={import}>{ "Import" }</button>
                </div>
            </div>
        </Modal>
    }
}
