//! Where a cursor sits in a policy's JSON: which element's key or value, inside which statement.
//!
//! The text is read tolerantly because it is usually broken while someone types (an unclosed
//! string, a missing comma, a half-written key). A JSON parser stops at the first error, so this
//! is a small scanner that keeps a stack of open objects and arrays, never fails, and records every
//! string with its path of keys. Only strings matter to the editor: keys, operators, condition keys,
//! actions and ARNs are all strings in a policy.

use std::ops::Range;

/// Whether a string (or the cursor) is in key or value position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Key,
    Value,
}

/// One string of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Str {
    /// Byte range of the content, without the quotes (to the line end when unterminated).
    pub content: Range<usize>,
    /// The content with JSON escapes resolved (as written when they do not resolve).
    pub value: String,
    /// Whether its closing quote is there (else it runs to the end of its line).
    pub closed: bool,
    pub slot: Slot,
    /// The keys from the document root down to this string's object; a value's path ends with its
    /// own key (`["Statement", "Effect"]` for `"Allow"`). Arrays are transparent.
    pub path: Vec<String>,
    /// The byte offset where the statement holding it starts, if it is inside one.
    pub statement: Option<usize>,
}

/// Where the cursor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// `None` where nothing can be typed but punctuation (between a key and its colon, after a
    /// value) or outside the document.
    pub slot: Option<Slot>,
    /// As for [`Str::path`].
    pub path: Vec<String>,
    pub statement: Option<usize>,
    /// The string the cursor is inside, if any.
    pub string: Option<Str>,
}

impl Place {
    /// The path as `&str`s, for matching.
    pub fn keys(&self) -> Vec<&str> {
        self.path.iter().map(String::as_str).collect()
    }

    /// What is typed in the current string before the cursor (empty outside a string).
    pub fn typed<'t>(&self, text: &'t str, cursor: usize) -> &'t str {
        self.string
            .as_ref()
            .and_then(|s| text.get(s.content.start..cursor.min(s.content.end)))
            .unwrap_or_default()
    }
}

/// A document read up to its end, with the cursor's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    pub strings: Vec<Str>,
    pub place: Place,
}

impl Scan {
    /// The values of `element` (e.g. `Action`) in the statement starting at `statement`.
    pub fn values_of<'s>(
        &'s self,
        statement: Option<usize>,
        element: &'s str,
    ) -> impl Iterator<Item = &'s str> + 's {
        self.strings
            .iter()
            .filter(move |s| {
                s.slot == Slot::Value
                    && s.statement.is_some()
                    && s.statement == statement
                    && s.path.len() == 2
                    && s.path.last().is_some_and(|k| k == element)
            })
            .map(|s| s.value.as_str())
    }

    /// The keys already written in the object the cursor is in (the one being typed excluded).
    pub fn sibling_keys(&self) -> impl Iterator<Item = &str> + '_ {
        let place = &self.place;
        let current = place.string.as_ref().map(|s| s.content.start);
        self.strings
            .iter()
            .filter(move |s| {
                s.slot == Slot::Key
                    && s.path == place.path
                    && s.statement == place.statement
                    && Some(s.content.start) != current
            })
            .map(|s| s.value.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Key,
    Colon,
    Value,
    /// A value was read; a comma or the closing bracket comes next.
    Comma,
}

#[derive(Debug, Clone)]
struct Frame {
    object: bool,
    expect: Expect,
    /// The object's current key (the last one read).
    key: Option<String>,
    /// Set on the object that is a statement: where it starts.
    statement: Option<usize>,
}

