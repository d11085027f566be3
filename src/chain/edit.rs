//! Every change to the workspace's chain plans as a value (part of [`crate::model::edit::Edit`]):
//! applied, coalesced while typing, and described for Undo and Redo.

use super::plan::{clock, ChainPlan, LinkOutage, StoreGroup, Wave, WaveKind};
use crate::sim::{Opening, Preset};

/// A change to the list of plans or to one plan.
#[derive(Debug, Clone, PartialEq)]
pub enum PlansEdit {
    /// A starter plan for the profile named.
    New {
        profile: String,
    },
    Delete(usize),
    /// A plan read from a file (renamed if its name is taken).
    Import(ChainPlan),
    Set {
        plan: usize,
        change: PlanEdit,
    },
}

/// A change to one plan.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanEdit {
    Name(String),
    Days(u32),
    CutoffDay(u32),
    CutoffMinute(u32),
    Storm(u32),
    FullSyncDays(u32),
    Drain(bool),
    AddGroup {
        profile: String,
    },
    RemoveGroup(u32),
    Group(u32, GroupValue),
    /// A go-live wave, or a profile change to the profile named.
    AddWave {
        group: u32,
        change: Option<String>,
    },
    RemoveWave(usize),
    Wave(usize, WaveValue),
    AddOutage {
        group: u32,
    },
    RemoveOutage(usize),
    Outage(usize, OutageValue),
}

#[derive(Debug, Clone, PartialEq)]
pub enum GroupValue {
    Name(String),
    Stores(u32),
    Registers(u32),
    Profile(String),
    Preset(Preset),
    Products(Option<u32>),
    Customers(Option<u32>),
    Transactions(Option<u32>),
    Opening(Option<Opening>),
    WanKbps(u32),
    WanLatency(u32),
    LanKbps(u32),
    LanLatency(u32),
}

#[derive(Debug, Clone, PartialEq)]
pub enum WaveValue {
    Group(u32),
    Day(u32),
    Stores(u32),
    Minute(u32),
    Paused(bool),
    FullSync(bool),
    Profile(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum OutageValue {
    Group(u32),
    Day(u32),
    Minute(u32),
    Minutes(u32),
    Register(Option<u32>),
}

fn set<T: PartialEq>(slot: &mut T, v: T) -> bool {
    if *slot == v {
        return false;
    }
    *slot = v;
    true
}

fn unique_name(plans: &[ChainPlan], base: &str) -> String {
    let taken = |n: &str| plans.iter().any(|p| p.name == n);
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|k| format!("{base} {k}"))
        .find(|n| !taken(n))
        .unwrap_or_default()
}

impl PlansEdit {
    /// Applies the edit; whether anything changed.
    pub fn apply(&self, plans: &mut Vec<ChainPlan>) -> bool {
        match self {
            PlansEdit::New { profile } => {
                let name = unique_name(plans, "Rollout plan");
                plans.push(ChainPlan::starter(&name, profile));
                true
            }
            PlansEdit::Delete(i) => {
                *i < plans.len() && {
                    plans.remove(*i);
                    true
                }
            }
            PlansEdit::Import(p) => {
                let mut p = p.clone();
                p.name = unique_name(plans, &p.name);
                plans.push(p);
                true
            }
            PlansEdit::Set { plan, change } => {
                plans.get_mut(*plan).is_some_and(|p| change.apply(p))
            }
        }
    }

    /// Typing in one field of one plan is one undo step.
    pub fn coalesce_key(&self) -> Option<String> {
        let PlansEdit::Set { plan, change } = self else {
            return None;
        };
        let field = match change {
            PlanEdit::Name(_) => "name".to_string(),
            PlanEdit::Days(_) => "days".into(),
            PlanEdit::CutoffDay(_) => "cutoff-day".into(),
            PlanEdit::Storm(_) => "storm".into(),
            PlanEdit::FullSyncDays(_) => "full-sync".into(),
            PlanEdit::Group(id, v) => match v {
                GroupValue::Profile(_) | GroupValue::Preset(_) | GroupValue::Opening(_) => {
                    return None
                }
                v => format!("group-{id}-{}", field_name(v)),
            },
            PlanEdit::Wave(i, WaveValue::Day(_) | WaveValue::Stores(_)) => {
                format!("wave-{i}-{:?}", std::mem::discriminant(change))
            }
            PlanEdit::Outage(i, OutageValue::Day(_) | OutageValue::Minutes(_)) => {
                format!("outage-{i}-{:?}", std::mem::discriminant(change))
            }
            _ => return None,
        };
        Some(format!("plan-{plan}-{field}"))
    }

