//! The side-by-side benchmark's wasm half: the workloads of the criterion benches, exported to node
//! (`bench/side-by-side.mjs` builds, binds and times this). Each timed export loops `n` times inside
//! wasm, so node's clock sees one call per batch, not the cost of crossing into wasm per decision.
use roleplay_eval::{decide, Decision};
use std::hint::black_box;
use wasm_bindgen::prelude::*;

#[path = "../../../crates/eval/benches/workloads/mod.rs"]
mod workloads;

/// The gallery scenario the native bench also reads and runs (`crates/sim/benches/run.rs`).
const GALLERY: &str = include_str!("../../../tests/scenarios/gallery/scp-region-deny.json");

/// The compiled `decide` workloads.
#[wasm_bindgen]
pub struct Decide(workloads::Workloads);

#[wasm_bindgen]
impl Decide {
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default, reason = "a JS constructor")]
    pub fn new() -> Decide {
        Decide(workloads::Workloads::new())
    }

    /// `decide` over 1 statement, `n` times; returns how many were allowed (all of them).
    pub fn one_statement(&self, n: u32) -> u32 {
        let (request, set) = (self.0.request(), self.0.one_statement());
        (0..n)
            .filter(|_| decide(black_box(&request), &set).decision == Decision::Allowed)
            .count() as u32
    }

    /// `decide` over 10 policies × 20 statements, `n` times; returns how many were allowed.
    pub fn ten_by_twenty(&self, n: u32) -> u32 {
        let (request, set) = (self.0.request(), self.0.ten_by_twenty());
        (0..n)
            .filter(|_| decide(black_box(&request), &set).decision == Decision::Allowed)
            .count() as u32
    }
}

/// The policy texts the workloads compile, for the peer: `[one statement, policy 0, …, policy 9]`.
#[wasm_bindgen]
pub fn policy_texts() -> Vec<String> {
    std::iter::once(workloads::ONE_STATEMENT.to_string())
        .chain((0..10).map(workloads::policy))
        .collect()
}

/// Reads and runs the gallery scenario `n` times; returns the steps run in all.
#[wasm_bindgen]
pub fn run_gallery(n: u32) -> u32 {
    (0..n)
        .map(|_| roleplay_sim::run_text(black_box(GALLERY)).map_or(0, |r| r.steps.len() as u32))
        .sum()
}

/// The gallery scenario's text.
#[wasm_bindgen]
pub fn gallery_text() -> String {
    GALLERY.to_string()
}

/// One run of the gallery scenario as JSON (the CLI's `run --json` shape), or the read error.
#[wasm_bindgen]
pub fn gallery_result() -> Result<String, String> {
    let result = roleplay_sim::run_text(GALLERY).map_err(|e| e.to_string())?;
    serde_json::to_string(&result).map_err(|e| e.to_string())
}
