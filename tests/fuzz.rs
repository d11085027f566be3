//! Property-based fuzzing of every parser that takes outside input: packages and profile.json
//! (`package::read_file`, with manifest.json inside), share links (`package::share::decode`),
//! the stored workspace (`persist::decode`) and another tab's save (`persist::tabs::arrival`),
//! outage text (`sim::parse_outages`), scenario values (`Scenario::validate`, `Engine::new`).
//!
//! Every case must end in `Ok` or in an error with a message, never a panic. The number of cases
//! per property comes from `FUZZ_CASES` (default 64, so `make test` stays quick); `make fuzz`
//! runs a longer, bounded release run.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::{rezip, unzip};

use base64::Engine as _;
use offline_profile_studio::catalog::Catalog;
use offline_profile_studio::model::diff::ResolvedProfile;
use offline_profile_studio::model::Workspace;
use offline_profile_studio::package::{self, export_package, profile_json, read_file, share};
use offline_profile_studio::persist::{self, tabs, Loaded};
use offline_profile_studio::sim::{parse_outages, Engine, Outage, Scenario, SimError};
use offline_profile_studio::sqlite::native::NativeDb;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;
use std::io::Write;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const NOW: &str = "2026-01-01T00:00:00Z";

/// Cases per property: `FUZZ_CASES`, default 64.
fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(64)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        // Shrinking a failure is worth a bounded amount of time, not an unbounded one.
        max_shrink_time: 60_000,
        ..ProptestConfig::with_cases(cases())
    }
}

fn catalog() -> &'static Catalog {
    Catalog::builtin()
}

fn workspace() -> &'static Workspace {
    static WS: OnceLock<Workspace> = OnceLock::new();
    WS.get_or_init(|| {
        let mut ws = Workspace::with_default_profile();
        let id = ws.profiles[0].id;
        ws.record_export(id, NOW);
        ws
    })
}

/// A valid package of the default profile.
fn valid_package() -> &'static [u8] {
    static PKG: OnceLock<Vec<u8>> = OnceLock::new();
    PKG.get_or_init(|| {
        let ws = workspace();
        export_package(ws, ws.profiles[0].id, catalog(), None)
            .expect("the default profile exports")
            .bytes
    })
}

/// A valid profile.json of the default profile.
fn valid_profile_json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        let ws = workspace();
        profile_json(&ResolvedProfile::of(ws, &ws.profiles[0]), 1)
    })
}

/// A valid stored workspace.
fn valid_stored() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| persist::encode(workspace(), "t"))
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

// ---------------------------------------------------------------------------------------------
// Strategies

/// One edit of a byte string.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(Index, u8),
    Set(Index, u8),
    Truncate(Index),
    Delete(Index, usize),
    Splice(Index, Vec<u8>),
    /// Copies a chunk of the input elsewhere (keeps the bytes plausible).
    Duplicate(Index, Index, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<Index>(), 1..=255u8).prop_map(|(i, b)| Mutation::Flip(i, b)),
        2 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Set(i, b)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => (any::<Index>(), 1..64usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        2 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(i, v)| Mutation::Splice(i, v)),
        1 => (any::<Index>(), any::<Index>(), 1..256usize)
            .prop_map(|(a, b, n)| Mutation::Duplicate(a, b, n)),
    ]
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec(mutation(), 1..8)
}

fn apply(mut bytes: Vec<u8>, edits: &[Mutation]) -> Vec<u8> {
    for m in edits {
        let len = bytes.len();
        if len == 0 {
            if let Mutation::Splice(_, v) = m {
                bytes.extend_from_slice(v);
            }
            continue;
        }
        match m {
            Mutation::Flip(i, b) => bytes[i.index(len)] ^= b,
            Mutation::Set(i, b) => bytes[i.index(len)] = *b,
            Mutation::Truncate(i) => bytes.truncate(i.index(len)),
            Mutation::Delete(i, n) => {
                let at = i.index(len);
                let end = (at + n).min(len);
                bytes.drain(at..end);
            }
            Mutation::Splice(i, v) => {
                let at = i.index(len + 1);
                bytes.splice(at..at, v.iter().copied());
            }
            Mutation::Duplicate(from, to, n) => {
                let from = from.index(len);
                let chunk: Vec<u8> = bytes[from..(from + n).min(len)].to_vec();
                let to = to.index(len + 1);
                bytes.splice(to..to, chunk);
            }
        }
    }
    bytes
}

