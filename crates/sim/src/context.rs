//! The request context a call carries, derived as AWS derives it (§6) and then the step's own keys.

use crate::clock;
use crate::session::{Origin, Session, TokenOwner, TokenSession};
use crate::world::{Role, User, World};
use roleplay_eval::{Caller, Context};

/// Who calls, resolved against the world: the evaluator's [`Caller`] plus what the context needs.
#[derive(Debug, Clone)]
pub enum Identity<'a> {
    Root(String),
    User(&'a User),
    Session(&'a Session, &'a Role),
    /// GetSessionToken or GetFederationToken credentials, with their user (none for root's).
    Token(&'a TokenSession, Option<&'a User>),
    Service(String),
    OidcUser {
        provider: String,
    },
    SamlUser {
        provider: String,
    },
    Anonymous,
}

impl Identity<'_> {
    pub fn caller(&self) -> Caller {
        match self {
            Identity::Root(account) => Caller::Root {
                account: account.clone(),
            },
            Identity::User(u) => Caller::User {
                arn: u.arn.clone(),
                account: u.account.clone(),
                id: u.id.clone(),
            },
            Identity::Session(s, r) => Caller::RoleSession {
                session_arn: s.arn.clone(),
                role_arn: r.arn.clone(),
                role_id: r.id.clone(),
                account: r.account.clone(),
            },
            Identity::Token(t, user) => match (&t.federation, user, &t.owner) {
                (Some(f), _, _) => Caller::FederatedUser {
                    arn: f.arn.clone(),
                    account: self.account().unwrap_or_default().to_string(),
                },
                (None, Some(u), _) => Identity::User(u).caller(),
                (None, None, TokenOwner::Root(a)) => Caller::Root { account: a.clone() },
                (None, None, TokenOwner::User(_)) => Caller::Anonymous,
            },
            Identity::Service(name) => Caller::Service { name: name.clone() },
            Identity::OidcUser { provider } => Caller::WebIdentity {
                provider: provider.clone(),
            },
            Identity::SamlUser { provider } => Caller::Saml {
                provider: provider.clone(),
            },
            Identity::Anonymous => Caller::Anonymous,
        }
    }

    pub fn account(&self) -> Option<&str> {
        match self {
            Identity::Root(a) => Some(a),
            Identity::User(u) => Some(&u.account),
            Identity::Session(_, r) => Some(&r.account),
            Identity::Token(t, user) => match (user, &t.owner) {
                (Some(u), _) => Some(&u.account),
                (None, TokenOwner::Root(a)) => Some(a),
                (None, TokenOwner::User(_)) => None,
            },
            _ => None,
        }
    }

    /// The ARN AWS prints for this caller in messages and GetCallerIdentity.
    pub fn arn(&self) -> String {
        self.caller().display_arn()
    }
}

