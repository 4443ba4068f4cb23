//! GetSessionToken and GetFederationToken (§7.1, §7.2 of aws-service-rules): an IAM user's (or the
//! root user's) long-term credentials exchanged for temporary ones — the user's own permissions with
//! MFA recorded (GetSessionToken), or a federated user whose permissions are the user's policies ∩ the
//! passed session policies (GetFederationToken).

use super::validate::{validate, Shape};
use super::{packed_percent, packed_size_fits, Phase};
use crate::api::{self, Target};
use crate::context::{derive, Identity};
use crate::format::{Step, StsParams};
use crate::outcome::{is_allowed, Outcome};
use crate::rules::trace;
use crate::session::{merge_tags, session_policies, Federation, TokenOwner, TokenSession};
use crate::world::World;
use crate::{clock, ids};
use roleplay_eval::{access_denied, Decision, Explanation, Verdict};
use serde_json::json;

/// Both APIs: 900–129,600 seconds, 43,200 by default; the root user at most 3,600 (longer requests
/// get 3,600, F7.2, F7.11).
const MAX_DURATION: i64 = 129_600;

/// Runs a GetSessionToken or GetFederationToken step by long-term credentials.
pub fn issue(
    world: &World,
    step: &Step,
    step_index: usize,
    who: &Identity,
    now: jiff::Timestamp,
) -> Outcome {
    let action = step.action.as_deref().unwrap_or("");
    let federation = action.to_ascii_lowercase().ends_with("getfederationtoken");
    let run = || -> Phase<Outcome> {
        let owner = owner(world, who)?;
        let p = step.params.clone().unwrap_or_default();
        if federation {
            federation_token(world, step, step_index, who, owner, &p, now)
        } else {
            Ok(session_token(step_index, who, owner, &p, now))
        }
    };
    run().unwrap_or_else(|e| *e)
}

/// Only an IAM user's or the root user's long-term credentials may call these (F7.1, F7.10).
fn owner(world: &World, who: &Identity) -> Phase<TokenOwner> {
    match who {
        Identity::User(u) => world
            .users
            .iter()
            .position(|x| x.arn == u.arn)
            .map(TokenOwner::User)
            .ok_or_else(|| {
                Outcome::fail(
                    "InvalidClientTokenId",
                    "The security token included in the request is invalid.",
                )
            }),
        Identity::Root(a) => Ok(TokenOwner::Root(a.clone())),
        _ => Err(Outcome::fail(
            "MissingAuthenticationToken",
            "Request is missing Authentication Token",
        )),
    }
}

/// The duration asked, its default, and the root user's cap.
fn duration(p: &StsParams, owner: &TokenOwner) -> i64 {
    let asked = p.duration_seconds.as_ref().and_then(|d| d.seconds().ok());
    match owner {
        TokenOwner::Root(_) => asked.unwrap_or(3600).min(3600),
        TokenOwner::User(_) => asked.unwrap_or(43_200),
    }
}

/// GetSessionToken: no permission is needed (F7.3); `SerialNumber` with `TokenCode` records MFA.
fn session_token(
    step_index: usize,
    who: &Identity,
    owner: TokenOwner,
    p: &StsParams,
    now: jiff::Timestamp,
) -> Outcome {
    let asked = StsParams {
        duration_seconds: p.duration_seconds.clone(),
        serial_number: p.serial_number.clone(),
        token_code: p.token_code.clone(),
        ..StsParams::default()
    };
    let shape = Shape {
        role_arn: false,
        session_name: false,
        name: false,
        max_duration: MAX_DURATION,
        tags: false,
    };
    if let Some(e) = validate(&asked, &shape) {
        return e;
    }
    let mfa = p.serial_number.is_some() && p.token_code.is_some();
    let expires = clock::expiry(now, duration(p, &owner));
    let creds = ids::credentials(&format!(
        "{step_index}|{}|session-token|{}",
        who.arn(),
        clock::format(now)
    ));
    let note = trace(
        "sts",
        "GET_SESSION_TOKEN",
        "F7.3, F7.4",
        "GetSessionToken needs no permission (policies cannot control it): the credentials carry the caller's own permissions, with MFA if SerialNumber and TokenCode were given.",
        false,
    );
    Outcome {
        decision: "allowed",
        response: Some(json!({"Credentials": creds.json(expires)})),
        explanation: Some(Box::new(Explanation::of_service_rule(
            note,
            Decision::Allowed,
        ))),
        token: Some(Box::new(TokenSession {
            owner,
            federation: None,
            mfa,
            issued: now,
            expires,
        })),
        ..Outcome::default()
    }
}

/// GetFederationToken: authorized by the user's policies on the federated user's ARN (F7.10); the
/// session has the passed policies' intersection with the user's, nothing without one (F7.12).
fn federation_token(
    world: &World,
    step: &Step,
    step_index: usize,
    who: &Identity,
    owner: TokenOwner,
    p: &StsParams,
    now: jiff::Timestamp,
) -> Phase<Outcome> {
    let shape = Shape {
        role_arn: false,
        session_name: false,
        name: true,
        max_duration: MAX_DURATION,
        tags: true,
    };
    if let Some(e) = validate(p, &shape) {
        return Err(Box::new(e));
    }
    let account = who.account().unwrap_or_default().to_string();
    let name = p.name.clone().unwrap_or_default();
    let arn = format!("arn:aws:sts::{account}:federated-user/{name}");
    let arns = p.policy_arns.clone().unwrap_or_default();
    let policies = session_policies(world, p.policy.as_ref(), &arns, &account)?;
    packed_size_fits(p)?;
    let mut ctx = derive(world, who, now, &arn);
    super::apply_step_context(&mut ctx, step);
    let target = Target::of(world, &arn);
    let action = step.action.as_deref().unwrap_or("sts:GetFederationToken");
    let ex = api::authorize(world, who, action, &target, &ctx)
        .map_err(|m| Outcome::fail("MalformedPolicyDocument", m.message))?;
    if !is_allowed(&ex) {
        let verdict = Verdict {
            decision: ex.decision,
            rule: ex.rule,
            responsible: ex.responsible,
        };
        let message = access_denied(&who.arn(), action, &arn, &verdict);
        return Ok(Outcome::denied(ex, message, ctx, action));
    }
    let user_tags: Vec<(String, String)> = match who {
        Identity::User(u) => u.tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        _ => Vec::new(),
    };
    let passed: Vec<(String, String)> = p
        .tags
        .iter()
        .flatten()
        .map(|t| (t.key.clone(), t.value.clone()))
        .collect();
    let expires = clock::expiry(now, duration(p, &owner));
    let creds = ids::credentials(&format!(
        "{step_index}|{arn}|federation-token|{}",
        clock::format(now)
    ));
    let mut response = json!({
        "Credentials": creds.json(expires),
        "FederatedUser": {"FederatedUserId": format!("{account}:{name}"), "Arn": arn},
    });
    if let (Some(obj), Some(pct)) = (response.as_object_mut(), packed_percent(p)) {
        obj.insert("PackedPolicySize".into(), json!(pct));
    }
    Ok(Outcome {
        decision: "allowed",
        response: Some(response),
        explanation: Some(Box::new(ex)),
        context: Some(Box::new(ctx)),
        token: Some(Box::new(TokenSession {
            owner,
            federation: Some(Federation {
                name,
                arn,
                policies,
                tags: merge_tags(&[&passed, &user_tags]),
            }),
            mfa: false,
            issued: now,
            expires,
        })),
        ..Outcome::default()
    })
}
