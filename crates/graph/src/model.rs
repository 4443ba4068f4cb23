//! The graph as it is written out (`roleplay graph --json`, the worker): nodes, edges and paths.

use roleplay_sim::Step;
use serde::Serialize;
use std::collections::BTreeMap;

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum NodeKind {
    User,
    Role,
    OidcProvider,
    SamlProvider,
    /// An AWS service principal (`lambda.amazonaws.com`) that assumes roles for workloads.
    Service,
    /// Any principal of an account the world names (in a trust policy) but does not model.
    Account,
}

/// How much a principal may do, most first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Privilege {
    #[serde(rename = "admin-equivalent")]
    Admin,
    #[serde(rename = "can-escalate")]
    CanEscalate,
    #[serde(rename = "write")]
    Write,
    #[serde(rename = "read")]
    Read,
    #[serde(rename = "none")]
    None,
}

impl Privilege {
    pub fn as_str(self) -> &'static str {
        match self {
            Privilege::Admin => "admin-equivalent",
            Privilege::CanEscalate => "can-escalate",
            Privilege::Write => "write",
            Privilege::Read => "read",
            Privilege::None => "none",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    /// The principal's ARN, a service's name (`lambda.amazonaws.com`) or an account's root ARN.
    pub id: String,
    pub kind: NodeKind,
    pub privilege: Privilege,
}

/// How one principal reaches another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum EdgeKind {
    AssumeRole,
    AssumeRoleWithWebIdentity,
    #[serde(rename = "assumeRoleWithSAML")]
    AssumeRoleWithSaml,
    /// A service principal assumes the role (instance profile, Lambda, ECS task, …).
    ServiceAssumeRole,
    /// `iam:PassRole` to a service that runs code with the role.
    PassRole,
    UpdateAssumeRolePolicy,
    AttachRolePolicy,
    PutRolePolicy,
    AttachUserPolicy,
    PutUserPolicy,
    CreatePolicyVersion,
    CreateAccessKey,
    CreateLoginProfile,
    UpdateLoginProfile,
    AddUserToGroup,
}

impl EdgeKind {
    /// The edges that add access through IAM changes rather than by assuming a role.
    pub fn is_escalation(self) -> bool {
        !matches!(
            self,
            EdgeKind::AssumeRole
                | EdgeKind::AssumeRoleWithWebIdentity
                | EdgeKind::AssumeRoleWithSaml
                | EdgeKind::ServiceAssumeRole
        )
    }

    /// The edges whose target gets whatever permissions the source chooses (a policy changed).
    pub fn grants(self) -> bool {
        matches!(
            self,
            EdgeKind::AttachRolePolicy
                | EdgeKind::PutRolePolicy
                | EdgeKind::AttachUserPolicy
                | EdgeKind::PutUserPolicy
                | EdgeKind::CreatePolicyVersion
                | EdgeKind::AddUserToGroup
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::AssumeRole => "assumeRole",
            EdgeKind::AssumeRoleWithWebIdentity => "assumeRoleWithWebIdentity",
            EdgeKind::AssumeRoleWithSaml => "assumeRoleWithSAML",
            EdgeKind::ServiceAssumeRole => "serviceAssumeRole",
            EdgeKind::PassRole => "passRole",
            EdgeKind::UpdateAssumeRolePolicy => "updateAssumeRolePolicy",
            EdgeKind::AttachRolePolicy => "attachRolePolicy",
            EdgeKind::PutRolePolicy => "putRolePolicy",
            EdgeKind::AttachUserPolicy => "attachUserPolicy",
            EdgeKind::PutUserPolicy => "putUserPolicy",
            EdgeKind::CreatePolicyVersion => "createPolicyVersion",
            EdgeKind::CreateAccessKey => "createAccessKey",
            EdgeKind::CreateLoginProfile => "createLoginProfile",
            EdgeKind::UpdateLoginProfile => "updateLoginProfile",
            EdgeKind::AddUserToGroup => "addUserToGroup",
        }
    }
}

/// The session limits an assume edge carries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    /// The longest session the edge can give, in seconds (the role's MaxSessionDuration, or one hour
    /// when chained).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_session_seconds: Option<i64>,
    /// Role chaining: a role session assumes a role, capped at one hour whatever the role allows.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub chained: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub kind: EdgeKind,
    /// What the request must carry, by condition key (or parameter) → the value the step sends:
    /// `sts:ExternalId`, `aws:MultiFactorAuthPresent`, a token's `sub`, `aws:SourceIp`, a time…
    pub needs: BTreeMap<String, serde_json::Value>,
    pub limits: Limits,
    /// The step that proves the edge: appended to the scenario, the runner allows it.
    pub step: Step,
}

/// A path: edges by index into the graph's edges, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Path {
    pub from: String,
    pub to: String,
    pub edges: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub paths: Vec<Path>,
}

impl Graph {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }
}
