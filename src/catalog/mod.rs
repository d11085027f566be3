//! The built-in catalog of the 438 real channel-database tables.
//!
//! Provenance: `data/channel_tables.json` is a copy of the project's shared catalog
//! (`shared/catalog/channel_tables.json`). Its table and column names come from a public
//! channel-database create script of the retail SDK, its parent relations from public Common Data
//! Model table definitions (or from column names where marked), and the scheduler job of most
//! tables is *inferred from the table name*: a sensible default, not the truth. Row sizes are
//! heuristic estimates, never measurements.
//!
//! The app does not ship that JSON. `cargo run --bin gen-catalog` turns it into the compact,
//! tab-separated form (see [`compact`] for the format): the tables in `src/catalog/tables.tsv`
//! and their columns in `src/catalog/columns.tsv`, compiled in with `include_str!`. The tables
//! are parsed on first use; the columns only when something asks for them ([`Table::columns`]),
//! so the app's first screen, which never does, does not carry them (its wasm is split: see
//! ARCHITECTURE.md). A host test regenerates both files and fails when either is stale or was
//! edited by hand.
//!
//! This module belongs to the pure core: it never imports leptos, web-sys or js-sys, and never
//! does I/O.

mod columns;
pub mod compact;
#[cfg(not(target_arch = "wasm32"))]
pub mod generate;
mod graph;
pub mod operations;

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

pub use columns::{Column, ColumnSize, SqlType};
pub use graph::ParentCycle;

/// The compact catalog compiled into the app: its tables, and their columns.
pub const BUILTIN_TABLES: &str = include_str!("tables.tsv");
/// The built-in tables' columns (read only through [`Table::columns`]).
pub const BUILTIN_COLUMNS: &str = include_str!("columns.tsv");

/// Index of a table in [`Catalog::tables`]; valid only for the catalog that issued it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TableId(pub(crate) u16);

impl TableId {
    /// The position of the table in [`Catalog::tables`].
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// Which part of the channel database a table lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DbSchema {
    /// `ax`: business data synchronized from headquarters.
    Ax,
    /// `crt`: channel-local runtime data of the Commerce Runtime.
    Crt,
}

impl DbSchema {
    /// The schema name as it appears in the channel database.
    pub fn as_str(self) -> &'static str {
        match self {
            DbSchema::Ax => "ax",
            DbSchema::Crt => "crt",
        }
    }
}

/// Which way a table's rows naturally travel between the store and a register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableDirection {
    /// Store to register: reference and master data.
    Download,
    /// Register to store: the table has an identity replication counter that marks new rows.
    Upload,
    /// Runtime data that belongs to one database and is never synchronized.
    ChannelLocal,
}

impl TableDirection {
    /// All directions, in display order.
    pub const ALL: [TableDirection; 3] = [
        TableDirection::Download,
        TableDirection::Upload,
        TableDirection::ChannelLocal,
    ];

    /// The catalog's spelling (`download`, `upload`, `channel-local`).
    pub fn as_str(self) -> &'static str {
        match self {
            TableDirection::Download => "download",
            TableDirection::Upload => "upload",
            TableDirection::ChannelLocal => "channel-local",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            TableDirection::Download => "Download",
            TableDirection::Upload => "Upload",
            TableDirection::ChannelLocal => "Channel-local",
        }
    }

    /// Parses the catalog's spelling.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// The scheduler job a table belongs to (inferred from its name for most tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Job {
    /// A numbered download job of the retail scheduler (1000 … 1150).
    Scheduler(u16),
    /// P-0001: POS transactions, uploaded from registers.
    PosTransactions,
    /// Customers and addresses created offline and uploaded asynchronously.
    AsyncCustomerUpload,
    /// Channel-local runtime tables of the `crt` schema; no job moves them.
    ChannelLocal,
    /// A download table whose job could not be inferred.
    UnknownDownload,
}

impl Job {
    /// Every job of the catalog, in scheduler order.
    pub const ALL: [Job; 17] = [
        Job::Scheduler(1000),
        Job::Scheduler(1010),
        Job::Scheduler(1020),
        Job::Scheduler(1040),
        Job::Scheduler(1050),
        Job::Scheduler(1060),
        Job::Scheduler(1070),
        Job::Scheduler(1080),
        Job::Scheduler(1090),
        Job::Scheduler(1110),
        Job::Scheduler(1120),
        Job::Scheduler(1130),
        Job::Scheduler(1150),
        Job::PosTransactions,
        Job::AsyncCustomerUpload,
        Job::UnknownDownload,
        Job::ChannelLocal,
    ];

