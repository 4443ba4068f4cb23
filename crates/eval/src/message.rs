//! AWS's AccessDenied texts, with the enhanced clause naming the policy type (§5.9).

use crate::engine::{Decision, Verdict};
use roleplay_policy::PolicyKind;

/// `User: <arn> is not authorized to perform: <action> on resource: <resource> because …`.
/// The `on resource:` clause is left out for actions that take no resource (`*`).
pub fn access_denied(principal: &str, action: &str, resource: &str, verdict: &Verdict) -> String {
    let mut m = format!("User: {principal} is not authorized to perform: {action}");
    if resource != "*" {
        m.push_str(" on resource: ");
        m.push_str(resource);
    }
    if let Some(kind) = verdict.responsible {
        m.push_str(&clause(kind, verdict.decision, action));
    }
    m
}

fn clause(kind: PolicyKind, decision: Decision, action: &str) -> String {
    // SCP denials are worded as explicit even when no SCP allowed (§5.9).
    let explicit = decision == Decision::ExplicitDeny || kind == PolicyKind::ServiceControl;
    if explicit {
        let place = match kind {
            PolicyKind::Trust => "the role trust policy",
            PolicyKind::Identity => "an identity-based policy",
            PolicyKind::Resource => "a resource-based policy",
            PolicyKind::PermissionsBoundary => "a permissions boundary",
            PolicyKind::Session => "a session policy",
            PolicyKind::ServiceControl => "a service control policy",
            PolicyKind::ResourceControl => "a resource control policy",
            PolicyKind::VpcEndpoint => "a VPC endpoint policy",
        };
        format!(" with an explicit deny in {place}")
    } else {
        format!(" because no {} allows the {action} action", kind.aws_name())
    }
}
