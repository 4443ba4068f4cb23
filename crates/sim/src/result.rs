//! The result of a run, per the contract: one result per step, in order, plus findings.

use crate::finding::ScenarioFinding;
use crate::outcome::StepError;
use roleplay_eval::read_back::Known;
use roleplay_eval::{Entry, Explanation};
use serde::{Deserialize, Deserializer, Serialize};
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunResult {
    pub roleplay: u32,
    pub steps: Vec<StepResult>,
    pub findings: Vec<ScenarioFinding>,
}

impl RunResult {
    /// Steps whose outcome differs from their `expect` (or `expectMessage`).
    pub fn failed_expectations(&self) -> impl Iterator<Item = &StepResult> {
        self.steps
            .iter()
            .filter(|s| s.expectation.as_ref().is_some_and(|e| !e.met))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepResult {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub index: usize,
    pub at: String,
    /// The caller as AWS names it (an ARN, a service, `anonymous`).
    pub caller: String,
    pub action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    #[serde(deserialize_with = "decision")]
    pub decision: Known,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<StepError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
    /// The request context used, derived keys marked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<Entry>,
    /// The AWS CLI command equivalent to this step.
    pub cli: String,
    /// The session this step created (for the timeline's lifetime bars).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SessionInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expectation: Option<Expectation>,
    /// The classic exam trap this outcome illustrates, in one sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trap: Option<Cow<'static, str>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub arn: String,
    pub role: String,
    pub issued: String,
    pub expires: String,
    pub chained: bool,
    pub access_key_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_identity: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Expectation {
    pub expected: String,
    pub actual: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_message: Option<String>,
    pub met: bool,
}

/// Every decision a step can have (`Decision::as_str`, and `error` for a call refused otherwise).
pub const DECISIONS: [&str; 4] = ["allowed", "implicitDeny", "explicitDeny", "error"];

fn decision<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    roleplay_eval::read_back::one_of(d, DECISIONS)
}
