//! The app-wide state: the workspace in a signal, its undo history, the open profile and scope,
//! and whether saving works. Every edit goes through [`Studio::edit`], which records history
//! and triggers the autosave.

use super::storage::{self, StorageProblem};
use crate::model::history::History;
use crate::model::{ProfileId, ScopeId, Workspace};
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
    /// The workspace being edited.
    pub ws: RwSignal<Workspace>,
    history: StoredValue<History<Workspace>>,
    last_edit: StoredValue<Option<String>>,
    /// Whether undo and redo have something to do.
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    /// The profile open in the editor.
    pub profile: RwSignal<Option<ProfileId>>,
    /// The scope open in the Offline scope form.
    pub scope: RwSignal<Option<ScopeId>>,
    /// Whether saving works.
    pub storage: RwSignal<StorageState>,
    /// A one-off notice.
    pub notice: RwSignal<Option<Notice>>,
}

impl Studio {
    /// Loads the stored workspace (or the default one) and starts autosaving.
    pub fn start() -> Studio {
        let (ws, storage_state, notice) = match storage::read(STORAGE_KEY) {
            Err(problem) => (Workspace::default(), StorageState::Failed(problem), None),
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
        let first = ws.profiles.first().map(|p| p.id);
        let studio = Studio {
            ws: RwSignal::new(ws),
            history: StoredValue::new(History::new(200)),
            last_edit: StoredValue::new(None),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            profile: RwSignal::new(first),
            scope: RwSignal::new(None),
            storage: RwSignal::new(storage_state),
            notice: RwSignal::new(notice),
        };
        // Autosave: push every change of the workspace out to storage.
        Effect::new(move |_| {
            let ws = studio.ws.get();
            studio.save(&ws);
        });
        studio
    }

    fn save(&self, ws: &Workspace) {
        if matches!(
            self.storage.get_untracked(),
            StorageState::Unreadable { .. }
        ) {
            return;
        }
        let now = storage::now_iso();
        let state = match storage::write(STORAGE_KEY, &persist::encode(ws, &now)) {
            Ok(()) => StorageState::Saved(Some(now)),
            Err(problem) => StorageState::Failed(problem),
        };
        self.storage.set(state);
    }

    /// Applies an edit as one undo step.
    pub fn edit(&self, f: impl FnOnce(&mut Workspace)) {
        self.edit_keyed(None, f);
    }

    /// Applies an edit; consecutive edits with the same key (typing in one field) are one undo
    /// step together.
    pub fn edit_keyed(&self, key: Option<&str>, f: impl FnOnce(&mut Workspace)) {
        let before = self.ws.get_untracked();
        let mut after = before.clone();
        f(&mut after);
        if after == before {
            return;
        }
        let same_field = key.is_some() && self.last_edit.with_value(|k| k.as_deref() == key);
        if !same_field {
            self.history.update_value(|h| h.record(before, &after));
        }
        self.last_edit.set_value(key.map(str::to_string));
        self.ws.set(after);
        self.refresh_flags();
    }

    fn refresh_flags(&self) {
        self.can_undo
            .set(self.history.with_value(History::can_undo));
        self.can_redo
            .set(self.history.with_value(History::can_redo));
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
        let mut id = None;
        self.edit(|ws| id = Some(ws.new_profile()));
        self.profile.set(id);
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
        self.save(&self.ws.get_untracked());
    }
}

/// The studio of the current app.
pub fn use_studio() -> Studio {
    expect_context::<Studio>()
}
