//! The report as HTML: one renderer for the app's Report view (a fragment under the app's
//! stylesheet), `report.html` in packages and `profile-package report` (a whole document with
//! `style/report.css` inlined, its own policy forbidding scripts and remote loads). Every text
//! from a profile or a person goes through [`esc`]; charts come from [`crate::sim::chart`].

use super::{Report, NOT_RECORDED};
use crate::sim::chart::{colour, gauge_svg, human_bytes, pair_bars_svg, sizes_svg};
use crate::sim::{SimRecord, DATABASE_CAP_BYTES, DATABASE_GUIDANCE_BYTES, SCENARIO_FIELDS};
use crate::validation::{thousands, Severity};
use std::fmt::Write;

mod simulation;
use simulation::{largest_words, simulation};

/// The report's stylesheet (screen and print, A4 and Letter), inlined into `report.html`.
pub const REPORT_CSS: &str = include_str!("../../../style/report.css");
/// The policy a standalone report carries: no script, nothing loaded from anywhere.
const STANDALONE_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
/// The most frequent problems the report lists (the record keeps more).
const SHOWN_PROBLEMS: usize = 10;
/// Row sizes are estimates: every byte figure says so.
const ESTIMATE: &str = "estimate from the catalog\u{2019}s row sizes";

/// Text made safe for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The file name of a profile's standalone report.
pub fn report_filename(name: &str, version: u32) -> String {
    crate::package::package_filename(name, version).replace(".zip", "-report.html")
}

/// A whole, self-contained document: opens from disk in any browser.
pub fn document(r: &Report) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{STANDALONE_POLICY}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Sign-off report \u{2014} {} v{}</title>\n<style>\n{REPORT_CSS}</style>\n</head>\n<body class=\"signoff-page\">\n{}</body>\n</html>\n",
        esc(&r.profile.name),
        r.version,
        fragment(r)
    )
}

/// The report's markup without a page around it (the app places it under its own stylesheet).
pub fn fragment(r: &Report) -> String {
    let mut h = String::new();
    let (hash_label, hash) = r.identity_hash();
    let _ = write!(
        h,
        "<article class=\"signoff\" aria-label=\"Sign-off report\"><table class=\"frame\" role=\"presentation\"><thead><tr><td><div class=\"running-header\"><span>Sign-off report \u{b7} {} v{}</span><span>{hash_label} <code>{}</code></span></div></td></tr></thead><tbody><tr><td>",
        esc(&r.profile.name),
        r.version,
        esc(hash)
    );
    cover(&mut h, r);
    scopes(&mut h, r);
    limits(&mut h, r);
    checks(&mut h, r);
    operations(&mut h, r);
    match &r.extras.sim {
        Some(sim) => {
            if r.sim_matches == Some(false) {
                h.push_str("<p class=\"warning-note\" role=\"note\">The simulation below ran on another version of this profile (its scopes, tables, limits or device values differ): its figures may not hold for the version this report signs.</p>");
            }
            simulation(&mut h, sim)
        }
        None => h.push_str("<section class=\"sheet\"><h2>Simulation</h2><p class=\"none\">No simulation is attached. Run the profile in the Simulation area, then open its report (or pass <code>--sim</code> to <code>profile-package report</code>).</p></section>"),
    }
    verdict(&mut h, r);
    risks(&mut h, r);
    checklist(&mut h, r);
    h.push_str("</td></tr></tbody></table></article>");
    h
}

fn fact(h: &mut String, term: &str, value: &str) {
    let _ = write!(h, "<dt>{}</dt><dd>{}</dd>", esc(term), esc(value));
}

