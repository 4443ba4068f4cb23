//! Candidates for STS errors and time: DurationSeconds against MaxSessionDuration and the chaining
//! cap, expired and revoked sessions, identity providers and their tokens, a role that is not there.

use crate::candidate::{add, replace, Candidate, Looseness};
use crate::facts::{short, Caller, Facts};
use crate::report::Layer;
use roleplay_sim::PrincipalDef;
use serde_json::{json, Value};

const CHAINING: &str = "role chaining";
const MAX_DURATION: &str = "MaxSessionDuration set for this role";

/// Every candidate the step's error (or its time) suggests.
pub fn candidates(facts: &Facts) -> Vec<Candidate> {
    let Some(error) = &facts.result.error else {
        return Vec::new();
    };
    let message = error.message.as_str();
    let mut out = Vec::new();
    match error.code.as_str() {
        "ExpiredToken" | "ExpiredTokenException" if message.starts_with("Token expired") => {
            out.extend(fresh_token(facts));
        }
        "ExpiredToken" | "ExpiredTokenException" => {
            out.extend(expired(facts));
            out.extend(reissue(facts));
        }
        "ValidationError" if message.contains(CHAINING) => {
            out.extend(duration(
                facts,
                3600,
                "role chaining caps sessions at one hour; the cap cannot be raised",
            ));
        }
        "ValidationError" if message.contains(MAX_DURATION) => max_duration(facts, &mut out),
        "ValidationError" if message.contains("at 'durationSeconds'") => {
            let low = message.contains("greater than or equal to 900");
            let (n, why) = if low {
                (900, "STS issues sessions of at least 15 minutes")
            } else {
                (role_max(facts), "the role's MaxSessionDuration")
            };
            out.extend(duration(facts, n, why));
        }
        "InvalidIdentityToken" => identity_provider(facts, message, &mut out),
        // IAM refuses GetSessionToken credentials obtained without MFA (F7.5, F7.6).
        "InvalidClientTokenId"
            if matches!(
                facts.caller,
                Caller::Token {
                    federated: None,
                    ..
                }
            ) =>
        {
            out.extend(crate::request::mfa(facts));
        }
        _ => {}
    }
    out.extend(crate::validation::candidates(facts));
    if revoked(facts) {
        out.extend(reissue(facts));
        out.extend(assume_again(
            facts,
            "after the revocation: `AWSRevokeOlderSessions` denies sessions issued before it",
        ));
    }
    if facts.is_assume() && facts.result.explanation.is_none() && facts.assumed_role().is_none() {
        out.extend(existing_role(facts));
    }
    out
}

/// Whether the revocation policy decided the step's denial.
fn revoked(facts: &Facts) -> bool {
    facts.result.explanation.as_ref().is_some_and(|ex| {
        ex.deciding.iter().any(|r| {
            ex.policies
                .get(r.policy)
                .is_some_and(|p| &*p.name == "AWSRevokeOlderSessions")
        })
    })
}

/// `DurationSeconds` on the assume call.
fn duration(facts: &Facts, seconds: i64, why: &str) -> Option<Candidate> {
    let op = add(
        &format!("/steps/{}/params/DurationSeconds", facts.index),
        json!(seconds),
    );
    let summary = format!("Request `DurationSeconds` ≤ {seconds} ({why})");
    Some(Candidate::new(
        summary,
        Layer::RequestParameter,
        vec![op],
        Looseness::Request,
    ))
}

fn role_max(facts: &Facts) -> i64 {
    match facts
        .assumed_role()
        .and_then(|i| facts.scenario.principals.get(i))
    {
        Some(PrincipalDef::Role(r)) => r.max_session_duration.unwrap_or(3600),
        _ => 3600,
    }
}

/// Over MaxSessionDuration: ask for less, or raise the role's maximum (up to 12 hours).
fn max_duration(facts: &Facts, out: &mut Vec<Candidate>) {
    let max = role_max(facts);
    out.extend(duration(facts, max, "the role's MaxSessionDuration"));
    if max > 3600 && matches!(facts.caller, Caller::Session { .. }) {
        out.extend(duration(
            facts,
            3600,
            "role chaining caps sessions at one hour; the cap cannot be raised",
        ));
    }
    let requested = facts
        .step
        .params
        .as_ref()
        .and_then(|p| p.duration_seconds.as_ref())
        .and_then(|d| d.seconds().ok());
    if let (Some(n), Some(i)) = (requested, facts.assumed_role()) {
        if (3600..=43200).contains(&n) {
            let op = add(&format!("/principals/{i}/maxSessionDuration"), json!(n));
            let summary = format!(
                "Raise the `MaxSessionDuration` of role `{}` to {n} seconds",
                short(&facts.resource)
            );
            out.push(Candidate::new(
                summary,
                Layer::Role,
                vec![op],
                Looseness::Specific,
            ));
        }
    }
}

