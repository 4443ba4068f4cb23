//! AWS's evaluation logic (§4.2–§4.7) over every policy that applies to one request.

use crate::caller::{Caller, PrincipalMatch};
use crate::compile::{CStatement, CompiledPolicy, ResourcePattern, Tail};
use crate::condition;
use crate::context::Context;
use crate::explain::{ConditionTrace, Explainer, Explanation, Miss, PolicyTrace, StatementTrace};
use roleplay_policy::{Effect, PolicyKind, PrincipalType};
use serde::{Deserialize, Serialize};

/// One request to authorize.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// `service:Action` as the caller wrote it.
    pub action: &'a str,
    /// The resource ARN, or `*` for actions that take none.
    pub resource: &'a str,
    /// The account that owns the resource; `None` means the caller's own account.
    pub resource_account: Option<&'a str>,
    pub caller: &'a Caller,
    pub context: &'a Context,
}

/// One level of an organization (root, an OU, the account) with the SCPs or RCPs attached there.
#[derive(Debug, Clone, Default)]
pub struct Level<'a> {
    pub target: String,
    pub policies: Vec<&'a CompiledPolicy>,
}

/// Every policy that applies to a request, by kind.
#[derive(Debug, Clone, Default)]
pub struct PolicySet<'a> {
    pub identity: Vec<&'a CompiledPolicy>,
    pub boundary: Option<&'a CompiledPolicy>,
    /// Session policies (inline `Policy` and `PolicyArns`); empty when none was passed.
    pub session: Vec<&'a CompiledPolicy>,
    /// A session whose permissions exist only through session policies: with none passed it has none
    /// (a GetFederationToken session, F7.12).
    pub session_must_allow: bool,
    /// The policy of the VPC endpoint the request goes through: it must allow (F6.8).
    pub vpc_endpoint: Option<&'a CompiledPolicy>,
    pub resource: Option<&'a CompiledPolicy>,
    /// Trust policies and KMS key policies must allow by themselves (§4.4, §4.5).
    pub resource_must_allow: bool,
    /// SCP levels from the root to the account; empty when SCPs do not apply to the caller.
    pub scps: Vec<Level<'a>>,
    /// RCP levels from the root to the resource's account; empty when RCPs do not apply.
    pub rcps: Vec<Level<'a>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Decision {
    Allowed,
    ExplicitDeny,
    ImplicitDeny,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allowed => "allowed",
            Decision::ExplicitDeny => "explicitDeny",
            Decision::ImplicitDeny => "implicitDeny",
        }
    }
}

/// The rule of the evaluation logic that decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Rule {
    ExplicitDeny,
    NoResourceControlPolicyAllow,
    NoServiceControlPolicyAllow,
    ResourcePolicyMustAllow,
    CrossAccountResourcePolicy,
    ResourcePolicyGrants,
    /// A caller without identity-based policies (a service, an identity-provider user, anonymous)
    /// let in by the resource's own policy.
    ResourcePolicyAllowsCaller,
    NoIdentityPolicyAllow,
    NoBoundaryAllow,
    NoSessionPolicyAllow,
    IdentityPolicyAllows,
    RootUser,
    /// `sts:GetCallerIdentity`: no permission is needed and no policy can deny it (§5.5).
    NoPermissionNeeded,
    /// `sts:GetSessionToken` / `sts:GetFederationToken` with role-session credentials (§5.5).
    NotWithSessionCredentials,
    /// The request went through a VPC endpoint whose policy does not allow it (F6.8).
    NoVpcEndpointPolicyAllow,
    /// The policies allowed, but a rule of the service itself refused (the explanation's service rule).
    ServiceRule,
}

impl Rule {
    /// Every rule, for reading a rule's text back ([`crate::read_back`]).
    pub const ALL: [Rule; 16] = [
        Rule::ExplicitDeny,
        Rule::NoResourceControlPolicyAllow,
        Rule::NoServiceControlPolicyAllow,
        Rule::ResourcePolicyMustAllow,
        Rule::CrossAccountResourcePolicy,
        Rule::ResourcePolicyGrants,
        Rule::ResourcePolicyAllowsCaller,
        Rule::NoIdentityPolicyAllow,
        Rule::NoBoundaryAllow,
        Rule::NoSessionPolicyAllow,
        Rule::IdentityPolicyAllows,
        Rule::RootUser,
        Rule::NoPermissionNeeded,
        Rule::NotWithSessionCredentials,
        Rule::NoVpcEndpointPolicyAllow,
        Rule::ServiceRule,
    ];

