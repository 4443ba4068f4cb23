//! The Resource policies tab: resources with their owning account, tags and resource-based
//! policy (bucket policy, key policy, …).

use crate::components::form::{
    add_button, detail_header, empty_detail, world_callback, ItemFindings, ListGroup, ListItem,
    SelectionProps, TagsEditor, TextField, WorldCard,
};
use crate::components::policy_field::PolicyField;
use crate::scenario::{arn_account, short_resource};
use crate::state::{StoreHandle, Tab};
use crate::world::{findings_under, needs_account, new_resource, resource_document};
use roleplay_policy::PolicyKind;
use roleplay_sim::{PolicyDoc, ResourceDef, Scenario, Tags};
use std::rc::Rc;
use yew::prelude::*;

fn on_resource(s: &mut Scenario, i: usize, f: impl FnOnce(&mut ResourceDef)) {
    if let Some(r) = s.resources.get_mut(i) {
        f(r);
    }
}

fn owner(r: &ResourceDef) -> String {
    r.account
        .clone()
        .unwrap_or_else(|| arn_account(&r.arn).to_owned())
}

#[component]
pub fn Resources(props: &SelectionProps) -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let s = &store.doc.scenario;
    let selected = props
        .selected
        .filter(|&i| i < s.resources.len())
        .or_else(|| (!s.resources.is_empty()).then_some(0));
    let items = s
        .resources
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let detail = match (owner(r), r.policy.is_some()) {
                (a, true) => format!("{a} · policy"),
                (a, false) => a,
            };
            html! {
                <ListItem key={i} id={format!("resource-{i}")} name={short_resource(&r.arn).to_owned()} {detail}
                    selected={Some(i) == selected} onselect={props.onselect.reform(move |()| i)} />
            }
        })
        .collect::<Vec<_>>();
    let add = {
        let add = world_callback(&store, |s, ()| {
            let r = new_resource(s);
            s.resources.push(r);
        });
        let (onselect, at) = (props.onselect.clone(), s.resources.len());
        Callback::from(move |()| {
            add.emit(());
            onselect.emit(at);
        })
    };
    let empty = items
        .is_empty()
        .then_some(AttrValue::Static("No resources yet."));
    let list = html! {
        <ListGroup heading="Resources" add={add_button("add-resource", "Resource", add)} {empty}>{ for items }</ListGroup>
    };
    let detail = match selected.and_then(|i| Some((i, s.resources.get(i)?))) {
        Some((i, r)) => html! { <ResourceDetail key={i} index={i} resource={r.clone()} /> },
        None => empty_detail(
            "Resources carry a resource-based policy (an S3 bucket policy, a KMS key policy, …) or tags. Requests to a resource in another account need its policy to allow them, as well as the caller's own policies.",
            html! {},
        ),
    };
    html! {
        <WorldCard tab={Tab::Resources} question="Who may use each resource, by its own policy?" {list} {detail} />
    }
}

#[derive(Properties, PartialEq)]
struct ResourceDetailProps {
    index: usize,
    resource: ResourceDef,
}

#[component]
fn ResourceDetail(props: &ResourceDetailProps) -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let (i, r) = (props.index, &props.resource);
    let on_arn = world_callback(&store, move |s, v: String| on_resource(s, i, |r| r.arn = v));
    let on_account = world_callback(&store, move |s, v: String| {
        on_resource(s, i, |r| {
            r.account = (!v.trim().is_empty()).then(|| v.trim().to_owned())
        })
    });
    let on_tags = world_callback(&store, move |s, t: Tags| on_resource(s, i, |r| r.tags = t));
    let on_policy = world_callback(&store, move |s, v: Option<String>| {
        on_resource(s, i, |r| r.policy = v.map(PolicyDoc::Text))
    });
    let remove = world_callback(&store, move |s, ()| {
        if i < s.resources.len() {
            s.resources.remove(i);
        }
    });
    let account = owner(r);
    let new_policy = resource_document(&r.arn, &account).text();
    let findings = Rc::new(
        findings_under(&store.run.result.findings, &format!("resources[{i}]"))
            .cloned()
            .collect::<Vec<_>>(),
    );
    let account_hint = if needs_account(&r.arn) {
        "Required: this ARN carries no account, and same- and cross-account requests are evaluated differently."
    } else {
        "Optional: the ARN names the account."
    };
    let sub = if account.is_empty() {
        "resource with no owning account".to_owned()
    } else {
        format!("owned by {account}")
    };
    html! {
        <>
            { detail_header(short_resource(&r.arn), &sub, Some(("resource-remove", remove))) }
            <div class="form-grid">
                <TextField id="resource-arn" label="ARN" value={r.arn.clone()} wide=true onchange={on_arn}
                    hint="A policy on a bucket also covers its objects (arn:aws:s3:::bucket/*)." />
                <TextField id="resource-account" label="Owning account" value={r.account.clone().unwrap_or_default()}
                    onchange={on_account} placeholder={arn_account(&r.arn).to_owned()} hint={account_hint} />
                <TagsEditor id="resource-tags" tags={r.tags.clone()} onchange={on_tags} />
            </div>
            <section class="detail-section" aria-labelledby="resource-policy-heading">
                if let Some(doc) = &r.policy {
                    <PolicyField id="resource-policy" label="Resource-based policy" text={doc.text()}
                        kind={PolicyKind::Resource} quota={None} onchange={on_policy.reform(Some)}>
                        <h4 class="policy-field-title" id="resource-policy-heading">{ "Resource-based policy" }</h4>
                        <span class="policy-field-question">{ "Who may use this resource?" }</span>
                        <button type="button" class="button button-small button-danger" id="resource-policy-remove"
                            onclick={on_policy.reform(|_: MouseEvent| None)}>{ "Remove policy" }</button>
                    </PolicyField>
                } else {
                    <h4 class="section-title" id="resource-policy-heading">{ "Resource-based policy" }</h4>
                    <p class="muted small">{ "None: only same-account principals whose own policies allow it may use this resource." }</p>
                    <button type="button" class="button button-small button-quiet" id="resource-policy-add"
                        onclick={on_policy.reform(move |_: MouseEvent| Some(new_policy.clone()))}>{ "+ Policy" }</button>
                }
            </section>
            <ItemFindings {findings} />
        </>
    }
}
