//! Candidates that change the request rather than a policy: the STS parameter, the token claim, the
//! SAML attribute or the context key a condition tests, set to the value the policy expects.

use crate::candidate::{add, escape, Candidate, Looseness, Op};
use crate::document;
use crate::facts::{short, Caller, Facts};
use crate::report::Layer;
use roleplay_eval::ConditionTrace;
use roleplay_sim::{CallerDef, PrincipalDef};
use serde_json::{json, Value};

/// Keys the simulation derives from who calls and when: a step that set them would only ask
/// "what if" (and be reported), so no fix sets them.
const DERIVED: &[&str] = &[
    "aws:principal",
    "aws:userid",
    "aws:username",
    "aws:currenttime",
    "aws:epochtime",
    "aws:tokenissuetime",
    "aws:resourcetag/",
    "aws:resourceaccount",
    "aws:resourceorg",
    "aws:federatedprovider",
    "aws:viaawsservice",
    "aws:calledvia",
    "aws:ec2instancesourcevpc",
    "aws:ec2instancesourceprivateipv4",
    "aws:sourceidentity",
];

/// Changes to the request that make condition `c` go the fix's way: true for an allow's test,
/// false for a deny's (`deny`).
pub fn satisfy(facts: &Facts, c: &ConditionTrace, deny: bool) -> Vec<Candidate> {
    let key = c.key.to_string();
    let lower = key.to_ascii_lowercase();
    if lower.starts_with("aws:multifactorauth") {
        return mfa(facts).into_iter().collect();
    }
    let Some(value) = wanted_value(&c.operator.name(), &c.policy_values, deny) else {
        return Vec::new();
    };
    let placed = match lower.as_str() {
        "sts:externalid" => param(facts, facts.index, "ExternalId", json!(value)),
        "sts:sourceidentity" => param(facts, facts.index, "SourceIdentity", json!(value)),
        "aws:sourceidentity" => match &facts.caller {
            Caller::Session {
                created_by: Some(k),
                ..
            } => param(facts, *k, "SourceIdentity", json!(value)),
            _ => None,
        },
        "sts:rolesessionname" => param(facts, facts.index, "RoleSessionName", json!(value)),
        _ if lower.starts_with("aws:requesttag/") && facts.is_assume() => {
            let tag = key.get("aws:RequestTag/".len()..).unwrap_or("");
            tag_param(facts, tag, &value)
        }
        _ if lower.starts_with("saml:") && matches!(facts.caller, Caller::Saml(_)) => {
            let path = format!("/steps/{}/as/saml/attributes/{}", facts.index, escape(&key));
            let summary = format!("Send the SAML assertion with `{key}` = `{value}`");
            Some((
                summary,
                Layer::RequestContext,
                vec![add(&path, json!(value))],
            ))
        }
        _ => claim(facts, &key, &value).or_else(|| context(facts, &key, &lower, &value)),
    };
    placed
        .map(|(summary, layer, ops)| Candidate::new(summary, layer, ops, Looseness::Request))
        .into_iter()
        .collect()
}

/// The value that makes the test true (an allow) or false (a deny): a literal the policy names.
fn wanted_value(op: &str, policy_values: &[String], deny: bool) -> Option<String> {
    let base = document::base_operator(op);
    let first = policy_values
        .iter()
        .find(|v| !v.contains(['*', '?']) && !v.contains("${"))?;
    let positive = document::is_value_test(op) || base == "IpAddress";
    let negative = document::is_negated_value_test(op) || base == "NotIpAddress";
    let literal = |v: &str| v.split('/').next().unwrap_or(v).to_string();
    match base {
        "Bool" if deny => Some(
            if first.eq_ignore_ascii_case("true") {
                "false"
            } else {
                "true"
            }
            .into(),
        ),
        "Bool" => Some(first.clone()),
        _ if base.ends_with("IpAddress") && (positive != deny) => Some(literal(first)),
        _ if (positive && !deny) || (negative && deny) => Some(first.clone()),
        _ => None,
    }
}

/// Sets `name` in step `step`'s `params` (creating them when the step has none).
fn param(facts: &Facts, step: usize, name: &str, value: Value) -> Option<(String, Layer, Vec<Op>)> {
    let shown = value
        .as_str()
        .map(String::from)
        .unwrap_or_else(|| value.to_string());
    let op = set_in(
        facts.document,
        &format!("/steps/{step}/params"),
        name,
        value,
    );
    let call = call_words(facts, step);
    let summary = format!("Pass `{name}` `{shown}` in {call}");
    Some((summary, Layer::RequestParameter, vec![op]))
}

