//! A chain plan: store groups, rollout waves, profile changes, outages and the period-close
//! cut-off. Plain data, kept in the workspace, exported as JSON (schema in `schemas/`).

use crate::model::TargetSystem;
use crate::sim::{Opening, Preset, Scenario};
use serde::{Deserialize, Serialize};

/// A rollout plan across a chain of stores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct ChainPlan {
    /// The plan's name (unique in a workspace).
    pub name: String,
    /// Days the plan covers, from day 1.
    pub days: u32,
    /// Store groups: stores that share a profile and a shape.
    pub groups: Vec<StoreGroup>,
    /// Go-live and profile-change waves.
    pub waves: Vec<Wave>,
    /// Outages of a group's stores (the same in every store of the group).
    #[serde(default)]
    pub outages: Vec<LinkOutage>,
    /// The period-close cut-off.
    pub cutoff: Cutoff,
    /// Head-office sessions per hour above which the plan warns of a storm.
    pub storm_threshold: u32,
    /// Days since the last full sync of the channel databases (Dynamics 365 Commerce: a new
    /// offline database inherits every download session since then, unless paused).
    pub days_since_full_sync: u32,
    /// Reprovision only after every register has uploaded its transactions.
    pub drain_uploads: bool,
    /// The random seed of every run.
    #[serde(default = "seed")]
    pub seed: u64,
}

fn seed() -> u64 {
    42
}

/// Stores that share a profile, a shape and a link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct StoreGroup {
    /// A stable number waves and outages refer to.
    pub id: u32,
    /// The group's name.
    pub name: String,
    /// Stores in the group.
    pub stores: u32,
    /// Registers in each store.
    pub registers_per_store: u32,
    /// The profile the stores use (its name in the workspace).
    pub profile: String,
    /// The starting shape of each store.
    pub preset: Preset,
    /// Values that differ from the preset.
    #[serde(default)]
    pub overrides: Overrides,
    /// The store's link to head office (WAN), kilobits per second, shared by its registers.
    pub wan_kbps: u32,
    /// The WAN's round-trip latency, milliseconds.
    pub wan_latency_ms: u32,
    /// The store's LAN between registers and store database, kilobits per second.
    pub lan_kbps: u32,
    /// The LAN's round-trip latency, milliseconds.
    pub lan_latency_ms: u32,
}

/// Scenario values that differ from a group's preset.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Overrides {
    pub products: Option<u32>,
    pub customers: Option<u32>,
    pub transactions_per_register_per_day: Option<u32>,
    pub product_changes_per_hour: Option<u32>,
    pub price_changes_per_hour: Option<u32>,
    pub new_customers_per_day: Option<u32>,
    /// Opening hours (sales happen only then).
    pub opening: Option<Opening>,
}

/// A wave: on `day`, something happens to some stores of a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Wave {
    /// The group ([`StoreGroup::id`]).
    pub group: u32,
    /// The day (1 = the plan's first day).
    pub day: u32,
    /// What happens.
    pub kind: WaveKind,
}

/// What a wave does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum WaveKind {
    /// `stores` stores go live at `minute` of the day.
    GoLive {
        stores: u32,
        #[serde(default)]
        minute: u32,
        /// Offline synchronization paused until the store is ready: the new offline databases
        /// start from a full sync instead of inheriting the pending download sessions.
        paused_until_ready: bool,
        /// Every scope downloaded in full before the register is used offline.
        full_sync_first: bool,
    },
    /// Every live store of the group moves to `profile` at `minute` of the day; its
    /// registers are reprovisioned.
    ProfileChange {
        profile: String,
        #[serde(default)]
        minute: u32,
    },
}

/// Stores of a group cut off from head office for a while.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct LinkOutage {
    /// The group ([`StoreGroup::id`]).
    pub group: u32,
    /// The day (1-based) and minute of the day it starts.
    pub day: u32,
    pub minute: u32,
    /// How long, minutes.
    pub minutes: u32,
    /// Only this register of each store (1-based); none: the whole store.
    #[serde(default)]
    pub register: Option<u32>,
}

/// The period-close cut-off: transactions must have reached head office by then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Cutoff {
    /// The day (1-based).
    pub day: u32,
    /// Minute of the day (23:59 = 1,439).
    pub minute: u32,
}

/// Which links carry a target system's offline sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Topology {
    /// AX 2012 R3: registers sync with the store database over the LAN; the store database
    /// with head office over the WAN (scheduler jobs, once per store).
    StoreDatabase,
    /// Dynamics 365 Commerce: every offline database receives its download sessions from head
    /// office (or the scale unit) over the store's WAN.
    Direct,
}

impl Topology {
    /// The topology of a target system.
    pub fn of(target: TargetSystem) -> Topology {
        match target {
            TargetSystem::Commerce => Topology::Direct,
            TargetSystem::Essentials | TargetSystem::Ax2012R3 => Topology::StoreDatabase,
        }
    }

