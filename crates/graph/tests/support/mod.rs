//! What the graph's tests share: every scenario file of the gallery and the corpus (the listing is
//! sim's, shared by the crates whose tests run them all).

#[path = "../../../sim/tests/support/scenario_files.rs"]
mod scenario_files;
pub use scenario_files::scenario_files as scenarios;
