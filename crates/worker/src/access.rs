//! Effective permissions, computed in the worker beside the service catalog it needs: every catalog
//! action a session, role or user may perform (`roleplay_sim::effective_access`), by service and
//! access level, the flagged classes, what it may do on each resource its own policies name, and
//! what an edit changed against the scenario as opened. The page gets an [`AccessView`] of owned
//! names — no catalog, no engine — and renders it (`roleplay-app`'s `components/access.rs`).

use roleplay_catalog::{AccessLevel, AccessSummary, Action, Catalog};
use roleplay_sim::{
    access_by_resource, access_diff, effective_access, Access, AccessError, PolicyCache, Scenario,
    Subject,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cell::RefCell;

/// The question: whose access (`subject`) on which resource (`*` for every one), in `scenario`;
/// with `baseline` (the scenario as opened, imported or last shared, when it differs), what
/// changed since.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AccessAsk {
    pub scenario: Value,
    pub baseline: Option<Value>,
    pub subject: Subject,
    pub resource: String,
}

/// Actions as runs of one service, in catalog order: `iam: CreateUser PutRolePolicy`, ….
pub type ByService = Vec<Run>;

/// One service's actions: its prefix and the action names.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Run {
    pub prefix: String,
    pub names: Names,
}

/// Action names (without the service prefix) as one space-separated text, with how many there are:
/// an administrator's 22,000 names as 22,000 strings cost the page more to receive than the worker
/// takes to decide them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Names {
    pub count: usize,
    pub text: String,
}

impl Names {
    pub fn new(names: &[&str]) -> Self {
        Names {
            count: names.len(),
            text: names.join(" "),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.text.split(' ').filter(|n| !n.is_empty())
    }
}

/// The answer, owned and flat: what the tab shows.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AccessView {
    /// The caller as AWS names it.
    pub principal: String,
    /// The resource asked about (`*`: every one).
    pub resource: String,
    pub allowed: usize,
    /// Actions in the catalog.
    pub total: usize,
    /// Services with an allowed action, in catalog order. The flagged classes are read from it
    /// ([`AccessView::permissions_management`]): sent as lists of their own, they made an
    /// administrator's answer a third larger (860 KB) for the page to read.
    pub services: Vec<ServiceView>,
    /// For `*`: each resource the subject's own policies name, with what it may do there.
    pub named: Vec<OnResourceView>,
    pub changes: ChangesView,
}

impl AccessView {
    /// The allowed actions that can change who may do what, by service.
    pub fn permissions_management(&self) -> ByService {
        self.at_level(AccessLevel::PermissionsManagement)
    }

    /// The write actions allowed on `*`; none when one resource was asked about.
    pub fn write_on_everything(&self) -> ByService {
        if self.resource == "*" {
            self.at_level(AccessLevel::Write)
        } else {
            Vec::new()
        }
    }

    fn at_level(&self, level: AccessLevel) -> ByService {
        let level = level.as_str();
        self.services
            .iter()
            .filter_map(|s| {
                let at = s.levels.iter().find(|l| l.level == level)?;
                Some(Run {
                    prefix: s.prefix.clone(),
                    names: at.names.clone(),
                })
            })
            .collect()
    }
}

/// One service's allowed actions by access level.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ServiceView {
    pub prefix: String,
    pub name: String,
    pub levels: Vec<LevelView>,
}

impl ServiceView {
    pub fn count(&self) -> usize {
        self.levels.iter().map(|l| l.names.count).sum()
    }
}

/// One access level (`List`, `Read`, `Write`, `Permissions management`, `Tagging`) and its actions.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LevelView {
    pub level: String,
    pub names: Names,
}

/// A resource the subject's policies name: its catalog types and the allowed actions acting on them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OnResourceView {
    pub resource: String,
    pub types: String,
    pub actions: ByService,
}

/// What an edit changed for the same subject and resource.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub enum ChangesView {
    /// The scenario is the one opened or shared: nothing to compare.
    #[default]
    Unedited,
    /// The subject could not be asked about in the scenario as it was (why).
    NotComparable(String),
    Diff {
        granted: ChangeView,
        revoked: ChangeView,
    },
}

/// The actions granted (or revoked), by service, with the flagged classes counted.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ChangeView {
    pub count: usize,
    pub actions: ByService,
    pub permissions_management: usize,
    pub write_on_everything: usize,
}

thread_local! {
    /// Policies compiled for the scenario now and for its baseline, kept between questions (an
    /// edit recompiles only what it changed).
    static CACHES: RefCell<(PolicyCache, PolicyCache)> = RefCell::default();
    /// The baseline's last answer: the baseline changes only when a scenario is opened or shared,
    /// so every edit after it asks the same "before" question again.
    static BEFORE: RefCell<Option<(Before, Result<Access, String>)>> = const { RefCell::new(None) };
}

/// A "before" question: the baseline, whose access (as it is in the scenario now), on what.
#[derive(PartialEq)]
struct Before {
    baseline: Value,
    subject: Subject,
    resource: String,
}

