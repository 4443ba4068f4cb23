//! The app's one state object: a `use_reducer` store provided to every component by context
//! (Yew's `function_todomvc` shape). It holds the typed scenario and the result of running it;
//! every edit re-runs the whole scenario synchronously. Components read it and dispatch
//! [`Action`]s; side effects (Monaco, the URL, localStorage) live in hooks that watch it.

use crate::analysis::{Analysis, RolePolicy};
use crate::catalog::SharedCatalog;
use crate::scenario;
use roleplay_catalog::Catalog;
use roleplay_sim::{ReadError, RunResult, Scenario, Step, Subject};
use std::rc::Rc;
use yew::prelude::*;

/// The text of one policy editor and what Rust computed about it.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyText {
    pub text: AttrValue,
    pub analysis: Rc<Analysis>,
}

impl PolicyText {
    pub fn new(text: impl Into<AttrValue>, policy: RolePolicy, catalog: Option<&Catalog>) -> Self {
        let text = text.into();
        let analysis = Rc::new(Analysis::of(&text, policy, catalog));
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

/// The editors card's tabs (labels and ids in `components/tabs.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Trust and permissions policies side by side.
    Policies,
    /// Users, groups and roles.
    Principals,
    /// Permissions boundaries of users and roles.
    Boundaries,
    /// The `Policy` / `PolicyArns` of AssumeRole steps and inline sessions.
    Sessions,
    /// The organization: accounts, OUs, SCPs and RCPs.
    Organization,
    /// Resources with their policies and tags.
    Resources,
    /// OIDC and SAML identity providers.
    Providers,
    /// The whole scenario as JSON.
    Json,
    /// What a session, role or user may do over the service catalog (`components/access.rs`).
    Access,
}

/// What the Effective permissions tab asks about: whose access, on which resource.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AccessQuery {
    /// `None`: the first session the timeline created (else the first role, else the first user).
    pub subject: Option<Subject>,
    /// A resource ARN as typed; empty means `*`.
    pub resource: AttrValue,
}

/// An edit a form makes, applied to the value as it stands when the store runs it (so two quick
/// edits never undo each other).
pub struct Edit<T>(pub Rc<dyn Fn(&mut T)>);

/// A world tab's edit of the scenario.
pub type WorldEdit = Edit<Scenario>;
/// The step form's edit of one step.
pub type StepEdit = Edit<Step>;

impl<T> Edit<T> {
    pub fn new(f: impl Fn(&mut T) + 'static) -> Self {
        Edit(Rc::new(f))
    }
}

impl<T> Clone for Edit<T> {
    fn clone(&self) -> Self {
        Edit(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Edit<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::fmt::Debug for Edit<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Edit")
    }
}

/// The colour scheme the user picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(name: &str) -> Theme {
        match name {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }

    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }
}

/// A value shared by the store and compared by identity: a new value is a new `Rc`, so Yew's
/// comparisons never walk a run's result or the catalog.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A run's result (a new run is a new value).
pub type Run = Shared<RunResult>;

/// The Scenario JSON tab's own text while it does not read (kept as typed, with the error).
#[derive(Debug, Clone, PartialEq)]
pub struct JsonDraft {
    pub text: AttrValue,
    pub error: ReadError,
}

/// A share link opened while different autosaved work exists: the user chooses.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub linked: Rc<Scenario>,
    /// Set when the scenario comes from the Import dialog rather than a link.
    pub import: Option<ImportNote>,
    /// The link asked for quiz mode (`&quiz=1`): it starts once the user opens the link.
    pub quiz: bool,
}

