//! Effective access: every action of a list that a principal or a session may perform, decided by the
//! same evaluation as a timeline step (identity, groups, boundary, session policies, SCPs, RCPs and,
//! for one chosen resource, its resource policy). The request context is derived once and the policy
//! set gathered once; each action is then one allocation-free `decide`, so a whole service catalog
//! (about 22,000 actions) fits the playground's time budget.

use crate::api::{policy_set, rcps_govern, Target};
use crate::context::{derive, Identity};
use crate::format::Scenario;
use crate::run::Timeline;
use crate::session::{Origin, Session};
use crate::world::{PolicyCache, PolicyEntry};
use roleplay_eval::{decide, Decision, Request, Rule, Verdict};
use roleplay_policy::{Effect, ParseOptions, PolicyKind};
use serde::{Deserialize, Serialize};

/// Whose access to compute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    /// The session step `index` created (a successful `sts:AssumeRole*` step), at that step's time
    /// and with the world as the timeline left it then (revocations included).
    Session(usize),
    /// A fresh session of this role (by ARN): no session policy or tags, at the scenario's start.
    Role(String),
    /// An IAM user (by ARN), with long-term credentials, at the scenario's start.
    User(String),
}

/// Why access could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessError {
    pub message: String,
}

fn error(message: impl Into<String>) -> AccessError {
    AccessError {
        message: message.into(),
    }
}

/// The verdict for each action, in the order given, and who was asked about.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Access {
    /// The principal as AWS names it (a user ARN or an assumed-role session ARN).
    pub principal: String,
    pub resource: String,
    pub verdicts: Vec<Verdict>,
}

impl Access {
    /// Whether the action at `index` of the list asked about is allowed.
    pub fn is_allowed(&self, index: usize) -> bool {
        self.verdicts
            .get(index)
            .is_some_and(|v| v.decision == Decision::Allowed)
    }

    /// The allowed ones of `actions`, the list this was computed over.
    pub fn allowed<'a>(&self, actions: &[&'a str]) -> Vec<&'a str> {
        (0..actions.len())
            .filter(|&i| self.is_allowed(i))
            .filter_map(|i| actions.get(i).copied())
            .collect()
    }
}

/// Replays the timeline as far as `subject` needs and hands its identity (and the time) to `f`.
fn with_subject<R>(
    s: &Scenario,
    cache: &mut PolicyCache,
    subject: &Subject,
    f: impl FnOnce(&Timeline, &Identity, Option<&Session>) -> Result<R, AccessError>,
) -> Result<R, AccessError> {
    let mut timeline = Timeline::new(s, cache);
    let fresh;
    let session: Option<&Session> = match subject {
        Subject::Session(index) => {
            let Some(steps) = s.steps.get(..=*index) else {
                return Err(error(format!("there is no step {index}")));
            };
            for (i, step) in steps.iter().enumerate() {
                timeline.step(i, step);
            }
            Some(timeline.session(*index).ok_or_else(|| {
                error(format!(
                    "step {index} created no session (it is not a successful sts:AssumeRole* step)"
                ))
            })?)
        }
        Subject::Role(arn) => {
            let role = timeline
                .world
                .role_index(arn)
                .ok_or_else(|| error(format!("{arn} is not a role of this scenario")))?;
            fresh = fresh_session(&timeline, role);
            Some(&fresh)
        }
        Subject::User(_) => None,
    };
    let world = &timeline.world;
    let who = match (subject, session) {
        (_, Some(session)) => {
            let role = world
                .roles
                .get(session.role)
                .ok_or_else(|| error("the session's role is missing"))?;
            Identity::Session(session, role)
        }
        (Subject::User(arn), None) => Identity::User(
            world
                .user(arn)
                .ok_or_else(|| error(format!("{arn} is not a user of this scenario")))?,
        ),
        _ => return Err(error("no principal to ask about")),
    };
    f(&timeline, &who, session)
}

/// The resources the subject's own identity-based policies (its role's or its user's and groups')
/// name in their `Allow` statements, each once, in order: where to look for what it may do.
/// `NotResource` names what is excluded, so it is left out.
pub fn policy_resources(
    s: &Scenario,
    cache: &mut PolicyCache,
    subject: &Subject,
) -> Result<Vec<String>, AccessError> {
    with_subject(s, cache, subject, |timeline, who, _| {
        let world = &timeline.world;
        let entries: Vec<&PolicyEntry> = match who {
            Identity::Session(_, role) => role.policies.iter().collect(),
            Identity::User(u) => u
                .policies
                .iter()
                .chain(
                    u.groups
                        .iter()
                        .filter_map(|&g| world.groups.get(g))
                        .flat_map(|g| &g.policies),
                )
                .collect(),
            _ => Vec::new(),
        };
        let mut out: Vec<String> = Vec::new();
        let options = ParseOptions::kind(PolicyKind::Identity);
        for entry in entries {
            let Some(doc) = roleplay_policy::parse(&entry.text, &options).document else {
                continue;
            };
            let named = doc
                .statements
                .iter()
                .filter(|st| st.effect.value == Effect::Allow)
                .filter_map(|st| st.resource.as_ref().filter(|r| !r.negated))
                .flat_map(|r| &r.patterns);
            for p in named {
                if !out.contains(&p.value) {
                    out.push(p.value.clone());
                }
            }
        }
        Ok(out)
    })
}

