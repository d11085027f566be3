//! Running a plan: its distinct runs on a pool of engine workers (as many as the cores and the
//! memory allow), each run's result digested as it arrives, then merged into the chain's
//! figures. The state lives at the app's root, so a run goes on while the user looks elsewhere.

use super::use_plan;
use crate::chain::{
    self, check, digest, layout, profiles_of, ChainPlan, ChainResult, PlanField, RunDigest,
};
use crate::model::diff::ResolvedProfile;
use crate::sim::serve::Request;
use crate::ui::engine::now_ms;
use crate::ui::simulation::backend::{engines, pool_size, Backend};
use crate::ui::simulation::SimStore;
use crate::ui::state::{use_studio, Studio};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::sync::Arc;

/// A finished run of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The plan as it was run.
    pub plan: ChainPlan,
    pub result: ChainResult,
    /// The results file (`chain::result_json`).
    pub json: String,
    pub secs: f64,
    pub at_once: usize,
    /// Why the runs went on the page instead of workers.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RunState {
    Idle,
    Running {
        done: usize,
        of: usize,
        at_once: usize,
    },
    Failed(String),
}

/// The chain run's state, at the app's root.
#[derive(Clone, Copy)]
pub struct ChainStore {
    pub state: RwSignal<RunState>,
    pub outcome: RwSignal<Option<Arc<Outcome>>>,
    engines: StoredValue<Vec<Backend>, LocalStorage>,
    /// Counts runs and cancellations: a run whose number is no longer current was cancelled,
    /// and nothing it finishes afterwards is shown.
    generation: StoredValue<u32>,
}

impl ChainStore {
    pub fn new() -> Self {
        ChainStore {
            state: RwSignal::new(RunState::Idle),
            outcome: RwSignal::new(None),
            engines: StoredValue::new_local(Vec::new()),
            generation: StoredValue::new(0),
        }
    }

    fn current(&self, generation: u32) -> bool {
        self.generation.get_value() == generation
    }

    fn cancel(&self) {
        self.generation.update_value(|g| *g += 1);
        for e in self.engines.get_value() {
            e.stop();
        }
        self.engines.set_value(Vec::new());
        self.state
            .set(RunState::Failed("Cancelled: nothing was changed.".into()));
    }
}

/// Every run of `specs` on `at_once` engines; the digests in order.
async fn run_all(
    specs: Vec<(chain::RunSpec, ResolvedProfile)>,
    at_once: usize,
    store: ChainStore,
    known: Option<String>,
    generation: u32,
) -> Result<(Vec<RunDigest>, Option<String>), String> {
    let (pool, note) = engines(at_once, known).await?;
    store.engines.set_value(pool.clone());
    let (next, done) = (Cell::new(0usize), Cell::new(0usize));
    let digests: RefCell<Vec<Option<RunDigest>>> = RefCell::new(vec![None; specs.len()]);
    let of = specs.len();
    let lanes = pool.iter().map(|engine| {
        let (next, done, digests, specs) = (&next, &done, &digests, &specs);
        async move {
            while let Some((spec, profile)) = specs.get(next.get()) {
                if !store.current(generation) {
                    return Err("cancelled".to_string());
                }
                let k = next.get();
                next.set(k + 1);
                let request = Request::Run {
                    scenario: Box::new(spec.scenario.clone()),
                    profile: Box::new(profile.clone()),
                    reconnect_mins: profile.device.reconnect_interval_mins,
                    measure: false,
                };
                let result = engine.run_to_end(request).await?;
                digests.borrow_mut()[k] = Some(digest(spec, profile, &result));
                done.set(done.get() + 1);
                if !store.current(generation) {
                    return Err("cancelled".to_string());
                }
                store.state.set(RunState::Running {
                    done: done.get(),
                    of,
                    at_once,
                });
            }
            Ok::<(), String>(())
        }
    });
    let outcome: Result<Vec<()>, String> =
        futures::future::join_all(lanes).await.into_iter().collect();
    for e in &pool {
        e.stop();
    }
    store.engines.set_value(Vec::new());
    outcome?;
    Ok((digests.into_inner().into_iter().flatten().collect(), note))
}

