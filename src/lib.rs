//! Offline Profile Studio: design, check, simulate and export offline profiles for
//! point-of-sale registers.
//!
//! The crate is layered (see `ARCHITECTURE.md`): [`catalog`] is part of the pure core and
//! compiles everywhere; [`sqlite`] is the SQLite adapter (sql.js in the browser, rusqlite on the
//! host); `ui` is the Leptos front end and exists only in the browser build.

pub mod catalog;
pub mod sqlite;

#[cfg(target_arch = "wasm32")]
pub mod ui;
