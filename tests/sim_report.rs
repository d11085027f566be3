//! Host tests of what a finished run adds up to: summaries, per-table totals, trainer steps —
//! on results of real runs against native SQLite.
#![cfg(not(target_arch = "wasm32"))]

use offline_profile_studio::catalog::Catalog;
use offline_profile_studio::model::diff::ResolvedProfile;
use offline_profile_studio::model::{SyncDirection, Workspace};
use offline_profile_studio::sim::{Engine, Preset, Scenario, SimResult};
use offline_profile_studio::sqlite::native::NativeDb;

fn small(hours: u32) -> Scenario {
    let mut s = Preset::Small.scenario();
    s.products = 300;
    s.customers = 400;
    s.horizon_hours = hours;
    s.outages.clear();
    s
}

fn run(s: &Scenario, profile: &ResolvedProfile) -> SimResult {
    let db = NativeDb::open_memory().unwrap();
    let mut e = Engine::new(db, s, profile, 5, Catalog::builtin()).unwrap();
    e.run().unwrap().clone()
}

fn default_profile() -> ResolvedProfile {
    let ws = Workspace::with_default_profile();
    ResolvedProfile::of(&ws, &ws.profiles[0])
}

#[test]
fn the_summary_adds_up_the_sessions() {
    let r = run(&small(6), &default_profile());
    let s = r.summary();
    assert_eq!(s.registers, r.registers());
    assert_eq!(s.sessions, r.sessions.len());
    assert_eq!(
        s.steady_sessions,
        r.sessions.iter().filter(|x| !x.initial).count()
    );
    let initial: u64 = r
        .sessions
        .iter()
        .filter(|x| x.initial)
        .map(|x| x.rows())
        .sum();
    assert_eq!(s.initial_rows, initial / u64::from(s.registers));
    assert!(s.initial_rows > 0 && s.later_rows > 0, "{s:?}");
    assert!(s.uploaded_rows > 0, "sales go up: {s:?}");
    assert_eq!(
        s.peak_database_bytes,
        r.sizes.iter().map(|x| x.bytes).max().unwrap()
    );
    let scopes = r.scope_totals();
    assert_eq!(scopes.len(), r.scopes.len());
    assert_eq!(
        scopes.iter().map(|t| t.sessions).sum::<usize>(),
        s.steady_sessions
    );
    // Per-register averages are rounded down per scope: the sum is within a row per scope.
    let initial: u64 = scopes.iter().map(|t| t.initial_rows).sum();
    assert!(initial <= s.initial_rows && s.initial_rows - initial <= scopes.len() as u64);
    assert_eq!(s.storm(), s.sessions_per_register_per_day() > 2880.0);
    // 6 simulated hours: sessions per day is four times the steady sessions.
    assert!(
        (s.sessions_per_day - s.steady_sessions as f64 * 24.0 / (r.end() / 3600.0)).abs() < 1e-6
    );
}

#[test]
fn table_totals_split_initial_from_later_and_sum_to_the_summary() {
    let r = run(&small(4), &default_profile());
    let totals = r.table_totals();
    assert!(!totals.is_empty());
    // Largest first.
    for w in totals.windows(2) {
        assert!(w[0].initial_bytes + w[0].later_bytes >= w[1].initial_bytes + w[1].later_bytes);
    }
    let s = r.summary();
    let initial: u64 = totals.iter().map(|t| t.initial_rows).sum();
    // Per-register averages are rounded down per table: the sum is within a row per table.
    assert!(initial <= s.initial_rows && s.initial_rows - initial <= totals.len() as u64);
    let products = totals
        .iter()
        .find(|t| t.table == "INVENTTABLE")
        .expect("products go offline");
    assert!(products.initial_rows > 0);
    assert!(products.scope.is_some());
    let sales = totals
        .iter()
        .find(|t| t.later_up_rows > 0)
        .expect("some table is uploaded");
    assert_eq!(sales.initial_rows, 0, "{sales:?}");
}

#[test]
fn a_trainer_step_shows_what_moved_and_where_the_register_stands() {
    let r = run(&small(3), &default_profile());
    assert!(r.step_view(r.sessions.len()).is_none());
    let first = r.step_view(0).unwrap();
    assert_eq!(first.register_sessions, 1);
    assert_eq!(first.register_rows, r.sessions[0].rows());
    assert_eq!(first.moved.len(), r.sessions[0].downloaded.len());
    assert_eq!(first.register_bytes, r.sessions[0].bytes());
    assert!(first.moved.iter().all(|m| m.1 == "\u{2193}"));
    // A later session of the same register counts everything before it.
    let (i, later) = r
        .sessions
        .iter()
        .enumerate()
        .rev()
        .find(|(_, s)| s.register == 1 && s.direction == SyncDirection::Upload && s.rows() > 0)
        .expect("register 1 uploads");
    let v = r.step_view(i).unwrap();
    let before: u64 = r.sessions[..=i]
        .iter()
        .filter(|s| s.register == 1)
        .map(|s| s.rows())
        .sum();
    assert_eq!(v.register_rows, before);
    assert!(v.moved.iter().any(|m| m.1 == "\u{2191}" && m.2 > 0));
    assert_eq!(v.moved.iter().map(|m| m.2).sum::<u64>(), later.rows());
    assert!(v.register_bytes > 0);
}
