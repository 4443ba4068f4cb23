//! A question and its reveal as HTML, and a scenario's quiz: per step who calls what and one
//! neutral question (what does AWS answer?); once that is checked, the step's other questions
//! (which of them a step has, and their words, would tell its outcome); once they are, the rule,
//! AWS's message, the decision flow, the deciding statements and the trap. Nothing that tells an
//! answer is written before its question is checked — no key sits in an attribute. Every text from
//! the scenario is escaped.

use super::{given, start_value, unanswered, Built, Progress, Score};
use crate::markup::escape;
use roleplay_fix::diff::Change;
use roleplay_learn::outcome::{layer_words, LAYERS};
use roleplay_learn::{Given, Kind, Question, Reveal, ROW_STATES};
use std::fmt::Write;

/// The id of question `n`'s element (its grade is `{id}-grade`).
pub(crate) fn element_id(built: &Built, n: usize) -> String {
    match built.drill {
        Some(_) => format!("drill-{n}"),
        None => format!("quiz-{n}"),
    }
}

/// How a question is shown: its element's id, whether it is checked, and whether to show the
/// documents it is about (a drill, away from the scenario's page).
pub(crate) struct View<'a> {
    pub id: &'a str,
    pub checked: bool,
    pub documents: bool,
}

pub(crate) fn question(out: &mut String, q: &Question, g: &Given, v: &View) {
    let graded = q.grade(g);
    let (words, class) = match () {
        _ if !v.checked => ("", ""),
        _ if unanswered(g) => ("No answer picked.", "quiz-skipped"),
        _ if graded.right => ("Right.", "quiz-right"),
        _ if half_right(q, g) => ("", "quiz-half"),
        _ => ("Not quite.", "quiz-wrong"),
    };
    let _ = write!(
        out,
        "<div class=\"question {class}\" id=\"{}\" data-kind=\"{:?}\"><p class=\"question-prompt\"><span class=\"question-kind\">{}</span> {}</p>",
        v.id,
        q.kind,
        q.kind.words(),
        escape(&q.prompt)
    );
    if v.documents && !q.shown.is_empty() {
        let _ = write!(
            out,
            "<details class=\"question-documents\"><summary>The policies and parameters ({})</summary>",
            q.shown.len()
        );
        for d in &q.shown {
            let _ = write!(
                out,
                "<figure class=\"question-document\"><figcaption>{}</figcaption><pre class=\"code-block\">{}</pre></figure>",
                escape(&d.name),
                escape(&d.text)
            );
        }
        out.push_str("</details>");
    }
    match q.kind {
        Kind::Layers => layers(out, q, g, v),
        k if k.typed() => typed(out, q, g, v),
        _ => choices(out, q, g, v),
    }
    if v.checked {
        let words = match (words, g.layer.and_then(|l| LAYERS.get(l))) {
            ("", Some(k)) => format!(
                "Half right: the verdict is right, but the {} does not decide it.",
                layer_words(*k)
            ),
            ("", None) => {
                "Half right: the verdict is right; which policy type decides was not picked.".into()
            }
            (w, _) => w.to_string(),
        };
        let _ = write!(
            out,
            "<p class=\"quiz-verdict\" id=\"{id}-grade\" tabindex=\"-1\"><strong class=\"quiz-grade\">{}</strong> AWS's answer: <strong class=\"quiz-answer\">{}</strong></p>",
            escape(&words),
            escape(&answer_words(q)),
            id = v.id
        );
        if let Some(m) = graded.misconception {
            let _ = write!(
                out,
                "<p class=\"quiz-misconception\" id=\"{}-misconception\"><strong>The misconception: </strong>{}</p>",
                v.id,
                escape(&m)
            );
        }
    }
    out.push_str("</div>");
}

/// The outcome is right but the deciding layer is not.
fn half_right(q: &Question, g: &Given) -> bool {
    q.layer.is_some() && g.choice.is_some_and(|c| q.right.contains(&c))
}

