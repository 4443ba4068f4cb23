//! The app's one state object: a `use_reducer` store provided to every component by context
//! (Yew's `function_todomvc` shape), in four parts — the document (`doc`), its run (`run`), the
//! page's UI (`ui`) and the service catalog with the access question (`catalog`). Every version of
//! the scenario is run by the page's worker (`crate::runner`); its reply ([`Action::Ran`]) replaces
//! the run shown unless a newer one is already shown. Components read the store and dispatch [`Action`]s, each
//! handled by one short method below; side effects (Monaco, the URL, localStorage) live in hooks
//! that watch it.

use crate::analysis::{Analysis, RolePolicy};
use crate::scenario;
use roleplay_sim::{ReadError, RunResult, Scenario, Step, Subject};
use std::rc::Rc;
use yew::prelude::*;
use Outcome::{Changed, Unchanged};

/// The text of one policy editor and what the worker computed about it (`crate::analyses`).
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyText {
    pub text: AttrValue,
    /// The newest analysis the worker has sent: of `text`, or of an earlier text while the answer
    /// for this one is on its way (so the status line does not flicker as the user types). None
    /// before the first.
    pub analysis: Option<Rc<Analysis>>,
    /// Whether `analysis` is of `text` (the markers are only set then).
    pub current: bool,
}

impl PolicyText {
    pub fn new(text: impl Into<AttrValue>) -> Self {
        PolicyText {
            text: text.into(),
            analysis: None,
            current: false,
        }
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
    /// Resources with their policies and tags (and buckets' service settings), VPC endpoints.
    Resources,
    /// OIDC and SAML identity providers.
    Providers,
    /// The whole scenario as JSON.
    Json,
    /// What a session, role or user may do over the service catalog (`components/access/`).
    Access,
    /// Who can reach what: the trust graph (`components/graph.rs`).
    Graph,
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

/// A message above the workspace: a warning (a broken share link, a file that did not open) or,
/// after an import, a note with what was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Banner {
    pub message: AttrValue,
    /// A list under the message (what an import left out).
    pub items: Rc<Vec<String>>,
    /// The banner informs (an import) rather than warns (a broken link).
    pub info: bool,
}

impl Banner {
    pub fn warning(message: impl Into<AttrValue>) -> Self {
        Banner {
            message: message.into(),
            items: Rc::default(),
            info: false,
        }
    }
}

/// The app's state, in four parts: the document being edited, its run, the page's UI, and the
/// service catalog with the Effective permissions tab's question.
#[derive(Debug, Clone, PartialEq)]
pub struct Store {
    /// Bumped on every change, so equality (used by context consumers) is one comparison.
    revision: u64,
    pub doc: DocState,
    pub run: RunState,
    pub ui: UiState,
    pub catalog: CatalogState,
}

/// The scenario and what the editors hold of it.
#[derive(Debug, Clone, PartialEq)]
pub struct DocState {
    pub scenario: Rc<Scenario>,
    /// Bumped when the scenario changes (drives the URL and autosave).
    pub revision: u64,
    pub trust: PolicyText,
    pub permissions: PolicyText,
    /// The Scenario JSON tab's text while it does not read.
    pub json_draft: Option<JsonDraft>,
    /// The scenario as last opened, imported or shared: the "before" of the access diff.
    pub baseline: Rc<Scenario>,
    /// The scenario before the last applied fix, while nothing else changed it (Ctrl+Z restores it).
    pub undo_fix: Option<UndoFix>,
}

/// The scenario's run and the step the explanation shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RunState {
    pub result: Run,
    /// No run of this scenario is shown yet: the page's first, or a scenario just opened.
    pub pending: bool,
    /// Runs start once the editors have painted ([`Action::Run`], see [`Store::deferred`]).
    pub started: bool,
    /// The document revision `result` is the run of (a reply for an older one is dropped).
    pub of: Option<u64>,
    /// The revision the scenario was opened at: replies from before are another scenario's.
    opened: u64,
    /// Select the first interesting step when the opened scenario's run arrives.
    select_first: bool,
    /// The selected step (index into `scenario.steps` and `result.steps`).
    pub selected: Option<usize>,
}

