//! The Effective permissions tab's model, without the DOM: whose access can be asked about (each
//! session the timeline created, a fresh session of each role, each user), the resources worth
//! suggesting, the computation over the whole catalog through `roleplay_sim::effective_access`,
//! the diff against the scenario as last opened or shared, and the search filter.

use crate::scenario::{arn_account, arn_name};
use roleplay_catalog::{AccessSummary, Action, Catalog, ServiceAccess};
use roleplay_sim::{
    access_by_resource, access_diff, effective_access, Access, AccessError, PolicyCache,
    PrincipalDef, RunResult, Scenario, Subject,
};

/// What kind of subject a [`Choice`] is; the picker groups them in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A session an `sts:AssumeRole*` step of the timeline created.
    Session,
    /// A role, asked about as a fresh session with no session policy.
    Role,
    User,
}

/// One entry of the subject picker.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub subject: Subject,
    pub kind: Kind,
    /// The session, role or user name.
    pub name: String,
    /// What it is: `session of ReportsReader`, `role · fresh session`, `user in 111122223333`.
    pub detail: String,
    /// The step that created a session, counted from 1 as the timeline shows it.
    pub step: Option<usize>,
    /// One line for headings: `step 1 · session alice-reports of ReportsReader`.
    pub label: String,
}

/// Every subject of the scenario: the timeline's sessions first, then roles, then users.
pub fn choices(s: &Scenario, result: &RunResult) -> Vec<Choice> {
    let sessions = result.steps.iter().filter_map(|step| {
        let session = step.session.as_ref()?;
        let (name, role) = (arn_name(&session.arn), arn_name(&session.role));
        Some(Choice {
            subject: Subject::Session(step.index),
            kind: Kind::Session,
            name: name.to_owned(),
            detail: format!("session of {role}"),
            step: Some(step.index + 1),
            label: format!("step {} · session {name} of {role}", step.index + 1),
        })
    });
    let principals = |kind: Kind| {
        s.principals.iter().filter_map(move |p| {
            let (arn, subject) = match (p, kind) {
                (PrincipalDef::Role(r), Kind::Role) => (&r.arn, Subject::Role(r.arn.clone())),
                (PrincipalDef::User(u), Kind::User) => (&u.arn, Subject::User(u.arn.clone())),
                _ => return None,
            };
            let (name, account) = (arn_name(arn), arn_account(arn));
            let (detail, label) = match kind {
                Kind::Role => (
                    format!("role in {account} · a fresh session"),
                    format!("role {name} (a fresh session)"),
                ),
                _ => (format!("user in {account}"), format!("user {name}")),
            };
            Some(Choice {
                subject,
                kind,
                name: name.to_owned(),
                detail,
                step: None,
                label,
            })
        })
    };
    sessions
        .chain(principals(Kind::Role))
        .chain(principals(Kind::User))
        .collect()
}

/// The choice the query names, or the first one when it names none that still exists.
pub fn chosen<'a>(choices: &'a [Choice], subject: Option<&Subject>) -> Option<&'a Choice> {
    subject
        .and_then(|want| choices.iter().find(|c| c.subject == *want))
        .or_else(|| choices.first())
}

/// The resource to ask about: what was typed, or `*` when nothing was.
pub fn resource(typed: &str) -> &str {
    match typed.trim() {
        "" => "*",
        r => r,
    }
}

/// ARNs worth suggesting for the resource field: the scenario's resources, what its steps act on,
/// and its principals (IAM actions act on users and roles), each once.
pub fn suggested_resources(s: &Scenario) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let candidates = s
        .resources
        .iter()
        .map(|r| r.arn.as_str())
        .chain(s.steps.iter().filter_map(|st| st.resource.as_deref()))
        .chain(s.principals.iter().map(PrincipalDef::arn));
    for arn in candidates {
        if arn.starts_with("arn:") && !out.contains(&arn) {
            out.push(arn);
        }
    }
    out
}

/// Decides every catalog action for `subject` on `resource`, in catalog order.
pub fn compute(
    s: &Scenario,
    cache: &mut PolicyCache,
    subject: &Subject,
    resource: &str,
    catalog: &Catalog,
) -> Result<Access, AccessError> {
    let names: Vec<&str> = catalog.actions().iter().map(Action::full_name).collect();
    effective_access(s, cache, subject, resource, &names)
}