/// Strings a profile or workspace is likely to hold, to get past the first checks more often.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => ".{0,12}",
        1 => prop::sample::select(vec![
            "", " ", "CUSTTABLE", "INVENTTABLE", "RETAILSTAFFTABLE", "NOT_A_TABLE", "Download",
            "Upload", "Bidirectional", "Seconds", "Minutes", "Hours", "StoreWins", "HeadquartersWins",
            "Categories", "Items", "Address", "Accounts", "profile.json", "manifest.json",
            "offline-seed.sqlite", "schema.sql", "../../etc/passwd", "offline-profile-studio/profile",
            "offline-profile-studio/package", "\u{0}", "é\u{301}", "\u{202e}",
        ])
        .prop_map(String::from),
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::sample::select(vec![
            0i64,
            1,
            -1,
            2,
            59,
            60,
            3600,
            86_400,
            i64::from(u32::MAX),
            i64::from(u32::MAX) + 1,
            i64::from(i32::MAX),
            i64::from(i32::MIN),
            i64::MAX,
            i64::MIN,
        ])
        .prop_map(Value::from),
        Just(Value::from(u64::MAX)),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
    ]
}

/// Arbitrary JSON trees.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        word().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(word(), inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every JSON pointer in a value (the root included).
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                let k = k.replace('~', "~0").replace('/', "~1");
                pointers(x, format!("{at}/{k}"), out);
            }
        }
        _ => {}
    }
}

/// One edit of a JSON tree.
#[derive(Debug, Clone)]
enum JsonEdit {
    /// Replace the value at a place with another.
    Replace(Index, Value),
    /// Remove the value at a place (from its object or array).
    Remove(Index),
    /// Add a key to an object (or push to an array).
    Insert(Index, String, Value),
}

fn json_edits() -> impl Strategy<Value = Vec<JsonEdit>> {
    prop::collection::vec(
        prop_oneof![
            4 => (any::<Index>(), json_value()).prop_map(|(i, v)| JsonEdit::Replace(i, v)),
            1 => any::<Index>().prop_map(JsonEdit::Remove),
            1 => (any::<Index>(), word(), json_value()).prop_map(|(i, k, v)| JsonEdit::Insert(i, k, v)),
        ],
        1..5,
    )
}

