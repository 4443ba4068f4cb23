//! The service catalog, held by the worker: the page fetches `catalog.json` and hands its text over
//! once; the worker reads it and keeps it for what needs it — the editors' completion, hover and
//! catalog lint, and Effective permissions. A restarted worker is handed the text again.

use roleplay_catalog::Catalog;
use roleplay_policy::{Document, Finding};
use std::cell::RefCell;

thread_local! {
    static CATALOG: RefCell<Option<Catalog>> = const { RefCell::new(None) };
}

/// Reads the catalog's JSON and keeps it; the number of actions it holds.
pub fn load(text: &str) -> Result<usize, String> {
    let catalog = Catalog::from_json(text).map_err(|e| e.to_string())?;
    let actions = catalog.actions().len();
    CATALOG.with(|cell| *cell.borrow_mut() = Some(catalog));
    Ok(actions)
}

/// Runs `f` with the catalog, if it has loaded.
pub fn with<R>(f: impl FnOnce(Option<&Catalog>) -> R) -> R {
    CATALOG.with(|cell| f(cell.borrow().as_ref()))
}

/// The catalog's findings about a policy document (unknown actions and resource types, condition
/// keys the actions do not take…); none before the catalog has loaded.
pub fn lint_document(document: &Document) -> Vec<Finding> {
    with(|catalog| catalog.map_or_else(Vec::new, |c| roleplay_catalog::lint(document, c)))
}

/// Answers one question ahead of the page's first (`crate::access::warm_up`), once after the
/// catalog has loaded.
pub fn warm_up() {
    with(|catalog| {
        if let Some(catalog) = catalog {
            let _ = crate::access::warm_up(catalog);
        }
    });
}
