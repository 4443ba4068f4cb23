//! The scenario as the app sees it: the default one, the gallery, the focus role (the role the two
//! editors edit), and the words the timeline uses for callers, calls, verdicts and times.
//!
//! Pure functions over `roleplay_sim` types; no DOM, so everything here is tested natively.

use roleplay_sim::{Attachment, PolicyDoc, PrincipalDef, RoleDef, Scenario, Step, StepResult};

/// The scenario a first visit opens: alice reads a report through the ReportsReader role.
pub const DEFAULT_SCENARIO: &str = include_str!("scenarios/default.json");

/// The teaching scenarios, in the gallery's order: the file stems of `tests/scenarios/gallery`. Their
/// texts are not part of the page's wasm: the build copies them beside the page (`gallery/NAME.json`,
/// index.html) and the gallery fetches them when it opens. Tests embed them (`GALLERY`).
macro_rules! gallery {
    ($($name:literal),* $(,)?) => {
        pub const GALLERY_NAMES: &[&str] = &[$($name),*];
        /// The gallery's texts, embedded for tests: (file stem, text).
        #[cfg(test)]
        pub const GALLERY: &[(&str, &str)] = &[$((
            $name,
            include_str!(concat!("../../../tests/scenarios/gallery/", $name, ".json")),
        )),*];
    };
}

gallery!(
    "trust-vs-permissions-exam-trap",
    "account-principal-trust",
    "cross-account-user-to-role",
    "cross-account-external-id",
    "trust-any-principal-org-id",
    "confused-deputy",
    "explicit-deny-wins",
    "mfa-required-trust",
    "ec2-instance-profile",
    "passrole-instance-profile",
    "lambda-execution-role",
    "ecs-task-role-vs-instance-role",
    "github-oidc-done-right",
    "github-oidc-wildcard-sub",
    "google-web-identity",
    "cognito-identity-pool",
    "saml-federation",
    "federation-twelve-hour-cap",
    "role-chaining-one-hour-cap",
    "max-session-duration",
    "session-policy-scope-down",
    "session-policy-arns",
    "permissions-boundary",
    "scp-region-deny",
    "scp-denies-assume-role",
    "service-linked-role",
    "rcp-org-boundary",
    "revoke-active-sessions",
    "abac-session-tags",
    "transitive-session-tags",
    "source-identity-chain",
    "kms-key-policy",
    "s3-bucket-policy-cross-account",
    "confused-deputy-three-accounts",
    "passrole-lambda-escalation",
);

/// `digest` of each gallery scenario as `read` gives it: what lets the page tell an untouched gallery
/// scenario from work of one's own without carrying their texts (`is_unsaved`). A test keeps them
/// true to the files (`gallery_digests_are_current`).
pub const GALLERY_DIGESTS: [u64; 35] = [
    11185421929706595993,
    17064821174909042083,
    6869068108515256427,
    528384839236074783,
    7632208495835304991,
    1352110241342851565,
    14865561332290895527,
    9473333327338396802,
    1514168134203812705,
    416291509155187125,
    17790003308095215174,
    15075690577299013705,
    10352153152453171504,
    7320664275850340236,
    7625617020247566964,
    15491605370320413454,
    10194095958269248960,
    153151208457976443,
    10613629692822938987,
    14524049208058493685,
    10030405900328651254,
    2701096409410230075,
    5232384608893955134,
    17817010451073508738,
    4042681462871660414,
    1269145749918147003,
    17623448550607473300,
    6578999816560256249,
    4928369289030723056,
    16544813858963729441,
    5089680243063932798,
    7126486526542287891,
    14939743891527166704,
    8830387626429459865,
    18439942208647926390,
];

