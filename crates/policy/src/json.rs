//! Policy JSON with byte spans: a strict reader for valid documents, and jsonc-parser for the rest.
//!
//! Why a reader of our own: building jsonc-parser's AST was 80 % of parsing a scenario's policies and
//! 15 % of reading and running the whole scenario (callgrind, docs/benchmarks.md), and the editors
//! parse on every keystroke. This reader accepts exactly RFC 8259 JSON and allocates only for containers and strings
//! with escapes. Whatever it does not accept goes to jsonc-parser (strict options), which either
//! reports the error — so error texts and positions stay jsonc-parser's — or, should the two ever
//! disagree on a valid document, gives its AST, converted. The tests below hold the two to identical
//! trees.

use crate::span::Span;
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    String(Str<'a>),
    /// The number as written.
    Number(Str<'a>),
    Bool(Bool),
    Null(Span),
    Array(Array<'a>),
    Object(Object<'a>),
}

/// A string (its span includes the quotes) or a number's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Str<'a> {
    pub value: Cow<'a, str>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bool {
    pub value: bool,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Array<'a> {
    pub elements: Vec<Value<'a>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Object<'a> {
    pub properties: Vec<Prop<'a>>,
    pub span: Span,
}

/// `"name": value`; the span runs from the name's opening quote to the value's end.
#[derive(Debug, Clone, PartialEq)]
pub struct Prop<'a> {
    pub name: Str<'a>,
    pub value: Value<'a>,
    pub span: Span,
}

impl Str<'_> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// Where a node stands in the text.
pub trait Spanned {
    fn span(&self) -> Span;
}

impl Spanned for Value<'_> {
    fn span(&self) -> Span {
        match self {
            Value::String(s) | Value::Number(s) => s.span,
            Value::Bool(b) => b.span,
            Value::Null(span) => *span,
            Value::Array(a) => a.span,
            Value::Object(o) => o.span,
        }
    }
}

macro_rules! spanned {
    ($($t:ty),*) => {$(
        impl Spanned for $t {
            fn span(&self) -> Span {
                self.span
            }
        }
    )*};
}
spanned!(Str<'_>, Bool, Array<'_>, Object<'_>, Prop<'_>);

/// Why a text is not a JSON document: its byte range and what is wrong, for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub start: usize,
    pub end: usize,
    pub message: String,
}

/// Arrays and objects may nest this deep (a policy nests five levels at most). Deeper text is refused
/// before any recursive reader sees it: jsonc-parser recurses per level, and a page's wasm stack is small.
pub const MAX_NESTING: usize = 64;

/// The document's value (`None` for an empty document), or why it is not JSON.
pub fn parse(text: &str) -> Result<Option<Value<'_>>, JsonError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    if let Some(value) = reader.document() {
        return Ok(Some(value));
    }
    if let Some(at) = too_deep(text.as_bytes()) {
        return Err(JsonError {
            start: at,
            end: at + 1,
            message: format!("arrays and objects nest deeper than {MAX_NESTING} levels here"),
        });
    }
    jsonc_parser::parse_to_ast(text, &Default::default(), &strict())
        .map(|parsed| parsed.value.map(from_jsonc))
        .map_err(|e| JsonError {
            start: e.range().start,
            end: e.range().end,
            message: e.kind().to_string(),
        })
}

/// Whether `text`'s arrays and objects nest deeper than `max` levels (strings skipped), without
/// recursing: what a recursive reader must know before it reads a hostile text.
pub fn nests_deeper_than(text: &str, max: usize) -> bool {
    deeper_than(text.as_bytes(), max).is_some()
}

/// The offset of the first bracket that opens level `MAX_NESTING + 1`, strings skipped.
fn too_deep(bytes: &[u8]) -> Option<usize> {
    deeper_than(bytes, MAX_NESTING)
}

