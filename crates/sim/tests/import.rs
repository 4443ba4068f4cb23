//! Import from AWS CLI output: realistic fixtures (written for these tests) become scenarios that read
//! back, run, and say what was left out.
#![cfg(test)]

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
    // The description's first paragraph, the page's lead line, reads whole.
    let description = i.scenario.description.as_deref().unwrap_or_default();
    assert!(
        description
            .starts_with("Imported from the AWS CLI; one thing was left out.\n\nLeft out:\n\n- "),
        "{description}"
    );
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

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/aws-cli")
        .join(name);
    std::fs::read_to_string(path).unwrap_or_default()
}

fn role(s: &roleplay_sim::Scenario) -> &roleplay_sim::RoleDef {
    match s.principals.first() {
        Some(PrincipalDef::Role(r)) => r,
        _ => panic!("not a role"),
    }
}

#[test]
fn get_role_then_get_role_policy_build_one_role() {
    use roleplay_sim::import::merge;
    let world = import("get-role.json").scenario;
    let merged =
        merge(&world, &fixture("get-role-policy.json")).unwrap_or_else(|| panic!("merges"));
    assert_eq!(
        merged.message,
        "Added the inline policy DeployAccess on role Deploy."
    );
    let r = role(&merged.scenario);
    assert_eq!(r.arn, "arn:aws:iam::444455556666:role/deploy/Deploy");
    assert!(
        r.trust_policy.text().contains("sts:ExternalId"),
        "the trust policy stays"
    );
    assert_eq!(r.policies.len(), 1);
    assert!(r.policies[0].document.text().contains("deploy-artifacts"));
    // The same output again replaces the policy rather than adding a second one.
    let again = merge(&merged.scenario, &fixture("get-role-policy.json"))
        .unwrap_or_else(|| panic!("merges"));
    assert!(again.message.starts_with("Replaced"), "{}", again.message);
    assert_eq!(role(&again.scenario).policies.len(), 1);
}

#[test]
fn get_role_again_refreshes_the_role_and_keeps_its_policies() {
    use roleplay_sim::import::merge;
    let world = import("get-role.json").scenario;
    let world = merge(&world, &fixture("get-role-policy.json"))
        .unwrap_or_else(|| panic!("merges"))
        .scenario;
    let changed = fixture("get-role.json").replace("sts:ExternalId", "sts:SourceIdentity");
    let merged = merge(&world, &changed).unwrap_or_else(|| panic!("merges"));
    let r = role(&merged.scenario);
    assert!(
        r.trust_policy.text().contains("sts:SourceIdentity"),
        "the new trust policy"
    );
    assert_eq!(r.policies.len(), 1, "the policy imported before is kept");
    assert!(
        merged.skipped.iter().any(|s| s.contains("DeployBoundary")),
        "{:?}",
        merged.skipped
    );
}

#[test]
fn outputs_about_other_roles_or_whole_accounts_do_not_merge() {
    use roleplay_sim::import::merge;
    let world = import("get-role.json").scenario;
    let other = fixture("get-role-policy.json").replace("\"Deploy\"", "\"Other\"");
    assert!(merge(&world, &other).is_none());
    // A role of the same name in another account is another role.
    let account = import("account-authorization-details.json").scenario;
    assert!(merge(&account, &fixture("get-role.json")).is_none());
    assert!(merge(&world, &fixture("account-authorization-details.json")).is_none());
    assert!(merge(&world, &fixture("get-policy-version.json")).is_none());
    assert!(merge(&world, "not json").is_none());
}
