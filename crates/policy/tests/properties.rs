//! Property tests: the parser never panics, and printing a parsed document and parsing it again is stable.
#![cfg(test)]

use proptest::prelude::*;
use roleplay_policy::{parse, ParseOptions, PolicyKind};

fn value_strategy() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::json!("*")),
        "[a-z0-9:*?/$.{}-]{0,12}".prop_map(serde_json::Value::from),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i32>().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("Effect".to_string()),
                    Just("Action".to_string()),
                    Just("Resource".to_string()),
                    Just("Principal".to_string()),
                    Just("Condition".to_string()),
                    Just("StringLike".to_string()),
                    Just("AWS".to_string()),
                    "[A-Za-z:]{1,8}",
                ],
                inner,
                0..4
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = parse(&text, &ParseOptions::kind(PolicyKind::Trust));
    }

    #[test]
    fn parse_print_parse_is_stable(stmt in value_strategy()) {
        let doc = serde_json::json!({"Version": "2012-10-17", "Statement": [stmt]});
        let compact = doc.to_string();
        let pretty = serde_json::to_string_pretty(&doc).unwrap_or_default();
        let a = parse(&compact, &ParseOptions::kind(PolicyKind::Identity));
        let b = parse(&pretty, &ParseOptions::kind(PolicyKind::Identity));
        let codes = |p: &roleplay_policy::Parsed| p.findings.iter().map(|f| f.code).collect::<Vec<_>>();
        prop_assert_eq!(codes(&a), codes(&b));
        prop_assert_eq!(a.size, b.size);
        let strip = |p: &roleplay_policy::Parsed| p.document.as_ref().map(|d| d.statements.iter().map(|s| (s.effect.value, s.action.as_ref().map(|a| a.patterns.iter().map(|p| p.value.clone()).collect::<Vec<_>>()), s.conditions.len())).collect::<Vec<_>>());
        prop_assert_eq!(strip(&a), strip(&b));
    }
}
