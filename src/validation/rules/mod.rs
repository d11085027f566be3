//! The validation rules, one function per area.

use super::{DeviceField, Diagnostic, Field, Fix, Place, Severity};
use crate::catalog::{Catalog, Job, TableDirection, TableId};
use crate::model::edit::{CustomerValue, Edit, ProfileValue, ScopeValue};
use crate::model::{
    CustomerRule, ExportSchedule, ProductRule, Profile, ProfileId, Scope, ScopeId, SyncDirection,
    Workspace, NAME_COLUMN_LENGTH,
};
use std::collections::{BTreeMap, BTreeSet};

mod device;
mod essentials;
mod guidance;
mod limits;
mod profile;
mod scope;
mod tables;
mod target;

pub(super) use device::device;
pub(super) use essentials::essentials;
pub(super) use guidance::guidance;
pub(super) use limits::limits;
pub(super) use profile::{dangling_scope, profile_fields, sessions};
pub(super) use scope::scope;
pub(super) use tables::tables_across_scopes;
pub(super) use target::target;
pub use target::{badge as target_badge, note as target_note};

/// Scopes running more often than this are a sync-storm risk (a 10-second frequency drove a
/// store server's CPU to 100% in one reported deployment).
pub const STORM_SECONDS: i64 = 60;
/// More sessions than this per register per day, all scopes together, is a storm too
/// (two a minute around the clock).
pub const STORM_SESSIONS_PER_DAY: f64 = 2880.0;
/// The registers per store the warnings multiply by (the reference mid-size store).
pub const REFERENCE_REGISTERS: u32 = 6;

fn place(
    profile: Option<ProfileId>,
    scope: Option<ScopeId>,
    table: Option<&str>,
    field: Field,
) -> Place {
    Place {
        profile,
        scope,
        table: table.map(str::to_string),
        field,
    }
}

fn push(
    out: &mut Vec<Diagnostic>,
    code: &'static str,
    severity: Severity,
    place: Place,
    message: String,
    fix: Option<Fix>,
) {
    out.push(Diagnostic {
        code,
        severity,
        place,
        message,
        fix,
    });
}

/// The fix that takes `table` out of `scope`.
fn remove_table(scope: ScopeId, table: &str) -> Option<Fix> {
    fix(
        format!("Remove {table} from this scope"),
        Edit::RemoveTable {
            scope,
            table: table.to_string(),
        },
    )
}

fn fix(label: impl Into<String>, action: Edit) -> Option<Fix> {
    Some(Fix {
        label: label.into(),
        action,
    })
}

/// A whole number with thousands separators, as the app writes counts (5,020).
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn list(names: &[&str], max: usize) -> String {
    let shown: Vec<&str> = names.iter().take(max).copied().collect();
    let more = names.len().saturating_sub(max);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// The tables of a profile: which scope position holds each catalog table.
struct Membership {
    /// For each catalog table, the position of the first scope holding it.
    position: Vec<Option<usize>>,
}

impl Membership {
    fn of(ws: &Workspace, p: &Profile, catalog: &Catalog) -> Membership {
        let mut position = vec![None; catalog.len()];
        for (i, s) in ws.scopes_of(p).enumerate() {
            for name in &s.tables {
                if let Some(id) = catalog.id(name) {
                    position[id.index()].get_or_insert(i);
                }
            }
        }
        Membership { position }
    }

    fn of_table(&self, id: TableId) -> Option<usize> {
        self.position[id.index()]
    }
}
