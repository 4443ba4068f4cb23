//! What the Resource policies tab edits beside resources: the rules services keep outside policies.
//! VPC endpoints (with the steps sent through them, `via`), S3 Block Public Access per account
//! (top-level `accounts`) and per bucket, and a bucket's ABAC (docs/scenario-format-extensions.md).
//!
//! Settings are stored as the format reads them when absent: a switch turned off removes what it
//! wrote, so a scenario that never touched them keeps its JSON.

use crate::world::{fresh, home_account, statement};
use roleplay_sim::{
    PolicyDoc, PublicAccessBlock, ResourceDef, Scenario, Step, Via, VpcEndpointDef,
};
use serde_json::json;

/// One change the tab's forms make (one type, so the page has one edit for all of them).
#[derive(Debug, Clone)]
pub enum ServiceChange {
    AddEndpoint,
    /// A new id; the steps sent through the endpoint follow it.
    EndpointId(usize, String),
    EndpointVpc(usize, String),
    EndpointAccount(usize, String),
    EndpointService(usize, String),
    /// The endpoint policy's text, or none (AWS's default, full access).
    EndpointPolicy(usize, Option<String>),
    /// Removes the endpoint; the steps sent through it go directly.
    RemoveEndpoint(usize),
    AccountFlag(String, BpaFlag, bool),
    BucketFlag(usize, BpaFlag, bool),
    Abac(usize, bool),
}

/// Applies a change; one naming an endpoint or resource that is gone does nothing.
pub fn change(s: &mut Scenario, c: ServiceChange) {
    let endpoint = |s: &mut Scenario, i: usize, f: &dyn Fn(&mut VpcEndpointDef)| {
        if let Some(e) = s.vpc_endpoints.get_mut(i) {
            f(e);
        }
    };
    match c {
        ServiceChange::AddEndpoint => {
            let e = new_endpoint(s);
            s.vpc_endpoints.push(e);
        }
        ServiceChange::EndpointId(i, id) => {
            let id = id.trim();
            if !id.is_empty() {
                rename_endpoint(s, i, id.to_owned());
            }
        }
        ServiceChange::EndpointVpc(i, v) => endpoint(s, i, &|e| e.vpc.clone_from(&v)),
        ServiceChange::EndpointAccount(i, v) => endpoint(s, i, &|e| e.account.clone_from(&v)),
        ServiceChange::EndpointService(i, v) => {
            endpoint(s, i, &|e| v.trim().clone_into(&mut e.service))
        }
        ServiceChange::EndpointPolicy(i, text) => {
            endpoint(s, i, &|e| e.policy = text.clone().map(PolicyDoc::Text))
        }
        ServiceChange::RemoveEndpoint(i) => {
            remove_endpoint(s, i);
        }
        ServiceChange::AccountFlag(account, flag, on) => set_account_flag(s, &account, flag, on),
        ServiceChange::BucketFlag(i, flag, on) => {
            if let Some(r) = s.resources.get_mut(i) {
                set_flag(&mut r.s3_block_public_access, flag, on);
            }
        }
        ServiceChange::Abac(i, on) => {
            if let Some(r) = s.resources.get_mut(i) {
                r.abac = on.then_some(true);
            }
        }
    }
}

// ---- VPC endpoints --------------------------------------------------------------------------------

/// The services an endpoint usually reaches, offered by the form (any service name can be typed).
pub const ENDPOINT_SERVICES: [&str; 8] = [
    "s3",
    "dynamodb",
    "sts",
    "kms",
    "sqs",
    "secretsmanager",
    "ssm",
    "lambda",
];

/// A new S3 endpoint in the home account (in the VPC of the first endpoint), with no policy: AWS's
/// default full access, so adding one changes no verdict until a step goes through it.
pub fn new_endpoint(s: &Scenario) -> VpcEndpointDef {
    let taken = |id: &str| s.vpc_endpoints.iter().any(|e| e.id == id);
    let id = (0u32..)
        .map(|n| format!("vpce-{:08x}", 0x0a1b_2c3d_u32.wrapping_add(n)))
        .find(|id| !taken(id))
        .unwrap_or_else(|| fresh("vpce-0a1b2c3d", taken));
    VpcEndpointDef {
        id,
        vpc: s
            .vpc_endpoints
            .first()
            .map_or_else(|| "vpc-0abc".to_owned(), |e| e.vpc.clone()),
        account: home_account(s),
        service: "s3".to_owned(),
        policy: None,
    }
}

