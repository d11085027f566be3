//! The Simulation area: a scenario (presets, every value editable), a run against real SQLite
//! in this browser (in a Web Worker, with progress and cancel), and what it shows: the timeline, the
//! volumes, the database sizes, and a look inside each register's database.

use super::engine::yield_to_browser;
use crate::model::ProfileId;
use crate::sim::serve::{Reply, Request};
use crate::sim::{Preset, Scenario, SimResult};
use backend::{Backend, Msg};
use leptos::prelude::*;
use std::sync::Arc;

pub(crate) mod backend;
mod compare;
mod inspector;
mod lessons;
mod presenter;
mod run;
mod scenario_form;
mod sizes;
mod status;
mod sweep;
mod timeline;
mod trainer;
mod volumes;

use compare::Comparison;
use inspector::Inspector;
pub use presenter::PresenterPage;
use scenario_form::ScenarioForm;
use sizes::Sizes;
use timeline::Timeline;
use trainer::Trainer;
use volumes::Volumes;

use crate::sim::chart::{colour, human_bytes};

/// The simulator's state, kept at the app root so a run goes on and its results stay while the
/// user visits other areas (the Packages area takes seed databases from it).
#[derive(Clone, Copy)]
pub struct SimStore {
    scenario: RwSignal<Scenario>,
    preset: RwSignal<Option<Preset>>,
    state: RwSignal<RunState>,
    /// The last finished run's results.
    pub result: RwSignal<Option<Arc<SimResult>>>,
    /// The profile the last finished run simulated.
    pub simulated: RwSignal<Option<(ProfileId, String)>>,
    /// The scenario the last finished run simulated.
    ran: RwSignal<Option<Scenario>>,
    /// The profile the last finished run simulated, as it was then.
    ran_profile: RwSignal<Option<crate::model::diff::ResolvedProfile>>,
    /// Runs finished since the app started (the tour watches it).
    pub finished: RwSignal<usize>,
    /// The lesson being run or shown, if the run is one.
    lesson: RwSignal<Option<&'static crate::sim::lessons::Lesson>>,
    /// Each register's measured database size of the last run, `(register, bytes)`, as the
    /// measurement after the run finds them.
    pub measured: RwSignal<Vec<(u32, u64)>>,
    /// The register being measured, and how many there are.
    pub measuring: RwSignal<Option<(u32, u32)>>,
    /// The engine of the last finished run (a worker, or the page), holding its databases.
    backend: StoredValue<Option<Backend>, LocalStorage>,
    /// The engines of the run going on (the kept one while it measures).
    running: StoredValue<Vec<Backend>, LocalStorage>,
    /// Tells the run going on that the user cancelled it.
    stopper: StoredValue<Option<futures::channel::mpsc::UnboundedSender<Msg>>, LocalStorage>,
    /// Why no worker could start, once one failed: runs then use the page.
    pub(crate) no_worker: StoredValue<Option<String>>,
    /// Said beside the run's status: that it ran on the page, and why.
    engine_note: RwSignal<Option<String>>,
    /// A second profile to run on the same scenario, side by side.
    compare_with: RwSignal<Option<ProfileId>>,
    /// The second profile's name and results from the last finished comparison.
    compared: RwSignal<Option<(String, Arc<SimResult>)>>,
    generation: StoredValue<u32>,
}

impl SimStore {
    /// An idle simulator with the Small store preset.
    pub fn new() -> Self {
        SimStore {
            scenario: RwSignal::new(Preset::Small.scenario()),
            preset: RwSignal::new(Some(Preset::Small)),
            state: RwSignal::new(RunState::Idle),
            result: RwSignal::new(None),
            simulated: RwSignal::new(None),
            ran: RwSignal::new(None),
            ran_profile: RwSignal::new(None),
            measured: RwSignal::new(Vec::new()),
            measuring: RwSignal::new(None),
            lesson: RwSignal::new(None),
            finished: RwSignal::new(0),
            backend: StoredValue::new_local(None),
            running: StoredValue::new_local(Vec::new()),
            stopper: StoredValue::new_local(None),
            no_worker: StoredValue::new(None),
            engine_note: RwSignal::new(None),
            compare_with: RwSignal::new(None),
            compared: RwSignal::new(None),
            generation: StoredValue::new(0),
        }
    }

    /// The last finished run of profile `id` as a record, for its sign-off report. Tracked.
    pub fn record_of(&self, id: ProfileId) -> Option<crate::sim::SimRecord> {
        self.simulated.track();
        self.ran.track();
        self.result.track();
        self.measured.track();
        self.record_of_untracked(id)
    }

    /// [`SimStore::record_of`], untracked (for a click).
    pub fn record_of_untracked(&self, id: ProfileId) -> Option<crate::sim::SimRecord> {
        let (simulated, _) = self.simulated.get_untracked()?;
        let scenario = self.ran.get_untracked()?;
        let profile = self.ran_profile.get_untracked()?;
        (simulated == id).then_some(())?;
        self.result.with_untracked(|r| {
            r.as_ref().map(|r| {
                crate::sim::SimRecord::of(&profile, &scenario, r)
                    .with_measured(&self.measured.get_untracked())
            })
        })
    }

    /// Asks the last run's engine a question (counts, console, download).
    async fn ask(&self, request: Request) -> Result<Reply, String> {
        let backend = self
            .backend
            .get_value()
            .ok_or_else(|| "no simulation has run yet".to_string())?;
        backend.ask(request).await
    }

