//! Importing an error (issue 18): every documented AccessDenied form, a CloudTrail event and a decoded
//! authorization message become a scenario that reads back, whose one step makes the denied request
//! with `expect` set to AWS's answer, and whose left-out notes name the blamed policy type and what to
//! import next.
#![cfg(test)]

use roleplay_sim::import::from_aws;

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/errors")
        .join(name);
    std::fs::read_to_string(path).unwrap_or_default()
}

/// (fixture, `as`, action, resource, expect, a phrase of the first note)
const CASES: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("identity-implicit.txt", r#""arn:aws:iam::111122223333:user/mary""#, "iam:ListRoles", "arn:aws:iam::111122223333:role/", "implicitDeny", "AWS blamed no allow in an identity-based policy; import the caller's policies: `aws iam get-account-authorization-details`"),
    ("scp-explicit.txt", r#"{"session":{"role":"arn:aws:iam::111122223333:role/Deployer","name":"build-42"}}"#, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:instance/*", "explicitDeny", "AWS blamed an explicit deny in a service control policy; import the SCPs"),
    ("s3-resource-explicit.txt", r#""arn:aws:iam::111122223333:user/mary""#, "s3:GetObject", "arn:aws:s3:::reports/q3.csv", "explicitDeny", "`aws s3api get-bucket-policy --bucket reports`"),
    ("boundary-implicit.txt", r#""arn:aws:iam::111122223333:user/dev""#, "iam:CreateRole", "arn:aws:iam::111122223333:role/new", "implicitDeny", "no allow in a permissions boundary"),
    ("session-policy-implicit.txt", r#"{"session":{"role":"arn:aws:iam::111122223333:role/Reader","name":"alice"}}"#, "s3:PutObject", "arn:aws:s3:::reports/x", "implicitDeny", "in a session policy; import the session policy"),
    ("vpce-transitive.txt", r#"{"session":{"role":"arn:aws:iam::111122223333:role/role-name","name":"role-session-name"}}"#, "SNS:Publish", "arn:aws:sns:us-east-1:444455556666:topic", "explicitDeny", "an explicit deny in a VPC endpoint policy; import the VPC endpoint policy"),
    ("resource-implicit-no-resource.txt", r#""arn:aws:iam::111122223333:user/mary""#, "s3:GetObject", "*", "implicitDeny", "no allow in a resource-based policy"),
    ("older-form.txt", r#""arn:aws:iam::111122223333:user/bob""#, "sts:AssumeRole", "arn:aws:iam::444455556666:role/Audit", "AccessDenied", "AWS reported a denial; import the policies"),
    ("kms-this-resource.txt", r#"{"session":{"role":"arn:aws:iam::111122223333:role/App","name":"i-0abc"}}"#, "kms:GenerateDataKey", "*", "implicitDeny", "identity-based policy"),
    ("cloudtrail.json", r#"{"session":{"role":"arn:aws:iam::111122223333:role/ReportsReader","name":"alice"}}"#, "s3:GetObject", "arn:aws:s3:::reports-bucket/q3.csv", "implicitDeny", "no allow in a VPC endpoint policy"),
    ("cloudtrail-ec2.json", r#""arn:aws:iam::111122223333:user/dev""#, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:instance/*", "explicitDeny", "an explicit deny in an identity-based policy"),
    ("decoded.json", r#"{"session":{"role":"arn:aws:iam::111122223333:role/Developer","name":"Ana"}}"#, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:instance/*", "explicitDeny", "AWS reported an explicit deny"),
];

#[test]
fn every_error_form_becomes_a_scenario() {
    for (name, caller, action, resource, expect, note) in CASES {
        let imported = from_aws(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let json = serde_json::to_string(&imported.scenario).unwrap_or_default();
        let back = roleplay_sim::read(&json)
            .unwrap_or_else(|e| panic!("{name}: does not read back: {e}\n{json}"));
        let step = &back.steps[0];
        assert_eq!(
            serde_json::to_string(&step.caller).unwrap_or_default(),
            *caller,
            "{name}"
        );
        assert_eq!(step.action.as_deref(), Some(*action), "{name}");
        assert_eq!(step.resource.as_deref(), Some(*resource), "{name}");
        assert_eq!(step.expect.as_deref(), Some(*expect), "{name}");
        assert!(
            imported.skipped.iter().any(|s| s.contains(note)),
            "{name}: {:?}",
            imported.skipped
        );
        // The description's first paragraph (the page's lead line) is a whole sentence; the list
        // of what was left out follows it.
        let description = back.description.as_deref().unwrap_or_default();
        let lead = description.split("\n\n").next().unwrap_or_default();
        assert!(
            lead.starts_with("Imported from an AccessDenied error; ")
                && lead.ends_with("left out."),
            "{name}: {lead}"
        );
        assert!(description.contains(note), "{name}: {description}");
        // It runs; without the policies the step is denied (or fails), never allowed.
        let result = roleplay_sim::run(&back);
        assert_ne!(result.steps[0].decision, "allowed", "{name}");
    }
}

#[test]
fn cloudtrail_carries_the_request_context_and_the_clock() {
    let imported = from_aws(&fixture("cloudtrail.json")).unwrap_or_else(|e| panic!("{e}"));
    let s = &imported.scenario;
    assert_eq!(s.start.as_deref(), Some("2026-11-30T10:04:05Z"));
    let context = serde_json::to_value(&s.steps[0].context).unwrap_or_default();
    assert_eq!(
        context,
        serde_json::json!({"aws:RequestedRegion": "eu-west-1", "aws:SourceIp": "203.0.113.7", "aws:SourceVpce": "vpce-0a1b2c3d", "aws:UserAgent": "aws-cli/2.17.0"})
    );
    // The decoded message's real condition keys come along; its pseudo keys do not.
    let decoded = from_aws(&fixture("decoded.json")).unwrap_or_else(|e| panic!("{e}"));
    let context = serde_json::to_value(&decoded.scenario.steps[0].context).unwrap_or_default();
    assert_eq!(context, serde_json::json!({"ec2:InstanceType": "t2.micro"}));
    assert!(
        decoded.skipped.iter().any(|s| s.contains("VisualEditor0")),
        "{:?}",
        decoded.skipped
    );
}

#[test]
fn events_that_are_not_denials_say_so() {
    let ok = r#"{"eventSource": "s3.amazonaws.com", "eventName": "GetObject", "userIdentity": {"arn": "arn:aws:iam::1:user/a"}}"#;
    assert_eq!(
        from_aws(ok).err().as_deref(),
        Some("this CloudTrail event is not a denial (errorCode: none)")
    );
    // Found by the import fuzz target: a message whose action is no service:Action.
    let mangled = "User: arn:aws:iam::111122223333:user/mary is not authorized to perform: s3SessionDct because no resource-based policy allows the s3:GetObject action";
    assert_eq!(
        from_aws(mangled).err().as_deref(),
        Some("the error's action \"s3SessionDct\" is not service:Action (e.g. s3:GetObject)")
    );
    let federated = "User: arn:aws:sts::111122223333:federated-user/bob is not authorized to perform: s3:GetObject";
    assert_eq!(
        from_aws(federated).err().as_deref(),
        Some("the caller \"arn:aws:sts::111122223333:federated-user/bob\" is not a user, a role session or a root user that roleplay simulates")
    );
}
