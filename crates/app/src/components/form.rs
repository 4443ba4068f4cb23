//! The pieces the world tabs are built from: the list/detail card, list items, text fields,
//! checkboxes, tag rows, string lists, and the callback that turns a form value into a store edit.

use crate::state::{Action, StoreHandle, Tab, WorldEdit};
use roleplay_sim::{Scenario, ScenarioFinding, Tags};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A callback that applies `f(scenario, value)` through the store (re-running the scenario).
pub fn world_callback<T: Clone + 'static>(
    store: &StoreHandle,
    f: impl Fn(&mut Scenario, T) + 'static,
) -> Callback<T> {
    let dispatcher = store.dispatcher();
    let f = Rc::new(f);
    Callback::from(move |value: T| {
        let f = Rc::clone(&f);
        crate::perf::mark_edit();
        dispatcher.dispatch(Action::EditWorld(WorldEdit::new(move |s| {
            f(s, value.clone())
        })));
    })
}

/// A world tab's selection: an index into the list it shows (for principals, into
/// `scenario.principals`), kept by the world panel so it survives switching tabs.
#[derive(Properties, PartialEq)]
pub struct SelectionProps {
    pub selected: Option<usize>,
    pub onselect: Callback<usize>,
}

#[derive(Properties, PartialEq)]
pub struct WorldCardProps {
    pub tab: Tab,
    pub question: AttrValue,
    /// The list on the left (groups of items with their "+ Add" buttons).
    pub list: Html,
    /// The selected item's form and documents.
    pub detail: Html,
}

