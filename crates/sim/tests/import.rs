//! Import from AWS CLI output: realistic fixtures (written for these tests) become scenarios that read
//! back, run, and say what was left out.
#![allow(
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly on purpose"
)]

use roleplay_sim::import::from_aws;
use roleplay_sim::{read, PrincipalDef};

fn import(name: &str) -> roleplay_sim::import::Imported {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/aws-cli")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    match from_aws(&text) {
        Ok(i) => {
            // What we import is a valid scenario: it reads back and runs without errors in its policies.
            let json = serde_json::to_string_pretty(&i.scenario).unwrap_or_default();
            let Ok(back) = read(&json) else {
                panic!("{name}: the imported scenario does not read back:\n{json}")
            };
            let result = roleplay_sim::run(&back);
            let errors: Vec<_> = result
                .findings
                .iter()
                .filter(|f| f.severity == roleplay_policy::Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{name}: {errors:?}");
            i
        }
        Err(e) => panic!("{name}: {e}"),
    }
}

#[test]
fn get_role_keeps_trust_tags_duration_and_reports_the_missing_boundary() {
    let i = import("get-role.json");
    let PrincipalDef::Role(r) = &i.scenario.principals[0] else {
        panic!("not a role")
    };
    assert_eq!(r.arn, "arn:aws:iam::444455556666:role/deploy/Deploy");
    assert_eq!(r.max_session_duration, Some(7200));
    assert_eq!(r.tags.get("team").map(String::as_str), Some("platform"));
    assert!(r.trust_policy.text().contains("sts:ExternalId"));
    assert!(r.permissions_boundary.is_none());
    assert!(
        i.skipped.iter().any(|s| s.contains("DeployBoundary")),
        "{:?}",
        i.skipped
    );
}

#[test]
fn url_encoded_trust_policies_are_decoded() {
    let i = import("get-role-raw-api.json");
    let PrincipalDef::Role(r) = &i.scenario.principals[0] else {
        panic!("not a role")
    };
    assert!(r.trust_policy.text().contains("\"ec2.amazonaws.com\""));
    assert!(i.skipped.is_empty());
}

#[test]
fn a_lone_policy_lands_on_a_placeholder_and_says_so() {
    let i = import("get-role-policy.json");
    let PrincipalDef::Role(r) = &i.scenario.principals[0] else {
        panic!("not a role")
    };
    assert_eq!(r.policies[0].name, "DeployAccess");
    assert_eq!(i.skipped.len(), 1);
    let i = import("get-policy-version.json");
    let PrincipalDef::User(u) = &i.scenario.principals[0] else {
        panic!("not a user")
    };
    assert!(u.policies[0].document.text().contains("dynamodb:Query"));
}

#[test]
fn authorization_details_bring_users_groups_roles_and_default_versions() {
    let i = import("account-authorization-details.json");
    let kinds: Vec<&str> = i
        .scenario
        .principals
        .iter()
        .map(|p| match p {
            PrincipalDef::Role(_) => "role",
            PrincipalDef::Group(_) => "group",
            PrincipalDef::User(_) => "user",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["role", "role", "group", "user"]);
    let PrincipalDef::Role(deploy) = &i.scenario.principals[0] else {
        panic!("not a role")
    };
    // The managed policy comes with its default version (v2), not v1.
    let devtools = deploy
        .policies
        .iter()
        .find(|p| p.arn.as_deref() == Some("arn:aws:iam::111122223333:policy/DevTools"));
    assert!(devtools.is_some_and(|p| p.document.text().contains("codebuild:StartBuild")));
    let PrincipalDef::Role(slr) = &i.scenario.principals[1] else {
        panic!("not a role")
    };
    assert_eq!(slr.service_linked, Some(true));
    let PrincipalDef::User(alice) = &i.scenario.principals[3] else {
        panic!("not a user")
    };
    assert_eq!(alice.groups, ["arn:aws:iam::111122223333:group/devs"]);
    // The AWS managed policy's document is not in the output: reported, not invented.
    assert!(i
        .skipped
        .iter()
        .any(|s| s.contains("arn:aws:iam::aws:policy/ReadOnlyAccess")));
    assert!(i.skipped.iter().any(|s| s.contains("instance profiles")));
}

#[test]
fn other_json_is_refused_with_a_reason() {
    assert!(
        from_aws("{\"Users\": []}").is_err_and(|e| e.contains("get-account-authorization-details"))
    );
    assert!(from_aws("not json").is_err());
}
