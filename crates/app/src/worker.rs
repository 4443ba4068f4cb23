//! The playground's web worker (`crates/worker`), started the first time a user asks for what it does
//! (*Fix it*, Import) and kept for the page's life: jobs go out as `roleplay_worker` JSON, each reply
//! comes back to the callback of its job. A reply to a job that was superseded is dropped.

use roleplay_worker::{Answer, Job, Reply, Request};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

/// The worker's loader (`web/worker-loader.js`, beside the page): it starts the `worker` wasm Trunk
/// builds and keeps messages that arrive before it is ready.
const LOADER: &str = "./worker-loader.js";

type Waiting = Rc<RefCell<HashMap<u32, Callback<Answer>>>>;

struct Bridge {
    worker: web_sys::Worker,
    waiting: Waiting,
    next: u32,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
}

thread_local! {
    static BRIDGE: RefCell<Option<Bridge>> = const { RefCell::new(None) };
}

/// Gives `job` to the worker; `done` gets its answer. Only the latest job of each kind is answered:
/// a new Fix it job replaces the one before, a new import the one before.
pub fn ask(job: Job, done: Callback<Answer>) {
    BRIDGE.with(|cell| {
        let mut bridge = cell.borrow_mut();
        if bridge.is_none() {
            *bridge = start();
        }
        let Some(b) = bridge.as_mut() else {
            let why = "the page's worker could not be started in this browser".to_string();
            done.emit(match job {
                Job::Fix { .. } => Answer::Fixes(Err(why)),
                Job::Import { .. } => Answer::Imported(Err(why)),
                Job::Questions { .. } => Answer::Questions(Err(why)),
            });
            return;
        };
        b.next = b.next.wrapping_add(1);
        let text = serde_json::to_string(&Request { id: b.next, job }).unwrap_or_default();
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
            let text = e.data().as_string().unwrap_or_default();
            let Ok(reply) = serde_json::from_str::<Reply>(&text) else {
                return;
            };
            if let Some(done) = routes.borrow_mut().remove(&reply.id) {
                done.emit(reply.answer);
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
