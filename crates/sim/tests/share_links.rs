//! Golden share links: every link in tests/share-links decodes, forever, to exactly the scenario text
//! stored beside it, and that scenario reads and runs.
#![allow(clippy::panic, reason = "a test fails loudly on purpose")]

#[test]
fn golden_links_decode_identically() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/share-links");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "link") {
            continue;
        }
        let link = std::fs::read_to_string(&path).unwrap_or_default();
        let expected = std::fs::read_to_string(path.with_extension("json")).unwrap_or_default();
        let decoded = roleplay_sim::share::decode(&link);
        assert_eq!(
            decoded.as_deref(),
            Ok(expected.as_str()),
            "{}",
            path.display()
        );
        assert!(roleplay_sim::read(&expected).is_ok(), "{}", path.display());
        // Re-encoding what was decoded gives a link that decodes to the same text.
        let again = roleplay_sim::share::encode(&expected);
        assert_eq!(
            roleplay_sim::share::decode(&again).as_deref(),
            Ok(expected.as_str())
        );
        count += 1;
    }
    assert!(count >= 2, "no golden links found in {}", dir.display());
}