/// What the page shows around the document: tab, dialogs, banner, theme, quiz mode, Monaco.
#[derive(Debug, Clone, PartialEq)]
pub struct UiState {
    pub tab: Tab,
    pub monaco: MonacoState,
    pub banner: Option<Banner>,
    pub conflict: Option<Conflict>,
    pub gallery_open: bool,
    /// The exam drill's dialog is open.
    pub drill_open: bool,
    /// A drill link opened the page (`#drill=…`): its fragment, for the worker to read.
    pub drill_shared: Option<AttrValue>,
    pub import_open: bool,
    pub theme: Theme,
    /// Quiz mode: verdicts and explanations hidden, the learner answers each expected step.
    pub quiz: bool,
}

/// The service catalog (held by the worker) and the question the Effective permissions tab asks
/// over it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CatalogState {
    /// The worker holds the service catalog (`crate::catalog`).
    pub ready: bool,
    /// Why the catalog did not load, when it did not.
    pub failed: Option<AttrValue>,
    pub access: AccessQuery,
}

/// What "Undo" after *Fix it → Apply* restores.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoFix {
    pub before: Rc<Scenario>,
    /// What the fix did, for the notice.
    pub summary: AttrValue,
    /// `doc.revision` right after the fix: any later change ends the undo.
    revision: u64,
}

impl DocState {
    /// The fix that can still be undone (nothing changed the scenario since).
    pub fn undoable_fix(&self) -> Option<&UndoFix> {
        self.undo_fix
            .as_ref()
            .filter(|u| u.revision == self.revision)
    }

    pub fn policy(&self, policy: RolePolicy) -> &PolicyText {
        match policy {
            RolePolicy::Trust => &self.trust,
            RolePolicy::Permissions => &self.permissions,
        }
    }
}

impl Store {
    /// The store a page starts with: the editors' texts and analyses now, the runs once the
    /// first paint is done ([`Action::Run`]), so the first visit paints working editors without
    /// waiting for the worker.
    pub fn deferred(mut s: Scenario) -> Self {
        crate::scenario_json::keep_as_text(&mut s);
        let s = Rc::new(s);
        Store {
            revision: 0,
            doc: DocState {
                trust: PolicyText::new(scenario::trust_text(&s)),
                permissions: PolicyText::new(scenario::permissions_text(&s)),
                baseline: s.clone(),
                scenario: s,
                revision: 0,
                json_draft: None,
                undo_fix: None,
            },
            run: RunState {
                result: no_run(),
                pending: true,
                started: false,
                of: None,
                opened: 0,
                select_first: true,
                selected: None,
            },
            ui: UiState {
                tab: Tab::Policies,
                monaco: MonacoState::Pending,
                banner: None,
                conflict: None,
                gallery_open: false,
                drill_open: false,
                drill_shared: None,
                import_open: false,
                theme: Theme::System,
                quiz: false,
            },
            catalog: CatalogState::default(),
        }
    }

    /// An editor's next text: the same text keeps its analysis; another shows the last one until
    /// the worker's for it arrives ([`Action::Analysed`]).
    fn policy_text(&self, text: impl Into<AttrValue>, policy: RolePolicy) -> PolicyText {
        let (text, current) = (text.into(), self.doc.policy(policy));
        if current.text == text {
            return current.clone();
        }
        PolicyText {
            text,
            analysis: current.analysis.clone(),
            current: false,
        }
    }

