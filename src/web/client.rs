//! The page's side of the engine's Web Worker: starts `engine-worker_loader.js` (built by Trunk
//! from `src/bin/engine_worker.rs`), sends [`Request`]s, and hands each [`Reply`] — or the
//! worker's crash — to a callback. Dropping the handle terminates the worker at once, which is
//! how a run is cancelled.

use crate::sim::serve::{Reply, Request};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's script, beside `index.html`.
const WORKER_URL: &str = "engine-worker_loader.js";

/// What the worker tells the page.
#[derive(Debug)]
pub enum Event {
    Reply(Reply),
    /// The worker stopped by itself (a crash, its script missing, memory exhausted): why.
    Crashed(String),
}

/// A running engine worker. Terminated when dropped.
pub struct EngineWorker {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl EngineWorker {
    /// Starts a worker; `on_event` gets each reply in order, or its crash.
    pub fn spawn(on_event: impl FnMut(Event) + 'static) -> Result<EngineWorker, String> {
        let worker = web_sys::Worker::new(WORKER_URL).map_err(|e| super::describe(&e))?;
        let on_event = std::rc::Rc::new(std::cell::RefCell::new(on_event));
        let on_message = {
            let on_event = on_event.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let event = match read(&ev.data()) {
                    Ok(reply) => Event::Reply(reply),
                    Err(e) => Event::Reply(Reply::Failed(e)),
                };
                if let Ok(mut f) = on_event.try_borrow_mut() {
                    f(event);
                }
            })
        };
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            let why = ev
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "its script could not be loaded".into());
            if let Ok(mut f) = on_event.try_borrow_mut() {
                f(Event::Crashed(why));
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(EngineWorker {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends a request.
    pub fn send(&self, request: &Request) {
        let _ = self.worker.post_message(&request.to_json().into());
    }
}

impl Drop for EngineWorker {
    fn drop(&mut self) {
        // Events already queued for this worker must not reach the closures dropped next.
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// A message from the worker: JSON text, or `[JSON, bytes]` for a database file.
fn read(data: &JsValue) -> Result<Reply, String> {
    if let Some(text) = data.as_string() {
        return Reply::from_json(&text);
    }
    let parts: &js_sys::Array = data
        .dyn_ref()
        .ok_or_else(|| "the engine sent a message of an unknown kind".to_string())?;
    let text = parts.get(0).as_string().unwrap_or_default();
    let mut reply = Reply::from_json(&text)?;
    if let Reply::Database { bytes, .. } = &mut reply {
        if let Some(data) = parts.get(1).dyn_ref::<js_sys::Uint8Array>() {
            *bytes = data.to_vec();
        }
    }
    Ok(reply)
}