/// The first policy "+ Policy" writes: the usual data-perimeter endpoint policy, which lets only the
/// endpoint's own account's principals use it for its service.
pub fn endpoint_document(e: &VpcEndpointDef) -> String {
    statement(json!({
        "Effect": "Allow",
        "Principal": "*",
        "Action": format!("{}:*", e.service),
        "Resource": "*",
        "Condition": { "StringEquals": { "aws:PrincipalAccount": e.account } }
    }))
    .text()
}

/// The steps (indexes) that send their request through endpoint `id`.
pub fn endpoint_users(s: &Scenario, id: &str) -> Vec<usize> {
    s.steps
        .iter()
        .enumerate()
        .filter(|(_, st)| via(st) == Some(id))
        .map(|(i, _)| i)
        .collect()
}

/// The endpoint a step goes through, as written (it may name no endpoint of the scenario).
pub fn via(st: &Step) -> Option<&str> {
    st.via.as_ref().map(|v| v.vpc_endpoint.as_str())
}

/// Sends the step through endpoint `id`, or (`None`, blank) directly.
pub fn set_via(st: &mut Step, id: Option<String>) {
    st.via = id
        .filter(|id| !id.trim().is_empty())
        .map(|vpc_endpoint| Via { vpc_endpoint });
}

/// How the step form names an endpoint, short enough for its field: `vpce-0a1b2c3d · s3`.
pub fn endpoint_label(e: &VpcEndpointDef) -> String {
    format!("{} · {}", e.id, e.service)
}

/// Whether exactly one endpoint has this id (so steps naming it can follow a rename or removal).
fn sole(s: &Scenario, id: &str) -> bool {
    s.vpc_endpoints.iter().filter(|e| e.id == id).count() == 1
}

/// Gives endpoint `i` a new id; the steps sent through it follow, as long as both ids are
/// unambiguous (another endpoint with either id leaves them where they were).
fn rename_endpoint(s: &mut Scenario, i: usize, id: String) {
    let Some(old) = s.vpc_endpoints.get(i).map(|e| e.id.clone()) else {
        return;
    };
    if sole(s, &old) && !s.vpc_endpoints.iter().any(|e| e.id == id) {
        for st in &mut s.steps {
            if via(st) == Some(old.as_str()) {
                set_via(st, Some(id.clone()));
            }
        }
    }
    if let Some(e) = s.vpc_endpoints.get_mut(i) {
        e.id = id;
    }
}

/// Removes endpoint `i`. The steps that went through it now go directly (their `via` removed, not
/// left naming an endpoint that is gone; the form lists them beforehand, `endpoint_users`).
fn remove_endpoint(s: &mut Scenario, i: usize) {
    let Some(id) = s.vpc_endpoints.get(i).map(|e| e.id.clone()) else {
        return;
    };
    let users = if sole(s, &id) {
        endpoint_users(s, &id)
    } else {
        Vec::new()
    };
    for &k in &users {
        if let Some(st) = s.steps.get_mut(k) {
            st.via = None;
        }
    }
    s.vpc_endpoints.remove(i);
}

/// "step 2", "steps 2 and 4", "steps 1, 2 and 5" (1-based, as the timeline numbers them).
pub fn step_list(steps: &[usize]) -> String {
    let n: Vec<String> = steps.iter().map(|i| (i + 1).to_string()).collect();
    match n.as_slice() {
        [] => String::new(),
        [one] => format!("step {one}"),
        [init @ .., last] => format!("steps {} and {last}", init.join(", ")),
    }
}

// ---- S3 Block Public Access and ABAC ------------------------------------------------------------

/// One of the four settings of S3's `PublicAccessBlockConfiguration`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BpaFlag {
    BlockPublicAcls,
    IgnorePublicAcls,
    BlockPublicPolicy,
    RestrictPublicBuckets,
}

impl BpaFlag {
    pub const ALL: [BpaFlag; 4] = [
        BpaFlag::BlockPublicAcls,
        BpaFlag::IgnorePublicAcls,
        BpaFlag::BlockPublicPolicy,
        BpaFlag::RestrictPublicBuckets,
    ];

