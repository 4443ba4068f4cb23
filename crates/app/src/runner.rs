//! The scenario's runs. The page's wasm carries no simulator: each version of the scenario goes to
//! the worker (`roleplay_worker::Job::Run`) once the first paint is done, and each reply becomes
//! [`Action::Ran`]; the store keeps the newest (`state.rs`). Until one arrives the last run stays
//! shown, and the timeline says it is running when there is none yet. A worker that dies under a run
//! is replaced, and the run asked once more.

use crate::perf;
use crate::state::{Action, Shared, Store, StoreHandle};
use roleplay_worker::{Answer, Job};
use std::rc::Rc;
use yew::prelude::*;

type Dispatcher = UseReducerDispatcher<Store>;

#[hook]
pub fn use_runs(store: StoreHandle) {
    // After the render that shows the run of the latest edit.
    let latest = store.run.of == Some(store.doc.revision);
    use_effect_with((store.run.of, latest), |&(_, latest)| {
        if latest {
            perf::measure_verdicts();
        }
    });
    let scenario = store.doc.scenario.clone();
    let dispatcher = store.dispatcher();
    use_effect_with(
        (store.run.started, store.doc.revision),
        move |&(started, revision)| {
            if !started {
                return;
            }
            perf::note("roleplay:run-asked");
            let scenario = crate::scenario_json::compact(&scenario);
            ask(scenario, revision, dispatcher);
        },
    );
}

/// Asks for the run of `scenario` at `revision` (asked once more of a new worker if the first dies);
/// without a run, the page says why.
fn ask(scenario: String, revision: u64, dispatcher: Dispatcher) {
    let done = Callback::from(move |answer| match answer {
        Answer::Ran(Ok(result)) => {
            perf::measure("roleplay:run", "roleplay:run-asked");
            dispatcher.dispatch(Action::Ran(revision, Shared(Rc::new(result))));
        }
        Answer::Ran(Err(why)) => dispatcher.dispatch(Action::Banner(Some(
            format!("The scenario could not be run: {why}").into(),
        ))),
        _ => {}
    });
    crate::worker::ask_twice(Job::Run { scenario }, done);
}
