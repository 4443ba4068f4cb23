use crate::analysis::Analysis;
use crate::components::code_area::place_cursor;
use roleplay_policy::Quota;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StatusLineProps {
    /// DOM id prefix: the line is `{id}-status`.
    pub id: AttrValue,
    /// The size quota the text counts against; none known for this kind of document.
    pub quota: Option<Quota>,
    /// The worker's analysis; none before its first answer.
    pub analysis: Option<Rc<Analysis>>,
    /// The textarea the text is in, with its text: the error headline then puts the cursor there.
    #[prop_or_default]
    pub goto: Option<(NodeRef, AttrValue)>,
}

/// Under each editor: JSON validity or the first error with line:column, counts, and size.
#[component]
pub fn StatusLine(props: &StatusLineProps) -> Html {
    let id = &props.id;
    let Some(a) = &props.analysis else {
        return html! {
            <div class="status" id={format!("{id}-status")} data-state="checking" aria-busy="true">
                <span class="status-headline" id={format!("{id}-status-headline")}>
                    <span class="status-dot" aria-hidden="true"></span>
                    { "Checking…" }
                </span>
                // Where the counts will be: narrow screens put them on a line of their own.
                <span class="status-counts">{ "\u{a0}" }</span>
            </div>
        };
    };
    let state = if a.json_error.is_some() {
        "invalid-json"
    } else if a.errors > 0 {
        "error"
    } else {
        "valid"
    };
    let counts = a.counts().join(" · ");
    let detail = a.detail().unwrap_or_default().to_owned();
    let size_title = match props.quota {
        Some(q) => format!("{} quota; IAM does not count white space", q.name),
        None => "White space not counted".to_owned(),
    };
    let size = a.size_label();
    let at = a.json_error.as_ref().or(a.first_error.as_ref());
    let headline = match (at, &props.goto) {
        (Some(p), Some((area, text))) => {
            let (area, text, line, column) = (area.clone(), text.clone(), p.line, p.column);
            let onclick = Callback::from(move |_: MouseEvent| {
                place_cursor(&area, &text, line as usize, column as usize)
            });
            html! { <button type="button" class="link-button" title="Put the cursor there" {onclick}>{ a.headline() }</button> }
        }
        _ => html! { a.headline() },
    };
    html! {
        <div class="status" id={format!("{id}-status")} data-state={state}>
            <span class="status-headline" id={format!("{id}-status-headline")}>
                <span class="status-dot" aria-hidden="true"></span>
                { headline }
            </span>
            <span class="status-detail" id={format!("{id}-status-detail")} title={detail.clone()}>{ detail }</span>
            <span class="status-counts" id={format!("{id}-status-counts")}>{ counts }</span>
            <span
                class={classes!("status-size", a.over_quota().then_some("over"))}
                id={format!("{id}-status-size")}
                title={size_title}
            >
                { size }
            </span>
        </div>
    }
}
