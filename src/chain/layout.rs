//! From a plan to the runs it needs: stores that go live together form a **cohort**, whose
//! life is a list of segments (go-live, then each profile change). Each segment is one store
//! on one profile — a simulator scenario — and segments with the same profile and scenario
//! share one run. Cost follows the number of distinct runs, never the number of stores.
//!
//! A run simulates only until its store has reached a steady state: the day it starts, every
//! outage and the catch-up after it, then one full repeat period (a day, or the longest scope
//! frequency rounded up to days). Later days repeat the last period ([`RunSpec::hour`]).

use super::plan::{ChainPlan, Topology, WaveKind};
use crate::model::diff::ResolvedProfile;
use crate::sim::{LateRegister, Outage, Scenario};
use serde::{Deserialize, Serialize};

/// One distinct run: a profile on one store's scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunSpec {
    /// The group it was first needed for (for people).
    pub group: u32,
    /// The profile's name.
    pub profile: String,
    /// The store's scenario, its horizon the simulated days.
    pub scenario: Scenario,
    /// Days simulated.
    pub simulated_days: u32,
    /// The repeat period, days: later days repeat the last period simulated.
    pub period_days: u32,
    /// Which links the profile's target system syncs over.
    pub topology: Topology,
}

impl RunSpec {
    /// The simulated hour whose figures hour `h` of the run has: itself while simulated,
    /// else the same hour of the last period.
    pub fn hour(&self, h: u64) -> usize {
        let s = u64::from(self.simulated_days) * 24;
        let p = u64::from(self.period_days) * 24;
        (if h < s { h } else { s - p + (h - s) % p }) as usize
    }

    /// The simulated second whose figures second `t` of the run has (as [`RunSpec::hour`]).
    pub fn second(&self, t: u64) -> u64 {
        let s = u64::from(self.simulated_days) * 86_400;
        let p = u64::from(self.period_days) * 86_400;
        if t < s {
            t
        } else {
            s - p + (t - s) % p
        }
    }
}

/// Part of a cohort's life on one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// The wave that started it (index into [`ChainPlan::waves`]).
    pub wave: usize,
    /// Its first day (0-based): the run's second 0 is midnight of this day.
    pub day: u32,
    /// The minute of that day the registers are (re)provisioned.
    pub minute: u32,
    /// The run (index into [`Layout::runs`]).
    pub run: usize,
    /// Days it lasts (to the next segment or the plan's end).
    pub days: u32,
}

/// Stores of a group that went live in the same wave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cohort {
    pub group: u32,
    /// Stores in it.
    pub stores: u32,
    /// Go-live first, then each profile change.
    pub segments: Vec<Segment>,
}

impl Cohort {
    /// The segment live at `minute` (from day 1, 00:00): the go-live's from its day's midnight
    /// (its run provisions at its minute), each profile change from its own minute.
    pub fn segment_at(&self, minute: u64) -> Option<&Segment> {
        self.segments
            .iter()
            .enumerate()
            .rev()
            .find(|(k, s)| {
                let from = u64::from(s.day) * 1440 + if *k == 0 { 0 } else { u64::from(s.minute) };
                from <= minute
            })
            .map(|(_, s)| s)
    }
}

/// The runs a plan needs and how its stores use them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    pub runs: Vec<RunSpec>,
    pub cohorts: Vec<Cohort>,
}

/// The topology and the link a profile's registers sync over: (topology, kbit/s, latency).
pub fn register_link(
    g: &super::plan::StoreGroup,
    profile: &ResolvedProfile,
) -> (Topology, u32, u32) {
    match Topology::of(profile.target) {
        t @ Topology::StoreDatabase => (t, g.lan_kbps, g.lan_latency_ms),
        t @ Topology::Direct => (t, g.wan_kbps, g.wan_latency_ms),
    }
}

