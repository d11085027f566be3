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
use std::fmt;

pub use defaults::{default_profile_scopes, DEFAULT_PROFILE_NAME};

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

/// Which product rule limits a profile's offline products.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum ProductRule {
    /// Products of the chosen categories.
    Categories,
    /// The top N products by sales amount within the last X days.
    TopBySalesAmount,
    /// The top N products by sales quantity within the last X days.
    TopBySalesQuantity,
    /// The N newest arrivals.
    NewestArrivals,
    /// An explicit list of items.
    Items,
}

impl ProductRule {
    /// All rules.
    pub const ALL: [ProductRule; 5] = [
        ProductRule::Categories,
        ProductRule::TopBySalesAmount,
        ProductRule::TopBySalesQuantity,
        ProductRule::NewestArrivals,
        ProductRule::Items,
    ];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            ProductRule::Categories => "By category",
            ProductRule::TopBySalesAmount => "Top N by sales amount",
            ProductRule::TopBySalesQuantity => "Top N by sales quantity",
            ProductRule::NewestArrivals => "Newest N arrivals",
            ProductRule::Items => "Item list",
        }
    }

    /// A stable key for forms.
    pub fn key(self) -> &'static str {
        match self {
            ProductRule::Categories => "categories",
            ProductRule::TopBySalesAmount => "top-amount",
            ProductRule::TopBySalesQuantity => "top-quantity",
            ProductRule::NewestArrivals => "newest",
            ProductRule::Items => "items",
        }
    }

    /// Whether the rule takes N.
    pub fn takes_n(self) -> bool {
        !matches!(self, ProductRule::Categories | ProductRule::Items)
    }

    /// Whether the rule takes X days.
    pub fn takes_days(self) -> bool {
        matches!(
            self,
            ProductRule::TopBySalesAmount | ProductRule::TopBySalesQuantity
        )
    }
}

/// Which products go offline. The fields of every rule are kept while another is chosen, so
/// switching rules loses nothing that was typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct OfflineProducts {
    /// `false`: all assorted products; `true`: a limited set chosen by `rule`.
    pub limited: bool,
    /// The rule of a limited set (none chosen yet is an error).
    pub rule: Option<ProductRule>,
    /// Category names, for [`ProductRule::Categories`].
    pub categories: Vec<String>,
    /// N, for the top-N and newest-N rules.
    pub top_n: i64,
    /// X days, for the top-N rules.
    pub within_days: i64,
    /// Item numbers, for [`ProductRule::Items`].
    pub items: Vec<String>,
}

impl Default for OfflineProducts {
    fn default() -> Self {
        OfflineProducts {
            limited: false,
            rule: None,
            categories: Vec::new(),
            top_n: 1000,
            within_days: 30,
            items: Vec::new(),
        }
    }
}

/// Which customer rule limits a profile's offline customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum CustomerRule {
    /// Customers whose address matches a city, ZIP/postal code or state.
    Address,
    /// The top N customers by sales amount within the last X days.
    TopBySalesAmount,
    /// The top N customers by number of visits within the last X days.
    TopByVisits,
    /// An explicit list of customer accounts.
    Accounts,
}

impl CustomerRule {
    /// All rules.
    pub const ALL: [CustomerRule; 4] = [
        CustomerRule::Address,
        CustomerRule::TopBySalesAmount,
        CustomerRule::TopByVisits,
        CustomerRule::Accounts,
    ];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            CustomerRule::Address => "By address",
            CustomerRule::TopBySalesAmount => "Top N by sales amount",
            CustomerRule::TopByVisits => "Top N by visits",
            CustomerRule::Accounts => "Customer list",
        }
    }

    /// A stable key for forms.
    pub fn key(self) -> &'static str {
        match self {
            CustomerRule::Address => "address",
            CustomerRule::TopBySalesAmount => "top-amount",
            CustomerRule::TopByVisits => "top-visits",
            CustomerRule::Accounts => "accounts",
        }
    }

    /// Whether the rule takes N and X days.
    pub fn takes_top_n(self) -> bool {
        matches!(
            self,
            CustomerRule::TopBySalesAmount | CustomerRule::TopByVisits
        )
    }
}

