//! Identity-provider callers of AssumeRoleWithWebIdentity and AssumeRoleWithSAML: the provider is
//! resolved in the role's account, the token's or assertion's claims become context keys, session
//! tags, a source identity and response fields (§5.3, §5.4).

use super::{Caller, Phase};
use crate::context::Identity;
use crate::format::{SamlDef, StsParams, WebIdentityDef};
use crate::outcome::Outcome;
use crate::session::Origin;
use crate::world::World;
use serde_json::json;

/// What an identity provider's token or assertion brings to the call (nothing for AWS callers).
#[derive(Default)]
pub(super) struct Token {
    /// Keys for this request's context (`<host>:sub`, `saml:aud`, …).
    pub context: Vec<(String, Vec<String>)>,
    /// Keys that stay with the session for later requests.
    pub persisted: Vec<(String, Vec<String>)>,
    pub tags: Vec<(String, String)>,
    pub transitive: Vec<String>,
    pub source_identity: Option<String>,
    /// Fields the STS response adds (`SubjectFromWebIdentityToken`, `Issuer`, …).
    pub response: serde_json::Map<String, serde_json::Value>,
}

/// AssumeRoleWithWebIdentity: a well-known provider, or an IAM OIDC provider of the role's account
/// whose audiences include the token's.
pub(super) fn web_identity(
    world: &World,
    w: &WebIdentityDef,
    p: &StsParams,
    role_account: &str,
    now: jiff::Timestamp,
) -> Phase<Caller<'static>> {
    let host = w.provider.trim_start_matches("https://").to_string();
    let provider = oidc_provider(world, w, &host, role_account)?;
    if let Some(exp) = w.claims.get("exp").and_then(|v| v.as_i64()) {
        // IAM tolerates five minutes of clock skew past `exp` (§5.4).
        if now.as_second() > exp + 300 {
            return Err(Outcome::fail(
                "ExpiredTokenException",
                "Token expired: current date/time must be before the expiration date/time.",
            ));
        }
    }
    let mut token = web_identity_claims(w, &host);
    let sub = w
        .claims
        .get("sub")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string();
    token
        .response
        .insert("SubjectFromWebIdentityToken".into(), json!(sub));
    if let Some(aud) = w.claims.get("aud") {
        token
            .response
            .insert("Audience".into(), json!(claim_values(aud).join(",")));
    }
    let iss = w
        .claims
        .get("iss")
        .and_then(|v| v.as_str())
        .map(String::from)
        .unwrap_or(format!("https://{host}"));
    token.response.insert("Provider".into(), json!(iss));
    Ok(Caller {
        identity: Identity::OidcUser {
            provider: provider.clone(),
        },
        session_name: p.role_session_name.clone().unwrap_or_default(),
        origin: Origin::WebIdentity { provider },
        token,
    })
}

/// The provider a web identity token names: a well-known host, or the OIDC provider's ARN.
fn oidc_provider(
    world: &World,
    w: &WebIdentityDef,
    host: &str,
    role_account: &str,
) -> Phase<String> {
    const WELL_KNOWN: [&str; 4] = [
        "cognito-identity.amazonaws.com",
        "www.amazon.com",
        "graph.facebook.com",
        "accounts.google.com",
    ];
    if WELL_KNOWN.contains(&host) {
        return Ok(host.to_string());
    }
    let arn = format!("arn:aws:iam::{role_account}:oidc-provider/{host}");
    let Some((_, audiences)) = world.oidc_providers.iter().find(|(a, _)| *a == arn) else {
        return Err(Outcome::fail(
            "InvalidIdentityToken",
            format!("No OpenIDConnect provider found in your account for https://{host}"),
        ));
    };
    let aud = w.claims.get("aud").map(claim_values).unwrap_or_default();
    if !audiences.is_empty() && !aud.iter().any(|a| audiences.contains(a)) {
        return Err(Outcome::fail(
            "InvalidIdentityToken",
            "Incorrect token audience",
        ));
    }
    Ok(arn)
}

/// A token's claims as context keys, session tags and source identity.
fn web_identity_claims(w: &WebIdentityDef, host: &str) -> Token {
    let mut t = Token::default();
    for (claim, value) in &w.claims {
        if claim == "https://aws.amazon.com/tags" {
            t.tags = value
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
            t.transitive = value
                .get("transitive_tag_keys")
                .map(claim_values)
                .unwrap_or_default();
            continue;
        }
        if claim == "https://aws.amazon.com/source_identity" {
            t.source_identity = value.as_str().map(String::from);
            continue;
        }
        let key = format!("{host}:{claim}");
        let values = claim_values(value);
        if ["aud", "sub", "amr", "id"].contains(&claim.as_str()) {
            t.persisted.push((key.clone(), values.clone()));
        }
        t.context.push((key, values));
    }
    // Google: `:aud` is the token's `azp` when it has one, and `:oaud` its `aud` (§5.4).
    if let (true, Some(azp)) = (host == "accounts.google.com", w.claims.get("azp")) {
        let aud_key = format!("{host}:aud");
        let azp = claim_values(azp);
        for (_, v) in t.persisted.iter_mut().filter(|(k, _)| *k == aud_key) {
            *v = azp.clone();
        }
        let original = w.claims.get("aud").map(claim_values).unwrap_or_default();
        t.context.push((format!("{host}:oaud"), original));
        t.context.push((aud_key, azp));
    }
    t
}

