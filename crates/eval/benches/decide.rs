//! One authorization decision: over 1 statement, and over 10 policies × 20 statements with wildcards
#![allow(clippy::panic, reason = "a benchmark with a broken fixture must stop")]
//! and conditions (the design's bar: ≤ 20 µs natively).
use criterion::{criterion_group, criterion_main, Criterion};
use roleplay_eval::{decide, explain, Caller, CompiledPolicy, Context, PolicySet, Request};
use roleplay_policy::{parse, ParseOptions, PolicyKind};
use std::hint::black_box;

fn compile(text: &str, kind: PolicyKind) -> CompiledPolicy {
    let parsed = parse(text, &ParseOptions::kind(kind));
    match parsed.valid_document() {
        Some(d) => CompiledPolicy::compile(d, kind, "bench", "bench"),
        None => panic!("invalid bench policy: {:?}", parsed.findings),
    }
}

/// Twenty statements that mostly miss in different places: action, resource, conditions.
fn policy(p: usize) -> String {
    let statements: Vec<String> = (0..20)
        .map(|s| {
            format!(
                r#"{{"Sid":"P{p}S{s}","Effect":"{effect}","Action":["s3:Get*","s3:List*","dynamodb:Query","ec2:Describe*"],"Resource":["arn:aws:s3:::bucket-{p}-{s}/*","arn:aws:s3:::shared/${{aws:username}}/*","arn:aws:dynamodb:*:111122223333:table/t{s}"],"Condition":{{"StringEquals":{{"aws:PrincipalTag/team":"team-{s}"}},"IpAddress":{{"aws:SourceIp":["203.0.113.0/24","2001:db8::/32"]}},"DateLessThan":{{"aws:CurrentTime":"2027-01-01T00:00:00Z"}},"ForAnyValue:StringLike":{{"aws:TagKeys":["env*","cost-{s}"]}}}}}}"#,
                effect = if s == 19 { "Deny" } else { "Allow" }
            )
        })
        .collect();
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        statements.join(",")
    )
}

fn bench(c: &mut Criterion) {
    let caller = Caller::User {
        arn: "arn:aws:iam::111122223333:user/alice".into(),
        account: "111122223333".into(),
        id: "AIDAEXAMPLE".into(),
    };
    let mut ctx = Context::new();
    ctx.set_one("aws:username", "alice", true);
    ctx.set_one("aws:PrincipalTag/team", "team-7", true);
    ctx.set_one("aws:SourceIp", "203.0.113.9", false);
    ctx.set_one("aws:CurrentTime", "2026-01-01T00:00:00Z", true);
    ctx.set("aws:TagKeys", vec!["env".into(), "owner".into()], false);
    let request = Request {
        action: "s3:GetObject",
        resource: "arn:aws:s3:::bucket-9-7/reports/q1.csv",
        resource_account: None,
        caller: &caller,
        context: &ctx,
    };

    let one = compile(
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-9-7/*"}}"#,
        PolicyKind::Identity,
    );
    let set = PolicySet {
        identity: vec![&one],
        ..PolicySet::default()
    };
    c.bench_function("decide: 1 statement", |b| {
        b.iter(|| decide(black_box(&request), &set))
    });

    let policies: Vec<CompiledPolicy> = (0..10)
        .map(|p| compile(&policy(p), PolicyKind::Identity))
        .collect();
    let set = PolicySet {
        identity: policies.iter().collect(),
        ..PolicySet::default()
    };
    c.bench_function("decide: 10 policies x 20 statements", |b| {
        b.iter(|| decide(black_box(&request), &set))
    });
    c.bench_function("explain: 10 policies x 20 statements", |b| {
        b.iter(|| explain(black_box(&request), &set))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
