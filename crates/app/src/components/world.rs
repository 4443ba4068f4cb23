use super::modal::Modal;
use crate::components::code_area::place_cursor;
use crate::scenario::paragraphs;
use crate::scenario_json::pretty;
use crate::state::{Action, StoreHandle};
use roleplay_policy::Code;
use roleplay_policy::Severity;
use roleplay_sim::ScenarioFinding;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// The whole scenario as JSON. Edits re-read it: an error shows with its line:column while the
/// text and the last good run stay; a document that reads replaces the scenario.
#[component]
pub fn ScenarioJson() -> Html {
    let textarea = use_node_ref();
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    if store.ui.quiz {
        let why = "The scenario's JSON holds the expected outcome of every step — the quiz's answers. The other tabs show the world without them.";
        return super::tabs::hidden_in_quiz(&store, crate::state::Tab::Json, "json", why);
    }
    let text: AttrValue = match &store.doc.json_draft {
        Some(d) => d.text.clone(),
        None => pretty(&store.doc.scenario).into(),
    };
    let oninput = {
        let dispatcher = store.dispatcher();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            crate::perf::mark_edit();
            dispatcher.dispatch(Action::EditJson(text.into()));
        })
    };
    // "Error at 3:16" puts the cursor there.
    let go_to_error = {
        let textarea = textarea.clone();
        let at = store
            .doc
            .json_draft
            .as_ref()
            .map(|d| (d.text.clone(), d.error.line, d.error.column));
        Callback::from(move |_: MouseEvent| {
            if let Some((text, line, column)) = &at {
                place_cursor(&textarea, text, *line, *column);
            }
        })
    };
    let (state, headline, detail) = match &store.doc.json_draft {
        Some(d) => (
            "invalid-json",
            format!("Error at {}:{}", d.error.line, d.error.column),
            if d.error.path.is_empty() || d.error.path == "." {
                d.error.message.clone()
            } else {
                format!("{} ({})", d.error.message, d.error.path)
            },
        ),
        None => (
            "valid",
            "Scenario reads".to_owned(),
            "Edits here replace the whole scenario.".to_owned(),
        ),
    };
    html! {
        <section class="card editor-card json-card" id="json-panel" role="tabpanel" aria-labelledby="tab-json">
            <header class="card-header">
                <h2 class="card-title" id="json-heading">{ "Scenario JSON" }</h2>
                <p class="card-question">{ "Principals, resources, organization and steps: format v1" }</p>
            </header>
            <div class="editor-body json-body">
                <div class="textarea-editor">
                    <textarea
                        ref={textarea}
                        id="json-textarea"
                        class="code-input json-input"
                        aria-label="Scenario JSON"
                        aria-describedby="json-status"
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        wrap="off"
                        value={text}
                        {oninput}
                    />
                </div>
            </div>
            <div class="status" id="json-status" data-state={state}>
                <span class="status-headline" id="json-status-headline">
                    <span class="status-dot" aria-hidden="true"></span>
                    if store.doc.json_draft.is_some() {
                        <button type="button" class="link-button" title="Put the cursor there" onclick={go_to_error}>{ headline }</button>
                    } else {
                        { headline }
                    }
                </span>
                <span class="status-detail" id="json-status-detail" title={detail.clone()}>{ detail }</span>
            </div>
        </section>
    }
}

/// The scenario's findings (invalid policies, quotas, risky trust, timeline problems).
#[component]
pub fn Findings() -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    // In the quiz, a finding that an earlier step failed would give its answer away.
    let findings: Vec<&ScenarioFinding> = store
        .run
        .result
        .findings
        .iter()
        .filter(|f| !(store.ui.quiz && f.code == Code::AsFailedStep))
        .collect();
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let rows = findings.iter().map(|f| finding_row(f)).collect::<Html>();
    let summary = match (findings.len(), errors) {
        (0, _) => "Findings: none".to_owned(),
        (n, 0) => format!("Findings ({n})"),
        (n, e) => format!("Findings ({n}, {e} error{})", if e == 1 { "" } else { "s" }),
    };
    html! {
        <details class="card findings" id="findings" open={errors > 0}>
            <summary class="findings-summary">{ summary }</summary>
            if findings.is_empty() {
                <p class="muted findings-empty">{ "No problems found in the scenario's policies, quotas or timeline." }</p>
            } else {
                <ul class="finding-list">{ rows }</ul>
            }
        </details>
    }
}

