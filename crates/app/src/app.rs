use crate::analyses::use_editor_analyses;
use crate::analysis::RolePolicy;
use crate::catalog::use_catalog_loader;
use crate::components::{
    AccessPanel, Banner, ConflictDialog, Description, Drill, ExplanationPanel, Findings,
    FixPreview, Gallery, GraphPanel, Header, ImportDialog, PolicyEditor, Quiz, ScenarioJson,
    StepForm, Tabs, Timeline, WorldPanel,
};
use crate::monaco::use_monaco_loader;
use crate::runner::use_runs;
use crate::services::{initial_store, use_first_run, use_persistence, use_theme};
use crate::state::{StoreHandle, Tab};
use yew::prelude::*;

/// The whole page: the store, provided by context, and the layout.
#[component]
pub fn App() -> Html {
    let store = use_reducer(initial_store);
    let fix_preview: FixPreview = use_state(|| None);
    use_monaco_loader(store.clone());
    use_catalog_loader(store.clone());
    use_editor_analyses(store.clone());
    use_first_run(store.clone());
    use_runs(store.clone());
    use_persistence(store.clone());
    use_theme(store.ui.theme);
    use_effect_with((), |_| {
        crate::perf::since_main("roleplay:startup-render");
        // The textarea editors are painted and usable: the browser tests read this mark.
        crate::perf::note("roleplay:editors-ready");
    });
    // Every render after an edit closes the keystroke → repaint measure.
    use_effect(crate::perf::measure_render);

    let editors = RolePolicy::ALL
        .iter()
        .map(|&policy| html! { <PolicyEditor key={policy.id()} {policy} /> })
        .collect::<Html>();
    let tab = store.ui.tab;
    // The policies beside the timeline and its explanation (wide screens, styles): the edit and
    // what it does on one screen. Other tabs and the quiz take the whole width.
    let side = tab == Tab::Policies && !store.ui.quiz;
    html! {
        <ContextProvider<StoreHandle> context={store.clone()}>
        <ContextProvider<FixPreview> context={fix_preview}>
            <Header />
            <Banner />
            <main class={classes!("workspace", side.then_some("workspace-side"))}>
                // The description tells the outcomes: hidden while the quiz asks them.
                if !store.ui.quiz {
                    <Description />
                }
                <Tabs />
                <div class="editors" id="policy-editors" role="tabpanel" aria-labelledby="tab-policies" hidden={tab != Tab::Policies}>{ editors }</div>
                <WorldPanel />
                if tab == Tab::Json {
                    <ScenarioJson />
                }
                if tab == Tab::Access {
                    <AccessPanel />
                }
                if tab == Tab::Graph {
                    <GraphPanel />
                }
                if store.ui.quiz {
                    <Quiz />
                } else {
                    <div class="lower">
                        <div class="lower-main">
                            <Timeline />
                            <StepForm />
                        </div>
                        <ExplanationPanel />
                    </div>
                }
                if !store.ui.quiz {
                    <Findings />
                }
            </main>
            <Gallery />
            <ImportDialog />
            <Drill />
            <ConflictDialog />
        </ContextProvider<FixPreview>>
        </ContextProvider<StoreHandle>>
    }
}