fn cover(h: &mut String, r: &Report) {
    let s = &r.source;
    let _ = write!(
        h,
        "<section class=\"sheet cover\"><p class=\"kicker\">Offline profile \u{b7} sign-off report</p><h1>{}</h1><p class=\"lede\">{}</p><dl class=\"kv\">",
        esc(&r.profile.name),
        esc(&r.profile.description)
    );
    fact(h, "Profile version", &r.version.to_string());
    let target = match &s.target_system {
        Some(t) => t.clone(),
        None => format!(
            "{NOT_RECORDED} (package format version {}); such packages were designed for {}",
            s.format_version,
            crate::model::TargetSystem::default().label()
        ),
    };
    fact(h, "Target system", &target);
    fact(h, "Package file", &s.file);
    match &s.zip_sha256 {
        Some(z) => fact(h, "Package SHA-256", z),
        None if r.counts.errors > 0 => fact(h, "Package SHA-256", "none: the studio refuses to export a profile with errors"),
        None => fact(h, "Package SHA-256", "this report travels inside the package, which cannot hold its own hash: compare the file\u{2019}s SHA-256 with the one the deployment ticket records"),
    }
    fact(h, "profile.json SHA-256", &r.profile_sha256);
    fact(h, "Package format version", &s.format_version.to_string());
    fact(h, "Profile last changed", &s.created_at);
    fact(
        h,
        "Made with",
        &format!("Offline Profile Studio {}", s.app_version),
    );
    let (documented, known) = r.documented_jobs;
    fact(h, "Scheduler jobs", &format!("{documented} of the {known} tables have their job named by a public vendor document; the others\u{2019} jobs are inferred from table names"));
    fact(
        h,
        "Prepared by",
        r.extras
            .prepared_by
            .as_deref()
            .filter(|p| !p.trim().is_empty())
            .unwrap_or(NOT_RECORDED),
    );
    fact(h, "Date", r.extras.date.as_deref().unwrap_or(NOT_RECORDED));
    h.push_str("</dl>");
    glance(h, r);
    h.push_str("<div class=\"signatures\"><div><span class=\"sign-line\"></span>Prepared by (name, signature)</div><div><span class=\"sign-line\"></span>Approved by (name, signature)</div><div><span class=\"sign-line\"></span>Date</div></div></section>");
}

/// The figures a signer looks at first.
fn glance(h: &mut String, r: &Report) {
    let c = r.counts;
    let count = |level: super::RiskLevel| r.risks.iter().filter(|k| k.level == level).count();
    h.push_str("<h2>At a glance</h2><dl class=\"kv glance\">");
    fact(
        h,
        "Checks",
        &format!(
            "{} errors, {} warnings, {} info",
            c.errors, c.warnings, c.infos
        ),
    );
    fact(
        h,
        "Scopes and tables",
        &format!(
            "{} scopes, {} tables",
            r.scopes.len(),
            r.scopes.iter().map(|s| s.tables.len()).sum::<usize>()
        ),
    );
    match &r.extras.sim {
        Some(sim) => {
            let (peak, _) = sim.largest();
            fact(
                h,
                "Largest register database",
                &format!(
                    "{}, {:.2}% of the 8 GB guidance",
                    largest_words(sim),
                    peak as f64 / DATABASE_GUIDANCE_BYTES as f64 * 100.0
                ),
            );
            fact(
                h,
                "Sessions per register per day",
                &format!(
                    "{:.1}{}",
                    sim.summary.sessions_per_register_per_day(),
                    if sim.summary.storm() {
                        " \u{2014} a sync storm"
                    } else {
                        ""
                    }
                ),
            );
        }
        None => fact(h, "Simulation", "none attached"),
    }
    fact(
        h,
        "Reprovisioning",
        &r.extras.previous.as_ref().map_or_else(
            || "no previous package chosen".to_string(),
            |p| p.verdict.headline.clone(),
        ),
    );
    fact(
        h,
        "Risks",
        &format!(
            "{} high, {} medium, {} low",
            count(super::RiskLevel::High),
            count(super::RiskLevel::Medium),
            count(super::RiskLevel::Low)
        ),
    );
    h.push_str("</dl>");
}