/// [`warm_up`] decides this many actions per call, in [`WARM_UP_CALLS`] calls (one task each, so no
/// keystroke waits behind them).
const WARM_UP_SLICE: usize = 1_000;
pub const WARM_UP_CALLS: usize = 8;

/// The scenario the warm-up decides with (the gallery's SCP scenario, the one gallery text the page
/// carries): an organization with SCPs, so the whole evaluator runs.
const WARM_UP: &str = include_str!("../../../tests/scenarios/gallery/scp-region-deny.json");

/// Decides slice `part` of the catalog for the session of the gallery's SCP scenario (identity
/// policies, SCPs at three levels, a `NotAction` deny with a condition), once, after the catalog has
/// loaded. Why: Chromium runs new WebAssembly in a baseline tier and optimizes the functions that
/// turn out to be hot in the background, and a running call cannot switch to the optimized code —
/// the first whole-catalog question of a page ran in the baseline tier and took 27–115 ms where the
/// same question with optimized code (`--js-flags=--no-liftoff`) took 11–16 ms. A few thousand
/// decisions ahead make the evaluator hot before anyone asks.
pub fn warm_up(catalog: &Catalog, part: usize) {
    let Some(s) = roleplay_sim::read(WARM_UP).ok() else {
        return;
    };
    let Some(names) = catalog.actions().chunks(WARM_UP_SLICE).nth(part) else {
        return;
    };
    let names: Vec<&str> = names.iter().map(Action::full_name).collect();
    let _ = effective_access(
        &s,
        &mut PolicyCache::default(),
        &Subject::Session(0),
        "*",
        &names,
    );
}

/// The allowed actions by service and access level, with the flagged classes. An action counts
/// only if the catalog says it acts on the resource asked about (every action acts on `*`).
pub fn summary<'c>(catalog: &'c Catalog, access: &Access) -> AccessSummary<'c> {
    let acting = catalog.acting_on(&access.resource);
    catalog.summarize(
        |i| access.is_allowed(i) && acting.get(i).copied().unwrap_or(false),
        access.resource == "*",
    )
}

/// What a subject may do on one resource its own policies name.
#[derive(Debug, Clone, PartialEq)]
pub struct OnResource<'c> {
    pub resource: String,
    /// The catalog's resource types of that ARN (`object`, `role`), each once.
    pub types: Vec<&'c str>,
    /// The allowed actions, of those that act on those types, in catalog order.
    pub allowed: Vec<&'c Action>,
}

/// "What can this session do, on which resources": each resource the subject's own policies name
/// (other than `*`), with the allowed actions that act on its type.
pub fn by_resource<'c>(
    s: &Scenario,
    cache: &mut PolicyCache,
    subject: &Subject,
    catalog: &'c Catalog,
) -> Result<Vec<OnResource<'c>>, AccessError> {
    let acting = |r: &str| -> Vec<&'c str> {
        catalog
            .actions_acting_on(r)
            .into_iter()
            .map(Action::full_name)
            .collect()
    };
    let found = access_by_resource(s, cache, subject, acting)?;
    Ok(found
        .iter()
        .map(|(access, actions)| {
            let mut types: Vec<&str> = Vec::new();
            for t in catalog.resource_types_of_arn(&access.resource) {
                if !types.contains(&t.name()) {
                    types.push(t.name());
                }
            }
            OnResource {
                resource: access.resource.clone(),
                types,
                allowed: access
                    .allowed(actions)
                    .into_iter()
                    .filter_map(|name| catalog.action(name))
                    .collect(),
            }
        })
        .collect())
}

/// The same subject in the scenario as it was: a session is found by its step's id (steps may have
/// been added or moved since), else by its position.
pub fn subject_before(before: &Scenario, now: &Scenario, subject: &Subject) -> Subject {
    match subject {
        Subject::Session(i) => {
            let id = now.steps.get(*i).and_then(|st| st.id.as_deref());
            let moved = id.and_then(|id| {
                before
                    .steps
                    .iter()
                    .position(|st| st.id.as_deref() == Some(id))
            });
            Subject::Session(moved.unwrap_or(*i))
        }
        other => other.clone(),
    }
}

