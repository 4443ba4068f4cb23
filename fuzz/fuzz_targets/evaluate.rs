//! Structured: small policies drawn from small alphabets (actions, resources with wildcards and
//! variables, principals, conditions with every operator, `…IfExists` and set qualifiers, keys and values
//! incl. addresses, dates and numbers), rendered as JSON text, parsed and compiled, then one random
//! request (caller, action, resource, context) evaluated against them.
//!
//! Oracles: nothing panics; `decide` and `explain` agree on decision, rule and responsible policy type;
//! the decision does not depend on the ASCII case of the context's key names (they compare
//! case-insensitively, context.rs).
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use roleplay_eval::{decide, explain, Caller, CompiledPolicy, Context, Level, PolicySet, Request};
use roleplay_policy::{parse, ParseOptions, PolicyKind};
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

/// `ROLEPLAY_FUZZ_STATS=1` prints one line per input (decision, rule, policies valid/compiled), to check
/// over a corpus (`-runs=0`) that the generator reaches every outcome.
fn stats() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("ROLEPLAY_FUZZ_STATS").is_some())
}

const ACTIONS: &[&str] = &[
    "s3:GetObject",
    "s3:*",
    "*",
    "iam:PassRole",
    "s3:Get*",
    "S3:getobject",
    "s3:?etObject",
    "sts:AssumeRole",
    "kms:Decrypt",
    "s3:PutObject",
    // Only in free-form statements (invalid):
    "",
    "s3",
];
const GOOD_ACTIONS: usize = 10;

const RESOURCES: &[&str] = &[
    "*",
    "arn:aws:s3:::bucket/*",
    "arn:aws:s3:::bucket",
    "arn:aws:s3:::bucket/home/${aws:username}/*",
    "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*",
    "arn:aws:s3:::bucket/${aws:missing, 'fallback'}/*",
    "arn:aws:s3:::b/${*}",
    "arn:aws:s3:::b/a${?}c",
    "arn:aws:iam::111122223333:role/*",
    "arn:aws:iam::*:role/R",
    "arn:*:s3:::*",
    "arn:aws:kms:*:111122223333:key/*",
    "arn:aws:s3:::bucket/${aws:username",
    // Only in free-form statements (invalid):
    "arn:aws:s3",
    "not-an-arn",
];
const GOOD_RESOURCES: usize = 13;

const REQUEST_RESOURCES: &[&str] = &[
    "arn:aws:s3:::bucket/home/alice/file.txt",
    "arn:aws:s3:::bucket/home/ALICE/file.txt",
    "arn:aws:s3:::bucket/team-a/x",
    "arn:aws:s3:::bucket/fallback/x",
    "arn:aws:s3:::bucket",
    "arn:aws:s3:::b/*",
    "arn:aws:s3:::b/abc",
    "arn:aws:s3:::b/a?c",
    "arn:aws:iam::111122223333:role/R",
    "arn:aws:iam::444455556666:role/R",
    "arn:aws:kms:us-east-1:111122223333:key/k1",
    "*",
    "garbage",
    "arn:aws:s3:::bucket/é/x",
];

const PRINCIPALS: &[(&str, &str)] = &[
    ("AWS", "*"),
    ("AWS", "111122223333"),
    ("AWS", "444455556666"),
    ("AWS", "arn:aws:iam::111122223333:root"),
    ("AWS", "arn:aws:iam::111122223333:user/alice"),
    ("AWS", "AIDAALICE"),
    ("AWS", "arn:aws:iam::111122223333:role/R"),
    ("AWS", "arn:aws:sts::111122223333:assumed-role/R/s1"),
    ("AWS", "arn:aws:sts::111122223333:federated-user/fred"),
    ("Service", "s3.amazonaws.com"),
    ("Service", "S3.AMAZONAWS.COM"),
    (
        "Federated",
        "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
    ),
    ("Federated", "arn:aws:iam::111122223333:saml-provider/Okta"),
    (
        "CanonicalUser",
        "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
    ),
];

const OPERATORS: &[&str] = &[
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
    "Null",
    "StringEqualz",
];

