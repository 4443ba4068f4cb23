//! The Effective permissions tab: pick a session of the timeline, a role or a user (and optionally
//! one resource) and see every catalog action it may perform, by service and access level, with
//! the risky classes counted first and what changed since the scenario was opened or shared.
//! The decisions are the worker's (`roleplay_worker::access`, beside the catalog), made again only
//! when the scenario, the subject or the resource changes; the page renders the owned view it
//! answers with: only what it shows, so opening a service, searching or "Show all" asks again.
//! Services render collapsed, so even an administrator's 22,000 actions are a few hundred rows.
//! `lists.rs` renders the flags and the changes, `services.rs` the actions by service.

use super::form::{detail_header, ListGroup, ListItem, TextField, WorldCard};
use crate::access::{self, Choice, Kind};
use crate::analysis::{plural, thousands};
use crate::state::{AccessQuery, Action, StoreHandle, Tab};
use lists::{changes_view, flags, on_resources_view};
use roleplay_sim::Subject;
use roleplay_worker::{AccessView, Answer, Job, List, Shown};
use services::{services_view, SERVICES_SHOWN};
use std::rc::Rc;
use yew::prelude::*;

mod lists;
mod services;

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
        toggle: Callback::from(move |list: List| toggle(&whole, list)),
    }
}

/// `item` taken out of the set in `state`, or put in when it was not there (an opened service, a
/// list shown whole).
fn toggle<T: PartialEq + Clone>(state: &UseStateHandle<Vec<T>>, item: T) {
    let mut next = (**state).clone();
    match next.iter().position(|x| *x == item) {
        Some(i) => {
            next.swap_remove(i);
        }
        None => next.push(item),
    }
    state.set(next);
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
