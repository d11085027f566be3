//! Native validation speed: a profile holding all 438 tables in 30 scopes (target: under 1 ms),
//! and the default profile. Prints medians of many runs after a warm-up.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use offline_profile_studio::catalog::Catalog;
    use offline_profile_studio::model::{SyncDirection, Workspace};
    use offline_profile_studio::validation::validate_profile;
    use std::hint::black_box;
    use std::time::Instant;

    fn median_micros(ws: &Workspace, runs: usize) -> (f64, f64, usize) {
        let catalog = Catalog::builtin();
        let p = &ws.profiles[0];
        let mut n = 0;
        for _ in 0..50 {
            n = black_box(validate_profile(ws, p, catalog)).len();
        }
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                black_box(validate_profile(black_box(ws), p, catalog));
                t.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        times.sort_by(f64::total_cmp);
        (times[runs / 2], times[runs * 95 / 100], n)
    }

    let catalog = Catalog::builtin();
    let mut all = Workspace::empty();
    let p = all.new_profile();
    let names: Vec<String> = catalog.tables().iter().map(|t| t.name.clone()).collect();
    for (i, chunk) in names.chunks(names.len().div_ceil(30)).enumerate() {
        let s = all.new_scope(&format!("Scope {i}"), SyncDirection::Download);
        all.add_tables(s, chunk);
        all.add_scope_to_profile(p, s);
    }
    let default = Workspace::with_default_profile();

    println!(
        "{:<52} {:>12} {:>12} {:>12} {:>8}",
        "figure", "median", "p95", "target", "findings"
    );
    for (label, ws) in [
        ("native validation, 438 tables in 30 scopes", &all),
        ("native validation, default profile (14 scopes)", &default),
    ] {
        let (median, p95, n) = median_micros(ws, 2000);
        println!(
            "{label:<52} {:>9.1} µs {:>9.1} µs {:>12} {n:>8}",
            median, p95, "≤ 1000 µs"
        );
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
