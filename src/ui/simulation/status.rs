//! Register status at trainer mode's current step, as the real dashboard shows it: every
//! register's connection, last successful sync, sessions waiting, database size and last error,
//! and the current register's scopes with their last sync and state (None, Succeeded, Failed).

use super::human_bytes;
use crate::sim::narrate::clock;
use crate::sim::status::{Connection, RegisterStatus};
use crate::sim::SimResult;
use crate::ui::scroll::{Col, DataTable};
use leptos::prelude::*;
use std::sync::Arc;

fn connection(c: Connection) -> (&'static str, &'static str) {
    match c {
        Connection::Online => ("Online", "badge okay"),
        Connection::Offline => ("Offline", "badge bad"),
        Connection::CatchingUp => ("Catching up", "badge warn"),
        Connection::NotProvisioned => ("Not provisioned yet", "badge neutral"),
    }
}

/// Every register's status, and the scopes of the register whose session this is.
#[component]
pub fn RegisterStatusView(
    /// The run's results.
    result: Arc<SimResult>,
    /// The current session.
    index: usize,
) -> impl IntoView {
    let all = result.register_status(index);
    let register = result.sessions.get(index).map_or(1, |s| s.register);
    let mine: Option<RegisterStatus> = all.iter().find(|s| s.register == register).cloned();
    let names: Vec<String> = result.scopes.iter().map(|s| s.0.clone()).collect();
    let scope_name = move |i: usize| names.get(i).cloned().unwrap_or_default();
    let when = |t: Option<f64>| t.map_or_else(|| "never".to_string(), clock);
    view! {
        <div class="register-status">
            <h3>"Register status, as the session starts"</h3>
            <DataTable label="Register status" class="status-scroll" table_class="grid" columns=vec![Col::Text("Register"), Col::Text("Status"), Col::Text("Last successful sync"), Col::Num("Sessions waiting"), Col::Num("Offline database (estimate)"), Col::Text("Last error")]>
                {all.iter().map(|s| {
                    let (text, class) = connection(s.connection);
                    view! {
                        <tr class:current-register=s.register == register>
                            <th scope="row">{format!("Register {}", s.register)}</th>
                            <td><span class=class>{text}</span></td>
                            <td>{when(s.last_sync)}</td>
                            <td class="num">{s.waiting}</td>
                            <td class="num">{human_bytes(s.database_bytes as f64)}</td>
                            <td class="error-text">{s.last_error.clone().unwrap_or_else(|| "\u{2014}".into())}</td>
                        </tr>
                    }
                }).collect_view()}
            </DataTable>
            {mine.map(|m| view! {
                <DataTable label=format!("Scopes of register {register}") class="status-scroll" table_class="grid" columns=vec![Col::Text("Scope"), Col::Text("Last sync"), Col::Text("Status")]>
                    {m.scopes.iter().map(|s| view! {
                        <tr>
                            <th scope="row">{scope_name(s.scope)}</th>
                            <td>{when(s.last_sync)}</td>
                            <td>{s.state.label()}{s.waiting.then_some(" (due)")}</td>
                        </tr>
                    }).collect_view()}
                </DataTable>
            })}
        </div>
    }
}
