//! The role's two policy editors, and what they show about their text: the status line and the
//! markers, computed by the page's worker on every change (`roleplay_worker::analysis`, tested
//! here against the editors' own texts).

use roleplay_policy::{PolicyKind, Quota};

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

pub use roleplay_worker::analysis::{plural, Analysis, Marker, MarkerSeverity, Problem, QuickFix};

/// 2048 → "2,048" (the simulator's own, so counts read alike in findings and the page).
pub use roleplay_sim::limits::thousands;

/// The worker's analysis of one of the role's policies (for tests and native callers, which have no
/// worker).
pub fn analyse(text: &str, policy: RolePolicy) -> Analysis {
    Analysis::of(text, policy.kind(), Some(policy.quota().limit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use roleplay_policy::Code;

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
            let a = analyse(text, policy);
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
        let trust = analyse(&defaults::TRUST, RolePolicy::Trust);
        let expected = defaults::TRUST
            .chars()
            .filter(|c| !c.is_ascii_whitespace())
            .count();
        assert_eq!(trust.size, expected);
        assert_eq!(
            trust.size_label(),
            format!("{} / 2,048 chars", thousands(expected))
        );
        let perms = analyse(&defaults::PERMISSIONS, RolePolicy::Permissions);
        assert!(perms.size_label().ends_with(" / 10,240 chars"));
    }

    #[test]
    fn broken_json_reports_line_and_column() {
        // Drop the comma after "2012-10-17": the parser expects it right there, line 2 column 26.
        let broken = defaults::TRUST.replacen("\"2012-10-17\",", "\"2012-10-17\"", 1);
        let a = analyse(&broken, RolePolicy::Trust);
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
        assert_eq!(
            a.markers.first().map(|m| m.severity),
            Some(MarkerSeverity::Error)
        );
    }

    #[test]
    fn validation_errors_are_not_json_errors() {
        let no_principal = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}"#;
        let a = analyse(no_principal, RolePolicy::Trust);
        assert!(a.json_error.is_none());
        assert!(a.errors >= 1, "{a:?}");
        assert!(a.headline().starts_with("Error at 1:"), "{}", a.headline());
    }

    #[test]
    fn counts_read_naturally() {
        let a = analyse(&defaults::TRUST, RolePolicy::Trust);
        assert_eq!(a.counts(), ["1 statement", "0 errors", "0 warnings"]);
        let empty = analyse("", RolePolicy::Trust);
        assert_eq!(empty.statements, None);
        assert_eq!(empty.counts().first().map(String::as_str), Some("1 error"));
    }

    fn marker_range(text: &str) -> (u32, u32, u32, u32) {
        let a = analyse(text, RolePolicy::Trust);
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
    fn a_replacement_becomes_a_quick_fix_over_the_exact_string() {
        let text =
            "{\"Statement\": {\"Effect\": \"allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}}";
        let a = analyse(text, RolePolicy::Permissions);
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
        let a = analyse("{", RolePolicy::Permissions);
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
        let text = defaults::PERMISSIONS.replace("s3:GetObject", "s3:GetObjet");
        let plain = analyse(&text, RolePolicy::Permissions);
        assert!(roleplay_worker::catalog::load(fixture).is_ok());
        let with = analyse(&text, RolePolicy::Permissions);
        assert_eq!((plain.warnings, with.warnings), (0, 1));
        assert_eq!(with.markers[0].code, Code::UnknownAction);
        assert!(with.markers[0]
            .message
            .contains("did you mean `s3:GetObject`"));
    }
}
