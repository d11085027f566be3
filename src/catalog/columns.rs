//! A table's columns: their SQL types and sizes, and where they are — listed with the table, or
//! in the built-in columns text, which is parsed the first time any built-in table's columns are
//! asked for.
//!
//! Only code that calls [`Columns::get`] on a built-in table reaches that text, so in the split
//! app it lives in the chunks of the areas that show or create tables (Catalog, Simulation,
//! Packages, Report), not in the first screen's wasm; natively it is simply parsed on first use.

use super::{compact, Catalog, BUILTIN_COLUMNS};
use std::fmt;
use std::sync::OnceLock;

/// A column's SQL Server type, as declared in the channel database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SqlType {
    BigInt,
    Int,
    Bit,
    Numeric,
    NVarChar,
    NChar,
    VarChar,
    DateTime,
    Date,
    UniqueIdentifier,
    VarBinary,
    /// `TIMESTAMP`: SQL Server's rowversion, not a date.
    Timestamp,
    RowVersion,
}

impl SqlType {
    const ALL: [SqlType; 13] = [
        SqlType::BigInt,
        SqlType::Int,
        SqlType::Bit,
        SqlType::Numeric,
        SqlType::NVarChar,
        SqlType::NChar,
        SqlType::VarChar,
        SqlType::DateTime,
        SqlType::Date,
        SqlType::UniqueIdentifier,
        SqlType::VarBinary,
        SqlType::Timestamp,
        SqlType::RowVersion,
    ];

    /// The SQL Server spelling (`NVARCHAR`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            SqlType::BigInt => "BIGINT",
            SqlType::Int => "INT",
            SqlType::Bit => "BIT",
            SqlType::Numeric => "NUMERIC",
            SqlType::NVarChar => "NVARCHAR",
            SqlType::NChar => "NCHAR",
            SqlType::VarChar => "VARCHAR",
            SqlType::DateTime => "DATETIME",
            SqlType::Date => "DATE",
            SqlType::UniqueIdentifier => "UNIQUEIDENTIFIER",
            SqlType::VarBinary => "VARBINARY",
            SqlType::Timestamp => "TIMESTAMP",
            SqlType::RowVersion => "ROWVERSION",
        }
    }

    /// Parses the SQL Server spelling.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The SQLite column type the offline database uses for it. Dates are kept as ISO-8601 text
    /// and rowversions as integers, which is what sync compares.
    pub fn sqlite_type(self) -> &'static str {
        match self {
            SqlType::BigInt | SqlType::Int | SqlType::Bit => "INTEGER",
            SqlType::Timestamp | SqlType::RowVersion => "INTEGER",
            SqlType::Numeric => "NUMERIC",
            SqlType::NVarChar | SqlType::NChar | SqlType::VarChar => "TEXT",
            SqlType::DateTime | SqlType::Date | SqlType::UniqueIdentifier => "TEXT",
            SqlType::VarBinary => "BLOB",
        }
    }
}

/// A column's declared size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnSize {
    /// A character or byte length, e.g. `NVARCHAR(10)`.
    Length(u32),
    /// `MAX`.
    Max,
    /// Precision and scale, e.g. `NUMERIC(32, 16)`.
    Precision(u8, u8),
}

impl ColumnSize {
    /// Parses the catalog's spelling (`"10"`, `"MAX"`, `"32, 16"`).
    pub fn parse(s: &str) -> Option<Self> {
        if s == "MAX" {
            return Some(ColumnSize::Max);
        }
        if let Some((p, sc)) = s.split_once(',') {
            return Some(ColumnSize::Precision(
                p.trim().parse().ok()?,
                sc.trim().parse().ok()?,
            ));
        }
        s.parse().ok().map(ColumnSize::Length)
    }
}

impl fmt::Display for ColumnSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColumnSize::Length(n) => write!(f, "{n}"),
            ColumnSize::Max => f.write_str("MAX"),
            ColumnSize::Precision(p, s) => write!(f, "{p}, {s}"),
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Upper-case column name.
    pub name: String,
    /// Declared SQL Server type.
    pub sql_type: SqlType,
    /// Declared size, where the type takes one.
    pub size: Option<ColumnSize>,
    /// Whether the column accepts NULL.
    pub nullable: bool,
}

impl Column {
    /// The declared type as SQL Server writes it, e.g. `NVARCHAR(10)`.
    pub fn declared_type(&self) -> String {
        match self.size {
            Some(size) => format!("{}({size})", self.sql_type.as_str()),
            None => self.sql_type.as_str().to_string(),
        }
    }
}

/// A table's columns.
#[derive(Debug, Clone)]
pub(crate) enum Columns {
    /// Parsed with the table (a catalog read with [`Catalog::from_compact`]).
    Listed(Vec<Column>),
    /// The built-in catalog's table at this index: its columns are in the built-in columns text.
    Builtin(u16),
}

impl Columns {
    /// The columns, in declared order.
    pub(crate) fn get(&self) -> &[Column] {
        match self {
            Columns::Listed(columns) => columns,
            Columns::Builtin(index) => &builtin()[usize::from(*index)],
        }
    }
}

impl PartialEq for Columns {
    fn eq(&self, other: &Columns) -> bool {
        self.get() == other.get()
    }
}

/// Every built-in table's columns, in the built-in catalog's order.
fn builtin() -> &'static [Vec<Column>] {
    static COLUMNS: OnceLock<Vec<Vec<Column>>> = OnceLock::new();
    COLUMNS.get_or_init(|| {
        // Generated and checked by a host test, like the tables: a failure is a build defect.
        compact::parse_columns(BUILTIN_COLUMNS, Catalog::builtin().tables())
            .expect("the built-in catalog's columns are generated and tested")
    })
}
