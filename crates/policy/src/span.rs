//! Source positions: byte ranges inside one policy text, and their line/column form for editors.

use serde::Serialize;
use std::sync::Arc;

/// A byte range `[start, end)` inside the policy text it was parsed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// A span with 1-based line and column numbers (columns count characters, as editors do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub start: usize,
    pub end: usize,
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// Line starts of one text, so byte offsets turn into line/column in O(log lines).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    // Shared so compiled policies and explanations can keep it without copying the text.
    line_starts: Arc<[usize]>,
    text: Arc<str>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            line_starts: line_starts.into(),
            text: text.into(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset; offsets past the end clamp to it.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        (line as u32 + 1, column as u32 + 1)
    }

    pub fn locate(&self, span: Span) -> Location {
        let (start_line, start_column) = self.line_col(span.start);
        let (end_line, end_column) = self.line_col(span.end);
        Location {
            start: span.start,
            end: span.end,
            start_line,
            start_column,
            end_line,
            end_column,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let idx = LineIndex::new("{\n  \"é\": 1\n}");
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(2), (2, 1));
        // byte 8 is after `"é"` (é is two bytes) → column 6 in characters
        assert_eq!(idx.line_col(8), (2, 6));
        assert_eq!(idx.line_col(999), (3, 2));
    }
}
