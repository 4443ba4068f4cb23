//! Fixes for refusals by a service's own rules (roleplay-sim's service-rules layer): a setting of the
//! service that can be changed (S3 Block Public Access), or why nothing the scenario holds can change
//! the answer (a protected role, an AWS managed policy or key, what temporary credentials may call).

use crate::candidate::{replace, Candidate, Looseness, Op};
use crate::facts::Facts;
use crate::report::Layer;
use roleplay_eval::ServiceRuleTrace;
use serde_json::{json, Value};

/// The rule that refused the step, if a service rule did.
pub fn refusing<'a>(facts: &Facts<'a>) -> Option<&'a ServiceRuleTrace> {
    let ex = facts.result.explanation.as_ref()?;
    ex.service_rules.iter().find(|r| r.refused)
}

/// Candidates: turn the S3 Block Public Access setting that refused off wherever it is on.
pub fn candidates(facts: &Facts) -> Vec<Candidate> {
    let Some(rule) = refusing(facts) else {
        return Vec::new();
    };
    let (setting, why) = match &*rule.id {
        "BLOCK_PUBLIC_POLICY" => (
            "BlockPublicPolicy",
            "S3 then accepts bucket policies that grant public access; a policy that names fixed principals, or a fixed `aws:SourceVpc`/`aws:SourceVpce`, passes with it on",
        ),
        "RESTRICT_PUBLIC_BUCKETS" => (
            "RestrictPublicBuckets",
            "the bucket's public policy then applies to everyone it names, other accounts and anonymous callers included; removing its public statements (F4.13) keeps the setting on",
        ),
        _ => return Vec::new(),
    };
    let ops = block_public_access_off(facts, setting);
    if ops.is_empty() {
        return Vec::new();
    }
    let summary = format!(
        "Turn off `{setting}` of S3 Block Public Access wherever it is on for this bucket ({} level{}) — {why}",
        ops.len(),
        if ops.len() == 1 { "" } else { "s" }
    );
    vec![Candidate::new(
        summary,
        Layer::ServiceSetting,
        ops,
        Looseness::Unconditional,
    )]
}

/// The operations that set `setting` to false on the bucket of the step's resource and on its
/// account, where it is true.
fn block_public_access_off(facts: &Facts, setting: &str) -> Vec<Op> {
    let bucket = bucket_arn(&facts.resource);
    let Some(i) = facts
        .scenario
        .resources
        .iter()
        .position(|r| r.arn == bucket)
    else {
        return Vec::new();
    };
    let account = facts
        .scenario
        .resources
        .get(i)
        .and_then(|r| r.account.clone())
        .unwrap_or_default();
    let on = |path: &str| facts.document.pointer(path) == Some(&Value::Bool(true));
    [
        format!("/resources/{i}/s3BlockPublicAccess/{setting}"),
        format!("/accounts/{account}/s3BlockPublicAccess/{setting}"),
    ]
    .into_iter()
    .filter(|p| on(p))
    .map(|p| replace(&p, json!(false)))
    .collect()
}

/// `arn:aws:s3:::bucket/key` → `arn:aws:s3:::bucket`.
fn bucket_arn(resource: &str) -> &str {
    match resource.strip_prefix("arn:aws:s3:::") {
        Some(rest) => {
            let name = rest.split('/').next().unwrap_or(rest);
            resource
                .get(..resource.len() - rest.len() + name.len())
                .unwrap_or(resource)
        }
        None => resource,
    }
}

/// Whether the step's resource is an AWS managed KMS key (`awsManaged`), whose policy no one edits.
pub fn aws_managed_resource(facts: &Facts) -> bool {
    facts
        .scenario
        .resources
        .iter()
        .any(|r| r.arn == facts.resource && r.aws_managed == Some(true))
}

/// Why no change to the scenario can turn a service rule's refusal, in the learner's terms.
pub fn no_fix_reason(rule: &ServiceRuleTrace) -> String {
    let why = match &*rule.id {
        "PROTECTED_ROLE" => "a service-linked role (or an IAM Identity Center role) cannot be edited through IAM: AWS changes it — the linked service, or Identity Center's permission sets",
        "AWS_MANAGED_POLICY_IMMUTABLE" | "AWS_MANAGED_POLICY_TAGS" => "an AWS managed policy cannot be changed, deleted or tagged: copy its document into a customer managed policy and change that one",
        "RESERVED_ALIAS" => "the alias/aws/ prefix is reserved for AWS managed keys: choose an alias name outside it",
        "AWS_MANAGED_KEY" => "an AWS managed key cannot be changed: create a customer managed key to control its policy, state, rotation and tags",
        "SESSION_TOKEN_STS" => "GetSessionToken credentials call STS only for AssumeRole and GetCallerIdentity: make this call with the user's long-term credentials",
        "FEDERATION_TOKEN_STS" => "a federated user (GetFederationToken credentials) calls no STS operation but GetCallerIdentity: make this call with the user's long-term credentials",
        "FEDERATION_TOKEN_IAM" => "a federated user (GetFederationToken credentials) cannot call IAM through the API: make this call with the user's long-term credentials, or GetSessionToken credentials with MFA",
        _ => return format!("a rule of the service refused it, whatever the policies say: {}", rule.text),
    };
    why.to_string()
}

#[cfg(test)]
mod tests {
    use super::bucket_arn;

    #[test]
    fn an_object_names_its_bucket() {
        assert_eq!(bucket_arn("arn:aws:s3:::b/k/x"), "arn:aws:s3:::b");
        assert_eq!(bucket_arn("arn:aws:s3:::b"), "arn:aws:s3:::b");
        assert_eq!(bucket_arn("arn:aws:kms:r:1:key/k"), "arn:aws:kms:r:1:key/k");
    }
}
