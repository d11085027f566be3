//! Unsent transactions: at the period-close cut-off, and at each profile change (what a
//! reprovisioning that does not drain uploads first loses).
//!
//! A register's sales are counted by the scenario's own clock ([`Scenario::sales_due`]); an
//! upload session sends everything sold until it starts; an outage stops the sessions, so
//! sales pile up until the catch-up.

use super::digest::{Register, RunDigest};
use super::figures::{PeriodClose, Reprovisioning, Unsent};
use super::layout::{Cohort, Layout, Segment};
use super::plan::{ChainPlan, WaveKind};
use crate::sim::Scenario;

/// Transactions register `r` of a run holds unsent at second `t` of the run, and the second
/// the oldest was made; `None` when it is not provisioned by then.
pub fn unsent_at(d: &RunDigest, r: &Register, t: u64) -> Option<(u64, u64)> {
    let s: &Scenario = &d.spec.scenario;
    let mapped = d.spec.second(t);
    if mapped < r.provisioned_at {
        return None;
    }
    let sent_at = r
        .uploads
        .iter()
        .copied()
        .filter(|u| *u <= mapped)
        .max()
        .unwrap_or(r.provisioned_at);
    let sent = s.sales_due(sent_at);
    let unsent = s.sales_due(mapped) - sent;
    let since = s.sale_time(sent + 1).min(mapped);
    Some((unsent, t - (mapped - since)))
}

/// Seconds from `t` until register `r` next uploads its transactions (none: it never does).
pub fn drain_after(d: &RunDigest, r: &Register, t: u64) -> Option<f64> {
    let mapped = d.spec.second(t);
    let next = r
        .uploads
        .iter()
        .copied()
        .find(|u| *u >= mapped)
        .or_else(|| {
            // Past the simulated days, the last period repeats: its first upload comes next.
            let period = u64::from(d.spec.period_days) * 86_400;
            let from = (u64::from(d.spec.simulated_days) * 86_400).saturating_sub(period);
            r.uploads
                .iter()
                .copied()
                .find(|u| *u >= from)
                .map(|u| u + period)
        })?;
    Some((next - mapped) as f64)
}

/// The segment of a cohort live at `minute` (from day 1, 00:00) and its second there.
fn live_at(c: &Cohort, minute: u64) -> Option<(&Segment, u64)> {
    let seg = c.segment_at(minute)?;
    Some((seg, (minute - u64::from(seg.day) * 1440) * 60))
}

/// Who holds unsent transactions at the plan's cut-off.
pub fn period_close(plan: &ChainPlan, layout: &Layout, runs: &[RunDigest]) -> PeriodClose {
    let cutoff = u64::from(plan.cutoff.day.max(1) - 1) * 1440 + u64::from(plan.cutoff.minute);
    let mut out = PeriodClose {
        cutoff,
        stores_live: 0,
        registers_live: 0,
        rows: Vec::new(),
        registers_with_unsent: 0,
        transactions_unsent: 0,
    };
    for c in &layout.cohorts {
        let Some((seg, t)) = live_at(c, cutoff) else {
            continue;
        };
        let d = &runs[seg.run];
        let mut live = false;
        for r in &d.registers {
            let Some((n, since)) = unsent_at(d, r, t) else {
                continue;
            };
            live = true;
            out.registers_live += u64::from(c.stores);
            if n == 0 {
                continue;
            }
            out.registers_with_unsent += u64::from(c.stores);
            out.transactions_unsent += n * u64::from(c.stores);
            out.rows.push(Unsent {
                group: group_name(plan, c.group),
                wave: c.segments[0].wave + 1,
                register: r.register,
                stores: c.stores,
                transactions: n,
                since: u64::from(seg.day) * 1440 + since / 60,
            });
        }
        if live {
            out.stores_live += u64::from(c.stores);
        }
    }
    out
}

fn group_name(plan: &ChainPlan, id: u32) -> String {
    plan.group(id).map(|g| g.name.clone()).unwrap_or_default()
}

/// Each profile-change wave: the registers it reprovisions, what each downloads, and what is
/// unsent at that moment.
pub fn reprovisioning(
    plan: &ChainPlan,
    layout: &Layout,
    runs: &[RunDigest],
) -> Vec<Reprovisioning> {
    let mut out: Vec<Reprovisioning> = Vec::new();
    for (w, wave) in plan.waves.iter().enumerate() {
        let WaveKind::ProfileChange { profile, minute } = &wave.kind else {
            continue;
        };
        let at = u64::from(wave.day - 1) * 1440 + u64::from(*minute);
        let mut row = Reprovisioning {
            wave: w + 1,
            group: group_name(plan, wave.group),
            at,
            from_profile: plan
                .group(wave.group)
                .map(|g| g.profile.clone())
                .unwrap_or_default(),
            to_profile: profile.clone(),
            stores: 0,
            registers: 0,
            bytes_each: 0,
            secs_each: 0.0,
            unsent: 0,
            unsent_most: 0,
            drain_secs: Some(0.0),
            drained: plan.drain_uploads,
        };
        for c in &layout.cohorts {
            let Some(k) = c
                .segments
                .iter()
                .position(|s| s.wave == w)
                .filter(|k| *k > 0)
            else {
                continue;
            };
            let (old, new) = (&c.segments[k - 1], &runs[c.segments[k].run]);
            let d = &runs[old.run];
            let t = (at - u64::from(old.day) * 1440) * 60;
            row.from_profile = d.spec.profile.clone();
            row.stores += u64::from(c.stores);
            row.registers += u64::from(c.stores) * u64::from(d.spec.scenario.registers_per_store);
            row.bytes_each = row.bytes_each.max(
                new.registers
                    .iter()
                    .map(|r| r.initial_bytes)
                    .max()
                    .unwrap_or(0),
            );
            row.secs_each = new
                .registers
                .iter()
                .map(|r| r.full_sync_secs)
                .fold(row.secs_each, f64::max);
            for r in &d.registers {
                if let Some((n, _)) = unsent_at(d, r, t) {
                    row.unsent += n * u64::from(c.stores);
                    row.unsent_most = row.unsent_most.max(n);
                }
                row.drain_secs = match (row.drain_secs, drain_after(d, r, t)) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
            }
        }
        out.push(row);
    }
    out
}
