//! Host tests of profile packages: format, checksums, schemas, import checks with their
//! messages, the import plan, diff and verdict, share links, and the command line.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::{cli, rezip, unzip};
use std::process::Command;

use offline_profile_studio::catalog::Catalog;
use offline_profile_studio::model::diff::{diff, ResolvedProfile};
use offline_profile_studio::model::{
    ConflictPolicy, CustomerRule, ExportSchedule, Frequency, ProductRule, SyncDirection, TimeUnit,
    Workspace,
};
use offline_profile_studio::package::{
    apply_import, export_package, plan_import, profile_json, read_file, schema_sql, schemas, share,
    verdict, ClashChoice, ErrorKind, ImportError, ScopeOutcome,
};
use offline_profile_studio::sqlite::native::NativeDb;
use offline_profile_studio::sqlite::Database;
use std::path::PathBuf;

const NOW: &str = "2026-11-25T12:00:00Z";

fn catalog() -> &'static Catalog {
    Catalog::builtin()
}

fn default_package() -> (Workspace, Vec<u8>) {
    let mut ws = Workspace::with_default_profile();
    let id = ws.profiles[0].id;
    ws.record_export(id, NOW);
    let pkg = export_package(&ws, id, catalog(), None).expect("the default profile exports");
    (ws, pkg.bytes)
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ops-test-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn refused(bytes: &[u8], file: &str) -> ImportError {
    read_file(bytes, file, catalog()).expect_err("the file is refused")
}

#[test]
fn a_package_holds_every_file_with_checksums_and_reads_back_identically() {
    let (ws, bytes) = default_package();
    let files = unzip(&bytes);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "manifest.json",
            "profile.json",
            "schema.sql",
            "validation.json",
            "README.txt",
            "operations.json",
            "report.html",
            "profile.schema.json",
            "manifest.schema.json"
        ]
    );
    let manifest: serde_json::Value = serde_json::from_slice(&files[0].1).unwrap();
    assert_eq!(manifest["format"], "offline-profile-studio/package");
    assert_eq!(manifest["profile"]["name"], "Default pr");
    assert_eq!(manifest["profile"]["version"], 1);
    assert_eq!(manifest["validation"]["errors"], 0);
    for (i, (name, content)) in files.iter().enumerate().skip(1) {
        assert_eq!(manifest["files"][i - 1]["name"], *name);
        assert_eq!(
            manifest["files"][i - 1]["sha256"],
            offline_profile_studio::package::sha256_hex(content)
        );
    }
    let readme = String::from_utf8(files[4].1.clone()).unwrap();
    assert!(readme.contains("Store Database Utility"));
    let imported = read_file(&bytes, "Default-pr-v1.zip", catalog()).unwrap();
    assert_eq!(imported.profile, ResolvedProfile::of(&ws, &ws.profiles[0]));
    assert_eq!(imported.version, 1);
    // Packages are reproducible byte for byte.
    assert_eq!(default_package().1, bytes);
}

#[test]
fn exports_of_an_unchanged_profile_are_identical_and_record_its_last_change() {
    let mut ws = Workspace::with_default_profile();
    let id = ws.profiles[0].id;
    ws.record_export(id, "2026-03-01T09:00:00.000Z");
    let first = export_package(&ws, id, catalog(), None).unwrap();
    // Exported again later, unchanged: the same bytes.
    ws.record_export(id, "2026-03-01T09:00:05.000Z");
    let second = export_package(&ws, id, catalog(), None).unwrap();
    assert_eq!(first.bytes, second.bytes);
    assert_eq!(first.manifest.created_at, "2026-03-01T09:00:00.000Z");
    let readme = unzip(&first.bytes)
        .into_iter()
        .find(|(n, _)| n == "README.txt")
        .unwrap()
        .1;
    let readme = String::from_utf8(readme).unwrap();
    assert!(readme.contains("from the profile as last changed on 2026-03-01T09:00:00.000Z"));
    // It says how many of the profile's tables have a documented job.
    let tables: Vec<String> = ws.scopes.iter().flat_map(|s| s.tables.clone()).collect();
    let (documented, known) = offline_profile_studio::catalog::documented_jobs(catalog(), &tables);
    assert!(documented > 0 && known > documented);
    assert!(
        readme.contains(&format!("Jobs: {documented} of the profile's {known} tables have their scheduler job named by a public")),
        "{readme}"
    );
    // A change is recorded by the workspace, and the next export shows it.
    let before = ws.clone();
    let staff = ws.scope_described("1060 Staff").unwrap().id;
    ws.scope_mut(staff).unwrap().frequency = Frequency::every(2, TimeUnit::Hours);
    ws.stamp_changes(&before, "2026-03-02T10:00:00.000Z");
    assert_eq!(ws.record_export(id, "2026-03-02T11:00:00.000Z"), Some(2));
    let third = export_package(&ws, id, catalog(), None).unwrap();
    assert_ne!(third.bytes, first.bytes);
    assert_eq!(third.manifest.created_at, "2026-03-02T10:00:00.000Z");
}

