//! The timeline runner: walks the steps with the simulated clock, resolves each caller, runs STS
//! steps and API calls, and keeps the sessions they create.

use crate::api::{self, Target};
use crate::awscli;
use crate::clock;
use crate::context::{derive, Identity};
use crate::finding::ScenarioFinding;
use crate::format::{CallerDef, CallerObject, PolicyDoc, Scenario, SessionDef, Step};
use crate::ids;
use crate::outcome::{service_error_code, Outcome, StepError};
use crate::result::{Expectation, RunResult, SessionInfo, StepResult};
use crate::rules;
use crate::session::{session_policies, Origin, Session, TokenOwner, TokenSession};
use crate::sts::{self, apply_step_context, Assumer};
use crate::world::{Builder, PolicyCache, PolicyEntry, World};
use roleplay_eval::{access_denied, Decision, Verdict};
use roleplay_policy::Code;
use roleplay_policy::PolicyKind as EvalKind;
use roleplay_policy::PolicyKind;
use serde_json::json;
use std::borrow::Cow;

const EXPIRED: &str = "The security token included in the request is expired";
const INVALID_TOKEN: &str = "The security token included in the request is invalid.";

/// What an earlier step left for later ones.
enum Left {
    Session(Box<Session>),
    /// GetSessionToken or GetFederationToken credentials.
    Token(Box<TokenSession>),
    Failed,
    NotASession,
}

/// Reads and runs a scenario document.
pub fn run_text(text: &str) -> Result<RunResult, crate::ReadError> {
    crate::read(text).map(|s| run(&s))
}

/// Runs a scenario that has been read.
pub fn run(s: &Scenario) -> RunResult {
    run_with_cache(s, &mut PolicyCache::default())
}

/// Runs a scenario, reading its policies through `cache`: the playground keeps one cache across
/// keystrokes so only the document that changed is parsed again.
pub fn run_with_cache(s: &Scenario, cache: &mut PolicyCache) -> RunResult {
    let mut steps = Vec::with_capacity(s.steps.len());
    let findings = run_each(s, cache, |step| steps.push(step));
    RunResult {
        roleplay: 1,
        steps,
        findings,
    }
}

/// Runs a scenario handing each step's result to `each` as soon as it is computed, so a caller can
/// write it out and let it go (memory then does not grow with the steps); returns the findings.
pub fn run_each(
    s: &Scenario,
    cache: &mut PolicyCache,
    mut each: impl FnMut(StepResult),
) -> Vec<ScenarioFinding> {
    let mut timeline = Timeline::new(s, cache);
    for (i, step) in s.steps.iter().enumerate() {
        each(timeline.step(i, step));
    }
    let mut findings = timeline.findings;
    crate::limits::cap_findings(&mut findings);
    findings
}

/// The world as the timeline changes it, the clock, and what each step left for later ones.
pub(crate) struct Timeline {
    pub world: World,
    pub findings: Vec<ScenarioFinding>,
    pub now: jiff::Timestamp,
    left: History,
}

/// What each step left, in order, with the steps found by id in constant time: every step's `as`
/// is looked up, and a scenario may have 100,000 steps (docs/reliability.md).
#[derive(Default)]
pub(crate) struct History {
    entries: Vec<(Option<String>, Left)>,
    by_id: std::collections::HashMap<String, usize>,
}

impl History {
    fn get(&self, i: usize) -> Option<&(Option<String>, Left)> {
        self.entries.get(i)
    }

    /// The latest step with this id (ids are unique: `read` refuses repeats).
    fn find(&self, id: &str) -> Option<&(Option<String>, Left)> {
        self.by_id.get(id).and_then(|&i| self.entries.get(i))
    }

    /// Forgets the latest step (a probe's: `Probe::try_step`).
    fn pop(&mut self) {
        if let Some((Some(id), _)) = self.entries.pop() {
            if self.by_id.get(&id) == Some(&self.entries.len()) {
                self.by_id.remove(&id);
            }
        }
    }

    fn push(&mut self, id: Option<String>, entry: Left) {
        if let Some(id) = &id {
            self.by_id.insert(id.clone(), self.entries.len());
        }
        self.entries.push((id, entry));
    }
}

