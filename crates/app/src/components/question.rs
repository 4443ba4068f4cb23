//! One question of the quiz or the drill, as the worker built it (`roleplay_learn::Question`): the
//! inputs its kind asks for — choices, the deciding layer, a statement, a candidate edit with its
//! diff, a typed instant or number, a state per layer — and, once checked, the grade and the
//! misconception a wrong answer shows. The page only renders and compares (`Question::grade`); every
//! key came from the engine in the worker. Text nodes only.

use super::fix_it::diff_view;
use roleplay_learn::{Given, Kind, Question, Reveal, ROW_STATES};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// What a question is shown with. A plain function, not a component: the quiz and the drill
/// re-render it from their own state, and each component type costs the page's wasm its own copy
/// of Yew's machinery.
pub struct QuestionProps {
    pub question: Rc<Question>,
    pub given: Given,
    pub checked: bool,
    /// Prefix of the ids inside (`quiz-0-1`).
    pub id: String,
    /// Show the policies and parameters the step involves (a drill, away from the scenario's page).
    pub show_documents: bool,
    pub on_given: Callback<Given>,
}

pub fn question_view(props: &QuestionProps) -> Html {
    let q = &props.question;
    let id = props.id.as_str();
    let set = |f: Edit| {
        let given = props.given.clone();
        let on = props.on_given.clone();
        Callback::from(move |v: String| {
            let mut g = given.clone();
            f(&mut g, v);
            on.emit(g);
        })
    };
    let body = match q.kind {
        Kind::Layers => layers(props, &set),
        k if k.typed() => typed(props, &set),
        _ => choices(props, &set),
    };
    let graded = q.grade(&props.given);
    let documents = props.show_documents && !q.shown.is_empty();
    html! {
        <div class={classes!("question", props.checked.then_some(if graded.right { "quiz-right" } else { "quiz-wrong" }))} id={id.to_string()} data-kind={format!("{:?}", q.kind)}>
            <p class="question-prompt"><span class="question-kind">{ q.kind.words() }</span>{ " " }{ q.prompt.clone() }</p>
            if documents {
                <details class="question-documents">
                    <summary>{ format!("The policies and parameters ({})", q.shown.len()) }</summary>
                    { for q.shown.iter().map(|d| html! {
                        <figure class="question-document">
                            <figcaption>{ d.name.clone() }</figcaption>
                            <pre class="code-block">{ d.text.clone() }</pre>
                        </figure>
                    }) }
                </details>
            }
            { body }
            if props.checked {
                <p class="quiz-verdict" id={format!("{id}-grade")} role="status">
                    <strong class="quiz-grade">{ if graded.right { "Right." } else { "Not quite." } }</strong>
                    { " AWS's answer: " }<strong class="quiz-answer">{ answer_words(q) }</strong>
                </p>
                if let Some(m) = graded.misconception {
                    <p class="quiz-misconception" id={format!("{id}-misconception")}><strong>{ "The misconception: " }</strong>{ m }</p>
                }
            }
        </div>
    }
}

/// The right answer in words: the reveal's sentence (outcome, layer, the verified fix, the probed
/// limit), or the right choices' labels, or the layers' states.
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
        _ => q.reveal.answer.clone(),
    }
}

/// A change to the answer, from an input's value.
type Edit = Rc<dyn Fn(&mut Given, String)>;
/// Turns an edit into an input's callback that emits the changed answer.
type Setter<'a> = dyn Fn(Edit) -> Callback<String> + 'a;

/// Radio choices (an outcome, a statement, a candidate edit) and, for an outcome that is a denial,
/// the layer that decides.
fn choices(props: &QuestionProps, set: &Setter) -> Html {
    let q = &props.question;
    let id = props.id.as_str();
    let pick = set(Rc::new(|g: &mut Given, v: String| {
        g.choice = v.parse().ok();
        g.layer = None;
    }));
    let items = q.choices.iter().enumerate().map(|(i, c)| {
        let pick = pick.clone();
        let changes = (!c.changes.is_empty()).then(|| diff_view(&c.changes));
        html! {
            <label class={classes!("quiz-choice", (c.detail.is_some() || changes.is_some()).then_some("quiz-choice-block"))}>
                <input type="radio" name={format!("{id}-choice")} value={i.to_string()} id={format!("{id}-choice-{i}")}
                    checked={props.given.choice == Some(i)} disabled={props.checked}
                    onchange={Callback::from(move |_: Event| pick.emit(i.to_string()))} />
                <span class="quiz-choice-text">
                    <span>{ c.label.clone() }</span>
                    if let Some(d) = &c.detail {
                        <pre class="code-block quiz-statement">{ d.clone() }</pre>
                    }
                    { changes.unwrap_or_default() }
                </span>
            </label>
        }
    });
    let layer = q.layer.as_ref().map(|pick_layer| {
        // Which policy type decides is asked once the answer given is a denial.
        let denial = props
            .given
            .choice
            .and_then(|c| q.choices.get(c))
            .is_some_and(|c| c.label.ends_with(" deny"));
        let onchange = set(Rc::new(|g: &mut Given, v: String| g.layer = v.parse().ok()))
            .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
        html! {
            <label class="quiz-kind">
                { "Decided by " }
                <select id={format!("{id}-layer")} disabled={props.checked || !denial} {onchange}>
                    <option value="" selected={props.given.layer.is_none()}>{ "— pick a policy type —" }</option>
                    { for pick_layer.choices.iter().enumerate().map(|(i, c)| html! {
                        <option value={i.to_string()} selected={props.given.layer == Some(i)}>{ c.label.clone() }</option>
                    }) }
                </select>
            </label>
        }
    });
    html! {
        <>
            <fieldset class={classes!("quiz-choices", (q.kind != Kind::Outcome).then_some("quiz-choices-list"))}>
                <legend class="visually-hidden">{ q.prompt.clone() }</legend>
                { for items }
            </fieldset>
            { layer.unwrap_or_default() }
        </>
    }
}

