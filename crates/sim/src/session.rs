//! Role sessions: what an AssumeRole* call (or a pre-existing session) leaves behind.

use crate::format::{PolicyArn, PolicyDoc};
use crate::outcome::Outcome;
use crate::world::World;
use roleplay_eval::CompiledPolicy;
use roleplay_policy::{parse, ParseOptions, PolicyKind};

/// How the session's credentials came to be: it decides chaining and which keys later calls carry.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// AssumeRole by an IAM user or the root user with long-term credentials.
    LongTerm,
    /// AssumeRole with another role session's credentials: role chaining.
    Chained,
    /// A service assumed the role for a workload (instance profile, Lambda, ECS).
    Service(String),
    /// AssumeRoleWithWebIdentity; the provider (ARN or well-known name) and the keys that persist.
    WebIdentity {
        provider: String,
    },
    Saml {
        provider: String,
    },
    /// Created outside the timeline (`{"session": …}`).
    External,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub role: usize,
    pub name: String,
    pub arn: String,
    pub issued: jiff::Timestamp,
    pub expires: jiff::Timestamp,
    pub policies: Vec<CompiledPolicy>,
    /// Session tags, inherited transitive tags and role tags, session tags winning (case-insensitive keys).
    pub tags: Vec<(String, String)>,
    pub transitive_keys: Vec<String>,
    pub source_identity: Option<String>,
    pub mfa: bool,
    pub origin: Origin,
    /// Federation keys that stay available to later requests (`saml:sub`, `<provider>:sub`, …).
    pub persisted: Vec<(String, Vec<String>)>,
    pub access_key_id: String,
}

impl Session {
    /// Whether this session calling AssumeRole is role chaining: EC2 instance-profile credentials are not
    /// (§5.6); every other role session is.
    pub fn chains(&self) -> bool {
        !matches!(&self.origin, Origin::Service(s) if s == "ec2.amazonaws.com")
    }
}

/// Merges tags: earlier lists win over later ones, keys compared case-insensitively.
pub fn merge_tags(lists: &[&[(String, String)]]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    // A set of the keys taken: a scenario's tag lists are not bounded by AWS's quota of 50.
    let mut taken = std::collections::HashSet::new();
    for list in lists {
        for (k, v) in *list {
            if taken.insert(k.to_ascii_lowercase()) {
                out.push((k.clone(), v.clone()));
            }
        }
    }
    out
}

/// Session policies — the inline `Policy` and each `PolicyArns` entry — compiled as session policies.
/// An invalid one fails the call with `MalformedPolicyDocument`; managed ones must be in the role's account.
pub fn session_policies(
    world: &World,
    inline: Option<&PolicyDoc>,
    arns: &[PolicyArn],
    role_account: &str,
) -> Result<Vec<CompiledPolicy>, Box<Outcome>> {
    let compile = |text: &str, name: &str| -> Result<CompiledPolicy, Box<Outcome>> {
        let parsed = parse(text, &ParseOptions::kind(PolicyKind::Session));
        match parsed.valid_document() {
            Some(d) => Ok(CompiledPolicy::compile(
                d,
                PolicyKind::Session,
                name,
                "this session",
            )),
            None => {
                let msg = parsed
                    .first_error()
                    .and_then(|f| f.aws_message.clone())
                    .unwrap_or_else(|| "Syntax errors in policy.".into());
                Err(Outcome::fail("MalformedPolicyDocument", msg))
            }
        }
    };
    let mut out = Vec::new();
    if let Some(doc) = inline {
        out.push(compile(&doc.text(), "session policy (Policy)")?);
    }
    for a in arns {
        if roleplay_policy::arn::account(&a.arn).is_some_and(|acct| acct != role_account) {
            return Err(Outcome::fail(
                "ValidationError",
                format!(
                    "The policy {} must be in the same account as the role.",
                    a.arn
                ),
            ));
        }
        match world.managed_policy(&a.arn) {
            Some(e) => out.push(compile(&e.text, &a.arn)?),
            None => {
                return Err(Outcome::fail(
                    "NoSuchEntity",
                    format!("Policy {} does not exist or is not attachable.", a.arn),
                ))
            }
        }
    }
    Ok(out)
}

/// Credentials from GetSessionToken or GetFederationToken: an IAM user's (or the root user's)
/// temporary credentials (§7.1, §7.2 of aws-service-rules).
#[derive(Debug, Clone)]
pub struct TokenSession {
    pub owner: TokenOwner,
    /// GetFederationToken's federated user; `None` for GetSessionToken.
    pub federation: Option<Federation>,
    /// GetSessionToken was given `SerialNumber` and `TokenCode` (F7.2, F7.8).
    pub mfa: bool,
    pub issued: jiff::Timestamp,
    pub expires: jiff::Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TokenOwner {
    /// Index into the world's users.
    User(usize),
    /// The root user of this account.
    Root(String),
}

/// A federated user session: its name, ARN, session policies and tags (F7.11–F7.15).
#[derive(Debug, Clone)]
pub struct Federation {
    pub name: String,
    pub arn: String,
    pub policies: Vec<CompiledPolicy>,
    /// Session tags, then the user's tags (a session tag wins over a user tag of the same key).
    pub tags: Vec<(String, String)>,
}