/// `add` of one member into an object that may not exist yet.
fn set_in(document: &Value, object: &str, member: &str, value: Value) -> Op {
    if document.pointer(object).is_some_and(Value::is_object) {
        add(&format!("{object}/{}", escape(member)), value)
    } else {
        add(object, json!({ member: value }))
    }
}

fn tag_param(facts: &Facts, key: &str, value: &str) -> Option<(String, Layer, Vec<Op>)> {
    let tag = json!({"Key": key, "Value": value});
    let tags = format!("/steps/{}/params/Tags", facts.index);
    let op = if facts.document.pointer(&tags).is_some_and(Value::is_array) {
        add(&format!("{tags}/-"), tag)
    } else {
        set_in(
            facts.document,
            &format!("/steps/{}/params", facts.index),
            "Tags",
            json!([tag]),
        )
    };
    let summary = format!("Pass the session tag `{key}` = `{value}` in the AssumeRole call");
    Some((summary, Layer::RequestParameter, vec![op]))
}

/// A web-identity token claim the trust policy tests (`token.actions.githubusercontent.com:sub`).
fn claim(facts: &Facts, key: &str, value: &str) -> Option<(String, Layer, Vec<Op>)> {
    let Caller::WebIdentity(provider) = &facts.caller else {
        return None;
    };
    let host = provider.trim_start_matches("https://");
    let name = key.strip_prefix(host)?.strip_prefix(':')?;
    let claims = format!("/steps/{}/as/webIdentity/claims", facts.index);
    let op = set_in(facts.document, &claims, name, json!(value));
    let summary = format!("Present a token whose `{name}` claim is `{value}`");
    Some((summary, Layer::RequestContext, vec![op]))
}

/// A context key the caller supplies (`aws:SourceIp`, `aws:RequestedRegion`, …).
fn context(facts: &Facts, key: &str, lower: &str, value: &str) -> Option<(String, Layer, Vec<Op>)> {
    let derived_here = facts
        .result
        .context
        .iter()
        .any(|e| e.derived && e.key.eq_ignore_ascii_case(key));
    if derived_here || lower.starts_with("sts:") || DERIVED.iter().any(|d| lower.starts_with(d)) {
        return None;
    }
    let object = format!("/steps/{}/context", facts.index);
    let op = set_in(facts.document, &object, key, json!(value));
    let summary = format!("Make the call with `{key}` = `{value}`");
    Some((summary, Layer::RequestContext, vec![op]))
}

/// "the AssumeRole call (of step `k`)", with the STS operation step `step` makes.
fn call_words(facts: &Facts, step: usize) -> String {
    let op = facts
        .scenario
        .steps
        .get(step)
        .and_then(|s| s.action.as_deref())
        .and_then(|a| a.split_once(':'))
        .map_or("AssumeRole", |(_, op)| op);
    if step == facts.index {
        format!("the {op} call")
    } else {
        format!("the {op} call of step `{}`", facts.step_name(step))
    }
}

/// MFA on the AssumeRole or GetSessionToken call that starts the session (`SerialNumber` and
/// `TokenCode`).
pub fn mfa(facts: &Facts) -> Option<Candidate> {
    let step = match &facts.caller {
        _ if facts.is_assume() => facts.index,
        Caller::Session {
            created_by: Some(k),
            ..
        }
        | Caller::Token {
            created_by: k,
            federated: None,
            ..
        } => *k,
        _ => return None,
    };
    let assumer = facts.scenario.steps.get(step)?.caller.as_ref();
    let serial = match assumer {
        Some(CallerDef::Ref(arn)) => {
            match facts.scenario.principals.iter().find(|p| p.arn() == arn) {
                Some(PrincipalDef::User(u)) => {
                    let account = roleplay_policy::arn::account(&u.arn).unwrap_or("");
                    format!("arn:aws:iam::{account}:mfa/{}", short(&u.arn))
                }
                _ => return None,
            }
        }
        _ => return None,
    };
    let params = format!("/steps/{step}/params");
    let ops = vec![
        set_in(facts.document, &params, "SerialNumber", json!(serial)),
        add(&format!("{params}/TokenCode"), json!("123456")),
    ];
    let call = call_words(facts, step);
    let summary = format!("Sign {call} with MFA (`SerialNumber` `{serial}` and `TokenCode`)");
    Some(Candidate::new(
        summary,
        Layer::RequestParameter,
        ops,
        Looseness::Request,
    ))
}