/// What `subject` may do on each resource its own policies name (`*` aside: that is the account-wide
/// question): per resource, the actions `acting_on` lists for it (those that act on its type, from
/// the service catalog), decided — each with the list it was decided over.
pub fn access_by_resource<'a>(
    s: &Scenario,
    cache: &mut PolicyCache,
    subject: &Subject,
    acting_on: impl Fn(&str) -> Vec<&'a str>,
) -> Result<Vec<(Access, Vec<&'a str>)>, AccessError> {
    let named = policy_resources(s, cache, subject)?;
    let mut out = Vec::with_capacity(named.len());
    for resource in named.iter().filter(|r| *r != "*") {
        let actions = acting_on(resource);
        out.push((
            effective_access(s, cache, subject, resource, &actions)?,
            actions,
        ));
    }
    Ok(out)
}

/// Decides every action of `actions` for `subject` on `resource` (`*` for the account-wide view).
pub fn effective_access(
    s: &Scenario,
    cache: &mut PolicyCache,
    subject: &Subject,
    resource: &str,
    actions: &[&str],
) -> Result<Access, AccessError> {
    with_subject(s, cache, subject, |timeline, who, session| {
        decide_all(timeline, who, session.is_some(), resource, actions)
    })
}

fn decide_all(
    timeline: &Timeline,
    who: &Identity,
    is_session: bool,
    resource: &str,
    actions: &[&str],
) -> Result<Access, AccessError> {
    let world = &timeline.world;
    // The same lookup a timeline call makes (for `*`: no resource policy, no account).
    let target = Target::of(world, resource);
    let malformed = |m: crate::api::Malformed| error(m.message);
    let with_rcps = policy_set(world, who, true, &target).map_err(malformed)?;
    let without_rcps = policy_set(world, who, false, &target).map_err(malformed)?;
    let context = derive(world, who, timeline.now, resource);
    let caller = who.caller();
    // The catalog lists actions service by service: whether RCPs govern one is decided once per run.
    let mut governed: Option<(&str, bool)> = None;
    let verdicts = actions
        .iter()
        .map(|&action| {
            let service = action.split_once(':').map_or(action, |(s, _)| s);
            if service.eq_ignore_ascii_case("sts") {
                if action.eq_ignore_ascii_case("sts:GetCallerIdentity") {
                    return Verdict {
                        decision: Decision::Allowed,
                        rule: Rule::NoPermissionNeeded,
                        responsible: None,
                    };
                }
                if is_session && crate::run::token_api(action).is_some() {
                    return Verdict {
                        decision: Decision::ImplicitDeny,
                        rule: Rule::NotWithSessionCredentials,
                        responsible: None,
                    };
                }
            }
            let with = match governed {
                Some((s, g)) if s == service => g,
                _ => {
                    let g = rcps_govern(action);
                    governed = Some((service, g));
                    g
                }
            };
            let request = Request {
                action,
                resource,
                resource_account: target.account.as_deref(),
                caller: &caller,
                context: &context,
            };
            decide(&request, if with { &with_rcps } else { &without_rcps })
        })
        .collect();
    Ok(Access {
        principal: who.arn(),
        resource: resource.to_string(),
        verdicts,
    })
}

/// A session of `role` as `sts:AssumeRole` with no options would create it at the start.
fn fresh_session(timeline: &Timeline, role: usize) -> Session {
    let (arn, tags) = match timeline.world.roles.get(role) {
        Some(r) => (
            format!(
                "arn:aws:sts::{}:assumed-role/{}/effective-access",
                r.account, r.name
            ),
            r.tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        ),
        None => (String::new(), Vec::new()),
    };
    Session {
        role,
        name: "effective-access".into(),
        arn,
        issued: timeline.now,
        expires: timeline
            .now
            .checked_add(jiff::SignedDuration::from_hours(1))
            .unwrap_or(timeline.now),
        policies: Vec::new(),
        tags,
        transitive_keys: Vec::new(),
        source_identity: None,
        mfa: false,
        origin: Origin::LongTerm,
        persisted: Vec::new(),
        access_key_id: String::new(),
    }
}

/// Actions whose decision changed between two lists of verdicts over the same actions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessDiff {
    /// Indexes of actions allowed after but not before: the new access an edit grants.
    pub granted: Vec<usize>,
    /// Indexes of actions allowed before but not after.
    pub revoked: Vec<usize>,
}

/// Compares `before` and `after`, computed over the same action list.
pub fn access_diff(before: &Access, after: &Access) -> AccessDiff {
    let mut diff = AccessDiff::default();
    for (i, (b, a)) in before.verdicts.iter().zip(&after.verdicts).enumerate() {
        match (
            b.decision == Decision::Allowed,
            a.decision == Decision::Allowed,
        ) {
            (false, true) => diff.granted.push(i),
            (true, false) => diff.revoked.push(i),
            _ => {}
        }
    }
    diff
}
