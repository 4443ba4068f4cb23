//! The nodes of a scenario's world as the graph sees them: its users and roles, its identity
//! providers, the services and the accounts its trust policies name.

use crate::model::NodeKind;
use roleplay_policy::{ParseOptions, PolicyKind, Principal, PrincipalType};
use roleplay_sim::{PrincipalDef, Scenario};

/// The services that run code with a role passed to them (PMapper's PassRole edge checkers).
pub const CODE_RUNNERS: &[&str] = &[
    "ec2.amazonaws.com",
    "lambda.amazonaws.com",
    "ecs-tasks.amazonaws.com",
    "cloudformation.amazonaws.com",
];

/// A role and who its trust policy names.
pub struct RoleFacts {
    pub arn: String,
    pub account: String,
    pub max_session: i64,
    pub services: Vec<String>,
    /// `Federated` entries: identity provider ARNs (or the OAuth hosts of older providers).
    pub federated: Vec<String>,
    /// Accounts the `AWS` entries name (a bare account, its root, or any ARN in it).
    pub accounts: Vec<String>,
    /// Customer-managed policy ARNs attached to the role.
    pub managed: Vec<String>,
}

pub struct UserFacts {
    pub arn: String,
    pub managed: Vec<String>,
}

/// Everything the graph is built from.
pub struct Facts {
    pub users: Vec<UserFacts>,
    pub roles: Vec<RoleFacts>,
    /// OIDC providers: ARN and audiences.
    pub oidc: Vec<(String, Vec<String>)>,
    pub saml: Vec<String>,
    pub groups: Vec<String>,
}

impl Facts {
    pub fn of(s: &Scenario) -> Facts {
        let mut facts = Facts {
            users: Vec::new(),
            roles: Vec::new(),
            oidc: Vec::new(),
            saml: Vec::new(),
            groups: Vec::new(),
        };
        for p in &s.principals {
            match p {
                PrincipalDef::User(u) => facts.users.push(UserFacts {
                    arn: u.arn.clone(),
                    managed: customer_managed(&u.policies),
                }),
                PrincipalDef::Role(r) => facts.roles.push(role(r)),
                PrincipalDef::OidcProvider(o) => {
                    facts.oidc.push((o.arn.clone(), o.audiences.clone()))
                }
                PrincipalDef::SamlProvider(p) => facts.saml.push(p.arn.clone()),
                PrincipalDef::Group(g) => facts.groups.push(g.arn.clone()),
            }
        }
        facts
    }

    /// Whether the world models any user or role of `account`.
    pub fn models(&self, account: &str) -> bool {
        self.users
            .iter()
            .any(|u| account_of(&u.arn) == Some(account))
            || self.roles.iter().any(|r| r.account == account)
    }

    /// The nodes, in a stable order: users, roles, providers, services, accounts.
    pub fn nodes(&self) -> Vec<(String, NodeKind)> {
        let mut out: Vec<(String, NodeKind)> = Vec::new();
        let mut add = |id: String, kind| {
            if !out.iter().any(|(i, _)| *i == id) {
                out.push((id, kind));
            }
        };
        self.users
            .iter()
            .for_each(|u| add(u.arn.clone(), NodeKind::User));
        self.roles
            .iter()
            .for_each(|r| add(r.arn.clone(), NodeKind::Role));
        self.oidc
            .iter()
            .for_each(|(a, _)| add(a.clone(), NodeKind::OidcProvider));
        self.saml
            .iter()
            .for_each(|a| add(a.clone(), NodeKind::SamlProvider));
        for r in &self.roles {
            r.services
                .iter()
                .for_each(|s| add(s.clone(), NodeKind::Service));
        }
        for r in &self.roles {
            for a in r.accounts.iter().filter(|a| !self.models(a)) {
                add(root(a), NodeKind::Account);
            }
        }
        out
    }
}

pub fn root(account: &str) -> String {
    format!("arn:aws:iam::{account}:root")
}

/// The account of an ARN (`arn:aws:iam::111122223333:user/x` → `111122223333`).
pub fn account_of(arn: &str) -> Option<&str> {
    arn.split(':').nth(4).filter(|a| !a.is_empty())
}

fn customer_managed(policies: &[roleplay_sim::Attachment]) -> Vec<String> {
    policies
        .iter()
        .filter_map(|p| p.arn.clone())
        .filter(|a| !a.starts_with("arn:aws:iam::aws:"))
        .collect()
}

fn role(r: &roleplay_sim::RoleDef) -> RoleFacts {
    let mut facts = RoleFacts {
        arn: r.arn.clone(),
        account: account_of(&r.arn).unwrap_or("").to_string(),
        max_session: r.max_session_duration.unwrap_or(3600),
        services: Vec::new(),
        federated: Vec::new(),
        accounts: Vec::new(),
        managed: customer_managed(&r.policies),
    };
    let parsed = roleplay_policy::parse(
        &r.trust_policy.text(),
        &ParseOptions::kind(PolicyKind::Trust),
    );
    let Some(doc) = parsed.document else {
        return facts;
    };
    let entries = doc
        .statements
        .iter()
        .filter_map(|s| s.principal.as_ref().filter(|p| !p.negated))
        .filter_map(|p| match &p.value {
            Principal::Map(entries) => Some(entries),
            Principal::Any => None,
        })
        .flatten();
    for e in entries {
        let list = match e.kind {
            PrincipalType::Service => &mut facts.services,
            PrincipalType::Federated => &mut facts.federated,
            PrincipalType::Aws => {
                let account = if e.value.len() == 12 && e.value.bytes().all(|b| b.is_ascii_digit())
                {
                    Some(e.value.as_str())
                } else {
                    account_of(&e.value)
                };
                if let Some(a) = account.filter(|a| !facts.accounts.iter().any(|x| x == a)) {
                    facts.accounts.push(a.to_string());
                }
                continue;
            }
            PrincipalType::CanonicalUser => continue,
        };
        if !list.contains(&e.value) {
            list.push(e.value.clone());
        }
    }
    facts
}
