//! A step's outcome at AWS's granularity — allowed, explicit deny, implicit deny or the error code —
//! and the facts about the step the misconception table reads.

use roleplay_policy::PolicyKind;
use roleplay_sim::{CallerDef, StepResult};

/// The outcome words the quiz offers, in this order, before any error code.
pub const VERDICTS: [&str; 3] = ["Allowed", "Explicit deny", "Implicit deny"];

/// The policy types that can decide a denial, in the words the quiz uses.
pub const LAYERS: [PolicyKind; 8] = [
    PolicyKind::Trust,
    PolicyKind::Identity,
    PolicyKind::Resource,
    PolicyKind::PermissionsBoundary,
    PolicyKind::Session,
    PolicyKind::ServiceControl,
    PolicyKind::ResourceControl,
    PolicyKind::VpcEndpoint,
];

pub fn layer_words(kind: PolicyKind) -> &'static str {
    match kind {
        PolicyKind::Trust => "Trust policy",
        PolicyKind::Identity => "Identity-based policy",
        PolicyKind::Resource => "Resource-based policy",
        PolicyKind::PermissionsBoundary => "Permissions boundary",
        PolicyKind::Session => "Session policy",
        PolicyKind::ServiceControl => "SCP",
        PolicyKind::ResourceControl => "RCP",
        PolicyKind::VpcEndpoint => "VPC endpoint policy",
    }
}

/// The step's outcome as a choice label: a verdict word or the error code.
pub fn outcome_label(r: &StepResult) -> String {
    match r.decision {
        "allowed" => VERDICTS[0].into(),
        "explicitDeny" => VERDICTS[1].into(),
        "implicitDeny" => VERDICTS[2].into(),
        _ => r.error.as_ref().map(|e| e.code.clone()).unwrap_or_default(),
    }
}

/// The layer that decided a denial.
pub fn deciding_layer(r: &StepResult) -> Option<PolicyKind> {
    matches!(r.decision, "explicitDeny" | "implicitDeny")
        .then(|| r.explanation.as_ref()?.responsible)
        .flatten()
}

/// What the step is, as far as the misconception table cares.
#[derive(Debug, Clone, Default)]
pub struct StepFacts {
    pub action: String,
    pub assume: bool,
    pub federated: bool,
    /// The caller is a role session (long-term keys otherwise).
    pub session_caller: bool,
    pub cross_account: bool,
    /// The policy types that took part (from the explanation).
    pub kinds: Vec<PolicyKind>,
    pub outcome: String,
    pub layer: Option<PolicyKind>,
    pub message: String,
    /// Some traced policy holds a Deny statement.
    pub denies: bool,
    /// The scenario has an organization (SCPs may apply).
    pub organization: bool,
}

impl StepFacts {
    pub fn of(step: Option<&roleplay_sim::Step>, r: &StepResult, organization: bool) -> StepFacts {
        let action = r.action.to_ascii_lowercase();
        let caller_account = account(&r.caller);
        let resource_account = r.resource.as_deref().and_then(account);
        StepFacts {
            assume: action.starts_with("sts:assumerole"),
            federated: action.starts_with("sts:assumerolewith"),
            session_caller: matches!(step.and_then(|s| s.caller.as_ref()), Some(CallerDef::Ref(r)) if !r.starts_with("arn:"))
                || r.caller.contains(":assumed-role/"),
            cross_account: matches!((caller_account, resource_account), (Some(a), Some(b)) if a != b),
            kinds: r
                .explanation
                .as_ref()
                .map(|e| e.policies.iter().map(|p| p.kind).collect())
                .unwrap_or_default(),
            outcome: outcome_label(r),
            layer: deciding_layer(r),
            message: r
                .error
                .as_ref()
                .map(|e| e.message.clone())
                .unwrap_or_default(),
            denies: r.explanation.as_ref().is_some_and(|e| {
                e.policies.iter().any(|p| {
                    p.statements
                        .iter()
                        .any(|s| s.effect == roleplay_policy::Effect::Deny)
                })
            }),
            organization,
            action,
        }
    }

    pub fn has(&self, kind: PolicyKind) -> bool {
        self.kinds.contains(&kind)
    }
}

/// The account of an ARN (`arn:aws:iam::111122223333:…`), when it names one.
fn account(arn: &str) -> Option<&str> {
    let account = arn.split(':').nth(4)?;
    (account.len() == 12).then_some(account)
}

/// The error codes this step could produce, by its action and caller: what a learner chooses from
/// besides the three verdicts. The step's own code is always among them.
pub fn codes(facts: &StepFacts) -> Vec<String> {
    let mut codes: Vec<&str> = if facts.federated {
        vec![
            "ValidationError",
            "InvalidIdentityToken",
            "ExpiredTokenException",
        ]
    } else if facts.assume {
        vec!["ValidationError", "MalformedPolicyDocument", "ExpiredToken"]
    } else {
        vec!["ExpiredToken"]
    };
    let own = facts.outcome.as_str();
    if !VERDICTS.contains(&own) && !codes.contains(&own) {
        codes.push(own);
    }
    codes.into_iter().map(String::from).collect()
}