/// An expired session: call before it expires, ask for a longer one, or assume the role again.
/// When the credentials step `k` created were issued and expire: its session, or the `Credentials` of a
/// GetSessionToken / GetFederationToken response (issued at the step's instant).
fn window(facts: &Facts, k: usize) -> Option<(jiff::Timestamp, jiff::Timestamp)> {
    let instant = |s: &str| s.parse::<jiff::Timestamp>().ok();
    let result = facts.run.steps.get(k)?;
    if let Some(session) = &result.session {
        return Some((instant(&session.issued)?, instant(&session.expires)?));
    }
    let expires = result
        .response
        .as_ref()?
        .pointer("/Credentials/Expiration")?
        .as_str()?;
    Some((instant(&result.at)?, instant(expires)?))
}

fn expired(facts: &Facts) -> Vec<Candidate> {
    let k = match facts.caller {
        Caller::Session {
            created_by: Some(k),
            ..
        }
        | Caller::Token { created_by: k, .. } => k,
        _ => return Vec::new(),
    };
    let mut out = Vec::new();
    let instant = |s: &str| s.parse::<jiff::Timestamp>().ok();
    let now = instant(&facts.result.at);
    let previous = facts
        .index
        .checked_sub(1)
        .and_then(|p| facts.run.steps.get(p))
        .and_then(|r| instant(&r.at));
    if let (Some((issued, expires)), Some(now), Some(previous)) = (window(facts, k), now, previous)
    {
        let shown = expires.to_string();
        let before = expires
            .checked_sub(jiff::SignedDuration::from_secs(60))
            .unwrap_or(expires)
            .max(previous);
        if before < expires {
            let mut ops = vec![add(
                &format!("/steps/{}/at", facts.index),
                json!(before.to_string()),
            )];
            // The rest of the timeline keeps its instants.
            let next = facts.index + 1;
            if let (Some(step), Some(result)) =
                (facts.scenario.steps.get(next), facts.run.steps.get(next))
            {
                if step.at.as_deref().is_none_or(|a| a.starts_with('+')) {
                    ops.push(add(&format!("/steps/{next}/at"), json!(result.at)));
                }
            }
            let summary = format!(
                "Call before the session of step `{}` expires at {shown}: make this call at {before}",
                facts.step_name(k)
            );
            out.push(Candidate::new(
                summary,
                Layer::Timing,
                ops,
                Looseness::Request,
            ));
        }
        let needed = (now.as_second() - issued.as_second()).max(0) as u64 + 1;
        let seconds = needed.div_ceil(900) * 900;
        if (900..=43200).contains(&seconds) {
            let op = add(
                &format!("/steps/{k}/params/DurationSeconds"),
                json!(seconds),
            );
            let op_name = facts
                .scenario
                .steps
                .get(k)
                .and_then(|s| s.action.as_deref())
                .and_then(|a| a.split_once(':'))
                .map_or("AssumeRole", |(_, op)| op);
            let summary = format!(
                "Request `DurationSeconds` {seconds} in the {op_name} call of step `{}`, so the session outlives this call",
                facts.step_name(k)
            );
            out.push(Candidate::new(
                summary,
                Layer::RequestParameter,
                vec![op],
                Looseness::Request,
            ));
        }
    }
    out.extend(assume_again(facts, "right before this call: a new session"));
    out
}

/// Inserts a copy of the session's AssumeRole step right before this one and calls with it.
fn assume_again(facts: &Facts, why: &str) -> Option<Candidate> {
    let Caller::Session {
        created_by: Some(k),
        ..
    } = facts.caller
    else {
        return None;
    };
    let mut copy = facts.document.pointer(&format!("/steps/{k}"))?.clone();
    let obj = copy.as_object_mut()?;
    for field in ["expect", "expectMessage", "rule", "at"] {
        obj.remove(field);
    }
    let base = facts.scenario.steps.get(k)?.id.clone()?;
    let id = (1..)
        .map(|n| {
            if n == 1 {
                format!("{base}-again")
            } else {
                format!("{base}-again-{n}")
            }
        })
        .find(|id| {
            facts
                .scenario
                .steps
                .iter()
                .all(|s| s.id.as_deref() != Some(id))
        })?;
    obj.insert("id".into(), json!(id));
    let i = facts.index;
    let ops = vec![
        add(&format!("/steps/{i}"), copy),
        replace(&format!("/steps/{}/as", i + 1), json!(id)),
    ];
    let summary = format!(
        "Assume the role again (as step `{}` did) {why}",
        facts.step_name(k)
    );
    let mut c = Candidate::new(summary, Layer::Timing, ops, Looseness::Request).with_edits(2);
    c.inserted = Some(i);
    Some(c)
}

