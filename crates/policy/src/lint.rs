//! Lint findings in Access Analyzer's classes: policies AWS accepts but that are risky or mistaken.

use crate::finding::Sink;
use crate::kind::PolicyKind;
use crate::model::*;
use crate::operator::{Family, OperatorKind, SetQualifier};
use crate::parse::ParseOptions;
use crate::Code;
use crate::Severity;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

const GITHUB: &str = "token.actions.githubusercontent.com";

pub(crate) fn lint(doc: &Document, options: &ParseOptions, sink: &mut Sink) {
    for st in &doc.statements {
        statement(doc, st, options, sink);
    }
    redundant(doc, sink);
    if !doc.variables_enabled() {
        variables_without_version(doc, sink);
    }
}

fn statement(doc: &Document, st: &Statement, options: &ParseOptions, sink: &mut Sink) {
    let allow = st.effect.value == Effect::Allow;
    if let Some(p) = &st.principal {
        if p.negated && allow {
            sink.lint(
                Severity::Security,
                Code::NotprincipalWithAllow,
                p.span,
                "NotPrincipal with Allow grants access to every principal except those listed, anonymous callers included.".into(),
                Some("Use \"Principal\" naming who should have access, or \"Principal\": \"*\" with an ArnNotEquals aws:PrincipalArn condition.".into()),
            );
        }
    }
    if let Some(a) = st.action.as_ref().filter(|a| a.negated && allow) {
        sink.lint(
            Severity::Warning,
            Code::NotactionWithAllow,
            a.span,
            "NotAction with Allow grants every action not listed, including services added later."
                .into(),
            Some("List the actions to allow instead.".into()),
        );
    }
    if let Some(r) = st.resource.as_ref().filter(|r| r.negated && allow) {
        sink.lint(
            Severity::Warning,
            Code::NotresourceWithAllow,
            r.span,
            "NotResource with Allow grants access to every resource not listed, including ones created later.".into(),
            Some("List the resources to allow instead.".into()),
        );
    }
    if allow && options.kind == Some(PolicyKind::Trust) {
        trust(st, options, sink);
    }
    if allow {
        pass_role(st, sink);
    }
    for c in &st.conditions {
        condition(st, c, sink);
    }
    never_matches(st, sink);
    let _ = doc;
}

fn trust(st: &Statement, options: &ParseOptions, sink: &mut Sink) {
    let Some(p) = st.principal.as_ref().filter(|p| !p.negated) else {
        return;
    };
    let everyone = match &p.value {
        Principal::Any => true,
        Principal::Map(es) => es
            .iter()
            .any(|e| e.kind == PrincipalType::Aws && e.value == "*"),
    };
    if everyone && st.conditions.is_empty() {
        sink.lint(
            Severity::Security,
            Code::TrustOpenToAnyone,
            p.span,
            "This trust policy lets any AWS principal in any account assume the role.".into(),
            Some("Name the trusted account or role, or add conditions such as aws:PrincipalOrgID or sts:ExternalId.".into()),
        );
    }
    let has_key = |k: &str| st.conditions.iter().any(|c| c.key.eq_ignore_ascii_case(k));
    if let Principal::Map(entries) = &p.value {
        for e in entries {
            if e.kind == PrincipalType::Aws {
                let account = principal_account(&e.value);
                let foreign = match (account, options.account.as_deref()) {
                    (Some(a), Some(own)) => a != own,
                    _ => false,
                };
                if foreign && !has_key("sts:ExternalId") {
                    sink.lint(
                        Severity::Suggestion,
                        Code::CrossAccountWithoutExternalId,
                        e.span,
                        format!("Account {} can assume this role without an external ID; if it is a third party, require sts:ExternalId against the confused deputy problem.", account.unwrap_or("?")),
                        Some("Add \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"<secret agreed with the vendor>\"}}.".into()),
                    );
                }
            }
            if e.kind == PrincipalType::Federated && e.value.ends_with(GITHUB) {
                github(st, e, sink);
            }
        }
    }
}

