use crate::components::explanation::copy_text;
use crate::services::share_url;
use crate::state::{Action, StoreHandle, Theme};
use yew::prelude::*;

/// The top bar: the product's name, the scenario's title, the gallery, the share link and the theme.
#[component]
pub fn Header() -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let title = store
        .scenario
        .title
        .clone()
        .unwrap_or_else(|| "Untitled scenario".to_owned());
    let copied = use_state_eq(|| false);
    let open_gallery = {
        let dispatcher = store.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Gallery(true)))
    };
    let copy_link = {
        let scenario = store.scenario.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let url = share_url(&scenario);
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(url) = url {
                    copied.set(copy_text(&url).await);
                }
            });
        })
    };
    let quiz_ready = crate::state::has_quiz(&store.scenario);
    let quiz = store.quiz;
    let toggle_quiz = {
        let dispatcher = store.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Quiz(!quiz)))
    };
    let open_import = {
        let dispatcher = store.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::ImportDialog(true)))
    };
    let theme = store.theme;
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
                <button type="button" class="top-button" id="open-import" onclick={open_import}>{ "Import" }</button>
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
                <button type="button" class="top-button primary" id="copy-link" onclick={copy_link}>
                    { if *copied { "Link copied" } else { "Copy link" } }
                </button>
            </nav>
        </header>
    }
}
