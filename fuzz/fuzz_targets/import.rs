//! Arbitrary bytes, read as UTF-8 (lossily), imported as AWS CLI output or an AccessDenied error (a
//! message, a CloudTrail event, a decoded authorization message): no panic, and whatever imports is a
//! scenario that reads back and runs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(imported) = roleplay_sim::import::from_aws(&text) {
        let json = serde_json::to_string(&imported.scenario).unwrap_or_default();
        let back = roleplay_sim::read(&json);
        assert!(back.is_ok(), "an import does not read back: {back:?}\n{json}");
        if let Ok(s) = back {
            let _ = roleplay_sim::run(&s);
        }
    }
});
