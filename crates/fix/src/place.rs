//! Where a policy of an explanation lives in the scenario, what it is called, and how a sentence
//! names it ("the permissions policy `ReadReports` of role `ReportsReader`").

use crate::candidate::{pointer, replace, Candidate, Looseness, Op};
use crate::facts::{short, step_name, Caller, Facts};
use crate::report::{Layer, PolicyRef};
use roleplay_eval::PolicyTrace;
use roleplay_policy::PolicyKind;
use roleplay_sim::{CallerDef, PrincipalDef};
use serde_json::Value;

/// One policy document of the scenario.
#[derive(Debug, Clone)]
pub struct Place {
    /// JSON path (`principals[1].policies[0].document`).
    pub path: String,
    pub name: String,
    pub layer: Layer,
    /// How a sentence names it.
    pub words: String,
    /// The document as a JSON value (a policy given as text is read as JSON).
    pub document: Value,
}

impl Place {
    pub fn policy_ref(&self) -> PolicyRef {
        PolicyRef {
            path: self.path.clone(),
            name: self.name.clone(),
        }
    }

    /// The patch that puts `doc` in this policy's place.
    pub fn replace_with(&self, doc: Value) -> Vec<Op> {
        vec![replace(&pointer(&self.path), doc)]
    }

    /// A candidate that puts the edited `doc` in this policy's place.
    pub fn candidate(&self, summary: String, doc: Value, looseness: Looseness) -> Candidate {
        Candidate::new(summary, self.layer, self.replace_with(doc), looseness)
            .with_policy(self.policy_ref())
    }

    /// `edit` applied to statement `index` of a copy of the policy: a candidate when it changed it.
    pub fn edit(
        &self,
        index: usize,
        summary: String,
        looseness: Looseness,
        edit: impl FnOnce(&mut serde_json::Map<String, Value>) -> bool,
    ) -> Option<Candidate> {
        let mut doc = self.document.clone();
        let changed = crate::document::statement(&mut doc, index).is_some_and(edit);
        changed.then(|| self.candidate(summary, doc, looseness))
    }

    /// The policy without statement `index` (`name` names it for the sentence).
    pub fn without_statement(&self, index: usize, name: &str) -> Option<Candidate> {
        let mut doc = self.document.clone();
        let list = crate::document::statements(&mut doc)?;
        if index >= list.len() {
            return None;
        }
        list.remove(index);
        let summary = format!("Delete {name} from {}", self.words);
        Some(self.candidate(summary, doc, Looseness::Deleted))
    }
}

/// The document at `path` of the scenario as a JSON value.
pub fn document_at(scenario: &Value, path: &str) -> Option<Value> {
    match scenario.pointer(&pointer(path))? {
        v @ Value::Object(_) => Some(v.clone()),
        Value::String(text) => serde_json::from_str::<Value>(text)
            .ok()
            .filter(Value::is_object),
        _ => None,
    }
}

