//! STS: AssumeRole, AssumeRoleWithWebIdentity and AssumeRoleWithSAML as STS does them (§5):
//! parameter validation with AWS's texts, the trust policy and the caller's side evaluated with the
//! context STS builds, duration limits, session policies, tags, source identity, then a session.

mod provider;
pub mod tokens;
mod validate;

use crate::api::{self, Target};
use crate::clock;
use crate::context::{derive, Identity};
use crate::format::{SamlDef, Step, StsParams, WebIdentityDef};
use crate::ids;
use crate::outcome::{is_allowed, Outcome};
use crate::session::{merge_tags, session_policies, Origin, Session};
use crate::world::{Role, World};
use provider::Token;
use roleplay_eval::{access_denied, CompiledPolicy, Context, Explanation};
use serde_json::json;
use validate::{validate, Shape};

pub const ASSUME_ROLE: &str = "sts:assumerole";
pub const WEB_IDENTITY: &str = "sts:assumerolewithwebidentity";
pub const SAML: &str = "sts:assumerolewithsaml";

const CHAINING: &str = "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.";
const MAX_DURATION: &str =
    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.";

/// AWS does not publish its packing; we deflate policies and tags and measure against a 2,048-byte budget.
pub(super) fn packed_percent(p: &StsParams) -> Option<u64> {
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

/// A phase's product, or the outcome that ends the call there.
pub(super) type Phase<T> = Result<T, Box<Outcome>>;

/// An AssumeRole* request as read from its step.
struct Call<'s> {
    /// The action as written (`sts:AssumeRole`), for messages.
    action: &'s str,
    /// The action lower-cased, for comparisons.
    lower: String,
    params: &'s StsParams,
    role_arn: String,
    role_account: String,
    /// A service assuming a role for a workload: no session name needed, no MaxSessionDuration.
    service: bool,
}

/// The caller once resolved: who it is to the evaluator, the session's name and origin, and what an
/// identity provider's token brought (nothing for AWS callers).
struct Caller<'w> {
    identity: Identity<'w>,
    session_name: String,
    origin: Origin,
    token: Token,
}

impl Caller<'_> {
    /// The role session that calls, when a session calls (role chaining, or an EC2 instance).
    fn session(&self) -> Option<&Session> {
        match &self.identity {
            Identity::Session(s, _) => Some(*s),
            _ => None,
        }
    }
}

/// The new session's tags and source identity: passed, inherited down a chain, or from the token.
struct SessionTags {
    passed: Vec<(String, String)>,
    inherited_transitive: Vec<(String, String)>,
    transitive_passed: Vec<String>,
    source_identity: Option<String>,
}

/// What authorization said: allowed (with the last action's explanation), or denied.
enum Authorized {
    Allowed(Option<Explanation>),
    Denied {
        explanation: Explanation,
        message: String,
        action: String,
    },
}

/// Runs one sts:AssumeRole* step, in STS's order (ARCHITECTURE.md): validate → resolve the identity
/// provider → tags and source identity → authorize → duration limits → mint the session.
pub fn assume(
    world: &World,
    step: &Step,
    step_index: usize,
    who: Assumer,
    now: jiff::Timestamp,
) -> Outcome {
    let phases = || -> Phase<Outcome> {
        let call = read_call(step, &who)?;
        if let Assumer::Aws(id) = &who {
            // What GetSessionToken / GetFederationToken credentials may call (F7.5, F7.14).
            let limits = crate::rules::Call {
                world,
                who: id,
                action: call.action,
                resource: &call.role_arn,
                step,
            };
            if let Some(refused) = crate::rules::before(&limits) {
                return Ok(refused);
            }
        }
        let policies = session_policy_set(world, &call)?;
        let caller = resolve_caller(world, &call, who, step_index, now)?;
        let tags = tags_and_source_identity(&call, &caller)?;
        let (role_index, role) = find_role(world, &call, &caller, now)?;
        let ctx = request_context(world, step, &call, &caller, &tags, now);
        let explanation = match authorize(world, &call, &caller, &tags, role, &ctx)? {
            Authorized::Allowed(explanation) => explanation,
            Authorized::Denied {
                explanation,
                message,
                action,
            } => return Ok(Outcome::denied(explanation, message, ctx, &action)),
        };
        duration_limits(&call, &caller, role)?;
        let granted = Granted {
            role_index,
            role,
            policies,
            explanation,
            ctx,
        };
        Ok(mint(step_index, &call, caller, tags, granted, now))
    };
    phases().unwrap_or_else(|e| *e)
}

