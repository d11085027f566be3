//! What-if sweep: one scenario value varied over a range, the real simulation run at each point
//! in turn on the Scenario form's values (its own engine per point, freed before the next), the
//! largest register measured, and the figures charted against the value with the 8 GB / 10 GB
//! lines and the crossing in words (`sim::sweep`).

use super::SimStore;
use crate::catalog::Catalog;
use crate::model::diff::ResolvedProfile;
use crate::model::ProfileId;
use crate::sim::chart::{human_bytes, sweep_svg};
use crate::sim::sweep::{answer, Sweep, SweepPoint, SweepVariable};
use crate::sim::{Engine, DATABASE_CAP_BYTES, DATABASE_GUIDANCE_BYTES};
use crate::ui::engine::{now_ms, sqljs, yield_to_browser};
use crate::ui::fields::NumberField;
use crate::ui::profile_picker::{picked, ProfilePicker};
use crate::ui::state::use_studio;
use crate::validation::thousands;
use leptos::prelude::*;

/// The sweep's state: idle, running (point k of n), done with its points, or failed.
#[derive(Clone, PartialEq)]
enum State {
    Idle,
    Running(usize, usize),
    Done(SweepVariable, Vec<SweepPoint>),
    Failed(String),
}

/// Runs one point to the end and measures its largest register.
async fn run_point(
    profile: &ResolvedProfile,
    reconnect: i64,
    scenario: &crate::sim::Scenario,
    cancel: StoredValue<bool>,
) -> Result<(crate::sim::SimResult, u64), String> {
    let db = sqljs()
        .await
        .map_err(|e| e.to_string())?
        .open()
        .map_err(|e| e.to_string())?;
    let mut sim = Engine::new(db, scenario, profile, reconnect, Catalog::builtin())
        .map_err(|e| e.to_string())?;
    loop {
        if cancel.get_value() {
            return Err("cancelled".into());
        }
        let slice = now_ms();
        if sim
            .step_for(&mut || now_ms() - slice < 25.0)
            .map_err(|e| e.to_string())?
            .done
        {
            break;
        }
        yield_to_browser().await;
    }
    let result = sim.result().clone();
    // Registers of one store hold the same data: the largest estimate is measured.
    let largest = result
        .register_sizes()
        .iter()
        .max_by_key(|r| r.final_bytes)
        .map_or(1, |r| r.register);
    let mut m = sim.start_measure(largest).map_err(|e| e.to_string())?;
    loop {
        yield_to_browser().await;
        if let Some(bytes) = sim.measure_step(&mut m).map_err(|e| e.to_string())? {
            return Ok((result, bytes));
        }
    }
}

