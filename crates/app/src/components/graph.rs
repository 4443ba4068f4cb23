//! The Graph tab: who can reach what. The worker builds the trust graph (every edge proved by the
//! runner), lays it out and works out each path's replay; this draws the shapes it sends as SVG —
//! nodes coloured by privilege, edges labelled with the conditions they need, the chosen path
//! highlighted. A click on an edge or a path appends its steps to the timeline (one undo step, as
//! *Fix it*'s Apply); a click on a user or role opens its effective permissions. The drawing opens
//! fitted to the width of its box; it pans by scrolling or dragging and zooms with its buttons.
//! Nodes and edges are buttons in the tab order; dragging and the arrow keys between shapes are
//! `web/graph-canvas.js`'s, which keeps them out of the page's size-budgeted wasm.

use crate::state::{AccessQuery, Action, StoreHandle, Tab};
use roleplay_sim::{Step, Subject};
use roleplay_worker::{Answer, GraphView, Job};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

type Shown = Option<Result<Rc<GraphView>, String>>;

#[component]
pub fn GraphPanel() -> Html {
    let store = use_context::<StoreHandle>();
    let view = use_state(|| None::<Result<Rc<GraphView>, String>>);
    let focus = use_state(|| None::<String>);
    let chosen = use_state(|| None::<usize>);
    // None: fitted to the canvas's width (CSS), never under half size; else a scale.
    let zoom = use_state(|| None::<f64>);
    let canvas = use_node_ref();
    let revision = store.as_ref().map_or(0, |s| s.doc.revision);
    {
        let (view, chosen) = (view.clone(), chosen.clone());
        let scenario = store.as_ref().map(|s| s.doc.scenario.clone());
        // Not drawn while the quiz runs (the panel is hidden then).
        let quiz = store.as_ref().is_some_and(|s| s.ui.quiz);
        let deps = (revision, (*focus).clone(), quiz);
        use_effect_with(deps, move |(_, focus, quiz)| {
            let document = scenario
                .filter(|_| !quiz)
                .map(|s| crate::scenario_json::value(&s));
            if let Some(scenario) = document {
                crate::perf::mark_graph();
                ask(scenario, focus.clone(), false, view, chosen);
            }
        });
    }
    use_measure_on_draw(&view, &zoom);
    let shown = match &*view {
        Some(Ok(v)) => Some(v.clone()),
        _ => None,
    };
    use_highlight(&canvas, shown, *chosen);
    // What the last run added, undoable as a fix is (the same key, the same one step back).
    let added = store
        .as_ref()
        .and_then(|s| s.doc.undoable_fix().map(|u| u.summary.clone()))
        .filter(|s| s.starts_with("Graph:"));
    super::fix_it::use_undo_key(store.clone(), added.is_some());
    let Some(store) = store else {
        return html! {};
    };
    if store.ui.quiz {
        let why = "The graph draws only what the simulator allows, so it would tell which assume steps succeed.";
        return super::tabs::hidden_in_quiz(&store, Tab::Graph, "graph", why);
    }
    let body = match &*view {
        None => html! { <p class="muted" role="status">{ "Drawing…" }</p> },
        // A dead worker's message says the next request starts a new one: reopening the tab does.
        Some(Err(why)) => html! { <p class="graph-error" role="alert">{ why.clone() }</p> },
        Some(Ok(v)) => html! {
            <div class="graph-layout">
                <div class="graph-main">
                    <div class="graph-tools">
                        { question(v, &focus) }
                        { zoom_buttons(&zoom) }
                    </div>
                    { drawing(&store, v, *zoom, &canvas) }
                </div>
                { paths(&store, v, &chosen) }
            </div>
        },
    };
    html! {
        <section class="card world-card graph-card" id={Tab::Graph.panel()} role="tabpanel"
            aria-labelledby={Tab::Graph.id()}>
            <header class="card-header">
                <h2 class="card-title">{ Tab::Graph.label() }</h2>
                <p class="card-question">{ "Who can reach what?" }</p>
            </header>
            <div class="graph-body">
                <p class="muted graph-intro">{ "Each edge is a step the simulator allows here: click it or a path to run it on the timeline, a user or role for its permissions. Drag to pan." }</p>
                { legend() }
                if let Some(summary) = added {
                    <p class="fix-applied" id="graph-applied" role="status">
                        { summary }{ ". Ctrl+Z undoes it." }
                    </p>
                }
                { body }
            </div>
        </section>
    }
}

