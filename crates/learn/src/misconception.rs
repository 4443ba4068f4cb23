//! The misconceptions a wrong answer shows: one sentence each, chosen by the answer given and the
//! step's real outcome (and, for a denial, the layer that decided). Each sentence is a rule of the
//! fact sheet (docs/aws-rules.md sections in brackets are the ones the conformance corpus checks).

use crate::outcome::{StepFacts, VERDICTS};
use roleplay_policy::PolicyKind;

pub const BOUNDARY_NEVER_GRANTS: &str =
    "A permissions boundary never grants: it only caps what the identity-based policies allow.";
pub const SCP_NOT_MANAGEMENT: &str =
    "SCPs do not apply to the management account or to service-linked roles.";
pub const TRUST_NOT_PERMISSIONS: &str =
    "The trust policy says who may assume the role, not what the session may do.";
pub const CHAINING_ONE_HOUR: &str =
    "Role chaining caps a session at one hour, whatever the role's MaxSessionDuration.";
pub const EXPLICIT_DENY_WINS: &str =
    "An explicit deny in any policy wins over every Allow, whatever the policy type.";
pub const SCP_ALLOW_NOT_GRANT: &str =
    "An SCP Allow does not grant: the principal's own policies must allow the action too.";
pub const IMPLICIT_IS_NO_ALLOW: &str =
    "No matching Allow is an implicit deny; an explicit deny needs a Deny statement that matches.";
pub const DENY_STATEMENT_IS_EXPLICIT: &str =
    "A Deny statement that matches makes the denial explicit, whether or not any Allow matched.";
pub const ACCOUNT_TRUST_NEEDS_IDENTITY: &str =
    "A trust policy that names only the account delegates to it: the caller's identity policy must allow sts:AssumeRole too.";
pub const SAME_ACCOUNT_DIRECT_TRUST: &str =
    "A trust policy that names the caller itself, in the same account, needs no identity policy.";
pub const CROSS_ACCOUNT_BOTH_SIDES: &str =
    "Across accounts both sides must allow: the resource's policy in one account and the caller's own policies in the other.";
pub const DURATION_LIMITS: &str =
    "DurationSeconds must lie between 900 seconds and the role's MaxSessionDuration (at most 12 hours).";
pub const CREDENTIALS_EXPIRE: &str =
    "Temporary credentials stop at their expiration: every later call fails with ExpiredToken, whatever the policies say.";
pub const SESSION_POLICY_NARROWS: &str =
    "A session policy only narrows: the session gets the intersection of the role's policies and the session policy.";
pub const RESOURCE_POLICY_SAME_ACCOUNT: &str =
    "In the same account, a resource-based policy that names the caller grants on its own; no identity policy is needed.";
pub const RCP_CAPS_RESOURCES: &str =
    "An RCP caps access to a member account's resources for every principal, even one the resource's own policy grants.";
pub const VALIDATION_FIRST: &str =
    "STS checks the request itself before any policy: a bad parameter is an error, not an AccessDenied.";
pub const FEDERATION_CONDITIONS: &str =
    "A web identity or SAML trust policy decides on the token's claims: a condition that does not match refuses the call.";
pub const PERMISSIONS_NOT_TRUST: &str =
    "Once the session exists, the trust policy has done its job: what the session may do is up to its permissions.";
pub const SCP_CAPS_ADMINS: &str =
    "SCPs cap every principal of a member account, administrators and roles included.";
pub const DENY_NEEDS_ITS_CONDITIONS: &str =
    "A Deny statement applies only when its action, resource and conditions all match: here one does not, so the Allows decide.";
pub const VPC_ENDPOINT_GATES: &str =
    "A request through a VPC endpoint must also be allowed by the endpoint's policy, whatever the identity and resource policies grant.";
pub const KMS_KEY_POLICY: &str =
    "A KMS key is usable only if its key policy allows it, directly or by delegating to the account's IAM policies.";

/// Every sentence, for tests and for the page's glossary.
pub const TABLE: [&str; 24] = [
    BOUNDARY_NEVER_GRANTS,
    SCP_NOT_MANAGEMENT,
    TRUST_NOT_PERMISSIONS,
    CHAINING_ONE_HOUR,
    EXPLICIT_DENY_WINS,
    SCP_ALLOW_NOT_GRANT,
    IMPLICIT_IS_NO_ALLOW,
    DENY_STATEMENT_IS_EXPLICIT,
    ACCOUNT_TRUST_NEEDS_IDENTITY,
    SAME_ACCOUNT_DIRECT_TRUST,
    CROSS_ACCOUNT_BOTH_SIDES,
    DURATION_LIMITS,
    CREDENTIALS_EXPIRE,
    SESSION_POLICY_NARROWS,
    RESOURCE_POLICY_SAME_ACCOUNT,
    RCP_CAPS_RESOURCES,
    VALIDATION_FIRST,
    FEDERATION_CONDITIONS,
    PERMISSIONS_NOT_TRUST,
    SCP_CAPS_ADMINS,
    KMS_KEY_POLICY,
    VALIDATION_FIRST_INVERSE,
    DENY_NEEDS_ITS_CONDITIONS,
    VPC_ENDPOINT_GATES,
];