/// What an import says once loaded: a headline and what was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportNote {
    pub message: AttrValue,
    pub skipped: Rc<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Store {
    /// Bumped on every change, so equality (used by context consumers) is one comparison.
    revision: u64,
    /// Bumped when the scenario changes (drives the URL and autosave).
    pub scenario_revision: u64,
    pub scenario: Rc<Scenario>,
    pub result: Run,
    /// The first run waits until the editors have painted (see [`Store::deferred`]).
    pub run_pending: bool,
    pub trust: PolicyText,
    pub permissions: PolicyText,
    /// The selected step (index into `scenario.steps` and `result.steps`).
    pub selected: Option<usize>,
    pub tab: Tab,
    pub json_draft: Option<JsonDraft>,
    pub monaco: MonacoState,
    /// A message shown above the workspace (a broken share link, …).
    pub banner: Option<AttrValue>,
    /// A list under the banner's message (what an import left out).
    pub banner_items: Rc<Vec<String>>,
    /// The banner informs (an import) rather than warns (a broken link).
    pub banner_info: bool,
    pub conflict: Option<Conflict>,
    pub gallery_open: bool,
    pub theme: Theme,
    /// Quiz mode: verdicts and explanations hidden, the learner answers each expected step.
    pub quiz: bool,
    pub import_open: bool,
    /// The service catalog, once it has loaded (`crate::catalog`).
    pub catalog: Option<SharedCatalog>,
    /// Why the catalog did not load, when it did not.
    pub catalog_failed: Option<AttrValue>,
    pub access: AccessQuery,
    /// The scenario as last opened, imported or shared: the "before" of the access diff.
    pub baseline: Rc<Scenario>,
    /// The scenario before the last applied fix, while nothing else changed it (Ctrl+Z restores it).
    pub undo_fix: Option<UndoFix>,
}

/// What "Undo" after *Fix it → Apply* restores.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoFix {
    pub before: Rc<Scenario>,
    /// What the fix did, for the notice.
    pub summary: AttrValue,
    /// `scenario_revision` right after the fix: any later change ends the undo.
    revision: u64,
}

impl Default for Store {
    fn default() -> Self {
        Store::with(scenario::default_scenario())
    }
}

impl Store {
    pub fn with(s: Scenario) -> Self {
        let mut store = Store::deferred(s);
        store.run_now();
        store
    }

    /// The store a page starts with: the editors' texts and analyses now, the run right after the
    /// first paint ([`Action::Run`]), so the first visit paints working editors without waiting
    /// for the simulator's code to be compiled and run.
    pub fn deferred(mut s: Scenario) -> Self {
        crate::scenario_json::keep_as_text(&mut s);
        let result = Shared(Rc::new(RunResult {
            roleplay: 1,
            steps: Vec::new(),
            findings: Vec::new(),
        }));
        let s = Rc::new(s);
        Store {
            run_pending: true,
            revision: 0,
            scenario_revision: 0,
            trust: PolicyText::new(scenario::trust_text(&s), RolePolicy::Trust, None),
            permissions: PolicyText::new(
                scenario::permissions_text(&s),
                RolePolicy::Permissions,
                None,
            ),
            baseline: s.clone(),
            scenario: s,
            result,
            selected: None,
            tab: Tab::Policies,
            json_draft: None,
            monaco: MonacoState::Pending,
            banner: None,
            banner_items: Rc::default(),
            banner_info: false,
            conflict: None,
            gallery_open: false,
            theme: Theme::System,
            quiz: false,
            import_open: false,
            catalog: None,
            catalog_failed: None,
            access: AccessQuery::default(),
            undo_fix: None,
        }
    }

    /// The fix that can still be undone (nothing changed the scenario since).
    pub fn undoable_fix(&self) -> Option<&UndoFix> {
        self.undo_fix
            .as_ref()
            .filter(|u| u.revision == self.scenario_revision)
    }

    pub fn policy(&self, policy: RolePolicy) -> &PolicyText {
        match policy {
            RolePolicy::Trust => &self.trust,
            RolePolicy::Permissions => &self.permissions,
        }
    }

    /// A policy text analysed with the catalog, when it has loaded.
    fn policy_text(&self, text: impl Into<AttrValue>, policy: RolePolicy) -> PolicyText {
        PolicyText::new(text, policy, self.catalog.as_deref())
    }

    fn run_now(&mut self) {
        self.result = Shared(Rc::new(roleplay_sim::run(&self.scenario)));
        self.run_pending = false;
    }

