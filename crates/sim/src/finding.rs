//! Findings about the scenario itself: policy findings with the document's JSON path, quotas, and
//! problems in the timeline.

use roleplay_policy::Code;
use roleplay_policy::{Finding, Location, Quota, Severity};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioFinding {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    /// JSON path in the scenario (`principals[1].trustPolicy`, `steps[3].context`).
    pub path: String,
    /// Line/column inside the policy document the path names, for policy findings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aws_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl ScenarioFinding {
    pub fn from_policy(f: &Finding, path: &str) -> Self {
        ScenarioFinding {
            severity: f.severity,
            code: f.code,
            message: f.message.clone(),
            path: path.to_string(),
            location: Some(f.location),
            aws_message: f.aws_message.clone(),
            fix: f.fix.clone(),
        }
    }

    fn new(severity: Severity, code: Code, path: String, message: String) -> Self {
        ScenarioFinding {
            severity,
            code,
            message,
            path,
            location: None,
            aws_message: None,
            fix: None,
        }
    }

    pub fn error(code: Code, path: String, message: String) -> Self {
        Self::new(Severity::Error, code, path, message)
    }

    pub fn warning(code: Code, path: String, message: String) -> Self {
        Self::new(Severity::Warning, code, path, message)
    }

    pub fn quota(path: &str, quota: Quota, size: usize) -> Self {
        Self::new(
            Severity::Error,
            Code::QuotaExceeded,
            path.to_string(),
            format!(
                "{} is {size} characters (white space not counted); the quota \"{}\" is {}.",
                path, quota.name, quota.limit
            ),
        )
    }
}
