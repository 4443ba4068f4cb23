//! The AWS CLI command equivalent to a step, so a learner can reproduce it against a real account.

use crate::format::{Step, StsParams};

/// `GetObject` → `get-object`.
fn kebab(name: &str) -> String {
    let bytes = name.as_bytes();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.char_indices() {
        // Names are ASCII; a byte view keeps the neighbour checks allocation-free.
        let at = |j: usize| bytes.get(j).copied().unwrap_or(b' ');
        let prev = if i > 0 { at(i - 1) } else { b' ' };
        let boundary = prev.is_ascii_lowercase()
            || prev.is_ascii_digit()
            || (prev.is_ascii_uppercase() && at(i + 1).is_ascii_lowercase());
        if c.is_ascii_uppercase() && i > 0 && boundary {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Quotes a shell argument when it needs it.
fn quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

pub fn command(step: &Step, profile: Option<&str>) -> String {
    if let Some(role) = &step.revoke_sessions {
        let name = role.rsplit('/').next().unwrap_or(role);
        return format!("aws iam put-role-policy --role-name {} --policy-name AWSRevokeOlderSessions --policy-document file://revoke.json", quote(name));
    }
    let action = step.action.as_deref().unwrap_or("");
    let (service, name) = action.split_once(':').unwrap_or((action, ""));
    let service = service.to_ascii_lowercase();
    let mut parts = vec!["aws".to_string()];
    let empty = StsParams::default();
    let p = step.params.as_ref().unwrap_or(&empty);
    match (service.as_str(), kebab(name).as_str()) {
        (
            "sts",
            op @ ("assume-role"
            | "assume-role-with-web-identity"
            | "assume-role-with-saml"
            | "get-session-token"
            | "get-federation-token"),
        ) => {
            parts.push("sts".into());
            parts.push(op.into());
            let mut arg = |flag: &str, v: Option<String>| {
                if let Some(v) = v {
                    parts.push(flag.into());
                    parts.push(quote(&v));
                }
            };
            arg("--role-arn", p.role_arn.clone());
            arg("--role-session-name", p.role_session_name.clone());
            arg("--name", p.name.clone());
            if op == "assume-role-with-web-identity" {
                arg("--web-identity-token", Some("$TOKEN".into()));
            }
            if op == "assume-role-with-saml" {
                arg(
                    "--principal-arn",
                    p.principal_arn
                        .clone()
                        .or(Some("<saml-provider-arn>".into())),
                );
                arg("--saml-assertion", Some("$SAML_RESPONSE".into()));
            }
            arg(
                "--duration-seconds",
                p.duration_seconds.as_ref().map(|d| d.to_string()),
            );
            arg("--external-id", p.external_id.clone());
            arg("--serial-number", p.serial_number.clone());
            arg("--token-code", p.token_code.clone());
            arg("--source-identity", p.source_identity.clone());
            arg(
                "--policy",
                p.policy.as_ref().map(|d| {
                    let t = d.text();
                    serde_json::from_str::<serde_json::Value>(&t)
                        .map(|v| v.to_string())
                        .unwrap_or(t)
                }),
            );
            if let Some(arns) = &p.policy_arns {
                parts.push("--policy-arns".into());
                parts.extend(arns.iter().map(|a| format!("arn={}", a.arn)));
            }
            if let Some(tags) = &p.tags {
                parts.push("--tags".into());
                parts.extend(
                    tags.iter()
                        .map(|t| quote(&format!("Key={},Value={}", t.key, t.value))),
                );
            }
            if let Some(keys) = &p.transitive_tag_keys {
                parts.push("--transitive-tag-keys".into());
                parts.extend(keys.iter().map(|k| quote(k)));
            }
        }
        ("s3", op) => {
            parts.push("s3api".into());
            parts.push(op.into());
            if let Some(r) = step
                .resource
                .as_deref()
                .and_then(|r| r.strip_prefix("arn:aws:s3:::"))
            {
                let (bucket, key) = r.split_once('/').unwrap_or((r, ""));
                parts.push("--bucket".into());
                parts.push(quote(bucket));
                if !key.is_empty() {
                    parts.push("--key".into());
                    parts.push(quote(key));
                    if op == "get-object" {
                        parts.push(quote(key.rsplit('/').next().unwrap_or("out")));
                    }
                }
            }
        }
        (svc, op) => {
            parts.push(svc.to_string());
            parts.push(op.to_string());
            if let Some(r) = &step.resource {
                parts.push(format!("# on {r}"));
            }
        }
    }
    // Global options go before the trailing `# on ARN` comment.
    let at = parts
        .iter()
        .position(|p| p.starts_with('#'))
        .unwrap_or(parts.len());
    if let Some(region) = region(step) {
        parts.insert(at, format!("--region {}", quote(&region)));
    }
    if let Some(profile) = profile {
        parts.insert(at, format!("--profile {}", quote(profile)));
    }
    if let Some(via) = &step.via {
        through_endpoint(&mut parts, at, &service, &via.vpc_endpoint, step);
    }
    parts.join(" ")
}

/// A request through a VPC endpoint. S3's interface endpoints are addressed by their DNS name, whose
/// form the S3 User Guide gives ("AWS PrivateLink for Amazon S3": `https://bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com`;
/// the part after the endpoint ID is AWS's, shown as a placeholder). A gateway endpoint, and an
/// interface endpoint with private DNS, need no option: the request is sent from inside the VPC.
fn through_endpoint(parts: &mut Vec<String>, at: usize, service: &str, id: &str, step: &Step) {
    if service == "s3" {
        let region = region(step).unwrap_or_else(|| "<region>".into());
        let url = format!("https://bucket.{id}-<dns-suffix>.s3.{region}.vpce.amazonaws.com");
        parts.insert(at, format!("--endpoint-url {}", quote(&url)));
        parts.push(
            "# from inside the endpoint's VPC; a gateway endpoint needs no --endpoint-url".into(),
        );
    } else {
        parts.push(format!(
            "# from inside the VPC of {id} (its private DNS sends the request through it)"
        ));
    }
}

/// The region the request goes to: the step's `aws:RequestedRegion`, else its resource ARN's
/// region (empty for global services such as S3 and IAM).
fn region(step: &Step) -> Option<String> {
    let requested = step
        .context
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("aws:RequestedRegion"))
        .and_then(|(_, v)| v.values().into_iter().next());
    requested.or_else(|| roleplay_policy::arn::region(step.resource.as_deref()?).map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_calls_and_endpoints() {
        let gst = step(
            r#"{"as": "u", "action": "sts:GetSessionToken", "params": {"DurationSeconds": 3600, "SerialNumber": "arn:aws:iam::111122223333:mfa/alice", "TokenCode": "123456"}}"#,
        );
        assert_eq!(
            command(&gst, None),
            "aws sts get-session-token --duration-seconds 3600 --serial-number arn:aws:iam::111122223333:mfa/alice --token-code 123456"
        );
        let gft = step(
            r#"{"as": "u", "action": "sts:GetFederationToken", "params": {"Name": "bob", "Policy": {"Version": "2012-10-17", "Statement": []}, "PolicyArns": [{"arn": "arn:aws:iam::111122223333:policy/Read"}]}}"#,
        );
        assert_eq!(
            command(&gft, None),
            r#"aws sts get-federation-token --name bob --policy '{"Version":"2012-10-17","Statement":[]}' --policy-arns arn=arn:aws:iam::111122223333:policy/Read"#
        );
        let s3 = step(
            r#"{"as": "u", "action": "s3:GetObject", "resource": "arn:aws:s3:::reports/q1.csv", "via": {"vpcEndpoint": "vpce-0a1b2c3d"}, "context": {"aws:RequestedRegion": "eu-west-1"}}"#,
        );
        assert_eq!(
            command(&s3, None),
            "aws s3api get-object --bucket reports --key q1.csv q1.csv --endpoint-url 'https://bucket.vpce-0a1b2c3d-<dns-suffix>.s3.eu-west-1.vpce.amazonaws.com' --region eu-west-1 # from inside the endpoint's VPC; a gateway endpoint needs no --endpoint-url"
        );
        let kms = step(
            r#"{"as": "u", "action": "kms:Decrypt", "resource": "arn:aws:kms:eu-west-1:111122223333:key/k", "via": {"vpcEndpoint": "vpce-kms"}}"#,
        );
        assert!(command(&kms, None)
            .ends_with("# on arn:aws:kms:eu-west-1:111122223333:key/k # from inside the VPC of vpce-kms (its private DNS sends the request through it)"));
    }

    #[test]
    fn kebab_case_names() {
        assert_eq!(kebab("GetObject"), "get-object");
        assert_eq!(kebab("AssumeRoleWithSAML"), "assume-role-with-saml");
        assert_eq!(kebab("ListAllMyBuckets"), "list-all-my-buckets");
    }

    fn step(json: &str) -> Step {
        serde_json::from_str(json).expect("a test step")
    }

    #[test]
    fn the_requested_region_becomes_region() {
        let s = step(
            r#"{"as":"u","action":"ec2:RunInstances","resource":"arn:aws:ec2:eu-west-1:111122223333:instance/*","context":{"aws:requestedregion":"us-east-1"}}"#,
        );
        assert_eq!(
            command(&s, Some("build")),
            "aws ec2 run-instances --profile build --region us-east-1 # on arn:aws:ec2:eu-west-1:111122223333:instance/*"
        );
    }

    #[test]
    fn a_regional_arn_gives_the_region_and_a_global_one_none() {
        let ec2 = step(
            r#"{"as":"u","action":"ec2:RunInstances","resource":"arn:aws:ec2:eu-west-1:111122223333:instance/*"}"#,
        );
        assert!(command(&ec2, None).contains(" --region eu-west-1 "));
        let s3 = step(r#"{"as":"u","action":"s3:GetObject","resource":"arn:aws:s3:::b/k"}"#);
        assert_eq!(
            command(&s3, None),
            "aws s3api get-object --bucket b --key k k"
        );
        let iam = step(r#"{"as":"u","action":"iam:ListRoles"}"#);
        assert_eq!(command(&iam, None), "aws iam list-roles");
    }
}