/// Derives the context of a request by `who` at `now` on `resource`.
pub fn derive(world: &World, who: &Identity, now: jiff::Timestamp, resource: &str) -> Context {
    // Room for the keys derived below and a few tags, so the context grows once at most.
    let mut c = Context::with_capacity(24);
    // Each key is derived once, so entries are pushed without a lookup.
    let set = |c: &mut Context, k: &'static str, v: String| c.push_derived_one(k, v);
    set(&mut c, "aws:CurrentTime", clock::format(now));
    set(&mut c, "aws:EpochTime", now.as_second().to_string());
    // aws:SecureTransport, aws:RequestedRegion, aws:SourceIp are the caller's situation: the step
    // supplies them in `context` (`docs/scenario-format.md`), so they are not derived here.
    set(&mut c, "aws:ViaAWSService", "false".into());
    set(
        &mut c,
        "aws:PrincipalIsAWSService",
        matches!(who, Identity::Service(_)).to_string(),
    );
    match who {
        Identity::Root(account) => {
            set(
                &mut c,
                "aws:PrincipalArn",
                format!("arn:aws:iam::{account}:root"),
            );
            set(&mut c, "aws:PrincipalType", "Account".into());
            set(&mut c, "aws:userid", account.clone());
        }
        Identity::User(u) => {
            set(&mut c, "aws:PrincipalArn", u.arn.clone());
            set(&mut c, "aws:PrincipalType", "User".into());
            set(&mut c, "aws:userid", u.id.clone());
            set(&mut c, "aws:username", u.name.clone());
            for (k, v) in &u.tags {
                c.push_derived_one(format!("aws:PrincipalTag/{k}"), v.clone());
            }
        }
        Identity::Session(s, r) => {
            set(&mut c, "aws:PrincipalArn", r.arn.clone());
            set(&mut c, "aws:PrincipalType", "AssumedRole".into());
            set(&mut c, "aws:userid", format!("{}:{}", r.id, s.name));
            set(&mut c, "aws:TokenIssueTime", clock::format(s.issued));
            set(&mut c, "aws:MultiFactorAuthPresent", s.mfa.to_string());
            if s.mfa {
                let age = now.as_second() - s.issued.as_second();
                set(&mut c, "aws:MultiFactorAuthAge", age.to_string());
            }
            for (k, v) in &s.tags {
                c.push_derived_one(format!("aws:PrincipalTag/{k}"), v.clone());
            }
            if let Some(si) = &s.source_identity {
                set(&mut c, "aws:SourceIdentity", si.clone());
            }
            match &s.origin {
                Origin::WebIdentity { provider } | Origin::Saml { provider } => {
                    set(&mut c, "aws:FederatedProvider", provider.clone())
                }
                Origin::Service(svc) if svc == "ec2.amazonaws.com" => {
                    set(&mut c, "ec2:RoleDelivery", "2.0".into())
                }
                _ => {}
            }
            for (k, v) in &s.persisted {
                c.set(k, v.clone(), true);
            }
        }
        Identity::Token(t, user) => token_keys(&mut c, t, *user, now),
        Identity::Service(name) => {
            set(&mut c, "aws:PrincipalServiceName", name.clone());
            c.push_derived_one("aws:PrincipalServiceNamesList", name.clone());
        }
        Identity::OidcUser { .. } | Identity::SamlUser { .. } => {}
        Identity::Anonymous => {
            set(&mut c, "aws:PrincipalAccount", "anonymous".into());
            set(&mut c, "aws:PrincipalType", "Anonymous".into());
            set(&mut c, "aws:userid", "anonymous".into());
        }
    }
    if let Some(account) = who.account() {
        set(&mut c, "aws:PrincipalAccount", account.to_string());
        if let Some((org_id, paths)) = org_of(world, account) {
            set(&mut c, "aws:PrincipalOrgID", org_id.to_string());
            c.push_derived_one("aws:PrincipalOrgPaths", paths.to_string());
        }
    }
    if resource != "*" {
        let res = world.resource_for(resource);
        let account = res
            .and_then(|r| r.account.clone())
            .or_else(|| roleplay_policy::arn::account(resource).map(String::from));
        if let Some(a) = &account {
            set(&mut c, "aws:ResourceAccount", a.clone());
            if let Some((org_id, paths)) = org_of(world, a) {
                set(&mut c, "aws:ResourceOrgID", org_id.to_string());
                c.push_derived_one("aws:ResourceOrgPaths", paths.to_string());
            }
        }
        // A general-purpose bucket's tags are condition keys only with its ABAC on (F5.4, F5.5).
        let bucket = res.filter(|r| r.arn.starts_with("arn:aws:s3:::"));
        let tags = match (res, bucket) {
            (_, Some(b)) => b.abac.then_some(&b.tags),
            (Some(r), None) => Some(&r.tags),
            (None, _) => world
                .roles
                .iter()
                .find(|r| r.arn == resource)
                .map(|r| &r.tags),
        };
        for (k, v) in tags.into_iter().flatten() {
            c.push_derived_one(format!("aws:ResourceTag/{k}"), v.clone());
            if bucket.is_some() {
                c.push_derived_one(format!("s3:BucketTag/{k}"), v.clone());
            }
        }
    }
    c
}

/// The keys of a request made with GetSessionToken or GetFederationToken credentials: the user's (a
/// federated user's own ARN and id, F7.15), the token's issue time, and MFA as the token had it (F7.8).
fn token_keys(c: &mut Context, t: &TokenSession, user: Option<&User>, now: jiff::Timestamp) {
    match (&t.federation, user, &t.owner) {
        (Some(f), _, _) => {
            let account = user
                .map(|u| u.account.as_str())
                .unwrap_or_else(|| match &t.owner {
                    TokenOwner::Root(a) => a,
                    TokenOwner::User(_) => "",
                });
            c.push_derived_one("aws:PrincipalArn", f.arn.clone());
            c.push_derived_one("aws:PrincipalType", "FederatedUser".to_string());
            c.push_derived_one("aws:userid", format!("{account}:{}", f.name));
            for (k, v) in &f.tags {
                c.push_derived_one(format!("aws:PrincipalTag/{k}"), v.clone());
            }
        }
        (None, Some(u), _) => {
            c.push_derived_one("aws:PrincipalArn", u.arn.clone());
            c.push_derived_one("aws:PrincipalType", "User".to_string());
            c.push_derived_one("aws:userid", u.id.clone());
            c.push_derived_one("aws:username", u.name.clone());
            for (k, v) in &u.tags {
                c.push_derived_one(format!("aws:PrincipalTag/{k}"), v.clone());
            }
        }
        (None, None, TokenOwner::Root(account)) => {
            c.push_derived_one("aws:PrincipalArn", format!("arn:aws:iam::{account}:root"));
            c.push_derived_one("aws:PrincipalType", "Account".to_string());
            c.push_derived_one("aws:userid", account.clone());
        }
        (None, None, TokenOwner::User(_)) => {}
    }
    c.push_derived_one("aws:TokenIssueTime", clock::format(t.issued));
    c.push_derived_one("aws:MultiFactorAuthPresent", t.mfa.to_string());
    if t.mfa {
        let age = now.as_second() - t.issued.as_second();
        c.push_derived_one("aws:MultiFactorAuthAge", age.to_string());
    }
}

/// The organization id and `o-…/r-…/ou-…/` path of an account that is in the organization.
fn org_of<'w>(world: &'w World, account: &str) -> Option<(&'w str, &'w str)> {
    let org = world.org.as_ref()?;
    org.paths
        .get(account)
        .map(|p| (org.id.as_str(), p.as_str()))
}
