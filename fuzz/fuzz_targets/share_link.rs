//! Arbitrary bytes, read as UTF-8 (lossily), decoded as a share link (`…#s=1.` or `#s=2.` +
//! base64url(deflate), format 2 with its preset dictionary). Decoding never panics and stays within
//! its bounds; whatever decodes re-encodes to a link that decodes to the same content; and any text,
//! used as a scenario, survives encode → decode (valid JSON as the same JSON value, compacted;
//! anything else byte for byte).
#![no_main]

use libfuzzer_sys::fuzz_target;
use roleplay_sim::share;

/// What `encode` promises to carry: valid JSON as the same value without white space between its
/// tokens, any other text as it is.
fn carried(original: &str, decoded: &str) -> bool {
    match serde_json::from_str::<serde_json::Value>(original) {
        Ok(value) => {
            serde_json::from_str::<serde_json::Value>(decoded).ok() == Some(value)
                && decoded.len() <= original.len()
        }
        Err(_) => decoded == original,
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = share::wants_quiz(&text);
    if let Ok(decoded) = share::decode(&text) {
        assert!(decoded.len() <= share::MAX_JSON, "decoded past MAX_JSON");
        let again = share::decode(&share::encode(&decoded)).unwrap_or_default();
        assert!(carried(&decoded, &again), "re-encoded link changed");
    }
    let link = share::link("https://roleplay.example/", &text);
    let back = share::decode(&link);
    assert!(
        back.as_deref().is_ok_and(|b| carried(&text, b)),
        "encode → decode lost the text"
    );
});
