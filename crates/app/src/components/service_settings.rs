//! What services decide outside the policies, as the Resource policies tab edits it: a VPC endpoint
//! (its id, VPC, account, service and endpoint policy, and the steps sent through it), and on a
//! bucket its S3 Block Public Access beside its account's, and its ABAC. The model and its one
//! kind of edit are `roleplay_studio::service_settings`; these are plain functions of the tab's
//! components (not components of their own), which keeps the page's code small.

use crate::components::form::{detail_header, CheckField, ItemFindings, TextField};
use crate::components::policy_field::{optional_policy, OptionalPolicy};
use crate::components::resources::owner;
use crate::service_settings::{
    account_bpa, endpoint_document, endpoint_users, step_list, BpaFlag, ServiceChange,
    ENDPOINT_SERVICES,
};
use crate::state::StoreHandle;
use crate::world::findings_under;
use roleplay_policy::{PolicyKind, Quota};
use roleplay_sim::ResourceDef;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The run's findings about the thing at `path`.
fn findings(store: &StoreHandle, path: &str) -> Html {
    let findings = Rc::new(
        findings_under(&store.run.result.findings, path)
            .cloned()
            .collect::<Vec<_>>(),
    );
    html! { <ItemFindings {findings} /> }
}

/// Endpoint `i`: where it is, the steps through it, its policy (absent: AWS's full access).
pub fn endpoint_detail(store: &StoreHandle, edit: &Callback<ServiceChange>, i: usize) -> Html {
    let Some(e) = store.doc.scenario.vpc_endpoints.get(i) else {
        return html! {};
    };
    let users = endpoint_users(&store.doc.scenario, &e.id);
    let used = if users.is_empty() {
        "No step goes through it yet: choose it as a step's “Via” in the step form.".to_owned()
    } else {
        format!(
            "Through it: {}. Removing the endpoint sends {} directly.",
            step_list(&users),
            if users.len() == 1 { "it" } else { "them" }
        )
    };
    let services = ENDPOINT_SERVICES
        .iter()
        .map(|s| html! { <option value={*s} /> })
        .collect::<Html>();
    html! {
        <>
            { detail_header(&e.id, &format!("VPC endpoint to {} in {}", e.service, e.vpc), Some(("endpoint-remove", edit.reform(move |()| ServiceChange::RemoveEndpoint(i))))) }
            <p class="detail-note" id="endpoint-steps">{ used }</p>
            <div class="form-grid">
                <TextField key={e.id.clone()} id="endpoint-id" label="Endpoint ID" value={e.id.clone()} commit=true
                    onchange={edit.reform(move |v| ServiceChange::EndpointId(i, v))}
                    hint="Steps sent through it follow a new ID. Requests carry it as aws:SourceVpce." />
                <TextField id="endpoint-vpc" label="VPC" value={e.vpc.clone()} hint="Requests carry it as aws:SourceVpc."
                    onchange={edit.reform(move |v| ServiceChange::EndpointVpc(i, v))} />
                <TextField id="endpoint-account" label="Account" value={e.account.clone()}
                    onchange={edit.reform(move |v| ServiceChange::EndpointAccount(i, v))} />
                <TextField id="endpoint-service" label="Service" value={e.service.clone()} list="endpoint-services"
                    onchange={edit.reform(move |v| ServiceChange::EndpointService(i, v))}
                    hint="Only requests to this service go through it." />
                <datalist id="endpoint-services">{ services }</datalist>
            </div>
            <section class="detail-section" aria-labelledby="endpoint-policy-heading">
                { optional_policy(OptionalPolicy {
                    id: "endpoint-policy",
                    title: "VPC endpoint policy",
                    question: "What may go through this endpoint?",
                    absent: "None: AWS's default endpoint policy applies, full access (Allow * to everyone on everything). The requests sent through the endpoint are decided by the other policies alone.",
                    kind: PolicyKind::VpcEndpoint,
                    quota: Some(Quota::VPC_ENDPOINT),
                    text: e.policy.as_ref().map(|d| d.text().into()),
                    first: endpoint_document(e),
                    onchange: &edit.reform(move |text| ServiceChange::EndpointPolicy(i, text)),
                }) }
                <p class="muted small">{ "A request through the endpoint needs its policy to allow it as well as the caller's and the resource's; an explicit deny here denies." }</p>
            </section>
            { findings(store, &format!("vpcEndpoints[{i}]")) }
        </>
    }
}

