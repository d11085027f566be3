//! Running the simulator: each profile of a plan on its own engine at the same time — a
//! dedicated Web Worker each, or the page itself in 25 ms slices where no worker can start —
//! with progress, cancel (which terminates the workers at once), and results kept in the
//! [`SimStore`] when all are done. The first profile's engine stays, holding its databases for
//! the inspector, and measures each register's database after the run.

use super::backend::{self, Backend, Msg};
use super::{RunState, SimStore};
use crate::model::diff::ResolvedProfile;
use crate::model::ProfileId;
use crate::sim::serve::{Assembler, Reply, Request};
use crate::sim::{RunPhase, Scenario, SimResult};
use crate::ui::engine::now_ms;
use crate::web::client::Event;
use futures::channel::mpsc;
use futures::StreamExt;
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

/// The progress label: each profile's phase when several run at once.
fn label(names: &[String], phases: &[RunPhase]) -> String {
    match phases {
        [one] => format!(": {}", phase_words(*one)),
        _ => {
            let each: Vec<String> = names
                .iter()
                .zip(phases)
                .map(|(n, p)| format!("\u{201c}{n}\u{201d} {}", phase_words(*p)))
                .collect();
            format!(": {}", each.join(", "))
        }
    }
}

/// What a crashed engine means for the user.
fn crash_words(why: &str) -> String {
    format!("the simulation's engine stopped unexpectedly ({why}). This happens when a run needs more memory than the browser grants; try fewer registers, products or days. Your profiles are untouched; you can run again.")
}

impl SimStore {
    /// Engines for `count` profiles: the kept worker of the last run first, new workers for the
    /// rest (started together), or the page where no worker starts — with the reason.
    async fn engines(self, count: usize) -> Result<(Vec<Backend>, Option<String>), String> {
        let mut engines = Vec::new();
        if let Some(Backend::Worker(link)) = self.backend.get_value().filter(Backend::alive) {
            engines.push(Backend::Worker(link));
        }
        self.backend.set_value(None);
        let (more, note) = backend::engines(
            count.saturating_sub(engines.len()),
            self.no_worker.get_value(),
        )
        .await?;
        if note.is_some() {
            self.no_worker.set_value(note.clone());
        }
        engines.extend(more);
        engines.truncate(count);
        Ok((engines, note))
    }

    /// Stops the current run, if any: its workers terminate at once.
    pub(super) fn cancel_run(self) {
        for e in self.running.get_value() {
            e.stop();
        }
        self.running.set_value(Vec::new());
        if let Some(tx) = self.stopper.get_value() {
            let _ = tx.unbounded_send(Msg::Cancel);
        }
    }

    /// Runs `plans` on `scenario` at the same time (the first is the run shown, a second is
    /// compared with it); a newer run or Cancel stops it.
    pub(super) fn start(self, plans: Vec<Plan>, scenario: Scenario) {
        self.cancel_run();
        self.generation.update_value(|g| *g += 1);
        let this_run = self.generation.get_value();
        self.measured.set(Vec::new());
        self.measuring.set(None);
        self.result.set(None);
        self.simulated.set(None);
        self.compared.set(None);
        self.state.set(RunState::Running {
            fraction: 0.0,
            elapsed: 0.0,
            label: String::new(),
        });
        leptos::task::spawn_local(async move {
            let started = now_ms();
            let (tx, rx) = mpsc::unbounded();
            self.stopper.set_value(Some(tx.clone()));
            let outcome = match self.engines(plans.len()).await {
                Ok((engines, note)) if self.generation.get_value() == this_run => {
                    self.engine_note.set(note);
                    self.follow(plans, scenario, engines, tx, rx, started, this_run)
                        .await
                }
                Ok(_) => return,
                Err(e) => Err(e),
            };
            if self.generation.get_value() != this_run {
                return;
            }
            self.stopper.set_value(None);
            match outcome {
                // The kept engine is idle now: a new run may use it again.
                Ok(()) => self.running.set_value(Vec::new()),
                Err(e) => {
                    self.cancel_run();
                    self.state.set(if e == "cancelled" {
                        RunState::Cancelled
                    } else {
                        RunState::Failed(e)
                    });
                }
            }
        });
    }

