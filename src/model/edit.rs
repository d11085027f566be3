//! Edits as data. Every change a user makes to the workspace is an [`Edit`] value, applied by
//! [`Edit::apply`]: the form semantics (a unit switch keeps the amount, a frequency typed by the
//! user is no longer the default one, moves stay in range) live here, once, and are tested on
//! the host. An edit says which edits coalesce with it into one undo step ([`Edit::coalesce_key`],
//! typing in one field) and what it did, for the Undo and Redo buttons ([`Edit::describe`]).
//! One-click fixes are edits too.

use super::{
    default_profile_scopes, ConflictPolicy, CustomerRule, ExportSchedule, ProductRule, Profile,
    ProfileId, ScopeId, SyncDirection, TargetSystem, TimeUnit, Workspace,
};
use crate::catalog::Job;
use crate::package::{apply_import, ClashChoice, Imported};

/// A value of a scope's Offline scope form.
#[derive(Debug, Clone, PartialEq)]
pub enum ScopeValue {
    Description(String),
    Direction(SyncDirection),
    /// The frequency's amount, in the scope's current unit.
    FrequencyAmount(i64),
    /// The frequency's unit; the amount stays ("every 15 minutes" becomes "every 15 hours").
    FrequencyUnit(TimeUnit),
    /// A frequency in seconds, shown in minutes (what a fix sets).
    FrequencySeconds(i64),
    ConflictPolicy(ConflictPolicy),
}

/// A value of the Offline products FastTab.
#[derive(Debug, Clone, PartialEq)]
pub enum ProductValue {
    Limited(bool),
    Rule(Option<ProductRule>),
    Categories(Vec<String>),
    TopN(i64),
    WithinDays(i64),
    Items(Vec<String>),
}

/// A value of the Offline customers FastTab.
#[derive(Debug, Clone, PartialEq)]
pub enum CustomerValue {
    Limited(bool),
    Rule(Option<CustomerRule>),
    City(String),
    Zip(String),
    State(String),
    TopN(i64),
    WithinDays(i64),
    Accounts(Vec<String>),
    LimitPartyTable(bool),
}

/// A value of the SQLite device configuration FastTab.
#[derive(Debug, Clone, PartialEq)]
pub enum DeviceValue {
    OfflineTimeoutSecs(i64),
    ReconnectIntervalMins(i64),
    NewDatabaseCheckMins(i64),
    UploadTransactionSize(i64),
    ImageFolder(String),
    DataExportFolder(String),
    ExportSchedule(ExportSchedule),
    DaysTransactionsKept(i64),
    ReturnWindowDays(i64),
}

/// A value of a profile's own fields.
#[derive(Debug, Clone, PartialEq)]
pub enum ProfileValue {
    Name(String),
    Description(String),
    Products(ProductValue),
    Customers(CustomerValue),
    Device(DeviceValue),
    /// The system the profile is designed for.
    Target(TargetSystem),
}