/// The misconception of answering `given` (a choice label: a verdict or an error code) for a step
/// whose real outcome is `facts.outcome`. `None` when the answer is right.
pub fn of_outcome(facts: &StepFacts, given: &str) -> Option<&'static str> {
    let truth = facts.outcome.as_str();
    if given == truth {
        return None;
    }
    let error = |s: &str| !VERDICTS.contains(&s);
    if error(truth) {
        return Some(of_error(facts));
    }
    if error(given) {
        return Some(VALIDATION_FIRST_INVERSE);
    }
    Some(match (given, truth) {
        (_, "Explicit deny") if given == "Implicit deny" => DENY_STATEMENT_IS_EXPLICIT,
        (_, "Explicit deny") => match facts.layer {
            Some(PolicyKind::ServiceControl) => SCP_CAPS_ADMINS,
            Some(PolicyKind::ResourceControl) => RCP_CAPS_RESOURCES,
            _ => EXPLICIT_DENY_WINS,
        },
        ("Explicit deny", "Implicit deny") => IMPLICIT_IS_NO_ALLOW,
        (_, "Implicit deny") => of_implicit(facts),
        (_, _) => of_allowed(facts),
    })
}

/// Answering an error where the call went through to the policies.
pub const VALIDATION_FIRST_INVERSE: &str =
    "The request itself is valid, so STS goes on to the policies: the answer is theirs, not an error.";

fn of_error(facts: &StepFacts) -> &'static str {
    let message = facts.message.to_ascii_lowercase();
    if message.contains("role chaining") {
        CHAINING_ONE_HOUR
    } else if message.contains("duration") {
        DURATION_LIMITS
    } else if message.contains("expired") {
        CREDENTIALS_EXPIRE
    } else {
        VALIDATION_FIRST
    }
}

/// Answering "allowed" (or the wrong kind of denial) where nothing allowed.
fn of_implicit(facts: &StepFacts) -> &'static str {
    match facts.layer {
        Some(PolicyKind::PermissionsBoundary) => BOUNDARY_NEVER_GRANTS,
        Some(PolicyKind::Session) => SESSION_POLICY_NARROWS,
        Some(PolicyKind::Trust) if facts.federated => FEDERATION_CONDITIONS,
        Some(PolicyKind::Trust) => TRUST_NOT_PERMISSIONS,
        Some(PolicyKind::Identity) if facts.assume && facts.cross_account => {
            CROSS_ACCOUNT_BOTH_SIDES
        }
        Some(PolicyKind::Identity) if facts.assume => ACCOUNT_TRUST_NEEDS_IDENTITY,
        Some(PolicyKind::Identity) if facts.cross_account => CROSS_ACCOUNT_BOTH_SIDES,
        Some(PolicyKind::Identity) if facts.has(PolicyKind::ServiceControl) => SCP_ALLOW_NOT_GRANT,
        Some(PolicyKind::Identity) if facts.session_caller => PERMISSIONS_NOT_TRUST,
        Some(PolicyKind::Resource) if facts.action.starts_with("kms:") => KMS_KEY_POLICY,
        Some(PolicyKind::Resource) if facts.cross_account => CROSS_ACCOUNT_BOTH_SIDES,
        Some(PolicyKind::ServiceControl) => SCP_ALLOW_NOT_GRANT,
        Some(PolicyKind::VpcEndpoint) => VPC_ENDPOINT_GATES,
        _ => IMPLICIT_IS_NO_ALLOW,
    }
}

/// Answering a denial where the call was allowed.
fn of_allowed(facts: &StepFacts) -> &'static str {
    if facts.denies {
        DENY_NEEDS_ITS_CONDITIONS
    } else if facts.organization && !facts.has(PolicyKind::ServiceControl) {
        SCP_NOT_MANAGEMENT
    } else if facts.assume && !facts.federated && !facts.cross_account {
        SAME_ACCOUNT_DIRECT_TRUST
    } else if facts.has(PolicyKind::Resource) && !facts.cross_account {
        RESOURCE_POLICY_SAME_ACCOUNT
    } else if facts.has(PolicyKind::PermissionsBoundary) {
        BOUNDARY_NEVER_GRANTS
    } else if facts.federated {
        FEDERATION_CONDITIONS
    } else {
        PERMISSIONS_NOT_TRUST
    }
}

/// The misconception of naming the wrong layer for a denial `truth` decided.
pub fn of_layer(truth: PolicyKind, facts: &StepFacts) -> &'static str {
    match truth {
        PolicyKind::Trust => TRUST_NOT_PERMISSIONS,
        PolicyKind::Identity if facts.assume => ACCOUNT_TRUST_NEEDS_IDENTITY,
        PolicyKind::Identity => PERMISSIONS_NOT_TRUST,
        PolicyKind::Resource => CROSS_ACCOUNT_BOTH_SIDES,
        PolicyKind::PermissionsBoundary => BOUNDARY_NEVER_GRANTS,
        PolicyKind::Session => SESSION_POLICY_NARROWS,
        PolicyKind::ServiceControl => SCP_CAPS_ADMINS,
        PolicyKind::ResourceControl => RCP_CAPS_RESOURCES,
        PolicyKind::VpcEndpoint => VPC_ENDPOINT_GATES,
    }
}
