//! Helpers shared by host test files (`mod common;`).
#![allow(dead_code)]

use std::io::{Read, Write};

/// Every file of a zip, in order, as (name, bytes).
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            f.read_to_end(&mut content).unwrap();
            (f.name().unwrap().to_string(), content)
        })
        .collect()
}

/// A zip of the given files, in order.
pub fn rezip(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, bytes) in files {
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Runs the `profile-package` command line: (exit code, standard output, standard error).
pub fn cli(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_profile-package"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The default profile and the Small store preset over `hours`, without outages.
pub fn small_store(
    hours: u32,
) -> (
    offline_profile_studio::model::diff::ResolvedProfile,
    offline_profile_studio::sim::Scenario,
) {
    let ws = offline_profile_studio::model::Workspace::with_default_profile();
    let profile = offline_profile_studio::model::diff::ResolvedProfile::of(&ws, &ws.profiles[0]);
    let mut scenario = offline_profile_studio::sim::Preset::Small.scenario();
    scenario.horizon_hours = hours;
    scenario.outages.clear();
    (profile, scenario)
}

/// A finished native run of `profile` on `scenario`, with its engine (holding the databases).
pub fn run_native(
    profile: &offline_profile_studio::model::diff::ResolvedProfile,
    scenario: &offline_profile_studio::sim::Scenario,
) -> (
    offline_profile_studio::sim::Engine<offline_profile_studio::sqlite::native::NativeDb>,
    offline_profile_studio::sim::SimResult,
) {
    let mut engine = offline_profile_studio::sim::Engine::new(
        offline_profile_studio::sqlite::native::NativeDb::open_memory().unwrap(),
        scenario,
        profile,
        5,
        offline_profile_studio::catalog::Catalog::builtin(),
    )
    .unwrap();
    let result = engine.run().unwrap().clone();
    (engine, result)
}
