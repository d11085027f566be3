//! Each register's offline database size: a chart over the run and a table of final sizes
//! against the vendor's 8 GB guidance and 10 GB cap (the figures and shares come from the
//! core, `SimResult::register_sizes`; the chart from `sim::chart`).

use super::human_bytes;
use crate::sim::chart::{gauge_svg, sizes_svg};
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
    let peak = result.sizes.iter().map(|s| s.bytes).max().unwrap_or(0) as f64;
    let sizes = result.register_sizes();
    let (chart, note) = sizes_svg(&result.sizes, &sizes);
    view! {
        <section class="card" aria-labelledby="sizes-title">
            <h2 id="sizes-title">"Offline database size"</h2>
            <p>{format!("Largest register database: {} (estimate) \u{2014} {:.2}% of the 8 GB guidance, {:.2}% of the 10 GB cap.", human_bytes(peak), peak / DATABASE_GUIDANCE_BYTES as f64 * 100.0, peak / DATABASE_CAP_BYTES as f64 * 100.0)}</p>
            <div class="chart" inner_html=gauge_svg(peak) + &chart></div>
            {note.map(|n| view! { <p class="hint">{n}</p> })}
            <SizeTable sizes/>
        </section>
    }
}

/// Each register's final and largest size, and the final size's share of the guidance and cap.
#[component]
fn SizeTable(sizes: Vec<crate::sim::RegisterSize>) -> impl IntoView {
    view! {
        <DataTable label="Database size per register" class="sizes-scroll" table_class="grid" columns=vec![Col::Text("Register"), Col::Num("Size at the end (estimate)"), Col::Num("Largest during the run"), Col::Num("Share of the 8 GB guidance"), Col::Num("Share of the 10 GB cap")]>
                    {sizes.into_iter().map(|s| view! {
                        <tr>
                            <th scope="row">{format!("Register {}", s.register)}</th>
                            <td class="num">{human_bytes(s.final_bytes as f64)}</td>
                            <td class="num">{human_bytes(s.peak_bytes as f64)}</td>
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
