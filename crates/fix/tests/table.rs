//! Hand-written cases, one per kind of denial or error of issue 13's point 5 and per policy layer,
//! with the fix that must come first (its layer and its sentence). Every case's first fix is also
//! applied with the JSON Patch library and re-run.
#![cfg(test)]

use roleplay_fix::{fix, Options};
use serde_json::{json, Value};

const A: &str = "111122223333";
const B: &str = "444455556666";

fn user(name: &str, statements: Value) -> Value {
    json!({"type": "user", "arn": format!("arn:aws:iam::{A}:user/{name}"),
           "policies": [{"name": format!("{name}-policy"), "document": {"Version": "2012-10-17", "Statement": statements}}]})
}

fn role(arn: &str, trust: Value, statements: Value) -> Value {
    json!({"type": "role", "arn": arn,
           "trustPolicy": {"Version": "2012-10-17", "Statement": trust},
           "policies": [{"name": "Work", "document": {"Version": "2012-10-17", "Statement": statements}}]})
}

fn allow(action: &str, resource: &str) -> Value {
    json!([{"Effect": "Allow", "Action": action, "Resource": resource}])
}

fn trusts(principal: Value) -> Value {
    json!([{"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}])
}

fn alice_may_assume(role: &str) -> Value {
    user("alice", allow("sts:AssumeRole", role))
}

fn assume(id: &str, role: &str, extra: Value) -> Value {
    let mut step = json!({"id": id, "as": format!("arn:aws:iam::{A}:user/alice"), "action": "sts:AssumeRole",
                          "params": {"RoleArn": role, "RoleSessionName": "s1"}});
    if let (Some(p), Some(extra)) = (step["params"].as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            p.insert(k.clone(), v.clone());
        }
    }
    step
}

fn scenario(principals: Value, steps: Value) -> Value {
    json!({"roleplay": 1, "principals": principals, "steps": steps})
}

struct Case {
    name: &'static str,
    scenario: Value,
    step: &'static str,
    to: Option<&'static str>,
    layer: &'static str,
    summary: String,
}

fn cases() -> Vec<Case> {
    let app = format!("arn:aws:iam::{A}:role/App");
    let vendor = format!("arn:aws:iam::{A}:role/Vendor");
    let alice = format!("arn:aws:iam::{A}:user/alice");
    let bob = format!("arn:aws:iam::{A}:user/bob");
    let obj = "arn:aws:s3:::reports/q1.csv";
    let key = format!("arn:aws:kms:eu-west-1:{A}:key/1111aaaa-11aa-11aa-11aa-111111aaaaaa");
    let read = json!({"id": "read", "as": "a", "action": "s3:GetObject", "resource": obj});
    let alice_reads =
        |action: &str| json!({"id": "call", "as": alice, "action": action, "resource": obj});
    let app_role =
        |trust: Value| role(&app, trust, allow("s3:GetObject", "arn:aws:s3:::reports/*"));
    let alice_trusted = trusts(json!({"AWS": alice}));
    let mut out = vec![
        Case {
            name: "identity: the permissions policy lacks the action",
            scenario: scenario(json!([user("alice", allow("s3:GetObject", "arn:aws:s3:::reports/*"))]), json!([alice_reads("s3:PutObject")])),
            step: "call", to: None, layer: "identity",
            summary: "Allow `s3:PutObject` on `arn:aws:s3:::reports/q1.csv` in the permissions policy `alice-policy` of user `alice`".into(),
        },
        Case {
            name: "identity: a user with no policy gets a new inline one",
            scenario: scenario(json!([{"type": "user", "arn": alice}]), json!([alice_reads("s3:GetObject")])),
            step: "call", to: None, layer: "identity",
            summary: "Allow `s3:GetObject` on `arn:aws:s3:::reports/q1.csv` in a new inline policy `Allow-s3-GetObject` of user `alice`".into(),
        },
        Case {
            name: "group: a group policy denies",
            scenario: scenario(json!([
                {"type": "group", "arn": format!("arn:aws:iam::{A}:group/devs"), "policies": [{"name": "NoDelete", "document": {"Version": "2012-10-17", "Statement": [{"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}}]},
                {"type": "user", "arn": alice, "groups": [format!("arn:aws:iam::{A}:group/devs")], "policies": [{"name": "s3", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}}]}
            ]), json!([alice_reads("s3:DeleteObject")])),
            step: "call", to: None, layer: "group",
            summary: format!("Add an exception for user `alice` (`ArnNotLike` `aws:PrincipalArn` `{alice}`) to the deny statement `NoDelete` in the policy `NoDelete` of group `devs`"),
        },
        Case {
            name: "trust: the trust policy names someone else",
            scenario: scenario(json!([app_role(alice_trusted.clone()), user("bob", allow("sts:AssumeRole", &app))]),
                json!([{"id": "a", "as": bob, "action": "sts:AssumeRole", "params": {"RoleArn": app, "RoleSessionName": "s1"}}])),
            step: "a", to: None, layer: "trust",
            summary: format!("Add `{bob}` to the trust policy's `Principal` (statement 1 of role `App`)"),
        },
        Case {
            name: "boundary: the permissions boundary caps the action",
            scenario: scenario(json!([{"type": "user", "arn": alice,
                "policies": [{"name": "all", "document": {"Version": "2012-10-17", "Statement": allow("s3:*", "*")}}],
                "permissionsBoundary": {"name": "ReadOnly", "document": {"Version": "2012-10-17", "Statement": allow("s3:GetObject", "*")}}}]),
                json!([alice_reads("s3:PutObject")])),
            step: "call", to: None, layer: "boundary",
            summary: "Allow `s3:PutObject` on `arn:aws:s3:::reports/q1.csv` in the permissions boundary `ReadOnly` of `alice`".into(),
        },
        Case {
            name: "session: the session policy scopes the action out",
            scenario: scenario(json!([role(&app, alice_trusted.clone(), allow("s3:*", "*")), alice_may_assume(&app)]),
                json!([assume("a", &app, json!({"Policy": {"Version": "2012-10-17", "Statement": allow("s3:ListBucket", "*")}})), read.clone()])),
            step: "read", to: None, layer: "session",
            summary: "Allow `s3:GetObject` on `arn:aws:s3:::reports/q1.csv` in the session policy passed by step `a`".into(),
        },
        Case {
            name: "kms: the key policy does not name the caller",
            scenario: scenario(json!([role(&app, alice_trusted.clone(), allow("kms:Decrypt", "*")), alice_may_assume(&app)]).as_array().cloned().map(Value::Array).unwrap(),
                json!([assume("a", &app, json!({})), {"id": "dec", "as": "a", "action": "kms:Decrypt", "resource": key}])),
            step: "dec", to: None, layer: "kmsKeyPolicy",
            summary: format!("Allow role `App` to call `kms:Decrypt` on `{key}` in a key policy on `{key}` (its account must grant it)"),
        },
        Case {
            name: "kms: a key policy that delegates to IAM needs the identity policy",
            scenario: json!({"roleplay": 1,
                "principals": [role(&app, alice_trusted.clone(), allow("s3:GetObject", "*")), alice_may_assume(&app)],
                "resources": [{"arn": key, "policy": {"Version": "2012-10-17", "Statement": [{"Sid": "EnableIam", "Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{A}:root")}, "Action": "kms:*", "Resource": "*"}]}}],
                "steps": [assume("a", &app, json!({})), {"id": "dec", "as": "a", "action": "kms:Decrypt", "resource": key}]}),
            step: "dec", to: None, layer: "identity",
            summary: format!("Allow `kms:Decrypt` on `{key}` in the permissions policy `Work` of role `App`"),
        },
        Case {
            name: "cross-account: both sides name their missing piece",
            scenario: json!({"roleplay": 1,
                "principals": [role(&format!("arn:aws:iam::{B}:role/Reader"), trusts(json!({"AWS": format!("arn:aws:iam::{B}:user/ops")})), allow("s3:ListBucket", "*")),
                               {"type": "user", "arn": format!("arn:aws:iam::{B}:user/ops"), "policies": [{"name": "p", "document": {"Version": "2012-10-17", "Statement": allow("sts:AssumeRole", "*")}}]}],
                "resources": [{"arn": "arn:aws:s3:::reports", "account": A}],
                "steps": [{"id": "a", "as": format!("arn:aws:iam::{B}:user/ops"), "action": "sts:AssumeRole", "params": {"RoleArn": format!("arn:aws:iam::{B}:role/Reader"), "RoleSessionName": "s1"}}, read.clone()]}),
            step: "read", to: None, layer: "identity",
            summary: "Allow `s3:GetObject` on `arn:aws:s3:::reports/q1.csv` in the permissions policy `Work` of role `Reader`; and allow role `Reader` to call `s3:GetObject` on `arn:aws:s3:::reports/q1.csv` in a resource-based policy on `arn:aws:s3:::reports` (its account must grant it)".into(),
        },
        Case {
            name: "resource: a bucket policy for a caller from another account",
            scenario: json!({"roleplay": 1,
                "principals": [role(&format!("arn:aws:iam::{B}:role/Reader"), trusts(json!({"AWS": format!("arn:aws:iam::{B}:user/ops")})), allow("s3:GetObject", "*")),
                               {"type": "user", "arn": format!("arn:aws:iam::{B}:user/ops"), "policies": [{"name": "p", "document": {"Version": "2012-10-17", "Statement": allow("sts:AssumeRole", "*")}}]}],
                "resources": [{"arn": "arn:aws:s3:::reports", "account": A, "policy": {"Version": "2012-10-17", "Statement": [{"Sid": "Partners", "Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{B}:role/Other")}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}}],
                "steps": [{"id": "a", "as": format!("arn:aws:iam::{B}:user/ops"), "action": "sts:AssumeRole", "params": {"RoleArn": format!("arn:aws:iam::{B}:role/Reader"), "RoleSessionName": "s1"}}, read.clone()]}),
            step: "read", to: None, layer: "resource",
            // A statement for exactly the request grants less than adding the caller to a
            // statement on `reports/*`.
            summary: "Allow role `Reader` to call `s3:GetObject` on `arn:aws:s3:::reports/q1.csv` in the resource-based policy of `arn:aws:s3:::reports`".into(),
        },
        Case {
            name: "scp: a deny attached to an OU, with its owner named",
            scenario: json!({"roleplay": 1,
                "organization": {"id": "o-a1b2c3d4e5", "managementAccount": "999988887777", "accounts": {A: ["ou-ab12-prod"]},
                    "scps": [{"name": "FullAWSAccess", "targets": ["root", "ou-ab12-prod", A], "document": {"Version": "2012-10-17", "Statement": allow("*", "*")}},
                             {"name": "NoDeletes", "targets": ["ou-ab12-prod"], "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]}}]},
                "principals": [user("alice", allow("s3:*", "*"))],
                "steps": [{"id": "call", "as": alice, "action": "s3:DeleteBucket", "resource": "arn:aws:s3:::reports"}]}),
            step: "call", to: None, layer: "scp",
            summary: format!("Add an exception for user `alice` (`ArnNotLike` `aws:PrincipalArn` `{alice}`) to the deny statement 1 in the SCP `NoDeletes` attached to `ou-ab12-prod` (owned by the organization's management account `999988887777`)"),
        },
        Case {
            name: "scp: a call outside the allowed region is made in it",
            scenario: json!({"roleplay": 1,
                "organization": {"id": "o-a1b2c3d4e5", "managementAccount": "999988887777", "accounts": {A: []},
                    "scps": [{"name": "FullAWSAccess", "targets": ["root", A], "document": {"Version": "2012-10-17", "Statement": allow("*", "*")}},
                             {"name": "EuOnly", "targets": [A], "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "ec2:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}}]}}]},
                "principals": [user("alice", allow("ec2:*", "*"))],
                "steps": [{"id": "call", "as": alice, "action": "ec2:RunInstances", "resource": "*", "context": {"aws:RequestedRegion": "us-east-1"}}]}),
            step: "call", to: None, layer: "requestContext",
            summary: "Make the call with `aws:RequestedRegion` = `eu-west-1`".into(),
        },
        Case {
            name: "rcp: a resource control policy denies, with its owner named",
            scenario: json!({"roleplay": 1,
                "organization": {"id": "o-a1b2c3d4e5", "managementAccount": "999988887777", "accounts": {A: []},
                    "rcps": [{"name": "NoReads", "targets": ["root"], "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}}]},
                "principals": [user("alice", allow("s3:*", "*"))],
                "resources": [{"arn": "arn:aws:s3:::reports", "account": A}],
                "steps": [alice_reads("s3:GetObject")]}),
            step: "call", to: None, layer: "rcp",
            summary: format!("Add an exception for user `alice` (`ArnNotLike` `aws:PrincipalArn` `{alice}`) to the deny statement 1 in the RCP `NoReads` attached to `root` (owned by the organization's management account `999988887777`)"),
        },
    ];
    out.extend(sts_cases(&app, &vendor, &alice));
    out.extend(service_cases(&alice));
    out
}

/// Issue 17: a VPC endpoint policy, S3 Block Public Access, GetSessionToken without MFA, a federated
/// user without a session policy.
fn service_cases(alice: &str) -> Vec<Case> {
    let obj = "arn:aws:s3:::reports/q1.csv";
    let admin = user("alice", allow("*", "*"));
    let endpoint = json!([{"id": "vpce-0a1b2c3d", "vpc": "vpc-0abc", "account": A, "service": "s3",
        "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}}]);
    let mut through = scenario(
        json!([admin.clone()]),
        json!([{"id": "put", "as": alice, "action": "s3:PutObject", "resource": obj, "via": {"vpcEndpoint": "vpce-0a1b2c3d"}}]),
    );
    through["vpcEndpoints"] = endpoint;
    let public = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]});
    let mut blocked = scenario(
        json!([admin.clone()]),
        json!([{"id": "put", "as": alice, "action": "s3:PutBucketPolicy", "resource": "arn:aws:s3:::reports", "params": {"Policy": public}}]),
    );
    blocked["resources"] = json!([{"arn": "arn:aws:s3:::reports", "account": A, "s3BlockPublicAccess": {"BlockPublicPolicy": true}}]);
    let gst = scenario(
        json!([admin.clone()]),
        json!([{"id": "gst", "as": alice, "action": "sts:GetSessionToken"}, {"id": "list", "as": "gst", "action": "iam:ListUsers"}]),
    );
    let gft = scenario(
        json!([admin]),
        json!([{"id": "gft", "as": alice, "action": "sts:GetFederationToken", "params": {"Name": "bob"}}, {"id": "get", "as": "gft", "action": "s3:GetObject", "resource": obj}]),
    );
    vec![
        Case {
            name: "VPC endpoint policy: the endpoint's policy lacks the action",
            scenario: through,
            step: "put", to: None, layer: "vpcEndpoint",
            summary: format!("Allow `s3:PutObject` on `{obj}` in the policy of VPC endpoint `vpce-0a1b2c3d`"),
        },
        Case {
            name: "S3 Block Public Access: BlockPublicPolicy refuses a public bucket policy",
            scenario: blocked,
            step: "put", to: None, layer: "serviceSetting",
            summary: "Turn off `BlockPublicPolicy` of S3 Block Public Access wherever it is on for this bucket (1 level) — S3 then accepts bucket policies that grant public access; a policy that names fixed principals, or a fixed `aws:SourceVpc`/`aws:SourceVpce`, passes with it on".into(),
        },
        Case {
            name: "GetSessionToken credentials without MFA call IAM",
            scenario: gst,
            step: "list", to: None, layer: "requestParameter",
            summary: format!("Sign the GetSessionToken call of step `gst` with MFA (`SerialNumber` `arn:aws:iam::{A}:mfa/alice` and `TokenCode`)"),
        },
        Case {
            name: "a federated user without a session policy has no permissions",
            scenario: gft,
            step: "get", to: None, layer: "session",
            summary: format!("Pass a session policy (`Policy`) that allows `s3:GetObject` on `{obj}` in the GetFederationToken call of step `gft`"),
        },
    ]
}

fn sts_cases(app: &str, vendor: &str, alice: &str) -> Vec<Case> {
    let with_condition = |condition: Value| json!([{"Effect": "Allow", "Principal": {"AWS": alice}, "Action": "sts:AssumeRole", "Condition": condition}]);
    let ext = with_condition(json!({"StringEquals": {"sts:ExternalId": "acme-42"}}));
    let vendor_role = |trust: Value| role(vendor, trust, allow("s3:GetObject", "*"));
    let assume_only = |trust: Value| {
        scenario(
            json!([vendor_role(trust), alice_may_assume(vendor)]),
            json!([]),
        )
    };
    let with_steps = |mut s: Value, steps: Value| {
        s["steps"] = steps;
        s
    };
    let read = json!({"id": "read", "as": "a", "action": "s3:GetObject", "resource": "arn:aws:s3:::reports/q1.csv"});
    let gh = "token.actions.githubusercontent.com";
    let oidc = json!({"type": "oidcProvider", "arn": format!("arn:aws:iam::{A}:oidc-provider/{gh}"), "audiences": ["sts.amazonaws.com"]});
    let gh_trust = json!([{"Effect": "Allow", "Principal": {"Federated": format!("arn:aws:iam::{A}:oidc-provider/{gh}")}, "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringEquals": {format!("{gh}:aud"): "sts.amazonaws.com", format!("{gh}:sub"): "repo:acme/app:ref:refs/heads/main"}}}]);
    let web = |claims: Value| {
        json!({"id": "a", "as": {"webIdentity": {"provider": gh, "claims": claims}}, "action": "sts:AssumeRoleWithWebIdentity",
        "params": {"RoleArn": app, "RoleSessionName": "gh"}})
    };
    let okta = format!("arn:aws:iam::{A}:saml-provider/Okta");
    let saml_trust = json!([{"Effect": "Allow", "Principal": {"Federated": okta}, "Action": "sts:AssumeRoleWithSAML",
        "Condition": {"StringEquals": {"saml:aud": "https://signin.aws.amazon.com/saml"}}}]);
    vec![
        Case {
            name: "ExternalId missing",
            scenario: with_steps(assume_only(ext.clone()), json!([assume("a", vendor, json!({}))])),
            step: "a", to: None, layer: "requestParameter",
            summary: "Pass `ExternalId` `acme-42` in the AssumeRole call".into(),
        },
        Case {
            name: "ExternalId wrong",
            scenario: with_steps(assume_only(ext), json!([assume("a", vendor, json!({"ExternalId": "globex-7"}))])),
            step: "a", to: None, layer: "requestParameter",
            summary: "Pass `ExternalId` `acme-42` in the AssumeRole call".into(),
        },
        Case {
            name: "MFA required by the trust policy",
            scenario: with_steps(assume_only(with_condition(json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}}))), json!([assume("a", vendor, json!({}))])),
            step: "a", to: None, layer: "requestParameter",
            summary: format!("Sign the AssumeRole call with MFA (`SerialNumber` `arn:aws:iam::{A}:mfa/alice` and `TokenCode`)"),
        },
        Case {
            name: "source identity needs sts:SetSourceIdentity",
            scenario: with_steps(assume_only(json!([{"Effect": "Allow", "Principal": {"AWS": alice}, "Action": "sts:AssumeRole"}])),
                json!([assume("a", vendor, json!({"SourceIdentity": "alice"}))])),
            step: "a", to: None, layer: "trust",
            summary: "Add `sts:SetSourceIdentity` to the `Action` of statement 1 in the trust policy of role `Vendor`".into(),
        },
        Case {
            name: "session tags need sts:TagSession",
            scenario: with_steps(assume_only(json!([{"Effect": "Allow", "Principal": {"AWS": alice}, "Action": "sts:AssumeRole"}])),
                json!([assume("a", vendor, json!({"Tags": [{"Key": "team", "Value": "blue"}]}))])),
            step: "a", to: None, layer: "trust",
            summary: "Add `sts:TagSession` to the `Action` of statement 1 in the trust policy of role `Vendor`".into(),
        },
        Case {
            name: "DurationSeconds over MaxSessionDuration",
            scenario: with_steps(assume_only(trusts(json!({"AWS": alice}))), json!([assume("a", vendor, json!({"DurationSeconds": 7200}))])),
            step: "a", to: None, layer: "requestParameter",
            summary: "Request `DurationSeconds` ≤ 3600 (the role's MaxSessionDuration)".into(),
        },
        Case {
            name: "the chaining cap cannot be raised",
            scenario: scenario(json!([
                    {"type": "role", "arn": app, "maxSessionDuration": 43200, "trustPolicy": {"Version": "2012-10-17", "Statement": trusts(json!({"AWS": vendor}))}},
                    role(vendor, trusts(json!({"AWS": alice})), allow("sts:AssumeRole", "*")), alice_may_assume(vendor)]),
                json!([assume("v", vendor, json!({})), {"id": "chain", "as": "v", "action": "sts:AssumeRole", "params": {"RoleArn": app, "RoleSessionName": "c1", "DurationSeconds": 7200}}])),
            step: "chain", to: None, layer: "requestParameter",
            summary: "Request `DurationSeconds` ≤ 3600 (role chaining caps sessions at one hour; the cap cannot be raised)".into(),
        },
        Case {
            name: "an expired session: call before it expires",
            scenario: with_steps(assume_only(trusts(json!({"AWS": alice}))), json!([assume("a", vendor, json!({})), {"id": "read", "at": "+2h", "as": "a", "action": "s3:GetObject", "resource": "arn:aws:s3:::reports/q1.csv"}])),
            step: "read", to: None, layer: "timing",
            summary: "Call before the session of step `a` expires at 2026-01-01T01:00:00Z: make this call at 2026-01-01T00:59:00Z".into(),
        },
        Case {
            name: "an expired session past any earlier call: assume again",
            scenario: with_steps(assume_only(trusts(json!({"AWS": alice}))), json!([assume("a", vendor, json!({})),
                {"id": "later", "at": "+2h", "as": alice, "action": "sts:GetCallerIdentity"},
                {"id": "read", "as": "a", "action": "s3:GetObject", "resource": "arn:aws:s3:::reports/q1.csv"}])),
            step: "read", to: None, layer: "timing",
            summary: "Assume the role again (as step `a` did) right before this call: a new session".into(),
        },
        Case {
            name: "a revoked session: assume again after the revocation",
            scenario: with_steps(assume_only(trusts(json!({"AWS": alice}))), json!([assume("a", vendor, json!({})),
                {"at": "+5m", "revokeSessions": vendor}, {"id": "read", "at": "+1m", "as": "a", "action": "s3:GetObject", "resource": "arn:aws:s3:::reports/q1.csv"}])),
            step: "read", to: None, layer: "timing",
            summary: "Assume the role again (as step `a` did) after the revocation: `AWSRevokeOlderSessions` denies sessions issued before it".into(),
        },
        Case {
            name: "web identity: the token's sub is not the trusted branch",
            scenario: scenario(json!([oidc.clone(), role(app, gh_trust.clone(), allow("s3:GetObject", "*"))]),
                json!([web(json!({"aud": "sts.amazonaws.com", "sub": "repo:acme/app:pull_request"}))])),
            step: "a", to: None, layer: "requestContext",
            summary: "Present a token whose `sub` claim is `repo:acme/app:ref:refs/heads/main`".into(),
        },
        Case {
            name: "web identity: the token's aud is not the provider's",
            scenario: scenario(json!([oidc, role(app, gh_trust.clone(), allow("s3:GetObject", "*"))]),
                json!([web(json!({"aud": "sigstore", "sub": "repo:acme/app:ref:refs/heads/main"}))])),
            step: "a", to: None, layer: "requestContext",
            summary: "Present a token whose `aud` claim is `sts.amazonaws.com`".into(),
        },
        Case {
            name: "web identity: no provider in the account",
            scenario: scenario(json!([role(app, gh_trust, allow("s3:GetObject", "*"))]),
                json!([web(json!({"aud": "sts.amazonaws.com", "sub": "repo:acme/app:ref:refs/heads/main"}))])),
            step: "a", to: None, layer: "identityProvider",
            summary: format!("Add the OIDC identity provider `{gh}` to account `{A}` (audience `sts.amazonaws.com`)"),
        },
        Case {
            name: "SAML: the assertion's audience",
            scenario: scenario(json!([{"type": "samlProvider", "arn": okta}, role(app, saml_trust, allow("s3:GetObject", "*"))]),
                json!([{"id": "a", "as": {"saml": {"provider": okta, "attributes": {"https://aws.amazon.com/SAML/Attributes/RoleSessionName": "alice", "saml:aud": "https://example.com/app"}}},
                        "action": "sts:AssumeRoleWithSAML", "params": {"RoleArn": app}}])),
            step: "a", to: None, layer: "requestContext",
            summary: "Send the SAML assertion with `saml:aud` = `https://signin.aws.amazon.com/saml`".into(),
        },
        Case {
            name: "a role that does not exist",
            scenario: with_steps(assume_only(trusts(json!({"AWS": alice}))), json!([assume("a", &format!("arn:aws:iam::{A}:role/vendor"), json!({}))])),
            step: "a", to: None, layer: "requestParameter",
            summary: format!("Assume `{vendor}`, a role that exists (`arn:aws:iam::{A}:role/vendor` does not)"),
        },
        Case {
            name: "security review: an allowed step that should be denied",
            scenario: scenario(json!([user("alice", json!([{"Effect": "Allow", "Action": ["s3:GetObject", "s3:DeleteObject"], "Resource": "*"}]))]),
                json!([{"id": "del", "as": alice, "action": "s3:DeleteObject", "resource": "arn:aws:s3:::reports/q1.csv", "expect": "implicitDeny"},
                       {"id": "get", "as": alice, "action": "s3:GetObject", "resource": "arn:aws:s3:::reports/q1.csv"}])),
            step: "del", to: None, layer: "identity",
            summary: "Remove `s3:DeleteObject` from the `Action` of statement 1 in the permissions policy `alice-policy` of user `alice`".into(),
        },
        Case {
            name: "security review: an explicit deny for exactly the request",
            scenario: scenario(json!([user("alice", allow("s3:*", "*"))]),
                json!([{"id": "del", "as": alice, "action": "s3:DeleteObject", "resource": "arn:aws:s3:::reports/q1.csv"}])),
            step: "del", to: Some("explicitDeny"), layer: "identity",
            summary: "Deny `s3:DeleteObject` on `arn:aws:s3:::reports/q1.csv` to user `alice` in the permissions policy `alice-policy` of user `alice`".into(),
        },
        Case {
            name: "a call with the credentials of a failed assume: fix that step",
            scenario: with_steps(assume_only(trusts(json!({"AWS": format!("arn:aws:iam::{A}:user/bob")}))), json!([assume("a", vendor, json!({})), read])),
            step: "read", to: None, layer: "trust",
            summary: format!("Add `{alice}` to the trust policy's `Principal` (statement 1 of role `Vendor`)"),
        },
    ]
}

#[test]
fn each_case_gets_its_expected_first_fix_and_it_verifies() {
    let cases = cases();
    assert!(cases.len() >= 25, "{} cases", cases.len());
    let mut wrong = Vec::new();
    for case in &cases {
        let text = case.scenario.to_string();
        let options = Options {
            target: case.to,
            ..Options::default()
        };
        let report = match fix(&text, case.step, &options) {
            Ok(r) => r,
            Err(e) => {
                wrong.push(format!("{}: {e}", case.name));
                continue;
            }
        };
        let Some(first) = report.fixes.first() else {
            wrong.push(format!("{}: no fix ({:?})", case.name, report.reason));
            continue;
        };
        if first.layer.as_str() != case.layer || first.summary != case.summary {
            wrong.push(format!(
                "{}:\n   got [{}] {}\n  want [{}] {}",
                case.name,
                first.layer.as_str(),
                first.summary,
                case.layer,
                case.summary
            ));
        }
        let mut doc = case.scenario.clone();
        json_patch::patch(&mut doc, &first.patch).unwrap();
        let rerun = roleplay_sim::run_text(&doc.to_string()).unwrap();
        let target = rerun
            .steps
            .iter()
            .rev()
            .find(|s| s.id.as_deref() == Some(case.step))
            .unwrap();
        let reached = match case.to {
            Some("explicitDeny") => target.decision == "explicitDeny",
            _ => {
                report.to == "allowed" && target.decision == "allowed"
                    || report.to != "allowed" && target.decision != "allowed"
            }
        };
        assert!(reached, "{}: the first fix does not verify", case.name);
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases differ:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

/// A service-linked role refuses IAM's edits even to an administrator: no fix, and the reason says
/// AWS changes it.
#[test]
fn a_protected_role_has_no_fix_and_says_why() {
    let slr = format!(
        "arn:aws:iam::{A}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport"
    );
    let s = scenario(
        json!([user("alice", allow("*", "*"))]),
        json!([{"id": "detach", "as": format!("arn:aws:iam::{A}:user/alice"), "action": "iam:DetachRolePolicy", "resource": slr}]),
    );
    let report = fix(&s.to_string(), "detach", &Options::default()).unwrap();
    assert_eq!(report.from, "UnmodifiableEntity");
    assert!(report.fixes.is_empty(), "{:?}", report.fixes);
    let reason = report.reason.unwrap();
    assert!(reason.starts_with("a service-linked role (or an IAM Identity Center role) cannot be edited through IAM: AWS changes it"), "{reason}");
}

#[test]
fn over_max_session_duration_the_role_maximum_may_be_raised_but_the_request_comes_first() {
    let vendor = format!("arn:aws:iam::{A}:role/Vendor");
    let alice = format!("arn:aws:iam::{A}:user/alice");
    let s = scenario(
        json!([
            role(
                &vendor,
                trusts(json!({"AWS": alice})),
                allow("s3:GetObject", "*")
            ),
            alice_may_assume(&vendor)
        ]),
        json!([assume("a", &vendor, json!({"DurationSeconds": 7200}))]),
    );
    let report = fix(&s.to_string(), "a", &Options::default()).unwrap();
    let layers: Vec<&str> = report.fixes.iter().map(|f| f.layer.as_str()).collect();
    assert_eq!(layers, ["requestParameter", "role"]);
    assert_eq!(
        report.fixes[1].summary,
        "Raise the `MaxSessionDuration` of role `Vendor` to 7200 seconds"
    );
}

/// With the catalog, "also grants" counts the actions a fix newly allows, by access level.
#[test]
fn with_the_catalog_a_removed_condition_lists_the_actions_it_also_grants() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../catalog/tests/fixtures/catalog.json"
    ))
    .unwrap();
    let catalog = roleplay_catalog::Catalog::from_json(&text).unwrap();
    let alice = format!("arn:aws:iam::{A}:user/alice");
    let s = scenario(
        json!([user(
            "alice",
            json!([{"Effect": "Allow", "Action": "s3:*", "Resource": "*",
            "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}])
        )]),
        json!([{"id": "get", "as": alice, "action": "s3:GetObject", "resource": "arn:aws:s3:::reports/q1.csv", "context": {"aws:RequestedRegion": "us-east-1"}}]),
    );
    let options = Options {
        max: 20,
        catalog: Some(&catalog),
        ..Options::default()
    };
    let report = fix(&s.to_string(), "get", &options).unwrap();
    assert_eq!(
        report.fixes[0].summary,
        "Make the call with `aws:RequestedRegion` = `eu-west-1`"
    );
    assert_eq!(
        report.fixes[0]
            .grants_also
            .actions
            .as_ref()
            .map(|a| a.count),
        Some(0)
    );
    let removed = report
        .fixes
        .iter()
        .find(|f| f.summary.starts_with("Remove the `StringEquals` condition"))
        .unwrap();
    let actions = removed.grants_also.actions.as_ref().unwrap();
    assert!(actions.count >= 2, "{actions:?}");
    let listed: Vec<&str> = actions
        .by_level
        .iter()
        .flat_map(|l| l.sample.iter().map(String::as_str))
        .collect();
    assert!(listed.contains(&"s3:PutObject"), "{listed:?}");
    assert!(
        !listed.contains(&"s3:GetObject"),
        "the step's own action is not 'also'"
    );
}
