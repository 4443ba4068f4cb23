//! Keystroke → repaint timing: the input handler marks `roleplay:edit` before the store re-runs
//! the scenario, and the app measures `roleplay:edit-to-render` once the next render has been
//! committed to the DOM (and `roleplay:edit-to-paint` at the following animation frame), and
//! `roleplay:edit-to-verdicts` once the worker's run of it is on the page. The
//! browser tests read these measures, and those of the Effective permissions tab (`roleplay:access`)
//! and the Graph tab (`roleplay:graph`).

use wasm_bindgen::prelude::*;

const EDIT: &str = "roleplay:edit";
/// The same instant, kept until the worker's run of the edit is shown.
const EDIT_RUN: &str = "roleplay:edit-run";

fn performance() -> Option<web_sys::Performance> {
    gloo_utils::window().performance()
}

/// Called by input handlers just before they dispatch an edit.
pub fn mark_edit() {
    mark(EDIT);
    mark(EDIT_RUN);
}

/// Called after a render that shows a new run: `roleplay:edit-to-verdicts`, from the last edit to the
/// worker's run of it on the page (the timeline's verdicts and the explanation).
pub fn measure_verdicts() {
    close("roleplay:edit-to-verdicts", EDIT_RUN);
}

/// The measure `name` from the mark `from`, if it is pending; the mark is then cleared.
fn close(name: &str, from: &str) {
    let Some(p) = performance() else {
        return;
    };
    if p.get_entries_by_name_with_entry_type(from, "mark").length() > 0 {
        let _ = p.measure_with_start_mark(name, from);
        p.clear_marks_with_mark_name(from);
    }
}

fn mark(name: &str) {
    if let Some(p) = performance() {
        p.clear_marks_with_mark_name(name);
        let _ = p.mark(name);
    }
}

const ACCESS: &str = "roleplay:access-start";

/// The Effective permissions tab is about to decide every catalog action.
pub fn mark_access() {
    mark(ACCESS);
}

/// Once the decisions are summarized: the measure `roleplay:access` (what the ≤ 50 ms bar is about),
/// and its duration in milliseconds. `None` when no computation is pending.
pub fn measure_access() -> Option<f64> {
    let p = performance()?;
    let start = p
        .get_entries_by_name_with_entry_type(ACCESS, "mark")
        .get(0)
        .dyn_into::<web_sys::PerformanceEntry>()
        .ok()?
        .start_time();
    let _ = p.measure_with_start_mark("roleplay:access", ACCESS);
    Some(p.now() - start)
}

/// After the commit that shows them: `roleplay:access-to-render`; the computation is closed.
pub fn measure_access_render() {
    close("roleplay:access-to-render", ACCESS);
}

/// Called after a render: closes the measure if an edit is pending.
pub fn measure_render() {
    let Some(p) = performance() else {
        return;
    };
    if p.get_entries_by_name_with_entry_type(EDIT, "mark").length() == 0 {
        return;
    }
    let _ = p.measure_with_start_mark("roleplay:edit-to-render", EDIT);
    let paint = Closure::once_into_js(move || {
        if let Some(p) = performance() {
            let _ = p.measure_with_start_mark("roleplay:edit-to-paint", EDIT);
            p.clear_marks_with_mark_name(EDIT);
        }
    });
    let _ = gloo_utils::window().request_animation_frame(paint.unchecked_ref());
}

/// A measure from `roleplay:main` (the wasm started) to now: startup phases the browser tests print.
pub fn since_main(name: &str) {
    measure(name, "roleplay:main");
}

/// A mark the browser tests read (earlier marks of the name are kept).
pub fn note(name: &str) {
    if let Some(p) = performance() {
        let _ = p.mark(name);
    }
}

/// A measure from the mark `from` to now.
pub fn measure(name: &str, from: &str) {
    if let Some(p) = performance() {
        let _ = p.measure_with_start_mark(name, from);
    }
}

const GRAPH: &str = "roleplay:graph-ask";

/// The Graph tab asks the worker for the graph.
pub fn mark_graph() {
    mark(GRAPH);
}

/// After the commit that draws it: `roleplay:graph`, from the question to the drawing in the page
/// (the ≤ 50 ms bar of issue 19, read by tests/e2e/graph.test.mjs).
pub fn measure_graph() {
    close("roleplay:graph", GRAPH);
}
