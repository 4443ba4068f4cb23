use yew::prelude::*;

/// The timeline of calls (AssumeRole, then API calls with the session). A placeholder for now.
#[component]
pub fn Timeline() -> Html {
    html! {
        <section class="card timeline" aria-labelledby="timeline-heading">
            <header class="card-header">
                <h2 class="card-title" id="timeline-heading">{ "Timeline" }</h2>
            </header>
            <div class="empty-state">
                <p>{ "No steps yet. Calls made with this role — AssumeRole, then API calls with its session — will appear here, each with AWS's answer." }</p>
            </div>
        </section>
    }
}
