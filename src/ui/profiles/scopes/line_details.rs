//! A scope's Line details: its tables, Remove, and the table picker that adds them.

use super::focus;
use crate::catalog::{Catalog, Job, TableDirection};
use crate::model::edit::Edit;
use crate::model::{ProfileId, ScopeId};
use crate::ui::fields::{issues_of, ChoiceSelect, FieldIssues};
use crate::ui::scroll::{Col, DataTable};
use crate::ui::state::use_studio;
use crate::validation::{Field, Severity};
use leptos::prelude::*;

/// The Line details of a scope: its tables, with Add and Remove.
#[component]
pub fn LineDetails(
    /// The scope.
    scope: ScopeId,
    /// The profile the form was opened from.
    profile: ProfileId,
) -> impl IntoView {
    let _ = profile;
    let studio = use_studio();
    let catalog = Catalog::builtin();
    let tables = Memo::new(move |_| {
        studio.workspace.with(|ws| {
            ws.scope(scope)
                .map(|s| s.tables.clone())
                .unwrap_or_default()
        })
    });
    let selected = RwSignal::new(None::<String>);
    let picking = RwSignal::new(false);
    let remove = move || {
        if let Some(t) = selected.get_untracked() {
            let at = tables.with_untracked(|ts| ts.iter().position(|x| *x == t));
            studio.edit(Edit::RemoveTable {
                scope,
                table: t.clone(),
            });
            // Keep the keyboard on the next line.
            let next =
                at.and_then(|i| tables.with_untracked(|ts| ts.get(i).or(ts.last()).cloned()));
            selected.set(next.clone());
            if let Some(n) = next {
                focus(&Field::ScopeTables.dom_id(Some(scope), Some(&n)));
            }
        }
    };
    let list_id = Field::ScopeTables.dom_id(Some(scope), None);
    view! {
        <section class="line-details" aria-labelledby="line-details-title">
            <div class="section-head">
                <h3 id="line-details-title">"Line details"</h3>
                <div class="toolbar" role="toolbar" aria-label="Line details actions">
                    <button type="button" on:click=move |_| { picking.set(true); focus(&Field::ScopeTableSearch.dom_id(Some(scope), None)); }>"Add"</button>
                    <button type="button" disabled=move || selected.get().is_none() on:click=move |_| remove()>"Remove"</button>
                </div>
            </div>
            <div id=list_id.clone() tabindex="-1">
                <FieldIssues id=list_id.clone()/>
            </div>
            <Show when=move || picking.get()>
                <TablePicker scope picking/>
            </Show>
            <DataTable label="Tables of this offline scope" class="lines" table_class="grid" columns=vec![Col::Text("Table"), Col::Text("Job"), Col::Text("Direction"), Col::Text("Checks")]>
                        <For
                            each=move || tables.get()
                            key=|t| t.clone()
                            children=move |name| {
                                let t = catalog.get(&name);
                                let id = Field::ScopeTables.dom_id(Some(scope), Some(&name));
                                let issues_id = id.clone();
                                let n2 = name.clone();
                                let is_selected = {
                                    let name = name.clone();
                                    move || selected.get().as_deref() == Some(name.as_str())
                                };
                                let pick = { let name = name.clone(); move || selected.set(Some(name.clone())) };
                                let pick2 = pick.clone();
                                let row_selected = is_selected.clone();
                                view! {
                                    <tr class:selected=row_selected on:click=move |_| pick()>
                                        <td>
                                            <label class="line-select">
                                                <input type="radio" id=id
                                                    prop:checked=is_selected
                                                    on:change=move |_| pick2()
                                                    on:keydown=move |ev| if ev.key() == "Delete" { ev.prevent_default(); selected.set(Some(n2.clone())); remove(); } />
                                                <span>{name.clone()}</span>
                                            </label>
                                        </td>
                                        <td>{t.map(|t| t.job.label()).unwrap_or_else(|| "not in the catalog".into())}</td>
                                        <td>{t.map(|t| t.direction.label()).unwrap_or("?")}</td>
                                        <td>
                                            <span class="line-issues">
                                                {move || issues_of(&issues_id).into_iter().map(|d| {
                                                    let class = match d.severity { Severity::Error => "badge bad", Severity::Warning => "badge warn", Severity::Info => "badge neutral" };
                                                    view! { <span class=class title=d.message.clone()>{d.severity.label()}</span> }
                                                }).collect_view()}
                                            </span>
                                        </td>
                                    </tr>
                                }
                            }
                        />
            </DataTable>
            <Show when=move || tables.with(Vec::is_empty)>
                <p class="empty">"No table yet. Click Add to choose tables from the catalog."</p>
            </Show>
        </section>
    }
}

