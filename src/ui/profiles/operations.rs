//! Operations offline: which register operations work with the open profile (the core's
//! `validation::operations::assess`), worded, with the one-click fix where one is safe. Sits in
//! the checks panel, under the findings.

use crate::catalog::Catalog;
use crate::model::ProfileId;
use crate::ui::state::use_studio;
use crate::validation::operations::{assess, Availability};
use leptos::prelude::*;

/// The operations of the vendor's offline test checklist and the others, each with its state.
#[component]
pub fn OperationsPanel(
    /// The profile.
    id: ProfileId,
) -> impl IntoView {
    let studio = use_studio();
    let problems_only = RwSignal::new(false);
    let statuses = Memo::new(move |_| {
        studio.workspace.with(|ws| {
            ws.profile(id)
                .map(|p| assess(ws, p, Catalog::builtin()))
                .unwrap_or_default()
        })
    });
    let count =
        move |a: Availability| statuses.with(|s| s.iter().filter(|x| x.availability == a).count());
    view! {
        <section class="operations" aria-labelledby="operations-title">
            <h2 id="operations-title">"Operations offline"</h2>
            <p class="counts" aria-live="polite">{move || format!("{} available \u{b7} {} degraded \u{b7} {} unavailable", count(Availability::Available), count(Availability::Degraded), count(Availability::Unavailable))}</p>
            <label class="check small"><input type="checkbox" prop:checked=move || problems_only.get() on:change:target=move |ev| problems_only.set(ev.target().checked())/>"Only those that do not fully work"</label>
            <ul class="operation-list">
                {move || statuses.get().into_iter().filter(|s| !problems_only.get() || s.availability != Availability::Available).map(|s| {
                    let state = s.availability.label();
                    let fix = s.fix.clone();
                    view! {
                        <li class=format!("operation {}", state.to_ascii_lowercase())>
                            <p class="what"><span class="op-state">{state}</span>" "{s.operation.name.clone()}
                                {s.operation.checklist.then(|| view! { " "<span class="tag" title="On the vendor's offline test checklist">"test list"</span> })}</p>
                            {(!s.reasons.is_empty()).then(|| view! { <ul class="reasons">{s.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul> })}
                            {fix.map(|f| {
                                let label = f.label.clone();
                                view! { <button type="button" class="fix" on:click=move |_| { studio.edit(f.action.clone()); }>{label}</button> }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
