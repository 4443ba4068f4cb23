//! What the editors show about a policy text, computed here on every change and sent to the page:
//! the status line (JSON validity, statement and finding counts, size against IAM's quota) and the
//! editor markers with their quick fixes. The policy parser and linter (`roleplay_policy::parse`),
//! joined by the service catalog's lint once it has loaded, are then not in the page's wasm
//! (docs/benchmarks.md, page weight).

use roleplay_policy::{parse, Code, Finding, ParseOptions, PolicyKind, Severity};
use roleplay_sim::limits::thousands;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// The first problem that makes AWS reject the document, where the editor should point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub code: Code,
    pub message: String,
    pub line: u32,
    pub column: u32,
}

/// Everything the status line and the editor markers need about one policy text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// The JSON syntax error, if the text is not JSON at all.
    pub json_error: Option<Problem>,
    /// The first error of any kind (syntax or AWS validation), in text order.
    pub first_error: Option<Problem>,
    /// Statements in the document; `None` when there is no document to count.
    pub statements: Option<usize>,
    pub errors: usize,
    /// Security findings and warnings.
    pub warnings: usize,
    pub suggestions: usize,
    /// Characters IAM counts (white space excluded).
    pub size: usize,
    /// The size quota, when one is known for this kind of document.
    pub limit: Option<usize>,
    pub markers: Rc<[Marker]>,
}

impl Analysis {
    /// A policy document of `kind` against a size `limit` (none: never over), with the service
    /// catalog's findings about it (unknown actions, keys that do not apply…) once it has loaded.
    pub fn of(text: &str, kind: PolicyKind, limit: Option<usize>) -> Analysis {
        let mut parsed = parse(text, &ParseOptions::kind(kind));
        let catalog = parsed.document.as_ref().map(crate::catalog::lint_document);
        if let Some(catalog) = catalog.filter(|c| !c.is_empty()) {
            parsed.findings.extend(catalog);
            parsed
                .findings
                .sort_by_key(|f| (f.severity, f.location.start));
        }
        let count = |wanted: &[Severity]| {
            parsed
                .findings
                .iter()
                .filter(|f| wanted.contains(&f.severity))
                .count()
        };
        let problem = |f: &Finding| Problem {
            code: f.code,
            message: f.message.clone(),
            line: f.location.start_line,
            column: f.location.start_column,
        };
        let first_error = parsed
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .min_by_key(|f| f.location.start)
            .map(problem);
        let json_error = parsed
            .findings
            .iter()
            .find(|f| f.code == Code::InvalidJson)
            .map(problem);
        Analysis {
            json_error,
            first_error,
            statements: parsed.document.as_ref().map(|d| d.statements.len()),
            errors: count(&[Severity::Error]),
            warnings: count(&[Severity::Security, Severity::Warning]),
            suggestions: count(&[Severity::Suggestion]),
            size: parsed.size,
            limit,
            markers: parsed
                .findings
                .iter()
                .map(|f| Marker::new(f, text))
                .collect(),
        }
    }

    pub fn over_quota(&self) -> bool {
        self.limit.is_some_and(|limit| self.size > limit)
    }

    /// "312 / 2,048 chars", or "312 chars" without a quota.
    pub fn size_label(&self) -> String {
        match self.limit {
            Some(limit) => format!("{} / {} chars", thousands(self.size), thousands(limit)),
            None => format!("{} chars", thousands(self.size)),
        }
    }

    /// The left part of the status line: JSON validity or the first error with its position.
    pub fn headline(&self) -> String {
        match (&self.json_error, &self.first_error) {
            (Some(p), _) => format!("Invalid JSON at {}:{}", p.line, p.column),
            (None, Some(p)) => format!("Error at {}:{}", p.line, p.column),
            (None, None) => "Valid JSON".to_owned(),
        }
    }

    /// The message of the first error, shown after the headline (which already says "Invalid JSON").
    pub fn detail(&self) -> Option<&str> {
        if let Some(p) = &self.json_error {
            return Some(
                p.message
                    .strip_prefix("Invalid JSON: ")
                    .unwrap_or(&p.message),
            );
        }
        self.first_error.as_ref().map(|p| p.message.as_str())
    }

    /// "1 statement · 0 errors · 0 warnings" (suggestions only when there are some).
    pub fn counts(&self) -> Vec<String> {
        let mut parts = Vec::with_capacity(4);
        if let Some(n) = self.statements {
            parts.push(plural(n, "statement", "statements"));
        }
        parts.push(plural(self.errors, "error", "errors"));
        parts.push(plural(self.warnings, "warning", "warnings"));
        if self.suggestions > 0 {
            parts.push(plural(self.suggestions, "suggestion", "suggestions"));
        }
        parts
    }
}