/// Asks the worker for the graph. layout-rs asserts on some dense graphs and the worker's wasm
/// aborts: then the graph is asked for again, laid out plainly (by a new worker).
fn ask(
    scenario: serde_json::Value,
    focus: Option<String>,
    plain: bool,
    view: UseStateHandle<Shown>,
    chosen: UseStateHandle<Option<usize>>,
) {
    let again = (scenario.clone(), focus.clone());
    let done = Callback::from(move |answer: Answer| {
        let Answer::Graph(result) = answer else {
            return;
        };
        if !plain && result.as_ref().is_err_and(|e| e == crate::worker::DIED) {
            let (scenario, focus) = again.clone();
            ask(scenario, focus, true, view.clone(), chosen.clone());
            return;
        }
        chosen.set(None);
        view.set(Some(result.map(Rc::new)));
    });
    let job = Job::Graph {
        scenario,
        focus,
        plain,
    };
    crate::worker::ask(job, done);
}

/// Once a new drawing is in the page: the `roleplay:graph` measure; a new drawing opens fitted.
#[hook]
fn use_measure_on_draw(view: &UseStateHandle<Shown>, zoom: &UseStateHandle<Option<f64>>) {
    let key = match &**view {
        Some(Ok(v)) => Some(Rc::as_ptr(v) as usize),
        _ => None,
    };
    let zoom = zoom.clone();
    use_effect_with(key, move |key| {
        if key.is_some() {
            crate::perf::measure_graph();
            zoom.set(None);
        }
    });
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

fn zoom_buttons(zoom: &UseStateHandle<Option<f64>>) -> Html {
    let by = |f: f64| {
        let zoom = zoom.clone();
        Callback::from(move |_: MouseEvent| {
            zoom.set(Some((zoom.unwrap_or(1.0) * f).clamp(0.25, 3.0)))
        })
    };
    let to_fit = {
        let zoom = zoom.clone();
        Callback::from(move |_: MouseEvent| zoom.set(None))
    };
    html! {
        <span class="graph-zoom">
            <button class="button button-small" aria-label="Zoom out" onclick={by(0.8)}>{ "−" }</button>
            <button class="button button-small" id="graph-fit" aria-label="Fit to width" onclick={to_fit}>{ "Fit" }</button>
            <button class="button button-small" aria-label="Zoom in" onclick={by(1.25)}>{ "+" }</button>
        </span>
    }
}

/// Appends `steps` to the scenario as one undoable change.
fn run_steps(store: &StoreHandle, steps: Vec<Step>, what: &str) {
    if steps.is_empty() {
        return;
    }
    let mut next = (*store.doc.scenario).clone();
    let n = steps.len();
    next.steps.extend(steps);
    let plural = if n == 1 { "" } else { "s" };
    let summary = format!("Graph: {what} — {n} step{plural} added to the timeline");
    store.dispatch(Action::ApplyFix(Rc::new(next), summary.into()));
}

/// The shape an event came from: `(is a node, element)`.
fn shape_of(e: &Event) -> Option<(bool, Element)> {
    let el = e.target()?.dyn_into::<Element>().ok()?;
    let shape = el.closest("[data-node], [data-edge]").ok()??;
    Some((shape.has_attribute("data-node"), shape))
}

/// A click or Enter on a shape: an edge runs its step on the timeline, a user or role opens its
/// effective permissions (the shape carries what it needs: `data-step`, `data-kind`, `data-id`).
fn activate(store: &StoreHandle, node: bool, shape: &Element) {
    let get = |name: &str| shape.get_attribute(name).unwrap_or_default();
    if !node {
        // Read as a list of one: the page then carries one reader of steps, the path's.
        let steps = serde_json::from_str::<Vec<Step>>(&format!("[{}]", get("data-step")));
        run_steps(store, steps.unwrap_or_default(), &get("data-label"));
        return;
    }
    let subject = match get("data-kind").as_str() {
        "user" => Subject::User(get("data-id")),
        "role" => Subject::Role(get("data-id")),
        _ => return,
    };
    let query = AccessQuery {
        subject: Some(subject),
        resource: AttrValue::default(),
    };
    store.dispatch(Action::Access(query));
    super::tabs::focus(Tab::Access.id());
}

fn drawing(store: &StoreHandle, v: &Rc<GraphView>, zoom: Option<f64>, canvas: &NodeRef) -> Html {
    if let Some(note) = &v.note {
        return html! { <p class="graph-note" role="status">{ note.clone() }</p> };
    }
    let onclick = {
        let store = store.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((node, shape)) = shape_of(&e) {
                activate(&store, node, &shape);
            }
        })
    };
    let onkeydown = {
        let store = store.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let (Some((node, at)), "Enter" | " ") = (shape_of(&e), e.key().as_str()) {
                e.prevent_default();
                activate(&store, node, &at);
            }
        })
    };
    // Fitted: the canvas's width, between half and full size.
    let width = match zoom {
        Some(z) => format!("width:{:.0}px", v.width * z),
        None => format!("width:clamp({:.0}px,100%,{:.0}px)", v.width / 2.0, v.width),
    };
    html! {
        <div class="graph-canvas" ref={canvas.clone()} {onclick} {onkeydown}>
            <div class="graph-sheet" style={width}></div>
        </div>
    }
}

