//! The playground's web worker (`crates/worker`), started the first time the page asks for what it
//! does (the scenario's run, right after the first paint; share links; *Fix it*, Import, the trust
//! graph, learning mode; the service catalog's lint, completion, hover and Effective permissions)
//! and kept while it lives: jobs go out as `roleplay_worker` JSON, each reply
//! comes back to the callback of its job. A worker that dies (its wasm aborts on a panic, or never
//! loads) answers every waiting job with an error saying so, and the next job starts a new one —
//! handed the catalog again if it had been: nothing waits forever on a dead worker.

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

/// What a job is told when the worker dies under it.
pub const DIED: &str =
    "The page's worker stopped before it answered; your next request starts a new one.";

/// The jobs waiting for their answers, by id.
type Waiting = Rc<RefCell<HashMap<u32, Pending>>>;

/// A waiting job's callback, how to turn an error into its kind of answer, and the request's text
/// when it is to be posted once more to a new worker should this one die under it.
struct Pending {
    done: Callback<Answer>,
    fail: fn(String) -> Answer,
    again: Option<String>,
}

struct Bridge {
    worker: web_sys::Worker,
    waiting: Waiting,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

thread_local! {
    /// The last job's id: one count across workers, so a job posted again keeps its id.
    static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    static BRIDGE: RefCell<Option<Bridge>> = const { RefCell::new(None) };
    /// The last dead bridge: its error handler may still be running when it is replaced, so it is
    /// dropped only when the next one dies.
    static DEAD: RefCell<Option<Bridge>> = const { RefCell::new(None) };
}

fn failure(job: &Job) -> fn(String) -> Answer {
    match job {
        Job::Run { .. } => |why| Answer::Ran(Err(why)),
        Job::Share { .. } => |why| Answer::Shared(Err(why)),
        Job::Fix { .. } => |why| Answer::Fixes(Err(why)),
        Job::Import { .. } => |why| Answer::Imported(Err(why)),
        Job::Graph { .. } => |why| Answer::Graph(Err(why)),
        Job::Learn { .. } => |why| Answer::Learned(Err(why)),
        Job::Complete { .. } | Job::Hover { .. } | Job::Describe { .. } => {
            |_| Answer::Ide("null".into())
        }
        Job::Analyse { .. } => |why| Answer::Analysed(Err(why)),
        Job::Access(_) => |why| Answer::Access(Err(why)),
    }
}

thread_local! {
    /// The catalog's text once handed over: a restarted worker gets it again.
    static CATALOG: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// Hands the service catalog's JSON text (a JS string, never copied into the page's memory) to the
/// worker, which reads and keeps it; `done` gets `Answer::Catalog`.
pub fn load_catalog(text: JsValue, done: Callback<Answer>) {
    let fail: fn(String) -> Answer = |why| Answer::Catalog(Err(why));
    let sent = BRIDGE.with(|cell| {
        let mut bridge = cell.borrow_mut();
        if bridge.is_none() {
            *bridge = start();
        }
        let b = bridge.as_mut()?;
        let id = next_id();
        let pending = Pending {
            done: done.clone(),
            fail,
            again: None,
        };
        b.waiting.borrow_mut().insert(id, pending);
        post_catalog(&b.worker, id, &text);
        Some(())
    });
    match sent {
        Some(()) => CATALOG.with(|cell| *cell.borrow_mut() = Some(text)),
        None => done.emit(fail(
            "the page's worker could not be started in this browser".into(),
        )),
    }
}

fn post_catalog(worker: &web_sys::Worker, id: u32, text: &JsValue) {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"id".into(), &id.into());
    let _ = js_sys::Reflect::set(&message, &"catalog".into(), text);
    let _ = worker.post_message(&message);
}

/// An editor question (completion, hover, an item's description) for Monaco's providers: a promise
/// of the worker's JSON answer, parsed (`null` when there is none).
pub fn ask_ide(job: Job) -> js_sys::Promise {
    let mut job = Some(job);
    js_sys::Promise::new(&mut |resolve, _| {
        let Some(job) = job.take() else {
            return;
        };
        ask(
            job,
            Callback::from(move |answer| {
                let value = match answer {
                    Answer::Ide(text) => js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL),
                    _ => JsValue::NULL,
                };
                let _ = resolve.call1(&JsValue::NULL, &value);
            }),
        )
    })
}

