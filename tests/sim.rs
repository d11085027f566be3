//! Host tests of the simulator against real SQLite (the native backend behind the adapter).
#![cfg(not(target_arch = "wasm32"))]

use offline_profile_studio::catalog::Catalog;
use offline_profile_studio::model::diff::ResolvedProfile;
use offline_profile_studio::model::{
    ConflictPolicy, CustomerRule, Frequency, ProductRule, SyncDirection, TimeUnit, Workspace,
};
use offline_profile_studio::sim::{Engine, Outage, Preset, Scenario, SimError, SimResult, Winner};
use offline_profile_studio::sqlite::native::NativeDb;
use offline_profile_studio::sqlite::{Database, Value};

/// A small, quick scenario.
fn tiny() -> Scenario {
    Scenario {
        stores: 1,
        registers_per_store: 3,
        products: 200,
        variants_per_product: 1,
        customers: 300,
        staff: 5,
        transactions_per_register_per_day: 96,
        lines_per_transaction: 3,
        history_days: 10,
        product_changes_per_hour: 6,
        price_changes_per_hour: 12,
        new_customers_per_day: 24,
        register_edits_per_day: 48,
        horizon_hours: 6,
        bandwidth_kbps: 1000,
        latency_ms: 50,
        outages: vec![],
        late_registers: vec![],
        reprovision_minute: None,
        opening: None,
        seed: 7,
    }
}

/// Few customers edited often by several registers: conflicts happen.
fn busy_customers() -> Scenario {
    Scenario {
        customers: 20,
        new_customers_per_day: 0,
        register_edits_per_day: 400,
        registers_per_store: 4,
        ..tiny()
    }
}

fn default_profile() -> ResolvedProfile {
    let ws = Workspace::with_default_profile();
    ResolvedProfile::of(&ws, &ws.profiles[0])
}

fn run(scenario: &Scenario, profile: &ResolvedProfile) -> (Engine<NativeDb>, SimResult) {
    let mut engine = Engine::new(
        NativeDb::open_memory().unwrap(),
        scenario,
        profile,
        5,
        Catalog::builtin(),
    )
    .unwrap();
    let result = engine.run().unwrap().clone();
    (engine, result)
}

fn scope_index(p: &ResolvedProfile, description: &str) -> usize {
    p.scopes
        .iter()
        .position(|s| s.description == description)
        .unwrap()
}

#[test]
fn the_same_seed_profile_and_scenario_give_the_same_results() {
    let p = with_bidirectional_customers(ConflictPolicy::NewestWins);
    let (_, a) = run(&busy_customers(), &p);
    let (_, b) = run(&busy_customers(), &p);
    assert_eq!(a, b);
    assert!(!a.conflicts.is_empty());
    let mut other = busy_customers();
    other.seed = 8;
    let (_, c) = run(&other, &p);
    assert_ne!(
        a.conflicts, c.conflicts,
        "another seed changes which rows change"
    );
}

#[test]
fn provisioning_downloads_every_scope_in_order_then_scopes_run_at_their_frequency() {
    let p = default_profile();
    let (_, r) = run(&tiny(), &p);
    for register in 1..=3 {
        let initial: Vec<usize> = r
            .sessions
            .iter()
            .filter(|s| s.register == register && s.initial)
            .map(|s| s.scope)
            .collect();
        assert_eq!(
            initial,
            (0..p.scopes.len()).collect::<Vec<_>>(),
            "initial download in scope order"
        );
        let mine: Vec<_> = r
            .sessions
            .iter()
            .filter(|s| s.register == register)
            .collect();
        assert!(
            mine.windows(2).all(|w| w[1].start >= w[0].end - 1e-9),
            "a register runs one session at a time"
        );
    }
    // Customers every 15 minutes over 6 hours: 24 sessions per register after provisioning.
    let customers = scope_index(&p, "1010 Customers");
    let n = r
        .sessions
        .iter()
        .filter(|s| s.register == 1 && s.scope == customers && !s.initial)
        .count();
    assert_eq!(n, 24);
    // Sessions due together run in profile order.
    let at_hour: Vec<usize> = r
        .sessions
        .iter()
        .filter(|s| s.register == 1 && !s.initial && (s.start - 3600.0).abs() < 60.0)
        .map(|s| s.scope)
        .collect();
    assert!(at_hour.windows(2).all(|w| w[0] < w[1]), "{at_hour:?}");
    // The initial load moves the products.
    let products = scope_index(&p, "1040 Products");
    let initial = r
        .sessions
        .iter()
        .find(|s| s.register == 1 && s.initial && s.scope == products)
        .unwrap();
    let inventtable = r.tables.iter().position(|t| t == "INVENTTABLE").unwrap();
    assert_eq!(
        initial
            .downloaded
            .iter()
            .find(|v| v.table == inventtable)
            .unwrap()
            .rows,
        200
    );
}

