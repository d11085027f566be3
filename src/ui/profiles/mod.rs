//! The Profiles area: the list of offline profiles and the editor of the open one, following the
//! offline-profile procedure in its own words (Name, Description, Offline tables, Offline
//! products, Offline customers, SQLite device configuration).

mod diagnostics;
mod duplicate;
mod limits;
mod operations;
mod scopes;
pub(crate) mod target;

pub(crate) use operations::OperationsPanel;

use super::areas::{self, Below, Loaders};
use super::fields::{Shown, TextField};
use super::state::{use_studio, Studio};
use super::storage::now_iso;
use crate::catalog::Catalog;
use crate::model::edit::{Edit, ProfileValue};
use crate::model::{ProfileId, DEFAULT_PROFILE_NAME};
use crate::validation::{validate_profile, validate_scope, Counts, Field};
use leptos::prelude::*;

/// Shows a diagnostic's field: opens its profile (when given) and, for a scope field, the
/// Offline scope form, switches to the Profiles area, and focuses the control once it is there.
pub fn open_field(studio: Studio, profile: Option<ProfileId>, d: &crate::validation::Diagnostic) {
    if profile.is_some() {
        studio.profile.set(profile);
    }
    if d.place.field.in_scope_form() {
        studio.scope.set(d.place.scope);
    }
    let _ = window().location().set_hash("#/profiles");
    let id = d.place.dom_id();
    // Another area may have to mount first (the hash change is handled asynchronously).
    set_timeout(
        move || scopes::focus_now(&id),
        std::time::Duration::from_millis(60),
    );
}

/// Focuses the Name field of the open profile (after Ctrl+N).
pub fn focus_name() {
    scopes::focus(&Field::ProfileName.dom_id(None, None));
}

/// The whole Profiles page.
#[component]
pub fn ProfilesPage() -> impl IntoView {
    let studio = use_studio();
    // Only a change of the open profile rebuilds the editor; edits update it in place.
    let open = Memo::new(move |_| {
        studio
            .profile
            .get()
            .filter(|id| studio.workspace.with(|ws| ws.profile(*id).is_some()))
    });
    view! {
        <section class="page profiles" aria-labelledby="page-title">
            <div class="page-head">
                <h1 id="page-title">"Offline profiles"</h1>
                <p class="lead">
                    "Which tables each register keeps offline, in which order and direction they synchronize, "
                    "and which products and customers go offline. Checked as you type."
                </p>
            </div>
            <div class="profiles-layout">
                <ProfileList/>
                {move || match open.get() {
                    Some(id) => view! { <ProfileEditor id/> }.into_any(),
                    None => view! {
                        <div class="card empty-detail">
                            <h2>"No profile open"</h2>
                            <p>"Press Ctrl+N or choose New to create an offline profile, or select one on the left."</p>
                        </div>
                    }
                    .into_any(),
                }}
            </div>
        </section>
    }
}