/// The worker's answer to `job`, awaited.
pub async fn answer(job: Job) -> Answer {
    let fail = failure(&job);
    let slot: Rc<RefCell<Option<Answer>>> = Rc::default();
    let mut job = Some(job);
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let (Some(job), slot) = (job.take(), Rc::clone(&slot)) else {
            return;
        };
        let done = Callback::from(move |answer| {
            *slot.borrow_mut() = Some(answer);
            let _ = resolve.call0(&JsValue::NULL);
        });
        ask(job, done);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    let answer = slot.borrow_mut().take();
    answer.unwrap_or_else(|| fail(DIED.into()))
}

/// Gives `job` to the worker (starting one if none runs); `done` gets its answer.
pub fn ask(job: Job, done: Callback<Answer>) {
    send(job, done, false);
}

/// As [`ask`], for the page's own answers (the run, the editors' analyses): a worker that dies under
/// the job is replaced and asked once more before `done` hears of the death.
pub fn ask_twice(job: Job, done: Callback<Answer>) {
    send(job, done, true);
}

fn send(job: Job, done: Callback<Answer>, twice: bool) {
    let fail = failure(&job);
    let id = next_id();
    let text = serde_json::to_string(&Request { id, job }).unwrap_or_default();
    let again = twice.then(|| text.clone());
    post(id, &text, Pending { done, fail, again });
}

fn next_id() -> u32 {
    NEXT.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    })
}

/// Posts a request's text to the worker (starting one if none runs), its answer to `pending`.
fn post(id: u32, text: &str, pending: Pending) {
    let refused = BRIDGE.with(|cell| {
        let mut bridge = cell.borrow_mut();
        if bridge.is_none() {
            *bridge = start();
        }
        let Some(b) = bridge.as_mut() else {
            return Some(pending);
        };
        let _ = b.worker.post_message(&JsValue::from_str(text));
        b.waiting.borrow_mut().insert(id, pending);
        None
    });
    if let Some(Pending { done, fail, .. }) = refused {
        done.emit(fail(
            "the page's worker could not be started in this browser".into(),
        ));
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `JSON.parse` of the message's string where it is: `js_sys::JSON::parse` takes a `&str`, and
    /// copying an 860 KB answer into the page's memory and back out took 13 ms of a 50 ms bar.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_json(text: &JsValue) -> Result<JsValue, JsValue>;
}

fn start() -> Option<Bridge> {
    let worker = web_sys::Worker::new(LOADER).ok()?;
    let waiting: Waiting = Rc::default();
    let routes = Rc::clone(&waiting);
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            // Parsed by the browser and read through serde-wasm-bindgen: the reply types' readers
            // are then far smaller than serde_json's (docs/benchmarks.md, page weight).
            let Ok(reply) = parse_json(&e.data())
                .map_err(|_| ())
                .and_then(|v| serde_wasm_bindgen::from_value::<Reply>(v).map_err(|_| ()))
            else {
                return;
            };
            let waiting = routes.borrow_mut().remove(&reply.id);
            if let Some(pending) = waiting {
                pending.done.emit(reply.answer);
            }
        });
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|_: web_sys::Event| died());
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // A new worker after a dead one: the catalog again (its reply, id 0, has no one waiting).
    CATALOG.with(|cell| {
        if let Some(text) = cell.borrow().as_ref() {
            post_catalog(&worker, 0, text);
        }
    });
    Some(Bridge {
        worker,
        waiting,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// The worker failed (an uncaught error, a wasm abort, a loader that could not start it): it is
/// stopped, every waiting job gets an error (or, once, a new worker), and the next job starts a new
/// worker.
fn died() {
    let Some(dead) = BRIDGE.with(|cell| cell.borrow_mut().take()) else {
        return;
    };
    dead.worker.terminate();
    // Its other queued errors (one per message it failed) must not reach the next worker's bridge:
    // the jobs answered below may already have started it.
    dead.worker.set_onerror(None);
    dead.worker.set_onmessage(None);
    let waiting: Vec<_> = dead.waiting.borrow_mut().drain().collect();
    DEAD.with(|cell| *cell.borrow_mut() = Some(dead));
    for (id, Pending { done, fail, again }) in waiting {
        match again {
            Some(text) => post(
                id,
                &text,
                Pending {
                    done,
                    fail,
                    again: None,
                },
            ),
            None => done.emit(fail(DIED.into())),
        }
    }
}
