use crate::scenario::{
    call_label, clock, clock_of, epoch_seconds, invitation, step_caller, verdict, CallerLabel,
};
use crate::state::{Action, Run, StoreHandle};
use roleplay_sim::StepResult;
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// The timeline of calls: a session lifetime bar on a time axis, then one row per step with its
/// time, caller, call and verdict, AWS's message under denied and failed calls. The rows are a
/// listbox: arrow keys move the selection, Enter opens the explanation.
#[component]
pub fn Timeline() -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let list = use_node_ref();
    // Set by the arrow keys: the selected row is then scrolled into view (a click never scrolls).
    let by_keyboard = use_mut_ref(|| false);
    let result = &store.run.result;
    let steps = &store.doc.scenario.steps;
    let count = result.steps.len();
    let selected = store.run.selected;

    let onkeydown = {
        let dispatcher = store.dispatcher();
        let by_keyboard = by_keyboard.clone();
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "ArrowDown" => Some(selected.map_or(0, |i| (i + 1).min(count.saturating_sub(1)))),
                "ArrowUp" => Some(selected.map_or(0, |i| i.saturating_sub(1))),
                "Home" => Some(0),
                "End" => Some(count.saturating_sub(1)),
                "Enter" | " " => {
                    e.prevent_default();
                    if selected.is_none() && count > 0 {
                        dispatcher.dispatch(Action::Select(Some(0)));
                    }
                    focus_explanation();
                    return;
                }
                "Escape" => {
                    dispatcher.dispatch(Action::Select(None));
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            if count > 0 {
                *by_keyboard.borrow_mut() = true;
                dispatcher.dispatch(Action::Select(next));
            }
        })
    };

    // Keep the selected row in view while the keyboard moves it.
    {
        let list = list.clone();
        use_effect_with(selected, move |selected| {
            if !std::mem::take(&mut *by_keyboard.borrow_mut()) {
                return;
            }
            if let (Some(i), Some(list)) = (selected, list.cast::<web_sys::Element>()) {
                if let Ok(Some(row)) = list.query_selector(&format!("#step-{i}")) {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    row.scroll_into_view_with_scroll_into_view_options(&options);
                }
            }
        });
    }

    let rows = result
        .steps
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let onclick = {
                let dispatcher = store.dispatcher();
                Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Select(Some(i))))
            };
            html! { <StepRow index={i} selected={selected == Some(i)} label={row_label(&result.steps, r, steps.get(i))} {onclick} /> }
        })
        .collect::<Html>();

    let add = {
        let dispatcher = store.dispatcher();
        Callback::from(move |_: MouseEvent| {
            crate::perf::mark_edit();
            dispatcher.dispatch(Action::AddStep)
        })
    };
    let met = result
        .steps
        .iter()
        .filter(|s| s.expectation.is_some())
        .count();
    let failed = result.failed_expectations().count();
    // Before the first run the scenario's own steps are counted.
    let listed = if store.run.pending {
        steps.len()
    } else {
        count
    };
    let summary = if met == 0 {
        format!("{listed} step{}", if listed == 1 { "" } else { "s" })
    } else if failed == 0 {
        format!("{count} steps · every expectation holds")
    } else {
        format!("{count} steps · {failed} of {met} expectations differ")
    };

    html! {
        <section class="card timeline" aria-labelledby="timeline-heading">
            <header class="card-header">
                <h2 class="card-title" id="timeline-heading">{ "Timeline" }</h2>
                <p class={classes!("card-question", (failed > 0).then_some("expect-failed"))} id="timeline-summary">{ summary }</p>
                <button type="button" class="button button-small" id="add-step" onclick={add}>{ "+ Step" }</button>
            </header>
            // The first move, until the user has made one. (Hidden rather than removed: a node
            // that comes and goes before the session bars' component made Yew lose its place.)
            <p class="invitation" id="invitation"
                hidden={!(std::rc::Rc::ptr_eq(&store.doc.scenario, &store.doc.baseline) && count > 0)}>
                { invitation(&store.doc.scenario) }
            </p>
            <SessionBars result={store.run.result.clone()} />
            if store.run.pending {
                <div class="empty-state" aria-busy="true">
                    <p>{ "Running the scenario…" }</p>
                </div>
            } else if count == 0 {
                <div class="empty-state">
                    <p>{ "No steps yet. Add one: an AssumeRole, then API calls with its session — each gets AWS's answer." }</p>
                </div>
            } else {
                <div
                    class="steps"
                    id="timeline-steps"
                    role="listbox"
                    tabindex="0"
                    aria-label="Steps of the scenario"
                    aria-activedescendant={selected.map(|i| format!("step-{i}"))}
                    ref={list}
                    {onkeydown}
                >
                    { rows }
                </div>
            }
        </section>
    }
}

fn focus_explanation() {
    if let Some(el) = gloo_utils::document()
        .get_element_by_id("explanation")
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = el.focus();
    }
}

/// Everything one row shows, computed from the step and its result.
#[derive(Debug, Clone, PartialEq)]
pub struct RowLabel {
    time: String,
    caller: CallerLabel,
    call: String,
    verdict: String,
    class: &'static str,
    message: Option<String>,
    expected: Option<String>,
}

fn row_label(all: &[StepResult], r: &StepResult, step: Option<&roleplay_sim::Step>) -> RowLabel {
    let code = r.error.as_ref().map(|e| e.code.as_str());
    let (verdict, class) = verdict(r.decision, code);
    RowLabel {
        time: clock(&r.at).to_owned(),
        caller: step_caller(all, r),
        call: call_label(step, &r.action, r.resource.as_deref()),
        verdict,
        class,
        message: r
            .error
            .as_ref()
            .map(|e| format!("{}: {}", e.code, e.message)),
        expected: r
            .expectation
            .as_ref()
            .filter(|e| !e.met)
            .map(|e| format!("expected {}", e.expected)),
    }
}