/// One setting's checkbox in the Block Public Access table, named for screen readers.
fn flag_box(id: String, label: String, checked: bool, onchange: Callback<bool>) -> Html {
    let onchange = Callback::from(move |e: Event| {
        onchange.emit(e.target_unchecked_into::<HtmlInputElement>().checked())
    });
    html! { <input type="checkbox" {id} aria-label={label} {checked} {onchange} /> }
}

/// A bucket's S3 Block Public Access beside its account's (top-level `accounts`: the settings of
/// every bucket in that account; the most restrictive wins), and its ABAC switch.
pub fn bucket_settings(
    store: &StoreHandle,
    edit: &Callback<ServiceChange>,
    i: usize,
    r: &ResourceDef,
) -> Html {
    let account = owner(r);
    let of_account = account_bpa(&store.doc.scenario, &account);
    let own = r.s3_block_public_access.unwrap_or_default();
    let rows = BpaFlag::ALL
        .iter()
        .map(|&flag| {
            let name = flag.name();
            let account_box = (!account.is_empty()).then(|| {
                let a = account.clone();
                let onchange = edit.reform(move |on| ServiceChange::AccountFlag(a.clone(), flag, on));
                flag_box(format!("account-bpa-{name}"), format!("{name} for account {account}"), flag.get(&of_account), onchange)
            });
            let onchange = edit.reform(move |on| ServiceChange::BucketFlag(i, flag, on));
            html! {
                <tr>
                    <th scope="row"><span class="mono">{ name }</span><span class="check-detail">{ flag.meaning() }</span></th>
                    <td>{ account_box }</td>
                    <td>{ flag_box(format!("bucket-bpa-{name}"), format!("{name} for this bucket"), flag.get(&own), onchange) }</td>
                </tr>
            }
        })
        .collect::<Html>();
    let abac = r.abac == Some(true);
    let abac_detail = if abac {
        "on: its tags are aws:ResourceTag/… and s3:BucketTag/… keys"
    } else {
        "off (AWS's default): its tags are not condition keys"
    };
    html! {
        <>
            <section class="detail-section" aria-labelledby="bucket-bpa-heading">
                <h4 class="section-title" id="bucket-bpa-heading">{ "S3 Block Public Access" }</h4>
                <table class="context-table bpa-table" id="bucket-bpa" aria-labelledby="bucket-bpa-heading">
                    <thead><tr>
                        <th scope="col">{ "Setting" }</th>
                        <th scope="col">{ "Account" }<span class="check-detail mono">{ account.clone() }</span></th>
                        <th scope="col">{ "This bucket" }</th>
                    </tr></thead>
                    <tbody>{ rows }</tbody>
                </table>
                <p class="detail-note" id="bucket-bpa-note">{ "The account's settings apply to every bucket in it, the bucket's to this one: the most restrictive wins. New buckets have blocked public access by default since April 2023; in a scenario, a setting not written is off." }</p>
            </section>
            <section class="detail-section" aria-labelledby="bucket-abac-heading">
                <h4 class="section-title" id="bucket-abac-heading">{ "Attribute-based access control" }</h4>
                <CheckField id="bucket-abac" label="ABAC" checked={abac} detail={AttrValue::Static(abac_detail)}
                    onchange={edit.reform(move |on| ServiceChange::Abac(i, on))} />
            </section>
        </>
    }
}