/// Validate: STS's parameter checks, the role ARN, which caller may call which API, the root user.
fn read_call<'s>(step: &'s Step, who: &Assumer) -> Phase<Call<'s>> {
    static EMPTY: std::sync::OnceLock<StsParams> = std::sync::OnceLock::new();
    let action = step.action.as_deref().unwrap_or("sts:AssumeRole");
    let lower = action.to_ascii_lowercase();
    let params = step
        .params
        .as_ref()
        .unwrap_or_else(|| EMPTY.get_or_init(StsParams::default));
    let service = matches!(who, Assumer::Aws(Identity::Service(_)));
    let shape = Shape {
        role_arn: true,
        session_name: lower != SAML && !service,
        name: false,
        max_duration: 43200,
        tags: lower == ASSUME_ROLE,
    };
    if let Some(e) = validate(params, &shape) {
        return Err(Box::new(e));
    }
    let role_arn = params.role_arn.clone().unwrap_or_default();
    if roleplay_policy::arn::split(&role_arn).is_none() {
        return Err(Outcome::fail(
            "ValidationError",
            format!("{role_arn} is invalid"),
        ));
    }
    let mismatch = match (who, lower.as_str()) {
        (Assumer::Aws(_), ASSUME_ROLE) | (Assumer::WebIdentity(_), WEB_IDENTITY) | (Assumer::Saml(_), SAML) => None,
        (Assumer::WebIdentity(_), _) => Some("a webIdentity caller calls sts:AssumeRoleWithWebIdentity"),
        (Assumer::Saml(_), _) => Some("a saml caller calls sts:AssumeRoleWithSAML"),
        _ => Some("sts:AssumeRoleWithWebIdentity and sts:AssumeRoleWithSAML need a webIdentity or saml caller"),
    };
    if let Some(m) = mismatch {
        return Err(Outcome::fail(
            "InvalidAction",
            format!("{action} cannot be called this way: {m}."),
        ));
    }
    if let Assumer::Aws(Identity::Root(_)) = who {
        return Err(Outcome::fail(
            "AccessDenied",
            "Roles may not be assumed by root accounts.",
        ));
    }
    let role_account = roleplay_policy::arn::account(&role_arn)
        .unwrap_or("")
        .to_string();
    Ok(Call {
        action,
        lower,
        params,
        role_arn,
        role_account,
        service,
    })
}

/// Validate, continued: session policies compile and exist in the role's account; the packed size fits.
fn session_policy_set(world: &World, call: &Call) -> Phase<Vec<CompiledPolicy>> {
    let p = call.params;
    let arns = p.policy_arns.clone().unwrap_or_default();
    let policies = session_policies(world, p.policy.as_ref(), &arns, &call.role_account)?;
    packed_size_fits(p)?;
    Ok(policies)
}

/// `PackedPolicyTooLarge` when session policies and tags are over the packed budget (§5.2).
pub(super) fn packed_size_fits(p: &StsParams) -> Phase<()> {
    match packed_percent(p) {
        Some(pct) if pct > 100 => {
            let msg = if p.policy.is_some() || p.policy_arns.is_some() {
                format!(
                    "Packed policy consumes {pct}% of allotted space, please use smaller policy."
                )
            } else {
                format!("Packed size of session tags consumes {pct}% of allotted space.")
            };
            Err(Outcome::fail("PackedPolicyTooLarge", msg))
        }
        _ => Ok(()),
    }
}

