//! What services decide outside the policies, as the Resource policies tab edits it: a VPC endpoint
//! (its id, VPC, account, service and endpoint policy, and the steps sent through it), an account's
//! S3 Block Public Access, and a bucket's own Block Public Access and ABAC. The model is
//! `roleplay_studio::service`.

use crate::components::form::{detail_header, world_callback, CheckField, ItemFindings, TextField};
use crate::components::policy_field::PolicyField;
use crate::components::resources::owner;
use crate::scenario::short_resource;
use crate::service_settings::{
    account_bpa, endpoint_document, endpoint_users, is_bucket, remove_endpoint, rename_endpoint,
    set_abac, set_account_flag, set_bucket_flag, step_list, BpaFlag, ENDPOINT_SERVICES,
};
use crate::state::StoreHandle;
use crate::world::findings_under;
use roleplay_policy::{PolicyKind, Quota};
use roleplay_sim::{PolicyDoc, PublicAccessBlock, ResourceDef, Scenario, VpcEndpointDef};
use std::rc::Rc;
use yew::prelude::*;

fn on_endpoint(s: &mut Scenario, i: usize, f: impl FnOnce(&mut VpcEndpointDef)) {
    if let Some(e) = s.vpc_endpoints.get_mut(i) {
        f(e);
    }
}

#[derive(Properties, PartialEq)]
pub struct EndpointProps {
    pub index: usize,
}

#[component]
pub fn EndpointDetail(props: &EndpointProps) -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let i = props.index;
    let Some(e) = store.doc.scenario.vpc_endpoints.get(i).cloned() else {
        return html! {};
    };
    let field = |f: fn(&mut VpcEndpointDef, String)| {
        world_callback(&store, move |s, v: String| on_endpoint(s, i, |e| f(e, v)))
    };
    let on_id = world_callback(&store, move |s, v: String| {
        let v = v.trim().to_owned();
        if !v.is_empty() {
            rename_endpoint(s, i, v);
        }
    });
    let on_vpc = field(|e, v| e.vpc = v);
    let on_account = field(|e, v| e.account = v);
    let on_service = field(|e, v| e.service = v.trim().to_owned());
    let on_policy = world_callback(&store, move |s, v: Option<String>| {
        on_endpoint(s, i, |e| e.policy = v.map(PolicyDoc::Text))
    });
    let remove = world_callback(&store, move |s, ()| {
        remove_endpoint(s, i);
    });
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
    let first_policy = endpoint_document(&e);
    let findings = Rc::new(
        findings_under(&store.run.result.findings, &format!("vpcEndpoints[{i}]"))
            .cloned()
            .collect::<Vec<_>>(),
    );
    let services = ENDPOINT_SERVICES
        .iter()
        .map(|s| html! { <option value={*s} /> })
        .collect::<Html>();
    html! {
        <>
            { detail_header(&e.id, &format!("VPC endpoint to {} in {}", e.service, e.vpc), Some(("endpoint-remove", remove))) }
            <p class="detail-note" id="endpoint-steps">{ used }</p>
            <div class="form-grid">
                <TextField key={e.id.clone()} id="endpoint-id" label="Endpoint ID" value={e.id.clone()} onchange={on_id} commit=true
                    hint="Steps sent through it follow a new ID. Requests carry it as aws:SourceVpce." />
                <TextField id="endpoint-vpc" label="VPC" value={e.vpc.clone()} onchange={on_vpc} hint="Requests carry it as aws:SourceVpc." />
                <TextField id="endpoint-account" label="Account" value={e.account.clone()} onchange={on_account} />
                <TextField id="endpoint-service" label="Service" value={e.service.clone()} onchange={on_service} list="endpoint-services"
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
            <ItemFindings {findings} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct BpaChecksProps {
    id: AttrValue,
    value: PublicAccessBlock,
    /// The owning account's settings, which a bucket's add to.
    account: Option<(AttrValue, PublicAccessBlock)>,
    onchange: Callback<(BpaFlag, bool)>,
}

/// The four settings as labelled checkboxes, each with what it does here.
#[component]
fn BpaChecks(props: &BpaChecksProps) -> Html {
    let boxes = BpaFlag::ALL
        .iter()
        .map(|&flag| {
            let detail = match &props.account {
                Some((a, b)) if flag.get(b) => format!("{}; on for account {a}, which wins", flag.meaning()),
                _ => flag.meaning().to_owned(),
            };
            html! {
                <CheckField id={format!("{}-{}", props.id, flag.name())} label={flag.name()} checked={flag.get(&props.value)}
                    detail={AttrValue::from(detail)} onchange={props.onchange.reform(move |on| (flag, on))} />
            }
        })
        .collect::<Html>();
    html! {
        <div class="checks checks-column" role="group" aria-labelledby={format!("{}-heading", props.id)}>{ boxes }</div>
    }
}

#[derive(Properties, PartialEq)]
pub struct AccountProps {
    pub account: AttrValue,
}

/// One account's settings: S3 Block Public Access (top-level `accounts` of the scenario).
#[component]
pub fn AccountDetail(props: &AccountProps) -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let s = &store.doc.scenario;
    let account = props.account.to_string();
    let onchange = {
        let account = account.clone();
        world_callback(&store, move |s, (flag, on): (BpaFlag, bool)| {
            set_account_flag(s, &account, flag, on)
        })
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
    let findings = Rc::new(
        findings_under(&store.run.result.findings, &format!("accounts.{account}"))
            .cloned()
            .collect::<Vec<_>>(),
    );
    html! {
        <>
            { detail_header(&account, "account settings", None) }
            <section class="detail-section" aria-labelledby="account-bpa-heading">
                <h4 class="section-title" id="account-bpa-heading">{ "S3 Block Public Access, for the whole account" }</h4>
                <BpaChecks id="account-bpa" value={account_bpa(s, &account)} account={None} {onchange} />
                <p class="detail-note" id="account-buckets">
                    { reach }{ " A bucket's own settings add to these: the most restrictive wins. New buckets have blocked public access by default since April 2023; in a scenario, a setting not written is off." }
                </p>
            </section>
            <ItemFindings {findings} />
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct BucketProps {
    pub index: usize,
    pub resource: ResourceDef,
}

/// A bucket's own Block Public Access (beside its account's) and its ABAC switch.
#[component]
pub fn BucketSettings(props: &BucketProps) -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let (i, r) = (props.index, &props.resource);
    let onchange = world_callback(&store, move |s, (flag, on): (BpaFlag, bool)| {
        if let Some(r) = s.resources.get_mut(i) {
            set_bucket_flag(r, flag, on);
        }
    });
    let on_abac = world_callback(&store, move |s, on: bool| {
        if let Some(r) = s.resources.get_mut(i) {
            set_abac(r, on);
        }
    });
    let account = owner(r);
    let inherited = (!account.is_empty()).then(|| {
        (
            account.clone().into(),
            account_bpa(&store.doc.scenario, &account),
        )
    });
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
                <BpaChecks id="bucket-bpa" value={r.s3_block_public_access.unwrap_or_default()} account={inherited} {onchange} />
            </section>
            <section class="detail-section" aria-labelledby="bucket-abac-heading">
                <h4 class="section-title" id="bucket-abac-heading">{ "Attribute-based access control" }</h4>
                <CheckField id="bucket-abac" label="ABAC" checked={abac} detail={AttrValue::Static(abac_detail)} onchange={on_abac} />
            </section>
        </>
    }
}
