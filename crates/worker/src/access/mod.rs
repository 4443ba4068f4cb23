//! Effective permissions, computed in the worker beside the service catalog it needs: every catalog
//! action a session, role or user may perform (`roleplay_sim::effective_access`), by service and
//! access level, the flagged classes, what it may do on each resource its own policies name, and
//! what an edit changed against the scenario as opened. The page gets an [`AccessView`] of owned
//! names — no catalog, no engine — and renders it (`roleplay-app`'s `components/access/`).

mod answer;
mod shown;

pub use answer::{
    AccessAsk, AccessView, ByService, ChangeView, ChangesView, LevelView, Lines, List, Names,
    OnResourceView, Run, ServiceView, Shown, LINES_SHOWN, NAMES_SHOWN, OPENED_BY_SEARCH_MAX,
};
use shown::{change_view, owned, shown_view};

use roleplay_catalog::{AccessSummary, Action, Catalog};
use roleplay_sim::{
    access_by_resource, access_diff, effective_access, Access, AccessError, PolicyCache, Scenario,
    Subject,
};
use serde_json::Value;
use std::cell::RefCell;

thread_local! {
    /// Policies compiled for the scenario now and for its baseline, kept between questions (an
    /// edit recompiles only what it changed).
    static CACHES: RefCell<(PolicyCache, PolicyCache)> = RefCell::default();
    /// The last question's decisions: a search, an opened service or "Show all" asks about the
    /// same ones again.
    static DECIDED: RefCell<Option<Decided>> = const { RefCell::new(None) };
    /// The baseline as last read, and its last answer: the baseline changes only when a scenario
    /// is opened or shared, so every edit and every search after it asks the same "before"
    /// question again.
    static BEFORE: RefCell<Option<Before>> = const { RefCell::new(None) };
}

/// A question's decisions, and the question they answer.
struct Decided {
    document: Value,
    subject: Subject,
    scenario: Scenario,
    access: Access,
    named: Vec<OnResourceView>,
}

/// The baseline (its JSON and what it reads as), and the last "before" question asked of it: whose
/// access (as it is in the scenario now), on what, and the answer.
struct Before {
    baseline: Value,
    scenario: Scenario,
    answered: Option<(Subject, String, Result<Access, String>)>,
}

/// The Effective permissions tab's whole answer.
pub fn view(ask: &AccessAsk, catalog: &Catalog) -> Result<AccessView, String> {
    DECIDED.with(|cell| {
        let mut cell = cell.borrow_mut();
        let known = cell.as_ref().is_some_and(|d| {
            d.access.resource == ask.resource
                && d.subject == ask.subject
                && d.document == ask.scenario
        });
        if !known {
            *cell = None;
            let decided = CACHES.with(|caches| decide(ask, &mut caches.borrow_mut().0, catalog));
            *cell = Some(decided?);
        }
        let decided = cell.as_ref().ok_or("no decisions")?;
        let changes = match &ask.baseline {
            None => ChangesView::Unedited,
            Some(baseline) => changes_since(baseline, decided, &ask.shown, catalog)?,
        };
        Ok(shown_view(decided, &ask.shown, catalog, changes))
    })
}

/// Every catalog action decided for the question, and for `*` what it may do on each resource
/// its policies name.
fn decide(ask: &AccessAsk, cache: &mut PolicyCache, catalog: &Catalog) -> Result<Decided, String> {
    let scenario = crate::scenario_of(&ask.scenario)?;
    let access =
        compute(&scenario, cache, &ask.subject, &ask.resource, catalog).map_err(|e| e.message)?;
    let named = if access.resource == "*" {
        by_resource(&scenario, cache, &ask.subject, catalog).unwrap_or_default()
    } else {
        Vec::new()
    };
    let named = named
        .iter()
        .map(|on| OnResourceView {
            resource: on.resource.clone(),
            types: on.types.join(", "),
            actions: owned(&on.allowed),
        })
        .collect();
    Ok(Decided {
        document: ask.scenario.clone(),
        subject: ask.subject.clone(),
        scenario,
        access,
        named,
    })
}

