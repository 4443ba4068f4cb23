//! The readable timeline: one line per step with its verdict, then AWS's message and any failed
//! expectation; findings at the end. Every text that comes from the scenario goes through
//! [`escape`], so the only escape sequences printed are the verdict colours written here.

use crate::output::escape;
use roleplay_eval::FlowStatus;
use roleplay_sim::{RunResult, StepResult};
use std::fmt::Write;

fn paint(color: bool, code: &str, text: &str) -> String {
    let text = escape(text, false);
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.into_owned()
    }
}

/// One field of a line, escaped.
fn e(text: &str) -> std::borrow::Cow<'_, str> {
    escape(text, false)
}

/// The stages outside the policies the caller and the resource own: the VPC endpoint the request went
/// through, and the services' own rules, each with its source.
fn stages(out: &mut String, s: &StepResult) {
    let Some(ex) = &s.explanation else {
        return;
    };
    let endpoint = s
        .context
        .iter()
        .find(|c| c.key.eq_ignore_ascii_case("aws:SourceVpce"));
    let vpce = ex.flow.iter().find(|f| f.stage == "vpce");
    if let (Some(id), Some(f)) = (endpoint, vpce) {
        let verdict = match f.status {
            FlowStatus::Fail => "does not allow it",
            FlowStatus::Pass => "allows it",
            FlowStatus::NotApplicable | FlowStatus::Skipped => "not reached",
        };
        let id = id.values.first().map(String::as_str).unwrap_or_default();
        let _ = writeln!(
            out,
            "    through VPC endpoint {}: its policy {verdict}",
            e(id)
        );
    }
    for r in &ex.service_rules {
        let what = if r.refused { "refused" } else { "note" };
        let _ = writeln!(
            out,
            "    service rule ({} {}, {what}; aws-service-rules {}): {}",
            r.service,
            r.id,
            r.source,
            e(&r.text)
        );
    }
}

pub fn timeline(r: &RunResult, color: bool) -> String {
    let mut out = String::new();
    for s in &r.steps {
        let verdict = match s.decision {
            "allowed" => paint(color, "32", "ALLOWED"),
            "explicitDeny" => paint(color, "31", "EXPLICIT DENY"),
            "implicitDeny" => paint(color, "33", "IMPLICIT DENY"),
            _ => paint(
                color,
                "35",
                s.error.as_ref().map(|e| e.code.as_str()).unwrap_or("ERROR"),
            ),
        };
        let id =
            s.id.as_deref()
                .map(|i| format!(" [{}]", e(i)))
                .unwrap_or_default();
        let on = s
            .resource
            .as_deref()
            .map(|r| format!(" on {}", e(r)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{} {:<14} {}{id}  {} {}{on}",
            s.at,
            verdict,
            s.index + 1,
            e(&s.caller),
            e(&s.action)
        );
        if let Some(err) = &s.error {
            let _ = writeln!(out, "    {}: {}", e(&err.code), e(&err.message));
        }
        stages(&mut out, s);
        if let Some(session) = &s.session {
            let _ = writeln!(
                out,
                "    session {} until {}{}",
                e(&session.arn),
                session.expires,
                if session.chained {
                    " (role chaining)"
                } else {
                    ""
                }
            );
        }
        if let Some(x) = s.expectation.as_ref().filter(|x| !x.met) {
            let msg = x
                .expected_message
                .as_deref()
                .map(|m| format!(" with message \"{}\"", e(m)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    {} expected {}{msg}, got {}",
                paint(color, "1;31", "FAILED EXPECTATION:"),
                e(&x.expected),
                e(&x.actual)
            );
        }
    }
    let failed = r.failed_expectations().count();
    let with_expect = r.steps.iter().filter(|s| s.expectation.is_some()).count();
    if with_expect > 0 {
        let _ = writeln!(
            out,
            "{} of {with_expect} expectations met",
            with_expect - failed
        );
    }
    for f in &r.findings {
        let at = f
            .location
            .map(|l| format!(" line {}, column {}", l.start_line, l.start_column))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:?} {} at {}{at}: {}",
            f.severity,
            f.code,
            e(&f.path),
            e(&f.message)
        );
    }
    out
}
