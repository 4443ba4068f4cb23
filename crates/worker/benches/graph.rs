//! The Graph tab's whole job in the worker for the largest gallery scenario: read, build (every edge
//! proved), escalation paths with their replays, layout (layout-rs) and SVG — what the page waits
//! for after asking (docs/benchmarks.md; the browser measure adds the messages and the drawing).
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios/gallery");
    let largest = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let text = std::fs::read_to_string(e.path()).ok()?;
            let value: serde_json::Value = serde_json::from_str(&text).ok()?;
            let principals = value
                .get("principals")
                .and_then(|p| p.as_array())
                .map_or(0, Vec::len);
            let name = e.path().file_stem()?.to_string_lossy().into_owned();
            Some((principals, name, value))
        })
        .max_by_key(|(n, name, _)| (*n, name.clone()));
    let Some((_, name, scenario)) = largest else {
        return;
    };
    let request = serde_json::to_string(&roleplay_worker::Request {
        id: 1,
        job: roleplay_worker::Job::Graph {
            scenario,
            focus: None,
            plain: false,
        },
    })
    .unwrap_or_default();
    c.bench_function(&format!("worker graph job: {name}"), |b| {
        b.iter(|| roleplay_worker::answer(black_box(&request)).len())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
