//! Each register's offline database size: a chart over the run and a table of final sizes
//! against the vendor's 8 GB guidance and 10 GB cap (the figures and shares come from the
//! core, `SimResult::register_sizes`).

use super::{colour, human_bytes};
use crate::sim::{SimResult, DATABASE_CAP_BYTES, DATABASE_GUIDANCE_BYTES};
use crate::ui::scroll::{Col, DataTable};
use leptos::prelude::*;
use std::sync::Arc;

const W: f64 = 960.0;
const H: f64 = 220.0;
/// Dash patterns per line, so lines read without colour.
const DASHES: [&str; 6] = ["", "6 3", "2 3", "10 3 2 3", "1 5", "12 4"];
/// End labels closer than this (px) share one label.
const LABEL_GAP: f64 = 11.0;

/// "R1–R6" for a run of consecutive registers, "R1, R3" otherwise.
fn register_list(regs: &[u32]) -> String {
    match regs {
        [] => String::new(),
        [one] => format!("R{one}"),
        [first, .., last] if (*last - *first) as usize + 1 == regs.len() => {
            format!("R{first}\u{2013}R{last}")
        }
        _ => regs
            .iter()
            .map(|r| format!("R{r}"))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// End labels: registers whose lines end within [`LABEL_GAP`] of each other share one label,
/// and labels are pushed apart so none overlaps another. `(y, registers)` per label.
fn end_labels(mut ends: Vec<(u32, f64)>) -> Vec<(f64, Vec<u32>)> {
    ends.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let mut groups: Vec<(f64, Vec<u32>)> = Vec::new();
    for (reg, y) in ends {
        match groups.last_mut() {
            Some((gy, regs)) if (y - *gy).abs() < LABEL_GAP => regs.push(reg),
            _ => groups.push((y, vec![reg])),
        }
    }
    let mut last = f64::NEG_INFINITY;
    for (y, regs) in &mut groups {
        regs.sort_unstable();
        *y = y.max(last + LABEL_GAP);
        last = *y;
    }
    groups
}

/// Each register's offline database size over time against the 8 GB guidance and 10 GB cap.
#[component]
pub fn Sizes(
    /// The run's results.
    result: Arc<SimResult>,
) -> impl IntoView {
    let horizon = result.sizes.iter().map(|s| s.at).fold(3600.0f64, f64::max);
    let peak = result.sizes.iter().map(|s| s.bytes).max().unwrap_or(0) as f64;
    let top = (peak * 1.15).max(1.0);
    let guidance = DATABASE_GUIDANCE_BYTES as f64;
    let cap = DATABASE_CAP_BYTES as f64;
    let sizes = result.register_sizes();
    let x = move |at: f64| 50.0 + at / horizon * (W - 130.0);
    let y = move |bytes: f64| H - 20.0 - bytes / top * (H - 40.0);
    let lines: Vec<(u32, String, u64)> = sizes
        .iter()
        .map(|size| {
            let pts: Vec<String> = result
                .sizes
                .iter()
                .filter(|s| s.register == size.register)
                .map(|s| format!("{:.1},{:.1}", x(s.at), y(s.bytes as f64)))
                .collect();
            (size.register, pts.join(" "), size.final_bytes)
        })
        .collect();
    let labels = end_labels(
        sizes
            .iter()
            .map(|s| (s.register, y(s.final_bytes as f64)))
            .collect(),
    );
    let shared = labels
        .iter()
        .filter(|(_, r)| r.len() > 1)
        .map(|(_, r)| register_list(r))
        .collect::<Vec<_>>();
    view! {
        <section class="card" aria-labelledby="sizes-title">
            <h2 id="sizes-title">"Offline database size"</h2>
            <p>{format!("Largest register database: {} (estimate) \u{2014} {:.2}% of the 8 GB guidance, {:.2}% of the 10 GB cap.", human_bytes(peak), peak / guidance * 100.0, peak / cap * 100.0)}</p>
            <svg class="gauge" viewBox="0 0 1000 40" width="100%" height="40" role="img" aria-label=format!("{} of the 10 GB cap; the 8 GB guidance is marked", human_bytes(peak))>
                <rect x="0" y="4" width="1000" height="14" rx="7" class="gauge-track"/>
                <rect x="0" y="4" width=(peak / cap * 1000.0).clamp(2.0, 1000.0) height="14" rx="7" class="gauge-fill"/>
                <line x1="800" x2="800" y1="0" y2="22" class="gauge-mark"/>
                <text x="800" y="36" text-anchor="middle" class="axis">"8 GB guidance"</text>
                <text x="996" y="36" text-anchor="end" class="axis">"10 GB cap"</text>
            </svg>
            <svg class="sizes" viewBox=format!("0 0 {W} {H}") width="100%" role="img"
                aria-label=format!("Database size per register over time; final sizes: {}", sizes.iter().map(|s| format!("register {} {}", s.register, human_bytes(s.final_bytes as f64))).collect::<Vec<_>>().join(", "))>
                <text x="4" y="16" class="axis">{human_bytes(top)}</text>
                <text x="4" y=H - 22.0 class="axis">"0"</text>
                <line x1="50" x2=W - 80.0 y1=H - 20.0 y2=H - 20.0 class="lane-line"/>
                {lines.into_iter().map(|(reg, pts, last)| {
                    let dash = DASHES[(reg as usize - 1) % DASHES.len()];
                    view! {
                        <polyline points=pts fill="none" stroke=colour(reg as usize - 1) stroke-width="1.5" stroke-dasharray=dash>
                            <title>{format!("Register {reg}: {} at the end (estimate)", human_bytes(last as f64))}</title>
                        </polyline>
                    }
                }).collect_view()}
                {labels.into_iter().map(|(ly, regs)| view! {
                    <text x=W - 76.0 y=ly + 4.0 class="axis line-label">{register_list(&regs)}</text>
                }).collect_view()}
                <text x="50" y=H - 4.0 class="axis">"0 h"</text>
                <text x=W - 80.0 y=H - 4.0 text-anchor="end" class="axis">{format!("{:.0} h", horizon / 3600.0)}</text>
            </svg>
            {(!shared.is_empty()).then(|| view! {
                <p class="hint">{format!("Lines that end together share a label ({}): their registers end at nearly the same size. The table gives each one's figure.", shared.join("; "))}</p>
            })}
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
