//! The app-wide state: the workspace in a signal, its undo history, the open profile and scope,
//! and whether saving works. Every edit goes through [`Studio::edit`], which records history
//! and triggers the autosave.
//!
//! The workspace may be open in several tabs. The autosave writes only on top of the stored text
//! this tab knows; another tab's save is taken when this tab loses nothing by it, and otherwise
//! the user chooses ([`crate::persist::tabs`] decides which).

use super::crash;
use super::storage::{self, StorageProblem};
use crate::model::edit::{Edit, Outcome};
use crate::model::history::History;
use crate::model::{ProfileId, ScopeId, Workspace};
use crate::persist::tabs::{arrival, Arrival, Synced};
use crate::persist::{self, Loaded, STORAGE_KEY};
use leptos::prelude::*;

/// What the storage banner says.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageState {
    /// Saving works; the time of the last save, if any.
    Saved(Option<String>),
    /// Saving failed; the work is in memory only.
    Failed(StorageProblem),
    /// Stored data could not be read. It is kept untouched and nothing is saved over it until
    /// the user has downloaded or discarded it.
    Unreadable { raw: String, reason: String },
}

/// A one-off notice (migration, reload, restored profile).
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: String,
}

/// The app-wide state, provided as a context at the root.
#[derive(Clone, Copy)]
pub struct Studio {
    /// The workspace being edited. Only this module writes it: views read [`Studio::workspace`]
    /// and change it through [`Studio::edit`].
    ws: RwSignal<Workspace>,
    /// The workspace, to read.
    pub workspace: Signal<Workspace>,
    history: StoredValue<History<Workspace>>,
    last_edit: StoredValue<Option<String>>,
    /// What Undo and Redo would do, in words (None: nothing to do).
    undo_redo: RwSignal<(Option<String>, Option<String>)>,
    /// The profile open in the editor.
    pub profile: RwSignal<Option<ProfileId>>,
    /// The scope open in the Offline scope form.
    pub scope: RwSignal<Option<ScopeId>>,
    /// The current line of each profile's Offline tables grid, where the user chose one.
    pub current_line: RwSignal<std::collections::HashMap<ProfileId, ScopeId>>,
    /// Whether saving works.
    pub storage: RwSignal<StorageState>,
    /// A one-off notice.
    pub notice: RwSignal<Option<Notice>>,
    /// What this tab last wrote to or took from storage.
    synced: StoredValue<Synced>,
    /// Another tab's save that conflicts with this tab's edits, while the user chooses; this
    /// tab's autosave waits meanwhile.
    pub conflict: RwSignal<Option<Synced>>,
}

