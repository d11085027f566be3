//! Browser tests of the sql.js adapter (wasm-bindgen-test in headless Chromium).
//! Run with `cargo test --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use offline_profile_studio::sqlite::sqljs::{SqlJs, SqlJsDb};
use offline_profile_studio::sqlite::{Database, DbError, Statement, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

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
async fn round_trip_create_insert_query_attach_export_reopen() {
    let sql = engine().await;
    let db = sql.open().unwrap();
    db.exec_batch(
        "PRAGMA journal_mode = MEMORY; \
         CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, price REAL, img BLOB, note TEXT)",
    )
    .unwrap();
    {
        let mut insert = db
            .prepare("INSERT INTO item VALUES (?1, ?2, ?3, ?4, ?5)")
            .unwrap();
        for i in 0..5i64 {
            let changed = insert
                .execute(&[
                    Value::Integer(i64::MAX - i),
                    Value::from(format!("item {i}")),
                    Value::Real(0.25 * i as f64),
                    Value::Blob(vec![i as u8, 0, 255]),
                    Value::Null,
                ])
                .unwrap();
            assert_eq!(changed, 1);
        }
    }
    let r = db
        .query(
            "SELECT id, name, price, img, note FROM item WHERE name = ?1",
            &["item 3".into()],
        )
        .unwrap();
    assert_eq!(r.columns, ["id", "name", "price", "img", "note"]);
    assert_eq!(
        r.rows,
        vec![vec![
            Value::Integer(i64::MAX - 3),
            Value::from("item 3"),
            Value::Real(0.75),
            Value::Blob(vec![3, 0, 255]),
            Value::Null,
        ]],
        "64-bit integers keep every digit"
    );

    // ATTACH an in-memory database and move rows inside SQLite.
    db.attach(":memory:", "reg").unwrap();
    db.exec_batch("CREATE TABLE reg.item AS SELECT * FROM main.item WHERE price > 0.3")
        .unwrap();
    assert_eq!(count(&db, "SELECT count(*) FROM reg.item"), 3);
    db.detach("reg").unwrap();

    // ATTACH another sql.js database by its file name.
    let other = sql.open().unwrap();
    other
        .exec_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (7), (8);")
        .unwrap();
    db.attach(&other.attach_name().unwrap(), "other").unwrap();
    assert_eq!(count(&db, "SELECT sum(x) FROM other.t"), 15);
    db.detach("other").unwrap();

    // Export, reopen from the bytes, and find the same rows.
    let bytes = db.export().unwrap();
    assert_eq!(&bytes[..16], b"SQLite format 3\0");
    let copy = sql.open_bytes(&bytes).unwrap();
    assert_eq!(count(&copy, "SELECT count(*) FROM item"), 5);
    assert_eq!(
        copy.query("SELECT max(id) FROM item", &[])
            .unwrap()
            .scalar(),
        Some(&Value::Integer(i64::MAX))
    );
    copy.close().unwrap();
}

#[wasm_bindgen_test]
async fn malformed_sql_is_an_error_with_sqlites_message() {
    let sql = engine().await;
    let db = sql.open().unwrap();
    let err = db.query("SELEC 1", &[]).unwrap_err();
    assert_eq!(
        err,
        DbError::Sqlite {
            message: "near \"SELEC\": syntax error".into()
        }
    );
    let err = db.exec_batch("INSERT INTO nowhere VALUES (1)").unwrap_err();
    assert!(err.to_string().contains("no such table: nowhere"), "{err}");
    // The database still works after an error.
    assert_eq!(count(&db, "SELECT 41 + 1"), 42);
}

#[wasm_bindgen_test]
async fn a_damaged_file_is_refused_when_opened() {
    let sql = engine().await;
    let err = match sql.open_bytes(b"this is not an SQLite database, just text padding it out") {
        Ok(_) => panic!("a text file opened as a database"),
        Err(e) => e,
    };
    assert!(err.sqlite_message().is_some(), "{err}");
}

#[wasm_bindgen_test]
async fn bad_parameters_and_schema_names_are_errors() {
    let sql = engine().await;
    let db = sql.open().unwrap();
    db.exec_batch("CREATE TABLE t (a INTEGER)").unwrap();
    let err = db
        .execute("INSERT INTO t VALUES (?1)", &[1.into(), 2.into()])
        .unwrap_err();
    assert!(err.sqlite_message().is_some(), "{err}");
    assert!(matches!(
        db.attach(":memory:", "bad name"),
        Err(DbError::Misuse(_))
    ));
}