/// The Effective permissions tab's whole answer.
pub fn view(ask: &AccessAsk, catalog: &Catalog) -> Result<AccessView, String> {
    let scenario = crate::scenario_of(&ask.scenario)?;
    CACHES.with(|caches| {
        let (now_cache, before_cache) = &mut *caches.borrow_mut();
        let access = compute(&scenario, now_cache, &ask.subject, &ask.resource, catalog)
            .map_err(|e| e.message)?;
        let summary = summary(catalog, &access);
        let every = access.resource == "*";
        let named = if every {
            by_resource(&scenario, now_cache, &ask.subject, catalog).unwrap_or_default()
        } else {
            Vec::new()
        };
        let changes = match &ask.baseline {
            None => ChangesView::Unedited,
            Some(baseline) => {
                let before = crate::scenario_of(baseline)?;
                let subject = subject_before(&before, &scenario, &ask.subject);
                let question = Before {
                    baseline: baseline.clone(),
                    subject,
                    resource: ask.resource.clone(),
                };
                let answer = BEFORE.with(|last| {
                    let mut last = last.borrow_mut();
                    match last.as_ref() {
                        Some((asked, answer)) if *asked == question => answer.clone(),
                        _ => {
                            let answer = compute(
                                &before,
                                before_cache,
                                &question.subject,
                                &question.resource,
                                catalog,
                            )
                            .map_err(|e| e.message);
                            *last = Some((question, answer.clone()));
                            answer
                        }
                    }
                });
                match answer {
                    Err(message) => ChangesView::NotComparable(message),
                    Ok(before) => {
                        let Changes { granted, revoked } = changes(catalog, &before, &access);
                        ChangesView::Diff {
                            granted: change_view(&granted),
                            revoked: change_view(&revoked),
                        }
                    }
                }
            }
        };
        Ok(AccessView {
            principal: access.principal.clone(),
            resource: access.resource.clone(),
            allowed: summary.allowed,
            total: catalog.actions().len(),
            services: summary.services.iter().map(service_view).collect(),
            named: named
                .iter()
                .map(|on| OnResourceView {
                    resource: on.resource.clone(),
                    types: on.types.join(", "),
                    actions: owned(&on.allowed),
                })
                .collect(),
            changes,
        })
    })
}

fn service_view(s: &roleplay_catalog::ServiceAccess) -> ServiceView {
    ServiceView {
        prefix: s.service.prefix().to_owned(),
        name: s.service.name().to_owned(),
        levels: s
            .levels
            .iter()
            .map(|(level, actions)| {
                let names: Vec<&str> = actions.iter().map(|a| a.name()).collect();
                LevelView {
                    level: level.as_str().to_owned(),
                    names: Names::new(&names),
                }
            })
            .collect(),
    }
}

fn change_view(c: &Change) -> ChangeView {
    ChangeView {
        count: c.summary.allowed,
        actions: owned(&c.actions),
        permissions_management: c.summary.permissions_management.len(),
        write_on_everything: c.summary.write_on_everything.len(),
    }
}

fn owned(actions: &[&Action]) -> ByService {
    by_service(actions)
        .into_iter()
        .map(|(prefix, names)| Run {
            prefix: prefix.to_owned(),
            names: Names::new(&names),
        })
        .collect()
}

/// Decides every catalog action for `subject` on `resource`, in catalog order.
fn compute(
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
fn summary<'c>(catalog: &'c Catalog, access: &Access) -> AccessSummary<'c> {
    let acting = catalog.acting_on(&access.resource);
    catalog.summarize(
        |i| access.is_allowed(i) && acting.get(i).copied().unwrap_or(false),
        access.resource == "*",
    )
}

/// What a subject may do on one resource its own policies name.
#[derive(Debug, Clone, PartialEq)]
struct OnResource<'c> {
    pub resource: String,
    /// The catalog's resource types of that ARN (`object`, `role`), each once.
    pub types: Vec<&'c str>,
    /// The allowed actions, of those that act on those types, in catalog order.
    pub allowed: Vec<&'c Action>,
}

/// "What can this session do, on which resources": each resource the subject's own policies name
/// (other than `*`), with the allowed actions that act on its type.
fn by_resource<'c>(
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
fn subject_before(before: &Scenario, now: &Scenario, subject: &Subject) -> Subject {
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
struct Change<'c> {
    pub summary: AccessSummary<'c>,
    pub actions: Vec<&'c Action>,
}

/// What an edit changed, for the same subject and resource.
struct Changes<'c> {
    pub granted: Change<'c>,
    pub revoked: Change<'c>,
}

fn changes<'c>(catalog: &'c Catalog, before: &Access, after: &Access) -> Changes<'c> {
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

