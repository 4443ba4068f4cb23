//! The editors' analyses. The page's wasm carries no policy parser: each text of the role's two
//! editors (and of the world tabs' policy fields, [`use_analysis`]) goes to the worker
//! (`roleplay_worker::Job::Analyse`), again once the service catalog has loaded, whose lint then
//! joins it. Until the answer comes the last analysis stays shown.

use crate::analysis::RolePolicy;
use crate::state::{Action, StoreHandle};
use roleplay_policy::PolicyKind;
use roleplay_worker::{Analysis, Answer, Job};
use std::rc::Rc;
use yew::prelude::*;

/// The role's two editors: each analysis becomes [`Action::Analysed`].
#[hook]
pub fn use_editor_analyses(store: StoreHandle) {
    use_editor(&store, RolePolicy::Trust);
    use_editor(&store, RolePolicy::Permissions);
}

#[hook]
fn use_editor(store: &StoreHandle, policy: RolePolicy) {
    let text = store.doc.policy(policy).text.clone();
    let dispatcher = store.dispatcher();
    // Asked once the first paint is done (`run.started`), as the run is: starting the worker
    // earlier delayed the first paint.
    let deps = (store.run.started, store.catalog.ready, text);
    use_effect_with(deps, move |(started, _, text)| {
        if !*started {
            return;
        }
        let of = text.clone();
        let done =
            move |analysis| dispatcher.dispatch(Action::Analysed(policy, of.clone(), analysis));
        ask(text, policy.kind(), Some(policy.quota().limit), done);
    });
}

/// A world tab's policy field: its text's analysis, once the worker has answered (the last one
/// until the next answer).
#[hook]
pub fn use_analysis(
    text: AttrValue,
    kind: PolicyKind,
    limit: Option<usize>,
    catalog_ready: bool,
) -> Option<Rc<Analysis>> {
    let shown = use_state_eq(|| None::<Rc<Analysis>>);
    {
        let shown = shown.clone();
        use_effect_with(
            (text, kind, limit, catalog_ready),
            move |(text, kind, limit, _)| {
                ask(text, *kind, *limit, move |analysis| {
                    shown.set(Some(analysis))
                });
            },
        );
    }
    (*shown).clone()
}

/// Asks for the analysis of `text` (once more of a new worker if the first dies; twice dead, the
/// last analysis stays and the run's banner says why).
fn ask(text: &str, kind: PolicyKind, limit: Option<usize>, done: impl Fn(Rc<Analysis>) + 'static) {
    let job = Job::Analyse {
        text: text.to_owned(),
        kind,
        limit,
    };
    let answered = Callback::from(move |answer| {
        if let Answer::Analysed(Ok(analysis)) = answer {
            done(Rc::new(analysis));
        }
    });
    crate::worker::ask_twice(job, answered);
}
