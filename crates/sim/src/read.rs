//! Reading a scenario: JSON syntax, the version, the contract's types (unknown fields are errors, with
//! their JSON path), then the cross-references a type cannot check. Every error carries a location.

use crate::clock;
use crate::format::{CallerDef, Scenario};
use serde::Serialize;

/// The versions of the scenario format this build reads.
pub const VERSIONS: &[u32] = &[1];

/// Why a scenario could not be read: message, JSON path and 1-based line/column in the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadError {
    pub message: String,
    pub path: String,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)?;
        if !matches!(self.path.as_str(), "" | "." | "?") {
            write!(f, " ({})", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ReadError {}

/// Reads a scenario document.
pub fn read(text: &str) -> Result<Scenario, ReadError> {
    // A byte-order mark is not JSON; JSON readers may ignore it (RFC 8259 §8.1), and editors on
    // Windows write one.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ReadError {
            message: "the document is empty: a scenario is a JSON object such as {\"roleplay\": 1, \"steps\": []}".into(),
            path: String::new(),
            line: 1,
            column: 1,
        });
    }
    let typed = serde_json::from_str::<Scenario>(text).map_err(|e| located(text, &e));
    let scenario = match typed {
        Ok(s) if VERSIONS.contains(&s.roleplay) => s,
        Ok(s) => {
            return Err(version_error(
                text,
                Some(&serde_json::Value::from(s.roleplay)),
            ))
        }
        Err(e) => return Err(e),
    };
    crate::limits::check(&scenario)
        .and_then(|()| check_references(&scenario))
        .map_err(|(path, message)| {
            let (line, column) = locate(text, &path);
            ReadError {
                message,
                path,
                line,
                column,
            }
        })?;
    Ok(scenario)
}

/// Why a document does not read, with the JSON path of where serde stopped (found in the
/// document's tree from serde's line and column; no path-tracking deserializer, which would double
/// the reader's code in the page).
fn located(text: &str, e: &serde_json::Error) -> ReadError {
    let message = humane(&strip_position(&e.to_string()));
    if e.is_syntax() && message.starts_with("there is more text") {
        return ReadError {
            message: format!("not valid JSON: {message}"),
            path: String::new(),
            line: e.line(),
            column: e.column(),
        };
    }
    // A document of another version may not fit this version's types: say so first.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        let version = value.get("roleplay");
        if version.and_then(|v| v.as_u64()) != Some(1) {
            return version_error(text, version);
        }
    }
    let path = if e.is_data() {
        path_at(text, offset_of(text, e.line(), e.column()))
    } else {
        String::new()
    };
    let (line, column) = next_token(text, e.line(), e.column());
    ReadError {
        message,
        path: short(path),
        line,
        column,
    }
}

/// The byte offset of serde's 1-based line and (character) column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = text.get(start..).unwrap_or("");
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

/// The JSON path (`steps[2].context.aws:SourceIp`) of the deepest value or key at `offset`.
fn path_at(text: &str, offset: usize) -> String {
    use jsonc_parser::ast::Value;
    use jsonc_parser::common::Ranged;
    // The tree is built by recursion: not for a text nested past what the reader itself accepts.
    if roleplay_policy::nests_deeper_than(text, 256) {
        return String::new();
    }
    let Ok(parsed) = jsonc_parser::parse_to_ast(text, &Default::default(), &Default::default())
    else {
        return String::new();
    };
    let mut path = String::new();
    let mut node = parsed.value;
    while let Some(current) = node.take() {
        match current {
            Value::Object(o) => {
                let Some(p) = o
                    .properties
                    .into_iter()
                    .find(|p| p.name.range().start <= offset && offset <= p.value.range().end)
                else {
                    break;
                };
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(p.name.as_str());
                node = Some(p.value);
            }
            Value::Array(a) => {
                let Some((i, v)) = a
                    .elements
                    .into_iter()
                    .enumerate()
                    .find(|(_, v)| v.range().start <= offset && offset <= v.range().end)
                else {
                    break;
                };
                path.push_str(&format!("[{i}]"));
                node = Some(v);
            }
            _ => break,
        }
    }
    path
}

