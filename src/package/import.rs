//! Reading a package or a `profile.json` with every check (size, zip, format and version,
//! checksums, schema, catalog tables, duplicate names), planning an import, and applying it.
//! Reading never changes a workspace; only [`apply_import`] does.

use super::{
    sha256_hex, ErrorKind, ImportError, Manifest, ProfileFile, FORMAT_VERSION, MAX_IMPORT_BYTES,
    OLDEST_FORMAT_VERSION, PACKAGE_FORMAT, PROFILE_FORMAT,
};
use crate::catalog::Catalog;
use crate::model::diff::{diff, Change, ResolvedProfile, ResolvedScope};
use crate::model::{ProfileId, Scope, ScopeId, Workspace};
use crate::validation::{validate_profile, Counts, Diagnostic};

/// A profile read from a file, checked and ready to import.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The name of the file it came from.
    pub file: String,
    /// The profile.
    pub profile: ResolvedProfile,
    /// The profile's version in the file.
    pub version: u32,
    /// The manifest, when the file was a package.
    pub manifest: Option<Manifest>,
    /// The seed database, when the package had one.
    pub seed: Option<Vec<u8>>,
    /// The chain plan the package carries, when it has one (`chain-plan.json`).
    pub chain_plan: Option<crate::chain::PlanFile>,
}

fn unreadable(file: &str, field: Option<String>, message: impl Into<String>) -> ImportError {
    ImportError {
        kind: ErrorKind::Unreadable,
        file: file.to_string(),
        field,
        message: message.into(),
    }
}

fn invalid(file: &str, field: String, message: impl Into<String>) -> ImportError {
    ImportError {
        kind: ErrorKind::Invalid,
        file: file.to_string(),
        field: Some(field),
        message: message.into(),
    }
}

fn megabytes(n: usize) -> String {
    format!("{:.1} MB", n as f64 / 1e6)
}

/// Checks `format` and `format_version` before the full parse, so a file of another kind or of
/// a newer version is named as such instead of failing on its first unknown field.
fn check_format(value: &serde_json::Value, file: &str, expected: &str) -> Result<(), ImportError> {
    let format = value.get("format").and_then(|f| f.as_str());
    if format != Some(expected) {
        return Err(unreadable(
            file,
            Some("format".into()),
            match format {
                Some(f) => {
                    format!("expected \u{201c}{expected}\u{201d}, found \u{201c}{f}\u{201d}")
                }
                None => format!("missing; this is not an {expected} file"),
            },
        ));
    }
    match value.get("format_version").and_then(|v| v.as_u64()) {
        Some(v) if (u64::from(OLDEST_FORMAT_VERSION)..=u64::from(FORMAT_VERSION)).contains(&v) => {
            Ok(())
        }
        Some(v) if v > u64::from(FORMAT_VERSION) => Err(unreadable(
            file,
            Some("format_version".into()),
            format!("format version {v} was made by a newer version of Offline Profile Studio; this one reads versions {OLDEST_FORMAT_VERSION} to {FORMAT_VERSION}"),
        )),
        Some(v) => Err(unreadable(file, Some("format_version".into()), format!("format version {v} is not one this version knows"))),
        None => Err(unreadable(file, Some("format_version".into()), "missing or not a number")),
    }
}

/// An unknown target system is named with the ones this version knows.
fn check_target(value: &serde_json::Value, file: &str) -> Result<(), ImportError> {
    let Some(target) = value.pointer("/profile/target_system") else {
        return Ok(());
    };
    let known = crate::model::TargetSystem::ALL;
    if known.iter().any(|t| target.as_str() == Some(t.key())) {
        return Ok(());
    }
    let names: Vec<String> = known
        .iter()
        .map(|t| format!("\u{201c}{}\u{201d} ({})", t.key(), t.label()))
        .collect();
    Err(unreadable(
        file,
        Some("profile.target_system".into()),
        format!(
            "unknown target system {target}; this version knows {}",
            names.join(", ")
        ),
    ))
}

/// Parses JSON into `T`, naming the field that does not fit.
fn parse<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    file: &str,
    expected: &str,
) -> Result<T, ImportError> {
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| unreadable(file, None, format!("malformed JSON ({e})")))?;
    check_format(&value, file, expected)?;
    check_target(&value, file)?;
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = (path != ".").then_some(path);
        unreadable(
            file,
            field,
            format!("does not match the {expected} schema: {}", e.inner()),
        )
    })
}

