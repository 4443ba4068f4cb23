//! What the answer says first: the resources the policies name, the two flagged classes and the
//! changes since the scenario was opened, each list by service (its first few until "Show all").

use super::Whole;
use crate::analysis::thousands;
use roleplay_worker::{AccessView, ChangeView, ChangesView, Lines, List};
use yew::prelude::*;

/// The risky classes, counted first: permissions management, and write on every resource (only
/// asked about for `*`).
pub(super) fn flags(view: &AccessView, every: bool, toggle: &Whole) -> Html {
    let pm = (List::PermissionsManagement, &view.permissions_management);
    let write = (List::WriteOnEverything, &view.write_on_everything);
    html! {
        <div class="access-flags">
            { flag("access-flag-pm", "flag-risk", "Permissions management",
                "Can change who may do what: policies, roles, trust, grants.", pm, toggle) }
            if every {
                { flag("access-flag-write", "flag-warn", "Write on every resource (*)",
                    "Can create, change or delete any resource of the service.", write, toggle) }
            } else {
                <section class="flag flag-na" id="access-flag-write">
                    <h4 class="flag-title">{ "Write on every resource (*)" }</h4>
                    <p class="flag-hint">{ "Not asked: the question is about one resource. Clear the Resource field to ask about *." }</p>
                </section>
            }
        </div>
    }
}

/// The default view's first answer: per resource the policies name, the allowed actions that act
/// on its type (`s3:GetObject` on `reports-bucket/*`), before the account-wide list for `*`.
pub(super) fn on_resources_view(view: &AccessView) -> Html {
    if view.named.is_empty() {
        return html! {};
    }
    let items = view
        .named
        .iter()
        .map(|on| {
            let actions = if on.actions.is_empty() {
                html! { <span class="muted">{ "nothing allowed" }</span> }
            } else {
                on.actions
                    .iter()
                    .map(|run| html! {
                        <span class="on-resource-service mono">{ format!("{}: {}", run.prefix, run.names.iter().collect::<Vec<_>>().join(", ")) }</span>
                    })
                    .collect::<Html>()
            };
            html! {
                <li class="on-resource">
                    <span class="on-resource-arn mono break">{ &on.resource }</span>
                    if !on.types.is_empty() {
                        <span class="muted small">{ format!(" ({})", on.types) }</span>
                    }
                    <div class="on-resource-actions">{ actions }</div>
                </li>
            }
        })
        .collect::<Html>();
    html! {
        <section class="access-on-resources" id="access-on-resources" aria-labelledby="access-on-resources-heading">
            <h4 class="section-title" id="access-on-resources-heading">{ "On the resources its policies name" }</h4>
            <ul class="on-resources">{ items }</ul>
        </section>
    }
}

/// A flagged class: its count, what it means, and its actions by service. `tone` (`flag-risk`,
/// `flag-warn`) is how loud it is when it is up.
fn flag(
    id: &'static str,
    tone: &'static str,
    title: &str,
    hint: &str,
    (list, lines): (List, &Lines),
    toggle: &Whole,
) -> Html {
    let count = lines.total;
    let state = if count > 0 { tone } else { "flag-off" };
    html! {
        <section class={classes!("flag", state)} {id} aria-label={title.to_owned()}>
            <header class="flag-head">
                <span class="flag-count">{ thousands(count) }</span>
                <h4 class="flag-title">{ title.to_owned() }</h4>
            </header>
            <p class="flag-hint">{ hint.to_owned() }</p>
            if count > 0 {
                { service_lines(&format!("{id}-actions"), "", lines, list, toggle) }
            } else {
                <p class="flag-none">{ "None allowed." }</p>
            }
        </section>
    }
}

