//! Loads the in-browser SQLite engine (sql.js) at start-up and shows whether it is ready.

use crate::sqlite::sqljs::SqlJs;
use crate::sqlite::{Database, DbError};
use leptos::prelude::*;

/// Where the app serves sql.js's WebAssembly from (copied there by the build).
const SQLJS_WASM: &str = "sqljs/sql-wasm.wasm";

async fn probe() -> Result<String, DbError> {
    let sql = SqlJs::load(SQLJS_WASM).await?;
    let db = sql.open()?;
    let version = db.query("SELECT sqlite_version()", &[])?;
    Ok(version.scalar().map(|v| v.to_string()).unwrap_or_default())
}

/// A status line: loading, ready with SQLite's version, or the reason it failed.
#[component]
pub fn EngineStatus() -> impl IntoView {
    let status = LocalResource::new(probe);
    view! {
        <span class="engine-status" role="status">
            {move || match status.get() {
                None => view! { <span class="dot pending"></span>"SQLite engine loading\u{2026}" }.into_any(),
                Some(Ok(v)) => {
                    view! { <span class="dot ok"></span>{format!("SQLite engine ready (SQLite {v}, sql.js)")} }
                        .into_any()
                }
                Some(Err(e)) => {
                    view! { <span class="dot bad"></span>{format!("SQLite engine unavailable: {e}")} }
                        .into_any()
                }
            }}
        </span>
    }
}
