//! Memory before a run (`sim::memory`): the engine's estimate covers the pages SQLite really
//! uses, runs at once are refused when together they do not fit, and parallel runs are limited
//! to what fits.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use offline_profile_studio::sim::memory::{fits_together, parallel, run_bytes};
use offline_profile_studio::sim::{Preset, MEMORY_BUDGET};
use offline_profile_studio::sqlite::Database;

/// Bytes of every database the engine holds (main and attached), as SQLite stores them.
fn sqlite_bytes(db: &impl Database) -> u64 {
    let list = db
        .query("SELECT name FROM pragma_database_list", &[])
        .unwrap();
    let pragma = |schema: &str, p: &str| {
        db.query(&format!("PRAGMA \"{schema}\".{p}"), &[])
            .unwrap()
            .scalar()
            .unwrap()
            .as_i64()
            .unwrap() as u64
    };
    list.rows
        .iter()
        .map(|row| row[0].to_string())
        .map(|s| pragma(&s, "page_count") * pragma(&s, "page_size"))
        .sum()
}

#[test]
fn the_estimate_is_near_what_sqlite_holds() {
    let ws = offline_profile_studio::model::Workspace::with_default_profile();
    let profile = offline_profile_studio::model::diff::ResolvedProfile::of(&ws, &ws.profiles[0]);
    for (preset, hours) in [(Preset::Small, 24), (Preset::Reference, 6)] {
        let mut s = preset.scenario();
        s.horizon_hours = hours;
        s.outages.clear();
        let (engine, _) = common::run_native(&profile, &s);
        let held = sqlite_bytes(engine.db());
        let ratio = run_bytes(&s, &profile) as f64 / held as f64;
        eprintln!("{preset:?} {hours} h: estimate ÷ held = {ratio:.2} ({held} bytes held)");
        assert!(
            (0.5..2.0).contains(&ratio),
            "{preset:?} {hours} h: {ratio:.2}"
        );
    }
}

#[test]
fn runs_at_once_are_refused_when_together_they_do_not_fit_and_say_what_to_change() {
    let mb = 1_000_000u64;
    let cases: &[(&[u64], Option<&str>)] = &[
        (&[100 * mb], None),
        (&[MEMORY_BUDGET], None),
        (&[MEMORY_BUDGET + 1], Some("This run would need about 1201 MB of memory, more than the 1200 MB one run may use. Try fewer products, customers, registers or simulated hours.")),
        // The reference week twice (a comparison) fits.
        (&[718 * mb, 718 * mb], None),
        (&[MEMORY_BUDGET, MEMORY_BUDGET], None),
        (&[1_000 * mb, 900 * mb, 600 * mb], Some("These 3 runs at once would need about 2500 MB of memory together (1000 MB + 900 MB + 600 MB), more than the 2400 MB runs at once may use. Try fewer products, customers, registers or simulated hours, or run them one at a time.")),
        (&[1_300 * mb, 100 * mb], Some("These 2 runs at once would need about 1400 MB of memory together (1300 MB + 100 MB), more than the 1200 MB one run may use. Try fewer products, customers, registers or simulated hours.")),
    ];
    for (each, expected) in cases {
        assert_eq!(fits_together(each).err().as_deref(), *expected, "{each:?}");
    }
}

#[test]
fn parallel_runs_are_as_many_as_fit_and_the_workers_allow() {
    let mb = 1_000_000u64;
    let cases: &[(&[u64], usize, usize)] = &[
        (&[100 * mb; 5], 4, 4),
        (&[100 * mb; 2], 4, 2),
        (
            &[1_150 * mb, 100 * mb, 100 * mb, 100 * mb, 1_150 * mb],
            4,
            3,
        ),
        (&[1_200 * mb; 3], 4, 2),
        (&[2_000 * mb], 4, 1),
        (&[], 4, 1),
    ];
    for (each, workers, expected) in cases {
        assert_eq!(parallel(each, *workers), *expected, "{each:?} on {workers}");
    }
}
