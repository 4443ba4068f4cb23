use crate::components::explanation::copy_text;
use crate::services::share_url;
use crate::state::{Action, StoreHandle, Theme};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// The top bar: the product's name, the scenario's title, the gallery, the share link and the theme.
#[component]
pub fn Header() -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let title = store
        .doc
        .scenario
        .title
        .clone()
        .unwrap_or_else(|| "Untitled scenario".to_owned());
    let open_gallery = {
        let dispatcher = store.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Gallery(true)))
    };
    let copied_link = use_state_eq(|| false);
    let copied_markdown = use_state_eq(|| false);
    {
        // "Copied" describes what was copied: an edit makes it stale.
        let (link, markdown) = (copied_link.clone(), copied_markdown.clone());
        use_effect_with(store.doc.revision, move |_| {
            link.set(false);
            markdown.set(false);
        });
    }
    // Narrow screens fold the file and sharing actions into a "⋯" menu; wide ones show them all.
    let more_open = use_state_eq(|| false);
    let file_input = use_node_ref();
    // A copied link is a share: the access diff compares with it from now on.
    let copy_link = {
        let (scenario, dispatcher) = (store.doc.scenario.clone(), store.dispatcher());
        copier(&copied_link, move || {
            dispatcher.dispatch(Action::Shared);
            let scenario = scenario.clone();
            async move { share_url(&scenario).await }
        })
    };
    let quiz_ready = crate::state::has_quiz(&store.doc.scenario);
    let quiz = store.ui.quiz;
    let toggle_quiz = {
        let dispatcher = store.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Quiz(!quiz)))
    };
    let theme = store.ui.theme;
    let toggle_theme = {
        let dispatcher = store.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Theme(theme.next())))
    };
    let (theme_icon, theme_label) = match theme {
        Theme::System => ("◐", "Theme: system"),
        Theme::Light => ("☀", "Theme: light"),
        Theme::Dark => ("☾", "Theme: dark"),
    };
    html! {
        <header class="topbar">
            <div class="brand">
                // Two identities, one stepping into the other's role.
                <svg class="brand-mark" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
                    <rect x="1.75" y="1.75" width="14.5" height="14.5" rx="4" class="brand-back" />
                    <rect x="7.75" y="7.75" width="14.5" height="14.5" rx="4" class="brand-front" />
                    <circle cx="15" cy="13.1" r="2.3" class="brand-person" />
                    <path d="M11.2 19.6c.6-2 2-3 3.8-3s3.2 1 3.8 3" class="brand-person" />
                </svg>
                <h1 class="brand-name">{ "roleplay" }</h1>
            </div>
            <span class="topbar-divider" aria-hidden="true"></span>
            <p class="scenario-title" id="scenario-title" title={title.clone()}>{ title }</p>
            <nav class="topbar-actions" aria-label="Scenario">
                <button type="button" class="top-button" id="open-gallery" onclick={open_gallery}>{ "Gallery" }</button>
                <button type="button" class="top-button wide-only" id="open-drill" title="Questions across the whole gallery for one exam" onclick={open_drill(&store)}>{ "Drill" }</button>
                <button type="button" class={classes!("top-button", quiz.then_some("active"))} id="quiz-toggle"
                    aria-pressed={if quiz { "true" } else { "false" }}
                    disabled={!quiz && !quiz_ready}
                    title={if quiz_ready || quiz { "Answer each step before seeing AWS's verdict" } else { "This scenario has no expected outcomes to quiz on" }}
                    onclick={toggle_quiz}>
                    { if quiz { "Leave quiz" } else { "Quiz" } }
                </button>
                <button type="button" class="top-button" id="theme-toggle" data-theme={theme.name()} aria-label={theme_label} title={theme_label} onclick={toggle_theme}>
                    <span aria-hidden="true">{ theme_icon }</span>
                    <span class="top-button-text">{ theme.name() }</span>
                </button>
                { more_menu(&store, &more_open, &file_input, &copied_markdown) }
                <button type="button" class="top-button primary" id="copy-link" onclick={copy_link}>
                    { if *copied_link { "Link copied" } else { "Copy link" } }
                </button>
            </nav>
        </header>
    }
}

/// The file and sharing actions: a row on wide screens, folded into a "⋯" menu on narrow ones.
fn open_drill(store: &StoreHandle) -> Callback<MouseEvent> {
    let dispatcher = store.dispatcher();
    Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Drill(true)))
}

