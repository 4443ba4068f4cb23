//! Arbitrary bytes, read as UTF-8 (lossily), decoded as a share link (`…#s=1.<base64url(deflate)>`).
//! Decoding never panics and stays within its bounds; whatever decodes re-encodes to a link that decodes
//! to the same text compacted; and any text, used as a scenario, survives encode → decode (valid JSON
//! compacted, anything else byte for byte).
#![no_main]

use libfuzzer_sys::fuzz_target;
use roleplay_sim::share;

/// What `encode` promises to carry: valid JSON compacted, any other text as it is.
fn carried(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text)
        .map(|v| v.to_string())
        .unwrap_or_else(|_| text.to_string())
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = share::wants_quiz(&text);
    if let Ok(decoded) = share::decode(&text) {
        assert!(decoded.len() <= share::MAX_JSON, "decoded past MAX_JSON");
        let again = share::decode(&share::encode(&decoded));
        assert_eq!(
            again.as_deref(),
            Ok(carried(&decoded).as_str()),
            "re-encoded link changed"
        );
    }
    let link = share::link("https://roleplay.example/", &text);
    assert_eq!(
        share::decode(&link).as_deref(),
        Ok(carried(&text).as_str()),
        "encode → decode lost the text"
    );
});