    pub fn describe(self) -> &'static str {
        match self {
            Rule::ExplicitDeny => "An explicit Deny in any applicable policy overrides every Allow.",
            Rule::NoResourceControlPolicyAllow => "Resource control policies must allow the request at every level from the root to the resource's account.",
            Rule::NoServiceControlPolicyAllow => "Service control policies must allow the request at every level from the root to the caller's account.",
            Rule::ResourcePolicyMustAllow => "This resource's own policy (a role trust policy or a KMS key policy) must allow the caller; identity policies alone are not enough.",
            Rule::CrossAccountResourcePolicy => "Across accounts, the resource's account must allow the caller in a resource-based policy.",
            Rule::ResourcePolicyGrants => "In the same account, a resource-based policy that names the caller grants access by itself.",
            Rule::ResourcePolicyAllowsCaller => "The caller (an AWS service, an identity-provider user or an anonymous caller) has no identity-based policies: the resource's own policy allows it by itself.",
            Rule::NoIdentityPolicyAllow => "No identity-based policy of the caller allows the action (implicit deny).",
            Rule::NoBoundaryAllow => "The permissions boundary does not allow the action: it caps what identity policies grant.",
            Rule::NoSessionPolicyAllow => "The session policy does not allow the action: it caps what the role's policies grant for this session.",
            Rule::IdentityPolicyAllows => "An identity-based policy allows the action, and every limit (SCPs, boundary, session policy) allows it too.",
            Rule::RootUser => "The account's root user may do everything in its own account unless an SCP, RCP or explicit deny stops it; a KMS key is the exception: only its key policy lets anyone, root included, use it.",
            Rule::NoPermissionNeeded => "This call needs no permission (sts:GetCallerIdentity, sts:GetSessionToken), and no policy can deny it.",
            Rule::NotWithSessionCredentials => "Role-session credentials cannot call sts:GetSessionToken or sts:GetFederationToken, whatever the policies allow.",
            Rule::NoVpcEndpointPolicyAllow => "The request went through a VPC endpoint: its endpoint policy must allow it too.",
            Rule::ServiceRule => "The policies allowed the request, but a rule of the service itself (outside any policy) refused it.",
        }
    }
}

/// The decision, the rule that made it, and the policy type AWS names in its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    pub decision: Decision,
    pub rule: Rule,
    pub responsible: Option<PolicyKind>,
}

/// What one policy said about the request.
#[derive(Debug, Clone, Copy, Default)]
struct Scan {
    allow: bool,
    deny: bool,
    /// Bit set of `PrincipalMatch` forms of the allowing statements (resource policies).
    allow_forms: u16,
}

impl Scan {
    fn merge(&mut self, other: Scan) {
        self.allow |= other.allow;
        self.deny |= other.deny;
        self.allow_forms |= other.allow_forms;
    }

    fn has(&self, form: PrincipalMatch) -> bool {
        self.allow_forms & bit(form) != 0
    }
}

fn bit(form: PrincipalMatch) -> u16 {
    1 << (form as u16)
}

/// Decides without building an explanation: no allocation per statement.
pub fn decide(request: &Request, set: &PolicySet) -> Verdict {
    run(request, set, &mut None)
}

/// Decides and explains: every policy consulted, every statement's verdict and why.
pub fn explain(request: &Request, set: &PolicySet) -> Explanation {
    // Every policy of the set may be consulted: one allocation for the traces.
    let consulted = set.identity.len()
        + set.session.len()
        + usize::from(set.boundary.is_some())
        + usize::from(set.resource.is_some())
        + usize::from(set.vpc_endpoint.is_some())
        + set
            .scps
            .iter()
            .chain(&set.rcps)
            .map(|l| l.policies.len())
            .sum::<usize>();
    let mut ex = Some(Explainer {
        policies: Vec::with_capacity(consulted),
    });
    let verdict = run(request, set, &mut ex);
    ex.unwrap_or_default().finish(verdict, request, set)
}

