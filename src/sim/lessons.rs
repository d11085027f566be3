//! Lesson scenarios for trainers: each is one click to load, says in one sentence what it shows,
//! runs the built-in profile (changed as the lesson needs) on a small store, and knows the
//! session where its point is made, so trainer mode can jump straight there.

use super::engine::SimResult;
use super::scenario::{Outage, Preset, Scenario};
use crate::model::diff::ResolvedProfile;
use crate::model::{ConflictPolicy, Frequency, SyncDirection, TimeUnit};

/// What a lesson changes in the built-in profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    None,
    /// 1010 Customers bidirectional, settled by this policy.
    Bidirectional(ConflictPolicy),
    /// 1130 Product availability every 30 seconds.
    Storm,
}

/// Where a lesson's point is made: its first session with orphans, a catch-up, a conflict, or the
/// first steady session of a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Moment {
    Orphans,
    CatchUp,
    Conflict,
    /// The scope of this description.
    SteadyOf(&'static str),
    /// A provisioning after the start (a late register, or a reprovisioning).
    Provisioned,
}

/// A lesson scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lesson {
    /// Stable key.
    pub key: &'static str,
    /// Its title.
    pub title: &'static str,
    /// What it shows, in one sentence.
    pub shows: &'static str,
    change: Change,
    /// Simulated hours.
    hours: u32,
    /// A register back from an outage (register, start and end minute).
    outage: Option<(u32, u32, u32)>,
    /// Busy customers: few of them, edited often at every register.
    busy: bool,
    /// A register joining late (register, minute).
    late: Option<(u32, u32)>,
    /// When every register is reprovisioned (minute).
    reprovision: Option<u32>,
    moment: Moment,
}

/// What a lesson has unless it says otherwise: no outage, ordinary customers, no late register,
/// no reprovisioning.
const QUIET: Lesson = Lesson {
    key: "",
    title: "",
    shows: "",
    change: Change::None,
    hours: 2,
    outage: None,
    busy: false,
    late: None,
    reprovision: None,
    moment: Moment::Orphans,
};

/// The built-in lessons.
pub const LESSONS: [Lesson; 8] = [
    Lesson {
        key: "child-before-parent",
        title: "A child table before its parent",
        shows: "In the built-in profile's job order, customers reach a new register before the tables they point at, and lookups fail until the parent's scope runs.",
        change: Change::None,
        hours: 2,
        moment: Moment::Orphans,
        ..QUIET
    },
    Lesson {
        key: "outage-catch-up",
        title: "An outage and its catch-up",
        shows: "Register 1 loses the store from 00:30 to 02:00, retries at its reconnect interval, then catches up with everything that changed meanwhile.",
        change: Change::None,
        hours: 4,
        outage: Some((1, 30, 120)),
        moment: Moment::CatchUp,
        ..QUIET
    },
    Lesson {
        key: "conflict-store-wins",
        title: "A conflict: the store wins",
        shows: "Customers are edited at the registers and at the store between syncs; with Store wins the register's edits are overwritten.",
        change: Change::Bidirectional(ConflictPolicy::StoreWins),
        hours: 3,
        busy: true,
        moment: Moment::Conflict,
        ..QUIET
    },
    Lesson {
        key: "conflict-register-wins",
        title: "A conflict: the register wins",
        shows: "The same edits with Register wins: the register's version overwrites the store's.",
        change: Change::Bidirectional(ConflictPolicy::RegisterWins),
        hours: 3,
        busy: true,
        moment: Moment::Conflict,
        ..QUIET
    },
    Lesson {
        key: "conflict-newest-wins",
        title: "A conflict: the newest edit wins",
        shows: "With Newest wins, a register back from an outage keeps its edits made after the store's and loses the older ones.",
        change: Change::Bidirectional(ConflictPolicy::NewestWins),
        hours: 3,
        outage: Some((2, 30, 150)),
        busy: true,
        moment: Moment::Conflict,
        ..QUIET
    },
    Lesson {
        key: "sync-storm",
        title: "A sync storm",
        shows: "Product availability every 30 seconds: thousands of sessions a day per register, most of them moving nothing.",
        change: Change::Storm,
        hours: 1,
        moment: Moment::SteadyOf("1130 Product availability"),
        ..QUIET
    },
    Lesson {
        key: "late-register",
        title: "A new register joining late",
        shows: "Register 2 is set up at 02:00: its first download brings everything the store holds by then, not what it held at the start.",
        change: Change::None,
        hours: 4,
        late: Some((2, 120)),
        moment: Moment::Provisioned,
        ..QUIET
    },
    Lesson {
        key: "profile-change",
        title: "A profile change that forces reprovisioning",
        shows: "At 02:00 the store's profile changes: every register's offline database is rebuilt by a full download, as the Store Database Utility does.",
        change: Change::None,
        hours: 4,
        reprovision: Some(120),
        moment: Moment::Provisioned,
        ..QUIET
    },
];

/// The lesson of a key.
pub fn lesson(key: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.key == key)
}

impl Lesson {
    /// The profile the lesson runs, named after it, from the built-in one.
    pub fn profile(&self, built_in: &ResolvedProfile) -> ResolvedProfile {
        let mut p = built_in.clone();
        p.name = format!("Lesson: {}", self.title);
        let find = |p: &ResolvedProfile, d: &str| p.scopes.iter().position(|s| s.description == d);
        match self.change {
            Change::None => {}
            Change::Bidirectional(policy) => {
                if let Some(i) = find(&p, "1010 Customers") {
                    p.scopes[i].direction = SyncDirection::Bidirectional;
                    p.scopes[i].conflict_policy = policy;
                }
            }
            Change::Storm => {
                if let Some(i) = find(&p, "1130 Product availability") {
                    p.scopes[i].frequency = Frequency::every(30, TimeUnit::Seconds);
                }
            }
        }
        p
    }

    /// The scenario the lesson runs: the Small store preset, shortened and shaped.
    pub fn scenario(&self) -> Scenario {
        let mut s = Preset::Small.scenario();
        s.horizon_hours = self.hours;
        s.outages = self
            .outage
            .map(|(register, start_minute, end_minute)| Outage {
                register,
                start_minute,
                end_minute,
            })
            .into_iter()
            .collect();
        s.late_registers = self
            .late
            .map(|(register, minute)| super::scenario::LateRegister { register, minute })
            .into_iter()
            .collect();
        s.reprovision_minute = self.reprovision;
        if self.busy {
            s.customers = 20;
            s.new_customers_per_day = 0;
            s.register_edits_per_day = 400;
        }
        s
    }

    /// The session where the lesson's point is made.
    pub fn moment(&self, r: &SimResult) -> Option<usize> {
        let steady_from = r
            .sessions
            .iter()
            .position(|s| !s.initial)
            .unwrap_or(r.sessions.len());
        r.sessions
            .iter()
            .enumerate()
            .position(|(i, s)| match self.moment {
                Moment::Orphans => !s.orphans.is_empty(),
                Moment::CatchUp => s.catch_up,
                Moment::Conflict => s.conflicts > 0,
                Moment::SteadyOf(d) => {
                    !s.initial && r.scopes.get(s.scope).is_some_and(|(x, _)| x == d)
                }
                // An initial session after steady syncing began: a late join or a reprovisioning.
                Moment::Provisioned => s.initial && i > steady_from,
            })
    }
}
