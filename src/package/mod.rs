//! Validated profile packages: the file formats, export, import with its checks, the plan of an
//! import, the diff between two versions and the reprovisioning verdict, and share links.
//!
//! A package is one zip file:
//!
//! | file | contents |
//! |---|---|
//! | `manifest.json` | format name and version, app version, creation time, profile name and version, SHA-256 and size of every other file, validation summary ([`Manifest`]) |
//! | `profile.json` | the profile with its ordered scopes, tables, directions, frequencies, limits and device configuration ([`ProfileFile`]) |
//! | `schema.sql` | SQLite DDL of the offline database for exactly this profile's tables, with keys and sync indexes |
//! | `validation.json` | every diagnostic at export time |
//! | `README.txt` | a short text for whoever deploys it |
//! | `operations.json` | which register operations work offline with the profile, and why (format version 2) |
//! | `report.html` | the sign-off report of the profile, self-contained (format version 2) |
//! | `profile.schema.json`, `manifest.schema.json` | the JSON Schemas of the two JSON files |
//! | `offline-seed.sqlite` | optional: a provisioned offline database |
//!
//! JSON Schemas of `profile.json` and `manifest.json` are generated from these types
//! (`cargo run --bin gen-schemas` writes `schemas/`); a host test keeps them current.
//! Pure core: no I/O, no browser APIs.

pub mod archive;
mod export;
mod import;
#[cfg(not(target_arch = "wasm32"))]
pub mod schemas;
pub mod share;

pub use export::{
    export_package, export_package_with, file_stem, package_filename, profile_json,
    profile_json_filename, schema_sql, ExportRefused, ExportedPackage, TIME_NOT_RECORDED,
};
pub use import::{
    apply_import, plan_import, read_file, ClashChoice, ImportPlan, Imported, ScopeOutcome,
};

use crate::model::diff::{Change, ResolvedProfile, ResolvedScope};
use crate::model::{
    ConflictPolicy, DeviceConfig, OfflineCustomers, OfflineProducts, SyncDirection, TargetSystem,
    TimeUnit,
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The `format` of `profile.json`.
pub const PROFILE_FORMAT: &str = "offline-profile-studio/profile";
/// The `format` of `manifest.json`.
pub const PACKAGE_FORMAT: &str = "offline-profile-studio/package";
/// The format version this build writes. Version 2 added `report.html` and the manifest's
/// `target_system`; version 1 packages (earlier versions of the app) are still read.
pub const FORMAT_VERSION: u32 = 2;
/// The oldest format version this build reads.
pub const OLDEST_FORMAT_VERSION: u32 = 1;
/// Files larger than this are refused on import.
pub const MAX_IMPORT_BYTES: usize = 50_000_000;
/// The JSON Schema of `profile.json`, generated from [`ProfileFile`].
pub const PROFILE_SCHEMA: &str = include_str!("../../schemas/profile.schema.json");
/// The JSON Schema of a chain plan file, shipped in packages that carry a plan.
pub const CHAIN_PLAN_SCHEMA: &str = include_str!("../../schemas/chain-plan.schema.json");
/// The JSON Schema of `manifest.json`, generated from [`Manifest`].
pub const MANIFEST_SCHEMA: &str = include_str!("../../schemas/manifest.schema.json");

/// `profile.json`: one profile, self-contained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    /// Always `offline-profile-studio/profile`.
    pub format: String,
    /// The format version (1).
    pub format_version: u32,
    /// The profile.
    pub profile: ProfileDoc,
}

/// A profile as `profile.json` holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfileDoc {
    /// Name (the retail back office keeps 10 characters).
    pub name: String,
    /// Description.
    pub description: String,
    /// The profile's version when it was exported.
    pub version: u32,
    /// Offline scopes in synchronization order.
    pub scopes: Vec<ScopeDoc>,
    /// Which products go offline.
    pub offline_products: OfflineProducts,
    /// Which customers go offline.
    pub offline_customers: OfflineCustomers,
    /// The SQLite device configuration.
    pub sqlite_device_configuration: DeviceConfig,
    /// The system the profile is designed for (absent in format version 1: the documented
    /// AX 2012 R3 Retail essentials).
    #[serde(default)]
    pub target_system: TargetSystem,
}

/// One offline scope in `profile.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScopeDoc {
    /// Description (unique within the profile).
    pub description: String,
    /// Download, Upload or Bidirectional.
    pub synchronization_direction: SyncDirection,
    /// Seconds between two sync sessions.
    pub synchronization_frequency_seconds: i64,
    /// The unit the frequency is shown in.
    pub frequency_unit: TimeUnit,
    /// How conflicts of a bidirectional scope are settled.
    pub conflict_policy: ConflictPolicy,
    /// Table names of the line details, in order.
    pub tables: Vec<String>,
}

