//! Native simulator figures: the reference scenario with the default profile over 7 simulated
//! days, and a scale curve for 1, 10 and 50 registers. The browser figures (sql.js) come from
//! the Playwright benchmark; these show where the engine's own time goes.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use offline_profile_studio::catalog::Catalog;
    use offline_profile_studio::model::diff::ResolvedProfile;
    use offline_profile_studio::model::Workspace;
    use offline_profile_studio::sim::{Engine, Preset};
    use offline_profile_studio::sqlite::native::NativeDb;
    use std::time::Instant;

    let ws = Workspace::with_default_profile();
    let profile = ResolvedProfile::of(&ws, &ws.profiles[0]);
    let run = |registers: u32, hours: u32| {
        let mut s = Preset::Reference.scenario();
        s.registers_per_store = registers;
        s.horizon_hours = hours;
        s.outages
            .retain(|o| o.register <= registers && o.start_minute < hours * 60);
        let t0 = Instant::now();
        let mut e = Engine::new(
            NativeDb::open_memory().unwrap(),
            &s,
            &profile,
            5,
            Catalog::builtin(),
        )
        .unwrap();
        e.step(0).unwrap();
        let setup = t0.elapsed().as_secs_f64();
        let r = e.run().unwrap();
        let total = t0.elapsed().as_secs_f64();
        (
            setup,
            total,
            r.sessions.len(),
            r.sessions.iter().map(|x| x.rows()).sum::<u64>(),
        )
    };
    println!(
        "{:<58} {:>10} {:>10} {:>9} {:>12}",
        "figure (native, release)", "setup s", "total s", "sessions", "rows moved"
    );
    let (setup, total, n, rows) = run(6, 168);
    println!(
        "{:<58} {setup:>10.2} {total:>10.2} {n:>9} {rows:>12}",
        "reference store, default profile, 7 days, 6 registers"
    );
    for registers in [1, 10, 50] {
        let (setup, total, n, rows) = run(registers, 24);
        println!(
            "{:<58} {setup:>10.2} {total:>10.2} {n:>9} {rows:>12}",
            format!("scale: {registers} registers, 1 day")
        );
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
