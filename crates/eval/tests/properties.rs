//! Property tests: wildcard matching invariants, and `decide` agreeing with `explain` on random
//! policies and requests.
#![cfg(test)]

use proptest::prelude::*;
use roleplay_eval::{decide, explain, Caller, CompiledPolicy, Context, Glob, PolicySet, Request};
use roleplay_policy::{parse, ParseOptions, PolicyKind};

proptest! {
    #[test]
    fn a_pattern_without_wildcards_is_string_equality(a in "[a-z0-9:/.-]{0,12}", b in "[a-z0-9:/.-]{0,12}") {
        prop_assert_eq!(Glob::new(&a, false).matches(&b), a == b);
    }

    #[test]
    fn star_matches_everything_and_itself_with_stars(text in "\\PC{0,24}") {
        prop_assert!(Glob::new("*", false).matches(&text));
        prop_assert!(Glob::literal(&text, false).matches(&text));
        // Replacing any one character with `?` still matches.
        if let Some((i, c)) = text.char_indices().nth(text.chars().count() / 2) {
            let mut pattern = text.clone();
            pattern.replace_range(i..i + c.len_utf8(), "?");
            prop_assert!(Glob::new(&pattern, false).matches(&text));
        }
    }

    #[test]
    fn prefix_star_matches_exactly_the_extensions(prefix in "[a-z]{0,6}", text in "[a-z]{0,10}") {
        let pattern = format!("{prefix}*");
        prop_assert_eq!(Glob::new(&pattern, false).matches(&text), text.starts_with(&prefix));
    }

    #[test]
    fn decide_and_explain_agree(
        effects in prop::collection::vec(any::<bool>(), 1..4),
        actions in prop::collection::vec(prop_oneof![Just("s3:GetObject"), Just("s3:Get*"), Just("s3:*"), Just("*"), Just("ec2:*")], 1..4),
        resources in prop::collection::vec(prop_oneof![Just("*"), Just("arn:aws:s3:::b/*"), Just("arn:aws:s3:::b/${aws:username}/*"), Just("arn:aws:s3:::other/*")], 1..4),
        conditions in prop::collection::vec(prop_oneof![
            Just(""),
            Just(r#","Condition":{"StringEquals":{"aws:username":"alice"}}"#),
            Just(r#","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalTag/team":"red"}}"#),
            Just(r#","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#),
            Just(r#","Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":"env*"}}"#),
            Just(r#","Condition":{"Null":{"aws:SourceIp":"true"}}"#),
        ], 1..4),
        key in prop_oneof![Just("arn:aws:s3:::b/alice/x"), Just("arn:aws:s3:::b/bob/x"), Just("arn:aws:s3:::other/y"), Just("*")],
        with_ip in any::<bool>(),
    ) {
        let statements: Vec<String> = effects.iter().enumerate().map(|(i, allow)| format!(
            r#"{{"Effect":"{}","Action":"{}","Resource":"{}"{}}}"#,
            if *allow { "Allow" } else { "Deny" },
            actions[i % actions.len()],
            resources[i % resources.len()],
            conditions[i % conditions.len()],
        )).collect();
        let text = format!(r#"{{"Version":"2012-10-17","Statement":[{}]}}"#, statements.join(","));
        let parsed = parse(&text, &ParseOptions::kind(PolicyKind::Identity));
        let Some(doc) = parsed.valid_document() else { return Ok(()) };
        let policy = CompiledPolicy::compile(doc, PolicyKind::Identity, "p", "u");
        let caller = Caller::User { arn: "arn:aws:iam::111122223333:user/alice".into(), account: "111122223333".into(), id: "AIDA1".into() };
        let mut ctx = Context::new();
        ctx.set_one("aws:username", "alice", true);
        ctx.set("aws:TagKeys", vec!["env".into()], false);
        if with_ip {
            ctx.set_one("aws:SourceIp", "203.0.113.7", false);
        }
        let request = Request { action: "s3:GetObject", resource: key, resource_account: None, caller: &caller, context: &ctx };
        let set = PolicySet { identity: vec![&policy], ..PolicySet::default() };
        let fast = decide(&request, &set);
        let full = explain(&request, &set);
        prop_assert_eq!(fast.decision, full.decision);
        prop_assert_eq!(fast.responsible, full.responsible);
    }
}
