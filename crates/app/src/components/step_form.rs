use crate::scenario::{caller_options, COMMON_ACTIONS, EXPECT_OPTIONS};
use crate::service_settings::{endpoint_label, set_via, via};
use crate::state::{Action, StepEdit, Store, StoreHandle};
use roleplay_sim::{CallerDef, CallerObject, ContextValue, Scenario, Step, StsParams};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The selected step as a form: caller, action, resource, time, STS parameters, context and the
/// expected outcome, with duplicate / move / remove. Every change re-runs the scenario.
#[component]
pub fn StepForm() -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let Some(index) = store.run.selected else {
        return html! {};
    };
    let Some(step) = store.doc.scenario.steps.get(index) else {
        return html! {};
    };
    let count = store.doc.scenario.steps.len();
    let edit = StepEditor {
        dispatcher: store.dispatcher(),
        index,
    };
    let params_error = use_state_eq(|| None::<String>);
    // On a phone the explanation comes first and the form opens on demand (the button is only
    // shown there; wider screens always show the form).
    let open = use_state_eq(|| false);
    let is_sts = step
        .action
        .as_deref()
        .is_some_and(|a| a.starts_with("sts:"));
    html! {
        <section class={classes!("card", "step-form", open.then_some("open"))} id="step-form" aria-labelledby="step-form-heading">
            { form_header(&edit, count, open) }
            <div class="form-grid" id="step-form-fields">
                { caller_field(&store.doc.scenario, step, &edit) }
                { call_fields(step, &edit) }
                if !store.doc.scenario.vpc_endpoints.is_empty() || step.via.is_some() {
                    { via_field(&store.doc.scenario, step, &edit) }
                }
                { expect_field(step, &edit) }
                if is_sts || step.params.is_some() {
                    { params_field(step, &edit, params_error) }
                }
                { context_field(step, &edit) }
            </div>
        </section>
    }
}

/// Dispatches the form's edits of step `index`: each one a function of the step as the store holds
/// it when it runs, so two quick edits never undo each other.
#[derive(Clone)]
struct StepEditor {
    dispatcher: UseReducerDispatcher<Store>,
    index: usize,
}

impl StepEditor {
    fn apply(&self, f: impl Fn(&mut Step) + 'static) {
        crate::perf::mark_edit();
        self.dispatcher
            .dispatch(Action::EditStep(self.index, StepEdit::new(f)));
    }

    /// A callback that sets a field of the step from the field's text.
    fn field(&self, f: fn(&mut Step, String)) -> Callback<String> {
        let editor = self.clone();
        Callback::from(move |value: String| editor.apply(move |st| f(st, value.clone())))
    }

    /// A change to the request context's rows, applied to the step's context as it stands.
    fn context(&self, f: impl Fn(&mut Vec<(String, String)>) + 'static) {
        self.apply(move |st| {
            let mut rows = context_rows(st);
            f(&mut rows);
            set_context(st, rows);
        })
    }

    /// A button that dispatches `action` (move, duplicate, remove).
    fn button(&self, action: Action) -> Callback<MouseEvent> {
        let dispatcher = self.dispatcher.clone();
        Callback::from(move |_: MouseEvent| {
            crate::perf::mark_edit();
            dispatcher.dispatch(action.clone())
        })
    }
}

fn input_value(cb: Callback<String>) -> Callback<InputEvent> {
    Callback::from(move |e: InputEvent| {
        cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
    })
}

fn select_value(cb: Callback<String>) -> Callback<Event> {
    Callback::from(move |e: Event| cb.emit(e.target_unchecked_into::<HtmlSelectElement>().value()))
}

/// A field's text as an optional value: blank is `None`.
fn opt(v: String) -> Option<String> {
    (!v.trim().is_empty()).then(|| v.trim().to_owned())
}

/// The heading, the phone's show/hide toggle, and move / duplicate / remove.
fn form_header(edit: &StepEditor, count: usize, open: UseStateHandle<bool>) -> Html {
    let index = edit.index;
    let shown = *open;
    let toggle = Callback::from(move |_: MouseEvent| open.set(!*open));
    html! {
        <header class="card-header">
            <h2 class="card-title" id="step-form-heading">{ format!("Step {}", index + 1) }</h2>
            <button type="button" class="button button-small step-form-toggle" id="step-form-toggle"
                aria-expanded={if shown { "true" } else { "false" }} aria-controls="step-form-fields" onclick={toggle}>
                { if shown { "Hide the form" } else { "Edit this step" } }
            </button>
            <div class="button-row step-form-actions">
                <button type="button" class="button button-small" id="step-up" disabled={index == 0} onclick={edit.button(Action::MoveStep(index, true))} title="Move up">{ "↑" }</button>
                <button type="button" class="button button-small" id="step-down" disabled={index + 1 >= count} onclick={edit.button(Action::MoveStep(index, false))} title="Move down">{ "↓" }</button>
                <button type="button" class="button button-small" id="step-duplicate" onclick={edit.button(Action::DuplicateStep(index))}>{ "Duplicate" }</button>
                <button type="button" class="button button-small button-danger" id="step-remove" onclick={edit.button(Action::RemoveStep(index))}>{ "Remove" }</button>
            </div>
        </header>
    }
}