fn deeper_than(bytes: &[u8], max: usize) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > max {
                    return Some(i);
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn strict() -> jsonc_parser::ParseOptions {
    // IAM reads strict JSON: no comments, trailing commas or JSON5 forms.
    jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// jsonc-parser's tree in ours.
pub fn from_jsonc(value: jsonc_parser::ast::Value<'_>) -> Value<'_> {
    use jsonc_parser::ast;
    let span = |r: jsonc_parser::common::Range| Span::new(r.start, r.end);
    match value {
        ast::Value::StringLit(s) => Value::String(Str {
            value: s.value,
            span: span(s.range),
        }),
        ast::Value::NumberLit(n) => Value::Number(Str {
            value: Cow::Borrowed(n.value),
            span: span(n.range),
        }),
        ast::Value::BooleanLit(b) => Value::Bool(Bool {
            value: b.value,
            span: span(b.range),
        }),
        ast::Value::NullKeyword(n) => Value::Null(span(n.range)),
        ast::Value::Array(a) => Value::Array(Array {
            elements: a.elements.into_iter().map(from_jsonc).collect(),
            span: span(a.range),
        }),
        ast::Value::Object(o) => Value::Object(Object {
            properties: o
                .properties
                .into_iter()
                .map(|p| {
                    let name = match p.name {
                        ast::ObjectPropName::String(s) => Str {
                            value: s.value,
                            span: span(s.range),
                        },
                        // Only in loose mode, which policies never use.
                        ast::ObjectPropName::Word(w) => Str {
                            value: Cow::Borrowed(w.value),
                            span: span(w.range),
                        },
                    };
                    Prop {
                        name,
                        value: from_jsonc(p.value),
                        span: span(p.range),
                    }
                })
                .collect(),
            span: span(o.range),
        }),
    }
}

/// Nesting deeper than this goes to jsonc-parser (no policy nests more than five levels).
const MAX_DEPTH: usize = 64;

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn document(&mut self) -> Option<Value<'a>> {
        self.whitespace();
        let value = self.value(0)?;
        self.whitespace();
        (self.pos == self.bytes.len()).then_some(value)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn span_from(&self, start: usize) -> Span {
        Span::new(start, self.pos)
    }

    fn value(&mut self, depth: usize) -> Option<Value<'a>> {
        match self.peek()? {
            b'{' if depth < MAX_DEPTH => self.object(depth + 1),
            b'[' if depth < MAX_DEPTH => self.array(depth + 1),
            b'"' => self.string().map(Value::String),
            b't' => self
                .word("true")
                .map(|span| Value::Bool(Bool { value: true, span })),
            b'f' => self
                .word("false")
                .map(|span| Value::Bool(Bool { value: false, span })),
            b'n' => self.word("null").map(Value::Null),
            b'-' | b'0'..=b'9' => self.number().map(Value::Number),
            _ => None,
        }
    }

    fn object(&mut self, depth: usize) -> Option<Value<'a>> {
        let mut properties = Vec::new();
        let span = self.container(b'}', |r| {
            if r.peek()? != b'"' {
                return None;
            }
            let name = r.string()?;
            r.whitespace();
            if r.peek()? != b':' {
                return None;
            }
            r.pos += 1;
            r.whitespace();
            let value = r.value(depth)?;
            let span = Span::new(name.span.start, value.span().end);
            properties.push(Prop { name, value, span });
            Some(())
        })?;
        Some(Value::Object(Object { properties, span }))
    }

    fn array(&mut self, depth: usize) -> Option<Value<'a>> {
        let mut elements = Vec::new();
        let span = self.container(b']', |r| {
            elements.push(r.value(depth)?);
            Some(())
        })?;
        Some(Value::Array(Array { elements, span }))
    }

    /// From an opening bracket to its `close`: `member` reads each member, commas between them.
    fn container(
        &mut self,
        close: u8,
        mut member: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<Span> {
        let start = self.pos;
        self.pos += 1;
        self.whitespace();
        if self.peek()? == close {
            self.pos += 1;
            return Some(self.span_from(start));
        }
        loop {
            member(self)?;
            if self.closed(close)? {
                return Some(self.span_from(start));
            }
        }
    }

    /// After a member of an object or array: `true` at its closing bracket, `false` after a comma
    /// (white space skipped either way), `None` at anything else.
    fn closed(&mut self, close: u8) -> Option<bool> {
        self.whitespace();
        let byte = self.peek()?;
        if byte != b',' && byte != close {
            return None;
        }
        self.pos += 1;
        if byte == b',' {
            self.whitespace();
        }
        Some(byte == close)
    }

    /// A string; `None` for anything RFC 8259 does not allow, lone surrogates included.
    fn string(&mut self) -> Option<Str<'a>> {
        let start = self.pos;
        self.pos += 1;
        let content = self.pos;
        // Most policy strings have no escape: borrowed from the text. The positions sliced at are
        // ASCII bytes, so always character boundaries.
        loop {
            match self.peek()? {
                b'"' => {
                    let value = Cow::Borrowed(self.text.get(content..self.pos)?);
                    self.pos += 1;
                    return Some(Str {
                        value,
                        span: self.span_from(start),
                    });
                }
                b'\\' => break,
                0..=0x1F => return None,
                _ => self.pos += 1,
            }
        }
        let mut out = String::from(self.text.get(content..self.pos)?);
        loop {
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(Str {
                        value: Cow::Owned(out),
                        span: self.span_from(start),
                    });
                }
                b'\\' => {
                    self.pos += 1;
                    let escaped = self.peek()?;
                    self.pos += 1;
                    out.push(match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{C}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return None,
                    });
                }
                0..=0x1F => return None,
                _ => {
                    let run = self.pos;
                    while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                        self.pos += 1;
                    }
                    out.push_str(self.text.get(run..self.pos)?);
                }
            }
        }
    }

    /// After `\u`: four hex digits, and a low surrogate's escape after a high one.
    fn unicode_escape(&mut self) -> Option<char> {
        let unit = self.hex4()?;
        match unit {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.pos..self.pos + 2)? != b"\\u" {
                    return None;
                }
                self.pos += 2;
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return None;
                }
                char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            }
            0xDC00..=0xDFFF => None,
            _ => char::from_u32(unit),
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.pos..self.pos + 4)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += 4;
        u32::from_str_radix(digits, 16).ok()
    }

    fn number(&mut self) -> Option<Str<'a>> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek()? {
            b'0' => self.pos += 1,
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.required_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.required_digits()?;
        }
        Some(Str {
            value: Cow::Borrowed(self.text.get(start..self.pos)?),
            span: self.span_from(start),
        })
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    fn required_digits(&mut self) -> Option<()> {
        let start = self.pos;
        self.digits();
        (self.pos > start).then_some(())
    }

    fn word(&mut self, word: &str) -> Option<Span> {
        let start = self.pos;
        if self.bytes.get(start..start + word.len())? != word.as_bytes() {
            return None;
        }
        self.pos += word.len();
        Some(self.span_from(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Our reader's tree, and jsonc-parser's (strict) converted, for the same text.
    fn both(text: &str) -> (Option<Value<'_>>, Option<Value<'_>>) {
        let ours = Reader {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        }
        .document();
        let theirs = jsonc_parser::parse_to_ast(text, &Default::default(), &strict())
            .ok()
            .and_then(|p| p.value.map(from_jsonc));
        (ours, theirs)
    }

    fn agree(text: &str) {
        let (ours, theirs) = both(text);
        assert_eq!(ours, theirs, "for {text:?}");
    }

    #[test]
    fn valid_documents_read_exactly_as_jsonc_parser_reads_them() {
        for text in [
            "{}",
            "[]",
            " { \"a\" : [ 1 , -0 , 0.5 , -1.5e-3 , 1E+5 , 2e5 , 10 ] } \r\n",
            r#"{"e":"\"\\\/\b\f\n\r\t\u00e9\uD83D\uDE00 plain"}"#,
            r#"{"t":true,"f":false,"n":null,"nested":{"x":[[],[{}]]}}"#,
            "{\"café\": \"Ünïcode ☺\"}",
            "\"just a string\"",
            "42",
        ] {
            agree(text);
            assert!(both(text).0.is_some(), "our reader refused {text:?}");
        }
    }

    #[test]
    fn invalid_documents_are_left_to_jsonc_parser() {
        for text in [
            "",
            "{",
            "{\"a\":1,}",
            "[1,]",
            "{\"a\" 1}",
            "{'a':1}",
            "{a:1}",
            "01",
            "1.",
            ".5",
            "+1",
            "-",
            "1e",
            "tru",
            "truex",
            "nul",
            "{\"a\":1}{}",
            "\"tab\there\"",
            r#""\x""#,
            r#""\u12""#,
            r#""\uDE00""#,
            r#""\uD83D""#,
            r#""\uD83Dx""#,
            "{\"a\":1 /* c */}",
            "[1 2]",
        ] {
            let (ours, theirs) = both(text);
            assert_eq!(ours, None, "our reader accepted {text:?}");
            // Where jsonc-parser accepts it after all, the document still reads, through it.
            if let Some(value) = theirs {
                assert!(parse(text).is_ok_and(|v| v == Some(value)));
            }
        }
        assert!(parse("{\"a\":1,}").is_err());
    }

    #[test]
    fn every_scenario_file_reads_as_jsonc_parser_reads_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios");
        let mut dirs = vec![root];
        let mut files = 0;
        while let Some(dir) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for path in entries.flatten().map(|e| e.path()) {
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "json") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    agree(&text);
                    files += 1;
                }
            }
        }
        assert!(files > 50, "only {files} scenario files found");
    }

    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(serde_json::Value::from),
            any::<String>().prop_map(serde_json::Value::String),
            "[ -~]{0,12}".prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                prop::collection::vec(("[ -~é☺]{0,8}", inner), 0..6)
                    .prop_map(|props| serde_json::Value::Object(props.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn generated_documents_agree(value in json_value(), pretty in any::<bool>()) {
            let text = if pretty {
                serde_json::to_string_pretty(&value)
            } else {
                serde_json::to_string(&value)
            }
            .unwrap_or_default();
            let (ours, theirs) = both(&text);
            prop_assert!(ours.is_some(), "our reader refused {:?}", text);
            prop_assert_eq!(ours, theirs);
        }

        /// A damaged document: whatever our reader accepts, jsonc-parser reads the same.
        #[test]
        fn damaged_documents_never_read_differently(
            value in json_value(),
            cut in any::<prop::sample::Index>(),
            insert in prop::sample::select(vec!["", ",", "\"", "\\", "}", "]", "{", "[", ":", "0", "-", "e", " ", "\u{1}"]),
        ) {
            let text = serde_json::to_string(&value).unwrap_or_default();
            let mut at = cut.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let damaged = format!("{}{insert}{}", &text[..at], &text[at..].chars().skip(1).collect::<String>());
            let (ours, theirs) = both(&damaged);
            if ours.is_some() {
                prop_assert_eq!(ours, theirs, "for {:?}", damaged);
            }
        }
    }
}
