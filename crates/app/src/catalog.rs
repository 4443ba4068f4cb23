//! The service catalog in the browser: `catalog.json`, fetched from the page's own origin once the
//! rich editors are live (long after the first paint) or the Effective permissions tab is opened,
//! and handed to the worker, which reads and keeps it (`roleplay_worker::catalog`): the page's own
//! wasm carries neither the catalog nor its reader. Nothing waits for it: until it arrives — or if
//! it never does — the editors, lint and the timeline work as before; with it, the worker's analyses
//! of the editors' texts include its lint (`crate::analyses`), and it completes and explains actions
//! and answers Effective permissions.

use crate::perf;
use crate::state::{Action, MonacoState, StoreHandle, Tab};
use roleplay_worker::Answer;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// Where the build puts the catalog, relative to the page (Trunk.toml's post-build hook).
const URL: &str = "catalog.json";

/// The longest the load waits for the page to be idle before it starts anyway.
const IDLE_TIMEOUT_MS: u32 = 1_000;

/// Once the rich editors are live (Monaco ready; not on phones, where the textarea stays) or the
/// Effective permissions tab is opened, and the page is next idle: fetch the catalog and hand it to
/// the worker. `data-catalog` on `<html>` says loading, failed, or ready; the browser tests read it
/// and the `roleplay:catalog-*` measures.
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
            perf::note("roleplay:catalog-start");
            let text = match crate::fetch::js_text(URL).await {
                Ok(text) => text,
                Err(reason) => return failed(&dispatcher, reason),
            };
            perf::note("roleplay:catalog-fetched");
            perf::measure("roleplay:catalog-fetch", "roleplay:catalog-start");
            let done = dispatcher.clone();
            crate::worker::load_catalog(
                text,
                Callback::from(move |answer| match answer {
                    Answer::Catalog(Ok(_)) => {
                        perf::measure("roleplay:catalog-parse", "roleplay:catalog-fetched");
                        perf::measure("roleplay:catalog-load", "roleplay:catalog-start");
                        state("ready");
                        done.dispatch(Action::CatalogReady);
                    }
                    Answer::Catalog(Err(reason)) => failed(&done, reason),
                    _ => {}
                }),
            );
        });
    });
}

fn failed(dispatcher: &UseReducerDispatcher<crate::state::Store>, reason: String) {
    state("failed");
    web_sys::console::warn_1(
        &format!("The service catalog did not load ({reason}); everything else works without it.")
            .into(),
    );
    dispatcher.dispatch(Action::CatalogFailed(reason.into()));
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
