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

/// Text with control characters shown as escapes, so a scenario cannot drive the terminal.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' | '\t' => c.to_string(),
            c if c.is_control() => c.escape_default().to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// The readable report: the ranked list, each fix with its diff.
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
        let _ = writeln!(out, "   also grants: {}", grants(fix));
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
    printable(&out)
}

fn grants(fix: &Fix) -> String {
    let g = &fix.grants_also;
    let mut parts: Vec<String> = g
        .patterns
        .iter()
        .map(|p| {
            let mut s = format!("{} on {}", p.actions.join(", "), p.resources.join(", "));
            if let Some(note) = &p.note {
                let _ = write!(s, " ({note})");
            }
            s
        })
        .collect();
    if let Some(a) = g.actions.as_ref().filter(|a| a.count > 0) {
        let levels: Vec<String> = a
            .by_level
            .iter()
            .map(|l| format!("{} {} (e.g. {})", l.level, l.count, l.sample.join(", ")))
            .collect();
        parts.push(format!(
            "{} more catalog actions: {}",
            a.count,
            levels.join("; ")
        ));
    }
    if parts.is_empty() {
        "nothing beyond this request".into()
    } else {
        parts.join("; ")
    }
}

/// Each operation of the patch: a unified diff where it replaces a policy, else the operation.
fn changes(fix: &Fix, document: &Value) -> String {
    let mut out = String::new();
    let Ok(Value::Array(ops)) = serde_json::to_value(&fix.patch) else {
        return out;
    };
    for op in &ops {
        let kind = op.get("op").and_then(Value::as_str).unwrap_or("");
        let path = op.get("path").and_then(Value::as_str).unwrap_or("");
        let new = op.get("value");
        let old = document.pointer(path).map(policy_or_value);
        match (old, new) {
            (Some(old), Some(new)) if new.is_object() && new.get("Statement").is_some() => {
                let (a, b) = (pretty(&old), pretty(new));
                let diff = similar::TextDiff::from_lines(&a, &b)
                    .unified_diff()
                    .context_radius(2)
                    .header(path, path)
                    .to_string();
                for line in diff.lines() {
                    let _ = writeln!(out, "   {line}");
                }
            }
            (_, Some(v)) => {
                let _ = writeln!(out, "   {kind} {path}: {}", compact(v));
            }
            (_, None) => {
                let _ = writeln!(out, "   {kind} {path}");
            }
        }
    }
    out
}

/// A policy given as text reads as its JSON, so the diff compares documents.
fn policy_or_value(v: &Value) -> Value {
    match v {
        Value::String(s) => serde_json::from_str(s).unwrap_or_else(|_| v.clone()),
        other => other.clone(),
    }
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

fn compact(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(printable("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\n");
    }
}