/// The right answer in words: the reveal's sentence (outcome, layer, the verified fix, the probed
/// limit), the deciding statements with their lines, or the layers' states.
fn answer_words(q: &Question) -> String {
    match q.kind {
        Kind::Layers => q
            .rows
            .iter()
            .map(|r| format!("{}: {}", r.layer, ROW_STATES.get(r.right).unwrap_or(&"")))
            .collect::<Vec<_>>()
            .join(" · "),
        Kind::Deciding => q
            .right
            .iter()
            .filter_map(|i| q.choices.get(*i))
            .map(|c| match &c.at {
                Some(at) if at.start_line != at.end_line => {
                    format!("{} (lines {}–{})", c.label, at.start_line, at.end_line)
                }
                Some(at) => format!("{} (line {})", c.label, at.start_line),
                None => c.label.clone(),
            })
            .collect::<Vec<_>>()
            .join("; "),
        Kind::Fix | Kind::Expiry | Kind::Duration => q
            .right
            .first()
            .and_then(|i| q.choices.get(*i))
            .map(|c| c.label.clone())
            .unwrap_or_default(),
        Kind::Outcome => q.reveal.answer.clone(),
    }
}

fn disabled(v: &View) -> &'static str {
    if v.checked {
        " disabled"
    } else {
        ""
    }
}

fn checked_if(on: bool) -> &'static str {
    if on {
        " checked"
    } else {
        ""
    }
}

/// Radio choices (an outcome, a statement, a candidate edit); for an outcome, the policy type
/// that decides a denial — offered on every outcome question, so its presence tells nothing.
fn choices(out: &mut String, q: &Question, g: &Given, v: &View) {
    let list = if q.kind == Kind::Outcome {
        ""
    } else {
        " quiz-choices-list"
    };
    let _ = write!(
        out,
        "<fieldset class=\"quiz-choices{list}\"><legend class=\"visually-hidden\">{}</legend>",
        escape(&q.prompt)
    );
    let name = escape(&q.id);
    for (i, c) in q.choices.iter().enumerate() {
        let block = c.detail.is_some() || !c.changes.is_empty();
        let _ = write!(
            out,
            "<label class=\"quiz-choice{}\"><input type=\"radio\" name=\"{name}\" value=\"{i}\" id=\"{}-choice-{i}\"{}{}><span class=\"quiz-choice-text\"><span>{}</span>",
            if block { " quiz-choice-block" } else { "" },
            v.id,
            checked_if(g.choice == Some(i)),
            disabled(v),
            escape(&c.label)
        );
        if let Some(d) = &c.detail {
            let _ = write!(
                out,
                "<pre class=\"code-block quiz-statement\">{}</pre>",
                escape(d)
            );
        }
        diff(out, &c.changes);
        out.push_str("</span></label>");
    }
    out.push_str("</fieldset>");
    if q.kind == Kind::Outcome {
        let _ = write!(
            out,
            "<label class=\"quiz-kind\">Decided by (for a denial) <select name=\"{name}/layer\" id=\"{}-layer\"{}><option value=\"\">— pick a policy type —</option>",
            v.id,
            disabled(v)
        );
        for (i, k) in LAYERS.iter().enumerate() {
            let selected = if g.layer == Some(i) { " selected" } else { "" };
            let _ = write!(
                out,
                "<option value=\"{i}\"{selected}>{}</option>",
                layer_words(*k)
            );
        }
        out.push_str("</select></label>");
    }
}

/// What a candidate edit changes, as the *Fix it* panel shows a fix.
fn diff(out: &mut String, changes: &[Change]) {
    for c in changes {
        if c.lines.is_empty() {
            let value = c
                .value
                .as_ref()
                .map(|v| format!(" = {v}"))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<p class=\"mono fix-op break\">{}</p>",
                escape(&format!("{} {}{value}", c.op, c.path))
            );
            continue;
        }
        let _ = write!(
            out,
            "<pre class=\"code-block fix-diff\" aria-label=\"Changes to {}\">",
            escape(&c.path)
        );
        for line in &c.lines {
            let (class, text) = match line.tag {
                '+' => ("diff-add", format!("+ {}", line.text)),
                '-' => ("diff-del", format!("- {}", line.text)),
                '@' => ("diff-hunk", line.text.clone()),
                tag => ("diff-ctx", format!("{tag} {}", line.text)),
            };
            let _ = writeln!(
                out,
                "<span class=\"diff-line {class}\">{}</span>",
                escape(&text)
            );
        }
        out.push_str("</pre>");
    }
}

