//! `profile-package`: a deployment gate for Offline Profile Studio packages.
//!
//! ```text
//! profile-package validate FILE [--json]   exit 0 valid, 1 invalid (diagnostics printed), 2 unreadable
//!                                          (the cases of each: `profile-package --help`)
//! profile-package inspect FILE [--json]    what the package holds
//! profile-package diff A B [--json]        what changes from A to B, and whether registers must be reprovisioned
//! profile-package simulate FILE [--preset P | --scenario S.json] [-o OUT]   a simulation record (JSON)
//! profile-package report FILE [--sim SIM.json] [--previous OLD] [--prepared-by NAME] [--date D] [-o OUT]
//!                                          the sign-off report, one self-contained HTML file
//! profile-package chain runs|run|merge …  a chain plan's runs, one per process, and their merge
//! ```
//! FILE is a package (`.zip`) or a `profile.json`.

#[cfg(not(target_arch = "wasm32"))]
mod chain;
#[cfg(not(target_arch = "wasm32"))]
mod report;

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use offline_profile_studio::catalog::Catalog;
    use offline_profile_studio::model::diff::diff;
    use offline_profile_studio::model::Workspace;
    use offline_profile_studio::package::{
        apply_import, read_file, verdict, ClashChoice, ErrorKind, ImportError, Imported,
    };
    use offline_profile_studio::validation::{validate_profile, Counts, Diagnostic, Severity};
    use serde_json::json;
    use std::process::ExitCode;

    const USAGE: &str = "\
usage: profile-package validate FILE [--json]
       profile-package inspect FILE [--json]
       profile-package diff A B [--json]
       profile-package simulate FILE [--preset small|reference|flagship | --scenario S.json] [-o OUT]
       profile-package report FILE [--sim SIM.json] [--previous OLD.zip] [--prepared-by NAME]
                              [--date YYYY-MM-DD] [-o OUT.html]
       profile-package chain runs PLAN.json [--json]
       profile-package chain run PLAN.json N [-o RUN-N.json]
       profile-package chain merge PLAN.json RUN-1.json RUN-2.json … [-o RESULT.json]

FILE is a profile package (.zip) or a profile.json.

simulate runs the profile on real SQLite (native) and writes a simulation record (JSON) with
every scenario value and the figures; report renders the sign-off report (inline CSS and SVG,
no script) from the package, with that record and a previous package's verdict if given.
Both write to standard output unless -o names a file.

chain works on a chain plan exported from the Chain area (PLAN.json holds the plan and its
profiles): `runs` lists its distinct runs, `run` simulates one of them on native SQLite and
writes its digest, `merge` combines the digests (any order) into the chain's figures: the same
JSON as the Chain area's \"Download the results (JSON)\". One run per process, so a batch
runner (GNU parallel, a CI matrix, Kubernetes Jobs) fans them out; see docs/chain-cli.md.