/// Checks what the schema cannot: tables the catalog knows, scope descriptions unique.
fn check_content(file: &ProfileFile, name: &str, catalog: &Catalog) -> Result<(), ImportError> {
    let scopes = &file.profile.scopes;
    for (i, s) in scopes.iter().enumerate() {
        if scopes[..i].iter().any(|o| {
            o.description
                .trim()
                .eq_ignore_ascii_case(s.description.trim())
        }) {
            return Err(invalid(
                name,
                format!("profile.scopes[{i}].description"),
                format!("duplicate scope description \u{201c}{}\u{201d}: scope descriptions must be unique", s.description),
            ));
        }
        let unknown: Vec<(usize, &String)> = s
            .tables
            .iter()
            .enumerate()
            .filter(|(_, t)| catalog.get(t).is_none())
            .collect();
        if let Some((j, first)) = unknown.first() {
            let names: Vec<&str> = unknown.iter().map(|(_, t)| t.as_str()).collect();
            return Err(invalid(
                name,
                format!("profile.scopes[{i}].tables[{j}]"),
                format!(
                    "unknown table{} {} in scope \u{201c}{}\u{201d}: not a table of the channel database",
                    if names.len() == 1 { "" } else { "s" },
                    if names.len() == 1 { first.to_string() } else { names.join(", ") },
                    s.description
                ),
            ));
        }
    }
    Ok(())
}

/// Reads one file of a package, unpacking at most what is left of `budget` (bytes, shared by
/// every file of the package, so that many files cannot together unpack to more than the limit).
fn read_entry(
    archive: &super::archive::Archive<'_>,
    name: &str,
    file: &str,
    budget: &mut u64,
) -> Result<Option<Vec<u8>>, ImportError> {
    let too_big = || {
        unreadable(
            file,
            None,
            if *budget < MAX_IMPORT_BYTES as u64 {
                format!("{name} would take the files of the package past 50 MB unpacked; refused")
            } else {
                format!("{name} unpacks to more than 50 MB; refused")
            },
        )
    };
    if archive
        .declared_size(name)
        .is_some_and(|size| size > *budget)
    {
        return Err(too_big());
    }
    // The read is bounded even if the declared size lies (a zip bomb).
    let bytes = match archive.read(name, *budget) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Ok(None),
        Err(e @ super::archive::ZipError::Damaged(_)) => {
            return Err(unreadable(file, None, format!("{name} is damaged: {e}")))
        }
        Err(e) => {
            return Err(unreadable(
                file,
                None,
                format!("{name} cannot be read from the zip: {e}"),
            ))
        }
    };
    if bytes.len() as u64 > *budget {
        return Err(too_big());
    }
    *budget -= bytes.len() as u64;
    Ok(Some(bytes))
}

fn read_package(bytes: &[u8], file: &str, catalog: &Catalog) -> Result<Imported, ImportError> {
    let archive = super::archive::Archive::new(bytes).map_err(|e| {
        unreadable(
            file,
            None,
            format!("not a readable zip file; it may be truncated or damaged: {e}"),
        )
    })?;
    let mut budget = MAX_IMPORT_BYTES as u64;
    let manifest_bytes =
        read_entry(&archive, "manifest.json", file, &mut budget)?.ok_or_else(|| {
            unreadable(
                file,
                None,
                "manifest.json is missing: this zip is not a profile package",
            )
        })?;
    let manifest: Manifest = parse(&manifest_bytes, "manifest.json", PACKAGE_FORMAT)?;
    if !manifest.files.iter().any(|f| f.name == "profile.json") {
        return Err(invalid(
            "manifest.json",
            "files".into(),
            "does not list profile.json",
        ));
    }
    let mut profile_bytes = None;
    let mut seed = None;
    let mut chain_plan = None;
    for (i, entry) in manifest.files.iter().enumerate() {
        let content = read_entry(&archive, &entry.name, file, &mut budget)?.ok_or_else(|| {
            invalid(
                file,
                format!("manifest.json files[{i}]"),
                format!(
                    "{} is listed in manifest.json but missing from the package",
                    entry.name
                ),
            )
        })?;
        if sha256_hex(&content) != entry.sha256.to_ascii_lowercase()
            || content.len() as u64 != entry.bytes
        {
            // The zip was read; its content is not what was packaged: invalid, not unreadable.
            return Err(ImportError {
                kind: ErrorKind::Invalid,
                file: entry.name.clone(),
                field: None,
                message: format!("checksum mismatch: the file differs from what manifest.json (files[{i}]) records; the package was altered or damaged"),
            });
        }
        match entry.name.as_str() {
            "profile.json" => profile_bytes = Some(content),
            "offline-seed.sqlite" => seed = Some(content),
            "chain-plan.json" => {
                let text = String::from_utf8(content).unwrap_or_default();
                let plan = crate::chain::PlanFile::read(&text)
                    .map_err(|e| invalid("chain-plan.json", "plan".into(), e))?;
                chain_plan = Some(plan);
            }
            _ => {}
        }
    }
    let profile_bytes = profile_bytes.unwrap_or_default();
    let profile: ProfileFile = parse(&profile_bytes, "profile.json", PROFILE_FORMAT)?;
    check_content(&profile, "profile.json", catalog)?;
    if profile.profile.name != manifest.profile.name
        || profile.profile.version != manifest.profile.version
    {
        return Err(invalid(
            "manifest.json",
            "profile".into(),
            "names another profile or version than profile.json",
        ));
    }
    Ok(Imported {
        file: file.to_string(),
        version: profile.profile.version,
        profile: profile.profile.resolved(),
        manifest: Some(manifest),
        seed,
        chain_plan,
    })
}

