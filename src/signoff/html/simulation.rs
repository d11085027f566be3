//! The simulation's sections of the report: every scenario value, what the target system does
//! instead, the figures (the largest database measured beside its estimate), the size chart and
//! table, volumes per scope and the problems found.

use super::*;

pub(super) fn simulation(h: &mut String, sim: &SimRecord) {
    let s = &sim.scenario;
    if !sim.assumptions.is_empty() {
        h.push_str(
            "<section class=\"sheet\"><h2>Simulation: what the target system does instead</h2><ul>",
        );
        for a in &sim.assumptions {
            let _ = write!(h, "<li>{}</li>", esc(a));
        }
        h.push_str("</ul></section>");
    }
    h.push_str("<section class=\"sheet\"><h2>Simulation: assumptions</h2><div class=\"keep\"><table class=\"doc narrow\"><tbody>");
    for f in SCENARIO_FIELDS {
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td></tr>",
            esc(&f.label_with_unit()),
            thousands((f.get)(s))
        );
    }
    let outages: Vec<String> = s
        .outages
        .iter()
        .map(|o| {
            format!(
                "register {} from minute {} to {}",
                o.register, o.start_minute, o.end_minute
            )
        })
        .collect();
    let late: Vec<String> = s
        .late_registers
        .iter()
        .map(|l| format!("register {} at minute {}", l.register, l.minute))
        .collect();
    for (label, value) in [
        (
            "Outages",
            if outages.is_empty() {
                "none".to_string()
            } else {
                outages.join("; ")
            },
        ),
        (
            "Registers joining late",
            if late.is_empty() {
                "none".to_string()
            } else {
                late.join("; ")
            },
        ),
        (
            "Reprovisioning",
            s.reprovision_minute.map_or("none".to_string(), |m| {
                format!("every register at minute {m}")
            }),
        ),
    ] {
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{label}</th><td>{}</td></tr>",
            esc(&value)
        );
    }
    h.push_str("</tbody></table></div></section>");
    sim_results(h, sim);
}

/// The largest register database in words: measured by SQLite when it was, beside the estimate.
pub(super) fn largest_words(sim: &SimRecord) -> String {
    match sim.largest_measured() {
        Some(m) => format!(
            "{} as SQLite stores it (measured: pages \u{d7} page size; the estimate from the catalog\u{2019}s row sizes is {}, {:+.0}%)",
            human_bytes(m as f64),
            human_bytes(sim.peak_bytes() as f64),
            (m as f64 / sim.peak_bytes().max(1) as f64 - 1.0) * 100.0
        ),
        None => format!("{} ({ESTIMATE}; not measured)", human_bytes(sim.peak_bytes() as f64)),
    }
}

