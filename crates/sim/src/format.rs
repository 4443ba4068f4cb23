//! Scenario format v1, exactly as `docs/scenario-format.md` defines it. Unknown fields are errors.
//! Project extensions (documented in docs/scenario-format-extensions.md): `rules` on the scenario,
//! `rule` and `expectMessage` on a step; `vpcEndpoints`, `accounts` (S3 Block Public Access), a
//! bucket's `s3BlockPublicAccess` and `abac`, a step's `via`.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Scenario {
    pub roleplay: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Fact-sheet sections this scenario checks (extension).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
    /// The certification topic a gallery scenario teaches (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exam: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub principals: Vec<PrincipalDef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<ResourceDef>,
    /// VPC endpoints steps may send their requests through (`via`) (extension).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpc_endpoints: Vec<VpcEndpointDef>,
    /// Account-level settings by account ID (extension).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub accounts: BTreeMap<String, AccountSettings>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
}

/// A VPC endpoint: its policy (absent: AWS's default full-access policy, F6.3) and where it lives.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct VpcEndpointDef {
    pub id: String,
    pub vpc: String,
    pub account: String,
    /// The service the endpoint reaches (`s3`, `sts`, …).
    pub service: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyDoc>,
}

/// Settings of one account (extension).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AccountSettings {
    /// The account's S3 Block Public Access (absent: all four off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s3_block_public_access: Option<PublicAccessBlock>,
}

/// S3's `PublicAccessBlockConfiguration`, with AWS's names; an absent setting is off.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct PublicAccessBlock {
    #[serde(default)]
    pub block_public_acls: bool,
    #[serde(default)]
    pub ignore_public_acls: bool,
    #[serde(default)]
    pub block_public_policy: bool,
    #[serde(default)]
    pub restrict_public_buckets: bool,
}

impl PublicAccessBlock {
    /// The most restrictive combination of two levels (F4.1).
    pub fn and(self, other: PublicAccessBlock) -> PublicAccessBlock {
        PublicAccessBlock {
            block_public_acls: self.block_public_acls || other.block_public_acls,
            ignore_public_acls: self.ignore_public_acls || other.ignore_public_acls,
            block_public_policy: self.block_public_policy || other.block_public_policy,
            restrict_public_buckets: self.restrict_public_buckets || other.restrict_public_buckets,
        }
    }
}

/// How a step's request travels (extension).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Via {
    /// The id of a VPC endpoint in `vpcEndpoints`.
    pub vpc_endpoint: String,
}

/// A policy document: the JSON object as AWS writes it (kept as the exact text of the scenario file),
/// or the text exactly as typed, which may be invalid.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum PolicyDoc {
    Text(String),
    Object(Box<serde_json::value::RawValue>),
}

impl PartialEq for PolicyDoc {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (PolicyDoc::Text(a), PolicyDoc::Text(b)) => a == b,
            (PolicyDoc::Object(a), PolicyDoc::Object(b)) => a.get() == b.get(),
            _ => false,
        }
    }
}

impl PolicyDoc {
    /// A document given as a JSON value (by code, not by a file).
    pub fn from_value(v: &serde_json::Value) -> PolicyDoc {
        // Pretty-printed, so the editors and the locations in findings read naturally.
        let pretty = serde_json::to_string_pretty(v).unwrap_or_default();
        match serde_json::value::RawValue::from_string(pretty) {
            Ok(raw) if v.is_object() => PolicyDoc::Object(raw),
            _ => PolicyDoc::Text(v.to_string()),
        }
    }

    /// The text the policy parser reads: a string as typed; an object as the scenario file wrote it,
    /// without the indentation of its place in the file (locations then read naturally).
    pub fn text(&self) -> String {
        match self {
            PolicyDoc::Text(t) => t.clone(),
            PolicyDoc::Object(raw) => dedent(raw.get()),
        }
    }
}

/// Removes the indentation of the closing line from every line after the first.
fn dedent(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let Some(newline) = memchr::memrchr(b'\n', bytes) else {
        return raw.to_string();
    };
    let last = raw.get(newline + 1..).unwrap_or("");
    let base = last.len() - last.trim_start_matches(' ').len();
    if base == 0 {
        return raw.to_string();
    }
    // Line by line with memchr: this runs on every policy of every run (it was 4 % of a cold run).
    let mut out = String::with_capacity(raw.len());
    let mut start = 0;
    for newline in memchr::memchr_iter(b'\n', bytes) {
        out.push_str(raw.get(start..=newline).unwrap_or(""));
        let line = bytes.get(newline + 1..).unwrap_or(&[]);
        start = newline + 1 + line.iter().take(base).take_while(|&&b| b == b' ').count();
    }
    out.push_str(raw.get(start..).unwrap_or(""));
    out
}

