//! The chain's results, each a chart with its table: head-office and store sessions, each
//! group's links, onboarding, period-close readiness and reprovisioning. The figures come from
//! `crate::chain` (the same JSON the command line writes); this module words them.

use super::files::file_stem;
use super::run::{ChainStore, Outcome};
use super::use_plan;
use crate::chain::chart::{bars_svg, hourly_svg};
use crate::chain::figures::{Day, GroupLoad, LinkLoad};
use crate::chain::plan::{duration, when};
use crate::sim::chart::human_bytes;
use crate::ui::glossary_page::Linked;
use crate::ui::scroll::{Col, DataTable};
use crate::ui::storage::download;
use crate::validation::thousands;
use leptos::prelude::*;
use std::sync::Arc;

/// "day 3, 06:00–07:00" for an hour of the plan.
fn hour_words(h: u32) -> String {
    format!(
        "{}\u{2013}{:02}:00",
        when(u64::from(h) * 60),
        (h % 24 + 1) % 24
    )
}

#[component]
pub fn ChainResults() -> impl IntoView {
    let store = expect_context::<ChainStore>();
    let ctx = use_plan();
    move || {
        store.outcome.get().map(|o| {
            let stale = ctx.plan.with(|p| p.as_ref() != Some(&o.plan));
            let (name, json) = (o.plan.name.clone(), o.json.clone());
            let save = move |_| {
                let _ = download(&format!("{}.chain-result.json", file_stem(&name)), "application/json", &json);
            };
            view! {
                <section class="card chain-results" aria-labelledby="results-title">
                    <h2 id="results-title">{format!("Results: {}", o.plan.name)}</h2>
                    {stale.then(|| view! { <p class="notice" role="status">"The plan has changed since this run: these results are of the plan as it was. Run it again to see the change."</p> })}
                    <Summary o=o.clone()/>
                    <div class="actions">
                        <button type="button" on:click=save>"Download the results (JSON)"</button>
                        <button type="button" on:click=move |_| { let _ = window().print(); }>"Print the results"</button>
                    </div>
                </section>
                <HeadOffice o=o.clone()/>
                <Links o=o.clone()/>
                <Onboarding o=o.clone()/>
                <PeriodClose o=o.clone()/>
                <Reprovisioning o/>
            }
        })
    }
}

#[component]
fn Summary(o: Arc<Outcome>) -> impl IntoView {
    let r = &o.result;
    let text = format!(
        "{} stores with {} registers over {} days, from {} distinct {} in {:.1} s ({} at once{}).",
        thousands(r.stores),
        thousands(r.registers),
        r.days,
        r.runs,
        if r.runs == 1 { "run" } else { "runs" },
        o.secs,
        o.at_once,
        o.note
            .as_ref()
            .map(|n| format!("; on this page, not in workers: {n}"))
            .unwrap_or_default()
    );
    let rows = r.reuse.clone();
    view! {
        <p>{text}</p>
        <DataTable label="Days simulated and days reused" table_class="grid" columns=vec![Col::Text("Group"), Col::Num("Wave"), Col::Num("Run"), Col::Text("Simulated"), Col::Text("Reused (a steady period repeated)")]>
            {rows.into_iter().map(|u| view! {
                <tr>
                    <th scope="row">{u.group}</th><td class="num">{u.wave}</td><td class="num">{u.run}</td>
                    <td>{format!("days {}\u{2013}{}", u.simulated.0, u.simulated.1)}</td>
                    <td>{match u.reused {
                        Some((a, b)) => format!("days {a}\u{2013}{b} repeat {}", if u.repeats.0 == u.repeats.1 { format!("day {}", u.repeats.0) } else { format!("days {}\u{2013}{}", u.repeats.0, u.repeats.1) }),
                        None => "none: every day simulated".to_string(),
                    }}</td>
                </tr>
            }).collect_view()}
        </DataTable>
    }
}

