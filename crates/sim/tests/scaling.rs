//! Work grows linearly with the input. For each pass that a hostile scenario could make quadratic —
//! duplicate principals, name checks and lookups, redundant statements and repeated Sids, object keys,
//! step ids and `as` lookups, session tags, findings — doubling its input may at most roughly double
//! the instructions a read-and-run executes. Instructions are counted by valgrind's callgrind, not
//! timed, so the verdict does not depend on the machine's load (docs/reliability.md).
#![cfg(test)]
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

const WORKER: &str = "ROLEPLAY_SCALING_WORKER";

/// The passes, each with the input size `n` that is measured against `2n`.
const PASSES: &[(&str, usize)] = &[
    ("duplicate-principals", 2_000),
    ("principals", 1_000),
    ("statements", 500),
    ("object-keys", 2_000),
    ("steps", 1_000),
    ("session-tags", 400),
    ("findings", 1_000),
];

/// A linear pass doubles (2.0); n log n adds a little; a quadratic one quadruples.
const MAX_RATIO: f64 = 2.4;

const TRUST: &str = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}}"#;
const ALICE: &str = r#"{"type": "user", "arn": "arn:aws:iam::111122223333:user/alice", "policies": [{"name": "all", "document": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}}]}"#;

fn role(policy: &str) -> String {
    format!(
        r#"{{"type": "role", "arn": "arn:aws:iam::111122223333:role/App", "trustPolicy": {TRUST}, "policies": [{{"name": "p", "document": {policy}}}]}}"#
    )
}

fn scenario(principals: &[String], steps: &[String]) -> String {
    format!(
        r#"{{"roleplay": 1, "principals": [{}], "steps": [{}]}}"#,
        principals.join(","),
        steps.join(",")
    )
}

fn assume(id: &str, params: &str) -> String {
    format!(
        r#"{{"id": "{id}", "as": "arn:aws:iam::111122223333:user/alice", "action": "sts:AssumeRole", "params": {{"RoleArn": "arn:aws:iam::111122223333:role/App", "RoleSessionName": "s"{params}}}}}"#
    )
}

/// A scenario that gives pass `pass` an input of size `n`.
fn input(pass: &str, n: usize) -> String {
    let allow_all = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#;
    let repeat = |f: &dyn Fn(usize) -> String| (0..n).map(f).collect::<Vec<_>>();
    match pass {
        "duplicate-principals" => scenario(&vec![ALICE.to_string(); n + 1], &[]),
        "principals" => {
            let mut all = repeat(&|i| {
                format!(r#"{{"type": "user", "arn": "arn:aws:iam::111122223333:user/u{i}"}}"#)
            });
            all.push(ALICE.into());
            all.push(role(allow_all));
            let steps = repeat(&|i| {
                format!(
                    r#"{{"as": "arn:aws:iam::111122223333:user/u{i}", "action": "s3:ListAllMyBuckets", "resource": "*"}}"#
                )
            });
            scenario(&all, &steps)
        }
        "statements" => {
            let statements = repeat(&|i| {
                let action = if i % 2 == 0 {
                    "s3:GetObject".to_string()
                } else {
                    format!("s3:Get{i}")
                };
                format!(
                    r#"{{"Sid": "S{i}", "Effect": "Allow", "Action": ["{action}", "s3:PutObject", "s3:putobject"], "Resource": "*"}}"#
                )
            });
            let policy = format!(
                r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#,
                statements.join(",")
            );
            scenario(&[ALICE.into(), role(&policy)], &[])
        }
        "object-keys" => {
            let keys = repeat(&|i| format!(r#""aws:PrincipalTag/k{i}": "v""#));
            let policy = format!(
                r#"{{"Version": "2012-10-17", "Statement": {{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {{"StringEquals": {{{}}}}}}}}}"#,
                keys.join(",")
            );
            scenario(&[ALICE.into(), role(&policy)], &[])
        }
        "steps" => {
            let steps = repeat(&|i| {
                if i % 2 == 0 {
                    assume(&format!("a{i}"), "")
                } else {
                    format!(
                        r#"{{"id": "c{i}", "as": "a{}", "action": "s3:ListAllMyBuckets", "resource": "*"}}"#,
                        i - 1
                    )
                }
            });
            scenario(&[ALICE.into(), role(allow_all)], &steps)
        }
        "session-tags" => {
            let tags = repeat(&|i| format!(r#"{{"Key": "k{i}", "Value": "v"}}"#));
            let step = assume("a", &format!(r#", "Tags": [{}]"#, tags.join(",")));
            scenario(&[ALICE.into(), role(allow_all)], &[step])
        }
        "findings" => {
            let steps = repeat(&|i| {
                format!(
                    r#"{{"as": "arn:aws:iam::111122223333:user/nobody{i}", "action": "s3:ListAllMyBuckets", "resource": "*"}}"#
                )
            });
            scenario(&[ALICE.into()], &steps)
        }
        _ => String::new(),
    }
}

/// Run under valgrind by [`doubling_the_input_at_most_doubles_the_work`]: reads and runs the
/// scenario `ROLEPLAY_SCALING_WORKER=pass:n` names. Without the variable it checks that every pass
/// builds a scenario that reads and runs.
#[test]
fn worker() {
    if let Some((pass, n)) = std::env::var(WORKER).ok().and_then(|spec| {
        let (pass, n) = spec.split_once(':')?;
        Some((pass.to_string(), n.parse::<usize>().ok()?))
    }) {
        let result = roleplay_sim::run_text(&input(&pass, n));
        std::hint::black_box(result.map(|r| r.steps.len())).ok();
        return;
    }
    for (pass, n) in PASSES {
        let text = input(pass, *n);
        let run = roleplay_sim::run_text(&text);
        assert!(run.is_ok(), "{pass}: {:?}", run.err());
    }
}

/// Instructions executed by the worker for `pass` at size `n`.
fn instructions(pass: &str, n: usize) -> u64 {
    let exe = std::env::current_exe().unwrap_or_default();
    let out = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(exe)
        .args(["--exact", "worker", "--test-threads=1", "--quiet"])
        .env(WORKER, format!("{pass}:{n}"))
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "valgrind could not run ({e}): `make test` installs it (apt-get install valgrind)"
            )
        });
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{pass}:{n} failed under valgrind:\n{log}"
    );
    log.lines()
        .find_map(|l| l.split("Collected : ").nth(1))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no instruction count in callgrind's output:\n{log}"))
}

#[test]
fn doubling_the_input_at_most_doubles_the_work() {
    let failures: Vec<String> = std::thread::scope(|scope| {
        let runs: Vec<_> = PASSES
            .iter()
            .map(|&(pass, n)| {
                scope.spawn(move || {
                    let base = instructions(pass, 0);
                    let once = instructions(pass, n).saturating_sub(base);
                    let twice = instructions(pass, 2 * n).saturating_sub(base);
                    let ratio = twice as f64 / once.max(1) as f64;
                    println!("{pass}: n={n} {once} instructions, 2n {twice}: ×{ratio:.2}");
                    (ratio > MAX_RATIO).then(|| format!("{pass}: ×{ratio:.2} for twice the input ({once} → {twice} instructions)"))
                })
            })
            .collect();
        runs.into_iter()
            .filter_map(|r| {
                r.join()
                    .unwrap_or_else(|_| Some("a measurement panicked".into()))
            })
            .collect()
    });
    assert!(
        failures.is_empty(),
        "work grows faster than the input:\n{}",
        failures.join("\n")
    );
}