/// Reads `text` and places `cursor` (a byte offset; clamped to a char boundary at or before it).
pub fn scan(text: &str, cursor: usize) -> Scan {
    let mut cursor = cursor.min(text.len());
    while !text.is_char_boundary(cursor) {
        cursor -= 1;
    }
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut strings = Vec::new();
    let mut place = None;
    let mut i = 0;
    while i < bytes.len() {
        if place.is_none() && i >= cursor {
            place = Some(between(&stack));
        }
        let Some(&b) = bytes.get(i) else { break };
        match b {
            b'"' => {
                let end = string_end(bytes, i + 1);
                let content = i + 1..end;
                // A string after a value in an object is a key with its comma missing.
                let slot = match stack.last() {
                    Some(f) if f.object && matches!(f.expect, Expect::Key | Expect::Comma) => {
                        Slot::Key
                    }
                    _ => Slot::Value,
                };
                let raw = text.get(content.clone()).unwrap_or_default();
                let s = Str {
                    value: unescape(raw),
                    closed: bytes.get(end) == Some(&b'"'),
                    slot,
                    path: path(&stack, slot),
                    statement: statement(&stack),
                    content: content.clone(),
                };
                if place.is_none() && (content.start..=content.end).contains(&cursor) {
                    place = Some(Place {
                        slot: Some(slot),
                        path: s.path.clone(),
                        statement: s.statement,
                        string: Some(s.clone()),
                    });
                }
                if let Some(f) = stack.last_mut() {
                    if slot == Slot::Key {
                        f.key = Some(s.value.clone());
                        f.expect = Expect::Colon;
                    } else {
                        f.expect = Expect::Comma;
                    }
                }
                // Past the closing quote, if there is one.
                i = if s.closed { end + 1 } else { end };
                strings.push(s);
                continue;
            }
            b'{' | b'[' => {
                let object = b == b'{';
                let is_statement = object
                    && path(&stack, Slot::Value)
                        .iter()
                        .map(String::as_str)
                        .eq(["Statement"]);
                stack.push(Frame {
                    object,
                    expect: if object { Expect::Key } else { Expect::Value },
                    key: None,
                    statement: is_statement.then_some(i),
                });
            }
            b'}' | b']' => {
                stack.pop();
                if let Some(f) = stack.last_mut() {
                    f.expect = Expect::Comma;
                }
            }
            b':' => {
                if let Some(f) = stack.last_mut().filter(|f| f.object) {
                    f.expect = Expect::Value;
                }
            }
            b',' => {
                if let Some(f) = stack.last_mut() {
                    f.expect = if f.object { Expect::Key } else { Expect::Value };
                    if f.object {
                        f.key = None;
                    }
                }
            }
            b if b.is_ascii_whitespace() => {}
            _ => {
                // A number, true/false/null or stray text: one value up to the next delimiter.
                while bytes
                    .get(i + 1)
                    .is_some_and(|&c| !c.is_ascii_whitespace() && !b"{}[]:,\"".contains(&c))
                {
                    i += 1;
                    if i >= cursor && place.is_none() {
                        place = Some(Place {
                            slot: None,
                            path: Vec::new(),
                            ..between(&stack)
                        });
                    }
                }
                if let Some(f) = stack.last_mut() {
                    f.expect = Expect::Comma;
                }
            }
        }
        i += 1;
    }
    let place = place.unwrap_or_else(|| between(&stack));
    Scan { strings, place }
}

/// The place of a cursor between tokens.
fn between(stack: &[Frame]) -> Place {
    let slot = match stack.last() {
        None => None,
        Some(f) => match f.expect {
            Expect::Key => Some(Slot::Key),
            Expect::Value => Some(Slot::Value),
            Expect::Colon | Expect::Comma => None,
        },
    };
    Place {
        slot,
        path: slot.map(|s| path(stack, s)).unwrap_or_default(),
        statement: statement(stack),
        string: None,
    }
}

/// The keys leading to the innermost frame; a value's path also has the innermost object's key.
fn path(stack: &[Frame], slot: Slot) -> Vec<String> {
    let last = stack.len().saturating_sub(1);
    stack
        .iter()
        .enumerate()
        .filter(|&(i, f)| f.object && (i < last || slot == Slot::Value))
        .filter_map(|(_, f)| f.key.clone())
        .collect()
}

fn statement(stack: &[Frame]) -> Option<usize> {
    stack.iter().find_map(|f| f.statement)
}

/// The index of the closing quote of a string whose content starts at `from`, or the end of the
/// line (JSON strings cannot hold a raw line break) or text when it is not closed.
fn string_end(bytes: &[u8], from: usize) -> usize {
    let mut j = from;
    while let Some(&c) = bytes.get(j) {
        match c {
            b'"' | b'\n' | b'\r' => return j,
            b'\\' => j += 2,
            _ => j += 1,
        }
    }
    bytes.len()
}

fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_owned();
    }
    serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scans `text` with the cursor where `|` is.
    fn at(text: &str) -> (Place, String) {
        let cursor = text.find('|').expect("a | marks the cursor");
        let clean = text.replacen('|', "", 1);
        let place = scan(&clean, cursor).place;
        let typed = place.typed(&clean, cursor).to_owned();
        (place, typed)
    }

    fn check(text: &str, slot: Option<Slot>, path: &[&str], typed: &str) {
        let (place, got) = at(text);
        assert_eq!(place.slot, slot, "slot in {text}");
        assert_eq!(place.keys(), path, "path in {text}");
        assert_eq!(got, typed, "typed in {text}");
    }

    const K: Option<Slot> = Some(Slot::Key);
    const V: Option<Slot> = Some(Slot::Value);

    #[test]
    fn top_level_and_statement_elements() {
        check("{|}", K, &[], "");
        check("{\"Ver|\"}", K, &[], "Ver");
        check("{\"Version\": \"20|12\"}", V, &["Version"], "20");
        check("{\"Statement\": [{|}]}", K, &["Statement"], "");
        check("{\"Statement\": {\"Eff|\"}}", K, &["Statement"], "Eff");
        check(
            "{\"Statement\": [{\"Effect\": \"Allow\"}, {\"Effect\": \"|\"}]}",
            V,
            &["Statement", "Effect"],
            "",
        );
        check(
            "{\"Statement\": [{\"Effect\": |}]}",
            V,
            &["Statement", "Effect"],
            "",
        );
    }

    #[test]
    fn inside_a_principal_block() {
        let trust = "{\"Statement\": [{\"Principal\": {|}}]}";
        check(trust, K, &["Statement", "Principal"], "");
        check(
            "{\"Statement\": [{\"Principal\": {\"AWS\": [\"arn:aws:iam::1:root\", \"arn:|\"]}}]}",
            V,
            &["Statement", "Principal", "AWS"],
            "arn:",
        );
        check(
            "{\"Statement\": [{\"Principal\": \"|\"}]}",
            V,
            &["Statement", "Principal"],
            "",
        );
    }

    #[test]
    fn inside_a_condition_block() {
        check(
            "{\"Statement\": [{\"Condition\": {\"Str|\"}}]}",
            K,
            &["Statement", "Condition"],
            "Str",
        );
        check(
            "{\"Statement\": [{\"Condition\": {\"StringEquals\": {\"aws:|\"}}}]}",
            K,
            &["Statement", "Condition", "StringEquals"],
            "aws:",
        );
        check(
            "{\"Statement\": [{\"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"|\"}}}]}",
            V,
            &["Statement", "Condition", "Bool", "aws:SecureTransport"],
            "",
        );
        // A second operator after a complete first one.
        check(
            "{\"Statement\": [{\"Condition\": {\"Bool\": {\"a:b\": \"true\"}, |}}]}",
            K,
            &["Statement", "Condition"],
            "",
        );
    }

    #[test]
    fn broken_text_still_places_the_cursor() {
        // Unclosed string at the end of a line, no closing brackets at all.
        check(
            "{\n  \"Statement\": [\n    {\"Action\": \"s3:Get|\n",
            V,
            &["Statement", "Action"],
            "s3:Get",
        );
        // A missing comma between two elements.
        check(
            "{\"Statement\": {\"Effect\": \"Allow\" \"Act|\"}}",
            K,
            &["Statement"],
            "Act",
        );
        // Between a key and its colon, after a value, outside the document: nothing to offer.
        check("{\"Version\"| }", None, &[], "");
        check("{\"Version\": \"2012-10-17\" |}", None, &[], "");
        check("|{}", None, &[], "");
        check("{\"Version\": 20|12}", None, &[], "");
        // Escapes do not end a string; the value is unescaped.
        let text = r#"{"Sid": "a\"b|"}"#;
        let (place, typed) = at(text);
        assert_eq!(typed, r#"a\"b"#);
        assert_eq!(place.string.map(|s| s.value).as_deref(), Some("a\"b"));
    }

    #[test]
    fn statements_and_their_values() {
        let text = r#"{"Statement": [
            {"Action": ["s3:GetObject", "s3:List*"], "Resource": "*"},
            {"Action": "iam:PassRole", "Condition": {"StringEquals": {"iam:PassedToService": ""}}}
        ]}"#;
        let cursor = text.find("iam:PassedToService").expect("key") + 4;
        let s = scan(text, cursor);
        assert_eq!(s.place.keys(), ["Statement", "Condition", "StringEquals"]);
        let second: Vec<&str> = s.values_of(s.place.statement, "Action").collect();
        assert_eq!(second, ["iam:PassRole"]);
        let first_start = text.find("{\"Action\"").expect("first statement");
        let first: Vec<&str> = s.values_of(Some(first_start), "Action").collect();
        assert_eq!(first, ["s3:GetObject", "s3:List*"]);
        // A single statement object (no array) is a statement too.
        let one = r#"{"Statement": {"Action": "s3:GetObject", "Resource": ""}}"#;
        let s = scan(one, one.rfind('"').unwrap_or(0));
        assert_eq!(s.values_of(s.place.statement, "Action").count(), 1);
    }

    #[test]
    fn sibling_keys_leave_out_the_one_being_typed() {
        let text = r#"{"Statement": [{"Effect": "Allow", "Act", "Resource": "*"}, {"Sid": "x"}]}"#;
        let cursor = text.find("Act").expect("Act") + 3;
        let s = scan(text, cursor);
        let keys: Vec<&str> = s.sibling_keys().collect();
        assert_eq!(keys, ["Effect", "Resource"]);
    }

    #[test]
    fn any_text_scans_without_panicking() {
        let samples = [
            "",
            "\"",
            "{\"",
            "[[[",
            "}}}",
            "\\",
            "{\"a\\",
            "é\"ü",
            "{\"😀\": \"x",
        ];
        for text in samples {
            for cursor in 0..=text.len() + 1 {
                let _ = scan(text, cursor);
            }
        }
    }
}
