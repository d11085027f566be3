//! The native SQLite backend (rusqlite with a bundled SQLite): host tests and the command line.

use super::{DbError, QueryResult, Value};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{params_from_iter, Connection, ToSql};

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::SqliteFailure(_, Some(message)) => DbError::Sqlite { message },
            rusqlite::Error::SqlInputError { msg, .. } => DbError::Sqlite { message: msg },
            other => DbError::Sqlite {
                message: other.to_string(),
            },
        }
    }
}

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Integer(i) => ToSqlOutput::Borrowed(ValueRef::Integer(*i)),
            Value::Real(r) => ToSqlOutput::Borrowed(ValueRef::Real(*r)),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Value::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

fn value_of(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(r) => Value::Real(r),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

fn query_rows(
    stmt: &mut rusqlite::Statement<'_>,
    params: &[Value],
) -> Result<QueryResult, DbError> {
    let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
    let n = columns.len();
    let mut rows = Vec::new();
    let mut cursor = stmt.query(params_from_iter(params))?;
    while let Some(row) = cursor.next()? {
        let mut values = Vec::with_capacity(n);
        for i in 0..n {
            values.push(value_of(row.get_ref(i)?));
        }
        rows.push(values);
    }
    Ok(QueryResult { columns, rows })
}

/// A native SQLite database.
pub struct NativeDb {
    conn: Connection,
    path: Option<String>,
}

impl NativeDb {
    /// Opens a fresh in-memory database. Like sql.js's, it has a name another database can
    /// `ATTACH` it by (a named in-memory database of this process).
    pub fn open_memory() -> Result<Self, DbError> {
        use rusqlite::OpenFlags;
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let name = format!(
            "file:ops-memory-{}-{}?mode=memory&cache=shared",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Self::wrap(Connection::open_with_flags(&name, flags)?, Some(name))
    }

    fn wrap(conn: Connection, path: Option<String>) -> Result<Self, DbError> {
        conn.set_prepared_statement_cache_capacity(512);
        Ok(NativeDb { conn, path })
    }

    /// Opens (or creates) the database file at `path`.
    pub fn open_file(path: &str) -> Result<Self, DbError> {
        Self::wrap(Connection::open(path)?, Some(path.to_string()))
    }

    /// Opens an in-memory database holding a copy of the `.sqlite` file in `bytes`.
    pub fn open_bytes(bytes: &[u8]) -> Result<Self, DbError> {
        let mut db = Self::open_memory()?;
        db.conn
            .deserialize_read_exact(rusqlite::MAIN_DB, bytes, bytes.len(), false)?;
        // Read the schema now, so that bytes that are no database are refused when opened (as
        // sql.js does), not at the first query.
        db.conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
        Ok(db)
    }
}

/// A prepared statement of the native backend.
pub struct NativeStmt<'a>(rusqlite::Statement<'a>);

impl super::Statement for NativeStmt<'_> {
    fn execute(&mut self, params: &[Value]) -> Result<usize, DbError> {
        Ok(self.0.execute(params_from_iter(params))?)
    }

    fn query(&mut self, params: &[Value]) -> Result<QueryResult, DbError> {
        let columns: Vec<String> = self
            .0
            .column_names()
            .iter()
            .map(|c| c.to_string())
            .collect();
        let n = columns.len();
        let mut rows = Vec::new();
        let mut cursor = self.0.query(params_from_iter(params))?;
        while let Some(row) = cursor.next()? {
            let mut values = Vec::with_capacity(n);
            for i in 0..n {
                values.push(value_of(row.get_ref(i)?));
            }
            rows.push(values);
        }
        Ok(QueryResult { columns, rows })
    }
}

impl super::Database for NativeDb {
    type Stmt<'a> = NativeStmt<'a>;

    fn exec_batch(&self, sql: &str) -> Result<(), DbError> {
        Ok(self.conn.execute_batch(sql)?)
    }

    fn execute(&self, sql: &str, params: &[Value]) -> Result<usize, DbError> {
        // Statements run again and again (the simulator's are long): keep them prepared.
        let mut stmt = self.conn.prepare_cached(sql)?;
        Ok(stmt.execute(params_from_iter(params))?)
    }

    fn query(&self, sql: &str, params: &[Value]) -> Result<QueryResult, DbError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        query_rows(&mut stmt, params)
    }

    fn prepare<'a>(&'a self, sql: &str) -> Result<NativeStmt<'a>, DbError> {
        Ok(NativeStmt(self.conn.prepare(sql)?))
    }

    fn export(&self) -> Result<Vec<u8>, DbError> {
        Ok(self.conn.serialize(rusqlite::MAIN_DB)?.to_vec())
    }

    fn attach_name(&self) -> Option<String> {
        self.path.clone()
    }
}
