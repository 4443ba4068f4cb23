//! Building the questions of one scenario from its run. Each kind's key is read from the engine:
//! the outcome and deciding layer from the step's result, the deciding statements from its
//! explanation, the fix from `roleplay_fix::fix_document` and the near misses from
//! `roleplay_fix::near_misses`, the expiry from the session the run minted, the longest
//! DurationSeconds by re-running the scenario around the limit.

use crate::misconception::{self, of_layer, of_outcome};
use crate::outcome::{codes, deciding_layer, layer_words, outcome_label, StepFacts, LAYERS};
use crate::question::{At, Choice, Kind, Pick, Question, Reveal, Row, Shown};
use crate::rng::Rng;
use roleplay_eval::{FlowStatus, PolicyTrace};
use roleplay_policy::PolicyKind;
use roleplay_sim::label::{call_label, caller_label};
use roleplay_sim::{CallerDef, PrincipalDef, Scenario, Step, StepResult};
use serde_json::Value;

/// A scenario to question: its name (the gallery's file stem, or its title) and its document.
pub struct Source<'a> {
    pub name: &'a str,
    pub document: &'a Value,
}

/// At most this many steps of one scenario get a *which change fixes it?* question (each runs the
/// fix engine).
const FIX_QUESTIONS: usize = 2;

/// Every question the scenario supports, in step order: an outcome question for each step with an
/// `expect`, and the other kinds where the step has what they ask about.
pub fn questions(source: &Source, seed: u64) -> Result<Vec<Question>, String> {
    let text = serde_json::to_string(source.document).map_err(|e| e.to_string())?;
    let scenario = roleplay_sim::read(&text).map_err(|e| e.to_string())?;
    let run = roleplay_sim::run(&scenario);
    let ctx = Ctx {
        source,
        scenario: &scenario,
    };
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    let mut fixes = 0;
    for (i, r) in run.steps.iter().enumerate() {
        if scenario.steps.get(i).is_none_or(|s| s.expect.is_none()) {
            continue;
        }
        out.push(ctx.outcome(i, r));
        out.extend(ctx.deciding(i, r, &mut rng));
        out.extend(ctx.layers(i, r));
        out.extend(ctx.expiry(i, r, &mut rng));
        out.extend(ctx.duration(i, r, &mut rng));
        if fixes < FIX_QUESTIONS {
            if let Some(q) = ctx.fix(i, r, &mut rng) {
                fixes += 1;
                out.push(q);
            }
        }
    }
    Ok(out)
}

pub(crate) struct Ctx<'a> {
    pub source: &'a Source<'a>,
    pub scenario: &'a Scenario,
}