const KEYS: &[&str] = &[
    "aws:username",
    "aws:SourceIp",
    "aws:CurrentTime",
    "aws:EpochTime",
    "aws:MultiFactorAuthPresent",
    "aws:MultiFactorAuthAge",
    "aws:PrincipalTag/team",
    "aws:RequestTag/env",
    "aws:TagKeys",
    "aws:PrincipalArn",
    "aws:SourceArn",
    "aws:SecureTransport",
    "s3:prefix",
    "sts:ExternalId",
    "aws:userid",
    "custom:Blob",
];

const VALUES: &[&str] = &[
    "alice",
    "ALICE",
    "al*ce",
    "a?ice",
    "team-a",
    "${aws:username}",
    "home/${aws:username}/*",
    "${aws:PrincipalTag/team, 'none'}",
    "${*}",
    "${?}",
    "${$}",
    "${aws:username",
    "203.0.113.0/24",
    "203.0.113.9",
    "10.0.0.1/33",
    "2001:DB8::/32",
    "2001:db8::1",
    "::ffff:203.0.113.9",
    "2026-01-01T00:00:00Z",
    "2026-01-01",
    "2026-01-01T01:00:00+01:00",
    "1767225600",
    "1767225600.5",
    "-1",
    "0",
    "1.5",
    "1e3",
    "NaN",
    "inf",
    "true",
    "false",
    "TRUE",
    "",
    "*",
    "arn:aws:iam::111122223333:user/alice",
    "arn:aws:iam::*:role/*",
    "arn:aws:iam::111122223333:role/R",
    "arn:aws:s3:::bucket/*",
    "arn:aws:iam::111122223333:user/${aws:username}",
    "dGVzdA==",
    "test",
    "é?",
    "99999999999999999999999",
];

#[derive(Debug, PartialEq)]
enum Slot {
    Identity,
    Boundary,
    Session,
    Resource,
    Trust,
    Scp,
    Rcp,
}

#[derive(Arbitrary, Debug)]
enum Version {
    V2012,
    V2008,
    Absent,
}

#[derive(Arbitrary, Debug)]
enum Json {
    Str(u8),
    Number(i16),
    Float(u8),
    Bool(bool),
}

#[derive(Arbitrary, Debug)]
struct Cond {
    op: u8,
    set: u8,
    if_exists: bool,
    key: u8,
    first: Json,
    values: Vec<Json>,
    single: bool,
}

/// A non-empty list: the first entry and up to three more.
#[derive(Arbitrary, Debug)]
struct List {
    first: u8,
    rest: Vec<u8>,
}

impl List {
    fn items(&self) -> impl Iterator<Item = u8> + '_ {
        std::iter::once(self.first).chain(self.rest.iter().copied().take(3))
    }
}

#[derive(Arbitrary, Debug)]
enum PrincipalSpec {
    Star,
    Entries(List),
}

#[derive(Arbitrary, Debug)]
struct Stmt {
    /// Below 32: rendered exactly as drawn (elements may be missing, empty or out of place for the
    /// kind). Otherwise the statement is shaped to the kind's rules, so most policies are valid.
    freeform: u8,
    deny: bool,
    sid: bool,
    principal: Option<(bool, PrincipalSpec)>,
    action: Option<(bool, Vec<u8>)>,
    resource: Option<(bool, Vec<u8>)>,
    actions: List,
    resources: List,
    conditions: Vec<Cond>,
}

#[derive(Arbitrary, Debug)]
struct Policy {
    slot: u8,
    version: Version,
    statements: Vec<Stmt>,
}

#[derive(Arbitrary, Debug)]
enum CallerSpec {
    Root(bool),
    User,
    RoleSession,
    FederatedUser,
    Service,
    WebIdentity,
    Saml,
    Anonymous,
}

#[derive(Arbitrary, Debug)]
struct Input {
    policies: Vec<Policy>,
    /// 0: the resource policy must allow by itself (as a KMS key policy must); a trust policy always must.
    resource_must_allow: u8,
    /// Attach FullAWSAccess-style allow-all policies at the SCP and RCP levels, as AWS does by default.
    full_access: bool,
    caller: CallerSpec,
    action: u8,
    resource: u8,
    resource_account: Option<bool>,
    context: Vec<(u8, Vec<u8>)>,
}