fn run(req: &Request, set: &PolicySet, ex: &mut Option<Explainer>) -> Verdict {
    // The request's ARN is split once; every pattern of every policy compares against the parts.
    let split = roleplay_policy::arn::split(req.resource);
    let parts = split.as_ref();
    let mut first_deny: Option<PolicyKind> = None;
    let mut note_deny = |kind: PolicyKind, scan: &Scan| {
        if scan.deny && first_deny.is_none() {
            first_deny = Some(kind);
        }
    };
    let mut levels_ok = |levels: &[crate::engine::Level], kind, ex: &mut Option<Explainer>| {
        let mut ok = true;
        for level in levels {
            let mut at_level = Scan::default();
            for p in &level.policies {
                at_level.merge(scan(p, req, parts, ex, Some(&level.target)));
            }
            note_deny(kind, &at_level);
            ok &= at_level.allow;
        }
        ok
    };
    let rcp_ok = levels_ok(&set.rcps, PolicyKind::ResourceControl, ex);
    let scp_ok = levels_ok(&set.scps, PolicyKind::ServiceControl, ex);
    let endpoint = set.vpc_endpoint.map(|p| scan(p, req, parts, ex, None));
    if let Some(e) = &endpoint {
        note_deny(PolicyKind::VpcEndpoint, e);
    }
    let resource = set
        .resource
        .map(|p| scan(p, req, parts, ex, None))
        .unwrap_or_default();
    let mut identity = Scan::default();
    for p in &set.identity {
        identity.merge(scan(p, req, parts, ex, None));
    }
    let boundary = set.boundary.map(|p| scan(p, req, parts, ex, None));
    let mut session = Scan::default();
    for p in &set.session {
        session.merge(scan(p, req, parts, ex, None));
    }
    let resource_kind = set.resource.map(|p| p.kind).unwrap_or(PolicyKind::Resource);
    note_deny(resource_kind, &resource);
    note_deny(PolicyKind::Identity, &identity);
    if let Some(b) = &boundary {
        note_deny(PolicyKind::PermissionsBoundary, b);
    }
    note_deny(PolicyKind::Session, &session);

    let verdict = |decision, rule, responsible| Verdict {
        decision,
        rule,
        responsible,
    };
    let deny = |rule, kind| verdict(Decision::ImplicitDeny, rule, Some(kind));
    if let Some(kind) = first_deny {
        return verdict(Decision::ExplicitDeny, Rule::ExplicitDeny, Some(kind));
    }
    if !rcp_ok {
        return deny(
            Rule::NoResourceControlPolicyAllow,
            PolicyKind::ResourceControl,
        );
    }
    if !scp_ok {
        return deny(
            Rule::NoServiceControlPolicyAllow,
            PolicyKind::ServiceControl,
        );
    }
    if endpoint.is_some_and(|e| !e.allow) {
        return deny(Rule::NoVpcEndpointPolicyAllow, PolicyKind::VpcEndpoint);
    }
    let boundary_ok = boundary.is_none_or(|b| b.allow);
    let session_ok = (set.session.is_empty() && !set.session_must_allow) || session.allow;
    let is_root = matches!(req.caller, Caller::Root { .. });
    let caller_account = req.caller.account();
    let Some(account) = caller_account else {
        // Anonymous callers, services and identity-provider users have no identity policies: only the
        // resource's own policy can let them in.
        return if resource.allow {
            verdict(Decision::Allowed, Rule::ResourcePolicyAllowsCaller, None)
        } else {
            deny(Rule::ResourcePolicyMustAllow, resource_kind)
        };
    };
    let identity_side = || {
        if !(identity.allow || is_root) {
            deny(Rule::NoIdentityPolicyAllow, PolicyKind::Identity)
        } else if !boundary_ok {
            deny(Rule::NoBoundaryAllow, PolicyKind::PermissionsBoundary)
        } else if !session_ok {
            deny(Rule::NoSessionPolicyAllow, PolicyKind::Session)
        } else if is_root {
            verdict(Decision::Allowed, Rule::RootUser, None)
        } else {
            verdict(Decision::Allowed, Rule::IdentityPolicyAllows, None)
        }
    };
    let same_account = req.resource_account.is_none_or(|a| a == account);
    if !same_account {
        // §4.6: both the resource's account and the caller's account must allow.
        if !resource.allow {
            return deny(Rule::CrossAccountResourcePolicy, resource_kind);
        }
        return identity_side();
    }
    if set.resource_must_allow && !resource.allow {
        return deny(Rule::ResourcePolicyMustAllow, resource_kind);
    }
    // §4.3: a same-account resource policy naming the caller itself grants on its own.
    let names_caller = [
        PrincipalMatch::Everyone,
        PrincipalMatch::UserArn,
        PrincipalMatch::SessionArn,
        PrincipalMatch::FederatedUserArn,
    ]
    .into_iter()
    .any(|f| resource.has(f));
    // A user named in a trust policy still needs its boundary to allow (§4.4 caveat).
    let trust_boundary =
        resource_kind == PolicyKind::Trust && resource.has(PrincipalMatch::UserArn);
    if names_caller && (boundary_ok || !trust_boundary) {
        return verdict(Decision::Allowed, Rule::ResourcePolicyGrants, None);
    }
    if resource.has(PrincipalMatch::RoleArn) || (names_caller && trust_boundary) {
        // Naming the role (not the session) leaves the boundary and session policies in force.
        return if !boundary_ok {
            deny(Rule::NoBoundaryAllow, PolicyKind::PermissionsBoundary)
        } else if !session_ok {
            deny(Rule::NoSessionPolicyAllow, PolicyKind::Session)
        } else {
            verdict(Decision::Allowed, Rule::ResourcePolicyGrants, None)
        };
    }
    identity_side()
}