/// The list of profiles with their error counts, and the New button.
#[component]
fn ProfileList() -> impl IntoView {
    let studio = use_studio();
    let rows = Memo::new(move |_| {
        studio.workspace.with(|ws| {
            ws.profiles
                .iter()
                .map(|p| {
                    let counts = Counts::of(&validate_profile(ws, p, Catalog::builtin()));
                    (
                        p.id,
                        p.name.clone(),
                        p.description.clone(),
                        counts.errors,
                        p.provisioned.is_some(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <nav class="card profile-list" aria-label="Offline profiles">
            <div class="list-head">
                <h2>"Profiles"</h2>
                <button type="button" id="new-profile" class="primary" title="New offline profile (Ctrl+N)" on:click=move |_| { studio.new_profile(); focus_name(); }>
                    "New"
                </button>
            </div>
            <ul>
                <For
                    each=move || rows.get()
                    key=|r| r.clone()
                    children=move |(id, name, description, errors, provisioned)| {
                        let current = move || studio.profile.get() == Some(id);
                        let shown = if name.trim().is_empty() { "(no name)".to_string() } else { name.clone() };
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="profile-item"
                                    class:current=current
                                    aria-current=move || current().then_some("true")
                                    on:click=move |_| {
                                        studio.profile.set(Some(id));
                                        studio.scope.set(None);
                                    }
                                >
                                    <span class="name">{shown}</span>
                                    <span class="desc">{description}</span>
                                    <span class="tags">
                                        {(errors > 0).then(|| view! {
                                            <span class="badge bad">{format!("{errors} error{}", if errors == 1 { "" } else { "s" })}</span>
                                        })}
                                        {provisioned.then(|| view! { <span class="badge neutral">"Provisioned"</span> })}
                                    </span>
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
        </nav>
    }
}

/// Reads a field of the open profile reactively.
fn profile_field<T: Clone + Send + Sync + 'static>(
    studio: Studio,
    id: ProfileId,
    f: impl Fn(&crate::model::Profile) -> T + Send + Sync + 'static,
    fallback: T,
) -> Signal<T> {
    Signal::derive(move || {
        studio
            .workspace
            .with(|ws| ws.profile(id).map(&f).unwrap_or_else(|| fallback.clone()))
    })
}

/// The editor of one profile.
#[component]
fn ProfileEditor(
    /// The profile to edit.
    id: ProfileId,
) -> impl IntoView {
    let studio = use_studio();
    let loaders = expect_context::<Loaders>();
    let catalog = Catalog::builtin();
    // Diagnostics of the profile, plus those of an open scope the profile does not use.
    let shown = Memo::new(move |_| {
        studio.workspace.with(|ws| {
            let Some(p) = ws.profile(id) else {
                return Vec::new();
            };
            let mut ds = validate_profile(ws, p, catalog);
            if let Some(scope) = studio.scope.get().and_then(|s| ws.scope(s)) {
                if !p.scopes.contains(&scope.id) {
                    ds.extend(validate_scope(ws, scope, catalog));
                }
            }
            ds
        })
    });
    provide_context(Shown::new(shown));
    let name = profile_field(studio, id, |p| p.name.clone(), String::new());
    let description = profile_field(studio, id, |p| p.description.clone(), String::new());
    let is_default = Signal::derive(move || name.get() == DEFAULT_PROFILE_NAME);
    let confirm_delete = RwSignal::new(false);
    let confirm_restore = RwSignal::new(false);
    let duplicating = RwSignal::new(false);
    // Other profiles that share the default scopes see the restore too: name them.
    let sharing = Memo::new(move |_| {
        studio.workspace.with(|ws| {
            let Some(p) = ws.profile(id) else {
                return Vec::new();
            };
            let mut names: Vec<String> = p
                .scopes
                .iter()
                .flat_map(|s| ws.profiles_using(*s))
                .filter(|o| o.id != id)
                .map(|o| o.name.clone())
                .collect();
            names.sort();
            names.dedup();
            names
        })
    });
    view! {
        <div class="editor">
            <div class="editor-main">
                <ProvisionedNotice id/>
                <section class="card fasttab" aria-labelledby="general-title">
                    <div class="section-head">
                        <h2 id="general-title">"General"</h2>
                        <div class="toolbar">
                            <ProvisionToggle id/>
                            <button type="button" aria-expanded=move || duplicating.get().to_string() on:click=move |_| duplicating.update(|d| *d = !*d)>"Duplicate"</button>
                            <Show when=move || is_default.get()>
                                <button type="button" on:click=move |_| confirm_restore.set(true)>"Restore default"</button>
                            </Show>
                            <button type="button" class="danger" on:click=move |_| confirm_delete.set(true)>
                                "Delete profile"
                            </button>
                        </div>
                    </div>
                    <duplicate::DuplicateProfile id asking=duplicating/>
                    <Show when=move || confirm_delete.get()>
                        <div class="confirm" role="alertdialog" aria-labelledby="confirm-delete-text">
                            <p id="confirm-delete-text">
                                {move || format!("Delete the profile \u{201c}{}\u{201d}? Its scopes stay in the library, and Undo (Ctrl+Z) brings it back.", name.get())}
                            </p>
                            <button type="button" class="danger" on:click=move |_| {
                                confirm_delete.set(false);
                                studio.edit(Edit::DeleteProfile(id));
                                studio.profile.set(studio.workspace.with_untracked(|ws| ws.profiles.first().map(|p| p.id)));
                                studio.scope.set(None);
                            }>"Delete"</button>
                            <button type="button" on:click=move |_| confirm_delete.set(false)>"Cancel"</button>
                        </div>
                    </Show>
                    <Show when=move || confirm_restore.get()>
                        <div class="confirm" role="alertdialog" aria-labelledby="confirm-restore-text">
                            <p id="confirm-restore-text">
                                {move || {
                                    let others = sharing.get();
                                    let shared = if others.is_empty() { String::new() } else { format!(" The default scopes are also used by {}, which will see the restored scopes.", others.join(", ")) };
                                    format!("Restore \u{201c}Default pr\u{201d} and its scopes to the catalog defaults?{shared} Undo (Ctrl+Z) reverts it.")
                                }}
                            </p>
                            <button type="button" class="danger" on:click=move |_| {
                                confirm_restore.set(false);
                                studio.edit(Edit::RestoreDefaultProfile);
                            }>"Restore"</button>
                            <button type="button" on:click=move |_| confirm_restore.set(false)>"Cancel"</button>
                        </div>
                    </Show>
                    <div class="field-row">
                        <TextField
                            id=Field::ProfileName.dom_id(None, None)
                            label="Name"
                            hint="Up to 10 characters, as the retail back office stores it"
                            value=name
                            on_input=Callback::new(move |v: String| { studio.edit(Edit::SetProfile { profile: id, value: ProfileValue::Name(v) }); })
                        />
                        <TextField
                            id=Field::ProfileDescription.dom_id(None, None)
                            label="Description"
                            value=description
                            on_input=Callback::new(move |v: String| { studio.edit(Edit::SetProfile { profile: id, value: ProfileValue::Description(v) }); })
                        />
                    </div>
                    <target::TargetField id/>
                </section>
                <scopes::OfflineTables id/>
                // Below the first screen: its code arrives right after the page's (`areas`).
                {areas::on_demand("the rest of the profile editor", loaders.profile_more, move |show| show((id, Below::Editor)))}
            </div>
            <diagnostics::DiagnosticsPanel id/>
        </div>
    }
}

/// The editor below the Offline tables grid: the open scope's form (with its line details), the
/// limits, the device configuration and the scope library. A split point of its own
/// (`areas::Loaders::profile_more`): none of it is on the first screen.
pub(crate) fn editor_below(id: ProfileId) -> AnyView {
    let studio = use_studio();
    view! {
        {move || studio.scope.get().map(|scope| view! { <scopes::ScopeForm scope profile=id/> })}
        <limits::ProductsSection id/>
        <limits::CustomersSection id/>
        <limits::DeviceSection id/>
        <scopes::ScopeLibrary profile=id/>
    }
    .into_any()
}

/// Marks the profile provisioned, or clears the mark.
#[component]
fn ProvisionToggle(
    /// The profile.
    id: ProfileId,
) -> impl IntoView {
    let studio = use_studio();
    let provisioned = profile_field(studio, id, |p| p.provisioned.is_some(), false);
    view! {
        {move || if provisioned.get() {
            view! {
                <button type="button" title="The registers were reprovisioned (or the databases no longer exist)"
                    on:click=move |_| { studio.edit(Edit::ClearProvisioned(id)); }>
                    "Clear provisioned mark"
                </button>
            }.into_any()
        } else {
            view! {
                <button type="button" title="Say that offline databases exist for this profile: later edits will ask for reprovisioning"
                    on:click=move |_| { studio.edit(Edit::MarkProvisioned { profile: id, at: now_iso() }); }>
                    "Mark as provisioned"
                </button>
            }.into_any()
        }}
    }
}

/// The persistent reprovisioning notice of a provisioned profile that changed.
#[component]
fn ProvisionedNotice(
    /// The profile.
    id: ProfileId,
) -> impl IntoView {
    let studio = use_studio();
    let state = Memo::new(move |_| {
        studio.workspace.with(|ws| {
            let p = ws.profile(id)?;
            let prov = p.provisioned.as_ref()?;
            Some((prov.at.clone(), ws.changes_since_provisioned(id)))
        })
    });
    move || {
        state.get().map(|(at, changes)| {
            let at = at.replace('T', " ").chars().take(16).collect::<String>();
            if changes.is_empty() {
                return view! {
                    <p class="provisioned ok" role="status">{format!("Provisioned on {at} UTC. No changes since.")}</p>
                }
                .into_any();
            }
            let must = changes.iter().filter(|c| c.requires_reprovisioning()).count();
            let headline = if must > 0 {
                "Every register of the stores using this profile must be reprovisioned (run the Store Database Utility again)".to_string()
            } else {
                "These changes reach registers at their next sync; no reprovisioning is needed".to_string()
            };
            view! {
                <div class="provisioned changed" role="alert">
                    <p><strong>{headline}</strong>{format!(" \u{2014} {} change{} since it was provisioned on {at} UTC:", changes.len(), if changes.len() == 1 { "" } else { "s" })}</p>
                    <ul>
                        {changes.into_iter().map(|c| {
                            let tag = if c.requires_reprovisioning() { "needs reprovisioning" } else { "applies at next sync" };
                            view! { <li>{c.describe()}<span class="tag">{tag}</span></li> }
                        }).collect_view()}
                    </ul>
                </div>
            }
            .into_any()
        })
    }
}
