//! An offline profile: its own fields, provisioning and export records.

use super::*;
use serde::{Deserialize, Serialize};

/// A profile as it was when its offline databases were provisioned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provisioned {
    /// When the user marked it provisioned (as the browser reported the time).
    pub at: String,
    /// The resolved profile at that moment: what the registers' databases hold.
    pub snapshot: diff::ResolvedProfile,
}

/// An offline profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Its id in the workspace.
    pub id: ProfileId,
    /// Name (required, unique; the original column holds 10 characters).
    pub name: String,
    /// Description.
    pub description: String,
    /// The scopes, in sync order.
    pub scopes: Vec<ScopeId>,
    /// Offline products.
    pub products: OfflineProducts,
    /// Offline customers.
    pub customers: OfflineCustomers,
    /// SQLite device configuration.
    pub device: DeviceConfig,
    /// The system the profile is designed for (profiles stored before it existed read as the
    /// documented AX 2012 R3 Retail essentials).
    #[serde(default)]
    pub target: TargetSystem,
    /// Set once the user says the offline databases exist.
    #[serde(default)]
    pub provisioned: Option<Provisioned>,
    /// The version recorded in exported packages; an export of a changed profile bumps it.
    #[serde(default = "first_version")]
    pub version: u32,
    /// The profile as last exported, to tell whether the next export is a new version.
    #[serde(default)]
    pub exported: Option<diff::ResolvedProfile>,
    /// When its content (name, description, scopes and their contents, limits, device
    /// configuration) last changed, as the browser reported the time (ISO-8601). Packages record
    /// this, not the moment of export, so that the same profile always gives the same bytes.
    #[serde(default)]
    pub changed_at: Option<String>,
}

fn first_version() -> u32 {
    1
}

impl Profile {
    /// A profile with no scopes and the default limits and device configuration.
    pub fn new(id: ProfileId, name: String) -> Profile {
        Profile {
            id,
            name,
            description: String::new(),
            scopes: Vec::new(),
            products: OfflineProducts::default(),
            customers: OfflineCustomers::default(),
            device: DeviceConfig::default(),
            target: TargetSystem::default(),
            provisioned: None,
            version: 1,
            exported: None,
            changed_at: None,
        }
    }

    /// Whether the content of this profile differs from `other`'s (ids, export and
    /// provisioning records aside), each read in its own workspace.
    pub(super) fn content_differs(
        &self,
        ws: &Workspace,
        other: &Profile,
        other_ws: &Workspace,
    ) -> bool {
        self.name != other.name
            || self.description != other.description
            || self.scopes != other.scopes
            || self.products != other.products
            || self.customers != other.customers
            || self.device != other.device
            || self.target != other.target
            || self
                .scopes
                .iter()
                .any(|&s| ws.scope(s) != other_ws.scope(s))
    }
}
