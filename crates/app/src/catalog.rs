//! The service catalog in the browser: `catalog.json`, fetched from the page's own origin once the
//! rich editors are live (long after the first paint), parsed by `roleplay_catalog`, then handed to
//! the store. Nothing waits for it: until it arrives — or if it never does — the editors, lint and
//! the timeline work as before; with it, lint adds catalog findings and the editors complete and
//! explain actions, and the
//! evaluator is warmed up for the Effective permissions tab (`crate::access::warm_up`).

use crate::perf;
use crate::state::{Action, MonacoState, Shared, StoreHandle, Tab};
use roleplay_catalog::Catalog;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// Where the build puts the catalog, relative to the page (Trunk.toml's post-build hook).
const URL: &str = "catalog.json";

/// The longest the load waits for the page to be idle before it starts anyway.
const IDLE_TIMEOUT_MS: u32 = 1_000;

/// Services added per task while loading (of ~450): each slice stays well under a frame.
const SERVICES_PER_TASK: usize = 40;

/// A loaded catalog, shared (it is loaded once).
pub type SharedCatalog = Shared<Catalog>;

/// Once the rich editors are live (Monaco ready; not on phones, where the textarea stays) or the
/// Effective permissions tab is opened, and the page is next idle: fetch and parse the catalog in the background.
/// `data-catalog` on `<html>` says loading, failed, or ready — once the editors show what it adds;
/// the browser tests read it and the `roleplay:catalog-*` measures.
#[hook]
pub fn use_catalog_loader(store: StoreHandle) {
    // Also when the Effective permissions tab is opened: on phones Monaco never loads, and that view
    // is nothing without the catalog.
    let wanted = store.ui.monaco == MonacoState::Ready || store.ui.tab == Tab::Access;
    let started = use_mut_ref(|| false);
    let dispatcher = store.dispatcher();
    use_effect_with(wanted, move |wanted| {
        if !*wanted || started.replace(true) {
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            // Let Monaco finish creating the editors first.
            idle().await;
            state("loading");
            match fetch().await {
                Ok(catalog) => {
                    let catalog = Rc::new(catalog);
                    dispatcher.dispatch(Action::Catalog(Shared(Rc::clone(&catalog))));
                    next_task().await;
                    state("ready");
                    for part in 0..crate::access::WARM_UP_CALLS {
                        next_task().await;
                        perf::note("roleplay:access-warm-up-start");
                        crate::access::warm_up(&catalog, part);
                        perf::measure("roleplay:access-warm-up", "roleplay:access-warm-up-start");
                    }
                }
                Err(reason) => {
                    state("failed");
                    web_sys::console::warn_1(
                        &format!("The service catalog did not load ({reason}); everything else works without it.").into(),
                    );
                    dispatcher.dispatch(Action::CatalogFailed(reason.into()));
                }
            }
        });
    });
}

async fn fetch() -> Result<Catalog, String> {
    perf::note("roleplay:catalog-start");
    let text = crate::fetch::text(URL).await?;
    perf::note("roleplay:catalog-fetched");
    perf::measure("roleplay:catalog-fetch", "roleplay:catalog-start");
    // Copying the text into Rust, reading it, adding the services a few at a time, building the
    // lookup tables: each in its own task, giving the page back in between, so no keystroke waits
    // behind one long task.
    next_task().await;
    perf::note("roleplay:catalog-read-start");
    let mut loader = Catalog::loader(&text).map_err(|e| e.to_string())?;
    perf::measure("roleplay:catalog-read", "roleplay:catalog-read-start");
    loop {
        perf::note("roleplay:catalog-slice-start");
        let done = loader.load(SERVICES_PER_TASK).map_err(|e| e.to_string())?;
        perf::measure("roleplay:catalog-slice", "roleplay:catalog-slice-start");
        next_task().await;
        if done {
            break;
        }
    }
    perf::note("roleplay:catalog-finish-start");
    let catalog = loader.finish().map_err(|e| e.to_string())?;
    perf::measure("roleplay:catalog-finish", "roleplay:catalog-finish-start");
    perf::measure("roleplay:catalog-parse", "roleplay:catalog-fetched");
    perf::measure("roleplay:catalog-load", "roleplay:catalog-start");
    Ok(catalog)
}

/// A zero-delay timeout: the page handles input and paints before it resolves.
async fn next_task() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// Resolves when the browser is idle (at the latest after a second), or at the next task where
/// `requestIdleCallback` does not exist.
async fn idle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let w = gloo_utils::window();
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(IDLE_TIMEOUT_MS);
        if w.request_idle_callback_with_options(&resolve, &options)
            .is_err()
        {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// `data-catalog` on `<html>`: loading, ready or failed.
fn state(value: &str) {
    if let Some(root) = gloo_utils::document().document_element() {
        let _ = root.set_attribute("data-catalog", value);
    }
}
