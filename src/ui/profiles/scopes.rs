//! The Offline tables FastTab (a profile's ordered scopes), the Offline scope form and the
//! table picker of its Line details.

use crate::catalog::{Catalog, Job, TableDirection};
use crate::model::edit::{Edit, ScopeValue};
use crate::model::{ConflictPolicy, ProfileId, ScopeId, SyncDirection, TimeUnit};
use crate::ui::fields::{issues_of, ChoiceSelect, FieldIssues, NumberField, TextField};
use crate::ui::scroll::ScrollBox;
use crate::ui::state::use_studio;
use crate::validation::{Counts, Field, Severity};
use leptos::prelude::*;

/// One line of the Offline tables grid.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Line {
    id: ScopeId,
    description: String,
    direction: SyncDirection,
    frequency: String,
    default_frequency: bool,
    tables: usize,
}

/// The current line of a profile's Offline tables grid. As in the back office, a grid always
/// has a current line while it has lines: the one last chosen for this profile (kept while the
/// app runs), else the first.
#[derive(Clone, Copy)]
struct CurrentLine {
    profile: ProfileId,
    lines: Memo<Vec<Line>>,
    /// The app's choices, per profile (`Studio::current_line`).
    choice: RwSignal<std::collections::HashMap<ProfileId, ScopeId>>,
}

impl CurrentLine {
    fn get(&self) -> Option<ScopeId> {
        let chosen = self.choice.with(|m| m.get(&self.profile).copied());
        self.lines.with(|l| {
            chosen
                .filter(|c| l.iter().any(|x| x.id == *c))
                .or_else(|| l.first().map(|x| x.id))
        })
    }

    fn get_untracked(&self) -> Option<ScopeId> {
        untrack(|| self.get())
    }

    fn set(&self, scope: Option<ScopeId>) {
        self.choice.update(|m| match scope {
            Some(s) => {
                m.insert(self.profile, s);
            }
            None => {
                m.remove(&self.profile);
            }
        });
    }
}