/// Resolve the identity provider: an AWS caller as it is; a web identity or SAML caller through its
/// provider in the role's account (`provider.rs`).
fn resolve_caller<'w>(
    world: &World,
    call: &Call,
    who: Assumer<'w>,
    step_index: usize,
    now: jiff::Timestamp,
) -> Phase<Caller<'w>> {
    let p = call.params;
    match who {
        Assumer::Aws(identity) => {
            let session_name = match (&p.role_session_name, &identity) {
                (Some(n), _) => n.clone(),
                (None, Identity::Service(s)) => service_session_name(s, step_index),
                (None, _) => String::new(),
            };
            let origin = match &identity {
                Identity::Session(s, _) if s.chains() => Origin::Chained,
                Identity::Service(s) => Origin::Service(s.clone()),
                _ => Origin::LongTerm,
            };
            Ok(Caller {
                identity,
                session_name,
                origin,
                token: Token::default(),
            })
        }
        Assumer::WebIdentity(w) => provider::web_identity(world, w, p, &call.role_account, now),
        Assumer::Saml(s) => provider::saml(world, s, p, &call.role_account),
    }
}

/// Tags and source identity: a source identity never changes down a chain; session tags are passed or
/// come from the token; inherited transitive tags cannot be passed again (§5.8).
fn tags_and_source_identity(call: &Call, caller: &Caller) -> Phase<SessionTags> {
    let p = call.params;
    let calling = caller.session();
    let inherited_si = calling.and_then(|s| s.source_identity.clone());
    let requested_si = p
        .source_identity
        .clone()
        .or(caller.token.source_identity.clone());
    if let (Some(old), Some(new)) = (&inherited_si, &requested_si) {
        if old != new {
            return Err(Outcome::fail(
                "ValidationError",
                "The source identity is already set for this assume role session",
            ));
        }
    }
    let passed: Vec<(String, String)> = match &p.tags {
        Some(t) => t.iter().map(|t| (t.key.clone(), t.value.clone())).collect(),
        None => caller.token.tags.clone(),
    };
    let inherited_transitive: Vec<(String, String)> = calling
        .map(|s| {
            s.tags
                .iter()
                .filter(|(k, _)| s.transitive_keys.iter().any(|t| t.eq_ignore_ascii_case(k)))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    distinct_tag_keys(&passed, &inherited_transitive)?;
    Ok(SessionTags {
        passed,
        inherited_transitive,
        transitive_passed: p
            .transitive_tag_keys
            .clone()
            .unwrap_or(caller.token.transitive.clone()),
        source_identity: requested_si.or(inherited_si),
    })
}

/// One value per key, keys compared case-insensitively; an inherited transitive key cannot be passed
/// again (§5.8; AWS names no code for either: ValidationError, docs/fidelity.md).
fn distinct_tag_keys(passed: &[(String, String)], inherited: &[(String, String)]) -> Phase<()> {
    let mut passed_keys = std::collections::HashSet::new();
    let inherited_keys: std::collections::HashSet<String> = inherited
        .iter()
        .map(|(t, _)| t.to_ascii_lowercase())
        .collect();
    for (k, _) in passed {
        let key = k.to_ascii_lowercase();
        let inherited = inherited_keys.contains(&key);
        if !passed_keys.insert(key) {
            return Err(Outcome::fail(
                "ValidationError",
                "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
            ));
        }
        if inherited {
            return Err(Outcome::fail(
                "ValidationError",
                format!("The session tag {k} cannot be passed: the calling session already carries it as a transitive tag."),
            ));
        }
    }
    Ok(())
}

/// Authorize, first: a role that does not exist is refused exactly like an unauthorized one (§4.4).
fn find_role<'w>(
    world: &'w World,
    call: &Call,
    caller: &Caller,
    now: jiff::Timestamp,
) -> Phase<(usize, &'w Role)> {
    let Some(index) = world.role_index(&call.role_arn) else {
        let ctx = derive(world, &caller.identity, now, &call.role_arn);
        let message = denial_text(
            &caller.identity,
            &call.lower,
            call.action,
            &call.role_arn,
            None,
        );
        return Err(Box::new(Outcome {
            decision: "implicitDeny",
            error: Some(crate::outcome::StepError {
                code: "AccessDenied".into(),
                message,
            }),
            context: Some(Box::new(ctx)),
            ..Outcome::default()
        }));
    };
    match world.roles.get(index) {
        Some(role) => Ok((index, role)),
        None => Err(Outcome::fail("InternalFailure", "role lookup")),
    }
}

/// The context STS builds for the trust policy and the caller's side.
fn request_context(
    world: &World,
    step: &Step,
    call: &Call,
    caller: &Caller,
    tags: &SessionTags,
    now: jiff::Timestamp,
) -> Context {
    let p = call.params;
    let mut ctx = derive(world, &caller.identity, now, &call.role_arn);
    // Transitive tags stand in for the next role's tags of the same key (§5.8).
    for (k, v) in &tags.inherited_transitive {
        let key = format!("aws:ResourceTag/{k}");
        if ctx.get(&key).is_some() {
            ctx.set_one(&key, v.clone(), true);
        }
    }
    if !caller.session_name.is_empty() {
        ctx.set_one("sts:RoleSessionName", caller.session_name.clone(), true);
    }
    if let Some(e) = &p.external_id {
        ctx.set_one("sts:ExternalId", e.clone(), true);
    }
    if mfa_given(p) {
        ctx.set_one("aws:MultiFactorAuthPresent", "true", true);
        ctx.set_one("aws:MultiFactorAuthAge", "0", true);
    }
    if !tags.passed.is_empty() {
        for (k, v) in &tags.passed {
            ctx.set_one(&format!("aws:RequestTag/{k}"), v.clone(), true);
        }
        let keys = tags
            .passed
            .iter()
            .map(|(k, _)| k.clone())
            .collect::<Vec<_>>();
        ctx.set("aws:TagKeys", keys, true);
    }
    if !tags.transitive_passed.is_empty() {
        ctx.set(
            "sts:TransitiveTagKeys",
            tags.transitive_passed.clone(),
            true,
        );
    }
    if let Some(si) = &tags.source_identity {
        ctx.set_one("sts:SourceIdentity", si.clone(), true);
    }
    for (k, v) in &caller.token.context {
        ctx.set(k, v.clone(), true);
    }
    apply_step_context(&mut ctx, step);
    ctx
}

/// `SerialNumber` and `TokenCode` both given: the call is MFA-authenticated (§5.1).
fn mfa_given(p: &StsParams) -> bool {
    p.serial_number.is_some() && p.token_code.is_some()
}

/// Authorize: the AssumeRole* action, then `sts:TagSession` and `sts:SetSourceIdentity` when the call
/// needs them, each with the trust policy as the must-allow resource policy.
fn authorize(
    world: &World,
    call: &Call,
    caller: &Caller,
    tags: &SessionTags,
    role: &Role,
    ctx: &Context,
) -> Phase<Authorized> {
    let mut actions = vec![call.action.to_string()];
    if !tags.passed.is_empty() {
        actions.push("sts:TagSession".into());
    }
    if tags.source_identity.is_some() {
        actions.push("sts:SetSourceIdentity".into());
    }
    let target = Target {
        arn: &call.role_arn,
        account: Some(role.account.clone()),
        policy: Some(&role.trust),
        must_allow: true,
        endpoint: None,
    };
    let who = &caller.identity;
    let mut last = None;
    for a in actions {
        match api::authorize(world, who, &a, &target, ctx) {
            Err(m) => return Err(Outcome::fail("MalformedPolicyDocument", m.message)),
            Ok(ex) if !is_allowed(&ex) => {
                let enhanced = api::enhanced_message(world, who.account(), Some(&role.account));
                let verdict = roleplay_eval::Verdict {
                    decision: ex.decision,
                    rule: ex.rule,
                    responsible: ex.responsible,
                };
                let message = denial_text(
                    who,
                    &call.lower,
                    &a,
                    &call.role_arn,
                    enhanced.then_some(&verdict),
                );
                return Ok(Authorized::Denied {
                    explanation: ex,
                    message,
                    action: a,
                });
            }
            Ok(ex) => last = Some(ex),
        }
    }
    Ok(Authorized::Allowed(last))
}

/// Duration limits, after authorization, in §5.1's order: the API's range (validated), the role's
/// MaxSessionDuration (not for services), then the one-hour chaining cap.
fn duration_limits(call: &Call, caller: &Caller, role: &Role) -> Phase<()> {
    let duration = requested_duration(call.params);
    if !call.service && duration > role.max_session_duration {
        return Err(Outcome::fail("ValidationError", MAX_DURATION));
    }
    if caller.origin == Origin::Chained && duration > 3600 {
        return Err(Outcome::fail("ValidationError", CHAINING));
    }
    Ok(())
}

fn requested_duration(p: &StsParams) -> i64 {
    p.duration_seconds
        .as_ref()
        .and_then(|d| d.seconds().ok())
        .unwrap_or(3600)
}

/// What authorization granted: the role, the session policies, the explanation and context.
struct Granted<'w> {
    role_index: usize,
    role: &'w Role,
    policies: Vec<CompiledPolicy>,
    explanation: Option<Explanation>,
    ctx: Context,
}

