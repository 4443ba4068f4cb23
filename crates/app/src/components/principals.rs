//! The Principals tab: users, groups and roles. Each one's ARN, tags, group memberships,
//! MaxSessionDuration and trust policy (roles), and its attached policies.

use crate::components::form::{
    add_button, detail_header, empty_detail, world_callback, CheckField, ItemFindings, ListGroup,
    ListItem, TagsEditor, TextField, WorldCard,
};
use crate::components::policy_field::{AttachmentEditor, PolicyField};
use crate::scenario::{arn_account, arn_name};
use crate::state::{Action, StoreHandle, Tab};
use crate::world::{
    apply, boundary, display_name, findings_under, is_identity, kind_word, members, new_policy,
    new_principal, policies, policies_mut, rename_principal, tags_mut, AttachmentChange,
    NewPrincipal,
};
use roleplay_policy::{PolicyKind, Quota};
use roleplay_sim::{PolicyDoc, PrincipalDef, RoleDef, Scenario, Tags, UserDef};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PrincipalsProps {
    pub selected: Option<usize>,
    pub onselect: Callback<usize>,
    /// Opens the Boundaries tab on this principal.
    pub open_boundary: Callback<usize>,
}

/// Applies `f` to principal `i`, if it is still there.
fn on_principal(s: &mut Scenario, i: usize, f: impl FnOnce(&mut PrincipalDef)) {
    if let Some(p) = s.principals.get_mut(i) {
        f(p);
    }
}

/// The selected index when it still points at a principal `fits`, else the first that does.
pub fn resolve(
    s: &Scenario,
    selected: Option<usize>,
    fits: fn(&PrincipalDef) -> bool,
) -> Option<usize> {
    selected
        .filter(|&i| s.principals.get(i).is_some_and(fits))
        .or_else(|| s.principals.iter().position(fits))
}

/// "+ User" and friends: append the new principal and select it.
fn add_principal(
    store: &StoreHandle,
    kind: NewPrincipal,
    onselect: &Callback<usize>,
) -> Callback<()> {
    let add = world_callback(store, move |s, ()| {
        let p = new_principal(s, kind);
        s.principals.push(p);
    });
    let (onselect, at) = (onselect.clone(), store.doc.scenario.principals.len());
    Callback::from(move |()| {
        add.emit(());
        onselect.emit(at);
    })
}

/// One group of a principal list: its heading, which principals it holds and what "+ Add" adds.
pub struct Group {
    heading: &'static str,
    fits: fn(&PrincipalDef) -> bool,
    empty: &'static str,
    kind: NewPrincipal,
    add_id: &'static str,
    add_label: &'static str,
}

const IDENTITY_GROUPS: [Group; 3] = [
    Group {
        heading: "Users",
        fits: |p| matches!(p, PrincipalDef::User(_)),
        empty: "No users yet.",
        kind: NewPrincipal::User,
        add_id: "add-user",
        add_label: "User",
    },
    Group {
        heading: "Groups",
        fits: |p| matches!(p, PrincipalDef::Group(_)),
        empty: "No groups yet.",
        kind: NewPrincipal::Group,
        add_id: "add-group",
        add_label: "Group",
    },
    Group {
        heading: "Roles",
        fits: |p| matches!(p, PrincipalDef::Role(_)),
        empty: "No roles yet.",
        kind: NewPrincipal::Role,
        add_id: "add-role",
        add_label: "Role",
    },
];

pub const PROVIDER_GROUPS: [Group; 2] = [
    Group {
        heading: "OIDC providers",
        fits: |p| matches!(p, PrincipalDef::OidcProvider(_)),
        empty: "None yet.",
        kind: NewPrincipal::Oidc,
        add_id: "add-oidc",
        add_label: "OIDC provider",
    },
    Group {
        heading: "SAML providers",
        fits: |p| matches!(p, PrincipalDef::SamlProvider(_)),
        empty: "None yet.",
        kind: NewPrincipal::Saml,
        add_id: "add-saml",
        add_label: "SAML provider",
    },
];