fn sim_results(h: &mut String, sim: &SimRecord) {
    let m = &sim.summary;
    let peak = sim.largest().0 as f64;
    let _ = write!(h, "<section class=\"sheet\"><h2>Simulation: results</h2><p class=\"small\">{} registers over {:.1} simulated hours. Byte figures are estimates from the catalog\u{2019}s row sizes; session counts and rows come from the run on real SQLite databases.</p><dl class=\"kv\">", m.registers, sim.hours);
    fact(
        h,
        "Largest register database",
        &format!(
            "{} \u{2014} {:.2}% of the 8 GB guidance, {:.2}% of the 10 GB cap",
            largest_words(sim),
            peak / DATABASE_GUIDANCE_BYTES as f64 * 100.0,
            peak / DATABASE_CAP_BYTES as f64 * 100.0
        ),
    );
    fact(
        h,
        "Sessions per day",
        &format!(
            "{:.0} for all registers, {:.1} per register{}",
            m.sessions_per_day,
            m.sessions_per_register_per_day(),
            if m.storm() {
                " \u{2014} a sync storm"
            } else {
                " \u{2014} no storm"
            }
        ),
    );
    fact(
        h,
        "Initial download per register",
        &format!(
            "{} rows, {} ({ESTIMATE})",
            thousands(m.initial_rows),
            human_bytes(m.initial_bytes as f64)
        ),
    );
    fact(
        h,
        "Moved after provisioning, per register",
        &format!(
            "{} rows, {} ({ESTIMATE})",
            thousands(m.later_rows),
            human_bytes(m.later_bytes as f64)
        ),
    );
    fact(
        h,
        "Store database",
        &format!("{} ({ESTIMATE})", human_bytes(m.store_bytes as f64)),
    );
    fact(h, "Rows uploaded", &thousands(m.uploaded_rows));
    fact(h, "Problems found", &thousands(m.problems as u64));
    fact(
        h,
        "Conflicts",
        &format!(
            "{} ({} kept the store\u{2019}s version, {} the register\u{2019}s)",
            sim.conflicts.total, sim.conflicts.store_won, sim.conflicts.register_won
        ),
    );
    fact(
        h,
        "Catch-up sessions after outages",
        &m.catch_ups.to_string(),
    );
    h.push_str("</dl><h3>Database size per register</h3><div class=\"chart\">");
    h.push_str(&gauge_svg(peak));
    let (svg, note) = sizes_svg(&sim.sizes, &sim.registers);
    h.push_str(&svg);
    h.push_str("</div>");
    if let Some(note) = note {
        let _ = write!(h, "<p class=\"small\">{}</p>", esc(&note));
    }
    h.push_str("<table class=\"doc\"><thead><tr><th scope=\"col\">Register</th><th scope=\"col\" class=\"num\">Size at the end (estimate)</th><th scope=\"col\" class=\"num\">Largest during the run (estimate)</th><th scope=\"col\" class=\"num\">Measured at the end (SQLite)</th><th scope=\"col\" class=\"num\">Share of the 8 GB guidance</th><th scope=\"col\" class=\"num\">Share of the 10 GB cap</th></tr></thead><tbody>");
    for r in &sim.registers {
        let measured = match (r.measured_bytes, r.measured_vs_estimate_percent()) {
            (Some(m), Some(d)) => format!("{} ({d:+.0}%)", human_bytes(m as f64)),
            (Some(m), None) => human_bytes(m as f64),
            _ => "not measured".into(),
        };
        let _ = write!(h, "<tr><th scope=\"row\" class=\"nowrap\">Register {}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{measured}</td><td class=\"num\">{:.2}%{}</td><td class=\"num\">{:.2}%</td></tr>", r.register, human_bytes(r.final_bytes as f64), human_bytes(r.peak_bytes as f64), r.guidance_percent, if r.over_guidance() { " (over)" } else { "" }, r.cap_percent);
    }
    h.push_str("</tbody></table>");
    volumes(h, sim);
    h.push_str("</section>");
}

fn volumes(h: &mut String, sim: &SimRecord) {
    let max = sim
        .scopes
        .iter()
        .map(|t| t.initial_bytes.max(t.later_bytes))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    h.push_str("<h3>Volumes per scope, per register</h3><table class=\"doc volumes\"><thead><tr><th scope=\"col\">Scope</th><th scope=\"col\" class=\"num\">Initial rows</th><th scope=\"col\" class=\"num\">Initial bytes (estimate)</th><th scope=\"col\" class=\"num\">Later rows</th><th scope=\"col\" class=\"num\">Later bytes (estimate)</th><th scope=\"col\" class=\"num\">Sessions</th><th scope=\"col\">Initial vs later bytes</th></tr></thead><tbody>");
    for (i, t) in sim.scopes.iter().enumerate() {
        let _ = write!(h, "<tr><th scope=\"row\">{} {}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>", i + 1, esc(&t.description), thousands(t.initial_rows), human_bytes(t.initial_bytes as f64), thousands(t.later_rows), human_bytes(t.later_bytes as f64), thousands(t.sessions as u64), pair_bars_svg(t.initial_bytes, t.later_bytes, max, colour(i)));
    }
    h.push_str("</tbody></table>");
    if !sim.problems.is_empty() {
        let _ = write!(h, "<h3>Problems the run found</h3><p class=\"small\">{} kinds recorded{}; each row: the problem and in how many sessions it came up.</p><table class=\"doc\"><thead><tr><th scope=\"col\">Problem</th><th scope=\"col\" class=\"num\">Sessions</th></tr></thead><tbody>", sim.problems.len(), if sim.problems.len() > SHOWN_PROBLEMS { format!(", the {SHOWN_PROBLEMS} most frequent shown") } else { String::new() });
        for p in sim.problems.iter().take(SHOWN_PROBLEMS) {
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
                esc(&p.text),
                thousands(p.sessions as u64)
            );
        }
        h.push_str("</tbody></table>");
    }
}
