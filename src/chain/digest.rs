//! What the chain needs from one run, hour by hour and register by register: a few kilobytes
//! however long the run, so runs travel between workers, processes and machines as JSON.

use super::layout::RunSpec;
use crate::model::diff::ResolvedProfile;
use crate::sim::SimResult;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The table whose rows are the sales transactions (a transaction is sent once it is up).
pub const TRANSACTION_TABLE: &str = "RETAILTRANSACTIONTABLE";

/// One simulated hour of one store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hour {
    /// Sessions that started, all registers.
    pub sessions: u32,
    /// Of those, distinct scope runs: what the store database asks of head office when it
    /// syncs once for all its registers.
    pub store_sessions: u32,
    /// Bytes moved, all registers (spread over each session's duration).
    pub bytes: u64,
    /// Bytes the store database moves with head office: each download once, every upload.
    pub store_bytes: u64,
}

/// One register of the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Register {
    pub register: u32,
    /// When it was provisioned, seconds.
    pub provisioned_at: u64,
    /// Rows and bytes of its first download (every scope in full).
    pub initial_rows: u64,
    pub initial_bytes: u64,
    /// Seconds from provisioning until the full first download ended.
    pub full_sync_secs: f64,
    /// Seconds from provisioning until every download scope had run once on its own
    /// schedule (each bringing its data in full), without a full sync first.
    pub scheduled_ready_secs: f64,
    /// Starts of the sessions that uploaded transactions (everything sold until then).
    pub uploads: Vec<u64>,
}

/// A download scope, for the sessions a new database would inherit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DownloadScope {
    pub frequency_secs: u64,
    /// Mean bytes of one of its later sessions, one register.
    pub bytes_per_session: u64,
}

/// What registers caught up after an outage ending at `end` (seconds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatchUp {
    pub end: u64,
    /// Bytes of the catch-up sessions, all registers.
    pub bytes: u64,
    /// The store database's share with head office (downloads once).
    pub store_bytes: u64,
}

/// Everything the chain uses of one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunDigest {
    /// The run it is of (the merge checks it against the plan's).
    pub spec: RunSpec,
    pub hours: Vec<Hour>,
    pub registers: Vec<Register>,
    pub download_scopes: Vec<DownloadScope>,
    pub catch_ups: Vec<CatchUp>,
    /// Mean bytes one transaction uploads with its lines.
    pub bytes_per_transaction: u64,
}