/// Evaluates every statement of one policy.
fn scan(
    p: &CompiledPolicy,
    req: &Request,
    parts: Option<&[&str; 6]>,
    ex: &mut Option<Explainer>,
    level: Option<&str>,
) -> Scan {
    let mut out = Scan::default();
    let mut trace = ex.as_ref().map(|_| PolicyTrace::new(p, level));
    for st in &p.statements {
        let mut conds = trace
            .as_ref()
            .map(|_| Vec::with_capacity(st.conditions.len()));
        let result = applies(st, req, parts, conds.as_mut());
        if let Ok(form) = result {
            match st.effect {
                Effect::Allow => {
                    out.allow = true;
                    if let Some(f) = form {
                        out.allow_forms |= bit(f);
                    }
                }
                Effect::Deny => out.deny = true,
            }
        }
        if let (Some(t), Some(conds)) = (trace.as_mut(), conds) {
            t.statements
                .push(StatementTrace::new(st, result.err(), conds));
        }
    }
    if let (Some(ex), Some(t)) = (ex.as_mut(), trace) {
        ex.policies.push(t);
    }
    out
}

/// Whether a statement applies, and if it has a Principal, how it named the caller.
fn applies(
    st: &CStatement,
    req: &Request,
    resource_parts: Option<&[&str; 6]>,
    trace: Option<&mut Vec<ConditionTrace>>,
) -> Result<Option<PrincipalMatch>, Miss> {
    let form = match &st.principal {
        None => None,
        Some(p) => {
            let named = if p.any {
                Some(PrincipalMatch::Everyone)
            } else {
                p.entries
                    .iter()
                    .filter_map(|(kind, value)| req.caller.matched_by(*kind, value))
                    .max_by_key(|f| form_rank(*f))
            };
            match (p.negated, named) {
                (false, Some(f)) => Some(f),
                (false, None) => return Err(Miss::Principal),
                // `"NotPrincipal": "*"` excludes everyone: the statement applies to no one.
                (true, _) if p.any || not_principal_excludes(&p.entries, req.caller) => {
                    return Err(Miss::Principal)
                }
                (true, _) => Some(PrincipalMatch::Everyone),
            }
        }
    };
    let action_ok = st
        .actions
        .as_ref()
        .is_some_and(|(neg, globs)| globs.iter().any(|g| g.matches(req.action)) != *neg);
    if !action_ok {
        return Err(Miss::Action);
    }
    if let Some((neg, patterns)) = &st.resources {
        let hit = patterns
            .iter()
            .any(|p| resource_matches(p, resource_parts, req));
        if hit == *neg {
            return Err(Miss::Resource);
        }
    }
    match trace {
        None => {
            if st
                .conditions
                .iter()
                .all(|c| condition::holds(c, req.context))
            {
                Ok(form)
            } else {
                Err(Miss::Condition)
            }
        }
        Some(trace) => {
            let mut all = true;
            for c in &st.conditions {
                let result = condition::holds(c, req.context);
                all &= result;
                trace.push(ConditionTrace::new(c, req.context, result));
            }
            if all {
                Ok(form)
            } else {
                Err(Miss::Condition)
            }
        }
    }
}

/// Prefer the most specific form when several entries name the caller.
fn form_rank(f: PrincipalMatch) -> u8 {
    match f {
        PrincipalMatch::Account => 0,
        PrincipalMatch::RoleArn => 1,
        _ => 2,
    }
}

fn not_principal_excludes(entries: &[(PrincipalType, String)], caller: &Caller) -> bool {
    let chain = caller.not_principal_chain();
    if chain.is_empty() {
        return entries
            .iter()
            .any(|(k, v)| caller.matched_by(*k, v).is_some());
    }
    let account = caller.account().unwrap_or("");
    chain.iter().all(|link| {
        entries.iter().any(|(k, v)| {
            *k == PrincipalType::Aws && (v == link || (link.ends_with(":root") && v == account))
        })
    })
}

fn resource_matches(p: &ResourcePattern, parts: Option<&[&str; 6]>, req: &Request) -> bool {
    match p {
        ResourcePattern::Any => true,
        ResourcePattern::Arn { head, tail } => {
            let Some(&[p0, p1, p2, p3, p4, p5]) = parts else {
                return false;
            };
            let head_ok = head
                .iter()
                .zip([p0, p1, p2, p3, p4])
                .all(|(g, part)| g.matches(part));
            head_ok
                && match tail {
                    Tail::Fixed(g) => g.matches(p5),
                    Tail::Dynamic { template, prefix } => {
                        p5.starts_with(prefix.as_str())
                            && template
                                .glob(req.context, true, false)
                                .is_some_and(|g| g.matches(p5))
                    }
                }
        }
    }
}
