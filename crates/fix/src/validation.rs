//! Candidates for STS's parameter validation: every violation the error lists (`Value 'x' at
//! 'roleSessionName' failed to satisfy constraint …`), and STS's other refusals of a request's own
//! values, corrected together in one change to the call's parameters.

use crate::candidate::{add, remove, Candidate, Looseness, Op};
use crate::facts::Facts;
use crate::report::Layer;
use roleplay_sim::{StsParams, Tag};
use serde_json::{json, Value};

pub fn candidates(facts: &Facts) -> Option<Candidate> {
    let error = facts.result.error.as_ref()?;
    let p = facts.step.params.as_ref()?;
    let mut edits: Vec<(String, Option<Value>)> = Vec::new();
    let message = error.message.as_str();
    match error.code.as_str() {
        "MalformedInput" => edits.push(("DurationSeconds".into(), Some(json!(3600)))),
        "ValidationError" => {
            for fragment in message.split("; ") {
                if let Some(edit) = violation(fragment, p) {
                    edits.push(edit);
                }
            }
            edits.extend(refusal(message, p));
        }
        _ => return None,
    }
    if edits.is_empty() {
        return None;
    }
    let base = format!("/steps/{}/params", facts.index);
    let mut words = Vec::new();
    let ops: Vec<Op> = edits
        .iter()
        .map(|(name, value)| match value {
            Some(v) => {
                words.push(format!("`{name}` {}", shown(v)));
                add(&format!("{base}/{name}"), v.clone())
            }
            None => {
                words.push(format!("no `{name}`"));
                remove(&format!("{base}/{name}"))
            }
        })
        .collect();
    let summary = format!("Call with parameters STS accepts: {}", words.join(", "));
    Some(
        Candidate::new(summary, Layer::RequestParameter, ops, Looseness::Request)
            .with_edits(edits.len()),
    )
}

fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => format!("`{s}`"),
        Value::Array(a) => format!("({} items)", a.len()),
        other => other.to_string(),
    }
}

/// One `Value … at 'param' failed to satisfy constraint` clause: the parameter with a value it
/// accepts.
fn violation(fragment: &str, p: &StsParams) -> Option<(String, Option<Value>)> {
    let (_, rest) = fragment.split_once(" at '")?;
    let (param, _) = rest.split_once('\'')?;
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    Some(match param {
        "roleSessionName" => {
            let v = sanitize(
                p.role_session_name.as_deref().unwrap_or("session"),
                2,
                64,
                |c| word(c) || "+=,.@-".contains(c),
            );
            ("RoleSessionName".into(), Some(json!(v)))
        }
        "externalId" => {
            let v = sanitize(p.external_id.as_deref()?, 2, 1224, |c| {
                word(c) || "+=,.@:/-".contains(c)
            });
            ("ExternalId".into(), Some(json!(v)))
        }
        "sourceIdentity" => {
            let v = sanitize(p.source_identity.as_deref()?, 2, 64, |c| {
                word(c) || "+=,.@-".contains(c)
            });
            ("SourceIdentity".into(), Some(json!(v)))
        }
        "serialNumber" => {
            let v = sanitize(p.serial_number.as_deref()?, 9, 256, |c| {
                word(c) || "+=/:,.@-".contains(c)
            });
            ("SerialNumber".into(), Some(json!(v)))
        }
        "tokenCode" => ("TokenCode".into(), Some(json!("123456"))),
        "durationSeconds" => {
            let low = fragment.contains("greater than or equal");
            (
                "DurationSeconds".into(),
                Some(json!(if low { 900 } else { 3600 })),
            )
        }
        "tags" => ("Tags".into(), Some(tags(p.tags.iter().flatten().take(50)))),
        "transitiveTagKeys" => {
            let keys: Vec<&String> = p.transitive_tag_keys.iter().flatten().take(50).collect();
            ("TransitiveTagKeys".into(), Some(json!(keys)))
        }
        "policyArns" => {
            let arns: Vec<Value> = p
                .policy_arns
                .iter()
                .flatten()
                .take(10)
                .map(|a| json!({"arn": a.arn}))
                .collect();
            ("PolicyArns".into(), Some(Value::Array(arns)))
        }
        "providedContexts" => {
            let c: Vec<Value> = p
                .provided_contexts
                .iter()
                .flatten()
                .take(5)
                .map(|c| json!({"ProviderArn": c.provider_arn, "ContextAssertion": c.context_assertion}))
                .collect();
            ("ProvidedContexts".into(), Some(Value::Array(c)))
        }
        "policy" => {
            let text = p.policy.as_ref()?.text();
            let compact = serde_json::from_str::<Value>(&text)
                .ok()
                .map(|v| v.to_string());
            match compact.filter(|c| c.len() <= 2048 && !c.is_empty()) {
                Some(c) => ("Policy".into(), Some(json!(c))),
                None => ("Policy".into(), None),
            }
        }
        t if t.starts_with("tags.") => {
            let kept: Vec<Tag> = p
                .tags
                .iter()
                .flatten()
                .map(|t| Tag {
                    key: sanitize(&t.key, 1, 128, tag_char),
                    value: sanitize(&t.value, 0, 256, tag_char),
                })
                .collect();
            ("Tags".into(), Some(tags(kept.iter())))
        }
        _ => return None,
    })
}