fn scopes(h: &mut String, r: &Report) {
    h.push_str("<section class=\"sheet\"><h2>Scopes, in synchronization order</h2><table class=\"doc scopes\"><thead><tr><th scope=\"col\" class=\"num\">#</th><th scope=\"col\">Scope</th><th scope=\"col\">Direction</th><th scope=\"col\">Frequency</th><th scope=\"col\" class=\"num\">Tables</th></tr></thead><tbody>");
    for s in &r.scopes {
        let conflicts = s
            .conflicts
            .map(|c| format!("<br><span class=\"small\">conflicts: {c}</span>"))
            .unwrap_or_default();
        let _ = write!(
            h,
            "<tr class=\"scope-row\"><td class=\"num\">{}</td><th scope=\"row\" class=\"scope-name\">{}</th><td>{}{conflicts}</td><td class=\"nowrap\">{}</td><td class=\"num\">{}</td></tr><tr class=\"names-row\"><td></td><td colspan=\"4\"><ul class=\"table-names\" aria-label=\"Tables of {}\">",
            s.position,
            esc(&s.description),
            s.direction,
            esc(&s.frequency),
            s.tables.len(),
            esc(&s.description)
        );
        for t in &s.tables {
            let _ = write!(h, "<li>{}</li>", esc(t));
        }
        h.push_str("</ul></td></tr>");
    }
    h.push_str("</tbody></table></section>");
}

fn limits(h: &mut String, r: &Report) {
    h.push_str("<section class=\"sheet\"><h2>Offline products and customers</h2><dl class=\"kv\">");
    fact(h, "Offline products", &r.products);
    fact(h, "Offline customers", &r.customers);
    h.push_str("</dl><h2>SQLite device configuration</h2><div class=\"keep\"><table class=\"doc narrow\"><tbody>");
    for (label, value) in &r.device {
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            esc(label),
            esc(value)
        );
    }
    h.push_str("</tbody></table></div></section>");
}

fn checks(h: &mut String, r: &Report) {
    let c = r.counts;
    let _ = write!(
        h,
        "<section class=\"sheet\"><h2>Checks</h2><p>{} error{}, {} warning{}, {} info, by the rules of this version.",
        c.errors,
        if c.errors == 1 { "" } else { "s" },
        c.warnings,
        if c.warnings == 1 { "" } else { "s" },
        c.infos
    );
    if let Some(rec) = r.source.recorded {
        if (rec.errors, rec.warnings, rec.infos) != (c.errors, c.warnings, c.infos) {
            let _ = write!(h, " At export the package recorded {} errors, {} warnings, {} info: the rules have changed since.", rec.errors, rec.warnings, rec.infos);
        }
    }
    h.push_str("</p>");
    if r.checks.is_empty() {
        h.push_str("<p class=\"none\">No findings.</p></section>");
        return;
    }
    // Errors and warnings in full; notes (info) by code with their count and places.
    let infos: Vec<&super::CheckRow> = r
        .checks
        .iter()
        .filter(|d| d.severity == Severity::Info)
        .collect();
    if infos.len() < r.checks.len() {
        h.push_str("<table class=\"doc\"><thead><tr><th scope=\"col\">Severity and code</th><th scope=\"col\">Where</th><th scope=\"col\">Finding</th></tr></thead><tbody>");
    }
    for d in r.checks.iter().filter(|d| d.severity != Severity::Info) {
        let _ = write!(
            h,
            "<tr><td class=\"code-cell\"><span class=\"sev {}\">{}</span><br><code class=\"small\">{}</code></td><td class=\"where\">{}</td><td>{}</td></tr>",
            d.severity.label().to_ascii_lowercase(),
            d.severity.label(),
            d.code,
            esc(&d.place),
            esc(&d.message)
        );
    }
    if infos.len() < r.checks.len() {
        h.push_str("</tbody></table>");
    }
    if !infos.is_empty() {
        let _ = write!(
            h,
            "<h3>Notes ({}), by kind</h3><ul class=\"notes\">",
            infos.len()
        );
        let mut codes: Vec<&str> = Vec::new();
        for d in &infos {
            if !codes.contains(&d.code) {
                codes.push(d.code);
            }
        }
        for code in codes {
            let of: Vec<&&super::CheckRow> = infos.iter().filter(|d| d.code == code).collect();
            let places: Vec<&str> = of
                .iter()
                .map(|d| d.place.as_str())
                .filter(|p| !p.is_empty())
                .collect();
            let _ = write!(
                h,
                "<li><code>{code}</code> \u{d7}{}: {}{}</li>",
                of.len(),
                esc(&of[0].message),
                if of.len() > 1 {
                    format!(
                        " <span class=\"small\">(and {} more like it; where: {})</span>",
                        of.len() - 1,
                        esc(&places.join("; "))
                    )
                } else {
                    String::new()
                }
            );
        }
        h.push_str("</ul>");
    }
    h.push_str("</section>");
}