/// Reads a package (zip) or a plain `profile.json`, with every check. `file` names it in
/// messages.
pub fn read_file(bytes: &[u8], file: &str, catalog: &Catalog) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(unreadable(
            file,
            None,
            format!(
                "is {}; files over 50 MB are refused",
                megabytes(bytes.len())
            ),
        ));
    }
    if bytes.is_empty() {
        return Err(unreadable(file, None, "is empty"));
    }
    if bytes.starts_with(b"PK") {
        return read_package(bytes, file, catalog);
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        return Err(unreadable(
            file,
            None,
            "is neither a profile package (zip) nor a profile.json",
        ));
    }
    let profile: ProfileFile = parse(bytes, file, PROFILE_FORMAT)?;
    check_content(&profile, file, catalog)?;
    Ok(Imported {
        file: file.to_string(),
        version: profile.profile.version,
        profile: profile.profile.resolved(),
        manifest: None,
        seed: None,
        chain_plan: None,
    })
}

/// What to do when a profile of the same name exists.
#[derive(Debug, Clone, PartialEq)]
pub enum ClashChoice {
    /// Add the imported profile under this name.
    Add { name: String },
    /// Replace that profile (its id, provisioned mark and place in the list stay).
    Replace(ProfileId),
}

/// What happens to one imported scope.
#[derive(Debug, Clone, PartialEq)]
pub enum ScopeOutcome {
    /// An identical scope exists and is shared.
    Reused(String),
    /// A new scope is added to the library.
    Added(String),
    /// A scope of that description, used by no other profile, is updated.
    Updated(String),
    /// A different scope of that description is used by other profiles: the imported one is
    /// added under another description.
    Renamed { from: String, to: String },
}

impl ScopeOutcome {
    /// The outcome in words.
    pub fn describe(&self) -> String {
        match self {
            ScopeOutcome::Reused(d) => format!("\u{201c}{d}\u{201d}: identical scope in the library, shared"),
            ScopeOutcome::Added(d) => format!("\u{201c}{d}\u{201d}: new scope added to the library"),
            ScopeOutcome::Updated(d) => format!("\u{201c}{d}\u{201d}: existing scope updated (no other profile uses it)"),
            ScopeOutcome::Renamed { from, to } => format!(
                "\u{201c}{from}\u{201d}: a different scope of that description is used by other profiles, so this one is added as \u{201c}{to}\u{201d}"
            ),
        }
    }
}

/// Everything the import preview shows; nothing has changed yet.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    /// The profile of the same name already in the workspace, if any.
    pub clash: Option<ProfileId>,
    /// A free name to add the profile under.
    pub free_name: String,
    /// What happens to each scope.
    pub scopes: Vec<ScopeOutcome>,
    /// The imported profile's diagnostics, as it would be in this workspace.
    pub diagnostics: Vec<Diagnostic>,
    /// Their counts.
    pub counts: Counts,
    /// With a clash: the changes from the existing profile to the imported one.
    pub changes: Option<Vec<Change>>,
}