impl<'de> Deserialize<'de> for PolicyDoc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        match raw.get().trim_start().as_bytes().first() {
            Some(b'{') => Ok(PolicyDoc::Object(raw)),
            Some(b'"') => serde_json::from_str(raw.get())
                .map(PolicyDoc::Text)
                .map_err(de::Error::custom),
            _ => Err(de::Error::custom(
                "expected a policy document: a JSON object, or its text as a string",
            )),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Attachment {
    pub name: String,
    pub document: PolicyDoc,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inline: Option<bool>,
}

impl Attachment {
    pub fn is_inline(&self) -> bool {
        self.inline.unwrap_or(self.arn.is_none())
    }
}

pub type Tags = BTreeMap<String, String>;

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum PrincipalDef {
    User(UserDef),
    Group(GroupDef),
    Role(RoleDef),
    OidcProvider(OidcProviderDef),
    SamlProvider(SamlProviderDef),
}

impl PrincipalDef {
    pub fn arn(&self) -> &str {
        match self {
            PrincipalDef::User(u) => &u.arn,
            PrincipalDef::Group(g) => &g.arn,
            PrincipalDef::Role(r) => &r.arn,
            PrincipalDef::OidcProvider(o) => &o.arn,
            PrincipalDef::SamlProvider(s) => &s.arn,
        }
    }
}

/// Every field any principal type may have; read flat (no buffering, so policy text stays exact), then
/// checked against its `type`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct PrincipalRecord {
    #[serde(rename = "type")]
    kind: String,
    arn: String,
    #[serde(default)]
    policies: Option<Vec<Attachment>>,
    #[serde(default)]
    permissions_boundary: Option<Attachment>,
    #[serde(default)]
    groups: Option<Vec<String>>,
    #[serde(default)]
    tags: Option<Tags>,
    #[serde(default)]
    trust_policy: Option<PolicyDoc>,
    #[serde(default)]
    max_session_duration: Option<i64>,
    #[serde(default)]
    service_linked: Option<bool>,
    #[serde(default)]
    audiences: Option<Vec<String>>,
}

