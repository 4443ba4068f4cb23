//! The policy-summary view of an allowed-action set: by service, then by access level, like the IAM
//! console's summary — with the two things a reviewer looks for first counted apart: permissions
//! management, and write access on every resource (`Resource: *`).

use crate::catalog::{AccessLevel, Action, Catalog, Service};

/// The allowed actions of one service, by access level (levels in [`AccessLevel`] order, empty ones left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceAccess<'c> {
    pub service: &'c Service,
    pub levels: Vec<(AccessLevel, Vec<&'c Action>)>,
}

impl ServiceAccess<'_> {
    pub fn count(&self) -> usize {
        self.levels.iter().map(|(_, a)| a.len()).sum()
    }
}

/// Every allowed action of the catalog, grouped, with the flags.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AccessSummary<'c> {
    /// Services with at least one allowed action, in catalog order.
    pub services: Vec<ServiceAccess<'c>>,
    pub allowed: usize,
    /// Allowed actions at the "Permissions management" level: they can change who may do what.
    pub permissions_management: Vec<&'c Action>,
    /// Allowed Write actions when the resource asked about is `*`: writes on every resource.
    pub write_on_everything: Vec<&'c Action>,
}

impl Catalog {
    /// Groups the actions for which `allowed(index)` holds, `index` being the position in
    /// [`Catalog::actions`]; `on_every_resource` when the question was asked for `Resource: *`.
    pub fn summarize(
        &self,
        allowed: impl Fn(usize) -> bool,
        on_every_resource: bool,
    ) -> AccessSummary<'_> {
        let mut summary = AccessSummary::default();
        for service in self.services() {
            let mut levels: Vec<(AccessLevel, Vec<&Action>)> = Vec::new();
            let indexes = service.action_indexes();
            for (index, action) in indexes.zip(self.actions_of(service)) {
                if !allowed(index) {
                    continue;
                }
                let level = action.access_level();
                match levels.iter_mut().find(|(l, _)| *l == level) {
                    Some((_, list)) => list.push(action),
                    None => levels.push((level, vec![action])),
                }
                summary.allowed += 1;
                match level {
                    AccessLevel::PermissionsManagement => {
                        summary.permissions_management.push(action)
                    }
                    AccessLevel::Write if on_every_resource => {
                        summary.write_on_everything.push(action)
                    }
                    _ => {}
                }
            }
            if !levels.is_empty() {
                levels.sort_by_key(|(l, _)| *l);
                summary.services.push(ServiceAccess { service, levels });
            }
        }
        summary
    }
}
