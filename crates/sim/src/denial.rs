//! Import an error: an AccessDenied message (any of AWS's documented forms), a CloudTrail event (one
//! record or `{"Records": […]}`) or the output of `aws sts decode-authorization-message` becomes a
//! scenario whose one step makes that request, with `expect` set to what AWS answered. The message
//! carries no policy, so what is left out names the policy type AWS blamed and the `aws` command whose
//! output to import next (it merges with an imported `get-account-authorization-details`).

use crate::import::Imported;
use crate::Scenario;
use serde_json::{json, Map, Value};

/// What AWS answered, as far as the error says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Explicit,
    Implicit,
    /// The older form without a reason, or an error that does not say.
    Unknown,
}

/// One denied request, read from an error.
#[derive(Debug, Default)]
struct Denied {
    caller: String,
    action: String,
    resource: Option<String>,
    verdict: Option<Verdict>,
    /// The policy type the message blamed (`identity-based policy`, `service control policy`…).
    blamed: Option<String>,
    context: Map<String, Value>,
    time: Option<String>,
    /// Sids of the statements a decoded message says matched.
    statements: Vec<String>,
}

/// The scenario an error describes; `None` when the text is no error of a kind this reads.
pub(crate) fn import(text: &str) -> Option<Result<Imported, String>> {
    let denied = match serde_json::from_str::<Value>(text) {
        Ok(v) => cloudtrail(&v).or_else(|| decoded(&v))?,
        Err(_) => message(text)?,
    };
    Some(denied.and_then(scenario))
}

/// `… User: ARN is not authorized to perform: ACTION [on resource: ARN] [because … | with an explicit
/// deny in …]` (an AWS CLI prefix such as `An error occurred (AccessDenied) when calling …:` is fine).
fn message(text: &str) -> Option<Result<Denied, String>> {
    let text = text.trim();
    let (before, after) = text.split_once(" is not authorized to perform: ")?;
    let caller = before
        .rsplit_once("User: ")
        .map_or(before, |(_, c)| c)
        .trim();
    let (action, mut rest) = after.split_once(' ').unwrap_or((after, ""));
    let mut denied = Denied {
        caller: caller.to_string(),
        action: action.trim_end_matches(['.', ',']).to_string(),
        ..Denied::default()
    };
    if let Some(r) = rest.strip_prefix("on resource: ") {
        let end = [" because ", " with an explicit deny"]
            .iter()
            .filter_map(|m| r.find(m))
            .min()
            .unwrap_or(r.len());
        denied.resource = Some(
            r.get(..end)
                .unwrap_or(r)
                .trim()
                .trim_matches('"')
                .to_string(),
        );
        rest = r.get(end..).unwrap_or("").trim_start();
    } else if let Some(r) = rest.strip_prefix("on this resource") {
        rest = r.trim_start();
    }
    let (verdict, blamed) = reason(rest);
    denied.verdict = Some(verdict);
    denied.blamed = blamed;
    Some(Ok(denied))
}

/// The verdict and the blamed policy type of a message's tail.
fn reason(tail: &str) -> (Verdict, Option<String>) {
    if let Some(r) = tail.strip_prefix("because no ") {
        let kind = r.split(" allows").next().unwrap_or(r);
        return (Verdict::Implicit, Some(kind.trim().to_string()));
    }
    if let Some(r) = tail.strip_prefix("with an explicit deny in ") {
        let r = r.split(" transitively").next().unwrap_or(r);
        let kind = ["a ", "an ", "the "]
            .iter()
            .find_map(|a| r.strip_prefix(a))
            .unwrap_or(r);
        return (
            Verdict::Explicit,
            Some(kind.trim_end_matches('.').trim().to_string()),
        );
    }
    (Verdict::Unknown, None)
}