/// `iam  CreateUser, DeleteUser, … +12 more` per service: a few services and names at first (the
/// flags sit above the list and must not push it off the screen), everything after "Show all".
fn service_lines(id: &str, sign: &'static str, lines: &Lines, list: List, toggle: &Whole) -> Html {
    let shown: usize = lines.runs.iter().map(|r| r.names.iter().count()).sum();
    let whole = toggle.lists.contains(&list);
    let onclick = toggle.toggle.reform(move |_: MouseEvent| list);
    html! {
        <>
            <ul class="service-lines" id={id.to_owned()}>
                { for lines.runs.iter().map(|run| {
                    let names: Vec<&str> = run.names.iter().collect();
                    let more = run.names.count.saturating_sub(names.len());
                    html! {
                        <li data-service={run.prefix.clone()}>
                            <span class="line-service mono">{ format!("{sign}{}", run.prefix) }</span>
                            <span class="line-actions mono">
                                { names.join(", ") }
                                if more > 0 {
                                    <span class="line-more">{ format!(" … +{more} more") }</span>
                                }
                            </span>
                        </li>
                    }
                }) }
            </ul>
            if whole || shown < lines.total {
                <button type="button" class="link-button small" aria-controls={id.to_owned()} {onclick}>
                    { if whole { "Show fewer".to_owned() } else { format!("Show all {}", thousands(lines.total)) } }
                </button>
            }
        </>
    }
}

/// "Does my edit grant new access?": the actions granted and revoked since the scenario was
/// opened, imported or last shared, for the same subject and resource.
pub(super) fn changes_view(state: &ChangesView, toggle: &Whole) -> Html {
    let (granted, revoked) = match state {
        ChangesView::Diff { granted, revoked } => (granted.count, revoked.count),
        _ => (0, 0),
    };
    let body = match state {
        ChangesView::NotComparable(why) => html! {
            <p class="changes-empty" id="access-changes-empty">{ format!("Not comparable with the scenario as opened: {why}") }</p>
        },
        ChangesView::Diff { granted, revoked } if granted.count + revoked.count > 0 => html! {
            <div class="changes-lists">
                { change_list(("access-granted", List::Granted), "Granted", "+", granted, toggle) }
                { change_list(("access-revoked", List::Revoked), "Revoked", "−", revoked, toggle) }
            </div>
        },
        _ => {
            html! { <p class="changes-empty" id="access-changes-empty">{ "No change in access." }</p> }
        }
    };
    html! {
        <section class="access-changes" id="access-changes" aria-labelledby="access-changes-heading">
            <header class="access-changes-head">
                <h4 class="section-title" id="access-changes-heading">{ "Changes since opened" }</h4>
                <span class={classes!("change-badge", "granted", (granted == 0).then_some("zero"))} id="access-granted-count"
                    title="Actions allowed now and not before">{ format!("+{}", thousands(granted)) }</span>
                <span class={classes!("change-badge", "revoked", (revoked == 0).then_some("zero"))} id="access-revoked-count"
                    title="Actions allowed before and not now">{ format!("−{}", thousands(revoked)) }</span>
                <span class="muted small changes-note">{ "against the scenario as you opened, imported or last shared it" }</span>
            </header>
            { body }
        </section>
    }
}

fn change_list(
    (id, list): (&'static str, List),
    title: &str,
    sign: &'static str,
    s: &ChangeView,
    toggle: &Whole,
) -> Html {
    if s.count == 0 {
        return html! {};
    }
    let risky = [
        (s.permissions_management, "Permissions management"),
        (s.write_on_everything, "Write on *"),
    ];
    html! {
        <div class={classes!("change-list", id)} id={id}>
            <h5 class="level-title">{ title }<span class="level-count">{ thousands(s.count) }</span>
                { for risky.iter().filter(|(n, _)| *n > 0).map(|(n, what)| html! {
                    <span class="risk-chip">{ format!("{} {what}", thousands(*n)) }</span>
                }) }
            </h5>
            { service_lines(&format!("{id}-actions"), sign, &s.actions, list, toggle) }
        </div>
    }
}
