//! roleplay-fix: *Fix it* — the smallest change to a scenario that turns a step's verdict, across every
//! policy layer, each one verified by re-running the whole scenario.
//!
//! Given a scenario, a step and a target outcome (by default `allowed` for a denied or failed step, or
//! the step's `expect` when the outcome differs from it), [`fix`] proposes candidate changes from what
//! the run already knows: the step's explanation (the deciding statements, the statements that missed
//! and why, the conditions with the values compared, the keys the request lacked) and its STS error
//! (ExternalId, MFA, `sts:TagSession` / `sts:SetSourceIdentity`, DurationSeconds against
//! MaxSessionDuration or the chaining cap, expired and revoked sessions, identity-provider tokens).
//! Every candidate is an RFC 6902 JSON Patch against the scenario document. It is applied, the whole
//! scenario runs again through `roleplay-sim`, and only a candidate whose target step reaches the
//! target outcome is kept: an unverified candidate is never returned. Fixes are ranked — fewest edits,
//! then least new access, then the principal's own account before its organization — and say what
//! else they grant and which other steps they change.
//!
//! [`near_misses`] runs the same machinery the other way: plausible edits verified NOT to fix the
//! step (the quiz's wrong answers to "which change fixes it?").
//!
//! Arrows stay one way: policy ← eval ← sim ← fix ← {app, cli}; the catalog is optional input (the
//! newly allowed actions of a fix, by access level). No I/O, no real clock, never panics on input.
#![forbid(unsafe_code)]

mod authz;
mod candidate;
pub mod diff;
mod document;
mod engine;
mod facts;
mod grants;
pub mod marks;
mod near_miss;
mod place;
mod rank;
mod report;
mod request;
mod restrict;
mod service;
mod sts;
mod target;
mod validation;
mod verify;

pub use engine::{fix, fix_document, Options};
pub use near_miss::{near_misses, NearMiss};
pub use report::{
    CatalogGrants, Fix, FixError, GrantsAlso, Layer, LevelGrants, Pattern, PolicyRef, Report,
    StepChange,
};
pub use target::Target;

/// Applies a fix's patch to a scenario document (RFC 6902, all or nothing).
pub fn apply_patch(
    document: &mut serde_json::Value,
    patch: &json_patch::Patch,
) -> Result<(), json_patch::PatchError> {
    json_patch::patch(document, patch)
}