    /// Starts the plans on their engines and follows their events until the results are in
    /// and the first one's registers are measured.
    #[allow(clippy::too_many_arguments)]
    async fn follow(
        self,
        plans: Vec<Plan>,
        scenario: Scenario,
        engines: Vec<Backend>,
        tx: mpsc::UnboundedSender<Msg>,
        mut rx: mpsc::UnboundedReceiver<Msg>,
        started: f64,
        this_run: u32,
    ) -> Result<(), String> {
        let count = plans.len();
        let names: Vec<String> = plans.iter().map(|p| p.name.clone()).collect();
        let mut phases = vec![RunPhase::Generate; count];
        let mut fractions = vec![0.0; count];
        let mut parts: Vec<Assembler> = (0..count).map(|_| Assembler::default()).collect();
        let mut results: Vec<Option<SimResult>> = vec![None; count];
        self.running.set_value(engines.clone());
        for (k, (plan, engine)) in plans.iter().zip(&engines).enumerate() {
            let request = Request::Run {
                scenario: Box::new(scenario.clone()),
                profile: Box::new(plan.profile.clone()),
                reconnect_mins: plan.reconnect_mins,
                measure: k == 0,
            };
            engine.run(k, request, tx.clone());
        }
        drop(tx);
        let mut registers = 0;
        while let Some(msg) = rx.next().await {
            if self.generation.get_value() != this_run {
                return Ok(());
            }
            let (k, reply) = match msg {
                Msg::Cancel => return Err("cancelled".into()),
                Msg::Event(_, Event::Crashed(why)) => return Err(crash_words(&why)),
                Msg::Event(k, Event::Reply(r)) => (k, r),
            };
            match reply {
                Reply::Failed(e) => return Err(e),
                Reply::Progress { fraction, phase } => {
                    (fractions[k], phases[k]) = (fraction, phase);
                    if results.iter().any(Option::is_none) {
                        self.state.set(RunState::Running {
                            fraction: fractions.iter().sum::<f64>() / count as f64,
                            elapsed: (now_ms() - started) / 1000.0,
                            label: label(&names, &phases),
                        });
                    }
                }
                Reply::Measured { register, bytes } if k == 0 => {
                    self.measured.update(|v| v.push((register, bytes)));
                    self.measuring
                        .set((register < registers).then_some((register + 1, registers)));
                }
                Reply::MeasuredAll if k == 0 => {
                    self.measuring.set(None);
                    return Ok(());
                }
                r => {
                    if let Some(result) = parts[k].add(r) {
                        results[k] = Some(result);
                        if results.iter().all(Option::is_some) {
                            registers = results[0].as_ref().map_or(0, |r| r.registers());
                            self.publish(&plans, &scenario, &engines, &mut results, started);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Shows the finished results; keeps the first engine, stops the others.
    fn publish(
        self,
        plans: &[Plan],
        scenario: &Scenario,
        engines: &[Backend],
        results: &mut [Option<SimResult>],
        started: f64,
    ) {
        let first = results[0].take().map(Arc::new);
        let registers = first.as_ref().map_or(0, |r| r.registers());
        self.ran_profile.set(Some(plans[0].profile.clone()));
        self.result.set(first);
        self.backend.set_value(Some(engines[0].clone()));
        self.simulated
            .set(Some((plans[0].id, plans[0].name.clone())));
        self.ran.set(Some(scenario.clone()));
        // The second engine's databases are not needed: its figures are all a comparison shows.
        self.compared.set(
            plans
                .get(1)
                .zip(results.get_mut(1).and_then(Option::take))
                .map(|(p, r)| (p.name.clone(), Arc::new(r))),
        );
        for e in engines.iter().skip(1) {
            e.stop();
        }
        self.running.set_value(engines[..1].to_vec());
        self.measuring
            .set((registers > 0).then_some((1, registers)));
        self.finished.update(|n| *n += 1);
        self.state.set(RunState::Done {
            seconds: (now_ms() - started) / 1000.0,
        });
    }
}
