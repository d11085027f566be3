//! The sign-off report: its content from a package (sections present, figures equal to their
//! sources), the risks it derives (data-driven), packages of format version 1, escaping, and the
//! command line's `simulate` and `report`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{cli, rezip, unzip};
use offline_profile_studio::catalog::Catalog;
use offline_profile_studio::model::diff::ResolvedProfile;
use offline_profile_studio::model::Workspace;
use offline_profile_studio::package::{export_package, read_file, sha256_hex, Manifest};
use offline_profile_studio::signoff::{self, html, Extras, RiskLevel};
use offline_profile_studio::sim::{Preset, SimRecord, Summary};

fn catalog() -> &'static Catalog {
    Catalog::builtin()
}

fn default_zip() -> (Workspace, Vec<u8>) {
    let ws = Workspace::with_default_profile();
    let pkg = export_package(&ws, ws.profiles[0].id, catalog(), None).unwrap();
    (ws, pkg.bytes)
}

fn file<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    &files.iter().find(|f| f.0 == name).expect(name).1
}

/// A package source with nothing recorded but its file name.
fn source(file: &str) -> signoff::Source {
    signoff::Source {
        file: file.into(),
        zip_sha256: None,
        format_version: 2,
        target_system: None,
        created_at: String::new(),
        app_version: String::new(),
        recorded: None,
    }
}

/// A small simulation record of `profile` with the figures a test sets.
fn record(profile: &str, f: impl FnOnce(&mut Summary)) -> SimRecord {
    let mut summary = Summary {
        registers: 2,
        steady_sessions: 10,
        sessions_per_day: 20.0,
        peak_database_bytes: 30_000_000,
        ..Summary::default()
    };
    f(&mut summary);
    SimRecord {
        format: offline_profile_studio::sim::SIM_FORMAT.into(),
        format_version: 1,
        profile: profile.into(),
        profile_fingerprint: String::new(),
        scenario: Preset::Small.scenario(),
        assumptions: Vec::new(),
        hours: 24.0,
        summary,
        scopes: Vec::new(),
        registers: Vec::new(),
        sizes: Vec::new(),
        problems: Vec::new(),
        conflicts: Default::default(),
    }
}

#[test]
fn the_report_of_a_package_has_every_section_with_figures_equal_to_their_sources() {
    let (_, zip) = default_zip();
    let files = unzip(&zip);
    let manifest: Manifest = serde_json::from_slice(file(&files, "manifest.json")).unwrap();
    let imported = read_file(&zip, "Default-pr-v1.zip", catalog()).unwrap();
    let extras = Extras {
        prepared_by: Some("Ana <Planner> & co".into()),
        date: Some("2026-12-02".into()),
        ..Extras::default()
    };
    let report =
        signoff::of_imported(&imported, Some(sha256_hex(&zip)), catalog(), extras).unwrap();
    let recorded = manifest
        .files
        .iter()
        .find(|f| f.name == "profile.json")
        .unwrap();
    assert_eq!(
        report.profile_sha256, recorded.sha256,
        "profile.json's hash is the manifest's"
    );
    let doc = html::document(&report);
    for must in [
        "<h1>Default pr</h1>",
        &sha256_hex(&zip),
        &recorded.sha256,
        "Scopes, in synchronization order",
        "Offline products and customers",
        "SQLite device configuration",
        "<h2>Checks</h2>",
        "No simulation is attached",
        "<h2>Reprovisioning</h2>",
        "<h2>Risks</h2>",
        "Deployment-day checklist",
        "Offline test: blind return",
        "Ana &lt;Planner&gt; &amp; co",
        "2026-12-02",
        manifest.target_system.as_deref().unwrap(),
    ] {
        assert!(doc.contains(must), "the report lacks {must:?}");
    }
    for s in &imported.profile.scopes {
        assert!(
            doc.contains(&html::esc(&s.description)),
            "scope {} missing",
            s.description
        );
    }
    // The counts equal the checks listed.
    let listed = report.checks.len();
    assert_eq!(
        listed,
        report.counts.errors + report.counts.warnings + report.counts.infos
    );
    assert!(!doc.contains("<script"), "a report never carries script");
}

#[test]
fn packages_carry_their_report_checksummed_and_without_the_zips_own_hash() {
    let (_, zip) = default_zip();
    let files = unzip(&zip);
    let manifest: Manifest = serde_json::from_slice(file(&files, "manifest.json")).unwrap();
    assert_eq!(manifest.format_version, 2);
    let entry = manifest
        .files
        .iter()
        .find(|f| f.name == "report.html")
        .expect("listed");
    let report = file(&files, "report.html");
    assert_eq!(entry.sha256, sha256_hex(report));
    let text = String::from_utf8(report.to_vec()).unwrap();
    assert!(text.starts_with("<!DOCTYPE html>"));
    assert!(
        text.contains("default-src 'none'"),
        "its own policy forbids scripts and loads"
    );
    assert!(text.contains("cannot hold its own hash"));
    assert!(text.contains(
        &manifest
            .files
            .iter()
            .find(|f| f.name == "profile.json")
            .unwrap()
            .sha256
    ));
    // Reproducible: the same profile gives the same report and package.
    assert_eq!(default_zip().1, zip);
}

