//! What a chain plan adds up to: the result types (JSON, identical from the browser and the
//! command line) and the small rules that derive a series' peak and a link's load.

use super::plan::Topology;
use serde::{Deserialize, Serialize};

/// The format name of a chain result file.
pub const CHAIN_RESULT_FORMAT: &str = "offline-profile-studio/chain-result";

/// A link is busy above this share of its capacity.
pub const BUSY_PERCENT: u64 = 80;

/// Everything a plan adds up to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChainResult {
    pub format: String,
    pub plan: String,
    pub days: u32,
    pub stores: u64,
    pub registers: u64,
    /// Distinct runs simulated.
    pub runs: usize,
    /// Which days were simulated and which repeat a steady period.
    pub reuse: Vec<Reuse>,
    /// Sessions per hour at head office, chain-wide.
    pub head_office: Series,
    /// Per group: its busiest store's sessions and links.
    pub groups: Vec<GroupLoad>,
    pub onboarding: Vec<Onboarding>,
    pub close: PeriodClose,
    pub reprovisioning: Vec<Reprovisioning>,
}

/// A value per hour with its peak, and the hours above a threshold when there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub values: Vec<u64>,
    pub peak: u64,
    /// The first hour (0-based from day 1, 00:00) of the peak.
    pub peak_hour: u32,
    pub threshold: Option<u32>,
    /// Hours above the threshold.
    pub hours_above: u32,
}

impl Series {
    pub fn of(values: Vec<u64>, threshold: Option<u32>) -> Series {
        let peak = values.iter().copied().max().unwrap_or(0);
        let peak_hour = values.iter().position(|v| *v == peak).unwrap_or(0) as u32;
        let hours_above = threshold.map_or(0, |t| {
            values.iter().filter(|v| **v > u64::from(t)).count() as u32
        });
        Series {
            values,
            peak,
            peak_hour,
            threshold,
            hours_above,
        }
    }
}

/// One day of a [`Series`]: its busiest hour and its total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    /// 1-based.
    pub day: usize,
    /// The busiest hour's value and the hour of the day it starts.
    pub peak: u64,
    pub hour: usize,
    pub total: u64,
}

impl Series {
    /// Day by day: each day's busiest hour (the first, on a tie) and total.
    pub fn days(&self) -> Vec<Day> {
        self.values
            .chunks(24)
            .enumerate()
            .map(|(d, hours)| {
                let (hour, peak) =
                    hours
                        .iter()
                        .enumerate()
                        .fold((0, 0), |a, (h, v)| if *v > a.1 { (h, *v) } else { a });
                Day {
                    day: d + 1,
                    peak,
                    hour,
                    total: hours.iter().sum(),
                }
            })
            .collect()
    }
}

/// One group: its busiest store's sessions and its two links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupLoad {
    pub group: u32,
    pub name: String,
    pub topology: Topology,
    /// Sessions per hour in the group's busiest store (its registers').
    pub store_sessions: Series,
    pub wan: LinkLoad,
    pub lan: LinkLoad,
}

/// Bytes per hour over one store link against its capacity (the busiest store of the group).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkLoad {
    /// "WAN" or "LAN".
    pub link: String,
    /// Whether offline sync uses this link at all in the group's topology.
    pub carries_sync: bool,
    pub capacity_kbps: u32,
    /// Bytes offered per hour.
    pub offered: Vec<u64>,
    /// Bytes carried per hour (at most the capacity; the rest waits).
    pub carried: Vec<u64>,
    /// The highest hourly use, percent of capacity.
    pub peak_percent: u64,
    pub peak_hour: u32,
    /// Hours above [`BUSY_PERCENT`].
    pub hours_busy: u32,
    /// Bytes still waiting at the end of the plan (the link never caught up).
    pub backlog_at_end: u64,
    /// After each outage: when it ended, bytes to catch up, seconds to catch up at the spare
    /// capacity (none: the link never catches up).
    pub catch_ups: Vec<LinkCatchUp>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkCatchUp {
    /// When the outage ended, minutes from day 1, 00:00.
    pub ended: u64,
    pub bytes: u64,
    pub secs: Option<f64>,
}

impl LinkLoad {
    /// Each hour's carried bytes as a percentage of the capacity.
    pub fn percent_per_hour(&self) -> Vec<f64> {
        let cap = super::merge::hour_capacity(self.capacity_kbps).max(1) as f64;
        self.carried
            .iter()
            .map(|c| *c as f64 * 100.0 / cap)
            .collect()
    }

