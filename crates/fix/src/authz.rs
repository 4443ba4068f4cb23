//! Candidates that let a denied request through, read from its explanation: narrow the deny that
//! decided (a condition value, an exception, the action out, the statement gone), and give the allow
//! each layer lacks (a new statement for exactly the request, or the one element of an existing
//! statement that missed: its action, resource, principal or condition).

use crate::candidate::{add, pointer, Candidate, Looseness};
use crate::document::{self, statement_name, statement_ref, strings};
use crate::facts::{Caller, Facts};
use crate::place::{of_trace, Place};
use crate::report::{Layer, Pattern};
use crate::request;
use roleplay_eval::{ConditionTrace, Decision, Explanation, Miss, PolicyTrace, StatementTrace};
use roleplay_policy::{Effect, PolicyKind};
use serde_json::{json, Value};

/// Every candidate for letting the step's request through.
pub fn candidates(facts: &Facts) -> Vec<Candidate> {
    let mut out = Vec::new();
    let Some(ex) = &facts.result.explanation else {
        return out;
    };
    if ex.decision == Decision::ExplicitDeny {
        for r in &ex.deciding {
            let Some(trace) = ex.policies.get(r.policy) else {
                continue;
            };
            let st = trace.statements.get(r.statement);
            match (of_trace(facts, trace), st) {
                (Some(place), Some(st)) => narrow_deny(facts, &place, st, &mut out),
                _ => out.extend(drop_managed_session_policy(facts, trace)),
            }
        }
    }
    for trace in &ex.policies {
        let allows = trace
            .statements
            .iter()
            .any(|s| s.effect == Effect::Allow && s.applies);
        if allows {
            continue;
        }
        match of_trace(facts, trace) {
            Some(place) => give_allow(facts, trace, &place, &mut out),
            None => out.extend(drop_managed_session_policy(facts, trace)),
        }
    }
    missing_policies(facts, ex, &mut out);
    out
}

/// A managed session policy (passed by ARN in `PolicyArns`) that limits or denies: pass it no more.
fn drop_managed_session_policy(facts: &Facts, trace: &PolicyTrace) -> Option<Candidate> {
    let Caller::Session { created_by, .. } = facts.caller else {
        return None;
    };
    if trace.kind != PolicyKind::Session {
        return None;
    }
    let named = |arns: &[roleplay_sim::PolicyArn]| arns.iter().position(|a| *a.arn == *trace.name);
    // The AssumeRole call that passed it, or the inline session of this step.
    let (path, whose) = match created_by {
        Some(k) => {
            let params = facts.scenario.steps.get(k)?.params.as_ref()?;
            let j = named(params.policy_arns.as_deref()?)?;
            (
                format!("/steps/{k}/params/PolicyArns/{j}"),
                format!("in the AssumeRole call of step `{}`", facts.step_name(k)),
            )
        }
        None => {
            let Some(roleplay_sim::CallerDef::Object(o)) = &facts.step.caller else {
                return None;
            };
            let j = named(&o.session.as_ref()?.policy_arns)?;
            (
                format!("/steps/{}/as/session/policyArns/{j}", facts.index),
                "to this step's session".to_string(),
            )
        }
    };
    let summary = format!(
        "Do not pass the managed session policy `{}` (`PolicyArns`) {whose}",
        trace.name
    );
    Some(Candidate::new(
        summary,
        Layer::Session,
        vec![crate::candidate::remove(&path)],
        Looseness::Unconditional,
    ))
}

