//! How people read a step: its caller (`alice (user 111122223333)`) and its call
//! (`sts:AssumeRole → Deploy`, `ec2:RunInstances instance/* in us-east-1`). The page's timeline and
//! the quiz the worker writes (`roleplay-learn`) name steps with these same words.

use crate::Step;
use roleplay_policy::arn;

/// How the timeline names a caller: a short name and what kind of principal it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallerLabel {
    pub name: String,
    pub kind: String,
}

pub fn caller_label(caller: &str) -> CallerLabel {
    let label = |name: &str, kind: String| CallerLabel {
        name: name.to_owned(),
        kind,
    };
    let resource = arn::resource(caller);
    let account = arn::account(caller).unwrap_or_default();
    match resource {
        Some("root") => label("root", format!("account {account}")),
        Some(r) if r.starts_with("assumed-role/") => {
            let mut parts = r.split('/').skip(1);
            let role = parts.next().unwrap_or("");
            let session = parts.next().unwrap_or(role);
            label(session, format!("session of {role}"))
        }
        Some(r) if r.starts_with("user/") => label(arn::name(caller), format!("user {account}")),
        Some(r) if r.starts_with("federated-user/") => {
            label(arn::name(caller), format!("federated user {account}"))
        }
        Some(r) if r.starts_with("role/") => label(arn::name(caller), format!("role {account}")),
        _ if caller.ends_with(".amazonaws.com") => label(
            caller.trim_end_matches(".amazonaws.com"),
            "AWS service".into(),
        ),
        _ if caller == "anonymous" => label("anonymous", "unsigned request".into()),
        // An earlier step's id whose call returned no credentials.
        _ => label(caller, "no credentials".into()),
    }
}

/// A resource ARN shortened for the timeline: S3 without its prefix, others by their resource part.
pub fn short_resource(arn: &str) -> &str {
    if let Some(s3) = arn.strip_prefix("arn:aws:s3:::") {
        return s3;
    }
    arn::resource(arn).unwrap_or(arn)
}

/// The call as the timeline and the quiz show it: `sts:AssumeRole → Deploy`,
/// `s3:GetObject bucket/key`, with the context keys the step sets itself, which are what tells
/// two otherwise equal calls apart: `ec2:RunInstances instance/* in us-east-1`,
/// `s3:PutObject b/k · aws:SourceIp=198.51.100.66`, and the VPC endpoint it goes through
/// (`s3:GetObject b/k via vpce-0a1b2c3d`).
pub fn call_label(step: Option<&Step>, action: &str, resource: Option<&str>) -> String {
    if let Some(role) = step.and_then(|s| s.revoke_sessions.as_deref()) {
        return format!("Revoke active sessions → {}", arn::name(role));
    }
    let mut out = match (
        step.and_then(|s| s.params.as_ref()?.role_arn.as_deref()),
        resource,
    ) {
        (Some(role), _) => format!("{action} → {}", arn::name(role)),
        (None, Some(r)) if !r.is_empty() && r != "*" => format!("{action} {}", short_resource(r)),
        _ => action.to_owned(),
    };
    if let Some(via) = step.and_then(|s| s.via.as_ref()) {
        out.push_str(" via ");
        out.push_str(&via.vpc_endpoint);
    }
    for (key, value) in step.map(|s| &s.context).into_iter().flatten() {
        let values = value.values().join(",");
        if key.eq_ignore_ascii_case("aws:RequestedRegion") {
            out.push_str(&format!(" in {values}"));
        } else {
            out.push_str(&format!(" · {key}={values}"));
        }
    }
    out
}
