//! What the run knows about the step to fix: who called, which action on which resource, what the
//! outcome was, and where the caller's and the resource's definitions are in the scenario.

use roleplay_sim::{CallerDef, PrincipalDef, RunResult, Scenario, Step, StepResult};
use serde_json::{json, Value};

/// Who made the call, resolved to the scenario's definitions.
#[derive(Debug, Clone, PartialEq)]
pub enum Caller {
    /// An IAM user: its index in `principals`.
    User {
        principal: usize,
        arn: String,
    },
    /// A role session: the role's index in `principals`, and the step that created the session
    /// (`None` for a session given inline).
    Session {
        principal: usize,
        arn: String,
        created_by: Option<usize>,
    },
    Root(String),
    /// GetSessionToken or GetFederationToken credentials of a user (or the root user): the user's
    /// index in `principals`, the ARN policies see (the user's, or the federated user's), the step
    /// that got them and, for GetFederationToken, the federated user's name.
    Token {
        principal: Option<usize>,
        arn: String,
        created_by: usize,
        federated: Option<String>,
    },
    Service(String),
    WebIdentity(String),
    Saml(String),
    Anonymous,
    /// The step named by `as` returned no credentials.
    FailedStep(usize),
    Unknown,
}

impl Caller {
    /// The caller as a policy's `Principal` names it (a role session by its role's ARN).
    pub fn principal(&self, role_account: &str) -> Option<(&'static str, String)> {
        match self {
            Caller::User { arn, .. } | Caller::Session { arn, .. } | Caller::Token { arn, .. } => {
                Some(("AWS", arn.clone()))
            }
            Caller::Root(account) => Some(("AWS", format!("arn:aws:iam::{account}:root"))),
            Caller::Service(s) => Some(("Service", s.clone())),
            Caller::WebIdentity(host) => Some(("Federated", oidc_principal(host, role_account))),
            Caller::Saml(p) => Some(("Federated", p.clone())),
            _ => None,
        }
    }

    /// The ARN `aws:PrincipalArn` carries for this caller (a session's role ARN).
    pub fn principal_arn(&self) -> Option<String> {
        match self {
            Caller::User { arn, .. } | Caller::Session { arn, .. } | Caller::Token { arn, .. } => {
                Some(arn.clone())
            }
            Caller::Root(account) => Some(format!("arn:aws:iam::{account}:root")),
            _ => None,
        }
    }

    /// `role `Deploy`` / `user `alice`` for sentences.
    pub fn words(&self) -> String {
        match self {
            Caller::User { arn, .. } => format!("user `{}`", short(arn)),
            Caller::Session { arn, .. } => format!("role `{}`", short(arn)),
            Caller::Root(a) => format!("the root user of `{a}`"),
            Caller::Token {
                federated: Some(name),
                ..
            } => format!("federated user `{name}`"),
            Caller::Token { arn, .. } => format!("`{}` (GetSessionToken credentials)", short(arn)),
            Caller::Service(s) => format!("the service `{s}`"),
            Caller::WebIdentity(p) => format!("web identities from `{p}`"),
            Caller::Saml(p) => format!("SAML users of `{p}`"),
            _ => "the caller".into(),
        }
    }
}

/// An OIDC provider as a trust policy names it: well-known providers by name, others by ARN.
fn oidc_principal(host: &str, account: &str) -> String {
    let host = host.trim_start_matches("https://");
    let well_known = [
        "cognito-identity.amazonaws.com",
        "www.amazon.com",
        "graph.facebook.com",
        "accounts.google.com",
    ];
    if well_known.contains(&host) {
        host.to_string()
    } else {
        format!("arn:aws:iam::{account}:oidc-provider/{host}")
    }
}

/// The last part of an ARN: `role/path/Name` → `Name`.
pub fn short(arn: &str) -> &str {
    arn.rsplit(['/', ':']).next().unwrap_or(arn)
}

