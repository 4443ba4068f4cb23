//! The app's one state object: a `use_reducer` store provided to every component by context
//! (Yew's `function_todomvc` shape). Components read it and dispatch [`Action`]s; side effects
//! (Monaco, later the URL and localStorage) live in hooks that watch it.

use crate::analysis::{defaults, Analysis, RolePolicy};
use std::rc::Rc;
use yew::prelude::*;

/// The text of one policy editor and what Rust computed about it.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyText {
    pub text: AttrValue,
    pub analysis: Rc<Analysis>,
}

impl PolicyText {
    pub fn new(text: impl Into<AttrValue>, policy: RolePolicy) -> Self {
        let text = text.into();
        let analysis = Rc::new(Analysis::of(&text, policy));
        PolicyText { text, analysis }
    }
}

/// Where the rich editor stands. The textarea is the editor until `Ready`, and for good on phones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MonacoState {
    /// Not decided yet (before the first render).
    Pending,
    /// Narrow or touch screen: the textarea stays the editor, Monaco is never downloaded.
    Skipped,
    Loading,
    Ready,
    /// Monaco could not load; the textarea stays, with the reason for the curious.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Store {
    /// Bumped on every change, so equality (used by context consumers) is one comparison.
    revision: u64,
    /// The scenario's title, shown in the header.
    pub title: AttrValue,
    pub trust: PolicyText,
    pub permissions: PolicyText,
    pub monaco: MonacoState,
}

impl Default for Store {
    fn default() -> Self {
        Store {
            revision: 0,
            title: AttrValue::Static(defaults::TITLE),
            trust: PolicyText::new(defaults::TRUST, RolePolicy::Trust),
            permissions: PolicyText::new(defaults::PERMISSIONS, RolePolicy::Permissions),
            monaco: MonacoState::Pending,
        }
    }
}

impl Store {
    pub fn policy(&self, policy: RolePolicy) -> &PolicyText {
        match policy {
            RolePolicy::Trust => &self.trust,
            RolePolicy::Permissions => &self.permissions,
        }
    }

    fn policy_mut(&mut self, policy: RolePolicy) -> &mut PolicyText {
        match policy {
            RolePolicy::Trust => &mut self.trust,
            RolePolicy::Permissions => &mut self.permissions,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The user edited a policy (textarea or Monaco): re-analyze that text.
    Edit(RolePolicy, AttrValue),
    Monaco(MonacoState),
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(policy, text) => {
                if self.policy(policy).text == text {
                    return self;
                }
                *next.policy_mut(policy) = PolicyText::new(text, policy);
            }
            Action::Monaco(state) => {
                if self.monaco == state {
                    return self;
                }
                next.monaco = state;
            }
        }
        next.revision = self.revision.wrapping_add(1);
        Rc::new(next)
    }
}

/// The handle components get from context.
pub type StoreHandle = UseReducerHandle<Store>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_reanalyzes_only_that_policy() {
        let store = Rc::new(Store::default());
        let perms_before = Rc::clone(&store.permissions.analysis);
        let next = Rc::clone(&store).reduce(Action::Edit(RolePolicy::Trust, "{".into()));
        assert_eq!(next.trust.analysis.statements, None);
        assert!(next.trust.analysis.json_error.is_some());
        assert!(Rc::ptr_eq(&perms_before, &next.permissions.analysis));
        assert_ne!(*store, *next);
    }

    #[test]
    fn unchanged_text_keeps_the_same_state() {
        let store = Rc::new(Store::default());
        let same = Rc::clone(&store).reduce(Action::Edit(
            RolePolicy::Trust,
            AttrValue::Static(defaults::TRUST),
        ));
        assert!(Rc::ptr_eq(&store, &same));
    }

    #[test]
    fn monaco_state_changes() {
        let store = Rc::new(Store::default());
        let loading = store.reduce(Action::Monaco(MonacoState::Loading));
        assert_eq!(loading.monaco, MonacoState::Loading);
    }
}
