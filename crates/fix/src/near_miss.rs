//! Near misses: plausible edits to a denied or failed step that the engine verified do NOT fix it —
//! the wrong answers of the quiz's "which change fixes it?". Two sources, both re-run like fixes:
//! the engine's own candidates that do not reach the target alone (one side of a cross-account
//! grant, a widened statement a deny still beats), and the classic wrong fixes an exam offers (grant
//! the action in the caller's own policy when another layer refuses it; grant `sts:AssumeRole` in
//! the role's own permissions policy). A candidate that fixes the step is never returned.

use crate::candidate::{add, Candidate, Looseness};
use crate::facts::{step_name, Caller, Facts};
use crate::report::{FixError, Layer};
use crate::target::{default_target, Target};
use crate::verify::Verifier;
use roleplay_sim::{PrincipalDef, Scenario};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// An edit verified not to give the step its target outcome: what it does, and what the step does
/// after it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NearMiss {
    pub summary: String,
    pub layer: Layer,
    /// The step's outcome with the edit applied (still not the target).
    pub outcome: String,
    /// RFC 6902 operations against the scenario document (what the quiz shows as a diff).
    pub patch: json_patch::Patch,
}

/// Up to `max` near misses for step `index` of the scenario (its document `document`).
pub fn near_misses(
    scenario: &Scenario,
    document: &Value,
    index: usize,
    max: usize,
) -> Result<Vec<NearMiss>, FixError> {
    let run = roleplay_sim::run(scenario);
    let facts = Facts::new(scenario, document, &run, index)
        .ok_or_else(|| FixError::NoSuchStep(format!("there is no step {index}")))?;
    let target: Target = default_target(facts.result).ok_or_else(|| {
        FixError::NothingToFix(format!(
            "step \"{}\" is allowed and meets its expectation",
            step_name(scenario, index)
        ))
    })?;
    let mut verifier = Verifier::new(document, scenario, &run, index, &target);
    let mut candidates = classic(&facts);
    candidates.extend(crate::engine::propose(&facts, false));
    let mut out: Vec<NearMiss> = Vec::new();
    for c in candidates {
        if out.len() >= max {
            break;
        }
        if out.iter().any(|m| m.summary == c.summary) {
            continue;
        }
        let Some(applied) = verifier.apply(&c) else {
            continue;
        };
        let Some(after) = applied.run.steps.get(applied.index) else {
            continue;
        };
        if !target.reached_by(after) {
            out.push(NearMiss {
                outcome: crate::target::code(after).to_string(),
                patch: json_patch::Patch(c.ops),
                summary: c.summary,
                layer: c.layer,
            });
        }
    }
    Ok(out)
}

/// The exam's classic wrong fixes: an Allow for the request added where it cannot help.
fn classic(facts: &Facts) -> Vec<Candidate> {
    let grant = json!({"Effect": "Allow", "Action": facts.action, "Resource": facts.resource});
    let mut out = Vec::new();
    // The role's own permissions policy never decides AssumeRole (§4.4).
    if let (true, Some(role)) = (facts.is_assume(), facts.assumed_role()) {
        if let Some(c) = new_inline(
            facts.scenario,
            role,
            &grant,
            "the role's own permissions policy",
        ) {
            out.push(c);
        }
    }
    // The caller's own Allow cannot beat an explicit deny, a trust policy, an SCP or a boundary.
    if let Caller::User { principal, .. } | Caller::Session { principal, .. } = facts.caller {
        if let Some(c) = new_inline(facts.scenario, principal, &grant, "the caller's own policy") {
            out.push(c);
        }
    }
    // PassRole hands a role to a service; it never lets the caller assume it (§9).
    if let (true, Caller::User { principal, .. } | Caller::Session { principal, .. }) =
        (facts.is_assume(), &facts.caller)
    {
        let pass = json!({"Effect": "Allow", "Action": "iam:PassRole", "Resource": facts.resource});
        out.extend(new_inline(
            facts.scenario,
            *principal,
            &pass,
            "the caller's own policy",
        ));
    }
    // A trust policy says who may assume the role, not what the session may do (§4.4).
    if let (false, Caller::Session { principal, arn, .. }) = (facts.is_assume(), &facts.caller) {
        out.extend(trust_grant(facts, *principal, arn));
    }
    // A longer MaxSessionDuration does not lift the chaining cap or STS's own limits (§5.6, §5.7).
    if let (true, Some(role)) = (facts.is_assume(), facts.assumed_role()) {
        out.push(Candidate::new(
            format!(
                "Raise the MaxSessionDuration of role `{}` to 43200 seconds (12 hours)",
                crate::facts::short(&facts.resource)
            ),
            Layer::Role,
            vec![add(
                &format!("/principals/{role}/maxSessionDuration"),
                json!(43200),
            )],
            Looseness::Widened,
        ));
    }
    out
}

/// A new inline policy on principal `index` holding `statement`.
fn new_inline(
    scenario: &Scenario,
    index: usize,
    statement: &Value,
    words: &str,
) -> Option<Candidate> {
    let principal = scenario.principals.get(index)?;
    let has_list = match principal {
        PrincipalDef::User(u) => !u.policies.is_empty(),
        PrincipalDef::Role(r) => !r.policies.is_empty(),
        _ => return None,
    };
    let policy = json!({"name": "QuizGrant", "document": {"Version": "2012-10-17", "Statement": [statement]}});
    let op = if has_list {
        add(&format!("/principals/{index}/policies/-"), policy)
    } else {
        add(&format!("/principals/{index}/policies"), json!([policy]))
    };
    let action = statement
        .get("Action")
        .and_then(Value::as_str)
        .unwrap_or("");
    Some(Candidate::new(
        format!(
            "Allow `{action}` in {words} (`{}`)",
            crate::facts::short(principal.arn())
        ),
        Layer::Identity,
        vec![op],
        Looseness::Specific,
    ))
}

/// The request's action allowed for the caller's own role in that role's trust policy.
fn trust_grant(facts: &Facts, role: usize, arn: &str) -> Option<Candidate> {
    let path = format!("/principals/{role}/trustPolicy");
    let mut doc = match facts.document.pointer(&path)? {
        Value::String(text) => serde_json::from_str::<Value>(text).ok()?,
        other => other.clone(),
    };
    let statement = json!({"Effect": "Allow", "Principal": {"AWS": arn}, "Action": facts.action});
    crate::document::statements(&mut doc)?.push(statement);
    Some(Candidate::new(
        format!(
            "Allow `{}` for role `{}` in its own trust policy",
            facts.action,
            crate::facts::short(arn)
        ),
        Layer::Trust,
        vec![crate::candidate::replace(&path, doc)],
        Looseness::Specific,
    ))
}
