//! The areas whose features have not landed yet say plainly what they will hold.

use super::route::Route;
use leptos::prelude::*;

fn plan(area: &Route) -> (&'static str, &'static [&'static str]) {
    match area {
        Route::Simulation => (
            "Simulate synchronization against real SQLite databases in this browser.",
            &[
                "Sync order over time on a timeline, one lane per register.",
                "Rows and bytes per run, per scope and per register; database sizes against the 8 GB guidance.",
                "Outages, backlogs and catch-up; conflicts on bidirectional scopes.",
                "A look inside each register's database, with a read-only SQL console.",
            ],
        ),
        _ => ("", &[]),
    }
}

/// The page of an area that is not built yet: what it will hold, and nothing fake.
#[component]
pub fn Placeholder(
    /// The area to describe.
    area: Route,
) -> impl IntoView {
    let (lead, items) = plan(&area);
    view! {
        <section class="page placeholder" aria-labelledby="page-title">
            <h1 id="page-title">{area.title()}</h1>
            <p class="lead">{lead}</p>
            <div class="card">
                <h2>"Coming to this area"</h2>
                <ul class="plan">
                    {items.iter().map(|i| view! { <li>{*i}</li> }).collect_view()}
                </ul>
                <p class="muted">
                    "This area is not available yet. The "
                    <a href="#/catalog">"table catalog"</a>
                    " already is: browse the 438 channel-database tables that profiles are built from."
                </p>
            </div>
        </section>
    }
}