/// The list side of the Principals and Identity providers tabs: each group's principals (items
/// `{id_prefix}-{index}`, the focus role marked) and its "+ Add" button.
pub fn principal_list(
    store: &StoreHandle,
    groups: &[Group],
    id_prefix: &str,
    selected: Option<usize>,
    focus: Option<usize>,
    onselect: &Callback<usize>,
) -> Html {
    let s = &store.doc.scenario;
    groups
        .iter()
        .map(|g| {
            let items = s
                .principals
                .iter()
                .enumerate()
                .filter(|(_, p)| (g.fits)(p))
                .map(|(i, p)| {
                    html! {
                        <ListItem key={i} id={format!("{id_prefix}-{i}")} name={display_name(p)}
                            detail={arn_account(p.arn()).to_owned()}
                            badge={(Some(i) == focus).then_some(AttrValue::Static("focus"))}
                            selected={Some(i) == selected} onselect={onselect.reform(move |()| i)} />
                    }
                })
                .collect::<Vec<_>>();
            let empty = items.is_empty().then_some(AttrValue::Static(g.empty));
            let add = add_button(g.add_id, g.add_label, add_principal(store, g.kind, onselect));
            html! {
                <ListGroup heading={g.heading} {add} {empty}>{ for items }</ListGroup>
            }
        })
        .collect()
}

#[component]
pub fn Principals(props: &PrincipalsProps) -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let s = &store.doc.scenario;
    let selected = resolve(s, props.selected, is_identity);
    let focus = s
        .principals
        .iter()
        .position(|p| matches!(p, PrincipalDef::Role(_)));
    let list = principal_list(
        &store,
        &IDENTITY_GROUPS,
        "principal",
        selected,
        focus,
        &props.onselect,
    );
    let detail = match selected.and_then(|i| Some((i, s.principals.get(i)?))) {
        Some((i, p)) => html! {
            <PrincipalDetail key={i} index={i} principal={p.clone()} focus={Some(i) == focus}
                open_boundary={props.open_boundary.reform(move |()| i)} />
        },
        None => empty_detail(
            "No users, groups or roles yet. Add one with the buttons on the left.",
            html! {},
        ),
    };
    html! {
        <WorldCard tab={Tab::Principals} question="Who exists in this world, and what do their policies allow?" {list} {detail} />
    }
}

#[derive(Properties, PartialEq)]
struct PrincipalDetailProps {
    index: usize,
    principal: PrincipalDef,
    focus: bool,
    open_boundary: Callback<()>,
}

#[component]
fn PrincipalDetail(props: &PrincipalDetailProps) -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let i = props.index;
    let p = &props.principal;
    let account = arn_account(p.arn()).to_owned();
    let remove = world_callback(&store, move |s, ()| {
        if i < s.principals.len() {
            s.principals.remove(i);
        }
    });
    let on_arn = world_callback(&store, move |s, v: String| rename_principal(s, i, v));
    let on_tags = world_callback(&store, move |s, tags: Tags| {
        on_principal(s, i, |p| {
            if let Some(t) = tags_mut(p) {
                *t = tags;
            }
        })
    });
    let sub = if props.focus {
        format!("role in {account} · the focus role: its trust policy and first policy are also the main editors")
    } else {
        format!("{} in {account}", kind_word(p))
    };

    // Type-specific fields.
    let specific = match p {
        PrincipalDef::User(u) => user_fields(&store, i, u, on_tags),
        PrincipalDef::Group(g) => {
            let names = members(&store.doc.scenario, &g.arn);
            html! {
                <p class="field field-wide detail-note" id="group-members">
                    <span class="field-label">{ "Members" }</span>
                    <span>{ if names.is_empty() { "No user is in this group yet (tick it on a user).".to_owned() } else { names.join(", ") } }</span>
                </p>
            }
        }
        PrincipalDef::Role(r) => role_fields(&store, i, r, on_tags),
        _ => html! {},
    };
    let trust = match p {
        PrincipalDef::Role(r) => trust_section(&store, i, r),
        _ => html! {},
    };
    let boundary_row = matches!(p, PrincipalDef::User(_) | PrincipalDef::Role(_))
        .then(|| boundary_line(p, &props.open_boundary));
    let count = policies(p).len();
    let findings = Rc::new(
        findings_under(&store.run.result.findings, &format!("principals[{i}]"))
            .cloned()
            .collect::<Vec<_>>(),
    );
    let dispatcher = store.dispatcher();
    let to_main =
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Tab(Tab::Policies)));
    html! {
        <>
            { detail_header(&display_name(p), &sub, Some(("principal-remove", remove))) }
            <div class="form-grid">
                <TextField id="principal-arn" label="ARN" value={p.arn().to_owned()} wide=true onchange={on_arn}
                    hint="Renaming also renames the steps and memberships that refer to it." />
                { specific }
                { for boundary_row }
            </div>
            { trust }
            <section class="detail-section" aria-labelledby="principal-policies-heading">
                <div class="section-row">
                    <h4 class="section-title" id="principal-policies-heading">
                        { format!("Identity-based policies ({count})") }
                    </h4>
                    if props.focus {
                        <button type="button" class="link-button small" onclick={to_main}>{ "Open the main editors" }</button>
                    }
                </div>
                if count == 0 {
                    <p class="muted small">{ "No policies: this principal may do nothing on its own." }</p>
                }
                { attached_policies(&store, i, p, &account) }
            </section>
            <ItemFindings {findings} />
        </>
    }
}

