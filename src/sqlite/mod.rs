//! The SQLite adapter: one safe interface, two backends.
//!
//! [`Database`] and [`Statement`] are what the rest of the code sees. In the browser they are
//! implemented over sql.js (`sqljs`, the only module of the crate that touches JavaScript); on
//! the host over rusqlite with a bundled SQLite (`native`), so the core's SQL runs in plain
//! `cargo test` and in the command-line tool. Both return [`DbError`] carrying SQLite's own
//! message; no `JsValue` and no rusqlite type escapes this module.

pub mod console;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
#[cfg(target_arch = "wasm32")]
pub mod sqljs;

use std::fmt;

/// One SQLite value, typed as SQLite stores it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl Value {
    /// The integer, if this is one.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Integer(i) => Some(*i),
            _ => None,
        }
    }

    /// The text, if this is text.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("NULL"),
            Value::Integer(i) => write!(f, "{i}"),
            Value::Real(r) => write!(f, "{r}"),
            Value::Text(s) => f.write_str(s),
            Value::Blob(b) => write!(f, "<{} bytes>", b.len()),
        }
    }
}

impl From<i32> for Value {
    fn from(v: i32) -> Self {
        Value::Integer(i64::from(v))
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Integer(v)
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Real(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_string())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}

impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Self {
        Value::Blob(v)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// The rows a query returned, with their column names.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct QueryResult {
    /// Column names, in select order.
    pub columns: Vec<String>,
    /// Rows, each with one value per column.
    pub rows: Vec<Vec<Value>>,
}

impl QueryResult {
    /// The first column of the first row, if there is one.
    pub fn scalar(&self) -> Option<&Value> {
        self.rows.first().and_then(|r| r.first())
    }
}

/// What went wrong in the SQLite adapter.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DbError {
    /// SQLite refused a statement; the message is SQLite's own.
    #[error("SQLite error: {message}")]
    Sqlite {
        /// SQLite's message, e.g. `near "SELEC": syntax error`.
        message: String,
    },
    /// The SQLite engine could not be loaded or started.
    #[error("the SQLite engine could not be loaded: {0}")]
    Engine(String),
    /// A call was made that the adapter does not allow (e.g. an invalid schema name).
    #[error("invalid use of the SQLite adapter: {0}")]
    Misuse(String),
}

impl DbError {
    /// The SQLite message, for errors that carry one.
    pub fn sqlite_message(&self) -> Option<&str> {
        match self {
            DbError::Sqlite { message } => Some(message),
            _ => None,
        }
    }
}

/// A prepared statement, reusable with different parameters.
pub trait Statement {
    /// Runs the statement with `params` bound to `?1`, `?2`, …; returns the rows it changed.
    fn execute(&mut self, params: &[Value]) -> Result<usize, DbError>;
    /// Runs the statement with `params` bound and returns every row.
    fn query(&mut self, params: &[Value]) -> Result<QueryResult, DbError>;
}

/// An open SQLite database.
pub trait Database {
    /// The prepared-statement type of this backend.
    type Stmt<'a>: Statement
    where
        Self: 'a;

    /// Runs one or more `;`-separated statements without parameters, ignoring their rows.
    fn exec_batch(&self, sql: &str) -> Result<(), DbError>;

    /// Runs one statement with `params` bound; returns the rows it changed.
    fn execute(&self, sql: &str, params: &[Value]) -> Result<usize, DbError>;

    /// Runs one statement with `params` bound and returns every row.
    fn query(&self, sql: &str, params: &[Value]) -> Result<QueryResult, DbError>;

    /// Prepares one statement for repeated use.
    fn prepare<'a>(&'a self, sql: &str) -> Result<Self::Stmt<'a>, DbError>;

    /// Serializes the whole main database to the bytes of a `.sqlite` file.
    fn export(&self) -> Result<Vec<u8>, DbError>;

    /// The name under which another database of the same backend can `ATTACH` this one, if it
    /// has one (in-memory databases of the native backend do not).
    fn attach_name(&self) -> Option<String>;

    /// Attaches the database at `target` (a file name, or `:memory:`) under `schema`.
    fn attach(&self, target: &str, schema: &str) -> Result<(), DbError> {
        check_identifier(schema)?;
        self.execute(
            &format!("ATTACH DATABASE ?1 AS \"{schema}\""),
            &[Value::from(target)],
        )
        .map(|_| ())
    }

    /// Detaches the database attached under `schema`.
    fn detach(&self, schema: &str) -> Result<(), DbError> {
        check_identifier(schema)?;
        self.exec_batch(&format!("DETACH DATABASE \"{schema}\""))
    }
}

/// Accepts a plain SQL identifier (letters, digits, `_`; not starting with a digit).
pub fn check_identifier(name: &str) -> Result<(), DbError> {
    let ok = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(DbError::Misuse(format!(
            "{name:?} is not a valid schema name"
        )))
    }
}
