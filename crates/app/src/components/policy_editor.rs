use crate::analysis::RolePolicy;
use crate::components::{CodeArea, FixPreview, StatusLine};
use crate::highlight::{deciding, previewed, Decoration};
use crate::monaco::use_monaco_editor;
use crate::scenario::{arn_name, focus_role};
use crate::state::{Action, StoreHandle};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PolicyEditorProps {
    pub policy: RolePolicy,
}

/// One policy editor card: a styled textarea with a line-number gutter, replaced in place by
/// Monaco once it has loaded (never on phones), and the Rust-computed status line under it.
#[component]
pub fn PolicyEditor(props: &PolicyEditorProps) -> Html {
    let policy = props.policy;
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let textarea = use_node_ref();
    let monaco_host = use_node_ref();
    let selected = store
        .run
        .selected
        .and_then(|i| store.run.result.steps.get(i));
    // A fix the user points at comes first: the editor scrolls to what it would change.
    let preview = use_context::<FixPreview>().and_then(|p| (*p).clone());
    let mut lit = preview
        .map(|changes| previewed(&store.doc.scenario, policy, &changes))
        .unwrap_or_default();
    lit.extend(deciding(&store.doc.scenario, selected, policy));
    let decorations: Rc<[Decoration]> = lit.into();
    let monaco_live = use_monaco_editor(
        policy,
        monaco_host.clone(),
        textarea.clone(),
        store.clone(),
        Rc::clone(&decorations),
    );
    let role = focus_role(&store.doc.scenario);
    let (name, detail) = match (policy, role) {
        (_, None) => (
            "No role".to_owned(),
            "add a role in the Principals tab".to_owned(),
        ),
        (RolePolicy::Trust, Some(r)) => (arn_name(&r.arn).to_owned(), r.arn.clone()),
        (RolePolicy::Permissions, Some(r)) => match r.policies.first() {
            Some(p) => (
                p.name.clone(),
                if p.is_inline() {
                    "inline".into()
                } else {
                    p.arn.clone().unwrap_or_default()
                },
            ),
            None => (
                "No policy yet".to_owned(),
                "typing here adds one".to_owned(),
            ),
        },
    };

    let current = store.doc.policy(policy).clone();
    // A role without a permissions policy (a get-role import) is not an error to fix: say so.
    let absent = policy == RolePolicy::Permissions
        && current.text.is_empty()
        && role.is_some_and(|r| r.policies.is_empty());
    let oninput = {
        let dispatcher = store.dispatcher();
        Callback::from(move |text: String| {
            dispatcher.dispatch(Action::Edit(policy, AttrValue::from(text)));
        })
    };

    let id = policy.id();
    html! {
        <section class="card editor-card" id={format!("{id}-panel")} aria-labelledby={format!("{id}-heading")}>
            <header class="card-header">
                <h2 class="card-title" id={format!("{id}-heading")}>{ policy.title() }</h2>
                <p class="card-subject" title={detail.clone()}>
                    <span class="subject-name">{ name }</span>
                    <span class="subject-detail">{ detail }</span>
                </p>
                <p class="card-question">{ policy.question() }</p>
            </header>
            <div class={classes!("editor-body", monaco_live.then_some("monaco-live"))} id={format!("{id}-editor")}>
                <CodeArea
                    id={format!("{id}-textarea")}
                    label={format!("{} (JSON)", policy.title())}
                    describedby={format!("{id}-status")}
                    text={current.text.clone()}
                    {oninput}
                    textarea_ref={textarea}
                    inert={monaco_live}
                />
                <div class="monaco-host" ref={monaco_host} id={format!("{id}-monaco")}></div>
            </div>
            if absent {
                <div class="status" id={format!("{id}-status")} data-state="absent">
                    <span class="status-headline" id={format!("{id}-status-headline")}>
                        <span class="status-dot" aria-hidden="true"></span>
                        { "No permissions policy imported yet" }
                    </span>
                    <span class="status-detail" id={format!("{id}-status-detail")}>
                        { "Type one here, or import aws iam get-role-policy output: it is added to this role." }
                    </span>
                </div>
            } else {
                <StatusLine id={id} quota={Some(policy.quota())} analysis={current.analysis.clone()} />
            }
            <div class="editor-foot">
            <p class="decided-note" id={format!("{id}-decided")} aria-live="polite">
                {
                    if decorations.is_empty() {
                        let hint = if selected.is_some() {
                            "No statement in this policy decided the selected step."
                        } else {
                            "Select a step to see the statement that decided it."
                        };
                        html! { <span class="decided-hint">{ hint }</span> }
                    } else {
                        decorations
                            .iter()
                            .map(|d| html! {
                                <span class={classes!("decided", format!("decided-{}", d.kind))}>{ d.note() }</span>
                            })
                            .collect::<Html>()
                    }
                }
            </p>
            // Tab indents in Monaco; this is the way out (WAI-ARIA's practice for code editors).
            if monaco_live {
                <p class="keys-hint" id={format!("{id}-keys")}>
                    <kbd>{ "Esc" }</kbd>{ " then " }<kbd>{ "Tab" }</kbd>{ " to leave" }
                </p>
            }
            </div>
        </section>
    }
}
