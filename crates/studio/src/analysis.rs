//! What the editors show about their text, computed in Rust on every keystroke: the status line
//! (JSON validity, statement and finding counts, size against IAM's quota) and the editor markers.
//!
//! Pure functions over `roleplay_policy::parse`, joined by the catalog's findings once the worker
//! has linted the text against the service catalog; no DOM, so everything here is tested natively.

use roleplay_policy::Code;
use roleplay_policy::{parse, Finding, ParseOptions, PolicyKind, Quota, Severity};
use serde::Serialize;
use std::rc::Rc;

/// The two policies of the role being edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RolePolicy {
    /// The role's trust policy: who may assume it.
    Trust,
    /// The role's (inline) permissions policy: what its sessions may do.
    Permissions,
}

impl RolePolicy {
    pub const ALL: [RolePolicy; 2] = [RolePolicy::Trust, RolePolicy::Permissions];

    pub fn kind(self) -> PolicyKind {
        match self {
            RolePolicy::Trust => PolicyKind::Trust,
            RolePolicy::Permissions => PolicyKind::Identity,
        }
    }

    pub fn quota(self) -> Quota {
        match self {
            RolePolicy::Trust => Quota::TRUST,
            RolePolicy::Permissions => Quota::ROLE_INLINE,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            RolePolicy::Trust => "Trust policy",
            RolePolicy::Permissions => "Permissions policy",
        }
    }

    pub fn question(self) -> &'static str {
        match self {
            RolePolicy::Trust => "Who can assume this role?",
            RolePolicy::Permissions => "What can the session do?",
        }
    }

    /// Stable DOM id prefix (`trust`, `permissions`), used by styles and the browser tests.
    pub fn id(self) -> &'static str {
        match self {
            RolePolicy::Trust => "trust",
            RolePolicy::Permissions => "permissions",
        }
    }
}

/// The first problem that makes AWS reject the document, where the editor should point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: Code,
    pub message: String,
    pub line: u32,
    pub column: u32,
}

/// Everything the status line and the editor markers need about one policy text.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    pub limit: usize,
    pub markers: Rc<[Marker]>,
}

impl Analysis {
    /// The analysis of `text`; the catalog's findings about it (unknown actions, keys that do not
    /// apply…, from the worker) join the policy's own.
    pub fn of(text: &str, policy: RolePolicy, catalog: &[Finding]) -> Analysis {
        Analysis::for_kind(text, policy.kind(), Some(policy.quota()), catalog)
    }

    /// Any kind of policy document; without a quota the size is never over.
    pub fn for_kind(
        text: &str,
        kind: PolicyKind,
        quota: Option<Quota>,
        catalog: &[Finding],
    ) -> Analysis {
        let mut parsed = parse(text, &ParseOptions::kind(kind));
        if parsed.document.is_some() && !catalog.is_empty() {
            parsed.findings.extend_from_slice(catalog);
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
            limit: quota.map_or(usize::MAX, |q| q.limit),
            markers: parsed
                .findings
                .iter()
                .map(|f| Marker::new(f, text))
                .collect(),
        }
    }

    pub fn over_quota(&self) -> bool {
        self.size > self.limit
    }

    /// "312 / 2,048 chars"
    pub fn size_label(&self) -> String {
        format!("{} / {} chars", thousands(self.size), thousands(self.limit))
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Marker {
    /// "error", "warning", "info" or "hint".
    pub severity: &'static str,
    pub message: String,
    pub code: Code,
    pub start_line_number: u32,
    pub start_column: u32,
    pub end_line_number: u32,
    pub end_column: u32,
    /// The finding's replacement (`"allow"` → `"Allow"`), offered as Monaco's quick fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quick_fix: Option<QuickFix>,
}

/// Replace the text between two positions (1-based, UTF-16 columns) with `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
                Severity::Error => "error",
                Severity::Security | Severity::Warning => "warning",
                Severity::Suggestion => "info",
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

/// 2048 → "2,048" (the simulator's own, so counts read alike in findings and the page).
pub use roleplay_sim::limits::thousands;

/// `3 services`, `1 action`, `22,091 actions`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    mod defaults {
        use std::sync::LazyLock;
        pub static TRUST: LazyLock<String> =
            LazyLock::new(|| crate::scenario::trust_text(&crate::scenario::default_scenario()));
        pub static PERMISSIONS: LazyLock<String> = LazyLock::new(|| {
            crate::scenario::permissions_text(&crate::scenario::default_scenario())
        });
    }