/// A principal's field edited through `f` (the field's text as typed).
fn principal_edit(
    store: &StoreHandle,
    i: usize,
    f: fn(&mut PrincipalDef, String),
) -> Callback<String> {
    world_callback(store, move |s, v: String| on_principal(s, i, |p| f(p, v)))
}

/// A user's group memberships (every group of the world, and any it names that is not defined)
/// and tags.
fn user_fields(store: &StoreHandle, i: usize, u: &UserDef, on_tags: Callback<Tags>) -> Html {
    let groups: Vec<String> = store
        .doc
        .scenario
        .principals
        .iter()
        .filter_map(|q| match q {
            PrincipalDef::Group(g) => Some(g.arn.clone()),
            _ => None,
        })
        .chain(u.groups.iter().cloned())
        .fold(Vec::new(), |mut all, g| {
            if !all.contains(&g) {
                all.push(g);
            }
            all
        });
    let boxes = groups
        .iter()
        .enumerate()
        .map(|(k, g)| {
            let member = u.groups.contains(g);
            let defined = store.doc.scenario.principals.iter().any(|q| q.arn() == g);
            let g2 = g.clone();
            let toggle = world_callback(store, move |s, on: bool| {
                on_principal(s, i, |p| {
                    if let PrincipalDef::User(u) = p {
                        u.groups.retain(|x| *x != g2);
                        if on {
                            u.groups.push(g2.clone());
                        }
                    }
                })
            });
            html! {
                <CheckField id={format!("principal-group-{k}")} label={arn_name(g).to_owned()} checked={member}
                    detail={(!defined).then_some(AttrValue::Static("not defined in this world"))} onchange={toggle} />
            }
        })
        .collect::<Html>();
    html! {
        <>
            <div class="field field-wide" role="group" aria-labelledby="principal-groups-label">
                <span class="field-label" id="principal-groups-label">{ "Groups" }</span>
                if groups.is_empty() {
                    <span class="field-hint">{ "No groups in this world yet: add one under Groups." }</span>
                } else {
                    <div class="checks">{ boxes }</div>
                }
            </div>
            <TagsEditor id="principal-tags" tags={u.tags.clone()} onchange={on_tags} />
        </>
    }
}

