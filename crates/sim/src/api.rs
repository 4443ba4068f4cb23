//! Gathering every policy that applies to a request and asking the evaluator (§4).

use crate::context::Identity;
use crate::world::{PolicyEntry, World};
use roleplay_eval::{explain, CompiledPolicy, Context, Explanation, Level, PolicySet, Request};

/// Services whose resources RCPs govern (§4.2 step 2; the list grows — this is the documented set).
const RCP_SERVICES: &[&str] = &[
    "s3",
    "sts",
    "kms",
    "sqs",
    "secretsmanager",
    "dynamodb",
    "ecr",
    "logs",
    "cognito-identity",
];

/// A policy that applies but is invalid: the call fails with `MalformedPolicyDocument` and AWS's
/// message (the scenario's findings say where the document is).
pub struct Malformed {
    pub message: String,
}

fn compiled(p: &PolicyEntry) -> Result<&CompiledPolicy, Malformed> {
    p.compiled.as_deref().ok_or_else(|| Malformed {
        message: p
            .error
            .clone()
            .unwrap_or_else(|| "Syntax errors in policy.".into()),
    })
}

/// The resource side of a request: its policy, owning account and whether that policy must allow.
pub struct Target<'a> {
    pub arn: &'a str,
    pub account: Option<String>,
    pub policy: Option<&'a PolicyEntry>,
    pub must_allow: bool,
    /// The VPC endpoint the request goes through, whose policy must allow it too (F6.8).
    pub endpoint: Option<&'a PolicyEntry>,
}

impl<'a> Target<'a> {
    /// An ordinary API call's resource, looked up in the world.
    pub fn of(world: &'a World, arn: &'a str) -> Target<'a> {
        let res = world.resource_for(arn);
        let is_kms_key = arn.starts_with("arn:aws:kms:") && arn.contains(":key/");
        Target {
            arn,
            account: res
                .and_then(|r| r.account.clone())
                .or_else(|| roleplay_policy::arn::account(arn).map(String::from)),
            policy: res.and_then(|r| r.policy.as_ref()),
            must_allow: is_kms_key,
            endpoint: None,
        }
    }
}

/// Evaluates `action` on `target` by `who`, with every policy that applies.
pub fn authorize(
    world: &World,
    who: &Identity,
    action: &str,
    target: &Target,
    ctx: &Context,
) -> Result<Explanation, Malformed> {
    let set = policy_set(world, who, rcps_govern(action), target)?;
    let caller = who.caller();
    let request = Request {
        action,
        resource: target.arn,
        resource_account: target.account.as_deref(),
        caller: &caller,
        context: ctx,
    };
    Ok(explain(&request, &set))
}

/// Whether RCPs govern `action`'s service.
pub fn rcps_govern(action: &str) -> bool {
    let service = action.split(':').next().unwrap_or("");
    RCP_SERVICES.iter().any(|s| s.eq_ignore_ascii_case(service))
}

/// Every policy that applies to a request by `who` on `target`; `with_rcps` when RCPs govern the
/// action's service.
pub fn policy_set<'w>(
    world: &'w World,
    who: &Identity<'w>,
    with_rcps: bool,
    target: &Target<'w>,
) -> Result<PolicySet<'w>, Malformed> {
    let mut set = PolicySet {
        resource_must_allow: target.must_allow,
        ..PolicySet::default()
    };
    if let Some(p) = target.policy {
        set.resource = Some(compiled(p)?);
    }
    if let Some(p) = target.endpoint {
        set.vpc_endpoint = Some(compiled(p)?);
    }
    match who {
        Identity::User(u) => user_policies(world, u, &mut set)?,
        Identity::Token(t, user) => {
            if let Some(u) = user {
                user_policies(world, u, &mut set)?;
            }
            if let Some(f) = &t.federation {
                // A federated user has only what its session policies allow of the user's (F7.12).
                set.session = f.policies.iter().collect();
                set.session_must_allow = true;
            }
        }
        Identity::Session(s, r) => {
            for p in &r.policies {
                set.identity.push(compiled(p)?);
            }
            if let Some(b) = &r.boundary {
                set.boundary = Some(compiled(b)?);
            }
            set.session = s.policies.iter().collect();
        }
        _ => {}
    }
    let service_linked = matches!(who, Identity::Session(_, r) if r.service_linked);
    if let (Some(account), false) = (who.account(), service_linked) {
        set.scps = levels(world, account, |o| &o.scps, None)?;
    }
    let account = target.account.as_deref().or(who.account());
    if let Some(account) = account.filter(|_| with_rcps) {
        let full = world.org.as_ref().and_then(|o| o.rcp_full_access.as_ref());
        set.rcps = levels(world, account, |o| &o.rcps, full)?;
    }
    Ok(set)
}

/// A user's own policies, its groups' and its permissions boundary.
fn user_policies<'w>(
    world: &'w World,
    u: &'w crate::world::User,
    set: &mut PolicySet<'w>,
) -> Result<(), Malformed> {
    for p in &u.policies {
        set.identity.push(compiled(p)?);
    }
    for g in u.groups.iter().filter_map(|&g| world.groups.get(g)) {
        for p in &g.policies {
            set.identity.push(compiled(p)?);
        }
    }
    if let Some(b) = &u.boundary {
        set.boundary = Some(compiled(b)?);
    }
    Ok(())
}

/// SCP or RCP levels (root, each OU, the account) for a member account; none for the management
/// account, accounts outside the organization, or when no such policy is defined.
fn levels<'w>(
    world: &'w World,
    account: &str,
    pick: impl Fn(&'w crate::world::Org) -> &'w Vec<crate::world::OrgPolicy>,
    always: Option<&'w CompiledPolicy>,
) -> Result<Vec<Level<'w>>, Malformed> {
    let Some(org) = &world.org else {
        return Ok(Vec::new());
    };
    let policies = pick(org);
    if policies.is_empty() || account == org.management {
        return Ok(Vec::new());
    }
    let Some(ous) = org.accounts.get(account) else {
        return Ok(Vec::new());
    };
    let mut targets = vec!["root".to_string()];
    targets.extend(ous.iter().cloned());
    targets.push(account.to_string());
    let mut out = Vec::new();
    for target in targets {
        let mut level = Level {
            target: target.clone(),
            policies: always.into_iter().collect(),
        };
        for p in policies
            .iter()
            .filter(|p| p.targets.iter().any(|t| t == &target))
        {
            level.policies.push(compiled(&p.entry)?);
        }
        out.push(level);
    }
    Ok(out)
}

/// Whether AWS gives the enhanced AccessDenied clause: same account or same organization (§5.9).
pub fn enhanced_message(
    world: &World,
    caller_account: Option<&str>,
    resource_account: Option<&str>,
) -> bool {
    match (caller_account, resource_account) {
        (Some(a), Some(b)) if a != b => world.org.as_ref().is_some_and(|o| {
            (o.accounts.contains_key(a) || o.management == a)
                && (o.accounts.contains_key(b) || o.management == b)
        }),
        _ => true,
    }
}