    #[test]
    fn thousands_groups_digits() {
        for (n, s) in [
            (0, "0"),
            (12, "12"),
            (312, "312"),
            (2048, "2,048"),
            (10240, "10,240"),
            (1_000_000, "1,000,000"),
        ] {
            assert_eq!(thousands(n), s);
        }
    }

    #[test]
    fn defaults_are_valid_and_pretty_printed() {
        let s = crate::scenario::default_scenario();
        for (text, policy) in [
            (crate::scenario::trust_text(&s), RolePolicy::Trust),
            (
                crate::scenario::permissions_text(&s),
                RolePolicy::Permissions,
            ),
        ] {
            let text = text.as_str();
            let a = Analysis::of(text, policy, &[]);
            assert_eq!(a.headline(), "Valid JSON", "{policy:?}: {a:?}");
            assert_eq!(a.statements, Some(1));
            assert_eq!(a.errors, 0, "{policy:?}: {a:?}");
            assert_eq!(a.warnings, 0, "{policy:?}: {a:?}");
            assert!(!a.over_quota());
            assert!(serde_json::from_str::<serde_json::Value>(text).is_ok());
            assert_two_space_indented(text);
        }
    }

    /// Each line is indented by two spaces per level of nesting it sits in.
    fn assert_two_space_indented(text: &str) {
        let mut depth: usize = 0;
        for line in text.lines() {
            let trimmed = line.trim_start();
            let closes = trimmed.starts_with(['}', ']']);
            let level = if closes {
                depth.saturating_sub(1)
            } else {
                depth
            };
            assert_eq!(
                line.len() - trimmed.len(),
                2 * level,
                "indentation of {line:?}"
            );
            for c in trimmed.chars() {
                match c {
                    '{' | '[' => depth += 1,
                    '}' | ']' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
        }
        assert_eq!(depth, 0);
    }

    #[test]
    fn size_is_counted_without_white_space_against_the_quota() {
        let trust = Analysis::of(&defaults::TRUST, RolePolicy::Trust, &[]);
        let expected = defaults::TRUST
            .chars()
            .filter(|c| !c.is_ascii_whitespace())
            .count();
        assert_eq!(trust.size, expected);
        assert_eq!(
            trust.size_label(),
            format!("{} / 2,048 chars", thousands(expected))
        );
        let perms = Analysis::of(&defaults::PERMISSIONS, RolePolicy::Permissions, &[]);
        assert!(perms.size_label().ends_with(" / 10,240 chars"));
    }

    #[test]
    fn broken_json_reports_line_and_column() {
        // Drop the comma after "2012-10-17": the parser expects it right there, line 2 column 26.
        let broken = defaults::TRUST.replacen("\"2012-10-17\",", "\"2012-10-17\"", 1);
        let a = Analysis::of(&broken, RolePolicy::Trust, &[]);
        let err = a.json_error.clone().unwrap_or(Problem {
            code: Code::EmptyDocument,
            message: String::new(),
            line: 0,
            column: 0,
        });
        assert_eq!((err.line, err.column), (2, 26), "{a:?}");
        assert_eq!(a.headline(), "Invalid JSON at 2:26");
        assert_eq!(a.statements, None);
        assert!(a.errors >= 1);
        assert_eq!(a.detail(), Some("Expected comma."));
        assert_eq!(a.markers.first().map(|m| m.severity), Some("error"));
    }

    #[test]
    fn validation_errors_are_not_json_errors() {
        let no_principal = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}"#;
        let a = Analysis::of(no_principal, RolePolicy::Trust, &[]);
        assert!(a.json_error.is_none());
        assert!(a.errors >= 1, "{a:?}");
        assert!(a.headline().starts_with("Error at 1:"), "{}", a.headline());
    }

    #[test]
    fn counts_read_naturally() {
        let a = Analysis::of(&defaults::TRUST, RolePolicy::Trust, &[]);
        assert_eq!(a.counts(), ["1 statement", "0 errors", "0 warnings"]);
        let empty = Analysis::of("", RolePolicy::Trust, &[]);
        assert_eq!(empty.statements, None);
        assert_eq!(empty.counts().first().map(String::as_str), Some("1 error"));
    }

    fn marker_range(text: &str) -> (u32, u32, u32, u32) {
        let a = Analysis::of(text, RolePolicy::Trust, &[]);
        let m = a.markers.first().cloned();
        m.map(|m| {
            (
                m.start_line_number,
                m.start_column,
                m.end_line_number,
                m.end_column,
            )
        })
        .unwrap_or_default()
    }

    #[test]
    fn an_error_at_a_line_end_underlines_the_token_before_it() {
        let broken = defaults::TRUST.replacen("\"2012-10-17\",", "\"2012-10-17\"", 1);
        // `"2012-10-17"` is columns 14 to 25 of line 2.
        assert_eq!(marker_range(&broken), (2, 14, 2, 26));
    }

    #[test]
    fn an_error_after_leading_white_space_underlines_the_next_token() {
        assert_eq!(marker_range("  \n  x"), (2, 3, 2, 4));
        assert_eq!(marker_range(""), (1, 1, 1, 1));
    }

    #[test]
    fn marker_columns_are_utf16_units() {
        // "😀" is one character, two UTF-16 units and four bytes.
        assert_eq!(editor_position("{\"😀\" x", 7), (1, 6));
        assert_eq!(editor_position("a\nbc", 3), (2, 2));
        assert_eq!(visible_range("ab  ", 2, 4), (0, 2));
    }

    #[test]
    fn a_replacement_becomes_a_quick_fix_over_the_exact_string() {
        let text =
            "{\"Statement\": {\"Effect\": \"allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}}";
        let a = Analysis::of(text, RolePolicy::Permissions, &[]);
        let fix = a.markers.iter().find_map(|m| m.quick_fix.as_ref());
        assert_eq!(
            fix.map(|f| (f.text.as_str(), f.start_column, f.end_column)),
            // `"allow"` stands at columns 26–33 (1-based, the end exclusive).
            Some(("\"Allow\"", 26, 33))
        );
        let json = serde_json::to_value(&a.markers).unwrap_or_default();
        assert!(json.to_string().contains("\"quickFix\""), "{json}");
    }

    #[test]
    fn markers_serialize_as_plain_monaco_data() {
        let a = Analysis::of("{", RolePolicy::Permissions, &[]);
        let json = serde_json::to_value(a.markers.first()).unwrap_or_default();
        for key in [
            "severity",
            "message",
            "code",
            "startLineNumber",
            "startColumn",
            "endLineNumber",
            "endColumn",
        ] {
            assert!(json.get(key).is_some(), "{key} missing in {json}");
        }
    }

    #[test]
    fn the_catalogs_findings_join_the_policys_own() {
        let fixture = include_str!("../../catalog/tests/fixtures/catalog.json");
        assert!(roleplay_worker::catalog::load(fixture).is_ok());
        let text = defaults::PERMISSIONS.replace("s3:GetObject", "s3:GetObjet");
        let findings = roleplay_worker::catalog::lint(&text, PolicyKind::Identity);
        let plain = Analysis::of(&text, RolePolicy::Permissions, &[]);
        let with = Analysis::of(&text, RolePolicy::Permissions, &findings);
        assert_eq!((plain.warnings, with.warnings), (0, 1));
        assert_eq!(with.markers[0].code, Code::UnknownAction);
        assert!(with.markers[0]
            .message
            .contains("did you mean `s3:GetObject`"));
    }
}
