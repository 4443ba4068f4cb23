//! Candidates for the other direction — a step allowed where its `expect` says it should be denied
//! (a security review): take the action or the resource out of the allowing statement, add a Deny
//! for exactly the request, or (last) delete the allowing statement.

use crate::candidate::{Candidate, Looseness};
use crate::document::{self, statement_name, statement_ref, strings};
use crate::facts::Facts;
use crate::place::{of_trace, Place};
use roleplay_policy::{Effect, PolicyKind};
use serde_json::{json, Value};

pub fn candidates(facts: &Facts) -> Vec<Candidate> {
    let mut out = Vec::new();
    let Some(ex) = &facts.result.explanation else {
        return out;
    };
    let mut denied_in: Vec<String> = Vec::new();
    for r in &ex.deciding {
        let Some(trace) = ex.policies.get(r.policy) else {
            continue;
        };
        let Some(st) = trace.statements.get(r.statement) else {
            continue;
        };
        let Some(place) = of_trace(facts, trace) else {
            continue;
        };
        if st.effect != Effect::Allow {
            continue;
        }
        narrow_allow(facts, &place, st.index, &mut out);
        if !denied_in.contains(&place.path) {
            denied_in.push(place.path.clone());
            out.extend(add_deny(facts, &place, trace.kind));
        }
    }
    out
}

/// Takes the request's action, or its resource, out of an allowing statement; or deletes it.
fn narrow_allow(facts: &Facts, place: &Place, index: usize, out: &mut Vec<Candidate>) {
    let Some(written) = statement_ref(&place.document, index) else {
        return;
    };
    let name = statement_name(written, index);
    for (element, value) in [("Action", &facts.action), ("Resource", &facts.resource)] {
        let listed = strings(written.get(element))
            .iter()
            .any(|v| v.eq_ignore_ascii_case(value));
        if !listed {
            continue;
        }
        let mut doc = place.document.clone();
        if document::statement(&mut doc, index)
            .is_some_and(|st| document::remove_from(st, element, value))
        {
            let summary = format!(
                "Remove `{value}` from the `{element}` of {name} in {}",
                place.words
            );
            out.push(place.candidate(summary, doc, Looseness::Specific));
        }
    }
    out.extend(place.without_statement(index, &name));
}

/// A Deny for exactly the request, in a policy that allowed it.
fn add_deny(facts: &Facts, place: &Place, kind: PolicyKind) -> Option<Candidate> {
    let principal = || facts.principal_value().map(|(_, _, v)| v);
    let statement = match kind {
        PolicyKind::Trust => {
            json!({"Effect": "Deny", "Principal": principal()?, "Action": facts.action})
        }
        PolicyKind::Resource => {
            json!({"Effect": "Deny", "Principal": principal()?, "Action": facts.action, "Resource": facts.resource})
        }
        _ => json!({"Effect": "Deny", "Action": facts.action, "Resource": facts.resource}),
    };
    let mut doc: Value = place.document.clone();
    document::statements(&mut doc)?.push(statement);
    let summary = format!(
        "Deny `{}` on `{}` to {} in {}",
        facts.action,
        facts.resource,
        facts.caller.words(),
        place.words
    );
    Some(place.candidate(summary, doc, Looseness::Specific))
}