fn github(st: &Statement, e: &PrincipalEntry, sink: &mut Sink) {
    let sub_key = format!("{GITHUB}:sub");
    let aud_key = format!("{GITHUB}:aud");
    let subs: Vec<&Condition> = st
        .conditions
        .iter()
        .filter(|c| {
            c.key.eq_ignore_ascii_case(&sub_key)
                || c.key
                    .eq_ignore_ascii_case(&format!("{GITHUB}:job_workflow_ref"))
        })
        .collect();
    if subs.is_empty() {
        sink.lint(
            Severity::Security,
            Code::GithubOidcWithoutSub,
            e.span,
            "Any GitHub Actions workflow in any repository can assume this role: there is no condition on token.actions.githubusercontent.com:sub.".into(),
            Some("Add \"StringEquals\": {\"token.actions.githubusercontent.com:sub\": \"repo:ORG/REPO:ref:refs/heads/main\"}.".into()),
        );
    }
    for c in subs {
        for v in &c.values {
            // A wildcard before the repository name lets other repositories (or organizations) in.
            let spans_repos = match v.value.strip_prefix("repo:") {
                Some(rest) => {
                    let repo = rest.split(':').next().unwrap_or("");
                    repo.contains('*') || repo.contains('?')
                }
                None => v.value.contains('*'),
            };
            if spans_repos && c.operator.kind != OperatorKind::StringNotLike {
                sink.lint(
                    Severity::Security,
                    Code::GithubOidcWildcardSub,
                    v.span,
                    format!("The sub pattern \"{}\" matches workflows in repositories you may not own.", v.value),
                    Some("Pin the organization and repository: repo:ORG/REPO:… with a wildcard only after the repository.".into()),
                );
            }
        }
    }
    if !st
        .conditions
        .iter()
        .any(|c| c.key.eq_ignore_ascii_case(&aud_key))
    {
        sink.lint(
            Severity::Warning,
            Code::GithubOidcWithoutAud,
            e.span,
            "There is no condition on token.actions.githubusercontent.com:aud.".into(),
            Some("Add \"StringEquals\": {\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\"}.".into()),
        );
    }
}

/// The account a principal string names, if any.
fn principal_account(v: &str) -> Option<&str> {
    if v.len() == 12 && v.bytes().all(|b| b.is_ascii_digit()) {
        return Some(v);
    }
    let mut parts = v.splitn(6, ':');
    let acct = parts.nth(4)?;
    (acct.len() == 12).then_some(acct)
}

fn pass_role(st: &Statement, sink: &mut Sink) {
    let (Some(a), Some(r)) = (&st.action, &st.resource) else {
        return;
    };
    if a.negated || r.negated || !r.patterns.iter().any(|p| p.value == "*") {
        return;
    }
    for p in &a.patterns {
        let v = p.value.to_ascii_lowercase();
        if v == "iam:passrole" || v == "iam:pass*" || v == "iam:passr*" {
            sink.lint(
                Severity::Security,
                Code::PassroleOnAnyRole,
                p.span,
                "iam:PassRole on \"*\" lets this principal hand any role, admin roles included, to a service it controls.".into(),
                Some("Limit Resource to the role ARNs that must be passed, and add an iam:PassedToService condition.".into()),
            );
        }
    }
}

fn condition(st: &Statement, c: &Condition, sink: &mut Sink) {
    let family = c.operator.kind.family();
    unreadable_values(c, sink);
    if family != Family::Null {
        if let Some(key) = crate::reference::condition_key(&c.key).filter(|k| !k.accepts(family)) {
            sink.lint(
                Severity::Warning,
                Code::OperatorDoesNotFitKey,
                c.operator_span,
                format!(
                    "{} compares {} values, but {} holds {} values.",
                    c.operator.kind.name(),
                    crate::reference::operator_type(c.operator.kind),
                    c.key,
                    key.type_name()
                ),
                key.types.first().map(|t| format!("Use {}.", t.operators())),
            );
        }
    }
    let lower = c.key.to_ascii_lowercase();
    if let Some(set) = c.operator.set {
        let single_global = lower.starts_with("aws:")
            && !crate::is_multivalued_key(&lower)
            && !lower.starts_with("aws:requesttag/");
        if single_global {
            sink.lint(
                Severity::Warning,
                Code::SetOperatorOnSingleValuedKey,
                c.operator_span,
                format!(
                    "{} is single-valued; a set qualifier on it can be over-permissive.",
                    c.key
                ),
                Some(format!(
                    "Use {} without the qualifier.",
                    c.operator.kind.name()
                )),
            );
        }
        match (set, st.effect.value) {
            (SetQualifier::ForAllValues, Effect::Allow) if !c.operator.kind.is_negated() => sink.lint(
                Severity::Warning,
                Code::ForallvaluesWithAllow,
                c.operator_span,
                format!("ForAllValues is true when {} is absent from the request, so this Allow also applies to requests without it.", c.key),
                Some(format!("Add \"Null\": {{\"{}\": \"false\"}} to require the key.", c.key)),
            ),
            (SetQualifier::ForAnyValue, Effect::Deny) => sink.lint(
                Severity::Warning,
                Code::ForanyvalueWithDeny,
                c.operator_span,
                format!("ForAnyValue is false when {} is absent, so this Deny does not apply to requests without it.", c.key),
                Some(format!("Add a second Deny with \"Null\": {{\"{}\": \"true\"}} if absent values must be denied too.", c.key)),
            ),
            _ => {}
        }
    }
}

