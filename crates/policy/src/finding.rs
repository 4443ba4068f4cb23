//! Findings about a policy: validation errors (AWS would reject the document) and lint results in
//! IAM Access Analyzer's classes. Each has a stable code, a one-sentence message and a location.

use crate::code::Code;
use crate::span::{LineIndex, Location, Span};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    Error,
    Security,
    Warning,
    Suggestion,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub severity: Severity,
    /// Stable identifier, e.g. `INVALID_EFFECT`, `TRUST_OPEN_TO_ANYONE`.
    pub code: Code,
    pub message: String,
    pub location: Location,
    /// The `MalformedPolicyDocument` message AWS gives for this problem, where AWS rejects it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aws_message: Option<String>,
    /// How to fix it (security findings always carry one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// Text that fixes it in place of the finding's own range (quotes included where the range is
    /// a string); the editors offer it as a quick fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
}

/// AWS's own `MalformedPolicyDocument` texts.
pub mod aws {
    pub const SYNTAX: &str = "Syntax errors in policy.";
    pub const LEGACY: &str = "The policy failed legacy parsing";
    pub const PRINCIPAL_FORBIDDEN: &str = "Policy document should not specify a principal.";
    pub const PRINCIPAL_MISSING: &str = "Missing required field Principal";
    pub const RESOURCE_FORBIDDEN: &str = "Has prohibited field Resource";
    pub const ACTIONS_MISSING: &str = "Policy statement must contain actions.";
    pub const RESOURCES_MISSING: &str = "Policy statement must contain resources.";
    pub const SID_UNIQUE: &str = "Statement IDs (SID) in a single policy must be unique.";
    pub const SID_CHARS: &str = "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*";
    pub const VENDOR: &str =
        "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
    pub const INVALID_PRINCIPAL: &str = "Invalid principal in policy";
    pub const RESOURCE_FORMAT: &str = "Resource must be in ARN format or \"*\".";
    pub const CONDITION_TYPE: &str = "Invalid Condition type";
    pub const NOT_PRINCIPAL_TRUST: &str = "AssumeRolepolicy contained an invalid principal";
    /// IAM's answer to a policy over its size quota (a `LimitExceeded` error in IAM's API).
    pub const TOO_LARGE: &str = "Cannot exceed quota for PolicySize";
}

/// Collects findings for one document, turning spans into locations as they are added.
pub(crate) struct Sink<'a> {
    pub lines: &'a LineIndex,
    pub findings: Vec<Finding>,
}

impl<'a> Sink<'a> {
    pub fn new(lines: &'a LineIndex) -> Self {
        Sink {
            lines,
            findings: Vec::new(),
        }
    }

    pub fn error(&mut self, code: Code, span: Span, message: String, aws: impl Into<String>) {
        self.findings.push(Finding {
            severity: Severity::Error,
            code,
            message,
            location: self.lines.locate(span),
            aws_message: Some(aws.into()),
            fix: None,
            replacement: None,
        });
    }

    pub fn lint(
        &mut self,
        severity: Severity,
        code: Code,
        span: Span,
        message: String,
        fix: Option<String>,
    ) {
        self.findings.push(Finding {
            severity,
            code,
            message,
            location: self.lines.locate(span),
            aws_message: None,
            fix,
            replacement: None,
        });
    }

    /// Gives the finding just reported a replacement text (see [`Finding::replacement`]).
    pub fn replace_last(&mut self, text: String) {
        if let Some(f) = self.findings.last_mut() {
            f.replacement = Some(text);
        }
    }
}
