//! The Chain area's charts as SVG markup (pure): values per hour over the plan's days, and
//! labelled horizontal bars. They read without colour: lines differ by dash pattern and carry
//! their names at their ends, thresholds are labelled lines, bars carry their words.

use crate::signoff::html::esc;
use crate::sim::chart::colour;
use std::fmt::Write;

const W: f64 = 960.0;
const H: f64 = 240.0;
const DASHES: [&str; 6] = ["", "6 3", "2 3", "10 3 2 3", "1 5", "12 4"];

/// A line per series over hours (day ticks below), a labelled threshold line if given, and the
/// peak marked. `shown` words a value.
pub fn hourly_svg(
    title: &str,
    series: &[(String, Vec<f64>)],
    threshold: Option<(f64, String)>,
    shown: &dyn Fn(f64) -> String,
) -> String {
    let (x0, x1, y0, y1) = (74.0, W - 150.0, H - 34.0, 24.0);
    let hours = series.iter().map(|s| s.1.len()).max().unwrap_or(0).max(1);
    let peak = series
        .iter()
        .flat_map(|s| s.1.iter().copied())
        .fold(0.0, f64::max);
    // A threshold far above the data would flatten it: then it is named, not drawn.
    let (threshold, off_scale) = match threshold {
        Some(t) if t.0 > 0.0 && t.0 > peak * 4.0 => (None, Some(t)),
        t => (t, None),
    };
    let step = nice_step(peak.max(threshold.as_ref().map_or(0.0, |t| t.0)).max(1.0) / 4.0);
    let top = (peak.max(threshold.as_ref().map_or(0.0, |t| t.0)) / step)
        .ceil()
        .max(1.0)
        * step
        * 1.08;
    // A burst far above the usual load (a sync storm) would flatten everything else: then the
    // scale is logarithmic, and the title says so.
    let mut sorted: Vec<f64> = series
        .iter()
        .flat_map(|s| s.1.iter().copied())
        .filter(|v| *v > 0.0)
        .collect();
    sorted.sort_by(f64::total_cmp);
    let usual = sorted.get(sorted.len() * 9 / 10).copied().unwrap_or(0.0);
    let log = usual > 0.0 && peak > usual * 50.0;
    let top = if log {
        peak.max(threshold.as_ref().map_or(0.0, |t| t.0)) * 1.5
    } else {
        top
    };
    let title = &if log {
        format!("{title} (logarithmic scale)")
    } else {
        title.to_string()
    };
    let x = |h: f64| x0 + h / hours as f64 * (x1 - x0);
    let y = |v: f64| {
        if log {
            y0 - (v.max(0.0) + 1.0).log10() / (top + 1.0).log10() * (y0 - y1)
        } else {
            y0 - v / top * (y0 - y1)
        }
    };
    let mut svg = format!(
        "<svg class=\"chain-chart\" viewBox=\"0 0 {W} {H}\" width=\"100%\" role=\"img\" aria-label=\"{}\">\
<text x=\"4\" y=\"14\" class=\"axis\">{}</text>\
<line x1=\"{x0}\" x2=\"{x1}\" y1=\"{y0}\" y2=\"{y0}\" class=\"lane-line\"/><line x1=\"{x0}\" x2=\"{x0}\" y1=\"{y1}\" y2=\"{y0}\" class=\"lane-line\"/>",
        esc(title),
        esc(title)
    );
    if let Some((_, label)) = &off_scale {
        let _ = write!(svg, "<text x=\"{x1}\" y=\"14\" text-anchor=\"end\" class=\"axis\">{}: above this scale</text>", esc(label));
    }
    let ticks: Vec<f64> = if log {
        // 0, then 10, 100, … (1 would sit on 0).
        std::iter::once(0.0)
            .chain((1..).map(|e| 10f64.powi(e)).take_while(|v| *v <= top))
            .collect()
    } else {
        (0..)
            .map(|k| f64::from(k) * step)
            .take_while(|v| *v <= top)
            .collect()
    };
    for v in ticks {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"axis\">{}</text>",
            x0 - 6.0,
            y(v) + 4.0,
            esc(&shown(v))
        );
    }
    let days = hours.div_ceil(24);
    let step = days.div_ceil(15).max(1);
    for d in (0..days).step_by(step) {
        let _ = write!(svg, "<line x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"{y0}\" y2=\"{1}\" class=\"lane-line\"/><text x=\"{0:.1}\" y=\"{2}\" text-anchor=\"start\" class=\"axis\">day {3}</text>", x((d * 24) as f64), y0 + 4.0, H - 12.0, d + 1);
    }
    if let Some((v, label)) = &threshold {
        let _ = write!(svg, "<line x1=\"{x0}\" x2=\"{x1}\" y1=\"{0:.1}\" y2=\"{0:.1}\" class=\"gauge-mark\"/><text x=\"{x1}\" y=\"{1:.1}\" text-anchor=\"end\" class=\"axis\">{2}</text>", y(*v), y(*v) - 4.0, esc(label));
    }
    let mut ends: Vec<(f64, String)> = Vec::new();
    for (i, (name, values)) in series.iter().enumerate() {
        let mut points = String::new();
        for (h, v) in values.iter().enumerate() {
            let _ = write!(points, "{:.1},{:.1} ", x(h as f64 + 0.5), y(*v));
        }
        let _ = write!(svg, "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.6\" stroke-dasharray=\"{}\"><title>{}</title></polyline>", points.trim_end(), colour(i), DASHES[i % DASHES.len()], esc(name));
        let (peak_h, peak) =
            values
                .iter()
                .enumerate()
                .fold((0, 0.0), |a, (h, v)| if *v > a.1 { (h, *v) } else { a });
        if peak > 0.0 {
            let _ = write!(
                svg,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{}\"/>",
                x(peak_h as f64 + 0.5),
                y(peak),
                colour(i)
            );
        }
        ends.push((y(values.last().copied().unwrap_or(0.0)), name.clone()));
    }
    // End labels pushed apart so none overlaps another.
    ends.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut last = f64::MIN;
    for (ly, name) in ends {
        let ly = ly.max(last + 12.0);
        last = ly;
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"axis end-label\">{}</text>",
            x1 + 6.0,
            ly + 4.0,
            esc(&name)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A round step for an axis: 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * p)
}

/// Horizontal bars, one per `(label, value, words)`, the words written after each bar.
pub fn bars_svg(title: &str, items: &[(String, f64, String)]) -> String {
    let row = 26.0;
    let height = 30.0 + row * items.len() as f64;
    let (x0, x1) = (230.0, W - 200.0);
    let top = items.iter().map(|i| i.1).fold(0.0, f64::max).max(1e-9);
    let mut svg = format!(
        "<svg class=\"chain-bars\" viewBox=\"0 0 {W} {height}\" width=\"100%\" role=\"img\" aria-label=\"{}\"><text x=\"4\" y=\"14\" class=\"axis\">{}</text>",
        esc(title),
        esc(title)
    );
    for (i, (label, v, words)) in items.iter().enumerate() {
        let yy = 24.0 + row * i as f64;
        let w = (v / top * (x1 - x0)).max(if *v > 0.0 { 2.0 } else { 0.0 });
        let _ = write!(svg, "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"axis\">{}</text><rect x=\"{x0}\" y=\"{yy:.1}\" width=\"{w:.1}\" height=\"18\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"axis\">{}</text>", x0 - 8.0, yy + 13.0, esc(label), colour(i), x0 + w + 6.0, yy + 13.0, esc(words));
    }
    svg.push_str("</svg>");
    svg
}