/// A statement whose actions and resources belong to disjoint services can never match.
fn never_matches(st: &Statement, sink: &mut Sink) {
    let (Some(a), Some(r)) = (&st.action, &st.resource) else {
        return;
    };
    if a.negated || r.negated {
        return;
    }
    let mut action_services = Vec::new();
    for p in &a.patterns {
        match p.value.split_once(':') {
            Some((svc, _)) if !svc.contains('*') => {
                // STS and IAM actions act on IAM resources (roles, users).
                let svc = svc.to_ascii_lowercase();
                action_services.push(if svc == "sts" { "iam".to_string() } else { svc });
            }
            _ => return,
        }
    }
    let mut resource_services = Vec::new();
    for p in &r.patterns {
        match p.value.split(':').nth(2) {
            Some(svc)
                if p.value.starts_with("arn:") && !svc.is_empty() && !svc.contains(['*', '?']) =>
            {
                resource_services.push(svc.to_ascii_lowercase())
            }
            _ => return,
        }
    }
    if !resource_services.iter().any(|s| {
        action_services.contains(s) || (s == "iam" && action_services.iter().any(|a| a == "iam"))
    }) {
        sink.lint(
            Severity::Warning,
            Code::StatementNeverMatches,
            r.span,
            format!(
                "No action here ({}) acts on these resources ({}): the statement can never apply.",
                action_services.join(", "),
                resource_services.join(", ")
            ),
            None,
        );
    }
}

/// Statements that repeat an earlier one, and action values listed twice. Candidates are found by a
/// hash of the statement's shape and then compared exactly, so a policy of 50,000 statements is
/// checked in linear time (docs/reliability.md).
fn redundant(doc: &Document, sink: &mut Sink) {
    let mut shapes: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, st) in doc.statements.iter().enumerate() {
        let earlier = shapes.entry(shape_hash(st)).or_default();
        let same = earlier
            .iter()
            .filter_map(|&j| doc.statements.get(j))
            .any(|o| same_statement(o, st));
        earlier.push(i);
        if same {
            sink.lint(
                Severity::Suggestion,
                Code::RedundantStatement,
                st.span,
                format!(
                    "Statement {} repeats an earlier statement and changes nothing.",
                    i + 1
                ),
                Some("Remove it.".into()),
            );
        }
        if let Some(a) = &st.action {
            let mut seen = HashSet::new();
            for p in &a.patterns {
                if !seen.insert(p.value.to_ascii_lowercase()) {
                    sink.lint(
                        Severity::Suggestion,
                        Code::DuplicateValue,
                        p.span,
                        format!("\"{}\" is listed twice.", p.value),
                        Some("Remove the duplicate.".into()),
                    );
                }
            }
        }
    }
}

