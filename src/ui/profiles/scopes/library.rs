//! The scope library: every scope, which profiles use it, create and delete.

use super::focus;
use crate::model::edit::Edit;
use crate::model::{ProfileId, ScopeId, SyncDirection};
use crate::ui::scroll::{Col, DataTable};
use crate::ui::state::use_studio;
use crate::validation::Field;
use leptos::prelude::*;

/// One row of the scope library.
#[derive(Clone, PartialEq, Eq, Hash)]
struct LibraryRow {
    id: ScopeId,
    description: String,
    direction: &'static str,
    frequency: String,
    tables: usize,
    used_by: Vec<String>,
}

/// Every offline scope of the workspace: which profiles use each, open, delete, create.
#[component]
pub fn ScopeLibrary(
    /// The open profile (new scopes are not added to it).
    profile: ProfileId,
) -> impl IntoView {
    let _ = profile;
    let studio = use_studio();
    let rows = Memo::new(move |_| {
        studio.workspace.with(|ws| {
            ws.scopes
                .iter()
                .map(|s| LibraryRow {
                    id: s.id,
                    description: s.description.clone(),
                    direction: s.direction.label(),
                    frequency: s.frequency.to_string(),
                    tables: s.tables.len(),
                    used_by: ws
                        .profiles_using(s.id)
                        .iter()
                        .map(|p| p.name.clone())
                        .collect(),
                })
                .collect::<Vec<_>>()
        })
    });
    let confirm = RwSignal::new(None::<LibraryRow>);
    let create = move || {
        let id = studio
            .edit(Edit::NewScope {
                description: "New scope".into(),
                direction: SyncDirection::Download,
                add_to: None,
            })
            .scope;
        studio.scope.set(id);
        if let Some(s) = id {
            focus(&Field::ScopeDescription.dom_id(Some(s), None));
        }
    };
    view! {
        <section class="card fasttab" aria-labelledby="library-title">
            <div class="section-head">
                <h2 id="library-title">"Offline scope library"</h2>
                <button type="button" on:click=move |_| create()>"New offline scope"</button>
            </div>
            <p class="hint">"A scope exists once; profiles refer to it. Editing a scope changes every profile that uses it."</p>
            {move || confirm.get().map(|row| {
                let id = row.id;
                let users = if row.used_by.is_empty() { "No profile uses it.".to_string() } else { format!("It is removed from {}.", row.used_by.join(", ")) };
                view! {
                    <div class="confirm" role="alertdialog" aria-labelledby="confirm-scope-text">
                        <p id="confirm-scope-text">{format!("Delete the offline scope \u{201c}{}\u{201d}? {users} Undo (Ctrl+Z) brings it back.", row.description)}</p>
                        <button type="button" class="danger" on:click=move |_| {
                            studio.edit(Edit::DeleteScope(id));
                            if studio.scope.get_untracked() == Some(id) { studio.scope.set(None); }
                            confirm.set(None);
                        }>"Delete"</button>
                        <button type="button" on:click=move |_| confirm.set(None)>"Cancel"</button>
                    </div>
                }
            })}
            <DataTable label="All offline scopes" table_class="grid library" columns=vec![Col::Text("Description"), Col::Text("Direction"), Col::Text("Frequency"), Col::Num("Tables"), Col::Text("Used by"), Col::Hidden("Actions")]>
                        <For
                            each=move || rows.get()
                            key=|r| r.clone()
                            children=move |row| {
                                let id = row.id;
                                let for_confirm = row.clone();
                                let used = if row.used_by.is_empty() { "\u{2014}".to_string() } else { row.used_by.join(", ") };
                                view! {
                                    <tr>
                                        <th scope="row">{row.description.clone()}</th>
                                        <td>{row.direction}</td>
                                        <td>{row.frequency.clone()}</td>
                                        <td class="num">{row.tables}</td>
                                        <td>{used}</td>
                                        <td class="actions">
                                            <button type="button" aria-label=format!("Open {}", row.description) on:click=move |_| {
                                                studio.scope.set(Some(id));
                                                focus(&Field::ScopeDescription.dom_id(Some(id), None));
                                            }>"Open"</button>
                                            <button type="button" class="danger" aria-label=format!("Delete {}", row.description)
                                                on:click=move |_| confirm.set(Some(for_confirm.clone()))>"Delete"</button>
                                        </td>
                                    </tr>
                                }
                            }
                        />
            </DataTable>
        </section>
    }
}
