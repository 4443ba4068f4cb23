//! roleplay-eval: one AWS authorization decision, and why.
//!
//! Policies are compiled once ([`CompiledPolicy`]) into matchers that evaluate without re-parsing.
//! [`decide`] applies AWS's evaluation logic — explicit deny, RCPs, SCPs, resource-based policies with
//! the same-account principal rules, identity policies, permissions boundaries, session policies,
//! cross-account — to a [`Request`] over a [`PolicySet`]; [`explain`] does the same and records every
//! policy, statement and condition consulted, with source locations.
//!
//! It never panics, never does I/O and never reads the real clock (time comes in the context), and
//! [`decide`] allocates nothing per statement.
//!
//! Comments cite AWS's rules as §N: section N of `docs/aws-rules.md`.
#![forbid(unsafe_code)]

mod caller;
mod compile;
mod condition;
mod context;
mod engine;
mod explain;
mod glob;
mod message;
pub mod read_back;
mod template;

pub use caller::{Caller, PrincipalMatch};
pub use compile::CompiledPolicy;
pub use context::{Context, Entry, Values};
pub use engine::{decide, explain, Decision, Level, PolicySet, Request, Rule, Verdict};
pub use explain::{
    stage_of, ConditionTrace, Explanation, FlowStatus, FlowStep, Miss, PolicyTrace,
    ServiceRuleTrace, StatementRef, StatementTrace,
};
pub use glob::Glob;
pub use message::access_denied;
pub use roleplay_policy::value::instant;