#[test]
fn downloads_move_store_changes_and_uploads_move_register_sales() {
    let p = default_profile();
    let (engine, r) = run(&tiny(), &p);
    let products = scope_index(&p, "1040 Products");
    let later: u64 = r
        .sessions
        .iter()
        .filter(|s| s.scope == products && !s.initial)
        .map(|s| s.rows())
        .sum();
    assert!(later > 0, "product changes reach registers");
    assert!(r
        .sessions
        .iter()
        .filter(|s| s.direction == SyncDirection::Download)
        .all(|s| s.uploaded.is_empty()));
    let pos = scope_index(&p, "P-0001 POS transactions");
    let header = r
        .tables
        .iter()
        .position(|t| t == "RETAILTRANSACTIONTABLE")
        .unwrap();
    let uploaded: u64 = r
        .sessions
        .iter()
        .filter(|s| s.scope == pos)
        .flat_map(|s| &s.uploaded)
        .filter(|v| v.table == header)
        .map(|v| v.rows)
        .sum();
    // 96 transactions per day for 6 hours, 3 registers; the last ones may still wait on registers.
    assert!((60..=72).contains(&uploaded), "{uploaded}");
    let in_store = engine
        .db()
        .query("SELECT count(*) FROM main.\"RETAILTRANSACTIONTABLE\"", &[])
        .unwrap();
    assert_eq!(
        in_store.scalar(),
        Some(&Value::Integer(uploaded as i64)),
        "what was uploaded is in the store"
    );
    let lines = r
        .tables
        .iter()
        .position(|t| t == "RETAILTRANSACTIONSALESTRANS")
        .unwrap();
    let line_rows: u64 = r
        .sessions
        .iter()
        .flat_map(|s| &s.uploaded)
        .filter(|v| v.table == lines)
        .map(|v| v.rows)
        .sum();
    assert_eq!(line_rows, uploaded * 3);
}

fn with_bidirectional_customers(policy: ConflictPolicy) -> ResolvedProfile {
    let mut p = default_profile();
    let c = scope_index(&p, "1010 Customers");
    p.scopes[c].direction = SyncDirection::Bidirectional;
    p.scopes[c].conflict_policy = policy;
    p
}