/// One change to the workspace.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// A new, empty profile (Ctrl+N).
    NewProfile,
    /// A change to the chain plans.
    Plans(crate::chain::edit::PlansEdit),
    /// A copy of a profile, sharing its scopes or with copies of them.
    DuplicateProfile {
        profile: ProfileId,
        copy_scopes: bool,
    },
    DeleteProfile(ProfileId),
    /// `Default pr` and its scopes back to the catalog defaults.
    RestoreDefaultProfile,
    SetProfile {
        profile: ProfileId,
        value: ProfileValue,
    },
    MarkProvisioned {
        profile: ProfileId,
        at: String,
    },
    ClearProvisioned(ProfileId),
    /// An export: the version the package gets (`at` fills a missing last-change time).
    RecordExport {
        profile: ProfileId,
        at: String,
    },
    /// A new scope in the library, added to a profile when given.
    NewScope {
        description: String,
        direction: SyncDirection,
        add_to: Option<ProfileId>,
    },
    DeleteScope(ScopeId),
    AddScopeToProfile {
        profile: ProfileId,
        scope: ScopeId,
    },
    RemoveScopeFromProfile {
        profile: ProfileId,
        scope: ScopeId,
    },
    /// Moves the scope at `from` to `to` in a profile's order.
    MoveScope {
        profile: ProfileId,
        from: usize,
        to: usize,
    },
    SetScope {
        scope: ScopeId,
        value: ScopeValue,
    },
    AddTables {
        scope: ScopeId,
        tables: Vec<String>,
    },
    RemoveTable {
        scope: ScopeId,
        table: String,
    },
    /// Adds each table to the scope given with it (a closure fix).
    PlaceTables(Vec<(ScopeId, String)>),
    /// Adds the scope of a scheduler job: the library's scope of that description if there is
    /// one, else a new one built from the catalog like the default's.
    AddJobScope {
        profile: ProfileId,
        job: Job,
    },
    /// Imports a read package or profile.json as the user chose.
    Import {
        imported: Box<Imported>,
        choice: ClashChoice,
    },
}

/// What applying an edit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Outcome {
    /// Whether the workspace changed.
    pub changed: bool,
    /// The profile it made (new, duplicated, imported).
    pub profile: Option<ProfileId>,
    /// The scope it made.
    pub scope: Option<ScopeId>,
    /// The version an export records.
    pub version: Option<u32>,
}

impl Outcome {
    fn changed(changed: bool) -> Outcome {
        Outcome {
            changed,
            ..Outcome::default()
        }
    }
}

fn set<T: PartialEq>(slot: &mut T, value: T) -> bool {
    if *slot == value {
        return false;
    }
    *slot = value;
    true
}

impl ProfileValue {
    fn apply(&self, p: &mut Profile) -> bool {
        use CustomerValue as C;
        use DeviceValue as D;
        use ProductValue as P;
        let (pr, cu, de) = (&mut p.products, &mut p.customers, &mut p.device);
        match self.clone() {
            ProfileValue::Name(v) => set(&mut p.name, v),
            ProfileValue::Description(v) => set(&mut p.description, v),
            ProfileValue::Products(P::Limited(v)) => set(&mut pr.limited, v),
            ProfileValue::Products(P::Rule(v)) => set(&mut pr.rule, v),
            ProfileValue::Products(P::Categories(v)) => set(&mut pr.categories, v),
            ProfileValue::Products(P::TopN(v)) => set(&mut pr.top_n, v),
            ProfileValue::Products(P::WithinDays(v)) => set(&mut pr.within_days, v),
            ProfileValue::Products(P::Items(v)) => set(&mut pr.items, v),
            ProfileValue::Customers(C::Limited(v)) => set(&mut cu.limited, v),
            ProfileValue::Customers(C::Rule(v)) => set(&mut cu.rule, v),
            ProfileValue::Customers(C::City(v)) => set(&mut cu.city, v),
            ProfileValue::Customers(C::Zip(v)) => set(&mut cu.zip, v),
            ProfileValue::Customers(C::State(v)) => set(&mut cu.state, v),
            ProfileValue::Customers(C::TopN(v)) => set(&mut cu.top_n, v),
            ProfileValue::Customers(C::WithinDays(v)) => set(&mut cu.within_days, v),
            ProfileValue::Customers(C::Accounts(v)) => set(&mut cu.accounts, v),
            ProfileValue::Customers(C::LimitPartyTable(v)) => set(&mut cu.limit_party_table, v),
            ProfileValue::Device(D::OfflineTimeoutSecs(v)) => set(&mut de.offline_timeout_secs, v),
            ProfileValue::Device(D::ReconnectIntervalMins(v)) => {
                set(&mut de.reconnect_interval_mins, v)
            }
            ProfileValue::Device(D::NewDatabaseCheckMins(v)) => {
                set(&mut de.new_database_check_mins, v)
            }
            ProfileValue::Device(D::UploadTransactionSize(v)) => {
                set(&mut de.upload_transaction_size, v)
            }
            ProfileValue::Device(D::ImageFolder(v)) => set(&mut de.image_folder, v),
            ProfileValue::Device(D::DataExportFolder(v)) => set(&mut de.data_export_folder, v),
            ProfileValue::Device(D::ExportSchedule(v)) => set(&mut de.export_schedule, v),
            ProfileValue::Device(D::DaysTransactionsKept(v)) => {
                set(&mut de.days_transactions_kept, v)
            }
            ProfileValue::Device(D::ReturnWindowDays(v)) => set(&mut de.return_window_days, v),
            ProfileValue::Target(v) => set(&mut p.target, v),
        }
    }

