//! The chain's figures, put together from the runs' digests: each cohort's stores follow their
//! runs shifted to their days, multiplied by the number of stores. The same function serves
//! the browser and the command line's `chain merge`, so both give the same JSON.

use super::digest::RunDigest;
use super::figures::*;
use super::layout::{Cohort, Layout, Segment};
use super::plan::{ChainPlan, Topology, WaveKind};

/// Bytes a link of `kbps` carries in an hour.
pub fn hour_capacity(kbps: u32) -> u64 {
    u64::from(kbps) * 450_000
}

/// Download sessions a new offline database inherits: every session of every download scope
/// since the last full sync (`frequencies` in seconds).
pub fn inherited_sessions(frequencies: &[u64], days: u32) -> u64 {
    frequencies
        .iter()
        .map(|f| u64::from(days) * 86_400 / (*f).max(1))
        .sum()
}

/// The chain's figures, or why the digests do not belong to the plan.
pub fn merge(plan: &ChainPlan, layout: &Layout, runs: &[RunDigest]) -> Result<ChainResult, String> {
    if runs.len() != layout.runs.len() {
        return Err(format!(
            "The plan needs {} runs; {} were given.",
            layout.runs.len(),
            runs.len()
        ));
    }
    for (i, (d, spec)) in runs.iter().zip(&layout.runs).enumerate() {
        if d.spec != *spec {
            return Err(format!("Run {} was made for another plan or another version of its profile (its scenario differs); run it again.", i + 1));
        }
    }
    let hours = plan.days as usize * 24;
    let mut hq = vec![0u64; hours];
    let mut groups = Vec::new();
    for g in &plan.groups {
        let cohorts: Vec<&Cohort> = layout.cohorts.iter().filter(|c| c.group == g.id).collect();
        let mut sessions = vec![0u64; hours];
        let (mut wan, mut lan) = (vec![0u64; hours], vec![0u64; hours]);
        let mut topology = None;
        for c in &cohorts {
            for (h, seg) in hours_of(c, hours) {
                let d = &runs[seg.run];
                let fig = d.hours[d.spec.hour((h - seg.day as usize * 24) as u64)];
                let direct = d.spec.topology == Topology::Direct;
                topology.get_or_insert(d.spec.topology);
                let mut n = u64::from(fig.sessions);
                let mut bytes = (fig.bytes, fig.store_bytes);
                if let Some((more, more_bytes)) = inherited_at(plan, c, seg, d, h) {
                    n += more;
                    bytes.0 += more_bytes;
                    bytes.1 += more_bytes;
                }
                let at_hq = if direct {
                    n
                } else {
                    u64::from(fig.store_sessions)
                };
                hq[h] += at_hq * u64::from(c.stores);
                sessions[h] = sessions[h].max(n);
                if direct {
                    wan[h] = wan[h].max(bytes.0);
                } else {
                    wan[h] = wan[h].max(bytes.1);
                    lan[h] = lan[h].max(bytes.0);
                }
            }
        }
        let topology = topology.unwrap_or(Topology::StoreDatabase);
        let outages = catch_ups(plan, &cohorts, runs);
        let direct = topology == Topology::Direct;
        let over_wan: Vec<(u64, u64, f64)> = outages
            .iter()
            .map(|o| {
                if direct {
                    (o.0, o.1, o.3)
                } else {
                    (o.0, o.2, o.4)
                }
            })
            .collect();
        let over_lan: Vec<(u64, u64, f64)> = outages.iter().map(|o| (o.0, o.1, o.3)).collect();
        groups.push(GroupLoad {
            group: g.id,
            name: g.name.clone(),
            topology,
            store_sessions: Series::of(sessions, None),
            wan: LinkLoad::of("WAN", g.wan_kbps, wan, &over_wan, true),
            lan: LinkLoad::of("LAN", g.lan_kbps, lan, &over_lan, !direct),
        });
    }
    Ok(ChainResult {
        format: CHAIN_RESULT_FORMAT.to_string(),
        plan: plan.name.clone(),
        days: plan.days,
        stores: plan.stores(),
        registers: plan
            .groups
            .iter()
            .map(|g| u64::from(g.stores) * u64::from(g.registers_per_store))
            .sum(),
        runs: layout.runs.len(),
        reuse: reuse(plan, layout),
        head_office: Series::of(hq, Some(plan.storm_threshold)),
        groups,
        onboarding: onboarding(plan, layout, runs),
        close: super::close::period_close(plan, layout, runs),
        reprovisioning: super::close::reprovisioning(plan, layout, runs),
    })
}

/// Each hour a cohort is live, with the segment that covers it (a profile change takes over
/// from the hour it happens in, which holds its reprovisioning).
fn hours_of(c: &Cohort, hours: usize) -> impl Iterator<Item = (usize, &Segment)> {
    let first = c.segments[0].day as usize * 24;
    (first..hours).filter_map(move |h| c.segment_at(h as u64 * 60 + 59).map(|s| (h, s)))
}

/// Sessions and bytes a new offline database inherits, in the hour it goes live (Dynamics 365
/// Commerce, a go-live not paused until ready).
fn inherited_at(
    plan: &ChainPlan,
    c: &Cohort,
    seg: &Segment,
    d: &RunDigest,
    h: usize,
) -> Option<(u64, u64)> {
    let first = &c.segments[0];
    if !std::ptr::eq(seg, first) || h != first.day as usize * 24 + first.minute as usize / 60 {
        return None;
    }
    let (n, bytes) = inherited(plan, seg, d)?;
    let regs = u64::from(d.spec.scenario.registers_per_store);
    Some((n * regs, bytes * regs))
}