impl<'de> Deserialize<'de> for PrincipalDef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = PrincipalRecord::deserialize(d)?;
        let mut extra: Vec<&str> = Vec::new();
        let mut not_for = |present: bool, name: &'static str| {
            if present {
                extra.push(name);
            }
        };
        let def = match r.kind.as_str() {
            "user" => {
                not_for(r.trust_policy.is_some(), "trustPolicy");
                not_for(r.max_session_duration.is_some(), "maxSessionDuration");
                not_for(r.service_linked.is_some(), "serviceLinked");
                not_for(r.audiences.is_some(), "audiences");
                PrincipalDef::User(UserDef {
                    arn: r.arn,
                    policies: r.policies.unwrap_or_default(),
                    permissions_boundary: r.permissions_boundary,
                    groups: r.groups.unwrap_or_default(),
                    tags: r.tags.unwrap_or_default(),
                })
            }
            "group" => {
                not_for(r.trust_policy.is_some(), "trustPolicy");
                not_for(r.permissions_boundary.is_some(), "permissionsBoundary");
                not_for(r.groups.is_some(), "groups");
                not_for(r.tags.is_some(), "tags");
                not_for(r.max_session_duration.is_some(), "maxSessionDuration");
                not_for(r.service_linked.is_some(), "serviceLinked");
                not_for(r.audiences.is_some(), "audiences");
                PrincipalDef::Group(GroupDef {
                    arn: r.arn,
                    policies: r.policies.unwrap_or_default(),
                })
            }
            "role" => {
                not_for(r.groups.is_some(), "groups");
                not_for(r.audiences.is_some(), "audiences");
                let Some(trust_policy) = r.trust_policy else {
                    return Err(de::Error::missing_field("trustPolicy"));
                };
                PrincipalDef::Role(RoleDef {
                    arn: r.arn,
                    trust_policy,
                    policies: r.policies.unwrap_or_default(),
                    permissions_boundary: r.permissions_boundary,
                    tags: r.tags.unwrap_or_default(),
                    max_session_duration: r.max_session_duration,
                    service_linked: r.service_linked,
                })
            }
            "oidcProvider" | "samlProvider" => {
                not_for(r.policies.is_some(), "policies");
                not_for(r.permissions_boundary.is_some(), "permissionsBoundary");
                not_for(r.groups.is_some(), "groups");
                not_for(r.tags.is_some(), "tags");
                not_for(r.trust_policy.is_some(), "trustPolicy");
                not_for(r.max_session_duration.is_some(), "maxSessionDuration");
                not_for(r.service_linked.is_some(), "serviceLinked");
                if r.kind == "oidcProvider" {
                    PrincipalDef::OidcProvider(OidcProviderDef {
                        arn: r.arn,
                        audiences: r.audiences.unwrap_or_default(),
                    })
                } else {
                    not_for(r.audiences.is_some(), "audiences");
                    PrincipalDef::SamlProvider(SamlProviderDef { arn: r.arn })
                }
            }
            other => {
                return Err(de::Error::unknown_variant(
                    other,
                    &["user", "group", "role", "oidcProvider", "samlProvider"],
                ));
            }
        };
        if let Some(field) = extra.first() {
            return Err(de::Error::custom(format!(
                "field `{field}` is not allowed for a principal of type \"{}\"",
                r.kind
            )));
        }
        Ok(def)
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UserDef {
    pub arn: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<Attachment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions_boundary: Option<Attachment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GroupDef {
    pub arn: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<Attachment>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RoleDef {
    pub arn: String,
    pub trust_policy: PolicyDoc,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<Attachment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions_boundary: Option<Attachment>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_session_duration: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_linked: Option<bool>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct OidcProviderDef {
    pub arn: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audiences: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SamlProviderDef {
    pub arn: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ResourceDef {
    pub arn: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyDoc>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
    /// An S3 bucket's Block Public Access (extension; absent: all four off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s3_block_public_access: Option<PublicAccessBlock>,
    /// An S3 general-purpose bucket's ABAC (extension; absent: off, as AWS's default, F5.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abac: Option<bool>,
    /// A KMS key AWS manages for a service (`aws/s3`…): its key policy and properties cannot be
    /// changed (extension; absent: a customer managed key, F3.8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aws_managed: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Organization {
    pub id: String,
    pub management_account: String,
    #[serde(default)]
    pub accounts: BTreeMap<String, Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scps: Vec<OrgPolicy>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rcps: Vec<OrgPolicy>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct OrgPolicy {
    pub name: String,
    pub targets: Vec<String>,
    pub document: PolicyDoc,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Step {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    #[serde(default, rename = "as", skip_serializing_if = "Option::is_none")]
    pub caller: Option<CallerDef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<StsParams>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub context: BTreeMap<String, ContextValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoke_sessions: Option<String>,
    /// The network path of the request: through a VPC endpoint (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Via>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<String>,
    /// The exact message expected (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect_message: Option<String>,
    /// What this step checks, in one sentence (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// A context value: a string or a list of strings (numbers and booleans are taken as their text).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ContextValue {
    One(String),
    Many(Vec<String>),
}

impl ContextValue {
    /// How many values: one for a string.
    pub fn count(&self) -> usize {
        self.as_slice().len()
    }

    /// The values, without copying them.
    pub fn as_slice(&self) -> &[String] {
        match self {
            ContextValue::One(s) => std::slice::from_ref(s),
            ContextValue::Many(v) => v,
        }
    }

    pub fn values(&self) -> Vec<String> {
        match self {
            ContextValue::One(s) => vec![s.clone()],
            ContextValue::Many(v) => v.clone(),
        }
    }
}

fn scalar_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl<'de> Deserialize<'de> for ContextValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        if let Some(s) = scalar_text(&v) {
            return Ok(ContextValue::One(s));
        }
        if let serde_json::Value::Array(items) = &v {
            let texts: Option<Vec<String>> = items.iter().map(scalar_text).collect();
            if let Some(t) = texts {
                return Ok(ContextValue::Many(t));
            }
        }
        Err(de::Error::custom("expected a string or a list of strings"))
    }
}

/// Who calls: an ARN or step id (string), or one of the object forms.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum CallerDef {
    Ref(String),
    Object(Box<CallerObject>),
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CallerObject {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SessionDef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_identity: Option<WebIdentityDef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saml: Option<SamlDef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous: Option<bool>,
}

impl<'de> Deserialize<'de> for CallerDef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CallerDef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a principal ARN, an earlier step's id, or an object such as {\"service\": \"ec2.amazonaws.com\"}")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<CallerDef, E> {
                Ok(CallerDef::Ref(s.to_string()))
            }
            fn visit_map<M: MapAccess<'de>>(self, m: M) -> Result<CallerDef, M::Error> {
                let obj = CallerObject::deserialize(de::value::MapAccessDeserializer::new(m))?;
                let forms = [
                    obj.session.is_some(),
                    obj.service.is_some(),
                    obj.web_identity.is_some(),
                    obj.saml.is_some(),
                    obj.anonymous.is_some(),
                ];
                if forms.iter().filter(|f| **f).count() != 1 {
                    return Err(de::Error::custom(
                        "give exactly one of session, service, webIdentity, saml, anonymous",
                    ));
                }
                Ok(CallerDef::Object(Box::new(obj)))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SessionDef {
    pub role: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policy_arns: Vec<PolicyArn>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_identity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct WebIdentityDef {
    pub provider: String,
    #[serde(default)]
    pub claims: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SamlDef {
    pub provider: String,
    #[serde(default)]
    pub attributes: BTreeMap<String, ContextValue>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyArn {
    pub arn: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Tag {
    #[serde(rename = "Key")]
    pub key: String,
    #[serde(rename = "Value")]
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ProvidedContext {
    pub provider_arn: String,
    pub context_assertion: String,
}

/// `DurationSeconds` as the Query API receives it: usually a whole number, but a request can carry
/// any text, and STS answers one that does not parse as a 32-bit integer with `MalformedInput` (§5.9).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum DurationParam {
    Seconds(i64),
    Fraction(f64),
    Text(String),
}

impl DurationParam {
    /// The seconds, or the text STS could not read as an integer.
    pub fn seconds(&self) -> Result<i64, String> {
        let n = match self {
            DurationParam::Seconds(n) => *n,
            DurationParam::Fraction(f) => return Err(fraction(*f)),
            DurationParam::Text(t) => t.trim().parse::<i64>().map_err(|_| t.clone())?,
        };
        i32::try_from(n).map(i64::from).map_err(|_| n.to_string())
    }
}

/// A number read as a fraction, as it was written: `3600.0` stays `3600.0`, not `3600`.
fn fraction(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.1}")
    } else {
        x.to_string()
    }
}

impl std::fmt::Display for DurationParam {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            DurationParam::Seconds(n) => write!(f, "{n}"),
            DurationParam::Fraction(x) => f.write_str(&fraction(*x)),
            DurationParam::Text(t) => f.write_str(t),
        }
    }
}

/// The STS APIs' own request parameters, with AWS's names.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct StsParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_session_name: Option<String>,
    /// GetFederationToken: the federated user's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<DurationParam>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_arns: Option<Vec<PolicyArn>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transitive_tag_keys: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_identity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_code: Option<String>,
    /// Context assertions from a trusted context provider, e.g. IAM Identity Center (§5.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provided_contexts: Option<Vec<ProvidedContext>>,
    /// AssumeRoleWithSAML: the SAML provider ARN (defaults to the caller's provider).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal_arn: Option<String>,
    /// AssumeRoleWithWebIdentity: `www.amazon.com` / `graph.facebook.com` OAuth 2.0 providers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::dedent;

    #[test]
    fn dedent_removes_the_closing_lines_indentation_and_no_more() {
        // The object as it stands in a file, indented by four: the text the editors show.
        let raw = "{\n      \"Version\": \"2012-10-17\",\n  \"Odd\": 1,\n\n      \"Statement\": []\n    }";
        assert_eq!(
            dedent(raw),
            "{\n  \"Version\": \"2012-10-17\",\n\"Odd\": 1,\n\n  \"Statement\": []\n}"
        );
        assert_eq!(dedent("{\"a\": 1}"), "{\"a\": 1}");
        assert_eq!(dedent("{\n  \"a\": 1\n}"), "{\n  \"a\": 1\n}");
        // Tabs are not indentation the closing line shares: kept.
        assert_eq!(dedent("{\n\t  \"a\": 1\n  }"), "{\n\t  \"a\": 1\n}");
    }
}
