use crate::analysis::RolePolicy;
use crate::components::{Header, PolicyEditor, Timeline};
use crate::monaco::use_monaco_loader;
use crate::state::{Store, StoreHandle};
use yew::prelude::*;

/// The whole page: the store, provided by context, and the layout.
#[component]
pub fn App() -> Html {
    let store = use_reducer(Store::default);
    use_monaco_loader(store.clone());
    use_effect_with((), |_| {
        // The textarea editors are painted and usable: the browser tests read this mark.
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark("roleplay:editors-ready");
        }
    });
    let editors = RolePolicy::ALL
        .iter()
        .map(|&policy| html! { <PolicyEditor key={policy.id()} {policy} /> })
        .collect::<Html>();
    html! {
        <ContextProvider<StoreHandle> context={store}>
            <Header />
            <main class="workspace">
                <div class="editors">{ editors }</div>
                <Timeline />
            </main>
        </ContextProvider<StoreHandle>>
    }
}
