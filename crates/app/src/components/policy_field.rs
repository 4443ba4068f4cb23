//! A policy document inside a world tab: the code editor with its live status line (parse errors
//! with line:column, counts, size against the quota), and a policy attachment's name, type and ARN.

use crate::analyses::use_analysis;
use crate::components::code_area::line_count;
use crate::components::form::TextField;
use crate::components::{CodeArea, StatusLine};
use crate::world::AttachmentChange;
use roleplay_policy::{PolicyKind, Quota};
use roleplay_sim::Attachment;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Lines an editor shows before it scrolls, at least and at most.
const MIN_LINES: usize = 6;
const MAX_LINES: usize = 22;

#[derive(Properties, PartialEq)]
pub struct PolicyFieldProps {
    /// DOM id prefix: `{id}-textarea`, `{id}-status`, …
    pub id: AttrValue,
    /// The editor's accessible name.
    pub label: AttrValue,
    pub text: AttrValue,
    pub kind: PolicyKind,
    pub quota: Option<Quota>,
    pub onchange: Callback<String>,
    /// The header row above the editor (title, fields, buttons).
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn PolicyField(props: &PolicyFieldProps) -> Html {
    let catalog_ready = use_context::<crate::state::StoreHandle>().is_some_and(|s| s.catalog.ready);
    let limit = props.quota.map(|q| q.limit);
    let analysis = use_analysis(props.text.clone(), props.kind, limit, catalog_ready);
    let textarea = use_node_ref();
    let id = &props.id;
    let lines = line_count(&props.text).clamp(MIN_LINES, MAX_LINES);
    html! {
        <section class="policy-field" id={format!("{id}-field")} aria-label={props.label.clone()}>
            <div class="policy-field-head">{ props.children.clone() }</div>
            <div class="editor-body policy-field-body" style={format!("--lines: {lines}")}>
                <CodeArea
                    id={format!("{id}-textarea")}
                    label={props.label.clone()}
                    describedby={format!("{id}-status")}
                    text={props.text.clone()}
                    oninput={props.onchange.clone()}
                    textarea_ref={textarea.clone()}
                />
            </div>
            <StatusLine id={id.clone()} quota={props.quota} analysis={analysis} goto={Some((textarea, props.text.clone()))} />
        </section>
    }
}

/// A policy a thing may have or not have (a resource's, a VPC endpoint's).
pub struct OptionalPolicy<'a> {
    /// DOM id prefix: `{id}-heading`, `{id}-remove`, `{id}-add`, `{id}-absent`, and the editor's.
    pub id: &'static str,
    pub title: &'static str,
    pub question: &'static str,
    /// What its absence means.
    pub absent: &'static str,
    pub kind: PolicyKind,
    pub quota: Option<Quota>,
    pub text: Option<AttrValue>,
    /// What "+ Policy" writes.
    pub first: String,
    pub onchange: &'a Callback<Option<String>>,
}

/// The policy's editor with "Remove policy", or what its absence means with "+ Policy".
pub fn optional_policy(p: OptionalPolicy) -> Html {
    let (id, on) = (p.id, p.onchange);
    let heading = format!("{id}-heading");
    match p.text {
        Some(text) => html! {
            <PolicyField id={id} label={p.title} {text} kind={p.kind} quota={p.quota} onchange={on.reform(Some)}>
                <h4 class="policy-field-title" id={heading}>{ p.title }</h4>
                <span class="policy-field-question">{ p.question }</span>
                <button type="button" class="button button-small button-danger" id={format!("{id}-remove")}
                    onclick={on.reform(|_: MouseEvent| None)}>{ "Remove policy" }</button>
            </PolicyField>
        },
        None => {
            let first = p.first;
            html! {
                <>
                    <h4 class="section-title" id={heading}>{ p.title }</h4>
                    <p class="muted small" id={format!("{id}-absent")}>{ p.absent }</p>
                    <button type="button" class="button button-small button-quiet" id={format!("{id}-add")}
                        onclick={on.reform(move |_: MouseEvent| Some(first.clone()))}>{ "+ Policy" }</button>
                </>
            }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct AttachmentEditorProps {
    pub id: AttrValue,
    pub attachment: Attachment,
    pub kind: PolicyKind,
    /// The quota while inline; a managed policy counts against the managed-policy size.
    pub inline_quota: Quota,
    /// The account a managed policy's new ARN names.
    pub account: AttrValue,
    pub onchange: Callback<AttachmentChange>,
    pub onremove: Callback<()>,
    #[prop_or(AttrValue::Static("Remove"))]
    pub remove_label: AttrValue,
}

/// One attached policy: its name, inline or managed (with the ARN), and its document.
#[component]
pub fn AttachmentEditor(props: &AttachmentEditorProps) -> Html {
    let a = &props.attachment;
    let id = &props.id;
    let managed = !a.is_inline();
    let on_name = props.onchange.reform(AttachmentChange::Name);
    let on_arn = props.onchange.reform(AttachmentChange::Arn);
    let on_doc = props.onchange.reform(AttachmentChange::Document);
    let on_type = {
        let (emit, account) = (props.onchange.clone(), props.account.to_string());
        Callback::from(move |e: Event| {
            let managed = e.target_unchecked_into::<HtmlSelectElement>().value() == "managed";
            emit.emit(AttachmentChange::Managed(managed, account.clone()));
        })
    };
    let quota = if managed {
        Quota::MANAGED
    } else {
        props.inline_quota
    };
    let label = format!("{} document", a.name);
    html! {
        <PolicyField id={id.clone()} label={label} text={a.document.text()} kind={props.kind}
            quota={Some(quota)} onchange={on_doc}>
            <div class="attachment-fields">
                <TextField id={format!("{id}-name")} label="Name" value={a.name.clone()} onchange={on_name} />
                <label class="field field-type">
                    <span class="field-label">{ "Type" }</span>
                    <select class="input" id={format!("{id}-type")} onchange={on_type}>
                        <option value="inline" selected={!managed}>{ "Inline" }</option>
                        <option value="managed" selected={managed}>{ "Managed" }</option>
                    </select>
                </label>
                if managed {
                    <TextField id={format!("{id}-arn")} label="Policy ARN" value={a.arn.clone().unwrap_or_default()}
                        onchange={on_arn} placeholder="arn:aws:iam::111122223333:policy/Name" />
                }
                <button type="button" class="button button-small button-danger attachment-remove" id={format!("{id}-remove")}
                    onclick={props.onremove.reform(|_: MouseEvent| ())}>{ props.remove_label.clone() }</button>
            </div>
        </PolicyField>
    }
}