    /// A scenario opens on its first interesting step, explained: the first that is not allowed (a
    /// denial or a failure is where the lesson is), else the first that illustrates an exam trap,
    /// else the first. None in the quiz, where the explanation is the answer.
    fn select_first_interesting(&mut self) {
        let steps = &self.result.steps;
        self.selected = if self.quiz || steps.is_empty() {
            None
        } else {
            steps
                .iter()
                .position(|s| s.decision != "allowed")
                .or_else(|| steps.iter().position(|s| s.trap.is_some()))
                .or(Some(0))
        };
    }

    /// Replaces the scenario and re-runs it; editor texts follow unless they already match.
    fn set_scenario(&mut self, mut s: Scenario) {
        crate::scenario_json::keep_as_text(&mut s);
        let trust = scenario::trust_text(&s);
        if *self.trust.text != *trust {
            self.trust = self.policy_text(trust, RolePolicy::Trust);
        }
        let permissions = scenario::permissions_text(&s);
        if *self.permissions.text != *permissions {
            self.permissions = self.policy_text(permissions, RolePolicy::Permissions);
        }
        self.scenario = Rc::new(s);
        self.run_now();
        self.scenario_revision = self.scenario_revision.wrapping_add(1);
        if self
            .selected
            .is_some_and(|i| i >= self.scenario.steps.len())
        {
            self.selected = self.scenario.steps.len().checked_sub(1);
        }
    }