/// Which customers go offline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct OfflineCustomers {
    /// `false`: all available customers; `true`: a limited set chosen by `rule`.
    pub limited: bool,
    /// The rule of a limited set.
    pub rule: Option<CustomerRule>,
    /// City filter, for [`CustomerRule::Address`].
    pub city: String,
    /// ZIP/postal code filter.
    pub zip: String,
    /// State filter.
    pub state: String,
    /// N, for the top-N rules.
    pub top_n: i64,
    /// X days, for the top-N rules.
    pub within_days: i64,
    /// Customer accounts, for [`CustomerRule::Accounts`].
    pub accounts: Vec<String>,
    /// Whether the limit is also applied to `DIRPARTYTABLE` (which holds staff and organisations
    /// too, so this strips rows registers need).
    #[serde(default)]
    pub limit_party_table: bool,
}

impl Default for OfflineCustomers {
    fn default() -> Self {
        OfflineCustomers {
            limited: false,
            rule: None,
            city: String::new(),
            zip: String::new(),
            state: String::new(),
            top_n: 5000,
            within_days: 90,
            accounts: Vec::new(),
            limit_party_table: false,
        }
    }
}

/// When a register exports its offline database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum ExportSchedule {
    #[default]
    Never,
    Hourly,
    Daily,
    Weekly,
}

impl ExportSchedule {
    /// All schedules.
    pub const ALL: [ExportSchedule; 4] = [
        ExportSchedule::Never,
        ExportSchedule::Hourly,
        ExportSchedule::Daily,
        ExportSchedule::Weekly,
    ];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            ExportSchedule::Never => "Never",
            ExportSchedule::Hourly => "Hourly",
            ExportSchedule::Daily => "Daily",
            ExportSchedule::Weekly => "Weekly",
        }
    }
}

/// The SQLite device configuration used with the Commerce Runtime on devices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct DeviceConfig {
    /// Seconds without an answer from the store before the register switches offline.
    pub offline_timeout_secs: i64,
    /// Minutes between two attempts to reconnect while offline.
    pub reconnect_interval_mins: i64,
    /// Minutes between two checks for a new offline database.
    pub new_database_check_mins: i64,
    /// Rows uploaded per transaction.
    pub upload_transaction_size: i64,
    /// Folder of product images on the device.
    pub image_folder: String,
    /// Folder the offline database is exported to.
    pub data_export_folder: String,
    /// When the offline database is exported.
    pub export_schedule: ExportSchedule,
}

impl Default for DeviceConfig {
    fn default() -> Self {
        DeviceConfig {
            offline_timeout_secs: 30,
            reconnect_interval_mins: 5,
            new_database_check_mins: 60,
            upload_transaction_size: 500,
            image_folder: r"C:\Retail\Images".into(),
            data_export_folder: r"C:\Retail\Export".into(),
            export_schedule: ExportSchedule::Never,
        }
    }
}

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
            provisioned: None,
            version: 1,
            exported: None,
            changed_at: None,
        }
    }

    /// Whether the content of this profile differs from `other`'s (ids, export and
    /// provisioning records aside), each read in its own workspace.
    fn content_differs(&self, ws: &Workspace, other: &Profile, other_ws: &Workspace) -> bool {
        self.name != other.name
            || self.description != other.description
            || self.scopes != other.scopes
            || self.products != other.products
            || self.customers != other.customers
            || self.device != other.device
            || self
                .scopes
                .iter()
                .any(|&s| ws.scope(s) != other_ws.scope(s))
    }
}

/// Profiles and the scope library they draw from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// Profiles, in list order.
    pub profiles: Vec<Profile>,
    /// The scope library.
    pub scopes: Vec<Scope>,
    /// The next id to hand out (profiles and scopes share the counter).
    pub next_id: u32,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::with_default_profile()
    }
}

