//! Property: on random scenarios shaped like the differential check's cases (docs/fidelity.md: an IAM
//! user with 1–3 identity policies, sometimes a boundary, an S3 object or bucket or a DynamoDB table
//! in the same or another account, sometimes with a resource policy, sometimes SCPs at root, OU and
//! account; statements from small alphabets with conditions), every fix offered — in either
//! direction — verifies when its patch is applied with the JSON Patch library and the scenario re-run.
#![cfg(test)]

use proptest::prelude::*;
use roleplay_fix::{fix, Options};
use serde_json::{json, Value};

const ALICE: &str = "arn:aws:iam::111122223333:user/alice";

fn statement() -> impl Strategy<Value = Value> {
    let effect = prop_oneof![3 => Just("Allow"), 1 => Just("Deny")];
    let action = prop_oneof![
        Just("s3:GetObject"),
        Just("s3:Get*"),
        Just("s3:*"),
        Just("*"),
        Just("s3:PutObject"),
        Just("dynamodb:GetItem"),
        Just("dynamodb:*"),
    ];
    let resource = prop_oneof![
        Just("*"),
        Just("arn:aws:s3:::data/*"),
        Just("arn:aws:s3:::data"),
        Just("arn:aws:s3:::data/${aws:username}/*"),
        Just("arn:aws:dynamodb:us-east-1:111122223333:table/T"),
    ];
    let condition = prop_oneof![
        3 => Just(Value::Null),
        1 => Just(json!({"StringEquals": {"aws:RequestedRegion": "eu-west-1"}})),
        1 => Just(json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})),
        1 => Just(json!({"StringNotEquals": {"aws:PrincipalTag/team": "red"}})),
        1 => Just(json!({"Bool": {"aws:SecureTransport": "true"}})),
    ];
    (effect, action, resource, condition).prop_map(|(e, a, r, c)| {
        let mut st = json!({"Effect": e, "Action": a, "Resource": r});
        if !c.is_null() {
            st["Condition"] = c;
        }
        st
    })
}

fn document() -> impl Strategy<Value = Value> {
    prop::collection::vec(statement(), 1..3)
        .prop_map(|s| json!({"Version": "2012-10-17", "Statement": s}))
}

fn scenario() -> impl Strategy<Value = Value> {
    let target = prop_oneof![
        Just(("s3:GetObject", "arn:aws:s3:::data/alice/x.csv")),
        Just(("s3:PutObject", "arn:aws:s3:::data/x.csv")),
        Just(("s3:ListBucket", "arn:aws:s3:::data")),
        Just((
            "dynamodb:GetItem",
            "arn:aws:dynamodb:us-east-1:111122223333:table/T"
        )),
    ];
    (
        prop::collection::vec(document(), 1..3),
        prop::option::of(document()),
        target,
        prop::option::of(prop_oneof![Just("111122223333"), Just("444455556666")]),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(docs, boundary, (action, resource), owner, bucket_policy, org, context)| {
            let policies: Vec<Value> = docs
                .into_iter()
                .enumerate()
                .map(|(i, d)| json!({"name": format!("p{i}"), "document": d}))
                .collect();
            let mut user = json!({"type": "user", "arn": ALICE, "policies": policies, "tags": {"team": "blue"}});
            if let Some(b) = boundary {
                user["permissionsBoundary"] = json!({"name": "b", "document": b});
            }
            let mut s = json!({"roleplay": 1, "principals": [user],
                "steps": [{"id": "call", "as": ALICE, "action": action, "resource": resource}]});
            if context {
                s["steps"][0]["context"] = json!({"aws:RequestedRegion": "us-east-1", "aws:SourceIp": "198.51.100.7"});
            }
            if let (Some(account), true) = (owner, resource.starts_with("arn:aws:s3")) {
                let mut r = json!({"arn": "arn:aws:s3:::data", "account": account});
                if bucket_policy {
                    r["policy"] = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}]});
                }
                s["resources"] = json!([r]);
            }
            if org {
                s["organization"] = json!({"id": "o-a1b2c3d4e5", "managementAccount": "999988887777",
                    "accounts": {"111122223333": ["ou-ab12-prod"], "444455556666": []},
                    "scps": [{"name": "Full", "targets": ["root", "ou-ab12-prod", "111122223333", "444455556666"],
                              "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}},
                             {"name": "NoDynamo", "targets": ["ou-ab12-prod"],
                              "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "dynamodb:*", "Resource": "*"}]}}]});
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_offered_fix_verifies(s in scenario()) {
        let text = s.to_string();
        let run = roleplay_sim::run_text(&text).unwrap();
        let to = if run.steps[0].decision == "allowed" { "implicitDeny" } else { "allowed" };
        let options = Options { target: Some(to), max: 20, catalog: None };
        let report = fix(&text, "call", &options).unwrap();
        for f in &report.fixes {
            let mut doc = s.clone();
            json_patch::patch(&mut doc, &f.patch).unwrap();
            let rerun = roleplay_sim::run_text(&doc.to_string()).unwrap();
            let step = rerun.steps.iter().find(|st| st.id.as_deref() == Some("call")).unwrap();
            let reached = if to == "allowed" { step.decision == "allowed" } else { step.decision == "implicitDeny" };
            prop_assert!(reached, "{}: {} → {}", f.summary, text, doc);
        }
    }
}

/// The property is not vacuous: most generated scenarios do get fixes.
#[test]
fn most_generated_scenarios_get_a_fix() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut with_fix, total) = (0, 40);
    for _ in 0..total {
        let s = scenario().new_tree(&mut runner).unwrap().current();
        let text = s.to_string();
        let run = roleplay_sim::run_text(&text).unwrap();
        let to = if run.steps[0].decision == "allowed" {
            "implicitDeny"
        } else {
            "allowed"
        };
        let options = Options {
            target: Some(to),
            ..Options::default()
        };
        if fix(&text, "call", &options).is_ok_and(|r| !r.fixes.is_empty()) {
            with_fix += 1;
        }
    }
    assert!(
        with_fix * 10 >= total * 9,
        "only {with_fix} of {total} scenarios got a fix"
    );
}