    fn edit_steps(&mut self, f: impl FnOnce(&mut Vec<Step>) -> Option<usize>) {
        let mut s = (*self.scenario).clone();
        let selected = f(&mut s.steps);
        self.json_draft = None;
        self.set_scenario(s);
        if selected.is_some() {
            self.selected = selected;
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The deferred first run.
    Run,
    /// The user edited a policy (textarea or Monaco): store the text, re-run the scenario.
    Edit(RolePolicy, AttrValue),
    /// The user edited the Scenario JSON tab: re-read it; keep the text and the last good run on error.
    EditJson(AttrValue),
    /// Open another scenario (gallery, share link, autosave).
    Load(Rc<Scenario>),
    Select(Option<usize>),
    /// The step form changed step `i`: apply the edit to the step as it stands and re-run.
    EditStep(usize, StepEdit),
    AddStep,
    DuplicateStep(usize),
    MoveStep(usize, bool),
    RemoveStep(usize),
    Tab(Tab),
    Monaco(MonacoState),
    Banner(Option<AttrValue>),
    Conflict(Option<Conflict>),
    Gallery(bool),
    Theme(Theme),
    /// Enter or leave quiz mode.
    Quiz(bool),
    /// Open or close the Import dialog.
    ImportDialog(bool),
    /// Load an imported scenario and say what was left out.
    Import(Rc<Scenario>, ImportNote),
    /// A world tab's form changed the scenario: apply it and re-run.
    EditWorld(WorldEdit),
    /// The service catalog has loaded: the editors' analyses add its findings.
    Catalog(SharedCatalog),
    /// The service catalog could not be loaded (why).
    CatalogFailed(AttrValue),
    /// Show the Effective permissions tab with this question.
    Access(AccessQuery),
    /// The scenario was shared (a link or Markdown copied): it becomes the diff's "before".
    Shared,
    /// *Fix it → Apply*: the fixed scenario (what the fix did, for the notice). One undo step.
    ApplyFix(Rc<Scenario>, AttrValue),
    /// Restore the scenario as it was before the last applied fix.
    UndoFix,
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Run => {
                if !self.run_pending {
                    return self;
                }
                next.run_now();
                if next.selected.is_none() {
                    next.select_first_interesting();
                }
            }
            Action::Edit(policy, text) => {
                if self.policy(policy).text == text {
                    return self;
                }
                let mut s = (*self.scenario).clone();
                let stored = match policy {
                    RolePolicy::Trust => scenario::set_trust(&mut s, &text),
                    RolePolicy::Permissions => scenario::set_permissions(&mut s, &text),
                };
                match policy {
                    RolePolicy::Trust => next.trust = self.policy_text(text, policy),
                    RolePolicy::Permissions => next.permissions = self.policy_text(text, policy),
                }
                if stored {
                    next.json_draft = None;
                    next.set_scenario(s);
                }
            }
            Action::EditJson(text) => match scenario::read(&text) {
                Ok(s) => {
                    next.set_scenario(s);
                    // Keep the user's formatting while it reads; the tab shows this text.
                    next.json_draft = None;
                }
                Err(error) => next.json_draft = Some(JsonDraft { text, error }),
            },
            Action::Load(s) => {
                next.json_draft = None;
                next.selected = None;
                next.conflict = None;
                next.gallery_open = false;
                next.quiz = false;
                next.set_scenario((*s).clone());
                next.select_first_interesting();
                next.baseline = next.scenario.clone();
            }
            Action::Import(s, note) => {
                next.json_draft = None;
                next.selected = None;
                next.conflict = None;
                next.gallery_open = false;
                next.import_open = false;
                next.quiz = false;
                next.banner = Some(note.message);
                next.banner_items = note.skipped;
                next.banner_info = true;
                next.set_scenario((*s).clone());
                next.select_first_interesting();
                next.baseline = next.scenario.clone();
            }
            Action::EditWorld(edit) => {
                let mut s = (*self.scenario).clone();
                (edit.0)(&mut s);
                if s == *self.scenario {
                    return self;
                }
                next.json_draft = None;
                next.set_scenario(s);
            }
            Action::Select(i) => {
                if self.selected == i {
                    return self;
                }
                next.selected = i.filter(|&i| i < self.scenario.steps.len());
            }
            Action::EditStep(i, edit) => {
                let Some(step) = self.scenario.steps.get(i) else {
                    return self;
                };
                let mut edited = step.clone();
                (edit.0)(&mut edited);
                if edited == *step {
                    return self;
                }
                next.edit_steps(|steps| {
                    let slot = steps.get_mut(i)?;
                    *slot = edited;
                    Some(i)
                });
            }
            Action::AddStep => {
                let step = scenario::new_step(&self.scenario);
                next.edit_steps(|steps| {
                    steps.push(step);
                    Some(steps.len() - 1)
                });
            }
            Action::DuplicateStep(i) => {
                let s = &self.scenario;
                let copy = s.steps.get(i).cloned().map(|mut st| {
                    if let Some(id) = &st.id {
                        st.id = Some(scenario::fresh_id(s, id));
                    }
                    st.at = Some("+0s".into());
                    st
                });
                next.edit_steps(|steps| {
                    steps.insert(i + 1, copy?);
                    Some(i + 1)
                });
            }
            Action::MoveStep(i, up) => {
                next.edit_steps(|steps| {
                    let j = if up { i.checked_sub(1)? } else { i + 1 };
                    if j >= steps.len() || i >= steps.len() {
                        return None;
                    }
                    steps.swap(i, j);
                    Some(j)
                });
            }
            Action::RemoveStep(i) => {
                if i >= self.scenario.steps.len() {
                    return self;
                }
                next.selected = None;
                next.edit_steps(|steps| {
                    steps.remove(i);
                    None
                });
            }
            Action::Tab(tab) => next.tab = tab,
            Action::Monaco(state) => {
                if self.monaco == state {
                    return self;
                }
                next.monaco = state;
            }
            Action::Banner(b) => {
                next.banner_items = Rc::default();
                next.banner_info = false;
                next.banner = b;
            }
            Action::Quiz(on) => {
                next.quiz = on && has_quiz(&self.scenario);
                next.selected = None;
            }
            Action::ImportDialog(open) => next.import_open = open,
            Action::Conflict(c) => next.conflict = c,
            Action::Gallery(open) => next.gallery_open = open,
            Action::Theme(t) => next.theme = t,
            Action::Catalog(catalog) => {
                next.catalog = Some(catalog);
                next.trust = next.policy_text(self.trust.text.clone(), RolePolicy::Trust);
                next.permissions =
                    next.policy_text(self.permissions.text.clone(), RolePolicy::Permissions);
            }
            Action::CatalogFailed(why) => next.catalog_failed = Some(why),
            Action::Access(query) => {
                next.tab = Tab::Access;
                next.access = query;
            }
            Action::Shared => {
                if Rc::ptr_eq(&self.baseline, &self.scenario) {
                    return self;
                }
                next.baseline = self.scenario.clone();
            }
            Action::ApplyFix(fixed, summary) => {
                next.json_draft = None;
                next.set_scenario((*fixed).clone());
                next.undo_fix = Some(UndoFix {
                    before: self.scenario.clone(),
                    summary,
                    revision: next.scenario_revision,
                });
            }
            Action::UndoFix => {
                let Some(undo) = self.undoable_fix() else {
                    return self;
                };
                let before = (*undo.before).clone();
                next.json_draft = None;
                next.set_scenario(before);
                next.undo_fix = None;
            }
        }
        next.revision = self.revision.wrapping_add(1);
        Rc::new(next)
    }
}