fn more_menu(
    store: &StoreHandle,
    more_open: &UseStateHandle<bool>,
    file_input: &NodeRef,
    copied_markdown: &UseStateHandle<bool>,
) -> Html {
    let close_more = {
        let more_open = more_open.clone();
        Callback::from(move |()| more_open.set(false))
    };
    let toggle_more = {
        let more_open = more_open.clone();
        Callback::from(move |_: MouseEvent| more_open.set(!*more_open))
    };
    let more_keys = {
        let close = close_more.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                close.emit(());
            }
        })
    };
    // Focus leaving the menu (a click elsewhere, Tab past the end) closes it.
    let more_blur = {
        let close = close_more.clone();
        Callback::from(move |e: FocusEvent| {
            let inside = match (e.current_target(), e.related_target()) {
                (Some(menu), Some(to)) => menu
                    .dyn_into::<web_sys::Node>()
                    .ok()
                    .zip(to.dyn_into::<web_sys::Node>().ok())
                    .is_some_and(|(menu, to)| menu.contains(Some(&to))),
                _ => false,
            };
            if !inside {
                close.emit(());
            }
        })
    };
    let open_import = {
        let (dispatcher, close) = (store.dispatcher(), close_more.clone());
        Callback::from(move |_: MouseEvent| {
            close.emit(());
            dispatcher.dispatch(Action::ImportDialog(true))
        })
    };
    let export = {
        let (scenario, close) = (store.doc.scenario.clone(), close_more.clone());
        Callback::from(move |_: MouseEvent| {
            close.emit(());
            crate::files::export(&scenario);
        })
    };
    let pick_file = {
        let (input, close) = (file_input.clone(), close_more.clone());
        Callback::from(move |_: MouseEvent| {
            close.emit(());
            if let Some(input) = input.cast::<web_sys::HtmlInputElement>() {
                input.click();
            }
        })
    };
    let file_chosen = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            let file = input.files().and_then(|f| f.get(0));
            // Choosing the same file again must fire `change` again.
            input.set_value("");
            if let Some(file) = file {
                wasm_bindgen_futures::spawn_local(crate::files::open(file, store.clone()));
            }
        })
    };
    let copy_markdown = {
        let (scenario, result) = (store.doc.scenario.clone(), store.run.result.clone());
        let dispatcher = store.dispatcher();
        copier(copied_markdown, move || {
            dispatcher.dispatch(Action::Shared);
            let (scenario, result) = (scenario.clone(), result.clone());
            async move {
                let url = share_url(&scenario).await?;
                Some(crate::markdown::markdown(&scenario, &result, &url))
            }
        })
    };
    html! {
        <div class={classes!("more", more_open.then_some("open"))} onkeydown={more_keys} onfocusout={more_blur}>
            <button type="button" class="top-button more-toggle" id="more-toggle" aria-label="More actions"
                aria-expanded={if **more_open { "true" } else { "false" }} aria-controls="more-actions" onclick={toggle_more}>
                <span aria-hidden="true">{ "⋯" }</span>
            </button>
            <div class="more-actions" id="more-actions">
                // On narrow screens the drill folds into this menu with the file actions.
                <button type="button" class="top-button narrow-only" id="open-drill-menu" onclick={open_drill(store)}>{ "Exam drill…" }</button>
                <button type="button" class="top-button" id="open-import" title="Import from AWS CLI output" aria-label="Import from AWS CLI output" onclick={open_import}>{ "Import" }<span class="menu-only">{ "from AWS…" }</span></button>
                <button type="button" class="top-button" id="open-file" title="Open a scenario .json file" aria-label="Open a scenario .json file" onclick={pick_file}>{ "Open" }<span class="menu-only">{ "a .json file…" }</span></button>
                <button type="button" class="top-button" id="export-json" title="Export the scenario as a .json file" aria-label="Export the scenario as a .json file" onclick={export}>{ "Export" }<span class="menu-only">{ "as .json" }</span></button>
                <button type="button" class="top-button" id="copy-markdown" title="Title, both policies, the timeline with verdicts, and the link" onclick={copy_markdown}>
                    { if **copied_markdown { "Markdown copied" } else { "Copy as Markdown" } }
                </button>
            </div>
            <input type="file" id="open-file-input" class="visually-hidden" accept=".json,application/json"
                tabindex="-1" aria-hidden="true" ref={file_input.clone()} onchange={file_chosen} />
        </div>
    }
}

/// A button's click: copy `text()` to the clipboard, and let the button say it was copied.
fn copier<F: std::future::Future<Output = Option<String>> + 'static>(
    copied: &UseStateHandle<bool>,
    text: impl Fn() -> F + 'static,
) -> Callback<MouseEvent> {
    let copied = copied.clone();
    Callback::from(move |_: MouseEvent| {
        let (text, copied) = (text(), copied.clone());
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(text) = text.await {
                copied.set(copy_text(&text).await);
            }
        });
    })
}