    /// The edit in words, against the plans before it.
    pub fn describe(&self, plans: &[ChainPlan]) -> String {
        let name = |i: &usize| {
            plans.get(*i).map_or("a plan".to_string(), |p| {
                format!("\u{201c}{}\u{201d}", p.name)
            })
        };
        match self {
            PlansEdit::New { .. } => "new rollout plan".into(),
            PlansEdit::Delete(i) => format!("delete plan {}", name(i)),
            PlansEdit::Import(p) => format!("import plan \u{201c}{}\u{201d}", p.name),
            PlansEdit::Set { plan, change } => {
                let p = plans.get(*plan);
                let group = |id: &u32| {
                    p.and_then(|p| p.group(*id))
                        .map_or("a group".to_string(), |g| {
                            format!("group \u{201c}{}\u{201d}", g.name)
                        })
                };
                match change {
                    PlanEdit::Name(v) => format!("plan name \u{2192} \u{201c}{v}\u{201d}"),
                    PlanEdit::Days(v) => format!("days of {} \u{2192} {v}", name(plan)),
                    PlanEdit::CutoffDay(v) => format!("cut-off day \u{2192} {v}"),
                    PlanEdit::CutoffMinute(v) => {
                        format!("cut-off time \u{2192} {}", clock(*v))
                    }
                    PlanEdit::Storm(v) => format!("storm threshold \u{2192} {v} sessions an hour"),
                    PlanEdit::FullSyncDays(v) => {
                        format!("days since the last full sync \u{2192} {v}")
                    }
                    PlanEdit::Drain(v) => format!(
                        "drain uploads before reprovisioning \u{2192} {}",
                        if *v { "on" } else { "off" }
                    ),
                    PlanEdit::AddGroup { .. } => "add a store group".into(),
                    PlanEdit::RemoveGroup(id) => format!("remove {}", group(id)),
                    PlanEdit::Group(id, v) => format!(
                        "{} of {} \u{2192} {}",
                        field_name(v).replace('-', " "),
                        group(id),
                        value_words(v)
                    ),
                    PlanEdit::AddWave { change: None, .. } => "add a go-live wave".into(),
                    PlanEdit::AddWave {
                        change: Some(_), ..
                    } => "add a profile change".into(),
                    PlanEdit::RemoveWave(i) => format!("remove wave {}", i + 1),
                    PlanEdit::Wave(i, v) => {
                        let (what, value) = match v {
                            WaveValue::Group(g) => ("group", group(g)),
                            WaveValue::Day(d) => ("day", d.to_string()),
                            WaveValue::Stores(n) => ("stores", n.to_string()),
                            WaveValue::Minute(m) => ("time", clock(*m)),
                            WaveValue::Paused(b) => (
                                "offline sync paused until ready",
                                if *b { "on" } else { "off" }.into(),
                            ),
                            WaveValue::FullSync(b) => {
                                ("full sync first", if *b { "on" } else { "off" }.into())
                            }
                            WaveValue::Profile(p) => {
                                ("new profile", format!("\u{201c}{p}\u{201d}"))
                            }
                        };
                        format!("{what} of wave {} \u{2192} {value}", i + 1)
                    }
                    PlanEdit::AddOutage { .. } => "add an outage".into(),
                    PlanEdit::RemoveOutage(i) => format!("remove outage {}", i + 1),
                    PlanEdit::Outage(i, v) => {
                        let (what, value) = match v {
                            OutageValue::Group(g) => ("group", group(g)),
                            OutageValue::Day(d) => ("day", d.to_string()),
                            OutageValue::Minute(m) => ("start", clock(*m)),
                            OutageValue::Minutes(m) => ("length", format!("{m} minutes")),
                            OutageValue::Register(r) => (
                                "register",
                                r.map_or("the whole store".into(), |r| r.to_string()),
                            ),
                        };
                        format!("{what} of outage {} \u{2192} {value}", i + 1)
                    }
                }
            }
        }
    }
}

fn field_name(v: &GroupValue) -> &'static str {
    match v {
        GroupValue::Name(_) => "name",
        GroupValue::Stores(_) => "stores",
        GroupValue::Registers(_) => "registers-per-store",
        GroupValue::Profile(_) => "profile",
        GroupValue::Preset(_) => "preset",
        GroupValue::Products(_) => "products",
        GroupValue::Customers(_) => "customers",
        GroupValue::Transactions(_) => "transactions-a-day",
        GroupValue::Opening(_) => "opening-hours",
        GroupValue::WanKbps(_) => "WAN-capacity",
        GroupValue::WanLatency(_) => "WAN-latency",
        GroupValue::LanKbps(_) => "LAN-capacity",
        GroupValue::LanLatency(_) => "LAN-latency",
    }
}