#[test]
fn bidirectional_scopes_detect_conflicts_and_settle_them_by_policy() {
    let mut s = busy_customers();
    s.registers_per_store = 1;
    let p = with_bidirectional_customers(ConflictPolicy::StoreWins);
    let (_, alone) = run(&s, &p);
    assert!(
        alone.conflicts.is_empty(),
        "with no other side changing customers there is nothing to conflict with"
    );
    // Other registers' edits reach the store and change the same customers.
    s.registers_per_store = 4;
    let (_, r) = run(&s, &p);
    assert!(
        !r.conflicts.is_empty(),
        "registers' edits reach the store and conflict with each other's"
    );
    assert!(r.conflicts.iter().all(|c| c.winner == Winner::Store));
    let sessions_conflicts: u32 = r.sessions.iter().map(|x| x.conflicts).sum();
    assert_eq!(
        sessions_conflicts as usize,
        r.conflicts.len(),
        "every conflict is recorded"
    );
    let (_, rw) = run(
        &s,
        &with_bidirectional_customers(ConflictPolicy::RegisterWins),
    );
    assert!(!rw.conflicts.is_empty() && rw.conflicts.iter().all(|c| c.winner == Winner::Register));
    let (_, nw) = run(
        &s,
        &with_bidirectional_customers(ConflictPolicy::NewestWins),
    );
    assert!(!nw.conflicts.is_empty());
    assert!(nw
        .conflicts
        .iter()
        .all(|c| (c.winner == Winner::Register) == (c.register_at > c.store_at)));
    // A register back from an outage: edits it made offline before the store changed lose,
    // edits made after the store changed win. Both kinds occur.
    s.outages = vec![Outage {
        register: 2,
        start_minute: 30,
        end_minute: 150,
    }];
    let (_, back) = run(
        &s,
        &with_bidirectional_customers(ConflictPolicy::NewestWins),
    );
    let kinds: std::collections::BTreeSet<Winner> =
        back.conflicts.iter().map(|c| c.winner).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [Winner::Store, Winner::Register],
        "{:?}",
        back.conflicts
    );
    assert!(back
        .conflicts
        .iter()
        .all(|c| (c.winner == Winner::Register) == (c.register_at > c.store_at)));
}

#[test]
fn an_outage_stops_syncing_grows_a_backlog_and_catches_up() {
    let mut s = tiny();
    s.outages = vec![Outage {
        register: 2,
        start_minute: 60,
        end_minute: 180,
    }];
    let p = default_profile();
    let (_, r) = run(&s, &p);
    let during = r
        .sessions
        .iter()
        .filter(|x| x.register == 2 && !x.initial && x.start >= 3600.0 && x.start < 10_800.0)
        .count();
    assert_eq!(during, 0, "no sync while offline");
    assert!(r.reconnect_attempts.get(&2).copied().unwrap_or(0) > 0);
    let pos = scope_index(&p, "P-0001 POS transactions");
    let catch_up = r
        .sessions
        .iter()
        .find(|x| x.register == 2 && x.scope == pos && x.catch_up)
        .expect("a catch-up session");
    assert!(catch_up.start >= 10_800.0);
    let normal = r
        .sessions
        .iter()
        .find(|x| x.register == 1 && x.scope == pos && !x.initial)
        .unwrap();
    assert!(
        catch_up.rows() > normal.rows() * 10,
        "the backlog of two hours goes up at once"
    );
    assert!(
        r.sessions.iter().filter(|x| x.register == 1).count()
            > r.sessions.iter().filter(|x| x.register == 2).count()
    );
}

#[test]
fn product_and_customer_limits_keep_the_rest_off_the_register() {
    let mut p = default_profile();
    p.products.limited = true;
    p.products.rule = Some(ProductRule::TopBySalesAmount);
    p.products.top_n = 50;
    p.customers.limited = true;
    p.customers.rule = Some(CustomerRule::TopByVisits);
    p.customers.top_n = 40;
    let (engine, r) = run(&tiny(), &p);
    let count = |sql: &str| {
        engine
            .db()
            .query(sql, &[])
            .unwrap()
            .scalar()
            .and_then(Value::as_i64)
            .unwrap()
    };
    assert_eq!(count("SELECT count(*) FROM replica.\"INVENTTABLE\""), 50);
    assert_eq!(count("SELECT count(*) FROM main.\"INVENTTABLE\""), 200);
    assert_eq!(count("SELECT count(*) FROM replica.\"CUSTTABLE\""), 40);
    // Staff parties stay: DIRPARTYTABLE keeps them unless the limit is applied to it.
    assert_eq!(count("SELECT count(*) FROM replica.\"DIRPARTYTABLE\""), 45);
    let counts = engine.register_counts(1);
    let cust = counts.iter().find(|c| c.0 == "CUSTTABLE").unwrap();
    assert!(
        cust.1 >= 40 && cust.2 > cust.1,
        "{cust:?}: the register holds fewer customers than the store"
    );
    p.customers.limit_party_table = true;
    let (engine, _) = run(&tiny(), &p);
    let staff_gone = engine
        .db()
        .query("SELECT count(*) FROM replica.\"DIRPARTYTABLE\"", &[])
        .unwrap();
    assert_eq!(
        staff_gone.scalar(),
        Some(&Value::Integer(40)),
        "limiting the party table strips staff"
    );
    assert!(r.sizes.iter().all(|s| s.bytes > 0));
}

