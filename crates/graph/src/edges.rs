//! The edges: every way one node could reach another, each tried as a step after the timeline and
//! kept only when the runner allows it (`prove`).

use crate::model::{Edge, EdgeKind, Limits};
use crate::prove::{prove, Proved};
use crate::world::{account_of, Facts, RoleFacts, CODE_RUNNERS};
use roleplay_sim::{
    CallerDef, CallerObject, ContextValue, Probe, SamlDef, SessionDef, Step, StsParams,
    WebIdentityDef,
};

/// The session name every proving step uses.
const SESSION: &str = "graph";

/// Who a source node acts as in a step: a user with its own credentials, or a fresh session of a role.
fn acting_as(facts: &Facts, id: &str) -> Option<CallerDef> {
    if facts.users.iter().any(|u| u.arn == id) {
        return Some(CallerDef::Ref(id.to_string()));
    }
    facts.roles.iter().any(|r| r.arn == id).then(|| {
        CallerDef::Object(Box::new(CallerObject {
            session: Some(SessionDef {
                role: id.to_string(),
                name: SESSION.into(),
                policy: None,
                policy_arns: Vec::new(),
                tags: Default::default(),
                source_identity: None,
                issued_at: None,
                duration_seconds: None,
            }),
            ..Default::default()
        }))
    })
}

fn assume(caller: CallerDef, action: &str, role: &str, params: StsParams) -> Step {
    Step {
        caller: Some(caller),
        action: Some(action.into()),
        params: Some(StsParams {
            role_arn: Some(role.into()),
            ..params
        }),
        ..Default::default()
    }
}

fn named() -> StsParams {
    StsParams {
        role_session_name: Some(SESSION.into()),
        ..Default::default()
    }
}

struct Builder<'a> {
    probe: &'a mut Probe,
    edges: Vec<Edge>,
}

impl Builder<'_> {
    fn try_edge(
        &mut self,
        (from, to): (&str, &str),
        kind: EdgeKind,
        step: Step,
        provider: Option<&str>,
        limits: Limits,
    ) -> bool {
        let Some(Proved { step, mut needs }) = prove(self.probe, step, provider) else {
            return false;
        };
        for (key, value) in &step.context {
            if let (ContextValue::One(v), false) = (value, needs.contains_key(key)) {
                needs.insert(key.clone(), serde_json::Value::String(v.clone()));
            }
        }
        self.edges.push(Edge {
            from: from.into(),
            to: to.into(),
            kind,
            needs,
            limits,
            step,
        });
        true
    }
}

/// Every proved edge of the world; no escalation is sought from the `admins` (admin-equivalent
/// already: every such edge would hold and tell nothing).
pub fn edges(facts: &Facts, probe: &mut Probe, admins: &[&str]) -> Vec<Edge> {
    let mut b = Builder {
        probe,
        edges: Vec::new(),
    };
    for role in &facts.roles {
        into_role(facts, role, &mut b);
    }
    let sources: Vec<&str> = facts
        .users
        .iter()
        .map(|u| u.arn.as_str())
        .chain(facts.roles.iter().map(|r| r.arn.as_str()))
        .collect();
    for from in sources.into_iter().filter(|s| !admins.contains(s)) {
        escalations(facts, from, &mut b);
    }
    b.edges
}

/// Who can assume `role`: users, sessions of other roles (chaining), services, identity providers
/// and accounts the world does not model.
fn into_role(facts: &Facts, role: &RoleFacts, b: &mut Builder) {
    let to = role.arn.as_str();
    let direct = Limits {
        max_session_seconds: Some(role.max_session),
        chained: false,
    };
    for u in &facts.users {
        let step = assume(CallerDef::Ref(u.arn.clone()), "sts:AssumeRole", to, named());
        b.try_edge(
            (&u.arn, to),
            EdgeKind::AssumeRole,
            step,
            None,
            direct.clone(),
        );
    }
    let chained = Limits {
        max_session_seconds: Some(role.max_session.min(3600)),
        chained: true,
    };
    for s in facts.roles.iter().filter(|s| s.arn != role.arn) {
        let Some(caller) = acting_as(facts, &s.arn) else {
            continue;
        };
        let step = assume(caller, "sts:AssumeRole", to, named());
        b.try_edge(
            (&s.arn, to),
            EdgeKind::AssumeRole,
            step,
            None,
            chained.clone(),
        );
    }
    for service in &role.services {
        let caller = CallerDef::Object(Box::new(CallerObject {
            service: Some(service.clone()),
            ..Default::default()
        }));
        let step = assume(caller, "sts:AssumeRole", to, named());
        let kind = EdgeKind::ServiceAssumeRole;
        b.try_edge((service, to), kind, step, None, direct.clone());
    }
    for (arn, audiences) in facts
        .oidc
        .iter()
        .filter(|(a, _)| role.federated.contains(a))
    {
        let host = arn.split_once(":oidc-provider/").map_or("", |(_, h)| h);
        let mut claims = serde_json::Map::new();
        claims.insert("sub".into(), SESSION.into());
        let aud = audiences
            .first()
            .map_or("sts.amazonaws.com", String::as_str);
        claims.insert("aud".into(), aud.into());
        let caller = CallerDef::Object(Box::new(CallerObject {
            web_identity: Some(WebIdentityDef {
                provider: host.to_string(),
                claims,
            }),
            ..Default::default()
        }));
        let step = assume(caller, "sts:AssumeRoleWithWebIdentity", to, named());
        let kind = EdgeKind::AssumeRoleWithWebIdentity;
        b.try_edge((arn, to), kind, step, Some(host), direct.clone());
    }
    for arn in facts.saml.iter().filter(|a| role.federated.contains(a)) {
        let attributes = [
            ("saml:aud", "https://signin.aws.amazon.com/saml"),
            ("saml:sub", SESSION),
            (
                "https://aws.amazon.com/SAML/Attributes/RoleSessionName",
                SESSION,
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), ContextValue::One(v.into())))
        .collect();
        let caller = CallerDef::Object(Box::new(CallerObject {
            saml: Some(SamlDef {
                provider: arn.clone(),
                attributes,
            }),
            ..Default::default()
        }));
        let params = StsParams {
            principal_arn: Some(arn.clone()),
            ..Default::default()
        };
        let step = assume(caller, "sts:AssumeRoleWithSAML", to, params);
        let kind = EdgeKind::AssumeRoleWithSaml;
        b.try_edge((arn, to), kind, step, None, direct.clone());
    }
    // Accounts the world names but does not model are nodes without edges: the runner runs only
    // principals the world defines (and an account's root may not assume roles), so no step could
    // prove one.
}

