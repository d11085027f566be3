//! What a finished run adds up to: the summary figures the Simulation area shows and compares,
//! rows and bytes per table (initial load apart from the steady state), and, for trainer mode,
//! where each session stands in the run. Pure arithmetic over a [`SimResult`].

use super::engine::{SimResult, TableVolume};
use crate::validation::STORM_SESSIONS_PER_DAY;
use serde::{Deserialize, Serialize};

/// The figures of one run, as the summary and the side-by-side comparison show them.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Summary {
    /// Registers that ran sessions.
    pub registers: u32,
    /// Every session, initial downloads included.
    pub sessions: usize,
    /// Sessions after provisioning.
    pub steady_sessions: usize,
    /// Steady sessions per simulated day, all registers.
    pub sessions_per_day: f64,
    /// Rows of the initial download, per register on average.
    pub initial_rows: u64,
    /// Estimated bytes of the initial download, per register on average.
    pub initial_bytes: u64,
    /// Rows moved after provisioning, per register on average.
    pub later_rows: u64,
    /// Estimated bytes moved after provisioning, per register on average.
    pub later_bytes: u64,
    /// Rows uploaded, all registers.
    pub uploaded_rows: u64,
    /// Conflicts, all registers.
    pub conflicts: usize,
    /// Problems the queries found, all sessions.
    pub problems: usize,
    /// The largest register database at any moment (estimate).
    pub peak_database_bytes: u64,
    /// The store database (estimate, with its transaction history).
    pub store_bytes: u64,
    /// Catch-up sessions after outages.
    pub catch_ups: usize,
}

impl Summary {
    /// Steady sessions per day and register.
    pub fn sessions_per_register_per_day(&self) -> f64 {
        self.sessions_per_day / f64::from(self.registers.max(1))
    }

    /// Whether the run is a sync storm, by the same threshold profile validation uses.
    pub fn storm(&self) -> bool {
        self.sessions_per_register_per_day() > STORM_SESSIONS_PER_DAY
    }
}

/// Rows and bytes of one scope over a run, per register on average.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ScopeTotals {
    /// The scope's description.
    pub description: String,
    /// Rows of the initial download.
    pub initial_rows: u64,
    /// Estimated bytes of the initial download.
    pub initial_bytes: u64,
    /// Rows moved after provisioning, both ways.
    pub later_rows: u64,
    /// Estimated bytes moved after provisioning, both ways.
    pub later_bytes: u64,
    /// Sessions after provisioning, all registers.
    pub sessions: usize,
}

/// Rows and bytes of one table over a run, per register on average.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableTotals {
    /// The table's name.
    pub table: String,
    /// The profile scope holding it (1-based position and description), if any.
    pub scope: Option<(usize, String)>,
    /// Rows of the initial download.
    pub initial_rows: u64,
    /// Estimated bytes of the initial download.
    pub initial_bytes: u64,
    /// Rows downloaded after provisioning.
    pub later_down_rows: u64,
    /// Rows uploaded.
    pub later_up_rows: u64,
    /// Estimated bytes moved after provisioning, both ways.
    pub later_bytes: u64,
    /// Sessions that moved rows of it.
    pub sessions: usize,
}

/// Where one session stands in the run, for stepping through it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StepView {
    /// The session's index in [`SimResult::sessions`].
    pub index: usize,
    /// The register's sessions so far, this one included.
    pub register_sessions: usize,
    /// Rows the register has received or sent so far, this session included.
    pub register_rows: u64,
    /// The register's database size estimate after this session.
    pub register_bytes: u64,
    /// Rows moved in this session per table: name, direction arrow, rows, bytes.
    pub moved: Vec<(String, &'static str, u64, u64)>,
}

/// The size an offline database should stay under (vendor guidance; bytes, decimal).
pub const DATABASE_GUIDANCE_BYTES: u64 = 8_000_000_000;
/// The hard cap of an offline database (SQL Server Express; bytes, decimal).
pub const DATABASE_CAP_BYTES: u64 = 10_000_000_000;

