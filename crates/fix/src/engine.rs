//! The fix engine: find the step, choose the target outcome, propose candidates, verify each by
//! re-running the scenario, pair single changes when none suffices alone, rank, and report.

use crate::candidate::Candidate;
use crate::facts::{step_name, Caller, Facts};
use crate::grants::catalog_grants;
use crate::rank::{rank, static_key};
use crate::report::{Fix, FixError, GrantsAlso, Report};
use crate::target::{code, default_target, Target};
use crate::verify::{Verified, Verifier};
use crate::{authz, restrict, service, sts};
use roleplay_catalog::Catalog;
use roleplay_sim::Scenario;
use serde_json::Value;

/// What to aim at and how much to report.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The outcome to reach; by default the step's `expect` when its outcome differs from it, else
    /// `allowed`.
    pub target: Option<&'a str>,
    /// At most this many fixes, best first.
    pub max: usize,
    /// With the catalog, "also grants" lists the newly allowed actions by access level.
    pub catalog: Option<&'a Catalog>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            target: None,
            max: 5,
            catalog: None,
        }
    }
}

/// How many of the best single candidates are tried as the first half of a two-part fix.
const FIRST_HALVES: usize = 8;

/// The fixes for step `step` (its id, or its 0-based index) of the scenario document `text`.
pub fn fix(text: &str, step: &str, options: &Options) -> Result<Report, FixError> {
    let scenario = roleplay_sim::read(text).map_err(|e| FixError::Unreadable(e.to_string()))?;
    let document: Value =
        serde_json::from_str(text).map_err(|e| FixError::Unreadable(e.to_string()))?;
    fix_document(&scenario, &document, step, options)
}

/// The same for a scenario already read, and the JSON document its patches apply to (the file's
/// own, or `serde_json::to_value` of the scenario).
pub fn fix_document(
    scenario: &Scenario,
    document: &Value,
    step: &str,
    options: &Options,
) -> Result<Report, FixError> {
    let index = scenario
        .steps
        .iter()
        .position(|s| s.id.as_deref() == Some(step))
        .or_else(|| {
            step.parse::<usize>()
                .ok()
                .filter(|i| *i < scenario.steps.len())
        })
        .ok_or_else(|| FixError::NoSuchStep(format!("no step has the id \"{step}\"")))?;
    let run = roleplay_sim::run(scenario);
    let facts = Facts::new(scenario, document, &run, index)
        .ok_or_else(|| FixError::NoSuchStep(format!("there is no step {index}")))?;
    let from = code(facts.result).to_string();
    let target = match options.target {
        Some(t) => Target::new(t),
        None => default_target(facts.result).ok_or_else(|| {
            FixError::NothingToFix(format!(
                "step \"{}\" is allowed and meets its expectation: name the outcome to reach with --to",
                step_name(scenario, index)
            ))
        })?,
    };
    if target.reached_by(facts.result) {
        return Err(FixError::NothingToFix(format!(
            "step \"{}\" already has the outcome {}",
            step_name(scenario, index),
            target.as_str()
        )));
    }
    let restricting = !target.is_allowed() && facts.result.decision == "allowed";
    let mut verifier = Verifier::new(document, scenario, &run, index, &target);
    let mut verified = search(&facts, &mut verifier, restricting);
    if verified.is_empty() {
        if let Caller::FailedStep(k) = facts.caller {
            // The credentials this call needs come from step k: fix that step.
            if let Some(upstream) = Facts::new(scenario, document, &run, k) {
                verified = search(&upstream, &mut verifier, false);
            }
        }
    }
    rank(&mut verified, restricting);
    verified.truncate(options.max);
    let reason = verified
        .is_empty()
        .then(|| no_fix_reason(&facts, verifier.tried));
    let fixes = verified
        .into_iter()
        .map(|v| to_fix(v, &facts, options.catalog))
        .collect();
    Ok(Report {
        step: step_name(scenario, index),
        from,
        to: target.as_str().to_string(),
        fixes,
        reason,
    })
}

