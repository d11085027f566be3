//! Compare: two profiles run on the same scenario, side by side — sessions, volumes, sizes and
//! problems, with the difference, and a chart that labels every bar.

use super::human_bytes;
use crate::sim::{SimResult, Summary};
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;

/// How a figure is written.
#[derive(Clone, Copy)]
enum Unit {
    Count,
    Rate,
    Bytes,
}

fn show(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Count => format!("{v:.0}"),
        Unit::Rate => format!("{v:.1}"),
        Unit::Bytes => human_bytes(v),
    }
}

fn difference(a: f64, b: f64, unit: Unit) -> String {
    if (a - b).abs() < 1e-9 {
        return "same".into();
    }
    let sign = if b > a { "+" } else { "\u{2212}" };
    let pct = if a.abs() > 1e-9 {
        format!(" ({sign}{:.0}%)", ((b - a) / a * 100.0).abs())
    } else {
        String::new()
    };
    format!("{sign}{}{pct}", show((b - a).abs(), unit))
}

type Row = (&'static str, fn(&Summary) -> f64, Unit);

const ROWS: [Row; 11] = [
    (
        "Sessions after provisioning",
        |s| s.steady_sessions as f64,
        Unit::Count,
    ),
    (
        "Sessions per day, all registers",
        |s| s.sessions_per_day,
        Unit::Rate,
    ),
    (
        "Initial download rows, per register",
        |s| s.initial_rows as f64,
        Unit::Count,
    ),
    (
        "Initial download bytes, per register",
        |s| s.initial_bytes as f64,
        Unit::Bytes,
    ),
    (
        "Rows moved later, per register",
        |s| s.later_rows as f64,
        Unit::Count,
    ),
    (
        "Bytes moved later, per register",
        |s| s.later_bytes as f64,
        Unit::Bytes,
    ),
    (
        "Rows uploaded, all registers",
        |s| s.uploaded_rows as f64,
        Unit::Count,
    ),
    (
        "Largest register database",
        |s| s.peak_database_bytes as f64,
        Unit::Bytes,
    ),
    ("Conflicts", |s| s.conflicts as f64, Unit::Count),
    ("Problems found", |s| s.problems as f64, Unit::Count),
    ("Catch-up sessions", |s| s.catch_ups as f64, Unit::Count),
];

/// The distinct problems of a run, the first few.
fn problems(r: &SimResult) -> (Vec<String>, usize) {
    let all: BTreeSet<&String> = r.sessions.iter().flat_map(|s| &s.problems).collect();
    let n = all.len();
    (all.into_iter().take(5).cloned().collect(), n)
}

/// Two runs side by side.
#[component]
pub(super) fn Comparison(
    /// The first profile's name and results.
    first: (String, Arc<SimResult>),
    /// The second profile's name and results.
    second: (String, Arc<SimResult>),
) -> impl IntoView {
    let (a, b) = (first.1.summary(), second.1.summary());
    let (an, bn) = (first.0.clone(), second.0.clone());
    // Bars: three byte figures, each for both profiles, labelled A and B with their values.
    let bars: Vec<(&str, f64, f64)> = vec![
        (
            "Initial download",
            a.initial_bytes as f64,
            b.initial_bytes as f64,
        ),
        ("Later traffic", a.later_bytes as f64, b.later_bytes as f64),
        (
            "Largest database",
            a.peak_database_bytes as f64,
            b.peak_database_bytes as f64,
        ),
    ];
    let top = bars.iter().map(|x| x.1.max(x.2)).fold(1.0f64, f64::max);
    const W: f64 = 960.0;
    const LEFT: f64 = 150.0;
    const BAR: f64 = 16.0;
    let height = bars.len() as f64 * (2.0 * BAR + 18.0) + 8.0;
    let problem_lists = [
        (an.clone(), problems(&first.1)),
        (bn.clone(), problems(&second.1)),
    ];
    view! {
        <section class="card" aria-labelledby="compare-title">
            <h2 id="compare-title">"Comparison"</h2>
            <p class="hint">{format!("A = \u{201c}{an}\u{201d}, B = \u{201c}{bn}\u{201d}, on the same scenario and seed. Byte figures are estimates from the catalog's row sizes.")}</p>
            <table class="grid compare">
                <caption class="visually-hidden">"Two profiles compared"</caption>
                <thead><tr>
                    <th scope="col">"Figure"</th>
                    <th scope="col" class="num">{format!("A \u{201c}{an}\u{201d}")}</th>
                    <th scope="col" class="num">{format!("B \u{201c}{bn}\u{201d}")}</th>
                    <th scope="col" class="num">"B against A"</th>
                </tr></thead>
                <tbody>
                    {ROWS.into_iter().map(|(label, get, unit)| {
                        let (x, y) = (get(&a), get(&b));
                        view! {
                            <tr>
                                <th scope="row">{label}</th>
                                <td class="num">{show(x, unit)}</td>
                                <td class="num">{show(y, unit)}</td>
                                <td class="num">{difference(x, y, unit)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <svg class="compare-chart" viewBox=format!("0 0 {W} {height}") width=W height=height role="img"
                aria-label=format!("Bytes per register: initial download, later traffic and largest database, A \u{201c}{an}\u{201d} against B \u{201c}{bn}\u{201d}")>
                {bars.into_iter().enumerate().map(|(k, (label, x, y))| {
                    let y0 = 4.0 + k as f64 * (2.0 * BAR + 18.0);
                    let w = |v: f64| (v / top * (W - LEFT - 120.0)).max(1.0);
                    view! {
                        <g>
                            <text x="0" y=y0 + BAR + 2.0 class="axis">{label}</text>
                            <rect x=LEFT y=y0 width=w(x) height=BAR - 2.0 class="bar-a"/>
                            <text x=LEFT + w(x) + 6.0 y=y0 + BAR - 5.0 class="axis">{format!("A {}", human_bytes(x))}</text>
                            <rect x=LEFT y=y0 + BAR width=w(y) height=BAR - 2.0 class="bar-b"/>
                            <text x=LEFT + w(y) + 6.0 y=y0 + 2.0 * BAR - 5.0 class="axis">{format!("B {}", human_bytes(y))}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <div class="compare-problems">
                {problem_lists.into_iter().map(|(name, (list, n))| view! {
                    <div>
                        <h3>{format!("Problems of \u{201c}{name}\u{201d}")}</h3>
                        {if n == 0 {
                            view! { <p class="hint">"None found."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="problems">
                                    {list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                                    {(n > 5).then(|| view! { <li>{format!("and {} more", n - 5)}</li> })}
                                </ul>
                            }.into_any()
                        }}
                    </div>
                }).collect_view()}
            </div>
        </section>
    }
}
