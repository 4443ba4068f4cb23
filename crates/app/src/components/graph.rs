//! The Graph tab: who can reach what. The worker builds the trust graph (every edge proved by the
//! runner) and lays it out; this draws the shapes it sends as SVG — nodes coloured by privilege,
//! edges labelled with the conditions they need, the chosen path highlighted. A click on an edge or a
//! path appends its proving steps to the timeline (one undo step, as *Fix it*'s Apply); a click on a
//! user or role opens its effective permissions. Pan by scrolling the canvas, zoom with its buttons.

use crate::state::{AccessQuery, Action, StoreHandle, Tab};
use roleplay_sim::{Step, Subject};
use roleplay_worker::{Answer, GraphView, Job};
use std::rc::Rc;
use web_sys::KeyboardEvent;
use yew::prelude::*;

#[component]
pub fn GraphPanel() -> Html {
    let store = use_context::<StoreHandle>();
    let view = use_state(|| None::<Result<Rc<GraphView>, String>>);
    let focus = use_state(|| None::<String>);
    let chosen = use_state(|| None::<usize>);
    let zoom = use_state(|| 1.0_f64);
    let ms = use_state(|| None::<f64>);
    let revision = store.as_ref().map_or(0, |s| s.scenario_revision);
    {
        let (view, ms, chosen) = (view.clone(), ms.clone(), chosen.clone());
        let scenario = store.as_ref().map(|s| s.scenario.clone());
        use_effect_with((revision, (*focus).clone()), move |(_, focus)| {
            let start = now();
            let document = scenario.and_then(|s| serde_json::to_value(&*s).ok());
            if let Some(scenario) = document {
                let job = Job::Graph {
                    scenario,
                    focus: focus.clone(),
                };
                crate::worker::ask(
                    job,
                    Callback::from(move |answer: Answer| {
                        if let Answer::Graph(result) = answer {
                            chosen.set(None);
                            view.set(Some(result.map(Rc::new)));
                            ms.set(Some(now() - start));
                        }
                    }),
                );
            }
        });
    }
    let Some(store) = store else {
        return html! {};
    };
    let body = match &*view {
        None => html! { <p class="muted" role="status">{ "Drawing the trust graph…" }</p> },
        Some(Err(why)) => html! { <p class="graph-error" role="alert">{ why.clone() }</p> },
        Some(Ok(v)) => drawing(&store, v, (&focus, &chosen, &zoom)),
    };
    let timing = ms.map(|m| format!("{m:.0}"));
    html! {
        <section class="card world-card graph-card" id={Tab::Graph.panel()} role="tabpanel"
            aria-labelledby={Tab::Graph.id()} data-ms={timing}>
            <h2 class="card-title">{ Tab::Graph.label() }</h2>
            <p class="muted graph-intro">{ "Who can reach what. Every edge is a step the simulator allows when appended to this scenario; click an edge or a path to run it on the timeline, a user or role for its effective permissions." }</p>
            { legend() }
            { body }
        </section>
    }
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn legend() -> Html {
    let classes = ["admin-equivalent", "can-escalate", "write", "read", "none"];
    html! {
        <ul class="graph-legend" aria-label="Privilege classes">
            { for classes.iter().map(|c| html! { <li><span class={classes!("swatch", format!("priv-{c}"))}></span>{ *c }</li> }) }
            <li><span class="swatch swatch-dashed"></span>{ "IAM escalation" }</li>
        </ul>
    }
}

/// Appends the steps of `edges` to the scenario as one undoable change.
fn run_steps(store: &StoreHandle, v: &GraphView, edges: &[usize], what: String) {
    let steps: Vec<Step> = edges
        .iter()
        .filter_map(|&i| v.edges.get(i))
        .filter_map(|e| serde_json::from_value(e.step.clone()).ok())
        .collect();
    if steps.is_empty() {
        return;
    }
    let mut next = (*store.scenario).clone();
    let n = steps.len();
    next.steps.extend(steps);
    let summary = format!(
        "Graph: {what} — {n} step{} added to the timeline",
        if n == 1 { "" } else { "s" }
    );
    store.dispatch(Action::ApplyFix(Rc::new(next), summary.into()));
}

fn on_key(action: Callback<()>) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if matches!(e.key().as_str(), "Enter" | " ") {
            e.prevent_default();
            action.emit(());
        }
    })
}