/// Narrowing a deny that applies: exclude the request's value, except the caller, take the action
/// out, or (last) delete the statement.
fn narrow_deny(facts: &Facts, place: &Place, st: &StatementTrace, out: &mut Vec<Candidate>) {
    let Some(written) = statement_ref(&place.document, st.index) else {
        return;
    };
    let name = format!("the deny {}", statement_name(written, st.index));
    let actions = match written.get("NotAction") {
        Some(not) => vec![format!(
            "every action but {}",
            strings(Some(not)).join(", ")
        )],
        None => strings(written.get("Action")),
    };
    let denied = Pattern {
        actions,
        resources: strings(written.get("Resource").or(written.get("NotResource"))),
        note: None,
    };
    for c in &st.conditions {
        let op = c.operator.name();
        if let (true, Some(values)) = (document::is_negated_value_test(&op), &c.request_values) {
            let edit = |st: &mut serde_json::Map<String, Value>| {
                document::add_condition_values(st, &op, &c.key, values)
            };
            let summary = format!(
                "Add `{}` to the `{op}` condition on `{}` of {name} in {}",
                values.join("`, `"),
                c.key,
                place.words
            );
            let pattern = Pattern {
                note: Some(format!(
                    "the deny no longer applies to requests with `{}` = `{}`",
                    c.key,
                    values.join("`, `")
                )),
                ..denied.clone()
            };
            out.extend(
                place
                    .edit(st.index, summary, Looseness::Specific, edit)
                    .map(|c| c.with_patterns(vec![pattern])),
            );
        }
        out.extend(request::satisfy(facts, c, true));
    }
    if let Some(arn) = facts.caller.principal_arn() {
        let summary = format!(
            "Add an exception for {} (`ArnNotLike` `aws:PrincipalArn` `{arn}`) to {name} in {}",
            facts.caller.words(),
            place.words
        );
        let edit = |st: &mut serde_json::Map<String, Value>| {
            document::add_condition(st, "ArnNotLike", "aws:PrincipalArn", &arn)
        };
        let pattern = Pattern {
            note: Some(format!("the deny no longer applies to `{arn}`")),
            ..denied.clone()
        };
        out.extend(
            place
                .edit(st.index, summary, Looseness::Specific, edit)
                .map(|c| c.with_patterns(vec![pattern])),
        );
    }
    let action = facts.action.clone();
    let summary = format!(
        "Remove `{action}` from the `Action` of {name} in {}",
        place.words
    );
    let edit =
        |st: &mut serde_json::Map<String, Value>| document::remove_from(st, "Action", &action);
    out.extend(place.edit(st.index, summary, Looseness::Unconditional, edit));
    out.extend(
        place
            .without_statement(st.index, &name)
            .map(|c| c.with_patterns(vec![denied])),
    );
}

/// The statement that grants exactly the request in this kind of policy.
fn exact_statement(facts: &Facts, kind: PolicyKind) -> Option<Value> {
    let principal = || facts.principal_value().map(|(_, _, v)| v);
    Some(match kind {
        PolicyKind::Trust => {
            let mut st =
                json!({"Effect": "Allow", "Principal": principal()?, "Action": facts.action});
            if let (Some(obj), Some(condition)) = (st.as_object_mut(), federated_condition(facts)) {
                obj.insert("Condition".into(), condition);
            }
            st
        }
        PolicyKind::Resource => {
            json!({"Effect": "Allow", "Principal": principal()?, "Action": facts.action, "Resource": facts.resource})
        }
        // A gateway endpoint's policy must name `"*"` (F6.5); the statement permits, it grants nothing.
        PolicyKind::VpcEndpoint => {
            json!({"Effect": "Allow", "Principal": "*", "Action": facts.action, "Resource": facts.resource})
        }
        _ => json!({"Effect": "Allow", "Action": facts.action, "Resource": facts.resource}),
    })
}

/// A trust statement for a web identity or a SAML provider names the one identity calling (its
/// token's `sub` and `aud`, its assertion's `saml:sub` and `saml:aud`): without them it would trust
/// every user of the provider.
fn federated_condition(facts: &Facts) -> Option<Value> {
    let caller = facts.step.caller.as_ref()?;
    let roleplay_sim::CallerDef::Object(o) = caller else {
        return None;
    };
    let mut tests = serde_json::Map::new();
    if let Some(w) = &o.web_identity {
        let host = w.provider.trim_start_matches("https://");
        for claim in ["aud", "sub"] {
            if let Some(v) = w.claims.get(claim) {
                tests.insert(format!("{host}:{claim}"), v.clone());
            }
        }
    }
    if let Some(saml) = &o.saml {
        for key in ["saml:aud", "saml:sub"] {
            if let Some(v) = saml.attributes.get(key) {
                tests.insert(key.to_string(), json!(v.values()));
            }
        }
    }
    (!tests.is_empty()).then(|| json!({"StringEquals": tests}))
}

