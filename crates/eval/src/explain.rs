//! Explanations: every policy consulted, each statement's verdict and why, the conditions with the
//! values compared, the deciding statements with their source locations, and the decision flow.

use crate::caller::Caller;
use crate::compile::{CCondition, CStatement, CompiledPolicy};
use crate::condition::shown_values;
use crate::context::Context;
use crate::engine::{Decision, PolicySet, Request, Rule, Verdict};
use crate::read_back;
use roleplay_policy::value;
use roleplay_policy::{Effect, Location, PolicyKind};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::Arc;

/// Why a statement did not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Miss {
    Principal,
    Action,
    Resource,
    Condition,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConditionTrace {
    #[serde(
        serialize_with = "operator_name",
        deserialize_with = "read_back::operator"
    )]
    pub operator: roleplay_policy::Operator,
    pub key: Arc<str>,
    /// `None` when the request had no such key.
    pub request_values: Option<Vec<String>>,
    /// Policy values with variables resolved.
    pub policy_values: Vec<String>,
    pub result: bool,
    pub location: Location,
    /// Policy and request values the operator could not read as its type (`10.0.0.0/99` for
    /// IpAddress): they matched nothing, and the explanation says so rather than hide it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<String>,
}

/// The policy values compilation could not read: the compiled condition already holds `None` for
/// each of them (numbers, dates, networks, Null's booleans), so they are not read again for every
/// explanation; Bool and base64 values compile as text and are checked here.
fn unreadable_policy_values(c: &CCondition) -> impl Iterator<Item = &String> {
    use crate::compile::Values;
    let failed: Vec<bool> = match &c.values {
        Values::Number(v) => v.iter().map(Option::is_none).collect(),
        Values::Date(v) => v.iter().map(Option::is_none).collect(),
        Values::Ip(v) => v.iter().map(Option::is_none).collect(),
        Values::Null(v) => v.iter().map(Option::is_none).collect(),
        _ => {
            let family = c.operator.kind.family();
            c.written
                .iter()
                .map(|w| !value::readable(family, w) && !w.contains("${"))
                .collect()
        }
    };
    c.written
        .iter()
        .zip(failed)
        .filter_map(|(w, failed)| failed.then_some(w))
}

