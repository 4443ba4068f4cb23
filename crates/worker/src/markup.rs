//! Markup the worker writes for the page to insert (the graph's SVG, learning mode's HTML): every
//! text from a scenario goes through [`escape`], since the world comes from links anyone can write.

/// Text and attribute values: the five characters markup gives meaning to escaped; control
/// characters other than a line break become spaces (a statement keeps its lines in `<pre>`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push('\n'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_lines_kept() {
        assert_eq!(
            escape("<img src=x onerror='a'>&\"\u{7}\nb"),
            "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;&quot; \nb"
        );
    }
}