/// Whether a scenario can be quizzed: some step says what it expects.
pub fn has_quiz(s: &Scenario) -> bool {
    s.steps.iter().any(|st| st.expect.is_some())
}

/// The handle components get from context.
pub type StoreHandle = UseReducerHandle<Store>;

#[cfg(test)]
mod tests {
    use super::*;
    use roleplay_policy::Code;

    fn verdicts(store: &Store) -> Vec<String> {
        store
            .result
            .steps
            .iter()
            .map(|s| scenario::verdict(s.decision, s.error.as_ref().map(|e| e.code.as_str())).0)
            .collect()
    }

    #[test]
    fn an_applied_fix_is_one_undo_step_that_restores_the_text_exactly() {
        let store = Rc::new(Store::default());
        let bob = store.trust.text.replace("user/alice", "user/bob");
        let broken = Rc::clone(&store).reduce(Action::Edit(RolePolicy::Trust, bob.clone().into()));
        let fix = crate::fix_it::compute(&broken.scenario, 0)
            .expect("fixes")
            .fixes
            .into_iter()
            .next()
            .expect("a fix");
        let fixed = crate::fix_it::apply(&fix).expect("applies");
        let applied =
            Rc::clone(&broken).reduce(Action::ApplyFix(Rc::new(fixed), fix.summary.into()));
        assert_eq!(verdicts(&applied)[0], "Allowed");
        assert!(applied.undoable_fix().is_some());
        let undone = Rc::clone(&applied).reduce(Action::UndoFix);
        assert_eq!(*undone.trust.text, *bob);
        assert_eq!(undone.scenario, broken.scenario);
        assert!(undone.undoable_fix().is_none());
        // Another change since the fix ends the undo.
        let edited = applied.reduce(Action::Edit(RolePolicy::Trust, "{}".into()));
        assert!(edited.undoable_fix().is_none());
        assert_eq!(*edited.clone().reduce(Action::UndoFix).trust.text, *"{}");
    }

    #[test]
    fn editing_the_trust_policy_reruns_the_scenario() {
        let store = Rc::new(Store::default());
        assert_eq!(
            verdicts(&store),
            ["Allowed", "Allowed", "Implicit deny", "ExpiredToken"]
        );
        let bob = store.trust.text.replace("user/alice", "user/bob");
        let next = Rc::clone(&store).reduce(Action::Edit(RolePolicy::Trust, bob.into()));
        assert_eq!(verdicts(&next)[0], "Implicit deny");
        assert!(next.result.steps[1].decision == "error");
        let back = next.reduce(Action::Edit(RolePolicy::Trust, store.trust.text.clone()));
        assert_eq!(verdicts(&back), verdicts(&store));
    }

    #[test]
    fn unchanged_text_keeps_the_same_state() {
        let store = Rc::new(Store::default());
        let same =
            Rc::clone(&store).reduce(Action::Edit(RolePolicy::Trust, store.trust.text.clone()));
        assert!(Rc::ptr_eq(&store, &same));
    }

    #[test]
    fn broken_json_keeps_the_last_good_run() {
        let store = Rc::new(Store::default());
        let next = Rc::clone(&store).reduce(Action::EditJson("{\"roleplay\": 1,".into()));
        let draft = next.json_draft.as_ref().expect("a draft");
        assert!(draft.error.line >= 1);
        assert!(store.result == next.result);
        let fixed = next.reduce(Action::EditJson("{\"roleplay\": 1}".into()));
        assert!(fixed.json_draft.is_none());
        assert!(fixed.result.steps.is_empty());
    }

