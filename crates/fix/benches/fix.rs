//! All fixes for one step: every gallery scenario's denied or failed steps (bar ≤ 50 ms natively).
//! Each benchmark reads the scenario, runs it, proposes, verifies (a re-run per candidate) and ranks.
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Duration;

// The allocator of the native product, the `roleplay` CLI.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn gallery() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/scenarios/gallery");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            let name = p.file_stem()?.to_string_lossy().to_string();
            Some((name, std::fs::read_to_string(p).ok()?))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("fix: all fixes for one step");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(1));
    group.warm_up_time(Duration::from_millis(300));
    let options = roleplay_fix::Options {
        max: usize::MAX,
        ..roleplay_fix::Options::default()
    };
    for (name, text) in gallery() {
        let Ok(run) = roleplay_sim::run_text(&text) else {
            continue;
        };
        for (i, step) in run.steps.iter().enumerate() {
            if step.decision == "allowed" {
                continue;
            }
            let id = step.id.clone().unwrap_or_else(|| i.to_string());
            group.bench_function(format!("{name} / {id}"), |b| {
                b.iter(|| roleplay_fix::fix(black_box(&text), &id, &options).map(|r| r.fixes.len()))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