/// FNV-1a of a scenario's JSON.
pub fn digest(s: &Scenario) -> u64 {
    let json = crate::scenario_json::compact(s);
    json.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The default scenario, typed. Its text is part of the build and tested, so reading cannot fail;
/// should it ever, an empty scenario keeps the page alive.
pub fn default_scenario() -> Scenario {
    read(DEFAULT_SCENARIO).unwrap_or_else(|_| empty_scenario())
}

/// A scenario text read into the form the app keeps (policy documents as text,
/// `scenario_json::keep_as_text`), so scenarios from any source compare as the user sees them.
pub fn read(text: &str) -> Result<Scenario, roleplay_sim::ReadError> {
    let mut s = roleplay_sim::read(text)?;
    crate::scenario_json::keep_as_text(&mut s);
    Ok(s)
}

pub fn empty_scenario() -> Scenario {
    Scenario {
        roleplay: 1,
        title: None,
        description: None,
        rules: Vec::new(),
        exam: None,
        start: None,
        organization: None,
        principals: Vec::new(),
        resources: Vec::new(),
        vpc_endpoints: Vec::new(),
        accounts: Default::default(),
        steps: Vec::new(),
    }
}

/// The role the editors edit: the first principal of type role.
pub fn focus_role(s: &Scenario) -> Option<&RoleDef> {
    s.principals.iter().find_map(|p| match p {
        PrincipalDef::Role(r) => Some(r),
        _ => None,
    })
}

pub fn focus_role_mut(s: &mut Scenario) -> Option<&mut RoleDef> {
    s.principals.iter_mut().find_map(|p| match p {
        PrincipalDef::Role(r) => Some(r),
        _ => None,
    })
}

/// The name given to a permissions policy the editor creates on a role that had none.
pub const NEW_PERMISSIONS_NAME: &str = "Permissions";

/// Stores an edited trust policy as typed text (kept byte for byte).
pub fn set_trust(s: &mut Scenario, text: &str) -> bool {
    let Some(role) = focus_role_mut(s) else {
        return false;
    };
    role.trust_policy = PolicyDoc::Text(text.to_owned());
    true
}

/// Stores an edited permissions policy (the role's first policy) as typed text.
pub fn set_permissions(s: &mut Scenario, text: &str) -> bool {
    let Some(role) = focus_role_mut(s) else {
        return false;
    };
    match role.policies.first_mut() {
        Some(first) => first.document = PolicyDoc::Text(text.to_owned()),
        None => role.policies.push(Attachment {
            name: NEW_PERMISSIONS_NAME.to_owned(),
            document: PolicyDoc::Text(text.to_owned()),
            arn: None,
            inline: None,
        }),
    }
    true
}

pub fn trust_text(s: &Scenario) -> String {
    focus_role(s)
        .map(|r| r.trust_policy.text())
        .unwrap_or_default()
}

pub fn permissions_text(s: &Scenario) -> String {
    focus_role(s)
        .and_then(|r| r.policies.first())
        .map(|p| p.document.text())
        .unwrap_or_default()
}

pub use roleplay_policy::arn::name as arn_name;
/// The words for a step's caller and call, shared with the quiz the worker writes.
pub use roleplay_sim::label::{call_label, caller_label, short_resource, CallerLabel};

/// The account of an ARN, for display (empty for S3 and other account-less ARNs).
pub fn arn_account(arn: &str) -> &str {
    roleplay_policy::arn::account(arn).unwrap_or_default()
}

/// The caller of a step, named for a person. A step that acts as an earlier step's session when
/// that step created none carries the step's id as its caller: it is named by that step instead.
pub fn step_caller(steps: &[StepResult], r: &StepResult) -> CallerLabel {
    match missing_session(steps, r) {
        Some(from) => CallerLabel {
            name: format!("session from step {}", from.index + 1),
            kind: "never created".into(),
        },
        None => caller_label(&r.caller),
    }
}

/// The earlier step whose session this step uses, when that step created none.
pub fn missing_session<'a>(steps: &'a [StepResult], r: &StepResult) -> Option<&'a StepResult> {
    steps
        .get(..r.index)?
        .iter()
        .rev()
        .find(|s| s.id.as_deref() == Some(r.caller.as_str()))
        .filter(|s| s.session.is_none())
}

/// Verdict words and the badge class, from a step's decision (and error code).
pub fn verdict(decision: &str, error_code: Option<&str>) -> (String, &'static str) {
    match decision {
        "allowed" => ("Allowed".into(), "allowed"),
        "explicitDeny" => ("Explicit deny".into(), "explicit-deny"),
        "implicitDeny" => ("Implicit deny".into(), "implicit-deny"),
        _ => (error_code.unwrap_or("Error").to_owned(), "error"),
    }
}