/// The caller: the principals and sessions available at this step, a service, or a custom caller
/// (an object only the Scenario JSON tab edits).
fn caller_field(scenario: &Scenario, step: &Step, edit: &StepEditor) -> Html {
    let (caller_value, custom_caller) = match &step.caller {
        Some(CallerDef::Ref(r)) => (r.clone(), false),
        Some(CallerDef::Object(o)) => match &o.service {
            Some(svc) => (format!("service:{svc}"), false),
            None => ("custom".to_owned(), true),
        },
        None => (String::new(), false),
    };
    let mut options = caller_options(scenario, edit.index);
    if !caller_value.is_empty()
        && caller_value != "custom"
        && !options.iter().any(|(v, _)| *v == caller_value)
    {
        options.insert(0, (caller_value.clone(), caller_value.clone()));
    }
    let caller_options_html = options
        .iter()
        .map(|(v, label)| html! { <option value={v.clone()} selected={*v == caller_value}>{ label }</option> })
        .collect::<Html>();
    let on_caller = edit.field(|st, v| {
        st.caller = if let Some(svc) = v.strip_prefix("service:") {
            Some(CallerDef::Object(Box::new(CallerObject {
                service: Some(svc.to_owned()),
                ..CallerObject::default()
            })))
        } else if v == "custom" || v.is_empty() {
            st.caller.clone()
        } else {
            Some(CallerDef::Ref(v))
        };
    });
    html! {
        <label class="field">
            <span class="field-label">{ "Caller" }</span>
            <select class="input" id="step-caller" onchange={select_value(on_caller)}>
                { caller_options_html }
                if custom_caller {
                    <option value="custom" selected=true>{ "custom (edit in Scenario JSON)" }</option>
                }
            </select>
        </label>
    }
}

/// Action, resource, time and id: text fields, blank meaning absent.
fn call_fields(step: &Step, edit: &StepEditor) -> Html {
    let actions_list = COMMON_ACTIONS
        .iter()
        .map(|a| html! { <option value={*a} /> })
        .collect::<Html>();
    let on_id = edit.field(|st, v| st.id = opt(v));
    let on_action = edit.field(|st, v| st.action = opt(v));
    let on_resource = edit.field(|st, v| st.resource = opt(v));
    let on_at = edit.field(|st, v| st.at = opt(v));
    html! {
        <>
            <label class="field">
                <span class="field-label">{ "Action" }</span>
                <input class="input mono" id="step-action" list="common-actions" value={step.action.clone().unwrap_or_default()} oninput={input_value(on_action)} spellcheck="false" autocomplete="off" />
                <datalist id="common-actions">{ actions_list }</datalist>
            </label>
            <label class="field field-wide">
                <span class="field-label">{ "Resource" }</span>
                <input class="input mono" id="step-resource" placeholder="* (no resource)" value={step.resource.clone().unwrap_or_default()} oninput={input_value(on_resource)} spellcheck="false" autocomplete="off" />
            </label>
            <label class="field">
                <span class="field-label">{ "At" }</span>
                <input class="input mono" id="step-at" placeholder="+0s" value={step.at.clone().unwrap_or_default()} oninput={input_value(on_at)} spellcheck="false" autocomplete="off" />
            </label>
            <label class="field">
                <span class="field-label">{ "Id" }</span>
                <input class="input mono" id="step-id" placeholder="(none)" value={step.id.clone().unwrap_or_default()} oninput={input_value(on_id)} spellcheck="false" autocomplete="off" />
            </label>
        </>
    }
}

