//! Every scenario file of the gallery and the conformance corpus, for the tests of the crates that
//! run them all (sim, fix, graph). One copy, here beside the corpus list; the others reach it with
//! `#[path = "../../sim/tests/support/scenario_files.rs"] mod scenario_files;`.

use std::path::{Path, PathBuf};

/// Every `.json` under `tests/scenarios`, sorted. Each caller holds the count to a floor, so a
/// corpus that cannot be read fails there, by name.
pub fn scenario_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