    /// The catalog's spelling (`1040`, `P-0001`, …).
    pub fn code(self) -> String {
        match self {
            Job::Scheduler(n) => n.to_string(),
            Job::PosTransactions => "P-0001".into(),
            Job::AsyncCustomerUpload => "P-upload (async customer)".into(),
            Job::ChannelLocal => "channel-local (crt)".into(),
            Job::UnknownDownload => "download (job unknown)".into(),
        }
    }

    /// A short code for narrow columns (`1040`, `P-0001`, `crt`, …).
    pub fn short_code(self) -> String {
        match self {
            Job::Scheduler(n) => n.to_string(),
            Job::PosTransactions => "P-0001".into(),
            Job::AsyncCustomerUpload => "P-async".into(),
            Job::ChannelLocal => "crt".into(),
            Job::UnknownDownload => "?".into(),
        }
    }

    /// Parses the catalog's spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "P-0001" => Some(Job::PosTransactions),
            "P-upload (async customer)" => Some(Job::AsyncCustomerUpload),
            "channel-local (crt)" => Some(Job::ChannelLocal),
            "download (job unknown)" => Some(Job::UnknownDownload),
            _ => {
                let n: u16 = s.parse().ok()?;
                Self::ALL
                    .contains(&Job::Scheduler(n))
                    .then_some(Job::Scheduler(n))
            }
        }
    }

    /// The job's name as the scheduler shows it, without the code.
    pub fn title(self) -> &'static str {
        match self {
            Job::Scheduler(1000) => "Currency",
            Job::Scheduler(1010) => "Customers",
            Job::Scheduler(1020) => "Prices and discounts",
            Job::Scheduler(1040) => "Products",
            Job::Scheduler(1050) => "Loyalty",
            Job::Scheduler(1060) => "Staff",
            Job::Scheduler(1070) => "Channel configuration",
            Job::Scheduler(1080) => "Tax",
            Job::Scheduler(1090) => "Registers",
            Job::Scheduler(1110) => "Global configuration",
            Job::Scheduler(1120) => "Modes of delivery",
            Job::Scheduler(1130) => "Product availability",
            Job::Scheduler(1150) => "Catalog",
            Job::Scheduler(_) => "Scheduler job",
            Job::PosTransactions => "POS transactions",
            Job::AsyncCustomerUpload => "Async customer upload",
            Job::ChannelLocal => "Channel-local runtime data",
            Job::UnknownDownload => "Download, job unknown",
        }
    }

    /// Code and name together, e.g. `1010 Customers`.
    pub fn label(self) -> String {
        match self {
            Job::Scheduler(_) | Job::PosTransactions => format!("{} {}", self.code(), self.title()),
            _ => self.title().to_string(),
        }
    }
}

impl fmt::Display for Job {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// Where a table's parent relations came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParentsSource {
    /// No parent relation was found.
    None,
    /// Common Data Model relations.
    Cdm,
    /// Inferred from column names.
    ColumnNames,
    /// Both sources agree.
    CdmAndColumnNames,
}

impl ParentsSource {
    /// The catalog's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ParentsSource::None => "",
            ParentsSource::Cdm => "CDM",
            ParentsSource::ColumnNames => "column-name inference",
            ParentsSource::CdmAndColumnNames => "CDM+column-name inference",
        }
    }

    /// Parses the catalog's spelling.
    pub fn parse(s: &str) -> Option<Self> {
        [
            ParentsSource::None,
            ParentsSource::Cdm,
            ParentsSource::ColumnNames,
            ParentsSource::CdmAndColumnNames,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }
}

/// One channel-database table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// `ax` or `crt`.
    pub schema: DbSchema,
    /// Upper-case table name, unique across schemas.
    pub name: String,
    /// The table's display name in the Common Data Model, when it has one.
    pub display: Option<String>,
    /// The scheduler job that moves it: the documented one where a public vendor document
    /// ties the table to a job, else the one inferred from its name.
    pub job: Job,
    /// The public document that ties the table to [`Table::job`], when there is one.
    pub job_documented: Option<DocumentedJob>,
    /// Which way its rows travel.
    pub direction: TableDirection,
    /// The identity counter an upload uses to find new rows, for upload tables.
    pub replication_counter: Option<String>,
    /// Primary-key column names (one table has none).
    pub primary_key: Vec<String>,
    /// Identity (auto-numbered) column names, usually none or one.
    pub identity_columns: Vec<String>,
    /// Columns in declared order: [`Table::columns`].
    pub(crate) columns: columns::Columns,
    /// A heuristic typical row size in bytes: an estimate, not a measurement.
    pub est_row_bytes: u32,
    /// The sum of the declared column maxima, without row overhead.
    pub max_row_bytes: u32,
    /// Tables this table refers to.
    pub parents: Vec<TableId>,
    /// Tables that refer to this one (derived from every table's parents).
    pub children: Vec<TableId>,
    /// Where the parent relations came from.
    pub parents_source: ParentsSource,
}

