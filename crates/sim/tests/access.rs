//! Effective access: the list view must say exactly what a timeline step would, for sessions, roles
//! and users, with boundaries, session policies, SCPs and resource policies.
#![cfg(test)]

use roleplay_sim::{
    access_diff, effective_access, read, run, PolicyCache, Scenario, Step, Subject,
};
use std::path::Path;

mod support {
    pub mod scenario_files;
}
use support::scenario_files::scenario_files;

/// Actions every check asks about, besides those the scenario's own steps name.
const ACTIONS: &[&str] = &[
    "s3:GetObject",
    "s3:PutObject",
    "s3:ListBucket",
    "s3:DeleteBucket",
    "ec2:RunInstances",
    "ec2:DescribeInstances",
    "iam:PassRole",
    "iam:CreateUser",
    "kms:Decrypt",
    "kms:Encrypt",
    "dynamodb:GetItem",
    "sqs:SendMessage",
    "lambda:InvokeFunction",
    "logs:PutLogEvents",
    "secretsmanager:GetSecretValue",
    "sts:GetCallerIdentity",
    "sts:TagSession",
];

fn actions_of(s: &Scenario) -> Vec<String> {
    let mut all: Vec<String> = ACTIONS.iter().map(|a| a.to_string()).collect();
    for step in &s.steps {
        if let Some(a) = &step.action {
            // AssumeRole* steps run STS, not one authorization: the list view only has their caller side.
            if !a.to_ascii_lowercase().starts_with("sts:assumerole") && !all.contains(a) {
                all.push(a.clone());
            }
        }
    }
    all
}

fn scenarios() -> Vec<(String, Scenario)> {
    scenario_files()
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            Some((path.display().to_string(), read(&text).ok()?))
        })
        .collect()
}

/// For every session the corpus creates, the list view agrees with a call made right after the
/// assume step, action by action (same clock, same world, resource `*`).
#[test]
fn the_list_agrees_with_the_timeline_for_every_corpus_session() {
    let mut sessions = 0;
    let mut compared = 0;
    for (name, s) in scenarios() {
        let result = run(&s);
        for (i, r) in result.steps.iter().enumerate() {
            if r.session.is_none() {
                continue;
            }
            let actions = actions_of(&s);
            let list: Vec<&str> = actions.iter().map(String::as_str).collect();
            let access = effective_access(
                &s,
                &mut PolicyCache::default(),
                &Subject::Session(i),
                "*",
                &list,
            )
            .unwrap_or_else(|e| panic!("{name} step {i}: {}", e.message));
            // The same questions as steps right after step i, at the same instant.
            let mut probe = s.clone();
            let id = format!("probe-session-{i}");
            probe.steps[i].id = Some(id.clone());
            probe.steps.truncate(i + 1);
            for a in &actions {
                probe.steps.push(Step {
                    caller: Some(roleplay_sim::CallerDef::Ref(id.clone())),
                    action: Some(a.clone()),
                    resource: Some("*".into()),
                    ..Step::default()
                });
            }
            let timeline = run(&probe);
            for (k, a) in actions.iter().enumerate() {
                let step = &timeline.steps[i + 1 + k];
                assert_eq!(
                    access.verdicts[k].decision.as_str(),
                    step.decision,
                    "{name}: session of step {i}, {a} (timeline error: {:?})",
                    step.error
                );
                compared += 1;
            }
            sessions += 1;
        }
    }
    assert!(sessions >= 30, "only {sessions} sessions in the corpus");
    assert!(compared >= 500, "only {compared} comparisons");
}

const WORLD: &str = r#"{
  "roleplay": 1,
  "title": "Effective access",
  "principals": [
    {"type": "user", "arn": "arn:aws:iam::111122223333:user/alice",
     "policies": [{"name": "dev", "document": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:*", "iam:*"], "Resource": "*"}]}}],
     "permissionsBoundary": {"name": "cap", "document": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:*", "sts:AssumeRole"], "Resource": "*"}]}}},
    {"type": "role", "arn": "arn:aws:iam::111122223333:role/App",
     "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"}]},
     "policies": [{"name": "app", "document": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:Get*", "s3:PutObject", "ec2:*"], "Resource": "*"},
        {"Effect": "Deny", "Action": "s3:GetBucketPolicy", "Resource": "*"}]}}]}
  ],
  "organization": {
    "id": "o-a1b2c3d4e5",
    "managementAccount": "999999999999",
    "accounts": {"111122223333": []},
    "scps": [{"name": "no-ec2-run", "targets": ["root", "111122223333"], "document": {"Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
                    {"Effect": "Deny", "Action": "ec2:RunInstances", "Resource": "*"}]}}]
  },
  "steps": [
    {"id": "s", "as": "arn:aws:iam::111122223333:user/alice", "action": "sts:AssumeRole",
     "params": {"RoleArn": "arn:aws:iam::111122223333:role/App", "RoleSessionName": "session",
                "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"ec2:*\"],\"Resource\":\"*\"}]}"}}
  ]
}"#;