impl Timeline {
    pub fn new(s: &Scenario, cache: &mut PolicyCache) -> Timeline {
        let mut builder = Builder::new(cache);
        let world = World::build(s, &mut builder);
        Timeline {
            world,
            findings: builder.findings,
            now: s
                .start
                .as_deref()
                .and_then(clock::instant)
                .unwrap_or_else(clock::default_start),
            left: History::default(),
        }
    }

    /// The session step `i` created, if it created one.
    pub fn session(&self, i: usize) -> Option<&Session> {
        match self.left.get(i) {
            Some((_, Left::Session(s))) => Some(s),
            _ => None,
        }
    }

    /// Forgets what the latest step left (a probe tried it and takes it back).
    pub fn forget_last(&mut self) {
        self.left.pop();
    }

    /// Runs step `i` at its time.
    pub fn step(&mut self, i: usize, step: &Step) -> StepResult {
        let Timeline {
            world,
            findings,
            now,
            left,
        } = self;
        if let Some(at) = &step.at {
            *now = clock::advance(*now, at).unwrap_or(*now);
        }
        let now = *now;
        unreadable_context(step, i, findings);
        let Ran {
            outcome,
            caller,
            profile,
        } = run_step(world, left, step, i, now, findings);
        let actual = outcome.code().to_string();
        let trap = trap(step, &outcome).map(Cow::Borrowed);
        let Outcome {
            decision,
            response,
            error,
            explanation,
            context,
            session,
            token,
        } = outcome;
        let context = context.map(|c| c.into_entries()).unwrap_or_default();
        for e in context.iter().filter(|e| e.overridden) {
            findings.push(ScenarioFinding::warning(
                Code::DerivedKeyOverridden,
                format!("steps[{i}].context"),
                format!(
                    "{} is derived by the simulation; this step overrides it (a \"what if\").",
                    e.key
                ),
            ));
        }
        let expectation = step.expect.as_ref().map(|expected| {
            // `ExpiredToken` and `ExpiredTokenException` name the same failure in two protocols.
            let same_code = |a: &str, b: &str| a == b || a.strip_suffix("Exception") == Some(b);
            let decision_met = same_code(&actual, expected)
                || same_code(expected, &actual)
                || (expected.starts_with("AccessDenied")
                    && matches!(decision, "explicitDeny" | "implicitDeny"));
            let message_met = step
                .expect_message
                .as_ref()
                .is_none_or(|m| error.as_ref().is_some_and(|e| &e.message == m));
            Expectation {
                expected: expected.clone(),
                actual: actual.clone(),
                expected_message: step.expect_message.clone(),
                met: decision_met && message_met,
            }
        });
        let session_info = session.as_ref().map(|session| SessionInfo {
            arn: session.arn.clone(),
            role: world
                .roles
                .get(session.role)
                .map(|r| r.arn.clone())
                .unwrap_or_default(),
            issued: clock::format(session.issued),
            expires: clock::format(session.expires),
            chained: session.origin == Origin::Chained,
            access_key_id: session.access_key_id.clone(),
            source_identity: session.source_identity.clone(),
        });
        let entry = match (session, token) {
            (Some(session), _) => Left::Session(session),
            (None, Some(token)) => Left::Token(token),
            (None, None) if step.action.as_deref().is_some_and(sts::creates_credentials) => {
                Left::Failed
            }
            (None, None) => Left::NotASession,
        };
        let result = StepResult {
            id: step.id.clone(),
            index: i,
            at: clock::format(now),
            caller,
            action: step
                .action
                .clone()
                .unwrap_or_else(|| "iam:PutRolePolicy".into()),
            resource: step
                .resource
                .clone()
                .or_else(|| step.revoke_sessions.clone()),
            decision,
            response,
            error,
            explanation: explanation.map(|e| *e),
            context,
            cli: awscli::command(step, profile.as_deref()),
            session: session_info,
            expectation,
            trap,
        };
        left.push(step.id.clone(), entry);
        result
    }
}

