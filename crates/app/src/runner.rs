//! The scenario's runs. The page's wasm carries no simulator: each version of the scenario goes to
//! the worker (`roleplay_worker::Job::Run`) once the first paint is done, and each reply becomes
//! [`Action::Ran`]; the store keeps the newest (`state.rs`). Until one arrives the last run stays
//! shown, and the timeline says it is running when there is none yet.

use crate::perf;
use crate::state::{Action, Shared, StoreHandle};
use roleplay_worker::{Answer, Job};
use std::rc::Rc;
use yew::prelude::*;

#[hook]
pub fn use_runs(store: StoreHandle) {
    let scenario = store.doc.scenario.clone();
    let dispatcher = store.dispatcher();
    use_effect_with(
        (store.run.started, store.doc.revision),
        move |&(started, revision)| {
            if !started {
                return;
            }
            let scenario = crate::scenario_json::value(&scenario);
            perf::note("roleplay:run-asked");
            let done = dispatcher.clone();
            crate::worker::ask(
                Job::Run { scenario },
                Callback::from(move |answer| match answer {
                    Answer::Ran(Ok(result)) => {
                        perf::measure("roleplay:run", "roleplay:run-asked");
                        done.dispatch(Action::Ran(revision, Shared(Rc::new(result))));
                    }
                    Answer::Ran(Err(why)) => failed(&done, why),
                    _ => {}
                }),
            );
        },
    );
}

fn failed(dispatcher: &UseReducerDispatcher<crate::state::Store>, why: String) {
    dispatcher.dispatch(Action::Banner(Some(
        format!("The scenario could not be run: {why}").into(),
    )));
}
