//! Service rules: what AWS services decide beyond their policies, as a named layer around policy
//! evaluation. One module per service; every rule carries its source (the fact numbers of
//! `docs/aws-service-rules.md`) and shows in the
//! explanation as the flow's "Service rules" stage.
//!
//! - [`before`]: limits of the caller's credentials, checked before any policy (GetSessionToken and
//!   GetFederationToken credentials, `sts.rs`).
//! - [`target_account`]: the account a request's resource belongs to when its ARN does not say it
//!   (AWS managed policies are readable by every account, `iam.rs`).
//! - [`after`]: refusals of requests the policies allowed (IAM protected roles and AWS managed policies,
//!   KMS `alias/aws/` and AWS managed keys, S3 Block Public Access), and notes that explain an allow.

pub mod iam;
pub mod kms;
pub mod s3;
pub mod sts;

use crate::context::Identity;
use crate::format::Step;
use crate::outcome::{service_error_code, Outcome, StepError};
use crate::world::World;
use roleplay_eval::{Decision, Explanation, ServiceRuleTrace};
use roleplay_policy::PolicyKind;

/// One API request as the service rules see it.
pub struct Call<'a> {
    pub world: &'a World,
    pub who: &'a Identity<'a>,
    /// The action as written (`iam:GetPolicy`).
    pub action: &'a str,
    pub resource: &'a str,
    pub step: &'a Step,
}

impl Call<'_> {
    /// The action's service and operation, lower-cased: `("iam", "getpolicy")`.
    fn parts(&self) -> (String, String) {
        let (service, op) = self.action.split_once(':').unwrap_or((self.action, ""));
        (service.to_ascii_lowercase(), op.to_ascii_lowercase())
    }
}

/// A service rule that refuses: how AWS answers, and how the explanation records it.
pub struct Refusal {
    pub trace: ServiceRuleTrace,
    /// `implicitDeny` or `explicitDeny` for an AccessDenied, `error` for other codes.
    pub decision: Decision,
    /// The policy type AWS's message names, when it names one.
    pub responsible: Option<PolicyKind>,
    /// AWS's error code, before the service's spelling (`AccessDenied`, `UnmodifiableEntity`).
    pub code: &'static str,
    pub message: String,
    /// The refusal is not an authorization decision (`UnmodifiableEntity`, `InvalidInput`…).
    pub error: bool,
}

/// What a rule said about one request.
pub enum Said {
    /// The request goes on; the rule explains why (an AWS managed policy read in its own account).
    Note(ServiceRuleTrace),
    Refused(Box<Refusal>),
}

/// Credentials' own limits, before any policy is consulted.
pub fn before(call: &Call) -> Option<Outcome> {
    let r = sts::credential_limits(call)?;
    let mut ex = Explanation::of_service_rule(r.trace.clone(), r.decision);
    ex.responsible = r.responsible;
    Some(outcome(call, r, Some(ex)))
}

/// The account owning `resource` when its ARN does not name one the evaluator can use.
pub fn target_account(call: &Call) -> Option<String> {
    iam::managed_policy_account(call)
}

/// Rules applied once the policies have decided: notes are added to `ex` whatever the decision; a
/// refusal only of a request the policies allowed, and it is returned.
pub fn after(call: &Call, ex: &mut Explanation) -> Option<Refusal> {
    let allowed = ex.decision == Decision::Allowed;
    let said = [iam::rules(call), kms::rules(call), s3::rules(call)];
    for s in said.into_iter().flatten() {
        match s {
            Said::Note(trace) => ex.apply_service_rule(trace, None),
            Said::Refused(_) if !allowed => {}
            Said::Refused(r) => {
                let refusal = (!r.error).then_some((r.decision, r.responsible));
                ex.apply_service_rule(r.trace.clone(), refusal);
                return Some(*r);
            }
        }
    }
    None
}

/// The step's outcome for a refusal: AccessDenied (in the service's spelling) as a denial, other codes
/// as errors.
pub fn outcome(call: &Call, r: Refusal, explanation: Option<Explanation>) -> Outcome {
    let code = if r.error {
        r.code.to_string()
    } else {
        service_error_code(r.code, call.action)
    };
    Outcome {
        decision: if r.error {
            "error"
        } else {
            r.decision.as_str()
        },
        error: Some(StepError {
            code,
            message: r.message,
        }),
        explanation: explanation.map(Box::new),
        ..Outcome::default()
    }
}

/// A refusal by a rule of `service` that AWS answers with `code` and `message` (`error`: not an
/// authorization decision).
pub fn refuse(
    (service, id, source): (&'static str, &'static str, &'static str),
    text: &str,
    (code, message): (&'static str, String),
    error: bool,
) -> Said {
    Said::Refused(Box::new(Refusal {
        trace: trace(service, id, source, text, true),
        decision: Decision::ImplicitDeny,
        responsible: None,
        code,
        message,
        error,
    }))
}

/// A trace of a rule of `service`.
pub fn trace(
    service: &'static str,
    id: &'static str,
    source: &'static str,
    text: impl Into<String>,
    refused: bool,
) -> ServiceRuleTrace {
    ServiceRuleTrace {
        service: service.into(),
        id: id.into(),
        text: text.into(),
        source: source.into(),
        refused,
    }
}

/// `User: <arn> is not authorized to perform: <action> on resource: <resource>` with no clause.
pub fn classic_denial(call: &Call) -> String {
    let mut m = format!(
        "User: {} is not authorized to perform: {}",
        call.who.arn(),
        call.action
    );
    if call.resource != "*" {
        m.push_str(" on resource: ");
        m.push_str(call.resource);
    }
    m
}