/// " whose `sub` is `…`" for a federated caller's new trust statement.
fn condition_words(facts: &Facts) -> String {
    let Some(tests) = federated_condition(facts) else {
        return String::new();
    };
    let Some(map) = tests.get("StringEquals").and_then(Value::as_object) else {
        return String::new();
    };
    let parts: Vec<String> = map
        .iter()
        .map(|(k, v)| format!("`{k}` = `{}`", strings(Some(v)).join("`, `")))
        .collect();
    format!(" (only with {})", parts.join(" and "))
}

/// The allow a policy lacks: a new statement for exactly the request, or the missing element of an
/// allow statement that did not apply.
fn give_allow(facts: &Facts, trace: &PolicyTrace, place: &Place, out: &mut Vec<Candidate>) {
    // An element added to a statement that nearly applied keeps its other conditions: proposed
    // before a statement of its own, which ranks the same.
    for st in trace
        .statements
        .iter()
        .filter(|s| s.effect == Effect::Allow && !s.applies)
    {
        complete_statement(facts, place, st, out);
    }
    if let Some(statement) = exact_statement(facts, trace.kind) {
        let mut doc = place.document.clone();
        if let Some(list) = document::statements(&mut doc) {
            list.push(statement);
            let summary = match trace.kind {
                PolicyKind::Trust => format!(
                    "Allow {}{} to call `{}` in {}",
                    facts.caller.words(),
                    condition_words(facts),
                    facts.action,
                    place.words
                ),
                PolicyKind::Resource => format!(
                    "Allow {} to call `{}` on `{}` in {}",
                    facts.caller.words(),
                    facts.action,
                    facts.resource,
                    place.words
                ),
                _ => format!(
                    "Allow `{}` on `{}` in {}",
                    facts.action, facts.resource, place.words
                ),
            };
            out.push(place.candidate(summary, doc, Looseness::Specific));
        }
    }
}

/// A statement that now covers more than the request is wider than one that covers exactly it.
fn widened(patterns: &[Pattern]) -> Looseness {
    if patterns.is_empty() {
        Looseness::Specific
    } else {
        Looseness::Widened
    }
}

/// The one element of an allow statement that kept it from applying.
fn complete_statement(facts: &Facts, place: &Place, st: &StatementTrace, out: &mut Vec<Candidate>) {
    let Some(written) = statement_ref(&place.document, st.index) else {
        return;
    };
    let name = statement_name(written, st.index);
    let actions = strings(written.get("Action"));
    let resources = match written.get("Resource") {
        Some(r) => strings(Some(r)),
        None => vec![facts.resource.clone()],
    };
    let wider = |actions: Vec<String>, resources: Vec<String>, note: Option<String>| {
        let exact = |list: &[String], one: &str| {
            list.len() == 1 && list.iter().all(|x| x.eq_ignore_ascii_case(one))
        };
        if exact(&actions, &facts.action) && exact(&resources, &facts.resource) && note.is_none() {
            Vec::new()
        } else {
            vec![Pattern {
                actions,
                resources,
                note,
            }]
        }
    };
    match st.miss {
        Some(Miss::Action) if written.contains_key("Action") => {
            let a = facts.action.clone();
            let summary = format!("Add `{a}` to the `Action` of {name} in {}", place.words);
            let pat = wider(vec![a.clone()], resources, None);
            let looseness = widened(&pat);
            out.extend(
                place
                    .edit(st.index, summary, looseness, |s| {
                        document::add_to(s, "Action", &a)
                    })
                    .map(|c| c.with_patterns(pat)),
            );
        }
        Some(Miss::Resource) if written.contains_key("Resource") => {
            let r = facts.resource.clone();
            let summary = format!("Add `{r}` to the `Resource` of {name} in {}", place.words);
            let pat = wider(actions, vec![r.clone()], None);
            let looseness = widened(&pat);
            out.extend(
                place
                    .edit(st.index, summary, looseness, |s| {
                        document::add_to(s, "Resource", &r)
                    })
                    .map(|c| c.with_patterns(pat)),
            );
        }
        Some(Miss::Principal) => {
            let Some((kind, who, _)) = facts.principal_value() else {
                return;
            };
            let summary = match place.layer {
                Layer::Trust => format!(
                    "Add `{who}` to the trust policy's `Principal` ({name} of {})",
                    place.words.trim_start_matches("the trust policy of ")
                ),
                _ => format!(
                    "Add `{who}` to the `Principal` of {name} in {}",
                    place.words
                ),
            };
            let pat = wider(actions, resources, Some(format!("for `{who}`")));
            let edit = |s: &mut serde_json::Map<String, Value>| {
                s.get_mut("Principal")
                    .and_then(Value::as_object_mut)
                    .is_some_and(|p| document::add_to(p, kind, &who))
            };
            out.extend(
                place
                    .edit(st.index, summary, Looseness::Specific, edit)
                    .map(|c| c.with_patterns(pat)),
            );
        }
        Some(Miss::Condition) => {
            for c in st.conditions.iter().filter(|c| !c.result) {
                loosen_condition(facts, place, st.index, &name, c, out);
                out.extend(request::satisfy(facts, c, false));
            }
        }
        _ => {}
    }
}