const ATTR: &str = "https://aws.amazon.com/SAML/Attributes/";

/// AssumeRoleWithSAML: the SAML provider must exist in the role's account; the assertion names the
/// session and may carry tags, transitive keys and a source identity.
pub(super) fn saml(
    world: &World,
    s: &SamlDef,
    p: &StsParams,
    role_account: &str,
) -> Phase<Caller<'static>> {
    let provider = p
        .principal_arn
        .clone()
        .unwrap_or_else(|| s.provider.clone());
    if !world.saml_providers.contains(&provider)
        || roleplay_policy::arn::account(&provider) != Some(role_account)
    {
        return Err(Outcome::fail(
            "InvalidIdentityToken",
            format!("SAML provider {provider} does not exist in the role's account."),
        ));
    }
    let attr = |name: &str| {
        s.attributes
            .get(&format!("{ATTR}{name}"))
            .map(|v| v.values())
    };
    let Some(name) = attr("RoleSessionName").and_then(|v| v.into_iter().next()) else {
        return Err(Outcome::fail(
            "InvalidIdentityToken",
            "RoleSessionName is required in AuthnResponse",
        ));
    };
    let mut token = saml_attributes(s);
    token.transitive = attr("TransitiveTagKeys").unwrap_or_default();
    token.source_identity = attr("SourceIdentity").and_then(|v| v.into_iter().next());
    saml_qualifier(s, &mut token, role_account, &provider);
    Ok(Caller {
        identity: Identity::SamlUser {
            provider: provider.clone(),
        },
        session_name: name,
        origin: Origin::Saml { provider },
        token,
    })
}

/// The assertion's `PrincipalTag:` attributes as session tags and its `saml:` attributes as keys.
fn saml_attributes(s: &SamlDef) -> Token {
    let mut t = Token::default();
    for (k, v) in &s.attributes {
        if let Some(tag) = k.strip_prefix(&format!("{ATTR}PrincipalTag:")) {
            t.tags.push((
                tag.to_string(),
                v.values().into_iter().next().unwrap_or_default(),
            ));
        } else if k.starts_with("saml:") {
            if ["saml:sub", "saml:sub_type", "saml:namequalifier"].contains(&k.as_str()) {
                t.persisted.push((k.clone(), v.values()));
            }
            t.context.push((k.clone(), v.values()));
        }
    }
    t
}

/// `saml:doc`, `saml:namequalifier` and the response fields STS derives from the assertion (§5.3).
fn saml_qualifier(s: &SamlDef, t: &mut Token, role_account: &str, provider: &str) {
    let provider_name = provider.rsplit('/').next().unwrap_or("");
    t.context.push((
        "saml:doc".into(),
        vec![format!("{role_account}/{provider_name}")],
    ));
    let one = |k: &str| {
        s.attributes
            .get(k)
            .and_then(|v| v.values().into_iter().next())
    };
    let issuer = one("saml:iss").unwrap_or_default();
    let namequalifier = saml_name_qualifier(&issuer, role_account, provider_name);
    if !s.attributes.contains_key("saml:namequalifier") {
        t.context
            .push(("saml:namequalifier".into(), vec![namequalifier.clone()]));
        t.persisted
            .push(("saml:namequalifier".into(), vec![namequalifier.clone()]));
    }
    let r = &mut t.response;
    r.insert("Subject".into(), json!(one("saml:sub").unwrap_or_default()));
    r.insert(
        "SubjectType".into(),
        json!(one("saml:sub_type").unwrap_or("persistent".into())),
    );
    r.insert("Issuer".into(), json!(issuer));
    r.insert(
        "Audience".into(),
        json!(one("saml:aud").unwrap_or_default()),
    );
    r.insert("NameQualifier".into(), json!(namequalifier));
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

/// BASE64(SHA1(issuer + account + "/" + provider name)) (§5.3).
fn saml_name_qualifier(issuer: &str, account: &str, provider: &str) -> String {
    use base64::Engine;
    use sha1::{Digest, Sha1};
    let digest = Sha1::digest(format!("{issuer}{account}/{provider}").as_bytes());
    base64::engine::general_purpose::STANDARD.encode(digest)
}
