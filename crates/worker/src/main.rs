//! The playground's web worker. Trunk builds this binary beside the app (`index.html`,
//! `data-type="worker"`; `web/worker-loader.js` starts it); the app starts the worker the first time a
//! user asks for what it does and talks to it in `roleplay_worker` messages.
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
            let reply = roleplay_worker::answer(&request);
            let _ = replies.post_message(&JsValue::from_str(&reply));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
}

/// The worker runs only in a browser; natively, `roleplay fix` and `roleplay import` run the same code.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