/// The step to fix and what surrounds it.
pub struct Facts<'a> {
    pub scenario: &'a Scenario,
    pub document: &'a Value,
    pub run: &'a RunResult,
    pub index: usize,
    pub step: &'a Step,
    pub result: &'a StepResult,
    /// The action that was decided: the step's, or `sts:TagSession` / `sts:SetSourceIdentity`.
    pub action: String,
    /// The request's resource: the role for an assume call, `*` when the action takes none.
    pub resource: String,
    pub caller: Caller,
}

impl<'a> Facts<'a> {
    pub fn new(
        scenario: &'a Scenario,
        document: &'a Value,
        run: &'a RunResult,
        index: usize,
    ) -> Option<Facts<'a>> {
        let step = scenario.steps.get(index)?;
        let result = run.steps.get(index)?;
        let resource = match &step.params {
            Some(p) if is_assume(step) => p.role_arn.clone().unwrap_or_default(),
            _ => step.resource.clone().unwrap_or_else(|| "*".into()),
        };
        let action = result
            .error
            .as_ref()
            .and_then(|e| denied_action(&e.message))
            .or_else(|| federated_extra_action(step, result))
            .unwrap_or_else(|| step.action.clone().unwrap_or_default());
        Some(Facts {
            caller: resolve(scenario, run, index, step),
            scenario,
            document,
            run,
            index,
            step,
            result,
            action,
            resource,
        })
    }

    pub fn is_assume(&self) -> bool {
        is_assume(self.step)
    }

    /// The index in `principals` of the role an assume call names.
    pub fn assumed_role(&self) -> Option<usize> {
        principal_index(self.scenario, &self.resource)
    }

    /// The account of the role or resource the request is about.
    pub fn resource_account(&self) -> String {
        let defined = self
            .scenario
            .resources
            .iter()
            .find(|r| r.arn == self.resource)
            .and_then(|r| r.account.clone());
        defined
            .or_else(|| roleplay_policy::arn::account(&self.resource).map(String::from))
            .unwrap_or_default()
    }

    /// The step's id for messages, or its index.
    pub fn step_name(&self, index: usize) -> String {
        step_name(self.scenario, index)
    }

    /// The `Principal` element value naming the caller.
    pub fn principal_value(&self) -> Option<(&'static str, String, Value)> {
        let (kind, who) = self.caller.principal(&self.resource_account())?;
        let value = json!({ kind: who.clone() });
        Some((kind, who, value))
    }
}

pub fn step_name(s: &Scenario, index: usize) -> String {
    s.steps
        .get(index)
        .and_then(|st| st.id.clone())
        .unwrap_or_else(|| index.to_string())
}

fn is_assume(step: &Step) -> bool {
    step.action
        .as_deref()
        .is_some_and(|a| a.to_ascii_lowercase().starts_with("sts:assumerole"))
}

pub fn principal_index(s: &Scenario, arn: &str) -> Option<usize> {
    s.principals.iter().position(|p| p.arn() == arn)
}

/// The action AWS names in an AccessDenied message (`… perform: sts:TagSession on resource: …`).
fn denied_action(message: &str) -> Option<String> {
    // Web-identity and SAML callers are told "Not authorized to perform …" with the call's own
    // action, whichever was denied: only the AWS principal's message is read.
    let (_, rest) = message.split_once("perform: ")?;
    let action = rest.split([' ', '\n']).next()?;
    action.contains(':').then(|| action.to_string())
}

/// AWS's message for a web-identity or SAML caller does not name the action it denied: when the
/// trust policy has a statement for the call's own action that missed only on its action, the
/// denied one is `sts:TagSession` (tags were passed) or `sts:SetSourceIdentity`.
fn federated_extra_action(step: &Step, result: &StepResult) -> Option<String> {
    let ex = result.explanation.as_ref()?;
    let trust = ex
        .policies
        .iter()
        .find(|p| p.kind == roleplay_policy::PolicyKind::Trust)?;
    let missed_action = trust
        .statements
        .iter()
        .any(|s| s.miss == Some(roleplay_eval::Miss::Action));
    if !is_assume(step) || !missed_action {
        return None;
    }
    let has = |key: &str| {
        result
            .context
            .iter()
            .any(|e| e.key.eq_ignore_ascii_case(key))
    };
    if has("aws:TagKeys") {
        Some("sts:TagSession".into())
    } else if has("sts:SourceIdentity") {
        Some("sts:SetSourceIdentity".into())
    } else {
        None
    }
}