/// Context values a request could not carry for their key — `10.0.0.0/8` for `aws:SourceIp` (a
/// request has one address), `soon` for `aws:CurrentTime`: operators compare nothing with them, and a
/// person should know before reading a verdict that rests on them.
fn unreadable_context(step: &Step, i: usize, findings: &mut Vec<ScenarioFinding>) {
    for (key, value) in &step.context {
        let Some(doc) = roleplay_policy::reference::condition_key(key) else {
            continue;
        };
        for v in value.as_slice().iter().filter(|v| !doc.reads(v)) {
            findings.push(ScenarioFinding::warning(
                Code::InvalidContextValue,
                format!("steps[{i}].context.{key}"),
                format!(
                    "\"{v}\" is not of type {}, which {key} holds: conditions on it match nothing, and negated ones (NotIpAddress, DateNotEquals…) hold.",
                    doc.type_name()
                ),
            ));
        }
    }
}

/// The exam trap a denial illustrates.
fn trap(step: &Step, o: &Outcome) -> Option<&'static str> {
    let action = step.action.as_deref()?;
    let denied = matches!(o.decision, "explicitDeny" | "implicitDeny");
    let responsible = o.explanation.as_ref().and_then(|e| e.responsible);
    if denied && sts::is_assume(action) {
        return Some(assume_trap(responsible));
    }
    if denied
        && matches!(responsible, Some(EvalKind::Identity))
        && step
            .caller
            .as_ref()
            .is_some_and(|c| !matches!(c, CallerDef::Ref(r) if r.starts_with("arn:")))
    {
        return Some("The session exists, so the trust policy did its job: this AccessDenied comes from the role's permissions policy (what the session may do).");
    }
    if o.code() == "ExpiredToken" {
        return Some("Role credentials are temporary: after Expiration every call fails with ExpiredToken until the caller assumes the role again.");
    }
    None
}

/// The trap of a refused AssumeRole, by the layer that refused it: each names the real cause, so an
/// SCP denial never blames the trust policy.
fn assume_trap(responsible: Option<EvalKind>) -> &'static str {
    match responsible {
        Some(EvalKind::Trust) => "This AccessDenied comes from the role's trust policy, which says who may assume the role (an RCP on the role's account can refuse AssumeRole too); the role's permissions policy never decides AssumeRole.",
        Some(EvalKind::ServiceControl) => "An SCP on the caller's account refused this AssumeRole: the trust policy and the caller's own policies may both allow it, yet SCPs cap every principal of a member account.",
        Some(EvalKind::ResourceControl) => "An RCP on the role's account refused this AssumeRole: RCPs cap what any principal may do to the account's resources, its roles included, whatever the trust policy allows.",
        Some(EvalKind::PermissionsBoundary) => "The caller's permissions boundary does not allow sts:AssumeRole: a boundary caps the caller's own permissions even when the trust policy names the caller.",
        Some(EvalKind::Session) => "The calling session's session policy does not allow sts:AssumeRole: a session policy caps everything the session does, role chaining included.",
        _ => "AssumeRole needs both sides: the trust policy must let the caller in and, unless the trust policy names the caller itself in the same account, the caller's own policies must allow sts:AssumeRole.",
    }
}

/// What running one step gave: the outcome, the caller as the timeline names it, and the AWS CLI
/// profile its command uses.
struct Ran {
    outcome: Outcome,
    caller: String,
    profile: Option<String>,
}

impl Ran {
    fn new(outcome: Outcome, caller: String, profile: Option<String>) -> Ran {
        Ran {
            outcome,
            caller,
            profile,
        }
    }
}

