//! What-if sweeps (issue #15, part 4): the values of a sweep, refusals with their reason, the
//! crossing of the 8 GB guidance (interpolated and extrapolated), and a real sweep natively.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use offline_profile_studio::sim::sweep::{answer, crossing, Sweep, SweepPoint, SweepVariable};

fn sweep(variable: SweepVariable, from: u64, to: u64, points: u32) -> Sweep {
    Sweep {
        variable,
        from,
        to,
        points,
    }
}

#[test]
fn values_are_even_and_bad_ranges_are_refused_with_the_reason() {
    use SweepVariable::*;
    let check = |s: Sweep, expected: Result<&[u64], &str>| match (s.values(), expected) {
        (Ok(v), Ok(want)) => assert_eq!(v, want, "{s:?}"),
        (Err(e), Err(words)) => assert!(e.contains(words), "{s:?}: {e}"),
        (got, want) => panic!("{s:?}: got {got:?}, wanted {want:?}"),
    };
    check(
        sweep(Products, 1_000, 5_000, 5),
        Ok(&[1_000, 2_000, 3_000, 4_000, 5_000]),
    );
    check(sweep(Registers, 1, 3, 3), Ok(&[1, 2, 3]));
    check(sweep(Products, 5_000, 5_000, 5), Err("The range is empty"));
    check(
        sweep(Products, 5_000, 1_000, 5),
        Err("The range is reversed"),
    );
    check(sweep(Products, 1_000, 5_000, 1), Err("at least 2 points"));
    check(
        sweep(Products, 1_000, 5_000, 50),
        Err("50 points is too many"),
    );
    check(
        sweep(Products, 1_000, 900_000, 5),
        Err("must be between 1 and 500000"),
    );
    check(sweep(Registers, 1, 2, 5), Ok(&[1, 2]));
}

fn point(value: u64, mb: u64) -> SweepPoint {
    SweepPoint {
        value,
        measured_bytes: mb * 1_000_000,
        estimated_bytes: 0,
        initial_download_seconds: 0.0,
        sessions_per_day: 0.0,
    }
}

#[test]
fn the_crossing_is_interpolated_inside_and_extrapolated_beyond() {
    let inside = [point(100, 4_000), point(200, 12_000)];
    assert_eq!(crossing(&inside, 8_000_000_000), Some((150.0, false)));
    let beyond = [point(1_000, 20), point(2_000, 40)];
    let (x, extrapolated) = crossing(&beyond, 8_000_000_000).unwrap();
    assert!(extrapolated && (x - 400_000.0).abs() < 1.0, "{x}");
    assert_eq!(crossing(&[point(1, 30), point(2, 30)], 8_000_000_000), None);
    let words = answer(SweepVariable::Products, &beyond);
    assert!(words.contains("would reach the 8 GB guidance at about 400,000 products (released items) \u{2014} extrapolated"), "{words}");
}

#[test]
fn a_real_sweep_of_products_grows_the_measured_database() {
    let (profile, base) = common::small_store(1);
    let mut points = Vec::new();
    for (value, scenario) in sweep(SweepVariable::Products, 1_000, 9_000, 3)
        .scenarios(&base)
        .unwrap()
    {
        assert_eq!(scenario.products as u64, value);
        let (engine, result) = common::run_native(&profile, &scenario);
        let measured = engine.measure_register(1).unwrap();
        points.push(SweepPoint::of(value, &scenario, &result, measured));
    }
    assert!(
        points
            .windows(2)
            .all(|w| w[1].measured_bytes > w[0].measured_bytes),
        "{points:?}"
    );
    assert!(points
        .windows(2)
        .all(|w| w[1].initial_download_seconds > w[0].initial_download_seconds));
    let (x, extrapolated) = crossing(&points, 8_000_000_000).unwrap();
    assert!(extrapolated && x > 9_000.0, "{x}");
}