/// Per register: sessions and bytes inherited at go-live, if any.
pub(super) fn inherited(plan: &ChainPlan, seg: &Segment, d: &RunDigest) -> Option<(u64, u64)> {
    let WaveKind::GoLive {
        paused_until_ready, ..
    } = plan.waves.get(seg.wave)?.kind
    else {
        return None;
    };
    if paused_until_ready || d.spec.topology != Topology::Direct || plan.days_since_full_sync == 0 {
        return None;
    }
    let n: Vec<u64> = d
        .download_scopes
        .iter()
        .map(|s| inherited_sessions(&[s.frequency_secs], plan.days_since_full_sync))
        .collect();
    let bytes = d
        .download_scopes
        .iter()
        .zip(&n)
        .map(|(s, n)| s.bytes_per_session * n)
        .sum();
    Some((n.iter().sum(), bytes))
}

/// One outage's catch-up in a group: (absolute end second, bytes of all registers, the store
/// database's bytes, the store's steady bytes per second for each).
type CatchUpFigures = (u64, u64, u64, f64, f64);

/// Each outage's catch-up per group (the largest over its cohorts).
fn catch_ups(plan: &ChainPlan, cohorts: &[&Cohort], runs: &[RunDigest]) -> Vec<CatchUpFigures> {
    let mut out: Vec<CatchUpFigures> = Vec::new();
    for c in cohorts {
        for seg in &c.segments {
            let d = &runs[seg.run];
            let last = d
                .hours
                .len()
                .saturating_sub(d.spec.period_days as usize * 24);
            let tail = &d.hours[last..];
            let secs = tail.len().max(1) as f64 * 3600.0;
            let steady = tail.iter().map(|h| h.bytes).sum::<u64>() as f64 / secs;
            let steady_store = tail.iter().map(|h| h.store_bytes).sum::<u64>() as f64 / secs;
            for cu in &d.catch_ups {
                let at = u64::from(seg.day) * 86_400 + cu.end;
                if at / 3600 >= plan.days as u64 * 24 {
                    continue;
                }
                match out.iter_mut().find(|o| o.0 == at) {
                    Some(o) => {
                        o.1 = o.1.max(cu.bytes);
                        o.2 = o.2.max(cu.store_bytes);
                    }
                    None => out.push((at, cu.bytes, cu.store_bytes, steady, steady_store)),
                }
            }
        }
    }
    out.sort_by_key(|o| o.0);
    out
}

/// Which days each cohort's runs simulated and which repeat an earlier period.
fn reuse(plan: &ChainPlan, layout: &Layout) -> Vec<Reuse> {
    let mut out = Vec::new();
    for c in &layout.cohorts {
        for seg in &c.segments {
            let spec = &layout.runs[seg.run];
            let first = seg.day + 1;
            let last = (seg.day + seg.days).min(plan.days);
            let sim_last = (seg.day + spec.simulated_days).min(last);
            out.push(Reuse {
                group: plan
                    .group(c.group)
                    .map(|g| g.name.clone())
                    .unwrap_or_default(),
                wave: seg.wave + 1,
                run: seg.run + 1,
                simulated: (first, sim_last),
                reused: (sim_last < last).then_some((sim_last + 1, last)),
                repeats: (
                    sim_last + 1 - spec.period_days.min(sim_last + 1 - first),
                    sim_last,
                ),
            });
        }
    }
    out
}

/// Each go-live wave's first sync per register and when its registers are offline-ready.
fn onboarding(plan: &ChainPlan, layout: &Layout, runs: &[RunDigest]) -> Vec<Onboarding> {
    layout
        .cohorts
        .iter()
        .filter_map(|c| {
            let seg = &c.segments[0];
            let d = &runs[seg.run];
            let WaveKind::GoLive {
                full_sync_first,
                paused_until_ready,
                ..
            } = plan.waves.get(seg.wave)?.kind
            else {
                return None;
            };
            let g = plan.group(c.group)?;
            let (inh_n, inh_bytes) = inherited(plan, seg, d).unwrap_or((0, 0));
            let share = (f64::from(d.spec.scenario.bandwidth_kbps) * 125.0).max(1.0);
            let apply = inh_n as f64 * f64::from(d.spec.scenario.latency_ms) * 2.0 / 1000.0
                + inh_bytes as f64 / share;
            // AX 2012 R3: the new store database is loaded from head office over the WAN
            // before its registers can provision from it.
            let max_bytes = d
                .registers
                .iter()
                .map(|r| r.initial_bytes)
                .max()
                .unwrap_or(0);
            let store_load = if d.spec.topology == Topology::StoreDatabase {
                max_bytes as f64 / (f64::from(g.wan_kbps) * 125.0).max(1.0)
                    + f64::from(g.wan_latency_ms) / 1000.0
            } else {
                0.0
            };
            let ready = store_load
                + d.registers
                    .iter()
                    .map(|r| {
                        if full_sync_first {
                            r.full_sync_secs
                        } else {
                            r.scheduled_ready_secs
                        }
                    })
                    .fold(0.0, f64::max)
                + apply;
            let live = u64::from(seg.day) * 1440 + u64::from(seg.minute);
            Some(Onboarding {
                wave: seg.wave + 1,
                group: g.name.clone(),
                day: seg.day + 1,
                stores: c.stores,
                registers_per_store: g.registers_per_store,
                rows: d
                    .registers
                    .iter()
                    .map(|r| r.initial_rows)
                    .max()
                    .unwrap_or(0),
                bytes: d
                    .registers
                    .iter()
                    .map(|r| r.initial_bytes)
                    .max()
                    .unwrap_or(0),
                inherited_sessions: inh_n,
                inherited_bytes: inh_bytes,
                full_sync_first,
                paused_until_ready,
                store_database_secs: store_load,
                ready_secs: ready,
                ready_at: live + (ready / 60.0).ceil() as u64,
            })
        })
        .collect()
}
