//! What one step produced, before it is laid out as a result.

use crate::session::{Session, TokenSession};
use roleplay_eval::{Context, Decision, Explanation};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct StepError {
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// `allowed`, `explicitDeny`, `implicitDeny` or `error`.
    pub decision: &'static str,
    pub response: Option<serde_json::Value>,
    pub error: Option<StepError>,
    pub explanation: Option<Box<Explanation>>,
    pub context: Option<Box<Context>>,
    pub session: Option<Box<Session>>,
    /// Credentials a GetSessionToken or GetFederationToken step created.
    pub token: Option<Box<TokenSession>>,
}

impl Outcome {
    /// A call that failed before or outside authorization.
    pub fn error(code: &str, message: impl Into<String>) -> Outcome {
        Outcome {
            decision: "error",
            error: Some(StepError {
                code: code.into(),
                message: message.into(),
            }),
            ..Outcome::default()
        }
    }

    /// The same, boxed, for `Result` error variants.
    pub fn fail(code: &str, message: impl Into<String>) -> Box<Outcome> {
        Box::new(Outcome::error(code, message))
    }

    pub fn allowed(response: serde_json::Value) -> Outcome {
        Outcome {
            decision: "allowed",
            response: Some(response),
            ..Outcome::default()
        }
    }

    /// An authorization denial: AccessDenied (in the service's spelling) with AWS's message.
    pub fn denied(
        explanation: Explanation,
        message: String,
        context: Context,
        action: &str,
    ) -> Outcome {
        Outcome {
            decision: explanation.decision.as_str(),
            error: Some(StepError {
                code: service_error_code("AccessDenied", action),
                message,
            }),
            explanation: Some(Box::new(explanation)),
            context: Some(Box::new(context)),
            ..Outcome::default()
        }
    }

    /// The outcome compared with `expect`: the decision, or the error code for errors.
    pub fn code(&self) -> &str {
        match (&self.error, self.decision) {
            (Some(e), "error") => &e.code,
            _ => self.decision,
        }
    }
}

/// Services that speak AWS's JSON protocols spell their errors with an `Exception` suffix
/// (`AccessDeniedException`, `ExpiredTokenException`); query and REST-XML services — STS, IAM, S3,
/// EC2, SNS — do not (§5.9 `ExpiredToken`).
const JSON_PROTOCOL: &[&str] = &[
    "athena",
    "cloudtrail",
    "codebuild",
    "codepipeline",
    "cognito-identity",
    "cognito-idp",
    "dynamodb",
    "ecr",
    "ecs",
    "eks",
    "events",
    "firehose",
    "glue",
    "kinesis",
    "kms",
    "lambda",
    "logs",
    "organizations",
    "secretsmanager",
    "sqs",
    "ssm",
    "states",
];

/// `code` as the service of `action` spells it.
pub fn service_error_code(code: &str, action: &str) -> String {
    let service = action.split(':').next().unwrap_or("");
    if JSON_PROTOCOL
        .iter()
        .any(|s| s.eq_ignore_ascii_case(service))
    {
        format!("{code}Exception")
    } else {
        code.to_string()
    }
}

pub fn is_allowed(e: &Explanation) -> bool {
    e.decision == Decision::Allowed
}