#[test]
fn a_format_version_1_package_still_renders_with_what_it_lacks_marked_not_recorded() {
    let (_, zip) = default_zip();
    let mut files = unzip(&zip);
    files.retain(|f| f.0 != "report.html");
    let mut manifest: serde_json::Value =
        serde_json::from_slice(file(&files, "manifest.json")).unwrap();
    manifest["format_version"] = 1.into();
    manifest.as_object_mut().unwrap().remove("target_system");
    let profile = String::from_utf8(file(&files, "profile.json").to_vec())
        .unwrap()
        .replace("\"format_version\": 2", "\"format_version\": 1");
    let listed: Vec<serde_json::Value> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["name"] != "report.html")
        .map(|f| {
            let mut f = f.clone();
            if f["name"] == "profile.json" {
                f["sha256"] = sha256_hex(profile.as_bytes()).into();
                f["bytes"] = profile.len().into();
            }
            f
        })
        .collect();
    manifest["files"] = listed.into();
    for f in &mut files {
        match f.0.as_str() {
            "manifest.json" => f.1 = serde_json::to_vec_pretty(&manifest).unwrap(),
            "profile.json" => f.1 = profile.clone().into_bytes(),
            _ => {}
        }
    }
    let v1 = rezip(&files);
    let imported = read_file(&v1, "old-v1.zip", catalog()).expect("version 1 still reads");
    assert_eq!(imported.manifest.as_ref().unwrap().format_version, 1);
    let report = signoff::of_imported(&imported, None, catalog(), Extras::default()).unwrap();
    let doc = html::fragment(&report);
    assert!(
        doc.contains("not recorded (package format version 1)"),
        "{doc}"
    );
    assert!(doc.contains("<dt>Prepared by</dt><dd>not recorded</dd>"));
}

/// Risks derived from a report's inputs: (case, extras, expected (level, words) first risk).
#[test]
fn risks_follow_the_checks_and_the_simulation() {
    let ws = Workspace::with_default_profile();
    let id = ws.profiles[0].id;
    let resolved = ResolvedProfile::of(&ws, &ws.profiles[0]);
    let mut changed = ws.clone();
    let staff = changed.scope_described("1060 Staff").unwrap().id;
    changed.remove_scope_from_profile(id, staff);
    let old = read_file(
        offline_profile_studio::package::profile_json(
            &ResolvedProfile::of(&changed, changed.profile(id).unwrap()),
            1,
        )
        .as_bytes(),
        "old.profile.json",
        catalog(),
    )
    .unwrap();
    let check = |case: &str, ws: &Workspace, extras: Extras, level: RiskLevel, words: &str| {
        let r = signoff::build(ws, id, catalog(), source("x.zip"), extras).unwrap();
        assert!(
            r.risks
                .iter()
                .any(|k| k.level == level && k.what.contains(words)),
            "{case}: no {level:?} risk with {words:?} in {:#?}",
            r.risks
        );
        assert!(
            r.risks.windows(2).all(|w| w[0].level <= w[1].level),
            "{case}: most serious first"
        );
    };
    let name = resolved.name.as_str();
    check(
        "no simulation",
        &ws,
        Extras::default(),
        RiskLevel::Low,
        "No simulation",
    );
    check(
        "errors",
        &changed,
        Extras::default(),
        RiskLevel::High,
        "error",
    );
    let sim = |f: fn(&mut Summary)| Extras {
        sim: Some(record(name, f)),
        ..Extras::default()
    };
    check(
        "over the guidance",
        &ws,
        sim(|s| s.peak_database_bytes = 9_000_000_000),
        RiskLevel::Medium,
        "9.00 GB",
    );
    check(
        "over the cap",
        &ws,
        sim(|s| s.peak_database_bytes = 11_000_000_000),
        RiskLevel::High,
        "11.00 GB",
    );
    check(
        "storm",
        &ws,
        sim(|s| s.sessions_per_day = 100_000.0),
        RiskLevel::Medium,
        "Sync storm",
    );
    check(
        "problems",
        &ws,
        sim(|s| s.problems = 3),
        RiskLevel::Medium,
        "3 problems",
    );
    // A run of another version of the profile says so; a run of this one does not.
    let mut stale = record(name, |_| {});
    stale.profile_fingerprint = offline_profile_studio::package::profile_fingerprint(&old.profile);
    let stale = Extras {
        sim: Some(stale),
        ..Extras::default()
    };
    check(
        "another version",
        &ws,
        stale,
        RiskLevel::Medium,
        "another version",
    );
    let previous = Extras {
        previous: Some(signoff::previous(&old, &resolved)),
        ..Extras::default()
    };
    check(
        "reprovisioning",
        &ws,
        previous,
        RiskLevel::High,
        "reprovisioned",
    );
    // And none of the simulation's risks when its figures are fine.
    let fine = signoff::build(&ws, id, catalog(), source("x"), sim(|_| {})).unwrap();
    assert!(
        fine.risks
            .iter()
            .all(|k| !k.source.starts_with("Simulation")),
        "{:#?}",
        fine.risks
    );
}

