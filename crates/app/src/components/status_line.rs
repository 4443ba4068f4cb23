use crate::analysis::{Analysis, RolePolicy};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StatusLineProps {
    pub policy: RolePolicy,
    pub analysis: Rc<Analysis>,
}

/// Under each editor: JSON validity or the first error with line:column, counts, and size.
#[component]
pub fn StatusLine(props: &StatusLineProps) -> Html {
    let a = &props.analysis;
    let id = props.policy.id();
    let state = if a.json_error.is_some() {
        "invalid-json"
    } else if a.errors > 0 {
        "error"
    } else {
        "valid"
    };
    let counts = a.counts().join(" · ");
    let detail = a.detail().unwrap_or_default().to_owned();
    html! {
        <div class="status" id={format!("{id}-status")} data-state={state}>
            <span class="status-headline" id={format!("{id}-status-headline")}>
                <span class="status-dot" aria-hidden="true"></span>
                { a.headline() }
            </span>
            <span class="status-detail" id={format!("{id}-status-detail")} title={detail.clone()}>{ detail }</span>
            <span class="status-counts" id={format!("{id}-status-counts")}>{ counts }</span>
            <span
                class={classes!("status-size", a.over_quota().then_some("over"))}
                id={format!("{id}-status-size")}
                title={format!("{} quota; IAM does not count white space", props.policy.quota().name)}
            >
                { a.size_label() }
            </span>
        </div>
    }
}
