//! The Effective permissions tab's model, without the DOM: whose access can be asked about (each
//! session the timeline created, a fresh session of each role, each user), the resources worth
//! suggesting, and the worker's question. The computation over the whole catalog, the search over
//! its answer and the diff against the scenario as last opened or shared run in the worker beside
//! the catalog (`roleplay_worker::access`).

use crate::scenario::{arn_account, arn_name};
use roleplay_sim::{PrincipalDef, RunResult, Scenario, Subject};
use roleplay_worker::{AccessAsk, Shown};

/// What kind of subject a [`Choice`] is; the picker groups them in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A session an `sts:AssumeRole*` step of the timeline created.
    Session,
    /// A role, asked about as a fresh session with no session policy.
    Role,
    User,
}

/// One entry of the subject picker.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub subject: Subject,
    pub kind: Kind,
    /// The session, role or user name.
    pub name: String,
    /// What it is: `session of ReportsReader`, `role · fresh session`, `user in 111122223333`.
    pub detail: String,
    /// The step that created a session, counted from 1 as the timeline shows it.
    pub step: Option<usize>,
    /// One line for headings: `step 1 · session alice-reports of ReportsReader`.
    pub label: String,
}

/// Every subject of the scenario: the timeline's sessions first, then roles, then users.
pub fn choices(s: &Scenario, result: &RunResult) -> Vec<Choice> {
    let sessions = result.steps.iter().filter_map(|step| {
        let session = step.session.as_ref()?;
        let (name, role) = (arn_name(&session.arn), arn_name(&session.role));
        Some(Choice {
            subject: Subject::Session(step.index),
            kind: Kind::Session,
            name: name.to_owned(),
            detail: format!("session of {role}"),
            step: Some(step.index + 1),
            label: format!("step {} · session {name} of {role}", step.index + 1),
        })
    });
    let principals = |kind: Kind| {
        s.principals.iter().filter_map(move |p| {
            let (arn, subject) = match (p, kind) {
                (PrincipalDef::Role(r), Kind::Role) => (&r.arn, Subject::Role(r.arn.clone())),
                (PrincipalDef::User(u), Kind::User) => (&u.arn, Subject::User(u.arn.clone())),
                _ => return None,
            };
            let (name, account) = (arn_name(arn), arn_account(arn));
            let (detail, label) = match kind {
                Kind::Role => (
                    format!("role in {account} · a fresh session"),
                    format!("role {name} (a fresh session)"),
                ),
                _ => (format!("user in {account}"), format!("user {name}")),
            };
            Some(Choice {
                subject,
                kind,
                name: name.to_owned(),
                detail,
                step: None,
                label,
            })
        })
    };
    sessions
        .chain(principals(Kind::Role))
        .chain(principals(Kind::User))
        .collect()
}

/// The choice the query names, or the first one when it names none that still exists.
pub fn chosen<'a>(choices: &'a [Choice], subject: Option<&Subject>) -> Option<&'a Choice> {
    subject
        .and_then(|want| choices.iter().find(|c| c.subject == *want))
        .or_else(|| choices.first())
}

/// The resource to ask about: what was typed, or `*` when nothing was.
pub fn resource(typed: &str) -> &str {
    match typed.trim() {
        "" => "*",
        r => r,
    }
}

/// The worker's question: `subject`'s access on `resource` in `scenario`, what changed since
/// `baseline` (the scenario as opened, when it is another), and what of it is `shown`.
pub fn ask(
    scenario: &Scenario,
    baseline: Option<&Scenario>,
    subject: &Subject,
    resource: &str,
    shown: Shown,
) -> AccessAsk {
    let value = crate::scenario_json::value;
    AccessAsk {
        scenario: value(scenario),
        baseline: baseline.map(value),
        subject: subject.clone(),
        resource: resource.to_owned(),
        shown,
    }
}

/// ARNs worth suggesting for the resource field: the scenario's resources, what its steps act on,
/// and its principals (IAM actions act on users and roles), each once.
pub fn suggested_resources(s: &Scenario) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let candidates = s
        .resources
        .iter()
        .map(|r| r.arn.as_str())
        .chain(s.steps.iter().filter_map(|st| st.resource.as_deref()))
        .chain(s.principals.iter().map(PrincipalDef::arn));
    for arn in candidates {
        if arn.starts_with("arn:") && !out.contains(&arn) {
            out.push(arn);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_are_the_sessions_then_roles_then_users() {
        let s = crate::scenario::default_scenario();
        let result = roleplay_sim::run(&s);
        let all = choices(&s, &result);
        let labels: Vec<&str> = all.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "step 1 · session alice-reports of ReportsReader",
                "role ReportsReader (a fresh session)",
                "user alice",
            ]
        );
        assert_eq!(all[1].detail, "role in 111122223333 · a fresh session");
        assert_eq!(all[0].subject, Subject::Session(0));
        assert_eq!(chosen(&all, None), all.first());
        let gone = Subject::Role("arn:aws:iam::111122223333:role/Gone".into());
        assert_eq!(chosen(&all, Some(&gone)), all.first());
        assert_eq!(chosen(&all, Some(&all[2].subject)), all.get(2));
    }

    #[test]
    fn one_resource_is_asked_about_and_suggested() {
        let text = crate::scenario::GALLERY
            .iter()
            .find(|(name, _)| *name == "permissions-boundary")
            .expect("in the gallery")
            .1;
        let s = roleplay_sim::read(text).expect("reads");
        assert_eq!(resource("  "), "*");
        assert_eq!(resource(" arn:aws:s3:::b "), "arn:aws:s3:::b");
        assert_eq!(
            suggested_resources(&s),
            [
                "arn:aws:s3:::acme-dev-sandbox/readme.md",
                "arn:aws:iam::111122223333:user/shadow-admin",
                "arn:aws:iam::111122223333:role/DevRole",
                "arn:aws:iam::111122223333:user/alice",
            ]
        );
    }
}
