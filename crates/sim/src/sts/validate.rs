//! STS's parameter validation (§5.1, §5.9): a value the Query protocol cannot read first, then every
//! schema constraint at once with STS's texts, then the reserved `aws:` prefixes.

use crate::format::StsParams;
use crate::outcome::Outcome;

/// Schema violations, worded as STS words them.
#[derive(Default)]
pub(super) struct Violations(Vec<String>);

impl Violations {
    fn add(&mut self, value: &str, param: &str, constraint: String) {
        self.0.push(format!(
            "Value '{value}' at '{param}' failed to satisfy constraint: Member must {constraint}"
        ));
    }

    fn null(&mut self, param: &str) {
        self.0.push(format!(
            "Value null at '{param}' failed to satisfy constraint: Member must not be null"
        ));
    }

    fn length(&mut self, value: &str, param: &str, min: usize, max: usize) {
        let n = value.chars().count();
        if n < min {
            self.add(
                value,
                param,
                format!("have length greater than or equal to {min}"),
            );
        } else if n > max {
            self.add(
                value,
                param,
                format!("have length less than or equal to {max}"),
            );
        }
    }

    fn pattern(&mut self, value: &str, param: &str, pattern: &str, ok: impl Fn(char) -> bool) {
        if !value.chars().all(ok) {
            self.add(
                value,
                param,
                format!("satisfy regular expression pattern: {pattern}"),
            );
        }
    }

    fn count(&mut self, n: usize, param: &str, max: usize) {
        if n > max {
            self.add(
                &format!("{n} items"),
                param,
                format!("have length less than or equal to {max}"),
            );
        }
    }

    fn into_error(self) -> Option<Outcome> {
        let n = self.0.len();
        if n == 0 {
            return None;
        }
        let head = if n == 1 {
            "1 validation error detected".to_string()
        } else {
            format!("{n} validation errors detected")
        };
        Some(Outcome::error(
            "ValidationError",
            format!("{head}: {}", self.0.join("; ")),
        ))
    }
}

fn word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn tag_char(c: char) -> bool {
    c.is_alphanumeric() || c.is_whitespace() || "_.:/=+-@".contains(c)
}

fn policy_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FF}')
}

/// What one STS API accepts: which parameters it requires and its duration range.
pub(super) struct Shape {
    /// `RoleArn` is required (the AssumeRole* APIs).
    pub role_arn: bool,
    /// `RoleSessionName` is required (AssumeRole and AssumeRoleWithWebIdentity, not for services).
    pub session_name: bool,
    /// `Name` is required (GetFederationToken).
    pub name: bool,
    pub max_duration: i64,
    /// Session tags may be passed as a parameter (AssumeRole, GetFederationToken).
    pub tags: bool,
}

/// The parameters of one STS call against its API's shape: `MalformedInput` for a `DurationSeconds`
/// the Query protocol cannot read (§5.9), then every constraint at once, then the `aws:` prefixes.
pub(super) fn validate(p: &StsParams, shape: &Shape) -> Option<Outcome> {
    if let Some(Err(text)) = p.duration_seconds.as_ref().map(|d| d.seconds()) {
        return Some(Outcome::error(
            "MalformedInput",
            format!("Value '{text}' for parameter DurationSeconds is not a valid 32-bit integer"),
        ));
    }
    let mut v = Violations::default();
    identity_params(p, shape, &mut v);
    credential_params(p, shape, &mut v);
    session_policy_params(p, &mut v);
    tag_params(p, shape, &mut v);
    context_params(p, &mut v);
    if let Some(keys) = &p.transitive_tag_keys {
        v.count(keys.len(), "transitiveTagKeys", 50);
    }
    v.into_error().or_else(|| reserved_prefixes(p))
}

/// Who the session is for: the role and session name, or the federated user's name.
fn identity_params(p: &StsParams, shape: &Shape, v: &mut Violations) {
    match &p.role_arn {
        None if shape.role_arn => v.null("roleArn"),
        None => {}
        Some(arn) => v.length(arn, "roleArn", 20, 2048),
    }
    let name_rule = |v: &mut Violations, name: &str, param: &str, min: usize, max: usize| {
        v.length(name, param, min, max);
        v.pattern(name, param, r"[\w+=,.@-]*", |c| {
            word(c) || "+=,.@-".contains(c)
        });
    };
    match &p.role_session_name {
        None if shape.session_name => v.null("roleSessionName"),
        None => {}
        Some(name) => name_rule(v, name, "roleSessionName", 2, 64),
    }
    match &p.name {
        None if shape.name => v.null("name"),
        None => {}
        // GetFederationToken's Name: 2–32 characters (F7.11).
        Some(name) => name_rule(v, name, "name", 2, 32),
    }
}