    /// A scenario opens on its first interesting step, explained: the first that is not allowed (a
    /// denial or a failure is where the lesson is), else the first that illustrates an exam trap,
    /// else the first. None in the quiz, where the explanation is the answer.
    fn select_first_interesting(&mut self) {
        let steps = &self.run.result.steps;
        self.run.selected = if self.ui.quiz || steps.is_empty() {
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
        if *self.doc.trust.text != *trust {
            self.doc.trust = self.policy_text(trust, RolePolicy::Trust);
        }
        let permissions = scenario::permissions_text(&s);
        if *self.doc.permissions.text != *permissions {
            self.doc.permissions = self.policy_text(permissions, RolePolicy::Permissions);
        }
        self.doc.scenario = Rc::new(s);
        self.doc.revision = self.doc.revision.wrapping_add(1);
        let steps = self.doc.scenario.steps.len();
        if self.run.selected.is_some_and(|i| i >= steps) {
            self.run.selected = steps.checked_sub(1);
        }
    }

    /// A form's change to the scenario (the JSON tab's draft gives way to it).
    fn set_edited(&mut self, s: Scenario) {
        self.doc.json_draft = None;
        self.set_scenario(s);
    }

    fn edit_steps(&mut self, f: impl FnOnce(&mut Vec<Step>) -> Option<usize>) {
        let mut s = (*self.doc.scenario).clone();
        let selected = f(&mut s.steps);
        self.set_edited(s);
        if selected.is_some() {
            self.run.selected = selected;
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The first paint is done: the worker may run the scenario.
    Run,
    /// The worker's run of the scenario at a revision.
    Ran(u64, Run),
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
    /// Show a warning above the workspace (`None` dismisses the banner).
    Banner(Option<AttrValue>),
    Conflict(Option<Conflict>),
    Gallery(bool),
    /// Open or close the exam drill.
    Drill(bool),
    Theme(Theme),
    /// Enter or leave quiz mode.
    Quiz(bool),
    /// Open or close the Import dialog.
    ImportDialog(bool),
    /// Load an imported scenario and say what was left out.
    Import(Rc<Scenario>, ImportNote),
    /// A world tab's form changed the scenario: apply it and re-run.
    EditWorld(WorldEdit),
    /// The worker has loaded the service catalog: the editors ask it for the catalog's findings.
    CatalogReady,
    /// The worker's analysis of an editor's text (one of an older text is dropped).
    Analysed(RolePolicy, AttrValue, Rc<Analysis>),
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

/// Whether an action changed the store; `Unchanged` keeps the same value (no re-render, no
/// autosave).
#[derive(PartialEq)]
enum Outcome {
    Changed,
    Unchanged,
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let outcome = match action {
            Action::Run => set_if_new(&mut next.run.started, true),
            Action::Ran(revision, result) => next.ran(revision, result),
            Action::Edit(policy, text) => next.edit_policy(policy, text),
            Action::EditJson(text) => next.edit_json(text),
            Action::Load(s) => next.open_scenario(&s, None),
            Action::Import(s, note) => next.open_scenario(&s, Some(note)),
            Action::EditWorld(edit) => next.edit_world(&edit),
            Action::Select(i) => next.select(i),
            Action::EditStep(i, edit) => next.edit_step(i, &edit),
            Action::AddStep => next.add_step(),
            Action::DuplicateStep(i) => next.duplicate_step(i),
            Action::MoveStep(i, up) => next.move_step(i, up),
            Action::RemoveStep(i) => next.remove_step(i),
            Action::Tab(tab) => set(&mut next.ui.tab, tab),
            Action::Monaco(state) => set_if_new(&mut next.ui.monaco, state),
            Action::Banner(b) => set(&mut next.ui.banner, b.map(Banner::warning)),
            Action::Quiz(on) => next.set_quiz(on),
            Action::ImportDialog(open) => set(&mut next.ui.import_open, open),
            Action::Conflict(c) => set(&mut next.ui.conflict, c),
            Action::Gallery(open) => set(&mut next.ui.gallery_open, open),
            Action::Drill(open) => set(&mut next.ui.drill_open, open),
            Action::Theme(t) => set(&mut next.ui.theme, t),
            Action::CatalogReady => set_if_new(&mut next.catalog.ready, true),
            Action::Analysed(policy, text, analysis) => next.analysed(policy, &text, analysis),
            Action::CatalogFailed(why) => set(&mut next.catalog.failed, Some(why)),
            Action::Access(query) => next.ask_access(query),
            Action::Shared => next.shared(),
            Action::ApplyFix(fixed, summary) => next.apply_fix(&fixed, summary),
            Action::UndoFix => next.undo_fix(),
        };
        if outcome == Unchanged {
            return self;
        }
        next.revision = self.revision.wrapping_add(1);
        Rc::new(next)
    }
}

fn set<T>(slot: &mut T, value: T) -> Outcome {
    *slot = value;
    Changed
}

fn set_if_new<T: PartialEq>(slot: &mut T, value: T) -> Outcome {
    if *slot == value {
        return Unchanged;
    }
    *slot = value;
    Changed
}

/// Each action's handling, applied to a copy of the store.
impl Store {
    fn ran(&mut self, revision: u64, result: Run) -> Outcome {
        let newer = self.run.of.is_none_or(|of| revision > of);
        if !newer || revision < self.run.opened || revision > self.doc.revision {
            return Unchanged;
        }
        self.run.result = result;
        self.run.of = Some(revision);
        self.run.pending = false;
        if self.run.select_first && revision == self.doc.revision {
            self.run.select_first = false;
            if self.run.selected.is_none() {
                self.select_first_interesting();
            }
        }
        Changed
    }

    fn edit_policy(&mut self, policy: RolePolicy, text: AttrValue) -> Outcome {
        if self.doc.policy(policy).text == text {
            return Unchanged;
        }
        let mut s = (*self.doc.scenario).clone();
        let stored = match policy {
            RolePolicy::Trust => scenario::set_trust(&mut s, &text),
            RolePolicy::Permissions => scenario::set_permissions(&mut s, &text),
        };
        let analysed = self.policy_text(text, policy);
        match policy {
            RolePolicy::Trust => self.doc.trust = analysed,
            RolePolicy::Permissions => self.doc.permissions = analysed,
        }
        if stored {
            self.set_edited(s);
        }
        Changed
    }

    fn edit_json(&mut self, text: AttrValue) -> Outcome {
        match scenario::read(&text) {
            Ok(s) => {
                self.set_scenario(s);
                // Keep the user's formatting while it reads; the tab shows this text.
                self.doc.json_draft = None;
            }
            Err(error) => self.doc.json_draft = Some(JsonDraft { text, error }),
        }
        Changed
    }

    /// Opens a scenario (gallery, link, autosave, file) on its first interesting step; an import
    /// says what it left out. It becomes the access diff's baseline.
    fn open_scenario(&mut self, s: &Scenario, import: Option<ImportNote>) -> Outcome {
        self.doc.json_draft = None;
        self.run.selected = None;
        self.ui.conflict = None;
        self.ui.gallery_open = false;
        self.ui.quiz = false;
        if let Some(note) = import {
            self.ui.import_open = false;
            self.ui.banner = Some(Banner {
                message: note.message,
                items: note.skipped,
                info: true,
            });
        }
        self.set_scenario(s.clone());
        // The last run shown is another scenario's.
        self.run.result = no_run();
        self.run.pending = true;
        self.run.opened = self.doc.revision;
        self.run.select_first = true;
        self.doc.baseline = self.doc.scenario.clone();
        Changed
    }

    fn edit_world(&mut self, edit: &WorldEdit) -> Outcome {
        let mut s = (*self.doc.scenario).clone();
        (edit.0)(&mut s);
        if s == *self.doc.scenario {
            return Unchanged;
        }
        self.set_edited(s);
        Changed
    }

    fn select(&mut self, i: Option<usize>) -> Outcome {
        if self.run.selected == i {
            return Unchanged;
        }
        self.run.selected = i.filter(|&i| i < self.doc.scenario.steps.len());
        Changed
    }

    fn edit_step(&mut self, i: usize, edit: &StepEdit) -> Outcome {
        let Some(step) = self.doc.scenario.steps.get(i) else {
            return Unchanged;
        };
        let mut edited = step.clone();
        (edit.0)(&mut edited);
        if edited == *step {
            return Unchanged;
        }
        self.edit_steps(|steps| {
            let slot = steps.get_mut(i)?;
            *slot = edited;
            Some(i)
        });
        Changed
    }

    fn add_step(&mut self) -> Outcome {
        let step = scenario::new_step(&self.doc.scenario);
        self.edit_steps(|steps| {
            steps.push(step);
            Some(steps.len() - 1)
        });
        Changed
    }

    fn duplicate_step(&mut self, i: usize) -> Outcome {
        let s = &self.doc.scenario;
        let copy = s.steps.get(i).cloned().map(|mut st| {
            if let Some(id) = &st.id {
                st.id = Some(scenario::fresh_id(s, id));
            }
            st.at = Some("+0s".into());
            st
        });
        self.edit_steps(|steps| {
            steps.insert(i + 1, copy?);
            Some(i + 1)
        });
        Changed
    }

    fn move_step(&mut self, i: usize, up: bool) -> Outcome {
        self.edit_steps(|steps| {
            let j = if up { i.checked_sub(1)? } else { i + 1 };
            if j >= steps.len() || i >= steps.len() {
                return None;
            }
            steps.swap(i, j);
            Some(j)
        });
        Changed
    }

    fn remove_step(&mut self, i: usize) -> Outcome {
        if i >= self.doc.scenario.steps.len() {
            return Unchanged;
        }
        self.run.selected = None;
        self.edit_steps(|steps| {
            steps.remove(i);
            None
        });
        Changed
    }

    fn set_quiz(&mut self, on: bool) -> Outcome {
        self.ui.quiz = on && has_quiz(&self.doc.scenario);
        self.run.selected = None;
        Changed
    }

    fn analysed(&mut self, policy: RolePolicy, text: &str, analysis: Rc<Analysis>) -> Outcome {
        let current = self.doc.policy(policy);
        if current.text != text || (current.current && current.analysis.as_ref() == Some(&analysis))
        {
            return Unchanged;
        }
        let analysed = PolicyText {
            text: current.text.clone(),
            analysis: Some(analysis),
            current: true,
        };
        match policy {
            RolePolicy::Trust => self.doc.trust = analysed,
            RolePolicy::Permissions => self.doc.permissions = analysed,
        }
        Changed
    }

    fn ask_access(&mut self, query: AccessQuery) -> Outcome {
        self.ui.tab = Tab::Access;
        self.catalog.access = query;
        Changed
    }

    fn shared(&mut self) -> Outcome {
        if Rc::ptr_eq(&self.doc.baseline, &self.doc.scenario) {
            return Unchanged;
        }
        self.doc.baseline = self.doc.scenario.clone();
        Changed
    }

    fn apply_fix(&mut self, fixed: &Scenario, summary: AttrValue) -> Outcome {
        let before = self.doc.scenario.clone();
        self.set_edited(fixed.clone());
        self.doc.undo_fix = Some(UndoFix {
            before,
            summary,
            revision: self.doc.revision,
        });
        Changed
    }

    fn undo_fix(&mut self) -> Outcome {
        let Some(undo) = self.doc.undoable_fix() else {
            return Unchanged;
        };
        let before = (*undo.before).clone();
        self.set_edited(before);
        self.doc.undo_fix = None;
        Changed
    }
}

/// Whether a scenario can be quizzed: some step says what it expects.
pub fn has_quiz(s: &Scenario) -> bool {
    s.steps.iter().any(|st| st.expect.is_some())
}

/// The run shown before the first arrives: no steps.
fn no_run() -> Run {
    Shared(Rc::new(RunResult {
        roleplay: 1,
        steps: Vec::new(),
        findings: Vec::new(),
    }))
}

/// The handle components get from context.
pub type StoreHandle = UseReducerHandle<Store>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;

    impl Default for Store {
        /// The default scenario, run.
        fn default() -> Self {
            let store = Rc::new(Store::deferred(scenario::default_scenario()));
            Rc::unwrap_or_clone(store.act(Action::Run))
        }
    }

    /// What the page does with an action: the reducer, then the worker's answers it asks for: the
    /// editors' analyses (`crate::analyses`) and the run of the scenario (`crate::runner`).
    trait Act {
        fn act(self, action: Action) -> Rc<Store>;
    }

    impl Act for Rc<Store> {
        fn act(self, action: Action) -> Rc<Store> {
            let mut next = self.reduce(action);
            for policy in RolePolicy::ALL {
                let PolicyText { text, current, .. } = next.doc.policy(policy).clone();
                if !current {
                    let analysis = Rc::new(analyse(&text, policy));
                    next = next.reduce(Action::Analysed(policy, text, analysis));
                }
            }
            if !next.run.started || next.run.of == Some(next.doc.revision) {
                return next;
            }
            let revision = next.doc.revision;
            let run = Shared(Rc::new(roleplay_sim::run(&next.doc.scenario)));
            next.reduce(Action::Ran(revision, run))
        }
    }

    fn verdicts(store: &Store) -> Vec<String> {
        store
            .run
            .result
            .steps
            .iter()
            .map(|s| scenario::verdict(s.decision, s.error.as_ref().map(|e| e.code.as_str())).0)
            .collect()
    }

    #[test]
    fn an_applied_fix_is_one_undo_step_that_restores_the_text_exactly() {
        let store = Rc::new(Store::default());
        let bob = store.doc.trust.text.replace("user/alice", "user/bob");
        let broken = Rc::clone(&store).act(Action::Edit(RolePolicy::Trust, bob.clone().into()));
        let fix = crate::fix_it::compute(&broken.doc.scenario, 0)
            .expect("fixes")
            .fixes
            .into_iter()
            .next()
            .expect("a fix");
        let fixed = crate::fix_it::apply(&fix).expect("applies");
        let applied = Rc::clone(&broken).act(Action::ApplyFix(Rc::new(fixed), fix.summary.into()));
        assert_eq!(verdicts(&applied)[0], "Allowed");
        assert!(applied.doc.undoable_fix().is_some());
        let undone = Rc::clone(&applied).act(Action::UndoFix);
        assert_eq!(*undone.doc.trust.text, *bob);
        assert_eq!(undone.doc.scenario, broken.doc.scenario);
        assert!(undone.doc.undoable_fix().is_none());
        // Another change since the fix ends the undo.
        let edited = applied.act(Action::Edit(RolePolicy::Trust, "{}".into()));
        assert!(edited.doc.undoable_fix().is_none());
        assert_eq!(*edited.clone().act(Action::UndoFix).doc.trust.text, *"{}");
    }

    #[test]
    fn editing_the_trust_policy_reruns_the_scenario() {
        let store = Rc::new(Store::default());
        assert_eq!(
            verdicts(&store),
            ["Allowed", "Allowed", "Implicit deny", "ExpiredToken"]
        );
        let bob = store.doc.trust.text.replace("user/alice", "user/bob");
        let next = Rc::clone(&store).act(Action::Edit(RolePolicy::Trust, bob.into()));
        assert_eq!(verdicts(&next)[0], "Implicit deny");
        assert!(next.run.result.steps[1].decision == "error");
        let back = next.act(Action::Edit(
            RolePolicy::Trust,
            store.doc.trust.text.clone(),
        ));
        assert_eq!(verdicts(&back), verdicts(&store));
    }

    #[test]
    fn unchanged_text_keeps_the_same_state() {
        let store = Rc::new(Store::default());
        let same = Rc::clone(&store).act(Action::Edit(
            RolePolicy::Trust,
            store.doc.trust.text.clone(),
        ));
        assert!(Rc::ptr_eq(&store, &same));
    }

    #[test]
    fn broken_json_keeps_the_last_good_run() {
        let store = Rc::new(Store::default());
        let next = Rc::clone(&store).act(Action::EditJson("{\"roleplay\": 1,".into()));
        let draft = next.doc.json_draft.as_ref().expect("a draft");
        assert!(draft.error.line >= 1);
        assert!(store.run.result == next.run.result);
        let fixed = next.act(Action::EditJson("{\"roleplay\": 1}".into()));
        assert!(fixed.doc.json_draft.is_none());
        assert!(fixed.run.result.steps.is_empty());
    }

    #[test]
    fn steps_are_added_moved_and_removed() {
        let store = Rc::new(Store::default());
        let added = Rc::clone(&store).act(Action::AddStep);
        assert_eq!(added.doc.scenario.steps.len(), 5);
        assert_eq!(added.run.result.steps.len(), 5);
        assert_eq!(added.run.selected, Some(4));
        let moved = added.act(Action::MoveStep(4, true));
        assert_eq!(moved.run.selected, Some(3));
        let dup = moved.act(Action::DuplicateStep(0));
        assert_eq!(dup.doc.scenario.steps[1].id.as_deref(), Some("assume-2"));
        let removed = dup.act(Action::RemoveStep(1));
        assert_eq!(removed.doc.scenario.steps.len(), 5);
    }

    #[test]
    fn the_first_run_can_wait_for_the_first_paint() {
        let store = Rc::new(Store::deferred(scenario::default_scenario()));
        assert!(store.run.pending && store.run.result.steps.is_empty());
        let started = store.reduce(Action::Run);
        assert!(started.run.started && started.run.pending);
        let ran = started.act(Action::Run);
        assert!(!ran.run.pending);
        assert_eq!(verdicts(&ran).len(), 4);
        let same = Rc::clone(&ran).act(Action::Run);
        assert!(Rc::ptr_eq(&ran, &same));
    }

    #[test]
    fn a_late_reply_never_replaces_a_newer_run() {
        let store = Rc::new(Store::default());
        let old = (
            store.doc.revision,
            Shared(Rc::new(roleplay_sim::run(&store.doc.scenario))),
        );
        let edited = Rc::clone(&store).act(Action::AddStep);
        assert_eq!(edited.run.result.steps.len(), 5);
        let late = Rc::clone(&edited).reduce(Action::Ran(old.0, old.1.clone()));
        assert!(Rc::ptr_eq(&edited, &late), "an older run is dropped");
        // While the run of an edit is on its way, the last one stays shown.
        let waiting = Rc::clone(&edited).reduce(Action::AddStep);
        assert_eq!(waiting.run.result.steps.len(), 5);
        assert!(!waiting.run.pending);
        // An opened scenario shows none of the one before it, however late its run comes.
        let opened = edited.reduce(Action::Load(Rc::new(scenario::empty_scenario())));
        assert!(opened.run.pending && opened.run.result.steps.is_empty());
        let stale = Rc::clone(&opened).reduce(Action::Ran(old.0 + 1, old.1));
        assert!(Rc::ptr_eq(&opened, &stale));
    }

    #[test]
    fn quiz_mode_needs_expectations_and_loading_leaves_it() {
        let store = Rc::new(Store::default());
        let quiz = Rc::clone(&store).act(Action::Quiz(true));
        assert_eq!(quiz.ui.quiz, has_quiz(&store.doc.scenario));
        let mut empty = (*store.doc.scenario).clone();
        empty.steps.iter_mut().for_each(|s| s.expect = None);
        let loaded = quiz.act(Action::Load(Rc::new(empty)));
        assert!(!loaded.ui.quiz);
        assert!(!loaded.act(Action::Quiz(true)).ui.quiz);
    }

    #[test]
    fn an_import_loads_and_lists_what_was_left_out() {
        let store = Rc::new(Store::default());
        let note = ImportNote {
            message: "Loaded".into(),
            skipped: Rc::new(vec!["a role".into()]),
        };
        let mut s = (*store.doc.scenario).clone();
        s.title = Some("Imported".into());
        let next = store.act(Action::Import(Rc::new(s), note));
        assert_eq!(next.doc.scenario.title.as_deref(), Some("Imported"));
        assert_eq!(next.ui.banner.as_ref().map(|b| b.items.len()), Some(1));
        assert!(next.ui.banner.as_ref().is_some_and(|b| b.info));
        let dismissed = next.act(Action::Banner(None));
        assert!(dismissed.ui.banner.is_none());
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
        let next = Rc::clone(&store).act(Action::EditWorld(bob));
        assert_eq!(verdicts(&next)[0], "Implicit deny");
        assert!(
            next.doc.trust.text.contains("user/bob"),
            "the main editor follows"
        );
        assert_eq!(next.doc.revision, store.doc.revision + 1);
        // An edit that changes nothing keeps the state (no re-run, no autosave).
        let same = Rc::clone(&next).act(Action::EditWorld(WorldEdit::new(|_| {})));
        assert!(Rc::ptr_eq(&next, &same));
    }

    #[test]
    fn two_quick_step_edits_both_land() {
        let store = Rc::new(Store::default());
        // Both edits are made from the same render (the form has not seen the first one yet).
        let id = StepEdit::new(|st| st.id = Some("first".into()));
        let at = StepEdit::new(|st| st.at = Some("+5s".into()));
        let next = Rc::clone(&store)
            .act(Action::EditStep(1, id))
            .act(Action::EditStep(1, at));
        let step = &next.doc.scenario.steps[1];
        assert_eq!(
            (step.id.as_deref(), step.at.as_deref()),
            (Some("first"), Some("+5s"))
        );
        assert_eq!(next.run.selected, Some(1));
        assert_eq!(next.doc.revision, store.doc.revision + 2);
        // An edit that changes nothing, or of a step that is gone, keeps the state.
        let same = Rc::clone(&next).act(Action::EditStep(1, StepEdit::new(|_| {})));
        assert!(Rc::ptr_eq(&next, &same));
        let gone = Rc::clone(&next).act(Action::EditStep(99, StepEdit::new(|st| st.id = None)));
        assert!(Rc::ptr_eq(&next, &gone));
    }

    #[test]
    fn the_workers_analysis_joins_the_text_it_is_about() {
        let store = Rc::new(Store::default());
        let headline = |s: &Store| s.doc.trust.analysis.as_ref().map(|a| a.headline());
        assert_eq!(headline(&store).as_deref(), Some("Valid JSON"));
        let text = store.doc.trust.text.to_string();
        let broken = text.replacen(',', "", 1);
        // Until the worker answers, the last analysis stays shown, no longer current.
        let waiting =
            Rc::clone(&store).reduce(Action::Edit(RolePolicy::Trust, broken.clone().into()));
        assert_eq!(headline(&waiting).as_deref(), Some("Valid JSON"));
        assert!(!waiting.doc.trust.current);
        let analysed = waiting.act(Action::Select(None));
        assert!(analysed.doc.trust.current);
        assert!(headline(&analysed).is_some_and(|h| h.starts_with("Invalid JSON at ")));
        // An analysis of an older text is dropped; the same one twice changes nothing.
        let fixed = Rc::clone(&analysed).act(Action::Edit(RolePolicy::Trust, text.clone().into()));
        let old = Rc::new(analyse(&broken, RolePolicy::Trust));
        let stale =
            Rc::clone(&fixed).reduce(Action::Analysed(RolePolicy::Trust, broken.into(), old));
        assert!(Rc::ptr_eq(&fixed, &stale));
        let same = Rc::new(analyse(&text, RolePolicy::Trust));
        let again =
            Rc::clone(&fixed).reduce(Action::Analysed(RolePolicy::Trust, text.into(), same));
        assert!(Rc::ptr_eq(&fixed, &again));
    }

    #[test]
    fn the_access_diff_compares_with_the_scenario_as_opened_or_shared() {
        let store = Rc::new(Store::default());
        assert!(Rc::ptr_eq(&store.doc.baseline, &store.doc.scenario));
        let edited = Rc::clone(&store).act(Action::AddStep);
        assert!(
            Rc::ptr_eq(&edited.doc.baseline, &store.doc.scenario),
            "an edit keeps the baseline"
        );
        let shared = Rc::clone(&edited).act(Action::Shared);
        assert!(Rc::ptr_eq(&shared.doc.baseline, &shared.doc.scenario));
        let again = Rc::clone(&shared).act(Action::Shared);
        assert!(Rc::ptr_eq(&shared, &again), "sharing twice changes nothing");
        let loaded = again.act(Action::Load(Rc::new(scenario::empty_scenario())));
        assert!(Rc::ptr_eq(&loaded.doc.baseline, &loaded.doc.scenario));
        // Asking about a subject opens the tab.
        let query = AccessQuery {
            subject: Some(Subject::Session(0)),
            resource: "arn:aws:s3:::b".into(),
        };
        let asked = loaded.act(Action::Access(query.clone()));
        assert_eq!((asked.ui.tab, &asked.catalog.access), (Tab::Access, &query));
    }

    #[test]
    fn a_scenario_opens_on_its_first_interesting_step() {
        let store = Rc::new(Store::deferred(scenario::default_scenario()));
        assert_eq!(
            store.run.selected, None,
            "nothing to explain before the run"
        );
        let ran = store.act(Action::Run);
        // The default scenario's PutObject step, the first denial (it illustrates the exam trap).
        assert_eq!(ran.run.selected, Some(2));
        assert!(ran.run.result.steps[2].trap.is_some());
        let mut all_allowed = (*ran.doc.scenario).clone();
        all_allowed.steps.truncate(2);
        let loaded = Rc::clone(&ran).act(Action::Load(Rc::new(all_allowed)));
        assert_eq!(
            loaded.run.selected,
            Some(0),
            "no trap, no denial: the first step"
        );
        let quiz = ran.act(Action::Quiz(true));
        assert_eq!(quiz.run.selected, None);
    }

    #[test]
    fn monaco_state_changes() {
        let store = Rc::new(Store::default());
        let loading = store.act(Action::Monaco(MonacoState::Loading));
        assert_eq!(loading.ui.monaco, MonacoState::Loading);
    }
}