/// A path deep enough to be unreadable (`x[0][0][0]…`, a hostile nesting) cut to its start.
fn short(path: String) -> String {
    const MAX: usize = 100;
    match path.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", path.get(..cut).unwrap_or_default()),
        None => path,
    }
}

/// serde_json places a type error on the last character it read, often the space before the
/// value; the value itself is where a person looks.
fn next_token(text: &str, line: usize, column: usize) -> (usize, usize) {
    let Some(rest) = text.lines().nth(line.saturating_sub(1)) else {
        return (line, column);
    };
    let skipped = rest
        .chars()
        .skip(column.saturating_sub(1))
        .take_while(|c| c.is_whitespace())
        .count();
    let within = rest.chars().count() > column.saturating_sub(1) + skipped;
    (line, if within { column + skipped } else { column })
}

fn version_error(text: &str, version: Option<&serde_json::Value>) -> ReadError {
    let (line, column) = locate(text, if version.is_some() { "roleplay" } else { "" });
    let found = match version {
        None => "this document has no \"roleplay\" version field".to_string(),
        Some(v) => format!("\"roleplay\": {v} is not a version this build reads"),
    };
    ReadError {
        message: format!("{found}; this build reads scenario format version 1 (\"roleplay\": 1)"),
        path: "roleplay".into(),
        line,
        column,
    }
}

/// serde's words for a person: types by what they look like in JSON, and what to do.
fn humane(message: &str) -> String {
    const TYPES: &[(&str, &str)] = &[
        ("u32", "a whole number"),
        ("u64", "a whole number"),
        ("i64", "a whole number"),
        ("i32", "a whole number"),
        ("f64", "a number"),
        ("sequence", "a list [ … ]"),
        ("map", "an object { … }"),
        ("a sequence", "a list [ … ]"),
        ("a map", "an object { … }"),
        ("unit value", "null"),
        ("a boolean", "true or false"),
    ];
    let kind = |t: &str| {
        TYPES
            .iter()
            .find(|(k, _)| *k == t)
            .map_or_else(|| t.to_string(), |(_, v)| v.to_string())
    };
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let found = found.split(' ').next().map_or(found, |first| {
                if matches!(first, "integer" | "floating" | "string" | "boolean") {
                    found
                } else {
                    first
                }
            });
            return format!("expected {} here, found {}", kind(expected), kind(found));
        }
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("{found} is not {}", kind(expected));
        }
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("the field {} is missing here", field.replace('`', "\""));
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let mut out = format!("unknown field {}", field.replace('`', "\""));
        if let Some(list) = expected.strip_prefix("one of ") {
            out.push_str(&format!(" (fields here: {})", list.replace('`', "")));
        } else if !expected.is_empty() {
            out.push_str(&format!(" (the field here: {})", expected.replace('`', "")));
        }
        return out;
    }
    match message {
        "EOF while parsing a value"
        | "EOF while parsing an object"
        | "EOF while parsing a list"
        | "EOF while parsing a string" => {
            "the document ends too early: a bracket, brace or quote is not closed".into()
        }
        "trailing characters" => "there is more text after the end of the scenario's JSON".into(),
        "recursion limit exceeded" => "arrays and objects nest deeper than 128 levels".into(),
        "expected value" => {
            "expected a JSON value here (a string, number, object, list, true, false or null)"
                .into()
        }
        m if m.starts_with("control character") => {
            "a control character inside a string: write it as an escape such as \\n or \\u001b"
                .into()
        }
        m => m.to_string(),
    }
}

fn strip_position(m: &str) -> String {
    match m.rfind(" at line ") {
        Some(i) => m.get(..i).unwrap_or(m).to_string(),
        None => m.to_string(),
    }
}

