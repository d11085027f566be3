//! The simulation engine: a store database generated from the catalog schema, one shared
//! download replica, and the registers' own rows, all in one SQLite connection (the replica and
//! the registers' database are ATTACHed, so any number of registers fits in two attachments).
//! Data moves with `INSERT … SELECT` inside SQLite, never row by row through Rust.
//!
//! Sharing: registers of the stores using one profile receive the same download data, so the
//! store's changes are copied once into the shared replica; each register keeps only what
//! differs (its sales, its edits, its sync state). A register's database is therefore the replica
//! as of its own last sessions plus its own rows.
//!
//! The engine is generic over the [`Database`] trait: host tests run it on the native backend,
//! the browser on sql.js. It runs in steps so a page can stay responsive and cancel.

mod measure;
mod result;
mod setup;
mod sql;
pub use measure::Measure;
pub use sql::typical_length;
mod sync;

pub use result::{
    Conflict, Orphan, Progress, RunPhase, Session, SimResult, SizeSample, TableVolume, Winner,
};

use super::scenario::Scenario;
use super::volume::{volume_of, Entity, Volume};
use crate::catalog::{Catalog, SqlType, TableDirection};
use crate::model::diff::ResolvedProfile;
use crate::model::{ConflictPolicy, CustomerRule, ProductRule, SyncDirection};
use crate::sqlite::{Database, DbError, Value};
use std::cell::Cell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

/// Why a simulation could not run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SimError {
    /// Scenario values out of range.
    #[error("the scenario has values out of range: {0}")]
    Scenario(String),
    /// The run would not fit in memory.
    #[error("{0}")]
    TooLarge(String),
    /// SQLite refused something.
    #[error(transparent)]
    Db(#[from] DbError),
}

/// One table of the simulation.
#[derive(Debug, Clone)]
pub struct SimTable {
    /// Table name.
    pub name: String,
    /// The position of the profile scope holding it (tables that are only parents have none).
    pub scope: Option<usize>,
    /// The volume model.
    pub volume: Volume,
    /// Estimated bytes per row, from the catalog.
    pub row_bytes: u64,
    /// Upload tables: the replication counter column.
    pub counter: Option<String>,
    /// Parent tables that are in the simulation.
    pub parents: Vec<usize>,
    /// The table's real SQLite DDL (as in a package's schema.sql).
    ddl: String,
    columns: Vec<(String, SqlType, usize, bool)>,
}

/// Rows of the shared numbers table (`regs._ops_n`, 0 to `CHUNK_ROWS - 1`): every generated or
/// copied row set is cut into pieces of at most this many rows.
const CHUNK_ROWS: u64 = 20_000;
/// Generated cells (rows × columns) per setup work unit: keeps one unit near 10–20 ms natively.
const CHUNK_CELLS: u64 = 25_000;
/// Unfiltered replica tables up to this many cells (rows × columns) are copied in one statement
/// (SQLite's transfer optimization copies records without decoding them, about 30 ms natively
/// for this many); larger or filtered ones in rowid ranges of four times [`Engine::chunk_rows`]
/// (at most [`CHUNK_ROWS`]).
const XFER_MAX_CELLS: u64 = 2_400_000;
/// Sessions [`Engine::step_for`] runs in one transaction, across calls (see there).
const COMMIT_SESSIONS: usize = 1_000;
/// Tables created per setup work unit: each `CREATE` makes SQLite read the schema table, whose
/// size grows with every table, so creating them all at once would be one long unit.
const CREATE_TABLES: usize = 12;
/// Each register's own rows (`regs`) take row ids from `register × REGISTER_ROWS`, so a
/// register's rows of a table are one rowid range.
const REGISTER_ROWS: i64 = 1_000_000_000;
/// The queue's scope for a (re)provisioning event: the register's database is built at that time.
const PROVISION: usize = usize::MAX;

/// Where a run is: the setup units, then sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Creating the tables from `table` on (see [`CREATE_TABLES`]).
    Create { table: usize },
    /// Generating table `table` of the store, `done` rows so far.
    Generate { table: usize, done: u64 },
    /// Copying table `table` into the replica, `done` store rows so far.
    Replica { table: usize, done: u64 },
    /// Recording the registers' initial downloads.
    Registers,
    /// Sessions.
    Sync,
    /// Finished.
    Done,
}