/// An instant (`datetime-local`, seconds shown, read as UTC) or a number of seconds.
fn typed(out: &mut String, q: &Question, g: &Given, v: &View) {
    let (kind, label, extra, value) = if q.kind == Kind::Expiry {
        let start = q.start.as_deref().map(start_value).unwrap_or_default();
        (
            "datetime-local",
            "Expires at (UTC)",
            "",
            g.text.as_deref().unwrap_or(start),
        )
    } else {
        (
            "number",
            "DurationSeconds",
            " min=\"0\" inputmode=\"numeric\"",
            g.text.as_deref().unwrap_or_default(),
        )
    };
    let _ = write!(
        out,
        "<label class=\"quiz-typed\"><span>{label}</span><input type=\"{kind}\" name=\"{}/typed\" id=\"{}-typed\" step=\"1\"{extra} value=\"{}\"{}></label>",
        escape(&q.id),
        v.id,
        escape(value),
        disabled(v)
    );
}

/// Pass, fail or not applicable for each layer of the flow.
fn layers(out: &mut String, q: &Question, g: &Given, v: &View) {
    out.push_str("<div class=\"quiz-rows\">");
    let name = escape(&q.id);
    for (r, row) in q.rows.iter().enumerate() {
        let _ = write!(
            out,
            "<fieldset class=\"quiz-row\"><legend>{}</legend>",
            escape(&row.layer)
        );
        for (s, word) in ROW_STATES.iter().enumerate() {
            let on = g.rows.get(r).copied().flatten() == Some(s);
            let _ = write!(
                out,
                "<label class=\"quiz-choice\"><input type=\"radio\" name=\"{name}/row{r}\" value=\"{s}\" id=\"{}-row-{r}-{s}\"{}{}>{word}</label>",
                v.id,
                checked_if(on),
                disabled(v)
            );
        }
        out.push_str("</fieldset>");
    }
    out.push_str("</div>");
}

/// What a checked step (or drill question) shows once: the step's rule sentence, AWS's message,
/// the decision flow, the deciding statements and the scenario's trap.
pub(crate) fn reveal(out: &mut String, r: &Reveal, id: &str) {
    let _ = write!(out, "<div class=\"quiz-reveal\" id=\"{id}\">");
    if let Some(rule) = &r.rule {
        let _ = write!(
            out,
            "<p class=\"quiz-rule\"><strong>The rule: </strong>{}</p>",
            escape(rule)
        );
    }
    if let Some(m) = &r.message {
        let _ = write!(out, "<pre class=\"aws-message\">{}</pre>", escape(m));
    }
    if !r.flow.is_empty() {
        out.push_str("<ol class=\"quiz-flow\" aria-label=\"The decision flow\">");
        for (layer, state) in &r.flow {
            let _ = write!(
                out,
                "<li class=\"flow-{}\">{}: {}</li>",
                state.replace(' ', "-"),
                escape(layer),
                state
            );
        }
        out.push_str("</ol>");
    }
    if !r.deciding.is_empty() {
        let _ = write!(
            out,
            "<p class=\"quiz-deciding\"><strong>Decided by: </strong>{}</p>",
            escape(&r.deciding.join("; "))
        );
    }
    if let Some(trap) = &r.trap {
        let _ = write!(
            out,
            "<aside class=\"trap\"><strong>Exam trap: </strong>{}</aside>",
            escape(trap)
        );
    }
    out.push_str("</div>");
}