    /// The field's name, for people and as the coalescing key; whether typing edits it (text
    /// and numbers coalesce, choices do not).
    fn field(&self) -> (&'static str, bool) {
        use CustomerValue as C;
        use DeviceValue as D;
        use ProductValue as P;
        match self {
            ProfileValue::Name(_) => ("name", true),
            ProfileValue::Description(_) => ("description", true),
            ProfileValue::Products(P::Limited(_)) => ("offline products", false),
            ProfileValue::Products(P::Rule(_)) => ("product limit rule", false),
            ProfileValue::Products(P::Categories(_)) => ("product categories", true),
            ProfileValue::Products(P::TopN(_)) => ("number of products", true),
            ProfileValue::Products(P::WithinDays(_)) => ("product days", true),
            ProfileValue::Products(P::Items(_)) => ("item numbers", true),
            ProfileValue::Customers(C::Limited(_)) => ("offline customers", false),
            ProfileValue::Customers(C::Rule(_)) => ("customer limit rule", false),
            ProfileValue::Customers(C::City(_)) => ("customer city", true),
            ProfileValue::Customers(C::Zip(_)) => ("customer ZIP/postal code", true),
            ProfileValue::Customers(C::State(_)) => ("customer state", true),
            ProfileValue::Customers(C::TopN(_)) => ("number of customers", true),
            ProfileValue::Customers(C::WithinDays(_)) => ("customer days", true),
            ProfileValue::Customers(C::Accounts(_)) => ("customer accounts", true),
            ProfileValue::Customers(C::LimitPartyTable(_)) => ("DIRPARTYTABLE limit", false),
            ProfileValue::Device(D::OfflineTimeoutSecs(_)) => ("offline timeout", true),
            ProfileValue::Device(D::ReconnectIntervalMins(_)) => ("reconnect interval", true),
            ProfileValue::Device(D::NewDatabaseCheckMins(_)) => ("new database check", true),
            ProfileValue::Device(D::UploadTransactionSize(_)) => ("upload transaction size", true),
            ProfileValue::Device(D::ImageFolder(_)) => ("image folder", true),
            ProfileValue::Device(D::DataExportFolder(_)) => ("data export folder", true),
            ProfileValue::Device(D::ExportSchedule(_)) => ("export schedule", false),
            ProfileValue::Device(D::DaysTransactionsKept(_)) => ("days transactions kept", true),
            ProfileValue::Device(D::ReturnWindowDays(_)) => ("return window", true),
            ProfileValue::Target(_) => ("target system", false),
        }
    }