/// The SQL a table's sessions run, built once.
#[derive(Debug, Clone, Default)]
struct TableSql {
    /// Generate the store's starting rows into `main` (params: first n, count, at).
    generate_main: String,
    /// Generate new entities' rows into `main` (params: first n, count, at, first key).
    generate_new: String,
    /// Generate a register's rows into `regs` (params: first n, count, at, rowid offset,
    /// register).
    generate_regs: String,
    /// Bring the replica up to date (params: from, to).
    refresh: String,
    /// Count changed and created replica rows (params: from, to).
    changed: String,
    /// Upload a register's rows (params: after rowid, up to rowid, at).
    upload: String,
    /// Stamp the rows of the entity keys in a JSON array as changed (params: at, keys).
    touch: String,
}

/// Per register and scope: when it last completed, what counter it uploaded up to.
#[derive(Debug, Clone, Default)]
struct RegisterState {
    last_run: Vec<Option<u64>>,
    /// Per table: the last own row id uploaded.
    uploaded_to: Vec<i64>,
    /// Per table: the last own row id written.
    written_to: Vec<i64>,
    rows: Vec<u64>,
    busy_until: f64,
    sales_at: u64,
    edits_at: u64,
    deferred: Vec<bool>,
}

/// A simulation in progress.
pub struct Engine<D: Database> {
    db: D,
    scenario: Scenario,
    profile: ResolvedProfile,
    tables: Vec<SimTable>,
    by_name: HashMap<String, usize>,
    registers: Vec<RegisterState>,
    queue: BinaryHeap<Reverse<(u64, u32, usize)>>,
    replica_at: Vec<u64>,
    /// When each store table last changed: sessions skip tables unchanged since their last run.
    changed_at: Vec<u64>,
    store_at: u64,
    /// When the last session ran.
    at: u64,
    product_limit: Option<u64>,
    customer_limit: Option<u64>,
    reconnect_secs: u64,
    result: SimResult,
    phase: Phase,
    count_cache: HashMap<(usize, u64, u64), (u64, u64)>,
    /// Whether [`Engine::step_for`] left its transaction open for the next call (see there).
    open_transaction: Cell<bool>,
    /// Sessions run since the last commit.
    uncommitted_sessions: usize,
    /// Per table: the SQL its sessions run.
    sql: Vec<TableSql>,
    /// Per scope: its tables.
    scope_tables: Vec<Vec<usize>>,
    /// Per table: rows in the store (`main`), kept here instead of counted.
    store_rows: Vec<u64>,
    /// Per table: rows of the replica after provisioning.
    initial_rows: Vec<u64>,
    /// Tables registers edit (customer tables of bidirectional scopes).
    edit_targets: Vec<usize>,
}

