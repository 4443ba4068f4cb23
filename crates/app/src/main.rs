//! roleplay-app: the browser front end of roleplay, an AWS IAM role playground. Yew components show
//! a role's trust and permissions policies side by side (Monaco editors, loaded lazily behind plain
//! textareas) with a status computed live in Rust by `roleplay-policy`, and the timeline of calls.
//!
//! It is the only crate that knows the DOM. It never decides anything about IAM itself (parsing,
//! validation and evaluation belong to the library crates), never panics on user input, and never
//! talks to any origin but its own: Monaco is served from our own `vs/` folder, and nothing is
//! fetched from a CDN or sent anywhere.
#![forbid(unsafe_code)]

mod access;
mod analysis;
mod app;
mod catalog;
mod components;
mod drill;
mod fetch;
mod files;
mod fix_it;
mod highlight;
mod ide;
mod markdown;
mod monaco;
mod perf;
mod scenario;
mod scenario_json;
mod services;
mod state;
mod worker;
mod world;

fn main() {
    // The wasm is compiled and instantiated: the browser tests compare this with editors-ready.
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark("roleplay:main");
    }
    yew::Renderer::<app::App>::new().render();
}