/// The scenario's description, as plain paragraphs (never HTML).
#[component]
pub fn Description() -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let Some(d) = store.doc.scenario.description.as_deref() else {
        return html! {};
    };
    let exam = store.doc.scenario.exam.clone();
    let title = store.doc.scenario.title.clone();
    let mut paras = paragraphs(d).into_iter();
    let first = paras.next();
    let more = paras.map(|p| html! { <p>{ p }</p> }).collect::<Vec<_>>();
    html! {
        <section class="description" id="scenario-description" aria-label="About this scenario">
            if let Some(title) = title {
                <h2 class="description-title">{ title }</h2>
            }
            if let Some(exam) = exam {
                <span class="exam-tag">{ exam }</span>
            }
            if let Some(first) = first {
                <p class="description-lede">{ first }</p>
            }
            if !more.is_empty() {
                <details class="description-more">
                    <summary>{ "More about this scenario" }</summary>
                    { for more }
                </details>
            }
        </section>
    }
}

/// One finding: severity, code, message, and where (JSON path, line:column).
pub fn finding_row(f: &ScenarioFinding) -> Html {
    let severity = serde_json::to_value(f.severity)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let at = f
        .location
        .map(|l| format!("{}:{}", l.start_line, l.start_column))
        .unwrap_or_default();
    html! {
        <li class={classes!("finding", format!("sev-{severity}"))}>
            <span class={classes!("tag", format!("tag-{severity}"))}>{ severity.clone() }</span>
            <span class="finding-code mono">{ f.code.as_str() }</span>
            <span class="finding-message">{ &f.message }</span>
            <span class="finding-where mono">{ format!("{}{}{}", f.path, if at.is_empty() { "" } else { " " }, at) }</span>
        </li>
    }
}

/// A broken share link and the like, above the workspace.
#[component]
pub fn Banner() -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let Some(banner) = store.ui.banner.clone() else {
        return html! {};
    };
    let close = {
        let dispatcher = store.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Banner(None)))
    };
    let items = banner
        .items
        .iter()
        .map(|i| html! { <li>{ i.clone() }</li> })
        .collect::<Html>();
    html! {
        <div class={classes!("banner", banner.info.then_some("banner-info"))} role={if banner.info { "status" } else { "alert" }} id="banner">
            <div class="banner-text">
                <span>{ banner.message }</span>
                if !banner.items.is_empty() {
                    <ul class="banner-list" id="banner-list">{ items }</ul>
                }
            </div>
            <button type="button" class="icon-button" aria-label="Dismiss" onclick={close}>{ "×" }</button>
        </div>
    }
}

/// A share link opened over different autosaved work: open the link, or keep my work.
#[component]
pub fn ConflictDialog() -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let Some(conflict) = store.ui.conflict.clone() else {
        return html! {};
    };
    let open = {
        let dispatcher = store.dispatcher();
        let linked = conflict.linked.clone();
        let import = conflict.import.clone();
        let quiz = conflict.quiz;
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(match import.clone() {
                Some(note) => Action::Import(linked.clone(), note),
                None => Action::Load(linked.clone()),
            });
            // A `&quiz=1` link asked for quiz mode; loading leaves it, so start it now.
            if quiz {
                dispatcher.dispatch(Action::Quiz(true));
            }
        })
    };
    let keep = {
        let dispatcher = store.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Conflict(None)))
    };
    let title = conflict
        .linked
        .title
        .clone()
        .unwrap_or_else(|| "an untitled scenario".into());
    let imported = conflict.import.is_some();
    // Escape keeps the work, as "Keep my work" does: nothing is replaced without a yes.
    html! {
        <Modal id="conflict-dialog" class="small" alert=true heading_id="conflict-heading" on_close={keep.clone()}
            heading={if imported { "Replace your work with the import?" } else { "Open the shared scenario?" }}>
            if imported {
                <p>{ format!("The import builds “{title}”. It would replace the scenario you are working on.") }</p>
            } else {
                <p>{ format!("This link carries “{title}”. You also have unsaved work from an earlier visit, which the link would replace.") }</p>
            }
            <div class="button-row end">
                <button type="button" class="button" id="conflict-keep" onclick={keep.reform(|_: MouseEvent| ())}>{ "Keep my work" }</button>
                <button type="button" class="button button-primary" id="conflict-open" onclick={open}>{ if imported { "Replace with the import" } else { "Open the link" } }</button>
            </div>
        </Modal>
    }
}