/// The questions' indices grouped by step, in step order.
fn by_step(qs: &[Question]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (n, q) in qs.iter().enumerate() {
        match out
            .iter_mut()
            .find(|g| g.first().and_then(|f| qs.get(*f)).map(|f| f.step) == Some(q.step))
        {
            Some(group) => group.push(n),
            None => out.push(vec![n]),
        }
    }
    out
}

/// `2 of 5 steps checked · 7 of 8 answers right`.
pub(crate) fn quiz_summary(qs: &[Question], p: &Progress, score: &Score) -> String {
    let steps = by_step(qs);
    let finished = steps
        .iter()
        .filter(|g| g.iter().all(|n| is_checked(qs, p, *n)))
        .count();
    format!(
        "{finished} of {} steps checked · {} of {} answers right",
        steps.len(),
        score.right,
        score.checked
    )
}

fn is_checked(qs: &[Question], p: &Progress, n: usize) -> bool {
    qs.get(n).is_some_and(|q| p.checked.contains(&q.id))
}

/// A Check button for the questions `ns`.
fn check_button(out: &mut String, id: &str, ns: &[usize]) {
    let list: Vec<String> = ns.iter().map(usize::to_string).collect();
    let _ = write!(
        out,
        "<button type=\"button\" class=\"button button-small quiz-check\" id=\"{id}\" data-check=\"{}\">Check</button>",
        list.join(" ")
    );
}

/// The quiz: each step's questions as far as they are checked, then the score.
pub(crate) fn quiz(qs: &[Question], p: &Progress, score: &Score) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<p class=\"quiz-intro muted\">For each step, say what AWS answers and Check; then the step's other questions follow. A wrong answer names the misconception behind it; the last Check shows the rule, the flow and the trap, and lights the deciding statement in its editor.</p><ol class=\"quiz-steps\">");
    for (s, group) in by_step(qs).iter().enumerate() {
        let (first, more): (Vec<usize>, Vec<usize>) = group
            .iter()
            .partition(|n| qs.get(**n).is_some_and(|q| q.kind == Kind::Outcome));
        let first_done = first.iter().all(|n| is_checked(qs, p, *n));
        let all_done = group.iter().all(|n| is_checked(qs, p, *n));
        let right = group
            .iter()
            .filter_map(|n| qs.get(*n))
            .all(|q| q.grade(&given(&p.form, q)).right);
        let class = match (all_done, right) {
            (false, _) => "",
            (true, true) => " quiz-right",
            (true, false) => " quiz-wrong",
        };
        let setting = group
            .first()
            .and_then(|n| qs.get(*n))
            .map(|q| escape(&q.setting))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<li class=\"quiz-step{class}\" id=\"quiz-step-{s}\"><p class=\"quiz-question\"><span class=\"quiz-number\">{setting}</span></p>"
        );
        let view = |out: &mut String, n: usize, checked: bool| {
            if let Some(q) = qs.get(n) {
                let id = format!("quiz-{n}");
                let v = View {
                    id: &id,
                    checked,
                    documents: false,
                };
                question(out, q, &given(&p.form, q), &v);
            }
        };
        for n in &first {
            view(&mut out, *n, first_done);
        }
        if !first_done {
            check_button(&mut out, &format!("quiz-check-{s}"), &first);
        } else if !more.is_empty() {
            out.push_str("<p class=\"quiz-more muted\">Now that you know AWS's answer:</p>");
            for n in &more {
                view(&mut out, *n, all_done);
            }
            if !all_done {
                check_button(&mut out, &format!("quiz-check-more-{s}"), &more);
            }
        }
        if all_done {
            if let Some(q) = group.first().and_then(|n| qs.get(*n)) {
                reveal(&mut out, &q.reveal, &format!("quiz-reveal-{s}"));
            }
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    if !qs.is_empty() && score.checked == qs.len() {
        let _ = write!(
            out,
            "<div class=\"quiz-score\" id=\"quiz-score\" role=\"status\"><span class=\"quiz-score-label\">Score</span><strong class=\"quiz-score-value\" id=\"quiz-score-value\">{} / {}</strong></div>",
            score.right,
            qs.len()
        );
    }
    out
}
