//! Benchmark figures of the simulator, shared by the native bench (`cargo bench --bench sim`)
//! and the browser harness (sql.js): the same scenarios and the same measurements on any
//! [`Database`] backend. Pure: time comes from a `clock` returning milliseconds.

use super::engine::{Engine, RunPhase, SimError};
use super::scenario::{Preset, Scenario};
use crate::catalog::Catalog;
use crate::model::diff::ResolvedProfile;
use crate::model::Workspace;
use crate::sqlite::{Database, Value};

/// Reconnect interval of the benchmark runs, minutes.
const RECONNECT_MINUTES: i64 = 5;

/// The reference scenario: 6 registers, 20 000 products × 2 variants, 50 000 customers, 7 days.
pub fn reference_week() -> Scenario {
    Preset::Reference.scenario()
}

/// The reference store with `registers` registers over one day; outages are kept only where
/// they apply (an existing register, within the day).
pub fn scale(registers: u32) -> Scenario {
    let mut s = Preset::Reference.scenario();
    s.registers_per_store = registers;
    s.horizon_hours = 24;
    let minutes = s.horizon_hours * 60;
    s.outages
        .retain(|o| o.register <= registers && o.start_minute < minutes);
    s
}

/// The default profile (one scope per scheduler job), resolved.
pub fn default_profile() -> ResolvedProfile {
    let ws = Workspace::with_default_profile();
    ResolvedProfile::of(&ws, &ws.profiles[0])
}

/// The engine's initial download against a plain copy of the same rows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ratio {
    /// Rows the replica receives.
    pub rows: u64,
    /// The engine's provisioning: filling the replica and recording every register's initial
    /// sessions (store generation excluded), milliseconds.
    pub engine_ms: f64,
    /// `INSERT INTO b.T SELECT * FROM a.T` of the same tables and rows, milliseconds.
    pub raw_ms: f64,
}

impl Ratio {
    /// Raw copy time over engine time: 1 means provisioning costs what a plain copy does.
    pub fn ratio(&self) -> f64 {
        if self.engine_ms > 0.0 {
            self.raw_ms / self.engine_ms
        } else {
            0.0
        }
    }
}

/// Times of one run, milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunFigure {
    /// Creating the engine, generating the store and provisioning.
    pub setup_ms: f64,
    /// The whole run.
    pub total_ms: f64,
    /// Sessions recorded.
    pub sessions: usize,
    /// Rows moved by all sessions.
    pub rows: u64,
    /// The longest work unit ([`Engine::new`] counts as one).
    pub longest_unit_ms: f64,
    /// The phase of the longest unit.
    pub longest_unit_phase: RunPhase,
}

/// Times the reference scenario's provisioning with the default profile on `engine_db`, and a
/// plain copy of the same rows between two attached in-memory databases on `raw_db`.
pub fn provision_ratio<D: Database>(
    engine_db: D,
    raw_db: D,
    clock: &dyn Fn() -> f64,
) -> Result<Ratio, SimError> {
    let scenario = reference_week();
    let profile = default_profile();
    let catalog = Catalog::builtin();
    let mut engine = Engine::new(engine_db, &scenario, &profile, RECONNECT_MINUTES, catalog)?;
    engine.generate_store()?;
    let t0 = clock();
    engine.provision()?;
    let engine_ms = clock() - t0;
    let rows = engine.replica_rows();

    // The same rows, generated untimed in `a`, then copied plainly into `b`.
    let mut raw = Engine::new(raw_db, &scenario, &profile, RECONNECT_MINUTES, catalog)?;
    raw.generate_store()?;
    let plan = raw.replica_plan();
    let db = raw.db();
    db.attach(":memory:", "a")?;
    db.attach(":memory:", "b")?;
    for (name, defs, filter) in &plan {
        db.exec_batch(&format!(
            "CREATE TABLE a.{name} ({defs}); CREATE TABLE b.{name} ({defs});"
        ))?;
        db.execute(
            &format!("INSERT INTO a.{name} SELECT * FROM main.{name} WHERE {filter}"),
            &[],
        )?;
    }
    let t0 = clock();
    db.exec_batch("BEGIN")?;
    for (name, ..) in &plan {
        db.execute(&format!("INSERT INTO b.{name} SELECT * FROM a.{name}"), &[])?;
    }
    db.exec_batch("COMMIT")?;
    let raw_ms = clock() - t0;
    let copied: i64 = plan
        .iter()
        .map(|(name, ..)| {
            db.query(&format!("SELECT count(*) FROM b.{name}"), &[])
                .map(|r| r.scalar().and_then(Value::as_i64).unwrap_or(0))
        })
        .sum::<Result<i64, _>>()?;
    if copied as u64 != rows {
        return Err(SimError::Scenario(format!(
            "the raw copy moved {copied} rows, the engine {rows}"
        )));
    }
    Ok(Ratio {
        rows,
        engine_ms,
        raw_ms,
    })
}

/// The slice budget of [`run_timed`], milliseconds: what a page gives the engine per task.
pub const SLICE_MS: f64 = 40.0;

/// Runs `scenario` with `profile` to the end in slices of [`SLICE_MS`] ([`Engine::step_for`]),
/// as a page does, timing the setup, the whole run and the longest work unit.
pub fn run_timed<D: Database>(
    db: D,
    scenario: &Scenario,
    profile: &ResolvedProfile,
    clock: &dyn Fn() -> f64,
) -> Result<RunFigure, SimError> {
    let t0 = clock();
    let mut engine = Engine::new(db, scenario, profile, RECONNECT_MINUTES, Catalog::builtin())?;
    let mut longest = clock() - t0;
    let mut longest_phase = RunPhase::Generate;
    let mut setup_ms = None;
    loop {
        let phase = engine.phase();
        let slice = clock();
        // `keep_going` is asked after each unit: the time since the last call is one unit.
        let mut last = slice;
        let mut unit_max = 0.0f64;
        let progress = engine.step_for(&mut || {
            let now = clock();
            unit_max = unit_max.max(now - last);
            last = now;
            now - slice < SLICE_MS
        })?;
        let end = clock();
        // The last unit ends with the slice's commit.
        unit_max = unit_max.max(end - last);
        if unit_max > longest {
            longest = unit_max;
            longest_phase = phase;
        }
        if setup_ms.is_none()
            && progress.phase != RunPhase::Generate
            && progress.phase != RunPhase::Provision
        {
            setup_ms = Some(end - t0);
        }
        if progress.done {
            break;
        }
    }
    let total_ms = clock() - t0;
    let result = engine.result();
    Ok(RunFigure {
        setup_ms: setup_ms.unwrap_or(total_ms),
        total_ms,
        sessions: result.sessions.len(),
        rows: result.sessions.iter().map(|s| s.rows()).sum(),
        longest_unit_ms: longest,
        longest_unit_phase: longest_phase,
    })
}
