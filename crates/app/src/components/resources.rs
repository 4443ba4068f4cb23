//! The Resource policies tab: resources with their owning account, tags and resource-based
//! policy (bucket policy, key policy, …), and beside them what services decide outside those
//! policies (`service_settings.rs`): VPC endpoints with their endpoint policies (a resource-based
//! policy on the network path), and on a bucket its and its account's S3 Block Public Access.

use crate::components::form::{
    add_button, detail_header, empty_detail, world_callback, ItemFindings, ListGroup, ListItem,
    TagsEditor, TextField, WorldCard,
};
use crate::components::policy_field::{optional_policy, OptionalPolicy};
use crate::components::service_settings::{bucket_settings, endpoint_detail};
use crate::scenario::{arn_account, short_resource};
use crate::service_settings::{change, endpoint_users, is_bucket, ServiceChange};
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

pub(super) fn owner(r: &ResourceDef) -> String {
    r.account
        .clone()
        .unwrap_or_else(|| arn_account(&r.arn).to_owned())
}

/// What the tab has selected (kept by the world panel while other tabs show).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourcePick {
    Resource(usize),
    Endpoint(usize),
}

#[derive(Properties, PartialEq)]
pub struct ResourcesProps {
    pub selected: Option<ResourcePick>,
    pub onselect: Callback<ResourcePick>,
}

/// The selection if it still exists, else the first resource, else the first endpoint.
fn resolve(s: &Scenario, picked: Option<&ResourcePick>) -> Option<ResourcePick> {
    let exists = |p: &ResourcePick| match p {
        ResourcePick::Resource(i) => *i < s.resources.len(),
        ResourcePick::Endpoint(i) => *i < s.vpc_endpoints.len(),
    };
    picked.filter(|p| exists(p)).cloned().or_else(|| {
        if !s.resources.is_empty() {
            Some(ResourcePick::Resource(0))
        } else {
            (!s.vpc_endpoints.is_empty()).then_some(ResourcePick::Endpoint(0))
        }
    })
}

/// "+ Something": `add`, then select what it added.
fn then_select(
    add: Callback<()>,
    onselect: &Callback<ResourcePick>,
    picked: ResourcePick,
) -> Callback<()> {
    let onselect = onselect.clone();
    Callback::from(move |()| {
        add.emit(());
        onselect.emit(picked.clone());
    })
}

#[component]
pub fn Resources(props: &ResourcesProps) -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let s = &store.doc.scenario;
    let selected = resolve(s, props.selected.as_ref());
    let item = |id: String, name: String, detail: String, pick: ResourcePick| {
        let onselect = props.onselect.clone();
        let is = selected.as_ref() == Some(&pick);
        let key = id.clone();
        html! {
            <ListItem {key} {id} {name} {detail} selected={is}
                onselect={Callback::from(move |()| onselect.emit(pick.clone()))} />
        }
    };
    let resources = s.resources.iter().enumerate().map(|(i, r)| {
        let detail = match (owner(r), r.policy.is_some()) {
            (a, true) => format!("{a} · policy"),
            (a, false) => a,
        };
        item(
            format!("resource-{i}"),
            short_resource(&r.arn).to_owned(),
            detail,
            ResourcePick::Resource(i),
        )
    });
    let endpoints = s.vpc_endpoints.iter().enumerate().map(|(i, e)| {
        let policy = if e.policy.is_some() {
            "policy"
        } else {
            "full access"
        };
        let detail = match endpoint_users(s, &e.id).len() {
            0 => format!("{} · {policy}", e.service),
            1 => format!("{} · {policy} · 1 step", e.service),
            n => format!("{} · {policy} · {n} steps", e.service),
        };
        item(
            format!("endpoint-{i}"),
            e.id.clone(),
            detail,
            ResourcePick::Endpoint(i),
        )
    });
    let edit = world_callback(&store, change);
    let add_resource = world_callback(&store, |s, ()| {
        let r = new_resource(s);
        s.resources.push(r);
    });
    let add_resource = then_select(
        add_resource,
        &props.onselect,
        ResourcePick::Resource(s.resources.len()),
    );
    let add_endpoint = then_select(
        edit.reform(|()| ServiceChange::AddEndpoint),
        &props.onselect,
        ResourcePick::Endpoint(s.vpc_endpoints.len()),
    );
    let none = |empty: bool, text: &'static str| empty.then_some(AttrValue::Static(text));
    let list = html! {
        <>
            <ListGroup heading="Resources" add={add_button("add-resource", "Resource", add_resource)}
                empty={none(s.resources.is_empty(), "No resources yet.")}>{ for resources }</ListGroup>
            <ListGroup heading="VPC endpoints" add={add_button("add-endpoint", "VPC endpoint", add_endpoint)}
                empty={none(s.vpc_endpoints.is_empty(), "None: requests reach services directly.")}>{ for endpoints }</ListGroup>
        </>
    };
    let detail = match selected {
        Some(ResourcePick::Resource(i)) => match s.resources.get(i) {
            Some(r) => html! { <ResourceDetail key={format!("r{i}")} index={i} resource={r.clone()} /> },
            None => html! {},
        },
        Some(ResourcePick::Endpoint(i)) => endpoint_detail(&store, &edit, i),
        None => empty_detail(
            "Resources carry a resource-based policy (an S3 bucket policy, a KMS key policy, …) or tags. Requests to a resource in another account need its policy to allow them, as well as the caller's own policies. A VPC endpoint's policy is one more that must allow the requests sent through it.",
            html! {},
        ),
    };
    html! {
        <WorldCard tab={Tab::Resources} question="Who may use each resource, by its own policy and its service's settings?" {list} {detail} />
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
                { optional_policy(OptionalPolicy {
                    id: "resource-policy",
                    title: "Resource-based policy",
                    question: "Who may use this resource?",
                    absent: "None: only same-account principals whose own policies allow it may use this resource.",
                    kind: PolicyKind::Resource,
                    quota: None,
                    text: r.policy.as_ref().map(|d| d.text().into()),
                    first: resource_document(&r.arn, &account).text(),
                    onchange: &on_policy,
                }) }
            </section>
            if is_bucket(r) {
                { bucket_settings(&store, &world_callback(&store, change), i, r) }
            }
            <ItemFindings {findings} />
        </>
    }
}
