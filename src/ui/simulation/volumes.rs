//! Volumes per scope or per table: rows and estimated bytes of the initial load apart from the
//! later traffic, with labelled bars that read without colour.

use super::{colour, human_bytes};
use crate::sim::chart::pair_bars_svg;
use crate::sim::SimResult;
use crate::ui::scroll::{Col, DataTable};
use crate::validation::thousands;
use leptos::prelude::*;
use std::sync::Arc;

/// Two labelled bars, initial load and later traffic (the report's own, `sim::chart`).
fn pair_bars(initial: u64, later: u64, max: f64, colour_of: &'static str) -> impl IntoView {
    view! { <span class="chart" inner_html=pair_bars_svg(initial, later, max, colour_of)></span> }
}

/// Rows and bytes per scope or per table, the initial load apart from the steady state.
#[component]
pub fn Volumes(
    /// The run's results.
    result: Arc<SimResult>,
) -> impl IntoView {
    let horizon = result.end();
    let days = (horizon / 86_400.0).max(1.0 / 24.0);
    let rows = result.scope_totals();
    let max_bytes = rows
        .iter()
        .map(|r| r.initial_bytes.max(r.later_bytes))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let tables = result.table_totals();
    let max_table = tables
        .iter()
        .map(|t| t.initial_bytes.max(t.later_bytes))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let table_count = tables.len();
    let per_table = RwSignal::new(false);
    let filter = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        let f = filter.get().trim().to_ascii_uppercase();
        tables
            .iter()
            .filter(|t| {
                f.is_empty()
                    || t.table.contains(&f)
                    || t.scope
                        .as_ref()
                        .is_some_and(|s| s.1.to_ascii_uppercase().contains(&f))
            })
            .cloned()
            .collect::<Vec<_>>()
    });
    view! {
        <section class="card" aria-labelledby="volumes-title">
            <div class="section-head">
                <h2 id="volumes-title">"Volumes per register"</h2>
                <div class="segmented" role="radiogroup" aria-label="Show volumes">
                    <label><input type="radio" name="volumes-by" checked=true on:change=move |_| per_table.set(false)/>"Per scope"</label>
                    <label><input type="radio" name="volumes-by" on:change=move |_| per_table.set(true)/>"Per table"</label>
                </div>
            </div>
            <p class="hint">{format!("Averages per register. \u{201c}Later\u{201d} covers {:.1} days after provisioning. Bytes are estimates from the catalog's row sizes.", days)}</p>
            <div hidden=per_table>
                <table class="grid volumes">
                    <caption class="visually-hidden">"Volumes per scope"</caption>
                    <thead><tr>
                        <th scope="col">"Scope"</th><th scope="col" class="num">"Initial rows"</th><th scope="col" class="num">"Initial bytes"</th>
                        <th scope="col" class="num">"Later rows"</th><th scope="col" class="num">"Later bytes"</th><th scope="col" class="num">"Sessions"</th><th scope="col">"Initial vs later bytes"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().enumerate().map(|(i, t)| view! {
                            <tr>
                                <th scope="row">{format!("{} {}", i + 1, t.description)}</th>
                                <td class="num">{thousands(t.initial_rows)}</td><td class="num">{human_bytes(t.initial_bytes as f64)}</td>
                                <td class="num">{thousands(t.later_rows)}</td><td class="num">{human_bytes(t.later_bytes as f64)}</td>
                                <td class="num">{t.sessions}</td>
                                <td>{pair_bars(t.initial_bytes, t.later_bytes, max_bytes, colour(i))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <Show when=move || per_table.get()>
                <div class="field inline">
                    <label for="volumes-filter">"Filter tables"</label>
                    <input id="volumes-filter" type="search" autocomplete="off" placeholder="table or scope" prop:value=move || filter.get() on:input:target=move |ev| filter.set(ev.target().value())/>
                    <span class="hint">{move || format!("{} of {table_count} tables that moved rows, largest first", shown.with(Vec::len))}</span>
                </div>
                <DataTable label="Volumes per table" class="volumes-tables" table_class="grid volumes" columns=vec![Col::Text("Table"), Col::Text("Scope"), Col::Num("Initial rows"), Col::Num("Initial bytes"), Col::Num("Later rows \u{2193}"), Col::Num("Later rows \u{2191}"), Col::Num("Later bytes"), Col::Text("Initial vs later bytes")]>
                            <For each=move || shown.get() key=|t| t.table.clone() children=move |t| {
                                let scope = t.scope.clone();
                                view! {
                                    <tr>
                                        <th scope="row">{t.table.clone()}</th>
                                        <td>{scope.as_ref().map(|(k, d)| format!("{k} {d}")).unwrap_or_default()}</td>
                                        <td class="num">{thousands(t.initial_rows)}</td><td class="num">{human_bytes(t.initial_bytes as f64)}</td>
                                        <td class="num">{thousands(t.later_down_rows)}</td><td class="num">{thousands(t.later_up_rows)}</td><td class="num">{human_bytes(t.later_bytes as f64)}</td>
                                        <td>{pair_bars(t.initial_bytes, t.later_bytes, max_table, colour(scope.map_or(0, |s| s.0 - 1)))}</td>
                                    </tr>
                                }
                            }/>
                </DataTable>
            </Show>
        </section>
    }
}