/// What changed since `baseline` for the same subject and resource.
fn changes_since(
    baseline: &Value,
    now: &Decided,
    shown: &Shown,
    catalog: &Catalog,
) -> Result<ChangesView, String> {
    BEFORE.with(|cell| {
        let mut cell = cell.borrow_mut();
        if !cell.as_ref().is_some_and(|b| b.baseline == *baseline) {
            *cell = None;
            *cell = Some(Before {
                baseline: baseline.clone(),
                scenario: crate::scenario_of(baseline)?,
                answered: None,
            });
        }
        let before = cell.as_mut().ok_or("no baseline")?;
        let subject = subject_before(&before.scenario, &now.scenario, &now.subject);
        let resource = &now.access.resource;
        let known = matches!(&before.answered, Some((s, r, _)) if *s == subject && r == resource);
        if !known {
            let answer = CACHES.with(|caches| {
                let cache = &mut caches.borrow_mut().1;
                compute(&before.scenario, cache, &subject, resource, catalog).map_err(|e| e.message)
            });
            before.answered = Some((subject, resource.clone(), answer));
        }
        Ok(
            match before.answered.as_ref().map(|(_, _, answer)| answer) {
                None => ChangesView::Unedited,
                Some(Err(message)) => ChangesView::NotComparable(message.clone()),
                Some(Ok(before)) => {
                    let Changes { granted, revoked } = changes(catalog, before, &now.access);
                    ChangesView::Diff {
                        granted: change_view(&granted, shown.whole.contains(&List::Granted)),
                        revoked: change_view(&revoked, shown.whole.contains(&List::Revoked)),
                    }
                }
            },
        )
    })
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

/// The question the warm-up asks: the gallery's SCP scenario (SCPs at three levels and a
/// `NotAction` deny with a condition, so the whole evaluator runs), about its administrator, whom
/// every action is allowed, so the summary and the view do the most they can.
const WARM_UP: &str = include_str!("../../../../tests/scenarios/gallery/scp-region-deny.json");
const WARM_UP_SUBJECT: &str = "arn:aws:iam::999988887777:user/org-admin";

/// Answers one whole question once, after the catalog has loaded, and keeps nothing of it. Why:
/// V8 runs new WebAssembly in a baseline tier and optimizes what turns out hot in the background,
/// and a call already running cannot switch to the optimized code. A page's first question took
/// 34–57 ms (the worker's code in Node) where the same question asked again took 8–18 ms; deciding
/// 8,000 actions in slices ahead of it, as the warm-up did before, left the first question as
/// slow, since its loops over the whole catalog (the decisions, the summary, the view) each run
/// once per question.
pub fn warm_up(catalog: &Catalog) -> Result<AccessView, String> {
    let ask = AccessAsk {
        scenario: serde_json::from_str(WARM_UP).map_err(|e| e.to_string())?,
        baseline: None,
        subject: Subject::User(WARM_UP_SUBJECT.into()),
        resource: "*".into(),
        shown: Shown::default(),
    };
    let decided = decide(&ask, &mut PolicyCache::default(), catalog)?;
    // A search, an opened service and a list shown whole run the view's other loops.
    let searched = Shown {
        search: "iam:get".into(),
        open: vec!["s3".into()],
        whole: vec![List::PermissionsManagement],
    };
    shown_view(&decided, &searched, catalog, ChangesView::Unedited);
    let view = shown_view(&decided, &ask.shown, catalog, ChangesView::Unedited);
    // The answer's writer too: it also runs once per question.
    serde_json::to_string(&view).map_err(|e| e.to_string())?;
    Ok(view)
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

#[cfg(test)]
mod tests {
    use super::shown::{by_service, summary};
    use super::*;
    use roleplay_sim::PrincipalDef;

    fn catalog() -> Catalog {
        Catalog::from_json(include_str!("../../../catalog/tests/fixtures/catalog.json"))
            .expect("the fixture loads")
    }

    const DEFAULT: &str = include_str!("../../../studio/src/scenarios/default.json");
    const BOUNDARY: &str =
        include_str!("../../../../tests/scenarios/gallery/permissions-boundary.json");

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
    fn the_warm_up_answers_a_real_question_and_keeps_nothing() {
        let catalog = catalog();
        let view = warm_up(&catalog).expect("the warm-up's subject exists");
        assert_eq!(view.principal, WARM_UP_SUBJECT);
        assert!(view.allowed > 0 && !view.services.is_empty());
        DECIDED.with(|d| assert!(d.borrow().is_none(), "a real question is decided anew"));
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

    /// The default scenario with its role's policy widened to `Action: *`.
    fn administrator() -> Value {
        let mut wide: Value = serde_json::from_str(DEFAULT).expect("json");
        let admin = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
        wide["principals"][0]["policies"][0]["document"] = Value::String(admin.into());
        wide
    }

    fn ask_with(scenario: Value, shown: Shown) -> AccessAsk {
        AccessAsk {
            scenario,
            baseline: None,
            subject: Subject::Session(0),
            resource: "*".into(),
            shown,
        }
    }

    #[test]
    fn only_what_is_shown_carries_names() {
        let catalog = catalog();
        let closed = view(&ask_with(administrator(), Shown::default()), &catalog).expect("answers");
        assert_eq!(closed.allowed, catalog.actions().len());
        assert_eq!(closed.services.len(), closed.services_allowed);
        assert!(closed
            .services
            .iter()
            .all(|s| s.levels.iter().all(|l| l.names.text.is_empty())));
        assert_eq!(
            closed
                .services
                .iter()
                .map(ServiceView::count)
                .sum::<usize>(),
            closed.allowed
        );
        // The flags: their first services and names, every action counted.
        let pm = &closed.permissions_management;
        assert!(pm.total > 0 && pm.runs.len() <= LINES_SHOWN);
        assert!(pm
            .runs
            .iter()
            .all(|r| r.names.iter().count() == r.names.count.min(NAMES_SHOWN)));

        let open = Shown {
            open: vec!["s3".into()],
            whole: vec![List::PermissionsManagement],
            ..Shown::default()
        };
        let opened = view(&ask_with(administrator(), open), &catalog).expect("answers");
        for s in &opened.services {
            for l in &s.levels {
                assert_eq!(
                    l.names.iter().count(),
                    if s.prefix == "s3" { l.names.count } else { 0 }
                );
            }
        }
        let s = crate::scenario_of(&administrator()).expect("reads");
        let access = compute(
            &s,
            &mut PolicyCache::default(),
            &Subject::Session(0),
            "*",
            &catalog,
        )
        .expect("ok");
        let summary = summary(&catalog, &access);
        let whole: Vec<String> = opened
            .permissions_management
            .runs
            .iter()
            .flat_map(|r| {
                r.names
                    .iter()
                    .map(|n| format!("{}:{n}", r.prefix))
                    .collect::<Vec<_>>()
            })
            .collect();
        let expected: Vec<&str> = summary
            .permissions_management
            .iter()
            .map(|a| a.full_name())
            .collect();
        assert_eq!(whole, expected, "shown whole, the summary's list");
        assert_eq!(
            opened.write_on_everything.total,
            summary.write_on_everything.len()
        );
        assert!(
            opened.write_on_everything.runs.len() <= LINES_SHOWN,
            "not asked whole"
        );
    }

    #[test]
    fn a_search_keeps_matching_services_and_actions_and_opens_them_when_few() {
        let catalog = catalog();
        let search = |text: &str| {
            let shown = Shown {
                search: text.into(),
                ..Shown::default()
            };
            view(&ask_with(administrator(), shown), &catalog).expect("answers")
        };
        let everything = search(" ");
        assert_eq!(everything.services.len(), everything.services_allowed);
        assert!(!everything.opened_by_search);
        // A service's name or prefix keeps it whole.
        let s3 = search("amazon s3");
        assert_eq!(s3.services.len(), 1);
        assert_eq!(s3.services[0].count(), everything.services[0].count());
        // Otherwise only matching actions, across services and case-insensitively, by full name;
        // few enough, every service they are in is open.
        let keys = search("ACCESSKEY");
        assert!(keys.opened_by_search);
        let names: Vec<String> = keys
            .services
            .iter()
            .flat_map(|s| {
                s.levels
                    .iter()
                    .flat_map(|l| {
                        l.names
                            .iter()
                            .map(|n| format!("{}:{n}", s.prefix))
                            .collect::<Vec<_>>()
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(!names.is_empty());
        assert!(
            names
                .iter()
                .all(|n| n.to_ascii_lowercase().contains("accesskey")),
            "{names:?}"
        );
        assert_eq!(search("iam:createa").services[0].count(), 1);
        assert!(search("nothing-like-this").services.is_empty());
        // The counts above the list stay the whole answer's.
        assert_eq!(keys.allowed, everything.allowed);
    }

    #[test]
    fn the_view_lists_owned_names_and_what_an_edit_granted() {
        let catalog = catalog();
        let scenario: Value = serde_json::from_str(BOUNDARY).expect("json");
        let ask = ask_with(scenario.clone(), Shown::default());
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
        assert_eq!(granted.actions.runs[0].prefix, "s3");
        assert_eq!(granted.actions.total, 12);
        assert!(granted.write_on_everything > 0);
    }

    #[test]
    fn an_unknown_subject_or_a_broken_scenario_says_why() {
        let catalog = catalog();
        let ask = ask_with(Value::String("not a scenario".into()), Shown::default());
        assert!(view(&ask, &catalog).is_err());
        let ask = AccessAsk {
            scenario: serde_json::from_str(BOUNDARY).expect("json"),
            subject: Subject::User("arn:aws:iam::111122223333:user/nobody".into()),
            ..ask
        };
        assert!(view(&ask, &catalog).is_err());
    }
}
