//! Browser tests of the sql.js adapter (wasm-bindgen-test in headless Chromium).
//! Run with `cargo test --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use offline_profile_studio::sqlite::sqljs::{SqlJs, SqlJsDb};
use offline_profile_studio::sqlite::{Database, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod adapter_contract;

#[wasm_bindgen_test]
async fn the_sqljs_backend_keeps_the_adapter_contract() {
    let sql = engine().await;
    adapter_contract::check(&|| sql.open().unwrap(), &|bytes| sql.open_bytes(bytes));
}

/// sql.js's loader script and its WebAssembly, compiled into the test so nothing is fetched.
const SQLJS_JS: &str = include_str!("../node_modules/sql.js/dist/sql-wasm.js");
const SQLJS_WASM: &[u8] = include_bytes!("../node_modules/sql.js/dist/sql-wasm.wasm");

async fn engine() -> SqlJs {
    // Run the classic script as a function body and publish its `initSqlJs`, as a <script> tag
    // would (a direct eval inside wasm-bindgen's module would keep it local).
    let body = format!("{SQLJS_JS}\n;globalThis.initSqlJs = initSqlJs;");
    if let Err(e) = js_sys::Function::new_no_args(&body).call0(&wasm_bindgen::JsValue::UNDEFINED) {
        panic!("sql-wasm.js does not evaluate: {e:?}");
    }
    SqlJs::load_from_bytes(SQLJS_WASM)
        .await
        .expect("sql.js loads")
}

fn count(db: &SqlJsDb, sql: &str) -> i64 {
    db.query(sql, &[])
        .unwrap()
        .scalar()
        .and_then(Value::as_i64)
        .unwrap()
}

#[wasm_bindgen_test]
async fn prepared_statements_are_reused_and_stay_correct() {
    let sql = engine().await;
    let db = sql.open().unwrap();
    db.exec_batch("CREATE TABLE t (a INTEGER)").unwrap();
    for i in 0..600i64 {
        // The same SQL every time: served from the statement cache (and past its capacity).
        assert_eq!(
            db.execute("INSERT INTO t VALUES (?1)", &[i.into()])
                .unwrap(),
            1
        );
        if i % 100 == 0 {
            db.execute(&format!("INSERT INTO t VALUES ({i})"), &[])
                .unwrap();
        }
    }
    assert_eq!(count(&db, "SELECT count(*) FROM t"), 606);
    assert!(db.query("SELEC broken", &[]).is_err());
    assert_eq!(
        count(&db, "SELECT count(*) FROM t"),
        606,
        "an error leaves the cache usable"
    );
}

#[wasm_bindgen_test]
async fn the_simulator_runs_on_sqljs_with_more_than_nine_registers() {
    use offline_profile_studio::catalog::Catalog;
    use offline_profile_studio::model::diff::ResolvedProfile;
    use offline_profile_studio::model::Workspace;
    use offline_profile_studio::sim::{Engine, Preset};
    let sql = engine().await;
    let ws = Workspace::with_default_profile();
    let profile = ResolvedProfile::of(&ws, &ws.profiles[0]);
    let mut scenario = Preset::Small.scenario();
    scenario.stores = 2;
    scenario.registers_per_store = 6;
    scenario.products = 300;
    scenario.customers = 400;
    scenario.horizon_hours = 2;
    scenario.outages.clear();
    let mut sim = Engine::new(
        sql.open().unwrap(),
        &scenario,
        &profile,
        5,
        Catalog::builtin(),
    )
    .unwrap();
    let result = sim.run().unwrap().clone();
    assert_eq!(result.sessions.iter().map(|s| s.register).max(), Some(12));
    let uploaded: u64 = result
        .sessions
        .iter()
        .flat_map(|s| &s.uploaded)
        .map(|v| v.rows)
        .sum();
    assert!(uploaded > 0, "sales went up from the registers");
    let products = result
        .tables
        .iter()
        .position(|t| t == "INVENTTABLE")
        .unwrap();
    let first = result
        .sessions
        .iter()
        .find(|s| s.register == 12 && s.initial && s.downloaded.iter().any(|v| v.table == products))
        .unwrap();
    assert_eq!(
        first
            .downloaded
            .iter()
            .find(|v| v.table == products)
            .unwrap()
            .rows,
        300
    );
    let attached = sim.db().query("PRAGMA database_list", &[]).unwrap();
    assert_eq!(attached.rows.len(), 3);
}

/// The worker's engine path on sql.js, as `web::worker` drives it: requests and replies cross
/// as JSON, the run's work is done in slices, the result arrives in parts and equals a direct
/// run of the engine, every register is measured, and the console answers.
#[wasm_bindgen_test]
async fn the_workers_engine_path_answers_on_sqljs_as_the_engine_does() {
    use offline_profile_studio::catalog::Catalog;
    use offline_profile_studio::model::{diff::ResolvedProfile, Workspace};
    use offline_profile_studio::sim::serve::{Assembler, Reply, Request, Server};
    use offline_profile_studio::sim::{Engine, Preset};
    let sql = engine().await;
    let ws = Workspace::with_default_profile();
    let profile = ResolvedProfile::of(&ws, &ws.profiles[0]);
    let mut scenario = Preset::Small.scenario();
    scenario.horizon_hours = 1;
    scenario.outages.clear();
    let direct = Engine::new(
        sql.open().unwrap(),
        &scenario,
        &profile,
        5,
        Catalog::builtin(),
    )
    .unwrap()
    .run()
    .unwrap()
    .clone();

    let opener = sql.clone();
    let mut server = Server::new(move || opener.open());
    let mut replies = Vec::new();
    let mut post = |r: Reply| replies.push(Reply::from_json(&r.to_json()).unwrap());
    let run = Request::Run {
        scenario: Box::new(scenario),
        profile: Box::new(profile),
        reconnect_mins: 5,
        measure: true,
    };
    server.handle(Request::from_json(&run.to_json()).unwrap(), &mut post);
    let mut slices = 0;
    while server.busy() {
        // Small slices, as the worker's are (a countdown instead of its clock).
        let mut units = 3;
        server.work(
            &mut || {
                units -= 1;
                units > 0
            },
            &mut post,
        );
        slices += 1;
    }
    server.handle(
        Request::Query {
            register: 1,
            sql: "SELECT count(*) FROM CUSTTABLE".into(),
        },
        &mut post,
    );
    assert!(slices > 3, "the run took several slices ({slices})");
    let progress = replies
        .iter()
        .filter(|r| matches!(r, Reply::Progress { .. }))
        .count();
    assert!(progress >= 2, "progress was reported ({progress})");
    let mut assembler = Assembler::default();
    let whole = replies.iter().cloned().find_map(|r| assembler.add(r));
    assert_eq!(whole.as_ref(), Some(&direct));
    let measured = replies
        .iter()
        .filter(|r| matches!(r, Reply::Measured { bytes, .. } if *bytes > 0))
        .count();
    assert_eq!(measured as u32, direct.registers());
    match replies.last() {
        Some(Reply::Query { outcome: Ok(o), .. }) => assert!(o[0].result.is_ok()),
        other => panic!("no console answer: {other:?}"),
    }
}