/// The digest of a finished run of `spec` with (resolved, not yet effective) `profile`.
pub fn digest(spec: &RunSpec, profile: &ResolvedProfile, result: &SimResult) -> RunDigest {
    let (profile, _) = profile.target.effective(profile);
    let hours_n = spec.simulated_days as usize * 24;
    let mut hours = vec![Hour::default(); hours_n];
    let carries_sales: Vec<bool> = profile
        .scopes
        .iter()
        .map(|s| s.direction.uploads() && s.tables.iter().any(|t| t == TRANSACTION_TABLE))
        .collect();
    // The store database downloads each scope run once: the largest register's share.
    let mut runs: BTreeMap<(usize, u64, bool), (u64, f64, f64)> = BTreeMap::new();
    let registers_n = spec.scenario.registers_per_store;
    let mut regs: Vec<Register> = (1..=registers_n)
        .map(|register| Register {
            register,
            provisioned_at: u64::MAX,
            initial_rows: 0,
            initial_bytes: 0,
            full_sync_secs: 0.0,
            scheduled_ready_secs: 0.0,
            uploads: Vec::new(),
        })
        .collect();
    let mut first_run: BTreeMap<(u32, usize), f64> = BTreeMap::new();
    let mut initial_secs: BTreeMap<(u32, usize), f64> = BTreeMap::new();
    let mut later: BTreeMap<usize, (u64, u64)> = BTreeMap::new();
    let (mut tx_bytes, mut tx_rows) = (0u64, 0u64);
    for s in &result.sessions {
        let down: u64 = s.downloaded.iter().map(|v| v.bytes).sum();
        let up: u64 = s.uploaded.iter().map(|v| v.bytes).sum();
        spread(&mut hours, s.start, s.end, down + up, |h, b| h.bytes += b);
        spread(&mut hours, s.start, s.end, up, |h, b| h.store_bytes += b);
        if let Some(h) = hours.get_mut((s.start / 3600.0) as usize) {
            h.sessions += 1;
        }
        // One scope run per schedule slot, however late each register started it.
        let slot = s.start as u64 / profile.scopes[s.scope].frequency.seconds.max(1) as u64;
        let e = runs
            .entry((s.scope, slot, s.initial))
            .or_insert((0, s.start, s.end));
        if down >= e.0 {
            *e = (down, s.start, s.end);
        }
        let Some(r) = regs.get_mut(s.register as usize - 1) else {
            continue;
        };
        if s.initial {
            r.provisioned_at = r.provisioned_at.min(s.start as u64);
            r.initial_rows += s.rows();
            r.initial_bytes += s.bytes();
            r.full_sync_secs = r.full_sync_secs.max(s.end);
            initial_secs.insert((s.register, s.scope), s.end - s.start);
            continue;
        }
        if s.direction.downloads() {
            first_run.entry((s.register, s.scope)).or_insert(s.start);
            let l = later.entry(s.scope).or_default();
            l.0 += down;
            l.1 += 1;
        }
        if carries_sales[s.scope] {
            r.uploads.push(s.start as u64);
            tx_bytes += up;
            tx_rows += s
                .uploaded
                .iter()
                .filter(|v| result.tables[v.table] == TRANSACTION_TABLE)
                .map(|v| v.rows)
                .sum::<u64>();
        }
    }
    for (_, (down, start, end)) in runs {
        if let Some(h) = hours.get_mut((start / 3600.0) as usize) {
            h.store_sessions += 1;
        }
        spread(&mut hours, start, end, down, |h, b| h.store_bytes += b);
    }
    for r in &mut regs {
        let at = r.provisioned_at.min(u64::MAX / 2) as f64;
        r.full_sync_secs = (r.full_sync_secs - at).max(0.0);
        // Without a full sync, each download scope brings its data in full at its first run.
        r.scheduled_ready_secs = profile
            .scopes
            .iter()
            .enumerate()
            .filter(|(_, sc)| sc.direction.downloads())
            .map(|(i, sc)| {
                let first = first_run
                    .get(&(r.register, i))
                    .copied()
                    .unwrap_or(at + sc.frequency.seconds.max(1) as f64);
                first - at + initial_secs.get(&(r.register, i)).copied().unwrap_or(0.0)
            })
            .fold(0.0, f64::max);
    }
    let download_scopes = profile
        .scopes
        .iter()
        .enumerate()
        .filter(|(_, sc)| sc.direction.downloads())
        .map(|(i, sc)| {
            let (bytes, n) = later.get(&i).copied().unwrap_or((0, 0));
            DownloadScope {
                frequency_secs: sc.frequency.seconds.max(1) as u64,
                bytes_per_session: bytes.checked_div(n).unwrap_or(0),
            }
        })
        .collect();
    RunDigest {
        spec: spec.clone(),
        hours,
        registers: regs,
        download_scopes,
        catch_ups: catch_ups(result),
        bytes_per_transaction: tx_bytes.checked_div(tx_rows).unwrap_or(0),
    }
}

/// Catch-up sessions grouped by the outage they follow.
fn catch_ups(result: &SimResult) -> Vec<CatchUp> {
    let mut by_end: BTreeMap<u64, CatchUp> = BTreeMap::new();
    let mut seen: BTreeMap<(u64, usize), u64> = BTreeMap::new();
    for s in result.sessions.iter().filter(|s| s.catch_up) {
        let t = s.start as u64;
        let Some(end) = result
            .outages
            .iter()
            .filter(|o| o.register == s.register && u64::from(o.end_minute) * 60 <= t)
            .map(|o| u64::from(o.end_minute) * 60)
            .max()
        else {
            continue;
        };
        let c = by_end.entry(end).or_insert(CatchUp {
            end,
            bytes: 0,
            store_bytes: 0,
        });
        let down: u64 = s.downloaded.iter().map(|v| v.bytes).sum();
        let up: u64 = s.uploaded.iter().map(|v| v.bytes).sum();
        c.bytes += down + up;
        c.store_bytes += up;
        let once = seen.entry((end, s.scope)).or_default();
        if down > *once {
            c.store_bytes += down - *once;
            *once = down;
        }
    }
    by_end.into_values().collect()
}

/// Adds `bytes` to the hours `[start, end)` covers, in proportion (all of it to the start hour
/// when the session takes no time).
fn spread(hours: &mut [Hour], start: f64, end: f64, bytes: u64, add: impl Fn(&mut Hour, u64)) {
    if bytes == 0 {
        return;
    }
    let (h0, h1) = ((start / 3600.0) as usize, (end / 3600.0) as usize);
    if h1 <= h0 || end <= start {
        if let Some(h) = hours.get_mut(h0) {
            add(h, bytes);
        }
        return;
    }
    let mut given = 0u64;
    for k in h0..=h1 {
        let (a, b) = (
            start.max(k as f64 * 3600.0),
            end.min((k + 1) as f64 * 3600.0),
        );
        let part = if k == h1 {
            bytes - given
        } else {
            ((b - a).max(0.0) / (end - start) * bytes as f64) as u64
        };
        given += part;
        if let Some(h) = hours.get_mut(k) {
            add(h, part);
        }
    }
}
