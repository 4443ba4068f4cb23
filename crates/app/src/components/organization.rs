//! The SCPs / RCPs tab: the organization (its id, management account, member accounts and their
//! OU paths, drawn as the tree from the root with what is attached where) and each SCP and RCP
//! with its targets and document.

use crate::components::form::{
    add_button, detail_header, empty_detail, world_callback, CheckField, ItemFindings, ListGroup,
    ListItem, TextField, WorldCard,
};
use crate::components::policy_field::PolicyField;
use crate::state::{StoreHandle, Tab};
use crate::world::{
    add_member, findings_under, new_member_account, new_org_policy, new_organization, set_ou_path,
    targets, tree, OrgKind,
};
use roleplay_policy::{PolicyKind, Quota};
use roleplay_sim::{Organization, PolicyDoc, Scenario};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What the tab has selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrgSelection {
    #[default]
    Settings,
    Policy(OrgKind, usize),
}

#[derive(Properties, PartialEq)]
pub struct OrganizationProps {
    pub selected: OrgSelection,
    pub onselect: Callback<OrgSelection>,
}

fn on_org(s: &mut Scenario, f: impl FnOnce(&mut Organization)) {
    if let Some(o) = s.organization.as_mut() {
        f(o);
    }
}

#[component]
pub fn OrganizationTab(props: &OrganizationProps) -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let Some(org) = store.doc.scenario.organization.clone() else {
        let create = world_callback(&store, |s, ()| {
            let org = new_organization(s);
            s.organization = Some(org);
        });
        let detail = empty_detail(
            "No organization: no SCP or RCP applies to any request. Create one to put the accounts of this world under a root, with AWS's default FullAWSAccess SCP attached.",
            html! {
                <button type="button" class="button button-primary" id="org-create"
                    onclick={create.reform(|_: MouseEvent| ())}>{ "Create an organization" }</button>
            },
        );
        let list =
            html! { <ListGroup heading="Organization" empty={AttrValue::Static("None.")} /> };
        return html! {
            <WorldCard tab={Tab::Organization} question="Which guard-rails does AWS Organizations put around the accounts?" {list} {detail} />
        };
    };
    // A selected policy that no longer exists falls back to the settings.
    let selected = match props.selected {
        OrgSelection::Policy(kind, i) if i < kind.list(&org).len() => props.selected,
        _ => OrgSelection::Settings,
    };
    let group = |kind: OrgKind, heading: &'static str, add_id: &'static str| {
        let items = kind
            .list(&org)
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let sel = OrgSelection::Policy(kind, i);
                html! {
                    <ListItem key={i} id={format!("{}-{i}", kind.word().to_ascii_lowercase())} name={p.name.clone()}
                        detail={p.targets.join(", ")} selected={selected == sel}
                        onselect={props.onselect.reform(move |()| sel)} />
                }
            })
            .collect::<Vec<_>>();
        let count = items.len();
        let add = world_callback(&store, move |s, ()| {
            on_org(s, |o| {
                let p = new_org_policy(o, kind);
                kind.list_mut(o).push(p);
            })
        });
        let onselect = props.onselect.clone();
        let add = Callback::from(move |()| {
            add.emit(());
            onselect.emit(OrgSelection::Policy(kind, count));
        });
        let empty = items
            .is_empty()
            .then(|| AttrValue::from(format!("No {}s.", kind.word())));
        html! {
            <ListGroup heading={heading} add={add_button(add_id, kind.word(), add)} {empty}>{ for items }</ListGroup>
        }
    };
    let list = html! {
        <>
            <ListGroup heading="Organization">
                <ListItem id="org-settings" name={org.id.clone()} detail={match org.accounts.len() { 1 => "1 member account".to_owned(), n => format!("{n} member accounts") }}
                    selected={selected == OrgSelection::Settings} onselect={props.onselect.reform(|()| OrgSelection::Settings)} />
            </ListGroup>
            { group(OrgKind::Scp, "Service control policies", "add-scp") }
            { group(OrgKind::Rcp, "Resource control policies", "add-rcp") }
        </>
    };
    let detail = match selected {
        OrgSelection::Settings => html! { <Settings org={org.clone()} /> },
        OrgSelection::Policy(kind, i) => html! {
            <OrgPolicyDetail key={format!("{}-{i}", kind.word())} org={org.clone()} {kind} index={i} />
        },
    };
    html! {
        <WorldCard tab={Tab::Organization} question="Which guard-rails does AWS Organizations put around the accounts?" {list} {detail} />
    }
}