    /// The load of `offered` bytes per hour on a link of `kbps`; `outages` as (end second,
    /// bytes to catch up over this link, its steady bytes per second).
    pub fn of(
        link: &str,
        kbps: u32,
        offered: Vec<u64>,
        outages: &[(u64, u64, f64)],
        carries_sync: bool,
    ) -> LinkLoad {
        let cap = super::merge::hour_capacity(kbps);
        let mut carried = Vec::with_capacity(offered.len());
        let mut backlog = 0u64;
        for o in &offered {
            let want = backlog + o;
            let c = want.min(cap);
            backlog = want - c;
            carried.push(c);
        }
        let percent = |c: u64| (c * 100).checked_div(cap).unwrap_or(0);
        let peak = carried.iter().copied().max().unwrap_or(0);
        let per_sec = cap as f64 / 3600.0;
        let catch_ups = if carries_sync {
            outages
                .iter()
                .map(|&(end, bytes, steady)| {
                    let spare = per_sec - steady;
                    LinkCatchUp {
                        ended: end / 60,
                        bytes,
                        secs: (spare > 0.0).then(|| bytes as f64 / spare),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        LinkLoad {
            link: link.to_string(),
            carries_sync,
            capacity_kbps: kbps,
            peak_percent: percent(peak),
            peak_hour: carried.iter().position(|c| *c == peak).unwrap_or(0) as u32,
            hours_busy: carried
                .iter()
                .filter(|c| **c * 100 > cap * BUSY_PERCENT)
                .count() as u32,
            backlog_at_end: backlog,
            offered,
            carried,
            catch_ups,
        }
    }
}

/// Days a segment simulated, and the days that repeat its last steady period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reuse {
    pub group: String,
    /// The wave (1-based) that started the segment.
    pub wave: usize,
    /// The run (1-based).
    pub run: usize,
    /// Plan days simulated (first, last).
    pub simulated: (u32, u32),
    /// Plan days that repeat `repeats`.
    pub reused: Option<(u32, u32)>,
    pub repeats: (u32, u32),
}

/// A go-live wave's first sync.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Onboarding {
    pub wave: usize,
    pub group: String,
    pub day: u32,
    pub stores: u32,
    pub registers_per_store: u32,
    /// Rows and bytes of one register's first download.
    pub rows: u64,
    pub bytes: u64,
    /// Download sessions one register inherits (Dynamics 365 Commerce, not paused).
    pub inherited_sessions: u64,
    pub inherited_bytes: u64,
    pub full_sync_first: bool,
    pub paused_until_ready: bool,
    /// Seconds the new store database takes to load from head office over the WAN first
    /// (AX 2012 R3; 0 where registers download from head office themselves).
    pub store_database_secs: f64,
    /// Seconds from go-live until the slowest register is offline-ready.
    pub ready_secs: f64,
    /// When, minutes from day 1, 00:00.
    pub ready_at: u64,
}

/// Who still holds unsent transactions at the cut-off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodClose {
    /// Minutes from day 1, 00:00.
    pub cutoff: u64,
    /// Stores live at the cut-off.
    pub stores_live: u64,
    pub registers_live: u64,
    /// Registers (each row: that register in each store of a cohort) with unsent sales.
    pub rows: Vec<Unsent>,
    pub registers_with_unsent: u64,
    pub transactions_unsent: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unsent {
    pub group: String,
    /// The go-live wave of the stores (1-based).
    pub wave: usize,
    pub register: u32,
    /// Stores in which this register holds them.
    pub stores: u32,
    /// Unsent transactions on the register in each of those stores.
    pub transactions: u64,
    /// The oldest unsent one was made at this minute from day 1, 00:00.
    pub since: u64,
}

/// A profile-change wave: what reprovisioning costs and what a careless one loses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reprovisioning {
    pub wave: usize,
    pub group: String,
    /// Minutes from day 1, 00:00.
    pub at: u64,
    pub from_profile: String,
    pub to_profile: String,
    pub stores: u64,
    pub registers: u64,
    /// One register's new database: bytes and the seconds its download takes.
    pub bytes_each: u64,
    pub secs_each: f64,
    /// Transactions unsent at that moment across the affected registers: lost unless drained.
    pub unsent: u64,
    /// The most one register holds.
    pub unsent_most: u64,
    /// Seconds until every register has uploaded them (none: nothing uploads transactions).
    pub drain_secs: Option<f64>,
    /// Whether the plan drains first (the reprovisioning then starts `drain_secs` later).
    pub drained: bool,
}
