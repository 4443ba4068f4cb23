//! Reading and running a 20-step scenario with six principals and an organization (bar ≤ 200 µs).
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

// The allocator of the native product, the `roleplay` CLI.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let text = include_str!("../../../tests/scenarios/timeline/working-day.json");
    c.bench_function("read + run: 20 steps, 6 principals, organization", |b| {
        b.iter(|| roleplay_sim::run_text(black_box(text)).map(|r| r.steps.len()))
    });
    // The playground's case: a keystroke re-reads and re-runs, with the policy cache kept across runs.
    let mut cache = roleplay_sim::PolicyCache::default();
    c.bench_function("read + run, policies cached (a keystroke)", |b| {
        b.iter(|| {
            roleplay_sim::read(black_box(text))
                .map(|s| roleplay_sim::run_with_cache(&s, &mut cache).steps.len())
        })
    });
    let scenario = roleplay_sim::read(text);
    c.bench_function("run only (already read)", |b| {
        b.iter(|| {
            scenario
                .as_ref()
                .map(|s| roleplay_sim::run(black_box(s)).steps.len())
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
