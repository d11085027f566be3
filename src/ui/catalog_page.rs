//! The Catalog area: search the 438 channel-database tables by name, job or direction, and open
//! one to see its columns, key, estimated row size, parents and children.

use crate::catalog::{Catalog, Job, JobSource, Table, TableDirection, TableId};
use crate::ui::fields::ChoiceSelect;
use crate::ui::scroll::ScrollBox;
use leptos::prelude::*;

/// The search state of the catalog, kept at the app root so it survives opening a table or
/// visiting another area.
#[derive(Clone, Copy)]
pub struct CatalogFilters {
    query: RwSignal<String>,
    job: RwSignal<Option<Job>>,
    source: RwSignal<Option<JobSource>>,
    direction: RwSignal<Option<TableDirection>>,
}

impl CatalogFilters {
    /// Empty filters: every table.
    pub fn new() -> Self {
        CatalogFilters {
            query: RwSignal::new(String::new()),
            job: RwSignal::new(None),
            source: RwSignal::new(None),
            direction: RwSignal::new(None),
        }
    }
}

fn table_href(t: &Table) -> String {
    format!("#/catalog/{}", t.name)
}

/// The catalog page: search panel on the left, the open table on the right.
#[component]
pub fn CatalogPage(
    /// The name of the open table, from the URL.
    #[prop(into)]
    selected: Signal<Option<String>>,
) -> impl IntoView {
    let filters = use_context::<CatalogFilters>().unwrap_or_else(CatalogFilters::new);
    view! {
        <section class="page catalog" aria-labelledby="page-title">
            <div class="page-head">
                <h1 id="page-title">"Catalog"</h1>
                <p class="lead">
                    {format!(
                        "The channel-database tables that offline scopes synchronize. A public vendor document names the job of {} tables (marked doc); the others' jobs are inferred from their names. Row sizes are estimates.",
                        Catalog::builtin().iter().filter(|(_, t)| t.job_is_documented()).count()
                    )}
                </p>
            </div>
            <div class="catalog-layout">
                <SearchPanel filters selected/>
                <div class="catalog-detail">
                    {move || match selected.get() {
                        None => view! { <EmptyDetail/> }.into_any(),
                        Some(name) => match Catalog::builtin().get(&name) {
                            Some(t) => view! { <TableDetail table=t/> }.into_any(),
                            None => view! { <UnknownTable name/> }.into_any(),
                        },
                    }}
                </div>
            </div>
        </section>
    }
}

