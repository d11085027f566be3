//! The Simulation area: a scenario (presets, every value editable), a run against real SQLite
//! in this browser (in slices, with progress and cancel), and what it shows: the timeline, the
//! volumes, the database sizes, and a look inside each register's database.

use super::engine::{now_ms, sqljs, yield_to_browser};
use super::scroll::ScrollBox;
use super::state::use_studio;
use crate::catalog::Catalog;
use crate::model::diff::ResolvedProfile;
use crate::model::ProfileId;
use crate::sim::{parse_outages, Engine, Preset, Scenario, SimResult};
use crate::sqlite::sqljs::SqlJsDb;
use crate::sqlite::Database;
use leptos::prelude::*;
use std::sync::Arc;

mod compare;
mod inspector;
mod sizes;
mod trainer;

use compare::Comparison;
use inspector::Inspector;
use sizes::Sizes;
use trainer::Trainer;

/// Bytes as people read them (decimal units).
fn human_bytes(b: f64) -> String {
    match b {
        b if b >= 1e9 => format!("{:.2} GB", b / 1e9),
        b if b >= 1e6 => format!("{:.1} MB", b / 1e6),
        b if b >= 1e3 => format!("{:.1} KB", b / 1e3),
        b => format!("{b:.0} B"),
    }
}

/// A scope's colour (the timeline also labels bars, so colour is never the only cue).
fn colour(i: usize) -> &'static str {
    const PALETTE: [&str; 16] = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
        "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
    ];
    PALETTE[i % PALETTE.len()]
}

/// The simulator's state, kept at the app root so a run goes on and its results stay while the
/// user visits other areas (the Packages area takes seed databases from it).
#[derive(Clone, Copy)]
pub struct SimStore {
    scenario: RwSignal<Scenario>,
    preset: RwSignal<String>,
    state: RwSignal<RunState>,
    /// The last finished run's results.
    pub result: RwSignal<Option<Arc<SimResult>>>,
    /// The profile the last finished run simulated.
    pub simulated: RwSignal<Option<(ProfileId, String)>>,
    /// The engine of the last finished run, holding its databases.
    pub engine: StoredValue<Option<Engine<SqlJsDb>>, LocalStorage>,
    /// A second profile to run on the same scenario, side by side.
    compare_with: RwSignal<Option<ProfileId>>,
    /// The second profile's name and results from the last finished comparison.
    compared: RwSignal<Option<(String, Arc<SimResult>)>>,
    cancel: StoredValue<bool>,
    generation: StoredValue<u32>,
}

impl SimStore {
    /// An idle simulator with the Small store preset.
    pub fn new() -> Self {
        SimStore {
            scenario: RwSignal::new(Preset::Small.scenario()),
            preset: RwSignal::new(Preset::Small.label().to_string()),
            state: RwSignal::new(RunState::Idle),
            result: RwSignal::new(None),
            simulated: RwSignal::new(None),
            engine: StoredValue::new_local(None),
            compare_with: RwSignal::new(None),
            compared: RwSignal::new(None),
            cancel: StoredValue::new(false),
            generation: StoredValue::new(0),
        }
    }

    /// The bytes of register `register`'s offline database from the last run.
    pub async fn register_database(&self, register: u32) -> Result<Vec<u8>, String> {
        let module = sqljs().await.map_err(|e| e.to_string())?;
        let target = module.open().map_err(|e| e.to_string())?;
        let name = target.attach_name().unwrap_or_default();
        self.engine.with_value(|e| match e {
            Some(e) => e
                .export_register(register, &name)
                .map_err(|e| e.to_string()),
            None => Err("no simulation has run yet".to_string()),
        })?;
        target.export().map_err(|e| e.to_string())
    }
}

/// The state of the current run.
#[derive(Clone)]
enum RunState {
    Idle,
    Running {
        fraction: f64,
        elapsed: f64,
        label: String,
    },
    Done {
        seconds: f64,
    },
    Cancelled,
    Failed(String),
}