/// The profile's scopes in sync order, with Add, Remove, Move up, Move down and Offline scope.
#[component]
pub fn OfflineTables(
    /// The profile.
    id: ProfileId,
) -> impl IntoView {
    let studio = use_studio();
    let lines = Memo::new(move |_| {
        studio.workspace.with(|ws| {
            ws.profile(id)
                .map(|p| {
                    ws.scopes_of(p)
                        .map(|s| Line {
                            id: s.id,
                            description: s.description.clone(),
                            direction: s.direction,
                            frequency: s.frequency.to_string(),
                            default_frequency: s.default_frequency,
                            tables: s.tables.len(),
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let selected = CurrentLine {
        profile: id,
        lines,
        choice: studio.current_line,
    };
    let adding = RwSignal::new(false);
    let position = move || {
        selected
            .get()
            .and_then(|s| lines.with(|l| l.iter().position(|x| x.id == s)))
    };
    let position_untracked =
        move |s: ScopeId| lines.with_untracked(|l| l.iter().position(|x| x.id == s));
    let move_by = move |delta: isize| {
        let Some(s) = selected.get_untracked() else {
            return;
        };
        let Some(from) = position_untracked(s) else {
            return;
        };
        let to = from as isize + delta;
        let len = lines.with_untracked(Vec::len) as isize;
        if (0..len).contains(&to) {
            // The moved line stays current (not whichever line takes the first place).
            selected.set(Some(s));
            studio.edit(Edit::MoveScope {
                profile: id,
                from,
                to: to as usize,
            });
            focus(&line_id(s));
        }
    };
    let remove = move || {
        if let Some(s) = selected.get_untracked() {
            let at = position_untracked(s);
            studio.edit(Edit::RemoveScopeFromProfile {
                profile: id,
                scope: s,
            });
            // The line that took its place (or the new last one) becomes current.
            let next = lines.with_untracked(|l| {
                at.and_then(|at| l.get(at.min(l.len().saturating_sub(1))))
                    .map(|x| x.id)
            });
            selected.set(next);
        }
    };
    let open = move || {
        if let Some(s) = selected.get_untracked() {
            studio.scope.set(Some(s));
            focus(&Field::ScopeDescription.dom_id(Some(s), None));
        }
    };
    let numbered_lines = move || lines.get().into_iter().enumerate().collect::<Vec<_>>();
    let why = "offline-tables-why";
    // Why a button is disabled, as its tooltip (the hint below the toolbar says it in text).
    // `edge`: 0 for Remove and Offline scope, 1 for Move up, 2 for Move down.
    let tip = move |edge: u8| -> Option<&'static str> {
        let n = lines.with(Vec::len);
        if n == 0 {
            return Some("This profile has no line yet: click Add first.");
        }
        match (edge, position()?) {
            (1, 0) => Some("The current line is already the first."),
            (2, p) if p + 1 >= n => Some("The current line is already the last."),
            _ => None,
        }
    };
    view! {
        <section class="card fasttab" aria-labelledby="offline-tables">
            <div class="section-head">
                <h2 id="offline-tables" tabindex="-1">"Offline tables"</h2>
                <div class="toolbar" role="toolbar" aria-label="Offline tables actions">
                    <button type="button" on:click=move |_| { adding.set(true); focus("add-scope"); }>"Add"</button>
                    <button type="button" disabled=move || selected.get().is_none() aria-describedby=why title=move || tip(0) on:click=move |_| remove()>"Remove"</button>
                    <button type="button" disabled=move || position().is_none_or(|p| p == 0) aria-describedby=why title=move || tip(1) on:click=move |_| move_by(-1)>"Move up"</button>
                    <button type="button" disabled=move || position().is_none_or(|p| p + 1 >= lines.with(Vec::len)) aria-describedby=why title=move || tip(2) on:click=move |_| move_by(1)>"Move down"</button>
                    <button type="button" disabled=move || selected.get().is_none() aria-describedby=why title=move || tip(0) on:click=move |_| open()>"Offline scope"</button>
                </div>
            </div>
            <p class="hint" id=why>
                {move || if lines.with(Vec::is_empty) {
                    "Remove, Move up, Move down and Offline scope act on the current line, and this profile has no line yet: click Add to choose or create an offline scope first."
                } else {
                    "Scopes synchronize in this order. The selected line is the current one: Remove it, move it (Alt+\u{2191}/\u{2193}) or open its Offline scope form (Enter)."
                }}
            </p>
            <FieldIssues id="offline-tables".to_string()/>
            <ScrollBox label="Offline scopes of this profile" class="scopes-scroll">
                <table class="grid scopes-grid">
                    <caption class="visually-hidden">"Offline scopes of this profile, in sync order"</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="num">"#"</th>
                            <th scope="col">"Description"</th>
                            <th scope="col">"Synchronization direction"</th>
                            <th scope="col">"Synchronization frequency"</th>
                            <th scope="col" class="num">"Tables"</th>
                            <th scope="col">"Checks"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=numbered_lines
                            key=|(i, l)| (*i, l.clone())
                            children=move |(i, line)| {
                                let sid = line.id;
                                let input_id = line_id(sid);
                                let is_selected = move || selected.get() == Some(sid);
                                // Every finding about this scope: its fields, its line and its tables.
                                let issues = Memo::new(move |_| {
                                    let c = use_context::<crate::ui::fields::Shown>()
                                        .map(|shown| shown.0.with(|ds| Counts::of_iter(ds.iter().filter(|d| d.place.scope == Some(sid)))))
                                        .unwrap_or_default();
                                    (c.errors, c.warnings)
                                });
                                view! {
                                    <tr class:selected=is_selected on:click=move |_| selected.set(Some(sid))>
                                        <td class="num">{i + 1}</td>
                                        <td>
                                            <label class="line-select">
                                                <input
                                                    type="radio"
                                                    id=input_id
                                                    prop:checked=is_selected
                                                    on:change=move |_| selected.set(Some(sid))
                                                    on:keydown=move |ev| {
                                                        if ev.alt_key() && ev.key() == "ArrowUp" { ev.prevent_default(); selected.set(Some(sid)); move_by(-1); }
                                                        if ev.alt_key() && ev.key() == "ArrowDown" { ev.prevent_default(); selected.set(Some(sid)); move_by(1); }
                                                        if ev.key() == "Enter" { ev.prevent_default(); selected.set(Some(sid)); open(); }
                                                        if !ev.alt_key() && (ev.key() == "ArrowUp" || ev.key() == "ArrowDown") {
                                                            ev.prevent_default();
                                                            let delta: isize = if ev.key() == "ArrowUp" { -1 } else { 1 };
                                                            let next = lines.with_untracked(|l| {
                                                                let at = l.iter().position(|x| x.id == sid)? as isize + delta;
                                                                l.get(usize::try_from(at).ok()?).map(|x| x.id)
                                                            });
                                                            if let Some(n) = next { selected.set(Some(n)); focus(&line_id(n)); }
                                                        }
                                                    }
                                                />
                                                <span>{line.description.clone()}</span>
                                            </label>
                                        </td>
                                        <td>{line.direction.label()}</td>
                                        <td>
                                            {line.frequency.clone()}
                                            {line.default_frequency.then(|| view! { <span class="tag">"default"</span> })}
                                        </td>
                                        <td class="num">{line.tables}</td>
                                        <td>
                                            {move || {
                                                let (e, w) = issues.get();
                                                view! {
                                                    {(e > 0).then(|| view! { <span class="badge bad">{format!("{e} error{}", if e == 1 { "" } else { "s" })}</span> })}
                                                    {(w > 0).then(|| view! { <span class="badge warn">{format!("{w} warning{}", if w == 1 { "" } else { "s" })}</span> })}
                                                    {(e == 0 && w == 0).then(|| view! { <span class="badge okay">"OK"</span> })}
                                                }
                                            }}
                                        </td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </ScrollBox>
            <Show when=move || lines.with(Vec::is_empty) && !adding.get()>
                <p class="empty">"No offline scope yet. Click Add to choose or create one."</p>
            </Show>
            <JobSources id/>
            <Show when=move || adding.get()>
                <AddLine id selected adding/>
            </Show>
        </section>
    }
}

/// How many of the profile's tables have a documented job, below the grid.
#[component]
fn JobSources(
    /// The profile.
    id: ProfileId,
) -> impl IntoView {
    let studio = use_studio();
    let counts = Memo::new(move |_| {
        studio.workspace.with(|ws| {
            ws.profile(id)
                .map(|p| {
                    crate::catalog::documented_jobs(
                        Catalog::builtin(),
                        ws.scopes_of(p).flat_map(|s| &s.tables),
                    )
                })
                .unwrap_or((0, 0))
        })
    });
    move || {
        let (documented, known) = counts.get();
        (known > 0).then(|| view! {
            <p class="hint job-sources">
                {format!("Jobs: {documented} of the {known} tables in this profile have their job named by a public vendor document; the others' jobs are inferred from table names. ")}
                <a href="#/catalog">"See which in the Catalog"</a>
            </p>
        })
    }
}

/// The new line of the Offline tables grid: choose a scope by its Description.
#[component]
fn AddLine(
    /// The profile.
    id: ProfileId,
    /// The grid's current line (set to the new one).
    selected: CurrentLine,
    /// Whether the new line is shown.
    adding: RwSignal<bool>,
) -> impl IntoView {
    let studio = use_studio();
    let choices = Memo::new(move |_| {
        studio.workspace.with(|ws| {
            let used = ws.profile(id).map(|p| p.scopes.clone()).unwrap_or_default();
            ws.scopes
                .iter()
                .filter(|s| !used.contains(&s.id))
                .map(|s| (s.id.0.to_string(), s.description.clone()))
                .collect::<Vec<_>>()
        })
    });
    let choose = move |value: String| {
        if value.is_empty() {
            return;
        }
        let mut chosen = None;
        if value == "new" {
            chosen = studio
                .edit(Edit::NewScope {
                    description: "New scope".into(),
                    direction: SyncDirection::Download,
                    add_to: Some(id),
                })
                .scope;
            studio.scope.set(chosen);
        } else if let Ok(n) = value.parse::<u32>() {
            studio.edit(Edit::AddScopeToProfile {
                profile: id,
                scope: ScopeId(n),
            });
            chosen = Some(ScopeId(n));
        }
        adding.set(false);
        selected.set(chosen);
        if let Some(s) = chosen {
            if value == "new" {
                focus(&Field::ScopeDescription.dom_id(Some(s), None));
            } else {
                focus(&line_id(s));
            }
        }
    };
    view! {
        <div class="add-line">
            <div class="field">
                <label for="add-scope">"Description"</label>
                <select id="add-scope" on:change:target=move |ev| choose(ev.target().value())>
                    <option value="">"Select an offline scope\u{2026}"</option>
                    <For
                        each=move || choices.get()
                        key=|c| c.clone()
                        children=move |(value, label)| view! { <option value=value>{label}</option> }
                    />
                    <option value="new">"Create a new offline scope"</option>
                </select>
            </div>
            <button type="button" on:click=move |_| adding.set(false)>"Cancel"</button>
        </div>
    }
}

/// The id of a profile's line for `scope` in the Offline tables grid.
fn line_id(scope: ScopeId) -> String {
    Field::ProfileScopes.dom_id(Some(scope), None)
}

/// Moves keyboard focus to the element with that id, once the view has updated.
pub fn focus(id: &str) {
    let id = id.to_string();
    request_animation_frame(move || focus_now(&id));
}

/// Moves keyboard focus to the element with that id, if it is there.
pub fn focus_now(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
            let _ = el.focus();
        }
    }
}

/// A value of a scope, read reactively (None once the scope is gone).
fn scope_value<T: Send + Sync + 'static>(
    studio: crate::ui::state::Studio,
    scope: ScopeId,
    f: fn(&crate::model::Scope) -> T,
) -> Signal<Option<T>> {
    Signal::derive(move || studio.workspace.with(|ws| ws.scope(scope).map(f)))
}

/// The Offline scope form.
#[component]
pub fn ScopeForm(
    /// The scope.
    scope: ScopeId,
    /// The profile the form was opened from.
    profile: ProfileId,
) -> impl IntoView {
    let studio = use_studio();
    let field = move |f: fn(&crate::model::Scope) -> String| {
        Signal::derive(move || {
            studio
                .workspace
                .with(|ws| ws.scope(scope).map(f).unwrap_or_default())
        })
    };
    let description = field(|s| s.description.clone());
    let direction = scope_value(studio, scope, |s| s.direction);
    let unit = scope_value(studio, scope, |s| s.frequency.unit);
    let policy = scope_value(studio, scope, |s| s.conflict_policy);
    let set = move |value: ScopeValue| {
        studio.edit(Edit::SetScope { scope, value });
    };
    let amount = Signal::derive(move || {
        studio.workspace.with(|ws| {
            ws.scope(scope)
                .map(|s| s.frequency.seconds / s.frequency.unit.seconds())
                .unwrap_or(0)
        })
    });
    let used_by = Memo::new(move |_| {
        studio.workspace.with(|ws| {
            ws.profiles_using(scope)
                .iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let exists = Memo::new(move |_| studio.workspace.with(|ws| ws.scope(scope).is_some()));
    let key = move |f: Field| f.dom_id(Some(scope), None);
    let close = move || {
        studio.scope.set(None);
        focus(&line_id(scope));
    };
    view! {
        <Show when=move || exists.get()>
            <section class="card fasttab scope-form" aria-labelledby="scope-form-title"
                on:keydown=move |ev| if ev.key() == "Escape" { close() }>
                <div class="section-head">
                    <h2 id="scope-form-title">"Offline scope"</h2>
                    <button type="button" on:click=move |_| close()>"Close"</button>
                </div>
                <p class="used-by">
                    {move || {
                        let names = used_by.get();
                        match names.len() {
                            0 => "Not used by any profile.".to_string(),
                            _ => format!("Used by {} profile{}: {}. Changes here apply to all of them.", names.len(), if names.len() == 1 { "" } else { "s" }, names.join(", ")),
                        }
                    }}
                </p>
                <div class="field-row">
                    <TextField
                        id=key(Field::ScopeDescription)
                        label="Description"
                        value=description
                        on_input=Callback::new(move |v: String| { studio.edit(Edit::SetScope { scope, value: ScopeValue::Description(v) }); })
                    />
                    <ChoiceSelect id=key(Field::ScopeDirection) label="Synchronization direction" value=direction issues=true
                        on_change=Callback::new(move |d: Option<SyncDirection>| if let Some(d) = d { set(ScopeValue::Direction(d)) })/>
                </div>
                <div class="field-row">
                    <NumberField
                        id=key(Field::ScopeFrequency)
                        label="Synchronization frequency"
                        value=amount
                        on_commit=Callback::new(move |v: i64| { studio.edit(Edit::SetScope { scope, value: ScopeValue::FrequencyAmount(v) }); })
                    />
                    <ChoiceSelect id=key(Field::ScopeFrequencyUnit) label="Frequency unit" value=unit
                        on_change=Callback::new(move |u: Option<TimeUnit>| if let Some(u) = u { set(ScopeValue::FrequencyUnit(u)) })/>
                    <Show when=move || direction.get() == Some(SyncDirection::Bidirectional)>
                        <ChoiceSelect id=key(Field::ScopeConflicts) label="Conflict resolution" value=policy
                            on_change=Callback::new(move |p: Option<ConflictPolicy>| if let Some(p) = p { set(ScopeValue::ConflictPolicy(p)) })/>
                    </Show>
                </div>
                <LineDetails scope profile/>
            </section>
        </Show>
    }
}

/// The Line details of a scope: its tables, with Add and Remove.
#[component]
fn LineDetails(
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
            <ScrollBox label="Tables of this offline scope" class="lines">
                <table class="grid">
                    <caption class="visually-hidden">"Tables of this offline scope"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Table"</th>
                            <th scope="col">"Job"</th>
                            <th scope="col">"Direction"</th>
                            <th scope="col">"Checks"</th>
                        </tr>
                    </thead>
                    <tbody>
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
                    </tbody>
                </table>
            </ScrollBox>
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
            <ScrollBox label="All offline scopes">
                <table class="grid library">
                    <caption class="visually-hidden">"All offline scopes"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Description"</th>
                            <th scope="col">"Direction"</th>
                            <th scope="col">"Frequency"</th>
                            <th scope="col" class="num">"Tables"</th>
                            <th scope="col">"Used by"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
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
                    </tbody>
                </table>
            </ScrollBox>
        </section>
    }
}
