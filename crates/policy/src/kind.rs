//! The kinds of policy and the quota each one counts against.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PolicyKind {
    /// Inline or managed policy attached to a user, group or role.
    Identity,
    /// A resource's own policy (bucket policy, key policy, queue policy, …).
    Resource,
    /// A role's trust policy (its resource-based policy for `sts:AssumeRole*`).
    Trust,
    PermissionsBoundary,
    /// The `Policy` / `PolicyArns` of an AssumeRole* call.
    Session,
    ServiceControl,
    ResourceControl,
    /// A VPC endpoint's policy: one more policy that must allow a request through the endpoint (F6.1).
    VpcEndpoint,
}

impl PolicyKind {
    pub fn parse(name: &str) -> Option<PolicyKind> {
        Some(match name {
            "identity" => PolicyKind::Identity,
            "resource" => PolicyKind::Resource,
            "trust" => PolicyKind::Trust,
            "boundary" => PolicyKind::PermissionsBoundary,
            "session" => PolicyKind::Session,
            "scp" => PolicyKind::ServiceControl,
            "rcp" => PolicyKind::ResourceControl,
            "vpce" => PolicyKind::VpcEndpoint,
            _ => return None,
        })
    }

    /// AWS's name of the policy type, as its AccessDenied messages write it.
    pub fn aws_name(self) -> &'static str {
        match self {
            PolicyKind::Identity => "identity-based policy",
            PolicyKind::Resource => "resource-based policy",
            PolicyKind::Trust => "role trust policy",
            PolicyKind::PermissionsBoundary => "permissions boundary",
            PolicyKind::Session => "session policy",
            PolicyKind::ServiceControl => "service control policy",
            PolicyKind::ResourceControl => "resource control policy",
            PolicyKind::VpcEndpoint => "VPC endpoint policy",
        }
    }

    /// Whether statements carry `Principal` (resource-based policies) or not (identity-based ones).
    pub fn has_principal(self) -> bool {
        matches!(
            self,
            PolicyKind::Resource
                | PolicyKind::Trust
                | PolicyKind::ResourceControl
                | PolicyKind::VpcEndpoint
        )
    }

    /// The size quota one document of this kind can never exceed: for identity policies the largest
    /// any single one may have (a role's inline policies, 10,240); none for resource policies, whose
    /// limit is each service's own.
    pub fn quota(self) -> Option<Quota> {
        Some(match self {
            PolicyKind::Identity => Quota::ROLE_INLINE,
            PolicyKind::Trust => Quota::TRUST,
            PolicyKind::PermissionsBoundary => Quota::MANAGED,
            PolicyKind::Session => Quota::SESSION,
            PolicyKind::ServiceControl | PolicyKind::ResourceControl => Quota::ORGANIZATIONS,
            PolicyKind::VpcEndpoint => Quota::VPC_ENDPOINT,
            PolicyKind::Resource => return None,
        })
    }
}

/// A size quota IAM applies to policy text. IAM does not count white space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Quota {
    pub name: &'static str,
    pub limit: usize,
}

impl Quota {
    pub const TRUST: Quota = Quota {
        name: "Role trust policy length",
        limit: 2048,
    };
    pub const ROLE_INLINE: Quota = Quota {
        name: "Role inline policy size (aggregate)",
        limit: 10240,
    };
    pub const USER_INLINE: Quota = Quota {
        name: "User inline policy size (aggregate)",
        limit: 2048,
    };
    pub const GROUP_INLINE: Quota = Quota {
        name: "Group inline policy size (aggregate)",
        limit: 5120,
    };
    pub const MANAGED: Quota = Quota {
        name: "Managed policy size",
        limit: 6144,
    };
    pub const SESSION: Quota = Quota {
        name: "Session policy plaintext size",
        limit: 2048,
    };
    /// SCPs and RCPs: 5,120 characters each (AWS Organizations quotas).
    pub const ORGANIZATIONS: Quota = Quota {
        name: "Organizations policy size",
        limit: 5120,
    };
    /// VPC endpoint policies: 20,480 characters (F6.2).
    pub const VPC_ENDPOINT: Quota = Quota {
        name: "VPC endpoint policy size",
        limit: 20480,
    };
}

/// Condition keys whose request value is a list (type `ArrayOf…`), as §2.5 names them. Under a plain
/// operator (no `ForAllValues:`/`ForAnyValue:`) such a key does not match, whatever its length.
pub fn is_multivalued_key(key: &str) -> bool {
    const KEYS: [&str; 8] = [
        "aws:tagkeys",
        // AWS types it ArrayOfString (§5.8: the keys passed as TransitiveTagKeys).
        "sts:transitivetagkeys",
        "aws:calledvia",
        "aws:principalorgpaths",
        "aws:resourceorgpaths",
        "aws:principalservicenameslist",
        "cognito-identity.amazonaws.com:amr",
        "dynamodb:attributes",
    ];
    KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
}

/// Characters IAM counts toward a size quota: everything but white space.
pub fn quota_size(text: &str) -> usize {
    // Over bytes, not chars (it vectorizes): every char has one byte that is not a continuation byte.
    text.bytes()
        .filter(|&b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r') && b & 0xC0 != 0x80)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_not_counted() {
        assert_eq!(quota_size("{ \"a\" :\n\t1 }"), 7);
        assert_eq!(quota_size(""), 0);
        // Characters, not bytes: é is two bytes in UTF-8.
        assert_eq!(quota_size("{\"Id\": \"caf\u{E9}\"}"), 13);
    }
}
