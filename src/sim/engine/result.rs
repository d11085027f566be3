//! What a run produces: its sessions with the rows each moved, conflicts and who won them,
//! database sizes over time, and how far a run has come.

use crate::model::SyncDirection;
use crate::sim::scenario::Outage;
use std::collections::BTreeMap;

/// Rows and estimated bytes of one table in one session.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TableVolume {
    /// Index into [`SimResult::tables`].
    pub table: usize,
    /// Rows moved.
    pub rows: u64,
    /// Estimated bytes moved (rows × the catalog's row size).
    pub bytes: u64,
}

/// One sync session of one register and one scope.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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
    /// Of those, the rows that arrived before any row of a parent table.
    pub orphans: Vec<Orphan>,
}

/// Rows of a table that reached a register before any row of a parent table did: the
/// parent's scope had not synced yet for that register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Orphan {
    /// The child table (index into [`SimResult::tables`]).
    pub table: usize,
    /// Its rows that arrived.
    pub rows: u64,
    /// The parent table they point at.
    pub parent: usize,
    /// The scope (position) that holds the parent.
    pub parent_scope: usize,
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
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SizeSample {
    pub register: u32,
    pub at: f64,
    pub bytes: u64,
}

/// Everything a run produced.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SimResult {
    /// The simulated tables, indexed by [`TableVolume::table`].
    pub tables: Vec<String>,
    /// The profile's scopes: description and direction.
    pub scopes: Vec<(String, SyncDirection)>,
    /// Each scope's synchronization frequency, seconds.
    pub frequencies: Vec<i64>,
    /// A register's reconnect attempt interval while offline, seconds.
    pub reconnect_secs: u64,
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
    pub outages: Vec<Outage>,
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
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
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
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Winner {
    /// The store's version (the store database, so head office's data, stays).
    Store,
    /// The register's version.
    Register,
}
