//! roleplay-app: the browser front end of roleplay, an AWS IAM role playground. Yew components show
//! a role's trust and permissions policies side by side (Monaco editors, loaded lazily behind plain
//! textareas) with a status computed live in Rust by `roleplay-policy`, and the timeline of calls.
//!
//! It is the only crate that knows the DOM. It never decides anything about IAM itself (parsing,
//! validation and evaluation belong to the library crates), never panics on user input, and never
//! talks to any origin but its own: Monaco is served from our own `vs/` folder, and nothing is
//! fetched from a CDN or sent anywhere.
#![forbid(unsafe_code)]

mod analyses;
mod app;
mod catalog;
mod components;
mod fetch;
mod files;
mod monaco;
mod perf;
mod runner;
mod services;
mod state;
mod worker;

// The DOM-free logic lives in roleplay-studio; the components name its modules as the app's own.
use roleplay_studio::{
    access, analysis, fix_it, highlight, markdown, scenario, scenario_json, service_settings, world,
};

/// Talc, not the default dlmalloc: smaller in the page's wasm (docs/benchmarks.md, page weight).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    // The wasm is compiled and instantiated: the browser tests compare this with editors-ready.
    perf::note("roleplay:main");
    yew::Renderer::<app::App>::new().render();
}
