//! Scenario files: export downloads the scenario as pretty-printed JSON (the format's own writer);
//! open reads a `.json` file the user picked and loads it like an import — asking first over
//! unsaved work, and leaving the work untouched with the error's line:column when it does not read.

use crate::scenario::{file_name, is_unsaved};
use crate::scenario_json::pretty;
use crate::state::{Action, Conflict, ImportNote, StoreHandle};
use gloo_timers::callback::Timeout;
use roleplay_sim::{share, Scenario};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Offers the scenario as `<title-slug>.json`.
pub fn export(s: &Scenario) {
    if let Err(e) = download(&file_name(s), &pretty(s)) {
        web_sys::console::warn_2(&"The export could not start:".into(), &e);
    }
}

fn download(name: &str, text: &str) -> Result<(), JsValue> {
    let document = gloo_utils::document();
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The download has started from the URL; free it once the click has been handled.
    Timeout::new(1000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Reads a picked file and opens the scenario in it.
pub async fn open(file: web_sys::File, store: StoreHandle) {
    let name = file.name();
    let fail = |why: String| {
        store.dispatch(Action::Banner(Some(
            format!("“{name}” could not be opened: {why}. Your work is unchanged.").into(),
        )))
    };
    // The same bound as a share link's scenario: a scenario is small, a huge file is a mistake.
    if file.size() > share::MAX_JSON as f64 {
        return fail(format!("it is larger than {} bytes", share::MAX_JSON));
    }
    let text = match JsFuture::from(file.text()).await.map(|t| t.as_string()) {
        Ok(Some(text)) => text,
        _ => return fail("the browser could not read it".to_owned()),
    };
    let scenario = match crate::scenario::read(&text) {
        Ok(s) => s,
        Err(e) => {
            let at = if e.path.is_empty() || e.path == "." {
                String::new()
            } else {
                format!(" ({})", e.path)
            };
            return fail(format!(
                "error at {}:{}{at}: {}",
                e.line, e.column, e.message
            ));
        }
    };
    let title = scenario
        .title
        .clone()
        .unwrap_or_else(|| "an untitled scenario".to_owned());
    let note = ImportNote {
        message: format!("Opened “{title}” from {name}.").into(),
        skipped: Rc::default(),
    };
    let scenario = Rc::new(scenario);
    if is_unsaved(&store.doc.scenario) {
        store.dispatch(Action::Conflict(Some(Conflict {
            linked: scenario,
            import: Some(note),
            quiz: false,
        })));
    } else {
        store.dispatch(Action::Import(scenario, note));
    }
}
