//! The benchmark page (`#/bench?case=…`, not in the navigation): runs one simulator benchmark
//! of [`crate::sim::bench`] on sql.js in this browser and shows its figures as JSON in
//! `<pre id="bench-result">`, for `make bench` (tools/bench.mjs) to read. Cases: `ratio`,
//! `week`, `scale-N` (N registers, one day). Each case wants a fresh page: the wasm heap never
//! shrinks.

use super::engine::{app_heap, now_ms as now, sqljs, yield_to_browser};
use crate::sim::bench::{default_profile, provision_ratio, reference_week, run_timed, scale};
use leptos::prelude::*;

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

async fn run_case(case: &str) -> Result<String, String> {
    let sql = sqljs().await.map_err(|e| e.to_string())?;
    // A fresh page runs slower for its first moments: let it settle before timing.
    yield_to_browser().await;
    let open = || sql.open().map_err(|e| e.to_string());
    let out = match case {
        "ratio" => {
            let r = provision_ratio(open()?, open()?, &now).map_err(|e| e.to_string())?;
            format!(
                "\"rows\":{},\"engine_ms\":{:.1},\"raw_ms\":{:.1},\"ratio\":{:.3}",
                r.rows,
                r.engine_ms,
                r.raw_ms,
                r.ratio()
            )
        }
        _ => {
            let scenario = match case {
                "week" => reference_week(),
                other => match other.strip_prefix("scale-").and_then(|n| n.parse().ok()) {
                    Some(n) => scale(n),
                    None => return Err(format!("unknown case {other}: ratio, week or scale-N")),
                },
            };
            let f = run_timed(open()?, &scenario, &default_profile(), &now)
                .map_err(|e| e.to_string())?;
            format!(
                "\"registers\":{},\"hours\":{},\"ms\":{:.1},\"setup_ms\":{:.1},\"sessions\":{},\"rows\":{},\"longest_unit_ms\":{:.1},\"longest_unit_phase\":{}",
                scenario.registers(),
                scenario.horizon_hours,
                f.total_ms,
                f.setup_ms,
                f.sessions,
                f.rows,
                f.longest_unit_ms,
                json_string(f.longest_unit_phase.key())
            )
        }
    };
    Ok(out)
}

/// Runs the case named in the route and shows its figures.
#[component]
pub fn BenchPage(
    /// `ratio`, `week` or `scale-N`.
    case: String,
) -> impl IntoView {
    let result = RwSignal::new(None::<String>);
    let name = case.clone();
    leptos::task::spawn_local(async move {
        let body = match run_case(&name).await {
            Ok(fields) => format!("{fields},\"error\":null"),
            Err(e) => format!("\"error\":{}", json_string(&e)),
        };
        result.set(Some(format!(
            "{{\"case\":{},{body},\"app_heap_bytes\":{}}}",
            json_string(&name),
            app_heap()
        )));
    });
    view! {
        <section class="page" aria-labelledby="page-title">
            <div class="page-head">
                <h1 id="page-title">"Benchmark"</h1>
                <p class="lead">{format!("Simulator benchmark \u{201c}{case}\u{201d} on sql.js in this browser (used by make bench).")}</p>
            </div>
            {move || match result.get() {
                None => view! { <p role="status">"Running\u{2026}"</p> }.into_any(),
                Some(json) => view! { <pre id="bench-result">{json}</pre> }.into_any(),
            }}
        </section>
    }
}
