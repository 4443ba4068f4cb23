//! The exam drill: questions drawn across scenarios, filtered by exam, shuffled by a seed, and
//! balanced so that no answer is right more than 40 % of the time — always answering "Allowed", or
//! always the first choice, cannot pass.

use crate::kinds::{questions, Source};
use crate::question::{Kind, Question};
use crate::rng::Rng;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The current exam codes the gallery is tagged with.
pub const EXAMS: [&str; 4] = ["SAA-C03", "DVA-C02", "SCS-C03", "SOA-C03"];

/// The largest share of questions one answer may be right for.
pub const MAX_SHARE: f64 = 0.4;

/// The exam code of a scenario's `exam` tag (`SCS-C03 · KMS key policies` → `SCS-C03`).
pub fn exam_of(tag: &str) -> &str {
    tag.split('·').next().unwrap_or("").trim()
}

/// A drill: the exam it is for (empty: every exam), its seed, and its questions in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Drilled {
    pub exam: String,
    pub seed: u64,
    pub questions: Vec<Question>,
}

/// Up to `size` questions from the scenarios tagged `exam` (every scenario when `None`).
pub fn drill(sources: &[Source], exam: Option<&str>, seed: u64, size: usize) -> Drilled {
    let mut pool = Vec::new();
    for (n, source) in sources.iter().enumerate() {
        let tag = source
            .document
            .get("exam")
            .and_then(|e| e.as_str())
            .unwrap_or("");
        if exam.is_some_and(|e| exam_of(tag) != e) {
            continue;
        }
        if let Ok(qs) = questions(source, seed ^ (n as u64).wrapping_mul(0x9e37_79b9)) {
            pool.extend(qs);
        }
    }
    Drilled {
        exam: exam.unwrap_or("").to_string(),
        seed,
        questions: balance(pool, seed, size),
    }
}

/// Shuffles `pool` and keeps the most questions (at most `size`) for which no answer class holds
/// more than [`MAX_SHARE`]; a multiple-choice question's right choice is moved to the least used
/// position, so positions balance too.
pub fn balance(mut pool: Vec<Question>, seed: u64, size: usize) -> Vec<Question> {
    let mut rng = Rng::new(seed);
    rng.shuffle(&mut pool);
    let mut target = size.min(pool.len());
    while target > 0 {
        let cap = ((target as f64) * MAX_SHARE).floor() as usize;
        let picked = pick(&pool, target, cap.max(1));
        if picked.len() >= target {
            return picked;
        }
        target = picked.len().min(target - 1);
    }
    Vec::new()
}

/// Greedy: each question in turn, when its class is under `cap`.
fn pick(pool: &[Question], target: usize, cap: usize) -> Vec<Question> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(target);
    for q in pool {
        if out.len() == target {
            break;
        }
        let mut q = q.clone();
        if is_multiple_choice(&q) {
            let least = (0..q.choices.len()).min_by_key(|p| {
                counts
                    .get(&format!("choice {}", p + 1))
                    .copied()
                    .unwrap_or(0)
            });
            if let Some(p) = least {
                move_right_to(&mut q, p);
            }
        }
        let class = q.answer_class();
        let n = counts.entry(class).or_insert(0);
        if *n < cap {
            *n += 1;
            out.push(q);
        }
    }
    out
}

fn is_multiple_choice(q: &Question) -> bool {
    !matches!(q.kind, Kind::Outcome | Kind::Layers) && !q.kind.typed() && q.right.len() == 1
}

/// Rotates the choices so the right one is at `position`.
fn move_right_to(q: &mut Question, position: usize) {
    let (Some(&right), n) = (q.right.first(), q.choices.len()) else {
        return;
    };
    if n == 0 {
        return;
    }
    let shift = (position + n - right % n) % n;
    q.choices.rotate_right(shift);
    q.right = vec![(right + shift) % n];
}
