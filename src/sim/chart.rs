//! The simulator's charts as SVG markup, drawn once for both the Simulation area and the
//! sign-off report (`crate::signoff`), so the two show the same picture. Charts read without
//! colour: lines differ by dash pattern and carry end labels, bars carry their words.
//! Pure: strings out, numbers in; nothing here is user text, so nothing needs escaping.

use super::report::{RegisterSize, DATABASE_CAP_BYTES, DATABASE_GUIDANCE_BYTES};
use super::SizeSample;
use std::fmt::Write;

/// Bytes as people read them (decimal units, as the 8 GB / 10 GB guidance is written).
pub fn human_bytes(b: f64) -> String {
    match b {
        b if b >= 1e9 => format!("{:.2} GB", b / 1e9),
        b if b >= 1e6 => format!("{:.1} MB", b / 1e6),
        b if b >= 1e3 => format!("{:.1} KB", b / 1e3),
        b => format!("{b:.0} B"),
    }
}

/// A scope's or register's colour (never the only cue: bars are labelled, lines dashed).
pub fn colour(i: usize) -> &'static str {
    const PALETTE: [&str; 16] = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
        "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
    ];
    PALETTE[i % PALETTE.len()]
}

const W: f64 = 960.0;
const H: f64 = 220.0;
/// Dash patterns per line, so lines read without colour.
const DASHES: [&str; 6] = ["", "6 3", "2 3", "10 3 2 3", "1 5", "12 4"];
/// End labels closer than this (px) share one label.
const LABEL_GAP: f64 = 11.0;

/// "R1–R6" for a run of consecutive registers, "R1, R3" otherwise.
pub fn register_list(regs: &[u32]) -> String {
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

/// The largest size as a bar against the 10 GB cap, with the 8 GB guidance marked.
pub fn gauge_svg(peak: f64) -> String {
    let cap = DATABASE_CAP_BYTES as f64;
    let mark = DATABASE_GUIDANCE_BYTES as f64 / cap * 1000.0;
    format!(
        "<svg class=\"gauge\" viewBox=\"0 0 1000 40\" width=\"100%\" height=\"40\" role=\"img\" aria-label=\"{} of the 10 GB cap; the 8 GB guidance is marked\">\
<rect x=\"0\" y=\"4\" width=\"1000\" height=\"14\" rx=\"7\" class=\"gauge-track\"/>\
<rect x=\"0\" y=\"4\" width=\"{:.1}\" height=\"14\" rx=\"7\" class=\"gauge-fill\"/>\
<line x1=\"{mark:.0}\" x2=\"{mark:.0}\" y1=\"0\" y2=\"22\" class=\"gauge-mark\"/>\
<text x=\"{mark:.0}\" y=\"36\" text-anchor=\"middle\" class=\"axis\">8 GB guidance</text>\
<text x=\"996\" y=\"36\" text-anchor=\"end\" class=\"axis\">10 GB cap</text></svg>",
        human_bytes(peak),
        (peak / cap * 1000.0).clamp(2.0, 1000.0)
    )
}

/// Each register's database size over the run: one dashed line per register with end labels
/// (lines that end together share one). Also the note to print under it when labels are shared.
pub fn sizes_svg(samples: &[SizeSample], sizes: &[RegisterSize]) -> (String, Option<String>) {
    let horizon = samples.iter().map(|s| s.at).fold(3600.0f64, f64::max);
    let peak = samples.iter().map(|s| s.bytes).max().unwrap_or(0) as f64;
    let top = (peak * 1.15).max(1.0);
    let x = |at: f64| 50.0 + at / horizon * (W - 130.0);
    let y = |bytes: f64| H - 20.0 - bytes / top * (H - 40.0);
    let finals: Vec<String> = sizes
        .iter()
        .map(|s| {
            format!(
                "register {} {}",
                s.register,
                human_bytes(s.final_bytes as f64)
            )
        })
        .collect();
    let mut svg = format!(
        "<svg class=\"sizes\" viewBox=\"0 0 {W} {H}\" width=\"100%\" role=\"img\" aria-label=\"Database size per register over time; final sizes: {}\">\
<text x=\"4\" y=\"16\" class=\"axis\">{}</text><text x=\"4\" y=\"{}\" class=\"axis\">0</text>\
<line x1=\"50\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"lane-line\"/>",
        finals.join(", "),
        human_bytes(top),
        H - 22.0,
        W - 80.0,
        H - 20.0,
        H - 20.0
    );
    for size in sizes {
        let reg = size.register;
        let points: Vec<String> = samples
            .iter()
            .filter(|s| s.register == reg)
            .map(|s| format!("{:.1},{:.1}", x(s.at), y(s.bytes as f64)))
            .collect();
        let _ = write!(
            svg,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"{}\"><title>Register {reg}: {} at the end (estimate)</title></polyline>",
            points.join(" "),
            colour(reg as usize - 1),
            DASHES[(reg as usize).saturating_sub(1) % DASHES.len()],
            human_bytes(size.final_bytes as f64)
        );
    }
    let labels = end_labels(
        sizes
            .iter()
            .map(|s| (s.register, y(s.final_bytes as f64)))
            .collect(),
    );
    for (ly, regs) in &labels {
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{:.1}\" class=\"axis line-label\">{}</text>",
            W - 76.0,
            ly + 4.0,
            register_list(regs)
        );
    }
    let _ = write!(
        svg,
        "<text x=\"50\" y=\"{0}\" class=\"axis\">0 h</text><text x=\"{1}\" y=\"{0}\" text-anchor=\"end\" class=\"axis\">{2:.0} h</text></svg>",
        H - 4.0,
        W - 80.0,
        horizon / 3600.0
    );
    let shared: Vec<String> = labels
        .iter()
        .filter(|(_, r)| r.len() > 1)
        .map(|(_, r)| register_list(r))
        .collect();
    let note = (!shared.is_empty()).then(|| {
        format!(
            "Lines that end together share a label ({}): their registers end at nearly the same size. The table gives each one\u{2019}s figure.",
            shared.join("; ")
        )
    });
    (svg, note)
}