/// Seconds since the Unix epoch for an RFC 3339 UTC instant (`2026-01-01T09:00:00Z`, optional
/// fraction). Other forms give `None`.
pub fn epoch_seconds(at: &str) -> Option<i64> {
    let b = at.as_bytes();
    let num = |from: usize, to: usize| -> Option<i64> { at.get(from..to)?.parse().ok() };
    if b.len() < 20 || b.get(4) != Some(&b'-') || b.get(10) != Some(&b'T') {
        return None;
    }
    let (y, m, d) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hh, mm, ss) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

/// `HH:MM` of an RFC 3339 instant.
pub fn clock(at: &str) -> &str {
    at.get(11..16).unwrap_or(at)
}

/// `HH:MM` for epoch seconds.
pub fn clock_of(seconds: i64) -> String {
    let s = seconds.rem_euclid(86_400);
    format!("{:02}:{:02}", s / 3600, (s % 3600) / 60)
}

/// The description's paragraphs, split on blank lines (shown as plain text, never as HTML).
pub fn paragraphs(markdown: &str) -> Vec<String> {
    markdown
        .split("\n\n")
        .map(|p| plain(&p.split_whitespace().collect::<Vec<_>>().join(" ")))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Markdown's inline marks dropped: `**bold**`, `*em*`, `_em_`, `` `code` `` (its text kept as
/// written) and `[text](url)` become their text. What remains is shown as a text node.
pub fn plain(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    let mut prev: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            if let Some((code, after)) = rest.get(1..).and_then(|r| r.split_once('`')) {
                out.push_str(code);
                (rest, prev) = (after, Some('`'));
                continue;
            }
        }
        if let Some(r) = rest.strip_prefix("**").or_else(|| rest.strip_prefix("__")) {
            rest = r;
            continue;
        }
        if c == '*' || c == '_' {
            if let Some((text, after)) = emphasis(prev, rest, c) {
                out.push_str(&plain(text));
                (rest, prev) = (after, text.chars().last());
                continue;
            }
        }
        if c == '[' {
            if let Some((text, after)) = rest.get(1..).unwrap_or("").split_once("](") {
                if let Some((_, tail)) = after.split_once(')') {
                    if !text.contains(']') {
                        out.push_str(text);
                        (rest, prev) = (tail, Some(')'));
                        continue;
                    }
                }
            }
        }
        out.push(c);
        prev = Some(c);
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    out
}

/// `*text*` or `_text_` at the start of `rest`, where Markdown reads emphasis: the opening mark
/// after a non-word character and before a non-space, the closing one after a non-space and before
/// a non-word character (so `s3:*` and `AWS_REGION` stay as they are). Gives the text and what
/// follows the closing mark.
fn emphasis(prev: Option<char>, rest: &str, mark: char) -> Option<(&str, &str)> {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let body = rest.get(mark.len_utf8()..)?;
    if word(prev) || body.chars().next().is_none_or(char::is_whitespace) {
        return None;
    }
    body.char_indices()
        .filter(|&(i, c)| c == mark && i > 0)
        .find_map(|(i, _)| {
            let (text, after) = (body.get(..i)?, body.get(i + mark.len_utf8()..)?);
            let closes = !text.chars().last().is_some_and(char::is_whitespace)
                && !word(after.chars().next());
            closes.then_some((text, after))
        })
}

/// The one-line first move offered beside the timeline, from the focus role's trust policy: a
/// trusted user renamed (the session is never created and every later step fails), else a trusted
/// service swapped; else an edit of either policy.
pub fn invitation(s: &Scenario) -> String {
    let trust = trust_text(s);
    let quoted = |marker: &str| {
        let start = trust.find(marker)? + marker.len();
        let rest = trust.get(start..)?;
        rest.get(..rest.find('"')?).filter(|name| !name.is_empty())
    };
    if let Some(user) = quoted(":user/").map(arn_name) {
        let other = if user == "bob" { "alice" } else { "bob" };
        return format!(
            "Try: change {user} to {other} in the trust policy — every step re-runs as you type."
        );
    }
    if let Some(service) = quoted("\"Service\": \"") {
        let short = service.trim_end_matches(".amazonaws.com");
        let other = if short == "lambda" { "ec2" } else { "lambda" };
        return format!(
            "Try: change {short} to {other} in the trust policy — every step re-runs as you type."
        );
    }
    "Try: change an Allow to Deny in either policy — every step re-runs as you type.".to_owned()
}

/// Work the user would lose by opening another scenario: anything but the default scenario or an
/// untouched gallery one.
pub fn is_unsaved(s: &Scenario) -> bool {
    *s != default_scenario() && !GALLERY_DIGESTS.contains(&digest(s))
}