#[component]
fn HeadOffice(o: Arc<Outcome>) -> impl IntoView {
    let r = &o.result;
    let hq = &r.head_office;
    let threshold = hq.threshold.unwrap_or(0);
    let warning = if hq.hours_above > 0 {
        format!(
            "Storm warning: {} {} above the threshold of {} sessions an hour at head office.",
            hq.hours_above,
            if hq.hours_above == 1 {
                "hour is"
            } else {
                "hours are"
            },
            thousands(u64::from(threshold))
        )
    } else {
        format!(
            "No storm: head office stays below the threshold of {} sessions an hour.",
            thousands(u64::from(threshold))
        )
    };
    let svg = hourly_svg(
        "Sessions per hour at head office, chain-wide",
        &[(
            "Head office".to_string(),
            hq.values.iter().map(|v| *v as f64).collect(),
        )],
        Some((
            f64::from(threshold),
            format!("storm threshold {}", thousands(u64::from(threshold))),
        )),
        &|v| thousands(v.round() as u64),
    );
    let stores: Vec<(String, Vec<f64>)> = r
        .groups
        .iter()
        .map(|g| {
            (
                g.name.clone(),
                g.store_sessions.values.iter().map(|v| *v as f64).collect(),
            )
        })
        .collect();
    let store_svg = hourly_svg(
        "Sessions per hour in one store of each group (its registers)",
        &stores,
        None,
        &|v| thousands(v.round() as u64),
    );
    let groups = r.groups.clone();
    // The chart's figures as a table: each day's busiest hour and its total.
    let days = hq.days();
    view! {
        <section class="card" aria-labelledby="hq-title">
            <h2 id="hq-title">"Sessions: head office and store databases"</h2>
            <p><strong>{format!("Peak at head office: {} sessions an hour, {}.", thousands(hq.peak), hour_words(hq.peak_hour))}</strong>" "<Linked text=warning/></p>
            <div class="chart" inner_html=svg></div>
            <DataTable label="Head office, day by day" class="hq-days" table_class="grid" columns=vec![Col::Text("Day"), Col::Num("Busiest hour"), Col::Text("At"), Col::Num("Sessions that day")]>
                {days.into_iter().map(|Day { day: d, peak, hour: h, total }| view! {
                    <tr>
                        <th scope="row">{format!("Day {d}")}</th>
                        <td class="num">{format!("{} sessions", thousands(peak))}</td>
                        <td>{format!("{h:02}:00\u{2013}{:02}:00", (h + 1) % 24)}</td>
                        <td class="num">{thousands(total)}</td>
                    </tr>
                }).collect_view()}
            </DataTable>
            <div class="chart" inner_html=store_svg></div>
            <DataTable label="Sessions per group" table_class="grid" columns=vec![Col::Text("Group"), Col::Text("What head office sees"), Col::Num("Peak in one store"), Col::Text("When")]>
                {groups.into_iter().map(|g| view! {
                    <tr>
                        <th scope="row">{g.name.clone()}</th>
                        <td>{g.topology.words()}</td>
                        <td class="num">{format!("{} an hour", thousands(g.store_sessions.peak))}</td>
                        <td>{hour_words(g.store_sessions.peak_hour)}</td>
                    </tr>
                }).collect_view()}
            </DataTable>
        </section>
    }
}