fn same_content(scope: &Scope, s: &ResolvedScope) -> bool {
    scope.direction == s.direction
        && scope.frequency == s.frequency
        && scope.tables == s.tables
        && scope.conflict_policy == s.conflict_policy
}

/// Applies an import; returns the profile's id and what happened to each scope.
pub fn apply_import(
    ws: &mut Workspace,
    imported: &Imported,
    choice: &ClashChoice,
) -> (ProfileId, Vec<ScopeOutcome>) {
    let replacing = match choice {
        ClashChoice::Replace(id) if ws.profile(*id).is_some() => Some(*id),
        _ => None,
    };
    let mut ids: Vec<ScopeId> = Vec::new();
    let mut outcomes = Vec::new();
    for s in &imported.profile.scopes {
        let existing = ws
            .scope_described(&s.description)
            .map(|x| (x.id, same_content(x, s)));
        let id = match existing {
            Some((id, true)) => {
                outcomes.push(ScopeOutcome::Reused(s.description.clone()));
                id
            }
            Some((id, false))
                if ws
                    .profiles_using(id)
                    .iter()
                    .all(|p| Some(p.id) == replacing) =>
            {
                if let Some(x) = ws.scope_mut(id) {
                    x.direction = s.direction;
                    x.frequency = s.frequency;
                    x.tables = s.tables.clone();
                    x.conflict_policy = s.conflict_policy;
                    x.default_frequency = false;
                }
                outcomes.push(ScopeOutcome::Updated(s.description.clone()));
                id
            }
            other => {
                let id = ws.new_scope(&s.description, s.direction);
                let description = ws
                    .scope(id)
                    .map(|x| x.description.clone())
                    .unwrap_or_default();
                if let Some(x) = ws.scope_mut(id) {
                    x.frequency = s.frequency;
                    x.tables = s.tables.clone();
                    x.conflict_policy = s.conflict_policy;
                }
                outcomes.push(if other.is_some() {
                    ScopeOutcome::Renamed {
                        from: s.description.clone(),
                        to: description,
                    }
                } else {
                    ScopeOutcome::Added(description)
                });
                id
            }
        };
        ids.push(id);
    }
    let p = &imported.profile;
    let id = match replacing {
        Some(id) => id,
        None => {
            let id = ws.new_profile();
            if let (Some(prof), ClashChoice::Add { name }) = (ws.profile_mut(id), choice) {
                prof.name = name.clone();
            }
            id
        }
    };
    let snapshot_name = match choice {
        ClashChoice::Add { name } => name.clone(),
        ClashChoice::Replace(_) => p.name.clone(),
    };
    if let Some(prof) = ws.profile_mut(id) {
        prof.name = snapshot_name;
        prof.description = p.description.clone();
        prof.scopes = ids;
        prof.products = p.products.clone();
        prof.customers = p.customers.clone();
        prof.device = p.device.clone();
        prof.version = imported.version;
    }
    // Exporting the imported profile unchanged keeps its version.
    let resolved = ws.profile(id).map(|prof| ResolvedProfile::of(ws, prof));
    if let Some(prof) = ws.profile_mut(id) {
        prof.exported = resolved;
    }
    (id, outcomes)
}

/// What importing would do with `choice` (default: replace a profile of the same name, else
/// add), computed on a copy of the workspace.
pub fn plan_import(
    ws: &Workspace,
    imported: &Imported,
    choice: Option<&ClashChoice>,
    catalog: &Catalog,
) -> ImportPlan {
    let clash = ws.profile_named(&imported.profile.name).map(|p| p.id);
    let free_name = ws.unique_profile_name(&imported.profile.name);
    let choice = choice.cloned().unwrap_or_else(|| match clash {
        Some(id) => ClashChoice::Replace(id),
        None => ClashChoice::Add {
            name: imported.profile.name.clone(),
        },
    });
    let mut scratch = ws.clone();
    let (id, scopes) = apply_import(&mut scratch, imported, &choice);
    let diagnostics = scratch
        .profile(id)
        .map(|p| validate_profile(&scratch, p, catalog))
        .unwrap_or_default();
    let changes = clash
        .and_then(|c| ws.profile(c))
        .map(|existing| diff(&ResolvedProfile::of(ws, existing), &imported.profile));
    ImportPlan {
        clash,
        free_name,
        scopes,
        counts: Counts::of(&diagnostics),
        diagnostics,
        changes,
    }
}