#[test]
fn importing_an_exported_profile_back_changes_nothing() {
    let (ws, bytes) = default_package();
    let imported = read_file(&bytes, "p.zip", catalog()).unwrap();
    let plan = plan_import(&ws, &imported, None, catalog());
    assert_eq!(plan.clash, Some(ws.profiles[0].id));
    assert_eq!(plan.changes.as_deref(), Some(&[][..]), "the diff is empty");
    assert!(plan
        .scopes
        .iter()
        .all(|s| matches!(s, ScopeOutcome::Reused(_))));
    let mut after = ws.clone();
    apply_import(
        &mut after,
        &imported,
        &ClashChoice::Replace(ws.profiles[0].id),
    );
    assert_eq!(
        ResolvedProfile::of(&after, &after.profiles[0]),
        ResolvedProfile::of(&ws, &ws.profiles[0])
    );
    assert_eq!(after.scopes, ws.scopes);
    // Into an empty workspace, under another name.
    let mut empty = Workspace::empty();
    let (id, outcomes) = apply_import(
        &mut empty,
        &imported,
        &ClashChoice::Add {
            name: "Copy".into(),
        },
    );
    assert!(outcomes.iter().all(|o| matches!(o, ScopeOutcome::Added(_))));
    let mut copy = ResolvedProfile::of(&empty, empty.profile(id).unwrap());
    copy.name = "Default pr".into();
    assert_eq!(copy, imported.profile);
}

#[test]
fn export_is_refused_while_the_profile_has_errors() {
    let mut ws = Workspace::empty();
    let id = ws.new_profile();
    let refused = export_package(&ws, id, catalog(), None).unwrap_err();
    assert!(refused.errors.iter().any(|d| d.code == "PRF-NO-SCOPES"));
    ws.profile_mut(id).unwrap().name.clear();
    let refused = export_package(&ws, id, catalog(), None).unwrap_err();
    assert!(refused.errors.iter().any(|d| d.code == "PRF-NAME-REQUIRED"));
}

#[test]
fn versions_advance_only_when_the_profile_changed_since_the_last_export() {
    let mut ws = Workspace::with_default_profile();
    let id = ws.profiles[0].id;
    assert_eq!(ws.record_export(id, NOW), Some(1));
    assert_eq!(ws.record_export(id, NOW), Some(1));
    ws.profile_mut(id).unwrap().description = "changed".into();
    assert_eq!(ws.record_export(id, NOW), Some(2));
    let pkg = export_package(&ws, id, catalog(), None).unwrap();
    assert_eq!(pkg.filename, "Default-pr-v2.zip");
}

#[test]
fn schema_sql_creates_every_table_in_sqlite() {
    let ws = Workspace::with_default_profile();
    let resolved = ResolvedProfile::of(&ws, &ws.profiles[0]);
    let sql = schema_sql(&resolved, catalog());
    let tables: usize = resolved.scopes.iter().map(|s| s.tables.len()).sum();
    // The native backend.
    let db = NativeDb::open_memory().unwrap();
    db.exec_batch(&sql).unwrap();
    let n = db
        .query(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            &[],
        )
        .unwrap();
    assert_eq!(n.scalar().and_then(|v| v.as_i64()), Some(tables as i64));
    let idx = db
        .query(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'IX_%'",
            &[],
        )
        .unwrap();
    assert!(
        idx.scalar().and_then(|v| v.as_i64()).unwrap() > 100,
        "sync indexes exist"
    );
    // The sqlite3 command-line tool, as a deployment team would apply it.
    let dir = tempdir("schema");
    let file = dir.join("schema.sql");
    std::fs::write(&file, &sql).unwrap();
    let db_file = dir.join("offline.sqlite");
    let _ = std::fs::remove_file(&db_file);
    let out = Command::new("sqlite3")
        .arg(&db_file)
        .arg(format!(".read {}", file.display()))
        .output()
        .expect("the sqlite3 command-line tool is installed (tools/setup.sh)");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new("sqlite3")
        .arg(&db_file)
        .arg("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        tables.to_string()
    );
}

