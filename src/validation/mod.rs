//! Checks profiles and scopes as they are edited, and returns diagnostics a planner understands:
//! a code, a severity, the place (profile, scope, table, field), a message and, where one is
//! safe, a fix the user applies with one click.
//!
//! Validation is pure: it reads a workspace and the catalog, never panics, never does I/O.
//! A profile holding all 438 tables in 30 scopes validates in well under a millisecond natively
//! (see `make bench`): every check is linear in tables and parent edges.

pub mod operations;
mod rules;

pub use rules::{target_badge, target_note, thousands, STORM_SESSIONS_PER_DAY};

use crate::catalog::Catalog;
use crate::model::{Profile, ProfileId, Scope, ScopeId, Workspace};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The profile would not work; export is refused.
    Error,
    /// It works, but probably not as intended.
    Warning,
    /// Worth knowing; nothing to change.
    Info,
}

impl Severity {
    /// The word for people.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
            Severity::Info => "Info",
        }
    }
}

/// A field of the SQLite device configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeviceField {
    OfflineTimeout,
    ReconnectInterval,
    NewDatabaseCheck,
    UploadTransactionSize,
    ImageFolder,
    DataExportFolder,
    ExportSchedule,
    DaysTransactionsKept,
    ReturnWindow,
}

/// The field a diagnostic concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    ProfileName,
    ProfileDescription,
    /// The profile's target system.
    ProfileTarget,
    /// The profile's list of scopes (the Offline tables FastTab).
    ProfileScopes,
    ScopeDescription,
    ScopeDirection,
    ScopeFrequency,
    /// The unit beside a scope's frequency.
    ScopeFrequencyUnit,
    /// A bidirectional scope's conflict resolution.
    ScopeConflicts,
    /// A scope's line details.
    ScopeTables,
    /// The search box of a scope's table picker.
    ScopeTableSearch,
    Products,
    Customers,
    Device(DeviceField),
}

impl Field {
    /// Whether the field is on the Offline scope form (which must be open to show it).
    pub fn in_scope_form(self) -> bool {
        matches!(
            self,
            Field::ScopeDescription
                | Field::ScopeDirection
                | Field::ScopeFrequency
                | Field::ScopeFrequencyUnit
                | Field::ScopeConflicts
                | Field::ScopeTables
                | Field::ScopeTableSearch
        )
    }

    /// The id of the form control showing this field, so a diagnostic can link to it: the one
    /// function every control id of the Profiles area comes from. Scope fields carry the scope
    /// id; tables link to their line in the line details.
    pub fn dom_id(self, scope: Option<ScopeId>, table: Option<&str>) -> String {
        let s = scope.map(|s| s.0).unwrap_or(0);
        match self {
            Field::ProfileName => "profile-name".into(),
            Field::ProfileDescription => "profile-description".into(),
            Field::ProfileTarget => "profile-target".into(),
            Field::ProfileScopes => match scope {
                Some(_) => format!("profile-scope-{s}"),
                None => "offline-tables".into(),
            },
            Field::ScopeDescription => format!("scope-{s}-description"),
            Field::ScopeDirection => format!("scope-{s}-direction"),
            Field::ScopeFrequency => format!("scope-{s}-frequency"),
            Field::ScopeFrequencyUnit => format!("scope-{s}-frequency-unit"),
            Field::ScopeConflicts => format!("scope-{s}-conflicts"),
            Field::ScopeTableSearch => format!("picker-{s}-search"),
            Field::ScopeTables => match table {
                Some(t) => format!("scope-{s}-table-{t}"),
                None => format!("scope-{s}-tables"),
            },
            Field::Products => "offline-products".into(),
            Field::Customers => "offline-customers".into(),
            Field::Device(f) => format!(
                "device-{}",
                match f {
                    DeviceField::OfflineTimeout => "offline-timeout",
                    DeviceField::ReconnectInterval => "reconnect-interval",
                    DeviceField::NewDatabaseCheck => "new-database-check",
                    DeviceField::UploadTransactionSize => "upload-transaction-size",
                    DeviceField::ImageFolder => "image-folder",
                    DeviceField::DataExportFolder => "data-export-folder",
                    DeviceField::ExportSchedule => "export-schedule",
                    DeviceField::DaysTransactionsKept => "days-transactions-kept",
                    DeviceField::ReturnWindow => "return-window",
                }
            ),
        }
    }
}

/// Where a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    /// The profile, when the check ran for one.
    pub profile: Option<ProfileId>,
    /// The scope concerned, if any.
    pub scope: Option<ScopeId>,
    /// The table concerned, if any.
    pub table: Option<String>,
    /// The field concerned.
    pub field: Field,
}

impl Place {
    /// The id of the form control to focus for this place.
    pub fn dom_id(&self) -> String {
        self.field.dom_id(self.scope, self.table.as_deref())
    }
}

/// A one-click fix: what the button says and what it does.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// The button's text, e.g. "Add the 3 missing parent tables".
    pub label: String,
    /// What applying it does.
    pub action: crate::model::edit::Edit,
}

/// One finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// A stable code, e.g. `CLS-MISSING-PARENTS`.
    pub code: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// Where it points.
    pub place: Place,
    /// What is wrong, for a planner.
    pub message: String,
    /// A safe fix, where there is one.
    pub fix: Option<Fix>,
}

/// Counts of diagnostics by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    /// Counts a list of diagnostics.
    pub fn of(diagnostics: &[Diagnostic]) -> Counts {
        Counts::of_iter(diagnostics)
    }

    /// Counts diagnostics.
    pub fn of_iter<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Counts {
        let mut c = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

/// Every diagnostic of one profile: its fields, its scopes as this profile uses them, closure,
/// order, limits, device configuration and the data a register needs to go offline. Sorted by
/// severity, then in form order.
pub fn validate_profile(ws: &Workspace, profile: &Profile, catalog: &Catalog) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    rules::profile_fields(ws, profile, &mut out);
    for (position, id) in profile.scopes.iter().enumerate() {
        match ws.scope(*id) {
            Some(scope) => rules::scope(ws, scope, Some(profile.id), catalog, &mut out),
            None => rules::dangling_scope(profile, *id, position, &mut out),
        }
    }
    rules::tables_across_scopes(ws, profile, catalog, &mut out);
    rules::sessions(ws, profile, &mut out);
    rules::limits(profile, catalog, ws, &mut out);
    rules::device(profile, &mut out);
    rules::target(profile, &mut out);
    rules::essentials(ws, profile, catalog, &mut out);
    rules::guidance(ws, profile, catalog, &mut out);
    out.sort_by_key(|d| d.severity);
    out
}

/// The diagnostics of one scope on its own (description, frequency, direction against its
/// tables, unknown and channel-local tables), as the Offline scope form shows them.
pub fn validate_scope(ws: &Workspace, scope: &Scope, catalog: &Catalog) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    rules::scope(ws, scope, None, catalog, &mut out);
    out.sort_by_key(|d| d.severity);
    out
}