    /// AWS's name, as the scenario writes it.
    pub fn name(self) -> &'static str {
        match self {
            BpaFlag::BlockPublicAcls => "BlockPublicAcls",
            BpaFlag::IgnorePublicAcls => "IgnorePublicAcls",
            BpaFlag::BlockPublicPolicy => "BlockPublicPolicy",
            BpaFlag::RestrictPublicBuckets => "RestrictPublicBuckets",
        }
    }

    /// What it does here. Scenarios hold no ACLs, so the two ACL settings decide nothing.
    pub fn meaning(self) -> &'static str {
        match self {
            BpaFlag::BlockPublicAcls | BpaFlag::IgnorePublicAcls => {
                "about ACLs, which scenarios do not model: kept, decides nothing here"
            }
            BpaFlag::BlockPublicPolicy => "refuses a PutBucketPolicy whose policy is public",
            BpaFlag::RestrictPublicBuckets => {
                "a bucket with a public policy: only AWS services and the owner's account get in"
            }
        }
    }

    pub fn get(self, b: &PublicAccessBlock) -> bool {
        match self {
            BpaFlag::BlockPublicAcls => b.block_public_acls,
            BpaFlag::IgnorePublicAcls => b.ignore_public_acls,
            BpaFlag::BlockPublicPolicy => b.block_public_policy,
            BpaFlag::RestrictPublicBuckets => b.restrict_public_buckets,
        }
    }

    fn slot(self, b: &mut PublicAccessBlock) -> &mut bool {
        match self {
            BpaFlag::BlockPublicAcls => &mut b.block_public_acls,
            BpaFlag::IgnorePublicAcls => &mut b.ignore_public_acls,
            BpaFlag::BlockPublicPolicy => &mut b.block_public_policy,
            BpaFlag::RestrictPublicBuckets => &mut b.restrict_public_buckets,
        }
    }
}

/// Sets one flag of an optional configuration; all four off is the same as none, and stored so.
/// (A bucket's ABAC is stored the same way: on is `"abac": true`, off is absent, AWS's default.)
fn set_flag(slot: &mut Option<PublicAccessBlock>, flag: BpaFlag, on: bool) {
    let mut b = slot.unwrap_or_default();
    *flag.slot(&mut b) = on;
    *slot = (b != PublicAccessBlock::default()).then_some(b);
}

/// An account's S3 Block Public Access (all off when the scenario sets none).
pub fn account_bpa(s: &Scenario, account: &str) -> PublicAccessBlock {
    s.accounts
        .get(account)
        .and_then(|a| a.s3_block_public_access)
        .unwrap_or_default()
}

/// Turns one of an account's settings on or off; an account left with no setting leaves `accounts`.
fn set_account_flag(s: &mut Scenario, account: &str, flag: BpaFlag, on: bool) {
    let settings = s.accounts.entry(account.to_owned()).or_default();
    set_flag(&mut settings.s3_block_public_access, flag, on);
    if *settings == roleplay_sim::AccountSettings::default() {
        s.accounts.remove(account);
    }
}

