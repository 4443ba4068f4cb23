//! The messages between the playground and its *Fix it* worker. The engine is the heaviest code in the
//! page, so the app does not carry it: the worker (`crates/fix-worker`) runs it off the main thread
//! and the app holds only these types. One request, one reply, JSON text both ways.

use crate::diff::{changes, Change};
use crate::{fix_document, Options, Report};
use serde::{Deserialize, Serialize};

/// Fix step `step` (0-based) of `scenario` (the scenario document as the app holds it).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Request {
    pub id: u32,
    pub scenario: serde_json::Value,
    pub step: usize,
    pub max: usize,
}

/// The report for request `id`, or why there is none, and what each fix changes (`diff::changes`,
/// computed here so the page does not carry the diff library either).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Reply {
    pub id: u32,
    pub report: Result<Report, String>,
    #[serde(default)]
    pub changes: Vec<Vec<Change>>,
}

/// The worker's whole job: a request's text in, its reply's text out.
pub fn answer(request: &str) -> String {
    let reply = match serde_json::from_str::<Request>(request) {
        Ok(r) => {
            let report = report(&r);
            let changes = report.as_ref().map_or_else(
                |_| Vec::new(),
                |rep| rep.fixes.iter().map(|f| changes(f, &r.scenario)).collect(),
            );
            Reply {
                id: r.id,
                report,
                changes,
            }
        }
        Err(e) => Reply {
            id: 0,
            report: Err(format!("the request does not read: {e}")),
            changes: Vec::new(),
        },
    };
    serde_json::to_string(&reply).unwrap_or_default()
}

fn report(r: &Request) -> Result<Report, String> {
    let scenario: roleplay_sim::Scenario =
        serde_json::from_value(r.scenario.clone()).map_err(|e| e.to_string())?;
    let options = Options {
        max: r.max,
        ..Options::default()
    };
    fix_document(&scenario, &r.scenario, &r.step.to_string(), &options).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_gets_its_report_and_garbage_an_error() {
        let scenario = serde_json::json!({"roleplay": 1,
            "principals": [{"type": "user", "arn": "arn:aws:iam::111122223333:user/a"}],
            "steps": [{"as": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}]});
        let request = Request {
            id: 7,
            scenario,
            step: 0,
            max: 3,
        };
        let reply: Reply = serde_json::from_str(&answer(
            &serde_json::to_string(&request).unwrap_or_default(),
        ))
        .unwrap_or(Reply {
            id: 0,
            report: Err("no reply".into()),
            changes: Vec::new(),
        });
        assert_eq!(reply.id, 7);
        let fixes = reply.report.map(|r| r.fixes.len()).unwrap_or(0);
        assert!(fixes >= 1, "{fixes}");
        assert_eq!(reply.changes.len(), fixes);
        let garbage: Reply = serde_json::from_str(&answer("{")).unwrap_or(Reply {
            id: 1,
            report: Ok(Report {
                step: String::new(),
                from: String::new(),
                to: String::new(),
                fixes: Vec::new(),
                reason: None,
            }),
            changes: Vec::new(),
        });
        assert!(garbage.report.is_err());
    }
}