impl Studio {
    /// Loads the stored workspace (or the default one) and starts autosaving.
    pub fn start() -> Studio {
        let stored = storage::read(STORAGE_KEY);
        let (ws, storage_state, notice) = match &stored {
            Err(problem) => (Workspace::default(), StorageState::Failed(problem.clone()), None),
            Ok(raw) => match persist::decode(raw.as_deref()) {
                Loaded::Nothing => (Workspace::default(), StorageState::Saved(None), None),
                Loaded::Restored(ws) => (ws, StorageState::Saved(None), None),
                Loaded::Migrated { workspace, from_version } => (
                    workspace,
                    StorageState::Saved(None),
                    Some(Notice {
                        text: format!("Your stored workspace was upgraded from schema {from_version} to the current one. Check your profiles; nothing was removed."),
                    }),
                ),
                Loaded::Unreadable { raw, reason } => (
                    Workspace::default(),
                    StorageState::Unreadable { raw, reason },
                    None,
                ),
            },
        };
        let synced = Synced::read(stored.ok().flatten(), ws.clone());
        let first = ws.profiles.first().map(|p| p.id);
        let ws = RwSignal::new(ws);
        let studio = Studio {
            ws,
            workspace: ws.into(),
            history: StoredValue::new(History::new(200)),
            last_edit: StoredValue::new(None),
            undo_redo: RwSignal::new((None, None)),
            profile: RwSignal::new(first),
            scope: RwSignal::new(None),
            current_line: RwSignal::new(Default::default()),
            storage: RwSignal::new(storage_state),
            notice: RwSignal::new(notice),
            synced: StoredValue::new(synced),
            conflict: RwSignal::new(None),
        };
        // Autosave: push every change of the workspace out to storage. The first run writes
        // what was loaded (a migrated workspace in the current schema, or the default one).
        Effect::new(move |first: Option<()>| {
            let ws = studio.workspace.get();
            studio.save(&ws, first.is_none());
            // The crash screen offers the latest workspace, saved or not.
            crash::remember(ws);
        });
        // Another tab saved. `key` is None when it cleared the whole storage.
        let other_tab = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().is_none_or(|k| k == STORAGE_KEY) {
                studio.check_storage();
            }
        });
        // A page restored from the back/forward cache missed the other tabs' notifications.
        let shown = window_event_listener(leptos::ev::pageshow, move |_| studio.check_storage());
        on_cleanup(move || {
            other_tab.remove();
            shown.remove();
        });
        studio
    }

    /// Writes `ws` to storage on top of the stored text this tab knows. Skips when nothing
    /// changed since (unless `force`), when the stored data is unreadable, and while the user
    /// chooses between this tab's and another tab's version.
    fn save(&self, ws: &Workspace, force: bool) {
        if matches!(
            self.storage.get_untracked(),
            StorageState::Unreadable { .. }
        ) || self.conflict.with_untracked(Option::is_some)
        {
            return;
        }
        if !force && self.synced.with_value(|s| s.workspace == *ws) {
            // Nothing new: this also keeps a workspace taken from another tab from being
            // written back, which would bounce between the tabs forever.
            return;
        }
        // Another tab may have saved without this tab hearing of it (a frozen or restored
        // page): never write over a save this tab has not seen.
        if let Ok(stored) = storage::read(STORAGE_KEY) {
            if self.synced.with_value(|s| s.text != stored) && !self.take_arrival(stored) {
                return;
            }
        }
        let now = storage::now_iso();
        // Unique enough to tell two saves apart: the time, and randomness for the same millisecond.
        let revision = format!("{now}-{:08x}", storage::random_u32());
        let based_on = self.synced.with_value(|s| s.revision.clone());
        let text = persist::encode_revision(ws, &now, &revision, based_on.as_deref());
        let state = match storage::write(STORAGE_KEY, &text) {
            Ok(()) => {
                self.synced.set_value(Synced {
                    text: Some(text),
                    revision: Some(revision),
                    workspace: ws.clone(),
                    written_here: true,
                });
                StorageState::Saved(Some(now))
            }
            Err(problem) => StorageState::Failed(problem),
        };
        self.storage.set(state);
    }

    /// Looks at the stored workspace after another tab may have changed it, and saves this
    /// tab's pending edits when they may now be written.
    pub fn check_storage(&self) {
        let Ok(stored) = storage::read(STORAGE_KEY) else {
            return;
        };
        if self.synced.with_value(|s| s.text == stored) {
            return;
        }
        // A newer save replaces the one a pending choice was about.
        self.conflict.set(None);
        if self.take_arrival(stored) {
            let ws = self.ws.get_untracked();
            self.save(&ws, false);
        }
    }

    /// Acts on finding `stored` in storage; whether this tab may now write its workspace.
    fn take_arrival(&self, stored: Option<String>) -> bool {
        let current = self.ws.get_untracked();
        let decided = self
            .synced
            .with_value(|s| arrival(s, &current, stored.as_deref()));
        if !matches!(decided, Arrival::Unchanged | Arrival::Unreadable { .. }) {
            // Another tab replaced data this one could not read: that tab's user has chosen.
            if let StorageState::Unreadable { .. } = self.storage.get_untracked() {
                self.storage.set(StorageState::Saved(None));
            }
        }
        match decided {
            Arrival::Unchanged => true,
            Arrival::Removed => {
                self.synced.update_value(|s| {
                    s.text = None;
                    s.revision = None;
                    s.written_here = false;
                });
                true
            }
            Arrival::Resync(next) => {
                self.synced.set_value(next);
                true
            }
            Arrival::Adopt(next) => {
                self.adopt(next);
                self.notice.set(Some(Notice {
                    text: "Updated with changes made in another tab.".into(),
                }));
                false
            }
            Arrival::Conflict(next) => {
                self.conflict.set(Some(next));
                false
            }
            Arrival::Unreadable { raw, reason } => {
                self.synced
                    .set_value(Synced::read(Some(raw.clone()), current));
                self.storage.set(StorageState::Unreadable { raw, reason });
                false
            }
        }
    }

    /// Shows another tab's workspace, as one undo step, and takes it as the stored one.
    fn adopt(&self, next: Synced) {
        let before = self.ws.get_untracked();
        let ws = next.workspace.clone();
        self.synced.set_value(next);
        self.history
            .update_value(|h| h.record_as(before, &ws, "changes made in another tab".into()));
        self.last_edit.set_value(None);
        self.show(ws);
    }

    /// The user's choice in a conflict: the other tab's version replaces this tab's edits,
    /// which Undo brings back.
    pub fn load_other_tab(&self) {
        if let Some(next) = self.conflict.get_untracked() {
            self.conflict.set(None);
            self.adopt(next);
            self.notice.set(Some(Notice {
                text:
                    "Loaded the other tab's version. Undo brings back the changes made in this tab."
                        .into(),
            }));
        }
    }

    /// The user's choice in a conflict: this tab's workspace is saved over the other tab's
    /// save, which that tab then takes.
    pub fn keep_mine(&self) {
        if let Some(other) = self.conflict.get_untracked() {
            // Saved as made from the other tab's save, so that tab knows it was seen.
            self.synced.set_value(other);
            self.conflict.set(None);
            self.save(&self.ws.get_untracked(), true);
        }
    }

    /// Applies an edit: the only way the workspace changes. Records when changed profiles last
    /// changed, one undo step (consecutive edits with the same coalescing key, typing in one
    /// field, are one step together) and triggers the autosave. Returns what it made.
    pub fn edit(&self, edit: Edit) -> Outcome {
        let before = self.ws.get_untracked();
        let mut after = before.clone();
        let outcome = edit.apply(&mut after);
        if after == before {
            return outcome;
        }
        // Packages record when a profile last changed (not when it was exported).
        after.stamp_changes(&before, &storage::now_iso());
        let key = edit.coalesce_key();
        let same_field = key.is_some() && self.last_edit.with_value(|k| *k == key);
        self.history.update_value(|h| {
            if same_field {
                h.relabel_last(|first| edit.describe(first));
            } else {
                h.record_as(before.clone(), &after, edit.describe(&before));
            }
        });
        self.last_edit.set_value(key);
        self.ws.set(after);
        self.refresh_flags();
        outcome
    }

    fn refresh_flags(&self) {
        let labels = self.history.with_value(|h| {
            (
                h.undo_label().map(str::to_string),
                h.redo_label().map(str::to_string),
            )
        });
        self.undo_redo.set(labels);
    }

    /// What Undo would undo, in words, or None when there is nothing to undo.
    pub fn undo_label(&self) -> Option<String> {
        self.undo_redo.with(|(u, _)| u.clone())
    }

    /// What Redo would redo, in words, or None when there is nothing to redo.
    pub fn redo_label(&self) -> Option<String> {
        self.undo_redo.with(|(_, r)| r.clone())
    }

    fn step(&self, undo: bool) {
        let mut ws = self.ws.get_untracked();
        let moved = self
            .history
            .try_update_value(|h| {
                if undo {
                    h.undo(&mut ws)
                } else {
                    h.redo(&mut ws)
                }
            })
            .unwrap_or(false);
        if moved {
            self.last_edit.set_value(None);
            self.show(ws);
        }
    }

    /// Replaces the workspace by one from the history or another tab.
    fn show(&self, ws: Workspace) {
        // Keep the open profile and scope if they still exist.
        if let Some(p) = self.profile.get_untracked() {
            if ws.profile(p).is_none() {
                self.profile.set(ws.profiles.first().map(|p| p.id));
            }
        }
        if let Some(s) = self.scope.get_untracked() {
            if ws.scope(s).is_none() {
                self.scope.set(None);
            }
        }
        self.ws.set(ws);
        self.refresh_flags();
    }

    /// Undoes the last edit.
    pub fn undo(&self) {
        self.step(true);
    }

    /// Redoes the last undone edit.
    pub fn redo(&self) {
        self.step(false);
    }

    /// Creates a new profile and opens it (Ctrl+N).
    pub fn new_profile(&self) {
        let made = self.edit(Edit::NewProfile);
        self.profile.set(made.profile);
        self.scope.set(None);
    }

    /// Offers the unreadable stored data for download.
    pub fn download_unreadable(&self) {
        if let StorageState::Unreadable { raw, .. } = self.storage.get_untracked() {
            let name = format!(
                "offline-profile-studio-unreadable-{}.json",
                storage::now_iso().replace(':', "-")
            );
            if let Err(e) = storage::download(&name, "application/json", &raw) {
                self.notice.set(Some(Notice {
                    text: format!("The download failed: {e}."),
                }));
            }
        }
    }

    /// Gives up the unreadable stored data and starts saving the current workspace.
    pub fn discard_unreadable(&self) {
        self.storage.set(StorageState::Saved(None));
        self.save(&self.ws.get_untracked(), true);
    }
}

/// The studio of the current app.
pub fn use_studio() -> Studio {
    expect_context::<Studio>()
}