#[derive(Properties, PartialEq)]
struct OrgProps {
    org: Organization,
}

#[component]
fn Settings(props: &OrgProps) -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let org = &props.org;
    let on_id = world_callback(&store, |s, v: String| on_org(s, |o| o.id = v));
    let on_management = world_callback(&store, |s, v: String| {
        on_org(s, |o| o.management_account = v)
    });
    let remove = world_callback(&store, |s, ()| s.organization = None);
    let add_account = world_callback(&store, |s, ()| {
        let account = s.organization.as_ref().map(|o| new_member_account(s, o));
        if let Some(a) = account {
            on_org(s, |o| add_member(o, a));
        }
    });
    let rows = org
        .accounts
        .iter()
        .enumerate()
        .map(|(k, (account, path))| {
            let rename = {
                let account = account.clone();
                world_callback(&store, move |s, new: String| {
                    let new = new.trim().to_owned();
                    on_org(s, |o| {
                        if new.is_empty() || o.accounts.contains_key(&new) {
                            return;
                        }
                        if let Some(path) = o.accounts.remove(&account) {
                            o.accounts.insert(new.clone(), path);
                        }
                        for p in o.scps.iter_mut().chain(o.rcps.iter_mut()) {
                            p.targets.iter_mut().filter(|t| **t == account).for_each(|t| t.clone_from(&new));
                        }
                    })
                })
            };
            let set_path = {
                let account = account.clone();
                world_callback(&store, move |s, text: String| {
                    on_org(s, |o| set_ou_path(o, &account, &text))
                })
            };
            let remove = {
                let account = account.clone();
                world_callback(&store, move |s, ()| {
                    on_org(s, |o| {
                        o.accounts.remove(&account);
                    })
                })
            };
            let value = |e: Event| e.target_unchecked_into::<HtmlInputElement>().value();
            html! {
                <div class="account-row" key={account.clone()}>
                    <input class="input mono" id={format!("org-account-{k}")} aria-label="Account ID" value={account.clone()}
                        onchange={rename.reform(value)} spellcheck="false" autocomplete="off" inputmode="numeric" />
                    <input class="input mono" id={format!("org-account-{k}-path")} aria-label={format!("OU path of {account}, outermost first")}
                        value={path.join(" / ")} placeholder="directly under the root" onchange={set_path.reform(value)} spellcheck="false" autocomplete="off" />
                    <button type="button" class="icon-button" aria-label={format!("Remove account {account}")} title="Remove"
                        onclick={remove.reform(|_: MouseEvent| ())}>{ "×" }</button>
                </div>
            }
        })
        .collect::<Html>();
    let tree_rows = tree(org)
        .into_iter()
        .map(|row| {
            let label = match row.kind {
                "root" => "Root".to_owned(),
                _ => row.target.clone(),
            };
            html! {
                <li class={classes!("tree-row", format!("tree-{}", row.kind.to_ascii_lowercase()))} style={format!("--depth: {}", row.depth)}>
                    <span class="tree-name mono">{ label }</span>
                    if row.kind != "root" {
                        <span class="tree-kind">{ row.kind }</span>
                    }
                    if row.target == org.management_account {
                        <span class="tag">{ "management" }</span>
                    }
                    <span class="tree-policies">
                        { for row.policies.iter().map(|p| html! { <span class="tag tag-step">{ p.clone() }</span> }) }
                    </span>
                </li>
            }
        })
        .collect::<Html>();
    let findings = Rc::new(
        findings_under(&store.run.result.findings, "organization")
            .cloned()
            .collect::<Vec<_>>(),
    );
    html! {
        <>
            { detail_header("Organization", "AWS Organizations", Some(("org-remove", remove))) }
            <div class="form-grid">
                <TextField id="org-id" label="Organization ID" value={org.id.clone()} onchange={on_id} placeholder="o-a1b2c3d4e5" />
                <TextField id="org-management" label="Management account" value={org.management_account.clone()}
                    onchange={on_management} hint="Not subject to SCPs or RCPs." />
            </div>
            <section class="detail-section" aria-labelledby="org-accounts-heading">
                <h4 class="section-title" id="org-accounts-heading">{ "Member accounts and their OU path (outermost first)" }</h4>
                <div class="account-rows">{ rows }</div>
                { add_button("add-account", "Account", add_account) }
            </section>
            <section class="detail-section" aria-labelledby="org-tree-heading">
                <h4 class="section-title" id="org-tree-heading">{ "From the root down, with what is attached" }</h4>
                <ul class="org-tree" id="org-tree">{ tree_rows }</ul>
                <p class="muted small">{ "A request from a member account must be allowed by the SCPs at every level from the root to the account; RCPs apply the same way to resources in member accounts. As in AWS, a new account or OU gets FullAWSAccess." }</p>
            </section>
            <ItemFindings {findings} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct OrgPolicyProps {
    org: Organization,
    kind: OrgKind,
    index: usize,
}

#[component]
fn OrgPolicyDetail(props: &OrgPolicyProps) -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let (kind, i) = (props.kind, props.index);
    let Some(policy) = kind.list(&props.org).get(i).cloned() else {
        return html! {};
    };
    let edit = |f: fn(&mut roleplay_sim::OrgPolicy, String)| {
        world_callback(&store, move |s, v: String| {
            on_org(s, |o| {
                if let Some(p) = kind.list_mut(o).get_mut(i) {
                    f(p, v);
                }
            })
        })
    };
    let on_name = edit(|p, v| p.name = v);
    let on_doc = edit(|p, v| p.document = PolicyDoc::Text(v));
    let remove = world_callback(&store, move |s, ()| {
        on_org(s, |o| {
            let list = kind.list_mut(o);
            if i < list.len() {
                list.remove(i);
            }
        })
    });
    let mut choices = targets(&props.org);
    for t in &policy.targets {
        if !choices.iter().any(|(c, _)| c == t) {
            choices.push((t.clone(), "not in the organization"));
        }
    }
    let boxes = choices
        .into_iter()
        .enumerate()
        .map(|(k, (target, what))| {
            let checked = policy.targets.contains(&target);
            let label = if target == "root" { "Root".to_owned() } else { target.clone() };
            let toggle = world_callback(&store, move |s, on: bool| {
                on_org(s, |o| {
                    if let Some(p) = kind.list_mut(o).get_mut(i) {
                        p.targets.retain(|t| *t != target);
                        if on {
                            p.targets.push(target.clone());
                        }
                    }
                })
            });
            html! {
                <CheckField id={format!("org-target-{k}")} {label} {checked} detail={AttrValue::Static(what)} onchange={toggle} />
            }
        })
        .collect::<Html>();
    let (doc_kind, word) = match kind {
        OrgKind::Scp => (PolicyKind::ServiceControl, "service control policy"),
        OrgKind::Rcp => (PolicyKind::ResourceControl, "resource control policy"),
    };
    let path = format!("organization.{}s[{i}]", kind.word().to_ascii_lowercase());
    let findings = Rc::new(
        findings_under(&store.run.result.findings, &path)
            .cloned()
            .collect::<Vec<_>>(),
    );
    let note = match kind {
        OrgKind::Scp => "An SCP sets the most that principals in the member accounts below its targets may do. It grants nothing: an identity or resource policy must still allow.",
        OrgKind::Rcp => "An RCP sets the most that anyone may do with resources in the member accounts below its targets, whoever calls. It grants nothing.",
    };
    html! {
        <>
            { detail_header(&policy.name, word, Some(("org-policy-remove", remove))) }
            <p class="detail-note">{ note }</p>
            <div class="form-grid">
                <TextField id="org-policy-name" label="Name" value={policy.name.clone()} onchange={on_name} />
                <div class="field field-wide" role="group" aria-labelledby="org-targets-label">
                    <span class="field-label" id="org-targets-label">{ "Attached to" }</span>
                    <div class="checks">{ boxes }</div>
                </div>
            </div>
            <PolicyField id="org-policy" label={format!("{} document", policy.name)} text={policy.document.text()}
                kind={doc_kind} quota={Some(Quota::ORGANIZATIONS)} onchange={on_doc}>
                <h4 class="policy-field-title">{ "Document" }</h4>
            </PolicyField>
            <ItemFindings {findings} />
        </>
    }
}