/// A numeric scenario field: label, getter, setter.
type NumField = (
    &'static str,
    &'static str,
    fn(&Scenario) -> u64,
    fn(&mut Scenario, u64),
);

const FIELDS: [NumField; 17] = [
    (
        "stores",
        "Stores",
        |s| s.stores.into(),
        |s, v| s.stores = v as u32,
    ),
    (
        "registers_per_store",
        "Registers per store",
        |s| s.registers_per_store.into(),
        |s, v| s.registers_per_store = v as u32,
    ),
    (
        "products",
        "Products (released items)",
        |s| s.products.into(),
        |s, v| s.products = v as u32,
    ),
    (
        "variants_per_product",
        "Variants per product",
        |s| s.variants_per_product.into(),
        |s, v| s.variants_per_product = v as u32,
    ),
    (
        "customers",
        "Customers",
        |s| s.customers.into(),
        |s, v| s.customers = v as u32,
    ),
    (
        "staff",
        "Staff",
        |s| s.staff.into(),
        |s, v| s.staff = v as u32,
    ),
    (
        "transactions_per_register_per_day",
        "Transactions per register per day",
        |s| s.transactions_per_register_per_day.into(),
        |s, v| s.transactions_per_register_per_day = v as u32,
    ),
    (
        "lines_per_transaction",
        "Lines per transaction",
        |s| s.lines_per_transaction.into(),
        |s, v| s.lines_per_transaction = v as u32,
    ),
    (
        "history_days",
        "Days of history kept",
        |s| s.history_days.into(),
        |s, v| s.history_days = v as u32,
    ),
    (
        "product_changes_per_hour",
        "Product changes per hour",
        |s| s.product_changes_per_hour.into(),
        |s, v| s.product_changes_per_hour = v as u32,
    ),
    (
        "price_changes_per_hour",
        "Price changes per hour",
        |s| s.price_changes_per_hour.into(),
        |s, v| s.price_changes_per_hour = v as u32,
    ),
    (
        "new_customers_per_day",
        "New customers per day",
        |s| s.new_customers_per_day.into(),
        |s, v| s.new_customers_per_day = v as u32,
    ),
    (
        "register_edits_per_day",
        "Customer edits per register per day",
        |s| s.register_edits_per_day.into(),
        |s, v| s.register_edits_per_day = v as u32,
    ),
    (
        "horizon_hours",
        "Simulated hours",
        |s| s.horizon_hours.into(),
        |s, v| s.horizon_hours = v as u32,
    ),
    (
        "bandwidth_kbps",
        "Bandwidth per register (kbit/s)",
        |s| s.bandwidth_kbps.into(),
        |s, v| s.bandwidth_kbps = v as u32,
    ),
    (
        "latency_ms",
        "Latency (ms)",
        |s| s.latency_ms.into(),
        |s, v| s.latency_ms = v as u32,
    ),
    ("seed", "Random seed", |s| s.seed, |s, v| s.seed = v),
];