    /// The new value in words.
    fn shown(&self) -> String {
        use CustomerValue as C;
        use DeviceValue as D;
        use ProductValue as P;
        let limited = |v: bool| if v { "limited" } else { "all" }.to_string();
        match self {
            ProfileValue::Name(v) | ProfileValue::Description(v) => format!("\u{201c}{v}\u{201d}"),
            ProfileValue::Products(P::Limited(v)) | ProfileValue::Customers(C::Limited(v)) => {
                limited(*v)
            }
            ProfileValue::Products(P::Rule(r)) => r.map_or("none", |r| r.label()).to_string(),
            ProfileValue::Customers(C::Rule(r)) => r.map_or("none", |r| r.label()).to_string(),
            ProfileValue::Products(P::Categories(v) | P::Items(v))
            | ProfileValue::Customers(C::Accounts(v)) => v.join(", "),
            ProfileValue::Customers(C::City(v) | C::Zip(v) | C::State(v))
            | ProfileValue::Device(D::ImageFolder(v) | D::DataExportFolder(v)) => v.clone(),
            ProfileValue::Products(P::TopN(n) | P::WithinDays(n))
            | ProfileValue::Customers(C::TopN(n) | C::WithinDays(n))
            | ProfileValue::Device(
                D::OfflineTimeoutSecs(n)
                | D::ReconnectIntervalMins(n)
                | D::NewDatabaseCheckMins(n)
                | D::UploadTransactionSize(n)
                | D::DaysTransactionsKept(n)
                | D::ReturnWindowDays(n),
            ) => n.to_string(),
            ProfileValue::Customers(C::LimitPartyTable(v)) => {
                if *v { "on" } else { "off" }.to_string()
            }
            ProfileValue::Device(D::ExportSchedule(s)) => s.label().to_string(),
            ProfileValue::Target(t) => t.label().to_string(),
        }
    }
}

impl ScopeValue {
    fn apply(&self, ws: &mut Workspace, scope: ScopeId) -> bool {
        let Some(s) = ws.scope_mut(scope) else {
            return false;
        };
        let before = s.clone();
        match self {
            ScopeValue::Description(v) => s.description = v.clone(),
            ScopeValue::Direction(d) => s.direction = *d,
            ScopeValue::ConflictPolicy(p) => s.conflict_policy = *p,
            ScopeValue::FrequencyAmount(n) => {
                s.frequency.seconds = n.saturating_mul(s.frequency.unit.seconds());
                s.default_frequency = false;
            }
            ScopeValue::FrequencyUnit(u) => {
                let amount = s.frequency.seconds / s.frequency.unit.seconds();
                s.frequency.unit = *u;
                s.frequency.seconds = amount.saturating_mul(u.seconds());
                s.default_frequency = false;
            }
            ScopeValue::FrequencySeconds(seconds) => {
                s.frequency.seconds = *seconds;
                s.frequency.unit = TimeUnit::Minutes;
                s.default_frequency = false;
            }
        }
        *s != before
    }
}

