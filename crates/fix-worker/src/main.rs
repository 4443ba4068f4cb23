//! roleplay-fix-worker: the playground's *Fix it* engine, run in a dedicated web worker. Trunk builds it
//! beside the app (`index.html`, `data-type="worker"`); the app starts it the first time a user opens
//! *Fix it* and talks to it in `roleplay_fix::worker` messages. Keeping the engine here keeps it out of
//! the page's own wasm (its size budget, docs/benchmarks.md) and its work off the main thread.
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let request = e.data().as_string().unwrap_or_default();
            let reply = roleplay_fix::worker::answer(&request);
            let _ = replies.post_message(&JsValue::from_str(&reply));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
}

/// The worker runs only in a browser; natively, `roleplay fix` runs the same engine.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