/// What [`same_statement`] compares, hashed.
fn shape_hash(st: &Statement) -> u64 {
    use std::mem::discriminant;
    let mut h = std::hash::DefaultHasher::new();
    discriminant(&st.effect.value).hash(&mut h);
    if let Some(p) = &st.principal {
        p.negated.hash(&mut h);
        if let Principal::Map(entries) = &p.value {
            for e in entries {
                discriminant(&e.kind).hash(&mut h);
                e.value.hash(&mut h);
            }
        }
    }
    for element in [
        st.action.as_ref().map(|a| (a.negated, &a.patterns)),
        st.resource.as_ref().map(|r| (r.negated, &r.patterns)),
    ] {
        element.map(|(n, p)| (n, values(p))).hash(&mut h);
    }
    for c in &st.conditions {
        discriminant(&c.operator.kind).hash(&mut h);
        c.operator.if_exists.hash(&mut h);
        c.operator.set.map(|s| discriminant(&s)).hash(&mut h);
        c.key.to_ascii_lowercase().hash(&mut h);
        values(&c.values).hash(&mut h);
    }
    h.finish()
}

fn same_statement(o: &Statement, st: &Statement) -> bool {
    o.effect.value == st.effect.value
        && same_element(
            o.action.as_ref().map(|a| (a.negated, &a.patterns)),
            st.action.as_ref().map(|a| (a.negated, &a.patterns)),
        )
        && same_element(
            o.resource.as_ref().map(|a| (a.negated, &a.patterns)),
            st.resource.as_ref().map(|a| (a.negated, &a.patterns)),
        )
        && principal_eq(o.principal.as_ref(), st.principal.as_ref())
        && o.conditions.len() == st.conditions.len()
        && o.conditions.iter().zip(&st.conditions).all(|(a, b)| {
            a.operator == b.operator
                && a.key.eq_ignore_ascii_case(&b.key)
                && values(&a.values) == values(&b.values)
        })
}

fn values(v: &[Spanned<String>]) -> Vec<&str> {
    v.iter().map(|s| s.value.as_str()).collect()
}

fn same_element(
    a: Option<(bool, &Vec<Spanned<String>>)>,
    b: Option<(bool, &Vec<Spanned<String>>)>,
) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some((na, pa)), Some((nb, pb))) => na == nb && values(pa) == values(pb),
        _ => false,
    }
}

fn principal_eq(a: Option<&PrincipalElement>, b: Option<&PrincipalElement>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            a.negated == b.negated
                && match (&a.value, &b.value) {
                    (Principal::Any, Principal::Any) => true,
                    (Principal::Map(x), Principal::Map(y)) => {
                        x.len() == y.len()
                            && x.iter()
                                .zip(y)
                                .all(|(p, q)| p.kind == q.kind && p.value == q.value)
                    }
                    _ => false,
                }
        }
        _ => false,
    }
}

/// Values an operator cannot read (`10.0.0.0/99` for IpAddress, `yesterday` for DateLessThan): they
/// match no request, so a negated operator holds for every request. IAM's behaviour on saving them
/// is not documented; Access Analyzer reports "Invalid condition data type" (docs/fidelity.md).
fn unreadable_values(c: &Condition, sink: &mut Sink) {
    let family = c.operator.kind.family();
    let Some(expected) = crate::value::expected(family) else {
        return;
    };
    for v in &c.values {
        let variable = c.operator.kind.accepts_variables() && v.value.contains("${");
        if variable || crate::value::readable(family, &v.value) {
            continue;
        }
        let effect = if c.operator.kind.is_negated() {
            format!(
                "every request counts as not matching it, so {} holds",
                c.operator.kind.name()
            )
        } else {
            "no request matches it".to_string()
        };
        sink.lint(
            Severity::Warning,
            Code::InvalidConditionValue,
            v.span,
            format!("\"{}\" is not {expected}: {effect}.", v.value),
            Some(format!("Write {expected}.")),
        );
    }
}

fn variables_without_version(doc: &Document, sink: &mut Sink) {
    for st in &doc.statements {
        let resources = st.resource.iter().flat_map(|r| r.patterns.iter());
        let cond_values = st.conditions.iter().flat_map(|c| c.values.iter());
        if let Some(v) = resources
            .chain(cond_values)
            .find(|v| v.value.contains("${"))
        {
            sink.lint(
                Severity::Warning,
                Code::VariableWithoutVersion,
                v.span,
                format!("\"{}\" is compared literally: policy variables need \"Version\": \"2012-10-17\".", v.value),
                Some("Add \"Version\": \"2012-10-17\" at the top of the policy.".into()),
            );
            return;
        }
    }
}