Exit codes:
  0  valid: the file was read and the profile has no errors (warnings may be printed)
  1  invalid: the file was read, but a file inside the package differs from the checksum
     manifest.json records (altered after export), a file manifest.json lists is missing,
     the profile names unknown tables or repeats a scope description, or the profile has
     errors (each printed as a diagnostic)
  2  unreadable: the file cannot be read as a package or profile at all (missing, empty,
     not a zip, truncated, over 50 MB, malformed JSON, a JSON file of another kind or of a
     newer format version, a field that does not match the schema), or bad usage";

    pub(crate) fn load(path: &str) -> Result<Imported, ImportError> {
        let bytes = std::fs::read(path).map_err(|e| ImportError {
            kind: ErrorKind::Unreadable,
            file: path.to_string(),
            field: None,
            message: format!("cannot be read ({e})"),
        })?;
        let name = std::path::Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.to_string());
        read_file(&bytes, &name, Catalog::builtin())
    }

    fn diagnostics(imported: &Imported) -> Vec<Diagnostic> {
        let mut ws = Workspace::empty();
        let choice = ClashChoice::Add {
            name: imported.profile.name.clone(),
        };
        let (id, _) = apply_import(&mut ws, imported, &choice);
        ws.profile(id)
            .map(|p| validate_profile(&ws, p, Catalog::builtin()))
            .unwrap_or_default()
    }

    fn error_json(e: &ImportError) -> serde_json::Value {
        json!({
            "status": if e.kind == ErrorKind::Invalid { "invalid" } else { "unreadable" },
            "file": e.file,
            "field": e.field,
            "message": e.message,
        })
    }

    pub(crate) fn fail(e: &ImportError, as_json: bool) -> ExitCode {
        if as_json {
            println!("{}", error_json(e));
        } else {
            eprintln!(
                "{}: {e}",
                if e.kind == ErrorKind::Invalid {
                    "invalid"
                } else {
                    "unreadable"
                }
            );
        }
        ExitCode::from(if e.kind == ErrorKind::Invalid { 1 } else { 2 })
    }

    fn diag_json(d: &Diagnostic) -> serde_json::Value {
        json!({
            "code": d.code,
            "severity": d.severity.label().to_lowercase(),
            "table": d.place.table,
            "field": d.place.dom_id(),
            "message": d.message,
        })
    }

    fn validate(path: &str, as_json: bool) -> ExitCode {
        let imported = match load(path) {
            Ok(i) => i,
            Err(e) => return fail(&e, as_json),
        };
        let ds = diagnostics(&imported);
        let counts = Counts::of(&ds);
        let valid = counts.errors == 0;
        if as_json {
            println!(
                "{}",
                json!({
                    "status": if valid { "valid" } else { "invalid" },
                    "profile": imported.profile.name,
                    "version": imported.version,
                    "errors": counts.errors,
                    "warnings": counts.warnings,
                    "infos": counts.infos,
                    "diagnostics": ds.iter().map(diag_json).collect::<Vec<_>>(),
                })
            );
        } else {
            for d in ds.iter().filter(|d| d.severity != Severity::Info) {
                println!(
                    "{:<7} {:<28} {}",
                    d.severity.label().to_lowercase(),
                    d.code,
                    d.message
                );
            }
            println!(
                "{}: profile \u{201c}{}\u{201d} version {}: {} errors, {} warnings, {} info",
                if valid { "valid" } else { "invalid" },
                imported.profile.name,
                imported.version,
                counts.errors,
                counts.warnings,
                counts.infos
            );
        }
        ExitCode::from(if valid { 0 } else { 1 })
    }

    fn inspect(path: &str, as_json: bool) -> ExitCode {
        let imported = match load(path) {
            Ok(i) => i,
            Err(e) => return fail(&e, as_json),
        };
        let p = &imported.profile;
        let counts = Counts::of(&diagnostics(&imported));
        if as_json {
            println!(
                "{}",
                json!({
                    "profile": p.name,
                    "description": p.description,
                    "version": imported.version,
                    "created_at": imported.manifest.as_ref().map(|m| m.created_at.clone()),
                    "app_version": imported.manifest.as_ref().map(|m| m.app_version.clone()),
                    "files": imported.manifest.as_ref().map(|m| m.files.iter().map(|f| json!({"name": f.name, "bytes": f.bytes, "sha256": f.sha256})).collect::<Vec<_>>()),
                    "scopes": p.scopes.iter().map(|s| json!({
                        "description": s.description,
                        "direction": s.direction.label(),
                        "frequency_seconds": s.frequency.seconds,
                        "tables": s.tables,
                    })).collect::<Vec<_>>(),
                    "products_limited": p.products.limited,
                    "customers_limited": p.customers.limited,
                    "errors": counts.errors,
                    "warnings": counts.warnings,
                })
            );
        } else {
            println!(
                "Profile \u{201c}{}\u{201d}, version {}",
                p.name, imported.version
            );
            if !p.description.is_empty() {
                println!("  {}", p.description);
            }
            if let Some(m) = &imported.manifest {
                println!(
                    "Package made by Offline Profile Studio {} on {}",
                    m.app_version, m.created_at
                );
                for f in &m.files {
                    println!(
                        "  {:<20} {:>10} bytes  sha256 {}",
                        f.name, f.bytes, f.sha256
                    );
                }
            }
            println!("Scopes, in synchronization order:");
            for (i, s) in p.scopes.iter().enumerate() {
                println!(
                    "  {:>2}. {:<32} {:<13} {:<22} {} tables",
                    i + 1,
                    s.description,
                    s.direction.label(),
                    s.frequency.to_string(),
                    s.tables.len()
                );
            }
            println!(
                "Offline products: {}; offline customers: {}",
                if p.products.limited {
                    "limited"
                } else {
                    "all assorted"
                },
                if p.customers.limited {
                    "limited"
                } else {
                    "all available"
                }
            );
            println!(
                "Checks: {} errors, {} warnings, {} info",
                counts.errors, counts.warnings, counts.infos
            );
        }
        ExitCode::SUCCESS
    }

    fn diff_files(a: &str, b: &str, as_json: bool) -> ExitCode {
        let (old, new) = match (load(a), load(b)) {
            (Ok(x), Ok(y)) => (x, y),
            (Err(e), _) | (_, Err(e)) => return fail(&e, as_json),
        };
        let changes = diff(&old.profile, &new.profile);
        let v = verdict(&changes);
        if as_json {
            println!(
                "{}",
                json!({
                    "from": {"profile": old.profile.name, "version": old.version},
                    "to": {"profile": new.profile.name, "version": new.version},
                    "reprovision": v.reprovision,
                    "verdict": v.headline,
                    "requiring_reprovisioning": v.requiring,
                    "at_next_sync": v.at_next_sync,
                })
            );
        } else {
            println!(
                "From \u{201c}{}\u{201d} v{} to \u{201c}{}\u{201d} v{}: {} change{}",
                old.profile.name,
                old.version,
                new.profile.name,
                new.version,
                changes.len(),
                if changes.len() == 1 { "" } else { "s" }
            );
            println!("{}", v.headline);
            for c in &v.requiring {
                println!("  reprovision  {c}");
            }
            for c in &v.at_next_sync {
                println!("  next sync    {c}");
            }
        }
        ExitCode::SUCCESS
    }

    pub fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let as_json = args.iter().any(|a| a == "--json");
        let words: Vec<&str> = args
            .iter()
            .filter(|a| *a != "--json")
            .map(String::as_str)
            .collect();
        if words.first() == Some(&"chain") {
            let at = args.iter().position(|a| a == "chain").unwrap_or(0);
            return crate::chain::main(&args[at + 1..], USAGE);
        }
        if matches!(words.first(), Some(&("report" | "simulate"))) {
            let options = match crate::report::Options::parse(&args) {
                Ok(o) => o,
                Err(e) => {
                    eprintln!("{e}\n{USAGE}");
                    return ExitCode::from(2);
                }
            };
            return match options
                .words
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .as_slice()
            {
                ["report", file] => crate::report::report(file, &options),
                ["simulate", file] => crate::report::simulate(file, &options),
                _ => {
                    eprintln!("{USAGE}");
                    ExitCode::from(2)
                }
            };
        }
        match words.as_slice() {
            ["validate", file] => validate(file, as_json),
            ["inspect", file] => inspect(file, as_json),
            ["diff", a, b] => diff_files(a, b, as_json),
            ["help"] | ["--help"] | ["-h"] => {
                println!("{USAGE}");
                ExitCode::SUCCESS
            }
            _ => {
                eprintln!("{USAGE}");
                ExitCode::from(2)
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