fn edit_json(mut root: Value, edits: &[JsonEdit]) -> Value {
    for e in edits {
        let mut all = Vec::new();
        pointers(&root, String::new(), &mut all);
        match e {
            JsonEdit::Replace(i, v) => {
                let p = &all[i.index(all.len())];
                if let Some(slot) = root.pointer_mut(p) {
                    *slot = v.clone();
                }
            }
            JsonEdit::Remove(i) => {
                let p = &all[i.index(all.len())];
                if let Some((parent, key)) = p.rsplit_once('/') {
                    let key = key.replace("~1", "/").replace("~0", "~");
                    match root.pointer_mut(parent) {
                        Some(Value::Object(o)) => {
                            o.remove(&key);
                        }
                        Some(Value::Array(a)) => {
                            if let Ok(n) = key.parse::<usize>() {
                                if n < a.len() {
                                    a.remove(n);
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            JsonEdit::Insert(i, k, v) => {
                let p = &all[i.index(all.len())];
                match root.pointer_mut(p) {
                    Some(Value::Object(o)) => {
                        o.insert(k.clone(), v.clone());
                    }
                    Some(Value::Array(a)) => a.push(v.clone()),
                    _ => {}
                }
            }
        }
    }
    root
}

// ---------------------------------------------------------------------------------------------
// Properties

/// `read_file` ends in Ok or an error with a message; an Ok profile round-trips through
/// `profile_json` + `read_file` to the same profile.
fn check_read(bytes: &[u8], file: &str) -> Result<(), TestCaseError> {
    match read_file(bytes, file, catalog()) {
        Ok(imported) => {
            let again = profile_json(&imported.profile, imported.version);
            let back = read_file(again.as_bytes(), "again.json", catalog()).map_err(|e| {
                TestCaseError::fail(format!("an accepted profile does not read back: {e}"))
            })?;
            prop_assert_eq!(&back.profile, &imported.profile);
            prop_assert_eq!(back.version, imported.version);
        }
        Err(e) => {
            prop_assert!(!e.message.trim().is_empty(), "empty message: {e:?}");
            prop_assert!(!e.to_string().trim().is_empty());
        }
    }
    Ok(())
}

fn check_loaded(loaded: Loaded) -> Result<(), TestCaseError> {
    match loaded {
        Loaded::Nothing => prop_assert!(false, "some text was given, yet nothing was found"),
        Loaded::Unreadable { reason, .. } => prop_assert!(!reason.trim().is_empty()),
        Loaded::Restored(ws) | Loaded::Migrated { workspace: ws, .. } => {
            // What was read saves and reads back as the same workspace.
            match persist::decode(Some(&persist::encode(&ws, "t"))) {
                Loaded::Restored(back) => prop_assert_eq!(back, ws),
                other => prop_assert!(false, "a read workspace does not read back: {other:?}"),
            }
        }
    }
    Ok(())
}

fn check_share(payload: &str) -> Result<(), TestCaseError> {
    match share::decode(payload, catalog()) {
        Ok(imported) => {
            let again = share::encode(&imported.profile, imported.version);
            let back =
                share::decode(again.trim_start_matches(share::PREFIX), catalog()).map_err(|e| {
                    TestCaseError::fail(format!("a shared profile does not read back: {e}"))
                })?;
            prop_assert_eq!(back.profile, imported.profile);
        }
        Err(e) => prop_assert!(!e.message.trim().is_empty(), "empty message: {e:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    // --- read_file -----------------------------------------------------------------------------

    #[test]
    fn read_file_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        check_read(&bytes, "x.zip")?;
    }

    #[test]
    fn read_file_survives_arbitrary_json_like_bytes(
        body in prop::collection::vec(any::<u8>(), 0..2048),
        ws in "[ \t\r\n]{0,3}",
    ) {
        let mut bytes = ws.into_bytes();
        bytes.push(b'{');
        bytes.extend(body);
        check_read(&bytes, "profile.json")?;
    }

    #[test]
    fn read_file_survives_arbitrary_bytes_after_a_zip_signature(
        bytes in prop::collection::vec(any::<u8>(), 0..4096),
    ) {
        let mut input = b"PK\x03\x04".to_vec();
        input.extend(bytes);
        check_read(&input, "x.zip")?;
    }

    #[test]
    fn read_file_survives_a_damaged_package(edits in mutations()) {
        let bytes = apply(valid_package().to_vec(), &edits);
        check_read(&bytes, "damaged.zip")?;
    }

    #[test]
    fn read_file_survives_a_package_with_a_damaged_manifest(edits in mutations()) {
        let mut files = unzip(valid_package());
        let manifest = files.iter_mut().find(|(n, _)| n == "manifest.json").unwrap();
        manifest.1 = apply(std::mem::take(&mut manifest.1), &edits);
        check_read(&rezip(&files), "manifest.zip")?;
    }

    #[test]
    fn read_file_survives_a_package_with_other_manifest_values(edits in json_edits()) {
        let mut files = unzip(valid_package());
        let manifest = files.iter_mut().find(|(n, _)| n == "manifest.json").unwrap();
        let value: Value = serde_json::from_slice(&manifest.1).unwrap();
        manifest.1 = serde_json::to_vec(&edit_json(value, &edits)).unwrap();
        check_read(&rezip(&files), "manifest.zip")?;
    }

    #[test]
    fn read_file_survives_a_package_whose_profile_and_checksums_disagree(
        edits in json_edits(),
        fix_checksum in any::<bool>(),
    ) {
        // profile.json changed inside the package; with `fix_checksum` the manifest is brought
        // up to date so the profile reaches the schema and content checks.
        let mut files = unzip(valid_package());
        let value: Value = serde_json::from_str(valid_profile_json()).unwrap();
        let profile = serde_json::to_vec(&edit_json(value, &edits)).unwrap();
        if fix_checksum {
            let (_, m) = files.iter_mut().find(|(n, _)| n == "manifest.json").unwrap();
            let mut manifest: Value = serde_json::from_slice(m).unwrap();
            for f in manifest["files"].as_array_mut().unwrap() {
                if f["name"] == "profile.json" {
                    f["sha256"] = Value::from(package::sha256_hex(&profile));
                    f["bytes"] = Value::from(profile.len());
                }
            }
            *m = serde_json::to_vec(&manifest).unwrap();
        }
        files.iter_mut().find(|(n, _)| n == "profile.json").unwrap().1 = profile;
        check_read(&rezip(&files), "edited.zip")?;
    }

    #[test]
    fn read_file_survives_a_damaged_profile_json(edits in mutations()) {
        let bytes = apply(valid_profile_json().as_bytes().to_vec(), &edits);
        check_read(&bytes, "profile.json")?;
    }

    #[test]
    fn read_file_survives_other_profile_json_values(edits in json_edits()) {
        let value: Value = serde_json::from_str(valid_profile_json()).unwrap();
        let bytes = serde_json::to_vec(&edit_json(value, &edits)).unwrap();
        check_read(&bytes, "profile.json")?;
    }

    // --- persist -------------------------------------------------------------------------------

    #[test]
    fn persist_decode_survives_arbitrary_text(text in ".{0,512}") {
        check_loaded(persist::decode(Some(&text)))?;
    }

    #[test]
    fn persist_decode_survives_a_damaged_stored_workspace(edits in mutations()) {
        let bytes = apply(valid_stored().as_bytes().to_vec(), &edits);
        check_loaded(persist::decode(Some(&String::from_utf8_lossy(&bytes))))?;
    }

    #[test]
    fn persist_decode_survives_other_stored_values(edits in json_edits()) {
        let value: Value = serde_json::from_str(valid_stored()).unwrap();
        let text = serde_json::to_string(&edit_json(value, &edits)).unwrap();
        check_loaded(persist::decode(Some(&text)))?;
    }

    #[test]
    fn persist_decode_survives_any_ids(values in prop::collection::vec((any::<Index>(), number()), 1..4)) {
        // The ids, `next_id` and the profiles' scope references: the numbers `decode` computes with.
        let mut root: Value = serde_json::from_str(valid_stored()).unwrap();
        let mut all = Vec::new();
        pointers(&root, String::new(), &mut all);
        let ids: Vec<String> = all
            .into_iter()
            .filter(|p| {
                p.ends_with("/id")
                    || p.ends_with("/next_id")
                    || (p.starts_with("/workspace/profiles/") && p.contains("/scopes/"))
            })
            .collect();
        for (i, v) in values {
            let p = &ids[i.index(ids.len())];
            if let Some(slot) = root.pointer_mut(p) {
                *slot = v;
            }
        }
        check_loaded(persist::decode(Some(&root.to_string())))?;
    }

    #[test]
    fn persist_decode_survives_schema_1_envelopes_with_arbitrary_profiles(
        profiles in prop_oneof![
            json_value(),
            prop::collection::vec(v1_profile(), 0..4).prop_map(Value::Array),
        ],
    ) {
        let text = serde_json::json!({ "schema_version": 1, "profiles": profiles }).to_string();
        check_loaded(persist::decode(Some(&text)))?;
    }

    #[test]
    fn tabs_arrival_survives_arbitrary_stored_text(
        text in prop_oneof![
            ".{0,256}",
            mutations().prop_map(|e| String::from_utf8_lossy(&apply(valid_stored().as_bytes().to_vec(), &e)).into_owned()),
        ],
        written_here in any::<bool>(),
    ) {
        let ws = workspace().clone();
        let mut synced = tabs::Synced::read(Some(valid_stored().to_string()), ws.clone());
        synced.written_here = written_here;
        if let tabs::Arrival::Unreadable { reason, .. } = tabs::arrival(&synced, &ws, Some(&text)) {
            prop_assert!(!reason.trim().is_empty());
        }
        let _ = persist::revision_of(&text);
    }

    // --- share links ---------------------------------------------------------------------------

    #[test]
    fn share_decode_survives_arbitrary_text(text in ".{0,512}") {
        check_share(&text)?;
    }

    #[test]
    fn share_decode_survives_base64_of_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_share(&b64(&bytes))?;
    }

    #[test]
    fn share_decode_survives_deflated_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        check_share(&b64(&deflate(&bytes)))?;
    }

    #[test]
    fn share_decode_survives_a_damaged_link(edits in mutations(), deflated in any::<bool>()) {
        // Damage either the deflated stream or the profile.json inside it.
        let json = valid_profile_json().as_bytes().to_vec();
        let compressed = if deflated {
            apply(deflate(&json), &edits)
        } else {
            deflate(&apply(json, &edits))
        };
        check_share(&b64(&compressed))?;
    }

    // --- simulation inputs ---------------------------------------------------------------------

    #[test]
    fn parse_outages_survives_arbitrary_text(
        text in prop_oneof![
            ".{0,256}",
            "([0-9 ]{0,12}[:\\-]?){0,6}(\n[0-9]{0,12}: ?-?[0-9]{0,12}-[0-9]{0,12}){0,6}",
        ],
    ) {
        match parse_outages(&text) {
            Ok(outages) => prop_assert!(outages.len() <= text.lines().count()),
            Err(m) => prop_assert!(!m.trim().is_empty()),
        }
    }

    #[test]
    fn scenario_validate_survives_arbitrary_values(s in scenario(any::<u32>())) {
        for e in s.validate() {
            prop_assert!(!e.message.trim().is_empty(), "{}", e.field);
        }
    }

    #[test]
    fn engine_new_survives_arbitrary_small_scenarios(s in scenario(small_u32())) {
        let ws = workspace();
        let profile = ResolvedProfile::of(ws, &ws.profiles[0]);
        let db = NativeDb::open_memory().unwrap();
        match Engine::new(db, &s, &profile, 5, catalog()) {
            Ok(_) => prop_assert!(s.validate().is_empty()),
            Err(e) => {
                prop_assert!(!e.to_string().trim().is_empty());
                if let SimError::Scenario(m) = e {
                    prop_assert!(!m.trim().is_empty());
                }
            }
        }
    }
}

fn v1_profile() -> impl Strategy<Value = Value> {
    let scope = (
        word(),
        number(),
        number(),
        prop::collection::vec(word(), 0..4),
    )
        .prop_map(|(description, direction, minutes, tables)| {
            serde_json::json!({
                "description": description,
                "direction": direction,
                "frequency_minutes": minutes,
                "tables": tables,
            })
        });
    (
        word(),
        prop::option::of(word()),
        prop::collection::vec(scope, 0..4),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(name, description, scopes, products_all, customers_all)| {
            let mut p = serde_json::json!({ "name": name, "scopes": scopes });
            if let Some(d) = description {
                p["description"] = Value::from(d);
            }
            if let Some(b) = products_all {
                p["products_all"] = Value::from(b);
            }
            if let Some(b) = customers_all {
                p["customers_all"] = Value::from(b);
            }
            p
        })
}

/// Mostly in-range values, sometimes anything.
fn small_u32() -> BoxedStrategy<u32> {
    prop_oneof![
        6 => 0..=8u32,
        2 => 0..=200u32,
        1 => any::<u32>(),
    ]
    .boxed()
}

fn scenario(
    value: impl Strategy<Value = u32> + Clone + 'static,
) -> impl Strategy<Value = Scenario> {
    let outage = (value.clone(), value.clone(), value.clone()).prop_map(
        |(register, start_minute, end_minute)| Outage {
            register,
            start_minute,
            end_minute,
        },
    );
    (
        prop::collection::vec(value.clone(), 16),
        prop::collection::vec(outage, 0..4),
        any::<u64>(),
    )
        .prop_map(|(v, outages, seed)| Scenario {
            stores: v[0],
            registers_per_store: v[1],
            products: v[2],
            variants_per_product: v[3],
            customers: v[4],
            staff: v[5],
            transactions_per_register_per_day: v[6],
            lines_per_transaction: v[7],
            history_days: v[8],
            product_changes_per_hour: v[9],
            price_changes_per_hour: v[10],
            new_customers_per_day: v[11],
            register_edits_per_day: v[12],
            horizon_hours: v[13],
            bandwidth_kbps: v[14],
            latency_ms: v[15],
            outages,
            late_registers: Vec::new(),
            reprovision_minute: None,
            opening: None,
            seed,
        })
}

// ---------------------------------------------------------------------------------------------
// Fixed cases: the deflate bomb, and regressions the fuzzing found.

/// A share link inflating to 100 MB of zeros is refused without inflating it all.
#[test]
fn share_decode_refuses_a_deflate_bomb_quickly() {
    let started = Instant::now();
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..100 {
        e.write_all(&chunk).unwrap();
    }
    let bomb = e.finish().unwrap();
    assert!(bomb.len() < 200_000, "{} bytes", bomb.len());
    let built = started.elapsed();
    let started = Instant::now();
    let err = share::decode(&b64(&bomb), catalog()).expect_err("a bomb is refused");
    assert!(err.message.contains("50 MB"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "refusing took {:?} (building the bomb {built:?})",
        started.elapsed()
    );
}

/// `Scenario::validate` computed the horizon in minutes as `horizon_hours * 60` in u32: a huge
/// horizon (out of range, but still to be reported) overflowed, a panic in debug builds.
#[test]
fn scenario_validate_reports_a_huge_horizon_instead_of_overflowing() {
    let mut s = offline_profile_studio::sim::Preset::Small.scenario();
    s.horizon_hours = u32::MAX;
    s.outages = vec![Outage {
        register: 1,
        start_minute: 0,
        end_minute: u32::MAX,
    }];
    let errors = s.validate();
    assert!(
        errors.iter().any(|e| e.field == "horizon_hours"),
        "{errors:?}"
    );
    assert!(!errors.iter().any(|e| e.field == "outages"), "{errors:?}");
}

/// `persist::decode` set `next_id` to the largest id + 1 in u32: a stored id of `u32::MAX`
/// overflowed (a panic in debug builds, duplicate ids after wrapping in release). Such a text is
/// now kept as unreadable, and an id just below the limit still reads.
#[test]
fn persist_decode_refuses_exhausted_ids_instead_of_overflowing() {
    let with_id = |id: u32| {
        let mut v: Value = serde_json::from_str(valid_stored()).unwrap();
        v["workspace"]["scopes"][0]["id"] = Value::from(id);
        persist::decode(Some(&v.to_string()))
    };
    match with_id(u32::MAX) {
        Loaded::Unreadable { reason, .. } => assert!(reason.contains("ids"), "{reason}"),
        other => panic!("an exhausted id is refused: {other:?}"),
    }
    match with_id(u32::MAX - 2) {
        Loaded::Restored(ws) => assert_eq!(ws.next_id, u32::MAX - 1),
        other => panic!("an id below the limit reads: {other:?}"),
    }
    let mut v: Value = serde_json::from_str(valid_stored()).unwrap();
    v["workspace"]["next_id"] = Value::from(u32::MAX);
    assert!(matches!(
        persist::decode(Some(&v.to_string())),
        Loaded::Unreadable { .. }
    ));
}