/// The search box, the job and direction filters, and the matching tables.
#[component]
fn SearchPanel(
    /// The search state.
    filters: CatalogFilters,
    /// The open table, highlighted in the list.
    selected: Signal<Option<String>>,
) -> impl IntoView {
    let catalog = Catalog::builtin();
    let results = Memo::new(move |_| {
        catalog.search_by_source(
            &filters.query.get(),
            filters.job.get(),
            filters.direction.get(),
            filters.source.get(),
        )
    });
    let job_value = move || filters.job.get().map(|j| j.code()).unwrap_or_default();
    view! {
        <div class="catalog-search card">
            <div class="field">
                <label for="catalog-search">"Search tables"</label>
                <input
                    id="catalog-search"
                    type="search"
                    placeholder="Name, display name or job"
                    autocomplete="off"
                    prop:value=move || filters.query.get()
                    on:input:target=move |ev| filters.query.set(ev.target().value())
                />
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="catalog-job">"Job"</label>
                    <select
                        id="catalog-job"
                        prop:value=job_value
                        on:change:target=move |ev| filters.job.set(Job::parse(&ev.target().value()))
                    >
                        <option value="">"All jobs"</option>
                        {Job::ALL
                            .into_iter()
                            .map(|j| view! { <option value=j.code()>{j.label()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <ChoiceSelect id="catalog-job-source" label="Job source" value=filters.source placeholder="All sources"
                    on_change=Callback::new(move |s| filters.source.set(s))/>
                <ChoiceSelect id="catalog-direction" label="Direction" value=filters.direction placeholder="All directions"
                    on_change=Callback::new(move |d| filters.direction.set(d))/>
            </div>
            <p class="result-count" aria-live="polite">
                {move || format!("{} of {} tables", results.with(Vec::len), catalog.len())}
            </p>
            <ScrollBox label="Matching tables" class="result-scroll">
                <table class="results">
                    <caption class="visually-hidden">"Matching tables"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Table"</th>
                            <th scope="col">"Job"</th>
                            <th scope="col">"Direction"</th>
                            <th scope="col" class="num">"Columns"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || results.get()
                            key=|id| id.index()
                            children=move |id| view! { <ResultRow id selected/> }
                        />
                    </tbody>
                </table>
                <Show when=move || results.with(Vec::is_empty)>
                    <p class="empty">"No table matches. Clear the search or the filters."</p>
                </Show>
            </ScrollBox>
        </div>
    }
}

/// One matching table in the result list.
#[component]
fn ResultRow(
    /// The table.
    id: TableId,
    /// The open table.
    selected: Signal<Option<String>>,
) -> impl IntoView {
    let t = Catalog::builtin().table(id);
    let is_open = move || selected.with(|s| s.as_deref() == Some(t.name.as_str()));
    view! {
        <tr class:open=is_open>
            <td>
                <a href=table_href(t) aria-current=move || is_open().then_some("true")>
                    {t.name.clone()}
                </a>
            </td>
            <td title=format!("{} ({})", t.job.label(), if t.job_is_documented() { "documented" } else { "inferred" })>
                {t.job.short_code()}
                {t.job_is_documented().then(|| view! { " " <span class="doc-mark" aria-label="documented">"doc"</span> })}
            </td>
            <td>
                <DirectionBadge direction=t.direction/>
            </td>
            <td class="num">{t.columns().len()}</td>
        </tr>
    }
}

/// A direction, as a badge that reads without colour.
#[component]
fn DirectionBadge(
    /// The direction to show.
    direction: TableDirection,
) -> impl IntoView {
    let (class, arrow) = match direction {
        TableDirection::Download => ("badge download", "\u{2193}"),
        TableDirection::Upload => ("badge upload", "\u{2191}"),
        TableDirection::ChannelLocal => ("badge local", "\u{25cb}"),
    };
    view! {
        <span class=class>
            <span aria-hidden="true">{arrow}" "</span>
            {direction.label()}
        </span>
    }
}

/// Shown while no table is open.
#[component]
fn EmptyDetail() -> impl IntoView {
    let catalog = Catalog::builtin();
    let cycles = catalog.cycles().len();
    let uploads = catalog
        .tables()
        .iter()
        .filter(|t| t.direction == TableDirection::Upload)
        .count();
    view! {
        <div class="card empty-detail">
            <h2>"Open a table"</h2>
            <p>
                "Choose a table on the left to see its columns, primary key, estimated row size, "
                "and the tables it refers to and that refer to it."
            </p>
            <ul class="stats">
                <li><strong>{catalog.len()}</strong>" tables"</li>
                <li><strong>{uploads}</strong>" upload tables"</li>
                <li><strong>{cycles}</strong>" parent cycles"</li>
            </ul>
        </div>
    }
}

/// Shown when the URL names a table the catalog does not have.
#[component]
fn UnknownTable(
    /// The name from the URL.
    name: String,
) -> impl IntoView {
    view! {
        <div class="card" role="alert">
            <h2>"No such table"</h2>
            <p>{format!("The catalog has no table named {name}. Search for it on the left.")}</p>
        </div>
    }
}

/// Links to a list of tables, or a word saying there are none.
#[component]
fn TableLinks(
    /// The tables to link to.
    ids: Vec<TableId>,
    /// What to say when there are none.
    none: &'static str,
) -> impl IntoView {
    let catalog = Catalog::builtin();
    if ids.is_empty() {
        return view! { <p class="muted">{none}</p> }.into_any();
    }
    view! {
        <ul class="chips">
            {ids
                .into_iter()
                .map(|id| {
                    let t = catalog.table(id);
                    view! {
                        <li>
                            <a href=table_href(t)>{t.name.clone()}</a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// Everything about one table.
#[component]
fn TableDetail(
    /// The open table.
    table: &'static Table,
) -> impl IntoView {
    let catalog = Catalog::builtin();
    let t = table;
    let id = catalog.id(&t.name);
    let cycle = id.and_then(|id| catalog.cycle_of(id)).map(|c| {
        c.tables
            .iter()
            .map(|id| catalog.table(*id).name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    });
    let key = if t.primary_key.is_empty() {
        "none".to_string()
    } else {
        t.primary_key.join(", ")
    };
    view! {
        <article class="card table-detail" aria-labelledby="table-title">
            <header class="detail-head">
                <h2 id="table-title">{t.name.clone()}</h2>
                <p class="muted">{t.display.clone().unwrap_or_else(|| "No display name".into())}</p>
                <div class="badges">
                    <DirectionBadge direction=t.direction/>
                    <span class="badge neutral">{format!("Job {}", t.job.label())}</span>
                    <span class="badge neutral">{format!("Schema {}", t.schema.as_str())}</span>
                </div>
            </header>
            <dl class="facts">
                <div><dt>"Primary key"</dt><dd>{key}</dd></div>
                <div>
                    <dt>"Estimated row size"</dt>
                    <dd>{format!("~{} bytes (estimate; declared maximum {} bytes)", t.est_row_bytes, t.max_row_bytes)}</dd>
                </div>
                <div>
                    <dt>"Replication counter"</dt>
                    <dd>{t.replication_counter.clone().unwrap_or_else(|| "none".into())}</dd>
                </div>
                <div class="job-fact">
                    <dt>"Job"</dt>
                    <dd><JobOrigin table=t/></dd>
                </div>
                <div>
                    <dt>"Parents from"</dt>
                    <dd>{match t.parents_source.as_str() { "" => "no relation found", s => s }}</dd>
                </div>
            </dl>
            {cycle.map(|c| view! {
                <p class="notice" role="note">
                    <strong>"Parent cycle. "</strong>
                    {format!("{c} refer to each other, so no scope order can put every parent before its child; sync them in one scope or accept missing references until both have arrived.")}
                </p>
            })}
            <section aria-labelledby="parents-title">
                <h3 id="parents-title">{format!("Parents ({})", t.parents.len())}</h3>
                <TableLinks ids=t.parents.clone() none="This table refers to no other table."/>
            </section>
            <section aria-labelledby="children-title">
                <h3 id="children-title">{format!("Children ({})", t.children.len())}</h3>
                <TableLinks ids=t.children.clone() none="No table refers to this one."/>
            </section>
            <section aria-labelledby="columns-title">
                <h3 id="columns-title">{format!("Columns ({})", t.columns().len())}</h3>
                <ScrollBox label="Columns">
                    <table class="columns">
                        <thead>
                            <tr>
                                <th scope="col">"Column"</th>
                                <th scope="col">"SQL Server type"</th>
                                <th scope="col">"SQLite type"</th>
                                <th scope="col">"Null"</th>
                                <th scope="col">"Key"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {t.columns()
                                .iter()
                                .map(|c| {
                                    let in_key = t.primary_key.contains(&c.name);
                                    let mut notes = Vec::new();
                                    if in_key { notes.push("primary key"); }
                                    if t.is_identity(&c.name) { notes.push("identity"); }
                                    if t.replication_counter.as_deref() == Some(c.name.as_str()) {
                                        notes.push("replication counter");
                                    }
                                    view! {
                                        <tr>
                                            <th scope="row">{c.name.clone()}</th>
                                            <td>{c.declared_type()}</td>
                                            <td>{c.sql_type.sqlite_type()}</td>
                                            <td>{if c.nullable { "yes" } else { "no" }}</td>
                                            <td>{notes.join(", ")}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </ScrollBox>
            </section>
            <details class="ddl">
                <summary>"SQLite definition in an offline database"</summary>
                <pre tabindex="0" role="region" aria-label="SQLite definition"><code>{t.create_sql()}</code></pre>
            </details>
        </article>
    }
}

/// Whether a table's job is documented (with how and the source) or inferred from its name.
#[component]
fn JobOrigin(
    /// The table.
    table: &'static Table,
) -> impl IntoView {
    match &table.job_documented {
        Some(d) => view! {
            <span>{format!("{} \u{2014} documented: a public document {}.", table.job.label(), d.how)}</span>
            <span class="source">{format!("Source: {}", d.source)}</span>
            {(d.inferred != table.job).then(|| view! {
                <span class="source">{format!("The table name alone suggests {}; the document wins.", d.inferred.label())}</span>
            })}
        }
        .into_any(),
        None => view! {
            <span>{format!("{} \u{2014} inferred from the table name; no public document ties this table to a job.", table.job.label())}</span>
        }
        .into_any(),
    }
}