/// A CloudTrail record (or the first denied one of `Records`).
fn cloudtrail(v: &Value) -> Option<Result<Denied, String>> {
    let record = match v.get("Records").and_then(Value::as_array) {
        Some(records) => records
            .iter()
            .find(|r| denied_code(r))
            .or(records.first())?,
        None if v.get("eventSource").is_some() => v,
        None => return None,
    };
    let text = |k: &str| record.get(k).and_then(Value::as_str);
    if !denied_code(record) {
        return Some(Err(format!(
            "this CloudTrail event is not a denial (errorCode: {})",
            text("errorCode").unwrap_or("none")
        )));
    }
    let (Some(source), Some(name)) = (text("eventSource"), text("eventName")) else {
        return Some(Err(
            "the CloudTrail event has no eventSource or eventName".into()
        ));
    };
    let identity = record.get("userIdentity").unwrap_or(&Value::Null);
    let caller = identity
        .get("arn")
        .and_then(Value::as_str)
        .map(String::from)
        .or_else(|| {
            (identity.get("type").and_then(Value::as_str) == Some("AWSAccount")).then(String::new)
        })
        .unwrap_or_default();
    let mut denied = match text("errorMessage").and_then(message) {
        Some(Ok(from_message)) => from_message,
        _ => Denied {
            verdict: Some(Verdict::Unknown),
            ..Denied::default()
        },
    };
    denied.caller = caller;
    denied.action = format!("{}:{name}", service_prefix(source));
    denied.resource = cloudtrail_resource(record, source).or(denied.resource);
    denied.time = text("eventTime").map(String::from);
    if let Some(ip) = text("sourceIPAddress").filter(|ip| ip.parse::<std::net::IpAddr>().is_ok()) {
        denied.context.insert("aws:SourceIp".into(), ip.into());
    }
    if let Some(vpce) = text("vpcEndpointId") {
        denied.context.insert("aws:SourceVpce".into(), vpce.into());
    }
    if let Some(agent) = text("userAgent") {
        denied.context.insert("aws:UserAgent".into(), agent.into());
    }
    if let Some(region) = text("awsRegion") {
        denied
            .context
            .insert("aws:RequestedRegion".into(), region.into());
    }
    Some(Ok(denied))
}

fn denied_code(record: &Value) -> bool {
    record
        .get("errorCode")
        .and_then(Value::as_str)
        .is_some_and(|c| {
            c.contains("AccessDenied") || c.contains("UnauthorizedOperation") || c == "Forbidden"
        })
}

/// `s3.amazonaws.com` → `s3`; the few services whose event source is not their action prefix.
fn service_prefix(source: &str) -> &str {
    let host = source.strip_suffix(".amazonaws.com").unwrap_or(source);
    match host {
        "monitoring" => "cloudwatch",
        "email" => "ses",
        "elasticloadbalancing" => "elasticloadbalancing",
        other => other,
    }
}

fn cloudtrail_resource(record: &Value, source: &str) -> Option<String> {
    let listed = record
        .get("resources")
        .and_then(Value::as_array)
        .and_then(|r| {
            r.iter()
                .rev()
                .find_map(|x| x.get("ARN").and_then(Value::as_str))
        });
    if let Some(arn) = listed {
        return Some(arn.to_string());
    }
    let params = record.get("requestParameters")?;
    let bucket = params.get("bucketName").and_then(Value::as_str);
    match (source, bucket, params.get("key").and_then(Value::as_str)) {
        ("s3.amazonaws.com", Some(b), Some(k)) => Some(format!("arn:aws:s3:::{b}/{k}")),
        ("s3.amazonaws.com", Some(b), None) => Some(format!("arn:aws:s3:::{b}")),
        _ => ["roleArn", "RoleArn", "arn", "keyId"]
            .iter()
            .find_map(|k| params.get(*k).and_then(Value::as_str))
            .map(String::from),
    }
}