#[test]
fn a_child_scope_before_its_parent_leaves_rows_without_parents_and_a_problem_says_so() {
    let mut p = default_profile();
    // Customers first, and the scope holding DIRPARTYTABLE's parents later: move 1110 first? No:
    // put the party table in its own scope that runs after customers.
    let customers = scope_index(&p, "1010 Customers");
    p.scopes[customers].tables.retain(|t| t != "DIRPARTYTABLE");
    let mut parties = p.scopes[customers].clone();
    parties.description = "Parties".into();
    parties.tables = vec!["DIRPARTYTABLE".into()];
    p.scopes.push(parties);
    let (_, r) = run(&tiny(), &p);
    let first = r
        .sessions
        .iter()
        .find(|s| s.register == 1 && s.initial && s.scope == customers)
        .unwrap();
    assert!(
        first
            .problems
            .iter()
            .any(|m| m.contains("CUSTTABLE arrived before any row of its parent DIRPARTYTABLE")),
        "{:#?}",
        first.problems
    );
    let later = r
        .sessions
        .iter()
        .find(|s| s.register == 1 && !s.initial && s.scope == customers)
        .unwrap();
    assert!(
        later.problems.iter().all(|m| !m.contains("DIRPARTYTABLE")),
        "once parties synced, no problem"
    );
}

#[test]
fn more_than_nine_registers_share_one_replica() {
    let mut s = tiny();
    s.stores = 2;
    s.registers_per_store = 6;
    s.horizon_hours = 2;
    let (engine, r) = run(&s, &default_profile());
    assert_eq!(r.sessions.iter().map(|x| x.register).max(), Some(12));
    assert_eq!(r.registers(), 12);
    assert!(r.end() >= 2.0 * 3600.0);
    let attached = engine.db().query("PRAGMA database_list", &[]).unwrap();
    assert_eq!(
        attached.rows.len(),
        3,
        "main, replica and regs, whatever the number of registers"
    );
}

#[test]
fn bad_scenarios_and_runs_too_large_are_refused_before_they_start() {
    let mut s = tiny();
    s.registers_per_store = 0;
    s.outages = vec![Outage {
        register: 9,
        start_minute: 10,
        end_minute: 5,
    }];
    let errors = s.validate();
    let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
    assert!(
        fields.contains(&"registers_per_store") && fields.contains(&"outages"),
        "{errors:?}"
    );
    assert!(errors
        .iter()
        .any(|e| e.message == "Registers per store must be between 1 and 100; it is 0."));
    assert!(matches!(
        Engine::new(
            NativeDb::open_memory().unwrap(),
            &s,
            &default_profile(),
            5,
            Catalog::builtin()
        ),
        Err(SimError::Scenario(_))
    ));
    let mut huge = Preset::Flagship.scenario();
    huge.products = 500_000;
    huge.customers = 2_000_000;
    match Engine::new(
        NativeDb::open_memory().unwrap(),
        &huge,
        &default_profile(),
        5,
        Catalog::builtin(),
    ) {
        Err(SimError::TooLarge(m)) => assert!(
            m.contains("MB of memory") && m.contains("Reference mid-size store"),
            "{m}"
        ),
        _ => panic!("a run that cannot fit is refused"),
    }
    for preset in Preset::ALL {
        assert!(
            preset.scenario().validate().is_empty(),
            "{}",
            preset.label()
        );
    }
}

