//! The *Fix it* worker (`crates/fix-worker`), started the first time a user opens *Fix it* and kept for
//! the page's life: requests go out as `roleplay_fix::worker` JSON, each reply comes back to the
//! callback of its request. A reply to a request that was superseded finds no callback and is dropped.

use crate::fix_it::{reply, request, Fixes};
use roleplay_sim::Scenario;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

/// The worker's loader (`web/fix-worker-loader.js`, beside the page): it starts the `fix-worker`
/// wasm Trunk builds and keeps messages that arrive before it is ready.
const LOADER: &str = "./fix-worker-loader.js";

type Waiting = Rc<RefCell<HashMap<u32, Callback<Fixes>>>>;

struct Bridge {
    worker: web_sys::Worker,
    waiting: Waiting,
    next: u32,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
}

thread_local! {
    static BRIDGE: RefCell<Option<Bridge>> = const { RefCell::new(None) };
}

/// Asks the worker for the fixes of step `index`; `done` gets them (or why there are none).
pub fn fixes(scenario: &Scenario, index: usize, done: Callback<Fixes>) {
    BRIDGE.with(|cell| {
        let mut bridge = cell.borrow_mut();
        if bridge.is_none() {
            *bridge = start();
        }
        let Some(b) = bridge.as_mut() else {
            done.emit(Err(
                "the Fix it worker could not be started in this browser".into(),
            ));
            return;
        };
        b.next = b.next.wrapping_add(1);
        let text = request(b.next, scenario, index);
        // Only the latest request of the section matters: earlier ones are answered into the void.
        b.waiting.borrow_mut().clear();
        b.waiting.borrow_mut().insert(b.next, done);
        let _ = b.worker.post_message(&JsValue::from_str(&text));
    });
}

fn start() -> Option<Bridge> {
    let worker = web_sys::Worker::new(LOADER).ok()?;
    let waiting: Waiting = Rc::default();
    let routes = Rc::clone(&waiting);
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let r = reply(&e.data().as_string().unwrap_or_default());
            if let Some(done) = routes.borrow_mut().remove(&r.id) {
                done.emit(r.outcome);
            }
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    Some(Bridge {
        worker,
        waiting,
        next: 0,
        _on_message: on_message,
    })
}
