//! Each register's offline database size: a chart over the run and a table of final sizes
//! against the vendor's 8 GB guidance and 10 GB cap (the figures and shares come from the
//! core, `SimResult::register_sizes`; the chart from `sim::chart`).

use super::human_bytes;
use crate::sim::chart::{gauge_svg, sizes_svg};
use crate::sim::report::with_measurements;
use crate::sim::{SimResult, DATABASE_CAP_BYTES, DATABASE_GUIDANCE_BYTES};
use crate::ui::scroll::{Col, DataTable};
use leptos::prelude::*;
use std::sync::Arc;

/// Each register's offline database size over time against the 8 GB guidance and 10 GB cap:
/// the same SVG the sign-off report prints (`sim::chart`).
#[component]
pub fn Sizes(
    /// The run's results.
    result: Arc<SimResult>,
) -> impl IntoView {
    let store = expect_context::<super::SimStore>();
    let estimated_peak = result.sizes.iter().map(|s| s.bytes).max().unwrap_or(0);
    let estimates = result.register_sizes();
    let (chart, note) = sizes_svg(&result.sizes, &estimates);
    let sizes = Memo::new(move |_| {
        store
            .measured
            .with(|m| with_measurements(estimates.clone(), m))
    });
    // Measured when every register is, else the largest estimate.
    let headline = move || {
        let all = sizes.with(|s| s.iter().all(|r| r.measured_bytes.is_some()));
        let (peak, how) = match sizes.with(|s| s.iter().filter_map(|r| r.measured_bytes).max()) {
            Some(m) if all => (m as f64, format!("measured as SQLite stores it; the estimate from the catalog\u{2019}s row sizes is {}, {:+.0}%", human_bytes(estimated_peak as f64), (m as f64 / estimated_peak.max(1) as f64 - 1.0) * 100.0)),
            _ => (estimated_peak as f64, "estimate".to_string()),
        };
        format!("Largest register database: {} ({how}) \u{2014} {:.2}% of the 8 GB guidance, {:.2}% of the 10 GB cap.", human_bytes(peak), peak / DATABASE_GUIDANCE_BYTES as f64 * 100.0, peak / DATABASE_CAP_BYTES as f64 * 100.0)
    };
    view! {
        <section class="card" aria-labelledby="sizes-title">
            <h2 id="sizes-title">"Offline database size"</h2>
            <p>{headline}</p>
            <p class="hint" role="status">{move || match store.measuring.get() {
                Some((r, n)) => format!("Measuring each register\u{2019}s database as SQLite stores it (pages \u{d7} page size): register {r} of {n}\u{2026}"),
                None => "Sizes over time are estimates from the catalog\u{2019}s row sizes; the measured column is each register\u{2019}s database at the end, as SQLite stores it. Generated text is as long as real values typically are (names and addresses as real ones, other text a quarter of its declared length, as the catalog assumes).".to_string(),
            }}</p>
            <div class="chart" inner_html=gauge_svg(estimated_peak as f64) + &chart></div>
            {note.map(|n| view! { <p class="hint">{n}</p> })}
            <SizeTable sizes/>
        </section>
    }
}

/// Each register's final and largest size, measured where known, and the share of the guidance
/// and cap (of the measured size once known).
#[component]
fn SizeTable(sizes: Memo<Vec<crate::sim::RegisterSize>>) -> impl IntoView {
    view! {
        <DataTable label="Database size per register" class="sizes-scroll" table_class="grid" columns=vec![Col::Text("Register"), Col::Num("Size at the end (estimate)"), Col::Num("Largest during the run (estimate)"), Col::Num("Measured at the end (SQLite)"), Col::Num("Share of the 8 GB guidance"), Col::Num("Share of the 10 GB cap")]>
                    {move || sizes.get().into_iter().map(|s| view! {
                        <tr>
                            <th scope="row">{format!("Register {}", s.register)}</th>
                            <td class="num">{human_bytes(s.final_bytes as f64)}</td>
                            <td class="num">{human_bytes(s.peak_bytes as f64)}</td>
                            <td class="num">{match (s.measured_bytes, s.measured_vs_estimate_percent()) {
                                (Some(m), Some(d)) => format!("{} ({d:+.0}%)", human_bytes(m as f64)),
                                (Some(m), None) => human_bytes(m as f64),
                                _ => "measuring\u{2026}".to_string(),
                            }}</td>
                            <td class="num">
                                {format!("{:.2}%", s.guidance_percent)}
                                {s.over_guidance().then(|| view! { " " <span class="badge warn">"over"</span> })}
                            </td>
                            <td class="num">{format!("{:.2}%", s.cap_percent)}</td>
                        </tr>
                    }).collect_view()}
        </DataTable>
    }
}