/// What a type cannot check: unique step ids, `as` naming an earlier step, times that parse and
/// never go backwards, steps that say what they do.
fn check_references(s: &Scenario) -> Result<(), (String, String)> {
    let mut clock = match &s.start {
        Some(start) => clock::instant_checked(start).map_err(|e| {
            (
                "start".to_string(),
                e.message(start, "an RFC 3339 UTC instant"),
            )
        })?,
        None => clock::default_start(),
    };
    // A set, not a list: a scenario may have 100,000 steps, each `as` looked up (docs/reliability.md).
    let mut ids: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (i, step) in s.steps.iter().enumerate() {
        let at = |field: &str| format!("steps[{i}].{field}");
        if let Some(t) = &step.at {
            let next = clock::advance_checked(clock, t)
                .map_err(|e| (at("at"), e.message(t, "an RFC 3339 instant or an offset")))?;
            if next < clock {
                return Err((
                    at("at"),
                    format!("\"{t}\" is earlier than the previous step: time never goes backwards"),
                ));
            }
            clock = next;
        }
        if let Some(CallerDef::Object(o)) = &step.caller {
            if let Some(session) = &o.session {
                if let Some(issued) = &session.issued_at {
                    clock::instant_checked(issued).map_err(|e| {
                        (
                            at("as.session.issuedAt"),
                            e.message(issued, "an RFC 3339 instant"),
                        )
                    })?;
                }
                if session.duration_seconds.is_some_and(|d| d <= 0) {
                    return Err((
                        at("as.session.durationSeconds"),
                        "durationSeconds must be a positive number of seconds".into(),
                    ));
                }
            }
        }
        if let Some(CallerDef::Ref(r)) = &step.caller {
            if !r.starts_with("arn:") && !ids.contains(r.as_str()) {
                return Err((
                    at("as"),
                    format!("\"{r}\" is neither a principal ARN nor the id of an earlier step"),
                ));
            }
        }
        match (&step.action, &step.revoke_sessions) {
            (Some(_), Some(_)) => {
                return Err((
                    at("revokeSessions"),
                    "a step has either \"action\" or \"revokeSessions\", not both".into(),
                ))
            }
            (None, None) => {
                return Err((
                    format!("steps[{i}]"),
                    "a step needs \"action\" (or \"revokeSessions\")".into(),
                ))
            }
            (Some(a), None) if !a.contains(':') => {
                return Err((
                    at("action"),
                    format!("\"{a}\" is not service:Action (e.g. s3:GetObject)"),
                ))
            }
            (Some(_), None) if step.caller.is_none() => {
                return Err((at("as"), "a call needs \"as\": who makes it".into()))
            }
            _ => {}
        }
        if let Some(id) = &step.id {
            if !ids.insert(id) {
                return Err((
                    at("id"),
                    format!("step id \"{id}\" is used by an earlier step"),
                ));
            }
        }
    }
    Ok(())
}

/// Line and column of the value at a JSON path such as `steps[2].at` (1-based; 1:1 when not found).
pub fn locate(text: &str, path: &str) -> (usize, usize) {
    use jsonc_parser::ast::Value;
    let Ok(parsed) = jsonc_parser::parse_to_ast(text, &Default::default(), &Default::default())
    else {
        return (1, 1);
    };
    let Some(mut node) = parsed.value else {
        return (1, 1);
    };
    let mut offset = 0;
    for seg in path.split('.').filter(|s| !s.is_empty()) {
        let (name, index) = match seg.split_once('[') {
            Some((n, rest)) => (n, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (seg, None),
        };
        if !name.is_empty() {
            let Value::Object(o) = node else { break };
            let Some(p) = o.properties.into_iter().find(|p| p.name.as_str() == name) else {
                break;
            };
            offset = p.range.start;
            node = p.value;
        }
        if let Some(i) = index {
            let Value::Array(a) = node else { break };
            let Some(v) = a.elements.into_iter().nth(i) else {
                break;
            };
            offset = jsonc_parser::common::Ranged::range(&v).start;
            node = v;
        }
    }
    let before = text.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, column)
}
