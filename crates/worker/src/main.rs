//! The playground's web worker. Trunk builds this binary beside the app (`index.html`,
//! `data-type="worker"`; `web/worker-loader.js` starts it); the app starts the worker the first time a
//! user asks for what it does and talks to it in `roleplay_worker` messages: a JSON text per job, and
//! once the catalog's text as `{id, catalog}` (a JS string, handed over without copying it into the
//! page's own memory).
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            if let Some(request) = data.as_string() {
                let reply = roleplay_worker::answer(&request);
                let _ = replies.post_message(&JsValue::from_str(&reply));
                return;
            }
            let field = |name: &str| js_sys::Reflect::get(&data, &JsValue::from_str(name)).ok();
            let id = field("id").and_then(|v| v.as_f64()).unwrap_or(0.0) as u32;
            let text = field("catalog")
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let reply = roleplay_worker::load_catalog(id, &text);
            // Before "ready": the first question then runs optimised code (see
            // `roleplay_worker::access::warm_up`); the page does not wait meanwhile.
            roleplay_worker::catalog::warm_up();
            let _ = replies.post_message(&JsValue::from_str(&reply));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
}

/// The worker runs only in a browser; natively, `roleplay fix`, `roleplay import`, `roleplay access`
/// and `roleplay lint` run the same code.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
