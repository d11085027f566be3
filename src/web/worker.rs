//! The engine's Web Worker: loads sql.js inside the worker, then answers the page's
//! [`Request`]s with a [`Server`], doing its work in slices so that requests arriving meanwhile
//! (the console, a download) are answered between them. Replies are JSON strings; a database
//! file travels beside its message as a transferred buffer. A panic posts [`Reply::Failed`]
//! before the worker stops, so the page can say what happened.

use super::{now_ms, sleep_ms, sqljs};
use crate::sim::serve::{Reply, Request, Server};
use crate::sqlite::sqljs::SqlJsDb;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::DedicatedWorkerGlobalScope;

/// A slice of work between two looks at the message queue, ms.
const SLICE_MS: f64 = 200.0;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Sends `reply` to the page.
fn post(reply: Reply) {
    let scope = scope();
    if let Reply::Database { bytes, .. } = &reply {
        let data = js_sys::Uint8Array::from(bytes.as_slice());
        let message = js_sys::Array::of2(&reply.to_json().into(), &data);
        let transfer = js_sys::Array::of1(&data.buffer());
        let _ = scope.post_message_with_transfer(&message, &transfer);
    } else {
        let _ = scope.post_message(&reply.to_json().into());
    }
}

struct State {
    server: Option<Server<SqlJsDb>>,
    queue: VecDeque<Request>,
    driving: bool,
}

/// The worker's entry point (`src/bin/engine_worker.rs`).
pub fn serve() {
    std::panic::set_hook(Box::new(|info| {
        post(Reply::Failed(format!(
            "the engine stopped with an internal error ({info}). Your profiles are untouched; you can run again."
        )));
        web_sys::console::error_1(&format!("engine worker: {info}").into());
    }));
    let state = Rc::new(RefCell::new(State {
        server: None,
        queue: VecDeque::new(),
        driving: false,
    }));
    let on_message = {
        let state = state.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let request = ev
                .data()
                .as_string()
                .ok_or_else(|| "the engine got a message that is not text".to_string())
                .and_then(|t| Request::from_json(&t));
            match request {
                // Only in builds for the crash tests (`--features crash-test`): a run with the
                // seed 404 makes the engine panic, as a bug would.
                #[cfg(feature = "crash-test")]
                Ok(Request::Run { scenario, .. }) if scenario.seed == 404 => {
                    panic!("crash-test: panic forced by the seed 404")
                }
                Ok(r) => {
                    state.borrow_mut().queue.push_back(r);
                    drive(state.clone());
                }
                Err(e) => post(Reply::Failed(e)),
            }
        })
    };
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    if let Err(e) = scope().import_scripts_1("sqljs/sql-wasm.js") {
        post(Reply::Failed(format!(
            "sql.js could not be loaded in the worker: {}",
            super::describe(&e)
        )));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        match sqljs().await {
            Ok(sql) => {
                let version = super::sqlite_version(&sql).unwrap_or_default();
                state.borrow_mut().server = Some(Server::new(move || sql.open()));
                post(Reply::Ready { sqlite: version });
                drive(state);
            }
            Err(e) => post(Reply::Failed(format!(
                "sql.js could not start in the worker: {e}"
            ))),
        }
    });
}

/// Answers queued requests and works in slices until there is nothing left, giving the worker's
/// event loop a turn after each slice (so new requests are queued).
fn drive(state: Rc<RefCell<State>>) {
    {
        let mut s = state.borrow_mut();
        if s.driving || s.server.is_none() {
            return;
        }
        s.driving = true;
    }
    wasm_bindgen_futures::spawn_local(async move {
        loop {
            let more = {
                let mut s = state.borrow_mut();
                let State { server, queue, .. } = &mut *s;
                let Some(server) = server.as_mut() else { break };
                while let Some(r) = queue.pop_front() {
                    server.handle(r, &mut post);
                }
                if server.busy() {
                    let start = now_ms();
                    server.work(&mut || now_ms() - start < SLICE_MS, &mut post);
                }
                server.busy()
            };
            if !more {
                break;
            }
            sleep_ms(0).await;
        }
        // The queue was emptied just before the loop ended, with no turn given since.
        state.borrow_mut().driving = false;
    });
}
