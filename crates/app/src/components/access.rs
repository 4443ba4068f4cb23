//! The Effective permissions tab: pick a session of the timeline, a role or a user (and optionally
//! one resource) and see every catalog action it may perform, by service and access level, with
//! the risky classes counted first and what changed since the scenario was opened or shared.
//! The decisions are the worker's (`roleplay_worker::access`, beside the catalog), asked again only
//! when the scenario, the subject or the resource changes; the page renders the owned view it
//! answers with. Services render collapsed, so even an administrator's 22,000 actions are a few
//! hundred rows.

use super::form::{detail_header, ListGroup, ListItem, TextField, WorldCard};
use crate::access::{self, Choice, Kind};
use crate::analysis::{plural, thousands};
use crate::state::{AccessQuery, Action, StoreHandle, Tab};
use roleplay_sim::Subject;
use roleplay_worker::{
    AccessView, Answer, ChangeView, ChangesView, Job, Lines, List, ServiceView, Shown,
};
use std::rc::Rc;
use yew::prelude::*;

/// Service rows rendered at first, and added per "Show more": an administrator's 456 services at
/// once would take a few hundred milliseconds to render.
const SERVICES_SHOWN: usize = 50;
/// "Expand all" stops here: more would be thousands of rows at once (filter first).
const EXPAND_ALL_MAX: usize = 2_000;

#[component]
pub fn AccessPanel() -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let question = "What may this principal do, and did my edit change it?";
    if store.ui.quiz {
        // No subject list either: the sessions alone would tell which assume steps succeeded.
        let why = "Effective permissions would give the quiz's answers away (whether each call is allowed).";
        return super::tabs::hidden_in_quiz(&store, Tab::Access, "access", why);
    }
    let choices = access::choices(&store.doc.scenario, &store.run.result);
    let chosen = access::chosen(&choices, store.catalog.access.subject.as_ref()).cloned();
    let list = subject_list(&store, &choices, chosen.as_ref());
    let detail = match (&chosen, store.catalog.ready) {
        (None, _) => html! {
            <div class="world-empty" id="access-empty">
                <p>{ "This scenario has no session, role or user to ask about. Add a role or a user in the Principals tab." }</p>
            </div>
        },
        (Some(_), false) => {
            let text = match &store.catalog.failed {
                Some(why) => format!("The service catalog did not load ({why}), so there is no list of actions to evaluate here. Everything else works without it."),
                None => "Loading the service catalog (about 200 KB) — the list of AWS actions this view evaluates…".to_owned(),
            };
            html! {
                <div class="world-empty" id="access-unavailable" role="status">
                    <p>{ text }</p>
                </div>
            }
        }
        (Some(choice), true) => html! {
            <AccessDetail choice={choice.clone()} />
        },
    };
    html! { <WorldCard tab={Tab::Access} {question} {list} {detail} /> }
}

/// The picker: the timeline's sessions, then roles (as a fresh session), then users.
fn subject_list(store: &StoreHandle, choices: &[Choice], chosen: Option<&Choice>) -> Html {
    let group = |kind: Kind, heading: &'static str, empty: &'static str| {
        let items: Vec<Html> = choices
            .iter()
            .enumerate()
            .filter(|(_, c)| c.kind == kind)
            .map(|(i, c)| {
                let (dispatcher, subject) = (store.dispatcher(), c.subject.clone());
                let resource = store.catalog.access.resource.clone();
                let onselect = Callback::from(move |()| {
                    dispatcher.dispatch(Action::Access(AccessQuery {
                        subject: Some(subject.clone()),
                        resource: resource.clone(),
                    }))
                });
                html! {
                    <ListItem key={i} id={format!("access-subject-{i}")} name={c.name.clone()}
                        detail={c.detail.clone()} badge={c.step.map(|n| AttrValue::from(format!("step {n}")))}
                        selected={chosen == Some(c)} {onselect} />
                }
            })
            .collect();
        let empty = items.is_empty().then_some(AttrValue::Static(empty));
        html! { <ListGroup {heading} {empty}>{ for items }</ListGroup> }
    };
    html! {
        <>
            { group(Kind::Session, "Sessions in the timeline", "No step created a session.") }
            { group(Kind::Role, "Roles · a fresh session", "No roles.") }
            { group(Kind::User, "Users", "No users.") }
        </>
    }
}