fn outages_text(s: &Scenario) -> String {
    s.outages
        .iter()
        .map(|o| format!("{}: {}-{}", o.register, o.start_minute, o.end_minute))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The Simulation page.
#[component]
pub fn SimulationPage() -> impl IntoView {
    let studio = use_studio();
    let store = expect_context::<SimStore>();
    let SimStore {
        scenario,
        preset,
        state,
        result,
        simulated,
        engine,
        compare_with,
        compared,
        cancel,
        generation,
    } = store;
    let profile = RwSignal::new(
        simulated
            .get_untracked()
            .map(|p| p.0)
            .or(studio.profile.get_untracked()),
    );
    let outage_error = RwSignal::new(None::<String>);
    let bad_field = RwSignal::new(Vec::<(&'static str, String)>::new());
    let profiles = Memo::new(move |_| {
        studio.workspace.with(|ws| {
            ws.profiles
                .iter()
                .map(|p| (p.id, p.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let current = Memo::new(move |_| {
        profile
            .get()
            .filter(|id| studio.workspace.with(|ws| ws.profile(*id).is_some()))
            .or_else(|| {
                studio
                    .workspace
                    .with(|ws| ws.profiles.first().map(|p| p.id))
            })
    });
    let errors = Memo::new(move |_| scenario.with(|s| s.validate()));
    let run = move || {
        let Some(pid) = current.get_untracked() else {
            return;
        };
        let second = compare_with.get_untracked().filter(|other| *other != pid);
        // The profiles to run, in order: the chosen one, then the one to compare with.
        let plans: Vec<_> = studio.workspace.with_untracked(|ws| {
            std::iter::once(pid)
                .chain(second)
                .filter_map(|id| {
                    ws.profile(id).map(|p| {
                        (
                            id,
                            p.name.clone(),
                            ResolvedProfile::of(ws, p),
                            p.device.reconnect_interval_mins,
                        )
                    })
                })
                .collect()
        });
        if plans.is_empty() {
            return;
        }
        let s = scenario.get_untracked();
        if !s.validate().is_empty()
            || outage_error.with_untracked(Option::is_some)
            || !bad_field.with_untracked(Vec::is_empty)
        {
            return;
        }
        cancel.set_value(false);
        generation.update_value(|g| *g += 1);
        let this_run = generation.get_value();
        engine.set_value(None);
        result.set(None);
        simulated.set(None);
        compared.set(None);
        let count = plans.len();
        state.set(RunState::Running {
            fraction: 0.0,
            elapsed: 0.0,
            label: String::new(),
        });
        leptos::task::spawn_local(async move {
            let started = now_ms();
            let outcome: Result<(), String> = async {
                let sql = sqljs().await.map_err(|e| e.to_string())?;
                let mut finished = Vec::new();
                for (k, (id, name, resolved, reconnect)) in plans.into_iter().enumerate() {
                    let label = if count > 1 {
                        format!(" \u{201c}{name}\u{201d}")
                    } else {
                        String::new()
                    };
                    let db = sql.open().map_err(|e| e.to_string())?;
                    let mut sim = Engine::new(db, &s, &resolved, reconnect, Catalog::builtin())
                        .map_err(|e| e.to_string())?;
                    yield_to_browser().await;
                    loop {
                        if cancel.get_value() || generation.get_value() != this_run {
                            return Err("cancelled".into());
                        }
                        // Work units until 25 ms have passed, so no task holds the page long.
                        let slice = now_ms();
                        let progress = sim
                            .step_for(&mut || now_ms() - slice < 25.0)
                            .map_err(|e| e.to_string())?;
                        state.set(RunState::Running {
                            fraction: (k as f64 + progress.fraction) / count as f64,
                            elapsed: (now_ms() - started) / 1000.0,
                            label: format!("{label}: {}", progress.phase.to_lowercase()),
                        });
                        if progress.done {
                            break;
                        }
                        yield_to_browser().await;
                    }
                    finished.push((id, name, sim));
                }
                let mut finished = finished.into_iter();
                if let Some((id, name, sim)) = finished.next() {
                    result.set(Some(Arc::new(sim.result().clone())));
                    engine.set_value(Some(sim));
                    simulated.set(Some((id, name)));
                }
                // The second engine's databases are dropped: its figures are all the comparison needs.
                compared.set(
                    finished
                        .next()
                        .map(|(_, name, sim)| (name, Arc::new(sim.result().clone()))),
                );
                Ok(())
            }
            .await;
            if generation.get_value() != this_run {
                return;
            }
            state.set(match outcome {
                Ok(()) => RunState::Done {
                    seconds: (now_ms() - started) / 1000.0,
                },
                Err(e) if e == "cancelled" => RunState::Cancelled,
                Err(e) => RunState::Failed(e),
            });
        });
    };
    let others = move || {
        let chosen = current.get();
        let mut list = profiles.get();
        list.retain(|p| Some(p.0) != chosen);
        list
    };
    let running = move || matches!(state.get(), RunState::Running { .. });
    view! {
        <section class="page simulation" aria-labelledby="page-title">
            <div class="page-head">
                <h1 id="page-title">"Simulation"</h1>
                <p class="lead">"Run a profile against real SQLite databases in this browser: what each register receives, how much, in which order, how often, and how large its offline database becomes. Byte figures are estimates from the catalog's row sizes."</p>
            </div>
            <div class="sim-layout">
                <form class="card scenario" aria-labelledby="scenario-title" name="scenario" on:submit=move |ev| { ev.prevent_default(); run(); }>
                    <h2 id="scenario-title">"Scenario"</h2>
                    <div class="field-row">
                        <div class="field">
                            <label for="sim-profile">"Profile"</label>
                            <select id="sim-profile" prop:value=move || current.get().map(|id| id.0.to_string()).unwrap_or_default()
                                on:change:target=move |ev| profile.set(ev.target().value().parse::<u32>().ok().map(ProfileId))>
                                <For each=move || profiles.get() key=|p| p.clone() children=move |(id, name)| view! { <option value=id.0.to_string()>{name}</option> }/>
                            </select>
                        </div>
                        <div class="field">
                            <label for="sim-compare">"Compare with"</label>
                            <select id="sim-compare" prop:value=move || compare_with.get().map(|id| id.0.to_string()).unwrap_or_default()
                                on:change:target=move |ev| compare_with.set(ev.target().value().parse::<u32>().ok().map(ProfileId))>
                                <option value="">"No comparison"</option>
                                <For each=others key=|p| p.clone()
                                    children=move |(id, name)| view! { <option value=id.0.to_string()>{name}</option> }/>
                            </select>
                        </div>
                        <div class="field">
                            <label for="sim-preset">"Preset"</label>
                            <select id="sim-preset" prop:value=move || preset.get()
                                on:change:target=move |ev| {
                                    let v = ev.target().value();
                                    if let Some(p) = Preset::ALL.into_iter().find(|p| p.label() == v) {
                                        scenario.set(p.scenario());
                                        bad_field.set(Vec::new());
                                        outage_error.set(None);
                                    }
                                    preset.set(v);
                                }>
                                {Preset::ALL.into_iter().map(|p| view! { <option value=p.label()>{p.label()}</option> }).collect_view()}
                            </select>
                        </div>
                    </div>
                    <div class="field-grid compact">
                        {FIELDS.into_iter().map(|(key, label, get, set)| {
                            let id = format!("sim-{key}");
                            let field_errors = Memo::new(move |_| {
                                let mut list: Vec<String> = errors.with(|e| e.iter().filter(|x| x.field == key).map(|x| x.message.clone()).collect());
                                list.extend(bad_field.with(|b| b.iter().filter(|(k, _)| *k == key).map(|(_, m)| m.clone()).collect::<Vec<_>>()));
                                list
                            });
                            view! {
                                <div class="field">
                                    <label for=id.clone()>{label}</label>
                                    <input id=id.clone() type="text" inputmode="numeric" autocomplete="off"
                                        aria-invalid=move || (!field_errors.with(Vec::is_empty)).then_some("true")
                                        prop:value=move || scenario.with(|s| get(s).to_string())
                                        on:input:target=move |ev| {
                                            let text = ev.target().value();
                                            bad_field.update(|b| b.retain(|(k, _)| *k != key));
                                            match text.trim().parse::<u64>() {
                                                Ok(v) if v <= u64::from(u32::MAX) || key == "seed" => scenario.update(|s| set(s, v)),
                                                _ => bad_field.update(|b| b.push((key, format!("\u{201c}{text}\u{201d} is not a whole number in range.")))),
                                            }
                                        }/>
                                    <For each=move || field_errors.get() key=|m| m.clone() children=move |m| view! { <p class="issue error">{m}</p> }/>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                    <div class="field">
                        <label for="sim-outages">"Outages (register: start-end, in minutes)"</label>
                        <textarea id="sim-outages" rows="3" prop:value=move || scenario.with(outages_text)
                            on:change:target=move |ev| match parse_outages(&ev.target().value()) {
                                Ok(o) => { outage_error.set(None); scenario.update(|s| s.outages = o); }
                                Err(e) => outage_error.set(Some(e)),
                            }></textarea>
                        {move || outage_error.get().map(|e| view! { <p class="issue error">{e}</p> })}
                        <For each=move || errors.with(|e| e.iter().filter(|x| x.field == "outages").map(|x| x.message.clone()).collect::<Vec<_>>()) key=|m| m.clone()
                            children=move |m| view! { <p class="issue error">{m}</p> }/>
                    </div>
                    <div class="toolbar">
                        <button type="submit" class="primary" disabled=move || running() || !errors.with(Vec::is_empty) || outage_error.with(Option::is_some) || !bad_field.with(Vec::is_empty)>"Run simulation"</button>
                        <button type="button" disabled=move || !running() on:click=move |_| cancel.set_value(true)>"Cancel"</button>
                    </div>
                    <RunStatus state/>
                </form>
                {move || result.get().map(|r| {
                    let name = simulated.get().map(|s| s.1).unwrap_or_default();
                    view! { <Results result=r name compared=compared.get() engine/> }
                })}
            </div>
        </section>
    }
}

/// The progress bar with time left, or how the last run ended.
#[component]
fn RunStatus(
    /// The run's state.
    state: RwSignal<RunState>,
) -> impl IntoView {
    move || {
        match state.get() {
        RunState::Idle => view! { <p class="hint">"Choose a preset or edit the values, then run. The same seed, profile and scenario always give the same results."</p> }.into_any(),
        RunState::Running { fraction, elapsed, label } => {
            let left = if fraction > 0.02 { format!("about {:.0} s left", elapsed / fraction - elapsed) } else { "estimating time left\u{2026}".into() };
            view! {
                <div class="progress-wrap">
                    <label for="sim-progress">{format!("Simulating{label}\u{2026} {:.0}% ({left})", fraction * 100.0)}</label>
                    <progress id="sim-progress" max="1" value=fraction></progress>
                </div>
            }.into_any()
        }
        RunState::Done { seconds } => view! { <p class="done" role="status">{format!("Simulation finished in {seconds:.1} s.")}</p> }.into_any(),
        RunState::Cancelled => view! { <p class="hint" role="status">"Simulation cancelled. Nothing was kept from it."</p> }.into_any(),
        RunState::Failed(e) => view! { <div class="refusal" role="alert"><p>{format!("The simulation could not run: {e}")}</p></div> }.into_any(),
    }
    }
}

/// Everything a finished run shows.
#[component]
fn Results(
    /// The run's results.
    result: Arc<SimResult>,
    /// The simulated profile's name.
    name: String,
    /// A second profile's name and results on the same scenario, to compare with.
    compared: Option<(String, Arc<SimResult>)>,
    /// The engine, for the inspector.
    engine: StoredValue<Option<Engine<SqlJsDb>>, LocalStorage>,
) -> impl IntoView {
    let sum = result.summary();
    // Trainer mode's current session, which the timeline follows.
    let step = RwSignal::new(None::<usize>);
    // The sections appear one per browser turn, so showing a large run never holds the page.
    let stage = RwSignal::new(0u8);
    leptos::task::spawn_local(async move {
        for k in 1..=5 {
            yield_to_browser().await;
            if stage.try_set(k).is_some() {
                break; // the results were replaced meanwhile
            }
        }
    });
    view! {
        <div class="sim-results">
            <section class="card" aria-labelledby="summary-title">
                <h2 id="summary-title">"Summary"</h2>
                <p class="hint">{format!("Profile \u{201c}{name}\u{201d}, {} register{}.", sum.registers, if sum.registers == 1 { "" } else { "s" })}</p>
                <ul class="stats">
                    <li><strong>{sum.sessions}</strong>" sync sessions"</li>
                    <li><strong>{format!("{:.0}", sum.sessions_per_day)}</strong>" sessions per day, all registers"</li>
                    <li><strong>{sum.conflicts}</strong>" conflicts"</li>
                    <li><strong>{sum.problems}</strong>" problems found"</li>
                    <li><strong>{human_bytes(sum.store_bytes as f64)}</strong>" store database (estimate)"</li>
                </ul>
                {sum.storm().then(|| view! {
                    <p class="notice">{format!("Sync storm: {:.0} sessions per day ({:.0} per register). Lower the frequencies of the busiest scopes.", sum.sessions_per_day, sum.sessions_per_register_per_day())}</p>
                })}
            </section>
            {compared.map(|(other, r)| view! { <Comparison first=(name.clone(), result.clone()) second=(other, r)/> })}
            {let r = result.clone(); let on = Memo::new(move |_| stage.get() >= 1); move || on.get().then(|| view! { <Timeline result=r.clone() step/> })}
            {let r = result.clone(); let on = Memo::new(move |_| stage.get() >= 2); move || on.get().then(|| view! { <Trainer result=r.clone() step/> })}
            {let r = result.clone(); let on = Memo::new(move |_| stage.get() >= 3); move || on.get().then(|| view! { <Volumes result=r.clone()/> })}
            {let r = result.clone(); let on = Memo::new(move |_| stage.get() >= 4); move || on.get().then(|| view! { <Sizes result=r.clone()/> })}
            {let r = result.clone(); let on = Memo::new(move |_| stage.get() >= 5); move || on.get().then(|| view! { <Inspector result=r.clone() engine/> })}
        </div>
    }
}

/// One lane per register, each session a bar coloured and numbered by scope, outages shaded.
#[component]
fn Timeline(
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
    let r = result.clone();
    let bars = Memo::new(move |_| {
        let (a, span) = (view_start.get(), view_span.get());
        r.sessions
            .iter()
            .enumerate()
            .filter(|(_, s)| s.end >= a && s.start <= a + span)
            .take(4000)
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

/// Two labelled bars, initial load and later traffic, so the chart reads without colour.
fn pair_bars(initial: u64, later: u64, max: f64, colour_of: &'static str) -> impl IntoView {
    let w = |v: u64| (150.0 * v as f64 / max).max(if v > 0 { 1.0 } else { 0.0 });
    view! {
        <svg class="minibar" viewBox="0 0 230 24" width="230" height="24" role="img" aria-label=format!("initial {} and later {}", human_bytes(initial as f64), human_bytes(later as f64))>
            <text x="0" y="9" class="mini-label">"initial"</text>
            <rect x="44" y="2" height="8" width=w(initial) fill=colour_of/>
            <text x="0" y="21" class="mini-label">"later"</text>
            <rect x="44" y="14" height="8" width=w(later) fill=colour_of class="hatched"/>
        </svg>
    }
}

/// Rows and bytes per scope or per table, the initial load apart from the steady state.
#[component]
fn Volumes(
    /// The run's results.
    result: Arc<SimResult>,
) -> impl IntoView {
    let horizon = result.end();
    let days = (horizon / 86_400.0).max(1.0 / 24.0);
    let rows = result.scope_totals();
    let max_bytes = rows
        .iter()
        .map(|r| r.initial_bytes.max(r.later_bytes))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let tables = result.table_totals();
    let max_table = tables
        .iter()
        .map(|t| t.initial_bytes.max(t.later_bytes))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let table_count = tables.len();
    let per_table = RwSignal::new(false);
    let filter = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        let f = filter.get().trim().to_ascii_uppercase();
        tables
            .iter()
            .filter(|t| {
                f.is_empty()
                    || t.table.contains(&f)
                    || t.scope
                        .as_ref()
                        .is_some_and(|s| s.1.to_ascii_uppercase().contains(&f))
            })
            .cloned()
            .collect::<Vec<_>>()
    });
    view! {
        <section class="card" aria-labelledby="volumes-title">
            <div class="section-head">
                <h2 id="volumes-title">"Volumes per register"</h2>
                <div class="segmented" role="radiogroup" aria-label="Show volumes">
                    <label><input type="radio" name="volumes-by" checked=true on:change=move |_| per_table.set(false)/>"Per scope"</label>
                    <label><input type="radio" name="volumes-by" on:change=move |_| per_table.set(true)/>"Per table"</label>
                </div>
            </div>
            <p class="hint">{format!("Averages per register. \u{201c}Later\u{201d} covers {:.1} days after provisioning. Bytes are estimates from the catalog's row sizes.", days)}</p>
            <div hidden=per_table>
                <table class="grid volumes">
                    <caption class="visually-hidden">"Volumes per scope"</caption>
                    <thead><tr>
                        <th scope="col">"Scope"</th><th scope="col" class="num">"Initial rows"</th><th scope="col" class="num">"Initial bytes"</th>
                        <th scope="col" class="num">"Later rows"</th><th scope="col" class="num">"Later bytes"</th><th scope="col" class="num">"Sessions"</th><th scope="col">"Initial vs later bytes"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().enumerate().map(|(i, t)| view! {
                            <tr>
                                <th scope="row">{format!("{} {}", i + 1, t.description)}</th>
                                <td class="num">{t.initial_rows}</td><td class="num">{human_bytes(t.initial_bytes as f64)}</td>
                                <td class="num">{t.later_rows}</td><td class="num">{human_bytes(t.later_bytes as f64)}</td>
                                <td class="num">{t.sessions}</td>
                                <td>{pair_bars(t.initial_bytes, t.later_bytes, max_bytes, colour(i))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <Show when=move || per_table.get()>
                <div class="field inline">
                    <label for="volumes-filter">"Filter tables"</label>
                    <input id="volumes-filter" type="search" autocomplete="off" placeholder="table or scope" prop:value=move || filter.get() on:input:target=move |ev| filter.set(ev.target().value())/>
                    <span class="hint">{move || format!("{} of {table_count} tables that moved rows, largest first", shown.with(Vec::len))}</span>
                </div>
                <ScrollBox label="Volumes per table" class="volumes-tables">
                    <table class="grid volumes">
                        <caption class="visually-hidden">"Volumes per table"</caption>
                        <thead><tr>
                            <th scope="col">"Table"</th><th scope="col">"Scope"</th><th scope="col" class="num">"Initial rows"</th><th scope="col" class="num">"Initial bytes"</th>
                            <th scope="col" class="num">"Later rows \u{2193}"</th><th scope="col" class="num">"Later rows \u{2191}"</th><th scope="col" class="num">"Later bytes"</th><th scope="col">"Initial vs later bytes"</th>
                        </tr></thead>
                        <tbody>
                            <For each=move || shown.get() key=|t| t.table.clone() children=move |t| {
                                let scope = t.scope.clone();
                                view! {
                                    <tr>
                                        <th scope="row">{t.table.clone()}</th>
                                        <td>{scope.as_ref().map(|(k, d)| format!("{k} {d}")).unwrap_or_default()}</td>
                                        <td class="num">{t.initial_rows}</td><td class="num">{human_bytes(t.initial_bytes as f64)}</td>
                                        <td class="num">{t.later_down_rows}</td><td class="num">{t.later_up_rows}</td><td class="num">{human_bytes(t.later_bytes as f64)}</td>
                                        <td>{pair_bars(t.initial_bytes, t.later_bytes, max_table, colour(scope.map_or(0, |s| s.0 - 1)))}</td>
                                    </tr>
                                }
                            }/>
                        </tbody>
                    </table>
                </ScrollBox>
            </Show>
        </section>
    }
}
