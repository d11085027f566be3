//! The Offline tables FastTab: a profile's scopes in sync order, with its current line, Add,
//! Remove, Move up/down and Offline scope.

use super::{focus, line_id};
use crate::catalog::Catalog;
use crate::model::edit::Edit;
use crate::model::{ProfileId, ScopeId, SyncDirection};
use crate::ui::fields::FieldIssues;
use crate::ui::scroll::{Col, DataTable};
use crate::ui::state::{use_studio, Studio};
use crate::validation::{Counts, Field};
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
    studio: Studio,
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

    /// The current line's position (tracked).
    fn position(&self) -> Option<usize> {
        let s = self.get()?;
        self.lines.with(|l| l.iter().position(|x| x.id == s))
    }

    fn position_of(&self, s: ScopeId) -> Option<usize> {
        self.lines
            .with_untracked(|l| l.iter().position(|x| x.id == s))
    }

    /// Moves the current line by `delta` places; it stays current and keeps the focus.
    fn move_by(self, delta: isize) {
        let Some(s) = self.get_untracked() else {
            return;
        };
        let Some(from) = self.position_of(s) else {
            return;
        };
        let to = from as isize + delta;
        if (0..self.lines.with_untracked(Vec::len) as isize).contains(&to) {
            // The moved line stays current (not whichever line takes the first place).
            self.set(Some(s));
            self.studio.edit(Edit::MoveScope {
                profile: self.profile,
                from,
                to: to as usize,
            });
            focus(&line_id(s));
        }
    }

    /// Removes the current line from the profile; the line that takes its place (or the new
    /// last one) becomes current.
    fn remove(self) {
        let Some(s) = self.get_untracked() else {
            return;
        };
        let at = self.position_of(s);
        self.studio.edit(Edit::RemoveScopeFromProfile {
            profile: self.profile,
            scope: s,
        });
        let next = self.lines.with_untracked(|l| {
            at.and_then(|at| l.get(at.min(l.len().saturating_sub(1))))
                .map(|x| x.id)
        });
        self.set(next);
    }

    /// Opens the current line's Offline scope form.
    fn open(self) {
        if let Some(s) = self.get_untracked() {
            self.studio.scope.set(Some(s));
            focus(&Field::ScopeDescription.dom_id(Some(s), None));
        }
    }

    /// Why a button is disabled, as its tooltip (the hint below the toolbar says it in text).
    /// `edge`: 0 for Remove and Offline scope, 1 for Move up, 2 for Move down.
    fn why_disabled(self, edge: u8) -> Option<&'static str> {
        let n = self.lines.with(Vec::len);
        if n == 0 {
            return Some("This profile has no line yet: click Add first.");
        }
        match (edge, self.position()?) {
            (1, 0) => Some("The current line is already the first."),
            (2, p) if p + 1 >= n => Some("The current line is already the last."),
            _ => None,
        }
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
        studio,
    };
    let adding = RwSignal::new(false);
    let numbered_lines = move || lines.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <section class="card fasttab" aria-labelledby="offline-tables">
            <div class="section-head">
                <h2 id="offline-tables" tabindex="-1">"Offline tables"</h2>
                <LineActions selected adding/>
            </div>
            <p class="hint" id=WHY>
                {move || if lines.with(Vec::is_empty) {
                    "Remove, Move up, Move down and Offline scope act on the current line, and this profile has no line yet: click Add to choose or create an offline scope first."
                } else {
                    "Scopes synchronize in this order. The selected line is the current one: Remove it, move it (Alt+\u{2191}/\u{2193}) or open its Offline scope form (Enter)."
                }}
            </p>
            <FieldIssues id="offline-tables".to_string()/>
            <DataTable label="Offline scopes of this profile" class="scopes-scroll" table_class="grid scopes-grid" columns=vec![Col::Num("#"), Col::Text("Description"), Col::Text("Synchronization direction"), Col::Text("Synchronization frequency"), Col::Num("Tables"), Col::Text("Checks")]>
                        <For
                            each=numbered_lines
                            key=|(i, l)| (*i, l.clone())
                            children=move |(i, line)| view! { <ScopeLine number=i + 1 line selected/> }
                        />
            </DataTable>
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

