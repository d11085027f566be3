//! Sizes measured, not only estimated (issue #15, part 5): generated text is as long as real
//! values typically are, each register's database is measured as SQLite stores it, the
//! measurement agrees with the database the inspector downloads, and records and reports carry it.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use offline_profile_studio::sim::engine::typical_length;
use offline_profile_studio::sim::SimRecord;
use offline_profile_studio::sqlite::native::NativeDb;
use offline_profile_studio::sqlite::Database;

#[test]
fn text_is_as_long_as_real_values_typically_are() {
    let check = |column: &str, size: usize, expected: usize| {
        assert_eq!(typical_length(column, size), expected, "{column}({size})");
    };
    check("NAME", 100, 18);
    check("ORGANIZATIONNAME", 100, 18);
    check("NAME", 10, 10); // never longer than declared
    check("STREET", 250, 26);
    check("CITY", 60, 10);
    check("EMAIL", 255, 24);
    check("ZIPCODE", 10, 6);
    check("DESCRIPTION", 60, 40);
    check("PAYMTERMID", 10, 2); // a quarter of the declared length
    check("ITEMID", 20, 5);
    check("NOTES", 1000, 200); // MAX: 200 characters
    check("X", 1, 1);
}

#[test]
fn each_register_is_measured_as_sqlite_stores_it() {
    let (profile, scenario) = common::small_store(4);
    let (engine, result) = common::run_native(&profile, &scenario);
    let measured = engine.measure_registers().unwrap();
    assert_eq!(measured.len(), 2);
    let estimates = result.register_sizes();
    for ((register, bytes), estimate) in measured.iter().zip(&estimates) {
        // Within a third of the estimate: real-length text, not placeholders.
        let ratio = *bytes as f64 / estimate.final_bytes as f64;
        assert!(
            (0.66..1.5).contains(&ratio),
            "register {register}: measured {bytes}, estimated {}",
            estimate.final_bytes
        );
    }
    // The same figure as the database the inspector downloads.
    let dir = std::env::temp_dir().join(format!("ops-measured-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("register-1.sqlite");
    engine.export_register(1, file.to_str().unwrap()).unwrap();
    let exported = NativeDb::open_file(file.to_str().unwrap()).unwrap();
    let pages = exported.query("PRAGMA page_count", &[]).unwrap().rows[0][0]
        .as_i64()
        .unwrap();
    let size = exported.query("PRAGMA page_size", &[]).unwrap().rows[0][0]
        .as_i64()
        .unwrap();
    assert_eq!((pages * size) as u64, measured[0].1);
    // Names are as long as real ones: a customer name column holds about 18 characters.
    let avg = exported
        .query(
            "SELECT CAST(avg(length(\"NAME\")) AS INTEGER) FROM \"CUSTGROUP\"",
            &[],
        )
        .unwrap()
        .rows[0][0]
        .as_i64()
        .unwrap_or(0) as f64;
    assert!((9.0..30.0).contains(&avg), "average NAME length {avg}");
    std::fs::remove_dir_all(&dir).ok();

    // The record carries the measurement, and the guidance shares use it.
    let record = SimRecord::of(&profile, &scenario, &result).with_measured(&measured);
    assert_eq!(
        record.largest(),
        (measured.iter().map(|m| m.1).max().unwrap(), true)
    );
    let r1 = &record.registers[0];
    assert_eq!(r1.measured_bytes, Some(measured[0].1));
    assert!((r1.guidance_percent - measured[0].1 as f64 / 8e9 * 100.0).abs() < 1e-9);
    assert!(r1.measured_vs_estimate_percent().is_some());
    assert!(
        engine.measure_register(3).is_err(),
        "there is no register 3"
    );
}