/// A select of `options` (value, label) after a blank choice, keeping a current value the list
/// does not offer (labelled `unknown`).
fn select_field(
    (label, id, blank): (&'static str, &'static str, &'static str),
    current: &str,
    options: Vec<(String, String)>,
    unknown: String,
    onchange: Callback<String>,
) -> Html {
    let known = current.is_empty() || options.iter().any(|(v, _)| v == current);
    let options = options
        .into_iter()
        .map(|(v, l)| {
            let selected = v == current;
            html! { <option {selected} value={v}>{ l }</option> }
        })
        .collect::<Html>();
    html! {
        <label class="field">
            <span class="field-label">{ label }</span>
            <select class="input" {id} onchange={select_value(onchange)}>
                <option value="" selected={current.is_empty()}>{ blank }</option>
                { options }
                if !known {
                    <option value={current.to_owned()} selected=true>{ unknown }</option>
                }
            </select>
        </label>
    }
}

/// The network path: directly, or through one of the scenario's VPC endpoints (`via`), including
/// an endpoint the scenario does not have (the run reports it).
fn via_field(scenario: &Scenario, step: &Step, edit: &StepEditor) -> Html {
    let current = via(step).unwrap_or_default();
    let options = scenario
        .vpc_endpoints
        .iter()
        .map(|e| (e.id.clone(), endpoint_label(e)))
        .collect();
    select_field(
        ("Via", "step-via", "directly (no VPC endpoint)"),
        current,
        options,
        format!("{current} (not in the scenario)"),
        edit.field(|st, v| set_via(st, Some(v))),
    )
}

/// The expected outcome (the quiz's answer key), including a value the list does not offer.
fn expect_field(step: &Step, edit: &StepEditor) -> Html {
    let current = step.expect.as_deref().unwrap_or_default();
    let options = EXPECT_OPTIONS
        .iter()
        .map(|e| ((*e).to_owned(), (*e).to_owned()))
        .collect();
    select_field(
        ("Expect", "step-expect", "(nothing)"),
        current,
        options,
        current.to_owned(),
        edit.field(|st, v| st.expect = opt(v)),
    )
}

/// STS parameters as JSON, validated; the step changes only when it reads.
fn params_field(step: &Step, edit: &StepEditor, error: UseStateHandle<Option<String>>) -> Html {
    let params_text = step
        .params
        .as_ref()
        .map(|p| serde_json::to_string_pretty(p).unwrap_or_default())
        .unwrap_or_default();
    let shown = (*error).clone();
    let on_params = {
        let edit = edit.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            let parsed: Result<Option<StsParams>, String> = if text.trim().is_empty() {
                Ok(None)
            } else {
                serde_json::from_str::<StsParams>(&text)
                    .map(Some)
                    .map_err(|e| e.to_string())
            };
            match parsed {
                Ok(params) => {
                    error.set(None);
                    edit.apply(move |st| st.params = params.clone());
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };
    html! {
        <label class="field field-wide">
            <span class="field-label">{ "STS parameters (JSON)" }</span>
            <textarea class="input mono params" id="step-params" rows="4" spellcheck="false" value={params_text} oninput={on_params} />
            if let Some(e) = shown {
                <span class="field-error" id="step-params-error">{ e }</span>
            }
        </label>
    }
}

/// The request context as rows of key and value (several values comma-separated).
fn context_rows(step: &Step) -> Vec<(String, String)> {
    step.context
        .iter()
        .map(|(k, v)| (k.clone(), v.values().join(", ")))
        .collect()
}

/// Sets the step's context from rows: blank keys dropped, a comma making several values.
fn set_context(step: &mut Step, rows: Vec<(String, String)>) {
    step.context = rows
        .into_iter()
        .filter(|(k, _)| !k.trim().is_empty())
        .map(|(k, v)| {
            let values: Vec<String> = v.split(',').map(|s| s.trim().to_owned()).collect();
            let value = if values.len() == 1 {
                ContextValue::One(values.concat())
            } else {
                ContextValue::Many(values)
            };
            (k.trim().to_owned(), value)
        })
        .collect();
}

/// The request context's rows with "+ Context key".
fn context_field(step: &Step, edit: &StepEditor) -> Html {
    let rows = context_rows(step)
        .into_iter()
        .enumerate()
        .map(|(i, (k, v))| {
            let on_key = {
                let edit = edit.clone();
                Callback::from(move |e: Event| {
                    let key = e.target_unchecked_into::<HtmlInputElement>().value();
                    edit.context(move |rows| {
                        if let Some(row) = rows.get_mut(i) {
                            row.0 = key.clone();
                        }
                    })
                })
            };
            let on_value = {
                let edit = edit.clone();
                Callback::from(move |e: InputEvent| {
                    let value = e.target_unchecked_into::<HtmlInputElement>().value();
                    edit.context(move |rows| {
                        if let Some(row) = rows.get_mut(i) {
                            row.1 = value.clone();
                        }
                    })
                })
            };
            let on_remove = {
                let edit = edit.clone();
                Callback::from(move |_: MouseEvent| {
                    edit.context(move |rows| {
                        if i < rows.len() {
                            rows.remove(i);
                        }
                    })
                })
            };
            html! {
                <div class="context-row" key={k.clone()}>
                    <input class="input mono" aria-label="Context key" value={k.clone()} onchange={on_key} />
                    <input class="input mono" aria-label="Context value (comma-separated for several)" value={v} oninput={on_value} />
                    <button type="button" class="icon-button" aria-label={format!("Remove {k}")} title="Remove" onclick={on_remove}>{ "×" }</button>
                </div>
            }
        })
        .collect::<Html>();
    let add_context = {
        let edit = edit.clone();
        Callback::from(move |_: MouseEvent| {
            edit.context(|rows| {
                let mut key = "aws:SourceIp".to_owned();
                let mut n = 2;
                while rows.iter().any(|(k, _)| *k == key) {
                    key = format!("aws:RequestTag/key{n}");
                    n += 1;
                }
                rows.push((key, "203.0.113.10".to_owned()));
            })
        })
    };
    html! {
        <div class="field field-wide">
            <span class="field-label">{ "Request context" }</span>
            { rows }
            <button type="button" class="button button-small button-quiet" id="add-context" onclick={add_context}>{ "+ Context key" }</button>
        </div>
    }
}