/// Two labelled bars, initial load and later traffic, scaled to `max`, so the chart reads
/// without colour (the later bar is also hatched).
pub fn pair_bars_svg(initial: u64, later: u64, max: f64, colour: &str) -> String {
    let w = |v: u64| (150.0 * v as f64 / max.max(1.0)).max(if v > 0 { 1.0 } else { 0.0 });
    format!(
        "<svg class=\"minibar\" viewBox=\"0 0 230 24\" width=\"230\" height=\"24\" role=\"img\" aria-label=\"initial {} and later {}\">\
<text x=\"0\" y=\"9\" class=\"mini-label\">initial</text><rect x=\"44\" y=\"2\" height=\"8\" width=\"{:.1}\" fill=\"{colour}\"/>\
<text x=\"0\" y=\"21\" class=\"mini-label\">later</text><rect x=\"44\" y=\"14\" height=\"8\" width=\"{:.1}\" fill=\"{colour}\" class=\"hatched\"/></svg>",
        human_bytes(initial as f64),
        human_bytes(later as f64),
        w(initial),
        w(later)
    )
}

/// One figure of a sweep against the swept value: points joined by a line, each point labelled
/// with its figure, and horizontal reference lines (`marks`: value and label, e.g. the 8 GB
/// guidance) drawn dashed with their words. `log`: a logarithmic figure axis, so megabytes and
/// the 8 GB guidance read on one chart.
pub fn sweep_svg(
    title: &str,
    points: &[(f64, f64)],
    shown: &dyn Fn(f64) -> String,
    marks: &[(f64, &str)],
    log: bool,
) -> String {
    const SW: f64 = 480.0;
    const SH: f64 = 220.0;
    let (x0, x1) = (70.0, SW - 20.0);
    let (y0, y1) = (SH - 30.0, 20.0);
    let xs: Vec<f64> = points.iter().map(|p| p.0).collect();
    let (xmin, xmax) = (
        xs.iter().copied().fold(f64::MAX, f64::min),
        xs.iter().copied().fold(f64::MIN, f64::max),
    );
    let f = |v: f64| if log { v.max(1.0).log10() } else { v };
    let ys = points
        .iter()
        .map(|p| f(p.1))
        .chain(marks.iter().map(|m| f(m.0)));
    let top = ys.clone().fold(f64::MIN, f64::max);
    let bottom = if log {
        points
            .iter()
            .map(|p| f(p.1))
            .fold(f64::MAX, f64::min)
            .floor()
    } else {
        0.0
    };
    let top = if top <= bottom {
        bottom + 1.0
    } else {
        top + (top - bottom) * 0.08
    };
    let x = |v: f64| x0 + (v - xmin) / (xmax - xmin).max(1e-9) * (x1 - x0);
    let y = |v: f64| y0 - (f(v) - bottom) / (top - bottom) * (y0 - y1);
    let mut svg = format!(
        "<svg class=\"sweep\" viewBox=\"0 0 {SW} {SH}\" width=\"100%\" role=\"img\" aria-label=\"{title}: {}\">\
<line x1=\"{x0}\" x2=\"{x1}\" y1=\"{y0}\" y2=\"{y0}\" class=\"lane-line\"/><line x1=\"{x0}\" x2=\"{x0}\" y1=\"{y1}\" y2=\"{y0}\" class=\"lane-line\"/>",
        points.iter().map(|p| format!("{} at {}", shown(p.1), p.0)).collect::<Vec<_>>().join(", ")
    );
    // Labels alternate ends, so lines close together keep readable words.
    for (i, (v, label)) in marks.iter().enumerate() {
        let (lx, anchor) = if i % 2 == 0 {
            (x1, "end")
        } else {
            (x0 + 4.0, "start")
        };
        let _ = write!(svg, "<line x1=\"{x0}\" x2=\"{x1}\" y1=\"{0:.1}\" y2=\"{0:.1}\" class=\"gauge-mark\"/><text x=\"{lx}\" y=\"{1:.1}\" text-anchor=\"{anchor}\" class=\"axis\">{label}</text>", y(*v), y(*v) - 4.0);
    }
    let line: Vec<String> = points
        .iter()
        .map(|p| format!("{:.1},{:.1}", x(p.0), y(p.1)))
        .collect();
    let _ = write!(
        svg,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>",
        line.join(" "),
        colour(0)
    );
    for (i, p) in points.iter().enumerate() {
        let _ = write!(svg, "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"{}\"><title>{}: {}</title></circle>", x(p.0), y(p.1), colour(0), p.0, shown(p.1));
        let anchor = if i + 1 == points.len() {
            "end"
        } else if i == 0 {
            "start"
        } else {
            "middle"
        };
        let _ = write!(svg, "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" class=\"axis point-label\">{}</text>", x(p.0), y(p.1) - 8.0, shown(p.1));
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"{anchor}\" class=\"axis\">{}</text>",
            x(p.0),
            SH - 12.0,
            crate::validation::thousands(p.0.round() as u64)
        );
    }
    let _ = write!(
        svg,
        "<text x=\"4\" y=\"14\" class=\"axis\">{title}</text></svg>"
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registers_that_end_together_share_one_label() {
        assert_eq!(register_list(&[1, 2, 3]), "R1\u{2013}R3");
        assert_eq!(register_list(&[1, 3]), "R1, R3");
        let labels = end_labels(vec![(1, 100.0), (2, 104.0), (3, 150.0)]);
        assert_eq!(labels, vec![(100.0, vec![1, 2]), (150.0, vec![3])]);
    }

    #[test]
    fn the_gauge_marks_the_guidance_at_eight_tenths() {
        let svg = gauge_svg(4e9);
        assert!(svg.contains("x1=\"800\""), "{svg}");
        assert!(svg.contains("4.00 GB of the 10 GB cap"), "{svg}");
        assert!(svg.contains("width=\"400.0\""), "{svg}");
    }
}
