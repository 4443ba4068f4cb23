//! What [`crate::fix`] returns: the report document of `roleplay fix --json` and of the app's *Fix it*.

use serde::{Deserialize, Serialize};

/// The fixes for one step, ranked best first.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The step's id, or its 0-based index when it has none.
    pub step: String,
    /// The step's outcome: a decision (`implicitDeny`, …) or an error code.
    pub from: String,
    /// The outcome every fix reaches.
    pub to: String,
    pub fixes: Vec<Fix>,
    /// Why no fix was found, when none was (e.g. "the caller is anonymous …").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One verified change.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Fix {
    /// One sentence in AWS's words, naming the policy and the statement.
    pub summary: String,
    pub layer: Layer,
    /// The policy the fix edits, when it edits one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyRef>,
    /// RFC 6902 operations against the scenario document.
    pub patch: json_patch::Patch,
    pub grants_also: GrantsAlso,
    /// Every other step whose outcome the fix changes.
    #[serde(default)]
    pub other_steps: Vec<StepChange>,
}

/// Where a policy is in the scenario and what it is called.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PolicyRef {
    /// JSON path of the document, as findings name it (`principals[1].trustPolicy`).
    pub path: String,
    pub name: String,
}

/// The policy layer (or the part of the request) a fix changes.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "camelCase")]
pub enum Layer {
    Identity,
    Group,
    Trust,
    Resource,
    KmsKeyPolicy,
    Boundary,
    Session,
    /// A role's own setting (MaxSessionDuration).
    Role,
    /// An OIDC or SAML identity provider defined in the account.
    IdentityProvider,
    RequestParameter,
    RequestContext,
    /// When the call is made: before the session expires, or with a fresh session.
    Timing,
    /// The policy of the VPC endpoint the request goes through.
    VpcEndpoint,
    /// A setting of the service itself (S3 Block Public Access of a bucket or an account).
    ServiceSetting,
    Scp,
    Rcp,
}

impl Layer {
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Identity => "identity",
            Layer::Group => "group",
            Layer::Trust => "trust",
            Layer::Resource => "resource",
            Layer::KmsKeyPolicy => "kmsKeyPolicy",
            Layer::Boundary => "boundary",
            Layer::Session => "session",
            Layer::Role => "role",
            Layer::IdentityProvider => "identityProvider",
            Layer::RequestParameter => "requestParameter",
            Layer::RequestContext => "requestContext",
            Layer::Timing => "timing",
            Layer::VpcEndpoint => "vpcEndpoint",
            Layer::ServiceSetting => "serviceSetting",
            Layer::Scp => "scp",
            Layer::Rcp => "rcp",
        }
    }
}

/// What else the change allows the same principal.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GrantsAlso {
    /// Action and resource patterns the change widens beyond the step's own request.
    #[serde(default)]
    pub patterns: Vec<Pattern>,
    /// With the catalog: actions newly allowed on the step's resource, by access level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actions: Option<CatalogGrants>,
}

impl GrantsAlso {
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty() && self.actions.as_ref().is_none_or(|a| a.count == 0)
    }

    /// One line for people: the widened patterns, then the catalog's count by access level.
    pub fn sentence(&self) -> String {
        let mut parts: Vec<String> = self
            .patterns
            .iter()
            .map(|p| {
                let on = format!("{} on {}", p.actions.join(", "), p.resources.join(", "));
                match &p.note {
                    Some(note) => format!("{on} ({note})"),
                    None => on,
                }
            })
            .collect();
        if let Some(a) = self.actions.as_ref().filter(|a| a.count > 0) {
            let levels: Vec<String> = a
                .by_level
                .iter()
                .map(|l| format!("{} {} (e.g. {})", l.level, l.count, l.sample.join(", ")))
                .collect();
            parts.push(format!(
                "{} more catalog actions: {}",
                a.count,
                levels.join("; ")
            ));
        }
        if parts.is_empty() {
            "nothing beyond this request".into()
        } else {
            parts.join("; ")
        }
    }
}

/// A widened grant: these actions on these resources (for whom, or under which condition, in `note`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Pattern {
    pub actions: Vec<String>,
    pub resources: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CatalogGrants {
    pub count: usize,
    pub by_level: Vec<LevelGrants>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct LevelGrants {
    pub level: String,
    pub count: usize,
    /// Up to five of them.
    pub sample: Vec<String>,
}

/// Another step whose outcome the fix changes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct StepChange {
    /// Its id, or its 0-based index when it has none.
    pub step: String,
    /// Its 0-based index in the scenario as it was.
    pub index: usize,
    pub from: String,
    pub to: String,
}

/// Why no report could be made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "message")]
pub enum FixError {
    /// The scenario does not read (the reader's located message).
    Unreadable(String),
    /// No step has this id (or index).
    NoSuchStep(String),
    /// The step already has the target outcome, or the target is not an outcome.
    NothingToFix(String),
}

impl std::fmt::Display for FixError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            FixError::Unreadable(m) | FixError::NoSuchStep(m) | FixError::NothingToFix(m) => {
                f.write_str(m)
            }
        }
    }
}

impl std::error::Error for FixError {}
