//! Offline Profile Studio: design, check, simulate and export offline profiles for
//! point-of-sale registers.
//!
//! The crate is layered (see `ARCHITECTURE.md`): [`catalog`], [`model`], [`validation`],
//! [`package`] and [`persist`] are the pure core and compile everywhere; [`sqlite`] is the SQLite adapter (sql.js in the browser, rusqlite on the
//! host); `ui` is the Leptos front end and exists only in the browser build.

pub mod catalog;
pub mod chain;
pub mod glossary;
pub mod model;
pub mod package;
pub mod persist;
pub mod signoff;
pub mod sim;
pub mod sqlite;
pub mod tour;
pub mod validation;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