#[derive(Properties, PartialEq)]
struct StepRowProps {
    index: usize,
    selected: bool,
    label: RowLabel,
    onclick: Callback<MouseEvent>,
}

#[component]
fn StepRow(props: &StepRowProps) -> Html {
    let l = &props.label;
    html! {
        <div
            class={classes!("step", props.selected.then_some("selected"), format!("step-{}", l.class))}
            id={format!("step-{}", props.index)}
            role="option"
            aria-selected={if props.selected { "true" } else { "false" }}
            onclick={props.onclick.clone()}
        >
            <span class="step-time">{ &l.time }</span>
            <span class="step-caller">
                <span class="caller-name">{ &l.caller.name }</span>
                <span class="caller-kind">{ &l.caller.kind }</span>
            </span>
            <span class="step-call">{ &l.call }</span>
            <span class="step-verdict">
                <span class={classes!("badge", format!("badge-{}", l.class))}>{ &l.verdict }</span>
                if let Some(expected) = &l.expected {
                    <span class="expect-miss" title="This step's expect differs from the outcome">{ expected }</span>
                }
            </span>
            if let Some(message) = &l.message {
                <code class="step-message" title={message.clone()}>{ message }</code>
            }
        </div>
    }
}

/// A tick interval that gives at most five round labels over `span` seconds.
fn nice_step(span: i64) -> i64 {
    const STEPS: [i64; 11] = [
        60, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400,
    ];
    STEPS
        .iter()
        .copied()
        .find(|s| span / s <= 4)
        .unwrap_or(86_400)
}

#[derive(Properties, PartialEq)]
struct SessionBarsProps {
    result: Run,
}

/// Each session the timeline minted, from issue to expiry, on one time axis with the steps.
#[component]
fn SessionBars(props: &SessionBarsProps) -> Html {
    let r = &props.result;
    let sessions: Vec<_> = r
        .steps
        .iter()
        .filter_map(|s| {
            let info = s.session.as_ref()?;
            Some((
                epoch_seconds(&info.issued)?,
                epoch_seconds(&info.expires)?,
                info,
            ))
        })
        .collect();
    if sessions.is_empty() {
        return html! {};
    }
    let times: Vec<i64> = r
        .steps
        .iter()
        .filter_map(|s| epoch_seconds(&s.at))
        .collect();
    let lo = times
        .iter()
        .copied()
        .chain(sessions.iter().map(|s| s.0))
        .min()
        .unwrap_or(0);
    let hi = times
        .iter()
        .copied()
        .chain(sessions.iter().map(|s| s.1))
        .max()
        .unwrap_or(lo)
        .max(lo + 60);
    let span = (hi - lo) as f64;
    let pct = |t: i64| ((t - lo) as f64 / span * 100.0).clamp(0.0, 100.0);
    let step = nice_step(hi - lo);
    let first = lo.div_euclid(step) * step + if lo.rem_euclid(step) == 0 { 0 } else { step };
    let tick_html = (0..)
        .map(|k| first + k * step)
        .take_while(|t| *t <= hi)
        .filter(|t| {
            // Keep labels clear of the axis ends, which carry their own: a label is about 32 px
            // wide, the axis as narrow as 350 px on a phone ("01:00" beside an end's "01:05"
            // overlapped at 7 %). Ticks are at least a quarter of the axis apart (`nice_step`).
            let p = pct(*t);
            p > 15.0 && p < 85.0
        })
        .chain([lo, hi])
        .map(|t| {
            let edge = if t == lo {
                Some("tick-start")
            } else if t == hi {
                Some("tick-end")
            } else {
                None
            };
            html! { <span class={classes!("axis-tick", edge)} style={format!("left:{:.2}%", pct(t))}>{ clock_of(t) }</span> }
        })
        .collect::<Html>();
    let marks = r
        .steps
        .iter()
        .filter_map(|s| {
            let t = epoch_seconds(&s.at)?;
            let (_, class) = verdict(s.decision, None);
            Some(html! {
                <span class={classes!("axis-mark", format!("mark-{class}"))} style={format!("left:{:.2}%", pct(t))} title={format!("step {} at {}", s.index + 1, clock(&s.at))}></span>
            })
        })
        .collect::<Html>();
    let bars = sessions
        .iter()
        .map(|(a, b, info)| {
            let minutes = (b - a) / 60;
            let length = if minutes % 60 == 0 {
                format!("{} h", minutes / 60)
            } else {
                format!("{minutes} min")
            };
            let name = crate::scenario::arn_name(&info.arn);
            html! {
                <div class="lane">
                    <span
                        class={classes!("session-bar", info.chained.then_some("chained"))}
                        style={format!("left:{:.2}%;width:{:.2}%", pct(*a), (pct(*b) - pct(*a)).max(0.5))}
                        title={format!("{} · {} → {}", info.arn, clock(&info.issued), clock(&info.expires))}
                    >
                        { format!("session {name} · {length}") }
                        if info.chained {
                            <span class="chained-tag">{ " · chained" }</span>
                        }
                    </span>
                </div>
            }
        })
        .collect::<Html>();
    html! {
        <div class="sessions" id="session-bars" aria-label="Session lifetimes">
            <div class="lanes">{ bars }</div>
            <div class="axis">{ marks }{ tick_html }</div>
        </div>
    }
}
