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

/// The effective-permissions view: a session of the working day over 22,000 action names (the size of
/// the service catalog; 440 services × 50 actions, synthetic so the benchmark needs no npm package).
fn access(c: &mut Criterion) {
    let text = include_str!("../../../tests/scenarios/timeline/working-day.json");
    let Ok(scenario) = roleplay_sim::read(text) else {
        return;
    };
    let Some(step) = roleplay_sim::run(&scenario)
        .steps
        .iter()
        .position(|s| s.session.is_some())
    else {
        return;
    };
    let verbs = ["Get", "Put", "List", "Describe", "Delete"];
    let names: Vec<String> = (0..440)
        .flat_map(|svc| {
            let prefix = match svc {
                0 => "s3".to_string(),
                1 => "ec2".to_string(),
                _ => format!("service{svc}"),
            };
            (0..50).map(move |a| {
                let verb = verbs.get(a % verbs.len()).unwrap_or(&"Get");
                format!("{prefix}:{verb}Thing{a}")
            })
        })
        .collect();
    let actions: Vec<&str> = names.iter().map(String::as_str).collect();
    let subject = roleplay_sim::Subject::Session(step);
    let mut cache = roleplay_sim::PolicyCache::default();
    c.bench_function("effective access: one session, 22,000 actions", |b| {
        b.iter(|| {
            roleplay_sim::effective_access(
                &scenario,
                &mut cache,
                &subject,
                "*",
                black_box(&actions),
            )
            .map(|a| a.verdicts.len())
        })
    });
}

/// A whole gallery scenario, read and run from its text: the third workload `bench/side-by-side.mjs`
/// times natively, in wasm under node and in the peer simulator (five decisions: a service assumes a
/// role, then two regions, a global service and the management account under an SCP with a condition).
fn gallery(c: &mut Criterion) {
    let text = include_str!("../../../tests/scenarios/gallery/scp-region-deny.json");
    c.bench_function("read + run: gallery scp-region-deny", |b| {
        b.iter(|| roleplay_sim::run_text(black_box(text)).map(|r| r.steps.len()))
    });
}

criterion_group!(benches, bench, access, gallery);
criterion_main!(benches);
