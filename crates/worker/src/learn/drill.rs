//! The exam drill's two screens as HTML: the first (the exams to drill, a drill shared as a link,
//! the last drills and the weakest topics) and the drill being taken (its questions with the
//! documents they are about, each checked on its own, then the score, the weakest topics and the
//! result as a link that replays the same drill).

use super::html::{question, reveal, View};
use super::{given, Progress, Score, DRILL_SIZE};
use crate::markup::escape;
use roleplay_learn::history::{weakest, Record};
use roleplay_learn::{DrillLink, Question, EXAMS};
use std::fmt::Write;

fn exam_words(exam: Option<&str>) -> &str {
    exam.unwrap_or("every exam")
}

/// A button that starts the drill of `link` (`data-drill`: the page draws it).
fn start(out: &mut String, id: &str, class: &str, link: &DrillLink, words: &str) {
    let _ = write!(
        out,
        "<button type=\"button\" class=\"button {class}\" id=\"{id}\" data-drill=\"{}\">{}</button>",
        escape(&link.fragment()),
        escape(words)
    );
}

/// The first screen.
pub(crate) fn home(shared: Option<&DrillLink>, past: &[Record], seed: u64) -> String {
    let mut out = String::with_capacity(2048);
    if let Some(link) = shared {
        let words = match link.right {
            Some(right) => format!(
                "Shared with you: {right} of {} right on a drill for {}. Take the same drill and compare.",
                link.size,
                exam_words(link.exam.as_deref())
            ),
            None => format!(
                "A drill for {} was shared with you.",
                exam_words(link.exam.as_deref())
            ),
        };
        let _ = write!(
            out,
            "<div class=\"drill-shared\" id=\"drill-shared\" role=\"status\"><p>{}</p>",
            escape(&words)
        );
        let replay = DrillLink {
            right: None,
            ..link.clone()
        };
        start(
            &mut out,
            "drill-replay",
            "button-primary",
            &replay,
            "Take the same drill",
        );
        out.push_str("</div>");
    }
    let _ = write!(
        out,
        "<p>A drill of {DRILL_SIZE} questions for one exam:</p><div class=\"button-row drill-exams\">"
    );
    for exam in std::iter::once(None).chain(EXAMS.iter().map(|e| Some(*e))) {
        let link = DrillLink {
            exam: exam.map(String::from),
            seed,
            size: DRILL_SIZE,
            right: None,
        };
        let id = format!("drill-start-{}", exam.unwrap_or("all"));
        start(&mut out, &id, "", &link, exam.unwrap_or("Every exam"));
    }
    out.push_str("</div>");
    if !past.is_empty() {
        let last: Vec<String> = past
            .iter()
            .rev()
            .take(5)
            .map(|r| {
                let exam = (!r.exam.is_empty()).then_some(r.exam.as_str());
                format!("{} {}/{}", exam_words(exam), r.right, r.total)
            })
            .collect();
        let _ = write!(
            out,
            "<p class=\"muted\" id=\"drill-history\">Your last drills: {}</p>",
            escape(&last.join(" · "))
        );
    }
    weakest_view(&mut out, past);
    out
}

/// The topics answered worst over the kept history.
fn weakest_view(out: &mut String, past: &[Record]) {
    let words: Vec<String> = weakest(past, 3)
        .iter()
        .map(|(t, r, n)| format!("{t} ({r} of {n} right)"))
        .collect();
    if !words.is_empty() {
        let _ = write!(
            out,
            "<p class=\"drill-weakest\" id=\"drill-weakest\"><strong>Your weakest topics: </strong>{}</p>",
            escape(&words.join(" · "))
        );
    }
}

/// The drill being taken.
pub(crate) fn taking(
    link: &DrillLink,
    qs: &[Question],
    p: &Progress,
    score: &Score,
    past: &[Record],
    seed: u64,
    base: &str,
) -> String {
    let mut out = String::with_capacity(8192);
    let total = qs.len();
    let exam = exam_words(link.exam.as_deref());
    let _ = write!(
        out,
        "<p class=\"drill-progress\" id=\"drill-progress\" role=\"status\">{exam} · {} of {total} checked · {} right</p>",
        score.checked, score.right
    );
    if total == 0 {
        out.push_str(
            "<p class=\"muted\" id=\"drill-empty\">The gallery has no questions for this exam.</p>",
        );
    }
    out.push_str("<ol class=\"drill-questions\">");
    for (i, q) in qs.iter().enumerate() {
        let checked = p.checked.contains(&q.id);
        let _ = write!(
            out,
            "<li class=\"drill-question quiz-step\" id=\"drill-q-{i}\"><p class=\"drill-where muted\">{} of {total} · {} · {}</p><p class=\"quiz-question\"><span class=\"quiz-number\">{}</span></p>",
            i + 1,
            escape(&q.exam),
            escape(&q.topic),
            escape(&q.setting)
        );
        let id = format!("drill-{i}");
        let v = View {
            id: &id,
            checked,
            documents: true,
        };
        question(&mut out, q, &given(&p.form, q), &v);
        if checked {
            reveal(&mut out, &q.reveal, &format!("drill-reveal-{i}"));
        } else {
            let _ = write!(
                out,
                "<button type=\"button\" class=\"button button-small quiz-check\" id=\"drill-check-{i}\" data-check=\"{i}\">Check</button>"
            );
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    if total > 0 && score.checked == total {
        let shared = DrillLink {
            right: Some(score.right),
            size: total,
            ..link.clone()
        };
        let url = format!("{base}#{}", shared.fragment());
        let _ = write!(
            out,
            "<div class=\"quiz-score drill-score\" id=\"drill-score\" role=\"status\"><span class=\"quiz-score-label\">Score</span><strong class=\"quiz-score-value\" id=\"drill-score-value\">{} / {total}</strong>",
            score.right
        );
        weakest_view(&mut out, past);
        let _ = write!(
            out,
            "<label class=\"drill-share\"><span>Share this result</span><input type=\"text\" readonly id=\"drill-share-link\" value=\"{url}\"></label><button type=\"button\" class=\"button button-small\" id=\"drill-copy\" data-copy=\"{url}\">Copy link</button></div>",
            url = escape(&url)
        );
    }
    out.push_str("<div class=\"button-row end\"><button type=\"button\" class=\"button\" id=\"drill-back\" data-home=\"\">Choose another exam</button>");
    let again = DrillLink {
        seed,
        right: None,
        ..link.clone()
    };
    start(&mut out, "drill-again", "", &again, "New drill");
    out.push_str("</div>");
    out
}
