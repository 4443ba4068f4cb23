use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CodeAreaProps {
    /// The textarea's DOM id.
    pub id: AttrValue,
    pub label: AttrValue,
    /// The id of the status line that describes the text.
    pub describedby: AttrValue,
    pub text: AttrValue,
    /// The whole text after each edit.
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub textarea_ref: NodeRef,
    /// Another editor (Monaco) has taken its place: hidden from readers and the tab order.
    #[prop_or_default]
    pub inert: bool,
}

/// A policy text editor as a styled textarea with a line-number gutter: the editor before Monaco
/// loads, on phones, and in the world tabs.
#[component]
pub fn CodeArea(props: &CodeAreaProps) -> Html {
    let gutter = use_node_ref();
    let oninput = {
        let emit = props.oninput.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            crate::perf::mark_edit();
            emit.emit(text);
        })
    };
    // Keep the gutter's line numbers level with the text while it scrolls.
    let onscroll = {
        let gutter = gutter.clone();
        Callback::from(move |e: Event| {
            let area = e.target_unchecked_into::<HtmlTextAreaElement>();
            if let Some(g) = gutter.cast::<web_sys::Element>() {
                g.set_scroll_top(area.scroll_top());
            }
        })
    };
    let numbers: String = (1..=line_count(&props.text))
        .map(|n| format!("{n}\n"))
        .collect();
    html! {
        <div class="textarea-editor" aria-hidden={props.inert.then_some("true")}>
            <pre class="gutter" ref={gutter} aria-hidden="true">{ numbers }</pre>
            <textarea
                ref={props.textarea_ref.clone()}
                id={props.id.clone()}
                class="code-input"
                aria-label={props.label.clone()}
                aria-describedby={props.describedby.clone()}
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                autocorrect="off"
                wrap="off"
                tabindex={props.inert.then_some("-1")}
                value={props.text.clone()}
                {oninput}
                {onscroll}
            />
        </div>
    }
}

/// Focuses a textarea with the cursor at a 1-based line and column (characters), as an error's
/// "at 3:16" reads.
pub fn place_cursor(textarea: &NodeRef, text: &str, line: usize, column: usize) {
    if let Some(area) = textarea.cast::<HtmlTextAreaElement>() {
        let offset = utf16_offset(text, line, column);
        let _ = area.focus();
        let _ = area.set_selection_range(offset, offset);
    }
}

/// A textarea offset (UTF-16 units) for a 1-based line and column (characters).
fn utf16_offset(text: &str, line: usize, column: usize) -> u32 {
    let mut offset = 0usize;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line {
            offset += l
                .chars()
                .take(column.saturating_sub(1))
                .map(char::len_utf16)
                .sum::<usize>();
            break;
        }
        offset += l.encode_utf16().count() + 1;
    }
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// Lines as an editor numbers them: a trailing newline starts one more (empty) line.
pub fn line_count(text: &str) -> usize {
    text.split('\n').count()
}

#[cfg(test)]
mod tests {
    use super::{line_count, utf16_offset};

    #[test]
    fn cursor_offsets_count_utf16_units() {
        assert_eq!(utf16_offset("ab\ncd", 2, 2), 4);
        assert_eq!(utf16_offset("😀x\ny", 1, 2), 2);
        assert_eq!(utf16_offset("a", 9, 9), 2);
    }

    #[test]
    fn lines_are_counted_like_an_editor() {
        assert_eq!(line_count(""), 1);
        assert_eq!(line_count("{}"), 1);
        assert_eq!(line_count("{\n}"), 2);
        assert_eq!(line_count("{\n}\n"), 3);
    }
}