const LIST: &[&str] = &[
    "s3:GetObject",
    "s3:PutObject",
    "s3:GetBucketPolicy",
    "ec2:DescribeInstances",
    "ec2:RunInstances",
    "iam:CreateUser",
    "sts:GetCallerIdentity",
];

fn decisions(subject: Subject) -> Vec<&'static str> {
    let s = read(WORLD).unwrap();
    let access = effective_access(&s, &mut PolicyCache::default(), &subject, "*", LIST).unwrap();
    access
        .verdicts
        .iter()
        .map(|v| v.decision.as_str())
        .collect()
}

/// §4.2: the session policy caps the role's policies; an SCP deny and an identity deny stop an allow;
/// GetCallerIdentity needs no permission.
#[test]
fn a_session_is_capped_by_its_session_policy_and_the_scps() {
    assert_eq!(
        decisions(Subject::Session(0)),
        [
            "allowed",      // role allows s3:Get*, session policy allows s3:GetObject
            "implicitDeny", // role allows it; the session policy does not
            "explicitDeny", // the role's own deny
            "allowed",      // ec2:* in both
            "explicitDeny", // the SCP's deny
            "implicitDeny", // nothing allows iam:*
            "allowed",      // needs no permission
        ]
    );
}

/// A fresh session of the role has no session policy: the role's policies and the SCPs decide.
#[test]
fn a_fresh_role_session_has_the_roles_permissions() {
    assert_eq!(
        decisions(Subject::Role("arn:aws:iam::111122223333:role/App".into())),
        [
            "allowed",
            "allowed",
            "explicitDeny",
            "allowed",
            "explicitDeny",
            "implicitDeny",
            "allowed"
        ]
    );
}

/// §4.6: the permissions boundary caps the user's identity policy (iam:* allowed by it, not by the cap).
#[test]
fn a_user_is_capped_by_the_permissions_boundary() {
    assert_eq!(
        decisions(Subject::User("arn:aws:iam::111122223333:user/alice".into())),
        [
            "allowed",
            "allowed",
            "allowed",
            "implicitDeny",
            "explicitDeny",
            "implicitDeny",
            "allowed"
        ]
    );
}

#[test]
fn unknown_subjects_are_errors_not_panics() {
    let s = read(WORLD).unwrap();
    let mut cache = PolicyCache::default();
    for subject in [
        Subject::Session(7),
        Subject::Role("arn:aws:iam::111122223333:role/Nope".into()),
        Subject::User("arn:aws:iam::111122223333:user/nobody".into()),
    ] {
        assert!(effective_access(&s, &mut cache, &subject, "*", LIST).is_err());
    }
}

/// "Does my edit grant new access?": widening the role's policy shows exactly the new actions.
#[test]
fn the_diff_lists_access_an_edit_grants_and_removes() {
    let before = read(WORLD).unwrap();
    let after = read(&WORLD.replace(
        r#"["s3:Get*", "s3:PutObject", "ec2:*"]"#,
        r#"["s3:Get*", "ec2:*", "iam:CreateUser"]"#,
    ))
    .unwrap();
    let role = Subject::Role("arn:aws:iam::111122223333:role/App".into());
    let mut cache = PolicyCache::default();
    let a = effective_access(&before, &mut cache, &role, "*", LIST).unwrap();
    let b = effective_access(&after, &mut cache, &role, "*", LIST).unwrap();
    let diff = access_diff(&a, &b);
    let names = |ix: &[usize]| ix.iter().map(|&i| LIST[i]).collect::<Vec<_>>();
    assert_eq!(names(&diff.granted), ["iam:CreateUser"]);
    assert_eq!(names(&diff.revoked), ["s3:PutObject"]);
}

/// The default scenario's session: its policy names the reports bucket's objects, not `*`.
#[test]
fn the_resources_a_subjects_policies_name_are_listed() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../studio/src/scenarios/default.json"),
    )
    .unwrap();
    let s = read(&text).unwrap();
    let mut cache = PolicyCache::default();
    let named = roleplay_sim::policy_resources(&s, &mut cache, &Subject::Session(0)).unwrap();
    assert_eq!(named, ["arn:aws:s3:::reports-bucket/*"]);
    let on = effective_access(
        &s,
        &mut cache,
        &Subject::Session(0),
        &named[0],
        &["s3:GetObject"],
    )
    .unwrap();
    assert!(on.is_allowed(0));
    let user = "arn:aws:iam::111122223333:user/alice".to_string();
    assert!(roleplay_sim::policy_resources(&s, &mut cache, &Subject::User(user)).is_ok());
    assert!(roleplay_sim::policy_resources(&s, &mut cache, &Subject::Session(9)).is_err());
}