impl ConditionTrace {
    pub(crate) fn new(c: &CCondition, ctx: &Context, result: bool) -> Self {
        let request_values = ctx.get(&c.key).map(|v| v.to_vec());
        let policy_values = shown_values(c, ctx);
        let family = c.operator.kind.family();
        let request_reads = |v: &String| match family {
            // A request carries one address, never a block.
            roleplay_policy::Family::Ip => value::address(v).is_some(),
            _ => value::readable(family, v),
        };
        let unreadable = unreadable_policy_values(c)
            .chain(
                request_values
                    .iter()
                    .flatten()
                    .filter(|v| !request_reads(v)),
            )
            .cloned()
            .collect();
        ConditionTrace {
            operator: c.operator,
            key: c.key.clone(),
            request_values,
            policy_values,
            result,
            location: c.location,
            unreadable,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementTrace {
    pub index: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<Arc<str>>,
    pub effect: Effect,
    pub applies: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub miss: Option<Miss>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<ConditionTrace>,
    /// For a statement whose `Principal` did not name the caller: whom it names instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub principals: Vec<String>,
    pub location: Location,
}

impl StatementTrace {
    pub(crate) fn new(
        st: &CStatement,
        miss: Option<Miss>,
        conditions: Vec<ConditionTrace>,
    ) -> Self {
        let principals = match (&st.principal, miss) {
            (Some(p), Some(Miss::Principal)) if !p.negated => {
                p.entries.iter().map(|(_, v)| v.clone()).collect()
            }
            _ => Vec::new(),
        };
        StatementTrace {
            index: st.index,
            sid: st.sid.clone(),
            effect: st.effect,
            applies: miss.is_none(),
            miss,
            conditions,
            principals,
            location: st.location,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyTrace {
    pub kind: PolicyKind,
    pub name: Arc<str>,
    pub owner: Arc<str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<Arc<str>>,
    /// For SCPs and RCPs: the root, OU or account the policy is attached to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    pub statements: Vec<StatementTrace>,
}

impl PolicyTrace {
    pub(crate) fn new(p: &CompiledPolicy, level: Option<&str>) -> Self {
        PolicyTrace {
            kind: p.kind,
            name: p.name.clone(),
            owner: p.owner.clone(),
            arn: p.arn.clone(),
            level: level.map(String::from),
            statements: Vec::with_capacity(p.statement_count()),
        }
    }
}

/// A statement that decided: index into `policies`, then into its `statements`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementRef {
    pub policy: usize,
    pub statement: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FlowStatus {
    /// The step let the request through.
    Pass,
    /// The step decided a denial.
    Fail,
    /// No policy of this kind applies to the request.
    NotApplicable,
    /// Not needed: an earlier step already decided.
    Skipped,
}

/// One box of AWS's decision chart, with the path this request took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FlowStep {
    #[serde(deserialize_with = "read_back::stage")]
    pub stage: read_back::Known,
    #[serde(deserialize_with = "read_back::label")]
    pub label: read_back::Known,
    pub status: FlowStatus,
}

/// A rule a service applies beyond its policies (roleplay-sim's service-rules layer), with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceRuleTrace {
    /// The service whose rule it is: `iam`, `kms`, `s3`, `sts`.
    pub service: Cow<'static, str>,
    /// A stable name, e.g. `AWS_MANAGED_POLICY_READ`.
    pub id: Cow<'static, str>,
    /// What the rule says about this request, in one sentence.
    pub text: String,
    /// Where AWS says so (the fact numbers of `docs/aws-service-rules.md`).
    pub source: Cow<'static, str>,
    /// Whether the rule refused the request (otherwise it let it through, or shaped it).
    pub refused: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    pub decision: Decision,
    pub rule: Rule,
    #[serde(deserialize_with = "read_back::rule_text")]
    pub rule_text: read_back::Known,
    /// The policy type AWS names in its AccessDenied message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible: Option<PolicyKind>,
    pub policies: Vec<PolicyTrace>,
    pub deciding: Vec<StatementRef>,
    /// Condition keys a statement tested that the request did not carry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_keys: Vec<String>,
    pub flow: Vec<FlowStep>,
    /// The service rules that applied after the policies, in order (absent when none did).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_rules: Vec<ServiceRuleTrace>,
}

impl Explanation {
    /// An explanation decided by a service rule alone: no policy was consulted (a refusal, or a call
    /// that needs no permission).
    pub fn of_service_rule(rule: ServiceRuleTrace, decision: Decision) -> Explanation {
        let mut ex = Explanation {
            decision: Decision::Allowed,
            rule: Rule::NoPermissionNeeded,
            rule_text: Rule::NoPermissionNeeded.describe(),
            responsible: None,
            policies: Vec::new(),
            deciding: Vec::new(),
            missing_keys: Vec::new(),
            // No policy was consulted: every policy stage is not applicable.
            flow: STAGES
                .into_iter()
                .map(|(stage, label)| FlowStep {
                    stage,
                    label,
                    status: if stage == "explicitDeny" {
                        FlowStatus::Pass
                    } else {
                        FlowStatus::NotApplicable
                    },
                })
                .collect(),
            service_rules: Vec::new(),
        };
        let refused = rule.refused;
        ex.apply_service_rule(rule, refused.then_some((decision, None)));
        ex
    }

    /// Adds a service rule as the flow's last stage. `refusal` is the decision it imposes and the
    /// policy type AWS's message names (RestrictPublicBuckets is worded as an explicit deny in a
    /// resource-based policy, F4.26); without one the request goes on.
    pub fn apply_service_rule(
        &mut self,
        rule: ServiceRuleTrace,
        refusal: Option<(Decision, Option<PolicyKind>)>,
    ) {
        // A note on a request the policies denied: the service never got to it.
        let status = if refusal.is_some() {
            FlowStatus::Fail
        } else if self.decision == Decision::Allowed {
            FlowStatus::Pass
        } else {
            FlowStatus::Skipped
        };
        self.service_rules.push(rule);
        let (service, label) = SERVICE_STAGE;
        match self.flow.iter_mut().find(|f| f.stage == service) {
            Some(f) if f.status != FlowStatus::Fail => f.status = status,
            Some(_) => {}
            None => self.flow.push(FlowStep {
                stage: service,
                label,
                status,
            }),
        }
        let Some((decision, responsible)) = refusal else {
            return;
        };
        self.decision = decision;
        self.rule = Rule::ServiceRule;
        self.rule_text = Rule::ServiceRule.describe();
        self.responsible = responsible;
        // The statements that allowed did not decide: the service did.
        self.deciding.clear();
        if decision == Decision::ExplicitDeny {
            let named = responsible.map(stage_of);
            for f in &mut self.flow {
                if f.stage == "explicitDeny" || Some(f.stage) == named {
                    f.status = FlowStatus::Fail;
                }
            }
        }
    }

    /// Only what decided: the policies with a deciding statement, and in them only those statements
    /// (with their conditions), `deciding` renumbered to match. The decision, rule, flow and missing
    /// keys stay. A result of thousands of steps then holds a few KB per step, not every statement of
    /// every policy.
    pub fn keep_deciding(&mut self) {
        let mut policies = Vec::new();
        let mut deciding = Vec::with_capacity(self.deciding.len());
        for (pi, mut policy) in std::mem::take(&mut self.policies).into_iter().enumerate() {
            let mut wanted: Vec<usize> = self
                .deciding
                .iter()
                .filter(|r| r.policy == pi)
                .map(|r| r.statement)
                .collect();
            wanted.sort_unstable();
            if wanted.is_empty() {
                continue;
            }
            let statements = std::mem::take(&mut policy.statements);
            for (si, st) in statements.into_iter().enumerate() {
                if wanted.binary_search(&si).is_ok() {
                    deciding.push(StatementRef {
                        policy: policies.len(),
                        statement: policy.statements.len(),
                    });
                    policy.statements.push(st);
                }
            }
            policies.push(policy);
        }
        self.policies = policies;
        self.deciding = deciding;
    }
}

#[derive(Debug, Default)]
pub(crate) struct Explainer {
    pub policies: Vec<PolicyTrace>,
}

impl Explainer {
    pub(crate) fn finish(self, v: Verdict, req: &Request, set: &PolicySet) -> Explanation {
        let policies = self.policies;
        // The flow is the one source: a statement decided only where its stage decided.
        let flow = flow(&v, req, set, &policies);
        let deciding = deciding(&policies, &flow, v.decision);
        let mut missing_keys: Vec<String> = Vec::new();
        for c in policies
            .iter()
            .flat_map(|p| &p.statements)
            .flat_map(|s| &s.conditions)
        {
            if c.request_values.is_none()
                && !missing_keys.iter().any(|k| k.eq_ignore_ascii_case(&c.key))
            {
                missing_keys.push(c.key.to_string());
            }
        }
        Explanation {
            decision: v.decision,
            rule: v.rule,
            rule_text: v.rule.describe(),
            responsible: v.responsible,
            policies,
            deciding,
            missing_keys,
            flow,
            service_rules: Vec::new(),
        }
    }
}

/// AWS's decision chart, in its order: each policy stage and its label.
pub const STAGES: [(&str, &str); 8] = [
    ("explicitDeny", "Explicit deny in any policy"),
    ("rcp", "Resource control policies"),
    ("scp", "Service control policies"),
    ("vpce", "VPC endpoint policy"),
    ("resource", "Resource-based policy"),
    ("identity", "Identity-based policies"),
    ("boundary", "Permissions boundary"),
    ("session", "Session policy"),
];

/// The resource stage's label when the resource's policy is a role's trust policy.
pub const TRUST_LABEL: &str = "Role trust policy";

/// The stage of the service rules, after the policies.
pub const SERVICE_STAGE: (&str, &str) = ("service", "Service rules");

/// The flow stage that holds policies of this kind.
pub fn stage_of(kind: PolicyKind) -> &'static str {
    match kind {
        PolicyKind::Identity => "identity",
        PolicyKind::Resource | PolicyKind::Trust => "resource",
        PolicyKind::PermissionsBoundary => "boundary",
        PolicyKind::Session => "session",
        PolicyKind::ServiceControl => "scp",
        PolicyKind::ResourceControl => "rcp",
        PolicyKind::VpcEndpoint => "vpce",
    }
}

/// Whether an applying statement of this effect sits in a policy of the stage.
fn stage_has(policies: &[PolicyTrace], stage: &str, effect: Effect) -> bool {
    policies
        .iter()
        .filter(|p| stage_of(p.kind) == stage)
        .flat_map(|p| &p.statements)
        .any(|s| s.applies && s.effect == effect)
}

/// The applying statements of the decision's effect in the stages that decided it: for an
/// allow, the stages that passed (SCPs and RCPs only permit, they never grant); for an explicit
/// deny, every denying statement; an implicit deny has none.
fn deciding(policies: &[PolicyTrace], flow: &[FlowStep], decision: Decision) -> Vec<StatementRef> {
    let (wanted, status) = match decision {
        Decision::Allowed => (Effect::Allow, FlowStatus::Pass),
        Decision::ExplicitDeny => (Effect::Deny, FlowStatus::Fail),
        Decision::ImplicitDeny => return Vec::new(),
    };
    let decided = |kind: PolicyKind| {
        let stage = stage_of(kind);
        // Organization and endpoint policies only permit; they never grant.
        let org = matches!(
            kind,
            PolicyKind::ServiceControl | PolicyKind::ResourceControl | PolicyKind::VpcEndpoint
        );
        !(org && wanted == Effect::Allow)
            && flow.iter().any(|f| f.stage == stage && f.status == status)
    };
    let mut out = Vec::new();
    for (pi, p) in policies.iter().enumerate() {
        if !decided(p.kind) {
            continue;
        }
        for (si, s) in p.statements.iter().enumerate() {
            if s.applies && s.effect == wanted {
                out.push(StatementRef {
                    policy: pi,
                    statement: si,
                });
            }
        }
    }
    out
}

fn flow(v: &Verdict, req: &Request, set: &PolicySet, policies: &[PolicyTrace]) -> Vec<FlowStep> {
    let resource_label = match set.resource.map(|p| p.kind) {
        Some(PolicyKind::Trust) => TRUST_LABEL,
        _ => "Resource-based policy",
    };
    let fail_stage = match v.decision {
        Decision::ImplicitDeny => v.responsible.map(stage_of),
        _ => None,
    };
    // Identity, boundary and session policies that did not allow were not needed when the
    // request went on: the resource's own policy granted (§4.3, §4.4).
    let granted = |stage: &str| match stage {
        "identity" => {
            v.rule != Rule::ResourcePolicyGrants
                && (matches!(req.caller, Caller::Root { .. })
                    || stage_has(policies, stage, Effect::Allow))
        }
        "boundary" | "session" => stage_has(policies, stage, Effect::Allow),
        _ => true,
    };
    // Whether each stage of `STAGES` applies to this request.
    let applies = [
        true,
        !set.rcps.is_empty(),
        !set.scps.is_empty(),
        set.vpc_endpoint.is_some(),
        set.resource.is_some(),
        req.caller.is_aws_principal(),
        set.boundary.is_some(),
        !set.session.is_empty() || set.session_must_allow,
    ];
    let explicit = v.decision == Decision::ExplicitDeny;
    let mut reached = true;
    let mut out = Vec::with_capacity(STAGES.len());
    for ((stage, label), applicable) in STAGES.into_iter().zip(applies) {
        let label = if stage == "resource" {
            resource_label
        } else {
            label
        };
        let status = if stage == "explicitDeny" {
            if explicit {
                FlowStatus::Fail
            } else {
                FlowStatus::Pass
            }
        } else if !applicable && fail_stage != Some(stage) {
            // (A request that needed a resource policy fails at that stage even without one.)
            FlowStatus::NotApplicable
        } else if explicit {
            // Every stage holding a denying statement denied; the rest were not needed.
            if stage_has(policies, stage, Effect::Deny) {
                FlowStatus::Fail
            } else {
                FlowStatus::Skipped
            }
        } else if !reached {
            FlowStatus::Skipped
        } else if fail_stage == Some(stage) {
            reached = false;
            FlowStatus::Fail
        } else if granted(stage) {
            FlowStatus::Pass
        } else {
            FlowStatus::Skipped
        };
        out.push(FlowStep {
            stage,
            label,
            status,
        });
    }
    out
}

fn operator_name<S: serde::Serializer>(
    op: &roleplay_policy::Operator,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.serialize_str(&op.name())
}
