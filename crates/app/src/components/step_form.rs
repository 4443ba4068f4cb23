use crate::scenario::{caller_options, COMMON_ACTIONS, EXPECT_OPTIONS};
use crate::state::{Action, StoreHandle};
use roleplay_sim::{CallerDef, CallerObject, ContextValue, Step, StsParams};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// How one form field changes the step, given the field's new value.
type StepEdit = Box<dyn Fn(&mut Step, String)>;

/// The selected step as a form: caller, action, resource, time, STS parameters, context and the
/// expected outcome, with duplicate / move / remove. Every change re-runs the scenario.
#[component]
pub fn StepForm() -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let Some(index) = store.selected else {
        return html! {};
    };
    let Some(step) = store.scenario.steps.get(index).cloned() else {
        return html! {};
    };
    let count = store.scenario.steps.len();
    let dispatcher = store.dispatcher();
    let update = {
        let dispatcher = dispatcher.clone();
        let step = step.clone();
        move |f: StepEdit| {
            let dispatcher = dispatcher.clone();
            let step = step.clone();
            Callback::from(move |value: String| {
                let mut next = step.clone();
                f(&mut next, value);
                crate::perf::mark_edit();
                dispatcher.dispatch(Action::SetStep(index, Box::new(next)));
            })
        }
    };
    let input_value = |cb: Callback<String>| {
        Callback::from(move |e: InputEvent| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let select_value = |cb: Callback<String>| {
        Callback::from(move |e: Event| {
            cb.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let opt = |v: String| (!v.trim().is_empty()).then(|| v.trim().to_owned());

    // Caller.
    let (caller_value, custom_caller) = match &step.caller {
        Some(CallerDef::Ref(r)) => (r.clone(), None),
        Some(CallerDef::Object(o)) => match &o.service {
            Some(svc) => (format!("service:{svc}"), None),
            None => (
                "custom".to_owned(),
                Some(serde_json::to_string(o).unwrap_or_default()),
            ),
        },
        None => (String::new(), None),
    };
    let mut options = caller_options(&store.scenario, index);
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
    let on_caller = update(Box::new(|st, v| {
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
    }));

    let on_id = update(Box::new(move |st, v| st.id = opt(v)));
    let on_action = update(Box::new(move |st, v| st.action = opt(v)));
    let on_resource = update(Box::new(move |st, v| st.resource = opt(v)));
    let on_at = update(Box::new(move |st, v| st.at = opt(v)));
    let on_expect = update(Box::new(move |st, v| st.expect = opt(v)));

    // STS parameters as JSON, validated; the step changes only when it reads.
    let params_text = step
        .params
        .as_ref()
        .map(|p| serde_json::to_string_pretty(p).unwrap_or_default())
        .unwrap_or_default();
    let params_error = use_state_eq(|| None::<String>);
    // On a phone the explanation comes first and the form opens on demand (the button is only
    // shown there; wider screens always show the form).
    let open = use_state_eq(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let on_params = {
        let dispatcher = dispatcher.clone();
        let step = step.clone();
        let params_error = params_error.clone();
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
                    params_error.set(None);
                    let mut next = step.clone();
                    next.params = params;
                    crate::perf::mark_edit();
                    dispatcher.dispatch(Action::SetStep(index, Box::new(next)));
                }
                Err(e) => params_error.set(Some(e)),
            }
        })
    };
    let is_sts = step
        .action
        .as_deref()
        .is_some_and(|a| a.starts_with("sts:"));

    // Context rows.
    let context: Vec<(String, String)> = step
        .context
        .iter()
        .map(|(k, v)| (k.clone(), v.values().join(", ")))
        .collect();
    let set_context = {
        let dispatcher = dispatcher.clone();
        let step = step.clone();
        move |rows: Vec<(String, String)>| {
            let mut next = step.clone();
            next.context = rows
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
            crate::perf::mark_edit();
            dispatcher.dispatch(Action::SetStep(index, Box::new(next)));
        }
    };
    let context_rows = context
        .iter()
        .enumerate()
        .map(|(i, (k, v))| {
            let on_key = {
                let rows = context.clone();
                let set = set_context.clone();
                Callback::from(move |e: Event| {
                    let mut rows = rows.clone();
                    if let Some(row) = rows.get_mut(i) {
                        row.0 = e.target_unchecked_into::<HtmlInputElement>().value();
                    }
                    set(rows);
                })
            };
            let on_value = {
                let rows = context.clone();
                let set = set_context.clone();
                Callback::from(move |e: InputEvent| {
                    let mut rows = rows.clone();
                    if let Some(row) = rows.get_mut(i) {
                        row.1 = e.target_unchecked_into::<HtmlInputElement>().value();
                    }
                    set(rows);
                })
            };
            let on_remove = {
                let rows = context.clone();
                let set = set_context.clone();
                Callback::from(move |_: MouseEvent| {
                    let mut rows = rows.clone();
                    if i < rows.len() {
                        rows.remove(i);
                    }
                    set(rows);
                })
            };
            html! {
                <div class="context-row" key={k.clone()}>
                    <input class="input mono" aria-label="Context key" value={k.clone()} onchange={on_key} />
                    <input class="input mono" aria-label="Context value (comma-separated for several)" value={v.clone()} oninput={on_value} />
                    <button type="button" class="icon-button" aria-label={format!("Remove {k}")} title="Remove" onclick={on_remove}>{ "×" }</button>
                </div>
            }
        })
        .collect::<Html>();
    let add_context = {
        let rows = context.clone();
        let set = set_context.clone();
        Callback::from(move |_: MouseEvent| {
            let mut rows = rows.clone();
            let mut key = "aws:SourceIp".to_owned();
            let mut n = 2;
            while rows.iter().any(|(k, _)| *k == key) {
                key = format!("aws:RequestTag/key{n}");
                n += 1;
            }
            rows.push((key, "203.0.113.10".to_owned()));
            set(rows);
        })
    };

    let act = |a: Action| {
        let dispatcher = dispatcher.clone();
        let a = a.clone();
        Callback::from(move |_: MouseEvent| {
            crate::perf::mark_edit();
            dispatcher.dispatch(a.clone())
        })
    };
    let expect_value = step.expect.clone().unwrap_or_default();
    let expect_options = EXPECT_OPTIONS
        .iter()
        .map(|e| html! { <option value={*e} selected={*e == expect_value}>{ *e }</option> })
        .collect::<Html>();
    let actions_list = COMMON_ACTIONS
        .iter()
        .map(|a| html! { <option value={*a} /> })
        .collect::<Html>();

    html! {
        <section class={classes!("card", "step-form", open.then_some("open"))} id="step-form" aria-labelledby="step-form-heading">
            <header class="card-header">
                <h2 class="card-title" id="step-form-heading">{ format!("Step {}", index + 1) }</h2>
                <button type="button" class="button button-small step-form-toggle" id="step-form-toggle"
                    aria-expanded={if *open { "true" } else { "false" }} aria-controls="step-form-fields" onclick={toggle}>
                    { if *open { "Hide the form" } else { "Edit this step" } }
                </button>
                <div class="button-row step-form-actions">
                    <button type="button" class="button button-small" id="step-up" disabled={index == 0} onclick={act(Action::MoveStep(index, true))} title="Move up">{ "↑" }</button>
                    <button type="button" class="button button-small" id="step-down" disabled={index + 1 >= count} onclick={act(Action::MoveStep(index, false))} title="Move down">{ "↓" }</button>
                    <button type="button" class="button button-small" id="step-duplicate" onclick={act(Action::DuplicateStep(index))}>{ "Duplicate" }</button>
                    <button type="button" class="button button-small button-danger" id="step-remove" onclick={act(Action::RemoveStep(index))}>{ "Remove" }</button>
                </div>
            </header>
            <div class="form-grid" id="step-form-fields">
                <label class="field">
                    <span class="field-label">{ "Caller" }</span>
                    <select class="input" id="step-caller" onchange={select_value(on_caller)}>
                        { caller_options_html }
                        if custom_caller.is_some() {
                            <option value="custom" selected=true>{ "custom (edit in Scenario JSON)" }</option>
                        }
                    </select>
                </label>
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
                <label class="field">
                    <span class="field-label">{ "Expect" }</span>
                    <select class="input" id="step-expect" onchange={select_value(on_expect)}>
                        <option value="" selected={expect_value.is_empty()}>{ "(nothing)" }</option>
                        { expect_options }
                        if !expect_value.is_empty() && !EXPECT_OPTIONS.contains(&expect_value.as_str()) {
                            <option value={expect_value.clone()} selected=true>{ expect_value.clone() }</option>
                        }
                    </select>
                </label>
                if is_sts || step.params.is_some() {
                    <label class="field field-wide">
                        <span class="field-label">{ "STS parameters (JSON)" }</span>
                        <textarea class="input mono params" id="step-params" rows="4" spellcheck="false" value={params_text} oninput={on_params} />
                        if let Some(e) = &*params_error {
                            <span class="field-error" id="step-params-error">{ e.clone() }</span>
                        }
                    </label>
                }
                <div class="field field-wide">
                    <span class="field-label">{ "Request context" }</span>
                    { context_rows }
                    <button type="button" class="button button-small button-quiet" id="add-context" onclick={add_context}>{ "+ Context key" }</button>
                </div>
            </div>
        </section>
    }
}