fn call(caller: &CallerDef, action: &str, resource: &str) -> Step {
    Step {
        caller: Some(caller.clone()),
        action: Some(action.into()),
        resource: Some(resource.into()),
        ..Default::default()
    }
}

/// PMapper's edge checkers, in our own terms: IAM calls that let `from` become, or empower, another
/// principal.
fn escalations(facts: &Facts, from: &str, b: &mut Builder) {
    let Some(me) = acting_as(facts, from) else {
        return;
    };
    let none = Limits::default();
    for role in &facts.roles {
        let to = role.arn.as_str();
        if to != from {
            pass_role(&me, (from, role), b);
            let step = call(&me, "iam:UpdateAssumeRolePolicy", to);
            b.try_edge(
                (from, to),
                EdgeKind::UpdateAssumeRolePolicy,
                step,
                None,
                none.clone(),
            );
        }
        for (action, kind) in [
            ("iam:AttachRolePolicy", EdgeKind::AttachRolePolicy),
            ("iam:PutRolePolicy", EdgeKind::PutRolePolicy),
        ] {
            b.try_edge((from, to), kind, call(&me, action, to), None, none.clone());
        }
        policy_versions((from, to), &me, &role.managed, b);
    }
    for user in &facts.users {
        let to = user.arn.as_str();
        let mut kinds = vec![
            ("iam:AttachUserPolicy", EdgeKind::AttachUserPolicy),
            ("iam:PutUserPolicy", EdgeKind::PutUserPolicy),
        ];
        if to != from {
            kinds.extend([
                ("iam:CreateAccessKey", EdgeKind::CreateAccessKey),
                ("iam:CreateLoginProfile", EdgeKind::CreateLoginProfile),
                ("iam:UpdateLoginProfile", EdgeKind::UpdateLoginProfile),
            ]);
        }
        for (action, kind) in kinds {
            b.try_edge((from, to), kind, call(&me, action, to), None, none.clone());
        }
        policy_versions((from, to), &me, &user.managed, b);
    }
    // A user who may add itself to a group takes on the group's policies.
    if facts.users.iter().any(|u| u.arn == from) {
        for group in facts
            .groups
            .iter()
            .filter(|g| account_of(g) == account_of(from))
        {
            let step = call(&me, "iam:AddUserToGroup", group);
            if b.try_edge(
                (from, from),
                EdgeKind::AddUserToGroup,
                step,
                None,
                none.clone(),
            ) {
                if let Some(e) = b.edges.last_mut() {
                    e.needs.insert("group".into(), group.as_str().into());
                }
            }
        }
    }
}

/// `iam:PassRole` of `role` to a service that runs code with it, where the role trusts that service.
fn pass_role(me: &CallerDef, (from, role): (&str, &RoleFacts), b: &mut Builder) {
    for service in role
        .services
        .iter()
        .filter(|s| CODE_RUNNERS.contains(&s.as_str()))
    {
        let mut step = call(me, "iam:PassRole", &role.arn);
        step.context.insert(
            "iam:PassedToService".into(),
            ContextValue::One(service.clone()),
        );
        let limits = Limits::default();
        b.try_edge((from, &role.arn), EdgeKind::PassRole, step, None, limits);
    }
}

/// `iam:CreatePolicyVersion` on a customer-managed policy attached to the target.
fn policy_versions((from, to): (&str, &str), me: &CallerDef, managed: &[String], b: &mut Builder) {
    for policy in managed {
        let step = call(me, "iam:CreatePolicyVersion", policy);
        let limits = Limits::default();
        b.try_edge(
            (from, to),
            EdgeKind::CreatePolicyVersion,
            step,
            None,
            limits,
        );
    }
}
