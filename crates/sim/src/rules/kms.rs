//! KMS's own rules: the reserved `alias/aws/` prefix and AWS managed keys (§3 of aws-service-rules:
//! F3.1–F3.9).

use super::{classic_denial, Call, Said};

/// Alias operations, refused on `alias/aws/…` (F3.1, F3.2).
const ALIAS_OPS: &[&str] = &["createalias", "updatealias", "deletealias"];

/// Operations that change an AWS managed key: its policy, state, rotation, tags, description (F3.8).
const KEY_CHANGES: &[&str] = &[
    "putkeypolicy",
    "schedulekeydeletion",
    "cancelkeydeletion",
    "disablekey",
    "enablekey",
    "enablekeyrotation",
    "disablekeyrotation",
    "tagresource",
    "untagresource",
    "updatekeydescription",
    "createalias",
    "updatealias",
    "deletealias",
];

pub fn rules(call: &Call) -> Option<Said> {
    let (service, op) = call.parts();
    if service != "kms" {
        return None;
    }
    if ALIAS_OPS.contains(&op.as_str()) && call.resource.contains(":alias/aws/") {
        // KMS declares InvalidAliasNameException for CreateAlias only; Update/Delete declare none
        // (F3.5, UNCONFIRMED): an AccessDenied for those (docs/fidelity.md).
        let (code, message, error) = if op == "createalias" {
            (
                "InvalidAliasNameException",
                "The request was rejected because the specified alias name is not valid."
                    .to_string(),
                true,
            )
        } else {
            ("AccessDenied", classic_denial(call), false)
        };
        return Some(super::refuse(
            ("kms", "RESERVED_ALIAS", "F3.1, F3.2, F3.5"),
            "The alias/aws/ prefix is reserved for AWS managed keys: such aliases cannot be created, updated or deleted.",
            (code, message),
            error,
        ));
    }
    let managed = call
        .world
        .resource_for(call.resource)
        .is_some_and(|r| r.aws_managed);
    (managed && KEY_CHANGES.contains(&op.as_str())).then(|| {
        // No response is documented (F3.9, UNCONFIRMED): an AccessDenied (docs/fidelity.md).
        super::refuse(
            ("kms", "AWS_MANAGED_KEY", "F3.8, F3.9"),
            "AWS managed keys cannot be changed: not their key policy, state, rotation, tags or aliases.",
            ("AccessDenied", classic_denial(call)),
            false,
        )
    })
}