/// `aws sts decode-authorization-message` output: `{"DecodedMessage": "<json>"}` or that JSON.
fn decoded(v: &Value) -> Option<Result<Denied, String>> {
    let inner;
    let v = match v.get("DecodedMessage").and_then(Value::as_str) {
        Some(text) => {
            inner = serde_json::from_str::<Value>(text).ok()?;
            &inner
        }
        None => v,
    };
    let context = v.get("context")?;
    v.get("allowed")?;
    let items = |v: Option<&Value>| -> Vec<Value> {
        v.and_then(|x| x.get("items"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let mut keys = Map::new();
    for c in items(context.get("conditions")) {
        let (Some(key), values) = (c.get("key").and_then(Value::as_str), items(c.get("values")))
        else {
            continue;
        };
        // Pseudo keys the message adds (aws:Service, aws:Type, aws:Resource, aws:Account, aws:ARN,
        // aws:Region) are no condition keys; the service's own and real global keys are.
        let real =
            !key.starts_with("aws:") || roleplay_policy::reference::condition_key(key).is_some();
        let mut values: Vec<Value> = values
            .iter()
            .filter_map(|x| x.get("value").cloned())
            .collect();
        let value = match values.len() {
            0 => continue,
            1 => values.pop().unwrap_or_default(),
            _ => Value::Array(values),
        };
        if real {
            keys.insert(key.to_string(), value);
        }
    }
    let service = items(context.get("conditions")).iter().find_map(|c| {
        (c.get("key").and_then(Value::as_str) == Some("aws:Service"))
            .then(|| {
                items(c.get("values"))
                    .first()?
                    .get("value")?
                    .as_str()
                    .map(String::from)
            })
            .flatten()
    });
    let action = context.get("action").and_then(Value::as_str).unwrap_or("");
    let action = match (action.contains(':'), service) {
        (true, _) => action.to_string(),
        (false, Some(s)) => format!("{s}:{action}"),
        (false, None) => {
            return Some(Err(format!(
                "the decoded message's action {action:?} names no service"
            )))
        }
    };
    let explicit = v
        .get("explicitDeny")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    Some(Ok(Denied {
        caller: context
            .get("principal")
            .and_then(|p| p.get("arn"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        action,
        resource: context
            .get("resource")
            .and_then(Value::as_str)
            .map(String::from),
        verdict: Some(if explicit {
            Verdict::Explicit
        } else {
            Verdict::Implicit
        }),
        blamed: None,
        context: keys,
        time: None,
        statements: items(v.get("matchedStatements"))
            .iter()
            .filter_map(|s| {
                s.get("statementId")
                    .and_then(Value::as_str)
                    .map(String::from)
            })
            .collect(),
    }))
}

/// The scenario: the caller as a principal of its account (no policies: the error carries none), one
/// step making the request, `expect` what AWS answered, and what to import next.
fn scenario(d: Denied) -> Result<Imported, String> {
    let well_formed = d.action.split_once(':').is_some_and(|(service, name)| {
        !service.is_empty() && !name.is_empty() && !name.contains(' ')
    });
    if !well_formed {
        return Err(format!(
            "the error's action {:?} is not service:Action (e.g. s3:GetObject)",
            d.action
        ));
    }
    let mut skipped = Vec::new();
    let (principals, caller) = principal(&d.caller, &mut skipped)?;
    let expect = match d.verdict.unwrap_or(Verdict::Unknown) {
        Verdict::Explicit => "explicitDeny",
        Verdict::Implicit => "implicitDeny",
        Verdict::Unknown => "AccessDenied",
    };
    skipped.push(next_import(
        d.blamed.as_deref(),
        d.verdict,
        d.resource.as_deref(),
    ));
    if !d.statements.is_empty() {
        skipped.push(format!(
            "the statements AWS matched ({}): their policies are not in the error",
            d.statements.join(", ")
        ));
    }
    let mut step = json!({
        "id": "denied",
        "as": caller,
        "action": d.action,
        "resource": d.resource.clone().unwrap_or_else(|| "*".into()),
        "expect": expect,
        "rule": "The request AWS denied, as the error describes it: import the policies it names to see why.",
    });
    if let (false, Some(fields)) = (d.context.is_empty(), step.as_object_mut()) {
        fields.insert("context".into(), Value::Object(d.context));
    }
    let mut doc = json!({
        "roleplay": 1,
        "title": format!("Denied: {}", d.action),
        "description": crate::import::description("an AccessDenied error", &skipped),
        "principals": principals,
        "steps": [step],
    });
    let start = d.time.as_deref().and_then(crate::clock::instant);
    if let (Some(t), Some(fields)) = (start, doc.as_object_mut()) {
        fields.insert("start".into(), Value::String(crate::clock::format(t)));
    }
    let mut scenario: Scenario = serde_json::from_value(doc).map_err(|e| e.to_string())?;
    // Laid out as the editors show documents.
    for p in &mut scenario.principals {
        if let crate::PrincipalDef::Role(r) = p {
            if let Ok(v) = serde_json::from_str::<Value>(&r.trust_policy.text()) {
                r.trust_policy = crate::PolicyDoc::from_value(&v);
            }
        }
    }
    Ok(Imported { scenario, skipped })
}

/// The principals the caller needs, and the step's `as`.
fn principal(caller: &str, skipped: &mut Vec<String>) -> Result<(Value, Value), String> {
    let account = roleplay_policy::arn::account(caller).unwrap_or_default();
    let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{account}:root")}, "Action": "sts:AssumeRole"}]});
    if let Some(rest) = caller
        .strip_prefix("arn:aws:sts::")
        .and_then(|r| r.split_once(":assumed-role/"))
    {
        let (role, session) = rest.1.split_once('/').unwrap_or((rest.1, "session"));
        let arn = format!("arn:aws:iam::{}:role/{role}", rest.0);
        skipped.push(format!("{arn}: its trust and permissions policies (and any path: an assumed-role ARN carries none) — import `aws iam get-role --role-name {role}` and `aws iam get-account-authorization-details`"));
        let principal = json!({"type": "role", "arn": arn, "trustPolicy": trust});
        return Ok((
            json!([principal]),
            json!({"session": {"role": arn, "name": session}}),
        ));
    }
    if caller.starts_with("arn:aws:iam::") && caller.contains(":user/") {
        return Ok((json!([{"type": "user", "arn": caller}]), json!(caller)));
    }
    if caller.starts_with("arn:aws:iam::") && caller.ends_with(":root") {
        return Ok((json!([]), json!(caller)));
    }
    if caller.is_empty() || caller == "anonymous" {
        return Ok((json!([]), json!({"anonymous": true})));
    }
    Err(format!("the caller {caller:?} is not a user, a role session or a root user that roleplay simulates"))
}

/// What to import next, for the policy type AWS blamed.
fn next_import(blamed: Option<&str>, verdict: Option<Verdict>, resource: Option<&str>) -> String {
    let how = match verdict {
        Some(Verdict::Explicit) => "an explicit deny",
        Some(Verdict::Implicit) => "no allow",
        _ => "a denial",
    };
    let bucket = resource
        .and_then(|r| r.strip_prefix("arn:aws:s3:::"))
        .map(|r| r.split('/').next().unwrap_or(r));
    let next = match blamed.unwrap_or("") {
        "identity-based policy" => "the caller's policies: `aws iam get-account-authorization-details`".to_string(),
        "resource-based policy" => match bucket {
            Some(b) => format!("the bucket policy: `aws s3api get-bucket-policy --bucket {b}`, as a resource's `policy`"),
            None => "the resource's policy (`aws kms get-key-policy`, `aws sqs get-queue-attributes --attribute-names Policy`, …), as a resource's `policy`".into(),
        },
        "permissions boundary" => "the boundary: `aws iam get-role` or `get-user` names it, `aws iam get-policy-version` has it".into(),
        "session policy" | "sessions policy" => "the session policy: the `Policy` and `PolicyArns` of the AssumeRole call (its CloudTrail event has them)".into(),
        "service control policy" => "the SCPs: `aws organizations list-policies-for-target --filter SERVICE_CONTROL_POLICY` and `describe-policy`".into(),
        "resource control policy" => "the RCPs: `aws organizations list-policies-for-target --filter RESOURCE_CONTROL_POLICY` and `describe-policy`".into(),
        "VPC endpoint policy" => "the VPC endpoint policy: `aws ec2 describe-vpc-endpoints` (PolicyDocument)".into(),
        "role trust policy" => "the trust policy: `aws iam get-role` (AssumeRolePolicyDocument)".into(),
        "" => "the policies: the error does not name a policy type; start with `aws iam get-account-authorization-details`".into(),
        other => format!("the {other}: the error blames it"),
    };
    match blamed {
        Some(kind) => {
            let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            format!("AWS blamed {how} in {article} {kind}; import {next}")
        }
        None => format!("AWS reported {how}; import {next}"),
    }
}