/// One register's offline database at the end of a run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RegisterSize {
    /// The register (from 1).
    pub register: u32,
    /// Its estimated size at the end of the run.
    pub final_bytes: u64,
    /// Its largest estimated size during the run.
    pub peak_bytes: u64,
    /// The final size as a percentage of [`DATABASE_GUIDANCE_BYTES`].
    pub guidance_percent: f64,
    /// The final size as a percentage of [`DATABASE_CAP_BYTES`].
    pub cap_percent: f64,
    /// Its size as SQLite stores it (pages × page size), once measured; the guidance and cap
    /// percentages then use it.
    #[serde(default)]
    pub measured_bytes: Option<u64>,
}

impl RegisterSize {
    /// The size compared with the guidance and cap: measured when known, else the estimate.
    pub fn compared_bytes(&self) -> u64 {
        self.measured_bytes.unwrap_or(self.final_bytes)
    }

    /// Whether the register ends above the guidance.
    pub fn over_guidance(&self) -> bool {
        self.compared_bytes() > DATABASE_GUIDANCE_BYTES
    }

    /// How far the measurement is from the estimate, in percent of the estimate.
    pub fn measured_vs_estimate_percent(&self) -> Option<f64> {
        let m = self.measured_bytes? as f64;
        (self.final_bytes > 0).then(|| (m / self.final_bytes as f64 - 1.0) * 100.0)
    }

    /// This size with its measurement, the percentages taken from it.
    pub fn with_measured(mut self, bytes: u64) -> RegisterSize {
        self.measured_bytes = Some(bytes);
        self.guidance_percent = bytes as f64 / DATABASE_GUIDANCE_BYTES as f64 * 100.0;
        self.cap_percent = bytes as f64 / DATABASE_CAP_BYTES as f64 * 100.0;
        self
    }
}

/// Register sizes with the measurements known (`(register, bytes)`).
pub fn with_measurements(sizes: Vec<RegisterSize>, measured: &[(u32, u64)]) -> Vec<RegisterSize> {
    sizes
        .into_iter()
        .map(|s| match measured.iter().find(|(r, _)| *r == s.register) {
            Some((_, bytes)) => s.with_measured(*bytes),
            None => s,
        })
        .collect()
}

impl SimResult {
    /// Each register's database size at the end of the run, by register.
    pub fn register_sizes(&self) -> Vec<RegisterSize> {
        let registers: std::collections::BTreeSet<u32> =
            self.sizes.iter().map(|s| s.register).collect();
        registers
            .into_iter()
            .filter_map(|register| {
                let mut samples = self.sizes.iter().filter(|s| s.register == register);
                let first = samples.next()?;
                let (last, peak) = samples.fold((first, first.bytes), |(last, peak), s| {
                    (if s.at >= last.at { s } else { last }, peak.max(s.bytes))
                });
                Some(RegisterSize {
                    register,
                    final_bytes: last.bytes,
                    peak_bytes: peak,
                    guidance_percent: last.bytes as f64 / DATABASE_GUIDANCE_BYTES as f64 * 100.0,
                    cap_percent: last.bytes as f64 / DATABASE_CAP_BYTES as f64 * 100.0,
                    measured_bytes: None,
                })
            })
            .collect()
    }

    /// The run's summary figures.
    pub fn summary(&self) -> Summary {
        let registers = self.registers();
        let per = u64::from(registers.max(1));
        let days = (self.end() / 86_400.0).max(1.0 / 24.0);
        let mut s = Summary {
            registers,
            sessions: self.sessions.len(),
            conflicts: self.conflicts.len(),
            store_bytes: self.store_bytes,
            peak_database_bytes: self.sizes.iter().map(|x| x.bytes).max().unwrap_or(0),
            ..Summary::default()
        };
        for x in &self.sessions {
            s.problems += x.problems.len();
            if x.initial {
                s.initial_rows += x.rows();
                s.initial_bytes += x.bytes();
            } else {
                s.steady_sessions += 1;
                s.later_rows += x.rows();
                s.later_bytes += x.bytes();
                s.catch_ups += usize::from(x.catch_up);
            }
            s.uploaded_rows += x.uploaded.iter().map(|v| v.rows).sum::<u64>();
        }
        s.initial_rows /= per;
        s.initial_bytes /= per;
        s.later_rows /= per;
        s.later_bytes /= per;
        s.sessions_per_day = s.steady_sessions as f64 / days;
        s
    }