/// Searches the catalog and adds several tables at once.
#[component]
fn TablePicker(
    /// The scope to add to.
    scope: ScopeId,
    /// Whether the picker is shown.
    picking: RwSignal<bool>,
) -> impl IntoView {
    const SHOWN: usize = 150;
    let studio = use_studio();
    let catalog = Catalog::builtin();
    let query = RwSignal::new(String::new());
    let job = RwSignal::new(None::<Job>);
    let direction = RwSignal::new(None::<TableDirection>);
    let chosen = RwSignal::new(Vec::<String>::new());
    let present = Memo::new(move |_| {
        studio.workspace.with(|ws| {
            ws.scope(scope)
                .map(|s| s.tables.clone())
                .unwrap_or_default()
        })
    });
    let results = Memo::new(move |_| catalog.search(&query.get(), job.get(), direction.get()));
    let add = move || {
        let tables = chosen.get_untracked();
        if !tables.is_empty() {
            studio.edit(Edit::AddTables { scope, tables });
        }
        chosen.set(Vec::new());
        picking.set(false);
    };
    let picker_search = Field::ScopeTableSearch.dom_id(Some(scope), None);
    let first_results = move || results.get().into_iter().take(SHOWN).collect::<Vec<_>>();
    view! {
        <div class="picker" role="group" aria-labelledby="picker-title">
            <h4 id="picker-title">"Add tables"</h4>
            <div class="field-row">
                <div class="field">
                    <label for=picker_search.clone()>"Search tables"</label>
                    <input id=picker_search type="search" autocomplete="off" placeholder="Name, display name or job"
                        prop:value=move || query.get() on:input:target=move |ev| query.set(ev.target().value()) />
                </div>
                <div class="field">
                    <label for="picker-job">"Job"</label>
                    <select id="picker-job" on:change:target=move |ev| job.set(Job::parse(&ev.target().value()))>
                        <option value="">"All jobs"</option>
                        {Job::ALL.into_iter().map(|j| view! { <option value=j.code()>{j.label()}</option> }).collect_view()}
                    </select>
                </div>
                <ChoiceSelect id="picker-direction" label="Direction" value=direction placeholder="All directions"
                    on_change=Callback::new(move |d| direction.set(d))/>
            </div>
            <p class="result-count" aria-live="polite">
                {move || {
                    let n = results.with(Vec::len);
                    if n > SHOWN { format!("{n} tables match; the first {SHOWN} are shown. Narrow the search.") } else { format!("{n} tables match") }
                }}
            </p>
            <ul class="picker-list">
                <For
                    each=first_results
                    key=|id| id.index()
                    children=move |id| {
                        let t = catalog.table(id);
                        let name = t.name.clone();
                        let box_id = format!("pick-{}", t.name);
                        let already = { let name = name.clone(); move || present.with(|p| p.contains(&name)) };
                        let checked = { let name = name.clone(); move || chosen.with(|c| c.contains(&name)) };
                        view! {
                            <li>
                                <input type="checkbox" id=box_id.clone()
                                    disabled=already.clone()
                                    prop:checked={ let already = already.clone(); move || already() || checked() }
                                    on:change:target=move |ev| {
                                        let on = ev.target().checked();
                                        let name = name.clone();
                                        chosen.update(|c| if on { if !c.contains(&name) { c.push(name) } } else { c.retain(|x| *x != name) });
                                    } />
                                <label for=box_id>
                                    <span class="name">{t.name.clone()}</span>
                                    <span class="meta">{format!("{} \u{b7} {}", t.job.label(), t.direction.label())}</span>
                                    {move || already().then(|| view! { <span class="tag">"already in this scope"</span> })}
                                </label>
                            </li>
                        }
                    }
                />
            </ul>
            <div class="toolbar">
                <button type="button" class="primary" disabled=move || chosen.with(Vec::is_empty) on:click=move |_| add()>
                    {move || match chosen.with(Vec::len) { 0 => "Add tables".to_string(), 1 => "Add 1 table".to_string(), n => format!("Add {n} tables") }}
                </button>
                <button type="button" on:click=move |_| { chosen.set(Vec::new()); picking.set(false); }>"Cancel"</button>
            </div>
        </div>
    }
}