fn run_step(
    world: &mut World,
    left: &History,
    step: &Step,
    i: usize,
    now: jiff::Timestamp,
    findings: &mut Vec<ScenarioFinding>,
) -> Ran {
    if let Some(role_arn) = &step.revoke_sessions {
        return Ran::new(
            revoke(world, role_arn, now),
            step.caller.as_ref().map(describe).unwrap_or_default(),
            None,
        );
    }
    let Some(caller) = &step.caller else {
        return Ran::new(
            Outcome::error(
                "MissingAuthenticationToken",
                "Request is missing Authentication Token",
            ),
            String::new(),
            None,
        );
    };
    let action = step.action.as_deref().unwrap_or("");
    // Sessions given inline are created for this step only.
    let inline_session;
    let identity: Result<Assumer, Box<Outcome>> = match caller {
        CallerDef::Ref(r) if r.starts_with("arn:") => match r
            .strip_suffix(":root")
            .and_then(|a| a.strip_prefix("arn:aws:iam::"))
        {
            Some(account) => Ok(Assumer::Aws(Identity::Root(account.to_string()))),
            None => match world.user(r) {
                Some(u) => Ok(Assumer::Aws(Identity::User(u))),
                None => {
                    findings.push(ScenarioFinding::error(Code::UnknownCaller, format!("steps[{i}].as"), format!("{r} is not a user defined in principals (roles act through sessions: use an assume step's id).")));
                    Err(Outcome::fail("InvalidClientTokenId", INVALID_TOKEN))
                }
            },
        },
        CallerDef::Ref(id) => match left.find(id) {
            Some((_, Left::Session(s))) => session_identity(world, s, now, action),
            Some((_, Left::Token(t))) => token_identity(world, t, now, action),
            Some((_, Left::Failed)) => {
                findings.push(ScenarioFinding::warning(
                    Code::AsFailedStep,
                    format!("steps[{i}].as"),
                    format!("Step \"{id}\" did not return credentials, so this call has none."),
                ));
                Err(Outcome::fail("InvalidClientTokenId", INVALID_TOKEN))
            }
            _ => {
                findings.push(ScenarioFinding::error(
                    Code::AsNotASession,
                    format!("steps[{i}].as"),
                    format!("Step \"{id}\" is not an sts:AssumeRole* step: it created no session."),
                ));
                Err(Outcome::fail("InvalidClientTokenId", INVALID_TOKEN))
            }
        },
        CallerDef::Object(o) => match o.as_ref() {
            CallerObject {
                session: Some(def), ..
            } => match external_session(world, def, i, now) {
                Ok(s) => {
                    inline_session = s;
                    session_identity(world, &inline_session, now, action)
                }
                Err(e) => Err(e),
            },
            CallerObject {
                service: Some(s), ..
            } => Ok(Assumer::Aws(Identity::Service(s.clone()))),
            CallerObject {
                web_identity: Some(w),
                ..
            } => Ok(Assumer::WebIdentity(w)),
            CallerObject { saml: Some(s), .. } => Ok(Assumer::Saml(s)),
            _ => Ok(Assumer::Aws(Identity::Anonymous)),
        },
    };
    let who = match caller {
        // An expired session still has a name worth showing.
        CallerDef::Ref(id) => match left.find(id) {
            Some((_, Left::Session(s))) => s.arn.clone(),
            Some((_, Left::Token(t))) => token_caller(world, t).arn(),
            _ => describe(caller),
        },
        _ => describe(caller),
    };
    let profile = match caller {
        CallerDef::Ref(r) => Some(r.rsplit('/').next().unwrap_or(r).to_string()),
        _ => None,
    };
    let assumer = match identity {
        Ok(a) => a,
        Err(e) => return Ran::new(*e, who, profile),
    };
    let who = match &assumer {
        Assumer::Aws(id) => id.arn(),
        _ => who,
    };
    let outcome = if sts::is_assume(action) {
        sts::assume(world, step, i, assumer, now)
    } else {
        match assumer {
            Assumer::Aws(id) => call(world, step, i, &id, now, findings),
            _ => Outcome::error("MissingAuthenticationToken", "Identity-provider tokens only serve sts:AssumeRoleWithWebIdentity and sts:AssumeRoleWithSAML; call the API with the session they return."),
        }
    };
    Ran::new(outcome, who, profile)
}

fn describe(c: &CallerDef) -> String {
    match c {
        CallerDef::Ref(r) => r.clone(),
        CallerDef::Object(o) => match o.as_ref() {
            CallerObject {
                session: Some(s), ..
            } => format!("session {} of {}", s.name, s.role),
            CallerObject {
                service: Some(s), ..
            } => s.clone(),
            CallerObject {
                web_identity: Some(w),
                ..
            } => format!("web identity from {}", w.provider),
            CallerObject { saml: Some(s), .. } => format!("SAML user from {}", s.provider),
            _ => "anonymous".into(),
        },
    }
}

/// A session's identity, unless its credentials have expired.
fn session_identity<'w>(
    world: &'w World,
    s: &'w Session,
    now: jiff::Timestamp,
    action: &str,
) -> Result<Assumer<'w>, Box<Outcome>> {
    if now >= s.expires {
        return Err(Outcome::fail(
            &service_error_code("ExpiredToken", action),
            EXPIRED,
        ));
    }
    match world.roles.get(s.role) {
        Some(r) => Ok(Assumer::Aws(Identity::Session(s, r))),
        None => Err(Outcome::fail("InvalidClientTokenId", INVALID_TOKEN)),
    }
}