impl Edit {
    /// Applies the edit to `ws`.
    pub fn apply(&self, ws: &mut Workspace) -> Outcome {
        match self {
            Edit::NewProfile => {
                let id = ws.new_profile();
                Outcome {
                    changed: true,
                    profile: Some(id),
                    ..Outcome::default()
                }
            }
            Edit::DuplicateProfile {
                profile,
                copy_scopes,
            } => {
                let made = ws.duplicate_profile(*profile, *copy_scopes);
                Outcome {
                    changed: made.is_some(),
                    profile: made,
                    ..Outcome::default()
                }
            }
            Edit::DeleteProfile(id) => Outcome::changed(ws.delete_profile(*id).is_some()),
            Edit::RestoreDefaultProfile => {
                let before = ws.clone();
                let id = ws.restore_default_profile();
                Outcome {
                    changed: *ws != before,
                    profile: Some(id),
                    ..Outcome::default()
                }
            }
            Edit::SetProfile { profile, value } => {
                let old = ws.profile(*profile).map(|p| p.name.clone());
                let changed = ws.profile_mut(*profile).is_some_and(|p| value.apply(p));
                // Plans name profiles: a renamed profile stays the one they use.
                if let (Some(old), Some(new)) = (old, ws.profile(*profile).map(|p| p.name.clone()))
                {
                    if old != new {
                        crate::chain::edit::rename_profile(&mut ws.plans, &old, &new);
                    }
                }
                Outcome::changed(changed)
            }
            Edit::Plans(e) => Outcome::changed(e.apply(&mut ws.plans)),
            Edit::MarkProvisioned { profile, at } => {
                Outcome::changed(ws.mark_provisioned(*profile, at))
            }
            Edit::ClearProvisioned(id) => {
                let was = ws.profile(*id).is_some_and(|p| p.provisioned.is_some());
                ws.clear_provisioned(*id);
                Outcome::changed(was)
            }
            Edit::RecordExport { profile, at } => {
                let before = ws.clone();
                let version = ws.record_export(*profile, at);
                Outcome {
                    changed: *ws != before,
                    version,
                    ..Outcome::default()
                }
            }
            Edit::NewScope {
                description,
                direction,
                add_to,
            } => {
                let id = ws.new_scope(description, *direction);
                if let Some(p) = add_to {
                    ws.add_scope_to_profile(*p, id);
                }
                Outcome {
                    changed: true,
                    scope: Some(id),
                    ..Outcome::default()
                }
            }
            Edit::DeleteScope(id) => Outcome::changed(ws.delete_scope(*id).is_some()),
            Edit::AddScopeToProfile { profile, scope } => {
                Outcome::changed(ws.add_scope_to_profile(*profile, *scope))
            }
            Edit::RemoveScopeFromProfile { profile, scope } => {
                Outcome::changed(ws.remove_scope_from_profile(*profile, *scope))
            }
            Edit::MoveScope { profile, from, to } => {
                Outcome::changed(ws.move_scope(*profile, *from, *to))
            }
            Edit::SetScope { scope, value } => Outcome::changed(value.apply(ws, *scope)),
            Edit::AddTables { scope, tables } => {
                Outcome::changed(ws.add_tables(*scope, tables) > 0)
            }
            Edit::RemoveTable { scope, table } => Outcome::changed(ws.remove_table(*scope, table)),
            Edit::PlaceTables(placements) => {
                let mut added = 0;
                for (scope, table) in placements {
                    added += ws.add_tables(*scope, std::slice::from_ref(table));
                }
                Outcome::changed(added > 0)
            }
            Edit::AddJobScope { profile, job } => add_job_scope(ws, *profile, *job),
            Edit::Import { imported, choice } => {
                let before = ws.clone();
                let (id, _) = apply_import(ws, imported, choice);
                Outcome {
                    changed: *ws != before,
                    profile: Some(id),
                    ..Outcome::default()
                }
            }
        }
    }

    /// Edits with the same key, one after another, are one undo step (typing in one field).
    pub fn coalesce_key(&self) -> Option<String> {
        match self {
            Edit::Plans(e) => e.coalesce_key(),
            Edit::SetProfile { profile, value } => {
                let (field, typed) = value.field();
                typed.then(|| format!("profile-{}-{field}", profile.0))
            }
            Edit::SetScope { scope, value } => match value {
                ScopeValue::Description(_) => Some(format!("scope-{}-description", scope.0)),
                ScopeValue::FrequencyAmount(_) => Some(format!("scope-{}-frequency", scope.0)),
                _ => None,
            },
            _ => None,
        }
    }

