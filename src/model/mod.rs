//! The domain model: a workspace of offline profiles and a shared library of offline scopes.
//!
//! As in the original schema, a scope exists once and profiles refer to it; a profile's list of
//! scope references is ordered, and that order is the sync order. Values entered in forms are
//! kept as entered (a negative frequency is representable) so validation can explain what is
//! wrong; nothing here panics on odd values. Pure core: no leptos, web-sys, js-sys or I/O.

pub mod choice;
mod defaults;
pub mod diff;
pub mod edit;
pub mod history;

use serde::{Deserialize, Serialize};

mod limits;
mod profile;
mod scope;
mod target;
mod workspace;

pub use defaults::{default_profile_scopes, DEFAULT_PROFILE_NAME};
pub use limits::{
    CustomerRule, DeviceConfig, ExportSchedule, OfflineCustomers, OfflineProducts, ProductRule,
};
pub use profile::{Profile, Provisioned};
pub use scope::{ConflictPolicy, Frequency, Scope, SyncDirection, TimeUnit};
pub use target::{TargetSystem, RELEASED_SYNC_MINUTES};
pub use workspace::Workspace;

/// The original schema's profile-name column holds this many characters.
pub const NAME_COLUMN_LENGTH: usize = 10;

/// Identifies a profile within its workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProfileId(pub u32);

/// Identifies a scope within its workspace's library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ScopeId(pub u32);
