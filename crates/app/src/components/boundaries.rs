//! The Boundaries tab: the permissions boundary of each user and role — set, edited, removed.

use crate::components::form::{
    detail_header, empty_detail, world_callback, ItemFindings, ListGroup, ListItem, SelectionProps,
    WorldCard,
};
use crate::components::policy_field::AttachmentEditor;
use crate::components::principals::resolve;
use crate::scenario::arn_account;
use crate::state::{StoreHandle, Tab};
use crate::world::{
    apply, boundary, boundary_mut, findings_under, kind_word, new_boundary, takes_boundary,
    AttachmentChange,
};
use roleplay_policy::{PolicyKind, Quota};
use std::rc::Rc;
use yew::prelude::*;

#[component]
pub fn Boundaries(props: &SelectionProps) -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let s = &store.doc.scenario;
    let selected = resolve(s, props.selected, takes_boundary);
    let items = s
        .principals
        .iter()
        .enumerate()
        .filter(|(_, p)| takes_boundary(p))
        .map(|(i, p)| {
            let detail = match boundary(p) {
                Some(b) => format!("{} · {}", kind_word(p), b.name),
                None => format!("{} · no boundary", kind_word(p)),
            };
            html! {
                <ListItem key={i} id={format!("boundary-{i}")} name={crate::world::display_name(p)} {detail}
                    selected={Some(i) == selected} onselect={props.onselect.reform(move |()| i)} />
            }
        })
        .collect::<Vec<_>>();
    let empty = items.is_empty().then_some(AttrValue::Static(
        "No users or roles yet: add them in Principals.",
    ));
    let list = html! { <ListGroup heading="Users and roles" {empty}>{ for items }</ListGroup> };

    let detail = match selected.and_then(|i| Some((i, s.principals.get(i)?))) {
        None => empty_detail("A permissions boundary is set on a user or a role. Add one in the Principals tab first.", html! {}),
        Some((i, p)) => {
            let set = |on: bool| {
                world_callback(&store, move |s, ()| {
                    if let Some(slot) = s.principals.get_mut(i).and_then(boundary_mut) {
                        *slot = on.then(new_boundary);
                    }
                })
            };
            let change = world_callback(&store, move |s, c: AttachmentChange| {
                if let Some(Some(b)) = s.principals.get_mut(i).and_then(boundary_mut) {
                    apply(b, c);
                }
            });
            let findings = Rc::new(
                findings_under(&store.run.result.findings, &format!("principals[{i}].permissionsBoundary"))
                    .cloned()
                    .collect::<Vec<_>>(),
            );
            let account = arn_account(p.arn()).to_owned();
            html! {
                <>
                    { detail_header(&crate::world::display_name(p), &format!("{} in {account}", kind_word(p)), None) }
                    <p class="detail-note">
                        { "A boundary caps what the identity-based policies can grant: an action is allowed only if a policy allows it " }
                        <em>{ "and" }</em>
                        { " the boundary allows it. It grants nothing by itself, and it does not limit resource-based policies that name this principal directly." }
                    </p>
                    if let Some(b) = boundary(p) {
                        <AttachmentEditor key={i} id="boundary" attachment={b.clone()} kind={PolicyKind::PermissionsBoundary}
                            inline_quota={Quota::MANAGED} {account} onchange={change} onremove={set(false)}
                            remove_label="Remove boundary" />
                    } else {
                        <div class="world-empty">
                            <p>{ "No permissions boundary: the identity-based policies alone decide." }</p>
                            <button type="button" class="button button-primary" id="boundary-add"
                                onclick={set(true).reform(|_: MouseEvent| ())}>{ "Set a permissions boundary" }</button>
                        </div>
                    }
                    <ItemFindings {findings} />
                </>
            }
        }
    };
    html! {
        <WorldCard tab={Tab::Boundaries} question="What is the most the policies of a user or role may grant?" {list} {detail} />
    }
}