/// One line of the grid: its number, a radio to make it current (arrows move between lines,
/// Alt+arrows move the line, Enter opens its form), its values, and its findings.
#[component]
fn ScopeLine(
    /// Its position, from 1.
    number: usize,
    /// What it shows.
    line: Line,
    /// The grid's current line.
    selected: CurrentLine,
) -> impl IntoView {
    let sid = line.id;
    let lines = selected.lines;
    let is_selected = move || selected.get() == Some(sid);
    // Every finding about this scope: its fields, its line and its tables.
    let issues = Memo::new(move |_| {
        use_context::<crate::ui::fields::Shown>()
            .map(|shown| {
                shown
                    .0
                    .with(|ds| Counts::of_iter(ds.iter().filter(|d| d.place.scope == Some(sid))))
            })
            .unwrap_or_default()
    });
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        let arrow = key == "ArrowUp" || key == "ArrowDown";
        let delta: isize = if key == "ArrowUp" { -1 } else { 1 };
        if arrow && ev.alt_key() {
            ev.prevent_default();
            selected.set(Some(sid));
            selected.move_by(delta);
        } else if key == "Enter" {
            ev.prevent_default();
            selected.set(Some(sid));
            selected.open();
        } else if arrow {
            ev.prevent_default();
            let next = lines.with_untracked(|l| {
                let at = l.iter().position(|x| x.id == sid)? as isize + delta;
                l.get(usize::try_from(at).ok()?).map(|x| x.id)
            });
            if let Some(n) = next {
                selected.set(Some(n));
                focus(&line_id(n));
            }
        }
    };
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    view! {
        <tr class:selected=is_selected on:click=move |_| selected.set(Some(sid))>
            <td class="num">{number}</td>
            <td>
                <label class="line-select">
                    <input type="radio" id=line_id(sid) prop:checked=is_selected
                        on:change=move |_| selected.set(Some(sid)) on:keydown=keydown/>
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
                    let c = issues.get();
                    view! {
                        {(c.errors > 0).then(|| view! { <span class="badge bad">{plural(c.errors, "error")}</span> })}
                        {(c.warnings > 0).then(|| view! { <span class="badge warn">{plural(c.warnings, "warning")}</span> })}
                        {(c.errors == 0 && c.warnings == 0).then(|| view! { <span class="badge okay">"OK"</span> })}
                    }
                }}
            </td>
        </tr>
    }
}

/// The id of the hint that says why the line actions may be disabled.
const WHY: &str = "offline-tables-why";

/// Add, and the actions on the current line: Remove, Move up, Move down, Offline scope.
#[component]
fn LineActions(selected: CurrentLine, adding: RwSignal<bool>) -> impl IntoView {
    let none = move || selected.get().is_none();
    let n = move || selected.lines.with(Vec::len);
    view! {
        <div class="toolbar" role="toolbar" aria-label="Offline tables actions">
            <button type="button" on:click=move |_| { adding.set(true); focus("add-scope"); }>"Add"</button>
            <button type="button" disabled=none aria-describedby=WHY title=move || selected.why_disabled(0) on:click=move |_| selected.remove()>"Remove"</button>
            <button type="button" disabled=move || selected.position().is_none_or(|p| p == 0) aria-describedby=WHY title=move || selected.why_disabled(1) on:click=move |_| selected.move_by(-1)>"Move up"</button>
            <button type="button" disabled=move || selected.position().is_none_or(|p| p + 1 >= n()) aria-describedby=WHY title=move || selected.why_disabled(2) on:click=move |_| selected.move_by(1)>"Move down"</button>
            <button type="button" disabled=none aria-describedby=WHY title=move || selected.why_disabled(0) on:click=move |_| selected.open()>"Offline scope"</button>
        </div>
    }
}
