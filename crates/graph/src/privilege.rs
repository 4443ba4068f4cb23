//! Privilege classes: how much a user or a fresh session of a role may do, decided by the evaluator
//! over a list of actions with their access levels — the service catalog's when it is given, else
//! a built-in sample of common services' actions.

use crate::model::Privilege;
use roleplay_sim::{effective_access, policy_resources, PolicyCache, Scenario, Subject};

/// An action and whether it only reads.
pub type Leveled<'a> = (&'a str, bool);

/// Admin-equivalent means allowed every one of these on every resource: the IAM writes that give
/// any permission, and destructive writes across services.
const ADMIN: &[&str] = &[
    "iam:CreateUser",
    "iam:AttachRolePolicy",
    "iam:PutUserPolicy",
    "iam:CreatePolicyVersion",
    "iam:PassRole",
    "s3:DeleteBucket",
    "ec2:TerminateInstances",
    "lambda:DeleteFunction",
    "kms:ScheduleKeyDeletion",
    "dynamodb:DeleteTable",
    "cloudtrail:StopLogging",
    "organizations:LeaveOrganization",
];

/// The sample without a catalog: (action, read-only).
pub const SAMPLE: &[Leveled<'static>] = &[
    ("s3:GetObject", true),
    ("s3:ListBucket", true),
    ("s3:PutObject", false),
    ("s3:DeleteObject", false),
    ("s3:PutBucketPolicy", false),
    ("ec2:DescribeInstances", true),
    ("ec2:RunInstances", false),
    ("lambda:GetFunction", true),
    ("lambda:InvokeFunction", false),
    ("lambda:CreateFunction", false),
    ("lambda:UpdateFunctionCode", false),
    ("dynamodb:GetItem", true),
    ("dynamodb:Query", true),
    ("dynamodb:PutItem", false),
    ("kms:Decrypt", false),
    ("kms:DescribeKey", true),
    ("kms:Encrypt", false),
    ("sqs:ReceiveMessage", false),
    ("sqs:SendMessage", false),
    ("sns:Publish", false),
    ("logs:PutLogEvents", false),
    ("logs:GetLogEvents", true),
    ("secretsmanager:GetSecretValue", true),
    ("ssm:GetParameter", true),
    ("ssm:PutParameter", false),
    ("cloudformation:CreateStack", false),
    ("cloudformation:DescribeStacks", true),
    ("ecs:RunTask", false),
    ("ecr:GetAuthorizationToken", true),
    ("iam:GetRole", true),
    ("iam:ListRoles", true),
    ("iam:PassRole", false),
    ("iam:CreateRole", false),
    ("sts:AssumeRole", false),
    ("sts:GetCallerIdentity", true),
];

/// The class of `subject` (before the graph adds can-escalate): admin-equivalent, write, read, none.
pub fn classify(
    s: &Scenario,
    cache: &mut PolicyCache,
    subject: &Subject,
    actions: &[Leveled],
) -> Privilege {
    let admin = effective_access(s, cache, subject, "*", ADMIN)
        .is_ok_and(|a| (0..ADMIN.len()).all(|i| a.is_allowed(i)));
    if admin {
        return Privilege::Admin;
    }
    let names: Vec<&str> = actions.iter().map(|(a, _)| *a).collect();
    let mut resources = policy_resources(s, cache, subject).unwrap_or_default();
    if !resources.iter().any(|r| r == "*") {
        resources.push("*".into());
    }
    let mut best = Privilege::None;
    for resource in &resources {
        let Ok(access) = effective_access(s, cache, subject, resource, &names) else {
            continue;
        };
        for (i, (_, read)) in actions.iter().enumerate() {
            if access.is_allowed(i) {
                best = best.min(if *read {
                    Privilege::Read
                } else {
                    Privilege::Write
                });
            }
        }
        if best == Privilege::Write {
            break;
        }
    }
    best
}
