//! Reads and runs `tests/scenarios/timeline/working-day.json` N times, cold (the benchmark's first
//! workload), for instruction counts that do not depend on the machine's load:
//!
//! ```text
//! cargo build --profile bench -p roleplay-sim --example instructions
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/instructions 20
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/instructions 0
//! ```
//!
//! One run is the difference of the two totals divided by 20 (docs/benchmarks.md). Outside valgrind,
//! `target/release/examples/instructions 5000` also prints the wall time per run.

// The allocator of the native product, the `roleplay` CLI, as in the benchmark. (`cargo test` also
// builds examples for wasm, where the browser's app keeps Rust's own allocator.)
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let text = include_str!("../../../tests/scenarios/timeline/working-day.json");
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let start = std::time::Instant::now();
    let steps: usize = (0..runs)
        .map(|_| roleplay_sim::run_text(std::hint::black_box(text)).map_or(0, |r| r.steps.len()))
        .sum();
    let per_run = start.elapsed().as_secs_f64() * 1e6 / runs.max(1) as f64;
    println!("{runs} runs, {steps} steps, {per_run:.1} µs per run");
}
