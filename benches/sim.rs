//! Native simulator figures (`cargo bench --bench sim`), from the same functions the browser
//! harness runs on sql.js (`sim::bench`): the reference scenario with the default profile over
//! 7 simulated days, the provisioning ratio against a plain copy, and a scale curve for 1, 10
//! and 50 registers over one day. Medians of 3 runs after a warm-up run.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use offline_profile_studio::sim::bench::{
        default_profile, provision_ratio, reference_week, run_timed, scale, RunFigure,
    };
    use offline_profile_studio::sqlite::native::NativeDb;
    use std::time::Instant;

    let start = Instant::now();
    let clock = move || start.elapsed().as_secs_f64() * 1000.0;
    let db = || NativeDb::open_memory().unwrap();
    let profile = default_profile();
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let runs = |s: &offline_profile_studio::sim::Scenario| -> Vec<RunFigure> {
        run_timed(db(), s, &profile, &clock).unwrap(); // warm-up
        (0..3)
            .map(|_| run_timed(db(), s, &profile, &clock).unwrap())
            .collect()
    };
    println!(
        "{:<52} {:>9} {:>9} {:>9} {:>11} {:>13}",
        "figure (native, release; median of 3)",
        "setup ms",
        "total ms",
        "sessions",
        "rows moved",
        "max unit ms"
    );
    let row = |label: String, f: &[RunFigure]| {
        let longest = f
            .iter()
            .max_by(|a, b| a.longest_unit_ms.total_cmp(&b.longest_unit_ms))
            .unwrap();
        println!(
            "{label:<52} {:>9.0} {:>9.0} {:>9} {:>11} {:>13.1}  ({})",
            median(f.iter().map(|x| x.setup_ms).collect()),
            median(f.iter().map(|x| x.total_ms).collect()),
            f[0].sessions,
            f[0].rows,
            longest.longest_unit_ms,
            longest.longest_unit_phase.key(),
        );
        median(f.iter().map(|x| x.total_ms).collect())
    };
    row(
        "reference store, default profile, 7 days, 6 registers".into(),
        &runs(&reference_week()),
    );
    let ratios: Vec<_> = (0..4)
        .map(|_| provision_ratio(db(), db(), &clock).unwrap())
        .skip(1)
        .collect();
    println!(
        "provisioning vs plain copy: {} rows, engine {:.1} ms, raw {:.1} ms, ratio {:.2} (target >= 0.7)",
        ratios[0].rows,
        median(ratios.iter().map(|r| r.engine_ms).collect()),
        median(ratios.iter().map(|r| r.raw_ms).collect()),
        median(ratios.iter().map(|r| r.ratio()).collect()),
    );
    let mut totals = Vec::new();
    for registers in [1, 10, 50] {
        totals.push(row(
            format!("scale: {registers} registers, 1 day"),
            &runs(&scale(registers)),
        ));
    }
    println!(
        "scale: 50 registers / 10 registers = {:.2} (target <= 3)",
        totals[2] / totals[1]
    );
}

#[cfg(target_arch = "wasm32")]
fn main() {}