fn value_words(v: &GroupValue) -> String {
    let opt = |o: &Option<u32>| o.map_or("the preset's".to_string(), |n| n.to_string());
    match v {
        GroupValue::Name(s) | GroupValue::Profile(s) => format!("\u{201c}{s}\u{201d}"),
        GroupValue::Preset(p) => p.label().to_string(),
        GroupValue::Products(o) | GroupValue::Customers(o) | GroupValue::Transactions(o) => opt(o),
        GroupValue::Opening(None) => "around the clock".into(),
        GroupValue::Opening(Some(o)) => format!(
            "{:02}:{:02}\u{2013}{:02}:{:02}",
            o.open / 60,
            o.open % 60,
            o.close / 60,
            o.close % 60
        ),
        GroupValue::Stores(n) | GroupValue::Registers(n) => n.to_string(),
        GroupValue::WanKbps(n) | GroupValue::LanKbps(n) => format!("{n} kbit/s"),
        GroupValue::WanLatency(n) | GroupValue::LanLatency(n) => format!("{n} ms"),
    }
}

impl PlanEdit {
    fn apply(&self, p: &mut ChainPlan) -> bool {
        match self.clone() {
            PlanEdit::Name(v) => set(&mut p.name, v),
            PlanEdit::Days(v) => set(&mut p.days, v),
            PlanEdit::CutoffDay(v) => set(&mut p.cutoff.day, v),
            PlanEdit::CutoffMinute(v) => set(&mut p.cutoff.minute, v),
            PlanEdit::Storm(v) => set(&mut p.storm_threshold, v),
            PlanEdit::FullSyncDays(v) => set(&mut p.days_since_full_sync, v),
            PlanEdit::Drain(v) => set(&mut p.drain_uploads, v),
            PlanEdit::AddGroup { profile } => {
                let id = p.next_group_id();
                let mut g: StoreGroup = ChainPlan::starter("", &profile).groups[0].clone();
                g.id = id;
                g.name = format!("Group {id}");
                g.stores = 10;
                p.groups.push(g);
                true
            }
            PlanEdit::RemoveGroup(id) => {
                let before = p.groups.len();
                p.groups.retain(|g| g.id != id);
                p.waves.retain(|w| w.group != id);
                p.outages.retain(|o| o.group != id);
                p.groups.len() != before
            }
            PlanEdit::Group(id, v) => p.groups.iter_mut().find(|g| g.id == id).is_some_and(|g| {
                let o = &mut g.overrides;
                match v {
                    GroupValue::Name(x) => set(&mut g.name, x),
                    GroupValue::Stores(x) => set(&mut g.stores, x),
                    GroupValue::Registers(x) => set(&mut g.registers_per_store, x),
                    GroupValue::Profile(x) => set(&mut g.profile, x),
                    GroupValue::Preset(x) => set(&mut g.preset, x),
                    GroupValue::Products(x) => set(&mut o.products, x),
                    GroupValue::Customers(x) => set(&mut o.customers, x),
                    GroupValue::Transactions(x) => set(&mut o.transactions_per_register_per_day, x),
                    GroupValue::Opening(x) => set(&mut o.opening, x),
                    GroupValue::WanKbps(x) => set(&mut g.wan_kbps, x),
                    GroupValue::WanLatency(x) => set(&mut g.wan_latency_ms, x),
                    GroupValue::LanKbps(x) => set(&mut g.lan_kbps, x),
                    GroupValue::LanLatency(x) => set(&mut g.lan_latency_ms, x),
                }
            }),
            PlanEdit::AddWave { group, change } => {
                let day = p
                    .waves
                    .iter()
                    .map(|w| w.day)
                    .max()
                    .unwrap_or(0)
                    .saturating_add(1)
                    .min(p.days.max(1));
                let kind = match change {
                    Some(profile) => WaveKind::ProfileChange {
                        profile,
                        minute: 2 * 60,
                    },
                    None => WaveKind::GoLive {
                        stores: 1,
                        minute: 6 * 60,
                        paused_until_ready: true,
                        full_sync_first: true,
                    },
                };
                p.waves.push(Wave { group, day, kind });
                true
            }
            PlanEdit::RemoveWave(i) => {
                i < p.waves.len() && {
                    p.waves.remove(i);
                    true
                }
            }
            PlanEdit::Wave(i, v) => p.waves.get_mut(i).is_some_and(|w| match (v, &mut w.kind) {
                (WaveValue::Group(x), _) => set(&mut w.group, x),
                (WaveValue::Day(x), _) => set(&mut w.day, x),
                (WaveValue::Stores(x), WaveKind::GoLive { stores, .. }) => set(stores, x),
                (
                    WaveValue::Minute(x),
                    WaveKind::GoLive { minute, .. } | WaveKind::ProfileChange { minute, .. },
                ) => set(minute, x),
                (
                    WaveValue::Paused(x),
                    WaveKind::GoLive {
                        paused_until_ready, ..
                    },
                ) => set(paused_until_ready, x),
                (
                    WaveValue::FullSync(x),
                    WaveKind::GoLive {
                        full_sync_first, ..
                    },
                ) => set(full_sync_first, x),
                (WaveValue::Profile(x), WaveKind::ProfileChange { profile, .. }) => set(profile, x),
                _ => false,
            }),
            PlanEdit::AddOutage { group } => {
                p.outages.push(LinkOutage {
                    group,
                    day: p.cutoff.day.clamp(1, p.days.max(1)),
                    minute: 18 * 60,
                    minutes: 240,
                    register: None,
                });
                true
            }
            PlanEdit::RemoveOutage(i) => {
                i < p.outages.len() && {
                    p.outages.remove(i);
                    true
                }
            }
            PlanEdit::Outage(i, v) => p.outages.get_mut(i).is_some_and(|o| match v {
                OutageValue::Group(x) => set(&mut o.group, x),
                OutageValue::Day(x) => set(&mut o.day, x),
                OutageValue::Minute(x) => set(&mut o.minute, x),
                OutageValue::Minutes(x) => set(&mut o.minutes, x),
                OutageValue::Register(x) => set(&mut o.register, x),
            }),
        }
    }
}

/// A profile renamed from `old` to `new`: plans that name it follow.
pub fn rename_profile(plans: &mut [ChainPlan], old: &str, new: &str) {
    for p in plans {
        for g in p.groups.iter_mut().filter(|g| g.profile == old) {
            g.profile = new.to_string();
        }
        for w in &mut p.waves {
            if let WaveKind::ProfileChange { profile, .. } = &mut w.kind {
                if profile == old {
                    *profile = new.to_string();
                }
            }
        }
    }
}
