//! What roleplay reads at most. Scenarios travel as links that people open without reading them, so
//! every count that drives work is bounded, checked right after the text is read and before any policy
//! is parsed or any step runs. An input over a limit is refused with a message that names the limit;
//! `docs/reliability.md` lists them all.

use crate::finding::ScenarioFinding;
use crate::format::{CallerDef, PrincipalDef, Scenario};
use std::collections::HashMap;

/// A scenario file or standard input (the CLI). Links and files opened in the page are held to
/// [`crate::share::MAX_JSON`] (1 MiB).
pub const MAX_SCENARIO_BYTES: usize = 32 << 20;
/// Steps in one timeline: a long CI table of requests fits; a run's memory grows with it.
pub const MAX_STEPS: usize = 100_000;
/// Users, groups, roles and identity providers together (AWS's default quotas: 5,000 users, 1,000
/// roles, 300 groups per account).
pub const MAX_PRINCIPALS: usize = 10_000;
/// Resources with a policy or tags.
pub const MAX_RESOURCES: usize = 10_000;
/// Accounts of the organization, and SCPs and RCPs each.
pub const MAX_ORGANIZATION: usize = 10_000;
/// Entries of any one list inside a principal, resource or step: policies, groups, tags, context
/// values, session policies, claims (AWS's own quotas are 10 to 50).
pub const MAX_LIST: usize = 1_000;
/// Findings of one code; the rest are counted in one closing finding.
pub const MAX_FINDINGS_PER_CODE: usize = 100;

/// The first limit a scenario exceeds: the JSON path of the list and the message.
pub fn check(s: &Scenario) -> Result<(), (String, String)> {
    over("steps", s.steps.len(), MAX_STEPS, "steps")?;
    over(
        "principals",
        s.principals.len(),
        MAX_PRINCIPALS,
        "principals",
    )?;
    over("resources", s.resources.len(), MAX_RESOURCES, "resources")?;
    if let Some(o) = &s.organization {
        over(
            "organization.accounts",
            o.accounts.len(),
            MAX_ORGANIZATION,
            "accounts",
        )?;
        over("organization.scps", o.scps.len(), MAX_ORGANIZATION, "SCPs")?;
        over("organization.rcps", o.rcps.len(), MAX_ORGANIZATION, "RCPs")?;
        for (field, list) in [("scps", &o.scps), ("rcps", &o.rcps)] {
            for (i, p) in list.iter().enumerate() {
                let path = format!("organization.{field}[{i}].targets");
                over(&path, p.targets.len(), MAX_LIST, "targets")?;
            }
        }
        for (account, ous) in &o.accounts {
            over(
                &format!("organization.accounts.{account}"),
                ous.len(),
                MAX_LIST,
                "OUs",
            )?;
        }
    }
    for (i, p) in s.principals.iter().enumerate() {
        principal(&format!("principals[{i}]"), p)?;
    }
    for (i, r) in s.resources.iter().enumerate() {
        over(
            &format!("resources[{i}].tags"),
            r.tags.len(),
            MAX_LIST,
            "tags",
        )?;
    }
    for (i, step) in s.steps.iter().enumerate() {
        let base = format!("steps[{i}]");
        over(
            &format!("{base}.context"),
            step.context.len(),
            MAX_LIST,
            "context keys",
        )?;
        for (key, value) in &step.context {
            over(
                &format!("{base}.context.{key}"),
                value.count(),
                MAX_LIST,
                "values",
            )?;
        }
        if let Some(p) = &step.params {
            let lists = [
                ("Tags", p.tags.as_ref().map_or(0, Vec::len)),
                (
                    "TransitiveTagKeys",
                    p.transitive_tag_keys.as_ref().map_or(0, Vec::len),
                ),
                ("PolicyArns", p.policy_arns.as_ref().map_or(0, Vec::len)),
                (
                    "ProvidedContexts",
                    p.provided_contexts.as_ref().map_or(0, Vec::len),
                ),
            ];
            for (name, n) in lists {
                over(&format!("{base}.params.{name}"), n, MAX_LIST, "entries")?;
            }
        }
        if let Some(CallerDef::Object(o)) = &step.caller {
            let n = o
                .session
                .as_ref()
                .map_or(0, |s| s.tags.len() + s.policy_arns.len())
                + o.web_identity.as_ref().map_or(0, |w| w.claims.len())
                + o.saml.as_ref().map_or(0, |s| s.attributes.len());
            over(&format!("{base}.as"), n, MAX_LIST, "entries")?;
        }
    }
    Ok(())
}

fn principal(base: &str, p: &PrincipalDef) -> Result<(), (String, String)> {
    let (policies, tags, groups) = match p {
        PrincipalDef::User(u) => (u.policies.len(), u.tags.len(), u.groups.len()),
        PrincipalDef::Role(r) => (r.policies.len(), r.tags.len(), 0),
        PrincipalDef::Group(g) => (g.policies.len(), 0, 0),
        PrincipalDef::OidcProvider(o) => (0, 0, o.audiences.len()),
        PrincipalDef::SamlProvider(_) => (0, 0, 0),
    };
    over(&format!("{base}.policies"), policies, MAX_LIST, "policies")?;
    over(&format!("{base}.tags"), tags, MAX_LIST, "tags")?;
    over(&format!("{base}.groups"), groups, MAX_LIST, "entries")
}

fn over(path: &str, n: usize, limit: usize, what: &str) -> Result<(), (String, String)> {
    if n <= limit {
        return Ok(());
    }
    Err((
        path.to_string(),
        format!(
            "{} {what}: roleplay reads at most {} here (docs/reliability.md lists every limit)",
            grouped(n),
            grouped(limit)
        ),
    ))
}

/// Keeps the first [`MAX_FINDINGS_PER_CODE`] findings of each code and adds, per code that had more,
/// one finding that counts the rest. A scenario's own mistakes stay visible without a hostile one
/// producing megabytes of findings.
pub fn cap_findings(findings: &mut Vec<ScenarioFinding>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut dropped: Vec<(ScenarioFinding, usize)> = Vec::new();
    findings.retain(|f| {
        let n = seen.entry(f.code.clone()).or_default();
        *n += 1;
        if *n <= MAX_FINDINGS_PER_CODE {
            return true;
        }
        match dropped.iter_mut().find(|(d, _)| d.code == f.code) {
            Some((_, count)) => *count += 1,
            None => dropped.push((f.clone(), 1)),
        }
        false
    });
    for (first, count) in dropped {
        findings.push(ScenarioFinding {
            message: format!(
                "… and {} more {} findings, not listed (the first {MAX_FINDINGS_PER_CODE} are).",
                grouped(count),
                first.code
            ),
            location: None,
            aws_message: None,
            fix: None,
            ..first
        });
    }
}

/// `18395` → `18,395`.
pub(crate) fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        for (n, text) in [
            (0, "0"),
            (999, "999"),
            (1_000, "1,000"),
            (18_395, "18,395"),
            (1_048_576, "1,048,576"),
        ] {
            assert_eq!(grouped(n), text);
        }
    }
}
