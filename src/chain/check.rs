//! A plan's checks: every value out of range, every reference that does not hold, and whether
//! its runs fit in memory — each with the control it concerns, so the Chain area shows it
//! beside that control.

use super::layout::{layout, Layout};
use super::plan::{ChainPlan, WaveKind};
use crate::model::diff::ResolvedProfile;
use crate::sim::memory;

/// A control of the Chain area: the one function every control id there comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanField {
    Name,
    Days,
    CutoffDay,
    CutoffTime,
    Storm,
    FullSync,
    Group(u32, GroupField),
    Wave(usize, WaveField),
    Outage(usize, OutageField),
    /// The list of groups (the "Add a store group" button).
    Groups,
    /// The plan as a whole (the Run button).
    Runs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupField {
    Name,
    Stores,
    Registers,
    Profile,
    Preset,
    Products,
    Customers,
    Transactions,
    Opening,
    WanKbps,
    WanLatency,
    LanKbps,
    LanLatency,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaveField {
    Group,
    Day,
    Stores,
    Time,
    Profile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutageField {
    Group,
    Day,
    Time,
    Minutes,
    Register,
}

impl PlanField {
    /// The control's id.
    pub fn dom_id(self) -> String {
        match self {
            PlanField::Name => "plan-name".into(),
            PlanField::Days => "plan-days".into(),
            PlanField::CutoffDay => "plan-cutoff-day".into(),
            PlanField::CutoffTime => "plan-cutoff-time".into(),
            PlanField::Storm => "plan-storm".into(),
            PlanField::FullSync => "plan-full-sync".into(),
            PlanField::Runs => "plan-run".into(),
            PlanField::Groups => "plan-add-group".into(),
            PlanField::Group(id, f) => format!("group-{id}-{}", format!("{f:?}").to_lowercase()),
            PlanField::Wave(i, f) => format!("wave-{i}-{}", format!("{f:?}").to_lowercase()),
            PlanField::Outage(i, f) => format!("outage-{i}-{}", format!("{f:?}").to_lowercase()),
        }
    }
}

/// One thing wrong with a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanIssue {
    pub field: PlanField,
    pub message: String,
}

/// Upper bounds the planner keeps to (a chain of up to 10,000 stores, a year).
pub const MAX_DAYS: u32 = 366;
pub const MAX_STORES: u32 = 10_000;
pub const MAX_REGISTERS: u32 = 50;

/// Every problem of `plan`; `profile` finds a workspace profile by name.
pub fn check(
    plan: &ChainPlan,
    profile: &dyn Fn(&str) -> Option<ResolvedProfile>,
) -> Vec<PlanIssue> {
    let mut out = Vec::new();
    let mut bad = |field: PlanField, message: String| out.push(PlanIssue { field, message });
    if plan.name.trim().is_empty() {
        bad(PlanField::Name, "The plan needs a name.".into());
    }
    if !(1..=MAX_DAYS).contains(&plan.days) {
        bad(
            PlanField::Days,
            format!("The plan must cover 1 to {MAX_DAYS} days."),
        );
    }
    if plan.cutoff.day == 0 || plan.cutoff.day > plan.days {
        bad(
            PlanField::CutoffDay,
            format!(
                "The cut-off must fall on one of the plan's days (1 to {}).",
                plan.days
            ),
        );
    }
    if plan.cutoff.minute >= 1440 {
        bad(
            PlanField::CutoffTime,
            "The cut-off time must be between 00:00 and 23:59.".into(),
        );
    }
    if plan.storm_threshold == 0 {
        bad(
            PlanField::Storm,
            "The storm threshold must be at least 1 session an hour.".into(),
        );
    }
    if plan.groups.is_empty() {
        bad(PlanField::Groups, "Add at least one store group.".into());
    }
    for (i, g) in plan.groups.iter().enumerate() {
        let f = |gf| PlanField::Group(g.id, gf);
        if g.name.trim().is_empty() {
            bad(f(GroupField::Name), "The group needs a name.".into());
        } else if plan.groups[..i].iter().any(|o| o.name == g.name) {
            bad(
                f(GroupField::Name),
                format!(
                    "Another group is already called \u{201c}{}\u{201d}.",
                    g.name
                ),
            );
        }
        if !(1..=MAX_STORES).contains(&g.stores) {
            bad(
                f(GroupField::Stores),
                format!("A group has 1 to {MAX_STORES} stores."),
            );
        }
        if !(1..=MAX_REGISTERS).contains(&g.registers_per_store) {
            bad(
                f(GroupField::Registers),
                format!("A store has 1 to {MAX_REGISTERS} registers."),
            );
        }
        if profile(&g.profile).is_none() {
            bad(f(GroupField::Profile), format!("The profile \u{201c}{}\u{201d} is not in this workspace (deleted or renamed?); pick another.", g.profile));
        }
        for (field, v, what) in [
            (GroupField::Products, g.overrides.products, "products"),
            (GroupField::Customers, g.overrides.customers, "customers"),
            (
                GroupField::Transactions,
                g.overrides.transactions_per_register_per_day,
                "transactions per register a day",
            ),
        ] {
            if v == Some(0) {
                bad(
                    f(field),
                    format!("The number of {what} must be at least 1."),
                );
            }
        }
        if let Some(o) = g.overrides.opening {
            if o.close <= o.open || o.close > 1440 {
                bad(
                    f(GroupField::Opening),
                    "The store must close after it opens, at 24:00 at the latest.".into(),
                );
            }
        }
        for (field, v, what) in [
            (GroupField::WanKbps, g.wan_kbps, "The WAN"),
            (GroupField::LanKbps, g.lan_kbps, "The LAN"),
        ] {
            if v == 0 {
                bad(
                    f(field),
                    format!("{what} needs a capacity of at least 1 kbit/s."),
                );
            }
        }
        let stores_live: u32 = plan
            .waves
            .iter()
            .filter(|w| w.group == g.id)
            .filter_map(|w| match w.kind {
                WaveKind::GoLive { stores, .. } => Some(stores),
                _ => None,
            })
            .sum();
        if stores_live > g.stores {
            bad(
                f(GroupField::Stores),
                format!(
                    "Its go-live waves bring {stores_live} stores live, but the group has {}.",
                    g.stores
                ),
            );
        }
    }
    for (i, w) in plan.waves.iter().enumerate() {
        let f = |wf| PlanField::Wave(i, wf);
        let n = i + 1;
        if plan.group(w.group).is_none() {
            bad(
                f(WaveField::Group),
                format!("Wave {n}: pick one of the plan's groups."),
            );
        }
        if w.day == 0 || w.day > plan.days {
            bad(
                f(WaveField::Day),
                format!(
                    "Wave {n}: day {} is outside the plan (days 1 to {}).",
                    w.day, plan.days
                ),
            );
        }
        match &w.kind {
            WaveKind::GoLive { stores, minute, .. } => {
                if *stores == 0 {
                    bad(
                        f(WaveField::Stores),
                        format!("Wave {n}: at least one store must go live."),
                    );
                }
                if *minute >= 1440 {
                    bad(
                        f(WaveField::Time),
                        format!("Wave {n}: the time must be between 00:00 and 23:59."),
                    );
                }
            }
            WaveKind::ProfileChange { profile: p, minute } => {
                if profile(p).is_none() {
                    bad(f(WaveField::Profile), format!("Wave {n}: the profile \u{201c}{p}\u{201d} is not in this workspace; pick another."));
                }
                if *minute >= 1440 {
                    bad(
                        f(WaveField::Time),
                        format!("Wave {n}: the time must be between 00:00 and 23:59."),
                    );
                }
                let live_before = plan.waves.iter().any(|o| {
                    o.group == w.group && o.day < w.day && matches!(o.kind, WaveKind::GoLive { .. })
                });
                if plan.group(w.group).is_some() && !live_before {
                    bad(f(WaveField::Day), format!("Wave {n}: no store of the group is live before day {}; a profile change needs a go-live wave on an earlier day.", w.day));
                }
            }
        }
    }
    for (i, o) in plan.outages.iter().enumerate() {
        let f = |of| PlanField::Outage(i, of);
        let n = i + 1;
        match plan.group(o.group) {
            None => bad(
                f(OutageField::Group),
                format!("Outage {n}: pick one of the plan's groups."),
            ),
            Some(g) => {
                if o.register
                    .is_some_and(|r| r == 0 || r > g.registers_per_store)
                {
                    bad(
                        f(OutageField::Register),
                        format!(
                            "Outage {n}: a store of {} has registers 1 to {}.",
                            g.name, g.registers_per_store
                        ),
                    );
                }
            }
        }
        if o.day == 0 || o.day > plan.days {
            bad(
                f(OutageField::Day),
                format!(
                    "Outage {n}: day {} is outside the plan (days 1 to {}).",
                    o.day, plan.days
                ),
            );
        }
        if o.minute >= 1440 {
            bad(
                f(OutageField::Time),
                format!("Outage {n}: the time must be between 00:00 and 23:59."),
            );
        }
        if o.minutes == 0 {
            bad(
                f(OutageField::Minutes),
                format!("Outage {n}: it must last at least a minute."),
            );
        }
    }
    if out.is_empty() {
        if let Err(why) = fits(plan, &layout(plan, profile), profile) {
            out.push(PlanIssue {
                field: PlanField::Runs,
                message: why,
            });
        }
    }
    out
}

/// Whether each run fits in memory on its own (runs that do not fit together run fewer at a
/// time); if not, which group to shrink and how.
pub fn fits(
    plan: &ChainPlan,
    l: &Layout,
    profile: &dyn Fn(&str) -> Option<ResolvedProfile>,
) -> Result<(), String> {
    for spec in &l.runs {
        let Some(p) = profile(&spec.profile) else {
            continue;
        };
        let name = plan
            .group(spec.group)
            .map(|g| g.name.as_str())
            .unwrap_or("a group");
        // Values the simulator refuses (a store shape out of range; more simulated days than it
        // runs, when an outage falls late in a long plan).
        if let Some(e) = spec.scenario.validate().first() {
            let why = if e.field == "horizon_hours" {
                format!("its store would need {} simulated days to reach the last outage and a steady day after it, and the simulator runs at most 31; move that outage earlier, or split the plan", spec.simulated_days)
            } else {
                e.message.clone()
            };
            return Err(format!("The run for {name} cannot start: {why}"));
        }
        let bytes = memory::run_bytes(&spec.scenario, &p);
        if let Err(why) = memory::fits_together(&[bytes]) {
            return Err(format!("The run for {name} cannot start: {why} A store of this group is simulated once for the whole group, so fewer stores do not help; fewer registers per store, products or customers do."));
        }
    }
    Ok(())
}

/// How many runs may go at once on `workers` engines.
pub fn at_once(
    l: &Layout,
    workers: usize,
    profile: &dyn Fn(&str) -> Option<ResolvedProfile>,
) -> usize {
    let each: Vec<u64> = l
        .runs
        .iter()
        .filter_map(|s| profile(&s.profile).map(|p| memory::run_bytes(&s.scenario, &p)))
        .collect();
    memory::parallel(&each, workers)
}
