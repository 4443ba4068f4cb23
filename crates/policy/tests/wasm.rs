//! The policy language in WebAssembly, as the browser app runs it:
//! `cargo test --target wasm32-unknown-unknown -p roleplay-policy` (wasm-bindgen-test-runner, node).
//! Natively this file is empty; the other test files cover the same code there.
#![cfg(test)]
#![cfg(target_arch = "wasm32")]

use roleplay_policy::{parse, quota_size, ParseOptions, PolicyKind, Quota, Severity};
use wasm_bindgen_test::wasm_bindgen_test;

const TRUST: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": "arn:aws:iam::111122223333:user/alice"
      },
      "Action": "sts:AssumeRole"
    }
  ]
}
"#;

const PERMISSIONS: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::reports-bucket/*"
    }
  ]
}
"#;

#[wasm_bindgen_test]
fn the_apps_default_policies_are_valid() {
    for (text, kind) in [
        (TRUST, PolicyKind::Trust),
        (PERMISSIONS, PolicyKind::Identity),
    ] {
        let parsed = parse(text, &ParseOptions::kind(kind));
        assert!(!parsed.has_errors(), "{:?}", parsed.findings);
        let document = parsed.valid_document().expect("a valid document");
        assert_eq!(document.statements.len(), 1);
    }
}

#[wasm_bindgen_test]
fn a_syntax_error_has_a_line_and_column() {
    let broken = TRUST.replacen("\"2012-10-17\",", "\"2012-10-17\"", 1);
    let parsed = parse(&broken, &ParseOptions::kind(PolicyKind::Trust));
    let error = parsed.first_error().expect("an error");
    assert_eq!(error.code.as_str(), "INVALID_JSON");
    assert_eq!(error.severity, Severity::Error);
    assert_eq!(
        (error.location.start_line, error.location.start_column),
        (2, 26)
    );
    assert!(parsed.document.is_none());
}

#[wasm_bindgen_test]
fn validation_errors_carry_aws_wording() {
    let no_principal =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}"#;
    let parsed = parse(no_principal, &ParseOptions::kind(PolicyKind::Trust));
    let error = parsed.first_error().expect("an error");
    assert!(error.aws_message.is_some(), "{error:?}");
}

#[wasm_bindgen_test]
fn columns_count_characters_not_bytes() {
    // "é" is two bytes in UTF-8; editors count it as one column.
    let text = "{\"Id\":\"é\" \"Version\":\"2012-10-17\"}";
    let parsed = parse(text, &ParseOptions::kind(PolicyKind::Identity));
    let error = parsed.first_error().expect("an error");
    assert_eq!(error.location.start_line, 1);
    assert_eq!(error.location.start_column, 10);
}

#[wasm_bindgen_test]
fn sizes_exclude_white_space_and_quotas_match_iam() {
    let parsed = parse(TRUST, &ParseOptions::kind(PolicyKind::Trust));
    assert_eq!(parsed.size, quota_size(TRUST));
    assert_eq!(
        parsed.size,
        TRUST.chars().filter(|c| !c.is_ascii_whitespace()).count()
    );
    assert_eq!(Quota::TRUST.limit, 2048);
    assert_eq!(Quota::ROLE_INLINE.limit, 10240);
}

#[wasm_bindgen_test]
fn odd_inputs_never_panic() {
    for text in [
        "",
        "{",
        "[]",
        "null",
        "\u{feff}{}",
        "{\"Statement\":[{}]}",
        "{\"Statement\":{\"Condition\":{\"\":{\"\":[]}}}}",
        &"[".repeat(10_000),
    ] {
        for kind in [
            PolicyKind::Trust,
            PolicyKind::Identity,
            PolicyKind::Resource,
        ] {
            let parsed = parse(text, &ParseOptions::kind(kind));
            assert!(parsed.has_errors() || parsed.document.is_some());
        }
    }
}

#[wasm_bindgen_test]
fn findings_serialize_for_the_browser() {
    let parsed = parse("{", &ParseOptions::kind(PolicyKind::Trust));
    let json = serde_json::to_value(&parsed.findings).expect("serializable");
    let first = &json[0];
    assert_eq!(first["severity"], "error");
    assert!(first["location"]["startLine"].is_u64());
    assert!(first["location"]["endColumn"].is_u64());
}