/// Whether a table's job is documented or inferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobSource {
    /// A public vendor document ties the table to its job.
    Documented,
    /// Inferred from the table's name.
    Inferred,
}

impl JobSource {
    /// Both, in display order.
    pub const ALL: [JobSource; 2] = [JobSource::Documented, JobSource::Inferred];

    /// The source of a table's job.
    pub fn of(table: &Table) -> JobSource {
        if table.job_documented.is_some() {
            JobSource::Documented
        } else {
            JobSource::Inferred
        }
    }

    /// A stable key (`documented`, `inferred`).
    pub fn key(self) -> &'static str {
        match self {
            JobSource::Documented => "documented",
            JobSource::Inferred => "inferred",
        }
    }

    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            JobSource::Documented => "Documented jobs only",
            JobSource::Inferred => "Inferred jobs only",
        }
    }
}

/// How many of `tables` (names; unknown ones are left out) have a documented job, and how many
/// the catalog knows.
pub fn documented_jobs<'a>(
    catalog: &Catalog,
    tables: impl IntoIterator<Item = &'a String>,
) -> (usize, usize) {
    tables
        .into_iter()
        .filter_map(|name| catalog.get(name))
        .fold((0, 0), |(documented, known), t| {
            (documented + usize::from(t.job_is_documented()), known + 1)
        })
}

/// Where a table's job comes from when a public document names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentedJob {
    /// How directly the document ties the table to the job ("names the table", …).
    pub how: String,
    /// The document.
    pub source: String,
    /// The job the name-based inference gives (the same as the documented one, or not).
    pub inferred: Job,
}

impl Table {
    /// Whether the table's job is documented (else inferred).
    pub fn job_is_documented(&self) -> bool {
        self.job_documented.is_some()
    }

    /// The columns, in declared order.
    pub fn columns(&self) -> &[Column] {
        self.columns.get()
    }

    /// Whether `column` is an identity (auto-numbered) column.
    pub fn is_identity(&self, column: &str) -> bool {
        self.identity_columns
            .iter()
            .any(|c| c.eq_ignore_ascii_case(column))
    }

    /// The identity column in the primary key, if there is one (offline tables may not have
    /// one). Needs no column list.
    pub fn identity_in_key(&self) -> Option<&str> {
        self.identity_columns
            .iter()
            .find(|c| self.primary_key.contains(c))
            .map(String::as_str)
    }

    /// The column of that name, if the table has one.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns()
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// The SQLite `CREATE TABLE` statement of this table in an offline database: the real
    /// columns with their SQLite types, NOT NULL where declared, and the primary key.
    pub fn create_sql(&self) -> String {
        let mut sql = format!("CREATE TABLE \"{}\" (\n", self.name);
        let mut lines: Vec<String> = self
            .columns()
            .iter()
            .map(|c| {
                let not_null = if c.nullable { "" } else { " NOT NULL" };
                format!("  \"{}\" {}{}", c.name, c.sql_type.sqlite_type(), not_null)
            })
            .collect();
        if !self.primary_key.is_empty() {
            let cols: Vec<String> = self
                .primary_key
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect();
            lines.push(format!("  PRIMARY KEY ({})", cols.join(", ")));
        }
        sql.push_str(&lines.join(",\n"));
        sql.push_str("\n);");
        sql
    }
}

/// The table catalog: every table, O(1) lookup by name, and the parent/child graph.
#[derive(Debug)]
pub struct Catalog {
    tables: Vec<Table>,
    by_name: HashMap<String, TableId>,
    cycles: Vec<ParentCycle>,
    cycle_of: Vec<Option<usize>>,
}

