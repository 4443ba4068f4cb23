//! The view of a question's decisions as the page shows them: the summary by service and access
//! level, the search, the opened services' names and the flag and change lists, first few or whole.

use super::{
    AccessView, ByService, Change, ChangeView, ChangesView, Decided, LevelView, Lines, List, Names,
    Run, ServiceView, Shown, LINES_SHOWN, NAMES_SHOWN, OPENED_BY_SEARCH_MAX,
};
use roleplay_catalog::{AccessLevel, AccessSummary, Action, Catalog, Service, ServiceAccess};
use roleplay_sim::Access;

/// The view of the decisions as the page shows them.
pub(super) fn shown_view(
    d: &Decided,
    shown: &Shown,
    catalog: &Catalog,
    changes: ChangesView,
) -> AccessView {
    let summary = summary(catalog, &d.access);
    let matching: Vec<Matching> = summary
        .services
        .iter()
        .filter_map(|s| matching(s, shown.search.trim()))
        .collect();
    let listed: usize = matching.iter().map(Matching::count).sum();
    let opened_by_search = !shown.search.trim().is_empty() && listed <= OPENED_BY_SEARCH_MAX;
    let whole = |list| shown.whole.contains(&list);
    AccessView {
        principal: d.access.principal.clone(),
        resource: d.access.resource.clone(),
        allowed: summary.allowed,
        total: catalog.actions().len(),
        services_allowed: summary.services.len(),
        services: matching
            .iter()
            .map(|m| {
                let open = opened_by_search || shown.open.iter().any(|p| p == m.service.prefix());
                service_view(m, open)
            })
            .collect(),
        opened_by_search,
        permissions_management: lines(
            &summary.permissions_management,
            whole(List::PermissionsManagement),
        ),
        write_on_everything: lines(&summary.write_on_everything, whole(List::WriteOnEverything)),
        named: d.named.clone(),
        changes,
    }
}

/// A service's allowed actions that match a search, by level.
struct Matching<'c> {
    service: &'c Service,
    levels: Vec<(AccessLevel, Vec<&'c Action>)>,
}

impl Matching<'_> {
    fn count(&self) -> usize {
        self.levels.iter().map(|(_, actions)| actions.len()).sum()
    }
}

/// What of a service's allowed actions `search` keeps: all of them when its prefix or name
/// contains it, else those whose full name does; `None` when none.
fn matching<'c>(s: &ServiceAccess<'c>, search: &str) -> Option<Matching<'c>> {
    let whole = contains(s.service.prefix(), search) || contains(s.service.name(), search);
    let levels: Vec<(AccessLevel, Vec<&Action>)> = s
        .levels
        .iter()
        .filter_map(|(level, actions)| {
            let kept: Vec<&Action> = actions
                .iter()
                .copied()
                .filter(|a| whole || contains(a.full_name(), search))
                .collect();
            (!kept.is_empty()).then_some((*level, kept))
        })
        .collect();
    (!levels.is_empty()).then_some(Matching {
        service: s.service,
        levels,
    })
}

/// ASCII case-insensitive substring test (action names, prefixes and service names are ASCII).
fn contains(haystack: &str, needle: &str) -> bool {
    needle.is_empty()
        || haystack
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn service_view(m: &Matching, open: bool) -> ServiceView {
    ServiceView {
        prefix: m.service.prefix().to_owned(),
        name: m.service.name().to_owned(),
        levels: m
            .levels
            .iter()
            .map(|(level, actions)| LevelView {
                level: level.as_str().to_owned(),
                // A closed service's names are counted, not gathered: a search asks for every
                // service of an administrator's answer again.
                names: if open {
                    Names::new(&actions.iter().map(|a| a.name()).collect::<Vec<_>>())
                } else {
                    Names {
                        count: actions.len(),
                        text: String::new(),
                    }
                },
            })
            .collect(),
    }
}

pub(super) fn change_view(c: &Change, whole: bool) -> ChangeView {
    ChangeView {
        count: c.summary.allowed,
        actions: lines(&c.actions, whole),
        permissions_management: c.summary.permissions_management.len(),
        write_on_everything: c.summary.write_on_everything.len(),
    }
}

/// `actions` as a [`Lines`] list, whole or its first few.
fn lines(actions: &[&Action], whole: bool) -> Lines {
    let (services, names) = if whole {
        (usize::MAX, usize::MAX)
    } else {
        (LINES_SHOWN, NAMES_SHOWN)
    };
    Lines {
        total: actions.len(),
        runs: by_service(actions)
            .into_iter()
            .take(services)
            .map(|(prefix, all)| Run {
                prefix: prefix.to_owned(),
                names: Names::first(&all, names),
            })
            .collect(),
    }
}

pub(super) fn owned(actions: &[&Action]) -> ByService {
    lines(actions, true).runs
}

/// The allowed actions by service and access level, with the flagged classes. An action counts
/// only if the catalog says it acts on the resource asked about (every action acts on `*`).
pub(super) fn summary<'c>(catalog: &'c Catalog, access: &Access) -> AccessSummary<'c> {
    let acting = catalog.acting_on(&access.resource);
    catalog.summarize(
        |i| access.is_allowed(i) && acting.get(i).copied().unwrap_or(false),
        access.resource == "*",
    )
}

/// Actions (in catalog order) as runs of one service: `[("iam", ["CreateUser", "PutRolePolicy"])]`.
pub(super) fn by_service<'c>(actions: &[&'c Action]) -> Vec<(&'c str, Vec<&'c str>)> {
    let mut out: Vec<(&str, Vec<&str>)> = Vec::new();
    for a in actions {
        match out.last_mut() {
            Some((prefix, names)) if *prefix == a.service_prefix() => names.push(a.name()),
            _ => out.push((a.service_prefix(), vec![a.name()])),
        }
    }
    out
}
