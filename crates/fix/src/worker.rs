//! The messages between the playground and its *Fix it* worker. The engine is the heaviest code in the
//! page, so the app does not carry it: the worker (`crates/fix-worker`) runs it off the main thread
//! and the app holds only these types. One request, one reply, JSON text both ways.

use crate::diff::{changes, Change};
use crate::{fix_document, Fix, Options};
use serde::{Deserialize, Serialize};

/// Fix step `step` (0-based) of `scenario` (the scenario document as the app holds it).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Request {
    pub id: u32,
    pub scenario: serde_json::Value,
    pub step: usize,
    pub max: usize,
}

/// The fixes for request `id`, as the page shows them, or why there are none.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Reply {
    pub id: u32,
    pub outcome: Result<Found, String>,
}

/// What the search found: the step's outcome, the one every fix reaches, and the fixes ranked best first
/// (none, with `reason`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Found {
    pub from: String,
    pub to: String,
    pub reason: Option<String>,
    pub fixes: Vec<FixView>,
}

/// One verified fix, ready to show and to apply: the worker renders the sentences, the diffs and the
/// fixed scenario, so the page carries neither the engine nor the patch and diff libraries.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FixView {
    pub summary: String,
    pub layer: String,
    /// What else it grants, in one sentence (`GrantsAlso::sentence`).
    pub grants: String,
    /// The other steps it changes, as the timeline numbers them: `step 3 (read): allowed → implicitDeny`.
    pub others: Vec<String>,
    pub changes: Vec<Change>,
    /// The scenario with the fix applied, pretty-printed JSON.
    pub fixed: String,
}

/// The worker's whole job: a request's text in, its reply's text out.
pub fn answer(request: &str) -> String {
    let reply = match serde_json::from_str::<Request>(request) {
        Ok(r) => Reply {
            id: r.id,
            outcome: found(&r),
        },
        Err(e) => Reply {
            id: 0,
            outcome: Err(format!("the request does not read: {e}")),
        },
    };
    serde_json::to_string(&reply).unwrap_or_default()
}

fn found(r: &Request) -> Result<Found, String> {
    let scenario: roleplay_sim::Scenario =
        serde_json::from_value(r.scenario.clone()).map_err(|e| e.to_string())?;
    let options = Options {
        max: r.max,
        ..Options::default()
    };
    let report = fix_document(&scenario, &r.scenario, &r.step.to_string(), &options)
        .map_err(|e| e.to_string())?;
    Ok(Found {
        fixes: report.fixes.iter().map(|f| view(f, &r.scenario)).collect(),
        from: report.from,
        to: report.to,
        reason: report.reason,
    })
}

fn view(fix: &Fix, document: &serde_json::Value) -> FixView {
    let mut fixed = document.clone();
    let fixed = match crate::apply_patch(&mut fixed, &fix.patch) {
        Ok(()) => serde_json::to_string_pretty(&fixed).unwrap_or_default(),
        Err(_) => String::new(),
    };
    FixView {
        summary: fix.summary.clone(),
        layer: fix.layer.as_str().to_string(),
        grants: fix.grants_also.sentence(),
        others: fix
            .other_steps
            .iter()
            .map(|c| {
                let id = if c.step == c.index.to_string() {
                    String::new()
                } else {
                    format!(" ({})", c.step)
                };
                format!("step {}{id}: {} → {}", c.index + 1, c.from, c.to)
            })
            .collect(),
        changes: changes(fix, document),
        fixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_gets_its_fixes_ready_to_apply_and_garbage_an_error() {
        let scenario = serde_json::json!({"roleplay": 1,
            "principals": [{"type": "user", "arn": "arn:aws:iam::111122223333:user/a"}],
            "steps": [{"as": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}]});
        let request = Request {
            id: 7,
            scenario,
            step: 0,
            max: 3,
        };
        let text = answer(&serde_json::to_string(&request).unwrap_or_default());
        let reply: Option<Reply> = serde_json::from_str(&text).ok();
        assert_eq!(reply.as_ref().map(|r| r.id), Some(7), "{text}");
        let found = reply.and_then(|r| r.outcome.ok());
        let first = found.as_ref().and_then(|f| f.fixes.first());
        assert_eq!(
            found.as_ref().map(|f| f.from.as_str()),
            Some("implicitDeny")
        );
        // The fixed scenario reads and the step is allowed in it.
        let fixed = first.and_then(|f| roleplay_sim::read(&f.fixed).ok());
        let decision = fixed.map(|s| roleplay_sim::run(&s).steps.first().map(|st| st.decision));
        assert_eq!(decision, Some(Some("allowed")));
        let garbage: Option<Reply> = serde_json::from_str(&answer("{")).ok();
        assert!(garbage.is_some_and(|g| g.outcome.is_err()));
    }
}