/// Mint the session: deterministic credentials, AWS's response, the session later steps act as.
fn mint(
    step_index: usize,
    call: &Call,
    caller: Caller,
    tags: SessionTags,
    granted: Granted,
    now: jiff::Timestamp,
) -> Outcome {
    let Granted {
        role_index,
        role,
        policies,
        explanation,
        ctx,
    } = granted;
    let p = call.params;
    let expires = clock::expiry(now, requested_duration(p));
    let role_tags: Vec<(String, String)> = role
        .tags
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let session_tags = merge_tags(&[&tags.passed, &tags.inherited_transitive, &role_tags]);
    let mut transitive_keys: Vec<String> = tags
        .inherited_transitive
        .iter()
        .map(|(k, _)| k.clone())
        .collect();
    transitive_keys.extend(tags.transitive_passed);
    let mfa = mfa_given(p)
        || caller.session().is_some_and(|s| s.mfa)
        || matches!(&caller.identity, Identity::Token(t, _) if t.mfa);
    let name = caller.session_name;
    let seed = format!(
        "{}|{}|{}|{}",
        step_index,
        role.arn,
        name,
        clock::format(now)
    );
    let creds = ids::credentials(&seed);
    let session_arn = format!(
        "arn:aws:sts::{}:assumed-role/{}/{}",
        role.account, role.name, name
    );
    let mut response = json!({
        "Credentials": creds.json(expires),
        "AssumedRoleUser": {
            "AssumedRoleId": format!("{}:{}", role.id, name),
            "Arn": session_arn,
        },
    });
    if let Some(obj) = response.as_object_mut() {
        if let Some(pct) = packed_percent(p) {
            obj.insert("PackedPolicySize".into(), json!(pct));
        }
        obj.extend(caller.token.response);
        if let Some(si) = &tags.source_identity {
            obj.insert("SourceIdentity".into(), json!(si));
        }
    }
    let session = Session {
        role: role_index,
        name,
        arn: session_arn,
        issued: now,
        expires,
        policies,
        tags: session_tags,
        transitive_keys,
        source_identity: tags.source_identity,
        mfa,
        origin: caller.origin,
        persisted: caller.token.persisted,
        access_key_id: creds.access_key_id.clone(),
    };
    Outcome {
        decision: "allowed",
        response: Some(response),
        explanation: explanation.map(Box::new),
        context: Some(Box::new(ctx)),
        session: Some(Box::new(session)),
        error: None,
        token: None,
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

/// Whether a step of this action creates credentials later steps may act as.
pub fn creates_credentials(action: &str) -> bool {
    is_assume(action) || crate::run::token_api(action).is_some()
}

/// The caller of a step as an assumer, for the runner.
pub fn is_assume(action: &str) -> bool {
    matches!(
        action.to_ascii_lowercase().as_str(),
        ASSUME_ROLE | WEB_IDENTITY | SAML
    )
}