/// The runs and cohorts of a plan. `profile` finds a profile by name; a plan that names a
/// missing profile or a missing group is refused by [`super::check`] before this is called,
/// and such parts are skipped here.
pub fn layout(plan: &ChainPlan, profile: &dyn Fn(&str) -> Option<ResolvedProfile>) -> Layout {
    let mut out = Layout {
        runs: Vec::new(),
        cohorts: Vec::new(),
    };
    for (w, wave) in plan.waves.iter().enumerate() {
        let WaveKind::GoLive { stores, minute, .. } = wave.kind else {
            continue;
        };
        let Some(g) = plan.group(wave.group) else {
            continue;
        };
        // Profile changes of this group after the go-live, in day order.
        let mut starts = vec![(w, wave.day, minute, g.profile.clone())];
        let mut changes: Vec<(usize, u32, u32, String)> = plan
            .waves
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match &c.kind {
                WaveKind::ProfileChange { profile, minute }
                    if c.group == g.id && c.day > wave.day =>
                {
                    Some((i, c.day, *minute, profile.clone()))
                }
                _ => None,
            })
            .collect();
        changes.sort_by_key(|c| (c.1, c.0));
        starts.extend(changes);
        let mut segments = Vec::new();
        for (k, (wave, day, minute, name)) in starts.iter().enumerate() {
            let end = starts.get(k + 1).map_or(plan.days + 1, |n| n.1);
            let Some(p) = profile(name) else { continue };
            let days = end.saturating_sub(*day).max(1);
            let spec = run_spec(plan, g, &p, *day, *minute, days);
            let run = match out.runs.iter().position(|r| *r == spec) {
                Some(i) => i,
                None => {
                    out.runs.push(spec);
                    out.runs.len() - 1
                }
            };
            segments.push(Segment {
                wave: *wave,
                day: *day - 1,
                minute: *minute,
                run,
                days,
            });
        }
        if !segments.is_empty() {
            out.cohorts.push(Cohort {
                group: g.id,
                stores,
                segments,
            });
        }
    }
    out
}

/// The run of one segment: `day` (1-based) the segment's first day, `days` its length.
fn run_spec(
    plan: &ChainPlan,
    g: &super::plan::StoreGroup,
    p: &ResolvedProfile,
    day: u32,
    minute: u32,
    days: u32,
) -> RunSpec {
    let (topology, kbps, latency) = register_link(g, p);
    let mut s = g.scenario(kbps, latency);
    s.seed = plan.seed;
    let origin = i64::from(day - 1) * 1440;
    let span = i64::from(days) * 1440;
    for o in plan.outages.iter().filter(|o| o.group == g.id) {
        let start = i64::from(o.day) * 1440 - 1440 + i64::from(o.minute) - origin;
        let end = (start + i64::from(o.minutes)).min(span);
        if end <= 0 || start >= span {
            continue;
        }
        let registers: Vec<u32> = match o.register {
            Some(r) => vec![r],
            None => (1..=g.registers_per_store).collect(),
        };
        for register in registers {
            s.outages.push(Outage {
                register,
                start_minute: start.max(0) as u32,
                end_minute: end as u32,
            });
        }
    }
    s.outages.sort_by_key(|o| (o.start_minute, o.register));
    if minute > 0 {
        s.late_registers = (1..=g.registers_per_store)
            .map(|register| LateRegister { register, minute })
            .collect();
    }
    let longest = p
        .scopes
        .iter()
        .map(|sc| sc.frequency.seconds.max(1) as u64)
        .max()
        .unwrap_or(86_400);
    let period_days = longest.div_ceil(86_400).max(1) as u32;
    let events = s
        .outages
        .iter()
        .map(|o| u64::from(o.end_minute))
        .chain(std::iter::once(u64::from(minute)))
        .max()
        .unwrap_or(0);
    // The day the last event happens in, the day after it (catch-up), then one period.
    let needed = (events / 1440) as u32 + 1 + period_days;
    let simulated_days = needed.min(days);
    s.horizon_hours = simulated_days * 24;
    RunSpec {
        group: g.id,
        profile: p.name.clone(),
        scenario: s,
        simulated_days,
        period_days: period_days.min(simulated_days),
        topology,
    }
}