/// A role's MaxSessionDuration, service-linked flag and tags.
fn role_fields(store: &StoreHandle, i: usize, r: &RoleDef, on_tags: Callback<Tags>) -> Html {
    let on_max = principal_edit(store, i, |p, v| {
        if let PrincipalDef::Role(r) = p {
            r.max_session_duration = v.trim().parse().ok();
        }
    });
    let on_linked = world_callback(store, move |s, on: bool| {
        on_principal(s, i, |p| {
            if let PrincipalDef::Role(r) = p {
                r.service_linked = on.then_some(true);
            }
        })
    });
    html! {
        <>
            <TextField id="role-max-session" label="MaxSessionDuration (seconds)" input_type="number"
                value={r.max_session_duration.map(|m| m.to_string()).unwrap_or_default()}
                placeholder="3600 (default)" hint="3,600–43,200 (1–12 hours)" onchange={on_max} />
            <div class="field">
                <span class="field-label">{ "Service-linked" }</span>
                <CheckField id="role-service-linked" label="Service-linked role" checked={r.service_linked == Some(true)}
                    detail="not subject to SCPs" onchange={on_linked} />
            </div>
            <TagsEditor id="principal-tags" tags={r.tags.clone()} onchange={on_tags} />
        </>
    }
}

/// A role's trust policy.
fn trust_section(store: &StoreHandle, i: usize, r: &RoleDef) -> Html {
    let on_trust = principal_edit(store, i, |p, v| {
        if let PrincipalDef::Role(r) = p {
            r.trust_policy = PolicyDoc::Text(v);
        }
    });
    html! {
        <section class="detail-section">
            <PolicyField id="principal-trust" label="Trust policy" text={r.trust_policy.text()}
                kind={PolicyKind::Trust} quota={Some(Quota::TRUST)} onchange={on_trust}>
                <h4 class="policy-field-title">{ "Trust policy" }</h4>
                <span class="policy-field-question">{ "Who can assume this role?" }</span>
            </PolicyField>
        </section>
    }
}

/// The permissions boundary lives in its own tab; say what is set and link there.
fn boundary_line(p: &PrincipalDef, open_boundary: &Callback<()>) -> Html {
    let (text, button) = match boundary(p) {
        Some(b) => (
            format!("{} caps what the policies below can grant.", b.name),
            "Edit in Boundaries",
        ),
        None => (
            "None: the policies below are not capped.".to_owned(),
            "Set in Boundaries",
        ),
    };
    html! {
        <div class="field field-wide boundary-row">
            <span class="field-label">{ "Permissions boundary" }</span>
            <div class="boundary-line">
                <span id="principal-boundary">{ text }</span>
                <button type="button" class="button button-small" id="principal-open-boundary"
                    onclick={open_boundary.reform(|_: MouseEvent| ())}>{ button }</button>
            </div>
        </div>
    }
}

/// The principal's identity-based policies, each editable and removable, and "+ Policy".
fn attached_policies(store: &StoreHandle, i: usize, p: &PrincipalDef, account: &str) -> Html {
    let inline_quota = match p {
        PrincipalDef::User(_) => Quota::USER_INLINE,
        PrincipalDef::Group(_) => Quota::GROUP_INLINE,
        _ => Quota::ROLE_INLINE,
    };
    let attached = policies(p)
        .iter()
        .enumerate()
        .map(|(j, a)| {
            let change = world_callback(store, move |s, c: AttachmentChange| {
                on_principal(s, i, |p| {
                    if let Some(a) = policies_mut(p).and_then(|l| l.get_mut(j)) {
                        apply(a, c);
                    }
                })
            });
            let remove = world_callback(store, move |s, ()| {
                on_principal(s, i, |p| {
                    if let Some(list) = policies_mut(p) {
                        if j < list.len() {
                            list.remove(j);
                        }
                    }
                })
            });
            html! {
                <AttachmentEditor key={j} id={format!("principal-policy-{j}")} attachment={a.clone()}
                    kind={PolicyKind::Identity} {inline_quota} account={account.to_owned()}
                    onchange={change} onremove={remove} />
            }
        })
        .collect::<Html>();
    let add_policy = world_callback(store, move |s, ()| {
        on_principal(s, i, |p| {
            let a = new_policy(p);
            if let Some(list) = policies_mut(p) {
                list.push(a);
            }
        })
    });
    html! {
        <>
            { attached }
            { add_button("principal-add-policy", "Policy", add_policy) }
        </>
    }
}
