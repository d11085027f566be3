//! A scope and its values: direction, frequency (amount and unit), conflict policy.

use super::*;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which way a scope moves data (enum values as in the original schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum SyncDirection {
    /// Store database to offline databases (0).
    #[default]
    Download,
    /// Offline databases to store database (1).
    Upload,
    /// Both ways (2).
    Bidirectional,
}

impl SyncDirection {
    /// All directions in the order of the original form.
    pub const ALL: [SyncDirection; 3] = [
        SyncDirection::Download,
        SyncDirection::Upload,
        SyncDirection::Bidirectional,
    ];

    /// The label the procedure uses.
    pub fn label(self) -> &'static str {
        match self {
            SyncDirection::Download => "Download",
            SyncDirection::Upload => "Upload",
            SyncDirection::Bidirectional => "Bidirectional",
        }
    }

    /// Whether the scope brings store data to registers.
    pub fn downloads(self) -> bool {
        matches!(self, SyncDirection::Download | SyncDirection::Bidirectional)
    }

    /// Whether the scope brings register data to the store.
    pub fn uploads(self) -> bool {
        matches!(self, SyncDirection::Upload | SyncDirection::Bidirectional)
    }
}

/// The unit a frequency was entered in; it is stored in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum TimeUnit {
    Seconds,
    #[default]
    Minutes,
    Hours,
}

impl TimeUnit {
    /// All units, smallest first.
    pub const ALL: [TimeUnit; 3] = [TimeUnit::Seconds, TimeUnit::Minutes, TimeUnit::Hours];

    /// Seconds in one of this unit.
    pub fn seconds(self) -> i64 {
        match self {
            TimeUnit::Seconds => 1,
            TimeUnit::Minutes => 60,
            TimeUnit::Hours => 3600,
        }
    }

    /// The unit's name, plural.
    pub fn label(self) -> &'static str {
        match self {
            TimeUnit::Seconds => "seconds",
            TimeUnit::Minutes => "minutes",
            TimeUnit::Hours => "hours",
        }
    }
}

/// A synchronization frequency: the time between two sync sessions, stored in seconds, with
/// the unit it was entered in for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Frequency {
    /// Seconds between two sessions (validation requires it to be positive).
    pub seconds: i64,
    /// The unit the user entered it in.
    pub unit: TimeUnit,
}

impl Frequency {
    /// A frequency of `amount` units.
    pub fn every(amount: i64, unit: TimeUnit) -> Frequency {
        Frequency {
            seconds: amount.saturating_mul(unit.seconds()),
            unit,
        }
    }

    /// The amount in the entry unit (may be fractional if seconds do not divide evenly).
    pub fn amount(&self) -> f64 {
        self.seconds as f64 / self.unit.seconds() as f64
    }

    /// Sync sessions per register per day at this frequency (0 when not positive).
    pub fn sessions_per_day(&self) -> f64 {
        if self.seconds > 0 {
            86_400.0 / self.seconds as f64
        } else {
            0.0
        }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let amount = self.amount();
        let unit = if (amount - 1.0).abs() < f64::EPSILON {
            self.unit.label().trim_end_matches('s')
        } else {
            self.unit.label()
        };
        if amount.fract() == 0.0 {
            write!(f, "every {} {unit}", amount as i64)
        } else {
            write!(f, "every {amount:.2} {unit}")
        }
    }
}

/// How a bidirectional scope settles a row changed on both sides since the last run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum ConflictPolicy {
    /// The store's version is kept (the default).
    #[default]
    StoreWins,
    /// The register's version is kept.
    RegisterWins,
    /// The most recently changed version is kept.
    NewestWins,
}

impl ConflictPolicy {
    /// All policies.
    pub const ALL: [ConflictPolicy; 3] = [
        ConflictPolicy::StoreWins,
        ConflictPolicy::RegisterWins,
        ConflictPolicy::NewestWins,
    ];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            ConflictPolicy::StoreWins => "Store wins",
            ConflictPolicy::RegisterWins => "Register wins",
            ConflictPolicy::NewestWins => "Newest wins",
        }
    }
}

/// An offline scope: a set of tables synchronized together, in one direction, at one frequency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scope {
    /// Its id in the library.
    pub id: ScopeId,
    /// Its description (required and unique: profiles pick scopes by it).
    pub description: String,
    /// Synchronization direction.
    pub direction: SyncDirection,
    /// Synchronization frequency.
    pub frequency: Frequency,
    /// Line details: table names, in order. Names are kept as given, so a table unknown to the
    /// catalog (from an import, say) can be reported rather than lost.
    pub tables: Vec<String>,
    /// How conflicts are settled when the scope is bidirectional.
    #[serde(default)]
    pub conflict_policy: ConflictPolicy,
    /// Whether the frequency is the one the app chose for a default scope.
    #[serde(default)]
    pub default_frequency: bool,
}
