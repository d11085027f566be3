//! The register inspector: row counts beside the store's, a read-only SQL console, and a
//! download of the register's offline database. The console's rules (statements split and
//! each checked to only read) live in the core, `sqlite::console`.

use super::{human_bytes, SimStore};
use crate::sim::serve::{Outcome, Reply, Request};
use crate::sim::SimResult;
use crate::ui::scroll::{Col, DataTable, ScrollBox};
use crate::ui::storage::download_bytes;
use crate::validation::thousands;
use leptos::prelude::*;
use std::sync::Arc;

/// At most this many rows of a result are shown.
const SHOWN_ROWS: usize = 200;

/// Each statement of `text` on a read-only copy of the register's database, run by the engine
/// that holds it; nothing runs unless every statement only reads.
async fn run_statements(
    store: SimStore,
    register: u32,
    text: String,
) -> Result<Vec<Outcome>, String> {
    match store
        .ask(Request::Query {
            register,
            sql: text,
        })
        .await?
    {
        Reply::Query { outcome, .. } => outcome,
        _ => Err("the engine answered something else".into()),
    }
}

/// A register's row counts beside the store's, from the engine that holds them.
async fn counts(store: SimStore, register: u32) -> Vec<(String, u64, u64)> {
    match store.ask(Request::Counts { register }).await {
        Ok(Reply::Counts { counts, .. }) => counts,
        _ => Vec::new(),
    }
}

/// Row counts, a read-only SQL console and a download, for any register.
#[component]
pub fn Inspector(
    /// The run's results.
    result: Arc<SimResult>,
) -> impl IntoView {
    let store = expect_context::<SimStore>();
    let registers = result.registers().max(1);
    let register = RwSignal::new(1u32);
    let counts = LocalResource::new(move || counts(store, register.get()));
    let counts = move || counts.get().unwrap_or_default();
    let sql = RwSignal::new("SELECT count(*) FROM CUSTTABLE".to_string());
    let output = RwSignal::new(None::<Result<Vec<Outcome>, String>>);
    let message = RwSignal::new(None::<String>);
    let run_query = move || {
        let (text, r) = (sql.get_untracked(), register.get_untracked());
        leptos::task::spawn_local(async move {
            output.set(Some(run_statements(store, r, text).await));
        });
    };
    let download = move || {
        let r = register.get_untracked();
        leptos::task::spawn_local(async move {
            let out = store.register_database(r).await.and_then(|bytes| {
                let file = format!("register-{r}-offline.sqlite");
                download_bytes(&file, "application/vnd.sqlite3", &bytes)?;
                Ok(format!(
                    "Downloaded {file} ({}).",
                    human_bytes(bytes.len() as f64)
                ))
            });
            message.set(Some(
                out.unwrap_or_else(|e| format!("The download failed: {e}")),
            ));
        });
    };
    view! {
        <section class="card" aria-labelledby="inspector-title">
            <div class="section-head">
                <h2 id="inspector-title">"Register inspector"</h2>
                <div class="field inline">
                    <label for="inspect-register">"Register"</label>
                    <select id="inspect-register" on:change:target=move |ev| register.set(ev.target().value().parse().unwrap_or(1))>
                        {(1..=registers).map(|r| view! { <option value=r.to_string()>{format!("Register {r}")}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="inspector-layout">
                <DataTable label="Rows per table, register and store" class="counts-scroll" table_class="grid counts" columns=vec![Col::Text("Table"), Col::Num("Register rows"), Col::Num("Store rows")]>
                            <For each=counts key=|c| c.clone()
                                children=move |(t, reg, store)| view! { <tr><th scope="row">{t}</th><td class="num">{thousands(reg)}</td><td class="num">{thousands(store)}</td></tr> }/>
                </DataTable>
                <div class="console">
                    <div class="field">
                        <label for="sql-console">"SQL query (read-only, on this register's database)"</label>
                        <textarea id="sql-console" rows="4" spellcheck="false" aria-describedby="sql-console-hint" prop:value=move || sql.get() on:input:target=move |ev| sql.set(ev.target().value())></textarea>
                        <p class="hint" id="sql-console-hint">"Several statements may be separated by semicolons; each runs and shows its own result. Only reading is allowed: SELECT, WITH, PRAGMA (to read), EXPLAIN and VALUES."</p>
                    </div>
                    <div class="toolbar">
                        <button type="button" class="primary" on:click=move |_| run_query()>"Run query"</button>
                        <button type="button" on:click=move |_| download()>"Download database"</button>
                    </div>
                    {move || message.get().map(|m| view! { <p class="hint" role="status">{m}</p> })}
                    {move || output.get().map(|o| match o {
                        Ok(outcomes) => view! { <Outcomes outcomes/> }.into_any(),
                        Err(e) => view! { <div class="refusal" role="alert"><p>{e}</p></div> }.into_any(),
                    })}
                </div>
            </div>
        </section>
    }
}

/// Each statement's result table (or error), in order.
#[component]
fn Outcomes(outcomes: Vec<Outcome>) -> impl IntoView {
    let n = outcomes.len();
    outcomes
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            let name = if n == 1 { "Query result".to_string() } else { format!("Result of statement {} of {n}", i + 1) };
            view! {
                <div class="outcome">
                    {(n > 1).then(|| view! { <p class="statement"><span class="hint">{format!("Statement {} of {n}: ", i + 1)}</span><code>{o.statement.clone()}</code></p> })}
                    {match o.result {
                        Ok(q) => {
                            let count = match q.rows.len() {
                                1 => "1 row".to_string(),
                                r if r > SHOWN_ROWS => format!("{} rows (the first {SHOWN_ROWS} shown)", thousands(r as u64)),
                                r => format!("{} rows", thousands(r as u64)),
                            };
                            view! {
                            <ScrollBox label=name.clone() class="query-result">
                                <table class="grid">
                                    <caption class="visually-hidden">{name.clone()}</caption>
                                    <thead><tr>{q.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}</tr></thead>
                                    <tbody>{q.rows.iter().take(SHOWN_ROWS).map(|row| view! { <tr>{row.iter().map(|v| view! { <td>{v.to_string()}</td> }).collect_view()}</tr> }).collect_view()}</tbody>
                                </table>
                            </ScrollBox>
                            <p class="hint">{count}</p>
                        }.into_any() }
                        ,
                        Err(e) => view! { <div class="refusal" role="alert"><p>{if n > 1 { format!("Statement {}: {e}", i + 1) } else { e }}</p></div> }.into_any(),
                    }}
                </div>
            }
        })
        .collect_view()
}
