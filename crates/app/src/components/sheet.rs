//! Learning mode's shell, shared by the quiz and the drill. The worker builds the questions,
//! grades them and writes them as HTML (`Job::Learn`, `roleplay-worker`'s `learn.rs`, every
//! scenario text escaped there); the page inserts that markup, reads what the learner picked from
//! its fields and what a button asks from its `data-` attributes (`data-check`: the questions to
//! check; `data-drill`: a drill to draw; `data-home`: the drill's first screen; `data-copy`: a
//! link to copy), and sends them back. The page's wasm carries no question type and no code per
//! kind.

use roleplay_worker::{Answer, Asked, Job, Learned, Sheet};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The worker's last reply: none yet (waiting), the sheet, or why not.
pub type Reply = Option<Result<Rc<Learned>, String>>;

/// The requests a sheet has sent: only the latest one's reply is shown, and each carries every
/// Check not yet answered, so Checks pressed in a row faster than the worker answers are never lost.
#[derive(Default)]
pub struct Sent {
    latest: u32,
    pending: Vec<usize>,
}

pub type SentRef = Rc<RefCell<Sent>>;

/// Asks the worker; `done` gets the reply if it answers the latest request.
pub fn ask(
    sent: &SentRef,
    sheet: Sheet,
    mut asked: Asked,
    done: Callback<Result<Learned, String>>,
) {
    let n = {
        let mut s = sent.borrow_mut();
        // A new sheet's questions are not the ones the waiting Checks counted.
        if !matches!(sheet, Sheet::Built(_)) {
            s.pending.clear();
        }
        for c in std::mem::take(&mut asked.check) {
            if !s.pending.contains(&c) {
                s.pending.push(c);
            }
        }
        asked.check = s.pending.clone();
        s.latest = s.latest.wrapping_add(1);
        s.latest
    };
    let sent = Rc::clone(sent);
    let job = Job::Learn { sheet, asked };
    crate::worker::ask(
        job,
        Callback::from(move |answer| {
            let mut s = sent.borrow_mut();
            if let (Answer::Learned(r), true) = (answer, s.latest == n) {
                s.pending.clear();
                drop(s);
                done.emit(r);
            }
        }),
    );
}

/// What a click in the worker's markup asks for.
pub enum Act {
    Check(Vec<usize>),
    Drill(String),
    Home,
}

/// The button a click came from, read; a `data-copy` button copies its link here and asks nothing.
pub fn act(e: &MouseEvent) -> Option<Act> {
    let target: Element = e.target()?.dyn_into().ok()?;
    let button = target
        .closest("[data-check],[data-drill],[data-home],[data-copy]")
        .ok()??;
    let get = |name: &str| button.get_attribute(name);
    if let Some(list) = get("data-check") {
        return Some(Act::Check(
            list.split(' ').filter_map(|n| n.parse().ok()).collect(),
        ));
    }
    if let Some(link) = get("data-drill") {
        return Some(Act::Drill(link));
    }
    if let Some(link) = get("data-copy") {
        wasm_bindgen_futures::spawn_local(async move {
            super::explanation::copy_text(&link).await;
        });
        return None;
    }
    Some(Act::Home)
}

/// The learner's answers as the sheet's fields hold them (name, value): checked radios, selects,
/// typed inputs — disabled ones too (questions already checked keep their answers).
pub fn fields(node: &NodeRef) -> Vec<(String, String)> {
    let Some(all) = node
        .cast::<Element>()
        .and_then(|e| e.query_selector_all("input[name], select[name]").ok())
    else {
        return Vec::new();
    };
    (0..all.length())
        .filter_map(|i| all.get(i))
        .filter_map(|n| match n.dyn_ref::<HtmlInputElement>() {
            Some(i) => (i.type_() != "radio" || i.checked()).then(|| (i.name(), i.value())),
            None => {
                let s = n.dyn_ref::<HtmlSelectElement>()?;
                Some((s.name(), s.value()))
            }
        })
        .collect()
}

/// The worker's markup inside `node`, written once per reply, then focus on the element the
/// reply names (the grade a Check just wrote), so a keyboard user lands on what it says.
#[hook]
pub fn use_markup(node: &NodeRef, reply: &Reply) {
    let learned = match reply {
        Some(Ok(l)) => Some(Rc::clone(l)),
        _ => None,
    };
    let node = node.clone();
    let key = learned.as_ref().map(|l| Rc::as_ptr(l) as usize);
    use_effect_with(key, move |_| {
        let Some(el) = node.cast::<Element>() else {
            return;
        };
        el.set_inner_html(learned.as_ref().map_or("", |l| l.html.as_str()));
        let focus = learned.as_ref().and_then(|l| l.focus.as_deref());
        let target = focus.and_then(|id| el.query_selector(&format!("#{id}")).ok().flatten());
        if let Some(t) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
            let _ = t.focus();
        }
    });
}

/// A fresh seed for a drill, in a few digits a link carries.
pub fn fresh_seed() -> u64 {
    (js_sys::Math::random() * 4_294_967_296.0) as u64
}