/// GetSessionToken or GetFederationToken credentials as a caller, unless they have expired.
fn token_identity<'w>(
    world: &'w World,
    t: &'w TokenSession,
    now: jiff::Timestamp,
    action: &str,
) -> Result<Assumer<'w>, Box<Outcome>> {
    if now >= t.expires {
        return Err(Outcome::fail(
            &service_error_code("ExpiredToken", action),
            EXPIRED,
        ));
    }
    Ok(Assumer::Aws(token_caller(world, t)))
}

fn token_caller<'w>(world: &'w World, t: &'w TokenSession) -> Identity<'w> {
    let user = match &t.owner {
        TokenOwner::User(i) => world.users.get(*i),
        TokenOwner::Root(_) => None,
    };
    Identity::Token(t, user)
}

/// A session created outside the timeline: no trust policy is evaluated for it.
fn external_session(
    world: &World,
    def: &SessionDef,
    step: usize,
    now: jiff::Timestamp,
) -> Result<Session, Box<Outcome>> {
    let Some(role_index) = world.role_index(&def.role) else {
        return Err(Outcome::fail("InvalidClientTokenId", INVALID_TOKEN));
    };
    let role = world
        .roles
        .get(role_index)
        .ok_or_else(|| Outcome::error("InvalidClientTokenId", INVALID_TOKEN))?;
    let issued = def
        .issued_at
        .as_deref()
        .and_then(clock::instant)
        .unwrap_or(now);
    let expires = clock::expiry(issued, def.duration_seconds.unwrap_or(3600));
    let policies = session_policies(world, def.policy.as_ref(), &def.policy_arns, &role.account)?;
    let session_tags: Vec<(String, String)> = def
        .tags
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let role_tags: Vec<(String, String)> = role
        .tags
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Ok(Session {
        role: role_index,
        name: def.name.clone(),
        arn: format!(
            "arn:aws:sts::{}:assumed-role/{}/{}",
            role.account, role.name, def.name
        ),
        issued,
        expires,
        policies,
        tags: crate::session::merge_tags(&[&session_tags, &role_tags]),
        transitive_keys: Vec::new(),
        source_identity: def.source_identity.clone(),
        mfa: false,
        origin: Origin::External,
        persisted: Vec::new(),
        access_key_id: ids::credentials(&format!("external {step} {}", def.name)).access_key_id,
    })
}

/// An API call: the credentials' limits, the context, every applicable policy, the decision, the
/// service's own rules and AWS's answer.
fn call(
    world: &World,
    step: &Step,
    i: usize,
    who: &Identity,
    now: jiff::Timestamp,
    findings: &mut Vec<ScenarioFinding>,
) -> Outcome {
    let action = step.action.as_deref().unwrap_or("");
    if action.eq_ignore_ascii_case("sts:GetCallerIdentity") {
        return get_caller_identity(who);
    }
    if let Some(name) = token_api(action) {
        if matches!(who, Identity::Session(..) | Identity::Token(..)) {
            // Temporary credentials cannot get other temporary credentials (§5.5, F7.7, F7.16); no
            // policy is consulted.
            return Outcome {
                decision: "implicitDeny",
                error: Some(StepError {
                    code: "AccessDenied".into(),
                    message: format!("Cannot call {name} with session credentials"),
                }),
                ..Outcome::default()
            };
        }
        return sts::tokens::issue(world, step, i, who, now);
    }
    let resource = step.resource.as_deref().unwrap_or("*");
    let rules_call = rules::Call {
        world,
        who,
        action,
        resource,
        step,
    };
    if let Some(refused) = rules::before(&rules_call) {
        return refused;
    }
    let mut ctx = derive(world, who, now, resource);
    if action.eq_ignore_ascii_case("iam:PassRole") {
        // The passed role's tags are not in a PassRole request's context (§9).
        const TAG: &str = "aws:ResourceTag/";
        ctx.retain(|e| {
            !e.key
                .get(..TAG.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(TAG))
        });
    }
    apply_step_context(&mut ctx, step);
    let mut target = Target::of(world, resource);
    if let Some(account) = rules::target_account(&rules_call) {
        target.account = Some(account);
    }
    if let Some(via) = &step.via {
        target.endpoint = crate::vpce::through(world, via, action, &mut ctx, i, findings);
    }
    let mut explained = api::authorize(world, who, action, &target, &ctx);
    if let Ok(ex) = &mut explained {
        if let Some(refusal) = rules::after(&rules_call, ex) {
            let mut out = rules::outcome(&rules_call, refusal, Some(ex.clone()));
            out.context = Some(Box::new(ctx));
            return out;
        }
    }
    match explained {
        Err(m) => Outcome::error("MalformedPolicyDocument", m.message),
        Ok(ex) if ex.decision == Decision::Allowed => Outcome {
            decision: "allowed",
            explanation: Some(Box::new(ex)),
            context: Some(Box::new(ctx)),
            ..Outcome::default()
        },
        Ok(ex) => {
            let enhanced = api::enhanced_message(world, who.account(), target.account.as_deref());
            let verdict = Verdict {
                decision: ex.decision,
                rule: ex.rule,
                responsible: ex.responsible.filter(|_| enhanced),
            };
            let message = access_denied(&who.arn(), action, resource, &verdict);
            Outcome::denied(ex, message, ctx, action)
        }
    }
}

