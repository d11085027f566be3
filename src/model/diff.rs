//! What changed between two versions of a profile, and which changes require every register of
//! the stores using the profile to be reprovisioned.
//!
//! A profile is compared *resolved*: with its scopes' contents, since a change to a shared scope
//! changes every profile that uses it.

use super::{
    ConflictPolicy, DeviceConfig, Frequency, OfflineCustomers, OfflineProducts, Profile,
    SyncDirection, TargetSystem, Workspace,
};
use serde::{Deserialize, Serialize};

/// One scope as a profile sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct ResolvedScope {
    /// Description.
    pub description: String,
    /// Synchronization direction.
    pub direction: SyncDirection,
    /// Synchronization frequency.
    pub frequency: Frequency,
    /// Tables, in order.
    pub tables: Vec<String>,
    /// Conflict policy.
    pub conflict_policy: ConflictPolicy,
}

/// A profile with its scopes' contents, independent of any workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct ResolvedProfile {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Scopes in sync order.
    pub scopes: Vec<ResolvedScope>,
    /// Offline products.
    pub products: OfflineProducts,
    /// Offline customers.
    pub customers: OfflineCustomers,
    /// Device configuration.
    pub device: DeviceConfig,
    /// The target system.
    #[serde(default)]
    pub target: TargetSystem,
}

impl ResolvedProfile {
    /// Resolves a profile of a workspace.
    pub fn of(ws: &Workspace, p: &Profile) -> ResolvedProfile {
        ResolvedProfile {
            name: p.name.clone(),
            description: p.description.clone(),
            scopes: ws
                .scopes_of(p)
                .map(|s| ResolvedScope {
                    description: s.description.clone(),
                    direction: s.direction,
                    frequency: s.frequency,
                    tables: s.tables.clone(),
                    conflict_policy: s.conflict_policy,
                })
                .collect(),
            products: p.products.clone(),
            customers: p.customers.clone(),
            device: p.device.clone(),
            target: p.target,
        }
    }
}

/// One difference between two versions of a profile.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Renamed {
        from: String,
        to: String,
    },
    DescriptionChanged,
    ScopeAdded {
        scope: String,
    },
    ScopeRemoved {
        scope: String,
    },
    ScopeMoved {
        scope: String,
        from: usize,
        to: usize,
    },
    DirectionChanged {
        scope: String,
        from: SyncDirection,
        to: SyncDirection,
    },
    FrequencyChanged {
        scope: String,
        from: Frequency,
        to: Frequency,
    },
    ConflictPolicyChanged {
        scope: String,
    },
    TableAdded {
        scope: String,
        table: String,
    },
    TableRemoved {
        scope: String,
        table: String,
    },
    ProductsChanged,
    CustomersChanged,
    DeviceConfigChanged {
        field: &'static str,
    },
    TargetChanged {
        from: TargetSystem,
        to: TargetSystem,
    },
}

impl Change {
    /// Whether registers must be reprovisioned for this change to reach them. What the
    /// offline database holds (tables, scopes, directions, product and customer sets) is fixed
    /// at provisioning; schedules and device settings are read at run time.
    pub fn requires_reprovisioning(&self) -> bool {
        !matches!(
            self,
            Change::Renamed { .. }
                | Change::DescriptionChanged
                | Change::FrequencyChanged { .. }
                | Change::ConflictPolicyChanged { .. }
                | Change::DeviceConfigChanged { .. }
                | Change::TargetChanged { .. }
        )
    }

    /// The change in words.
    pub fn describe(&self) -> String {
        match self {
            Change::Renamed { from, to } => {
                format!("Profile renamed from \u{201c}{from}\u{201d} to \u{201c}{to}\u{201d}")
            }
            Change::DescriptionChanged => "Profile description changed".into(),
            Change::ScopeAdded { scope } => format!("Scope \u{201c}{scope}\u{201d} added"),
            Change::ScopeRemoved { scope } => format!("Scope \u{201c}{scope}\u{201d} removed"),
            Change::ScopeMoved { scope, from, to } => {
                format!(
                    "Scope \u{201c}{scope}\u{201d} moved from position {} to {}",
                    from + 1,
                    to + 1
                )
            }
            Change::DirectionChanged { scope, from, to } => format!(
                "Scope \u{201c}{scope}\u{201d}: direction {} \u{2192} {}",
                from.label(),
                to.label()
            ),
            Change::FrequencyChanged { scope, from, to } => {
                format!("Scope \u{201c}{scope}\u{201d}: frequency {from} \u{2192} {to}")
            }
            Change::ConflictPolicyChanged { scope } => {
                format!("Scope \u{201c}{scope}\u{201d}: conflict policy changed")
            }
            Change::TableAdded { scope, table } => {
                format!("Table {table} added to \u{201c}{scope}\u{201d}")
            }
            Change::TableRemoved { scope, table } => {
                format!("Table {table} removed from \u{201c}{scope}\u{201d}")
            }
            Change::ProductsChanged => "Offline products changed".into(),
            Change::CustomersChanged => "Offline customers changed".into(),
            Change::DeviceConfigChanged { field } => {
                format!("SQLite device configuration: {field} changed")
            }
            Change::TargetChanged { from, to } => {
                format!(
                    "Target system changed from {} to {}",
                    from.label(),
                    to.label()
                )
            }
        }
    }
}

