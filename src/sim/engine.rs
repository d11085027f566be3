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

use super::scenario::Scenario;
use super::volume::{volume_of, Entity, Volume};
use crate::catalog::{Catalog, SqlType, TableDirection};
use crate::model::diff::ResolvedProfile;
use crate::model::{ConflictPolicy, CustomerRule, ProductRule, SyncDirection};
use crate::sqlite::{Database, DbError, Value};
use std::cell::Cell;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

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

/// Rows and estimated bytes of one table in one session.
#[derive(Debug, Clone, PartialEq)]
pub struct TableVolume {
    /// Index into [`SimResult::tables`].
    pub table: usize,
    /// Rows moved.
    pub rows: u64,
    /// Estimated bytes moved (rows × the catalog's row size).
    pub bytes: u64,
}

/// One sync session of one register and one scope.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The register (1-based across stores).
    pub register: u32,
    /// The scope's position in the profile.
    pub scope: usize,
    /// The scope's direction.
    pub direction: SyncDirection,
    /// Start, in simulated seconds.
    pub start: f64,
    /// End, in simulated seconds (duration from rows, bytes, bandwidth and latency).
    pub end: f64,
    /// Part of the initial download at provisioning.
    pub initial: bool,
    /// The first session after the register came back from an outage.
    pub catch_up: bool,
    /// Rows and bytes per table, downloaded.
    pub downloaded: Vec<TableVolume>,
    /// Rows and bytes per table, uploaded.
    pub uploaded: Vec<TableVolume>,
    /// Conflicts found (bidirectional scopes).
    pub conflicts: u32,
    /// Problems real queries found (children before parents, nothing to upload with, …).
    pub problems: Vec<String>,
}

impl Session {
    /// Rows moved both ways.
    pub fn rows(&self) -> u64 {
        self.downloaded
            .iter()
            .chain(&self.uploaded)
            .map(|t| t.rows)
            .sum()
    }

    /// Estimated bytes moved both ways.
    pub fn bytes(&self) -> u64 {
        self.downloaded
            .iter()
            .chain(&self.uploaded)
            .map(|t| t.bytes)
            .sum()
    }
}

/// One conflict of a bidirectional scope.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub register: u32,
    pub scope: usize,
    pub table: usize,
    /// The entity key of the row changed on both sides.
    pub key: i64,
    /// When the store changed it, simulated seconds.
    pub store_at: u64,
    /// When the register changed it.
    pub register_at: u64,
    /// Which side's version was kept.
    pub winner: Winner,
}

/// A register's estimated database size at a moment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SizeSample {
    pub register: u32,
    pub at: f64,
    pub bytes: u64,
}

/// Everything a run produced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SimResult {
    /// The simulated tables, indexed by [`TableVolume::table`].
    pub tables: Vec<String>,
    /// The profile's scopes: description and direction.
    pub scopes: Vec<(String, SyncDirection)>,
    /// Every session, in the order they ran.
    pub sessions: Vec<Session>,
    /// Every conflict.
    pub conflicts: Vec<Conflict>,
    /// Database sizes over time.
    pub sizes: Vec<SizeSample>,
    /// Estimated size of the store database, counting the transaction history it keeps.
    pub store_bytes: u64,
    /// Failed reconnect attempts per register while offline.
    pub reconnect_attempts: BTreeMap<u32, u32>,
    /// The scenario's outage windows.
    pub outages: Vec<super::scenario::Outage>,
}

impl SimResult {
    /// The number of registers that ran sessions.
    pub fn registers(&self) -> u32 {
        self.sessions.iter().map(|s| s.register).max().unwrap_or(0)
    }

    /// When the last session ended, in simulated seconds (at least one hour, so charts of a
    /// very short run keep a sensible scale).
    pub fn end(&self) -> f64 {
        self.sessions.iter().map(|s| s.end).fold(3600.0, f64::max)
    }
}

/// How far a run has come.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Simulated seconds done.
    pub at: f64,
    /// Fraction of the horizon done, 0 to 1 (0 during setup).
    pub fraction: f64,
    /// Whether the run is complete.
    pub done: bool,
    /// What the engine is doing.
    pub phase: RunPhase,
}

/// What a run is doing (the UI words it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RunPhase {
    /// Setup, first part: the store database's starting rows are generated.
    Generate,
    /// Setup, second part: the shared replica is filled and every register's initial download
    /// recorded.
    Provision,
    /// Sync sessions run, one per work unit.
    Sync,
    /// The run is complete.
    Done,
}

impl RunPhase {
    /// A stable key (benchmark figures name phases by it).
    pub fn key(self) -> &'static str {
        match self {
            RunPhase::Generate => "generate",
            RunPhase::Provision => "provision",
            RunPhase::Sync => "sync",
            RunPhase::Done => "done",
        }
    }
}

/// Which side's version a conflict kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Winner {
    /// The store's version (the store database, so head office's data, stays).
    Store,
    /// The register's version.
    Register,
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

