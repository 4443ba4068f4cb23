//! The trust graph of the largest gallery scenario (the most users and roles): built (every edge
//! proved by the runner), then its escalation paths and their chained replays (docs/benchmarks.md).
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn largest_gallery_scenario() -> Option<(String, roleplay_sim::Scenario)> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios/gallery");
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter_map(|e| {
            let text = std::fs::read_to_string(e.path()).ok()?;
            let name = e.path().file_stem()?.to_string_lossy().into_owned();
            Some((name, roleplay_sim::read(&text).ok()?))
        })
        .max_by_key(|(name, s)| (s.principals.len(), s.steps.len(), name.clone()))
}

fn bench(c: &mut Criterion) {
    let Some((name, s)) = largest_gallery_scenario() else {
        return;
    };
    c.bench_function(&format!("graph build: {name}"), |b| {
        b.iter(|| {
            roleplay_graph::build(black_box(&s), roleplay_graph::SAMPLE).map(|g| g.edges.len())
        })
    });
    let Ok(mut g) = roleplay_graph::build(&s, roleplay_graph::SAMPLE) else {
        return;
    };
    g.paths = roleplay_graph::query::escalation(&g);
    c.bench_function(
        &format!("escalation paths + chained replays: {name}"),
        |b| {
            b.iter(|| {
                roleplay_graph::replays(black_box(&s), &g, &roleplay_graph::query::escalation(&g))
                    .len()
            })
        },
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
