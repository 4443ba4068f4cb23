//! Ranking: fewest edits; then least new access (a change to the request before a grant of exactly
//! the request, before a widened statement, a removed condition, a deleted deny; fewer wildcards);
//! then the principal's own account (identity, trust, resource) before organization policies. A
//! restriction prefers fixes that leave the other steps' outcomes unchanged.

use crate::candidate::{Candidate, Looseness};
use crate::report::Layer;
use crate::verify::Verified;

type Key = (usize, usize, Looseness, usize, Layer, usize);

fn wildcards(c: &Candidate) -> usize {
    c.patterns
        .iter()
        .flat_map(|p| p.actions.iter().chain(&p.resources))
        .filter(|s| s.contains('*'))
        .count()
}

fn key(v: &Verified, restrict: bool) -> Key {
    let c = &v.candidate;
    let changed = v.other_steps.len();
    let (first, last) = if restrict { (changed, 0) } else { (0, changed) };
    (first, c.edits, c.looseness, wildcards(c), c.layer, last)
}

/// Sorts best first; candidates that tie keep the order they were proposed in.
pub fn rank(fixes: &mut [Verified], restrict: bool) {
    fixes.sort_by_key(|v| key(v, restrict));
}

/// The order candidates are tried in when pairing them (before any is verified).
pub fn static_key(c: &Candidate) -> (usize, Looseness, usize, Layer) {
    (c.edits, c.looseness, wildcards(c), c.layer)
}
