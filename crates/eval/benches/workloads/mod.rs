//! The `decide` workloads, built once for every place that times them: the criterion bench
//! (`benches/decide.rs`) and the wasm harness run under node (`bench/wasm`, which includes this file
//! by path, and hands the policy texts to the peer's side in `bench/side-by-side.mjs`), so native, wasm
//! and the peer time the same request against the same policies.
//!
//! One request: alice reads `bucket-9-7/reports/q1.csv` with a team tag, a source IP, a time and two
//! tag keys in the context.
use roleplay_eval::{Caller, CompiledPolicy, Context, PolicySet, Request};
use roleplay_policy::{parse, ParseOptions, PolicyKind};

/// The single statement of the smallest workload.
pub const ONE_STATEMENT: &str = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-9-7/*"}}"#;

/// Twenty statements that mostly miss in different places: action, resource, conditions.
pub fn policy(p: usize) -> String {
    let statements: Vec<String> = (0..20)
        .map(|s| {
            format!(
                r#"{{"Sid":"P{p}S{s}","Effect":"{effect}","Action":["s3:Get*","s3:List*","dynamodb:Query","ec2:Describe*"],"Resource":["arn:aws:s3:::bucket-{p}-{s}/*","arn:aws:s3:::shared/${{aws:username}}/*","arn:aws:dynamodb:*:111122223333:table/t{s}"],"Condition":{{"StringEquals":{{"aws:PrincipalTag/team":"team-{s}"}},"IpAddress":{{"aws:SourceIp":["203.0.113.0/24","2001:db8::/32"]}},"DateLessThan":{{"aws:CurrentTime":"2027-01-01T00:00:00Z"}},"ForAnyValue:StringLike":{{"aws:TagKeys":["env*","cost-{s}"]}}}}}}"#,
                effect = if s == 19 { "Deny" } else { "Allow" }
            )
        })
        .collect();
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        statements.join(",")
    )
}

#[allow(clippy::panic, reason = "a benchmark with a broken fixture must stop")]
fn compile(text: &str, kind: PolicyKind) -> CompiledPolicy {
    let parsed = parse(text, &ParseOptions::kind(kind));
    match parsed.valid_document() {
        Some(d) => CompiledPolicy::compile(d, kind, "bench", "bench"),
        None => panic!("invalid bench policy: {:?}", parsed.findings),
    }
}

/// The request's parts and both policy sets, compiled once.
pub struct Workloads {
    caller: Caller,
    context: Context,
    one: CompiledPolicy,
    ten: Vec<CompiledPolicy>,
}

impl Workloads {
    pub fn new() -> Self {
        let mut context = Context::new();
        context.set_one("aws:username", "alice", true);
        context.set_one("aws:PrincipalTag/team", "team-7", true);
        context.set_one("aws:SourceIp", "203.0.113.9", false);
        context.set_one("aws:CurrentTime", "2026-01-01T00:00:00Z", true);
        context.set("aws:TagKeys", vec!["env".into(), "owner".into()], false);
        Self {
            caller: Caller::User {
                arn: "arn:aws:iam::111122223333:user/alice".into(),
                account: "111122223333".into(),
                id: "AIDAEXAMPLE".into(),
            },
            context,
            one: compile(ONE_STATEMENT, PolicyKind::Identity),
            ten: (0..10)
                .map(|p| compile(&policy(p), PolicyKind::Identity))
                .collect(),
        }
    }

    pub fn request(&self) -> Request<'_> {
        Request {
            action: "s3:GetObject",
            resource: "arn:aws:s3:::bucket-9-7/reports/q1.csv",
            resource_account: None,
            caller: &self.caller,
            context: &self.context,
        }
    }

    /// One identity policy with one statement.
    pub fn one_statement(&self) -> PolicySet<'_> {
        PolicySet {
            identity: vec![&self.one],
            ..PolicySet::default()
        }
    }

    /// Ten identity policies of twenty statements (`policy(0..10)`); `P9S7` allows the request.
    pub fn ten_by_twenty(&self) -> PolicySet<'_> {
        PolicySet {
            identity: self.ten.iter().collect(),
            ..PolicySet::default()
        }
    }
}