fn pick<T: Copy>(items: &[T], i: u8) -> T {
    items[i as usize % items.len()]
}

fn json_value(v: &Json) -> Value {
    match v {
        Json::Str(i) => json!(pick(VALUES, *i)),
        Json::Number(n) => json!(n),
        Json::Float(i) => json!(pick(&[0.5f64, -1.25, 1767225600.0, 1e21, 3.0], *i)),
        Json::Bool(b) => json!(b),
    }
}

/// One entry or a list: IAM accepts both, so both must be exercised.
fn one_or_many(mut vs: Vec<Value>, single: bool) -> Value {
    if single && vs.len() == 1 {
        vs.remove(0)
    } else {
        Value::Array(vs)
    }
}

fn principal_value(p: &PrincipalSpec) -> Value {
    match p {
        PrincipalSpec::Star => json!("*"),
        PrincipalSpec::Entries(es) => {
            let mut by_type: Map<String, Value> = Map::new();
            for e in es.items() {
                let (t, v) = pick(PRINCIPALS, e);
                match by_type.get_mut(t) {
                    Some(Value::Array(a)) => a.push(json!(v)),
                    Some(other) => *other = json!([other.clone(), v]),
                    None => {
                        by_type.insert(t.into(), json!(v));
                    }
                }
            }
            Value::Object(by_type)
        }
    }
}

fn render_statement(s: &Stmt, index: usize, kind: PolicyKind) -> Value {
    let shaped = s.freeform >= 32;
    let (actions, resources) = if shaped {
        (&ACTIONS[..GOOD_ACTIONS], &RESOURCES[..GOOD_RESOURCES])
    } else {
        (ACTIONS, RESOURCES)
    };
    let list = |items: &[&str], l: &List| -> Value {
        let vs: Vec<Value> = l.items().map(|i| json!(pick(items, i))).collect();
        one_or_many(vs, l.rest.is_empty() && l.first % 2 == 0)
    };
    let mut m = Map::new();
    m.insert(
        "Effect".into(),
        json!(if s.deny { "Deny" } else { "Allow" }),
    );
    if s.sid {
        m.insert(
            "Sid".into(),
            json!(format!("S{}", if shaped { index } else { 0 })),
        );
    }
    let principal = match (&s.principal, shaped) {
        (p, false) => p.as_ref().map(|(not, p)| (*not, principal_value(p))),
        (_, true) if !kind.has_principal() => None,
        (_, true) if kind == PolicyKind::ResourceControl => Some((false, json!("*"))),
        (None, true) => Some((false, json!("*"))),
        (Some((not, p)), true) => Some((*not && kind != PolicyKind::Trust, principal_value(p))),
    };
    if let Some((not, v)) = principal {
        m.insert(if not { "NotPrincipal" } else { "Principal" }.into(), v);
    }
    let not_action = s.action.as_ref().is_some_and(|(not, _)| *not);
    match (&s.action, shaped) {
        (Some((not, acts)), false) => {
            let vs = acts
                .iter()
                .take(4)
                .map(|&a| json!(pick(ACTIONS, a)))
                .collect();
            m.insert(
                if *not { "NotAction" } else { "Action" }.into(),
                one_or_many(vs, acts.len() % 2 == 1),
            );
        }
        (None, false) => {}
        (_, true) => {
            let not = not_action && kind != PolicyKind::ResourceControl;
            m.insert(
                if not { "NotAction" } else { "Action" }.into(),
                list(actions, &s.actions),
            );
        }
    }
    let not_resource = s.resource.as_ref().is_some_and(|(not, _)| *not);
    match (&s.resource, shaped) {
        (Some((not, res)), false) => {
            let vs = res
                .iter()
                .take(4)
                .map(|&r| json!(pick(RESOURCES, r)))
                .collect();
            m.insert(
                if *not { "NotResource" } else { "Resource" }.into(),
                one_or_many(vs, res.len() % 2 == 1),
            );
        }
        (None, false) => {}
        (_, true) if kind == PolicyKind::Trust => {}
        (_, true) => {
            m.insert(
                if not_resource {
                    "NotResource"
                } else {
                    "Resource"
                }
                .into(),
                list(resources, &s.resources),
            );
        }
    }
    if !s.conditions.is_empty() {
        let mut block: Map<String, Value> = Map::new();
        for c in s.conditions.iter().take(4) {
            let mut op = String::new();
            match c.set % 3 {
                1 => op.push_str("ForAllValues:"),
                2 => op.push_str("ForAnyValue:"),
                _ => {}
            }
            op.push_str(pick(OPERATORS, c.op));
            if c.if_exists {
                op.push_str("IfExists");
            }
            let first = if shaped { Some(&c.first) } else { None };
            let vs = first
                .into_iter()
                .chain(c.values.iter().take(3))
                .map(json_value)
                .collect();
            let entry = block.entry(op).or_insert_with(|| json!({}));
            if let Value::Object(keys) = entry {
                keys.insert(pick(KEYS, c.key).into(), one_or_many(vs, c.single));
            }
        }
        m.insert("Condition".into(), Value::Object(block));
    }
    Value::Object(m)
}

