//! Role sessions: what an AssumeRole* call (or a pre-existing session) leaves behind.

use roleplay_eval::CompiledPolicy;

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
    WebIdentity { provider: String },
    Saml { provider: String },
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
    for list in lists {
        for (k, v) in *list {
            if !out.iter().any(|(o, _)| o.eq_ignore_ascii_case(k)) {
                out.push((k.clone(), v.clone()));
            }
        }
    }
    out
}
