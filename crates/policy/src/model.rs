//! The typed policy model, in AWS's own names. Every element keeps the span it was parsed from.

use crate::operator::Operator;
use crate::span::{LineIndex, Span};
use serde::Serialize;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// The policy language version (`Version` element).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Version {
    #[serde(rename = "2012-10-17")]
    V2012_10_17,
    #[serde(rename = "2008-10-17")]
    V2008_10_17,
}

impl Version {
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V2012_10_17 => "2012-10-17",
            Version::V2008_10_17 => "2008-10-17",
        }
    }
}

/// One policy document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub version: Option<Spanned<Version>>,
    pub id: Option<Spanned<String>>,
    pub statements: Vec<Statement>,
    pub span: Span,
    #[serde(skip)]
    pub lines: LineIndex,
}

impl Document {
    /// Policy variables are substituted only under `2012-10-17`; otherwise `${…}` is literal text (§1.2).
    pub fn variables_enabled(&self) -> bool {
        matches!(
            self.version.as_ref().map(|v| v.value),
            Some(Version::V2012_10_17)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Effect {
    Allow,
    Deny,
}

/// One statement. `Principal`/`NotPrincipal`, `Action`/`NotAction`, `Resource`/`NotResource` are each
/// one element with a `negated` flag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// Position in the document, 0-based.
    pub index: usize,
    pub sid: Option<Spanned<String>>,
    pub effect: Spanned<Effect>,
    pub principal: Option<PrincipalElement>,
    pub action: Option<ActionElement>,
    pub resource: Option<ResourceElement>,
    pub conditions: Vec<Condition>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrincipalElement {
    /// `NotPrincipal` when true.
    pub negated: bool,
    pub value: Principal,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Principal {
    /// `"Principal": "*"` — everyone, anonymous callers included.
    Any,
    /// `{"AWS": …, "Service": …, "Federated": …, "CanonicalUser": …}`; entries are OR-ed.
    Map(Vec<PrincipalEntry>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PrincipalType {
    #[serde(rename = "AWS")]
    Aws,
    Service,
    Federated,
    CanonicalUser,
}

impl PrincipalType {
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalType::Aws => "AWS",
            PrincipalType::Service => "Service",
            PrincipalType::Federated => "Federated",
            PrincipalType::CanonicalUser => "CanonicalUser",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrincipalEntry {
    pub kind: PrincipalType,
    pub value: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionElement {
    /// `NotAction` when true.
    pub negated: bool,
    pub patterns: Vec<Spanned<String>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResourceElement {
    /// `NotResource` when true.
    pub negated: bool,
    pub patterns: Vec<Spanned<String>>,
    pub span: Span,
}

/// One `"Operator": {"key": values}` pair of a `Condition` block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Condition {
    pub operator: Operator,
    pub operator_span: Span,
    /// The key as written (key names compare case-insensitively).
    pub key: String,
    pub key_span: Span,
    /// Values as text: JSON numbers keep their written form, booleans become `true`/`false`.
    pub values: Vec<Spanned<String>>,
    pub span: Span,
}
