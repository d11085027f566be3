//! The choice enums (a scope's direction, a frequency unit, a conflict policy, product and
//! customer rules, an export schedule, a table's direction, a job source, a scenario preset) share
//! one trait: every value in display order, a label for people, a stable key for forms, and
//! parsing by key. One generic select component in the UI serves them all.

use super::{
    ConflictPolicy, CustomerRule, ExportSchedule, ProductRule, SyncDirection, TargetSystem,
    TimeUnit,
};
use crate::catalog::{JobSource, TableDirection};
use crate::sim::Preset;

/// A value chosen from a fixed list.
pub trait Choice: Copy + PartialEq + Send + Sync + 'static {
    /// Every value, in display order.
    fn all() -> &'static [Self];
    /// The label people read.
    fn label(self) -> &'static str;
    /// A stable key (the value of a form's option).
    fn key(self) -> &'static str;
    /// The value of a key.
    fn from_key(key: &str) -> Option<Self> {
        Self::all().iter().copied().find(|c| c.key() == key)
    }
}

macro_rules! choice {
    ($t:ty, $key:expr) => {
        impl Choice for $t {
            fn all() -> &'static [Self] {
                &<$t>::ALL
            }
            fn label(self) -> &'static str {
                <$t>::label(self)
            }
            fn key(self) -> &'static str {
                $key(self)
            }
        }
    };
}

choice!(SyncDirection, SyncDirection::label);
choice!(TimeUnit, TimeUnit::label);
choice!(ConflictPolicy, ConflictPolicy::label);
choice!(ExportSchedule, ExportSchedule::label);
choice!(ProductRule, ProductRule::key);
choice!(CustomerRule, CustomerRule::key);
choice!(TableDirection, TableDirection::as_str);
choice!(JobSource, JobSource::key);
choice!(Preset, Preset::label);
choice!(TargetSystem, TargetSystem::key);
choice!(
    crate::sim::sweep::SweepVariable,
    crate::sim::sweep::SweepVariable::key
);
