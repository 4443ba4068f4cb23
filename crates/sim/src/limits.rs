//! What roleplay reads at most. Scenarios travel as links that people open without reading them, so
//! every count that drives work is bounded, checked right after the text is read and before any policy
//! is parsed or any step runs. An input over a limit is refused with a message that names the limit;
//! `docs/reliability.md` lists them all.

use crate::finding::ScenarioFinding;
use crate::format::{CallerDef, PolicyDoc, PrincipalDef, Scenario};
use roleplay_policy::{Code, MAX_STATEMENTS};
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
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
    for (path, doc) in documents(s) {
        over(
            &path,
            statements(doc),
            MAX_STATEMENTS,
            "statements in one policy",
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

/// Every policy document of a scenario with its JSON path.
fn documents(s: &Scenario) -> Vec<(String, &PolicyDoc)> {
    let mut out = Vec::new();
    for (i, p) in s.principals.iter().enumerate() {
        let base = format!("principals[{i}]");
        let (list, boundary) = match p {
            PrincipalDef::User(u) => (&u.policies[..], u.permissions_boundary.as_ref()),
            PrincipalDef::Group(g) => (&g.policies[..], None),
            PrincipalDef::Role(r) => (&r.policies[..], r.permissions_boundary.as_ref()),
            _ => continue,
        };
        for (j, a) in list.iter().enumerate() {
            out.push((format!("{base}.policies[{j}].document"), &a.document));
        }
        if let Some(b) = boundary {
            out.push((format!("{base}.permissionsBoundary.document"), &b.document));
        }
    }
    for (i, p) in s.principals.iter().enumerate() {
        if let PrincipalDef::Role(r) = p {
            out.push((format!("principals[{i}].trustPolicy"), &r.trust_policy));
        }
    }
    for (i, r) in s.resources.iter().enumerate() {
        out.extend(
            r.policy
                .iter()
                .map(|d| (format!("resources[{i}].policy"), d)),
        );
    }
    if let Some(o) = &s.organization {
        for (field, list) in [("scps", &o.scps), ("rcps", &o.rcps)] {
            for (i, p) in list.iter().enumerate() {
                out.push((format!("organization.{field}[{i}].document"), &p.document));
            }
        }
    }
    for (i, step) in s.steps.iter().enumerate() {
        let passed = step.params.as_ref().and_then(|p| p.policy.as_ref());
        out.extend(passed.map(|d| (format!("steps[{i}].params.Policy"), d)));
        if let Some(CallerDef::Object(o)) = &step.caller {
            let inline = o.session.as_ref().and_then(|s| s.policy.as_ref());
            out.extend(inline.map(|d| (format!("steps[{i}].as.session.policy"), d)));
        }
    }
    out
}

/// How many statements a policy document has, counted without building them (a document that
/// does not read counts 0: the policy parser reports it).
fn statements(doc: &PolicyDoc) -> usize {
    let counted = match doc {
        PolicyDoc::Object(raw) => serde_json::from_str::<Shape>(raw.get()),
        PolicyDoc::Text(text) => serde_json::from_str::<Shape>(text),
    };
    counted.map_or(0, |shape| shape.0)
}

/// The `Statement` count of a policy object: one for an object, the elements of a list.
struct Shape(usize);

impl<'de> serde::Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a policy document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let mut n = 0;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == "Statement" {
                n = map.next_value::<Count>()?.0;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(Shape(n))
    }
}

/// Elements of a list (1 for anything else), skipped as they are read.
struct Count(usize);

impl<'de> serde::Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CountVisitor;
        impl<'de> Visitor<'de> for CountVisitor {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("statements")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Count, A::Error> {
                let mut n = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Count(n))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Count, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Count(1))
            }
            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Count, E> {
                Ok(Count(1))
            }
        }
        d.deserialize_any(CountVisitor)
    }
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
            thousands(n),
            thousands(limit)
        ),
    ))
}

/// Keeps the first [`MAX_FINDINGS_PER_CODE`] findings of each code and adds, per code that had more,
/// one finding that counts the rest. A scenario's own mistakes stay visible without a hostile one
/// producing megabytes of findings.
pub fn cap_findings(findings: &mut Vec<ScenarioFinding>) {
    // Runs on every keystroke in the page: count by borrowed code first, and leave the list alone in
    // the usual case where no code is over the cap.
    let mut counts: HashMap<Code, usize> = HashMap::new();
    for f in findings.iter() {
        *counts.entry(f.code).or_default() += 1;
    }
    if counts.values().all(|&n| n <= MAX_FINDINGS_PER_CODE) {
        return;
    }
    let mut seen: HashMap<Code, usize> = HashMap::new();
    let mut dropped: Vec<(ScenarioFinding, usize)> = Vec::new();
    findings.retain(|f| {
        let n = seen.entry(f.code).or_default();
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
                thousands(count),
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
pub fn thousands(n: usize) -> String {
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
    fn numbers_are_written_with_thousands_separators() {
        for (n, text) in [
            (0, "0"),
            (999, "999"),
            (1_000, "1,000"),
            (18_395, "18,395"),
            (1_048_576, "1,048,576"),
        ] {
            assert_eq!(thousands(n), text);
        }
    }
}