/// A condition of an allow that failed: add the request's value, or (looser) remove the test.
fn loosen_condition(
    facts: &Facts,
    place: &Place,
    index: usize,
    name: &str,
    c: &ConditionTrace,
    out: &mut Vec<Candidate>,
) {
    let op = c.operator.name();
    let key = c.key.to_string();
    let values = c.request_values.clone().unwrap_or_default();
    let note = Some(format!("requests with `{key}` = `{}`", values.join("`, `")));
    if document::is_value_test(&op) && !values.is_empty() {
        let summary = format!(
            "Add `{}` to the `{op}` condition on `{key}` of {name} in {}",
            values.join("`, `"),
            place.words
        );
        let edit = |s: &mut serde_json::Map<String, Value>| {
            document::add_condition_values(s, &op, &key, &values)
        };
        let pattern = Pattern {
            actions: vec![facts.action.clone()],
            resources: vec![facts.resource.clone()],
            note,
        };
        out.extend(
            place
                .edit(index, summary, Looseness::Specific, edit)
                .map(|c| c.with_patterns(vec![pattern])),
        );
    }
    let summary = format!(
        "Remove the `{op}` condition on `{key}` from {name} in {}",
        place.words
    );
    let pattern = Pattern {
        actions: vec![facts.action.clone()],
        resources: vec![facts.resource.clone()],
        note: Some(format!("without the `{key}` test")),
    };
    out.extend(
        place
            .edit(index, summary, Looseness::Unconditional, |s| {
                document::remove_condition(s, &op, &key)
            })
            .map(|c| c.with_patterns(vec![pattern])),
    );
}

/// Policies that do not exist yet: an inline policy for a caller that has none, a policy on a
/// resource in another account (or a KMS key) that has none.
fn missing_policies(facts: &Facts, ex: &Explanation, out: &mut Vec<Candidate>) {
    let own = |kind: PolicyKind| ex.policies.iter().any(|p| p.kind == kind);
    let own_principal = match &facts.caller {
        Caller::User { principal, .. } | Caller::Session { principal, .. } => Some(*principal),
        Caller::Token { principal, .. } => *principal,
        _ => None,
    };
    if let Some(principal) = own_principal.filter(|_| !own(PolicyKind::Identity)) {
        out.extend(new_inline_policy(facts, principal));
    }
    if ex.rule == roleplay_eval::Rule::NoSessionPolicyAllow && !own(PolicyKind::Session) {
        out.extend(new_federation_policy(facts));
    }
    let cross = facts
        .caller
        .principal_arn()
        .and_then(|a| roleplay_policy::arn::account(&a).map(String::from))
        .is_none_or(|a| a != facts.resource_account());
    let kms = facts.resource.starts_with("arn:aws:kms:");
    if !facts.is_assume() && !own(PolicyKind::Resource) && (cross || kms) {
        out.extend(new_resource_policy(facts));
    }
    if ex.rule == roleplay_eval::Rule::NoServiceControlPolicyAllow {
        attach_scp(facts, out);
    }
}

/// A federated user with no session policy has no permissions (F7.12): pass one to the
/// GetFederationToken call that created it.
fn new_federation_policy(facts: &Facts) -> Option<Candidate> {
    let Caller::Token {
        created_by: k,
        federated: Some(_),
        ..
    } = &facts.caller
    else {
        return None;
    };
    let doc = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": facts.action, "Resource": facts.resource}]});
    let params = format!("/steps/{k}/params");
    let op = match facts.document.pointer(&params) {
        Some(Value::Object(_)) => add(&format!("{params}/Policy"), doc),
        _ => add(&params, json!({ "Policy": doc })),
    };
    let summary = format!(
        "Pass a session policy (`Policy`) that allows `{}` on `{}` in the GetFederationToken call of step `{}`",
        facts.action,
        facts.resource,
        facts.step_name(*k)
    );
    Some(Candidate::new(
        summary,
        Layer::Session,
        vec![op],
        Looseness::Specific,
    ))
}

