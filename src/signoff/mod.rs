//! The sign-off report (pure core): what a deployment team files when it hands a rollout over —
//! the profile as packaged, its checks, the simulation's assumptions and figures, the
//! reprovisioning verdict against a previous package, the risks with their consequences and the
//! deployment-day checklist. [`build`] gathers a [`Report`] from a workspace (the app's, or one a
//! package was imported into by the command line); [`html`] renders it, as a fragment the app
//! shows or as a self-contained `report.html` (inline CSS and SVG, no script) that packages carry
//! and `profile-package report` writes. One renderer, so the three look the same.

pub mod html;
mod risks;

pub use risks::{Risk, RiskLevel};

use crate::catalog::{documented_jobs, Catalog};
use crate::model::diff::ResolvedProfile;
use crate::model::{ProfileId, Workspace};
use crate::package::{profile_json, sha256_hex, Manifest, ValidationSummary, Verdict};
use crate::sim::SimRecord;
use crate::validation::{validate_profile, Counts, Severity};

/// What the report says for a fact its source did not record.
pub const NOT_RECORDED: &str = "not recorded";

/// Where the profile of a report comes from and what its package records.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The package's file name.
    pub file: String,
    /// The package's SHA-256, when the report is made from (or beside) the zip itself; a
    /// `report.html` inside a package cannot hold the hash of the zip that holds it.
    pub zip_sha256: Option<String>,
    /// The package format version (1 for packages of earlier versions of the app).
    pub format_version: u32,
    /// The target system the package records (`None`: not recorded, format version 1).
    pub target_system: Option<String>,
    /// When the profile last changed, as the package records it.
    pub created_at: String,
    /// The version of Offline Profile Studio that made the package.
    pub app_version: String,
    /// The check counts recorded at export, when the source is a package.
    pub recorded: Option<ValidationSummary>,
}

impl Source {
    /// A package read from `file`, with the zip's own hash when known.
    pub fn of_manifest(file: &str, zip_sha256: Option<String>, manifest: &Manifest) -> Source {
        Source {
            file: file.to_string(),
            zip_sha256,
            format_version: manifest.format_version,
            target_system: manifest.target_system.clone(),
            created_at: manifest.created_at.clone(),
            app_version: manifest.app_version.clone(),
            recorded: Some(manifest.validation),
        }
    }
}

/// The previous package a report compares with.
#[derive(Debug, Clone, PartialEq)]
pub struct Previous {
    /// Its file name and profile version, as the report names it.
    pub label: String,
    /// What the change means for registers already in the field.
    pub verdict: Verdict,
}

/// What the person preparing the report adds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extras {
    /// Who prepared it (typed in).
    pub prepared_by: Option<String>,
    /// The date it was prepared (ISO date), if the caller has a clock.
    pub date: Option<String>,
    /// A simulation of this profile.
    pub sim: Option<SimRecord>,
    /// A previous package to compare with.
    pub previous: Option<Previous>,
}

/// One scope as the report lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeRow {
    pub position: usize,
    pub description: String,
    pub direction: &'static str,
    pub frequency: String,
    /// The conflict policy, for bidirectional scopes.
    pub conflicts: Option<&'static str>,
    pub tables: Vec<String>,
}

/// One check as the report lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckRow {
    pub severity: Severity,
    pub code: &'static str,
    /// The scope and table it concerns, in words (empty for the profile as a whole).
    pub place: String,
    pub message: String,
}

/// Everything the report shows, gathered before rendering.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub profile: ResolvedProfile,
    pub version: u32,
    pub source: Source,
    /// SHA-256 of the package's `profile.json` (what the manifest records for it).
    pub profile_sha256: String,
    /// Tables whose job a public vendor document names, of the tables the catalog knows.
    pub documented_jobs: (usize, usize),
    pub scopes: Vec<ScopeRow>,
    pub products: String,
    pub customers: String,
    pub device: Vec<(&'static str, String)>,
    pub checks: Vec<CheckRow>,
    pub counts: Counts,
    /// Which register operations work offline with this profile.
    pub operations: Vec<crate::validation::operations::OperationStatus>,
    pub extras: Extras,
    /// Whether the attached simulation ran this very profile (`None`: no simulation, or its
    /// record does not say).
    pub sim_matches: Option<bool>,
    pub risks: Vec<Risk>,
    pub checklist: Vec<String>,
}

impl Report {
    /// The hash the running header and cover name: the package's own when known, else that of
    /// its `profile.json`.
    pub fn identity_hash(&self) -> (&'static str, &str) {
        match &self.source.zip_sha256 {
            Some(h) => ("Package SHA-256", h),
            None => ("profile.json SHA-256", &self.profile_sha256),
        }
    }
}

/// The limits of offline products in words.
fn products_words(p: &crate::model::OfflineProducts) -> String {
    match (p.limited, p.rule) {
        (false, _) => "All assorted products".into(),
        (true, None) => "Limited, but no rule chosen".into(),
        (true, Some(rule)) => {
            let mut s = format!("Limited: {}", rule.label());
            if rule.takes_n() {
                s.push_str(&format!(", N = {}", p.top_n));
            }
            if rule.takes_days() {
                s.push_str(&format!(", within {} days", p.within_days));
            }
            match rule {
                crate::model::ProductRule::Categories => {
                    s.push_str(&format!(": {}", p.categories.join(", ")))
                }
                crate::model::ProductRule::Items => {
                    s.push_str(&format!(": {} items", p.items.len()))
                }
                _ => {}
            }
            s
        }
    }
}