/// A file name for the scenario: its title in lower-case words joined by `-` (`scenario` when the
/// title has no letters or digits), with `.json`.
pub fn file_name(s: &Scenario) -> String {
    let title = s.title.as_deref().unwrap_or_default();
    let mut slug = String::with_capacity(title.len());
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(80).collect();
    let slug = slug.trim_end_matches('-');
    format!("{}.json", if slug.is_empty() { "scenario" } else { slug })
}

/// Ids of earlier steps that are STS assume calls (they can be a later step's caller).
pub fn assume_ids(s: &Scenario, before: usize) -> Vec<String> {
    s.steps
        .iter()
        .take(before)
        .filter(|st| {
            st.action
                .as_deref()
                .is_some_and(|a| a.starts_with("sts:AssumeRole"))
        })
        .filter_map(|st| st.id.clone())
        .collect()
}

/// A fresh step for "+ Step": the last assumed session (or the first user) reading something.
pub fn new_step(s: &Scenario) -> Step {
    let caller = assume_ids(s, s.steps.len())
        .pop()
        .or_else(|| {
            s.principals.iter().find_map(|p| match p {
                PrincipalDef::User(u) => Some(u.arn.clone()),
                _ => None,
            })
        })
        .unwrap_or_else(|| "arn:aws:iam::111122223333:root".to_owned());
    Step {
        at: Some("+1m".into()),
        caller: Some(roleplay_sim::CallerDef::Ref(caller)),
        action: Some("s3:GetObject".into()),
        resource: Some("arn:aws:s3:::reports-bucket/2026/q2.csv".into()),
        ..Step::default()
    }
}

/// A step id not used yet, based on `base`.
pub fn fresh_id(s: &Scenario, base: &str) -> String {
    let used = |id: &str| s.steps.iter().any(|st| st.id.as_deref() == Some(id));
    if !used(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !used(id))
        .unwrap_or_else(|| base.to_owned())
}

/// Callers offered by the step form: users, roots of known accounts, earlier assume steps and the
/// service principals that assume roles for workloads. (value, label)
pub fn caller_options(s: &Scenario, step: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut accounts: Vec<String> = Vec::new();
    for p in &s.principals {
        let account = arn_account(p.arn()).to_owned();
        if !account.is_empty() && !accounts.contains(&account) {
            accounts.push(account);
        }
        if let PrincipalDef::User(u) = p {
            out.push((u.arn.clone(), format!("user {}", arn_name(&u.arn))));
        }
    }
    for a in accounts {
        out.push((format!("arn:aws:iam::{a}:root"), format!("root of {a}")));
    }
    for id in assume_ids(s, step) {
        out.push((id.clone(), format!("session from step “{id}”")));
    }
    for svc in ["ec2", "lambda", "ecs-tasks"] {
        out.push((
            format!("service:{svc}.amazonaws.com"),
            format!("service {svc}.amazonaws.com"),
        ));
    }
    out
}

/// Actions offered in the step form's datalist.
pub const COMMON_ACTIONS: &[&str] = &[
    "sts:AssumeRole",
    "sts:AssumeRoleWithWebIdentity",
    "sts:AssumeRoleWithSAML",
    "sts:GetCallerIdentity",
    "s3:GetObject",
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:ListBucket",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "kms:Decrypt",
    "kms:Encrypt",
    "logs:CreateLogStream",
    "logs:PutLogEvents",
    "ec2:DescribeInstances",
    "ec2:RunInstances",
    "lambda:InvokeFunction",
    "sqs:SendMessage",
    "iam:PassRole",
];

