//! Standard output and standard error that never panic and never hand a terminal a control character
//! from a scenario. Scenario text (titles, step ids, Sids, session names, unknown field names) is
//! anyone's: an ESC or OSC sequence in it could recolour, retitle or rewrite the reader's terminal, so
//! every such character is printed escaped (`\u{1b}`). A reader that goes away (`| head`) ends the
//! output quietly; any other failed write to standard output is reported and makes the exit status 2.

use std::borrow::Cow;
use std::io::{ErrorKind, Write};
use std::process::ExitCode;
use std::sync::Mutex;

/// The first failure writing standard output (a closed pipe is not one), and whether it is closed.
static STDOUT: Mutex<(Option<String>, bool)> = Mutex::new((None, false));

fn write_stdout(text: &str) {
    let Ok(mut state) = STDOUT.lock() else { return };
    if state.0.is_some() || state.1 {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        match e.kind() {
            ErrorKind::BrokenPipe => state.1 = true,
            _ => state.0 = Some(e.to_string()),
        }
    }
}

/// Prints text whose every character came through [`escape`] or is the program's own.
pub fn print_escaped(text: &str) {
    write_stdout(text);
}

/// Prints plain text (no colours): control characters other than line breaks are escaped.
pub fn print(text: &str) {
    write_stdout(&escape(text, true));
}

/// Prints a JSON document. serde_json escapes C0 controls already; DEL, C1 controls and the Unicode
/// bidirectional controls are escaped too (`\u009b`), which leaves the JSON's meaning unchanged.
pub fn print_json(text: &str) {
    write_stdout(&escape_json(text));
}

/// Writes a message to standard error, escaped; a failure there has nowhere to be reported.
pub fn eprint(text: &str) {
    let _ = std::io::stderr()
        .lock()
        .write_all(escape(text, true).as_bytes());
}

/// The exit status after the output is written: `code`, or 2 with a message when standard output
/// could not be written.
pub fn finish(code: ExitCode) -> ExitCode {
    let failure = STDOUT.lock().ok().and_then(|s| s.0.clone());
    match failure {
        Some(e) => {
            eprint(&format!("roleplay: cannot write the output: {e}\n"));
            ExitCode::from(2)
        }
        None => code,
    }
}

/// Characters a terminal may act on: C0 controls, DEL, C1 controls (U+0080–U+009F, U+009B is CSI)
/// and the bidirectional embeddings, overrides and isolates that reorder what a line shows.
fn dangerous(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every dangerous character written as `\u{1b}`; line breaks and tabs are kept when
/// `keep_breaks` (whole messages), escaped otherwise (one field of a line).
pub fn escape(text: &str, keep_breaks: bool) -> Cow<'_, str> {
    let kept = |c: char| keep_breaks && matches!(c, '\n' | '\t');
    if !text.chars().any(|c| dangerous(c) && !kept(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if dangerous(c) && !kept(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn escape_json(text: &str) -> Cow<'_, str> {
    // Inside JSON output these characters can only stand in strings, where `\uXXXX` means the same.
    let risky = |c: char| {
        (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || dangerous(c) && !c.is_ascii()
    };
    if !text.chars().any(risky) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if risky(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape("plain text", false), "plain text");
        assert_eq!(
            escape("a\u{1b}]0;pwned\u{7}b", false),
            "a\\u{1b}]0;pwned\\u{7}b"
        );
        assert_eq!(escape("line\rover", true), "line\\u{d}over");
        assert_eq!(escape("two\nlines", true), "two\nlines");
        assert_eq!(escape("two\nlines", false), "two\\u{a}lines");
        assert_eq!(escape("csi\u{9b}31m", false), "csi\\u{9b}31m");
        assert_eq!(escape("abc\u{202e}fed", false), "abc\\u{202e}fed");
        assert_eq!(escape("é€𝄞", false), "é€𝄞");
    }

    #[test]
    fn json_stays_json_with_the_same_meaning() {
        let value = serde_json::json!({"title": "a\u{1b}b\u{9b}c\u{202e}d\u{7f}é"});
        let text = serde_json::to_string_pretty(&value).unwrap_or_default();
        let escaped = escape_json(&text);
        assert!(
            !escaped.chars().any(|c| dangerous(c) && c != '\n'),
            "{escaped}"
        );
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap_or_default();
        assert_eq!(back, value);
    }
}
