//! Effective permissions' question and answer as they travel between the page and the worker:
//! owned, flat, and only what the page shows ([`Shown`]).

use roleplay_sim::Subject;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The question: whose access (`subject`) on which resource (`*` for every one), in `scenario`;
/// with `baseline` (the scenario as opened, imported or last shared, when it differs), what
/// changed since; and what of the answer the page shows (`shown`), so only those names travel.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AccessAsk {
    pub scenario: Value,
    pub baseline: Option<Value>,
    pub subject: Subject,
    pub resource: String,
    #[serde(default)]
    pub shown: Shown,
}

/// What the page shows of an answer. An administrator's 22,091 action names, sent whole, made a
/// 578 KB answer that cost the page and the worker more than deciding them; the names travel
/// only for what is on the screen, and a search or an opened service is asked of the worker
/// (whose last decisions are kept, so it only writes the view again).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Shown {
    /// The search box: the services whose prefix or name contains it keep every action; other
    /// services keep the actions whose full name (`iam:CreateUser`) contains it. ASCII
    /// case-insensitive.
    pub search: String,
    /// The services opened (by prefix). A search that leaves at most [`OPENED_BY_SEARCH_MAX`]
    /// actions opens every service it leaves.
    pub open: Vec<String>,
    /// The flag and change lists shown whole ("Show all").
    pub whole: Vec<List>,
}

/// A list of actions by service that shows its first few services and names until "Show all".
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum List {
    PermissionsManagement,
    WriteOnEverything,
    Granted,
    Revoked,
}

/// Above this many matching actions a search does not open every service by itself.
pub const OPENED_BY_SEARCH_MAX: usize = 200;
/// Services, and names per service, a [`Lines`] list carries until it is shown whole.
pub const LINES_SHOWN: usize = 3;
pub const NAMES_SHOWN: usize = 5;

/// Actions as runs of one service, in catalog order: `iam: CreateUser PutRolePolicy`, ….
pub type ByService = Vec<Run>;

/// One service's actions: its prefix and the action names.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Run {
    pub prefix: String,
    pub names: Names,
}

/// Action names (without the service prefix) as one space-separated text, and how many there
/// are: the text may hold only the first few, or none (a closed service), while `count` counts
/// them all. One text rather than a string per name: the page receives far fewer values.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Names {
    pub count: usize,
    pub text: String,
}

impl Names {
    pub fn new(names: &[&str]) -> Self {
        Names::first(names, names.len())
    }

    /// All of `names` counted, the first `shown` of them written.
    pub fn first(names: &[&str], shown: usize) -> Self {
        Names {
            count: names.len(),
            text: names.get(..shown).unwrap_or(names).join(" "),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.text.split(' ').filter(|n| !n.is_empty())
    }
}

/// A flag's or a change's actions by service: the first [`LINES_SHOWN`] services with their
/// first [`NAMES_SHOWN`] names, or all of them when the list is shown whole; `total` counts
/// every action.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Lines {
    pub total: usize,
    pub runs: ByService,
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
    /// Services with an allowed action.
    pub services_allowed: usize,
    /// The services with an allowed action that match the search, in catalog order; only the
    /// open ones carry their names.
    pub services: Vec<ServiceView>,
    /// The search left so few actions that it opened every service.
    pub opened_by_search: bool,
    pub permissions_management: Lines,
    /// Write actions allowed on `*` (none when one resource was asked about).
    pub write_on_everything: Lines,
    /// For `*`: each resource the subject's own policies name, with what it may do there.
    pub named: Vec<OnResourceView>,
    pub changes: ChangesView,
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
    pub actions: Lines,
    pub permissions_management: usize,
    pub write_on_everything: usize,
}