#[test]
fn the_checked_in_json_schemas_are_generated_from_the_types() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas");
    for (name, text) in schemas::generate() {
        let shipped = std::fs::read_to_string(root.join(name)).unwrap();
        assert!(
            shipped == text,
            "schemas/{name} is stale: run `cargo run --bin gen-schemas`"
        );
    }
}

fn ajv(schema: &str, file: &std::path::Path) -> std::process::Output {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    Command::new("node")
        .current_dir(&root)
        .arg("tools/validate-json.mjs")
        .arg(format!("schemas/{schema}"))
        .arg(file)
        .output()
        .expect("node runs (npm packages installed by tools/setup.sh)")
}

#[test]
fn exported_files_pass_an_independent_json_schema_validator() {
    let (_, bytes) = default_package();
    let dir = tempdir("ajv");
    let files = unzip(&bytes);
    let manifest = dir.join("manifest.json");
    let profile = dir.join("profile.json");
    std::fs::write(&manifest, &files[0].1).unwrap();
    std::fs::write(&profile, &files[1].1).unwrap();
    for (schema, file) in [
        ("manifest.schema.json", &manifest),
        ("profile.schema.json", &profile),
    ] {
        let out = ajv(schema, file);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    // The validator does reject a file that breaks the schema.
    let broken = dir.join("broken.json");
    let text = String::from_utf8(files[1].1.clone())
        .unwrap()
        .replace("\"Download\"", "\"Sideways\"");
    std::fs::write(&broken, text).unwrap();
    assert!(!ajv("profile.schema.json", &broken).status.success());
}

#[test]
fn every_bad_input_is_refused_with_a_message_naming_file_and_field() {
    let (_, bytes) = default_package();
    let files = unzip(&bytes);

    let e = refused(&bytes[..bytes.len() / 2], "half.zip");
    assert_eq!(
        (e.kind, e.file.as_str()),
        (ErrorKind::Unreadable, "half.zip")
    );
    assert!(
        e.message
            .contains("not a readable zip file; it may be truncated or damaged"),
        "{e}"
    );

    let e = refused(b"\x89PNG\r\n\x1a\n not a package", "photo.png");
    assert_eq!(
        e.to_string(),
        "photo.png: is neither a profile package (zip) nor a profile.json"
    );

    let e = refused(b"", "empty.json");
    assert_eq!(e.to_string(), "empty.json: is empty");

    let e = refused(&vec![b' '; 50_000_001], "huge.json");
    assert_eq!(
        e.to_string(),
        "huge.json: is 50.0 MB; files over 50 MB are refused"
    );

    // A future format version.
    let future = String::from_utf8(files[1].1.clone())
        .unwrap()
        .replace("\"format_version\": 2", "\"format_version\": 7");
    let e = refused(future.as_bytes(), "profile.json");
    assert_eq!(e.field.as_deref(), Some("format_version"));
    assert!(e.message.contains("made by a newer version"), "{e}");

    // A file of another kind.
    let e = refused(
        br#"{"format":"something-else","format_version":1}"#,
        "other.json",
    );
    assert_eq!(e.field.as_deref(), Some("format"));

    // A checksum mismatch: profile.json altered inside the package.
    let mut altered = files.clone();
    altered[1].1 = String::from_utf8(altered[1].1.clone())
        .unwrap()
        .replace("Default offline", "Tampered offline")
        .into_bytes();
    let e = refused(&rezip(&altered), "altered.zip");
    assert_eq!(e.file, "profile.json");
    assert_eq!(
        e.kind,
        ErrorKind::Invalid,
        "the zip was read: invalid, not unreadable"
    );
    assert!(e.message.starts_with("checksum mismatch"), "{e}");

    // A file the manifest lists is missing: read, and invalid.
    let e = refused(&rezip(&files[..files.len() - 1]), "short.zip");
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert!(
        e.message
            .contains("manifest.schema.json is listed in manifest.json but missing"),
        "{e}"
    );

    // Malformed JSON.
    let e = refused(
        b"{\"format\": \"offline-profile-studio/profile\", ",
        "cut.json",
    );
    assert!(e.message.starts_with("malformed JSON"), "{e}");

    // A field of the wrong kind, named by its path.
    let wrong =
        String::from_utf8(files[1].1.clone())
            .unwrap()
            .replacen("\"Download\"", "\"Sideways\"", 1);
    let e = refused(wrong.as_bytes(), "profile.json");
    assert_eq!(
        e.field.as_deref(),
        Some("profile.scopes[0].synchronization_direction")
    );

    // Unknown tables.
    let unknown = String::from_utf8(files[1].1.clone()).unwrap().replacen(
        "\"CURRENCY\"",
        "\"NOSUCHTABLE\"",
        1,
    );
    let e = refused(unknown.as_bytes(), "profile.json");
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert!(e.message.contains("unknown table NOSUCHTABLE"), "{e}");
    assert!(e
        .field
        .as_deref()
        .unwrap()
        .starts_with("profile.scopes[0].tables["));

    // Duplicate scope descriptions.
    let dup = String::from_utf8(files[1].1.clone())
        .unwrap()
        .replace("\"1010 Customers\"", "\"1000 Currency\"");
    let e = refused(dup.as_bytes(), "profile.json");
    assert_eq!(e.field.as_deref(), Some("profile.scopes[1].description"));
    assert!(e.message.contains("duplicate scope description"), "{e}");

    // A package without its manifest.
    let e = refused(&rezip(&files[1..]), "nomanifest.zip");
    assert!(e.message.contains("manifest.json is missing"), "{e}");
}

#[test]
fn a_name_clash_can_be_renamed_and_a_changed_shared_scope_is_kept_apart() {
    let (mut ws, bytes) = default_package();
    let imported = read_file(&bytes, "p.zip", catalog()).unwrap();
    // Another profile shares the 1000 Currency scope, which then changes locally.
    let other = ws.new_profile();
    let currency = ws.scope_described("1000 Currency").unwrap().id;
    ws.add_scope_to_profile(other, currency);
    ws.scope_mut(currency).unwrap().frequency = Frequency::every(2, TimeUnit::Hours);
    let choice = ClashChoice::Add {
        name: ws.unique_profile_name("Default pr"),
    };
    let plan = plan_import(&ws, &imported, Some(&choice), catalog());
    assert_eq!(plan.free_name, "Default pr 2");
    assert!(plan.scopes.contains(&ScopeOutcome::Renamed {
        from: "1000 Currency".into(),
        to: "1000 Currency 2".into()
    }));
    let before = ws.clone();
    let (id, _) = apply_import(&mut ws, &imported, &choice);
    assert_eq!(ws.profile(id).unwrap().name, "Default pr 2");
    assert_eq!(
        ws.scope(currency),
        before.scope(currency),
        "the shared scope is untouched"
    );
}

#[test]
fn the_diff_and_verdict_say_what_needs_reprovisioning() {
    let (ws, bytes) = default_package();
    let old = read_file(&bytes, "v1.zip", catalog()).unwrap();
    let mut ws2 = ws.clone();
    let id = ws2.profiles[0].id;
    let customers = ws2.scope_described("1010 Customers").unwrap().id;
    ws2.scope_mut(customers).unwrap().frequency = Frequency::every(5, TimeUnit::Minutes);
    let v = verdict(&diff(
        &old.profile,
        &ResolvedProfile::of(&ws2, ws2.profile(id).unwrap()),
    ));
    assert!(!v.reprovision);
    assert!(
        v.headline.starts_with("No reprovisioning needed"),
        "{}",
        v.headline
    );
    ws2.remove_table(customers, "CUSTTABLE");
    ws2.move_scope(id, 0, 3);
    ws2.profile_mut(id).unwrap().products.limited = true;
    ws2.profile_mut(id).unwrap().products.rule = Some(ProductRule::NewestArrivals);
    let v = verdict(&diff(
        &old.profile,
        &ResolvedProfile::of(&ws2, ws2.profile(id).unwrap()),
    ));
    assert!(v.reprovision);
    assert!(
        v.headline.starts_with("Reprovision every register"),
        "{}",
        v.headline
    );
    assert!(v
        .requiring
        .contains(&"Table CUSTTABLE removed from \u{201c}1010 Customers\u{201d}".to_string()));
    assert!(v
        .requiring
        .contains(&"Offline products changed".to_string()));
    assert!(v.at_next_sync.iter().any(|c| c.contains("frequency")));
    assert_eq!(verdict(&[]).headline, "No differences: nothing to deploy.");
}

#[test]
fn share_links_round_trip_and_damaged_links_are_refused() {
    let ws = Workspace::with_default_profile();
    let resolved = ResolvedProfile::of(&ws, &ws.profiles[0]);
    let link = share::encode(&resolved, 3);
    assert!(link.starts_with("#/import/"));
    assert!(link.len() < 8000, "a link of {} characters", link.len());
    let back = share::decode(link.trim_start_matches(share::PREFIX), catalog()).unwrap();
    assert_eq!((back.profile, back.version), (resolved, 3));
    let e = share::decode("not*base64", catalog()).unwrap_err();
    assert!(e.message.contains("not valid base64url"), "{e}");
    let e = share::decode("AAAA", catalog()).unwrap_err();
    assert_eq!(e.file, "shared link");
}

mod property {
    use super::*;
    use proptest::prelude::*;

    fn table_names() -> Vec<String> {
        Catalog::builtin()
            .tables()
            .iter()
            .map(|t| t.name.clone())
            .collect()
    }

    prop_compose! {
        fn scope()(description in "[A-Za-z0-9 ]{1,20}",
                   direction in prop::sample::select(SyncDirection::ALL.to_vec()),
                   amount in -5i64..100_000,
                   unit in prop::sample::select(TimeUnit::ALL.to_vec()),
                   policy in prop::sample::select(ConflictPolicy::ALL.to_vec()),
                   tables in prop::sample::subsequence(table_names(), 0..12)) -> (String, SyncDirection, Frequency, ConflictPolicy, Vec<String>) {
            (description, direction, Frequency::every(amount, unit), policy, tables)
        }
    }

    prop_compose! {
        fn profile()(name in "\\PC{0,14}",
                     description in "\\PC{0,40}",
                     scopes in prop::collection::vec(scope(), 0..6),
                     products_limited in any::<bool>(),
                     product_rule in prop::option::of(prop::sample::select(ProductRule::ALL.to_vec())),
                     top_n in any::<i64>(),
                     categories in prop::collection::vec("\\PC{1,10}", 0..3),
                     customers_limited in any::<bool>(),
                     customer_rule in prop::option::of(prop::sample::select(CustomerRule::ALL.to_vec())),
                     city in "\\PC{0,12}",
                     party in any::<bool>(),
                     timeout in any::<i64>(),
                     folder in "\\PC{0,20}",
                     schedule in prop::sample::select(ExportSchedule::ALL.to_vec())) -> ResolvedProfile {
            let mut ws = Workspace::empty();
            let id = ws.new_profile();
            let mut seen = Vec::new();
            for (i, (d, dir, f, policy, tables)) in scopes.into_iter().enumerate() {
                let d = format!("{d} {i}");
                if seen.contains(&d.to_lowercase()) { continue; }
                seen.push(d.to_lowercase());
                let s = ws.new_scope(&d, dir);
                let x = ws.scope_mut(s).unwrap();
                x.frequency = f;
                x.conflict_policy = policy;
                x.tables = tables;
                ws.add_scope_to_profile(id, s);
            }
            let p = ws.profile_mut(id).unwrap();
            p.name = name;
            p.description = description;
            p.products.limited = products_limited;
            p.products.rule = product_rule;
            p.products.top_n = top_n;
            p.products.categories = categories;
            p.customers.limited = customers_limited;
            p.customers.rule = customer_rule;
            p.customers.city = city;
            p.customers.limit_party_table = party;
            p.device.offline_timeout_secs = timeout;
            p.device.image_folder = folder;
            p.device.export_schedule = schedule;
            ResolvedProfile::of(&ws, ws.profile(id).unwrap())
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn export_then_import_gives_an_identical_profile(p in profile(), version in 1u32..1000) {
            let json = profile_json(&p, version);
            let back = read_file(json.as_bytes(), "profile.json", Catalog::builtin()).unwrap();
            prop_assert_eq!(&back.profile, &p);
            prop_assert_eq!(back.version, version);
            let link = share::encode(&p, version);
            let shared = share::decode(link.trim_start_matches(share::PREFIX), Catalog::builtin()).unwrap();
            prop_assert_eq!(&shared.profile, &p);
            // Applied to an empty workspace, the profile is the same again.
            let mut ws = Workspace::empty();
            let (id, _) = apply_import(&mut ws, &back, &ClashChoice::Add { name: p.name.clone() });
            prop_assert_eq!(&ResolvedProfile::of(&ws, ws.profile(id).unwrap()), &p);
        }
    }
}

#[test]
fn the_command_line_gates_on_packages_with_exit_codes() {
    let dir = tempdir("cli");
    let (ws, bytes) = default_package();
    let good = dir.join("Default-pr-v1.zip");
    std::fs::write(&good, &bytes).unwrap();
    let good = good.to_str().unwrap();

    let (code, out, _) = cli(&["validate", good]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("valid: profile \u{201c}Default pr\u{201d} version 1: 0 errors"),
        "{out}"
    );
    let (code, out, _) = cli(&["validate", good, "--json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["status"], "valid");

    // Invalid: a profile.json whose profile has errors.
    let mut bad_ws = ws.clone();
    let id = bad_ws.profiles[0].id;
    let staff = bad_ws.scope_described("1060 Staff").unwrap().id;
    bad_ws.remove_scope_from_profile(id, staff);
    let invalid = dir.join("invalid.json");
    std::fs::write(
        &invalid,
        profile_json(
            &ResolvedProfile::of(&bad_ws, bad_ws.profile(id).unwrap()),
            2,
        ),
    )
    .unwrap();
    let (code, out, _) = cli(&["validate", invalid.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("ESS-MISSING"), "{out}");

    // Invalid content: an unknown table.
    let unknown = dir.join("unknown.json");
    let text = profile_json(&ResolvedProfile::of(&ws, &ws.profiles[0]), 1).replacen(
        "\"CURRENCY\"",
        "\"NOSUCHTABLE\"",
        1,
    );
    std::fs::write(&unknown, text).unwrap();
    let (code, _, err) = cli(&["validate", unknown.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown table NOSUCHTABLE"), "{err}");

    // Invalid: a package whose profile.json was altered after export (the zip reads fine).
    let mut files = unzip(&bytes);
    files[1].1 = String::from_utf8(files[1].1.clone())
        .unwrap()
        .replace("Default offline", "Tampered offline")
        .into_bytes();
    let tampered = dir.join("tampered.zip");
    std::fs::write(&tampered, rezip(&files)).unwrap();
    let (code, _, err) = cli(&["validate", tampered.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with("invalid: profile.json: checksum mismatch"),
        "{err}"
    );
    let (code, out, _) = cli(&["validate", tampered.to_str().unwrap(), "--json"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["status"], "invalid");
    assert!(json["message"]
        .as_str()
        .unwrap()
        .starts_with("checksum mismatch"));

    // Unreadable: empty, not a zip, malformed JSON.
    for (name, content) in [
        ("empty.zip", &b""[..]),
        ("photo.png", &b"\x89PNG\r\n\x1a\n"[..]),
        ("cut.json", &b"{\"format\": "[..]),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        let (code, _, err) = cli(&["validate", path.to_str().unwrap()]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.starts_with("unreadable: "), "{err}");
    }
    // --help says which case gives which code.
    let (code, out, _) = cli(&["--help"]);
    assert_eq!(code, 0);
    for words in [
        "0  valid",
        "1  invalid",
        "checksum",
        "2  unreadable",
        "truncated",
        "malformed JSON",
    ] {
        assert!(out.contains(words), "--help lacks {words:?}: {out}");
    }

    // Unreadable: truncated, missing, and bad usage.
    let cut = dir.join("cut.zip");
    std::fs::write(&cut, &bytes[..100]).unwrap();
    let (code, out, _) = cli(&["validate", cut.to_str().unwrap(), "--json"]);
    assert_eq!(code, 2);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).unwrap()["status"],
        "unreadable"
    );
    assert_eq!(cli(&["validate", "/nonexistent/file.zip"]).0, 2);
    assert_eq!(cli(&["frobnicate"]).0, 2);

    // Inspect and diff.
    let (code, out, _) = cli(&["inspect", good]);
    assert_eq!(code, 0);
    assert!(
        out.contains("1010 Customers") && out.contains("sha256"),
        "{out}"
    );
    let (code, out, _) = cli(&["diff", good, invalid.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("Reprovision every register"), "{out}");
    assert!(
        out.contains("Scope \u{201c}1060 Staff\u{201d} removed"),
        "{out}"
    );
    let (_, out, _) = cli(&["diff", good, good, "--json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["reprovision"], false);
}

/// A zip of `files` made by the app's own writer (which, unlike the zip crate, writes whatever it
/// is given: duplicate names too).
fn raw_zip(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    offline_profile_studio::package::archive::write(files).unwrap()
}

#[test]
fn hostile_zips_are_refused_in_our_own_words() {
    let (_, bytes) = default_package();
    let files = unzip(&bytes);
    let named: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();

    // Too many entries in the central directory.
    let many: Vec<(String, Vec<u8>)> = (0..65).map(|i| (format!("f{i}.txt"), vec![b'x'])).collect();
    let many: Vec<(&str, Vec<u8>)> = many.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let e = refused(&raw_zip(&many), "many.zip");
    assert_eq!(e.kind, ErrorKind::Unreadable);
    assert!(
        e.message
            .contains("it lists more than 64 files, and a package has eight"),
        "{e}"
    );

    // Two files of the same name.
    let mut dup = named.clone();
    dup.push(("profile.json", b"{}".to_vec()));
    let e = refused(&raw_zip(&dup), "dup.zip");
    assert!(e.message.contains("two files of the same name"), "{e}");

    // A local header that names another file than the central directory.
    let mut swapped = bytes.clone();
    let local = swapped
        .windows(4 + 26 + 12)
        .position(|w| w.starts_with(b"PK\x03\x04") && &w[30..] == b"profile.json")
        .expect("profile.json's local header");
    swapped[local + 30 + 11] = b'x'; // profile.jsox, in the local header only
    let e = refused(&swapped, "swapped.zip");
    assert_eq!(e.to_string(), "swapped.zip: profile.json cannot be read from the zip: its local header names another file than the zip's list of files");

    // One budget of unpacked bytes for all the files a manifest names: each is under 50 MB,
    // together they are over.
    let big = vec![0u8; 30 * 1024 * 1024];
    let manifest = serde_json::json!({
        "format": "offline-profile-studio/package",
        "format_version": 1,
        "app_version": "0.1.0",
        "created_at": "2026-01-01T00:00:00Z",
        "profile": {"name": "Default pr", "version": 1},
        "files": [
            {"name": "profile.json", "sha256": offline_profile_studio::package::sha256_hex(&files[1].1), "bytes": files[1].1.len()},
            {"name": "a.bin", "sha256": offline_profile_studio::package::sha256_hex(&big), "bytes": big.len()},
            {"name": "b.bin", "sha256": offline_profile_studio::package::sha256_hex(&big), "bytes": big.len()},
        ],
        "validation": {"errors": 0, "warnings": 0, "infos": 0},
    });
    let bomb = raw_zip(&[
        ("manifest.json", manifest.to_string().into_bytes()),
        ("profile.json", files[1].1.clone()),
        ("a.bin", big.clone()),
        ("b.bin", big),
    ]);
    assert!(bomb.len() < 1024 * 1024, "small on disk: {}", bomb.len());
    let e = refused(&bomb, "bomb.zip");
    assert_eq!(e.kind, ErrorKind::Unreadable);
    assert_eq!(
        e.to_string(),
        "bomb.zip: b.bin would take the files of the package past 50 MB unpacked; refused"
    );

    // Every message is our own: none of the zip library's wording.
    for damaged in [&bytes[..bytes.len() - 30], &bytes[10..]] {
        let e = refused(damaged, "cut.zip");
        for theirs in ["EOCD", "Invalid Central Directory", "invalid Zip archive"] {
            assert!(!e.message.contains(theirs), "{e}");
        }
    }
}
