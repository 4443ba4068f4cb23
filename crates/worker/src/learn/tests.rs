use super::*;
use roleplay_learn::Kind;

fn gallery_text(name: &str) -> String {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/scenarios/gallery/"
    );
    std::fs::read_to_string(format!("{dir}{name}.json")).unwrap_or_default()
}

fn gallery(name: &str) -> Value {
    serde_json::from_str(&gallery_text(name)).unwrap_or_default()
}

fn quiz(name: &str) -> Learned {
    let sheet = Sheet::Quiz {
        name: name.into(),
        scenario: gallery(name),
    };
    learn(sheet, Asked::default()).expect("the quiz is built")
}

fn questions(l: &Learned) -> Vec<Question> {
    serde_json::from_str::<Built>(&l.built)
        .map(|b| b.questions)
        .unwrap_or_default()
}

/// A Check of the questions `check` with the form `form`, on what `l` built.
fn check(l: &Learned, form: &[(&str, &str)], check: Vec<usize>) -> Learned {
    let asked = Asked {
        progress: l.progress.clone(),
        form: form
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        check,
        ..Asked::default()
    };
    learn(Sheet::Built(l.built.clone()), asked).expect("graded")
}

/// Nothing that tells an answer is written before a question is checked: not the verdict, not
/// the layer, not a misconception, not the rule or the trap — and only outcome questions show.
#[test]
fn an_unanswered_quiz_gives_nothing_away() {
    let l = quiz("scp-denies-assume-role");
    let qs = questions(&l);
    assert!(qs.len() > 2);
    for word in [
        "AWS's answer",
        "Explicit deny —",
        "decided by the",
        "The misconception:",
        "The rule",
        "Exam trap",
        "explicitDeny",
        "AccessDenied",
        "quiz-reveal",
        "data-kind=\"Deciding\"",
        "data-kind=\"Fix\"",
    ] {
        assert!(!l.html.contains(word), "{word} before answering");
    }
    // Every outcome question offers the deciding layer, so its presence tells nothing.
    assert_eq!(
        l.html.matches("data-kind=\"Outcome\"").count(),
        l.html.matches("/layer\"").count()
    );
    assert_eq!(l.summary, "0 of 2 steps checked · 0 of 0 answers right");
    assert_eq!(l.select, None);
}

/// A wrong outcome names its misconception; the step's other questions follow; a step answered
/// in full shows the rule, the flow and the trap and lights its deciding statements.
#[test]
fn checking_grades_names_the_misconception_and_reveals_the_step() {
    let l = quiz("scp-denies-assume-role");
    let qs = questions(&l);
    let outcome = qs.iter().position(|q| q.step == 0).unwrap_or(0);
    let allowed = qs[outcome]
        .choices
        .iter()
        .position(|c| c.label == "Allowed");
    let pick = allowed.map(|a| a.to_string()).unwrap_or_default();
    let id = qs[outcome].id.clone();
    let after = check(&l, &[(&id, &pick)], vec![outcome]);
    assert!(after.html.contains("Not quite."), "{}", after.html);
    assert!(after.html.contains("The misconception: "));
    assert!(after.html.contains("Now that you know AWS's answer:"));
    assert!(after.html.contains("data-kind=\"Deciding\""));
    assert_eq!(after.focus.as_deref(), Some("quiz-0-grade"));
    assert_eq!(after.select, None, "the step's other questions wait");
    let more: Vec<usize> = qs
        .iter()
        .enumerate()
        .filter(|(_, q)| q.step == 0 && q.kind != Kind::Outcome)
        .map(|(n, _)| n)
        .collect();
    let done = check(&after, &[(&id, &pick)], more);
    assert!(done.html.contains("id=\"quiz-reveal-0\""));
    assert!(done.html.contains("The rule: "));
    assert!(done.html.contains("Exam trap: "));
    assert!(done.html.contains("No answer picked."));
    assert_eq!(done.select, Some(0));
    assert!(done.summary.starts_with("1 of 2 steps checked"));
}

/// The right verdict with the wrong deciding layer is half right.
#[test]
fn the_right_verdict_with_the_wrong_layer_is_half_right() {
    let l = quiz("scp-region-deny");
    let qs = questions(&l);
    let (n, q) = qs
        .iter()
        .enumerate()
        .find(|(_, q)| q.kind == Kind::Outcome && q.layer.is_some())
        .expect("a denial");
    let right = q.right.first().map(|r| r.to_string()).unwrap_or_default();
    let wrong_layer = q
        .layer
        .as_ref()
        .map(|p| if p.right == 0 { "1" } else { "0" })
        .unwrap_or_default();
    let layer = format!("{}/layer", q.id);
    let after = check(&l, &[(&q.id, &right), (&layer, wrong_layer)], vec![n]);
    assert!(
        after
            .html
            .contains("Half right: the verdict is right, but the "),
        "{}",
        after.html
    );
    assert!(after.html.contains("quiz-half"));
}