/// The question: the document's revision and baseline, the subject, the resource, what is shown.
type Key = ((u64, usize), Subject, AttrValue, Shown);

/// The worker's answer to one question, with how long it took (from the question to the answer).
#[derive(Clone, PartialEq)]
struct Answered {
    key: Key,
    view: Rc<Result<AccessView, String>>,
    ms: Option<f64>,
}

#[derive(Properties, PartialEq)]
struct DetailProps {
    choice: Choice,
}

/// The worker's view of `subject`'s access on `resource`, asked again when the scenario, the
/// subject, the resource or what is `shown` changes (with the scenario as opened, when it differs,
/// for the changes); the last answer stays shown until the next one arrives, and `true` says one
/// is on its way.
#[hook]
fn use_access(
    store: &StoreHandle,
    subject: &Subject,
    resource: &AttrValue,
    shown: Shown,
) -> (Option<Answered>, bool) {
    let answered = use_state_eq(|| None::<Answered>);
    // The baseline by identity: sharing makes the scenario shown the one compared with.
    let baseline_id = Rc::as_ptr(&store.doc.baseline) as usize;
    let key = (
        (store.doc.revision, baseline_id),
        subject.clone(),
        resource.clone(),
        shown,
    );
    let busy = answered.as_ref().is_none_or(|a| a.key != key);
    let (scenario, baseline) = (store.doc.scenario.clone(), store.doc.baseline.clone());
    {
        let answered = answered.setter();
        use_effect_with(key, move |key| {
            let edited = !Rc::ptr_eq(&scenario, &baseline);
            let baseline = edited.then_some(&*baseline);
            let ask = access::ask(&scenario, baseline, &key.1, &key.2, key.3.clone());
            crate::perf::mark_access();
            let key = key.clone();
            crate::worker::ask(
                Job::Access(ask),
                Callback::from(move |answer| {
                    if let Answer::Access(view) = answer {
                        let ms = crate::perf::measure_access();
                        answered.set(Some(Answered {
                            key: key.clone(),
                            view: Rc::new(view),
                            ms,
                        }));
                    }
                }),
            );
        });
    }
    // After the commit that shows an answer (not the one that asked).
    use_effect_with((*answered).clone(), |answered| {
        if answered.is_some() {
            crate::perf::measure_access_render();
        }
    });
    ((*answered).clone(), busy)
}

#[component]
fn AccessDetail(props: &DetailProps) -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let search = use_state_eq(String::new);
    let expanded = use_state_eq(Vec::<String>::new);
    let whole = use_state_eq(Vec::<List>::new);
    let typed = store.catalog.access.resource.clone();
    let resource: AttrValue = access::resource(&typed).to_owned().into();
    let subject = props.choice.subject.clone();
    let shown = Shown {
        search: (*search).clone(),
        open: (*expanded).clone(),
        whole: (*whole).clone(),
    };
    let (answered, busy) = use_access(&store, &subject, &resource, shown);
    let limit = use_state_eq(|| SERVICES_SHOWN);
    let title = props.choice.label.clone();
    let controls = controls(&store, subject.clone(), typed, &search);
    // An answer about another subject or resource is not shown; one about an earlier edit stays
    // until the next arrives (no flicker while typing).
    let current = |a: &Answered| a.key.1 == subject && a.key.2 == resource;
    let busy = if busy { "true" } else { "false" };
    let answered = answered.filter(current);
    let Some(answered) = answered else {
        return html! {
            <>
                { detail_header(&title, "", None) }
                { controls }
                <p class="muted" role="status">{ "Evaluating every catalog action…" }</p>
            </>
        };
    };
    let view = match &*answered.view {
        Ok(view) => view,
        Err(message) => {
            return html! {
                <>
                    { detail_header(&title, "", None) }
                    { controls }
                    <p class="access-error" id="access-error" role="alert">{ message.clone() }</p>
                </>
            };
        }
    };
    let every = view.resource == "*";
    let count = html! {
        <p class="access-count" id="access-count">
            <strong>{ format!("{} of {}", thousands(view.allowed), thousands(view.total)) }</strong>
            { format!(" catalog actions allowed on {} · {}", view.resource, plural(view.services_allowed, "service", "services")) }
            if let Some(ms) = answered.ms {
                <span class="muted" id="access-time">{ format!(" · evaluated in {ms:.0} ms") }</span>
            }
        </p>
    };
    let toggle = toggle_whole(whole);
    html! {
        <>
            { detail_header(&title, &view.principal, None) }
            { controls }
            if every {
                { on_resources_view(view) }
            }
            { count }
            <div class="access-answer" id="access-answer" aria-busy={busy}>
                { flags(view, every, &toggle) }
                { changes_view(&view.changes, &toggle) }
                { services_view(view, expanded, limit, every) }
            </div>
        </>
    }
}