/// The place of a policy an explanation consulted; `None` for one that is not in the scenario
/// (RCPFullAWSAccess, the revocation policy, a managed session policy).
pub fn of_trace(facts: &Facts, trace: &PolicyTrace) -> Option<Place> {
    let s = facts.scenario;
    let owner = trace.owner.as_ref();
    let (path, name, layer, words) = match trace.kind {
        PolicyKind::Identity => {
            let i = s.principals.iter().position(|p| p.arn() == owner)?;
            let (policies, what) = match s.principals.get(i)? {
                PrincipalDef::User(u) => (&u.policies, format!("user `{}`", short(owner))),
                PrincipalDef::Role(r) => (&r.policies, format!("role `{}`", short(owner))),
                PrincipalDef::Group(g) => (&g.policies, format!("group `{}`", short(owner))),
                _ => return None,
            };
            let j = policies.iter().position(|a| *a.name == *trace.name)?;
            let group = matches!(s.principals.get(i), Some(PrincipalDef::Group(_)));
            let layer = if group { Layer::Group } else { Layer::Identity };
            let kind = if group {
                "policy"
            } else {
                "permissions policy"
            };
            (
                format!("principals[{i}].policies[{j}].document"),
                trace.name.to_string(),
                layer,
                format!("the {kind} `{}` of {what}", trace.name),
            )
        }
        PolicyKind::Trust => {
            let i = s.principals.iter().position(|p| p.arn() == owner)?;
            (
                format!("principals[{i}].trustPolicy"),
                "trust policy".to_string(),
                Layer::Trust,
                format!("the trust policy of role `{}`", short(owner)),
            )
        }
        PolicyKind::PermissionsBoundary => {
            let i = s.principals.iter().position(|p| p.arn() == owner)?;
            (
                format!("principals[{i}].permissionsBoundary.document"),
                trace.name.to_string(),
                Layer::Boundary,
                format!(
                    "the permissions boundary `{}` of `{}`",
                    trace.name,
                    short(owner)
                ),
            )
        }
        PolicyKind::Resource => {
            let i = s.resources.iter().position(|r| r.arn == owner)?;
            // An AWS managed key's policy is AWS's: no one edits it (F3.8).
            if s.resources.get(i)?.aws_managed == Some(true) {
                return None;
            }
            let kms = owner.starts_with("arn:aws:kms:");
            let (layer, what) = if kms {
                (Layer::KmsKeyPolicy, "key policy")
            } else {
                (Layer::Resource, "resource-based policy")
            };
            (
                format!("resources[{i}].policy"),
                trace.name.to_string(),
                layer,
                format!("the {what} of `{owner}`"),
            )
        }
        PolicyKind::Session => session_place(facts, trace)?,
        PolicyKind::VpcEndpoint => {
            // An endpoint without a policy has AWS's full-access default, which never denies.
            let i = s.vpc_endpoints.iter().position(|e| *e.id == *owner)?;
            (
                format!("vpcEndpoints[{i}].policy"),
                trace.name.to_string(),
                Layer::VpcEndpoint,
                format!("the policy of VPC endpoint `{owner}`"),
            )
        }
        PolicyKind::ServiceControl | PolicyKind::ResourceControl => {
            let scp = trace.kind == PolicyKind::ServiceControl;
            let org = s.organization.as_ref()?;
            let list = if scp { &org.scps } else { &org.rcps };
            let j = list.iter().position(|p| *p.name == *trace.name)?;
            let (field, layer, what) = if scp {
                ("scps", Layer::Scp, "SCP")
            } else {
                ("rcps", Layer::Rcp, "RCP")
            };
            let at = trace.level.as_deref().unwrap_or("root");
            (
                format!("organization.{field}[{j}].document"),
                trace.name.to_string(),
                layer,
                format!(
                    "the {what} `{}` attached to `{at}` (owned by the organization's management account `{}`)",
                    trace.name, org.management_account
                ),
            )
        }
    };
    let document = document_at(facts.document, &path)?;
    Some(Place {
        path,
        name,
        layer,
        words,
        document,
    })
}

/// A session policy: the `Policy` parameter of the step that created the session, or the inline
/// session's `policy`.
fn session_place(facts: &Facts, trace: &PolicyTrace) -> Option<(String, String, Layer, String)> {
    if !trace.name.starts_with("session policy") {
        return None;
    }
    let (path, words) = match &facts.caller {
        Caller::Session {
            created_by: Some(k),
            ..
        } => (
            format!("steps[{k}].params.Policy"),
            format!(
                "the session policy passed by step `{}`",
                step_name(facts.scenario, *k)
            ),
        ),
        Caller::Token {
            created_by: k,
            federated: Some(_),
            ..
        } => (
            format!("steps[{k}].params.Policy"),
            format!(
                "the session policy passed by the GetFederationToken call of step `{}`",
                step_name(facts.scenario, *k)
            ),
        ),
        Caller::Session {
            created_by: None, ..
        } if matches!(&facts.step.caller, Some(CallerDef::Object(_))) => (
            format!("steps[{}].as.session.policy", facts.index),
            "the session policy of this step's session".to_string(),
        ),
        _ => return None,
    };
    Some((path, trace.name.to_string(), Layer::Session, words))
}