/// A level of the organization (root, OU, account) with no SCP attached allows nothing: attach an
/// SCP that allows there.
fn attach_scp(facts: &Facts, out: &mut Vec<Candidate>) {
    let Some(org) = &facts.scenario.organization else {
        return;
    };
    let Some(account) = facts
        .caller
        .principal_arn()
        .and_then(|a| roleplay_policy::arn::account(&a).map(String::from))
    else {
        return;
    };
    let Some(ous) = org.accounts.get(&account) else {
        return;
    };
    let levels = std::iter::once("root".to_string())
        .chain(ous.iter().cloned())
        .chain(std::iter::once(account.clone()));
    for level in levels.filter(|l| !org.scps.iter().any(|p| p.targets.contains(l))) {
        for (j, scp) in org.scps.iter().enumerate() {
            let allows = scp.document.text().contains("\"Allow\"");
            if !allows {
                continue;
            }
            let op = add(&format!("/organization/scps/{j}/targets/-"), json!(level));
            let summary = format!(
                "Attach the SCP `{}` to `{level}` (no SCP is attached there, so nothing is allowed; the organization's management account `{}` makes this change)",
                scp.name, org.management_account
            );
            out.push(Candidate::new(
                summary,
                Layer::Scp,
                vec![op],
                Looseness::Specific,
            ));
        }
    }
}

fn new_inline_policy(facts: &Facts, principal: usize) -> Option<Candidate> {
    let name: String = format!("Allow-{}", facts.action.replace(':', "-"))
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(*c))
        .collect();
    let doc = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": facts.action, "Resource": facts.resource}]});
    let attachment = json!({"name": name, "document": doc});
    let base = format!("/principals/{principal}/policies");
    let has_list = facts.document.pointer(&base).is_some_and(Value::is_array);
    let op = if has_list {
        add(&format!("{base}/-"), attachment)
    } else {
        add(&base, Value::Array(vec![attachment]))
    };
    let who = facts.caller.words();
    let summary = format!(
        "Allow `{}` on `{}` in a new inline policy `{name}` of {who}",
        facts.action, facts.resource
    );
    Some(Candidate::new(
        summary,
        Layer::Identity,
        vec![op],
        Looseness::Specific,
    ))
}

/// A resource policy that names the caller, on the resource's entry (added when it has none).
fn new_resource_policy(facts: &Facts) -> Option<Candidate> {
    let statement = exact_statement(facts, PolicyKind::Resource)?;
    let doc = json!({"Version": "2012-10-17", "Statement": [statement]});
    let found = facts.scenario.resources.iter().position(|r| {
        facts.resource == r.arn
            || facts
                .resource
                .strip_prefix(r.arn.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    });
    let kms = facts.resource.starts_with("arn:aws:kms:");
    let layer = if kms {
        Layer::KmsKeyPolicy
    } else {
        Layer::Resource
    };
    let (op, owner) = match found {
        Some(i) => {
            let r = facts.scenario.resources.get(i)?;
            (
                add(&pointer(&format!("resources[{i}].policy")), doc),
                r.arn.clone(),
            )
        }
        None => {
            let account = roleplay_policy::arn::account(&facts.resource)?;
            let entry = json!({"arn": facts.resource, "account": account, "policy": doc});
            let has_list = facts
                .document
                .pointer("/resources")
                .is_some_and(Value::is_array);
            let op = if has_list {
                add("/resources/-", entry)
            } else {
                add("/resources", Value::Array(vec![entry]))
            };
            (op, facts.resource.clone())
        }
    };
    let what = if kms {
        "a key policy"
    } else {
        "a resource-based policy"
    };
    let summary = format!(
        "Allow {} to call `{}` on `{}` in {what} on `{owner}` (its account must grant it)",
        facts.caller.words(),
        facts.action,
        facts.resource
    );
    Some(Candidate::new(
        summary,
        layer,
        vec![op],
        Looseness::Specific,
    ))
}