/// A world tab's panel: the list of things of that kind beside the selected one's form.
#[component]
pub fn WorldCard(props: &WorldCardProps) -> Html {
    let tab = props.tab;
    let heading = format!("{}-heading", tab.panel());
    html! {
        <section class="card world-card" id={tab.panel()} role="tabpanel" aria-labelledby={tab.id()}>
            <header class="card-header">
                <h2 class="card-title" id={heading.clone()}>{ tab.label() }</h2>
                <p class="card-question">{ props.question.clone() }</p>
            </header>
            <div class="world">
                <nav class="world-list" aria-label={tab.label()}>{ props.list.clone() }</nav>
                <div class="world-detail">{ props.detail.clone() }</div>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ListGroupProps {
    pub heading: AttrValue,
    #[prop_or_default]
    pub children: Html,
    /// "+ Add" buttons under the items.
    #[prop_or_default]
    pub add: Html,
    /// Said when the group has no items.
    #[prop_or_default]
    pub empty: Option<AttrValue>,
}

#[component]
pub fn ListGroup(props: &ListGroupProps) -> Html {
    html! {
        <div class="list-group">
            <h3 class="list-heading">{ props.heading.clone() }</h3>
            if let Some(empty) = &props.empty {
                <p class="list-empty">{ empty.clone() }</p>
            } else {
                <ul class="list-items">{ props.children.clone() }</ul>
            }
            <div class="list-add">{ props.add.clone() }</div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ListItemProps {
    pub id: AttrValue,
    pub name: AttrValue,
    #[prop_or_default]
    pub detail: AttrValue,
    #[prop_or_default]
    pub badge: Option<AttrValue>,
    pub selected: bool,
    pub onselect: Callback<()>,
}

#[component]
pub fn ListItem(props: &ListItemProps) -> Html {
    let onclick = props.onselect.reform(|_: MouseEvent| ());
    html! {
        <li>
            <button type="button" class={classes!("list-item", props.selected.then_some("selected"))}
                id={props.id.clone()} aria-current={props.selected.then_some("true")} {onclick}>
                <span class="list-item-name">
                    { props.name.clone() }
                    if let Some(b) = &props.badge {
                        <span class="tag tag-step">{ b.clone() }</span>
                    }
                </span>
                if !props.detail.is_empty() {
                    <span class="list-item-detail">{ props.detail.clone() }</span>
                }
            </button>
        </li>
    }
}

/// A small "+ Something" button.
pub fn add_button(id: &'static str, label: &str, onclick: Callback<()>) -> Html {
    html! {
        <button type="button" class="button button-small button-quiet" {id}
            onclick={onclick.reform(|_: MouseEvent| ())}>{ format!("+ {label}") }</button>
    }
}

/// The selected item's heading, what it is, and its Remove button.
pub fn detail_header(title: &str, sub: &str, remove: Option<(&'static str, Callback<()>)>) -> Html {
    html! {
        <header class="detail-header">
            <div class="detail-titles">
                <h3 class="detail-title" id="world-detail-title">{ title.to_owned() }</h3>
                if !sub.is_empty() {
                    <p class="detail-sub">{ sub.to_owned() }</p>
                }
            </div>
            if let Some((id, onremove)) = remove {
                <button type="button" class="button button-small button-danger" {id}
                    onclick={onremove.reform(|_: MouseEvent| ())}>{ "Remove" }</button>
            }
        </header>
    }
}

/// What the detail side says when there is nothing to show.
pub fn empty_detail(text: &str, action: Html) -> Html {
    html! {
        <div class="world-empty">
            <p>{ text.to_owned() }</p>
            { action }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub placeholder: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Spans the whole form row.
    #[prop_or_default]
    pub wide: bool,
    /// Report the value when the field is left rather than on every keystroke (for values that
    /// are keys or are normalized, so the text does not jump while it is typed).
    #[prop_or_default]
    pub commit: bool,
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    /// A datalist id offering values.
    #[prop_or_default]
    pub list: Option<AttrValue>,
}

#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let value_of = |e: &Event| e.target_unchecked_into::<HtmlInputElement>().value();
    let emit = props.onchange.clone();
    let (oninput, onchange) = if props.commit {
        (
            None,
            Some(Callback::from(move |e: Event| emit.emit(value_of(&e)))),
        )
    } else {
        (
            Some(Callback::from(move |e: InputEvent| {
                emit.emit(e.target_unchecked_into::<HtmlInputElement>().value())
            })),
            None,
        )
    };
    let hint_id = format!("{}-hint", props.id);
    html! {
        <label class={classes!("field", props.wide.then_some("field-wide"))}>
            <span class="field-label">{ props.label.clone() }</span>
            <input class="input mono" id={props.id.clone()} type={props.input_type.clone()}
                value={props.value.clone()} placeholder={props.placeholder.clone()}
                list={props.list.clone()}
                aria-describedby={props.hint.is_some().then(|| hint_id.clone())}
                spellcheck="false" autocomplete="off" autocapitalize="off" {oninput} {onchange} />
            if let Some(hint) = &props.hint {
                <span class="field-hint" id={hint_id}>{ hint.clone() }</span>
            }
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub onchange: Callback<bool>,
    #[prop_or_default]
    pub detail: Option<AttrValue>,
}

#[component]
pub fn CheckField(props: &CheckFieldProps) -> Html {
    let emit = props.onchange.clone();
    let onchange = Callback::from(move |e: Event| {
        emit.emit(e.target_unchecked_into::<HtmlInputElement>().checked())
    });
    html! {
        <label class="check">
            <input type="checkbox" id={props.id.clone()} checked={props.checked} {onchange} />
            <span class="check-label">{ props.label.clone() }</span>
            if let Some(d) = &props.detail {
                <span class="check-detail">{ d.clone() }</span>
            }
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct TagsEditorProps {
    pub id: AttrValue,
    pub tags: Tags,
    pub onchange: Callback<Tags>,
}

/// Tag rows (key, value, remove) and "+ Tag". A key changes when its field is left, so the rows
/// (kept sorted by key) do not move while it is typed.
#[component]
pub fn TagsEditor(props: &TagsEditorProps) -> Html {
    let rows = props
        .tags
        .iter()
        .enumerate()
        .map(|(i, (k, v))| {
            let rename = {
                let (tags, key, emit) = (props.tags.clone(), k.clone(), props.onchange.clone());
                Callback::from(move |e: Event| {
                    let new_key = e.target_unchecked_into::<HtmlInputElement>().value();
                    let mut tags = tags.clone();
                    if new_key.trim().is_empty() || tags.contains_key(&new_key) {
                        return;
                    }
                    if let Some(value) = tags.remove(&key) {
                        tags.insert(new_key, value);
                    }
                    emit.emit(tags);
                })
            };
            let set_value = {
                let (tags, key, emit) = (props.tags.clone(), k.clone(), props.onchange.clone());
                Callback::from(move |e: InputEvent| {
                    let mut tags = tags.clone();
                    tags.insert(key.clone(), e.target_unchecked_into::<HtmlInputElement>().value());
                    emit.emit(tags);
                })
            };
            let remove = {
                let (tags, key, emit) = (props.tags.clone(), k.clone(), props.onchange.clone());
                Callback::from(move |_: MouseEvent| {
                    let mut tags = tags.clone();
                    tags.remove(&key);
                    emit.emit(tags);
                })
            };
            html! {
                <div class="context-row" key={k.clone()}>
                    <input class="input mono" id={format!("{}-key-{i}", props.id)} aria-label="Tag key" value={k.clone()} onchange={rename} spellcheck="false" autocomplete="off" />
                    <input class="input mono" id={format!("{}-value-{i}", props.id)} aria-label={format!("Value of tag {k}")} value={v.clone()} oninput={set_value} spellcheck="false" autocomplete="off" />
                    <button type="button" class="icon-button" aria-label={format!("Remove tag {k}")} title="Remove" onclick={remove}>{ "×" }</button>
                </div>
            }
        })
        .collect::<Html>();
    let add = {
        let (tags, emit) = (props.tags.clone(), props.onchange.clone());
        Callback::from(move |_: MouseEvent| {
            let mut tags = tags.clone();
            let key = (1..)
                .map(|n| {
                    if n == 1 {
                        "team".to_owned()
                    } else {
                        format!("key{n}")
                    }
                })
                .find(|k| !tags.contains_key(k))
                .unwrap_or_default();
            tags.insert(key, "blue".to_owned());
            emit.emit(tags);
        })
    };
    html! {
        <div class="field field-wide" role="group" aria-labelledby={format!("{}-label", props.id)}>
            <span class="field-label" id={format!("{}-label", props.id)}>{ "Tags" }</span>
            { rows }
            <button type="button" class="button button-small button-quiet" id={format!("{}-add", props.id)} onclick={add}>{ "+ Tag" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct StringListProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub items: Rc<Vec<String>>,
    pub onchange: Callback<Vec<String>>,
    /// What "+ Add" adds.
    pub new_item: AttrValue,
    pub add_label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// A datalist id offering values.
    #[prop_or_default]
    pub list: Option<AttrValue>,
}

/// A list of strings edited as rows (audiences, managed policy ARNs).
#[component]
pub fn StringList(props: &StringListProps) -> Html {
    let rows = props
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let set = {
                let (items, emit) = (Rc::clone(&props.items), props.onchange.clone());
                Callback::from(move |e: InputEvent| {
                    let mut items = (*items).clone();
                    if let Some(slot) = items.get_mut(i) {
                        *slot = e.target_unchecked_into::<HtmlInputElement>().value();
                    }
                    emit.emit(items);
                })
            };
            let remove = {
                let (items, emit) = (Rc::clone(&props.items), props.onchange.clone());
                Callback::from(move |_: MouseEvent| {
                    let mut items = (*items).clone();
                    if i < items.len() {
                        items.remove(i);
                    }
                    emit.emit(items);
                })
            };
            html! {
                <div class="list-row">
                    <input class="input mono" id={format!("{}-{i}", props.id)} aria-label={format!("{} {}", props.label, i + 1)}
                        value={item.clone()} oninput={set} list={props.list.clone()} spellcheck="false" autocomplete="off" />
                    <button type="button" class="icon-button" aria-label={format!("Remove {item}")} title="Remove" onclick={remove}>{ "×" }</button>
                </div>
            }
        })
        .collect::<Html>();
    let add = {
        let (items, emit, new_item) = (
            Rc::clone(&props.items),
            props.onchange.clone(),
            props.new_item.to_string(),
        );
        Callback::from(move |_: MouseEvent| {
            let mut items = (*items).clone();
            items.push(new_item.clone());
            emit.emit(items);
        })
    };
    html! {
        <div class="field field-wide" role="group" aria-labelledby={format!("{}-label", props.id)}>
            <span class="field-label" id={format!("{}-label", props.id)}>{ props.label.clone() }</span>
            if let Some(h) = &props.hint {
                <span class="field-hint">{ h.clone() }</span>
            }
            { rows }
            <button type="button" class="button button-small button-quiet" id={format!("{}-add", props.id)} onclick={add}>{ format!("+ {}", props.add_label) }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ItemFindingsProps {
    pub findings: Rc<Vec<ScenarioFinding>>,
}

/// The run's findings about the selected item.
#[component]
pub fn ItemFindings(props: &ItemFindingsProps) -> Html {
    if props.findings.is_empty() {
        return html! {};
    }
    html! {
        <section class="detail-section" aria-label="Findings">
            <h4 class="section-title">{ format!("Findings ({})", props.findings.len()) }</h4>
            <ul class="finding-list item-findings">
                { for props.findings.iter().map(crate::components::world::finding_row) }
            </ul>
        </section>
    }
}
