//! Host tests of the native SQLite backend, and of the catalog's DDL against a real SQLite.
#![cfg(not(target_arch = "wasm32"))]

use offline_profile_studio::catalog::Catalog;
use offline_profile_studio::sqlite::native::NativeDb;
use offline_profile_studio::sqlite::{Database, DbError, Statement, Value};

mod adapter_contract;

#[test]
fn the_native_backend_keeps_the_adapter_contract() {
    adapter_contract::check(&|| NativeDb::open_memory().unwrap(), &NativeDb::open_bytes);
}

#[test]
fn round_trip_with_parameters_attach_and_export() {
    let db = NativeDb::open_memory().unwrap();
    db.exec_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, price REAL, img BLOB)")
        .unwrap();
    {
        let mut insert = db.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4)").unwrap();
        for i in 0..3i64 {
            let changed = insert
                .execute(&[
                    Value::Integer(i64::MAX - i),
                    Value::from(format!("item {i}")),
                    Value::Real(1.5 * i as f64),
                    Value::Blob(vec![i as u8; 3]),
                ])
                .unwrap();
            assert_eq!(changed, 1);
        }
    }
    let r = db
        .query(
            "SELECT id, name, price, img FROM t WHERE name = ?1",
            &["item 2".into()],
        )
        .unwrap();
    assert_eq!(r.columns, ["id", "name", "price", "img"]);
    assert_eq!(
        r.rows,
        vec![vec![
            Value::Integer(i64::MAX - 2),
            Value::from("item 2"),
            Value::Real(3.0),
            Value::Blob(vec![2; 3])
        ]]
    );
    db.attach(":memory:", "reg").unwrap();
    db.exec_batch("CREATE TABLE reg.t AS SELECT * FROM main.t")
        .unwrap();
    let moved = db.query("SELECT count(*) FROM reg.t", &[]).unwrap();
    assert_eq!(moved.scalar(), Some(&Value::Integer(3)));
    db.detach("reg").unwrap();

    let bytes = db.export().unwrap();
    assert_eq!(&bytes[..16], b"SQLite format 3\0");
    let copy = NativeDb::open_bytes(&bytes).unwrap();
    let r = copy.query("SELECT count(*), max(id) FROM t", &[]).unwrap();
    assert_eq!(r.rows[0], vec![Value::Integer(3), Value::Integer(i64::MAX)]);
}

#[test]
fn malformed_sql_comes_back_with_sqlites_message() {
    let db = NativeDb::open_memory().unwrap();
    let err = db.query("SELEC 1", &[]).unwrap_err();
    assert!(
        err.sqlite_message().unwrap().contains("syntax error"),
        "{err}"
    );
    let err = db.exec_batch("INSERT INTO missing VALUES (1)").unwrap_err();
    assert!(err.to_string().contains("no such table: missing"), "{err}");
}

#[test]
fn attach_refuses_a_schema_name_that_is_not_an_identifier() {
    let db = NativeDb::open_memory().unwrap();
    let err = db.attach(":memory:", "x\"; DROP TABLE t; --").unwrap_err();
    assert!(matches!(err, DbError::Misuse(_)));
}

#[test]
fn every_catalog_table_creates_in_sqlite() {
    let db = NativeDb::open_memory().unwrap();
    let catalog = Catalog::builtin();
    for t in catalog.tables() {
        db.exec_batch(&t.create_sql())
            .unwrap_or_else(|e| panic!("{}: {e}\n{}", t.name, t.create_sql()));
    }
    let n = db
        .query(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            &[],
        )
        .unwrap();
    assert_eq!(n.scalar(), Some(&Value::Integer(438)));
}