#[test]
fn profile_text_is_escaped_everywhere() {
    let mut ws = Workspace::with_default_profile();
    let id = ws.profiles[0].id;
    ws.profiles[0].name = "<b>x</b>".into();
    ws.profiles[0].description = "\"quoted\" & <img src=x onerror=alert(1)>".into();
    let doc = html::document(
        &signoff::build(&ws, id, catalog(), source("<f>.zip"), Extras::default()).unwrap(),
    );
    assert!(!doc.contains("<b>x</b>") && !doc.contains("<img") && !doc.contains("<f>"));
    assert!(doc.contains("&lt;b&gt;x&lt;/b&gt;") && doc.contains("&quot;quoted&quot; &amp;"));
}

fn imported_profile(zip: &[u8]) -> ResolvedProfile {
    read_file(zip, "p.zip", catalog()).unwrap().profile
}

#[test]
fn the_command_line_simulates_and_reports_with_the_simulations_figures() {
    let dir = std::env::temp_dir().join(format!("ops-signoff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (_, zip) = default_zip();
    let pkg = dir.join("Default-pr-v1.zip");
    std::fs::write(&pkg, &zip).unwrap();
    let pkg = pkg.to_str().unwrap();
    let sim = dir.join("sim.json");
    let sim = sim.to_str().unwrap();

    let (code, _, err) = cli(&["simulate", pkg, "--preset", "small", "-o", sim]);
    assert_eq!(code, 0, "{err}");
    let record = SimRecord::parse(&std::fs::read_to_string(sim).unwrap()).unwrap();
    assert_eq!(record.profile, "Default pr");
    assert_eq!(record.scenario, Preset::Small.scenario());
    assert!(
        record.summary.sessions > 0 && !record.registers.is_empty() && !record.sizes.is_empty()
    );
    assert_eq!(record.simulated(&imported_profile(&zip)), Some(true));

    let (code, out, err) = cli(&[
        "report",
        pkg,
        "--sim",
        sim,
        "--prepared-by",
        "Ana",
        "--date",
        "2026-12-02",
    ]);
    assert_eq!(code, 0, "{err}");
    let largest = offline_profile_studio::sim::chart::human_bytes(record.peak_bytes() as f64);
    for must in [
        "Simulation: assumptions",
        "Simulation: results",
        largest.as_str(),
        &sha256_hex(&zip),
        "<dd>Ana</dd>",
        "<svg class=\"sizes\"",
    ] {
        assert!(out.contains(must), "the report lacks {must:?}");
    }
    // The previous package's verdict; an unchanged one needs nothing.
    let (code, out, _) = cli(&["report", pkg, "--previous", pkg]);
    assert_eq!(code, 0);
    assert!(out.contains("No differences: nothing to deploy."));
    assert!(!out.contains("ran on another version"));

    // Bad input: a file that is not a record, a record of another profile, a missing value.
    std::fs::write(dir.join("bad.json"), "{\"format\": \"x\"}").unwrap();
    let (code, _, err) = cli(&[
        "report",
        pkg,
        "--sim",
        dir.join("bad.json").to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("not a simulation record"), "{err}");
    let other = std::fs::read_to_string(sim)
        .unwrap()
        .replace("\"profile\": \"Default pr\"", "\"profile\": \"Other\"");
    std::fs::write(dir.join("other.json"), other).unwrap();
    let (code, _, err) = cli(&[
        "report",
        pkg,
        "--sim",
        dir.join("other.json").to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("simulates the profile \u{201c}Other\u{201d}"),
        "{err}"
    );
    let (code, _, err) = cli(&["report", pkg, "--sim"]);
    assert_eq!(code, 2);
    assert!(err.contains("--sim needs a value"), "{err}");
    let (code, _, err) = cli(&["simulate", pkg, "--preset", "huge"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("expected small, reference or flagship"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
