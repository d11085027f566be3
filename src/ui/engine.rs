//! The in-browser SQLite engine on the page: its status in the footer, the app's memory, and a
//! way for long work to give the browser a turn (sql.js and the clock live in `crate::web`).

use crate::sqlite::DbError;
use leptos::prelude::*;

pub use crate::web::{now_ms, sleep_ms, sqljs};

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

async fn probe() -> Result<String, DbError> {
    crate::web::sqlite_version(&sqljs().await?)
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