/// Puts the drawing in the page and marks the chosen path's edges and nodes (`data-on`).
#[hook]
fn use_highlight(canvas: &NodeRef, v: Option<Rc<GraphView>>, chosen: Option<usize>) {
    let canvas = canvas.clone();
    let key = (v.as_ref().map(|v| Rc::as_ptr(v) as usize), chosen);
    // The drawing inserted last, held so its address cannot be reused by the next one.
    let inserted = use_mut_ref(|| None::<Rc<GraphView>>);
    use_effect_with(key, move |_| {
        let (Some(v), Some(c)) = (v, canvas.cast::<Element>()) else {
            return;
        };
        // The worker's markup goes in once per drawing: Yew keeps the sheet itself, empty.
        let sheet = c.first_element_child();
        let fresh = !inserted
            .borrow()
            .as_ref()
            .is_some_and(|i| Rc::ptr_eq(i, &v));
        if let (Some(sheet), true) = (
            sheet,
            fresh || c.query_selector("svg").ok().flatten().is_none(),
        ) {
            sheet.set_inner_html(&v.svg);
            *inserted.borrow_mut() = Some(v.clone());
        }
        let path = chosen.and_then(|k| v.paths.get(k));
        let edges = path.map(|p| p.edges.clone()).unwrap_or_default();
        let nodes = path.map(|p| p.nodes.clone()).unwrap_or_default();
        let Ok(all) = c.query_selector_all("[data-node], [data-edge]") else {
            return;
        };
        for el in (0..all.length()).filter_map(|i| all.get(i)?.dyn_into::<Element>().ok()) {
            let on = match (el.get_attribute("data-node"), el.get_attribute("data-edge")) {
                (Some(n), _) => n.parse().is_ok_and(|n: usize| nodes.contains(&n)),
                (_, Some(e)) => e.parse().is_ok_and(|e: usize| edges.contains(&e)),
                _ => false,
            };
            let _ = if on {
                el.set_attribute("data-on", "")
            } else {
                el.remove_attribute("data-on")
            };
        }
    });
}

/// The question the path list answers: escalation to admin, or who can reach a chosen role.
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
            <select id="graph-question" {onchange}>
                <option value="" selected={current.is_empty()}>{ "Escalation to admin" }</option>
                { for v.roles.iter().map(|(id, title)| html! {
                    <option value={id.clone()} selected={current == *id}>{ format!("Who can reach {title}") }</option>
                }) }
            </select>
        </label>
    }
}

fn paths(store: &StoreHandle, v: &Rc<GraphView>, chosen: &UseStateHandle<Option<usize>>) -> Html {
    let items = v.paths.iter().enumerate().map(|(k, p)| {
        let select = {
            let chosen = chosen.clone();
            Callback::from(move |_: MouseEvent| chosen.set(if *chosen == Some(k) { None } else { Some(k) }))
        };
        let run = {
            let (store, steps, title) = (store.clone(), p.steps.clone(), p.title.clone());
            Callback::from(move |_: MouseEvent| {
                let steps = serde_json::from_str::<Vec<Step>>(&steps).unwrap_or_default();
                run_steps(&store, steps, &title)
            })
        };
        let on = **chosen == Some(k);
        html! {
            <li class={classes!("graph-path", on.then_some("selected"))} id={format!("graph-path-{k}")}>
                <button class="graph-path-title" aria-pressed={on.to_string()} onclick={select}>{ p.title.clone() }</button>
                <ol class="graph-path-steps">
                    { for p.labels.iter().map(|l| html! { <li>{ l.clone() }</li> }) }
                </ol>
                <button class="button button-small graph-run" onclick={run}>{ "Run on the timeline" }</button>
            </li>
        }
    });
    let n = v.paths.len();
    html! {
        <div class="graph-paths">
            <h3>{ format!("{n} path{}", if n == 1 { "" } else { "s" }) }</h3>
            if v.paths.is_empty() {
                <p class="muted">{ "No path." }</p>
            }
            <ol>{ for items }</ol>
        </div>
    }
}
