//! "Copy as Markdown": the scenario as a note for an issue, a chat or a study log — its title, the
//! focus role's two policies in ```json fences, the timeline as a table with each verdict (and
//! error code), and the share link.
//!
//! Plain Rust over `roleplay_sim` types; no DOM, so it is tested natively.

use crate::scenario::{
    arn_name, clock, focus_role, permissions_text, step_caller, trust_text, verdict,
};
use roleplay_sim::{RunResult, Scenario, StepResult};
use std::fmt::Write;

/// The Markdown for a scenario, its run and its share link.
pub fn markdown(s: &Scenario, result: &RunResult, link: &str) -> String {
    let mut out = String::new();
    let title = s.title.as_deref().unwrap_or("Untitled scenario");
    let _ = writeln!(out, "# {}\n", one_line(title));
    match focus_role(s) {
        Some(role) => {
            let name = arn_name(&role.arn);
            let _ = writeln!(
                out,
                "## Trust policy of {name}\n\nWho can assume this role?\n"
            );
            fence(&mut out, &trust_text(s));
            let policy = role.policies.first().map_or("(none)", |p| p.name.as_str());
            let _ = writeln!(
                out,
                "## Permissions policy {} of {name}\n\nWhat can the session do?\n",
                one_line(policy)
            );
            fence(&mut out, &permissions_text(s));
        }
        None => out.push_str("_This scenario has no role._\n\n"),
    }
    out.push_str("## Timeline\n\n");
    if result.steps.is_empty() {
        out.push_str("_No steps._\n\n");
    } else {
        out.push_str("| Time | Caller | Call | Resource | Verdict |\n");
        out.push_str("|---|---|---|---|---|\n");
        for r in &result.steps {
            let _ = writeln!(out, "{}", row(s, &result.steps, r));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "[Open this scenario in roleplay]({link})");
    out
}

fn row(s: &Scenario, steps: &[StepResult], r: &StepResult) -> String {
    let who = step_caller(steps, r);
    let step = s.steps.get(r.index);
    // STS calls name their role in a parameter; the timeline shows it as their resource.
    let resource = r.resource.as_deref().or_else(|| {
        step.and_then(|st| {
            st.params
                .as_ref()
                .and_then(|p| p.role_arn.as_deref())
                .or(st.revoke_sessions.as_deref())
        })
    });
    let code = r.error.as_ref().map(|e| e.code.as_str());
    let (word, _) = verdict(r.decision, code);
    let verdict = match (r.decision, code) {
        ("error", Some(c)) => format!("Error: {c}"),
        (_, Some(c)) => format!("{word} ({c})"),
        _ => word,
    };
    format!(
        "| {} | {} | {} | {} | {} |",
        clock(&r.at),
        cell(&format!("{} ({})", who.name, who.kind)),
        code_cell(&r.action),
        resource.map_or_else(|| "—".to_owned(), code_cell),
        cell(&verdict),
    )
}

/// A table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

/// A cell in code style, unless the text carries a backtick itself.
fn code_cell(text: &str) -> String {
    if text.contains('`') {
        cell(text)
    } else {
        format!("`{}`", cell(text))
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A ```json fence around `text`, longer than any run of backticks inside it.
fn fence(out: &mut String, text: &str) {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest.max(2) + 1);
    let body = text.trim_end_matches('\n');
    let _ = writeln!(out, "{ticks}json\n{body}\n{ticks}\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::default_scenario;

    #[test]
    fn the_default_scenario_as_markdown() {
        let s = default_scenario();
        let r = roleplay_sim::run(&s);
        let md = markdown(&s, &r, "https://example.org/#s=1.abc");
        assert!(md.starts_with("# Reading the reports bucket through a role\n\n"));
        assert!(md.contains("## Trust policy of ReportsReader\n"));
        assert!(md.contains("## Permissions policy ReadReports of ReportsReader\n"));
        // Both policies, byte for byte, in json fences.
        assert!(md.contains(&format!("```json\n{}\n```\n", trust_text(&s).trim_end())));
        assert!(md.contains(&format!(
            "```json\n{}\n```\n",
            permissions_text(&s).trim_end()
        )));
        let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
        assert_eq!(rows[0], "| Time | Caller | Call | Resource | Verdict |");
        assert_eq!(
            rows[1],
            "| 09:00 | alice (user 111122223333) | `sts:AssumeRole` | `arn:aws:iam::111122223333:role/ReportsReader` | Allowed |"
        );
        assert_eq!(
            rows[3],
            "| 09:06 | alice-reports (session of ReportsReader) | `s3:PutObject` | `arn:aws:s3:::reports-bucket/2026/q1.csv` | Implicit deny (AccessDenied) |"
        );
        assert!(rows[4].ends_with("| Error: ExpiredToken |"), "{}", rows[4]);
        assert!(md.ends_with("[Open this scenario in roleplay](https://example.org/#s=1.abc)\n"));
    }

    #[test]
    fn text_cannot_break_the_table_or_the_fence() {
        let mut s = default_scenario();
        s.title = Some("Two\nlines".into());
        crate::scenario::set_trust(&mut s, "```\n{ not json | at all }\n");
        if let Some(step) = s.steps.get_mut(1) {
            step.resource = Some("arn:aws:s3:::b/a|b`c".into());
        }
        let r = roleplay_sim::run(&s);
        let md = markdown(&s, &r, "L");
        assert!(md.starts_with("# Two lines\n"));
        assert!(md.contains("````json\n```\n{ not json | at all }\n````\n"));
        let row = md.lines().find(|l| l.contains("a\\|b")).unwrap_or_default();
        assert!(row.contains("| arn:aws:s3:::b/a\\|b`c |"), "{row}");
        assert_eq!(row.matches(" | ").count() + 2, 6, "five cells: {row}");
    }

    #[test]
    fn a_scenario_without_a_role_or_steps() {
        let s = crate::scenario::empty_scenario();
        let r = roleplay_sim::run(&s);
        let md = markdown(&s, &r, "L");
        assert!(md.contains("_This scenario has no role._"));
        assert!(md.contains("_No steps._"));
    }
}
