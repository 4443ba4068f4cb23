//! roleplay-learn: the quiz and the exam drill, as data. Every question is built from a run of the
//! scenario and every answer key comes from the engine — the step's outcome and deciding layer, the
//! deciding statements, a verified fix and near misses verified not to fix (`roleplay-fix`), the
//! session's expiry and the longest `DurationSeconds` the simulation accepts — never from
//! hand-written answers. Each wrong choice carries the misconception it shows, one sentence from
//! [`misconception::TABLE`]. A drill draws questions across scenarios, shuffled by a seed (so a
//! shared link replays it) and balanced so no answer is right more than 40 % of the time.
//!
//! A drill is shared as a link ([`link::DrillLink`]) and kept in a history ([`history`]) that names
//! the weakest topics.
//!
//! No DOM and no clock: the web worker (`roleplay-worker`) builds the questions, grades answers
//! with [`Question::grade`] and writes them as HTML; the page only shows that markup.
#![forbid(unsafe_code)]

pub mod drill;
mod fixes;
pub mod history;
mod kinds;
pub mod link;
pub mod misconception;
mod numbers;
pub mod outcome;
mod question;
mod rng;

pub use drill::{drill, exam_of, Drilled, EXAMS};
pub use kinds::{questions, Source};
pub use link::DrillLink;
pub use question::{
    At, Choice, Given, Graded, Kind, Pick, Question, Reveal, Row, Shown, ROW_STATES,
};