pub const EXPECT_OPTIONS: &[&str] = &[
    "allowed",
    "explicitDeny",
    "implicitDeny",
    "ExpiredToken",
    "ValidationError",
    "MalformedPolicyDocument",
    "AccessDenied",
    "InvalidIdentityToken",
    "PackedPolicyTooLarge",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn gallery_scenario(name: &str) -> Scenario {
        let (_, text) = GALLERY.iter().find(|(n, _)| *n == name).expect(name);
        roleplay_sim::read(text).expect(name)
    }

    #[test]
    fn default_scenario_reads_and_gives_the_four_verdicts() {
        let s = roleplay_sim::read(DEFAULT_SCENARIO).expect("default reads");
        let r = roleplay_sim::run(&s);
        let got: Vec<_> = r
            .steps
            .iter()
            .map(|st| verdict(st.decision, st.error.as_ref().map(|e| e.code.as_str())).0)
            .collect();
        assert_eq!(got, ["Allowed", "Allowed", "Implicit deny", "ExpiredToken"]);
        assert_eq!(r.failed_expectations().count(), 0);
        assert!(trust_text(&s).contains("user/alice"));
        assert!(permissions_text(&s).contains("reports-bucket/*"));
    }

    #[test]
    fn gallery_digests_are_current() {
        let digests: Vec<u64> = GALLERY
            .iter()
            .map(|(name, text)| digest(&read(text).unwrap_or_else(|e| panic!("{name}: {e}"))))
            .collect();
        assert_eq!(
            GALLERY_DIGESTS.to_vec(),
            digests,
            "the gallery changed: GALLERY_DIGESTS = {digests:?}"
        );
        let names: Vec<&str> = GALLERY.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, GALLERY_NAMES);
    }

    #[test]
    fn gallery_reads() {
        for (name, text) in GALLERY {
            let s = roleplay_sim::read(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(s.title.is_some(), "{name}");
        }
        let files = std::fs::read_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/scenarios/gallery"
        ))
        .expect("the gallery folder")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .count();
        assert_eq!(
            GALLERY.len(),
            files,
            "every gallery file is in GALLERY_NAMES"
        );
    }

    /// Issue 16: every gallery step says what it expects and the rule it teaches, and every
    /// scenario names one of the current exams (the CLI meeting every expectation is
    /// `crates/cli/tests/gallery_cli.rs`).
    #[test]
    fn every_gallery_step_has_expect_and_rule_and_an_exam() {
        for (name, text) in GALLERY {
            let s = roleplay_sim::read(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let exam = s
                .exam
                .as_deref()
                .unwrap_or_else(|| panic!("{name}: no exam"));
            assert!(
                roleplay_learn::EXAMS.contains(&roleplay_learn::exam_of(exam)),
                "{name}: {exam}"
            );
            for (i, step) in s.steps.iter().enumerate() {
                assert!(step.expect.is_some(), "{name} step {i}: no expect");
                assert!(
                    step.rule.as_deref().is_some_and(|r| !r.is_empty()),
                    "{name} step {i}: no rule"
                );
            }
        }
    }

    #[test]
    fn callers_and_calls_are_named() {
        assert_eq!(
            caller_label("arn:aws:iam::111122223333:user/alice"),
            CallerLabel {
                name: "alice".into(),
                kind: "user 111122223333".into()
            }
        );
        assert_eq!(
            caller_label("arn:aws:sts::111122223333:assumed-role/ReportsReader/alice-reports").kind,
            "session of ReportsReader"
        );
        assert_eq!(
            call_label(
                None,
                "s3:GetObject",
                Some("arn:aws:s3:::reports-bucket/2026/q1.csv")
            ),
            "s3:GetObject reports-bucket/2026/q1.csv"
        );
    }

    #[test]
    fn a_session_that_was_never_created_is_named_by_its_step() {
        let mut s = default_scenario();
        let bob = trust_text(&s).replace("user/alice", "user/bob");
        assert!(set_trust(&mut s, &bob));
        let r = roleplay_sim::run(&s);
        assert_eq!(r.steps[0].decision, "implicitDeny");
        let later = &r.steps[1];
        assert_eq!(later.caller, r.steps[0].id.clone().expect("an id"));
        assert_eq!(
            step_caller(&r.steps, later),
            CallerLabel {
                name: "session from step 1".into(),
                kind: "never created".into()
            }
        );
        let ok = roleplay_sim::run(&default_scenario());
        assert_eq!(
            step_caller(&ok.steps, &ok.steps[1]).kind,
            "session of ReportsReader"
        );
    }

    #[test]
    fn a_call_names_the_context_keys_its_step_sets() {
        let s = gallery_scenario("scp-region-deny");
        let calls: Vec<String> = s
            .steps
            .iter()
            .map(|st| {
                let action = st.action.as_deref().unwrap_or("");
                call_label(Some(st), action, st.resource.as_deref())
            })
            .collect();
        assert_eq!(calls[1], "ec2:RunInstances instance/* in eu-west-1");
        assert_eq!(calls[2], "ec2:RunInstances instance/* in us-east-1");
        assert_eq!(calls[3], "iam:ListRoles in us-east-1");
        let s = gallery_scenario("revoke-active-sessions");
        let st = s
            .steps
            .iter()
            .find(|st| !st.context.is_empty())
            .expect("a keyed step");
        assert!(
            call_label(Some(st), "s3:PutObject", None).ends_with(" · aws:SourceIp=198.51.100.66"),
            "{:?}",
            st.context
        );
        let mut st = st.clone();
        st.via = Some(roleplay_sim::Via {
            vpc_endpoint: "vpce-0a1b2c3d".into(),
        });
        assert_eq!(
            call_label(Some(&st), "s3:GetObject", Some("arn:aws:s3:::b/k")),
            "s3:GetObject b/k via vpce-0a1b2c3d · aws:SourceIp=198.51.100.66"
        );
    }

    #[test]
    fn times() {
        assert_eq!(epoch_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(epoch_seconds("2026-01-01T09:00:00Z"), Some(1_767_258_000));
        assert_eq!(clock_of(1_767_258_000 + 300), "09:05");
        assert_eq!(clock("2026-01-01T09:05:00Z"), "09:05");
    }

    #[test]
    fn edits_are_stored_as_text() {
        let mut s = default_scenario();
        assert!(set_trust(&mut s, "{ broken"));
        assert_eq!(trust_text(&s), "{ broken");
        assert!(set_permissions(&mut s, "{}"));
        assert_eq!(permissions_text(&s), "{}");
    }

    #[test]
    fn file_names_are_title_slugs() {
        let mut s = default_scenario();
        assert_eq!(
            file_name(&s),
            "reading-the-reports-bucket-through-a-role.json"
        );
        s.title = Some("SCP: deny everything outside eu-west-1!".into());
        assert_eq!(file_name(&s), "scp-deny-everything-outside-eu-west-1.json");
        s.title = Some(" ★ ".into());
        assert_eq!(file_name(&s), "scenario.json");
        s.title = None;
        assert_eq!(file_name(&s), "scenario.json");
    }

    #[test]
    fn unsaved_work_is_anything_but_a_pristine_default_or_gallery_scenario() {
        let mut s = default_scenario();
        assert!(!is_unsaved(&s));
        let (_, text) = GALLERY[3];
        assert!(!is_unsaved(&read(text).expect("reads")));
        s.title = Some("mine".into());
        assert!(is_unsaved(&s));
    }

    #[test]
    fn the_invitation_names_a_first_edit_that_changes_the_verdicts() {
        let s = default_scenario();
        assert_eq!(
            invitation(&s),
            "Try: change alice to bob in the trust policy — every step re-runs as you type."
        );
        // The edit it suggests changes the first step's verdict.
        let mut bob = s.clone();
        set_trust(&mut bob, &trust_text(&s).replace("user/alice", "user/bob"));
        let before = roleplay_sim::run(&s);
        let after = roleplay_sim::run(&bob);
        assert_ne!(before.steps[0].decision, after.steps[0].decision);
        let lambda = GALLERY
            .iter()
            .find(|(name, _)| *name == "lambda-execution-role")
            .and_then(|(_, text)| read(text).ok())
            .expect("the Lambda scenario reads");
        assert!(
            invitation(&lambda).starts_with("Try: change lambda to ec2"),
            "{}",
            invitation(&lambda)
        );
        assert!(invitation(&empty_scenario()).starts_with("Try: change an Allow to Deny"));
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        assert_eq!(paragraphs("a\nb\n\nc"), ["a b", "c"]);
        assert_eq!(
            plain("**Deploy** trusts `ec2.amazonaws.com`, see [docs](https://x)."),
            "Deploy trusts ec2.amazonaws.com, see docs."
        );
        assert_eq!(
            plain("*Revoke active sessions*: the *deputy*, _once_."),
            "Revoke active sessions: the deputy, once."
        );
        // Not emphasis: a wildcard, a snake-case name, code spans kept as written.
        assert_eq!(
            plain("s3:* and AWS_CONTAINER_URI, `a*b*c` `**x**`"),
            "s3:* and AWS_CONTAINER_URI, a*b*c **x**"
        );
        assert_eq!(plain("2 * 3 * 4"), "2 * 3 * 4");
    }
}
