use crate::state::StoreHandle;
use yew::prelude::*;

/// The top bar: the product's name and the scenario's title.
#[component]
pub fn Header() -> Html {
    let store = use_context::<StoreHandle>();
    let title = store.map(|s| s.title.clone()).unwrap_or_default();
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
            <p class="topbar-note">{ "Runs entirely in your browser" }</p>
        </header>
    }
}