fn operations(h: &mut String, r: &Report) {
    use crate::validation::operations::Availability;
    let count = |a: Availability| r.operations.iter().filter(|s| s.availability == a).count();
    let _ = write!(
        h,
        "<section class=\"sheet\"><h2>Operations offline</h2><p>{} available, {} degraded, {} unavailable, as {} runs this profile. \u{201c}Test list\u{201d} marks the vendor\u{2019}s offline test checklist; which tables each operation needs is documented by the vendor where marked, else inferred.</p><table class=\"doc\"><thead><tr><th scope=\"col\">Operation</th><th scope=\"col\">Offline</th><th scope=\"col\">Why</th></tr></thead><tbody>",
        count(Availability::Available),
        count(Availability::Degraded),
        count(Availability::Unavailable),
        esc(r.profile.target.label())
    );
    for s in &r.operations {
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}{}</th><td><span class=\"level {}\">{}</span></td><td>{}</td></tr>",
            esc(&s.operation.name),
            if s.operation.checklist { " <span class=\"small\">(test list)</span>" } else { "" },
            match s.availability { Availability::Unavailable => "high", Availability::Degraded => "medium", Availability::Available => "low" },
            s.availability.label(),
            esc(&s.reasons.join("; "))
        );
    }
    h.push_str("</tbody></table></section>");
}

fn verdict(h: &mut String, r: &Report) {
    h.push_str("<section class=\"sheet\"><h2>Reprovisioning</h2>");
    let Some(p) = &r.extras.previous else {
        h.push_str("<p class=\"none\">No previous package was chosen, so no verdict: choose the package the stores run today to learn whether their registers must be reprovisioned.</p></section>");
        return;
    };
    let _ = write!(
        h,
        "<p>Against <strong>{}</strong>: <strong>{}</strong></p>",
        esc(&p.label),
        esc(&p.verdict.headline)
    );
    for (title, list) in [
        ("Changes that require reprovisioning", &p.verdict.requiring),
        (
            "Changes that reach registers at their next synchronization",
            &p.verdict.at_next_sync,
        ),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = write!(h, "<h3>{title}</h3><ul>");
        for c in list {
            let _ = write!(h, "<li>{}</li>", esc(c));
        }
        h.push_str("</ul>");
    }
    h.push_str("</section>");
}

fn risks(h: &mut String, r: &Report) {
    h.push_str("<section class=\"sheet\"><h2>Risks</h2>");
    if r.risks.is_empty() {
        h.push_str(
            "<p class=\"none\">None derived from the checks and the simulation.</p></section>",
        );
        return;
    }
    h.push_str("<table class=\"doc\"><thead><tr><th scope=\"col\">Level</th><th scope=\"col\">Risk</th><th scope=\"col\">What it leads to</th><th scope=\"col\">From</th></tr></thead><tbody>");
    for k in &r.risks {
        let _ = write!(h, "<tr><td><span class=\"level {}\">{}</span></td><td>{}</td><td>{}</td><td class=\"small\">{}</td></tr>", k.level.label().to_ascii_lowercase(), k.level.label(), esc(&k.what), esc(&k.consequence), esc(&k.source));
    }
    h.push_str("</tbody></table></section>");
}

fn checklist(h: &mut String, r: &Report) {
    h.push_str(
        "<section class=\"sheet\"><h2>Deployment-day checklist</h2><ul class=\"checklist keep\">",
    );
    for item in &r.checklist {
        let _ = write!(
            h,
            "<li><span class=\"tick\" aria-hidden=\"true\"></span>{}</li>",
            esc(item)
        );
    }
    h.push_str("</ul></section>");
}
