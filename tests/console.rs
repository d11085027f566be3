//! The register inspector's read-only SQL console rules (`sqlite::console`): statements split
//! with quotes and comments respected, every statement checked, and what SQLite does with what
//! passes them.
#![cfg(not(target_arch = "wasm32"))]

use offline_profile_studio::sqlite::console::{
    read_only_statements, split_statements, Refusal, MAX_STATEMENTS,
};
use offline_profile_studio::sqlite::native::NativeDb;
use offline_profile_studio::sqlite::Database;

fn check_split(input: &str, expected: &[&str]) {
    assert_eq!(split_statements(input), expected, "splitting {input:?}");
}

#[test]
fn statements_are_split_at_semicolons_outside_quotes_and_comments() {
    check_split("SELECT 1", &["SELECT 1"]);
    check_split(
        "SELECT 1; DELETE FROM CUSTTABLE",
        &["SELECT 1", "DELETE FROM CUSTTABLE"],
    );
    check_split("  SELECT 1 ;;\n ; SELECT 2;  ", &["SELECT 1", "SELECT 2"]);
    check_split(
        "SELECT ';' AS s; SELECT 2",
        &["SELECT ';' AS s", "SELECT 2"],
    );
    check_split("SELECT \"a;b\" FROM [t;u]", &["SELECT \"a;b\" FROM [t;u]"]);
    check_split("SELECT 'it''s; fine'", &["SELECT 'it''s; fine'"]);
    check_split("SELECT 1 -- no; split\n", &["SELECT 1 -- no; split"]);
    check_split(
        "SELECT /* a; b */ 1; SELECT 2",
        &["SELECT /* a; b */ 1", "SELECT 2"],
    );
    check_split("-- only a comment;\n", &[]);
    check_split("/* only */ ; ", &[]);
    check_split("", &[]);
}

fn check(input: &str, expected: Result<usize, Refusal>) {
    assert_eq!(
        read_only_statements(input).map(|s| s.len()),
        expected,
        "checking {input:?}"
    );
}

fn not_reading(index: usize, keyword: &str) -> Result<usize, Refusal> {
    Err(Refusal::NotReading {
        index,
        keyword: keyword.into(),
    })
}

fn sets(index: usize, pragma: &str) -> Result<usize, Refusal> {
    Err(Refusal::SetsPragma {
        index,
        pragma: pragma.into(),
    })
}

#[test]
fn every_statement_must_only_read() {
    check("SELECT count(*) FROM CUSTTABLE", Ok(1));
    check(
        "select 1; with x as (select 2) select * from x; values (3)",
        Ok(3),
    );
    check("EXPLAIN QUERY PLAN SELECT * FROM CUSTTABLE", Ok(1));
    check("(SELECT 1)", Ok(1));
    check("/* why */ SELECT 1", Ok(1));
    check(
        "PRAGMA table_info(CUSTTABLE); PRAGMA main.index_list('CUSTTABLE')",
        Ok(2),
    );
    check("PRAGMA page_count; PRAGMA query_only", Ok(2));
    // The cases: the second statement is refused, and so nothing runs.
    check("SELECT 1; DELETE FROM CUSTTABLE", not_reading(2, "delete"));
    check(
        "PRAGMA query_only = 0; DELETE FROM CUSTTABLE",
        sets(1, "query_only"),
    );
    check("PRAGMA query_only(0)", sets(1, "query_only"));
    check("pragma main.journal_mode = wal", sets(1, "journal_mode"));
    check("DROP TABLE CUSTTABLE", not_reading(1, "drop"));
    check("ATTACH ':memory:' AS x", not_reading(1, "attach"));
    check("  ; -- nothing\n", Err(Refusal::Empty));
    let many = "SELECT 1;".repeat(MAX_STATEMENTS + 1);
    check(&many, Err(Refusal::TooMany(MAX_STATEMENTS + 1)));
    assert!(sets(1, "query_only")
        .unwrap_err()
        .message()
        .contains("sets PRAGMA query_only"));
    assert!(not_reading(2, "delete")
        .unwrap_err()
        .message()
        .starts_with("Statement 2 starts with DELETE: only reading is allowed here"));
}

#[test]
fn what_the_rules_let_through_cannot_write_under_query_only() {
    // A WITH may lead to a DELETE; the console's query_only pragma makes SQLite refuse it.
    let db = NativeDb::open_memory().unwrap();
    db.exec_batch("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1); PRAGMA query_only = 1")
        .unwrap();
    let statements =
        read_only_statements("WITH x AS (SELECT 1) DELETE FROM t; SELECT count(*) FROM t").unwrap();
    let e = db.query(&statements[0], &[]).unwrap_err();
    assert!(e.to_string().contains("readonly"), "{e}");
    let r = db.query(&statements[1], &[]).unwrap();
    assert_eq!(r.rows[0][0].as_i64(), Some(1));
}