impl Workspace {
    /// An empty workspace: no profile, no scope.
    pub fn empty() -> Workspace {
        Workspace {
            profiles: Vec::new(),
            scopes: Vec::new(),
            next_id: 1,
        }
    }

    /// A workspace holding the default profile `Default pr` and its scopes.
    pub fn with_default_profile() -> Workspace {
        let mut ws = Workspace::empty();
        ws.restore_default_profile();
        ws
    }

    fn fresh_id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// The profile with that id.
    pub fn profile(&self, id: ProfileId) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    /// The profile with that id, to change it.
    pub fn profile_mut(&mut self, id: ProfileId) -> Option<&mut Profile> {
        self.profiles.iter_mut().find(|p| p.id == id)
    }

    /// The scope with that id.
    pub fn scope(&self, id: ScopeId) -> Option<&Scope> {
        self.scopes.iter().find(|s| s.id == id)
    }

    /// The scope with that id, to change it.
    pub fn scope_mut(&mut self, id: ScopeId) -> Option<&mut Scope> {
        self.scopes.iter_mut().find(|s| s.id == id)
    }

    /// The profile named `name` (exact).
    pub fn profile_named(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.name == name)
    }

    /// The scope described `description` (exact).
    pub fn scope_described(&self, description: &str) -> Option<&Scope> {
        self.scopes.iter().find(|s| s.description == description)
    }

    /// The profiles that use a scope, in list order.
    pub fn profiles_using(&self, scope: ScopeId) -> Vec<&Profile> {
        self.profiles
            .iter()
            .filter(|p| p.scopes.contains(&scope))
            .collect()
    }

    /// A name not used by any profile, derived from `base` (`New`, `New 2`, …), within the
    /// 10-character column where it can be.
    pub fn unique_profile_name(&self, base: &str) -> String {
        unique(base, |n| self.profile_named(n).is_some())
    }

    /// A description not used by any scope, derived from `base`.
    pub fn unique_scope_description(&self, base: &str) -> String {
        unique(base, |d| self.scope_described(d).is_some())
    }

    /// Creates a new, empty profile (Ctrl+N) and returns its id.
    pub fn new_profile(&mut self) -> ProfileId {
        let id = ProfileId(self.fresh_id());
        let name = self.unique_profile_name("New");
        self.profiles.push(Profile::new(id, name));
        id
    }

    /// Deletes a profile; its scopes stay in the library.
    pub fn delete_profile(&mut self, id: ProfileId) -> Option<Profile> {
        let at = self.profiles.iter().position(|p| p.id == id)?;
        Some(self.profiles.remove(at))
    }

    /// Creates a new scope in the library and returns its id.
    pub fn new_scope(&mut self, description: &str, direction: SyncDirection) -> ScopeId {
        let id = ScopeId(self.fresh_id());
        let description = self.unique_scope_description(description);
        self.scopes.push(Scope {
            id,
            description,
            direction,
            frequency: Frequency::every(15, TimeUnit::Minutes),
            tables: Vec::new(),
            conflict_policy: ConflictPolicy::StoreWins,
            default_frequency: false,
        });
        id
    }

    /// Deletes a scope from the library and from every profile that used it.
    pub fn delete_scope(&mut self, id: ScopeId) -> Option<Scope> {
        let at = self.scopes.iter().position(|s| s.id == id)?;
        for p in &mut self.profiles {
            p.scopes.retain(|s| *s != id);
        }
        Some(self.scopes.remove(at))
    }

    /// Appends a scope to a profile's sync order (no-op if it is already there).
    pub fn add_scope_to_profile(&mut self, profile: ProfileId, scope: ScopeId) -> bool {
        if self.scope(scope).is_none() {
            return false;
        }
        match self.profile_mut(profile) {
            Some(p) if !p.scopes.contains(&scope) => {
                p.scopes.push(scope);
                true
            }
            _ => false,
        }
    }

    /// Removes a scope from a profile (it stays in the library).
    pub fn remove_scope_from_profile(&mut self, profile: ProfileId, scope: ScopeId) -> bool {
        match self.profile_mut(profile) {
            Some(p) => {
                let before = p.scopes.len();
                p.scopes.retain(|s| *s != scope);
                p.scopes.len() != before
            }
            None => false,
        }
    }

    /// Moves the scope at position `from` of a profile's order to position `to`.
    pub fn move_scope(&mut self, profile: ProfileId, from: usize, to: usize) -> bool {
        match self.profile_mut(profile) {
            Some(p) if from < p.scopes.len() && to < p.scopes.len() && from != to => {
                let s = p.scopes.remove(from);
                p.scopes.insert(to, s);
                true
            }
            _ => false,
        }
    }

    /// Adds tables to a scope's line details, skipping those already in it; returns how many
    /// were added.
    pub fn add_tables(&mut self, scope: ScopeId, tables: &[String]) -> usize {
        let Some(s) = self.scope_mut(scope) else {
            return 0;
        };
        let mut added = 0;
        for t in tables {
            if !s.tables.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                s.tables.push(t.to_ascii_uppercase());
                added += 1;
            }
        }
        added
    }

    /// Removes a table from a scope's line details.
    pub fn remove_table(&mut self, scope: ScopeId, table: &str) -> bool {
        let Some(s) = self.scope_mut(scope) else {
            return false;
        };
        let before = s.tables.len();
        s.tables.retain(|t| !t.eq_ignore_ascii_case(table));
        s.tables.len() != before
    }

    /// The scopes of a profile, in its order, skipping dangling references.
    pub fn scopes_of<'a>(&'a self, profile: &'a Profile) -> impl Iterator<Item = &'a Scope> + 'a {
        profile.scopes.iter().filter_map(|id| self.scope(*id))
    }

    /// Restores `Default pr` and its scopes to what the catalog gives, creating what is
    /// missing. Existing default scopes are reset in place (other profiles that use them see
    /// the change); returns the id of the default profile.
    pub fn restore_default_profile(&mut self) -> ProfileId {
        let mut ids = Vec::new();
        for template in default_profile_scopes() {
            let id = match self.scope_described(&template.description) {
                Some(s) => s.id,
                None => ScopeId(self.fresh_id()),
            };
            let scope = Scope { id, ..template };
            match self.scope_mut(id) {
                Some(existing) => *existing = scope,
                None => self.scopes.push(scope),
            }
            ids.push(id);
        }
        let id = match self.profile_named(DEFAULT_PROFILE_NAME) {
            Some(p) => p.id,
            None => {
                let id = ProfileId(self.fresh_id());
                self.profiles
                    .insert(0, Profile::new(id, DEFAULT_PROFILE_NAME.into()));
                id
            }
        };
        if let Some(p) = self.profile_mut(id) {
            p.description = "Default offline profile: one scope per scheduler job".into();
            p.scopes = ids;
            p.products = OfflineProducts::default();
            p.customers = OfflineCustomers::default();
            p.device = DeviceConfig::default();
        }
        id
    }

    /// Marks a profile provisioned now (`at` is the time to record), snapshotting what its
    /// registers' databases hold.
    pub fn mark_provisioned(&mut self, id: ProfileId, at: &str) -> bool {
        let Some(snapshot) = self.profile(id).map(|p| diff::ResolvedProfile::of(self, p)) else {
            return false;
        };
        if let Some(p) = self.profile_mut(id) {
            p.provisioned = Some(Provisioned {
                at: at.to_string(),
                snapshot,
            });
        }
        true
    }

    /// Records an export of a profile and returns the version to write in the package: the
    /// same as last time if nothing changed since the last export, else the next one. A profile
    /// that has no record of its last change (made before changes were recorded) takes `now`.
    pub fn record_export(&mut self, id: ProfileId, now: &str) -> Option<u32> {
        let resolved = self
            .profile(id)
            .map(|p| diff::ResolvedProfile::of(self, p))?;
        let p = self.profile_mut(id)?;
        if p.exported.as_ref().is_some_and(|e| *e != resolved) {
            p.version += 1;
        }
        p.exported = Some(resolved);
        p.changed_at.get_or_insert_with(|| now.to_string());
        Some(p.version)
    }

    /// Records `now` as the last change of every profile whose content differs from what it
    /// was in `before` (new profiles included, and every profile sharing a changed scope).
    pub fn stamp_changes(&mut self, before: &Workspace, now: &str) {
        let changed: Vec<ProfileId> = self
            .profiles
            .iter()
            .filter(|p| {
                before
                    .profile(p.id)
                    .is_none_or(|old| p.content_differs(self, old, before))
            })
            .map(|p| p.id)
            .collect();
        for id in changed {
            if let Some(p) = self.profile_mut(id) {
                p.changed_at = Some(now.to_string());
            }
        }
    }

    /// Duplicates a profile under a new, unique name that fits the Name column, and returns the
    /// copy's id. With `copy_scopes` the copy gets its own copies of the scopes (each under a
    /// unique description naming the copy), so that editing one profile leaves the other alone;
    /// otherwise the two profiles share the scopes. The copy is not provisioned and starts at
    /// version 1.
    pub fn duplicate_profile(&mut self, id: ProfileId, copy_scopes: bool) -> Option<ProfileId> {
        let original = self.profile(id)?.clone();
        let name = self.short_unique_profile_name(&original.name);
        let scopes = if copy_scopes {
            original
                .scopes
                .iter()
                .filter_map(|&s| {
                    let scope = self.scope(s)?.clone();
                    let new_id = ScopeId(self.fresh_id());
                    let description =
                        self.unique_scope_description(&format!("{} ({name})", scope.description));
                    self.scopes.push(Scope {
                        id: new_id,
                        description,
                        ..scope
                    });
                    Some(new_id)
                })
                .collect()
        } else {
            original.scopes.clone()
        };
        let copy_id = ProfileId(self.fresh_id());
        let at = self
            .profiles
            .iter()
            .position(|p| p.id == id)
            .map_or(self.profiles.len(), |i| i + 1);
        self.profiles.insert(
            at,
            Profile {
                scopes,
                description: original.description.clone(),
                products: original.products.clone(),
                customers: original.customers.clone(),
                device: original.device.clone(),
                ..Profile::new(copy_id, name)
            },
        );
        Some(copy_id)
    }

    /// A profile name not used yet, derived from `base` and short enough for the Name column
    /// (`Default pr` gives `Default 2`, then `Default 3`).
    pub fn short_unique_profile_name(&self, base: &str) -> String {
        (2..)
            .map(|n| {
                let suffix = format!(" {n}");
                let room = NAME_COLUMN_LENGTH.saturating_sub(suffix.chars().count());
                let stem: String = base.trim().chars().take(room).collect();
                format!("{}{suffix}", stem.trim_end())
            })
            .find(|c| self.profile_named(c).is_none())
            .unwrap_or_else(|| base.to_string())
    }

    /// Clears the provisioned mark (the registers were reprovisioned, or never existed).
    pub fn clear_provisioned(&mut self, id: ProfileId) {
        if let Some(p) = self.profile_mut(id) {
            p.provisioned = None;
        }
    }

    /// The changes to a provisioned profile since it was provisioned (empty when it is not
    /// provisioned or nothing changed).
    pub fn changes_since_provisioned(&self, id: ProfileId) -> Vec<diff::Change> {
        match self.profile(id) {
            Some(p) => match &p.provisioned {
                Some(prov) => diff::diff(&prov.snapshot, &diff::ResolvedProfile::of(self, p)),
                None => Vec::new(),
            },
            None => Vec::new(),
        }
    }
}

fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base} {n}"))
        .find(|c| !taken(c))
        .unwrap_or_else(|| base.to_string())
}