impl<D: Database> Engine<D> {
    /// Prepares a run: checks the scenario, plans the tables, creates the databases.
    pub fn new(
        db: D,
        scenario: &Scenario,
        profile: &ResolvedProfile,
        reconnect_minutes: i64,
        catalog: &Catalog,
    ) -> Result<Self, SimError> {
        let errors = scenario.validate();
        if !errors.is_empty() {
            let text: Vec<String> = errors.iter().map(|e| e.message.clone()).collect();
            return Err(SimError::Scenario(text.join(" ")));
        }
        // The tables the profile syncs, then their parents (store side only).
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
                    .columns
                    .iter()
                    .map(|c| {
                        let size = match c.size {
                            Some(crate::catalog::ColumnSize::Length(n)) => n as usize,
                            _ => 40,
                        };
                        (
                            c.name.clone(),
                            c.sql_type,
                            size.clamp(1, 40),
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
        engine.create()?;
        Ok(engine)
    }

    fn column_defs(t: &SimTable, register_side: bool) -> String {
        let mut cols: Vec<String> = vec!["\"_ops_row\" INTEGER PRIMARY KEY".into()];
        cols.extend(
            t.columns
                .iter()
                .map(|(n, ty, _, _)| format!("{} {}", q(n), ty.sqlite_type())),
        );
        cols.push("\"_ops_key\" INTEGER".into());
        cols.push("\"_ops_created\" INTEGER".into());
        cols.push("\"_ops_changed\" INTEGER".into());
        if register_side {
            cols.push("\"_ops_register\" INTEGER".into());
        }
        cols.join(", ")
    }

    fn create(&mut self) -> Result<(), SimError> {
        // Everything lives in memory and a failed run is thrown away: no rollback journal, no
        // syncing, temporary b-trees in memory.
        self.db.exec_batch(
            "PRAGMA main.journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;",
        )?;
        self.db.attach(":memory:", "replica")?;
        self.db.attach(":memory:", "regs")?;
        self.db.exec_batch(
            "PRAGMA replica.journal_mode = OFF; PRAGMA regs.journal_mode = OFF; PRAGMA replica.synchronous = OFF; PRAGMA regs.synchronous = OFF;",
        )?;
        // The registers' edits, and the numbers every generated row set is drawn from, made
        // once. The simulated tables are created in setup units (see `create_unit`).
        let statements = [
            "BEGIN".to_string(),
            "CREATE TABLE regs._ops_edits (register INTEGER, tbl INTEGER, key INTEGER, at INTEGER)".into(),
            "CREATE INDEX regs.ix_ops_edits ON _ops_edits (register, tbl, at)".into(),
            "CREATE TABLE regs._ops_n (n INTEGER PRIMARY KEY)".into(),
            format!(
                "WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < {}) INSERT INTO regs._ops_n SELECT n FROM seq",
                CHUNK_ROWS - 1
            ),
            "COMMIT".into(),
        ];
        for statement in &statements {
            self.db.exec_batch(statement)?;
        }
        Ok(())
    }

    /// One setup unit: the tables of up to [`CREATE_TABLES`] simulated tables, from `from` on,
    /// in the store, the replica and the registers' database.
    fn create_unit(&mut self, from: usize) -> Result<(), SimError> {
        let upto = (from + CREATE_TABLES).min(self.tables.len());
        let mut sql = Vec::new();
        for t in &self.tables[from..upto] {
            let name = q(&t.name);
            sql.push(format!(
                "CREATE TABLE main.{name} ({})",
                Self::column_defs(t, false)
            ));
            // Sessions ask what changed since their last run. The starting rows are stamped 0,
            // so a partial index holds only later changes and costs nothing to bulk loads.
            // (Rows are found by entity key through their row ids: see `touch`.) Its condition
            // is `>= 1`, not `> 0`: a query's `"_ops_changed" > ?1` compared with `> 0` would
            // make SQLite prepare the statement again whenever `?1` changes (it checks whether
            // the bound value makes the query imply the index's condition).
            sql.push(format!(
                "CREATE INDEX main.\"ix_{0}_changed\" ON {name} (\"_ops_changed\", \"_ops_created\") WHERE \"_ops_changed\" >= 1",
                t.name
            ));
            if t.scope.is_some() {
                sql.push(format!(
                    "CREATE TABLE replica.{name} ({})",
                    Self::column_defs(t, false)
                ));
                // With the creation stamp, the index alone answers the sessions' counts. (The
                // store's index is the same: SQLite's transfer optimization copies a table whole
                // only into a table with the same indexes.)
                sql.push(format!(
                    "CREATE INDEX replica.\"ix_{0}_changed\" ON {name} (\"_ops_changed\", \"_ops_created\") WHERE \"_ops_changed\" >= 1",
                    t.name
                ));
                if t.counter.is_some() {
                    // A register's rows are one rowid range (see `REGISTER_ROWS`): no index.
                    sql.push(format!(
                        "CREATE TABLE regs.{name} ({})",
                        Self::column_defs(t, true)
                    ));
                }
            }
        }
        // One call per statement: a batch would hand SQLite the whole rest of the text with each
        // statement, which the native backend copies every time.
        for statement in &sql {
            self.db.exec_batch(statement)?;
        }
        self.phase = Phase::Create { table: upto };
        Ok(())
    }

    /// The largest number `n` a generating statement of table `i` draws (into `regs` with
    /// `register`) within the horizon.
    fn max_number(&self, i: usize, register: bool) -> u64 {
        let s = &self.scenario;
        let v = self.tables[i].volume;
        let horizon = s.horizon_seconds();
        let sales = due(s.transactions_per_register_per_day, 86_400, horizon);
        let per_tx = v.rows_per_transaction(s);
        if register {
            // See `advance_sales`: register r's numbers start at r × 10^9.
            u64::from(s.registers()) * REGISTER_ROWS as u64 + sales * (10 + per_tx) + 1
        } else {
            let new = due(s.new_customers_per_day, 86_400, horizon)
                * u64::from(v.per_entity.max(1))
                * u64::from(self.scenario.variants_per_product.max(1));
            v.initial_rows(s) + new + u64::from(s.registers()) * sales * per_tx + 1
        }
    }

    /// The SELECT list generating row `n` of a table (columns in table order), over the
    /// columns of [`Self::numbers`]: `n`, its text `nt`, and the hashes `h` and `m`. `digits`:
    /// the most digits `n` has, so text columns wide enough for their prefix and `nt` skip
    /// `substr`.
    fn value_exprs(&self, t: &SimTable, digits: usize) -> String {
        t.columns
            .iter()
            .map(|(name, ty, size, key)| match ty {
                SqlType::BigInt | SqlType::Int if *key || name == "RECID" => "n".to_string(),
                SqlType::BigInt | SqlType::Int => "h".to_string(),
                SqlType::Bit => "(n % 2)".to_string(),
                SqlType::Timestamp | SqlType::RowVersion => "n".to_string(),
                SqlType::Numeric => "m".to_string(),
                SqlType::DateTime | SqlType::Date => "'2026-01-01 00:00:00'".into(),
                SqlType::UniqueIdentifier => {
                    "printf('%08d-0000-4000-8000-000000000000', n)".to_string()
                }
                SqlType::VarBinary => "X'00'".into(),
                SqlType::NVarChar | SqlType::NChar | SqlType::VarChar => {
                    let prefix: String = name
                        .chars()
                        .filter(|c| c.is_ascii_alphanumeric())
                        .take(4)
                        .collect();
                    // Key columns stay unique, so the real primary keys hold in exported
                    // databases; a prefix and 20 digits fit in 24 characters.
                    if *key || *size >= 24 || prefix.len() + digits <= *size {
                        format!("('{prefix}' || nt)")
                    } else {
                        format!("substr('{prefix}' || nt, 1, {size})")
                    }
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Numbers `?1 .. ?1 + ?2 - 1` as rows (`n`, its text `nt`, hashes `h` and `m`), each
    /// computed once per row (`OFFSET 0` keeps SQLite from copying the expressions into every
    /// column that uses them).
    fn numbers(&self) -> String {
        let seed = self.scenario.seed % 1_000_003;
        format!(
            "(SELECT ?1 + n AS n, CAST(?1 + n AS TEXT) AS nt, ((?1 + n) * 2654435761 + {seed}) % 100000 AS h, \
             ((((?1 + n) * 7919 + {seed}) % 100000) / 100.0) AS m FROM regs._ops_n WHERE n < ?2 LIMIT -1 OFFSET 0)"
        )
    }

    fn column_list(t: &SimTable) -> String {
        t.columns
            .iter()
            .map(|(n, ..)| q(n))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The rows of one entity key in tables whose rows are numbered by key (the store's product,
    /// variant and customer tables: key `k` owns row ids `(k - 1) × per + 1 ..= k × per`).
    fn rows_per_key(&self, i: usize) -> u64 {
        let v = self.tables[i].volume;
        match v.entity {
            Entity::Variant => u64::from(self.scenario.variants_per_product.max(1)),
            _ => u64::from(v.per_entity.max(1)),
        }
    }

    /// The entity key of the store's starting row `n` of table `i`.
    fn store_key(&self, i: usize) -> String {
        match self.tables[i].volume.entity {
            Entity::Reference => "0".to_string(),
            // Parties: customers first, then staff (key 0: not a customer).
            Entity::Party => format!(
                "CASE WHEN n <= {} THEN n ELSE 0 END",
                self.scenario.customers
            ),
            _ => format!("((n - 1) / {} + 1)", self.rows_per_key(i)),
        }
    }

    /// `INSERT … SELECT` generating rows `?1 .. ?1 + ?2 - 1` (numbers `n`) of table `i` into
    /// `main` (row id `n`) or, with `register`, into `regs` (row id `n + ?4`, register `?5`),
    /// stamped `?3`, with the entity key expression `key`.
    fn generate_sql(&self, i: usize, key: &str, register: bool) -> String {
        let t = &self.tables[i];
        let (schema, row_id, register_col, register_val) = if register {
            ("regs", "n + ?4", ", \"_ops_register\"", ", ?5")
        } else {
            ("main", "n", "", "")
        };
        format!(
            "INSERT INTO {schema}.{name} (\"_ops_row\", {cols}, \"_ops_key\", \"_ops_created\", \"_ops_changed\"{register_col}) \
             SELECT {row_id}, {values}, {key}, ?3, ?3{register_val} FROM {numbers}",
            name = q(&t.name),
            cols = Self::column_list(t),
            values = self.value_exprs(t, self.max_number(i, register).to_string().len()),
            numbers = self.numbers(),
        )
    }

    /// The SQL of table `i`'s sessions.
    fn table_sql(&self, i: usize) -> TableSql {
        let t = &self.tables[i];
        let name = q(&t.name);
        let cols = Self::column_list(t);
        let filter = self.limit_filter(i);
        let per = self.rows_per_key(i);
        let rows_of_keys = if per == 1 {
            "SELECT value FROM json_each(?2)".to_string()
        } else {
            format!("SELECT (j.value - 1) * {per} + o.n + 1 FROM json_each(?2) j, regs._ops_n o WHERE o.n < {per}")
        };
        TableSql {
            generate_main: self.generate_sql(i, &self.store_key(i), false),
            generate_new: self.generate_sql(i, &format!("(?4 + (n - ?1) / {per})"), false),
            generate_regs: self.generate_sql(i, "0", true),
            // `"_ops_changed" >= 1` lets SQLite use the partial indexes. It comes after `> ?1`: of
            // two lower bounds SQLite seeks on the first one, and a seek to 1 would walk every
            // row ever changed.
            refresh: format!("INSERT OR REPLACE INTO replica.{name} SELECT * FROM main.{name} WHERE \"_ops_changed\" > ?1 AND \"_ops_changed\" <= ?2 AND \"_ops_changed\" >= 1 AND {filter}"),
            changed: format!("SELECT count(*), coalesce(sum(\"_ops_created\" > ?1), 0) FROM replica.{name} WHERE \"_ops_changed\" > ?1 AND \"_ops_changed\" <= ?2 AND \"_ops_changed\" >= 1"),
            upload: format!("INSERT INTO main.{name} ({cols}, \"_ops_key\", \"_ops_created\", \"_ops_changed\") SELECT {cols}, \"_ops_key\", ?3, ?3 FROM regs.{name} WHERE \"_ops_row\" > ?1 AND \"_ops_row\" <= ?2"),
            touch: format!("UPDATE main.{name} SET \"_ops_changed\" = ?1 WHERE \"_ops_row\" IN ({rows_of_keys})"),
        }
    }

    /// Rows per generating statement for table `i`: fewer for wide tables, so one setup unit
    /// stays short.
    fn chunk_rows(&self, i: usize) -> u64 {
        (CHUNK_CELLS / (self.tables[i].columns.len() as u64 + 4)).clamp(1_000, CHUNK_ROWS)
    }

    /// Runs generating statement `sql` for numbers `first ..= first + count - 1` in pieces of
    /// at most [`CHUNK_ROWS`]; `extra` are the parameters after `?3`.
    fn generate(
        &self,
        sql: &str,
        first: u64,
        count: u64,
        at: u64,
        extra: &[Value],
    ) -> Result<(), SimError> {
        let mut done = 0;
        while done < count {
            let n = (count - done).min(CHUNK_ROWS);
            let mut params = vec![
                Value::Integer((first + done) as i64),
                Value::Integer(n as i64),
                Value::Integer(at as i64),
            ];
            params.extend_from_slice(extra);
            self.db.execute(sql, &params)?;
            done += n;
        }
        Ok(())
    }

    /// Whether the store generates starting rows for table `i` (transaction history is counted
    /// in [`SimResult::store_bytes`] but not generated, since no register receives it).
    fn generated_rows(&self, i: usize) -> u64 {
        let v = self.tables[i].volume;
        if v.entity == Entity::Transaction {
            0
        } else {
            v.initial_rows(&self.scenario)
        }
    }

    /// One setup unit of store generation: at most [`Self::chunk_rows`] rows of table `i`.
    fn generate_unit(&mut self, i: usize, done: u64) -> Result<(), SimError> {
        let rows = self.generated_rows(i);
        let n = (rows - done).min(self.chunk_rows(i));
        self.generate(&self.sql[i].generate_main, done + 1, n, 0, &[])?;
        self.store_rows[i] = done + n;
        self.phase = Phase::Generate {
            table: i,
            done: done + n,
        };
        Ok(())
    }

    /// The store's estimated size, counting the transaction history it keeps.
    fn store_bytes(&self) -> u64 {
        self.tables
            .iter()
            .map(|t| {
                let mut rows = t.volume.initial_rows(&self.scenario);
                if t.volume.entity == Entity::Transaction {
                    rows += u64::from(self.scenario.history_days)
                        * u64::from(self.scenario.transactions_per_register_per_day)
                        * u64::from(self.scenario.registers())
                        * t.volume.rows_per_transaction(&self.scenario);
                }
                rows * t.row_bytes
            })
            .sum()
    }

    /// Moves the phase past finished tables, to the next unit that has work (or to the end).
    fn settle_phase(&mut self) {
        loop {
            match self.phase {
                Phase::Create { table } => {
                    if table >= self.tables.len() {
                        self.phase = Phase::Generate { table: 0, done: 0 };
                    } else {
                        return;
                    }
                }
                Phase::Generate { table, done } => {
                    if table >= self.tables.len() {
                        self.result.store_bytes = self.store_bytes();
                        self.phase = Phase::Replica { table: 0, done: 0 };
                    } else if done >= self.generated_rows(table) {
                        self.phase = Phase::Generate {
                            table: table + 1,
                            done: 0,
                        };
                    } else {
                        return;
                    }
                }
                Phase::Replica { table, done } => {
                    if table >= self.tables.len() {
                        self.phase = Phase::Registers;
                    } else if self.tables[table].scope.is_none() || done >= self.store_rows[table] {
                        self.phase = Phase::Replica {
                            table: table + 1,
                            done: 0,
                        };
                    } else {
                        return;
                    }
                }
                Phase::Sync => {
                    let horizon = self.scenario.horizon_seconds();
                    match self.queue.peek() {
                        None => self.phase = Phase::Done,
                        Some(Reverse((t, ..))) if *t > horizon => {
                            self.queue.clear();
                            self.phase = Phase::Done;
                        }
                        Some(_) => return,
                    }
                }
                Phase::Registers | Phase::Done => return,
            }
        }
    }

    /// The store's starting data: entity and reference tables; transaction history is counted
    /// (in [`SimResult::store_bytes`]) but not generated, since no register receives it.
    pub fn generate_store(&mut self) -> Result<(), SimError> {
        self.settle_phase();
        self.in_transaction(|e| {
            while matches!(e.phase, Phase::Create { .. } | Phase::Generate { .. }) {
                e.unit()?;
            }
            Ok(())
        })
    }
    /// The WHERE condition of what goes offline from a table (product and customer limits).
    fn limit_filter(&self, i: usize) -> String {
        let t = &self.tables[i];
        match (t.volume.entity, self.product_limit, self.customer_limit) {
            (Entity::Product | Entity::Variant, Some(n), _) => format!("\"_ops_key\" <= {n}"),
            (Entity::Customer, _, Some(n)) => format!("\"_ops_key\" <= {n}"),
            (Entity::Party, _, Some(n)) if self.profile.customers.limit_party_table => {
                // The limit strips every party that is not a kept customer — staff included.
                format!("\"_ops_key\" BETWEEN 1 AND {n}")
            }
            (Entity::Party, _, Some(n)) => format!("\"_ops_key\" <= {n}"),
            _ => "1".into(),
        }
    }

    fn scope_tables(&self, scope: usize) -> Vec<usize> {
        self.profile.scopes[scope]
            .tables
            .iter()
            .filter_map(|n| self.by_name.get(&n.to_ascii_uppercase()).copied())
            .collect()
    }

    fn duration(&self, bytes: u64, tables: usize) -> f64 {
        let latency = f64::from(self.scenario.latency_ms) / 1000.0;
        latency * (1.0 + tables as f64)
            + bytes as f64 * 8.0 / (f64::from(self.scenario.bandwidth_kbps) * 1000.0)
    }

    fn register_bytes(&self, r: usize) -> u64 {
        self.registers[r]
            .rows
            .iter()
            .zip(&self.tables)
            .map(|(n, t)| n * t.row_bytes)
            .sum()
    }

    fn count(&self, sql: &str, params: &[Value]) -> Result<u64, SimError> {
        Ok(self
            .db
            .query(sql, params)?
            .scalar()
            .and_then(Value::as_i64)
            .unwrap_or(0)
            .max(0) as u64)
    }

    /// Provisioning: the replica is filled once (inside SQLite), then each register's initial
    /// download is recorded in scope order. Generates the store first if that is not done.
    pub fn provision(&mut self) -> Result<(), SimError> {
        self.settle_phase();
        self.in_transaction(|e| {
            while matches!(
                e.phase,
                Phase::Create { .. }
                    | Phase::Generate { .. }
                    | Phase::Replica { .. }
                    | Phase::Registers
            ) {
                e.unit()?;
            }
            Ok(())
        })
    }

    /// One setup unit of provisioning: one table of the replica, whole (an unfiltered table up
    /// to [`XFER_MAX_CELLS`] cells: SQLite copies its records without decoding them) or one
    /// rowid range of store rows (see [`XFER_MAX_CELLS`]).
    fn replica_unit(&mut self, i: usize, done: u64) -> Result<(), SimError> {
        let name = q(&self.tables[i].name);
        let filter = self.limit_filter(i);
        let rows = self.store_rows[i];
        let cells = rows * (self.tables[i].columns.len() as u64 + 4);
        let upto = if filter == "1" && done == 0 && cells <= XFER_MAX_CELLS {
            // No WHERE clause: the transfer optimization applies.
            self.db.execute(
                &format!("INSERT INTO replica.{name} SELECT * FROM main.{name}"),
                &[],
            )?;
            rows
        } else {
            let upto = (done + (self.chunk_rows(i) * 4).min(CHUNK_ROWS)).min(rows);
            self.db.execute(
                &format!("INSERT INTO replica.{name} SELECT * FROM main.{name} WHERE \"_ops_row\" > ?1 AND \"_ops_row\" <= ?2 AND {filter}"),
                &[Value::Integer(done as i64), Value::Integer(upto as i64)],
            )?;
            upto
        };
        if upto >= rows {
            self.initial_rows[i] =
                self.count(&format!("SELECT count(*) FROM replica.{name}"), &[])?;
        }
        self.phase = Phase::Replica {
            table: i,
            done: upto,
        };
        Ok(())
    }

    /// The last setup unit: every register's initial download, recorded in scope order.
    fn registers_unit(&mut self) -> Result<(), SimError> {
        let initial_rows = std::mem::take(&mut self.initial_rows);
        for r in 0..self.registers.len() {
            let mut at = 0.0;
            for (s, scope) in self.profile.scopes.iter().enumerate() {
                let tables = &self.scope_tables[s];
                let downloaded: Vec<TableVolume> = if scope.direction.downloads() {
                    tables
                        .iter()
                        .filter(|i| initial_rows[**i] > 0)
                        .map(|i| TableVolume {
                            table: *i,
                            rows: initial_rows[*i],
                            bytes: initial_rows[*i] * self.tables[*i].row_bytes,
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                for v in &downloaded {
                    self.registers[r].rows[v.table] = v.rows;
                }
                let bytes: u64 = downloaded.iter().map(|v| v.bytes).sum();
                let end = at + self.duration(bytes, tables.len());
                let problems = self.orphan_problems(r, s, &downloaded);
                self.result.sessions.push(Session {
                    register: r as u32 + 1,
                    scope: s,
                    direction: scope.direction,
                    start: at,
                    end,
                    initial: true,
                    catch_up: false,
                    downloaded,
                    uploaded: Vec::new(),
                    conflicts: 0,
                    problems,
                });
                self.registers[r].last_run[s] = Some(0);
                at = end;
            }
            self.registers[r].busy_until = at;
            let bytes = self.register_bytes(r);
            self.result.sizes.push(SizeSample {
                register: r as u32 + 1,
                at,
                bytes,
            });
            for (s, scope) in self.profile.scopes.iter().enumerate() {
                let first = scope.frequency.seconds.max(1) as u64;
                self.queue.push(Reverse((first, r as u32, s)));
            }
        }
        self.initial_rows = initial_rows;
        self.phase = Phase::Sync;
        Ok(())
    }

    /// Runs one work unit: one bounded piece of setup, or one session (a failed reconnect
    /// attempt included), then moves the phase on.
    fn unit(&mut self) -> Result<(), SimError> {
        self.settle_phase();
        match self.phase {
            Phase::Create { table } => self.create_unit(table)?,
            Phase::Generate { table, done } => self.generate_unit(table, done)?,
            Phase::Replica { table, done } => self.replica_unit(table, done)?,
            Phase::Registers => self.registers_unit()?,
            Phase::Sync => {
                if let Some(Reverse((t, r, s))) = self.queue.pop() {
                    self.at = t;
                    self.session(r as usize, s, t)?;
                }
            }
            Phase::Done => {}
        }
        self.settle_phase();
        Ok(())
    }
    /// Rows of a scope that arrived while a parent table's scope has not synced yet for this
    /// register, found by counting what the register holds.
    fn orphan_problems(&self, r: usize, scope: usize, downloaded: &[TableVolume]) -> Vec<String> {
        let mut problems = Vec::new();
        for v in downloaded {
            for &p in &self.tables[v.table].parents {
                let Some(ps) = self.tables[p].scope else {
                    continue;
                };
                if ps == scope
                    || self.registers[r].last_run[ps].is_some()
                    || self.registers[r].rows[p] > 0
                {
                    continue;
                }
                problems.push(format!(
                    "{} rows of {} arrived before any row of its parent {} (scope \u{201c}{}\u{201d} has not synced yet)",
                    v.rows, self.tables[v.table].name, self.tables[p].name, self.profile.scopes[ps].description
                ));
            }
        }
        problems
    }

    fn offline(&self, register: u32, t: u64) -> bool {
        let minute = (t / 60) as u32;
        self.scenario
            .outages
            .iter()
            .any(|o| o.register == register && minute >= o.start_minute && minute < o.end_minute)
    }

    /// Applies the store's changes up to `t`: product and price changes (updates stamped `t`)
    /// and new customers (inserts).
    fn advance_store(&mut self, t: u64) -> Result<(), SimError> {
        if t <= self.store_at {
            return Ok(());
        }
        let from = self.store_at;
        self.store_at = t;
        let s = &self.scenario;
        let product_changes =
            due(s.product_changes_per_hour, 3600, t) - due(s.product_changes_per_hour, 3600, from);
        let price_changes =
            due(s.price_changes_per_hour, 3600, t) - due(s.price_changes_per_hour, 3600, from);
        let new_customers =
            due(s.new_customers_per_day, 86_400, t) - due(s.new_customers_per_day, 86_400, from);
        if product_changes + price_changes + new_customers == 0 {
            return Ok(());
        }
        for (changes, price_only, salt) in
            [(product_changes, false, 1u64), (price_changes, true, 2)]
        {
            let s = &self.scenario;
            if changes == 0 || s.products == 0 {
                continue;
            }
            let base = due(
                if price_only {
                    s.price_changes_per_hour
                } else {
                    s.product_changes_per_hour
                },
                3600,
                from,
            );
            // The changed keys, as one JSON array: one statement per table stamps them all.
            let keys = json_array(
                (0..changes).map(|k| mix(s.seed ^ salt, base + k) % u64::from(s.products) + 1),
            );
            for i in 0..self.tables.len() {
                let e = self.tables[i].volume.entity;
                let hit = if price_only {
                    self.tables[i].name == "PRICEDISCTABLE"
                } else {
                    matches!(e, Entity::Product | Entity::Variant)
                };
                if hit {
                    self.db.execute(
                        &self.sql[i].touch,
                        &[Value::Integer(t as i64), Value::Text(keys.clone())],
                    )?;
                    self.changed_at[i] = t;
                }
            }
        }
        if new_customers > 0 {
            let s = &self.scenario;
            let first_key = u64::from(s.customers) + due(s.new_customers_per_day, 86_400, from) + 1;
            for i in 0..self.tables.len() {
                let t_ = &self.tables[i];
                if !matches!(t_.volume.entity, Entity::Customer | Entity::Party) {
                    continue;
                }
                let per = u64::from(t_.volume.per_entity.max(1));
                let first = self.store_rows[i] + 1;
                let rows = new_customers * per;
                self.generate(
                    &self.sql[i].generate_new,
                    first,
                    rows,
                    t,
                    &[Value::Integer(first_key as i64)],
                )?;
                self.store_rows[i] += rows;
                self.changed_at[i] = t;
            }
        }
        Ok(())
    }

    /// Writes register `r`'s sales up to `t` into its own rows.
    fn advance_sales(&mut self, r: usize, t: u64) -> Result<(), SimError> {
        let from = self.registers[r].sales_at;
        if t <= from {
            return Ok(());
        }
        self.registers[r].sales_at = t;
        let rate = self.scenario.transactions_per_register_per_day;
        let tx = due(rate, 86_400, t) - due(rate, 86_400, from);
        if tx == 0 {
            return Ok(());
        }
        for i in 0..self.tables.len() {
            if self.tables[i].counter.is_none() || self.tables[i].scope.is_none() {
                continue;
            }
            let rows = tx * self.tables[i].volume.rows_per_transaction(&self.scenario);
            if rows == 0 {
                continue;
            }
            let first = (r as u64) * 1_000_000_000 + due(rate, 86_400, from) * 10 + 1;
            // Row ids continue the register's own range (values keep their numbering).
            let row0 = self.registers[r].written_to[i] + 1;
            self.generate(
                &self.sql[i].generate_regs,
                first,
                rows,
                t,
                &[
                    Value::Integer(row0 - first as i64),
                    Value::Integer(r as i64 + 1),
                ],
            )?;
            self.registers[r].written_to[i] += rows as i64;
            self.registers[r].rows[i] += rows;
        }
        Ok(())
    }

    /// Records register `r`'s customer edits up to `t` on the download tables of bidirectional
    /// scopes.
    fn advance_edits(&mut self, r: usize, t: u64) -> Result<(), SimError> {
        let from = self.registers[r].edits_at;
        if t <= from {
            return Ok(());
        }
        self.registers[r].edits_at = t;
        let rate = self.scenario.register_edits_per_day;
        let edits = due(rate, 86_400, t) - due(rate, 86_400, from);
        if edits == 0 || self.scenario.customers == 0 || self.edit_targets.is_empty() {
            return Ok(());
        }
        // Edit k goes to target k mod targets: one statement per target with its keys.
        let targets = self.edit_targets.len() as u64;
        for (j, &i) in self.edit_targets.iter().enumerate() {
            let keys: Vec<u64> = (0..edits)
                .filter(|k| k % targets == j as u64)
                .map(|k| {
                    mix(
                        self.scenario.seed ^ (r as u64 + 7),
                        due(rate, 86_400, from) + k,
                    ) % u64::from(self.scenario.customers)
                        + 1
                })
                .collect();
            if keys.is_empty() {
                continue;
            }
            self.db.execute(
                "INSERT INTO regs._ops_edits (register, tbl, key, at) SELECT ?1, ?2, value, ?3 FROM json_each(?4)",
                &[
                    Value::Integer(r as i64 + 1),
                    Value::Integer(i as i64),
                    Value::Integer(t as i64),
                    Value::Text(json_array(keys.into_iter())),
                ],
            )?;
        }
        Ok(())
    }

    /// Brings the shared replica of table `i` up to `t` (once for all registers).
    fn refresh_replica(&mut self, i: usize, t: u64) -> Result<(), SimError> {
        let from = self.replica_at[i];
        if t <= from {
            return Ok(());
        }
        self.db.execute(
            &self.sql[i].refresh,
            &[Value::Integer(from as i64), Value::Integer(t as i64)],
        )?;
        self.replica_at[i] = t;
        Ok(())
    }

    /// Rows of table `i` changed in `(from, to]` that go offline, and how many are new.
    fn changed(&mut self, i: usize, from: u64, to: u64) -> Result<(u64, u64), SimError> {
        if let Some(c) = self.count_cache.get(&(i, from, to)) {
            return Ok(*c);
        }
        let r = self.db.query(
            &self.sql[i].changed,
            &[Value::Integer(from as i64), Value::Integer(to as i64)],
        )?;
        let row = r.rows.first();
        let get = |j: usize| {
            row.and_then(|x| x.get(j))
                .and_then(Value::as_i64)
                .unwrap_or(0)
                .max(0) as u64
        };
        let c = (get(0), get(1));
        self.count_cache.insert((i, from, to), c);
        Ok(c)
    }

    /// Runs one session of register `r` and scope `s` due at `t`.
    fn session(&mut self, r: usize, s: usize, t: u64) -> Result<(), SimError> {
        let register = r as u32 + 1;
        let scope = &self.profile.scopes[s];
        let (direction, policy) = (scope.direction, scope.conflict_policy);
        let freq = scope.frequency.seconds.max(1) as u64;
        if self.offline(register, t) {
            *self.result.reconnect_attempts.entry(register).or_default() += 1;
            self.registers[r].deferred[s] = true;
            self.queue
                .push(Reverse((t + self.reconnect_secs.min(freq), r as u32, s)));
            return Ok(());
        }
        let last = self.registers[r].last_run[s].unwrap_or(0);
        let tables = std::mem::take(&mut self.scope_tables[s]);
        let mut downloaded = Vec::new();
        let mut uploaded = Vec::new();
        let mut problems = Vec::new();
        let mut conflicts = 0u32;
        if direction.downloads() {
            self.advance_store(t)?;
            for &i in &tables {
                if self.tables[i].counter.is_some() && direction == SyncDirection::Bidirectional {
                    continue; // register-written rows go up, not down
                }
                if self.changed_at[i] <= last {
                    continue; // nothing changed since this register's last run
                }
                self.refresh_replica(i, t)?;
                let (rows, created) = self.changed(i, last, t)?;
                if rows > 0 {
                    self.registers[r].rows[i] += created;
                    downloaded.push(TableVolume {
                        table: i,
                        rows,
                        bytes: rows * self.tables[i].row_bytes,
                    });
                }
            }
        }
        if direction.uploads() {
            self.advance_sales(r, t)?;
            for &i in &tables {
                if self.tables[i].counter.is_none() {
                    if direction == SyncDirection::Upload {
                        problems.push(format!("{} has no replication counter: the register cannot tell which rows are new, so nothing was uploaded", self.tables[i].name));
                    }
                    continue;
                }
                if self.tables[i].volume.rows_per_transaction(&self.scenario) == 0 {
                    continue; // the volume model writes nothing to it on registers
                }
                // The register's rows not uploaded yet: one rowid range, known without asking.
                let after = self.registers[r].uploaded_to[i];
                let upto = self.registers[r].written_to[i];
                let rows = (upto - after).max(0) as u64;
                if rows == 0 {
                    continue;
                }
                self.db.execute(
                    &self.sql[i].upload,
                    &[
                        Value::Integer(after),
                        Value::Integer(upto),
                        Value::Integer(t as i64),
                    ],
                )?;
                self.store_rows[i] += rows;
                self.registers[r].uploaded_to[i] = upto;
                self.changed_at[i] = t;
                uploaded.push(TableVolume {
                    table: i,
                    rows,
                    bytes: rows * self.tables[i].row_bytes,
                });
            }
        }
        if direction == SyncDirection::Bidirectional {
            self.advance_edits(r, t)?;
            conflicts = self.settle_edits(r, s, &tables, last, t, policy, &mut uploaded)?;
        }
        let bytes: u64 = downloaded
            .iter()
            .chain(&uploaded)
            .map(|v: &TableVolume| v.bytes)
            .sum();
        let start = (t as f64).max(self.registers[r].busy_until);
        let end = start + self.duration(bytes, tables.len());
        self.registers[r].busy_until = end;
        problems.extend(self.orphan_problems(r, s, &downloaded));
        self.scope_tables[s] = tables;
        let catch_up = std::mem::take(&mut self.registers[r].deferred[s]);
        self.registers[r].last_run[s] = Some(t);
        self.result.sessions.push(Session {
            register,
            scope: s,
            direction,
            start,
            end,
            initial: false,
            catch_up,
            downloaded,
            uploaded,
            conflicts,
            problems,
        });
        let bytes = self.register_bytes(r);
        self.result.sizes.push(SizeSample {
            register,
            at: end,
            bytes,
        });
        // The schedule keeps its rhythm: the next session is due one period after this one was.
        let mut next = t + freq;
        if catch_up {
            next = (t / freq + 1) * freq;
        }
        self.queue.push(Reverse((next, r as u32, s)));
        Ok(())
    }

    /// Finds the register's edits that the store also changed since the last run, settles them
    /// by the scope's policy, and sends the register's winning edits up.
    #[allow(clippy::too_many_arguments)]
    fn settle_edits(
        &mut self,
        r: usize,
        s: usize,
        tables: &[usize],
        last: u64,
        t: u64,
        policy: ConflictPolicy,
        uploaded: &mut Vec<TableVolume>,
    ) -> Result<u32, SimError> {
        let register = r as i64 + 1;
        let mut found = 0u32;
        for &i in tables {
            if !self.edit_targets.contains(&i) {
                continue; // registers edit only these tables
            }
            let name = q(&self.tables[i].name);
            let per = self.rows_per_key(i);
            let edits = self.db.query(
                &format!(
                    "SELECT e.key, max(e.at), (SELECT max(m.\"_ops_changed\") FROM main.{name} m WHERE m.\"_ops_row\" BETWEEN (e.key - 1) * {per} + 1 AND e.key * {per} AND m.\"_ops_changed\" > ?3 AND m.\"_ops_changed\" <= ?4 AND m.\"_ops_changed\" >= 1) \
                     FROM regs._ops_edits e WHERE e.register = ?1 AND e.tbl = ?2 AND e.at > ?3 AND e.at <= ?4 GROUP BY e.key ORDER BY e.key"
                ),
                &[Value::Integer(register), Value::Integer(i as i64), Value::Integer(last as i64), Value::Integer(t as i64)],
            )?;
            let mut winners: Vec<i64> = Vec::new();
            for row in &edits.rows {
                let key = row.first().and_then(Value::as_i64).unwrap_or(0);
                let register_at = row.get(1).and_then(Value::as_i64).unwrap_or(0).max(0) as u64;
                match row.get(2).and_then(Value::as_i64) {
                    None => winners.push(key),
                    Some(store_at) => {
                        let store_at = store_at.max(0) as u64;
                        let register_wins = match policy {
                            ConflictPolicy::StoreWins => false,
                            ConflictPolicy::RegisterWins => true,
                            ConflictPolicy::NewestWins => register_at > store_at,
                        };
                        if register_wins {
                            winners.push(key);
                        }
                        found += 1;
                        self.result.conflicts.push(Conflict {
                            register: r as u32 + 1,
                            scope: s,
                            table: i,
                            key,
                            store_at,
                            register_at,
                            winner: if register_wins {
                                Winner::Register
                            } else {
                                Winner::Store
                            },
                        });
                    }
                }
            }
            if !winners.is_empty() {
                let changed = self.db.execute(
                    &self.sql[i].touch,
                    &[
                        Value::Integer(t as i64),
                        Value::Text(json_array(winners.into_iter())),
                    ],
                )? as u64;
                self.changed_at[i] = t;
                uploaded.push(TableVolume {
                    table: i,
                    rows: changed,
                    bytes: changed * self.tables[i].row_bytes,
                });
            }
        }
        Ok(found)
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

    /// Writes register `register`'s offline database (1-based) into the database file `target`
    /// (another database of the same backend, by its attach name): the profile's tables with
    /// their real columns and keys, holding what the register has received (the shared replica
    /// as of its last session of each scope) and its own rows.
    pub fn export_register(&self, register: u32, target: &str) -> Result<(), SimError> {
        let Some(state) = self.registers.get(register.saturating_sub(1) as usize) else {
            return Err(SimError::Db(DbError::Misuse(format!(
                "there is no register {register}"
            ))));
        };
        self.commit()?;
        self.db.attach(target, "out")?;
        let result = (|| {
            self.db.exec_batch("BEGIN")?;
            for t in self.tables.iter().filter(|t| t.scope.is_some()) {
                let ddl = t.ddl.replacen("CREATE TABLE \"", "CREATE TABLE out.\"", 1);
                self.db.exec_batch(&ddl)?;
                let cols = Self::column_list(t);
                let name = q(&t.name);
                let scope = t.scope.unwrap_or(0);
                let Some(last) = state.last_run[scope] else {
                    continue;
                };
                if t.counter.is_some() {
                    let base = i64::from(register - 1) * REGISTER_ROWS;
                    self.db.execute(
                        &format!("INSERT OR IGNORE INTO out.{name} ({cols}) SELECT {cols} FROM regs.{name} WHERE \"_ops_row\" > ?1 AND \"_ops_row\" <= ?2"),
                        &[Value::Integer(base), Value::Integer(base + REGISTER_ROWS)],
                    )?;
                }
                if self.profile.scopes[scope].direction.downloads() {
                    self.db.execute(
                        &format!("INSERT OR IGNORE INTO out.{name} ({cols}) SELECT {cols} FROM replica.{name} WHERE \"_ops_changed\" <= ?1"),
                        &[Value::Integer(last as i64)],
                    )?;
                }
            }
            self.db.exec_batch("COMMIT")
        })();
        if result.is_err() {
            let _ = self.db.exec_batch("ROLLBACK");
        }
        let detached = self.db.detach("out");
        result?;
        detached?;
        Ok(())
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
