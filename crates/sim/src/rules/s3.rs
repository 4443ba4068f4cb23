//! S3's own rules: Block Public Access (§4 of aws-service-rules: F4.1–F4.27) and bucket ABAC
//! (§5: F5.1–F5.10; the context side is in `context.rs`).

use super::{trace, Call, Refusal, Said};
use crate::context::Identity;
use crate::finding::ScenarioFinding;
use crate::world::{Builder, World};
use roleplay_eval::{access_denied, Decision, Verdict};
use roleplay_policy::Code;
use roleplay_policy::{
    Document, Effect, OperatorKind, ParseOptions, PolicyKind, Principal, PrincipalType,
};

/// Keys whose fixed values make a statement non-public (F4.15; `aws:PrincipalOrgID` from its
/// principal bullet). `aws:PrincipalAccount` and `aws:PrincipalOrgPaths` are not in AWS's list
/// (F4.16, UNCONFIRMED): they do not (docs/fidelity.md).
const FIXING_KEYS: &[&str] = &[
    "aws:principalorgid",
    "aws:sourcearn",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceowner",
    "aws:sourceaccount",
    "aws:sourceip",
    "aws:userid",
    "s3:x-amz-server-side-encryption-aws-kms-key-id",
    "s3:dataaccesspointarn",
    "s3:dataaccesspointaccount",
];

/// Whether S3 Block Public Access judges a bucket policy public (F4.15, F4.17): some Allow statement
/// grants a principal that is not fixed (`*`, a wildcard, a federated provider, `NotPrincipal`) and
/// no condition narrows it to fixed values of the listed keys.
pub fn is_public(doc: &Document) -> bool {
    doc.statements
        .iter()
        .filter(|s| s.effect.value == Effect::Allow)
        .any(|s| {
            let open = s.principal.as_ref().is_some_and(|p| {
                p.negated
                    || match &p.value {
                        Principal::Any => true,
                        Principal::Map(entries) => entries
                            .iter()
                            .any(|e| e.kind == PrincipalType::Federated || !fixed(&e.value)),
                    }
            });
            open && !s.conditions.iter().any(|c| narrows(&c.key, c))
        })
}

/// A value with no wildcard and no policy variable.
fn fixed(v: &str) -> bool {
    !v.contains(['*', '?']) && !v.contains("${")
}

/// A condition that limits the statement to fixed values of a listed key.
fn narrows(key: &str, c: &roleplay_policy::Condition) -> bool {
    let key = key.to_ascii_lowercase();
    if !FIXING_KEYS.contains(&key.as_str()) || c.operator.if_exists || c.operator.set.is_some() {
        return false;
    }
    let values = || c.values.iter().map(|v| v.value.as_str());
    match c.operator.kind {
        OperatorKind::IpAddress if key == "aws:sourceip" => values().all(narrow_network),
        OperatorKind::StringEquals
        | OperatorKind::StringEqualsIgnoreCase
        | OperatorKind::StringLike
        | OperatorKind::ArnEquals
        | OperatorKind::ArnLike => {
            // `aws:userid` of the form `AROLEID:*` names every session of a role (F4.15).
            values().all(|v| {
                fixed(v) || (key == "s3:dataaccesspointarn" && access_point_account_fixed(v))
            }) && !(key == "aws:userid" && values().any(|v| v.ends_with(":*")))
        }
        _ => false,
    }
}

/// An access point ARN pattern whose account is fixed (a bucket policy may wildcard the name, F4.15).
fn access_point_account_fixed(v: &str) -> bool {
    v.split(':').nth(4).is_some_and(fixed)
}

/// A CIDR block no broader than /8 (IPv4) or /32 (IPv6) (F4.15).
fn narrow_network(v: &str) -> bool {
    match v.split_once('/') {
        None => !v.is_empty(),
        Some((addr, bits)) => {
            let min = if addr.contains(':') { 32 } else { 8 };
            bits.parse::<u8>().is_ok_and(|b| b >= min)
        }
    }
}

