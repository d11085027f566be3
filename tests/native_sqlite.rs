//! Host tests of the native SQLite backend, and of the catalog's DDL against a real SQLite.
#![cfg(not(target_arch = "wasm32"))]

use offline_profile_studio::catalog::Catalog;
use offline_profile_studio::sqlite::native::NativeDb;
use offline_profile_studio::sqlite::{Database, Value};

mod adapter_contract;

#[test]
fn the_native_backend_keeps_the_adapter_contract() {
    adapter_contract::check(&|| NativeDb::open_memory().unwrap(), &NativeDb::open_bytes);
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