/// The changes from `old` to `new`, scopes matched by description.
pub fn diff(old: &ResolvedProfile, new: &ResolvedProfile) -> Vec<Change> {
    let mut changes = Vec::new();
    if old.name != new.name {
        changes.push(Change::Renamed {
            from: old.name.clone(),
            to: new.name.clone(),
        });
    }
    if old.description != new.description {
        changes.push(Change::DescriptionChanged);
    }
    let position = |list: &[ResolvedScope], d: &str| list.iter().position(|s| s.description == d);
    for s in &old.scopes {
        if position(&new.scopes, &s.description).is_none() {
            changes.push(Change::ScopeRemoved {
                scope: s.description.clone(),
            });
        }
    }
    // Moves are judged on the order of the scopes both versions share, so adding or removing a
    // scope does not make every later scope look moved.
    let shared_old: Vec<&str> = old
        .scopes
        .iter()
        .map(|s| s.description.as_str())
        .filter(|d| position(&new.scopes, d).is_some())
        .collect();
    let shared_new: Vec<&str> = new
        .scopes
        .iter()
        .map(|s| s.description.as_str())
        .filter(|d| position(&old.scopes, d).is_some())
        .collect();
    for (i, s) in new.scopes.iter().enumerate() {
        let Some(o) = position(&old.scopes, &s.description).map(|j| &old.scopes[j]) else {
            changes.push(Change::ScopeAdded {
                scope: s.description.clone(),
            });
            continue;
        };
        let scope = s.description.clone();
        let from = shared_old.iter().position(|d| *d == scope);
        let to = shared_new.iter().position(|d| *d == scope);
        if from != to {
            let old_at = position(&old.scopes, &scope).unwrap_or(0);
            changes.push(Change::ScopeMoved {
                scope: scope.clone(),
                from: old_at,
                to: i,
            });
        }
        if o.direction != s.direction {
            changes.push(Change::DirectionChanged {
                scope: scope.clone(),
                from: o.direction,
                to: s.direction,
            });
        }
        if o.frequency.seconds != s.frequency.seconds {
            changes.push(Change::FrequencyChanged {
                scope: scope.clone(),
                from: o.frequency,
                to: s.frequency,
            });
        }
        if o.conflict_policy != s.conflict_policy {
            changes.push(Change::ConflictPolicyChanged {
                scope: scope.clone(),
            });
        }
        for t in &s.tables {
            if !o.tables.contains(t) {
                changes.push(Change::TableAdded {
                    scope: scope.clone(),
                    table: t.clone(),
                });
            }
        }
        for t in &o.tables {
            if !s.tables.contains(t) {
                changes.push(Change::TableRemoved {
                    scope: scope.clone(),
                    table: t.clone(),
                });
            }
        }
    }
    if old.products != new.products {
        changes.push(Change::ProductsChanged);
    }
    if old.customers != new.customers {
        changes.push(Change::CustomersChanged);
    }
    if old.target != new.target {
        changes.push(Change::TargetChanged {
            from: old.target,
            to: new.target,
        });
    }
    let (a, b) = (&old.device, &new.device);
    let fields: [(&'static str, bool); 9] = [
        (
            "offline timeout",
            a.offline_timeout_secs != b.offline_timeout_secs,
        ),
        (
            "reconnect attempt interval",
            a.reconnect_interval_mins != b.reconnect_interval_mins,
        ),
        (
            "check for new database interval",
            a.new_database_check_mins != b.new_database_check_mins,
        ),
        (
            "upload transaction size",
            a.upload_transaction_size != b.upload_transaction_size,
        ),
        ("image folder", a.image_folder != b.image_folder),
        (
            "data export folder",
            a.data_export_folder != b.data_export_folder,
        ),
        (
            "database export schedule",
            a.export_schedule != b.export_schedule,
        ),
        (
            "days transactions kept",
            a.days_transactions_kept != b.days_transactions_kept,
        ),
        (
            "return window",
            a.return_window_days != b.return_window_days,
        ),
    ];
    for (field, changed) in fields {
        if changed {
            changes.push(Change::DeviceConfigChanged { field });
        }
    }
    changes
}