/// How long, with what proof, from whom: duration, external ID, MFA device and code, source identity.
fn credential_params(p: &StsParams, shape: &Shape, v: &mut Violations) {
    if let Some(d) = p.duration_seconds.as_ref().and_then(|d| d.seconds().ok()) {
        if d < 900 {
            v.add(
                &d.to_string(),
                "durationSeconds",
                "have value greater than or equal to 900".into(),
            );
        } else if d > shape.max_duration {
            v.add(
                &d.to_string(),
                "durationSeconds",
                format!("have value less than or equal to {}", shape.max_duration),
            );
        }
    }
    if let Some(e) = &p.external_id {
        v.length(e, "externalId", 2, 1224);
        v.pattern(e, "externalId", r"[\w+=,.@:\/-]*", |c| {
            word(c) || "+=,.@:/-".contains(c)
        });
    }
    if let Some(s) = &p.serial_number {
        v.length(s, "serialNumber", 9, 256);
        v.pattern(s, "serialNumber", r"[\w+=/:,.@-]*", |c| {
            word(c) || "+=/:,.@-".contains(c)
        });
    }
    if let Some(t) = &p.token_code {
        v.length(t, "tokenCode", 6, 6);
        v.pattern(t, "tokenCode", r"[\d]*", |c| c.is_ascii_digit());
    }
    if let Some(s) = &p.source_identity {
        v.length(s, "sourceIdentity", 2, 64);
        v.pattern(s, "sourceIdentity", r"[\w+=,.@-]*", |c| {
            word(c) || "+=,.@-".contains(c)
        });
    }
}

/// Session policies: at most 10 managed ARNs and an inline policy of at most 2,048 characters.
fn session_policy_params(p: &StsParams, v: &mut Violations) {
    if let Some(arns) = &p.policy_arns {
        v.count(arns.len(), "policyArns", 10);
        for (i, a) in arns.iter().enumerate() {
            v.length(
                &a.arn,
                &format!("policyArns.{}.member.arn", i + 1),
                20,
                2048,
            );
        }
    }
    if let Some(doc) = &p.policy {
        let text = doc.text();
        v.length(&text, "policy", 1, 2048);
        v.pattern(
            &text,
            "policy",
            r"[\u0009\u000A\u000D\u0020-\u00FF]+",
            policy_char,
        );
    }
}

/// Session tags (§5.8).
fn tag_params(p: &StsParams, shape: &Shape, v: &mut Violations) {
    if let Some(tags) = &p.tags {
        if !shape.tags {
            v.0.push("Tags are passed to AssumeRoleWithWebIdentity and AssumeRoleWithSAML in the token or assertion, not as a parameter".into());
        }
        v.count(tags.len(), "tags", 50);
        for (i, t) in tags.iter().enumerate() {
            let at = format!("tags.{}.member", i + 1);
            v.length(&t.key, &format!("{at}.key"), 1, 128);
            v.pattern(
                &t.key,
                &format!("{at}.key"),
                r"[\p{L}\p{Z}\p{N}_.:/=+\-@]+",
                tag_char,
            );
            v.length(&t.value, &format!("{at}.value"), 0, 256);
            v.pattern(
                &t.value,
                &format!("{at}.value"),
                r"[\p{L}\p{Z}\p{N}_.:/=+\-@]*",
                tag_char,
            );
        }
    }
}

/// Context assertions from a trusted context provider (§5.1).
fn context_params(p: &StsParams, v: &mut Violations) {
    if let Some(contexts) = &p.provided_contexts {
        v.count(contexts.len(), "providedContexts", 5);
        for (i, c) in contexts.iter().enumerate() {
            let at = format!("providedContexts.{}.member", i + 1);
            v.length(&c.provider_arn, &format!("{at}.providerArn"), 20, 2048);
            v.length(
                &c.context_assertion,
                &format!("{at}.contextAssertion"),
                4,
                2048,
            );
        }
    }
}

/// A source identity, session tag key or value may not begin with `aws:` (§5.8).
fn reserved_prefixes(p: &StsParams) -> Option<Outcome> {
    let reserved = |s: &str| s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:"));
    if p.source_identity.as_deref().is_some_and(reserved) {
        return Some(Outcome::error(
            "ValidationError",
            "The source identity must not begin with 'aws:'.",
        ));
    }
    let bad_tag = p
        .tags
        .iter()
        .flatten()
        .find(|t| reserved(&t.key) || reserved(&t.value));
    bad_tag.map(|t| {
        Outcome::error(
            "ValidationError",
            format!(
                "Tag {}={} must not begin with 'aws:', which is reserved for AWS.",
                t.key, t.value
            ),
        )
    })
}