/// Actions (in catalog order) as runs of one service: `[("iam", ["CreateUser", "PutRolePolicy"])]`.
fn by_service<'c>(actions: &[&'c Action]) -> Vec<(&'c str, Vec<&'c str>)> {
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
    use roleplay_sim::PrincipalDef;

    fn catalog() -> Catalog {
        Catalog::from_json(include_str!("../../catalog/tests/fixtures/catalog.json"))
            .expect("the fixture loads")
    }

    const DEFAULT: &str = include_str!("../../studio/src/scenarios/default.json");
    const BOUNDARY: &str =
        include_str!("../../../tests/scenarios/gallery/permissions-boundary.json");

    fn boundary_scenario() -> Scenario {
        roleplay_sim::read(BOUNDARY).expect("reads")
    }

    fn default_scenario() -> Scenario {
        roleplay_sim::read(DEFAULT).expect("reads")
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
    fn one_resource_is_asked_about() {
        let s = boundary_scenario();
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
        let wide = DEFAULT.replace(r#"\"Action\": \"s3:GetObject\""#, r#"\"Action\": \"s3:*\""#);
        assert_ne!(wide, DEFAULT);
        let s = roleplay_sim::read(&wide).expect("reads");
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
        let s = default_scenario();
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
    fn the_warm_up_asks_a_real_session_about_slices_of_the_catalog() {
        let catalog = catalog();
        // The fixture is smaller than one slice: the first call decides it, the others find nothing.
        for part in 0..WARM_UP_CALLS {
            warm_up(&catalog, part);
        }
        let s = roleplay_sim::read(WARM_UP).expect("reads");
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

    #[test]
    fn the_flagged_classes_read_from_the_services_are_the_summarys() {
        let catalog = catalog();
        let scenario: Value = serde_json::from_str(DEFAULT).expect("json");
        let admin = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
        let mut wide = scenario.clone();
        wide["principals"][0]["policies"][0]["document"] = Value::String(admin.into());
        for resource in ["*", "arn:aws:s3:::reports-bucket/a"] {
            let ask = AccessAsk {
                scenario: wide.clone(),
                baseline: None,
                subject: Subject::Session(0),
                resource: resource.into(),
            };
            let shown = view(&ask, &catalog).expect("answers");
            let s = crate::scenario_of(&wide).expect("reads");
            let access = compute(
                &s,
                &mut PolicyCache::default(),
                &Subject::Session(0),
                resource,
                &catalog,
            )
            .expect("ok");
            let summary = summary(&catalog, &access);
            if resource == "*" {
                assert!(!summary.permissions_management.is_empty());
                assert!(!summary.write_on_everything.is_empty());
            }
            assert_eq!(
                shown.permissions_management(),
                owned(&summary.permissions_management)
            );
            assert_eq!(
                shown.write_on_everything(),
                owned(&summary.write_on_everything)
            );
            assert_eq!(shown.write_on_everything().is_empty(), resource != "*");
        }
    }

    #[test]
    fn the_view_lists_owned_names_and_what_an_edit_granted() {
        let catalog = catalog();
        let scenario: Value = serde_json::from_str(BOUNDARY).expect("json");
        let ask = AccessAsk {
            scenario: scenario.clone(),
            baseline: None,
            subject: Subject::Session(0),
            resource: "*".into(),
        };
        let shown = view(&ask, &catalog).expect("answers");
        assert_eq!((shown.allowed, shown.total), (3, catalog.actions().len()));
        let s3 = &shown.services[0];
        assert_eq!((s3.prefix.as_str(), s3.count()), ("s3", 2));
        assert_eq!(s3.levels[0].level, "List");
        assert_eq!(shown.changes, ChangesView::Unedited);
        let default = AccessAsk {
            scenario: serde_json::from_str(DEFAULT).expect("json"),
            ..ask.clone()
        };
        let named = view(&default, &catalog).expect("answers").named;
        assert_eq!(named.len(), 1, "for *, the resources its policies name");
        assert_eq!(named[0].resource, "arn:aws:s3:::reports-bucket/*");
        assert_eq!(named[0].actions[0].prefix, "s3");
        assert_eq!(
            named[0].actions[0].names.iter().collect::<Vec<_>>(),
            ["GetObject"]
        );

        let mut edited = scenario.clone();
        edited["principals"][0]
            .as_object_mut()
            .map(|role| role.remove("permissionsBoundary"));
        let ask = AccessAsk {
            scenario: edited,
            baseline: Some(scenario),
            ..ask
        };
        let first = view(&ask, &catalog).expect("answers").changes;
        // Asked again (the baseline's answer kept), the same diff.
        assert_eq!(view(&ask, &catalog).expect("answers").changes, first);
        let ChangesView::Diff { granted, revoked } = first else {
            panic!("a diff");
        };
        assert_eq!((granted.count, revoked.count), (12, 0));
        assert_eq!(granted.actions[0].prefix, "s3");
        assert_eq!(
            granted.actions.iter().map(|r| r.names.count).sum::<usize>(),
            12
        );
        assert!(granted.write_on_everything > 0);
    }

    #[test]
    fn an_unknown_subject_or_a_broken_scenario_says_why() {
        let catalog = catalog();
        let ask = AccessAsk {
            scenario: Value::String("not a scenario".into()),
            baseline: None,
            subject: Subject::Session(0),
            resource: "*".into(),
        };
        assert!(view(&ask, &catalog).is_err());
        let ask = AccessAsk {
            scenario: serde_json::from_str(BOUNDARY).expect("json"),
            subject: Subject::User("arn:aws:iam::111122223333:user/nobody".into()),
            ..ask
        };
        assert!(view(&ask, &catalog).is_err());
    }
}