/// A catalog that could not be read; names the line and what was wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("catalog {text}, line {line}: {message}")]
pub struct CatalogError {
    /// Which text of the compact form: `tables` or `columns`.
    pub text: &'static str,
    /// 1-based line number in that text (0: the text as a whole).
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

impl Catalog {
    /// The built-in catalog, parsed on first use.
    pub fn builtin() -> &'static Catalog {
        static BUILTIN: OnceLock<Catalog> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The compact form is generated and checked by a host test, so a failure here is a
            // build defect, not bad user input.
            compact::parse_tables(BUILTIN_TABLES, None)
                .expect("the built-in catalog is generated and tested")
        })
    }

    /// Parses a catalog in the compact form (its tables and their columns) and builds its
    /// indexes.
    pub fn from_compact(tables: &str, columns: &str) -> Result<Catalog, CatalogError> {
        compact::parse_tables(tables, Some(columns))
    }

    /// Builds the indexes from tables whose parents are given by name.
    fn from_parts(tables: Vec<Table>) -> Catalog {
        let by_name = tables
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.clone(), TableId(i as u16)))
            .collect();
        let mut catalog = Catalog {
            tables,
            by_name,
            cycles: Vec::new(),
            cycle_of: Vec::new(),
        };
        graph::link_children(&mut catalog.tables);
        catalog.cycles = graph::parent_cycles(&catalog.tables);
        catalog.cycle_of = vec![None; catalog.tables.len()];
        for (i, cycle) in catalog.cycles.iter().enumerate() {
            for id in &cycle.tables {
                catalog.cycle_of[id.index()] = Some(i);
            }
        }
        catalog
    }

    /// Every table, in name order.
    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    /// The number of tables.
    pub fn len(&self) -> usize {
        self.tables.len()
    }

    /// Whether the catalog holds no table.
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
    }

    /// The id of the table of that name (any case), in O(1).
    pub fn id(&self, name: &str) -> Option<TableId> {
        match self.by_name.get(name) {
            Some(id) => Some(*id),
            None if name.bytes().any(|b| b.is_ascii_lowercase()) => {
                self.by_name.get(&name.to_ascii_uppercase()).copied()
            }
            None => None,
        }
    }

    /// The table of that name (any case), in O(1).
    pub fn get(&self, name: &str) -> Option<&Table> {
        self.id(name).map(|id| self.table(id))
    }

    /// The table behind an id this catalog issued.
    pub fn table(&self, id: TableId) -> &Table {
        &self.tables[id.index()]
    }

    /// Iterates over the ids and tables.
    pub fn iter(&self) -> impl Iterator<Item = (TableId, &Table)> {
        self.tables
            .iter()
            .enumerate()
            .map(|(i, t)| (TableId(i as u16), t))
    }

    /// The parent cycles of the graph: groups of tables that refer to each other, so no order
    /// can put every parent before its child.
    pub fn cycles(&self) -> &[ParentCycle] {
        &self.cycles
    }

    /// The cycle a table belongs to, if any.
    pub fn cycle_of(&self, id: TableId) -> Option<&ParentCycle> {
        self.cycle_of[id.index()].map(|i| &self.cycles[i])
    }

    /// Every table of a job, in name order.
    pub fn tables_of_job(&self, job: Job) -> impl Iterator<Item = (TableId, &Table)> {
        self.iter().filter(move |(_, t)| t.job == job)
    }

    /// Searches tables: every word of `query` must occur (any case) in the table's name, display
    /// name or job label; `job` and `direction` narrow the result when given.
    pub fn search(
        &self,
        query: &str,
        job: Option<Job>,
        direction: Option<TableDirection>,
    ) -> Vec<TableId> {
        self.search_by_source(query, job, direction, None)
    }

    /// [`Catalog::search`], also narrowed to tables whose job is documented or inferred.
    pub fn search_by_source(
        &self,
        query: &str,
        job: Option<Job>,
        direction: Option<TableDirection>,
        source: Option<JobSource>,
    ) -> Vec<TableId> {
        let words: Vec<String> = query.split_whitespace().map(|w| w.to_lowercase()).collect();
        let mut hits: Vec<(u8, TableId)> = self
            .iter()
            .filter(|(_, t)| job.is_none_or(|j| t.job == j))
            .filter(|(_, t)| source.is_none_or(|s| JobSource::of(t) == s))
            .filter(|(_, t)| direction.is_none_or(|d| t.direction == d))
            .filter_map(|(id, t)| {
                let name = t.name.to_lowercase();
                let haystack = format!(
                    "{name} {} {}",
                    t.display.as_deref().unwrap_or("").to_lowercase(),
                    t.job.label().to_lowercase()
                );
                if !words.iter().all(|w| haystack.contains(w.as_str())) {
                    return None;
                }
                // Exact names first, then names that start with the query, then the rest.
                let rank = match words.first() {
                    Some(w) if name == *w => 0,
                    Some(w) if name.starts_with(w.as_str()) => 1,
                    Some(w) if name.contains(w.as_str()) => 2,
                    _ => 3,
                };
                Some((rank, id))
            })
            .collect();
        hits.sort();
        hits.into_iter().map(|(_, id)| id).collect()
    }
}