/// The What-if sweep card.
#[component]
pub fn SweepCard() -> impl IntoView {
    let studio = use_studio();
    let store = expect_context::<SimStore>();
    let chosen = RwSignal::new(None::<ProfileId>);
    let variable = RwSignal::new(Some(SweepVariable::Products));
    let (from, to, points) = (
        RwSignal::new(1_000i64),
        RwSignal::new(20_000i64),
        RwSignal::new(5i64),
    );
    let state = RwSignal::new(State::Idle);
    let cancel = StoredValue::new(false);
    let sweep = Memo::new(move |_| Sweep {
        variable: variable.get().unwrap_or(SweepVariable::Products),
        from: from.get().max(0) as u64,
        to: to.get().max(0) as u64,
        points: points.get().clamp(0, 1000) as u32,
    });
    let refusal = Memo::new(move |_| sweep.get().values().err());
    let start = move |_| {
        let Some(id) = picked(studio, chosen.get_untracked()) else {
            return;
        };
        let Some((profile, reconnect)) = studio.workspace.with_untracked(|ws| {
            ws.profile(id)
                .map(|p| (ResolvedProfile::of(ws, p), p.device.reconnect_interval_mins))
        }) else {
            return;
        };
        let Ok(scenarios) = sweep
            .get_untracked()
            .scenarios(&store.scenario.get_untracked())
        else {
            return;
        };
        let var = sweep.get_untracked().variable;
        cancel.set_value(false);
        leptos::task::spawn_local(async move {
            let mut done = Vec::new();
            for (k, (value, scenario)) in scenarios.iter().enumerate() {
                state.set(State::Running(k + 1, scenarios.len()));
                match run_point(&profile, reconnect, scenario, cancel).await {
                    Ok((result, measured)) => {
                        done.push(SweepPoint::of(*value, scenario, &result, measured))
                    }
                    Err(e) => {
                        state.set(State::Failed(e));
                        return;
                    }
                }
            }
            state.set(State::Done(var, done));
        });
    };
    let running = move || matches!(state.get(), State::Running(..));
    view! {
        <section class="card sweep-card" aria-labelledby="sweep-title">
            <h2 id="sweep-title">"What-if sweep"</h2>
            <p class="hint">"Vary one value of the scenario above, run the real simulation at each point, and read how large the largest register database grows (measured), how long its first download takes over the link, and how many sessions a day run."</p>
            <div class="field-row">
                <ProfilePicker id="sweep-profile" label="Profile" chosen/>
                <crate::ui::fields::ChoiceSelect id="sweep-variable" label="Vary" value=variable on_change=Callback::new(move |v| variable.set(v))/>
                <NumberField id="sweep-from" label="From" value=from on_commit=Callback::new(move |v| from.set(v))/>
                <NumberField id="sweep-to" label="To" value=to on_commit=Callback::new(move |v| to.set(v))/>
                <NumberField id="sweep-points" label="Points" value=points on_commit=Callback::new(move |v| points.set(v))/>
            </div>
            {move || refusal.get().map(|r| view! { <p class="refusal" role="alert">{format!("The sweep cannot run: {r}")}</p> })}
            <div class="actions">
                <button type="button" class="primary" disabled=move || refusal.with(Option::is_some) || running() on:click=start>"Run sweep"</button>
                <button type="button" disabled=move || !running() on:click=move |_| cancel.set_value(true)>"Cancel"</button>
                <span role="status">{move || match state.get() {
                    State::Running(k, n) => format!("Running point {k} of {n}\u{2026}"),
                    State::Failed(e) if e == "cancelled" => "Sweep cancelled.".into(),
                    State::Failed(e) => format!("The sweep stopped: {e}"),
                    State::Done(_, p) => format!("Sweep finished: {} points.", p.len()),
                    State::Idle => String::new(),
                }}</span>
            </div>
            {move || match state.get() { State::Done(var, points) => Some(view! { <SweepResults variable=var points/> }), _ => None }}
        </section>
    }
}

/// The sweep's answer, its three charts and its table.
#[component]
fn SweepResults(variable: SweepVariable, points: Vec<SweepPoint>) -> impl IntoView {
    let at = |f: fn(&SweepPoint) -> f64| {
        points
            .iter()
            .map(|p| (p.value as f64, f(p)))
            .collect::<Vec<_>>()
    };
    let marks = [
        (DATABASE_GUIDANCE_BYTES as f64, "8 GB guidance"),
        (DATABASE_CAP_BYTES as f64, "10 GB cap"),
    ];
    let size = sweep_svg(
        "Largest register database (measured, log scale)",
        &at(|p| p.measured_bytes as f64),
        &|v| human_bytes(v),
        &marks,
        true,
    );
    let download = sweep_svg(
        "First download over the link",
        &at(|p| p.initial_download_seconds),
        &|v| format!("{:.0} s", v),
        &[],
        false,
    );
    let sessions = sweep_svg(
        "Sessions per day, all registers",
        &at(|p| p.sessions_per_day),
        &|v| format!("{v:.0}"),
        &[],
        false,
    );
    view! {
        <p class="sweep-answer" role="note">{answer(variable, &points)}</p>
        <div class="sweep-charts chart" inner_html=size + &download + &sessions></div>
        <table class="grid sweep-table">
            <caption>{format!("Sweep of {}", variable.label().to_lowercase())}</caption>
            <thead><tr><th scope="col">{variable.label()}</th><th scope="col" class="num">"Largest database, measured"</th><th scope="col" class="num">"Estimated"</th><th scope="col" class="num">"First download"</th><th scope="col" class="num">"Sessions per day"</th></tr></thead>
            <tbody>{points.iter().map(|p| view! {
                <tr><th scope="row">{thousands(p.value)}</th><td class="num">{human_bytes(p.measured_bytes as f64)}</td><td class="num">{human_bytes(p.estimated_bytes as f64)}</td><td class="num">{format!("{:.0} s", p.initial_download_seconds)}</td><td class="num">{format!("{:.0}", p.sessions_per_day)}</td></tr>
            }).collect_view()}</tbody>
        </table>
    }
}