/// GetCallerIdentity needs no permission and cannot be denied (§5.5).
/// `sts:GetSessionToken` / `sts:GetFederationToken` by their API names, case-insensitively.
pub(crate) fn token_api(action: &str) -> Option<&'static str> {
    ["GetSessionToken", "GetFederationToken"]
        .into_iter()
        .find(|api| {
            action
                .split_once(':')
                .is_some_and(|(s, a)| s.eq_ignore_ascii_case("sts") && a.eq_ignore_ascii_case(api))
        })
}

fn get_caller_identity(who: &Identity) -> Outcome {
    let (user_id, account) = match who {
        Identity::Root(a) => (a.clone(), a.clone()),
        Identity::User(u) => (u.id.clone(), u.account.clone()),
        Identity::Session(s, r) => (format!("{}:{}", r.id, s.name), r.account.clone()),
        Identity::Token(t, user) => {
            let account = who.account().unwrap_or_default().to_string();
            let id = match (&t.federation, user) {
                (Some(f), _) => format!("{account}:{}", f.name),
                (None, Some(u)) => u.id.clone(),
                (None, None) => account.clone(),
            };
            (id, account)
        }
        _ => {
            return Outcome::error(
                "MissingAuthenticationToken",
                "Request is missing Authentication Token",
            )
        }
    };
    Outcome::allowed(json!({"UserId": user_id, "Account": account, "Arn": who.arn()}))
}

/// The console's "Revoke active sessions": an inline deny on tokens issued before now (§8).
fn revoke(world: &mut World, role_arn: &str, now: jiff::Timestamp) -> Outcome {
    let Some(role) = world.roles.iter_mut().find(|r| r.arn == role_arn) else {
        return Outcome::error(
            "NoSuchEntity",
            format!(
                "The role with name {} cannot be found.",
                role_arn.rsplit('/').next().unwrap_or(role_arn)
            ),
        );
    };
    if role.protected {
        return Outcome::error("UnmodifiableEntity", format!("Cannot perform the operation on the protected role '{}' - this role is only modifiable by AWS", role.name));
    }
    let at = clock::format(now);
    let document = json!({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Deny", "Action": ["*"], "Resource": ["*"], "Condition": {"DateLessThan": {"aws:TokenIssueTime": at}}}]
    });
    let doc = PolicyDoc::from_value(&document);
    let mut cache = PolicyCache::default();
    let mut sink = Builder::new(&mut cache);
    let entry = PolicyEntry::new(
        "AWSRevokeOlderSessions",
        None,
        PolicyKind::Identity,
        "revokeSessions".into(),
        &doc,
        (role_arn, Some(&role.account)),
        &mut sink,
    );
    role.policies.retain(|p| p.name != "AWSRevokeOlderSessions");
    role.policies.push(entry);
    Outcome {
        decision: "allowed",
        response: Some(
            json!({"PolicyName": "AWSRevokeOlderSessions", "RoleName": role.name, "RevokedBefore": at}),
        ),
        error: None::<StepError>,
        ..Outcome::default()
    }
}