/// The limits of offline customers in words.
fn customers_words(c: &crate::model::OfflineCustomers) -> String {
    let mut s = match (c.limited, c.rule) {
        (false, _) => "All available customers".to_string(),
        (true, None) => "Limited, but no rule chosen".into(),
        (true, Some(rule)) => {
            let mut s = format!("Limited: {}", rule.label());
            if rule.takes_top_n() {
                s.push_str(&format!(", N = {}, within {} days", c.top_n, c.within_days));
            }
            match rule {
                crate::model::CustomerRule::Address => {
                    let parts: Vec<&str> = [c.city.as_str(), c.zip.as_str(), c.state.as_str()]
                        .into_iter()
                        .filter(|p| !p.is_empty())
                        .collect();
                    s.push_str(&format!(": {}", parts.join(", ")));
                }
                crate::model::CustomerRule::Accounts => {
                    s.push_str(&format!(": {} accounts", c.accounts.len()))
                }
                _ => {}
            }
            s
        }
    };
    if c.limited && c.limit_party_table {
        s.push_str("; the limit also applies to DIRPARTYTABLE");
    }
    s
}

fn device_rows(d: &crate::model::DeviceConfig) -> Vec<(&'static str, String)> {
    vec![
        (
            "Offline time-out",
            format!("{} seconds", d.offline_timeout_secs),
        ),
        (
            "Reconnect interval",
            format!("{} minutes", d.reconnect_interval_mins),
        ),
        (
            "Check for a new database every",
            format!("{} minutes", d.new_database_check_mins),
        ),
        (
            "Upload transaction size",
            format!("{} rows", d.upload_transaction_size),
        ),
        ("Image folder", d.image_folder.clone()),
        ("Data export folder", d.data_export_folder.clone()),
        ("Export schedule", d.export_schedule.label().to_string()),
        (
            "Days transactions kept offline",
            format!("{} days", d.days_transactions_kept),
        ),
        ("Return window", format!("{} days", d.return_window_days)),
    ]
}

/// Gathers the report of profile `id` of `ws`, or `None` when there is no such profile.
pub fn build(
    ws: &Workspace,
    id: ProfileId,
    catalog: &Catalog,
    source: Source,
    extras: Extras,
) -> Option<Report> {
    let p = ws.profile(id)?;
    let profile = ResolvedProfile::of(ws, p);
    let diagnostics = validate_profile(ws, p, catalog);
    let counts = Counts::of(&diagnostics);
    let mut checks: Vec<CheckRow> = diagnostics
        .iter()
        .map(|d| {
            let scope = d.place.scope.and_then(|s| ws.scope(s));
            let place = match (scope, d.place.table.as_deref()) {
                (Some(s), Some(t)) => format!("{}, {t}", s.description),
                (Some(s), None) => s.description.clone(),
                (None, Some(t)) => t.to_string(),
                (None, None) => String::new(),
            };
            CheckRow {
                severity: d.severity,
                code: d.code,
                place,
                message: d.message.clone(),
            }
        })
        .collect();
    checks.sort_by_key(|c| c.severity);
    let scopes = profile
        .scopes
        .iter()
        .enumerate()
        .map(|(i, s)| ScopeRow {
            position: i + 1,
            description: s.description.clone(),
            direction: s.direction.label(),
            frequency: s.frequency.to_string(),
            conflicts: (s.direction == crate::model::SyncDirection::Bidirectional)
                .then(|| s.conflict_policy.label()),
            tables: s.tables.clone(),
        })
        .collect();
    let sim_matches = extras.sim.as_ref().and_then(|s| s.simulated(&profile));
    let mut report = Report {
        sim_matches,
        profile_sha256: sha256_hex(profile_json(&profile, p.version).as_bytes()),
        documented_jobs: documented_jobs(catalog, profile.scopes.iter().flat_map(|s| &s.tables)),
        products: products_words(&profile.products),
        customers: customers_words(&profile.customers),
        device: device_rows(&profile.device),
        version: p.version,
        profile,
        source,
        scopes,
        checks,
        counts,
        operations: crate::validation::operations::assess(ws, p, catalog),
        extras,
        risks: Vec::new(),
        checklist: Vec::new(),
    };
    report.risks = risks::risks(&report);
    report.checklist = risks::checklist(&report);
    Some(report)
}

/// The report of a package or `profile.json` read by [`crate::package::read_file`]: the
/// profile is imported into an empty workspace (as the command line's checks do) and built
/// from there. `zip_sha256` is the hash of the file itself, when the caller has its bytes.
pub fn of_imported(
    imported: &crate::package::Imported,
    zip_sha256: Option<String>,
    catalog: &Catalog,
    extras: Extras,
) -> Option<Report> {
    let mut ws = Workspace::empty();
    let choice = crate::package::ClashChoice::Add {
        name: imported.profile.name.clone(),
    };
    let (id, _) = crate::package::apply_import(&mut ws, imported, &choice);
    let source = match &imported.manifest {
        Some(m) => Source::of_manifest(&imported.file, zip_sha256, m),
        None => Source {
            file: imported.file.clone(),
            zip_sha256,
            format_version: crate::package::FORMAT_VERSION,
            target_system: None,
            created_at: NOT_RECORDED.into(),
            app_version: NOT_RECORDED.into(),
            recorded: None,
        },
    };
    build(&ws, id, catalog, source, extras)
}

/// The verdict of moving from `old` (a package read from a file) to `new`.
pub fn previous(old: &crate::package::Imported, new: &ResolvedProfile) -> Previous {
    let changes = crate::model::diff::diff(&old.profile, new);
    Previous {
        label: format!("{} (profile version {})", old.file, old.version),
        verdict: crate::package::verdict(&changes),
    }
}
