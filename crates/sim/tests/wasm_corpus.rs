//! The conformance corpus through the wasm build, as the browser runs it:
//! `cargo test --target wasm32-unknown-unknown -p roleplay-sim` (wasm-bindgen-test-runner, node).
#![cfg(test)]
#![cfg(target_arch = "wasm32")]

include!("support/corpus_list.rs");

use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn corpus_expectations_hold_in_wasm() {
    let mut failures = Vec::new();
    let mut met = 0;
    for (name, text) in CORPUS {
        match roleplay_sim::run_text(text) {
            Err(e) => failures.push(format!("{name}: {e}")),
            Ok(r) => {
                for s in &r.steps {
                    match &s.expectation {
                        Some(x) if x.met => met += 1,
                        Some(x) => failures.push(format!(
                            "{name} step {}: expected {}, got {}",
                            s.index, x.expected, x.actual
                        )),
                        None => failures.push(format!("{name} step {}: no expect", s.index)),
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(met >= 400, "only {met} expectations");
}