fn render(p: &Policy, kind: PolicyKind) -> String {
    let mut doc = Map::new();
    match p.version {
        Version::V2012 => {
            doc.insert("Version".into(), json!("2012-10-17"));
        }
        Version::V2008 => {
            doc.insert("Version".into(), json!("2008-10-17"));
        }
        Version::Absent => {}
    }
    let statements: Vec<Value> = p
        .statements
        .iter()
        .take(4)
        .enumerate()
        .map(|(i, s)| render_statement(s, i, kind))
        .collect();
    doc.insert("Statement".into(), Value::Array(statements));
    serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default()
}

/// Identity policies most often; organization policies least (every RCP level must allow).
fn slot(n: u8) -> Slot {
    match n % 20 {
        0..=7 => Slot::Identity,
        8..=10 => Slot::Resource,
        11..=12 => Slot::Trust,
        13..=14 => Slot::Boundary,
        15..=16 => Slot::Session,
        17..=18 => Slot::Scp,
        _ => Slot::Rcp,
    }
}

fn kind(slot: &Slot) -> PolicyKind {
    match slot {
        Slot::Identity => PolicyKind::Identity,
        Slot::Boundary => PolicyKind::PermissionsBoundary,
        Slot::Session => PolicyKind::Session,
        Slot::Resource => PolicyKind::Resource,
        Slot::Trust => PolicyKind::Trust,
        Slot::Scp => PolicyKind::ServiceControl,
        Slot::Rcp => PolicyKind::ResourceControl,
    }
}

fn caller(spec: &CallerSpec) -> Caller {
    match spec {
        CallerSpec::Root(other) => Caller::Root {
            account: if *other {
                "444455556666"
            } else {
                "111122223333"
            }
            .into(),
        },
        CallerSpec::User => Caller::User {
            arn: "arn:aws:iam::111122223333:user/alice".into(),
            account: "111122223333".into(),
            id: "AIDAALICE".into(),
        },
        CallerSpec::RoleSession => Caller::RoleSession {
            session_arn: "arn:aws:sts::111122223333:assumed-role/R/s1".into(),
            role_arn: "arn:aws:iam::111122223333:role/R".into(),
            role_id: "AROAROLE".into(),
            account: "111122223333".into(),
        },
        CallerSpec::FederatedUser => Caller::FederatedUser {
            arn: "arn:aws:sts::111122223333:federated-user/fred".into(),
            account: "111122223333".into(),
        },
        CallerSpec::Service => Caller::Service {
            name: "s3.amazonaws.com".into(),
        },
        CallerSpec::WebIdentity => Caller::WebIdentity {
            provider: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
                .into(),
        },
        CallerSpec::Saml => Caller::Saml {
            provider: "arn:aws:iam::111122223333:saml-provider/Okta".into(),
        },
        CallerSpec::Anonymous => Caller::Anonymous,
    }
}

fn context(entries: &[(u8, Vec<u8>)], upper: bool) -> Context {
    let mut ctx = Context::new();
    for (k, vs) in entries.iter().take(6) {
        let key = pick(KEYS, *k);
        let key = if upper {
            key.to_ascii_uppercase()
        } else {
            key.to_string()
        };
        let values: Vec<String> = vs
            .iter()
            .take(4)
            .map(|&v| pick(VALUES, v).to_string())
            .collect();
        ctx.set(&key, values, false);
    }
    ctx
}

