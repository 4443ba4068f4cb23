//! The Identity providers tab: OIDC providers (with their audiences) and SAML providers, and the
//! roles whose trust policies name them.

use crate::components::form::{
    detail_header, empty_detail, world_callback, ItemFindings, SelectionProps, StringList,
    TextField, WorldCard,
};
use crate::components::principals::{principal_list, resolve, PROVIDER_GROUPS};
use crate::scenario::{arn_account, arn_name};
use crate::state::{StoreHandle, Tab};
use crate::world::{display_name, findings_under, is_provider, kind_word, rename_principal};
use roleplay_sim::{PrincipalDef, Scenario};
use std::rc::Rc;
use yew::prelude::*;

/// Roles whose trust policy names the provider (its ARN, or an OIDC provider's host in a condition key).
fn trusted_by(s: &Scenario, p: &PrincipalDef) -> Vec<String> {
    let host = display_name(p);
    s.principals
        .iter()
        .filter_map(|q| match q {
            PrincipalDef::Role(r) => {
                let text = r.trust_policy.text();
                (text.contains(p.arn())
                    || (matches!(p, PrincipalDef::OidcProvider(_)) && text.contains(&host)))
                .then(|| arn_name(&r.arn).to_owned())
            }
            _ => None,
        })
        .collect()
}

#[component]
pub fn Providers(props: &SelectionProps) -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let s = &store.doc.scenario;
    let selected = resolve(s, props.selected, is_provider);
    let list = principal_list(
        &store,
        &PROVIDER_GROUPS,
        "provider",
        selected,
        None,
        &props.onselect,
    );
    let detail = match selected.and_then(|i| Some((i, s.principals.get(i)?))) {
        None => empty_detail(
            "An identity provider lets people or workloads from outside AWS assume a role: GitHub Actions or another OIDC issuer with AssumeRoleWithWebIdentity, an IdP such as Okta with AssumeRoleWithSAML.",
            html! {},
        ),
        Some((i, p)) => {
            let on_arn = world_callback(&store, move |s, v: String| rename_principal(s, i, v));
            let on_audiences = world_callback(&store, move |s, v: Vec<String>| {
                if let Some(PrincipalDef::OidcProvider(o)) = s.principals.get_mut(i) {
                    o.audiences = v;
                }
            });
            let remove = world_callback(&store, move |s, ()| {
                if i < s.principals.len() {
                    s.principals.remove(i);
                }
            });
            let findings = Rc::new(
                findings_under(&store.run.result.findings, &format!("principals[{i}]"))
                    .cloned()
                    .collect::<Vec<_>>(),
            );
            let trusting = trusted_by(s, p);
            let code = |t: String| html! { <code>{ t }</code> };
            let host = display_name(p);
            let how = match p {
                PrincipalDef::OidcProvider(_) => html! {
                    <>
                        { "A role trusts it with " }{ code(format!("\"Principal\": {{\"Federated\": \"{}\"}}", p.arn())) }
                        { " and " }{ code("sts:AssumeRoleWithWebIdentity".into()) }{ ", with conditions on " }
                        { code(format!("{host}:sub")) }{ " and " }{ code(format!("{host}:aud")) }
                        { ". A timeline step calls as " }{ code(format!("{{\"webIdentity\": {{\"provider\": \"{host}\", \"claims\": {{…}}}}}}")) }{ "." }
                    </>
                },
                _ => html! {
                    <>
                        { "A role trusts it with " }{ code(format!("\"Principal\": {{\"Federated\": \"{}\"}}", p.arn())) }
                        { " and " }{ code("sts:AssumeRoleWithSAML".into()) }
                        { ". A timeline step calls as " }{ code(format!("{{\"saml\": {{\"provider\": \"{}\", \"attributes\": {{…}}}}}}", p.arn())) }{ "." }
                    </>
                },
            };
            html! {
                <>
                    { detail_header(&display_name(p), &format!("{} in {}", kind_word(p), arn_account(p.arn())), Some(("provider-remove", remove))) }
                    <div class="form-grid">
                        <TextField key={format!("arn-{i}")} id="provider-arn" label="ARN" value={p.arn().to_owned()} wide=true onchange={on_arn} />
                        if let PrincipalDef::OidcProvider(o) = p {
                            <StringList id="provider-audiences" label="Audiences (client IDs)" items={Rc::new(o.audiences.clone())}
                                onchange={on_audiences} new_item="sts.amazonaws.com" add_label="Audience"
                                hint="A token's aud claim must be one of these." />
                        }
                    </div>
                    <p class="detail-note" id="provider-how">{ how }</p>
                    <p class="detail-note" id="provider-trusted-by">
                        <span class="field-label">{ "Trusted by " }</span>
                        { if trusting.is_empty() { "no role's trust policy yet.".to_owned() } else { trusting.join(", ") } }
                    </p>
                    <ItemFindings {findings} />
                </>
            }
        }
    };
    html! {
        <WorldCard tab={Tab::Providers} question="Which outside identities can be exchanged for role sessions?" {list} {detail} />
    }
}
