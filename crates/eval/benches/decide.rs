//! One authorization decision: over 1 statement, and over 10 policies × 20 statements with wildcards
//! and conditions (the design's bar: ≤ 20 µs natively).
use criterion::{criterion_group, criterion_main, Criterion};
use roleplay_eval::{decide, explain};
use std::hint::black_box;

mod workloads;

fn bench(c: &mut Criterion) {
    let w = workloads::Workloads::new();
    let request = w.request();

    let set = w.one_statement();
    c.bench_function("decide: 1 statement", |b| {
        b.iter(|| decide(black_box(&request), &set))
    });

    let set = w.ten_by_twenty();
    c.bench_function("decide: 10 policies x 20 statements", |b| {
        b.iter(|| decide(black_box(&request), &set))
    });
    c.bench_function("explain: 10 policies x 20 statements", |b| {
        b.iter(|| explain(black_box(&request), &set))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