/// Single candidates first; then, when none verifies alone, two-part fixes: each of the best
/// single candidates that changed the step (narrowed a deny, gave one side of a cross-account call)
/// is applied and the step's new explanation proposes the second part.
fn search(facts: &Facts, verifier: &mut Verifier, restricting: bool) -> Vec<Verified> {
    let mut candidates = propose(facts, restricting);
    let verified: Vec<Verified> = candidates
        .iter()
        .filter_map(|c| verifier.verify(c.clone()))
        .collect();
    if !verified.is_empty() || restricting {
        return verified;
    }
    candidates.sort_by_key(static_key);
    let mut pairs = Vec::new();
    for first in candidates.iter().take(FIRST_HALVES) {
        let Some(applied) = verifier.apply(first) else {
            continue;
        };
        if !verifier.progresses(&applied) {
            continue;
        }
        let Some(next) = Facts::new(
            &applied.scenario,
            &applied.document,
            &applied.run,
            applied.index,
        ) else {
            continue;
        };
        pairs.extend(propose(&next, false).iter().map(|second| first.and(second)));
    }
    pairs.sort_by_key(static_key);
    pairs
        .into_iter()
        .filter_map(|c| verifier.verify(c))
        .collect()
}

pub(crate) fn propose(facts: &Facts, restricting: bool) -> Vec<Candidate> {
    if restricting {
        return restrict::candidates(facts);
    }
    let mut c = sts::candidates(facts);
    c.extend(service::candidates(facts));
    c.extend(authz::candidates(facts));
    c
}

fn to_fix(v: Verified, facts: &Facts, catalog: Option<&Catalog>) -> Fix {
    let actions = catalog.and_then(|c| {
        catalog_grants(
            c,
            facts.scenario,
            &v.fixed,
            &facts.caller,
            &facts.resource,
            &facts.action,
        )
    });
    let c = v.candidate;
    Fix {
        summary: c.summary,
        layer: c.layer,
        policy: c.policy,
        patch: v.patch,
        grants_also: GrantsAlso {
            patterns: c.patterns,
            actions,
        },
        other_steps: v.other_steps,
    }
}

/// Why nothing verified, in the learner's terms.
fn no_fix_reason(facts: &Facts, tried: usize) -> String {
    let message = facts
        .result
        .error
        .as_ref()
        .map(|e| e.message.as_str())
        .unwrap_or("");
    let code = code(facts.result);
    match &facts.caller {
        Caller::Anonymous => {
            return "the caller is anonymous: only a public resource policy (Principal \"*\") would let it in, which roleplay does not propose".into()
        }
        Caller::Unknown => return "the caller is not defined in the scenario's principals".into(),
        _ => {}
    }
    if code == "MalformedPolicyDocument" {
        return "a policy the call needs is malformed: correct it where the scenario's findings point".into();
    }
    if message.starts_with("Roles may not be assumed by root accounts") {
        return "the root user cannot assume roles: make the call as an IAM user or a role session"
            .into();
    }
    if message.starts_with("Cannot call") {
        return "temporary credentials (a role session's, GetSessionToken's or GetFederationToken's) cannot get other temporary credentials: call with a user's long-term credentials".into();
    }
    if let Some(rule) = service::refusing(facts) {
        return service::no_fix_reason(rule);
    }
    if code == "UnmodifiableEntity" {
        return "the role is service-linked: only its service may change it, so no policy edit applies (ask the service, or call as a role of your own)".into();
    }
    if service::aws_managed_resource(facts) {
        return "the resource is an AWS managed key: its key policy is AWS's and cannot be changed, and it allows this to no one; use a customer managed key".into();
    }
    format!("none of the {tried} candidate changes (single or paired) reached the outcome when the scenario was re-run")
}
