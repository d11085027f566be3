//! What the page and the engine's Web Worker share in the browser, without Leptos: the monotonic
//! clock and sql.js, loaded once per thread. `worker.rs` is the worker's side of the engine's
//! messages, `client.rs` the page's. Every file here is a JavaScript edge (ARCHITECTURE.md).

pub mod client;
pub mod worker;

use crate::sqlite::sqljs::SqlJs;
use crate::sqlite::DbError;
use std::cell::RefCell;

/// Where the app serves sql.js's WebAssembly from (copied there by the build), relative to the
/// page and to the worker's script alike.
const SQLJS_WASM: &str = "sqljs/sql-wasm.wasm";

thread_local! {
    static LOADED: RefCell<Option<SqlJs>> = const { RefCell::new(None) };
}

/// The sql.js module, loaded on first use (on the page, or in a worker).
pub async fn sqljs() -> Result<SqlJs, DbError> {
    if let Some(sql) = LOADED.with(|l| l.borrow().clone()) {
        return Ok(sql);
    }
    let sql = SqlJs::load(SQLJS_WASM).await?;
    LOADED.with(|l| *l.borrow_mut() = Some(sql.clone()));
    Ok(sql)
}

/// SQLite's version in a loaded sql.js (the footer says it; the worker reports it when ready).
pub fn sqlite_version(sql: &SqlJs) -> Result<String, DbError> {
    use crate::sqlite::Database;
    let version = sql.open()?.query("SELECT sqlite_version()", &[])?;
    Ok(version.scalar().map(|v| v.to_string()).unwrap_or_default())
}

/// Milliseconds on the page's (or worker's) monotonic clock, `performance.now()`, for measuring
/// runs: the app's one clock for durations (wall-clock times come from `storage::now_iso`).
pub fn now_ms() -> f64 {
    use wasm_bindgen::JsCast;
    let perf = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).ok();
    perf.and_then(|p| {
        let f = js_sys::Reflect::get(&p, &"now".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        f.call0(&p).ok()?.as_f64()
    })
    .unwrap_or_else(js_sys::Date::now)
}

/// Waits `ms` milliseconds without blocking the thread (page or worker): `setTimeout` on the
/// global object, whichever it is.
pub async fn sleep_ms(ms: i32) {
    use wasm_bindgen::JsCast;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        let set = js_sys::Reflect::get(&global, &"setTimeout".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(set) = set {
            let _ = set.call2(&global, &resolve, &ms.into());
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A JavaScript error's message, for words the user reads.
fn describe(e: &wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
