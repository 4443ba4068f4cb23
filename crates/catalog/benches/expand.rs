//! Wildcard expansion over the real catalog (`make catalog` first; without it the bench says so and
//! measures nothing).
use criterion::{criterion_group, criterion_main, Criterion};
use roleplay_catalog::Catalog;
use std::hint::black_box;

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