#[test]
fn frequencies_drive_the_number_of_sessions() {
    let mut p = default_profile();
    let c = scope_index(&p, "1010 Customers");
    p.scopes[c].frequency = Frequency::every(1, TimeUnit::Minutes);
    let (_, r) = run(&tiny(), &p);
    let n = r
        .sessions
        .iter()
        .filter(|s| s.register == 1 && s.scope == c && !s.initial)
        .count();
    assert_eq!(n, 360);
}

#[test]
fn a_registers_database_exports_with_real_keys_and_passes_an_integrity_check() {
    let dir = std::env::temp_dir().join(format!("ops-sim-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("register-1.sqlite");
    let _ = std::fs::remove_file(&file);
    let (engine, _) = run(&tiny(), &default_profile());
    engine.export_register(1, file.to_str().unwrap()).unwrap();
    let db = NativeDb::open_file(file.to_str().unwrap()).unwrap();
    let ok = db.query("PRAGMA integrity_check", &[]).unwrap();
    assert_eq!(ok.scalar(), Some(&Value::Text("ok".into())));
    let count = |sql: &str| {
        db.query(sql, &[])
            .unwrap()
            .scalar()
            .and_then(Value::as_i64)
            .unwrap()
    };
    assert_eq!(count("SELECT count(*) FROM INVENTTABLE"), 200);
    assert!(
        count("SELECT count(*) FROM RETAILTRANSACTIONTABLE") > 0,
        "its own sales"
    );
    let counts = engine.register_counts(1);
    let cust = counts.iter().find(|c| c.0 == "CUSTTABLE").unwrap();
    assert_eq!(count("SELECT count(*) FROM CUSTTABLE") as u64, cust.1);
    assert!(engine.export_register(99, file.to_str().unwrap()).is_err());
}

#[test]
fn step_for_runs_in_units_and_gives_the_same_result_as_run() {
    use offline_profile_studio::sim::RunPhase;
    let mut s = tiny();
    s.outages = vec![Outage {
        register: 2,
        start_minute: 60,
        end_minute: 180,
    }];
    let p = with_bidirectional_customers(ConflictPolicy::NewestWins);
    let (_, expected) = run(&s, &p);
    let mut engine = Engine::new(
        NativeDb::open_memory().unwrap(),
        &s,
        &p,
        5,
        Catalog::builtin(),
    )
    .unwrap();
    let mut phases = Vec::new();
    let mut calls = 0;
    loop {
        // Never asked to go on: one unit per call.
        let progress = engine.step_for(&mut || false).unwrap();
        calls += 1;
        if phases.last() != Some(&progress.phase) {
            phases.push(progress.phase);
        }
        assert!((0.0..=1.0).contains(&progress.fraction));
        if progress.done {
            assert_eq!(progress.phase, RunPhase::Done);
            break;
        }
        assert!(calls < 100_000, "step_for finishes");
    }
    assert_eq!(
        engine.result(),
        &expected,
        "units give the same result as run()"
    );
    assert!(phases.contains(&RunPhase::Provision) && phases.contains(&RunPhase::Sync));
    assert_eq!(
        phases.first(),
        Some(&RunPhase::Generate),
        "the store is generated first"
    );
    assert!(
        calls as usize > expected.sessions.len(),
        "one session per unit, setup in units too"
    );
    // step(n) still works, and finishes the same way.
    let mut stepped = Engine::new(
        NativeDb::open_memory().unwrap(),
        &s,
        &p,
        5,
        Catalog::builtin(),
    )
    .unwrap();
    while !stepped.step(7).unwrap().done {}
    assert_eq!(stepped.result(), &expected);
}

/// Golden results: a fingerprint of several runs (the full results, every register's row counts
/// and a hash of every row of every table) compared with `tests/golden/sim-fingerprint.txt`, so
/// an engine change that alters any result fails here. When a change is meant to alter results,
/// regenerate the file (`UPDATE_GOLDEN=1 cargo test --test sim golden`) and say why in the commit.
#[test]
fn golden_results_are_unchanged() {
    use offline_profile_studio::package::sha256_hex;
    use std::fmt::Write;
    let mut limited = default_profile();
    limited.products.limited = true;
    limited.products.rule = Some(ProductRule::TopBySalesAmount);
    limited.products.top_n = 50;
    limited.customers.limited = true;
    limited.customers.rule = Some(CustomerRule::TopByVisits);
    limited.customers.top_n = 40;
    let mut party_limited = limited.clone();
    party_limited.customers.limit_party_table = true;
    let mut outages = tiny();
    outages.outages = vec![
        Outage {
            register: 2,
            start_minute: 60,
            end_minute: 180,
        },
        Outage {
            register: 3,
            start_minute: 10,
            end_minute: 30,
        },
    ];
    let mut small = Preset::Small.scenario();
    small.horizon_hours = 24;
    let runs: Vec<(&str, Scenario, ResolvedProfile)> = vec![
        ("tiny", tiny(), default_profile()),
        (
            "busy newest",
            busy_customers(),
            with_bidirectional_customers(ConflictPolicy::NewestWins),
        ),
        (
            "busy store",
            busy_customers(),
            with_bidirectional_customers(ConflictPolicy::StoreWins),
        ),
        (
            "busy register",
            busy_customers(),
            with_bidirectional_customers(ConflictPolicy::RegisterWins),
        ),
        ("outages", outages.clone(), default_profile()),
        (
            "outages bidirectional",
            outages,
            with_bidirectional_customers(ConflictPolicy::NewestWins),
        ),
        ("limits", tiny(), limited.clone()),
        ("limits party", tiny(), party_limited),
        ("small 24h", small.clone(), default_profile()),
        (
            "small 24h bidirectional limited",
            small,
            with_bidirectional_customers(ConflictPolicy::NewestWins),
        ),
    ];
    let mut golden = String::new();
    for (name, s, p) in &runs {
        let (engine, r) = run(s, p);
        let mut out = format!("{r:?}\n");
        for register in 1..=engine.register_count() {
            writeln!(out, "{register}: {:?}", engine.register_counts(register)).unwrap();
        }
        // Every row of every table.
        let db = engine.db();
        for schema in ["main", "replica", "regs"] {
            let tables = format!(
                "SELECT name FROM {schema}.sqlite_master WHERE type = 'table' ORDER BY name"
            );
            for name in db.query(&tables, &[]).unwrap().rows {
                let name = name[0].as_str().unwrap().to_string();
                let sql = format!("SELECT * FROM {schema}.\"{name}\" ORDER BY rowid");
                let rows = db.query(&sql, &[]).unwrap();
                writeln!(out, "{schema}.{name}: {:?}", rows.rows).unwrap();
            }
        }
        assert!(!r.sessions.is_empty(), "{name}: the run has sessions");
        writeln!(
            golden,
            "{name}: {} sessions, {} conflicts, sha256 {}",
            r.sessions.len(),
            r.conflicts.len(),
            sha256_hex(out.as_bytes())
        )
        .unwrap();
    }
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/sim-fingerprint.txt");
    if std::env::var("UPDATE_GOLDEN").is_ok() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &golden).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .expect("tests/golden/sim-fingerprint.txt exists (UPDATE_GOLDEN=1 makes it)");
    assert_eq!(
        golden, expected,
        "simulation results changed; if that is intended, UPDATE_GOLDEN=1 cargo test --test sim golden"
    );
}

#[test]
fn the_scenario_fields_table_is_the_one_definition_of_every_value() {
    use offline_profile_studio::sim::{scenario_field, SCENARIO_FIELDS};
    let json = serde_json::to_value(Preset::Small.scenario()).unwrap();
    let mut labels = std::collections::HashSet::new();
    for f in &SCENARIO_FIELDS {
        assert!(
            json.get(f.key).is_some(),
            "{} is a field of Scenario",
            f.key
        );
        assert!(labels.insert(f.label), "{} is labelled once", f.label);
        assert_eq!(scenario_field(f.key).map(|x| x.key), Some(f.key));
        // Set and get round-trip, and validation uses the field's own range and label.
        let mut s = Preset::Small.scenario();
        (f.set)(&mut s, f.min);
        assert_eq!((f.get)(&s), f.min, "{}", f.key);
        assert!(
            !s.validate().iter().any(|e| e.field == f.key),
            "{} at its minimum",
            f.key
        );
        if f.max < u64::from(u32::MAX) {
            (f.set)(&mut s, f.max + 1);
            let e = s
                .validate()
                .into_iter()
                .find(|e| e.field == f.key)
                .expect("out of range");
            assert_eq!(
                e.message,
                format!(
                    "{} must be between {} and {}; it is {}.",
                    f.label,
                    f.min,
                    f.max,
                    f.max + 1
                )
            );
        }
    }
    // Typed text: whole numbers the field can hold, else a message naming the text.
    let stores = scenario_field("stores").unwrap();
    assert_eq!(stores.parse(" 12 "), Ok(12));
    assert_eq!(
        stores.parse("two"),
        Err("\u{201c}two\u{201d} is not a whole number in range.".into())
    );
    assert!(
        stores.parse("99999999999").is_err(),
        "more than a u32 holds"
    );
    assert_eq!(
        scenario_field("seed").unwrap().parse("99999999999"),
        Ok(99_999_999_999)
    );
    assert_eq!(
        scenario_field("bandwidth_kbps").unwrap().label_with_unit(),
        "Bandwidth per register (kbit/s)"
    );
}

#[test]
fn a_late_register_is_provisioned_when_it_joins_and_a_reprovisioning_rebuilds_every_register() {
    use offline_profile_studio::sim::LateRegister;
    let mut s = tiny();
    s.late_registers = vec![LateRegister {
        register: 2,
        minute: 120,
    }];
    let (engine, r) = run(&s, &default_profile());
    let first_of_2 = r.sessions.iter().find(|x| x.register == 2).unwrap();
    assert!(
        first_of_2.initial && first_of_2.start >= 7200.0,
        "{first_of_2:?}"
    );
    let initial = |reg: u32, from: f64| -> u64 {
        r.sessions
            .iter()
            .filter(|x| x.register == reg && x.initial && x.start >= from)
            .map(|x| x.rows())
            .sum()
    };
    // Joining later, it downloads what the store holds then: at least what the others got at 0.
    assert!(
        initial(2, 7200.0) >= initial(1, 0.0),
        "{} < {}",
        initial(2, 7200.0),
        initial(1, 0.0)
    );
    assert!(
        r.sessions.iter().any(|x| x.register == 2 && !x.initial),
        "then it syncs as usual"
    );
    assert!(engine
        .register_counts(2)
        .iter()
        .any(|(_, rows, _)| *rows > 0));
    assert!(s.validate().is_empty());

    let mut s = tiny();
    s.reprovision_minute = Some(180);
    let (_, r) = run(&s, &default_profile());
    for reg in 1..=s.registers() {
        let again = r
            .sessions
            .iter()
            .filter(|x| x.register == reg && x.initial && x.start >= 10_800.0)
            .count();
        assert_eq!(
            again,
            r.scopes.len(),
            "register {reg} downloads every scope again"
        );
    }
    // Out of range values are refused with a message.
    let mut bad = tiny();
    bad.late_registers = vec![LateRegister {
        register: 9,
        minute: 10,
    }];
    bad.reprovision_minute = Some(0);
    let e: Vec<String> = bad.validate().into_iter().map(|e| e.message).collect();
    assert!(
        e.iter()
            .any(|m| m.starts_with("Late register 1: register 9 does not exist")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|m| m.starts_with("Reprovisioning must happen after the start")),
        "{e:?}"
    );
}
