//! What-if sweep: one scenario value varied over a range, the real simulation run at each point
//! on the Scenario form's values — several points at once, each in its own engine worker (as
//! many as the machine has cores and memory allows, `sim::memory::parallel`) —, the largest
//! register measured, and the figures charted against the value with the 8 GB / 10 GB lines and
//! the crossing in words (`sim::sweep`).

use super::backend::{engines, pool_size, Backend};
use super::SimStore;
use crate::model::diff::ResolvedProfile;
use crate::model::ProfileId;
use crate::sim::chart::{human_bytes, sweep_svg};
use crate::sim::memory;
use crate::sim::serve::Request;
use crate::sim::sweep::{answer, Sweep, SweepPoint, SweepVariable};
use crate::sim::{Scenario, DATABASE_CAP_BYTES, DATABASE_GUIDANCE_BYTES};
use crate::ui::fields::NumberField;
use crate::ui::profile_picker::{picked, ProfilePicker};
use crate::ui::state::use_studio;
use crate::validation::thousands;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};

/// The sweep's state: idle, running (points done of n, at once), done with its points, or failed.
#[derive(Clone, PartialEq)]
enum State {
    Idle,
    Running {
        done: usize,
        of: usize,
        at_once: usize,
    },
    Done(SweepVariable, Vec<SweepPoint>),
    Failed(String),
}

/// Runs one point to the end on `engine` and measures its largest register.
async fn run_point(
    engine: &Backend,
    profile: &ResolvedProfile,
    reconnect: i64,
    scenario: &Scenario,
) -> Result<(crate::sim::SimResult, u64), String> {
    let request = Request::Run {
        scenario: Box::new(scenario.clone()),
        profile: Box::new(profile.clone()),
        reconnect_mins: reconnect,
        measure: false,
    };
    let result = engine.run_to_end(request).await?;
    // Registers of one store hold the same data: the largest estimate is measured.
    let largest = result
        .register_sizes()
        .iter()
        .max_by_key(|r| r.final_bytes)
        .map_or(1, |r| r.register);
    let bytes = engine.measure(largest).await?;
    Ok((result, bytes))
}

/// Runs every point, `at_once` at a time on their own engines; the points in order, or why not.
async fn run_points(
    profile: ResolvedProfile,
    reconnect: i64,
    scenarios: Vec<(u64, Scenario)>,
    at_once: usize,
    known: Option<String>,
    state: RwSignal<State>,
    running: StoredValue<Vec<Backend>, LocalStorage>,
) -> Result<Vec<SweepPoint>, String> {
    let (pool, _) = engines(at_once, known).await?;
    running.set_value(pool.clone());
    let next = Cell::new(0usize);
    let done = Cell::new(0usize);
    let points: RefCell<Vec<Option<SweepPoint>>> = RefCell::new(vec![None; scenarios.len()]);
    let of = scenarios.len();
    // Each engine takes the next point until none is left.
    let lanes = pool.iter().map(|engine| {
        let (next, done, points, scenarios, profile) =
            (&next, &done, &points, &scenarios, &profile);
        async move {
            loop {
                let k = next.get();
                let Some((value, scenario)) = scenarios.get(k) else {
                    return Ok::<(), String>(());
                };
                next.set(k + 1);
                let (result, measured) = run_point(engine, profile, reconnect, scenario).await?;
                points.borrow_mut()[k] = Some(SweepPoint::of(*value, scenario, &result, measured));
                done.set(done.get() + 1);
                state.set(State::Running {
                    done: done.get(),
                    of,
                    at_once,
                });
            }
        }
    });
    let outcome: Result<Vec<()>, String> =
        futures::future::join_all(lanes).await.into_iter().collect();
    for e in &pool {
        e.stop();
    }
    running.set_value(Vec::new());
    outcome?;
    Ok(points.into_inner().into_iter().flatten().collect())
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
    let running_engines = StoredValue::new_local(Vec::<Backend>::new());
    let cancel = move || {
        for e in running_engines.get_value() {
            e.stop();
        }
    };
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
        // Points run at once as far as the cores and the memory allow; a point that cannot fit
        // even alone is refused before anything runs.
        let each: Vec<u64> = scenarios
            .iter()
            .map(|(_, s)| memory::run_bytes(s, &profile))
            .collect();
        if let Err(why) = memory::fits_together(&[each.iter().copied().max().unwrap_or(0)]) {
            state.set(State::Failed(why));
            return;
        }
        let at_once = memory::parallel(&each, pool_size());
        state.set(State::Running {
            done: 0,
            of: scenarios.len(),
            at_once,
        });
        leptos::task::spawn_local(async move {
            let known = store.no_worker.get_value();
            let var_points = run_points(
                profile,
                reconnect,
                scenarios,
                at_once,
                known,
                state,
                running_engines,
            )
            .await;
            state.set(match var_points {
                Ok(points) => State::Done(var, points),
                Err(e) => State::Failed(e),
            });
        });
    };
    let running = move || matches!(state.get(), State::Running { .. });
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
                <button type="button" disabled=move || !running() on:click=move |_| cancel()>"Cancel"</button>
                <span role="status">{move || match state.get() {
                    State::Running { done, of, at_once: 1 } => format!("{done} of {of} points done, one at a time\u{2026}"),
                    State::Running { done, of, at_once } => format!("{done} of {of} points done, {at_once} at once\u{2026}"),
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