/// A finding for each bucket whose policy is public while no Block Public Access setting restricts it:
/// new buckets have blocked public access by default since April 2023 (F4.7), so this scenario relies
/// on it having been turned off.
pub fn default_block_public_access(w: &World, findings: &mut Builder) {
    for r in &w.resources {
        let Some(p) = r.policy.as_ref().filter(|p| p.public) else {
            continue;
        };
        let bpa = w.block_public_access(r);
        if !bpa.restrict_public_buckets && !bpa.block_public_policy {
            findings.push(ScenarioFinding::warning(
                Code::PublicBucketPolicyNeedsBpaOff,
                p.path.clone(),
                format!("This bucket policy is public (it grants a principal that is not fixed). Since April 2023 new buckets block public access by default: this works only if S3 Block Public Access is off for {} and its account (give \"s3BlockPublicAccess\" to model it).", r.arn),
            ));
        }
    }
}

pub fn rules(call: &Call) -> Option<Said> {
    let (service, op) = call.parts();
    if service != "s3" {
        return None;
    }
    let bucket = call.world.resource_for(call.resource)?;
    let bpa = call.world.block_public_access(bucket);
    if op == "putbucketpolicy" && bpa.block_public_policy && new_policy_is_public(call) {
        let message = format!("User: {} is not authorized to perform: {} on resource: \"{}\" because public policies are prevented by the BlockPublicPolicy setting in S3 Block Public Access.", call.who.arn(), call.action, call.resource);
        return Some(Said::Refused(Box::new(Refusal {
            trace: trace("s3", "BLOCK_PUBLIC_POLICY", "F4.11, F4.15, F4.22", "BlockPublicPolicy is on for this bucket or its account: S3 refuses a bucket policy that grants public access.", true),
            decision: Decision::ImplicitDeny,
            responsible: None,
            code: "AccessDenied",
            message,
            error: false,
        })));
    }
    let public = bucket.policy.as_ref().is_some_and(|p| p.public);
    if bpa.restrict_public_buckets && public {
        return restrict_public_buckets(call, bucket.account.as_deref());
    }
    abac_note(bucket)
}

/// The policy a PutBucketPolicy step sends (`params.Policy`), judged by the same rules.
fn new_policy_is_public(call: &Call) -> bool {
    let Some(doc) = call.step.params.as_ref().and_then(|p| p.policy.as_ref()) else {
        return false;
    };
    let parsed = roleplay_policy::parse(&doc.text(), &ParseOptions::kind(PolicyKind::Resource));
    parsed.valid_document().is_some_and(is_public)
}

/// RestrictPublicBuckets on a bucket with a public policy: only AWS service principals and the
/// owner's account's principals get in; AWS reports the refusal as an explicit deny in a
/// resource-based policy (F4.12, F4.13, F4.26).
fn restrict_public_buckets(call: &Call, owner: Option<&str>) -> Option<Said> {
    let inside = matches!(call.who, Identity::Service(_))
        || call.who.account().is_some_and(|a| Some(a) == owner);
    let t = trace(
        "s3",
        "RESTRICT_PUBLIC_BUCKETS",
        "F4.12, F4.13, F4.26",
        "RestrictPublicBuckets is on and this bucket's policy is public: only AWS service principals and principals of the bucket owner's account may use it.",
        !inside,
    );
    if inside {
        return Some(Said::Note(t));
    }
    let enhanced = crate::api::enhanced_message(call.world, call.who.account(), owner);
    let verdict = Verdict {
        decision: Decision::ExplicitDeny,
        rule: roleplay_eval::Rule::ServiceRule,
        responsible: enhanced.then_some(PolicyKind::Resource),
    };
    Some(Said::Refused(Box::new(Refusal {
        trace: t,
        decision: Decision::ExplicitDeny,
        responsible: Some(PolicyKind::Resource),
        code: "AccessDenied",
        message: access_denied(&call.who.arn(), call.action, call.resource, &verdict),
        error: false,
    })))
}

/// Whether the bucket's tags are condition keys: only with ABAC on (F5.4, F5.5).
fn abac_note(bucket: &crate::world::Resource) -> Option<Said> {
    if bucket.tags.is_empty() || !bucket.arn.starts_with("arn:aws:s3:::") {
        return None;
    }
    let text = if bucket.abac {
        "ABAC is on for this bucket: its tags are in the request context as aws:ResourceTag/… and s3:BucketTag/…."
    } else {
        "ABAC is off for this bucket (the default): its tags serve cost allocation only, and aws:ResourceTag/… and s3:BucketTag/… are absent from the request context."
    };
    Some(Said::Note(trace(
        "s3",
        "BUCKET_ABAC",
        "F5.1, F5.4, F5.5, F5.10",
        text,
        false,
    )))
}