    /// What the edit does, in words, against the workspace before it ("frequency of 1010
    /// Customers → 10 minutes"), for "Undo: …" and "Redo: …".
    pub fn describe(&self, before: &Workspace) -> String {
        let profile = |id: &ProfileId| {
            before.profile(*id).map_or_else(
                || "a profile".to_string(),
                |p| format!("\u{201c}{}\u{201d}", p.name),
            )
        };
        let scope = |id: &ScopeId| {
            before
                .scope(*id)
                .map_or_else(|| "a scope".to_string(), |s| s.description.clone())
        };
        match self {
            Edit::Plans(e) => e.describe(&before.plans),
            Edit::NewProfile => "new profile".into(),
            Edit::DuplicateProfile { profile: p, .. } => format!("duplicate {}", profile(p)),
            Edit::DeleteProfile(p) => format!("delete {}", profile(p)),
            Edit::RestoreDefaultProfile => "restore \u{201c}Default pr\u{201d}".into(),
            Edit::SetProfile { profile: p, value } => {
                format!(
                    "{} of {} \u{2192} {}",
                    value.field().0,
                    profile(p),
                    value.shown()
                )
            }
            Edit::MarkProvisioned { profile: p, .. } => format!("mark {} provisioned", profile(p)),
            Edit::ClearProvisioned(p) => format!("{} no longer provisioned", profile(p)),
            Edit::RecordExport { profile: p, .. } => format!("export of {}", profile(p)),
            Edit::NewScope { description, .. } => format!("new scope {description}"),
            Edit::DeleteScope(s) => format!("delete scope {}", scope(s)),
            Edit::AddScopeToProfile {
                profile: p,
                scope: s,
            } => {
                format!("add {} to {}", scope(s), profile(p))
            }
            Edit::RemoveScopeFromProfile {
                profile: p,
                scope: s,
            } => {
                format!("remove {} from {}", scope(s), profile(p))
            }
            Edit::MoveScope {
                profile: p,
                from,
                to,
            } => {
                let moved = before
                    .profile(*p)
                    .and_then(|p| p.scopes.get(*from))
                    .map_or_else(|| "a scope".to_string(), scope);
                format!("move {moved} to position {}", to + 1)
            }
            Edit::SetScope { scope: s, value } => match value {
                ScopeValue::Description(v) => {
                    format!("description of {} \u{2192} {v}", scope(s))
                }
                ScopeValue::Direction(d) => {
                    format!("direction of {} \u{2192} {}", scope(s), d.label())
                }
                ScopeValue::ConflictPolicy(c) => {
                    format!("conflict resolution of {} \u{2192} {}", scope(s), c.label())
                }
                ScopeValue::FrequencyAmount(n) => {
                    let unit = before
                        .scope(*s)
                        .map_or(TimeUnit::Minutes, |x| x.frequency.unit);
                    format!("frequency of {} \u{2192} {n} {}", scope(s), unit.label())
                }
                ScopeValue::FrequencyUnit(u) => {
                    format!("frequency unit of {} \u{2192} {}", scope(s), u.label())
                }
                ScopeValue::FrequencySeconds(seconds) => {
                    format!(
                        "frequency of {} \u{2192} {} minutes",
                        scope(s),
                        seconds / 60
                    )
                }
            },
            Edit::AddTables { scope: s, tables } => match tables.as_slice() {
                [one] => format!("add {one} to {}", scope(s)),
                many => format!("add {} tables to {}", many.len(), scope(s)),
            },
            Edit::RemoveTable { scope: s, table } => format!("remove {table} from {}", scope(s)),
            Edit::PlaceTables(p) => match p.as_slice() {
                [(s, one)] => format!("add {one} to {}", scope(s)),
                many => format!("add {} missing tables", many.len()),
            },
            Edit::AddJobScope { profile: p, job } => {
                format!("add {} to {}", job.label(), profile(p))
            }
            Edit::Import { imported, .. } => {
                format!("import \u{201c}{}\u{201d}", imported.profile.name)
            }
        }
    }
}

fn add_job_scope(ws: &mut Workspace, profile: ProfileId, job: Job) -> Outcome {
    let description = job.label();
    let id = match ws.scope_described(&description) {
        Some(s) => s.id,
        None => {
            let Some(template) = default_profile_scopes()
                .into_iter()
                .find(|s| s.description == description)
            else {
                return Outcome::default();
            };
            let id = ws.new_scope(&description, template.direction);
            if let Some(s) = ws.scope_mut(id) {
                s.frequency = template.frequency;
                s.tables = template.tables;
                s.default_frequency = true;
            }
            id
        }
    };
    Outcome {
        changed: ws.add_scope_to_profile(profile, id),
        scope: Some(id),
        ..Outcome::default()
    }
}
