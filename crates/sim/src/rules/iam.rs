//! IAM's own rules: AWS managed policies (§1 of aws-service-rules: F1.1–F1.18) and protected roles —
//! service-linked roles and IAM Identity Center roles (§2: F2.7–F2.11, F2.25–F2.26).

use super::{classic_denial, trace, Call, Said};
use crate::world::role_path;

const MANAGED_PREFIX: &str = "arn:aws:iam::aws:policy/";

/// Operations that read a managed policy: any account may, with identity-based permission (F1.6–F1.10).
const READS: &[&str] = &[
    "getpolicy",
    "getpolicyversion",
    "listpolicyversions",
    "listentitiesforpolicy",
    "listpolicytags",
    "generateservicelastaccesseddetails",
];

/// Operations that edit or delete a managed policy: never possible on an AWS managed one (F1.1, F1.2).
/// `CreatePolicy` naming the `aws` account would create one in AWS's own namespace (F1.5).
const EDITS: &[&str] = &[
    "createpolicy",
    "createpolicyversion",
    "deletepolicyversion",
    "setdefaultpolicyversion",
    "deletepolicy",
];

/// The IAM operations that declare `UnmodifiableEntity` for protected roles (F2.8), except
/// `UpdateRoleDescription`, which any role allows (F2.9).
const PROTECTED_ROLE_OPS: &[&str] = &[
    "addroletoinstanceprofile",
    "attachrolepolicy",
    "deleterole",
    "deleterolepermissionsboundary",
    "deleterolepolicy",
    "detachrolepolicy",
    "putrolepermissionsboundary",
    "putrolepolicy",
    "removerolefrominstanceprofile",
    "updateassumerolepolicy",
    "updaterole",
];

fn is_aws_managed_policy(resource: &str) -> bool {
    resource
        .get(..MANAGED_PREFIX.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(MANAGED_PREFIX))
}

/// An AWS managed policy belongs to no customer account: any account reads it with its own identity
/// permissions (F1.6–F1.8), so the request is evaluated as one in the caller's account.
pub fn managed_policy_account(call: &Call) -> Option<String> {
    let (service, _) = call.parts();
    (service == "iam" && is_aws_managed_policy(call.resource))
        .then(|| call.who.account().map(String::from))
        .flatten()
}

pub fn rules(call: &Call) -> Option<Said> {
    let (service, op) = call.parts();
    if service != "iam" {
        return None;
    }
    if is_aws_managed_policy(call.resource) {
        return managed_policy(call, &op);
    }
    protected_role(call, &op)
}

fn managed_policy(call: &Call, op: &str) -> Option<Said> {
    if READS.contains(&op) {
        return Some(Said::Note(trace(
            "iam",
            "AWS_MANAGED_POLICY_READ",
            "F1.6–F1.8",
            "AWS managed policies are visible to every account: reading one needs only an identity-based policy that allows it (there is no resource-based policy on a managed policy).",
            false,
        )));
    }
    if op == "tagpolicy" || op == "untagpolicy" {
        // The only observed answer to tagging an AWS managed policy (F1.16).
        return Some(super::refuse(
            ("iam", "AWS_MANAGED_POLICY_TAGS", "F1.16"),
            "AWS managed policies cannot be tagged.",
            (
                "InvalidInput",
                "Tags not supported for policies in this domain".into(),
            ),
            true,
        ));
    }
    EDITS.contains(&op).then(|| {
        // AWS gives no code for this (F1.17, UNCONFIRMED): an AccessDenied, as a request on a resource
        // the caller's account does not own (docs/fidelity.md).
        super::refuse(
            ("iam", "AWS_MANAGED_POLICY_IMMUTABLE", "F1.1, F1.2, F1.17"),
            "AWS managed policies cannot be changed or deleted, whatever the caller's policies allow.",
            ("AccessDenied", classic_denial(call)),
            false,
        )
    })
}

fn protected_role(call: &Call, op: &str) -> Option<Said> {
    if !PROTECTED_ROLE_OPS.contains(&op) {
        return None;
    }
    let arn = call.resource;
    let known = call
        .world
        .role_index(arn)
        .and_then(|i| call.world.roles.get(i));
    let protected = known.is_some_and(|r| r.protected)
        || role_path(arn, "/aws-service-role/")
        || role_path(arn, "/aws-reserved/");
    if !protected {
        return None;
    }
    let name = arn.rsplit('/').next().unwrap_or(arn);
    Some(super::refuse(
        ("iam", "PROTECTED_ROLE", "F2.7, F2.8, F2.10, F2.26"),
        "Service-linked roles and IAM Identity Center roles are protected: only AWS (the linked service, or Identity Center) may modify them, even for administrators.",
        (
            "UnmodifiableEntity",
            format!("Cannot perform the operation on the protected role '{name}' - this role is only modifiable by AWS"),
        ),
        true,
    ))
}
