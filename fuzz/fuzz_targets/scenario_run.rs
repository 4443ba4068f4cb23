//! Arbitrary bytes, read as UTF-8 (lossily), read and run as a scenario. The simulator promises never
//! to panic on any input; a run's result must also serialize (the app and the CLI print it as JSON).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(result) = roleplay_sim::run_text(&text) {
        let _ = serde_json::to_string(&result);
    }
});
