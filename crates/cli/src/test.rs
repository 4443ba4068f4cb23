//! `roleplay test PATH...`: every scenario in the given files and folders (recursively, `*.json`), run
//! in parallel; a line per failed expectation, then `N passed, N failed` for the expectations of every
//! scenario, and JUnit XML for CI (`--junit FILE`: a test suite per scenario, a test case per step
//! with an `expect`). A team keeps "these requests must stay allowed / denied" as scenarios and runs
//! them on every change to its policies.

use crate::output::{escape, print};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// One step with an `expect`, as it came out.
struct Case {
    name: String,
    met: bool,
    failure: String,
}

/// A scenario's cases, or why it could not be read.
type Outcome = Result<Vec<Case>, String>;

pub fn run(paths: &[String], junit: Option<&str>) -> ExitCode {
    let files = match collect(paths) {
        Ok(f) if !f.is_empty() => f,
        Ok(_) => return crate::fail("no scenario (*.json) in the given paths"),
        Err(e) => return crate::fail(&e),
    };
    let outcomes = run_all(&files);
    let (mut passed, mut failed, mut lines) = (0, 0, String::new());
    for (path, outcome) in files.iter().zip(&outcomes) {
        let shown = escape(&path.display().to_string(), false).into_owned();
        match outcome {
            Ok(cases) => {
                for c in cases {
                    if c.met {
                        passed += 1;
                    } else {
                        failed += 1;
                        lines.push_str(&format!("FAIL {shown} {}: {}\n", c.name, c.failure));
                    }
                }
            }
            Err(e) => {
                failed += 1;
                lines.push_str(&format!("FAIL {shown}: {e}\n"));
            }
        }
    }
    print(&lines);
    print(&format!(
        "roleplay test: {} scenarios\n{passed} passed, {failed} failed\n",
        files.len()
    ));
    if let Some(target) = junit {
        if let Err(e) = write_junit(target, &files, &outcomes) {
            return crate::fail(&format!("{target}: {e}"));
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The `*.json` files under `paths`, each folder's entries in name order.
fn collect(paths: &[String]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if path.is_dir() {
            walk(path, &mut files).map_err(|e| format!("{p}: {e}"))?;
        } else if path.is_file() {
            files.push(path.to_path_buf());
        } else {
            return Err(format!("{p}: no such file or folder"));
        }
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            walk(&entry, files)?;
        } else if entry.extension().is_some_and(|x| x == "json") {
            files.push(entry);
        }
    }
    Ok(())
}

/// Runs every file on as many threads as there are cores; outcomes in the files' order.
fn run_all(files: &[PathBuf]) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Outcome>>> = files.iter().map(|_| Mutex::new(None)).collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let (Some(path), Some(slot)) = (files.get(i), slots.get(i)) else {
                    break;
                };
                let outcome = one(path);
                if let Ok(mut s) = slot.lock() {
                    *s = Some(outcome);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|s| {
            s.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Err("not run".into()))
        })
        .collect()
}

fn one(path: &Path) -> Outcome {
    let text = crate::input::read(&path.to_string_lossy(), crate::input::Bom::Drop)?;
    let result = roleplay_sim::run_text(&text).map_err(|e| e.to_string())?;
    Ok(result
        .steps
        .iter()
        .filter_map(|s| {
            let x = s.expectation.as_ref()?;
            let name = match &s.id {
                Some(id) => format!("step {} [{}]", s.index + 1, escape(id, false)),
                None => format!("step {}", s.index + 1),
            };
            let message = x
                .expected_message
                .as_deref()
                .map(|m| format!(" with message \"{}\"", escape(m, false)))
                .unwrap_or_default();
            let got = s
                .error
                .as_ref()
                .map(|e| format!(": {}", escape(&e.message, false)))
                .unwrap_or_default();
            Some(Case {
                name,
                met: x.met,
                failure: format!(
                    "expected {}{message}, got {}{got}",
                    escape(&x.expected, false),
                    escape(&x.actual, false)
                ),
            })
        })
        .collect())
}

fn write_junit(target: &str, files: &[PathBuf], outcomes: &[Outcome]) -> Result<(), String> {
    let mut report = Report::new("roleplay test");
    for (path, outcome) in files.iter().zip(outcomes) {
        let mut suite = TestSuite::new(path.display().to_string());
        match outcome {
            Ok(cases) => {
                for c in cases {
                    let status = if c.met {
                        TestCaseStatus::success()
                    } else {
                        let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                        s.set_message(c.failure.clone());
                        s
                    };
                    suite.add_test_case(TestCase::new(c.name.clone(), status));
                }
            }
            Err(e) => {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
                s.set_message(e.clone());
                suite.add_test_case(TestCase::new("read", s));
            }
        }
        report.add_test_suite(suite);
    }
    let xml = report.to_string().map_err(|e| e.to_string())?;
    std::fs::write(target, xml).map_err(|e| e.to_string())
}