impl Ctx<'_> {
    pub(crate) fn facts(&self, i: usize, r: &StepResult) -> StepFacts {
        StepFacts::of(
            self.scenario.steps.get(i),
            r,
            self.scenario.organization.is_some(),
        )
    }

    pub(crate) fn question(&self, i: usize, r: &StepResult, kind: Kind, prompt: &str) -> Question {
        let (exam, topic) = match self.scenario.exam.as_deref() {
            Some(e) => match e.split_once(" · ") {
                Some((exam, topic)) => (exam.trim().to_string(), topic.trim().to_string()),
                None => (e.trim().to_string(), String::new()),
            },
            None => (String::new(), String::new()),
        };
        Question {
            id: format!("{}:{i}:{kind:?}", self.source.name),
            scenario: self.source.name.to_string(),
            exam,
            topic,
            step: i,
            kind,
            setting: setting(&self.scenario.steps, i, r),
            prompt: prompt.to_string(),
            choices: Vec::new(),
            right: Vec::new(),
            layer: None,
            rows: Vec::new(),
            start: None,
            shown: self.shown(i, r),
            reveal: self.reveal(i, r),
        }
    }

    /// What a learner reads to answer away from the scenario's page: each policy that took part
    /// (once, by its name in the explanation's words) and the step's parameters.
    fn shown(&self, i: usize, r: &StepResult) -> Vec<Shown> {
        let mut out: Vec<Shown> = Vec::new();
        for p in r.explanation.iter().flat_map(|e| e.policies.iter()) {
            let name = policy_name(p);
            if out.iter().any(|s| s.name == name) {
                continue;
            }
            if let Some(text) = policy_text(self.scenario, i, p) {
                let text = readable(text);
                out.push(Shown { name, text });
            }
        }
        let params = self.scenario.steps.get(i).and_then(|s| s.params.as_ref());
        if let Some(text) = params.and_then(|p| serde_json::to_string_pretty(p).ok()) {
            out.push(Shown {
                name: "The call's parameters".into(),
                text,
            });
        }
        out
    }

    fn reveal(&self, i: usize, r: &StepResult) -> Reveal {
        let layer = deciding_layer(r).map(layer_words);
        let answer = match layer {
            Some(l) => format!("{} — decided by the {l}", outcome_label(r)),
            None => outcome_label(r),
        };
        Reveal {
            answer,
            rule: self.scenario.steps.get(i).and_then(|s| s.rule.clone()),
            message: r
                .error
                .as_ref()
                .map(|e| format!("{}: {}", e.code, e.message)),
            trap: r.trap.as_deref().map(String::from),
            flow: r
                .explanation
                .as_ref()
                .map(|e| {
                    e.flow
                        .iter()
                        .map(|f| (f.label.to_string(), status_words(f.status).to_string()))
                        .collect()
                })
                .unwrap_or_default(),
            deciding: r
                .explanation
                .as_ref()
                .map(|e| {
                    e.deciding
                        .iter()
                        .filter_map(|d| {
                            let p = e.policies.get(d.policy)?;
                            Some(statement_name(p, d.statement))
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// What does AWS answer? Verdicts and the error codes this step could produce; for a denial,
    /// the layer that decides.
    fn outcome(&self, i: usize, r: &StepResult) -> Question {
        let facts = self.facts(i, r);
        let mut q = self.question(i, r, Kind::Outcome, "What does AWS answer?");
        let labels: Vec<String> = crate::outcome::VERDICTS
            .iter()
            .map(|v| (*v).to_string())
            .chain(codes(&facts))
            .collect();
        q.right = labels
            .iter()
            .position(|l| *l == facts.outcome)
            .into_iter()
            .collect();
        q.choices = labels
            .into_iter()
            .map(|label| Choice {
                misconception: of_outcome(&facts, &label).map(String::from),
                label,
                detail: None,
                ..Choice::default()
            })
            .collect();
        q.layer = facts.layer.and_then(|truth| {
            Some(Pick {
                right: LAYERS.iter().position(|k| *k == truth)?,
                choices: LAYERS
                    .iter()
                    .map(|k| Choice {
                        label: layer_words(*k).to_string(),
                        detail: None,
                        misconception: (*k != truth).then(|| of_layer(truth, &facts).to_string()),
                        ..Choice::default()
                    })
                    .collect(),
            })
        });
        q
    }

    /// Which statement decides? Every statement of the policies the explanation traced; the key is
    /// the engine's deciding statements.
    fn deciding(&self, i: usize, r: &StepResult, rng: &mut Rng) -> Option<Question> {
        let e = r.explanation.as_ref()?;
        if e.deciding.is_empty() {
            return None;
        }
        let facts = self.facts(i, r);
        let truth = deciding_layer(r);
        let mut all: Vec<(bool, Choice)> = Vec::new();
        for (pi, p) in e.policies.iter().enumerate() {
            let text = policy_text(self.scenario, i, p);
            for (si, s) in p.statements.iter().enumerate() {
                let decides = e
                    .deciding
                    .iter()
                    .any(|d| d.policy == pi && d.statement == si);
                let detail = text
                    .as_deref()
                    .and_then(|t| t.get(s.location.start..s.location.end))
                    .map(|t| dedent(t, s.location.start_column));
                let misconception = match truth {
                    _ if decides => None,
                    Some(t) if t != p.kind => Some(of_layer(t, &facts)),
                    _ if s.effect == roleplay_policy::Effect::Deny => {
                        Some(misconception::DENY_NEEDS_ITS_CONDITIONS)
                    }
                    _ => None,
                };
                let at = At {
                    owner: p.owner.to_string(),
                    kind: p.kind,
                    name: p.name.to_string(),
                    start_line: s.location.start_line,
                    start_column: s.location.start_column,
                    end_line: s.location.end_line,
                    end_column: s.location.end_column,
                };
                all.push((
                    decides,
                    Choice {
                        label: statement_name(p, s.index),
                        detail,
                        misconception: misconception.map(String::from),
                        at: Some(at),
                        ..Choice::default()
                    },
                ));
            }
        }
        // Something to choose between: a wrong statement, and not too many to read.
        if all.iter().all(|(d, _)| *d) || all.len() > 12 {
            return None;
        }
        rng.shuffle(&mut all);
        let mut q = self.question(
            i,
            r,
            Kind::Deciding,
            "Which statement decides this request?",
        );
        q.right = all
            .iter()
            .enumerate()
            .filter(|(_, (d, _))| *d)
            .map(|(n, _)| n)
            .collect();
        q.choices = all.into_iter().map(|(_, c)| c).collect();
        Some(q)
    }

    /// Pass, fail or not applicable, layer by layer: the explanation's flow.
    fn layers(&self, i: usize, r: &StepResult) -> Option<Question> {
        let e = r.explanation.as_ref()?;
        if r.decision == "allowed" || e.flow.is_empty() {
            return None;
        }
        let facts = self.facts(i, r);
        let mut q = self.question(
            i,
            r,
            Kind::Layers,
            "For each layer of AWS's evaluation: does it let the request through, refuse it, or not take part?",
        );
        q.rows = e
            .flow
            .iter()
            .map(|f| Row {
                layer: f.label.to_string(),
                right: match f.status {
                    FlowStatus::Pass => 0,
                    FlowStatus::Fail => 1,
                    FlowStatus::NotApplicable | FlowStatus::Skipped => 2,
                },
                misconception: (f.status == FlowStatus::Fail)
                    .then(|| stage_kind(f.stage))
                    .flatten()
                    .map(|k| of_layer(k, &facts).to_string())
                    .or_else(|| {
                        (f.stage == "explicitDeny")
                            .then(|| misconception::EXPLICIT_DENY_WINS.to_string())
                    }),
            })
            .collect();
        Some(q)
    }
}

fn status_words(s: FlowStatus) -> &'static str {
    match s {
        FlowStatus::Pass => "pass",
        FlowStatus::Fail => "fail",
        FlowStatus::NotApplicable => "not applicable",
        FlowStatus::Skipped => "not reached",
    }
}

fn stage_kind(stage: &str) -> Option<PolicyKind> {
    Some(match stage {
        "rcp" => PolicyKind::ResourceControl,
        "scp" => PolicyKind::ServiceControl,
        "resource" => PolicyKind::Resource,
        "identity" => PolicyKind::Identity,
        "boundary" => PolicyKind::PermissionsBoundary,
        "session" => PolicyKind::Session,
        "vpce" => PolicyKind::VpcEndpoint,
        _ => return None,
    })
}

/// `Trust policy of DevRole · statement 2 (AllowAlice)`.
fn statement_name(p: &PolicyTrace, index: usize) -> String {
    let sid = p
        .statements
        .iter()
        .find(|s| s.index == index)
        .and_then(|s| s.sid.as_deref())
        .map(|s| format!(" ({s})"))
        .unwrap_or_default();
    format!("{} · statement {}{sid}", policy_name(p), index + 1)
}

/// A statement's text as it stands in its policy, its later lines moved left by the column its
/// first line starts at (so it reads as a block of its own).
fn dedent(text: &str, start_column: u32) -> String {
    let indent = start_column.saturating_sub(1) as usize;
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            let spaces = line.len() - line.trim_start_matches(' ').len();
            match i {
                0 => line,
                _ => line.get(spaces.min(indent)..).unwrap_or(line),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `Trust policy DevRole`, `Identity-based policy S3Read of DevRole`, `SCP FullAWSAccess attached
/// to ou-ab12-prod`.
fn policy_name(p: &PolicyTrace) -> String {
    let owner = p.owner.rsplit(['/', ':']).next().unwrap_or(&p.owner);
    let name = match (&p.level, p.kind) {
        (_, PolicyKind::Trust) => owner.to_string(),
        // The same SCP attached at the root, an OU and the account is three policies to evaluate.
        (Some(level), _) => format!("{} attached to {level}", p.name),
        (None, _) => format!("{} of {owner}", p.name),
    };
    format!("{} {name}", layer_words(p.kind))
}

/// Who calls what, in the timeline's words (`roleplay_sim::label`) and without a word about the
/// outcome: a caller that is an earlier step's session is named by that step, since the session's
/// own name (or its absence) would tell whether that step succeeded.
fn setting(steps: &[Step], i: usize, r: &StepResult) -> String {
    let step = steps.get(i);
    let who = match step.and_then(|s| s.caller.as_ref()) {
        Some(CallerDef::Ref(id)) if !id.starts_with("arn:") => steps
            .iter()
            .position(|s| s.id.as_deref() == Some(id.as_str()))
            .map_or_else(
                || id.clone(),
                |k| format!("the session from step {}", k + 1),
            ),
        _ => {
            let c = caller_label(&r.caller);
            format!("{} ({})", c.name, c.kind)
        }
    };
    let time = r.at.get(11..19).unwrap_or(&r.at);
    let call = call_label(step, &r.action, r.resource.as_deref());
    format!("Step {} · {time} · {who} calls {call}", i + 1)
}

/// A policy as a learner reads it: a document the scenario holds on one line (as scenario files and
/// share links often write them) is laid out, keys in their order; any other text stays as written.
fn readable(text: String) -> String {
    if text.contains('\n') {
        return text;
    }
    serde_json::from_str::<Value>(&text)
        .ok()
        .filter(Value::is_object)
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or(text)
}

/// The text of a traced policy, as the scenario holds it (locations refer to it).
fn policy_text(s: &Scenario, step: usize, p: &PolicyTrace) -> Option<String> {
    let owner: &str = &p.owner;
    let name: &str = &p.name;
    let of_principal = |f: &dyn Fn(&PrincipalDef) -> Option<String>| {
        s.principals.iter().filter(|x| x.arn() == owner).find_map(f)
    };
    let attached = |list: &[roleplay_sim::Attachment]| {
        list.iter()
            .find(|a| a.name == name)
            .map(|a| a.document.text())
    };
    match p.kind {
        PolicyKind::Trust => of_principal(&|x| match x {
            PrincipalDef::Role(r) => Some(r.trust_policy.text()),
            _ => None,
        }),
        PolicyKind::Identity => of_principal(&|x| match x {
            PrincipalDef::Role(r) => attached(&r.policies),
            PrincipalDef::User(u) => attached(&u.policies),
            PrincipalDef::Group(g) => attached(&g.policies),
            _ => None,
        }),
        PolicyKind::PermissionsBoundary => of_principal(&|x| match x {
            PrincipalDef::Role(r) => r.permissions_boundary.as_ref().map(|b| b.document.text()),
            PrincipalDef::User(u) => u.permissions_boundary.as_ref().map(|b| b.document.text()),
            _ => None,
        }),
        PolicyKind::Resource => s
            .resources
            .iter()
            .find(|r| r.arn == owner)
            .and_then(|r| r.policy.as_ref().map(|d| d.text())),
        PolicyKind::ServiceControl | PolicyKind::ResourceControl => {
            let org = s.organization.as_ref()?;
            let list = if p.kind == PolicyKind::ServiceControl {
                &org.scps
            } else {
                &org.rcps
            };
            list.iter()
                .find(|x| x.name == name)
                .map(|x| x.document.text())
        }
        PolicyKind::Session => {
            let params = s.steps.get(step)?.params.as_ref()?;
            params.policy.as_ref().map(|d| d.text())
        }
        // An endpoint without a policy has AWS's default full-access one, which is not the scenario's.
        PolicyKind::VpcEndpoint => s
            .vpc_endpoints
            .iter()
            .find(|e| e.id == owner)
            .and_then(|e| e.policy.as_ref().map(|d| d.text())),
    }
}

#[cfg(test)]
mod tests {
    use super::readable;

    #[test]
    fn a_policy_on_one_line_is_laid_out_in_its_order() {
        let one_line =
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}"#;
        let laid = readable(one_line.into());
        assert!(
            laid.starts_with("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": ["),
            "{laid}"
        );
        let written = "{\n \"Version\": \"2012-10-17\"\n}".to_string();
        assert_eq!(
            readable(written.clone()),
            written,
            "a laid-out text stays as written"
        );
        assert_eq!(readable("not json".into()), "not json");
    }
}
