//! Parsing a role policy of about 10,240 characters (the role inline-policy quota).
use criterion::{criterion_group, criterion_main, Criterion};
use roleplay_policy::{parse, ParseOptions, PolicyKind};
use std::hint::black_box;

fn big_policy() -> String {
    let mut statements = Vec::new();
    let mut i = 0;
    loop {
        statements.push(format!(
            r#"{{"Sid":"S{i}","Effect":"Allow","Action":["s3:Get*","s3:List*","dynamodb:Query"],"Resource":["arn:aws:s3:::bucket-{i}/*","arn:aws:dynamodb:us-east-1:111122223333:table/t{i}"],"Condition":{{"StringEquals":{{"aws:PrincipalTag/team":"${{aws:username}}"}},"IpAddress":{{"aws:SourceIp":["203.0.113.0/24"]}}}}}}"#
        ));
        let text = format!(
            r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
            statements.join(",")
        );
        if text.len() > 10_000 {
            return text;
        }
        i += 1;
    }
}

fn bench(c: &mut Criterion) {
    let text = big_policy();
    let options = ParseOptions::kind(PolicyKind::Identity);
    c.bench_function(&format!("parse role policy ({} chars)", text.len()), |b| {
        b.iter(|| parse(black_box(&text), &options))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
