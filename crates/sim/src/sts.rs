//! STS: AssumeRole, AssumeRoleWithWebIdentity and AssumeRoleWithSAML as STS does them (§5):
//! parameter validation with AWS's texts, the trust policy and the caller's side evaluated with the
//! context STS builds, duration limits, session policies, tags, source identity, then a session.

use crate::api::{self, Target};
use crate::clock;
use crate::context::{derive, Identity};
use crate::format::{SamlDef, Step, StsParams, WebIdentityDef};
use crate::ids;
use crate::outcome::{is_allowed, Outcome};
use crate::session::{merge_tags, session_policies, Origin, Session};
use crate::world::World;
use roleplay_eval::{access_denied, Context};
use serde_json::json;

pub const ASSUME_ROLE: &str = "sts:assumerole";
pub const WEB_IDENTITY: &str = "sts:assumerolewithwebidentity";
pub const SAML: &str = "sts:assumerolewithsaml";

const CHAINING: &str = "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.";
const MAX_DURATION: &str =
    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.";

/// Schema violations, worded as STS words them.
#[derive(Default)]
struct Violations(Vec<String>);

impl Violations {
    fn add(&mut self, value: &str, param: &str, constraint: String) {
        self.0.push(format!(
            "Value '{value}' at '{param}' failed to satisfy constraint: Member must {constraint}"
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

fn validate(action: &str, p: &StsParams, needs_name: bool) -> Option<Outcome> {
    // A value the Query protocol cannot read fails before any constraint is checked (§5.9).
    if let Some(Err(text)) = p.duration_seconds.as_ref().map(|d| d.seconds()) {
        return Some(Outcome::error(
            "MalformedInput",
            format!("Value '{text}' for parameter DurationSeconds is not a valid 32-bit integer"),
        ));
    }
    let mut v = Violations::default();
    match &p.role_arn {
        None => v.0.push(
            "Value null at 'roleArn' failed to satisfy constraint: Member must not be null".into(),
        ),
        Some(arn) => v.length(arn, "roleArn", 20, 2048),
    }
    match &p.role_session_name {
        None if needs_name => v.0.push(
            "Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null"
                .into(),
        ),
        None => {}
        Some(name) => {
            v.length(name, "roleSessionName", 2, 64);
            v.pattern(name, "roleSessionName", r"[\w+=,.@-]*", |c| {
                word(c) || "+=,.@-".contains(c)
            });
        }
    }
    if let Some(d) = p.duration_seconds.as_ref().and_then(|d| d.seconds().ok()) {
        if d < 900 {
            v.add(
                &d.to_string(),
                "durationSeconds",
                "have value greater than or equal to 900".into(),
            );
        } else if d > 43200 {
            v.add(
                &d.to_string(),
                "durationSeconds",
                "have value less than or equal to 43200".into(),
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
    if let Some(arns) = &p.policy_arns {
        if arns.len() > 10 {
            v.add(
                &format!("{} items", arns.len()),
                "policyArns",
                "have length less than or equal to 10".into(),
            );
        }
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
    if let Some(tags) = &p.tags {
        if action != ASSUME_ROLE {
            v.0.push("Tags are passed to AssumeRoleWithWebIdentity and AssumeRoleWithSAML in the token or assertion, not as a parameter".into());
        }
        if tags.len() > 50 {
            v.add(
                &format!("{} items", tags.len()),
                "tags",
                "have length less than or equal to 50".into(),
            );
        }
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
    if let Some(contexts) = &p.provided_contexts {
        if contexts.len() > 5 {
            v.add(
                &format!("{} items", contexts.len()),
                "providedContexts",
                "have length less than or equal to 5".into(),
            );
        }
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
    if let Some(keys) = &p.transitive_tag_keys {
        if keys.len() > 50 {
            v.add(
                &format!("{} items", keys.len()),
                "transitiveTagKeys",
                "have length less than or equal to 50".into(),
            );
        }
    }
    if let Some(e) = v.into_error() {
        return Some(e);
    }
    if p.source_identity
        .as_deref()
        .is_some_and(|s| s.to_ascii_lowercase().starts_with("aws:"))
    {
        return Some(Outcome::error(
            "ValidationError",
            "The source identity must not begin with 'aws:'.",
        ));
    }
    let bad_tag = p.tags.iter().flatten().find(|t| {
        // Session tag keys and values may not begin with `aws:` (§5.8).
        let reserved = |s: &str| s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:"));
        reserved(&t.key) || reserved(&t.value)
    });
    if let Some(t) = bad_tag {
        return Some(Outcome::error(
            "ValidationError",
            format!(
                "Tag {}={} must not begin with 'aws:', which is reserved for AWS.",
                t.key, t.value
            ),
        ));
    }
    None
}

/// AWS does not publish its packing; we deflate policies and tags and measure against a 2,048-byte budget.
fn packed_percent(p: &StsParams, world: &World) -> Option<u64> {
    if p.policy.is_none() && p.policy_arns.is_none() && p.tags.is_none() {
        return None;
    }
    let mut raw = String::new();
    if let Some(doc) = &p.policy {
        let text = doc.text();
        raw.push_str(
            &serde_json::from_str::<serde_json::Value>(&text)
                .map(|v| v.to_string())
                .unwrap_or(text),
        );
    }
    for a in p.policy_arns.iter().flatten() {
        raw.push_str(&a.arn);
        let _ = world;
    }
    for t in p.tags.iter().flatten() {
        raw.push_str(&t.key);
        raw.push('=');
        raw.push_str(&t.value);
        raw.push(';');
    }
    let packed = miniz_oxide::deflate::compress_to_vec(raw.as_bytes(), 9).len() as u64;
    Some((packed * 100).div_ceil(2048).max(1))
}

/// The caller of an assume step and its STS flavour.
pub enum Assumer<'a> {
    Aws(Identity<'a>),
    WebIdentity(&'a WebIdentityDef),
    Saml(&'a SamlDef),
}

/// Runs one sts:AssumeRole* step.
pub fn assume(
    world: &World,
    step: &Step,
    step_index: usize,
    who: Assumer,
    now: jiff::Timestamp,
) -> Outcome {
    let action = step.action.as_deref().unwrap_or("sts:AssumeRole");
    let lower = action.to_ascii_lowercase();
    let empty = StsParams::default();
    let p = step.params.as_ref().unwrap_or(&empty);
    let service = matches!(&who, Assumer::Aws(Identity::Service(_)));
    let needs_name = lower != SAML && !service;
    if let Some(e) = validate(&lower, p, needs_name) {
        return e;
    }
    let role_arn = p.role_arn.clone().unwrap_or_default();
    if roleplay_eval::split_arn(&role_arn).is_none() {
        return Outcome::error("ValidationError", format!("{role_arn} is invalid"));
    }
    let mismatch = match (&who, lower.as_str()) {
        (Assumer::Aws(_), ASSUME_ROLE) | (Assumer::WebIdentity(_), WEB_IDENTITY) | (Assumer::Saml(_), SAML) => None,
        (Assumer::WebIdentity(_), _) => Some("a webIdentity caller calls sts:AssumeRoleWithWebIdentity"),
        (Assumer::Saml(_), _) => Some("a saml caller calls sts:AssumeRoleWithSAML"),
        _ => Some("sts:AssumeRoleWithWebIdentity and sts:AssumeRoleWithSAML need a webIdentity or saml caller"),
    };
    if let Some(m) = mismatch {
        return Outcome::error(
            "InvalidAction",
            format!("{action} cannot be called this way: {m}."),
        );
    }
    if let Assumer::Aws(Identity::Root(_)) = &who {
        return Outcome::error("AccessDenied", "Roles may not be assumed by root accounts.");
    }
    let role_index = world.role_index(&role_arn);
    let role_account = roleplay_eval::arn_account(&role_arn)
        .unwrap_or("")
        .to_string();
    let arns = p.policy_arns.clone().unwrap_or_default();
    let policies = match session_policies(world, p.policy.as_ref(), &arns, &role_account) {
        Ok(v) => v,
        Err(e) => return *e,
    };
    if let Some(pct) = packed_percent(p, world) {
        if pct > 100 {
            let msg = if p.policy.is_some() || p.policy_arns.is_some() {
                format!(
                    "Packed policy consumes {pct}% of allotted space, please use smaller policy."
                )
            } else {
                format!("Packed size of session tags consumes {pct}% of allotted space.")
            };
            return Outcome::error("PackedPolicyTooLarge", msg);
        }
    }
    // Identity-provider callers: resolve the provider, its claims and the session name.
    let mut ctx_extra: Vec<(String, Vec<String>)> = Vec::new();
    let mut persisted: Vec<(String, Vec<String>)> = Vec::new();
    let mut token_tags: Vec<(String, String)> = Vec::new();
    let mut token_transitive: Vec<String> = Vec::new();
    let mut token_source_identity: Option<String> = None;
    let mut response_extra = serde_json::Map::new();
    let (identity, session_name, origin) = match &who {
        Assumer::Aws(id) => {
            let name = match (&p.role_session_name, id) {
                (Some(n), _) => n.clone(),
                (None, Identity::Service(s)) => service_session_name(s, step_index),
                (None, _) => String::new(),
            };
            let origin = match id {
                Identity::Session(s, _) if s.chains() => Origin::Chained,
                Identity::Session(..) => Origin::LongTerm,
                Identity::Service(s) => Origin::Service(s.clone()),
                _ => Origin::LongTerm,
            };
            (id.clone(), name, origin)
        }
        Assumer::WebIdentity(w) => {
            let host = w.provider.trim_start_matches("https://").to_string();
            let well_known = [
                "cognito-identity.amazonaws.com",
                "www.amazon.com",
                "graph.facebook.com",
                "accounts.google.com",
            ];
            let provider = if well_known.contains(&host.as_str()) {
                host.clone()
            } else {
                let arn = format!("arn:aws:iam::{role_account}:oidc-provider/{host}");
                let Some((_, audiences)) = world.oidc_providers.iter().find(|(a, _)| *a == arn)
                else {
                    return Outcome::error(
                        "InvalidIdentityToken",
                        format!(
                            "No OpenIDConnect provider found in your account for https://{host}"
                        ),
                    );
                };
                let aud = w.claims.get("aud").map(claim_values).unwrap_or_default();
                if !audiences.is_empty() && !aud.iter().any(|a| audiences.contains(a)) {
                    return Outcome::error("InvalidIdentityToken", "Incorrect token audience");
                }
                arn
            };
            if let Some(exp) = w.claims.get("exp").and_then(|v| v.as_i64()) {
                // IAM tolerates five minutes of clock skew past `exp` (§5.4).
                if now.as_second() > exp + 300 {
                    return Outcome::error(
                        "ExpiredTokenException",
                        "Token expired: current date/time must be before the expiration date/time.",
                    );
                }
            }
            for (claim, value) in &w.claims {
                if claim == "https://aws.amazon.com/tags" {
                    token_tags = value
                        .get("principal_tags")
                        .and_then(|t| t.as_object())
                        .map(|m| {
                            m.iter()
                                .map(|(k, v)| {
                                    (
                                        k.clone(),
                                        claim_values(v).into_iter().next().unwrap_or_default(),
                                    )
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    token_transitive = value
                        .get("transitive_tag_keys")
                        .map(claim_values)
                        .unwrap_or_default();
                    continue;
                }
                if claim == "https://aws.amazon.com/source_identity" {
                    token_source_identity = value.as_str().map(String::from);
                    continue;
                }
                let key = format!("{host}:{claim}");
                let values = claim_values(value);
                if ["aud", "sub", "amr", "id"].contains(&claim.as_str()) {
                    persisted.push((key.clone(), values.clone()));
                }
                ctx_extra.push((key, values));
            }
            // Google: `:aud` is the token's `azp` when it has one, and `:oaud` its `aud` (§5.4).
            if let (true, Some(azp)) = (host == "accounts.google.com", w.claims.get("azp")) {
                let aud_key = format!("{host}:aud");
                let azp = claim_values(azp);
                for (_, v) in persisted.iter_mut().filter(|(k, _)| *k == aud_key) {
                    *v = azp.clone();
                }
                let original = w.claims.get("aud").map(claim_values).unwrap_or_default();
                ctx_extra.push((format!("{host}:oaud"), original));
                ctx_extra.push((aud_key, azp));
            }
            let sub = w
                .claims
                .get("sub")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string();
            response_extra.insert("SubjectFromWebIdentityToken".into(), json!(sub));
            if let Some(aud) = w.claims.get("aud") {
                response_extra.insert("Audience".into(), json!(claim_values(aud).join(",")));
            }
            let iss = w
                .claims
                .get("iss")
                .and_then(|v| v.as_str())
                .map(String::from)
                .unwrap_or(format!("https://{host}"));
            response_extra.insert("Provider".into(), json!(iss));
            let name = p.role_session_name.clone().unwrap_or_default();
            (
                Identity::OidcUser {
                    provider: provider.clone(),
                },
                name,
                Origin::WebIdentity { provider },
            )
        }
        Assumer::Saml(s) => {
            let provider = p
                .principal_arn
                .clone()
                .unwrap_or_else(|| s.provider.clone());
            if !world.saml_providers.contains(&provider)
                || roleplay_eval::arn_account(&provider) != Some(role_account.as_str())
            {
                return Outcome::error(
                    "InvalidIdentityToken",
                    format!("SAML provider {provider} does not exist in the role's account."),
                );
            }
            const ATTR: &str = "https://aws.amazon.com/SAML/Attributes/";
            let attr = |name: &str| {
                s.attributes
                    .get(&format!("{ATTR}{name}"))
                    .map(|v| v.values())
            };
            let Some(name) = attr("RoleSessionName").and_then(|v| v.into_iter().next()) else {
                return Outcome::error(
                    "InvalidIdentityToken",
                    "RoleSessionName is required in AuthnResponse",
                );
            };
            for (k, v) in &s.attributes {
                if let Some(tag) = k.strip_prefix(&format!("{ATTR}PrincipalTag:")) {
                    token_tags.push((
                        tag.to_string(),
                        v.values().into_iter().next().unwrap_or_default(),
                    ));
                } else if k.starts_with("saml:") {
                    if ["saml:sub", "saml:sub_type", "saml:namequalifier"].contains(&k.as_str()) {
                        persisted.push((k.clone(), v.values()));
                    }
                    ctx_extra.push((k.clone(), v.values()));
                }
            }
            token_transitive = attr("TransitiveTagKeys").unwrap_or_default();
            token_source_identity = attr("SourceIdentity").and_then(|v| v.into_iter().next());
            let provider_name = provider.rsplit('/').next().unwrap_or("");
            ctx_extra.push((
                "saml:doc".into(),
                vec![format!("{role_account}/{provider_name}")],
            ));
            let one = |k: &str| {
                s.attributes
                    .get(k)
                    .and_then(|v| v.values().into_iter().next())
            };
            let issuer = one("saml:iss").unwrap_or_default();
            let namequalifier = saml_name_qualifier(&issuer, &role_account, provider_name);
            if !s.attributes.contains_key("saml:namequalifier") {
                ctx_extra.push(("saml:namequalifier".into(), vec![namequalifier.clone()]));
                persisted.push(("saml:namequalifier".into(), vec![namequalifier.clone()]));
            }
            response_extra.insert("Subject".into(), json!(one("saml:sub").unwrap_or_default()));
            response_extra.insert(
                "SubjectType".into(),
                json!(one("saml:sub_type").unwrap_or("persistent".into())),
            );
            response_extra.insert("Issuer".into(), json!(issuer));
            response_extra.insert(
                "Audience".into(),
                json!(one("saml:aud").unwrap_or_default()),
            );
            response_extra.insert("NameQualifier".into(), json!(namequalifier));
            (
                Identity::SamlUser {
                    provider: provider.clone(),
                },
                name,
                Origin::Saml { provider },
            )
        }
    };
    let caller_session = match &identity {
        Identity::Session(s, _) => Some(*s),
        _ => None,
    };
    // Source identity never changes down a chain (§5.8).
    let inherited_si = caller_session.and_then(|s| s.source_identity.clone());
    let requested_si = p.source_identity.clone().or(token_source_identity);
    if let (Some(old), Some(new)) = (&inherited_si, &requested_si) {
        if old != new {
            return Outcome::error(
                "ValidationError",
                "The source identity is already set for this assume role session",
            );
        }
    }
    let source_identity = requested_si.or(inherited_si);
    let passed_tags: Vec<(String, String)> = match &p.tags {
        Some(t) => t.iter().map(|t| (t.key.clone(), t.value.clone())).collect(),
        None => token_tags,
    };
    let inherited_transitive: Vec<(String, String)> = caller_session
        .map(|s| {
            s.tags
                .iter()
                .filter(|(k, _)| s.transitive_keys.iter().any(|t| t.eq_ignore_ascii_case(k)))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    // One value per key, keys compared case-insensitively; an inherited transitive key cannot be passed
    // again (§5.8; AWS names no code for either: ValidationError, docs/fidelity.md).
    let mut passed_keys = std::collections::HashSet::new();
    let inherited_keys: std::collections::HashSet<String> = inherited_transitive
        .iter()
        .map(|(t, _)| t.to_ascii_lowercase())
        .collect();
    for (k, _) in &passed_tags {
        let key = k.to_ascii_lowercase();
        let inherited = inherited_keys.contains(&key);
        if !passed_keys.insert(key) {
            return Outcome::error(
                "ValidationError",
                "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
            );
        }
        if inherited {
            return Outcome::error(
                "ValidationError",
                format!("The session tag {k} cannot be passed: the calling session already carries it as a transitive tag."),
            );
        }
    }
    let Some(role_index) = role_index else {
        // A role that does not exist is refused exactly like an unauthorized one (§4.4).
        let ctx = derive(world, &identity, now, &role_arn);
        return Outcome {
            decision: "implicitDeny",
            error: Some(crate::outcome::StepError {
                code: "AccessDenied".into(),
                message: denial_text(&identity, &lower, action, &role_arn, None),
            }),
            context: Some(Box::new(ctx)),
            ..Outcome::default()
        };
    };
    let Some(role) = world.roles.get(role_index) else {
        return Outcome::error("InternalFailure", "role lookup");
    };
    // The context STS builds for the trust policy and the caller's side.
    let mut ctx = derive(world, &identity, now, &role_arn);
    // Transitive tags stand in for the next role's tags of the same key (§5.8).
    for (k, v) in &inherited_transitive {
        let key = format!("aws:ResourceTag/{k}");
        if ctx.get(&key).is_some() {
            ctx.set_one(&key, v.clone(), true);
        }
    }
    if let Some(n) = (!session_name.is_empty()).then_some(&session_name) {
        ctx.set_one("sts:RoleSessionName", n.clone(), true);
    }
    if let Some(e) = &p.external_id {
        ctx.set_one("sts:ExternalId", e.clone(), true);
    }
    let mfa_now = p.serial_number.is_some() && p.token_code.is_some();
    if mfa_now {
        ctx.set_one("aws:MultiFactorAuthPresent", "true", true);
        ctx.set_one("aws:MultiFactorAuthAge", "0", true);
    }
    if !passed_tags.is_empty() {
        for (k, v) in &passed_tags {
            ctx.set_one(&format!("aws:RequestTag/{k}"), v.clone(), true);
        }
        ctx.set(
            "aws:TagKeys",
            passed_tags
                .iter()
                .map(|(k, _)| k.clone())
                .collect::<Vec<_>>(),
            true,
        );
    }
    let transitive_passed = p.transitive_tag_keys.clone().unwrap_or(token_transitive);
    if !transitive_passed.is_empty() {
        ctx.set("sts:TransitiveTagKeys", transitive_passed.clone(), true);
    }
    if let Some(si) = &source_identity {
        ctx.set_one("sts:SourceIdentity", si.clone(), true);
    }
    for (k, v) in ctx_extra {
        ctx.set(&k, v, true);
    }
    apply_step_context(&mut ctx, step);
    let mut actions = vec![action.to_string()];
    if !passed_tags.is_empty() {
        actions.push("sts:TagSession".into());
    }
    if source_identity.is_some() {
        actions.push("sts:SetSourceIdentity".into());
    }
    let target = Target {
        arn: &role_arn,
        account: Some(role.account.clone()),
        policy: Some(&role.trust),
        must_allow: true,
    };
    let mut last = None;
    for a in &actions {
        match api::authorize(world, &identity, a, &target, &ctx) {
            Err(m) => return Outcome::error("MalformedPolicyDocument", m.message),
            Ok(ex) if !is_allowed(&ex) => {
                let enhanced =
                    api::enhanced_message(world, identity.account(), Some(&role.account));
                let verdict = roleplay_eval::Verdict {
                    decision: ex.decision,
                    rule: ex.rule,
                    responsible: ex.responsible,
                };
                let msg = denial_text(
                    &identity,
                    &lower,
                    a,
                    &role_arn,
                    enhanced.then_some(&verdict),
                );
                return Outcome::denied(ex, msg, ctx, a);
            }
            Ok(ex) => last = Some(ex),
        }
    }
    // Duration limits (§5.1 order: API range, then the role's maximum, then the chaining cap).
    let requested = p.duration_seconds.as_ref().and_then(|d| d.seconds().ok());
    let duration = requested.unwrap_or(3600);
    if !service && duration > role.max_session_duration {
        return Outcome::error("ValidationError", MAX_DURATION);
    }
    if origin == Origin::Chained && duration > 3600 {
        return Outcome::error("ValidationError", CHAINING);
    }
    let issued = now;
    let expires = clock::expiry(now, duration);
    let role_tags: Vec<(String, String)> = role
        .tags
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let tags = merge_tags(&[&passed_tags, &inherited_transitive, &role_tags]);
    let mut transitive_keys: Vec<String> = inherited_transitive
        .iter()
        .map(|(k, _)| k.clone())
        .collect();
    transitive_keys.extend(transitive_passed);
    let seed = format!(
        "{}|{}|{}|{}",
        step_index,
        role.arn,
        session_name,
        clock::format(now)
    );
    let creds = ids::credentials(&seed);
    let session_arn = format!(
        "arn:aws:sts::{}:assumed-role/{}/{}",
        role.account, role.name, session_name
    );
    let mut response = json!({
        "Credentials": {
            "AccessKeyId": creds.access_key_id,
            "SecretAccessKey": creds.secret_access_key,
            "SessionToken": creds.session_token,
            "Expiration": clock::format(expires),
        },
        "AssumedRoleUser": {
            "AssumedRoleId": format!("{}:{}", role.id, session_name),
            "Arn": session_arn,
        },
    });
    if let Some(obj) = response.as_object_mut() {
        if let Some(pct) = packed_percent(p, world) {
            obj.insert("PackedPolicySize".into(), json!(pct));
        }
        for (k, v) in response_extra {
            obj.insert(k, v);
        }
        if let Some(si) = &source_identity {
            obj.insert("SourceIdentity".into(), json!(si));
        }
    }
    let mfa = mfa_now || caller_session.is_some_and(|s| s.mfa);
    let session = Session {
        role: role_index,
        name: session_name,
        arn: session_arn,
        issued,
        expires,
        policies,
        tags,
        transitive_keys,
        source_identity,
        mfa,
        origin,
        persisted,
        access_key_id: creds.access_key_id.clone(),
    };
    Outcome {
        decision: "allowed",
        response: Some(response),
        explanation: last.map(Box::new),
        context: Some(Box::new(ctx)),
        session: Some(Box::new(session)),
        error: None,
    }
}

/// AccessDenied for an assume call. Identity-provider callers have no ARN to print (§5.4).
fn denial_text(
    who: &Identity,
    lower: &str,
    action: &str,
    role_arn: &str,
    verdict: Option<&roleplay_eval::Verdict>,
) -> String {
    match who {
        Identity::OidcUser { .. } if lower == WEB_IDENTITY => {
            "Not authorized to perform sts:AssumeRoleWithWebIdentity".into()
        }
        Identity::SamlUser { .. } if lower == SAML => {
            "Not authorized to perform sts:AssumeRoleWithSAML".into()
        }
        _ => match verdict {
            Some(v) => access_denied(&who.arn(), action, role_arn, v),
            None => format!(
                "User: {} is not authorized to perform: {action} on resource: {role_arn}",
                who.arn()
            ),
        },
    }
}

/// Keys a step supplies are added last; overriding a derived key is reported by the runner.
pub fn apply_step_context(ctx: &mut Context, step: &Step) {
    for (k, v) in &step.context {
        ctx.set(k, v.values(), false);
    }
}

fn claim_values(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::Array(a) => a
            .iter()
            .map(|x| {
                x.as_str()
                    .map(String::from)
                    .unwrap_or_else(|| x.to_string())
            })
            .collect(),
        serde_json::Value::String(s) => vec![s.clone()],
        other => vec![other.to_string()],
    }
}

/// The session name a service gives: an instance id for EC2, a readable name for others.
fn service_session_name(service: &str, step: usize) -> String {
    if service == "ec2.amazonaws.com" {
        let hex: String = ids::unique_id("", &format!("instance {step}"))
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(17)
            .collect();
        format!("i-{hex}")
    } else {
        format!("{}-session", service.split('.').next().unwrap_or("service"))
    }
}

/// BASE64(SHA1(issuer + account + "/" + provider name)) (§5.3).
fn saml_name_qualifier(issuer: &str, account: &str, provider: &str) -> String {
    use base64::Engine;
    use sha1::{Digest, Sha1};
    let digest = Sha1::digest(format!("{issuer}{account}/{provider}").as_bytes());
    base64::engine::general_purpose::STANDARD.encode(digest)
}

/// The caller of a step as an assumer, for the runner.
pub fn is_assume(action: &str) -> bool {
    matches!(
        action.to_ascii_lowercase().as_str(),
        ASSUME_ROLE | WEB_IDENTITY | SAML
    )
}