    /// What each link carries, in words.
    pub fn words(self) -> &'static str {
        match self {
            Topology::StoreDatabase => "AX 2012 R3: each register syncs with its store database over the store LAN; the store database syncs with head office over the WAN (scheduler jobs, once per store).",
            Topology::Direct => "Dynamics 365 Commerce: every register's offline database receives its download sessions from head office or the scale unit over the store WAN, and uploads the same way; the LAN carries no offline sync.",
        }
    }
}

impl StoreGroup {
    /// One store of the group as a simulator scenario (outages, horizon and seed are set by
    /// the layout). `link_kbps`, `latency_ms`: the link the registers' sessions cross.
    pub fn scenario(&self, link_kbps: u32, latency_ms: u32) -> Scenario {
        let mut s = self.preset.scenario();
        let o = &self.overrides;
        s.stores = 1;
        s.registers_per_store = self.registers_per_store;
        let set = |v: &mut u32, by: Option<u32>| {
            if let Some(x) = by {
                *v = x;
            }
        };
        set(&mut s.products, o.products);
        set(&mut s.customers, o.customers);
        set(
            &mut s.transactions_per_register_per_day,
            o.transactions_per_register_per_day,
        );
        set(&mut s.product_changes_per_hour, o.product_changes_per_hour);
        set(&mut s.price_changes_per_hour, o.price_changes_per_hour);
        set(&mut s.new_customers_per_day, o.new_customers_per_day);
        s.opening = o.opening;
        // The link is shared: each register's session gets its share when all sync at once.
        s.bandwidth_kbps = (link_kbps / self.registers_per_store.max(1)).max(1);
        s.latency_ms = latency_ms;
        s.outages.clear();
        s.late_registers.clear();
        s.reprovision_minute = None;
        s
    }
}

impl ChainPlan {
    /// A starting plan: two groups of `profile`'s stores, going live in two waves.
    pub fn starter(name: &str, profile: &str) -> ChainPlan {
        let group = |id: u32, name: &str, stores: u32, preset: Preset, wan: u32| StoreGroup {
            id,
            name: name.to_string(),
            stores,
            registers_per_store: if preset == Preset::Small { 2 } else { 6 },
            profile: profile.to_string(),
            preset,
            overrides: Overrides {
                opening: Some(Opening {
                    open: 8 * 60,
                    close: 21 * 60,
                }),
                ..Overrides::default()
            },
            wan_kbps: wan,
            wan_latency_ms: 60,
            lan_kbps: 100_000,
            lan_latency_ms: 2,
        };
        let go = |group: u32, day: u32, stores: u32| Wave {
            group,
            day,
            kind: WaveKind::GoLive {
                stores,
                minute: 6 * 60,
                paused_until_ready: true,
                full_sync_first: true,
            },
        };
        ChainPlan {
            name: name.to_string(),
            days: 14,
            groups: vec![
                group(1, "Small stores", 40, Preset::Small, 2_000),
                group(2, "Mid-size stores", 10, Preset::Reference, 10_000),
            ],
            waves: vec![go(1, 1, 20), go(1, 3, 20), go(2, 2, 10)],
            outages: Vec::new(),
            cutoff: Cutoff {
                day: 14,
                minute: 23 * 60 + 59,
            },
            storm_threshold: 10_000,
            days_since_full_sync: 60,
            drain_uploads: true,
            seed: 42,
        }
    }

    /// The group with this id.
    pub fn group(&self, id: u32) -> Option<&StoreGroup> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// An id no group has.
    pub fn next_group_id(&self) -> u32 {
        self.groups.iter().map(|g| g.id).max().unwrap_or(0) + 1
    }

    /// Stores of every group.
    pub fn stores(&self) -> u64 {
        self.groups.iter().map(|g| u64::from(g.stores)).sum()
    }
}

/// "06:00" for a minute of the day (24:00 reads 00:00).
pub fn clock(minute: u32) -> String {
    format!("{:02}:{:02}", minute / 60 % 24, minute % 60)
}

/// "day 3, 06:00" for a minute counted from the start of day 1.
pub fn when(minute: u64) -> String {
    format!(
        "day {}, {}",
        minute / 1440 + 1,
        clock((minute % 1440) as u32)
    )
}

/// "5 h 20 min" for a duration in seconds.
pub fn duration(secs: f64) -> String {
    if !secs.is_finite() {
        return "never (the link cannot keep up)".to_string();
    }
    let m = (secs / 60.0).ceil() as u64;
    match m {
        0 => "under a minute".to_string(),
        m if m < 60 => format!("{m} min"),
        m if m < 48 * 60 => format!("{} h {:02} min", m / 60, m % 60),
        m => format!("{} days {} h", m / 1440, m % 1440 / 60),
    }
}
