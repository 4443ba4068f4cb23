//! Hand-written worlds, one per edge kind: the edge is found with what it needs, and the escalation
//! question lists the path to admin it opens.
#![cfg(test)]

use roleplay_graph::{build, query, EdgeKind, Graph, Privilege, SAMPLE};
use serde_json::{json, Value};

const ALICE: &str = "arn:aws:iam::111122223333:user/alice";
const BOB: &str = "arn:aws:iam::111122223333:user/bob";
const ADMIN: &str = "arn:aws:iam::111122223333:role/Admin";
const ADMIN_POLICY: &str = "arn:aws:iam::111122223333:policy/Ops";

fn allow(action: &str, resource: &str) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": resource}]})
}

fn trust(principal: Value, condition: Value) -> Value {
    let mut st = json!({"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"});
    if !condition.is_null() {
        st["Condition"] = condition;
    }
    json!({"Version": "2012-10-17", "Statement": [st]})
}

/// alice (with `policy`), bob, and an admin role trusting `admin_trust`.
fn world(policy: Value, admin_trust: Value) -> Graph {
    let doc = json!({
        "roleplay": 1,
        "principals": [
            {"type": "user", "arn": ALICE, "policies": [{"name": "p", "document": policy}]},
            {"type": "user", "arn": BOB, "policies": [{"name": "Ops", "arn": ADMIN_POLICY, "document": allow("s3:GetObject", "*")}]},
            {"type": "group", "arn": "arn:aws:iam::111122223333:group/admins", "policies": [{"name": "a", "document": allow("*", "*")}]},
            {"type": "role", "arn": ADMIN, "trustPolicy": admin_trust, "policies": [{"name": "a", "document": allow("*", "*")}]}
        ]
    });
    build(&roleplay_sim::read(&doc.to_string()).unwrap(), SAMPLE).unwrap()
}

fn edge<'g>(g: &'g Graph, kind: EdgeKind, from: &str, to: &str) -> &'g roleplay_graph::Edge {
    g.edges
        .iter()
        .find(|e| e.kind == kind && e.from == from && e.to == to)
        .unwrap_or_else(|| panic!("no {kind:?} edge {from} → {to} in {:#?}", g.edges))
}

fn escalates(g: &Graph, from: &str, kind: EdgeKind) {
    let paths = query::escalation(g);
    assert!(
        paths
            .iter()
            .any(|p| p.from == from && p.edges.iter().any(|&i| g.edges[i].kind == kind)),
        "no escalation of {from} through {kind:?}: {paths:?}"
    );
}

#[test]
fn assume_role_carries_external_id_mfa_ip_and_time_window() {
    let condition = json!({
        "StringEquals": {"sts:ExternalId": "x-42"},
        "Bool": {"aws:MultiFactorAuthPresent": "true"},
        "IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
        "DateLessThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"}
    });
    let g = world(
        allow("sts:AssumeRole", ADMIN),
        trust(json!({"AWS": ALICE}), condition),
    );
    let e = edge(&g, EdgeKind::AssumeRole, ALICE, ADMIN);
    assert_eq!(e.needs["sts:ExternalId"], "x-42");
    assert_eq!(e.needs["aws:MultiFactorAuthPresent"], true);
    assert_eq!(e.needs["aws:SourceIp"], "203.0.113.0");
    assert!(e.needs.contains_key("aws:CurrentTime"), "{:?}", e.needs);
    assert_eq!(e.limits.max_session_seconds, Some(3600));
    // Bob's policies do not allow sts:AssumeRole, and the trust policy names only alice.
    assert!(!g
        .edges
        .iter()
        .any(|e| e.from == BOB && e.to == ADMIN && e.kind == EdgeKind::AssumeRole));
    assert_eq!(g.node(ADMIN).unwrap().privilege, Privilege::Admin);
    let paths = query::who_can_reach(&g, ADMIN);
    assert_eq!(paths.len(), 1);
    assert_eq!(paths[0].from, ALICE);
    escalates(&g, ALICE, EdgeKind::AssumeRole);
}

#[test]
fn a_time_window_already_past_is_no_edge() {
    let condition = json!({"DateLessThan": {"aws:CurrentTime": "2025-01-01T00:00:00Z"}});
    let g = world(
        allow("sts:AssumeRole", ADMIN),
        trust(json!({"AWS": ALICE}), condition),
    );
    assert!(g.edges.iter().all(|e| e.to != ADMIN));
}

#[test]
fn an_account_the_world_does_not_model_is_a_node_without_a_proved_edge() {
    let g = world(
        allow("s3:GetObject", "*"),
        trust(
            json!({"AWS": "arn:aws:iam::999999999999:root"}),
            Value::Null,
        ),
    );
    let account = g.node("arn:aws:iam::999999999999:root").unwrap();
    assert_eq!(account.kind, roleplay_graph::NodeKind::Account);
    // The runner runs only principals the world defines (and roots may not assume roles): no step
    // could prove an edge from it, so none is drawn.
    assert!(g.edges.iter().all(|e| e.from != account.id));
}