/// An editor marker: plain data for Monaco's `setModelMarkers` (1-based lines and columns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Marker {
    pub severity: MarkerSeverity,
    pub message: String,
    pub code: Code,
    pub start_line_number: u32,
    pub start_column: u32,
    pub end_line_number: u32,
    pub end_column: u32,
    /// The finding's replacement (`"allow"` → `"Allow"`), offered as Monaco's quick fix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quick_fix: Option<QuickFix>,
}

/// A marker's severity as Monaco names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkerSeverity {
    Error,
    Warning,
    Info,
}

/// Replace the text between two positions (1-based, UTF-16 columns) with `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuickFix {
    pub title: String,
    pub text: String,
    pub start_line_number: u32,
    pub start_column: u32,
    pub end_line_number: u32,
    pub end_column: u32,
}

impl Marker {
    /// The marker for one finding in `text`. A finding that points only at white space (a syntax
    /// error at the end of a line) is moved onto the token before it, or else the one after, so
    /// its squiggle can be seen. Columns are in UTF-16 units, as Monaco counts them.
    pub fn new(f: &Finding, text: &str) -> Self {
        let (start, end) = visible_range(text, f.location.start, f.location.end);
        let (start_line_number, start_column) = editor_position(text, start);
        let (end_line_number, end_column) = editor_position(text, end);
        let mut message = f.message.clone();
        if let Some(fix) = &f.fix {
            message.push_str("\nFix: ");
            message.push_str(fix);
        }
        if let Some(aws) = &f.aws_message {
            message.push_str("\nAWS: MalformedPolicyDocument: ");
            message.push_str(aws);
        }
        let quick_fix = f.replacement.as_ref().map(|replacement| {
            // The finding's own range, not the widened one: the replacement is for exactly it.
            let (start_line_number, start_column) = editor_position(text, f.location.start);
            let (end_line_number, end_column) = editor_position(text, f.location.end);
            QuickFix {
                // Short: Monaco's quick fix menu is narrow.
                title: format!("Use {}", replacement.trim_matches('"')),
                text: replacement.clone(),
                start_line_number,
                start_column,
                end_line_number,
                end_column,
            }
        });
        Marker {
            quick_fix,
            severity: match f.severity {
                Severity::Error => MarkerSeverity::Error,
                Severity::Security | Severity::Warning => MarkerSeverity::Warning,
                Severity::Suggestion => MarkerSeverity::Info,
            },
            message,
            code: f.code,
            start_line_number,
            start_column,
            end_line_number,
            end_column,
        }
    }
}

/// A byte range of `text` that covers something visible: `[start, end)` itself when it does,
/// else the run of non-white-space characters just before it on its line, else the next one.
fn visible_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let boundary = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (boundary(start), boundary(end.max(start)));
    let covered = text.get(start..end).unwrap_or_default();
    if covered.chars().any(|c| !c.is_whitespace()) {
        return (start, end);
    }
    let before = text.get(..start).unwrap_or_default();
    let line = before.rsplit('\n').next().unwrap_or_default();
    let token = line
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    if !token.is_empty() && line.trim_end().len() == line.len() {
        return (start - token.len(), start);
    }
    let after = text.get(end..).unwrap_or_default();
    let skipped = after.len() - after.trim_start().len();
    let token = after
        .trim_start()
        .split(char::is_whitespace)
        .next()
        .unwrap_or_default();
    if token.is_empty() {
        // Nothing visible anywhere near (an empty document): one character where it points.
        let next = text
            .get(start..)
            .and_then(|t| t.chars().next())
            .map_or(0, char::len_utf8);
        return (start, start + next);
    }
    (end + skipped, end + skipped + token.len())
}

/// 1-based line and UTF-16 column of a byte offset (on a char boundary).
fn editor_position(text: &str, offset: usize) -> (u32, u32) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before
        .get(line_start..)
        .unwrap_or_default()
        .encode_utf16()
        .count()
        + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

/// `3 services`, `1 action`, `22,091 actions`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_columns_are_utf16_units() {
        // "😀" is one character, two UTF-16 units and four bytes.
        assert_eq!(editor_position("{\"😀\" x", 7), (1, 6));
        assert_eq!(editor_position("a\nbc", 3), (2, 2));
        assert_eq!(visible_range("ab  ", 2, 4), (0, 2));
    }
}