/// The resource asked about (with the scenario's ARNs as suggestions) and the action search.
fn controls(
    store: &StoreHandle,
    subject: Subject,
    typed: AttrValue,
    search: &UseStateHandle<String>,
) -> Html {
    let onresource = {
        let dispatcher = store.dispatcher();
        Callback::from(move |value: String| {
            dispatcher.dispatch(Action::Access(AccessQuery {
                subject: Some(subject.clone()),
                resource: value.trim().to_owned().into(),
            }))
        })
    };
    let onsearch = {
        let search = search.clone();
        Callback::from(move |value: String| search.set(value))
    };
    let suggestions = access::suggested_resources(&store.doc.scenario)
        .into_iter()
        .map(|arn| html! { <option value={arn.to_owned()} /> })
        .collect::<Html>();
    html! {
        <div class="access-controls">
            <TextField id="access-resource" label="Resource" value={typed} onchange={onresource}
                commit=true list="access-resources" placeholder="* (every resource)"
                hint="An ARN asks about that one resource; its resource policy then takes part." />
            <datalist id="access-resources">{ suggestions }</datalist>
            <TextField id="access-search" label="Search actions" value={(**search).clone()} onchange={onsearch}
                input_type="search" placeholder="s3:Get, iam, CreateUser…" />
        </div>
    }
}

/// The flag and change lists shown whole, and their "Show all" / "Show fewer": which are whole is
/// part of the question, so their names come from the worker.
struct Whole {
    lists: Vec<List>,
    toggle: Callback<List>,
}

fn toggle_whole(whole: UseStateHandle<Vec<List>>) -> Whole {
    Whole {
        lists: (*whole).clone(),
        toggle: Callback::from(move |list: List| {
            let mut next = (*whole).clone();
            match next.iter().position(|l| *l == list) {
                Some(i) => {
                    next.swap_remove(i);
                }
                None => next.push(list),
            }
            whole.set(next);
        }),
    }
}

/// The risky classes, counted first: permissions management, and write on every resource (only
/// asked about for `*`).
fn flags(view: &AccessView, every: bool, toggle: &Whole) -> Html {
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

/// "By service": the allowed actions per service that match the search, collapsed, `limit`
/// services at a time; a search that leaves few actions opens them all.
fn services_view(
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
                Callback::from(move |_: MouseEvent| {
                    let mut next = (*expanded).clone();
                    match next.iter().position(|p| *p == prefix) {
                        Some(i) => {
                            next.swap_remove(i);
                        }
                        None => next.push(prefix.clone()),
                    }
                    expanded.set(next);
                })
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

/// The default view's first answer: per resource the policies name, the allowed actions that act
/// on its type (`s3:GetObject` on `reports-bucket/*`), before the account-wide list for `*`.
fn on_resources_view(view: &AccessView) -> Html {
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
fn changes_view(state: &ChangesView, toggle: &Whole) -> Html {
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

/// The explanation's way in: this step's session in the Effective permissions tab.
pub fn open_session(store: &StoreHandle, step: usize) -> Callback<MouseEvent> {
    let (dispatcher, resource) = (store.dispatcher(), store.catalog.access.resource.clone());
    Callback::from(move |_: MouseEvent| {
        dispatcher.dispatch(Action::Access(AccessQuery {
            subject: Some(Subject::Session(step)),
            resource: resource.clone(),
        }));
        super::tabs::focus(Tab::Access.id());
    })
}
