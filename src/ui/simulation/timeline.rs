//! The timeline: one lane per register, each session a bar coloured and numbered by scope,
//! outages shaded, zoom and pan; it follows trainer mode's current session.

use super::{colour, human_bytes};
use crate::sim::SimResult;
use crate::ui::engine::yield_to_browser;
use leptos::prelude::*;
use std::sync::Arc;

/// Bars drawn per browser turn while the timeline fills in.
const BATCH: usize = 100;
/// Bars drawn at most (zoom in to see the rest).
const MAX_BARS: usize = 4000;

/// One lane per register, each session a bar coloured and numbered by scope, outages shaded.
#[component]
pub fn Timeline(
    /// The run's results.
    result: Arc<SimResult>,
    /// Trainer mode's current session: highlighted, and kept in view.
    step: RwSignal<Option<usize>>,
) -> impl IntoView {
    const WIDTH: f64 = 960.0;
    const LANE: f64 = 26.0;
    const LEFT: f64 = 90.0;
    let horizon = result.end();
    let registers = result.registers().max(1);
    let view_start = RwSignal::new(0.0f64);
    let view_span = RwSignal::new(horizon.min(6.0 * 3600.0));
    let focused = RwSignal::new(None::<usize>);
    let follow = result.clone();
    Effect::new(move |_| {
        let Some(s) = step.get().and_then(|i| follow.sessions.get(i)) else {
            return;
        };
        let (a, span) = (view_start.get_untracked(), view_span.get_untracked());
        if s.start < a || s.end > a + span {
            view_start.set((s.start - span / 4.0).clamp(0.0, (horizon - span).max(0.0)));
        }
    });
    // The bars appear BATCH per browser turn: a thousand bars at once held the page for over
    // 100 ms (a long task in `make bench`); in batches no turn takes long.
    let limit = RwSignal::new(BATCH);
    leptos::task::spawn_local(async move {
        while limit.try_get_untracked().is_some_and(|l| l < MAX_BARS) {
            yield_to_browser().await;
            if limit.try_update(|l| *l += BATCH).is_none() {
                break; // the timeline is gone
            }
        }
    });
    let r = result.clone();
    let bars = Memo::new(move |_| {
        let (a, span) = (view_start.get(), view_span.get());
        r.sessions
            .iter()
            .enumerate()
            .filter(|(_, s)| s.end >= a && s.start <= a + span)
            .take(limit.get().min(MAX_BARS))
            .map(|(i, s)| (i, s.register, s.scope, s.start, s.end, s.catch_up))
            .collect::<Vec<_>>()
    });
    let x = move |t: f64| LEFT + (t - view_start.get()) / view_span.get() * (WIDTH - LEFT);
    let height = LANE * f64::from(registers) + 30.0;
    let outages = result.clone();
    let scopes = result.scopes.clone();
    let details = result.clone();
    view! {
        <section class="card" aria-labelledby="timeline-title">
            <div class="section-head">
                <h2 id="timeline-title">"Timeline"</h2>
                <div class="toolbar" role="toolbar" aria-label="Timeline zoom">
                    <button type="button" on:click=move |_| view_start.update(|a| *a = (*a - view_span.get_untracked() / 2.0).max(0.0))>"Earlier"</button>
                    <button type="button" on:click=move |_| view_span.update(|s| *s = (*s / 2.0).max(600.0))>"Zoom in"</button>
                    <button type="button" on:click=move |_| view_span.update(|s| *s = (*s * 2.0).min(horizon))>"Zoom out"</button>
                    <button type="button" on:click=move |_| view_start.update(|a| *a = (*a + view_span.get_untracked() / 2.0).min((horizon - view_span.get_untracked()).max(0.0)))>"Later"</button>
                </div>
            </div>
            <p class="hint">{move || format!("Showing hour {:.1} to {:.1} of {:.0}. Bars are numbered by scope; shaded bands are outages; hover or focus a bar for its session.", view_start.get() / 3600.0, (view_start.get() + view_span.get()) / 3600.0, horizon / 3600.0)}</p>
            <div class="timeline-scroll">
                <svg class="timeline" role="img" aria-label="Sync sessions over time, one lane per register" viewBox=format!("0 0 {WIDTH} {height}") width=WIDTH height=height>
                    {(1..=registers).map(|reg| {
                        let y = LANE * f64::from(reg - 1);
                        view! {
                            <g>
                                <text x="4" y=y + 17.0 class="lane-label">{format!("Register {reg}")}</text>
                                <line x1=LEFT x2=WIDTH y1=y + LANE y2=y + LANE class="lane-line"/>
                            </g>
                        }
                    }).collect_view()}
                    {move || outages.outages.iter().filter(|o| o.register <= registers).map(|o| {
                        let (a, b) = (f64::from(o.start_minute) * 60.0, f64::from(o.end_minute) * 60.0);
                        let y = LANE * f64::from(o.register - 1);
                        let x1 = x(a).clamp(LEFT, WIDTH);
                        let x2 = x(b).clamp(LEFT, WIDTH);
                        view! { <rect x=x1 y=y width=(x2 - x1).max(0.0) height=LANE class="outage"><title>{format!("Register {} offline from minute {} to {}", o.register, o.start_minute, o.end_minute)}</title></rect> }
                    }).collect_view()}
                    <For each=move || bars.get() key=|b| b.0
                        children=move |(i, reg, scope, start, end, catch_up)| {
                            let y = LANE * f64::from(reg - 1) + 4.0;
                            let bx = move || x(start).max(LEFT);
                            let bw = move || (x(end) - x(start)).max(2.0);
                            view! {
                                <g class="bar" class:current=move || step.get() == Some(i) tabindex="0" on:focus=move |_| focused.set(Some(i)) on:mouseenter=move |_| focused.set(Some(i))>
                                    <rect x=bx y=y width=bw height=LANE - 8.0 fill=colour(scope) class:catch-up=catch_up/>
                                    {move || (bw() > 14.0).then(|| view! { <text x=bx() + 2.0 y=y + 13.0 class="bar-label">{scope + 1}</text> })}
                                </g>
                            }
                        }/>
                    <text x=LEFT y=height - 6.0 class="axis">{move || format!("{:.1} h", view_start.get() / 3600.0)}</text>
                    <text x=WIDTH - 40.0 y=height - 6.0 class="axis">{move || format!("{:.1} h", (view_start.get() + view_span.get()) / 3600.0)}</text>
                </svg>
            </div>
            <div class="session-detail" aria-live="polite">
                {move || focused.get().and_then(|i| details.sessions.get(i).cloned()).map(|s| {
                    let name = details.scopes.get(s.scope).map(|x| x.0.clone()).unwrap_or_default();
                    let tables: Vec<String> = s.downloaded.iter().map(|v| format!("\u{2193} {} {} rows", details.tables[v.table], v.rows))
                        .chain(s.uploaded.iter().map(|v| format!("\u{2191} {} {} rows", details.tables[v.table], v.rows))).take(8).collect();
                    view! {
                        <p><strong>{format!("Register {}, scope {} \u{201c}{name}\u{201d} ({})", s.register, s.scope + 1, s.direction.label())}</strong>
                        {format!(" \u{2014} {:.1} h to {:.1} h, {} rows, {} (estimate){}{}", s.start / 3600.0, s.end / 3600.0, s.rows(), human_bytes(s.bytes() as f64), if s.initial { ", initial download" } else { "" }, if s.catch_up { ", catch-up after an outage" } else { "" })}</p>
                        {(!tables.is_empty()).then(|| view! { <p class="hint">{tables.join(" \u{b7} ")}</p> })}
                        {(!s.problems.is_empty()).then(|| {
                            // A long list would push the timeline away: the first few, then a count.
                            let more = s.problems.len().saturating_sub(6);
                            view! {
                                <ul class="problems">
                                    {s.problems.iter().take(6).map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
                                    {(more > 0).then(|| view! { <li>{format!("and {more} more problems in this session")}</li> })}
                                </ul>
                            }
                        })}
                    }
                })}
            </div>
            <ol class="legend">
                {scopes.iter().enumerate().map(|(i, (d, dir))| view! {
                    <li><svg class="swatch" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true"><rect width="10" height="10" rx="2" fill=colour(i)/></svg>{format!("{} {} ({})", i + 1, d, dir.label())}</li>
                }).collect_view()}
            </ol>
        </section>
    }
}