/// An instant (`datetime-local`, seconds shown, read as UTC) or a number of seconds.
fn typed(props: &QuestionProps, set: &Setter) -> Html {
    let q = &props.question;
    let id = props.id.as_str();
    let oninput = set(Rc::new(|g: &mut Given, v: String| {
        g.text = (!v.is_empty()).then_some(v)
    }))
    .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let (kind, label, value) = if q.kind == Kind::Expiry {
        let start = q
            .start
            .as_deref()
            .map(|s| s.trim_end_matches('Z').to_string());
        (
            "datetime-local",
            "Expires at (UTC)",
            props.given.text.clone().or(start).unwrap_or_default(),
        )
    } else {
        (
            "number",
            "DurationSeconds",
            props.given.text.clone().unwrap_or_default(),
        )
    };
    html! {
        <label class="quiz-typed">
            <span>{ label }</span>
            <input type={kind} id={format!("{id}-typed")} step="1" min={(q.kind == Kind::Duration).then_some("0")}
                inputmode={(q.kind == Kind::Duration).then_some("numeric")}
                {value} disabled={props.checked} {oninput} />
        </label>
    }
}

/// Pass, fail or not applicable for each layer of the flow.
fn layers(props: &QuestionProps, set: &Setter) -> Html {
    let q = &props.question;
    let id = props.id.as_str();
    let rows = q.rows.iter().enumerate().map(|(r, row)| {
        let states = ROW_STATES.iter().enumerate().map(|(s, word)| {
            let pick = set(Rc::new(move |g: &mut Given, _: String| {
                if g.rows.len() <= r {
                    g.rows.resize(r + 1, None);
                }
                if let Some(slot) = g.rows.get_mut(r) {
                    *slot = Some(s);
                }
            }));
            html! {
                <label class="quiz-choice">
                    <input type="radio" name={format!("{id}-row-{r}")} id={format!("{id}-row-{r}-{s}")}
                        checked={props.given.rows.get(r).copied().flatten() == Some(s)} disabled={props.checked}
                        onchange={Callback::from(move |_: Event| pick.emit(String::new()))} />
                    { *word }
                </label>
            }
        });
        html! {
            <fieldset class="quiz-row">
                <legend>{ row.layer.clone() }</legend>
                { for states }
            </fieldset>
        }
    });
    html! { <div class="quiz-rows">{ for rows }</div> }
}

/// What a checked step shows once: the step's rule sentence, AWS's message, the decision flow and
/// the scenario's trap.
pub fn reveal_view(r: &Reveal, id: &str) -> Html {
    html! {
        <div class="quiz-reveal" id={id.to_string()}>
            if let Some(rule) = &r.rule {
                <p class="quiz-rule"><strong>{ "The rule: " }</strong>{ rule.clone() }</p>
            }
            if let Some(m) = &r.message {
                <pre class="aws-message">{ m.clone() }</pre>
            }
            if !r.flow.is_empty() {
                <ol class="quiz-flow" aria-label="The decision flow">{ for r.flow.iter().map(|(layer, state)| html! {
                    <li class={format!("flow-{}", state.replace(' ', "-"))}>{ format!("{layer}: {state}") }</li>
                }) }</ol>
            }
            if !r.deciding.is_empty() {
                <p class="quiz-deciding"><strong>{ "Decided by: " }</strong>{ r.deciding.join("; ") }</p>
            }
            if let Some(trap) = &r.trap {
                <aside class="trap"><strong>{ "Exam trap: " }</strong>{ trap.clone() }</aside>
            }
        </div>
    }
}