/// The caller of step `index`, with its definition's place in the scenario.
fn resolve(s: &Scenario, run: &RunResult, index: usize, step: &Step) -> Caller {
    let Some(caller) = &step.caller else {
        return Caller::Unknown;
    };
    match caller {
        CallerDef::Ref(r) if r.starts_with("arn:") => {
            if let Some(account) = r
                .strip_suffix(":root")
                .and_then(|a| a.strip_prefix("arn:aws:iam::"))
            {
                return Caller::Root(account.to_string());
            }
            match principal_index(s, r) {
                Some(i) if matches!(s.principals.get(i), Some(PrincipalDef::User(_))) => {
                    Caller::User {
                        principal: i,
                        arn: r.clone(),
                    }
                }
                _ => Caller::Unknown,
            }
        }
        CallerDef::Ref(id) => {
            let Some(k) = s
                .steps
                .get(..index)
                .and_then(|before| before.iter().rposition(|st| st.id.as_deref() == Some(id)))
            else {
                return Caller::Unknown;
            };
            if let Some(token) = token_caller(s, run, k) {
                return token;
            }
            match run.steps.get(k).and_then(|r| r.session.as_ref()) {
                Some(session) => match principal_index(s, &session.role) {
                    Some(principal) => Caller::Session {
                        principal,
                        arn: session.role.clone(),
                        created_by: Some(k),
                    },
                    None => Caller::Unknown,
                },
                None => Caller::FailedStep(k),
            }
        }
        CallerDef::Object(o) => {
            if let Some(session) = &o.session {
                return match principal_index(s, &session.role) {
                    Some(principal) => Caller::Session {
                        principal,
                        arn: session.role.clone(),
                        created_by: None,
                    },
                    None => Caller::Unknown,
                };
            }
            if let Some(service) = &o.service {
                return Caller::Service(service.clone());
            }
            if let Some(w) = &o.web_identity {
                return Caller::WebIdentity(w.provider.clone());
            }
            if let Some(saml) = &o.saml {
                let provider = step
                    .params
                    .as_ref()
                    .and_then(|p| p.principal_arn.clone())
                    .unwrap_or_else(|| saml.provider.clone());
                return Caller::Saml(provider);
            }
            Caller::Anonymous
        }
    }
}

/// The caller of credentials step `k` got from GetSessionToken or GetFederationToken, if it did.
fn token_caller(s: &Scenario, run: &RunResult, k: usize) -> Option<Caller> {
    let step = s.steps.get(k)?;
    let action = step.action.as_deref()?.to_ascii_lowercase();
    let federated = match action.as_str() {
        "sts:getsessiontoken" => false,
        "sts:getfederationtoken" => true,
        _ => return None,
    };
    if run.steps.get(k)?.decision != "allowed" {
        return Some(Caller::FailedStep(k));
    }
    let Some(CallerDef::Ref(owner)) = &step.caller else {
        return None;
    };
    let principal = principal_index(s, owner);
    if !federated {
        return Some(Caller::Token {
            principal,
            arn: owner.clone(),
            created_by: k,
            federated: None,
        });
    }
    let name = step.params.as_ref()?.name.clone()?;
    let account = roleplay_policy::arn::account(owner).unwrap_or("");
    Some(Caller::Token {
        principal,
        arn: format!("arn:aws:sts::{account}:federated-user/{name}"),
        created_by: k,
        federated: Some(name),
    })
}

#[cfg(test)]
mod tests {
    use super::denied_action;

    #[test]
    fn the_denied_action_is_read_from_aws_words() {
        let m = "User: arn:aws:iam::1:user/a is not authorized to perform: sts:TagSession on resource: arn:aws:iam::1:role/R";
        assert_eq!(denied_action(m).as_deref(), Some("sts:TagSession"));
        assert_eq!(
            denied_action("Not authorized to perform sts:AssumeRoleWithWebIdentity"),
            None
        );
        assert_eq!(
            denied_action("Roles may not be assumed by root accounts."),
            None
        );
    }
}
