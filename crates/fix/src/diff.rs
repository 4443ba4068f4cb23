//! What a fix changes, for people: each policy it replaces as a line diff of the pretty-printed
//! documents (hunks with two lines of context), each other operation as one line. The CLI prints it
//! as a unified diff, the app as highlighted lines.

use crate::marks::{marks, Mark};
use crate::report::Fix;
use serde_json::Value;
use similar::{ChangeTag, TextDiff};

/// One operation of a fix's patch.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Change {
    /// `add`, `replace`, `remove`.
    pub op: String,
    /// The JSON Pointer it applies to.
    pub path: String,
    /// For a policy replaced whole: the diff's lines; empty otherwise.
    pub lines: Vec<Line>,
    /// For any other operation: the value written, as compact JSON.
    pub value: Option<String>,
    /// For a policy kept as text (as the editors keep it): the ranges of that text the fix changes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<Mark>,
}

/// A diff line: `' '` context, `'-'` removed, `'+'` added, `'@'` a hunk's start (its text says
/// where: `@@ -10,5 +10,8 @@`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Line {
    pub tag: char,
    pub text: String,
    /// 1-based line in the new document (added and context lines).
    pub new_line: Option<usize>,
}

/// The changes of `fix` against the document its patch applies to.
pub fn changes(fix: &Fix, document: &Value) -> Vec<Change> {
    changes_of(&fix.patch, document)
}

/// The changes of any patch (a fix, a near miss) against the document it applies to.
pub fn changes_of(patch: &json_patch::Patch, document: &Value) -> Vec<Change> {
    use json_patch::PatchOperation as Op;
    patch
        .0
        .iter()
        .map(|op| {
            let (kind, new) = match op {
                Op::Add(a) => ("add", Some(&a.value)),
                Op::Replace(r) => ("replace", Some(&r.value)),
                Op::Test(t) => ("test", Some(&t.value)),
                Op::Remove(_) => ("remove", None),
                Op::Move(_) => ("move", None),
                Op::Copy(_) => ("copy", None),
            };
            let path = op.path().to_string();
            let current = document.pointer(&path);
            match (current.map(as_policy), new) {
                (Some(old), Some(new)) if new.get("Statement").is_some() => Change {
                    lines: line_diff(&pretty(&old), &pretty(new)),
                    marks: match current {
                        Some(Value::String(text)) => marks(text, new),
                        _ => Vec::new(),
                    },
                    op: kind.to_string(),
                    path,
                    value: None,
                },
                _ => Change {
                    op: kind.to_string(),
                    path,
                    lines: Vec::new(),
                    value: new.map(|v| serde_json::to_string(v).unwrap_or_default()),
                    marks: Vec::new(),
                },
            }
        })
        .collect()
}

/// A policy given as text reads as its JSON, so the diff compares documents.
fn as_policy(v: &Value) -> Value {
    match v {
        Value::String(s) => serde_json::from_str(s).unwrap_or_else(|_| v.clone()),
        other => other.clone(),
    }
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

fn line_diff(old: &str, new: &str) -> Vec<Line> {
    let diff = TextDiff::from_lines(old, new);
    let mut out = Vec::new();
    for group in diff.grouped_ops(2) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let (o, n) = (first.old_range().start, first.new_range().start);
        let (o_len, n_len) = (last.old_range().end - o, last.new_range().end - n);
        out.push(Line {
            tag: '@',
            text: format!("@@ -{},{o_len} +{},{n_len} @@", o + 1, n + 1),
            new_line: None,
        });
        for op in &group {
            for change in diff.iter_changes(op) {
                let tag = match change.tag() {
                    ChangeTag::Equal => ' ',
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                };
                out.push(Line {
                    tag,
                    text: change.value().trim_end_matches('\n').to_string(),
                    new_line: change.new_index().map(|i| i + 1),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::line_diff;

    #[test]
    fn hunks_carry_context_and_new_line_numbers() {
        let old = "a\nb\nc\nd\ne\nf\n";
        let new = "a\nb\nc\nX\ne\nf\n";
        let lines = line_diff(old, new);
        let tags: String = lines.iter().map(|l| l.tag).collect();
        assert_eq!(tags, "@  -+  ");
        assert_eq!(
            lines.first().map(|l| l.text.as_str()),
            Some("@@ -2,5 +2,5 @@")
        );
        let added = lines.iter().find(|l| l.tag == '+');
        assert_eq!(added.and_then(|l| l.new_line), Some(4));
    }
}
