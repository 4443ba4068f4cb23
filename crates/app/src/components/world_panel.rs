//! The world tabs' panel: shows the selected world tab and keeps each tab's selection while the
//! user moves between tabs (the Principals tab's "Edit in Boundaries" opens that principal there).

use crate::components::boundaries::Boundaries;
use crate::components::organization::{OrgSelection, OrganizationTab};
use crate::components::principals::Principals;
use crate::components::providers::Providers;
use crate::components::resources::{ResourcePick, Resources};
use crate::components::sessions::Sessions;
use crate::state::{Action, StoreHandle, Tab};
use yew::prelude::*;

#[component]
pub fn WorldPanel() -> Html {
    let store = use_context::<StoreHandle>();
    let principal = use_state_eq(|| None::<usize>);
    let boundary = use_state_eq(|| None::<usize>);
    let session = use_state_eq(|| None::<usize>);
    let organization = use_state_eq(OrgSelection::default);
    let resource = use_state_eq(|| None::<ResourcePick>);
    let provider = use_state_eq(|| None::<usize>);
    let Some(store) = store else {
        return html! {};
    };
    let pick = |state: &UseStateHandle<Option<usize>>| {
        let state = state.clone();
        Callback::from(move |i: usize| state.set(Some(i)))
    };
    match store.ui.tab {
        Tab::Principals => {
            let open_boundary = {
                let (boundary, dispatcher) = (boundary.clone(), store.dispatcher());
                Callback::from(move |i: usize| {
                    boundary.set(Some(i));
                    dispatcher.dispatch(Action::Tab(Tab::Boundaries));
                })
            };
            html! { <Principals selected={*principal} onselect={pick(&principal)} {open_boundary} /> }
        }
        Tab::Boundaries => html! { <Boundaries selected={*boundary} onselect={pick(&boundary)} /> },
        Tab::Sessions => html! { <Sessions selected={*session} onselect={pick(&session)} /> },
        Tab::Organization => {
            let onselect = {
                let organization = organization.clone();
                Callback::from(move |s: OrgSelection| organization.set(s))
            };
            html! { <OrganizationTab selected={*organization} {onselect} /> }
        }
        Tab::Resources => {
            let onselect = {
                let resource = resource.clone();
                Callback::from(move |p: ResourcePick| resource.set(Some(p)))
            };
            html! { <Resources selected={(*resource).clone()} {onselect} /> }
        }
        Tab::Providers => html! { <Providers selected={*provider} onselect={pick(&provider)} /> },
        Tab::Policies | Tab::Json | Tab::Access | Tab::Graph => html! {},
    }
}
