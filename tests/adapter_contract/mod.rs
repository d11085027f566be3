//! The contract every SQLite backend keeps, run against both: rusqlite on the host
//! (`tests/native_sqlite.rs`) and sql.js in the browser (`tests/sqljs_adapter.rs`). A backend that
//! differs from the other in any of these fails its own tier.
#![allow(dead_code)]

use offline_profile_studio::sqlite::{Database, DbError, Statement, Value};

fn count<D: Database>(db: &D, sql: &str) -> i64 {
    db.query(sql, &[])
        .unwrap()
        .scalar()
        .and_then(Value::as_i64)
        .unwrap()
}

/// Checks the contract on databases from `open` (a new, empty database) and `open_bytes` (a
/// database from a file's bytes).
pub fn check<D: Database>(open: &dyn Fn() -> D, open_bytes: &dyn Fn(&[u8]) -> Result<D, DbError>) {
    let db = open();
    // Every value type round-trips, 64-bit integers with every digit.
    db.exec_batch(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, price REAL, img BLOB, note TEXT)",
    )
    .unwrap();
    {
        let mut insert = db
            .prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)")
            .unwrap();
        for i in 0..4i64 {
            let row = [
                Value::Integer(i64::MAX - i),
                Value::from(format!("item {i}")),
                Value::Real(0.25 * i as f64),
                Value::Blob(vec![i as u8, 0, 255]),
                Value::Null,
            ];
            assert_eq!(insert.execute(&row).unwrap(), 1, "one row per execute");
        }
        // The prepared statement is reusable after an error.
        assert!(insert.execute(&[Value::Integer(i64::MAX)]).is_err());
    }
    let r = db
        .query(
            "SELECT id, name, price, img, note FROM t WHERE name = ?1",
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
        ]]
    );
    assert_eq!(
        db.execute(
            "UPDATE t SET note = 'x' WHERE id > ?1",
            &[Value::Integer(i64::MAX - 2)]
        )
        .unwrap(),
        2
    );

    // Errors carry SQLite's own message, and the database goes on working.
    assert_eq!(
        db.query("SELEC 1", &[]).unwrap_err(),
        DbError::Sqlite {
            message: "near \"SELEC\": syntax error".into()
        }
    );
    let e = db.exec_batch("INSERT INTO nowhere VALUES (1)").unwrap_err();
    assert!(e.to_string().contains("no such table: nowhere"), "{e}");
    assert!(db
        .execute("INSERT INTO t (id) VALUES (?1)", &[1.into(), 2.into()])
        .unwrap_err()
        .sqlite_message()
        .is_some());
    assert!(matches!(
        db.attach(":memory:", "bad name"),
        Err(DbError::Misuse(_))
    ));
    assert_eq!(count(&db, "SELECT 41 + 1"), 42);

    // A fresh in-memory database attaches under a schema name, and rows move inside SQLite.
    db.attach(":memory:", "reg").unwrap();
    db.exec_batch("CREATE TABLE reg.t AS SELECT * FROM main.t WHERE price > 0.3")
        .unwrap();
    assert_eq!(count(&db, "SELECT count(*) FROM reg.t"), 2);
    db.detach("reg").unwrap();

    // Another database attaches by its name and rows move inside SQLite.
    let other = open();
    other
        .exec_batch("CREATE TABLE copy (id INTEGER PRIMARY KEY, name TEXT)")
        .unwrap();
    let name = other
        .attach_name()
        .expect("a database can be attached by name");
    db.attach(&name, "other").unwrap();
    db.exec_batch("INSERT INTO other.copy SELECT id, name FROM main.t")
        .unwrap();
    db.detach("other").unwrap();
    assert_eq!(count(&other, "SELECT count(*) FROM copy"), 4);

    // Export, and open the bytes again: the same rows.
    let bytes = db.export().unwrap();
    assert!(bytes.starts_with(b"SQLite format 3\0"));
    let back = open_bytes(&bytes).unwrap();
    assert_eq!(count(&back, "SELECT count(*) FROM t WHERE note = 'x'"), 2);
    assert!(open_bytes(b"this is not an SQLite database, just text padding it out").is_err());

    // query_only refuses every write (the register console relies on it).
    back.exec_batch("PRAGMA query_only = 1").unwrap();
    let e = back.execute("DELETE FROM t", &[]).unwrap_err();
    assert!(e.to_string().contains("readonly"), "{e}");
    assert_eq!(count(&back, "SELECT count(*) FROM t"), 4);
}
