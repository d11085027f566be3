//! Running the simulator on the page: each profile of a plan in turn on sql.js, in work units of
//! at most 25 ms so the page stays responsive, with progress, cancel, and results kept in the
//! [`SimStore`] when all are done.

use super::{RunState, SimStore};
use crate::catalog::Catalog;
use crate::model::diff::ResolvedProfile;
use crate::model::ProfileId;
use crate::sim::{Engine, RunPhase, Scenario};
use crate::ui::engine::{now_ms, sqljs, yield_to_browser};
use leptos::prelude::*;
use std::sync::Arc;

/// One profile to run.
pub struct Plan {
    pub id: ProfileId,
    pub name: String,
    pub profile: ResolvedProfile,
    /// The device's reconnect interval, minutes.
    pub reconnect_mins: i64,
}

/// What the run is doing, as the progress label says it.
fn phase_words(phase: RunPhase) -> &'static str {
    match phase {
        RunPhase::Generate => "generating the store database",
        RunPhase::Provision => "provisioning registers",
        RunPhase::Sync => "synchronizing",
        RunPhase::Done => "done",
    }
}

impl SimStore {
    /// Runs `plans` on `scenario` one after the other (the first is the run shown, a second is
    /// compared with it); a newer run or Cancel stops it.
    pub(super) fn start(self, plans: Vec<Plan>, scenario: Scenario) {
        let SimStore {
            state,
            result,
            simulated,
            ran,
            ran_profile,
            finished,
            engine,
            compared,
            cancel,
            generation,
            ..
        } = self;
        cancel.set_value(false);
        generation.update_value(|g| *g += 1);
        let this_run = generation.get_value();
        engine.set_value(None);
        self.measured.set(Vec::new());
        self.measuring.set(None);
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
                for (k, plan) in plans.into_iter().enumerate() {
                    let label = if count > 1 {
                        format!(" \u{201c}{}\u{201d}", plan.name)
                    } else {
                        String::new()
                    };
                    let db = sql.open().map_err(|e| e.to_string())?;
                    let mut sim = Engine::new(
                        db,
                        &scenario,
                        &plan.profile,
                        plan.reconnect_mins,
                        Catalog::builtin(),
                    )
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
                            label: format!("{label}: {}", phase_words(progress.phase)),
                        });
                        if progress.done {
                            break;
                        }
                        yield_to_browser().await;
                    }
                    finished.push((plan.id, plan.name, plan.profile, sim));
                }
                let mut finished = finished.into_iter();
                if let Some((id, name, profile, sim)) = finished.next() {
                    ran_profile.set(Some(profile));
                    result.set(Some(Arc::new(sim.result().clone())));
                    engine.set_value(Some(sim));
                    simulated.set(Some((id, name)));
                    ran.set(Some(scenario.clone()));
                }
                // The second engine's databases are dropped: its figures are all the comparison needs.
                compared.set(
                    finished
                        .next()
                        .map(|(_, name, _, sim)| (name, Arc::new(sim.result().clone()))),
                );
                Ok(())
            }
            .await;
            if generation.get_value() != this_run {
                return;
            }
            let done = outcome.is_ok();
            state.set(match outcome {
                Ok(()) => {
                    finished.update(|n| *n += 1);
                    RunState::Done {
                        seconds: (now_ms() - started) / 1000.0,
                    }
                }
                Err(e) if e == "cancelled" => RunState::Cancelled,
                Err(e) => RunState::Failed(e),
            });
            if done {
                self.measure(this_run).await;
            }
        });
    }
}

impl SimStore {
    /// Measures each register's database of the finished run (pages × page size), one table
    /// per browser turn so the page stays responsive; a newer run stops it.
    async fn measure(self, this_run: u32) {
        let registers = self
            .result
            .with_untracked(|r| r.as_ref().map_or(0, |r| r.registers()));
        for register in 1..=registers {
            self.measuring.set(Some((register, registers)));
            let started = self
                .engine
                .with_value(|e| e.as_ref().map(|e| e.start_measure(register)));
            let Some(Ok(mut m)) = started else { break };
            loop {
                yield_to_browser().await;
                if self.generation.get_value() != this_run {
                    return;
                }
                let step = self
                    .engine
                    .with_value(|e| e.as_ref().map(|e| e.measure_step(&mut m)));
                match step {
                    Some(Ok(None)) => continue,
                    Some(Ok(Some(bytes))) => {
                        self.measured.update(|v| v.push((register, bytes)));
                        break;
                    }
                    _ => {
                        self.measuring.set(None);
                        return;
                    }
                }
            }
        }
        self.measuring.set(None);
    }
}