/// The actions an edit grants (or takes away): summarized, and listed in catalog order (by service,
/// then by name).
pub struct Change<'c> {
    pub summary: AccessSummary<'c>,
    pub actions: Vec<&'c Action>,
}

/// What an edit changed, for the same subject and resource.
pub struct Changes<'c> {
    pub granted: Change<'c>,
    pub revoked: Change<'c>,
}

pub fn changes<'c>(catalog: &'c Catalog, before: &Access, after: &Access) -> Changes<'c> {
    let mut diff = access_diff(before, after);
    let acting = catalog.acting_on(&after.resource);
    let acts = |i: &usize| acting.get(*i).copied().unwrap_or(false);
    diff.granted.retain(acts);
    diff.revoked.retain(acts);
    let every = after.resource == "*";
    let change = |indexes: &[usize]| Change {
        summary: catalog.summarize(|i| indexes.binary_search(&i).is_ok(), every),
        actions: indexes
            .iter()
            .filter_map(|&i| catalog.actions().get(i))
            .collect(),
    };
    Changes {
        granted: change(&diff.granted),
        revoked: change(&diff.revoked),
    }
}

/// The services and actions that match the search box: a service whose prefix or name matches
/// keeps all its actions; otherwise only the actions whose full name matches (case-insensitive).
pub fn filter<'c>(services: Vec<ServiceAccess<'c>>, query: &str) -> Vec<ServiceAccess<'c>> {
    let query = query.trim();
    if query.is_empty() {
        return services;
    }
    services
        .into_iter()
        .filter_map(|mut s| {
            if contains(s.service.prefix(), query) || contains(s.service.name(), query) {
                return Some(s);
            }
            s.levels.retain_mut(|(_, actions)| {
                actions.retain(|a| contains(a.full_name(), query));
                !actions.is_empty()
            });
            (!s.levels.is_empty()).then_some(s)
        })
        .collect()
}