    #[test]
    fn steps_are_added_moved_and_removed() {
        let store = Rc::new(Store::default());
        let added = Rc::clone(&store).reduce(Action::AddStep);
        assert_eq!(added.scenario.steps.len(), 5);
        assert_eq!(added.result.steps.len(), 5);
        assert_eq!(added.selected, Some(4));
        let moved = added.reduce(Action::MoveStep(4, true));
        assert_eq!(moved.selected, Some(3));
        let dup = moved.reduce(Action::DuplicateStep(0));
        assert_eq!(dup.scenario.steps[1].id.as_deref(), Some("assume-2"));
        let removed = dup.reduce(Action::RemoveStep(1));
        assert_eq!(removed.scenario.steps.len(), 5);
    }

    #[test]
    fn the_first_run_can_wait_for_the_first_paint() {
        let store = Rc::new(Store::deferred(scenario::default_scenario()));
        assert!(store.run_pending && store.result.steps.is_empty());
        let ran = store.reduce(Action::Run);
        assert!(!ran.run_pending);
        assert_eq!(verdicts(&ran).len(), 4);
        let same = Rc::clone(&ran).reduce(Action::Run);
        assert!(Rc::ptr_eq(&ran, &same));
    }

    #[test]
    fn quiz_mode_needs_expectations_and_loading_leaves_it() {
        let store = Rc::new(Store::default());
        let quiz = Rc::clone(&store).reduce(Action::Quiz(true));
        assert_eq!(quiz.quiz, has_quiz(&store.scenario));
        let mut empty = (*store.scenario).clone();
        empty.steps.iter_mut().for_each(|s| s.expect = None);
        let loaded = quiz.reduce(Action::Load(Rc::new(empty)));
        assert!(!loaded.quiz);
        assert!(!loaded.reduce(Action::Quiz(true)).quiz);
    }

    #[test]
    fn an_import_loads_and_lists_what_was_left_out() {
        let store = Rc::new(Store::default());
        let note = ImportNote {
            message: "Loaded".into(),
            skipped: Rc::new(vec!["a role".into()]),
        };
        let mut s = (*store.scenario).clone();
        s.title = Some("Imported".into());
        let next = store.reduce(Action::Import(Rc::new(s), note));
        assert_eq!(next.scenario.title.as_deref(), Some("Imported"));
        assert_eq!(next.banner_items.len(), 1);
        assert!(next.banner_info);
        let dismissed = next.reduce(Action::Banner(None));
        assert!(dismissed.banner.is_none() && dismissed.banner_items.is_empty());
    }

    #[test]
    fn a_world_edit_reruns_and_keeps_the_editors_in_step() {
        let store = Rc::new(Store::default());
        let bob = WorldEdit::new(|s| {
            if let Some(roleplay_sim::PrincipalDef::Role(r)) = s.principals.first_mut() {
                r.trust_policy =
                    roleplay_sim::PolicyDoc::Text(r.trust_policy.text().replace("alice", "bob"));
            }
        });
        let next = Rc::clone(&store).reduce(Action::EditWorld(bob));
        assert_eq!(verdicts(&next)[0], "Implicit deny");
        assert!(
            next.trust.text.contains("user/bob"),
            "the main editor follows"
        );
        assert_eq!(next.scenario_revision, store.scenario_revision + 1);
        // An edit that changes nothing keeps the state (no re-run, no autosave).
        let same = Rc::clone(&next).reduce(Action::EditWorld(WorldEdit::new(|_| {})));
        assert!(Rc::ptr_eq(&next, &same));
    }

    #[test]
    fn two_quick_step_edits_both_land() {
        let store = Rc::new(Store::default());
        // Both edits are made from the same render (the form has not seen the first one yet).
        let id = StepEdit::new(|st| st.id = Some("first".into()));
        let at = StepEdit::new(|st| st.at = Some("+5s".into()));
        let next = Rc::clone(&store)
            .reduce(Action::EditStep(1, id))
            .reduce(Action::EditStep(1, at));
        let step = &next.scenario.steps[1];
        assert_eq!(
            (step.id.as_deref(), step.at.as_deref()),
            (Some("first"), Some("+5s"))
        );
        assert_eq!(next.selected, Some(1));
        assert_eq!(next.scenario_revision, store.scenario_revision + 2);
        // An edit that changes nothing, or of a step that is gone, keeps the state.
        let same = Rc::clone(&next).reduce(Action::EditStep(1, StepEdit::new(|_| {})));
        assert!(Rc::ptr_eq(&next, &same));
        let gone = Rc::clone(&next).reduce(Action::EditStep(99, StepEdit::new(|st| st.id = None)));
        assert!(Rc::ptr_eq(&next, &gone));
    }

