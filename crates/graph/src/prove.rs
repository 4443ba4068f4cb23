//! Proving an edge: the step is tried at the end of the timeline; when the evaluator refuses it
//! because of a condition, the value the condition wants is added to the request (`needs`) and the
//! step is tried again. An edge exists only if a try is allowed — the runner is the proof.

use crate::needs::{need, Need, Place};
use roleplay_eval::{ConditionTrace, Explanation, Miss};
use roleplay_policy::Effect;
use roleplay_sim::{CallerDef, ContextValue, Probe, Step, Tag};
use std::collections::BTreeMap;

/// How many rounds of "add what the failed condition wants" before giving up: each round answers
/// every failed condition of the statements that were closest to allowing.
const ROUNDS: usize = 4;

/// The allowed step and what it had to carry.
pub struct Proved {
    pub step: Step,
    pub needs: BTreeMap<String, serde_json::Value>,
}

/// Tries `step` (and what its conditions want) after the timeline; `provider` is the host of the
/// web-identity caller, whose claims the trust policy's `host:claim` keys name.
pub fn prove(probe: &mut Probe, mut step: Step, provider: Option<&str>) -> Option<Proved> {
    let mut needs: Vec<Need> = Vec::new();
    for _ in 0..ROUNDS {
        let result = probe.try_step(&step);
        if result.decision == "allowed" {
            let mut needs: BTreeMap<String, serde_json::Value> = needs
                .into_iter()
                .map(|n| (n.key, shown(&n.place, n.value)))
                .collect();
            if let Some(e) = &result.explanation {
                tested(e, &mut needs);
            }
            return Some(Proved { step, needs });
        }
        let explanation = result.explanation?;
        let mut changed = false;
        for (c, want) in failed(&explanation) {
            let Some(n) = need(c, want, provider) else {
                continue;
            };
            if needs.iter().any(|m| m.key.eq_ignore_ascii_case(&n.key)) {
                continue;
            }
            if !apply(&mut step, &n, probe.now()) {
                return None;
            }
            needs.push(n);
            changed = true;
        }
        if !changed {
            return None;
        }
    }
    None
}

fn shown(place: &Place, value: String) -> serde_json::Value {
    match place {
        Place::Mfa => serde_json::Value::Bool(true),
        _ => serde_json::Value::String(value),
    }
}

/// The conditions that stood in the way, each with the outcome wanted: every failed test of the
/// first allow statement of each policy that failed only on its conditions, and the first test of
/// each deny statement that applied.
fn failed(e: &Explanation) -> Vec<(&ConditionTrace, bool)> {
    let mut out = Vec::new();
    for policy in &e.policies {
        let allow = policy
            .statements
            .iter()
            .find(|s| s.effect == Effect::Allow && s.miss == Some(Miss::Condition));
        if let Some(s) = allow {
            out.extend(s.conditions.iter().filter(|c| !c.result).map(|c| (c, true)));
        }
        let denies = policy
            .statements
            .iter()
            .filter(|s| s.effect == Effect::Deny && s.applies);
        for s in denies {
            out.extend(s.conditions.iter().filter(|c| c.result).map(|c| (c, false)));
        }
    }
    out
}

/// The conditions the allowing statements tested, with the request's values: what the edge needs
/// even when the proving step carried it from the start (a token's `aud`, a SAML audience).
fn tested(e: &Explanation, needs: &mut BTreeMap<String, serde_json::Value>) {
    let deciding = e
        .deciding
        .iter()
        .filter_map(|r| e.policies.get(r.policy)?.statements.get(r.statement))
        .filter(|s| s.effect == Effect::Allow);
    for c in deciding.flat_map(|s| &s.conditions).filter(|c| c.result) {
        let Some(values) = &c.request_values else {
            continue;
        };
        if needs.keys().any(|k| k.eq_ignore_ascii_case(&c.key)) || !shows(&c.key) {
            continue;
        }
        let value = match values.as_slice() {
            [one] => serde_json::Value::String(one.clone()),
            many => many
                .iter()
                .cloned()
                .map(serde_json::Value::String)
                .collect(),
        };
        needs.insert(c.key.to_string(), value);
    }
}

/// Keys that say who the caller is (`aws:PrincipalArn`, `aws:PrincipalOrgID`…) are the edge's ends,
/// not something it needs.
fn shows(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    let who = ["aws:principal", "aws:userid", "aws:username"];
    lower.starts_with("aws:principaltag/") || !who.iter().any(|w| lower.starts_with(w))
}

/// Puts the value where it goes; false when the step cannot carry it.
fn apply(step: &mut Step, n: &Need, now: jiff::Timestamp) -> bool {
    let params = step.params.get_or_insert_with(Default::default);
    let value = n.value.clone();
    match &n.place {
        Place::ExternalId => params.external_id = Some(value),
        Place::SourceIdentity => params.source_identity = Some(value),
        Place::RoleSessionName => params.role_session_name = Some(value),
        Place::Tag(key) => params.tags.get_or_insert_with(Vec::new).push(Tag {
            key: key.clone(),
            value,
        }),
        Place::Mfa => {
            // A user signs the AssumeRole call with its MFA device; nothing else can add MFA.
            let Some(CallerDef::Ref(user)) = &step.caller else {
                return false;
            };
            if step.action.as_deref() != Some("sts:AssumeRole") || !user.contains(":user/") {
                return false;
            }
            let device = user.replacen(":user/", ":mfa/", 1);
            params.serial_number = Some(device);
            params.token_code = Some("123456".into());
        }
        Place::Claim(claim) => match caller_object(step) {
            Some(o) => match o.web_identity.as_mut() {
                Some(w) => {
                    w.claims
                        .insert(claim.clone(), serde_json::Value::String(value));
                }
                None => return false,
            },
            None => return false,
        },
        Place::Saml(key) => match caller_object(step).and_then(|o| o.saml.as_mut()) {
            Some(s) => {
                s.attributes.insert(key.clone(), ContextValue::One(value));
            }
            None => return false,
        },
        Place::SessionSourceIdentity | Place::SessionTag(_) => {
            let Some(session) = caller_object(step).and_then(|o| o.session.as_mut()) else {
                return false;
            };
            match &n.place {
                Place::SessionTag(key) => {
                    session.tags.insert(key.clone(), value);
                }
                _ => session.source_identity = Some(value),
            }
        }
        Place::Context(key) => {
            step.context.insert(key.clone(), ContextValue::One(value));
        }
        Place::At => {
            let Ok(at) = value.parse::<jiff::Timestamp>() else {
                return false;
            };
            if at < now {
                return false;
            }
            step.at = Some(value);
        }
    }
    if step
        .params
        .as_ref()
        .is_some_and(|p| *p == Default::default())
    {
        step.params = None;
    }
    true
}

fn caller_object(step: &mut Step) -> Option<&mut roleplay_sim::CallerObject> {
    match step.caller.as_mut()? {
        CallerDef::Object(o) => Some(o.as_mut()),
        CallerDef::Ref(_) => None,
    }
}
