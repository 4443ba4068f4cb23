//! Effective permissions' whole job in the worker for the heaviest question the suite asks: the
//! administrator of the gallery's SCP scenario, every catalog action allowed — the request read, every
//! action decided, summarized by service and level, and the answer written (docs/benchmarks.md; the
//! browser measure `roleplay:access` adds the messages and the page's read). The worker keeps its
//! last decisions for a search or an opened service, so each question here is a new scenario.
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let Ok(catalog) = std::fs::read_to_string(root.join("target/catalog/catalog.json")) else {
        eprintln!("target/catalog/catalog.json is missing: run `make catalog`");
        return;
    };
    let Ok(text) =
        std::fs::read_to_string(root.join("tests/scenarios/gallery/scp-region-deny.json"))
    else {
        return;
    };
    let Ok(scenario) = serde_json::from_str::<serde_json::Value>(&text) else {
        return;
    };
    let _ = roleplay_worker::load_catalog(0, &catalog);
    let request = |scenario: &serde_json::Value, search: &str| {
        serde_json::to_string(&roleplay_worker::Request {
            id: 1,
            job: roleplay_worker::Job::Access(roleplay_worker::AccessAsk {
                scenario: scenario.clone(),
                baseline: None,
                subject: roleplay_sim::Subject::User(
                    "arn:aws:iam::999988887777:user/org-admin".into(),
                ),
                resource: "*".into(),
                shown: roleplay_worker::Shown {
                    search: search.into(),
                    ..Default::default()
                },
            }),
        })
        .unwrap_or_default()
    };
    // Two scenarios that differ only in their title, asked in turn: every question is decided.
    let mut other = scenario.clone();
    if let Some(fields) = other.as_object_mut() {
        fields.insert("title".into(), "the same, asked again".into());
    }
    let (one, two) = (request(&scenario, ""), request(&other, ""));
    let mut turn = false;
    c.bench_function(
        "worker access job: the administrator, every action allowed",
        |b| {
            b.iter(|| {
                turn = !turn;
                roleplay_worker::answer(black_box(if turn { &one } else { &two })).len()
            })
        },
    );
    let search = request(&scenario, "iam:create");
    c.bench_function(
        "worker access job: the administrator's answer searched (decisions kept)",
        |b| b.iter(|| roleplay_worker::answer(black_box(&search)).len()),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
