//! The stored form of a workspace: a versioned JSON envelope, and the migration of older
//! versions. Pure: the browser layer moves the text in and out of localStorage.
//!
//! Schema history:
//! - **1**: the first prototype's layout — each profile held copies of its scopes, frequencies
//!   in minutes, and only an "all / limited" switch for products and customers.
//! - **2** (current): a scope library that profiles refer to by id (as the original schema),
//!   frequencies in seconds with their entry unit, product and customer rules, device
//!   configuration, provisioned snapshots.
//!
//! Data that cannot be read (damaged, or from a newer version) is never dropped: [`decode`]
//! returns it untouched so the app can offer it for download before anything overwrites it.
//!
//! Each save may carry a revision and the revision it was made from (optional fields that older
//! builds ignore), so tabs sharing the stored workspace can tell whether another tab's save
//! includes their own last one ([`tabs`]).

pub mod tabs;

use crate::model::{
    ConflictPolicy, Frequency, Profile, ProfileId, Scope, ScopeId, SyncDirection, TimeUnit,
    Workspace,
};
use serde::{Deserialize, Serialize};

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = 2;

/// The localStorage key of the workspace.
pub const STORAGE_KEY: &str = "offline-profile-studio.workspace";

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    app: &'static str,
    schema_version: u32,
    saved_at: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    revision: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    based_on: Option<&'a str>,
    workspace: &'a Workspace,
}

/// Which save a stored text is, and which save it was made from (both absent in texts saved
/// before revisions existed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Revision {
    /// This save's revision.
    #[serde(default, rename = "revision")]
    pub id: Option<String>,
    /// The revision of the stored text the saving tab had last seen.
    #[serde(default)]
    pub based_on: Option<String>,
}

#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    schema_version: u32,
    // Kept as text and read in a second pass, once the schema version says which shape it has
    // (straight from text: the app does not carry a second, `Value`-based deserializer).
    #[serde(default, borrow)]
    workspace: Option<&'a serde_json::value::RawValue>,
    #[serde(default, borrow)]
    profiles: Option<&'a serde_json::value::RawValue>,
}

/// What was found in storage.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing was stored: start with the default workspace.
    Nothing,
    /// The stored workspace, as saved.
    Restored(Workspace),
    /// An older stored workspace, brought up to the current schema.
    Migrated {
        /// The migrated workspace.
        workspace: Workspace,
        /// The schema version it was stored in.
        from_version: u32,
    },
    /// Stored data this build cannot read; kept as it is.
    Unreadable {
        /// The stored text, untouched.
        raw: String,
        /// Why it cannot be read, for people.
        reason: String,
    },
}

/// Serializes a workspace into its stored form.
pub fn encode(ws: &Workspace, saved_at: &str) -> String {
    encode_envelope(ws, saved_at, None, None)
}

/// Serializes a workspace into its stored form as save `revision`, made from the stored
/// revision `based_on` (the one the saving tab had last seen, if any).
pub fn encode_revision(
    ws: &Workspace,
    saved_at: &str,
    revision: &str,
    based_on: Option<&str>,
) -> String {
    encode_envelope(ws, saved_at, Some(revision), based_on)
}

fn encode_envelope(
    ws: &Workspace,
    saved_at: &str,
    revision: Option<&str>,
    based_on: Option<&str>,
) -> String {
    serde_json::to_string(&EnvelopeOut {
        app: "offline-profile-studio",
        schema_version: SCHEMA_VERSION,
        saved_at,
        revision,
        based_on,
        workspace: ws,
    })
    .unwrap_or_default()
}

/// Reads the revision fields of a stored text (empty when it has none or cannot be read).
pub fn revision_of(raw: &str) -> Revision {
    serde_json::from_str(raw).unwrap_or_default()
}

