//! Wildcard expansion over the real catalog (`make catalog` first; without it the bench says so and
//! measures nothing).
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use roleplay_catalog::Catalog;
use std::hint::black_box;

/// This thread's user + system CPU time in clock ticks (Linux), for figures that a busy machine
/// does not inflate; `None` elsewhere.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of stat(5); `after` starts at field 3.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// Mean CPU time per call over enough calls to span several seconds of ticks (100 Hz).
fn cpu_time_per_call(mut f: impl FnMut() -> usize) -> Option<std::time::Duration> {
    let start = cpu_ticks()?;
    let mut calls = 0u64;
    let wall = std::time::Instant::now();
    while wall.elapsed() < std::time::Duration::from_secs(3) || calls < 10 {
        black_box(f());
        calls += 1;
    }
    let ticks = cpu_ticks()?.saturating_sub(start);
    Some(std::time::Duration::from_secs_f64(
        ticks as f64 / 100.0 / calls as f64,
    ))
}

fn bench(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/catalog/catalog.json"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("no {path}: run `make catalog` first");
        return;
    };
    c.bench_function("load", |b| {
        b.iter(|| Catalog::from_json(black_box(&text)).is_ok())
    });
    let Ok(catalog) = Catalog::from_json(&text) else {
        eprintln!("{path} does not load");
        return;
    };
    // The first expansion with a wildcard service and a literal part builds the trigram index.
    c.bench_function("first *:*Get* (builds the trigram index)", |b| {
        b.iter_batched_ref(
            || catalog.clone(),
            |fresh| fresh.expand(black_box("*:*Get*")).count(),
            BatchSize::LargeInput,
        )
    });
    if std::env::var_os("CPU_TIME").is_some() {
        for pattern in [
            "s3:Get*",
            "*",
            "iam:*AccessKey*",
            "*:*Get*",
            "s*:List*",
            "*:?et*",
        ] {
            let t = cpu_time_per_call(|| {
                catalog
                    .expand(black_box(pattern))
                    .fold(0, |n, a| n + black_box(a).full_name().len())
            });
            eprintln!("cpu time per expand {pattern:<16} {t:?}");
        }
        let t = cpu_time_per_call(|| {
            Catalog::from_json(black_box(&text)).map_or(0, |c| c.actions().len())
        });
        eprintln!("cpu time per load {t:?}");
    }
    for pattern in [
        "s3:Get*",
        "*",
        "iam:*AccessKey*",
        "*:*Get*",
        "ec2:Describe?nstances",
        "s*:List*",
    ] {
        c.bench_function(&format!("expand {pattern}"), |b| {
            b.iter(|| {
                catalog
                    .expand(black_box(pattern))
                    .fold(0, |n, a| n + black_box(a).full_name().len())
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
