//! roleplay-policy: the IAM policy language.
//!
//! Reads policy text with a span-aware JSON parser into a typed model in AWS's own names
//! ([`Document`], [`Statement`], [`Principal`], [`Condition`] with a pre-parsed [`Operator`]), validates it
//! against the rules of its [`PolicyKind`] with AWS's `MalformedPolicyDocument` wording, lints it in IAM
//! Access Analyzer's classes, and measures it against IAM's size quotas. Every element and finding carries
//! its source location. [`reference`] says what the language's names mean (elements, operators, global
//! and STS condition keys with their types), for lint and for editors.
//!
//! It never evaluates a request, never does I/O, and never panics on any input: whatever a user types,
//! the result is a document and/or findings.
//!
//! Comments cite AWS's rules as §N: section N of `docs/aws-rules.md`.
#![forbid(unsafe_code)]

pub mod arn;
mod code;
mod finding;
pub mod instant;
pub mod json;
mod kind;
mod lint;
mod model;
mod operator;
mod parse;
pub mod reference;
mod span;
pub mod spelling;
pub mod value;

pub use code::Code;
pub use finding::{aws as aws_messages, Finding, Severity};
pub use json::{nests_deeper_than, MAX_NESTING};
pub use kind::{is_multivalued_key, quota_size, PolicyKind, Quota};
pub use model::{
    ActionElement, Condition, Document, Effect, Principal, PrincipalElement, PrincipalEntry,
    PrincipalType, ResourceElement, Spanned, Statement, Version,
};
pub use operator::{Family, Operator, OperatorKind, SetQualifier};
pub use parse::{parse, ParseOptions, Parsed, MAX_STATEMENTS};
pub use reference::ValueType;
pub use span::{LineIndex, Location, Span};
