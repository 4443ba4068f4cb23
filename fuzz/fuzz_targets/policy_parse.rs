//! Arbitrary bytes, read as UTF-8 (lossily), parsed as every kind of policy. The parser promises never
//! to panic; findings must point inside the text; a parsed document must also compile.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roleplay_eval::CompiledPolicy;
use roleplay_policy::{parse, ParseOptions, PolicyKind};

const KINDS: [PolicyKind; 7] = [
    PolicyKind::Identity,
    PolicyKind::Resource,
    PolicyKind::Trust,
    PolicyKind::PermissionsBoundary,
    PolicyKind::Session,
    PolicyKind::ServiceControl,
    PolicyKind::ResourceControl,
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let options =
        std::iter::once(ParseOptions::default()).chain(KINDS.iter().map(|&k| ParseOptions {
            kind: Some(k),
            account: Some("111122223333".into()),
        }));
    for opts in options {
        let parsed = parse(&text, &opts);
        for f in &parsed.findings {
            let l = f.location;
            assert!(
                l.start <= l.end && l.end <= text.len(),
                "finding {} spans {}..{} of a {}-byte text",
                f.code,
                l.start,
                l.end,
                text.len()
            );
        }
        if let Some(doc) = &parsed.document {
            let kind = opts.kind.unwrap_or(PolicyKind::Identity);
            let _ = CompiledPolicy::compile(doc, kind, "fuzz", "arn:aws:iam::111122223333:role/R");
        }
    }
});