fn tag_char(c: char) -> bool {
    c.is_alphanumeric() || c.is_whitespace() || "_.:/=+-@".contains(c)
}

fn tags<'a>(list: impl Iterator<Item = &'a Tag>) -> Value {
    Value::Array(
        list.map(|t| json!({"Key": t.key, "Value": t.value}))
            .collect(),
    )
}

/// The characters STS accepts, cut to its maximum and padded to its minimum length.
fn sanitize(value: &str, min: usize, max: usize, ok: impl Fn(char) -> bool) -> String {
    let mut out: String = value
        .chars()
        .map(|c| if ok(c) { c } else { '-' })
        .take(max)
        .collect();
    while out.chars().count() < min {
        out.push('x');
    }
    out
}

/// STS's refusals of the request's own values beyond the schema (reserved prefixes, duplicate or
/// inherited tags, a source identity that may not change down a chain).
fn refusal(message: &str, p: &StsParams) -> Option<(String, Option<Value>)> {
    let strip = |s: &str| {
        if s.get(..4).is_some_and(|x| x.eq_ignore_ascii_case("aws:")) {
            s.get(4..).unwrap_or("").to_string()
        } else {
            s.to_string()
        }
    };
    let list = || p.tags.iter().flatten();
    Some(
        if message.starts_with("The source identity must not begin") {
            (
                "SourceIdentity".into(),
                Some(json!(strip(p.source_identity.as_deref()?))),
            )
        } else if message.starts_with("The source identity is already set") {
            ("SourceIdentity".into(), None)
        } else if message.starts_with("Tag ") && message.contains("reserved for AWS") {
            let kept: Vec<Tag> = list()
                .map(|t| Tag {
                    key: strip(&t.key),
                    value: strip(&t.value),
                })
                .collect();
            ("Tags".into(), Some(tags(kept.iter())))
        } else if message.starts_with("Duplicate tag keys") {
            let mut kept: Vec<&Tag> = Vec::new();
            for t in list() {
                if !kept.iter().any(|k| k.key.eq_ignore_ascii_case(&t.key)) {
                    kept.push(t);
                }
            }
            ("Tags".into(), Some(tags(kept.into_iter())))
        } else if let Some(rest) = message.strip_prefix("The session tag ") {
            let key = rest.split(' ').next()?;
            (
                "Tags".into(),
                Some(tags(list().filter(|t| !t.key.eq_ignore_ascii_case(key)))),
            )
        } else if message.starts_with("Tags are passed to") {
            ("Tags".into(), None)
        } else {
            return None;
        },
    )
}
