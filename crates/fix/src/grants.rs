//! "Also grants", with the catalog: every catalog action the principal may newly perform on the
//! step's resource once the fix is in, by access level (the same evaluation as the Effective
//! permissions view, before and after).

use crate::facts::Caller;
use crate::report::{CatalogGrants, LevelGrants};
use roleplay_catalog::{AccessLevel, Catalog};
use roleplay_sim::{effective_access, PolicyCache, Scenario, Subject};

/// Actions newly allowed to the caller on `resource`, the step's own `action` left out; `None` for
/// a caller the view cannot ask about (a service, a federated user, anonymous).
pub fn catalog_grants(
    catalog: &Catalog,
    before: &Scenario,
    after: &Scenario,
    caller: &Caller,
    resource: &str,
    action: &str,
) -> Option<CatalogGrants> {
    let subject = match caller {
        Caller::User { arn, .. } => Subject::User(arn.clone()),
        Caller::Session { arn, .. } => Subject::Role(arn.clone()),
        _ => return None,
    };
    let names: Vec<&str> = catalog.actions().iter().map(|a| a.full_name()).collect();
    let mut cache = PolicyCache::default();
    let old = effective_access(before, &mut cache, &subject, resource, &names).ok()?;
    let new = effective_access(after, &mut cache, &subject, resource, &names).ok()?;
    let mut by_level: Vec<LevelGrants> = Vec::new();
    let mut count = 0;
    for (i, a) in catalog.actions().iter().enumerate() {
        if !new.is_allowed(i) || old.is_allowed(i) || a.full_name().eq_ignore_ascii_case(action) {
            continue;
        }
        count += 1;
        let level = a.access_level().as_str();
        let slot = match by_level.iter().position(|l| l.level == level) {
            Some(p) => by_level.get_mut(p)?,
            None => {
                by_level.push(LevelGrants {
                    level: level.to_string(),
                    count: 0,
                    sample: Vec::new(),
                });
                by_level.last_mut()?
            }
        };
        slot.count += 1;
        if slot.sample.len() < 5 {
            slot.sample.push(a.full_name().to_string());
        }
    }
    // Riskiest first, as the Effective permissions view lists them.
    let rank = |l: &str| {
        [
            AccessLevel::PermissionsManagement,
            AccessLevel::Write,
            AccessLevel::Tagging,
            AccessLevel::Read,
            AccessLevel::List,
        ]
        .iter()
        .position(|x| x.as_str() == l)
    };
    by_level.sort_by_key(|l| rank(&l.level));
    Some(CatalogGrants { count, by_level })
}