fn full_access(kind: PolicyKind, text: &str) -> Option<CompiledPolicy> {
    let parsed = parse(text, &ParseOptions::kind(kind));
    parsed
        .valid_document()
        .map(|d| CompiledPolicy::compile(d, kind, "FullAWSAccess", "r-root"))
}

fuzz_target!(|input: Input| {
    let mut compiled: Vec<(Slot, CompiledPolicy)> = Vec::new();
    let mut valid = 0;
    for (i, p) in input.policies.iter().take(5).enumerate() {
        let sl = slot(p.slot);
        let k = kind(&sl);
        let text = render(p, k);
        let parsed = parse(&text, &ParseOptions::kind(k));
        valid += usize::from(parsed.valid_document().is_some());
        if stats() {
            let codes: Vec<&str> = parsed
                .findings
                .iter()
                .filter(|f| f.severity == roleplay_policy::Severity::Error)
                .map(|f| f.code)
                .collect();
            eprintln!("ERRS {:?} {:?}", k, codes);
        }
        if let Some(doc) = &parsed.document {
            compiled.push((
                sl,
                CompiledPolicy::compile(doc, k, &format!("P{i}"), "arn:aws:s3:::bucket"),
            ));
        }
    }
    let mut set = PolicySet {
        resource_must_allow: input.resource_must_allow == 0
            || compiled.iter().any(|(s, _)| *s == Slot::Trust),
        ..PolicySet::default()
    };
    let mut scps = Level {
        target: "111122223333".into(),
        policies: Vec::new(),
    };
    let mut rcps = Level {
        target: "r-root".into(),
        policies: Vec::new(),
    };
    for (slot, c) in &compiled {
        match slot {
            Slot::Identity => set.identity.push(c),
            Slot::Boundary => set.boundary = Some(c),
            Slot::Session => set.session.push(c),
            Slot::Resource | Slot::Trust => set.resource = Some(c),
            Slot::Scp => scps.policies.push(c),
            Slot::Rcp => rcps.policies.push(c),
        }
    }
    static FULL_SCP: OnceLock<Option<CompiledPolicy>> = OnceLock::new();
    static FULL_RCP: OnceLock<Option<CompiledPolicy>> = OnceLock::new();
    let full_scp = FULL_SCP.get_or_init(|| {
        full_access(
            PolicyKind::ServiceControl,
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
        )
    });
    let full_rcp = FULL_RCP.get_or_init(|| {
        full_access(
            PolicyKind::ResourceControl,
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#,
        )
    });
    if !scps.policies.is_empty() {
        if let (true, Some(p)) = (input.full_access, full_scp) {
            scps.policies.push(p);
        }
        set.scps.push(scps);
    }
    if !rcps.policies.is_empty() {
        if let (true, Some(p)) = (input.full_access, full_rcp) {
            rcps.policies.push(p);
        }
        set.rcps.push(rcps);
    }

    let who = caller(&input.caller);
    let ctx = context(&input.context, false);
    let account = input.resource_account.map(|other| {
        if other {
            "444455556666"
        } else {
            "111122223333"
        }
    });
    let request = Request {
        action: pick(ACTIONS, input.action),
        resource: pick(REQUEST_RESOURCES, input.resource),
        resource_account: account,
        caller: &who,
        context: &ctx,
    };
    let verdict = decide(&request, &set);
    let explanation = explain(&request, &set);
    assert_eq!(
        (verdict.decision, verdict.rule, verdict.responsible),
        (
            explanation.decision,
            explanation.rule,
            explanation.responsible
        ),
        "decide and explain disagree"
    );
    let _ = serde_json::to_string(&explanation);
    if stats() {
        eprintln!(
            "STAT {:?} {:?} valid={valid} compiled={}",
            verdict.decision,
            verdict.rule,
            compiled.len()
        );
    }

    let shouted = context(&input.context, true);
    let again = decide(
        &Request {
            context: &shouted,
            ..request
        },
        &set,
    );
    assert_eq!(
        verdict.decision, again.decision,
        "the case of context key names changed the decision"
    );
});
