//! `roleplay fix`: the ranked, verified fixes for one step — as text (each fix with a unified diff
//! of the policy it changes) or as the JSON report of `roleplay_fix`.

use roleplay_fix::{Fix, FixError, Report};
use serde_json::Value;
use std::fmt::Write;

/// The report, or the error and the exit status it means (2: the scenario or the step cannot be
/// read; 1: there is nothing to fix).
pub fn compute(
    text: &str,
    step: &str,
    options: &roleplay_fix::Options,
) -> Result<Report, (String, u8)> {
    roleplay_fix::fix(text, step, options).map_err(|e| {
        let status = match e {
            FixError::NothingToFix(_) => 1,
            _ => 2,
        };
        (e.to_string(), status)
    })
}

/// The readable report: the ranked list, each fix with its diff (printed through `output::print`,
/// which escapes what a terminal could act on).
pub fn text(report: &Report, document: &Value) -> String {
    let mut out = String::new();
    let count = report.fixes.len();
    let _ = writeln!(
        out,
        "Step {}: {} → {} — {count} verified fix{}, best first",
        report.step,
        report.from,
        report.to,
        if count == 1 { "" } else { "es" }
    );
    if let Some(reason) = &report.reason {
        let _ = writeln!(out, "No fix: {reason}");
    }
    for (i, fix) in report.fixes.iter().enumerate() {
        let _ = writeln!(out, "\n{}. [{}] {}", i + 1, fix.layer.as_str(), fix.summary);
        if let Some(p) = &fix.policy {
            let _ = writeln!(out, "   policy: {} ({})", p.path, p.name);
        }
        let _ = writeln!(out, "   also grants: {}", fix.grants_also.sentence());
        if !fix.other_steps.is_empty() {
            let changes: Vec<String> = fix
                .other_steps
                .iter()
                .map(|c| format!("{}: {} → {}", c.step, c.from, c.to))
                .collect();
            let _ = writeln!(out, "   other steps: {}", changes.join("; "));
        }
        out.push_str(&changes(fix, document));
    }
    out
}

/// Each operation of the patch: a unified diff where it replaces a policy, else the operation.
fn changes(fix: &Fix, document: &Value) -> String {
    let mut out = String::new();
    for c in roleplay_fix::diff::changes(fix, document) {
        if c.lines.is_empty() {
            let value = c.value.map(|v| format!(": {v}")).unwrap_or_default();
            let _ = writeln!(out, "   {} {}{value}", c.op, c.path);
            continue;
        }
        let _ = writeln!(out, "   --- {}\n   +++ {}", c.path, c.path);
        for line in &c.lines {
            match line.tag {
                '@' => {
                    let _ = writeln!(out, "   {}", line.text);
                }
                tag => {
                    let _ = writeln!(out, "   {tag}{}", line.text);
                }
            }
        }
    }
    out
}
