//! The Session policies tab: the `Policy` and `PolicyArns` an AssumeRole call passes (or an inline
//! session of a step's caller carries). They live on the step; this tab lists the steps that have
//! them so they can be written like any other policy.

use crate::components::form::{
    detail_header, empty_detail, world_callback, ItemFindings, ListGroup, ListItem, SelectionProps,
    StringList, WorldCard,
};
use crate::components::policy_field::PolicyField;
use crate::scenario::arn_name;
use crate::state::{Action, StoreHandle, Tab};
use crate::world::{
    findings_under, managed_arns, new_session_policy, session_policy, session_policy_arns,
    session_steps, set_session_policy, set_session_policy_arns, SessionSlot,
};
use roleplay_policy::{PolicyKind, Quota};
use roleplay_sim::{CallerDef, Step};
use std::rc::Rc;
use yew::prelude::*;

/// "sts:AssumeRole → Deploy" or "inline session of Deploy".
fn step_call(st: &Step, slot: SessionSlot) -> String {
    match slot {
        SessionSlot::Params => {
            let action = st.action.as_deref().unwrap_or("sts:AssumeRole");
            match st.params.as_ref().and_then(|p| p.role_arn.as_deref()) {
                Some(role) => format!("{action} → {}", arn_name(role)),
                None => action.to_owned(),
            }
        }
        SessionSlot::Caller => match &st.caller {
            Some(CallerDef::Object(o)) => o.session.as_ref().map_or_else(String::new, |x| {
                format!("existing session of {}", arn_name(&x.role))
            }),
            _ => String::new(),
        },
    }
}

#[component]
pub fn Sessions(props: &SelectionProps) -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let s = &store.doc.scenario;
    let targets = session_steps(s);
    let current = props
        .selected
        .and_then(|i| targets.iter().find(|(j, _)| *j == i))
        .or_else(|| targets.first())
        .copied();
    let items = targets
        .iter()
        .filter_map(|&(i, slot)| {
            let st = s.steps.get(i)?;
            let has = session_policy(st, slot).is_some() || !session_policy_arns(st, slot).is_empty();
            Some(html! {
                <ListItem key={i} id={format!("session-step-{i}")} name={format!("Step {}", i + 1)}
                    detail={step_call(st, slot)} badge={has.then_some(AttrValue::Static("scoped"))}
                    selected={current.is_some_and(|(c, _)| c == i)} onselect={props.onselect.reform(move |()| i)} />
            })
        })
        .collect::<Vec<_>>();
    let empty = items
        .is_empty()
        .then_some(AttrValue::Static("No AssumeRole steps yet."));
    let list = html! { <ListGroup heading="AssumeRole steps" {empty}>{ for items }</ListGroup> };

    let detail = match current.and_then(|(i, slot)| Some((i, slot, s.steps.get(i)?))) {
        None => {
            let dispatcher = store.dispatcher();
            let add = Callback::from(move |_: MouseEvent| {
                dispatcher.dispatch(Action::Tab(Tab::Policies))
            });
            empty_detail(
                "A session policy is a parameter of an AssumeRole call (Policy, PolicyArns). Add an sts:AssumeRole step to the timeline, then scope its session here.",
                html! { <button type="button" class="button" onclick={add}>{ "Go to the timeline" }</button> },
            )
        }
        Some((i, slot, st)) => {
            let set_text = world_callback(&store, move |s, text: Option<String>| {
                if let Some(st) = s.steps.get_mut(i) {
                    set_session_policy(st, slot, text);
                }
            });
            let set_arns = world_callback(&store, move |s, arns: Vec<String>| {
                if let Some(st) = s.steps.get_mut(i) {
                    set_session_policy_arns(st, slot, arns);
                }
            });
            let path = match slot {
                SessionSlot::Params => format!("steps[{i}].params"),
                SessionSlot::Caller => format!("steps[{i}].as"),
            };
            let findings = Rc::new(
                findings_under(&store.run.result.findings, &path)
                    .cloned()
                    .collect::<Vec<_>>(),
            );
            let arns = Rc::new(session_policy_arns(st, slot));
            let managed = managed_arns(s);
            let new_arn = managed.first().cloned().unwrap_or_else(|| {
                format!(
                    "arn:aws:iam::{}:policy/SessionScope",
                    crate::world::home_account(s)
                )
            });
            let known = managed
                .into_iter()
                .map(|a| html! { <option value={a} /> })
                .collect::<Html>();
            let (param, param_arns) = match slot {
                SessionSlot::Params => ("Policy", "PolicyArns"),
                SessionSlot::Caller => ("policy", "policyArns"),
            };
            html! {
                <>
                    { detail_header(&format!("Step {}", i + 1), &step_call(st, slot), None) }
                    <p class="detail-note">
                        { "A session policy can only narrow the session: what it may do is what the role's policies allow " }
                        <em>{ "and" }</em>
                        { " the session policies allow. It never grants more than the role has." }
                    </p>
                    <section class="detail-section" aria-labelledby="session-policy-heading">
                        if let Some(doc) = session_policy(st, slot) {
                            <PolicyField id="session-policy" label="Session policy" text={doc.text()} kind={PolicyKind::Session}
                                quota={Some(Quota::SESSION)} onchange={set_text.reform(Some)}>
                                <h4 class="policy-field-title" id="session-policy-heading">{ format!("Inline session policy ({param})") }</h4>
                                <button type="button" class="button button-small button-danger" id="session-policy-remove"
                                    onclick={set_text.reform(|_: MouseEvent| None)}>{ "Remove" }</button>
                            </PolicyField>
                        } else {
                            <h4 class="section-title" id="session-policy-heading">{ format!("Inline session policy ({param})") }</h4>
                            <p class="muted small">{ "None: the session may do all the role's policies allow." }</p>
                            <button type="button" class="button button-small button-quiet" id="session-policy-add"
                                onclick={set_text.reform(|_: MouseEvent| Some(new_session_policy()))}>{ "+ Session policy" }</button>
                        }
                    </section>
                    <section class="detail-section">
                        <datalist id="managed-policy-arns">{ known }</datalist>
                        <StringList id="session-arns" label={format!("Managed session policies ({param_arns})")} items={arns}
                            onchange={set_arns} new_item={new_arn} add_label="Policy ARN"
                            hint="Each must name a managed policy of this world (a policy with an ARN on some principal)."
                            list="managed-policy-arns" />
                    </section>
                    <ItemFindings {findings} />
                </>
            }
        }
    };
    html! {
        <WorldCard tab={Tab::Sessions} question="What may a session do at most, whatever its role allows?" {list} {detail} />
    }
}