/// Whether the resource is an S3 bucket (not an object, not another service's resource): what Block
/// Public Access and ABAC apply to.
pub fn is_bucket(r: &ResourceDef) -> bool {
    r.arn
        .strip_prefix("arn:aws:s3:::")
        .is_some_and(|name| !name.is_empty() && !name.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::default_scenario;

    /// The scenario as the Scenario JSON tab shows it, read back: what an edit leaves in the JSON.
    fn round_trip(s: &Scenario) -> (Scenario, serde_json::Value) {
        let text = crate::scenario_json::pretty(s);
        let back = roleplay_sim::read(&text).expect("reads back");
        let json = serde_json::from_str(&text).expect("JSON");
        (back, json)
    }

    fn decisions(s: &Scenario) -> Vec<String> {
        roleplay_sim::run(s)
            .steps
            .iter()
            .map(|r| r.decision.to_string())
            .collect()
    }

    /// The default scenario's `s3:GetObject` step (allowed by the role's policies).
    fn get_object(s: &Scenario) -> usize {
        s.steps
            .iter()
            .position(|st| st.action.as_deref() == Some("s3:GetObject"))
            .expect("a GetObject step")
    }

    #[test]
    fn an_endpoint_with_a_deny_policy_denies_the_steps_sent_through_it() {
        let mut s = default_scenario();
        let before = decisions(&s);
        change(&mut s, ServiceChange::AddEndpoint);
        let e = &s.vpc_endpoints[0];
        assert_eq!(
            (e.id.as_str(), e.account.as_str()),
            ("vpce-0a1b2c3d", "111122223333")
        );
        assert!(e.policy.is_none(), "AWS's default policy");
        assert_eq!(new_endpoint(&s).id, "vpce-0a1b2c3e", "a fresh id");
        assert_eq!(endpoint_label(&s.vpc_endpoints[0]), "vpce-0a1b2c3d · s3");
        assert_eq!(
            decisions(&s),
            before,
            "an endpoint no step uses changes nothing"
        );

        let step = get_object(&s);
        set_via(&mut s.steps[step], Some("vpce-0a1b2c3d".into()));
        assert_eq!(
            decisions(&s),
            before,
            "the default endpoint policy is full access"
        );
        // "+ Policy" writes a policy that lets the account's principals through: still allowed.
        let text = endpoint_document(&s.vpc_endpoints[0]);
        change(&mut s, ServiceChange::EndpointPolicy(0, Some(text.clone())));
        assert_eq!(decisions(&s), before);
        change(
            &mut s,
            ServiceChange::EndpointPolicy(0, Some(text.replace("Allow", "Deny"))),
        );

        let (back, json) = round_trip(&s);
        assert_eq!(json["vpcEndpoints"][0]["id"], "vpce-0a1b2c3d");
        assert_eq!(json["vpcEndpoints"][0]["service"], "s3");
        assert_eq!(
            json["vpcEndpoints"][0]["policy"]["Statement"][0]["Effect"],
            "Deny"
        );
        assert_eq!(json["steps"][step]["via"]["vpcEndpoint"], "vpce-0a1b2c3d");
        let result = roleplay_sim::run(&back);
        let r = &result.steps[step];
        assert_eq!(r.decision.to_string(), "explicitDeny");
        let message = r.error.as_ref().map(|e| e.message.as_str()).unwrap_or("");
        assert!(
            message.contains("a VPC endpoint policy"),
            "AccessDenied names the endpoint policy: {message}"
        );
    }

    #[test]
    fn renaming_an_endpoint_carries_its_steps_along() {
        let mut s = default_scenario();
        s.vpc_endpoints.push(new_endpoint(&s));
        let step = get_object(&s);
        set_via(&mut s.steps[step], Some("vpce-0a1b2c3d".into()));
        change(
            &mut s,
            ServiceChange::EndpointId(0, " vpce-11112222 ".into()),
        );
        assert_eq!(s.vpc_endpoints[0].id, "vpce-11112222");
        assert_eq!(via(&s.steps[step]), Some("vpce-11112222"));
        change(&mut s, ServiceChange::EndpointId(0, " ".into()));
        assert_eq!(
            s.vpc_endpoints[0].id, "vpce-11112222",
            "an endpoint keeps an ID"
        );
        // Two endpoints with one id: which one a step meant is unknown, so its `via` stays.
        let mut twin = new_endpoint(&s);
        twin.id = "vpce-11112222".into();
        s.vpc_endpoints.push(twin);
        rename_endpoint(&mut s, 0, "vpce-33334444".into());
        assert_eq!(via(&s.steps[step]), Some("vpce-11112222"));
        assert_eq!(endpoint_users(&s, "vpce-11112222"), [step]);
    }

    #[test]
    fn removing_an_endpoint_sends_its_steps_directly_and_says_which() {
        let mut s = default_scenario();
        s.vpc_endpoints.push(new_endpoint(&s));
        s.vpc_endpoints[0].policy = Some(roleplay_sim::PolicyDoc::Text(
            endpoint_document(&s.vpc_endpoints[0]).replace("Allow", "Deny"),
        ));
        let step = get_object(&s);
        set_via(&mut s.steps[step], Some("vpce-0a1b2c3d".into()));
        assert_eq!(decisions(&s)[step], "explicitDeny");
        assert_eq!(
            step_list(&endpoint_users(&s, "vpce-0a1b2c3d")),
            format!("step {}", step + 1)
        );

        change(&mut s, ServiceChange::RemoveEndpoint(0));
        assert!(s.vpc_endpoints.is_empty());
        assert_eq!(via(&s.steps[step]), None, "no dangling reference");
        let (back, json) = round_trip(&s);
        assert!(json.get("vpcEndpoints").is_none());
        assert!(json["steps"][step].get("via").is_none());
        let result = roleplay_sim::run(&back);
        assert_eq!(result.steps[step].decision.to_string(), "allowed");
        assert!(
            !result
                .findings
                .iter()
                .any(|f| f.code == roleplay_policy::Code::UnknownVpcEndpoint),
            "no step names a missing endpoint"
        );
        change(&mut s, ServiceChange::RemoveEndpoint(0)); // none left: nothing happens
        assert_eq!(step_list(&[0, 1, 4]), "steps 1, 2 and 5");
    }

    #[test]
    fn block_public_policy_on_the_account_refuses_a_public_bucket_policy() {
        let mut s = default_scenario();
        let bucket = s
            .resources
            .iter()
            .position(is_bucket)
            .expect("the default scenario has a bucket");
        let arn = s.resources[bucket].arn.clone();
        let public = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": "*", "Action": "s3:GetObject", "Resource": format!("{arn}/*")}]});
        // Alice may put bucket policies; she calls directly (the first step's caller).
        let alice = s
            .principals
            .iter()
            .position(|p| p.arn().ends_with(":user/alice"))
            .expect("alice");
        if let Some(policies) = crate::world::policies_mut(&mut s.principals[alice]) {
            policies.push(roleplay_sim::Attachment {
                name: "S3Admin".into(),
                document: statement(json!({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})),
                arn: None,
                inline: None,
            });
        }
        s.steps.push(Step {
            caller: s.steps[0].caller.clone(),
            action: Some("s3:PutBucketPolicy".into()),
            resource: Some(arn.clone()),
            params: serde_json::from_value(json!({ "Policy": public })).ok(),
            ..Step::default()
        });
        let last = s.steps.len() - 1;
        let before = decisions(&s)[last].clone();
        assert_eq!(before, "allowed", "no Block Public Access yet");

        let flag =
            |on| ServiceChange::AccountFlag("111122223333".into(), BpaFlag::BlockPublicPolicy, on);
        change(&mut s, flag(true));
        let (back, json) = round_trip(&s);
        assert_eq!(
            json["accounts"]["111122223333"]["s3BlockPublicAccess"],
            json!({"BlockPublicAcls": false, "IgnorePublicAcls": false, "BlockPublicPolicy": true, "RestrictPublicBuckets": false})
        );
        assert!(account_bpa(&back, "111122223333").block_public_policy);
        let result = roleplay_sim::run(&back);
        let r = &result.steps[last];
        let message = r.error.as_ref().map(|e| e.message.as_str()).unwrap_or("");
        assert!(
            message.contains("BlockPublicPolicy setting in S3 Block Public Access"),
            "{message}"
        );

        // Off again: the scenario is as it was, `accounts` and all.
        change(&mut s, flag(false));
        assert!(s.accounts.is_empty());
        assert_eq!(decisions(&s)[last], before);
    }

    #[test]
    fn bucket_settings_are_written_as_the_format_reads_them() {
        let mut s = default_scenario();
        let i = s.resources.iter().position(is_bucket).expect("a bucket");
        change(
            &mut s,
            ServiceChange::BucketFlag(i, BpaFlag::RestrictPublicBuckets, true),
        );
        change(&mut s, ServiceChange::Abac(i, true));
        let (back, json) = round_trip(&s);
        assert_eq!(
            json["resources"][i]["s3BlockPublicAccess"]["RestrictPublicBuckets"],
            true
        );
        assert_eq!(json["resources"][i]["abac"], true);
        assert_eq!(back.resources[i].abac, Some(true));
        change(
            &mut s,
            ServiceChange::BucketFlag(i, BpaFlag::RestrictPublicBuckets, false),
        );
        change(&mut s, ServiceChange::Abac(i, false));
        let (_, json) = round_trip(&s);
        assert!(json["resources"][i].get("s3BlockPublicAccess").is_none());
        assert!(json["resources"][i].get("abac").is_none());
        for flag in BpaFlag::ALL {
            let mut b = PublicAccessBlock::default();
            *flag.slot(&mut b) = true;
            assert!(flag.get(&b));
            let text = serde_json::to_string(&b).expect("serializes");
            assert!(
                text.contains(&format!("\"{}\":true", flag.name())),
                "{text}"
            );
        }
        let object = ResourceDef {
            arn: "arn:aws:s3:::bucket/key".into(),
            ..s.resources[i].clone()
        };
        assert!(!is_bucket(&object));
    }
}