impl ProfileDoc {
    /// The document of a resolved profile.
    pub fn of(p: &ResolvedProfile, version: u32) -> ProfileDoc {
        ProfileDoc {
            name: p.name.clone(),
            description: p.description.clone(),
            version,
            scopes: p
                .scopes
                .iter()
                .map(|s| ScopeDoc {
                    description: s.description.clone(),
                    synchronization_direction: s.direction,
                    synchronization_frequency_seconds: s.frequency.seconds,
                    frequency_unit: s.frequency.unit,
                    conflict_policy: s.conflict_policy,
                    tables: s.tables.clone(),
                })
                .collect(),
            offline_products: p.products.clone(),
            offline_customers: p.customers.clone(),
            sqlite_device_configuration: p.device.clone(),
            target_system: p.target,
        }
    }

    /// The resolved profile this document describes.
    pub fn resolved(&self) -> ResolvedProfile {
        ResolvedProfile {
            name: self.name.clone(),
            description: self.description.clone(),
            scopes: self
                .scopes
                .iter()
                .map(|s| ResolvedScope {
                    description: s.description.clone(),
                    direction: s.synchronization_direction,
                    frequency: crate::model::Frequency {
                        seconds: s.synchronization_frequency_seconds,
                        unit: s.frequency_unit,
                    },
                    tables: s.tables.clone(),
                    conflict_policy: s.conflict_policy,
                })
                .collect(),
            products: self.offline_products.clone(),
            customers: self.offline_customers.clone(),
            device: self.sqlite_device_configuration.clone(),
            target: self.target_system,
        }
    }
}

/// `manifest.json`: what the package holds and how to check it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always `offline-profile-studio/package`.
    pub format: String,
    /// The format version (2; 1 for packages of earlier versions).
    pub format_version: u32,
    /// The version of Offline Profile Studio that made the package.
    pub app_version: String,
    /// When the packaged profile last changed (ISO-8601), not the moment of export, so that
    /// the same profile always gives the same package.
    pub created_at: String,
    /// The target system the profile was designed for (format version 2; absent in version 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_system: Option<String>,
    /// The profile's name and version.
    pub profile: ManifestProfile,
    /// Every other file of the package with its SHA-256.
    pub files: Vec<ManifestFile>,
    /// Counts of diagnostics at export time.
    pub validation: ValidationSummary,
}

/// The profile a manifest describes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ManifestProfile {
    /// The profile's name.
    pub name: String,
    /// The profile's version.
    pub version: u32,
}

/// One file of a package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    /// The file's name in the zip.
    pub name: String,
    /// Lower-case hexadecimal SHA-256 of its bytes.
    pub sha256: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// Counts of diagnostics by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ValidationSummary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// Whether a bad file can be read at all (exit code 2 of the command line) or was read and
/// is invalid (exit code 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Not a package or profile, damaged, from another format version, too large.
    Unreadable,
    /// Read, but its content is wrong (unknown tables, duplicate names).
    Invalid,
}

/// Why a file could not be imported: which file of the package, which field, and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ImportError {
    /// Unreadable or invalid.
    pub kind: ErrorKind,
    /// The file concerned (the uploaded file, or a file inside the package).
    pub file: String,
    /// The field concerned, as a JSON path (`profile.scopes[2].tables[0]`), if any.
    pub field: Option<String>,
    /// What is wrong, for people.
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{}, {field}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// What a change between two versions means for registers already in the field.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Whether every register of the stores using the profile must be reprovisioned.
    pub reprovision: bool,
    /// One sentence a deployment team acts on.
    pub headline: String,
    /// The changes that require reprovisioning.
    pub requiring: Vec<String>,
    /// The changes that reach registers at their next sync.
    pub at_next_sync: Vec<String>,
}

/// The verdict on a list of changes.
pub fn verdict(changes: &[Change]) -> Verdict {
    let requiring: Vec<String> = changes
        .iter()
        .filter(|c| c.requires_reprovisioning())
        .map(Change::describe)
        .collect();
    let at_next_sync: Vec<String> = changes
        .iter()
        .filter(|c| !c.requires_reprovisioning())
        .map(Change::describe)
        .collect();
    let headline = if changes.is_empty() {
        "No differences: nothing to deploy.".to_string()
    } else if requiring.is_empty() {
        "No reprovisioning needed: the changes reach registers at their next synchronization."
            .to_string()
    } else {
        format!(
            "Reprovision every register of the stores using this profile (run the Store Database Utility on each): {} change{} alter{} what the offline databases hold.",
            requiring.len(),
            if requiring.len() == 1 { "" } else { "s" },
            if requiring.len() == 1 { "s" } else { "" }
        )
    };
    Verdict {
        reprovision: !requiring.is_empty(),
        headline,
        requiring,
        at_next_sync,
    }
}

/// A profile's content, whatever its version: the SHA-256 of its `profile.json` document with
/// the version left out. A simulation record carries it, so a report can tell whether a run
/// simulated the very profile it reports on.
pub fn profile_fingerprint(p: &ResolvedProfile) -> String {
    sha256_hex(
        serde_json::to_string(&ProfileDoc::of(p, 0))
            .unwrap_or_default()
            .as_bytes(),
    )
}

/// Lower-case hexadecimal SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