/// A drill for one exam draws only that exam's scenarios; finishing it adds it to the history
/// once, which then names the weakest topics, and its share link replays it.
#[test]
fn a_drill_for_one_exam_its_history_and_its_link() {
    let names = [
        "scp-denies-assume-role",
        "lambda-execution-role",
        "scp-region-deny",
    ];
    let scenarios: Vec<(String, String)> = names
        .iter()
        .map(|n| (n.to_string(), gallery_text(n)))
        .collect();
    let sheet = Sheet::Drill {
        link: "drill=1.SCS-C03.9.5".into(),
        scenarios: scenarios.clone(),
    };
    let asked = Asked {
        base: "https://example.test/".into(),
        seed: 77,
        ..Asked::default()
    };
    let l = learn(sheet.clone(), asked.clone()).expect("drawn");
    let qs = questions(&l);
    assert!(!qs.is_empty());
    assert!(qs.iter().all(|q| q.exam == "SCS-C03"));
    assert!(!l.html.contains("AWS's answer"));
    assert!(l.html.contains("question-documents"));
    // The same link draws the same questions.
    assert_eq!(questions(&learn(sheet, asked.clone()).expect("drawn")), qs);
    let all: Vec<usize> = (0..qs.len()).collect();
    let done = learn(
        Sheet::Built(l.built.clone()),
        Asked {
            check: all.clone(),
            ..asked.clone()
        },
    )
    .expect("graded");
    let history = done.history.clone().expect("the drill is kept");
    assert!(done.html.contains(&format!(
        "https://example.test/#drill=1.SCS-C03.9.{}.0",
        qs.len()
    )));
    assert!(done.html.contains("Your weakest topics: "));
    // Checking again adds nothing.
    let again = learn(
        Sheet::Built(done.built.clone()),
        Asked {
            check: all,
            progress: done.progress.clone(),
            history: history.clone(),
            ..asked
        },
    )
    .expect("graded");
    assert_eq!(again.history, None);
    let home = learn(
        Sheet::Home {
            shared: Some(format!("#drill=1.SCS-C03.9.{}.0", qs.len())),
        },
        Asked {
            history,
            seed: 5,
            ..Asked::default()
        },
    )
    .expect("home");
    assert!(home.html.contains("Shared with you: 0 of"));
    assert!(home
        .html
        .contains(&format!("data-drill=\"drill=1.SCS-C03.9.{}\"", qs.len())));
    assert!(home.html.contains("id=\"drill-history\""));
    assert!(home.html.contains("data-drill=\"drill=1.SAA-C03.5.12\""));
}

/// A title, a statement or a policy name from a link is text, never markup.
#[test]
fn scenario_text_is_escaped() {
    let mut doc = gallery("scp-region-deny");
    doc["steps"][0]["rule"] = Value::String("<img src=x onerror=alert(1)>".into());
    let l = learn(
        Sheet::Quiz {
            name: "<b>".into(),
            scenario: doc,
        },
        Asked::default(),
    )
    .expect("built");
    let qs = questions(&l);
    let all: Vec<usize> = (0..qs.len()).collect();
    let done = check(&l, &[], all);
    assert!(!done.html.contains("<img"));
    assert!(done.html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!done.html.contains("<b>"));
}

#[test]
fn a_bad_link_or_sheet_is_an_error() {
    let bad = Sheet::Drill {
        link: "drill=9.x".into(),
        scenarios: Vec::new(),
    };
    assert!(learn(bad, Asked::default()).is_err());
    assert!(learn(Sheet::Built("{".into()), Asked::default()).is_err());
}

/// An expiry left at the instant the session was issued is no answer, however the browser writes it.
#[test]
fn an_untouched_expiry_is_no_answer() {
    let l = quiz("scp-denies-assume-role");
    let qs = questions(&l);
    let q = qs
        .iter()
        .find(|q| q.kind == Kind::Expiry)
        .expect("an expiry question");
    let start = q.start.clone().unwrap_or_default();
    let name = format!("{}/typed", q.id);
    for typed in [start.trim_end_matches('Z'), "2026-01-01T00:00"] {
        let form = vec![(name.clone(), typed.to_string())];
        assert_eq!(given(&form, q).text, None, "{typed}");
    }
    let form = vec![(name, "2026-01-01T01:00".to_string())];
    assert!(q.grade(&given(&form, q)).right);
}
