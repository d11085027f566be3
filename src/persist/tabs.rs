//! Several tabs open on the one stored workspace. Every tab autosaves the whole workspace, so a
//! tab that saved without having seen another tab's latest save would silently wipe that tab's
//! edits. A tab therefore remembers what it last wrote to or took from storage ([`Synced`]), and
//! whenever it finds the stored text changed (the browser's `storage` event, or a check just before
//! it writes) [`arrival`] decides: take the other tab's workspace when nothing of this tab's would
//! be lost, or let the user choose when both tabs changed it.
//!
//! "Nothing of this tab's would be lost" needs two things: this tab has no edits that are not in
//! storage, and the other tab's save was made from this tab's last save when this tab wrote last
//! (its `based_on` names our revision). Without the second, two tabs saving at nearly the same
//! moment would each adopt the other's save and both edits would disappear.

use super::{decode, revision_of, Loaded};
use crate::model::Workspace;

/// What a tab last wrote to, or took from, storage.
#[derive(Debug, Clone, PartialEq)]
pub struct Synced {
    /// The stored text (`None`: nothing was stored).
    pub text: Option<String>,
    /// Its revision (`None` when nothing was stored or it was saved without one).
    pub revision: Option<String>,
    /// The workspace the text holds. The tab's workspace differs from it exactly when the tab
    /// has edits that are not in storage.
    pub workspace: Workspace,
    /// Whether this tab wrote the text: its latest edits then live only in that save until
    /// another tab saves on top of it.
    pub written_here: bool,
}

impl Synced {
    /// What a tab knows after reading `text` (the stored text) holding `workspace`.
    pub fn read(text: Option<String>, workspace: Workspace) -> Synced {
        let revision = text.as_deref().and_then(|t| revision_of(t).id);
        Synced {
            text,
            revision,
            workspace,
            written_here: false,
        }
    }
}

/// What a tab does on finding the stored text changed.
#[derive(Debug, Clone, PartialEq)]
pub enum Arrival {
    /// The stored text is the one the tab knows.
    Unchanged,
    /// The stored text changed but holds nothing new for this tab (the same workspace as the
    /// tab's, or as the one it last synced): take note of it and keep any edits.
    Resync(Synced),
    /// Another tab's workspace, to show instead: this tab loses nothing by taking it.
    Adopt(Synced),
    /// Both tabs changed the workspace: taking the other one would lose this tab's edits and
    /// saving this one would lose the other tab's. The user chooses.
    Conflict(Synced),
    /// The stored workspace was removed: nothing to take; the next save writes it again.
    Removed,
    /// Stored data this build cannot read (a newer version in another tab): it must be kept.
    Unreadable { raw: String, reason: String },
}

/// Decides what a tab whose workspace is `current`, and which last synced `synced`, does with
/// the stored text `stored`.
pub fn arrival(synced: &Synced, current: &Workspace, stored: Option<&str>) -> Arrival {
    if synced.text.as_deref() == stored {
        return Arrival::Unchanged;
    }
    let Some(text) = stored else {
        return Arrival::Removed;
    };
    let workspace = match decode(Some(text)) {
        Loaded::Restored(ws) | Loaded::Migrated { workspace: ws, .. } => ws,
        Loaded::Unreadable { raw, reason } => return Arrival::Unreadable { raw, reason },
        Loaded::Nothing => return Arrival::Removed,
    };
    let revision = revision_of(text);
    let next = Synced {
        text: Some(text.to_string()),
        revision: revision.id,
        workspace,
        written_here: false,
    };
    if next.workspace == *current || next.workspace == synced.workspace {
        return Arrival::Resync(next);
    }
    let unsaved_edits = *current != synced.workspace;
    let made_from_ours = synced.revision.is_some() && revision.based_on == synced.revision;
    if unsaved_edits || (synced.written_here && !made_from_ours) {
        Arrival::Conflict(next)
    } else {
        Arrival::Adopt(next)
    }
}
