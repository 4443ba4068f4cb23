//! Every question kind's answer key comes from the engine: change the scenario and the key changes
//! with it. And the drill is balanced over the whole gallery.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

use roleplay_learn::{drill, questions, Given, Kind, Question, Source, EXAMS};
use serde_json::{json, Value};
use std::path::PathBuf;

fn gallery_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios/gallery")
}

fn gallery(name: &str) -> Value {
    let text = std::fs::read_to_string(gallery_dir().join(format!("{name}.json"))).expect(name);
    serde_json::from_str(&text).expect(name)
}

fn all_gallery() -> Vec<(String, Value)> {
    let mut all: Vec<(String, Value)> = std::fs::read_dir(gallery_dir())
        .expect("gallery")
        .flatten()
        .map(|e| {
            let name = e.path().file_stem().unwrap().to_string_lossy().into_owned();
            (name.clone(), gallery(&name))
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

fn ask(name: &str, doc: &Value) -> Vec<Question> {
    questions(
        &Source {
            name,
            document: doc,
        },
        7,
    )
    .expect("questions")
}

fn find(qs: &[Question], step: usize, kind: Kind) -> Option<Question> {
    qs.iter()
        .find(|q| q.step == step && q.kind == kind)
        .cloned()
}

fn right_label(q: &Question) -> String {
    q.choices[q.right[0]].label.clone()
}

#[test]
fn the_outcome_key_follows_the_policies() {
    let mut doc = gallery("account-principal-trust");
    let q = find(&ask("a", &doc), 1, Kind::Outcome).expect("bob's step");
    assert_eq!(right_label(&q), "Implicit deny");
    let layer = q.layer.as_ref().expect("a denial asks for its layer");
    assert_eq!(layer.choices[layer.right].label, "Identity-based policy");
    // A wrong answer shows its misconception.
    let wrong = q.grade(&Given {
        choice: Some(0),
        ..Given::default()
    });
    assert!(!wrong.right);
    assert!(wrong
        .misconception
        .unwrap()
        .contains("identity policy must allow"));
    // Give bob the policy alice has: the key becomes Allowed, with no layer to pick.
    doc["principals"][2]["policies"] = doc["principals"][1]["policies"].clone();
    let q = find(&ask("a", &doc), 1, Kind::Outcome).expect("bob's step");
    assert_eq!(right_label(&q), "Allowed");
    assert!(q.layer.is_none());
}

#[test]
fn error_codes_are_answers_of_their_own() {
    let doc = gallery("federation-twelve-hour-cap");
    let q = find(&ask("f", &doc), 1, Kind::Outcome).expect("saml-over");
    assert_eq!(right_label(&q), "ValidationError");
    let labels: Vec<&str> = q.choices.iter().map(|c| c.label.as_str()).collect();
    assert!(labels.contains(&"InvalidIdentityToken"), "{labels:?}");
    let allowed = q.grade(&Given {
        choice: Some(0),
        ..Given::default()
    });
    assert!(allowed.misconception.unwrap().contains("DurationSeconds"));
}

#[test]
fn the_deciding_statement_is_the_engines() {
    let mut doc = gallery("explicit-deny-wins");
    let q = find(&ask("e", &doc), 0, Kind::Deciding).expect("the delete step");
    assert_eq!(q.right.len(), 1);
    let right = &q.choices[q.right[0]];
    assert!(
        right.detail.as_deref().unwrap().contains("\"Deny\""),
        "{right:?}"
    );
    // Without the Deny the Allow decides.
    doc["principals"][0]["policies"][0]["document"]["Statement"]
        .as_array_mut()
        .unwrap()
        .remove(1);
    let q = find(&ask("e", &doc), 0, Kind::Deciding).expect("the delete step");
    let right = &q.choices[q.right[0]];
    assert!(
        right.detail.as_deref().unwrap().contains("\"Allow\""),
        "{right:?}"
    );
}

/// The answer to *which statement decides?* is a source location: the deciding statement's place
/// in its policy's text, which the page lights in its editor.
#[test]
fn the_deciding_statement_is_a_source_location() {
    let doc = gallery("trust-vs-permissions-exam-trap");
    let scenario = roleplay_sim::read(&doc.to_string()).unwrap();
    let run = roleplay_sim::run(&scenario);
    for q in ask("t", &doc).iter().filter(|q| q.kind == Kind::Deciding) {
        let e = run.steps[q.step].explanation.as_ref().unwrap();
        for &n in &q.right {
            let at = q.choices[n].at.as_ref().expect("a place");
            let engine = e.deciding.iter().any(|d| {
                let p = &e.policies[d.policy];
                let s = &p.statements[d.statement];
                *p.owner == *at.owner
                    && p.kind == at.kind
                    && (s.location.start_line, s.location.end_line) == (at.start_line, at.end_line)
            });
            assert!(engine, "{}: {at:?} is not a deciding statement", q.id);
        }
    }
}

/// Expiry and DurationSeconds are typed in: the key is the engine's value however it is written
/// (a `datetime-local` input drops `:00` seconds and the `Z`), and a wrong value names its
/// misconception.
#[test]
fn typed_answers_are_graded_against_the_key() {
    let doc = gallery("federation-twelve-hour-cap");
    let qs = ask("f", &doc);
    let typed = |text: &str| Given {
        text: Some(text.into()),
        ..Given::default()
    };
    let q = find(&qs, 0, Kind::Duration).expect("an assume step");
    assert!(q.grade(&typed("43200")).right);
    let wrong = q.grade(&typed("3600"));
    assert!(!wrong.right && wrong.misconception.is_some());
    let odd = q.grade(&typed("43201"));
    assert!(
        !odd.right && odd.misconception.is_some(),
        "a value no choice names"
    );
    assert!(!q.grade(&typed("")).right);
    let q = find(&qs, 0, Kind::Expiry).expect("a session");
    let key = right_label(&q);
    assert!(q.grade(&typed(&key)).right);
    let local = key.trim_end_matches('Z');
    assert!(q.grade(&typed(local)).right);
    if let Some(minute) = local.strip_suffix(":00") {
        assert!(q.grade(&typed(minute)).right, "{minute}");
    }
    assert!(
        !q.grade(&typed(q.start.as_deref().unwrap())).right,
        "the issue instant is not the expiry"
    );
}

#[test]
fn the_fix_is_verified_and_the_near_misses_are_verified_not_to_fix() {
    let mut doc = gallery("account-principal-trust");
    let q = find(&ask("a", &doc), 1, Kind::Fix).expect("bob's step has a fix question");
    assert_eq!(q.choices.len(), 4);
    let scenario = roleplay_sim::read(&doc.to_string()).unwrap();
    let report =
        roleplay_fix::fix_document(&scenario, &doc, "1", &roleplay_fix::Options::default())
            .unwrap();
    assert_eq!(right_label(&q), report.fixes[0].summary.replace('`', ""));
    for (n, c) in q.choices.iter().enumerate() {
        assert_eq!(q.right.contains(&n), c.misconception.is_none(), "{c:?}");
    }
    // Once bob may assume the role there is nothing to fix: no question.
    doc["principals"][2]["policies"] = doc["principals"][1]["policies"].clone();
    assert!(find(&ask("a", &doc), 1, Kind::Fix).is_none());
}

#[test]
fn near_misses_do_not_fix_when_applied() {
    let doc = gallery("trust-vs-permissions-exam-trap");
    let scenario = roleplay_sim::read(&doc.to_string()).unwrap();
    let run = roleplay_sim::run(&scenario);
    let denied = run
        .steps
        .iter()
        .position(|r| r.decision != "allowed")
        .expect("a denied step");
    let misses = roleplay_fix::near_misses(&scenario, &doc, denied, 3).unwrap();
    assert!(!misses.is_empty());
    for m in misses {
        assert_ne!(m.outcome, "allowed", "{m:?}");
    }
}

#[test]
fn the_expiry_is_the_sessions_and_moves_with_duration_seconds() {
    let mut doc = gallery("federation-twelve-hour-cap");
    let q = find(&ask("f", &doc), 0, Kind::Expiry).expect("saml-12h minted a session");
    let first = right_label(&q);
    doc["steps"][0]["params"]["DurationSeconds"] = json!(7200);
    let q = find(&ask("f", &doc), 0, Kind::Expiry).expect("saml-12h minted a session");
    assert_ne!(right_label(&q), first);
}

#[test]
fn the_longest_duration_is_probed_and_follows_max_session_duration() {
    let mut doc = gallery("federation-twelve-hour-cap");
    let q = find(&ask("f", &doc), 0, Kind::Duration).expect("an assume step");
    assert_eq!(right_label(&q), "43200 seconds");
    doc["principals"][0]["maxSessionDuration"] = json!(14400);
    let q = find(&ask("f", &doc), 0, Kind::Duration).expect("an assume step");
    assert_eq!(right_label(&q), "14400 seconds");
    // A chained call: the one-hour cap.
    let doc = gallery("role-chaining-one-hour-cap");
    let qs = ask("c", &doc);
    assert!(
        qs.iter()
            .any(|q| q.kind == Kind::Duration && right_label(q) == "3600 seconds"),
        "the chaining cap is a key"
    );
}

#[test]
fn the_layers_are_the_flow_of_the_explanation() {
    let mut doc = gallery("scp-denies-assume-role");
    let q = find(&ask("s", &doc), 0, Kind::Layers).expect("the SCP denial");
    let fail: Vec<&str> = q
        .rows
        .iter()
        .filter(|r| r.right == 1)
        .map(|r| r.layer.as_str())
        .collect();
    assert!(fail.contains(&"Service control policies"), "{fail:?}");
    // Drop the SCP's deny: the step is allowed and has no layer question.
    doc["organization"]["scps"]
        .as_array_mut()
        .unwrap()
        .remove(1);
    assert!(find(&ask("s", &doc), 0, Kind::Layers).is_none());
}

#[test]
fn every_misconception_is_distinct_and_there_are_at_least_fifteen() {
    let mut t = roleplay_learn::misconception::TABLE.to_vec();
    t.sort_unstable();
    t.dedup();
    assert_eq!(t.len(), roleplay_learn::misconception::TABLE.len());
    assert!(t.len() >= 15);
}

#[test]
fn drills_are_balanced_over_the_whole_gallery() {
    let all = all_gallery();
    let sources: Vec<Source> = all
        .iter()
        .map(|(n, d)| Source {
            name: n,
            document: d,
        })
        .collect();
    for exam in EXAMS.iter().map(|e| Some(*e)).chain([None]) {
        for seed in [1, 2, 3] {
            let d = drill(&sources, exam, seed, 20);
            let n = d.questions.len();
            assert!(n >= 5, "{exam:?}: only {n} questions");
            let mut counts = std::collections::BTreeMap::new();
            for q in &d.questions {
                *counts.entry(q.answer_class()).or_insert(0usize) += 1;
                if let Some(e) = exam {
                    assert_eq!(q.exam, e);
                }
            }
            for (class, c) in &counts {
                assert!(
                    (*c as f64) <= 0.4 * n as f64,
                    "{exam:?} seed {seed}: {class} is right {c} of {n}"
                );
            }
            // The same seed replays the same drill (a shared link).
            assert_eq!(drill(&sources, exam, seed, 20), d);
        }
    }
}

#[test]
fn every_kind_is_asked_somewhere_in_the_gallery() {
    let all = all_gallery();
    let mut kinds = std::collections::BTreeSet::new();
    for (n, d) in &all {
        for q in ask(n, d) {
            kinds.insert(format!("{:?}", q.kind));
            assert!(!q.right.is_empty() || q.kind == Kind::Layers, "{}", q.id);
            // Nothing about the outcome leaks into what is shown before answering.
            for word in ["allowed", "deny", "denied"] {
                assert!(
                    !q.setting.to_ascii_lowercase().contains(word),
                    "{}",
                    q.setting
                );
            }
        }
    }
    assert_eq!(kinds.len(), 6, "{kinds:?}");
}
