//! The markdown shown in hovers and completion details. Monaco renders it without HTML; anything a
//! user wrote goes into a code span ([`code`]), so it is shown as text, never as markup.

use roleplay_catalog::{Action, Catalog, ConditionKey};
use roleplay_policy::reference::{self, ElementDoc, KeyDoc, KeyScope};
use roleplay_policy::Operator;
use std::fmt::Write;

/// How many names a wildcard's hover lists before "… and N more".
const LISTED: usize = 30;

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

pub fn element(e: &ElementDoc, what: &str) -> String {
    format!("**{}** · {what}\n\n{}", e.name, e.meaning)
}

pub fn operator(op: &Operator) -> String {
    format!(
        "**{}** · condition operator · compares {}\n\n{}",
        op.name(),
        reference::operator_type(op.kind),
        reference::operator_meaning(op)
    )
}

pub fn key(k: &KeyDoc) -> String {
    let scope = match k.scope {
        KeyScope::Global => "global condition key",
        KeyScope::AssumeRole => "condition key of AssumeRole* requests",
    };
    format!(
        "**{}** · {} · {scope}\n\n{}",
        k.name,
        k.type_name(),
        k.meaning
    )
}

/// A service's condition key from the catalog.
pub fn catalog_key(catalog: &Catalog, k: &ConditionKey) -> String {
    let service = k
        .name()
        .split_once(':')
        .and_then(|(p, _)| catalog.service(p))
        .map_or_else(String::new, |s| format!(" of {}", s.name()));
    let mut text = format!(
        "**{}** · {} · condition key{service}",
        k.name(),
        k.type_name()
    );
    if k.multivalued() {
        text.push_str("\n\nMultivalued: compare it with ForAnyValue: or ForAllValues:.");
    }
    text
}

/// An action: its service, access level, resource types with their ARN formats, condition keys.
pub fn action(catalog: &Catalog, a: &Action) -> String {
    let service = catalog.service_of(a).map_or("", |s| s.name());
    let mut text = format!(
        "**{}** · {service}\n\nAccess level: **{}**",
        a.full_name(),
        a.access_level().as_str()
    );
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
    text
}

/// What a wildcard action matches: the count, per access level, and the first names.
pub fn expansion(pattern: &str, matched: &[&Action]) -> String {
    let count = matched.len();
    let mut text = format!(
        "**{} → {count} action{}**",
        code(pattern),
        if count == 1 { "" } else { "s" }
    );
    if count == 0 {
        text.push_str("\n\nNo action in the service catalog matches this pattern.");
        return text;
    }
    let mut levels: Vec<(&str, usize)> = Vec::new();
    for a in matched {
        let level = a.access_level().as_str();
        match levels.iter_mut().find(|(l, _)| *l == level) {
            Some((_, n)) => *n += 1,
            None => levels.push((level, 1)),
        }
    }
    levels.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    let summary: Vec<String> = levels.iter().map(|(l, n)| format!("{l} {n}")).collect();
    let _ = write!(text, "\n\n{}", summary.join(" · "));
    let names: Vec<String> = matched
        .iter()
        .take(LISTED)
        .map(|a| code(a.full_name()))
        .collect();
    let _ = write!(text, "\n\n{}", names.join(", "));
    if count > LISTED {
        let _ = write!(text, " … and {} more.", count - LISTED);
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
