//! "By service": every allowed action by service and access level, collapsed, a few services at a
//! time; a row opens its actions (their names are asked of the worker).

use crate::analysis::plural;
use roleplay_worker::{AccessView, ServiceView};
use yew::prelude::*;

/// Service rows rendered at first, and added per "Show more": an administrator's 456 services at
/// once would take a few hundred milliseconds to render.
pub(super) const SERVICES_SHOWN: usize = 50;

/// "Expand all" stops here: more would be thousands of rows at once (filter first).
const EXPAND_ALL_MAX: usize = 2_000;

/// "By service": the allowed actions per service that match the search, collapsed, `limit`
/// services at a time; a search that leaves few actions opens them all.
pub(super) fn services_view(
    view: &AccessView,
    expanded: UseStateHandle<Vec<String>>,
    limit: UseStateHandle<usize>,
    every: bool,
) -> Html {
    let services = &view.services;
    let listed: usize = services.iter().map(ServiceView::count).sum();
    let auto = view.opened_by_search;
    let rows = services
        .iter()
        .take(*limit)
        .map(|s| {
            let prefix = s.prefix.clone();
            let open = auto || expanded.contains(&prefix);
            let ontoggle = {
                let (expanded, prefix) = (expanded.clone(), prefix.clone());
                Callback::from(move |_: MouseEvent| super::toggle(&expanded, prefix.clone()))
            };
            service_row(s, open, every, ontoggle)
        })
        .collect::<Html>();
    let empty = if view.allowed == 0 {
        "No catalog action is allowed."
    } else {
        "No allowed action matches the search."
    };
    let shown = *limit;
    let more = move |_: MouseEvent| limit.set(*limit + SERVICES_SHOWN);
    html! {
        <section class="access-services" aria-labelledby="access-services-heading">
            <header class="access-services-head">
                <h4 class="section-title" id="access-services-heading">{ "By service" }</h4>
                <span class="muted small" id="access-listed">
                    { format!("{} · {}", plural(services.len(), "service", "services"), plural(listed, "action", "actions")) }
                </span>
                { toggle_all(services, listed, auto, expanded) }
            </header>
            if services.is_empty() {
                <p class="list-empty">{ empty }</p>
            } else {
                <ul class="services" id="access-services">{ rows }</ul>
            }
            if services.len() > shown {
                <button type="button" class="button button-small button-quiet" id="access-more" onclick={more}>
                    { format!("Show {} more of {} services", SERVICES_SHOWN.min(services.len() - shown), services.len()) }
                </button>
            }
        </section>
    }
}

/// "Expand all" / "Collapse all" (disabled while a search opens everything, or when there would be
/// too many rows at once).
fn toggle_all(
    services: &[ServiceView],
    listed: usize,
    auto: bool,
    expanded: UseStateHandle<Vec<String>>,
) -> Html {
    let prefixes: Vec<String> = services.iter().map(|s| s.prefix.clone()).collect();
    let open = !auto && !prefixes.is_empty() && prefixes.iter().all(|p| expanded.contains(p));
    let label = if auto || open {
        "Collapse all"
    } else {
        "Expand all"
    };
    let disabled = auto || (!open && listed > EXPAND_ALL_MAX);
    let onclick = Callback::from(move |_: MouseEvent| {
        expanded.set(if open { Vec::new() } else { prefixes.clone() })
    });
    let title = (listed > EXPAND_ALL_MAX && !open)
        .then_some("Too many actions to show at once: search to narrow the list");
    html! {
        <button type="button" class="button button-small" id="access-toggle-all" {disabled} {title} {onclick}>{ label }</button>
    }
}

/// One service: a button with its counts per access level; when open, its actions by level.
fn service_row(s: &ServiceView, open: bool, every: bool, ontoggle: Callback<MouseEvent>) -> Html {
    let prefix = s.prefix.as_str();
    let body_id = format!("service-{prefix}-actions");
    let pills = s
        .levels
        .iter()
        .map(|l| {
            html! {
                <span class={classes!("level-pill", level_class(&l.level, every))} title={l.level.clone()}>
                    { format!("{} {}", short_level(&l.level), l.names.count) }
                </span>
            }
        })
        .collect::<Html>();
    html! {
        <li class="service" key={prefix.to_owned()} data-service={prefix.to_owned()}>
            <button type="button" class="service-row" id={format!("service-{prefix}")}
                aria-expanded={if open { "true" } else { "false" }} aria-controls={body_id.clone()} onclick={ontoggle}>
                <span class="chevron" aria-hidden="true"></span>
                <span class="service-prefix mono">{ prefix.to_owned() }</span>
                <span class="service-name">{ s.name.clone() }</span>
                <span class="service-levels">{ pills }</span>
                <span class="service-count">{ s.count() }</span>
            </button>
            if open {
                <div class="service-actions" id={body_id}>
                    { for s.levels.iter().map(|l| html! {
                        <div class={classes!("level", level_class(&l.level, every))}>
                            <h5 class="level-title">{ l.level.clone() }<span class="level-count">{ l.names.count }</span></h5>
                            <ul class="action-list">
                                { for l.names.iter().map(|a| html! {
                                    <li class="mono" data-action={format!("{prefix}:{a}")}>{ a.to_owned() }</li>
                                }) }
                            </ul>
                        </div>
                    }) }
                </div>
            }
        </li>
    }
}

/// The level as the pill shows it (the catalog's names: `List`, `Read`, `Write`, `Permissions
/// management`, `Tagging`).
fn short_level(level: &str) -> &str {
    match level {
        PERMISSIONS_MANAGEMENT => "Perms",
        other => other,
    }
}

const PERMISSIONS_MANAGEMENT: &str = "Permissions management";

fn level_class(level: &str, every: bool) -> Option<&'static str> {
    match level {
        PERMISSIONS_MANAGEMENT => Some("level-risk"),
        "Write" if every => Some("level-warn"),
        _ => None,
    }
}