fn drawing(
    store: &StoreHandle,
    v: &Rc<GraphView>,
    (focus, chosen, zoom): (
        &UseStateHandle<Option<String>>,
        &UseStateHandle<Option<usize>>,
        &UseStateHandle<f64>,
    ),
) -> Html {
    let highlighted: Vec<usize> = chosen
        .and_then(|p| v.paths.get(p))
        .map(|p| p.edges.clone())
        .unwrap_or_default();
    let edges = v.edges.iter().enumerate().map(|(i, e)| {
        let run = {
            let (store, v) = (store.clone(), v.clone());
            let what = e.label.clone();
            Callback::from(move |()| run_steps(&store, &v, &[i], what.clone()))
        };
        let onclick = run.reform(|_: MouseEvent| ());
        let on = highlighted.contains(&i);
        let (from, to) = (v.nodes.get(e.from), v.nodes.get(e.to));
        let name = format!(
            "{} to {}: {}. Press Enter to run it on the timeline.",
            from.map_or("", |n| n.title.as_str()),
            to.map_or("", |n| n.title.as_str()),
            e.label
        );
        html! {
            <g class={classes!("graph-edge", e.escalation.then_some("escalation"), on.then_some("on-path"))}
                tabindex="0" role="button" aria-label={name} {onclick} onkeydown={on_key(run)}>
                <title>{ e.label.clone() }</title>
                <path d={e.d.clone()} marker-end="url(#graph-arrow)" />
                <text x={format!("{:.1}", e.lx)} y={format!("{:.1}", e.ly)} text-anchor="middle" dominant-baseline="middle">{ e.label.clone() }</text>
            </g>
        }
    });
    let nodes = v.nodes.iter().map(|n| {
        let subject = match n.kind.as_str() {
            "user" => Some(Subject::User(n.id.clone())),
            "role" => Some(Subject::Role(n.id.clone())),
            _ => None,
        };
        let open = {
            let dispatcher = store.dispatcher();
            Callback::from(move |()| {
                if let Some(subject) = subject.clone() {
                    dispatcher.dispatch(Action::Access(AccessQuery { subject: Some(subject), resource: AttrValue::default() }));
                    super::tabs::focus(Tab::Access.id());
                }
            })
        };
        let name = format!("{} ({}, {}). Press Enter for its effective permissions.", n.id, n.kind, n.privilege);
        html! {
            <g class={classes!("graph-node", format!("priv-{}", n.privilege))} tabindex="0" role="button"
                aria-label={name} data-id={n.id.clone()} onclick={open.reform(|_: MouseEvent| ())} onkeydown={on_key(open)}>
                <title>{ n.id.clone() }</title>
                <rect x={format!("{:.1}", n.x)} y={format!("{:.1}", n.y)} width={format!("{:.1}", n.w)} height={format!("{:.1}", n.h)} rx="8" />
                <text x={format!("{:.1}", n.x + n.w / 2.0)} y={format!("{:.1}", n.y + n.h / 2.0 - 8.0)} text-anchor="middle" dominant-baseline="middle" class="graph-node-title">{ n.title.clone() }</text>
                <text x={format!("{:.1}", n.x + n.w / 2.0)} y={format!("{:.1}", n.y + n.h / 2.0 + 10.0)} text-anchor="middle" dominant-baseline="middle" class="graph-node-class">{ n.privilege.clone() }</text>
            </g>
        }
    });
    let scale = **zoom;
    let zoom_by = |f: f64| {
        let zoom = zoom.clone();
        Callback::from(move |_: MouseEvent| {
            zoom.set(if f == 0.0 {
                1.0
            } else {
                (*zoom * f).clamp(0.3, 3.0)
            })
        })
    };
    html! {
        <div class="graph-layout">
            <div class="graph-main">
                <div class="graph-tools">
                    { question(v, focus) }
                    <span class="graph-zoom">
                        <button class="button button-small" aria-label="Zoom out" onclick={zoom_by(0.8)}>{ "−" }</button>
                        <button class="button button-small" aria-label="Actual size" onclick={zoom_by(0.0)}>{ format!("{:.0}%", scale * 100.0) }</button>
                        <button class="button button-small" aria-label="Zoom in" onclick={zoom_by(1.25)}>{ "+" }</button>
                    </span>
                </div>
                <div class="graph-canvas" tabindex="0" aria-label="The trust graph (scroll to pan)">
                    <svg class="graph-svg" role="group" aria-label="Trust graph"
                        width={format!("{:.0}", v.width * scale)} height={format!("{:.0}", v.height * scale)}
                        viewBox={format!("0 0 {:.0} {:.0}", v.width, v.height)}>
                        <defs>
                            <marker id="graph-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                                <path d="M0 0L10 5L0 10z" class="graph-arrowhead" />
                            </marker>
                        </defs>
                        { for edges }
                        { for nodes }
                    </svg>
                </div>
            </div>
            { paths(store, v, chosen) }
        </div>
    }
}

/// The question the path list answers: escalation to admin, or who can reach a chosen node.
fn question(v: &GraphView, focus: &UseStateHandle<Option<String>>) -> Html {
    let onchange = {
        let focus = focus.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            focus.set((!value.is_empty()).then_some(value));
        })
    };
    let current = (**focus).clone().unwrap_or_default();
    html! {
        <label class="graph-question">{ "Paths: " }
            <select {onchange} aria-label="Which paths to list">
                <option value="" selected={current.is_empty()}>{ "Escalation to admin" }</option>
                { for v.nodes.iter().filter(|n| n.kind == "role").map(|n| html! {
                    <option value={n.id.clone()} selected={current == n.id}>{ format!("Who can reach {}", n.title) }</option>
                }) }
            </select>
        </label>
    }
}

fn paths(store: &StoreHandle, v: &Rc<GraphView>, chosen: &UseStateHandle<Option<usize>>) -> Html {
    let items = v.paths.iter().enumerate().map(|(k, p)| {
        let select = {
            let chosen = chosen.clone();
            Callback::from(move |_: MouseEvent| chosen.set(Some(k)))
        };
        let run = {
            let (store, v, edges, title) = (store.clone(), v.clone(), p.edges.clone(), p.title.clone());
            Callback::from(move |_: MouseEvent| run_steps(&store, &v, &edges, title.clone()))
        };
        let on = **chosen == Some(k);
        html! {
            <li class={classes!("graph-path", on.then_some("selected"))}>
                <button class="graph-path-title" aria-pressed={on.to_string()} onclick={select}>{ p.title.clone() }</button>
                <ol class="graph-path-steps">
                    { for p.edges.iter().filter_map(|&i| v.edges.get(i)).map(|e| html! { <li>{ e.label.clone() }</li> }) }
                </ol>
                <button class="button button-small graph-run" onclick={run}>{ "Run on the timeline" }</button>
            </li>
        }
    });
    html! {
        <div class="graph-paths">
            <h3>{ format!("{} path{}", v.paths.len(), if v.paths.len() == 1 { "" } else { "s" }) }</h3>
            if v.paths.is_empty() {
                <p class="muted">{ "No path: nothing here leads there." }</p>
            }
            <ol>{ for items }</ol>
        </div>
    }
}