fn q(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Deterministic pseudo-random integer from a seed and an index (SplitMix64).
fn mix(seed: u64, i: u64) -> u64 {
    let mut z = seed.wrapping_add(i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A JSON array of integers, for `json_each`: how one statement receives a set of keys.
fn json_array(items: impl Iterator<Item = impl std::fmt::Display>) -> String {
    let mut s = String::from("[");
    for (k, item) in items.enumerate() {
        if k > 0 {
            s.push(',');
        }
        s.push_str(&item.to_string());
    }
    s.push(']');
    s
}

/// Events up to `t` of a process running at `per` events per `unit` seconds.
fn due(per: u32, unit: u64, t: u64) -> u64 {
    u64::from(per) * t / unit
}

/// The tables a run simulates: those the profile syncs, then their parents (store side only),
/// each with its volume, row size, columns and parents.
fn plan_tables(
    profile: &ResolvedProfile,
    catalog: &Catalog,
) -> (Vec<SimTable>, HashMap<String, usize>) {
    let mut tables: Vec<SimTable> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let add = |name: &str,
               scope: Option<usize>,
               tables: &mut Vec<SimTable>,
               by_name: &mut HashMap<String, usize>| {
        let Some(t) = catalog.get(name) else { return };
        if t.direction == TableDirection::ChannelLocal || by_name.contains_key(&t.name) {
            return;
        }
        by_name.insert(t.name.clone(), tables.len());
        tables.push(SimTable {
            name: t.name.clone(),
            scope,
            volume: volume_of(&t.name),
            row_bytes: u64::from(t.est_row_bytes),
            counter: if t.direction == TableDirection::Upload {
                t.replication_counter.clone()
            } else {
                None
            },
            parents: Vec::new(),
            ddl: t.create_sql(),
            columns: t
                .columns()
                .iter()
                .map(|c| {
                    // The declared length; `MAX` (and a missing length) as MAX_TEXT.
                    let size = match c.size {
                        Some(crate::catalog::ColumnSize::Length(n)) => n as usize,
                        _ => sql::MAX_TEXT,
                    };
                    (
                        c.name.clone(),
                        c.sql_type,
                        size.max(1),
                        t.primary_key.contains(&c.name),
                    )
                })
                .collect(),
        });
    };
    for (i, s) in profile.scopes.iter().enumerate() {
        for name in &s.tables {
            add(name, Some(i), &mut tables, &mut by_name);
        }
    }
    let synced = tables.len();
    for i in 0..synced {
        let parents: Vec<String> = catalog
            .get(&tables[i].name)
            .map(|t| {
                t.parents
                    .iter()
                    .map(|p| catalog.table(*p).name.clone())
                    .collect()
            })
            .unwrap_or_default();
        for p in parents {
            add(&p, None, &mut tables, &mut by_name);
        }
    }
    for table in tables.iter_mut() {
        let parents: Vec<usize> = catalog
            .get(&table.name)
            .map(|t| {
                t.parents
                    .iter()
                    .filter_map(|p| by_name.get(&catalog.table(*p).name).copied())
                    .collect()
            })
            .unwrap_or_default();
        table.parents = parents;
    }
    (tables, by_name)
}

/// Estimated memory of a run of `profile` on `scenario`, as its target system runs it, bytes:
/// what [`Engine::new`] refuses above [`MEMORY_BUDGET`], and what the app adds up for runs at once.
pub fn estimate_memory(scenario: &Scenario, profile: &ResolvedProfile, catalog: &Catalog) -> u64 {
    let (effective, _) = profile.target.effective(profile);
    estimate_bytes(scenario, &plan_tables(&effective, catalog).0)
}

impl<D: Database> Engine<D> {
    /// Prepares a run: checks the scenario, plans the tables, creates the databases. The
    /// profile runs as its target system would run it ([`crate::model::TargetSystem::effective`]).
    pub fn new(
        db: D,
        scenario: &Scenario,
        profile: &ResolvedProfile,
        reconnect_minutes: i64,
        catalog: &Catalog,
    ) -> Result<Self, SimError> {
        let (effective, _) = profile.target.effective(profile);
        let profile = &effective;
        let errors = scenario.validate();
        if !errors.is_empty() {
            let text: Vec<String> = errors.iter().map(|e| e.message.clone()).collect();
            return Err(SimError::Scenario(text.join(" ")));
        }
        let (tables, by_name) = plan_tables(profile, catalog);
        let estimate = estimate_bytes(scenario, &tables);
        if estimate > MEMORY_BUDGET {
            return Err(SimError::TooLarge(format!(
                "This run would need about {} MB of memory, more than the {} MB a browser tab can give it. Try fewer products or customers (for example the Reference mid-size store), or a profile that limits offline products and customers.",
                estimate / 1_000_000,
                MEMORY_BUDGET / 1_000_000
            )));
        }
        let registers = scenario.registers() as usize;
        let product_limit = profile
            .products
            .limited
            .then(|| match profile.products.rule {
                Some(ProductRule::Categories) => {
                    (u64::from(scenario.products) * 5 * profile.products.categories.len() as u64
                        / 100)
                        .max(1)
                }
                Some(ProductRule::Items) => profile.products.items.len() as u64,
                Some(_) => profile.products.top_n.max(0) as u64,
                None => u64::from(scenario.products),
            });
        let customer_limit = profile
            .customers
            .limited
            .then(|| match profile.customers.rule {
                Some(CustomerRule::Address) => (u64::from(scenario.customers) / 10).max(1),
                Some(CustomerRule::Accounts) => profile.customers.accounts.len() as u64,
                Some(_) => profile.customers.top_n.max(0) as u64,
                None => u64::from(scenario.customers),
            });
        let mut engine = Engine {
            db,
            scenario: scenario.clone(),
            profile: profile.clone(),
            replica_at: vec![0; tables.len()],
            changed_at: vec![0; tables.len()],
            registers: (0..registers)
                .map(|r| RegisterState {
                    last_run: vec![None; profile.scopes.len()],
                    rows: vec![0; tables.len()],
                    uploaded_to: vec![r as i64 * REGISTER_ROWS; tables.len()],
                    written_to: vec![r as i64 * REGISTER_ROWS; tables.len()],
                    deferred: vec![false; profile.scopes.len()],
                    ..RegisterState::default()
                })
                .collect(),
            store_rows: vec![0; tables.len()],
            initial_rows: vec![0; tables.len()],
            tables,
            by_name,
            queue: BinaryHeap::new(),
            store_at: 0,
            at: 0,
            product_limit,
            customer_limit,
            reconnect_secs: (reconnect_minutes.clamp(1, 1440) as u64) * 60,
            result: SimResult::default(),
            phase: Phase::Create { table: 0 },
            count_cache: HashMap::new(),
            open_transaction: Cell::new(false),
            uncommitted_sessions: 0,
            sql: Vec::new(),
            scope_tables: Vec::new(),
            edit_targets: Vec::new(),
        };
        engine.scope_tables = (0..profile.scopes.len())
            .map(|s| engine.scope_tables(s))
            .collect();
        engine.edit_targets = (0..engine.tables.len())
            .filter(|i| {
                let tb = &engine.tables[*i];
                tb.counter.is_none()
                    && matches!(tb.volume.entity, Entity::Customer)
                    && tb.scope.is_some_and(|s| {
                        profile.scopes[s].direction == SyncDirection::Bidirectional
                    })
            })
            .collect();
        engine.sql = (0..engine.tables.len())
            .map(|i| engine.table_sql(i))
            .collect();
        engine.result.tables = engine.tables.iter().map(|t| t.name.clone()).collect();
        engine.result.outages = scenario.outages.clone();
        engine.result.scopes = profile
            .scopes
            .iter()
            .map(|s| (s.description.clone(), s.direction))
            .collect();
        engine.result.frequencies = profile.scopes.iter().map(|s| s.frequency.seconds).collect();
        engine.result.reconnect_secs = engine.reconnect_secs;
        engine.create()?;
        Ok(engine)
    }

    /// Runs the whole setup (store generation and provisioning) if it is not done, then up to
    /// `max_sessions` due sessions (failed reconnect attempts included), and reports progress.
    /// Call until `done`. Each call's work is unbounded during setup: a page should use
    /// [`Engine::step_for`].
    pub fn step(&mut self, max_sessions: usize) -> Result<Progress, SimError> {
        self.provision()?;
        self.in_transaction(|e| {
            for _ in 0..max_sessions {
                if e.phase != Phase::Sync {
                    break;
                }
                e.unit()?;
            }
            Ok(())
        })?;
        Ok(self.progress())
    }

    /// Runs `f` in one transaction: a commit per call, not per statement (each commit of an
    /// in-memory database walks its whole page cache). Continues a transaction
    /// [`Engine::step_for`] left open, and commits it.
    fn in_transaction(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<(), SimError>,
    ) -> Result<(), SimError> {
        self.begin()?;
        let result = f(self);
        let committed = self.commit();
        result?;
        committed?;
        Ok(())
    }

    /// Starts a transaction unless one is open.
    fn begin(&self) -> Result<(), SimError> {
        if !self.open_transaction.get() {
            self.db.exec_batch("BEGIN")?;
            self.open_transaction.set(true);
        }
        Ok(())
    }

    /// Commits the open transaction, if there is one.
    fn commit(&self) -> Result<(), SimError> {
        if self.open_transaction.replace(false) {
            self.db.exec_batch("COMMIT")?;
        }
        Ok(())
    }

    /// Runs work units while `keep_going()` says so (asked after each unit; at least one unit
    /// runs) and reports progress. A unit is one session, or one bounded piece of setup (a
    /// table, or at most 20 000 rows of one), so a page can give the engine a time budget per
    /// slice. Call until `done`.
    ///
    /// Each setup call commits its work. Once sessions run, calls share one transaction,
    /// committed every [`COMMIT_SESSIONS`] sessions and when the run is done or fails: every
    /// commit walks the whole page cache, which a commit per call of a few sessions would repeat
    /// hundreds of times, while one commit for the whole run would be one long task.
    /// [`Engine::export_register`] commits first if it is called during a run. Reading
    /// [`Engine::db`] between calls sees every row written so far.
    pub fn step_for(&mut self, keep_going: &mut dyn FnMut() -> bool) -> Result<Progress, SimError> {
        self.begin()?;
        let result = (|| -> Result<(), SimError> {
            loop {
                if self.phase == Phase::Sync {
                    self.uncommitted_sessions += 1;
                }
                self.unit()?;
                if self.phase == Phase::Done || !keep_going() {
                    return Ok(());
                }
            }
        })();
        if result.is_err()
            || self.phase != Phase::Sync
            || self.uncommitted_sessions >= COMMIT_SESSIONS
        {
            self.uncommitted_sessions = 0;
            let committed = self.commit();
            result?;
            committed?;
        }
        Ok(self.progress())
    }

    /// How far the run has come.
    pub fn progress(&self) -> Progress {
        let horizon = self.scenario.horizon_seconds();
        let done = self.phase == Phase::Done;
        let at = match self.phase {
            Phase::Done => horizon,
            Phase::Sync => self.at,
            _ => 0,
        };
        Progress {
            at: at as f64,
            fraction: at as f64 / horizon.max(1) as f64,
            done,
            phase: self.phase(),
        }
    }

    /// What the engine is doing now.
    pub fn phase(&self) -> RunPhase {
        match self.phase {
            Phase::Create { .. } | Phase::Generate { .. } => RunPhase::Generate,
            Phase::Replica { .. } | Phase::Registers => RunPhase::Provision,
            Phase::Sync => RunPhase::Sync,
            Phase::Done => RunPhase::Done,
        }
    }

    /// Runs to the end.
    pub fn run(&mut self) -> Result<&SimResult, SimError> {
        while !self.step_for(&mut || true)?.done {}
        Ok(&self.result)
    }

    /// The results so far.
    pub fn result(&self) -> &SimResult {
        &self.result
    }

    /// The database connection (store in `main`, the shared replica in `replica`, the registers'
    /// own rows in `regs`), for inspection.
    pub fn db(&self) -> &D {
        &self.db
    }

    /// Rows the replica received at provisioning (all tables).
    pub(crate) fn replica_rows(&self) -> u64 {
        self.initial_rows.iter().sum()
    }

    /// The replica's tables as `(quoted name, column definitions, filter on the store's rows)`,
    /// for a plain copy of the same rows (benchmarks).
    pub(crate) fn replica_plan(&self) -> Vec<(String, String, String)> {
        (0..self.tables.len())
            .filter(|&i| self.tables[i].scope.is_some())
            .map(|i| {
                (
                    q(&self.tables[i].name),
                    Self::column_defs(&self.tables[i], false),
                    self.limit_filter(i),
                )
            })
            .collect()
    }

    /// The number of registers.
    pub fn register_count(&self) -> u32 {
        self.registers.len() as u32
    }

    /// Row counts per table in register `register`'s database (1-based), next to the store's.
    pub fn register_counts(&self, register: u32) -> Vec<(String, u64, u64)> {
        let Some(state) = self.registers.get(register.saturating_sub(1) as usize) else {
            return Vec::new();
        };
        self.tables
            .iter()
            .enumerate()
            .filter(|(_, t)| t.scope.is_some())
            .map(|(i, t)| (t.name.clone(), state.rows[i], self.store_rows[i]))
            .collect()
    }
}

/// What a run may use: the wasm heap stops at 2 GB and never shrinks.
pub const MEMORY_BUDGET: u64 = 1_200_000_000;

/// Estimated memory of a run: the store's rows and the shared replica, at the catalog's row
/// sizes plus SQLite's per-row overhead, and the registers' sales over the horizon.
fn estimate_bytes(s: &Scenario, tables: &[SimTable]) -> u64 {
    const OVERHEAD: u64 = 40;
    let days = u64::from(s.horizon_hours).div_ceil(24);
    tables
        .iter()
        .map(|t| {
            let per_row = t.row_bytes + OVERHEAD;
            let store = t.volume.initial_rows(s) * per_row;
            let replica = if t.scope.is_some() { store } else { 0 };
            let sales = t.volume.rows_per_transaction(s)
                * u64::from(s.transactions_per_register_per_day)
                * u64::from(s.registers())
                * days
                * per_row
                * 2;
            store + replica + sales
        })
        .sum()
}