    #[test]
    fn the_catalog_adds_its_findings_to_both_editors() {
        let catalog = roleplay_catalog::Catalog::from_json(include_str!(
            "../../catalog/tests/fixtures/catalog.json"
        ))
        .expect("the fixture loads");
        let store = Rc::new(Store::default());
        let typo = store
            .permissions
            .text
            .replace("s3:GetObject", "s3:GetObjet");
        let edited = store.reduce(Action::Edit(RolePolicy::Permissions, typo.into()));
        let codes = |s: &Store| -> Vec<Code> {
            s.permissions
                .analysis
                .markers
                .iter()
                .map(|m| m.code)
                .collect()
        };
        assert!(!codes(&edited).contains(&Code::UnknownAction));
        let loaded = edited.reduce(Action::Catalog(Shared(Rc::new(catalog))));
        assert_eq!(codes(&loaded), [Code::UnknownAction]);
        assert_eq!(loaded.permissions.analysis.warnings, 1);
        // Later edits keep using it.
        let again = Rc::clone(&loaded).reduce(Action::Edit(
            RolePolicy::Permissions,
            loaded
                .permissions
                .text
                .replace("s3:GetObjet", "s3:GetObjecz")
                .into(),
        ));
        assert_eq!(codes(&again), [Code::UnknownAction]);
    }

    #[test]
    fn the_access_diff_compares_with_the_scenario_as_opened_or_shared() {
        let store = Rc::new(Store::default());
        assert!(Rc::ptr_eq(&store.baseline, &store.scenario));
        let edited = Rc::clone(&store).reduce(Action::AddStep);
        assert!(
            Rc::ptr_eq(&edited.baseline, &store.scenario),
            "an edit keeps the baseline"
        );
        let shared = Rc::clone(&edited).reduce(Action::Shared);
        assert!(Rc::ptr_eq(&shared.baseline, &shared.scenario));
        let again = Rc::clone(&shared).reduce(Action::Shared);
        assert!(Rc::ptr_eq(&shared, &again), "sharing twice changes nothing");
        let loaded = again.reduce(Action::Load(Rc::new(scenario::empty_scenario())));
        assert!(Rc::ptr_eq(&loaded.baseline, &loaded.scenario));
        // Asking about a subject opens the tab.
        let query = AccessQuery {
            subject: Some(Subject::Session(0)),
            resource: "arn:aws:s3:::b".into(),
        };
        let asked = loaded.reduce(Action::Access(query.clone()));
        assert_eq!((asked.tab, &asked.access), (Tab::Access, &query));
    }

    #[test]
    fn a_scenario_opens_on_its_first_interesting_step() {
        let store = Rc::new(Store::deferred(scenario::default_scenario()));
        assert_eq!(store.selected, None, "nothing to explain before the run");
        let ran = store.reduce(Action::Run);
        // The default scenario's PutObject step, the first denial (it illustrates the exam trap).
        assert_eq!(ran.selected, Some(2));
        assert!(ran.result.steps[2].trap.is_some());
        let mut all_allowed = (*ran.scenario).clone();
        all_allowed.steps.truncate(2);
        let loaded = Rc::clone(&ran).reduce(Action::Load(Rc::new(all_allowed)));
        assert_eq!(
            loaded.selected,
            Some(0),
            "no trap, no denial: the first step"
        );
        let quiz = ran.reduce(Action::Quiz(true));
        assert_eq!(quiz.selected, None);
    }

    #[test]
    fn monaco_state_changes() {
        let store = Rc::new(Store::default());
        let loading = store.reduce(Action::Monaco(MonacoState::Loading));
        assert_eq!(loading.monaco, MonacoState::Loading);
    }
}
