//! The editors card's tab bar: the two main editors, the world tabs and the Scenario JSON, as an
//! ARIA tablist with a roving tabindex (arrows, Home and End move and select).

use crate::state::{Action, StoreHandle, Tab};
use web_sys::KeyboardEvent;
use yew::prelude::*;

impl Tab {
    pub const ALL: [Tab; 10] = [
        Tab::Policies,
        Tab::Principals,
        Tab::Boundaries,
        Tab::Sessions,
        Tab::Organization,
        Tab::Resources,
        Tab::Providers,
        Tab::Access,
        Tab::Graph,
        Tab::Json,
    ];

    /// The tab button's DOM id.
    pub fn id(self) -> &'static str {
        match self {
            Tab::Policies => "tab-policies",
            Tab::Principals => "tab-principals",
            Tab::Boundaries => "tab-boundaries",
            Tab::Sessions => "tab-sessions",
            Tab::Organization => "tab-organization",
            Tab::Resources => "tab-resources",
            Tab::Providers => "tab-providers",
            Tab::Json => "tab-json",
            Tab::Access => "tab-access",
            Tab::Graph => "tab-graph",
        }
    }

    /// The DOM id of the panel the tab shows.
    pub fn panel(self) -> &'static str {
        match self {
            Tab::Policies => "policy-editors",
            Tab::Principals => "principals-panel",
            Tab::Boundaries => "boundaries-panel",
            Tab::Sessions => "sessions-panel",
            Tab::Organization => "organization-panel",
            Tab::Resources => "resources-panel",
            Tab::Providers => "providers-panel",
            Tab::Json => "json-panel",
            Tab::Access => "access-panel",
            Tab::Graph => "graph-panel",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tab::Policies => "Trust + permissions",
            Tab::Principals => "Principals",
            Tab::Boundaries => "Boundaries",
            Tab::Sessions => "Session policies",
            Tab::Organization => "SCPs / RCPs",
            Tab::Resources => "Resource policies",
            Tab::Providers => "Identity providers",
            Tab::Json => "Scenario JSON",
            Tab::Access => "Effective permissions",
            Tab::Graph => "Graph",
        }
    }

    /// What the tab holds, for its tooltip.
    fn hint(self) -> &'static str {
        match self {
            Tab::Policies => "The focus role's trust and permissions policies side by side",
            Tab::Principals => "Users, groups and roles: ARNs, tags, groups and policies",
            Tab::Boundaries => "Permissions boundaries of users and roles",
            Tab::Sessions => "Session policies passed to AssumeRole (Policy, PolicyArns)",
            Tab::Organization => "AWS Organizations: accounts, OUs, SCPs and RCPs",
            Tab::Resources => "Resources with their policies and tags, S3 Block Public Access and ABAC; VPC endpoints",
            Tab::Providers => "OIDC and SAML identity providers",
            Tab::Json => "The whole scenario as JSON (format v1)",
            Tab::Graph => "Who can reach what: users, roles, services and providers, each edge proved",
            Tab::Access => {
                "Every catalog action a session, role or user may perform, and what your edits changed"
            }
        }
    }

    fn step(self, by: isize) -> Tab {
        let i = Tab::ALL.iter().position(|t| *t == self).unwrap_or(0);
        let n = Tab::ALL.len() as isize;
        let j = (i as isize + by).rem_euclid(n);
        Tab::ALL
            .get(usize::try_from(j).unwrap_or(0))
            .copied()
            .unwrap_or(self)
    }
}

pub(super) fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = el.focus();
        // On a phone the tab bar scrolls sideways: bring the new tab into view.
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

#[component]
pub fn Tabs() -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let current = store.ui.tab;
    let onkeydown = {
        let dispatcher = store.dispatcher();
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "ArrowRight" => current.step(1),
                "ArrowLeft" => current.step(-1),
                "Home" => Tab::Policies,
                "End" => Tab::Json,
                _ => return,
            };
            e.prevent_default();
            dispatcher.dispatch(Action::Tab(next));
            focus(next.id());
        })
    };
    let quiz = store.ui.quiz;
    let buttons = Tab::ALL
        .iter()
        .map(|&t| {
            let dispatcher = store.dispatcher();
            let selected = t == current;
            let hint = if quiz && t == Tab::Json {
                "Hidden during the quiz: it holds the expected answers"
            } else {
                t.hint()
            };
            html! {
                <button
                    type="button"
                    role="tab"
                    class={classes!("tab", selected.then_some("active"))}
                    id={t.id()}
                    title={hint}
                    tabindex={if selected { "0" } else { "-1" }}
                    aria-selected={if selected { "true" } else { "false" }}
                    aria-controls={t.panel()}
                    onclick={Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Tab(t)))}
                >
                    { t.label() }
                </button>
            }
        })
        .collect::<Html>();
    html! {
        <div class="tabs" role="tablist" aria-label="What to edit" {onkeydown}>{ buttons }</div>
    }
}

/// A tab's panel while the quiz runs, when what it shows would give the answers away: why it is
/// hidden, and a button that leaves the quiz (`{prefix}-quiz-note`, `{prefix}-leave-quiz`).
pub fn hidden_in_quiz(store: &StoreHandle, tab: Tab, prefix: &str, why: &str) -> Html {
    let dispatcher = store.dispatcher();
    let leave = Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Quiz(false)));
    html! {
        <section class="card world-card" id={tab.panel()} role="tabpanel" aria-labelledby={tab.id()}>
            <header class="card-header">
                <h2 class="card-title">{ tab.label() }</h2>
                <p class="card-question">{ "Hidden while the quiz runs" }</p>
            </header>
            <div class="world-empty access-quiz-note" id={format!("{prefix}-quiz-note")}>
                <p>{ why }{ " It is hidden until you leave the quiz." }</p>
                <button type="button" class="button" id={format!("{prefix}-leave-quiz")} onclick={leave}>{ "Leave the quiz" }</button>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_wrap_around() {
        assert_eq!(Tab::Policies.step(-1), Tab::Json);
        assert_eq!(Tab::Json.step(1), Tab::Policies);
        assert_eq!(Tab::Principals.step(1), Tab::Boundaries);
    }
}
