//! Where a fix touches a policy the user sees as text: the ranges of the current text that the fixed
//! document changes, so the editor can light them while the user weighs the fix. A changed or removed
//! value is marked where it stands; an added key or element at the closing brace or bracket it goes
//! before.

use roleplay_policy::json::{self, Value as Spanned};
use roleplay_policy::{LineIndex, Span};
use serde_json::Value;

/// A marked range in 1-based lines and columns of the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mark {
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// The ranges of `text` (a policy's current text) that `new` (its fixed document) changes; none when
/// the text does not read as JSON.
pub fn marks(text: &str, new: &Value) -> Vec<Mark> {
    let Ok(Some(old)) = json::parse(text) else {
        return Vec::new();
    };
    let mut spans = Vec::new();
    changed(&old, new, &mut spans);
    let index = LineIndex::new(text);
    spans
        .into_iter()
        .map(|span| {
            let at = index.locate(span);
            Mark {
                start_line: at.start_line,
                start_column: at.start_column,
                end_line: at.end_line,
                end_column: at.end_column,
            }
        })
        .collect()
}

fn changed(old: &Spanned, new: &Value, out: &mut Vec<Span>) {
    match (old, new) {
        (Spanned::Object(o), Value::Object(n)) => {
            for prop in &o.properties {
                match n.get(prop.name.as_str()) {
                    Some(value) => changed(&prop.value, value, out),
                    None => out.push(prop.span),
                }
            }
            if n.keys()
                .any(|k| !o.properties.iter().any(|p| p.name.as_str() == k))
            {
                out.push(closing(o.span));
            }
        }
        (Spanned::Array(a), Value::Array(n)) => elements(&a.elements, n, a.span, out),
        (old, new) if same(old, new) => {}
        (old, _) => out.push(span(old)),
    }
}

/// Elements compared from both ends, so one added or removed element marks itself, not its
/// neighbours; what differs in the middle is compared pairwise.
fn elements(old: &[Spanned], new: &[Value], whole: Span, out: &mut Vec<Span>) {
    let front = old.iter().zip(new).take_while(|(o, n)| same(o, n)).count();
    let (old_rest, new_rest) = (
        old.get(front..).unwrap_or_default(),
        new.get(front..).unwrap_or_default(),
    );
    let back = old_rest
        .iter()
        .rev()
        .zip(new_rest.iter().rev())
        .take_while(|(o, n)| same(o, n))
        .count();
    let old_mid = old_rest.get(..old_rest.len() - back).unwrap_or_default();
    let new_mid = new_rest.get(..new_rest.len() - back).unwrap_or_default();
    for (o, n) in old_mid.iter().zip(new_mid) {
        changed(o, n, out);
    }
    out.extend(old_mid.iter().skip(new_mid.len()).map(span));
    if new_mid.len() > old_mid.len() {
        let next = old_rest.get(old_mid.len());
        out.push(next.map_or(closing(whole), span));
    }
}

fn same(old: &Spanned, new: &Value) -> bool {
    match (old, new) {
        (Spanned::String(s), Value::String(n)) => s.as_str() == n,
        (Spanned::Number(s), Value::Number(n)) => s.as_str().parse::<f64>().ok() == n.as_f64(),
        (Spanned::Bool(b), Value::Bool(n)) => b.value == *n,
        (Spanned::Null(_), Value::Null) => true,
        (Spanned::Array(a), Value::Array(n)) => {
            a.elements.len() == n.len() && a.elements.iter().zip(n).all(|(o, n)| same(o, n))
        }
        (Spanned::Object(o), Value::Object(n)) => {
            o.properties.len() == n.len()
                && o.properties
                    .iter()
                    .all(|p| n.get(p.name.as_str()).is_some_and(|v| same(&p.value, v)))
        }
        _ => false,
    }
}

fn span(v: &Spanned) -> Span {
    match v {
        Spanned::String(s) | Spanned::Number(s) => s.span,
        Spanned::Bool(b) => b.span,
        Spanned::Null(s) => *s,
        Spanned::Array(a) => a.span,
        Spanned::Object(o) => o.span,
    }
}

/// The closing brace or bracket of a container.
fn closing(whole: Span) -> Span {
    Span::new(whole.end.saturating_sub(1), whole.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn lines(text: &str, new: Value) -> Vec<(u32, u32)> {
        marks(text, &new)
            .iter()
            .map(|m| (m.start_line, m.end_line))
            .collect()
    }

    const POLICY: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*"
    }
  ]
}"#;

    #[test]
    fn a_changed_value_is_marked_where_it_stands() {
        let new = json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"}]});
        assert_eq!(lines(POLICY, new), [(6, 6)]);
    }

    #[test]
    fn an_added_statement_is_marked_at_the_bracket_it_goes_before() {
        let new = json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
            {"Effect": "Deny", "Action": "*", "Resource": "*"}]});
        assert_eq!(lines(POLICY, new), [(9, 9)]);
    }

    #[test]
    fn an_added_key_marks_its_object_and_a_removed_one_itself() {
        let new = json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject",
             "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]});
        assert_eq!(lines(POLICY, new), [(7, 7), (8, 8)]);
    }

    #[test]
    fn the_same_document_in_another_layout_marks_nothing() {
        let new: Value = serde_json::from_str(POLICY).unwrap_or_default();
        assert!(marks(&POLICY.replace("\n", " "), &new).is_empty());
        assert!(marks("{ broken", &new).is_empty());
    }
}