fn link_row(g: &GroupLoad, l: &LinkLoad) -> impl IntoView {
    let catch = if !l.carries_sync {
        "not used by offline sync".to_string()
    } else if l.catch_ups.is_empty() {
        "no outage".to_string()
    } else {
        l.catch_ups
            .iter()
            .map(|c| {
                format!(
                    "after {}: {} in {}",
                    when(c.ended),
                    human_bytes(c.bytes as f64),
                    c.secs.map_or_else(|| duration(f64::INFINITY), duration)
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    view! {
        <tr>
            <th scope="row">{format!("{} \u{2014} {}", g.name, l.link)}</th>
            <td class="num">{format!("{} kbit/s ({} an hour)", thousands(u64::from(l.capacity_kbps)), human_bytes(crate::chain::merge::hour_capacity(l.capacity_kbps) as f64))}</td>
            <td class="num">{if l.carries_sync { format!("{} an hour, {} %", human_bytes(l.carried.iter().copied().max().unwrap_or(0) as f64), l.peak_percent) } else { "\u{2014}".into() }}</td>
            <td>{if l.carries_sync { hour_words(l.peak_hour) } else { "\u{2014}".into() }}</td>
            <td class="num">{l.hours_busy}</td>
            <td class="num">{if l.backlog_at_end > 0 { format!("{} still waiting", human_bytes(l.backlog_at_end as f64)) } else { "caught up".into() }}</td>
            <td>{catch}</td>
        </tr>
    }
}

#[component]
fn Links(o: Arc<Outcome>) -> impl IntoView {
    let groups = o.result.groups.clone();
    let charts = groups
        .iter()
        .map(|g| {
            let pct = |l: &LinkLoad| l.percent_per_hour();
            let mut series = vec![(
                format!("WAN ({} kbit/s)", thousands(u64::from(g.wan.capacity_kbps))),
                pct(&g.wan),
            )];
            if g.lan.carries_sync {
                series.push((
                    format!("LAN ({} kbit/s)", thousands(u64::from(g.lan.capacity_kbps))),
                    pct(&g.lan),
                ));
            }
            let svg = hourly_svg(
                &format!(
                    "{}: use of each store's links per hour, percent of capacity",
                    g.name
                ),
                &series,
                Some((80.0, "80 % busy".into())),
                &|v| format!("{v:.0} %"),
            );
            view! { <div class="chart" inner_html=svg></div> }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="links-title">
            <h2 id="links-title">"Store links"</h2>
            <p class="hint">"Bytes per hour over each store's links (the busiest store of each group), against the link's capacity; what does not fit waits for the next hour. Catch-up: the bytes an outage held back, sent with the capacity the steady traffic leaves."</p>
            {charts}
            <DataTable label="Link load per group" table_class="grid" columns=vec![Col::Text("Group and link"), Col::Num("Capacity"), Col::Num("Peak use"), Col::Text("When"), Col::Num("Hours above 80 %"), Col::Num("At the end"), Col::Text("Catch-up after outages")]>
                {groups.iter().flat_map(|g| [link_row(g, &g.wan).into_any(), link_row(g, &g.lan).into_any()]).collect_view()}
            </DataTable>
        </section>
    }
}

#[component]
fn Onboarding(o: Arc<Outcome>) -> impl IntoView {
    let rows = o.result.onboarding.clone();
    let bars: Vec<(String, f64, String)> = rows
        .iter()
        .map(|w| {
            (
                format!("Wave {} ({})", w.wave, w.group),
                w.ready_secs,
                duration(w.ready_secs),
            )
        })
        .collect();
    let svg = bars_svg(
        "Time from go-live until the slowest register is offline-ready",
        &bars,
    );
    view! {
        <section class="card" aria-labelledby="onboarding-title">
            <h2 id="onboarding-title">"Onboarding"</h2>
            <p class="hint"><Linked text="Offline-ready: every download scope has completed once (and, in Dynamics 365 Commerce, every inherited download session is applied: a register cannot switch to offline while sessions are pending).".to_string()/></p>
            <div class="chart" inner_html=svg></div>
            <DataTable label="First sync per wave" table_class="grid" columns=vec![Col::Text("Wave"), Col::Text("Goes live"), Col::Num("Stores \u{00d7} registers"), Col::Num("First sync per register"), Col::Num("Inherited sessions per register"), Col::Num("Store database load"), Col::Num("Offline-ready after"), Col::Text("Ready at")]>
                {rows.into_iter().map(|w| view! {
                    <tr>
                        <th scope="row">{format!("Wave {}: {}", w.wave, w.group)}</th>
                        <td>{format!("day {}{}", w.day, if w.full_sync_first { ", full sync first" } else { ", scopes on their schedule" })}</td>
                        <td class="num">{format!("{} \u{00d7} {}", w.stores, w.registers_per_store)}</td>
                        <td class="num">{format!("{} rows, {}", thousands(w.rows), human_bytes(w.bytes as f64))}</td>
                        <td class="num">{if w.inherited_sessions > 0 { format!("{} ({})", thousands(w.inherited_sessions), human_bytes(w.inherited_bytes as f64)) } else if w.paused_until_ready { "none (paused until ready)".into() } else { "none".into() }}</td>
                        <td class="num">{if w.store_database_secs > 0.0 { duration(w.store_database_secs) } else { "\u{2014}".into() }}</td>
                        <td class="num">{duration(w.ready_secs)}</td>
                        <td>{when(w.ready_at)}</td>
                    </tr>
                }).collect_view()}
            </DataTable>
        </section>
    }
}

#[component]
fn PeriodClose(o: Arc<Outcome>) -> impl IntoView {
    let c = o.result.close.clone();
    let headline = if c.transactions_unsent == 0 {
        format!("Ready: at the cut-off ({}) every one of the {} live registers in {} stores has sent its transactions.", when(c.cutoff), thousands(c.registers_live), thousands(c.stores_live))
    } else {
        format!(
            "Not ready: at the cut-off ({}) {} of {} live registers hold {} unsent transactions.",
            when(c.cutoff),
            thousands(c.registers_with_unsent),
            thousands(c.registers_live),
            thousands(c.transactions_unsent)
        )
    };
    let bars: Vec<(String, f64, String)> = c
        .rows
        .iter()
        .map(|u| {
            (
                format!("{} R{} (wave {})", u.group, u.register, u.wave),
                (u.transactions * u64::from(u.stores)) as f64,
                format!("{} unsent", thousands(u.transactions * u64::from(u.stores))),
            )
        })
        .collect();
    let svg = (!bars.is_empty()).then(|| bars_svg("Unsent transactions at the cut-off", &bars));
    view! {
        <section class="card" aria-labelledby="close-title">
            <h2 id="close-title">"Period-close readiness"</h2>
            <p class="hint"><Linked text="Transactions made before the period-close cut-off that have not reached head office by then, under the plan's outages.".to_string()/></p>
            <p><strong>{headline}</strong></p>
            {svg.map(|s| view! { <div class="chart" inner_html=s></div> })}
            <DataTable label="Registers holding unsent transactions at the cut-off" table_class="grid" columns=vec![Col::Text("Group and register"), Col::Num("Wave"), Col::Num("Stores"), Col::Num("Unsent per register"), Col::Num("In all"), Col::Text("Oldest since")]>
                {if c.rows.is_empty() {
                    view! { <tr><td colspan="6">"None: no register holds unsent transactions at the cut-off."</td></tr> }.into_any()
                } else {
                    c.rows.into_iter().map(|u| view! {
                        <tr>
                            <th scope="row">{format!("{}, register {}", u.group, u.register)}</th>
                            <td class="num">{u.wave}</td><td class="num">{u.stores}</td>
                            <td class="num">{thousands(u.transactions)}</td>
                            <td class="num">{thousands(u.transactions * u64::from(u.stores))}</td>
                            <td>{when(u.since)}</td>
                        </tr>
                    }).collect_view().into_any()
                }}
            </DataTable>
        </section>
    }
}

#[component]
fn Reprovisioning(o: Arc<Outcome>) -> impl IntoView {
    let rows = o.result.reprovisioning.clone();
    let drained = o.plan.drain_uploads;
    let bars: Vec<(String, f64, String)> = rows
        .iter()
        .flat_map(|r| {
            [
                (
                    format!("Wave {} without draining", r.wave),
                    r.unsent as f64,
                    format!("{} transactions lost", thousands(r.unsent)),
                ),
                (
                    format!("Wave {} draining first", r.wave),
                    0.0,
                    format!(
                        "none lost; starts {} later",
                        r.drain_secs
                            .map_or_else(|| "never (nothing uploads sales)".into(), duration)
                    ),
                ),
            ]
        })
        .collect();
    let svg = (!rows.is_empty()).then(|| {
        bars_svg(
            "Transactions a careless reprovisioning loses, and draining first",
            &bars,
        )
    });
    view! {
        <section class="card" aria-labelledby="repro-title">
            <h2 id="repro-title">"Reprovisioning"</h2>
            <p class="hint">{if drained { "This plan drains uploads first: each register sends its transactions before its database is rebuilt." } else { "This plan does not drain uploads first: what registers still hold when their database is rebuilt is lost (switch on \u{201c}Drain uploads\u{201d} in the plan)." }}</p>
            {svg.map(|s| view! { <div class="chart" inner_html=s></div> })}
            <DataTable label="Reprovisioning waves" table_class="grid" columns=vec![Col::Text("Wave"), Col::Text("When"), Col::Text("Profile"), Col::Num("Stores"), Col::Num("Registers"), Col::Num("Download per register"), Col::Num("Time per register"), Col::Num("Unsent at that moment"), Col::Num("Draining first takes")]>
                {if rows.is_empty() {
                    view! { <tr><td colspan="9">"No profile change in this plan."</td></tr> }.into_any()
                } else {
                    rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row">{format!("Wave {}: {}", r.wave, r.group)}</th>
                            <td>{when(r.at)}</td>
                            <td>{format!("{} \u{2192} {}", r.from_profile, r.to_profile)}</td>
                            <td class="num">{thousands(r.stores)}</td><td class="num">{thousands(r.registers)}</td>
                            <td class="num">{human_bytes(r.bytes_each as f64)}</td>
                            <td class="num">{duration(r.secs_each)}</td>
                            <td class="num">{format!("{} (at most {} on one register)", thousands(r.unsent), thousands(r.unsent_most))}</td>
                            <td class="num">{r.drain_secs.map_or_else(|| "cannot drain: no scope uploads sales".into(), duration)}</td>
                        </tr>
                    }).collect_view().into_any()
                }}
            </DataTable>
        </section>
    }
}
