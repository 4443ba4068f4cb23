//! Source positions: byte ranges inside one policy text, and their line/column form for editors.

use serde::{Deserialize, Serialize};
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
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
    /// Characters before every `CHECKPOINT`-th byte; empty for ASCII text, where bytes are
    /// characters. Columns are then found in constant time even on a one-line (minified) policy of
    /// a megabyte, where counting from the line's start would make locating every finding quadratic.
    chars_before: Arc<[usize]>,
}

const CHECKPOINT: usize = 256;

/// Characters that start in `bytes` (UTF-8: every byte that is not a continuation byte).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let chars_before = if text.is_ascii() {
            Vec::new()
        } else {
            let mut total = 0;
            let mut marks = Vec::with_capacity(text.len() / CHECKPOINT + 1);
            for block in text.as_bytes().chunks(CHECKPOINT) {
                marks.push(total);
                total += char_starts(block);
            }
            // The end too: an offset at the text's end on a checkpoint has its mark.
            marks.push(total);
            marks
        };
        LineIndex {
            line_starts: line_starts.into(),
            text: text.into(),
            chars_before: chars_before.into(),
        }
    }

    /// Characters before byte `offset` (an offset inside a character counts that character).
    fn chars_to(&self, offset: usize) -> usize {
        if self.chars_before.is_empty() {
            return offset;
        }
        let block = offset / CHECKPOINT;
        let from = block * CHECKPOINT;
        let bytes = self.text.as_bytes().get(from..offset).unwrap_or_default();
        self.chars_before.get(block).copied().unwrap_or(0) + char_starts(bytes)
    }

    /// 1-based line and column (in characters) of a byte offset; offsets past the end clamp to it.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let column = self.chars_to(offset) - self.chars_to(start);
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

    /// Found by the policy_parse fuzz target: the end of a text whose length is a multiple of the
    /// checkpoint distance has a column (it subtracted past zero).
    #[test]
    fn the_end_of_a_text_on_a_checkpoint_has_a_column() {
        let text = format!("é{}", "x".repeat(CHECKPOINT - 2));
        assert_eq!(text.len(), CHECKPOINT);
        let idx = LineIndex::new(&text);
        assert_eq!(idx.line_col(text.len()), (1, CHECKPOINT as u32));
        let two = text.repeat(2);
        assert_eq!(
            LineIndex::new(&two).line_col(two.len()),
            (1, 2 * CHECKPOINT as u32 - 1)
        );
    }

    /// Columns from the checkpoints agree with counting characters from the line's start, across
    /// checkpoint boundaries that fall inside multi-byte characters.
    #[test]
    fn columns_on_long_lines_agree_with_counting() {
        let text = "{\"a\": \"é€𝄞x\", ".repeat(200) + "\n  \"ü\": 1 }";
        let idx = LineIndex::new(&text);
        for (offset, _) in text.char_indices() {
            let line_start = text
                .get(..offset)
                .and_then(|t| t.rfind('\n'))
                .map_or(0, |i| i + 1);
            let column = text
                .get(line_start..offset)
                .map(|t| t.chars().count())
                .unwrap_or(0);
            assert_eq!(
                idx.line_col(offset).1 as usize,
                column + 1,
                "offset {offset}"
            );
        }
    }
}