#[test]
fn each_escalation_kind_is_an_edge_and_a_path_to_admin() {
    let cases: [(&str, &str, EdgeKind, &str); 9] = [
        (
            "iam:UpdateAssumeRolePolicy",
            ADMIN,
            EdgeKind::UpdateAssumeRolePolicy,
            ADMIN,
        ),
        (
            "iam:AttachUserPolicy",
            ALICE,
            EdgeKind::AttachUserPolicy,
            ALICE,
        ),
        ("iam:PutUserPolicy", ALICE, EdgeKind::PutUserPolicy, ALICE),
        ("iam:CreateAccessKey", BOB, EdgeKind::CreateAccessKey, BOB),
        (
            "iam:CreateLoginProfile",
            BOB,
            EdgeKind::CreateLoginProfile,
            BOB,
        ),
        (
            "iam:UpdateLoginProfile",
            BOB,
            EdgeKind::UpdateLoginProfile,
            BOB,
        ),
        (
            "iam:AddUserToGroup",
            "arn:aws:iam::111122223333:group/admins",
            EdgeKind::AddUserToGroup,
            ALICE,
        ),
        (
            "iam:CreatePolicyVersion",
            ADMIN_POLICY,
            EdgeKind::CreatePolicyVersion,
            BOB,
        ),
        (
            "iam:AttachRolePolicy",
            ADMIN,
            EdgeKind::AttachRolePolicy,
            ADMIN,
        ),
    ];
    for (action, resource, kind, to) in cases {
        let g = world(
            allow(action, resource),
            trust(json!({"AWS": BOB}), Value::Null),
        );
        let e = edge(&g, kind, ALICE, to);
        assert_eq!(e.step.action.as_deref(), Some(action));
        assert_eq!(
            g.node(ALICE).unwrap().privilege,
            Privilege::CanEscalate,
            "{action}"
        );
        if matches!(kind, EdgeKind::UpdateAssumeRolePolicy) {
            escalates(&g, ALICE, kind);
        }
        if kind.grants() && to == ALICE {
            escalates(&g, ALICE, kind);
        }
    }
}

#[test]
fn pass_role_needs_a_role_that_trusts_the_service() {
    let policy = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "iam:PassRole", "Resource": ADMIN,
         "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}},
        {"Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "*"}]});
    let g = world(
        policy.clone(),
        trust(json!({"Service": "lambda.amazonaws.com"}), Value::Null),
    );
    let e = edge(&g, EdgeKind::PassRole, ALICE, ADMIN);
    assert_eq!(e.needs["iam:PassedToService"], "lambda.amazonaws.com");
    edge(
        &g,
        EdgeKind::ServiceAssumeRole,
        "lambda.amazonaws.com",
        ADMIN,
    );
    escalates(&g, ALICE, EdgeKind::PassRole);
    // The same permission, but the role trusts EC2 only: no Lambda edge.
    let g = world(
        policy,
        trust(json!({"Service": "ec2.amazonaws.com"}), Value::Null),
    );
    assert!(!g.edges.iter().any(|e| e.kind == EdgeKind::PassRole));
}

#[test]
fn chaining_is_capped_at_one_hour_and_carries_conditions_along_a_path() {
    let doc = json!({
        "roleplay": 1,
        "principals": [
            {"type": "user", "arn": ALICE, "policies": [{"name": "p", "document": allow("sts:AssumeRole", "*")}]},
            {"type": "role", "arn": "arn:aws:iam::111122223333:role/Jump", "maxSessionDuration": 43200,
             "trustPolicy": trust(json!({"AWS": ALICE}), json!({"StringEquals": {"sts:ExternalId": "jump-1"}})),
             "policies": [{"name": "p", "document": allow("sts:AssumeRole", "*")}]},
            {"type": "role", "arn": ADMIN, "maxSessionDuration": 43200,
             "trustPolicy": trust(json!({"AWS": "arn:aws:iam::111122223333:role/Jump"}), json!({"StringLike": {"aws:RequestTag/team": "ops*"}})),
             "policies": [{"name": "a", "document": allow("*", "*")}]}
        ]
    });
    let mut doc = doc;
    doc["principals"][2]["trustPolicy"]["Statement"][0]["Action"] =
        json!(["sts:AssumeRole", "sts:TagSession"]);
    let g = build(&roleplay_sim::read(&doc.to_string()).unwrap(), SAMPLE).unwrap();
    let e = edge(
        &g,
        EdgeKind::AssumeRole,
        "arn:aws:iam::111122223333:role/Jump",
        ADMIN,
    );
    assert!(e.limits.chained);
    assert_eq!(e.limits.max_session_seconds, Some(3600));
    assert_eq!(e.needs["aws:RequestTag/team"], "opsx");
    let first = edge(
        &g,
        EdgeKind::AssumeRole,
        ALICE,
        "arn:aws:iam::111122223333:role/Jump",
    );
    assert_eq!(first.limits.max_session_seconds, Some(43200));
    let paths = query::who_can_reach(&g, ADMIN);
    let two = paths.iter().find(|p| p.from == ALICE).unwrap();
    let needs: Vec<&str> = two
        .edges
        .iter()
        .flat_map(|&i| g.edges[i].needs.keys())
        .map(String::as_str)
        .collect();
    assert_eq!(needs, ["sts:ExternalId", "aws:RequestTag/team"]);
    assert_eq!(query::reachable_from(&g, ALICE).len(), 2);
}
