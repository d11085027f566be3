//! Where a table's columns are: listed with it, or in the built-in columns text, which is parsed
//! the first time any built-in table's columns are asked for.
//!
//! Only code that calls [`Columns::get`] on a built-in table reaches that text, so in the split
//! app it lives in the chunks of the areas that show or create tables (Catalog, Simulation,
//! Packages), not in the first screen's wasm; natively it is simply parsed on first use.

use super::{compact, Catalog, Column, BUILTIN_COLUMNS};
use std::sync::OnceLock;

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