    /// The bytes of register `register`'s offline database from the last run.
    pub async fn register_database(&self, register: u32) -> Result<Vec<u8>, String> {
        match self.ask(Request::Export { register }).await? {
            Reply::Database { error: Some(e), .. } => Err(e),
            Reply::Database { bytes, .. } => Ok(bytes),
            _ => Err("the engine answered something else".into()),
        }
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

/// The Simulation page.
#[component]
pub fn SimulationPage() -> impl IntoView {
    let SimStore {
        result,
        simulated,
        compared,
        ..
    } = expect_context::<SimStore>();
    view! {
        <section class="page simulation" aria-labelledby="page-title">
            <div class="page-head">
                <h1 id="page-title">"Simulation"</h1>
                <p class="lead">"Run a profile against real SQLite databases in this browser: what each register receives, how much, in which order, how often, and how large its offline database becomes. Byte figures are estimates from the catalog's row sizes."</p>
            </div>
            <div class="sim-layout">
                <ScenarioForm/>
                <lessons::Lessons/>
                <sweep::SweepCard/>
                {move || result.get().map(|r| {
                    let name = simulated.get().map(|s| s.1).unwrap_or_default();
                    view! { <Results result=r name compared=compared.get()/> }
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
    let note = expect_context::<SimStore>().engine_note;
    let status = move || {
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
    };
    view! {
        {status}
        {move || note.get().map(|why| view! {
            <p class="notice engine-note" role="note">{format!("The simulator could not start its background engine ({why}), so it runs on this page, in short slices: the page stays usable but a run takes longer and a comparison runs one profile after the other.")}</p>
        })}
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
) -> impl IntoView {
    let sum = result.summary();
    // What the profile's target system does instead of what the profile says, as simulated.
    let assumptions = expect_context::<SimStore>()
        .ran_profile
        .get_untracked()
        .map(|p| p.target.effective(&p).1)
        .unwrap_or_default();
    // The run as a simulation record: what `profile-package report --sim` reads.
    let save_record = {
        let store = expect_context::<SimStore>();
        move || {
            let record = store
                .simulated
                .get_untracked()
                .and_then(|(id, _)| store.record_of_untracked(id));
            if let Some(r) = record {
                let file = crate::package::package_filename(&r.profile, 0)
                    .replace("-v0.zip", "-simulation.json");
                let _ = crate::ui::storage::download(&file, "application/json", &r.to_json());
            }
        }
    };
    // Trainer mode's current session, which the timeline follows.
    // A lesson opens at the session that makes its point.
    let lesson = expect_context::<SimStore>().lesson.get_untracked();
    let step = RwSignal::new(lesson.and_then(|l| l.moment(&result)));
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
                <p class="hint">{format!("Profile \u{201c}{name}\u{201d}, {} register{}. ", sum.registers, if sum.registers == 1 { "" } else { "s" })}
                    <a href=crate::ui::route::Route::Report(Some(name.clone())).href()>"Sign-off report with this run"</a>
                    " \u{b7} "<button type="button" class="link" on:click=move |_| save_record()>"Download the results (JSON)"</button></p>
                <ul class="stats">
                    <li><strong>{sum.sessions}</strong>" sync sessions"</li>
                    <li><strong>{format!("{:.0}", sum.sessions_per_day)}</strong>" sessions per day, all registers"</li>
                    <li><strong>{sum.conflicts}</strong>" conflicts"</li>
                    <li><strong>{sum.problems}</strong>" problems found"</li>
                    <li><strong>{human_bytes(sum.store_bytes as f64)}</strong>" store database (estimate)"</li>
                </ul>
                {assumptions.into_iter().map(|a| view! { <p class="target-note" role="note">{a}</p> }).collect_view()}
                {sum.storm().then(|| view! {
                    <p class="notice">{format!("Sync storm: {:.0} sessions per day ({:.0} per register). Lower the frequencies of the busiest scopes.", sum.sessions_per_day, sum.sessions_per_register_per_day())}</p>
                })}
            </section>
            {lesson.map(|l| view! {
                <p class="notice lesson-notice" role="status">{format!("Lesson \u{201c}{}\u{201d}: {} Trainer mode below is at the session that shows it{}.", l.title, l.shows, step.get_untracked().map_or(String::new(), |i| format!(" (session {})", i + 1)))}</p>
            })}
            {compared.map(|(other, r)| view! { <Comparison first=(name.clone(), result.clone()) second=(other, r)/> })}
            {let r = result.clone(); let on = Memo::new(move |_| stage.get() >= 1); move || on.get().then(|| view! { <Timeline result=r.clone() step/> })}
            {let r = result.clone(); let on = Memo::new(move |_| stage.get() >= 2); move || on.get().then(|| view! { <Trainer result=r.clone() step/> })}
            {let r = result.clone(); let on = Memo::new(move |_| stage.get() >= 3); move || on.get().then(|| view! { <Volumes result=r.clone()/> })}
            {let r = result.clone(); let on = Memo::new(move |_| stage.get() >= 4); move || on.get().then(|| view! { <Sizes result=r.clone()/> })}
            {let r = result.clone(); let on = Memo::new(move |_| stage.get() >= 5); move || on.get().then(|| view! { <Inspector result=r.clone()/> })}
        </div>
    }
}
