//! The markdown shown in hovers and completion details. Monaco renders it without HTML; anything a
//! user wrote goes into a code span ([`code`]), so it is shown as text, never as markup.

use roleplay_catalog::{AccessLevel, Action, Catalog, ConditionKey};
use roleplay_policy::reference::{self, KeyDoc, KeyScope, Term};
use roleplay_policy::Operator;
use std::fmt::Write;

/// How many names a wildcard's hover lists at most (`s3:Get*`'s 63 fit; `s3:*` does not).
const LISTED: usize = 100;

/// `text` as a markdown code span, whatever it holds (the fence is longer than any backtick run).
pub fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// What a name means: a header line (name, kind, type) and a body. A hover shows both; a
/// completion item shows the header's facts as its detail and the body beside the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub header: String,
    pub body: String,
}

impl Doc {
    /// Header and body as one markdown text.
    pub fn hover(&self) -> String {
        if self.body.is_empty() {
            self.header.clone()
        } else {
            format!("{}\n\n{}", self.header, self.body)
        }
    }
}

pub fn term(e: &Term, what: &str) -> Doc {
    Doc {
        header: format!("**{}** · {what}", e.name),
        body: e.meaning.to_owned(),
    }
}

pub fn operator(op: &Operator) -> Doc {
    Doc {
        header: format!(
            "**{}** · condition operator · compares {}",
            op.name(),
            reference::operator_type(op.kind)
        ),
        body: reference::operator_meaning(op),
    }
}

pub fn key(k: &KeyDoc) -> Doc {
    let scope = match k.scope {
        KeyScope::Global => "global condition key",
        KeyScope::AssumeRole => "condition key of AssumeRole* requests",
        KeyScope::Service => "service condition key",
    };
    Doc {
        header: format!("**{}** · {} · {scope}", k.name, k.type_name()),
        body: k.meaning.to_owned(),
    }
}

/// A service's condition key from the catalog.
pub fn catalog_key(catalog: &Catalog, k: &ConditionKey) -> Doc {
    let service = k
        .name()
        .split_once(':')
        .and_then(|(p, _)| catalog.service(p))
        .map_or_else(String::new, |s| format!(" of {}", s.name()));
    Doc {
        header: format!(
            "**{}** · {} · condition key{service}",
            k.name(),
            k.type_name()
        ),
        body: if k.multivalued() {
            "Multivalued: compare it with ForAnyValue: or ForAllValues:.".to_owned()
        } else {
            String::new()
        },
    }
}

/// An action: its service, access level, resource types with their ARN formats, condition keys.
pub fn action(catalog: &Catalog, a: &Action) -> Doc {
    let service = catalog.service_of(a).map_or("", |s| s.name());
    let header = format!("**{}** · {service}", a.full_name());
    let mut text = format!("Access level: **{}**", a.access_level().as_str());
    let resources: Vec<String> = catalog
        .resource_types(a)
        .map(|(rt, required)| {
            format!(
                "- {}{} {}",
                code(rt.name()),
                if required { " (required)" } else { "" },
                code(rt.arn_format())
            )
        })
        .collect();
    if resources.is_empty() {
        text.push_str("\n\nResource types: none — this action takes only `\"Resource\": \"*\"`.");
    } else {
        text.push_str("\n\nResource types:\n");
        text.push_str(&resources.join("\n"));
    }
    let keys: Vec<String> = catalog
        .action_condition_keys(a)
        .map(|k| code(k.name()))
        .collect();
    if !keys.is_empty() {
        let _ = write!(text, "\n\nCondition keys: {}", keys.join(", "));
    }
    Doc { header, body: text }
}

/// What a wildcard action matches: the count, then the names by access level (without the service
/// prefix when they share one), up to [`LISTED`] names.
pub fn expansion(catalog: &Catalog, pattern: &str, matched: &[&Action]) -> String {
    let count = matched.len();
    let mut text = format!(
        "**{} → {count} action{}**",
        code(pattern),
        if count == 1 { "" } else { "s" }
    );
    let Some(first) = matched.first() else {
        text.push_str("\n\nNo action in the service catalog matches this pattern.");
        return text;
    };
    let one_service = matched
        .iter()
        .all(|a| a.service_prefix() == first.service_prefix());
    if let Some(service) = catalog.service_of(first).filter(|_| one_service) {
        let _ = write!(text, " · {}", service.name());
    }
    let mut levels: Vec<AccessLevel> = matched.iter().map(|a| a.access_level()).collect();
    levels.sort();
    levels.dedup();
    let mut listed = 0;
    for level in levels {
        let of_level: Vec<&&Action> = matched
            .iter()
            .filter(|a| a.access_level() == level)
            .collect();
        let shown: Vec<String> = of_level
            .iter()
            .take(LISTED.saturating_sub(listed))
            .map(|a| code(if one_service { a.name() } else { a.full_name() }))
            .collect();
        listed += shown.len();
        let _ = write!(text, "\n\n**{}** ({}): ", level.as_str(), of_level.len());
        text.push_str(&shown.join(", "));
        let rest = of_level.len() - shown.len();
        if rest > 0 {
            let _ = write!(
                text,
                "{}… and {rest} more",
                if shown.is_empty() { "" } else { ", " }
            );
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::code;

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code("s3:Get*"), "`s3:Get*`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("<img src=x>"), "`<img src=x>`");
        assert_eq!(code(""), "``");
    }
}