/// A session given inline (created outside the timeline) that expired or was revoked: one issued
/// at the time of this call.
fn reissue(facts: &Facts) -> Option<Candidate> {
    let Caller::Session {
        created_by: None, ..
    } = facts.caller
    else {
        return None;
    };
    let op = add(
        &format!("/steps/{}/as/session/issuedAt", facts.index),
        json!(facts.result.at),
    );
    let summary = format!(
        "Use a fresh session of role `{}`, issued at {} (the time of this call)",
        short(&facts.caller.principal_arn().unwrap_or_default()),
        facts.result.at
    );
    Some(Candidate::new(
        summary,
        Layer::Timing,
        vec![op],
        Looseness::Request,
    ))
}

/// A web-identity token past its `exp`: one that expires after the call.
fn fresh_token(facts: &Facts) -> Option<Candidate> {
    let now = facts.result.at.parse::<jiff::Timestamp>().ok()?;
    let exp = now.as_second() + 3600;
    let op = add(
        &format!("/steps/{}/as/webIdentity/claims/exp", facts.index),
        json!(exp),
    );
    let summary = format!("Present a fresh token: `exp` {exp}, an hour after the call");
    Some(Candidate::new(
        summary,
        Layer::Timing,
        vec![op],
        Looseness::Request,
    ))
}

/// The identity provider the token or assertion names must exist in the role's account (and
/// list the token's audience).
fn identity_provider(facts: &Facts, message: &str, out: &mut Vec<Candidate>) {
    let account = facts.resource_account();
    let claims = facts
        .document
        .pointer(&format!("/steps/{}/as/webIdentity/claims", facts.index));
    let aud: Vec<String> = match claims.and_then(|c| c.get("aud")) {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    };
    match &facts.caller {
        Caller::WebIdentity(host) if message.starts_with("No OpenIDConnect provider") => {
            let host = host.trim_start_matches("https://");
            let arn = format!("arn:aws:iam::{account}:oidc-provider/{host}");
            let entry = json!({"type": "oidcProvider", "arn": arn, "audiences": aud});
            let summary = format!(
                "Add the OIDC identity provider `{host}` to account `{account}` (audience `{}`)",
                aud.join("`, `")
            );
            out.push(Candidate::new(
                summary,
                Layer::IdentityProvider,
                vec![add("/principals/-", entry)],
                Looseness::Specific,
            ));
        }
        Caller::WebIdentity(host) if message.contains("audience") => {
            let host = host.trim_start_matches("https://");
            let arn = format!("arn:aws:iam::{account}:oidc-provider/{host}");
            let Some(i) = facts
                .scenario
                .principals
                .iter()
                .position(|p| p.arn() == arn)
            else {
                return;
            };
            if let Some(a) = aud.first() {
                let op = add(&format!("/principals/{i}/audiences/-"), json!(a));
                let summary = format!("Add `{a}` to the audiences of the OIDC provider `{host}`");
                out.push(Candidate::new(
                    summary,
                    Layer::IdentityProvider,
                    vec![op],
                    Looseness::Specific,
                ));
            }
            if let Some(PrincipalDef::OidcProvider(p)) = facts.scenario.principals.get(i) {
                if let Some(expected) = p.audiences.first() {
                    let op = add(
                        &format!("/steps/{}/as/webIdentity/claims/aud", facts.index),
                        json!(expected),
                    );
                    let summary = format!("Present a token whose `aud` claim is `{expected}`");
                    out.push(Candidate::new(
                        summary,
                        Layer::RequestContext,
                        vec![op],
                        Looseness::Request,
                    ));
                }
            }
        }
        Caller::Saml(provider) => {
            let entry = json!({"type": "samlProvider", "arn": provider});
            let summary =
                format!("Add the SAML identity provider `{provider}` to account `{account}`");
            out.push(Candidate::new(
                summary,
                Layer::IdentityProvider,
                vec![add("/principals/-", entry)],
                Looseness::Specific,
            ));
        }
        _ => {}
    }
}

/// A role that does not exist is refused like an unauthorized one: name a role that does.
fn existing_role(facts: &Facts) -> Vec<Candidate> {
    let wanted = short(&facts.resource).to_ascii_lowercase();
    let roles: Vec<&str> = facts
        .scenario
        .principals
        .iter()
        .filter_map(|p| match p {
            PrincipalDef::Role(r) => Some(r.arn.as_str()),
            _ => None,
        })
        .collect();
    let close: Vec<&str> = roles
        .iter()
        .copied()
        .filter(|arn| {
            short(arn).to_ascii_lowercase() == wanted
                || roleplay_policy::arn::account(arn)
                    == roleplay_policy::arn::account(&facts.resource)
        })
        .collect();
    let named = if close.is_empty() { roles } else { close };
    named
        .into_iter()
        .map(|arn| {
            let op = add(
                &format!("/steps/{}/params/RoleArn", facts.index),
                json!(arn),
            );
            let summary = format!(
                "Assume `{arn}`, a role that exists (`{}` does not)",
                facts.resource
            );
            Candidate::new(
                summary,
                Layer::RequestParameter,
                vec![op],
                Looseness::Request,
            )
        })
        .collect()
}