/// Starts the open plan's run.
fn start(studio: Studio, store: ChainStore, known: Option<String>, plan: ChainPlan) {
    // The layout is taken once: the merge uses the runs this run made, whatever the workspace
    // becomes meanwhile.
    let (l, specs, at_once) = studio.workspace.with_untracked(|ws| {
        let look = profiles_of(ws);
        let l = layout(&plan, &look);
        let at_once = check::at_once(&l, pool_size(), &look);
        let specs: Vec<_> = l
            .runs
            .iter()
            .filter_map(|s| look(&s.profile).map(|p| (s.clone(), p)))
            .collect();
        (l, specs, at_once)
    });
    let of = specs.len();
    store.generation.update_value(|g| *g += 1);
    let generation = store.generation.get_value();
    store.state.set(RunState::Running {
        done: 0,
        of,
        at_once,
    });
    let t0 = now_ms();
    leptos::task::spawn_local(async move {
        let ran = run_all(specs, at_once, store, known, generation).await;
        if !store.current(generation) {
            return; // cancelled meanwhile
        }
        let merged = ran.and_then(|(digests, note)| {
            chain::merge(&plan, &l, &digests).map(|result| (result, note))
        });
        match merged {
            Ok((result, note)) => {
                let json = chain::result_json(&result);
                store.outcome.set(Some(Arc::new(Outcome {
                    plan,
                    result,
                    json,
                    secs: (now_ms() - t0) / 1000.0,
                    at_once,
                    note,
                })));
                store.state.set(RunState::Idle);
            }
            Err(e) => store
                .state
                .set(RunState::Failed(format!("The plan could not run: {e}"))),
        }
    });
}

/// The Run card: what the plan needs, Run and Cancel, progress, and refusals.
#[component]
pub fn RunCard() -> impl IntoView {
    let ctx = use_plan();
    let store = expect_context::<ChainStore>();
    let sim = expect_context::<SimStore>();
    let studio = use_studio();
    let needs = Memo::new(move |_| {
        let plan = ctx.plan.get()?;
        if ctx.blocked() {
            return None;
        }
        let runs = studio
            .workspace
            .with(|ws| layout(&plan, &profiles_of(ws)).runs.len());
        Some((runs, plan.stores(), plan.groups.len()))
    });
    let running = move || matches!(store.state.get(), RunState::Running { .. });
    let refusals = ctx.issues(PlanField::Runs.dom_id());
    let run = move |_| {
        if let Some(plan) = ctx.plan.get_untracked() {
            start(studio, store, sim.no_worker.get_value(), plan);
        }
    };
    view! {
        <section class="card" aria-labelledby="run-title">
            <h2 id="run-title">"Run the plan"</h2>
            <p>{move || match needs.get() {
                Some((runs, stores, groups)) => format!("{runs} distinct {} for {stores} stores in {groups} {} (one store of each group shape, simulated on real SQLite; later steady days reuse the last simulated one).", if runs == 1 { "run" } else { "runs" }, if groups == 1 { "group" } else { "groups" }),
                None => "Correct the problems shown beside the fields above; then the plan can run.".to_string(),
            }}</p>
            {move || refusals.get().into_iter().map(|m| view! { <p class="refusal" role="alert">{m}</p> }).collect_view()}
            <div class="actions">
                <button type="button" id="plan-run" class="primary" disabled=move || needs.with(Option::is_none) || running() on:click=run>"Run plan"</button>
                <button type="button" disabled=move || !running() on:click=move |_| store.cancel()>"Cancel"</button>
            </div>
            <p role="status" class="run-status">{move || match store.state.get() {
                RunState::Running { done, of, at_once } => format!("Running: {done} of {of} runs done ({at_once} at once)…"),
                RunState::Failed(why) => why,
                RunState::Idle => store.outcome.with(|o| o.as_ref().map(|o| format!("Last run: {} runs in {:.1} s, {} at once.", o.result.runs, o.secs, o.at_once))).unwrap_or_default(),
            }}</p>
        </section>
    }
}
