//! What services decide outside the policies, as the Resource policies tab edits it: a VPC endpoint
//! (its id, VPC, account, service and endpoint policy, and the steps sent through it), an account's
//! S3 Block Public Access, and a bucket's own Block Public Access and ABAC. The model and its one
//! kind of edit are `roleplay_studio::service_settings`; these are plain functions of the tab's
//! components (not components of their own), which keeps the page's code small.

use crate::components::form::{detail_header, CheckField, ItemFindings, TextField};
use crate::components::policy_field::PolicyField;
use crate::components::resources::owner;
use crate::scenario::short_resource;
use crate::service_settings::{
    account_bpa, endpoint_document, endpoint_users, is_bucket, step_list, BpaFlag, ServiceChange,
    ENDPOINT_SERVICES,
};
use crate::state::StoreHandle;
use crate::world::findings_under;
use roleplay_policy::{PolicyKind, Quota};
use roleplay_sim::{PublicAccessBlock, ResourceDef};
use std::rc::Rc;
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
    let on_policy = edit.reform(move |text| ServiceChange::EndpointPolicy(i, text));
    let first_policy = endpoint_document(e);
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
                if let Some(doc) = &e.policy {
                    <PolicyField id="endpoint-policy" label="VPC endpoint policy" text={doc.text()}
                        kind={PolicyKind::VpcEndpoint} quota={Some(Quota::VPC_ENDPOINT)} onchange={on_policy.reform(Some)}>
                        <h4 class="policy-field-title" id="endpoint-policy-heading">{ "Endpoint policy" }</h4>
                        <span class="policy-field-question">{ "What may go through this endpoint?" }</span>
                        <button type="button" class="button button-small button-danger" id="endpoint-policy-remove"
                            title="Back to AWS's default policy, full access"
                            onclick={on_policy.reform(|_: MouseEvent| None)}>{ "Remove policy" }</button>
                    </PolicyField>
                } else {
                    <h4 class="section-title" id="endpoint-policy-heading">{ "Endpoint policy" }</h4>
                    <p class="muted small" id="endpoint-policy-default">{ "None: AWS's default endpoint policy applies, full access (Allow * to everyone on everything). The requests sent through the endpoint are decided by the other policies alone." }</p>
                    <button type="button" class="button button-small button-quiet" id="endpoint-policy-add"
                        onclick={on_policy.reform(move |_: MouseEvent| Some(first_policy.clone()))}>{ "+ Policy" }</button>
                }
                <p class="muted small">{ "A request through the endpoint needs its policy to allow it as well as the caller's and the resource's; an explicit deny here denies." }</p>
            </section>
            { findings(store, &format!("vpcEndpoints[{i}]")) }
        </>
    }
}

/// The four settings as labelled checkboxes, each with what it does here; `account` is the owning
/// account's settings, which a bucket's add to.
fn bpa_checks(
    id: &str,
    value: PublicAccessBlock,
    account: Option<(&str, PublicAccessBlock)>,
    onchange: &Callback<(BpaFlag, bool)>,
) -> Html {
    let boxes = BpaFlag::ALL
        .iter()
        .map(|&flag| {
            let detail = match account {
                Some((a, b)) if flag.get(&b) => format!("{}; on anyway: account {a} has it on", flag.meaning()),
                _ => flag.meaning().to_owned(),
            };
            html! {
                <CheckField id={format!("{id}-{}", flag.name())} label={flag.name()} checked={flag.get(&value)}
                    detail={AttrValue::from(detail)} onchange={onchange.reform(move |on| (flag, on))} />
            }
        })
        .collect::<Html>();
    html! {
        <div class="checks checks-column" role="group" aria-labelledby={format!("{id}-heading")}>{ boxes }</div>
    }
}

/// One account's settings: S3 Block Public Access (top-level `accounts` of the scenario).
pub fn account_detail(store: &StoreHandle, edit: &Callback<ServiceChange>, account: &str) -> Html {
    let s = &store.doc.scenario;
    let onchange = {
        let account = account.to_owned();
        edit.reform(move |(flag, on)| ServiceChange::AccountFlag(account.clone(), flag, on))
    };
    let buckets: Vec<&str> = s
        .resources
        .iter()
        .filter(|r| is_bucket(r) && owner(r) == account)
        .map(|r| short_resource(&r.arn))
        .collect();
    let reach = if buckets.is_empty() {
        "No bucket of the scenario is in this account.".to_owned()
    } else {
        format!("Its buckets: {}.", buckets.join(", "))
    };
    html! {
        <>
            { detail_header(account, "account settings", None) }
            <section class="detail-section" aria-labelledby="account-bpa-heading">
                <h4 class="section-title" id="account-bpa-heading">{ "S3 Block Public Access, for the whole account" }</h4>
                { bpa_checks("account-bpa", account_bpa(s, account), None, &onchange) }
                <p class="detail-note" id="account-buckets">
                    { reach }{ " A bucket's own settings add to these: the most restrictive wins. New buckets have blocked public access by default since April 2023; in a scenario, a setting not written is off." }
                </p>
            </section>
            { findings(store, &format!("accounts.{account}")) }
        </>
    }
}

/// A bucket's own Block Public Access (beside its account's) and its ABAC switch.
pub fn bucket_settings(
    store: &StoreHandle,
    edit: &Callback<ServiceChange>,
    i: usize,
    r: &ResourceDef,
) -> Html {
    let account = owner(r);
    let inherited = (!account.is_empty())
        .then(|| (account.as_str(), account_bpa(&store.doc.scenario, &account)));
    let onchange = edit.reform(move |(flag, on)| ServiceChange::BucketFlag(i, flag, on));
    let abac = r.abac == Some(true);
    let abac_detail = if abac {
        "on: its tags are aws:ResourceTag/… and s3:BucketTag/… keys"
    } else {
        "off (AWS's default): its tags are not condition keys"
    };
    html! {
        <>
            <section class="detail-section" aria-labelledby="bucket-bpa-heading">
                <h4 class="section-title" id="bucket-bpa-heading">{ "S3 Block Public Access, this bucket" }</h4>
                { bpa_checks("bucket-bpa", r.s3_block_public_access.unwrap_or_default(), inherited, &onchange) }
            </section>
            <section class="detail-section" aria-labelledby="bucket-abac-heading">
                <h4 class="section-title" id="bucket-abac-heading">{ "Attribute-based access control" }</h4>
                <CheckField id="bucket-abac" label="ABAC" checked={abac} detail={AttrValue::Static(abac_detail)}
                    onchange={edit.reform(move |on| ServiceChange::Abac(i, on))} />
            </section>
        </>
    }
}