    /// Rows and bytes per scope, in profile order, per register on average.
    pub fn scope_totals(&self) -> Vec<ScopeTotals> {
        let per = u64::from(self.registers().max(1));
        let mut totals: Vec<ScopeTotals> = self
            .scopes
            .iter()
            .map(|(d, _)| ScopeTotals {
                description: d.clone(),
                ..ScopeTotals::default()
            })
            .collect();
        for s in &self.sessions {
            let Some(t) = totals.get_mut(s.scope) else {
                continue;
            };
            if s.initial {
                t.initial_rows += s.rows();
                t.initial_bytes += s.bytes();
            } else {
                t.later_rows += s.rows();
                t.later_bytes += s.bytes();
                t.sessions += 1;
            }
        }
        for t in &mut totals {
            t.initial_rows /= per;
            t.initial_bytes /= per;
            t.later_rows /= per;
            t.later_bytes /= per;
        }
        totals
    }

    /// Rows and bytes per table, per register on average, largest first (initial plus later
    /// bytes); tables that moved nothing are left out.
    pub fn table_totals(&self) -> Vec<TableTotals> {
        let per = u64::from(self.registers().max(1));
        let mut totals: Vec<TableTotals> = self
            .tables
            .iter()
            .map(|t| TableTotals {
                table: t.clone(),
                ..TableTotals::default()
            })
            .collect();
        let add = |totals: &mut Vec<TableTotals>, v: &TableVolume, scope: usize| {
            if let Some(t) = totals.get_mut(v.table) {
                t.scope.get_or_insert_with(|| {
                    let name = self.scopes.get(scope).map(|s| s.0.clone());
                    (scope + 1, name.unwrap_or_default())
                });
            }
        };
        for s in &self.sessions {
            for v in &s.downloaded {
                add(&mut totals, v, s.scope);
                let t = &mut totals[v.table];
                t.sessions += 1;
                if s.initial {
                    t.initial_rows += v.rows;
                    t.initial_bytes += v.bytes;
                } else {
                    t.later_down_rows += v.rows;
                    t.later_bytes += v.bytes;
                }
            }
            for v in &s.uploaded {
                add(&mut totals, v, s.scope);
                let t = &mut totals[v.table];
                t.sessions += 1;
                t.later_up_rows += v.rows;
                t.later_bytes += v.bytes;
            }
        }
        let mut totals: Vec<TableTotals> = totals
            .into_iter()
            .filter(|t| t.sessions > 0)
            .map(|mut t| {
                t.initial_rows /= per;
                t.initial_bytes /= per;
                t.later_down_rows /= per;
                t.later_up_rows /= per;
                t.later_bytes /= per;
                t
            })
            .collect();
        totals.sort_by(|a, b| {
            (b.initial_bytes + b.later_bytes)
                .cmp(&(a.initial_bytes + a.later_bytes))
                .then_with(|| a.table.cmp(&b.table))
        });
        totals
    }

    /// Session `index` as trainer mode shows it, or `None` past the end.
    pub fn step_view(&self, index: usize) -> Option<StepView> {
        let session = self.sessions.get(index)?;
        let mine = self.sessions[..=index]
            .iter()
            .filter(|s| s.register == session.register);
        let (mut register_sessions, mut register_rows, mut initial_bytes) = (0, 0, 0);
        for s in mine {
            register_sessions += 1;
            register_rows += s.rows();
            if s.initial {
                initial_bytes += s.bytes();
            }
        }
        // Sizes are sampled after each steady session and once after provisioning; during
        // provisioning the database holds what the initial sessions so far brought.
        let register_bytes = if session.initial {
            initial_bytes
        } else {
            self.sizes
                .iter()
                .rfind(|x| x.register == session.register && x.at <= session.end + 1e-9)
                .map_or(initial_bytes, |x| x.bytes)
        };
        let name = |v: &TableVolume| self.tables.get(v.table).cloned().unwrap_or_default();
        let moved = session
            .downloaded
            .iter()
            .map(|v| (name(v), "\u{2193}", v.rows, v.bytes))
            .chain(
                session
                    .uploaded
                    .iter()
                    .map(|v| (name(v), "\u{2191}", v.rows, v.bytes)),
            )
            .collect();
        Some(StepView {
            index,
            register_sessions,
            register_rows,
            register_bytes,
            moved,
        })
    }
}
