// The corpus files, listed so the wasm build can embed them (wasm tests cannot read the disk).
// tests/corpus.rs checks natively that this list matches tests/scenarios/; regenerate with
// `python3 tests/scenarios/list.py > crates/sim/tests/support/corpus_list.rs`.
macro_rules! corpus_files {
    ($($file:literal),* $(,)?) => {
        #[allow(dead_code, reason = "each test target uses one of the two forms")]
        pub const CORPUS: &[(&str, &str)] = &[$(($file, include_str!(concat!("../../../../tests/scenarios/", $file)))),*];
    };
}
corpus_files!(
    "eval/action-matching.json",
    "eval/condition-combination.json",
    "eval/cross-account.json",
    "eval/derived-keys.json",
    "eval/identity-policies.json",
    "eval/kms-key-policy.json",
    "eval/operators-arn.json",
    "eval/operators-bool-null-binary.json",
    "eval/operators-ip.json",
    "eval/operators-numeric-date.json",
    "eval/operators-string.json",
    "eval/permissions-boundary.json",
    "eval/policy-variables.json",
    "eval/principal-matching.json",
    "eval/rcp.json",
    "eval/resource-matching.json",
    "eval/resource-policy-same-account.json",
    "eval/root-anonymous-service.json",
    "eval/scp.json",
    "eval/session-policies.json",
    "eval/set-operators.json",
    "sts/assume-role-validation.json",
    "sts/get-caller-identity.json",
    "sts/revocation.json",
    "sts/role-chaining.json",
    "sts/saml.json",
    "sts/service-principals.json",
    "sts/session-lifetime.json",
    "sts/session-tags.json",
    "sts/source-identity.json",
    "sts/trust-evaluation.json",
    "sts/web-identity-github.json",
    "timeline/working-day.json",
);
