//! The in-browser SQLite engine (sql.js): loaded once and shared, its status in the footer, and
//! a way for long work to give the browser a turn.

use crate::sqlite::sqljs::SqlJs;
use crate::sqlite::{Database, DbError};
use leptos::prelude::*;
use std::cell::RefCell;

/// Where the app serves sql.js's WebAssembly from (copied there by the build).
const SQLJS_WASM: &str = "sqljs/sql-wasm.wasm";

thread_local! {
    static LOADED: RefCell<Option<SqlJs>> = const { RefCell::new(None) };
}

/// The sql.js module, loaded on first use.
pub async fn sqljs() -> Result<SqlJs, DbError> {
    if let Some(sql) = LOADED.with(|l| l.borrow().clone()) {
        return Ok(sql);
    }
    let sql = SqlJs::load(SQLJS_WASM).await?;
    LOADED.with(|l| *l.borrow_mut() = Some(sql.clone()));
    Ok(sql)
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

/// The app's own wasm memory, bytes (sql.js has its own).
pub fn app_heap() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0.0, |b| f64::from(b.byte_length()))
}

/// Lets the browser paint and handle input before long work goes on.
pub async fn yield_to_browser() {
    sleep_ms(0).await;
}

/// Waits `ms` milliseconds without blocking the page.
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

async fn probe() -> Result<String, DbError> {
    let sql = sqljs().await?;
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