/// ASCII case-insensitive substring test (action names and prefixes are ASCII).
fn contains(haystack: &str, needle: &str) -> bool {
    needle.is_empty()
        || haystack
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Actions (in catalog order) as runs of one service: `[("iam", ["CreateUser", "PutRolePolicy"])]`.
pub fn by_service<'c>(actions: &[&'c Action]) -> Vec<(&'c str, Vec<&'c str>)> {
    let mut out: Vec<(&str, Vec<&str>)> = Vec::new();
    for a in actions {
        match out.last_mut() {
            Some((prefix, names)) if *prefix == a.service_prefix() => names.push(a.name()),
            _ => out.push((a.service_prefix(), vec![a.name()])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::from_json(include_str!("../../catalog/tests/fixtures/catalog.json"))
            .expect("the fixture loads")
    }

    fn boundary_scenario() -> Scenario {
        let text = crate::scenario::GALLERY
            .iter()
            .find(|(name, _)| *name == "permissions-boundary")
            .expect("in the gallery")
            .1;
        roleplay_sim::read(text).expect("reads")
    }

    fn names(summary: &AccessSummary) -> Vec<String> {
        summary
            .services
            .iter()
            .flat_map(|s| s.levels.iter().flat_map(|(_, a)| a.iter()))
            .map(|a| a.full_name().to_owned())
            .collect()
    }

    #[test]
    fn subjects_are_the_sessions_then_roles_then_users() {
        let s = crate::scenario::default_scenario();
        let result = roleplay_sim::run(&s);
        let all = choices(&s, &result);
        let labels: Vec<&str> = all.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "step 1 · session alice-reports of ReportsReader",
                "role ReportsReader (a fresh session)",
                "user alice",
            ]
        );
        assert_eq!(all[1].detail, "role in 111122223333 · a fresh session");
        assert_eq!(all[0].subject, Subject::Session(0));
        assert_eq!(chosen(&all, None), all.first());
        let gone = Subject::Role("arn:aws:iam::111122223333:role/Gone".into());
        assert_eq!(chosen(&all, Some(&gone)), all.first());
        assert_eq!(chosen(&all, Some(&all[2].subject)), all.get(2));
    }

    #[test]
    fn the_boundary_caps_the_session_and_removing_it_grants_the_rest() {
        let catalog = catalog();
        let s = boundary_scenario();
        let mut cache = PolicyCache::default();
        let access = compute(&s, &mut cache, &Subject::Session(0), "*", &catalog).expect("ok");
        let now = summary(&catalog, &access);
        assert_eq!(
            names(&now),
            ["s3:ListBucket", "s3:GetObject", "sts:GetCallerIdentity"]
        );
        assert!(now.permissions_management.is_empty() && now.write_on_everything.is_empty());

        let mut edited = s.clone();
        if let Some(PrincipalDef::Role(r)) = edited.principals.first_mut() {
            r.permissions_boundary = None;
        }
        let subject = subject_before(&s, &edited, &Subject::Session(0));
        let before = compute(&s, &mut cache, &subject, "*", &catalog).expect("ok");
        let after = compute(&edited, &mut cache, &Subject::Session(0), "*", &catalog).expect("ok");
        let diff = changes(&catalog, &before, &after);
        let granted = names(&diff.granted.summary);
        let in_order: Vec<&str> = diff.granted.actions.iter().map(|a| a.full_name()).collect();
        assert_eq!(
            in_order,
            [
                "s3:GetBucketPolicy",
                "s3:GetObjectAcl",
                "s3:ListAllMyBuckets",
                "s3:PutObject",
                "s3:PutObjectTagging",
                "iam:CreateAccessKey",
                "iam:CreateServiceLinkedRole",
                "iam:DeleteAccessKey",
                "iam:GetAccountSummary",
                "iam:ListAccessKeys",
                "iam:PassRole",
                "iam:UpdateAccessKey",
            ],
            "by service, then by name"
        );
        assert!(granted.contains(&"iam:CreateAccessKey".to_owned()));
        assert!(granted.contains(&"s3:PutObject".to_owned()));
        assert!(
            !granted.contains(&"s3:GetObject".to_owned()),
            "already allowed"
        );
        assert!(!granted.iter().any(|a| a.starts_with("ec2:")));
        assert!(diff.revoked.actions.is_empty());
        let writes: Vec<&str> = diff
            .granted
            .summary
            .write_on_everything
            .iter()
            .map(|a| a.full_name())
            .collect();
        assert!(writes.contains(&"s3:PutObject") && writes.contains(&"iam:PassRole"));
        // The other way round, the same actions are revoked.
        let back = changes(&catalog, &after, &before);
        assert_eq!(names(&back.revoked.summary), granted);
    }

    #[test]
    fn a_session_is_found_by_its_step_id_after_steps_move() {
        let before = boundary_scenario();
        let mut now = before.clone();
        let first = now.steps.remove(0);
        now.steps.push(first);
        let last = now.steps.len() - 1;
        assert_eq!(
            subject_before(&before, &now, &Subject::Session(last)),
            Subject::Session(0)
        );
        let role = Subject::Role("arn:aws:iam::111122223333:role/DevRole".into());
        assert_eq!(subject_before(&before, &now, &role), role);
    }

    #[test]
    fn one_resource_is_asked_about_and_suggested() {
        let s = boundary_scenario();
        assert_eq!(resource("  "), "*");
        assert_eq!(resource(" arn:aws:s3:::b "), "arn:aws:s3:::b");
        assert_eq!(
            suggested_resources(&s),
            [
                "arn:aws:s3:::acme-dev-sandbox/readme.md",
                "arn:aws:iam::111122223333:user/shadow-admin",
                "arn:aws:iam::111122223333:role/DevRole",
                "arn:aws:iam::111122223333:user/alice",
            ]
        );
        let catalog = catalog();
        let access = compute(
            &s,
            &mut PolicyCache::default(),
            &Subject::Session(0),
            "arn:aws:s3:::acme-dev-sandbox/readme.md",
            &catalog,
        )
        .expect("ok");
        assert_eq!(access.resource, "arn:aws:s3:::acme-dev-sandbox/readme.md");
        let listed = summary(&catalog, &access);
        assert!(names(&listed).contains(&"s3:GetObject".to_owned()));
    }

    /// Issue 20, item 6: after widening the policy to `s3:*`, an object lists object actions only.
    #[test]
    fn an_object_lists_only_the_actions_that_act_on_objects() {
        let catalog = catalog();
        let mut s = crate::scenario::default_scenario();
        let wide = crate::scenario::permissions_text(&s).replace("s3:GetObject", "s3:*");
        assert!(crate::scenario::set_permissions(&mut s, &wide));
        let object = "arn:aws:s3:::reports-bucket/2026/q1.csv";
        let mut cache = PolicyCache::default();
        let access = compute(&s, &mut cache, &Subject::Session(0), object, &catalog).expect("ok");
        let listed = names(&summary(&catalog, &access));
        assert!(listed.contains(&"s3:GetObject".to_owned()), "{listed:?}");
        assert!(listed.contains(&"s3:PutObject".to_owned()), "{listed:?}");
        assert!(
            !listed.contains(&"s3:ListAllMyBuckets".to_owned()),
            "takes no resource"
        );
        assert!(
            !listed.contains(&"s3:ListBucket".to_owned()),
            "acts on buckets"
        );
        assert!(
            !listed.contains(&"sts:GetCallerIdentity".to_owned()),
            "{listed:?}"
        );
    }

    /// The default question: what the session may do on the resources its policy names.
    #[test]
    fn the_default_view_names_the_policies_own_resources() {
        let catalog = catalog();
        let s = crate::scenario::default_scenario();
        let on = by_resource(
            &s,
            &mut PolicyCache::default(),
            &Subject::Session(0),
            &catalog,
        )
        .expect("ok");
        assert_eq!(on.len(), 1);
        assert_eq!(on[0].resource, "arn:aws:s3:::reports-bucket/*");
        assert_eq!(on[0].types, ["object"]);
        let allowed: Vec<&str> = on[0].allowed.iter().map(|a| a.full_name()).collect();
        assert_eq!(allowed, ["s3:GetObject"]);
    }

    #[test]
    fn unknown_subjects_say_why() {
        let catalog = catalog();
        let s = boundary_scenario();
        let err = compute(
            &s,
            &mut PolicyCache::default(),
            &Subject::Session(1),
            "*",
            &catalog,
        )
        .expect_err("step 2 is an API call");
        assert!(
            err.message.contains("created no session"),
            "{}",
            err.message
        );
    }

    #[test]
    fn the_filter_keeps_matching_services_and_actions() {
        let catalog = catalog();
        let everything = catalog.summarize(|_| true, true);
        let all = filter(everything.services.clone(), "");
        assert_eq!(all, everything.services);
        // A service's name or prefix keeps it whole.
        let s3 = filter(everything.services.clone(), "amazon s3");
        assert_eq!(s3.len(), 1);
        assert_eq!(s3[0].count(), everything.services[0].count());
        // Otherwise only matching actions, across services and case-insensitively.
        let keys = filter(everything.services.clone(), "ACCESSKEY");
        assert_eq!(keys.len(), 1);
        assert_eq!(
            names(&AccessSummary {
                services: keys,
                ..AccessSummary::default()
            }),
            [
                "iam:ListAccessKeys",
                "iam:CreateAccessKey",
                "iam:DeleteAccessKey",
                "iam:UpdateAccessKey"
            ]
        );
        assert!(filter(everything.services, "nothing-like-this").is_empty());
    }

    #[test]
    fn the_warm_up_asks_a_real_session_about_slices_of_the_catalog() {
        let catalog = catalog();
        // The fixture is smaller than one slice: the first call decides it, the others find nothing.
        for part in 0..WARM_UP_CALLS {
            warm_up(&catalog, part);
        }
        let s = roleplay_sim::read(
            crate::scenario::GALLERY
                .iter()
                .find(|(name, _)| *name == "scp-region-deny")
                .expect("in the gallery")
                .1,
        )
        .expect("reads");
        let access = compute(
            &s,
            &mut PolicyCache::default(),
            &Subject::Session(0),
            "*",
            &catalog,
        );
        assert!(access.is_ok(), "the warm-up's subject exists: {access:?}");
    }

    #[test]
    fn flagged_actions_are_grouped_by_service() {
        let catalog = catalog();
        let everything = catalog.summarize(|_| true, true);
        let groups = by_service(&everything.write_on_everything);
        let prefixes: Vec<&str> = groups.iter().map(|(p, _)| *p).collect();
        assert_eq!(prefixes, ["s3", "iam", "ec2", "sts"]);
        assert_eq!(groups[0].1, ["PutObject"]);
    }
}
