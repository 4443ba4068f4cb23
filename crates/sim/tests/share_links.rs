//! Golden share links: every link in tests/share-links decodes, forever, to exactly the scenario text
//! stored beside it, and that scenario reads and runs.
#![cfg(test)]

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

/// Every gallery scenario's link, with the playground's local address, is at most 1,000 characters
/// (format 2's dictionary; docs/benchmarks.md has the figures), and opens to the same scenario.
#[test]
fn gallery_links_fit_in_a_thousand_characters() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios/gallery");
    let mut lengths = Vec::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let link = roleplay_sim::share::link("http://127.0.0.1:8080/", &text);
        let back = roleplay_sim::share::decode(&link).unwrap_or_default();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&back).ok(),
            serde_json::from_str::<serde_json::Value>(&text).ok(),
            "{}",
            path.display()
        );
        lengths.push((
            link.len(),
            path.file_name().map(|n| n.to_string_lossy().into_owned()),
        ));
    }
    lengths.sort();
    println!("{lengths:?}");
    assert!(lengths.len() >= 19, "{lengths:?}");
    let over: Vec<_> = lengths.iter().filter(|(n, _)| *n > 1000).collect();
    assert!(over.is_empty(), "links over 1,000 characters: {over:?}");
}