/// Reads the stored form (`None`: nothing stored).
pub fn decode(raw: Option<&str>) -> Loaded {
    let Some(raw) = raw else {
        return Loaded::Nothing;
    };
    let unreadable = |reason: String| Loaded::Unreadable {
        raw: raw.to_string(),
        reason,
    };
    let envelope: EnvelopeIn = match serde_json::from_str(raw) {
        Ok(e) => e,
        Err(e) => return unreadable(format!("the stored workspace is damaged ({e})")),
    };
    match envelope.schema_version {
        SCHEMA_VERSION => match envelope.workspace.map(|w| serde_json::from_str::<Workspace>(w.get())) {
            Some(Ok(ws)) => match repaired(ws) {
                Some(ws) => Loaded::Restored(ws),
                None => unreadable(
                    "the stored workspace is damaged (its ids are exhausted: no new id can be given)"
                        .into(),
                ),
            },
            Some(Err(e)) => unreadable(format!("the stored workspace is damaged ({})", what(&e))),
            None => unreadable("the stored workspace is missing its data".into()),
        },
        1 => match envelope
            .profiles
            .map(|p| serde_json::from_str::<Vec<V1Profile>>(p.get()))
        {
            Some(Ok(profiles)) => Loaded::Migrated {
                workspace: migrate_v1(profiles),
                from_version: 1,
            },
            Some(Err(e)) => unreadable(format!(
                "the stored workspace (schema 1) is damaged ({})",
                what(&e)
            )),
            None => unreadable("the stored workspace (schema 1) is missing its profiles".into()),
        },
        v if v > SCHEMA_VERSION => unreadable(format!(
            "it was saved by a newer version of Offline Profile Studio (schema {v}; this one reads up to {SCHEMA_VERSION})"
        )),
        v => unreadable(format!("schema {v} is not one this version knows")),
    }
}

/// What is wrong in a part read on its own, without serde_json's position: it counts from the
/// start of that part, not of the stored text, so it would point at the wrong place.
fn what(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) if e.line() > 0 => text[..at].to_string(),
        _ => text,
    }
}

/// Makes ids safe to hand out again: `next_id` above every id in use. `None` when no id is left
/// to hand out (an id or `next_id` at `u32::MAX`: only a damaged or hand-edited text has that).
fn repaired(mut ws: Workspace) -> Option<Workspace> {
    let max = ws
        .profiles
        .iter()
        .map(|p| p.id.0)
        .chain(ws.scopes.iter().map(|s| s.id.0))
        .max()
        .unwrap_or(0);
    ws.next_id = ws.next_id.max(max.checked_add(1)?);
    (ws.next_id < u32::MAX).then_some(ws)
}

#[derive(Deserialize)]
struct V1Scope {
    description: String,
    direction: u8,
    frequency_minutes: i64,
    tables: Vec<String>,
}

#[derive(Deserialize)]
struct V1Profile {
    name: String,
    #[serde(default)]
    description: String,
    scopes: Vec<V1Scope>,
    #[serde(default = "yes")]
    products_all: bool,
    #[serde(default = "yes")]
    customers_all: bool,
}

fn yes() -> bool {
    true
}

/// Schema 1 → 2: scope copies become one library scope per description (identical copies are
/// merged; a copy that differs is kept as its own scope, renamed, so no table is lost).
fn migrate_v1(profiles: Vec<V1Profile>) -> Workspace {
    let mut ws = Workspace::empty();
    for v1 in profiles {
        let id = ProfileId(ws.next_id);
        ws.next_id += 1;
        let mut scope_ids = Vec::new();
        for s in v1.scopes {
            let direction = match s.direction {
                1 => SyncDirection::Upload,
                2 => SyncDirection::Bidirectional,
                _ => SyncDirection::Download,
            };
            let frequency = Frequency::every(s.frequency_minutes, TimeUnit::Minutes);
            let same = ws.scopes.iter().find(|o| {
                o.description == s.description
                    && o.direction == direction
                    && o.frequency == frequency
                    && o.tables == s.tables
            });
            let sid = match same {
                Some(o) => o.id,
                None => {
                    let sid = ScopeId(ws.next_id);
                    ws.next_id += 1;
                    let description = ws.unique_scope_description(&s.description);
                    ws.scopes.push(Scope {
                        id: sid,
                        description,
                        direction,
                        frequency,
                        tables: s.tables,
                        conflict_policy: ConflictPolicy::StoreWins,
                        default_frequency: false,
                    });
                    sid
                }
            };
            if !scope_ids.contains(&sid) {
                scope_ids.push(sid);
            }
        }
        let mut profile = Profile::new(id, v1.name);
        profile.description = v1.description;
        profile.scopes = scope_ids;
        profile.products.limited = !v1.products_all;
        profile.customers.limited = !v1.customers_all;
        ws.profiles.push(profile);
    }
    ws
}
