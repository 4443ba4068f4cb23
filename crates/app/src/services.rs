//! Side effects that watch the store: the share link in the URL fragment and the autosave in
//! localStorage (debounced), the theme on the page and in Monaco, and the startup that reads them.

use crate::scenario::{default_scenario, is_unsaved};
use crate::scenario_json::{from_link, link_json};
use crate::state::{Banner, Conflict, Store, StoreHandle, Theme};
use gloo_timers::callback::Timeout;
use roleplay_sim::{share, Scenario};
use roleplay_worker::{Answer, Job};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

const SCENARIO_KEY: &str = "roleplay:scenario";
const THEME_KEY: &str = "roleplay:theme";
const DEBOUNCE_MS: u32 = 300;

/// The page's localStorage, when the browser allows it. Not `gloo-storage`: its `LocalStorage`
/// throws (stopping the app) where storage is blocked, and it stores values as JSON, which would
/// not read the autosaves and theme already written as plain text.
fn storage() -> Option<web_sys::Storage> {
    gloo_utils::window().local_storage().ok().flatten()
}

pub(crate) fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub(crate) fn store_item(key: &str, value: &str) {
    if let Some(s) = storage() {
        // Full or disabled storage: the share link still carries the work.
        let _ = s.set_item(key, value);
    }
}

fn hash() -> String {
    gloo_utils::window().location().hash().unwrap_or_default()
}

/// The page's address with this scenario in its fragment (written by the worker).
pub async fn share_url(s: &Scenario) -> Option<String> {
    let location = gloo_utils::window().location();
    let base = format!("{}{}", location.origin().ok()?, location.pathname().ok()?);
    Some(format!("{base}#{}", fragment(s).await?))
}

/// The share link's fragment (without `#`) for a scenario.
async fn fragment(s: &Scenario) -> Option<String> {
    let job = Job::Share { text: link_json(s) };
    match crate::worker::answer(job).await {
        Answer::Shared(Ok(fragment)) => Some(fragment),
        _ => None,
    }
}

/// The store a visit starts with: a share link wins over autosaved work, but when the two differ
/// and the autosave is the user's own work (not a pristine default or gallery scenario) the user is
/// asked; a broken link says why in a banner and keeps the autosaved (or default) work.
pub fn initial_store() -> Store {
    let autosaved = stored(SCENARIO_KEY).and_then(|t| crate::scenario::read(&t).ok());
    let theme = stored(THEME_KEY).map_or(Theme::System, |t| Theme::parse(&t));
    let fragment = hash();
    let linked = fragment
        .contains("s=")
        .then(|| share::decode(&fragment).map_err(|e| e.to_string()))
        .map(|r| {
            r.and_then(|text| roleplay_sim::read(&text).map_err(|e| e.to_string()))
                .map(from_link)
        });
    let quiz = share::wants_quiz(&fragment);
    let mut store = match (linked, autosaved) {
        (Some(Ok(linked)), Some(saved)) if saved != linked && is_unsaved(&saved) => {
            let mut s = Store::deferred(saved);
            s.ui.conflict = Some(Conflict {
                linked: Rc::new(linked),
                import: None,
                quiz,
            });
            s
        }
        (Some(Ok(linked)), _) => {
            let mut s = Store::deferred(linked);
            s.ui.quiz = quiz && crate::state::has_quiz(&s.doc.scenario);
            s
        }
        (Some(Err(e)), saved) => {
            let mut s = Store::deferred(saved.unwrap_or_else(default_scenario));
            s.ui.banner = Some(Banner::warning(format!(
                "The shared link could not be opened: {e}. Your previous work is shown instead."
            )));
            s
        }
        (None, saved) => Store::deferred(saved.unwrap_or_else(default_scenario)),
    };
    store.ui.theme = theme;
    // A drill link opens the drill, ready to replay; the scenario shown is the autosaved one.
    if fragment.contains("drill=") {
        store.ui.drill_open = store.ui.conflict.is_none();
        store.ui.drill_shared = Some(fragment.into());
    }
    crate::perf::since_main("roleplay:startup-store");
    store
}

/// Lets the worker run the scenario once the editors have painted (an animation frame, then a task),
/// so a first visit shows working editors before the worker is even started (`crate::runner`).
#[hook]
pub fn use_first_run(store: StoreHandle) {
    use_effect_with((), move |_| {
        let dispatcher = store.dispatcher();
        let after_frame = Closure::once_into_js(move || {
            Timeout::new(0, move || dispatcher.dispatch(crate::state::Action::Run)).forget();
        });
        let _ = gloo_utils::window().request_animation_frame(after_frame.unchecked_ref());
    });
}

/// After every scenario change (debounced): the URL fragment via history.replaceState and the
/// autosave. Nothing is written while a share link waits for the user's decision.
#[hook]
pub fn use_persistence(store: StoreHandle) {
    let pending = use_mut_ref(|| None::<Timeout>);
    let revision = store.doc.revision;
    let waiting = store.ui.conflict.is_some();
    let scenario = store.doc.scenario.clone();
    use_effect_with((revision, waiting), move |(_, waiting)| {
        // Dropping the pending save cancels it.
        pending.borrow_mut().take();
        if *waiting {
            return;
        }
        *pending.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || save(&scenario)));
    });
}

fn save(scenario: &Rc<Scenario>) {
    store_item(SCENARIO_KEY, &crate::scenario_json::compact(scenario));
    let scenario = Rc::clone(scenario);
    // The worker's replies come in order: the last change's link is the one left in the address.
    wasm_bindgen_futures::spawn_local(async move {
        let (Some(fragment), Ok(history)) =
            (fragment(&scenario).await, gloo_utils::window().history())
        else {
            return;
        };
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
        crate::perf::note("roleplay:saved");
    });
}

/// The theme on the page (`data-theme` on <html>; none for "system") and in Monaco.
#[hook]
pub fn use_theme(theme: Theme) {
    use_effect_with(theme, move |theme| {
        if let Some(root) = gloo_utils::document().document_element() {
            let _ = match theme {
                Theme::System => root.remove_attribute("data-theme"),
                t => root.set_attribute("data-theme", t.name()),
            };
        }
        store_item(THEME_KEY, theme.name());
        crate::monaco::theme_preference(theme.name());
    });
}
