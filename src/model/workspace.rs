//! The workspace: profiles and the scope library they draw from, and every operation on them.

use super::*;
use serde::{Deserialize, Serialize};

/// Profiles and the scope library they draw from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// Profiles, in list order.
    pub profiles: Vec<Profile>,
    /// The scope library.
    pub scopes: Vec<Scope>,
    /// The next id to hand out (profiles and scopes share the counter).
    pub next_id: u32,
    /// Chain rollout plans (the Chain area).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plans: Vec<crate::chain::ChainPlan>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::with_default_profile()
    }
}

impl Workspace {
    /// An empty workspace: no profile, no scope.
    pub fn empty() -> Workspace {
        Workspace {
            profiles: Vec::new(),
            scopes: Vec::new(),
            next_id: 1,
            plans: Vec::new(),
        }
    }

    /// A workspace holding the default profile `Default pr` and its scopes.
    pub fn with_default_profile() -> Workspace {
        let mut ws = Workspace::empty();
        ws.restore_default_profile();
        ws
    }

    fn fresh_id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// The profile with that id.
    pub fn profile(&self, id: ProfileId) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    /// The profile with that id, to change it.
    pub fn profile_mut(&mut self, id: ProfileId) -> Option<&mut Profile> {
        self.profiles.iter_mut().find(|p| p.id == id)
    }

    /// The scope with that id.
    pub fn scope(&self, id: ScopeId) -> Option<&Scope> {
        self.scopes.iter().find(|s| s.id == id)
    }

    /// The scope with that id, to change it.
    pub fn scope_mut(&mut self, id: ScopeId) -> Option<&mut Scope> {
        self.scopes.iter_mut().find(|s| s.id == id)
    }

    /// The profile named `name` (exact).
    pub fn profile_named(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.name == name)
    }

    /// The scope described `description` (exact).
    pub fn scope_described(&self, description: &str) -> Option<&Scope> {
        self.scopes.iter().find(|s| s.description == description)
    }

    /// The profiles that use a scope, in list order.
    pub fn profiles_using(&self, scope: ScopeId) -> Vec<&Profile> {
        self.profiles
            .iter()
            .filter(|p| p.scopes.contains(&scope))
            .collect()
    }

    /// A name not used by any profile, derived from `base` (`New`, `New 2`, …), within the
    /// 10-character column where it can be.
    pub fn unique_profile_name(&self, base: &str) -> String {
        unique(base, |n| self.profile_named(n).is_some())
    }

    /// A description not used by any scope, derived from `base`.
    pub fn unique_scope_description(&self, base: &str) -> String {
        unique(base, |d| self.scope_described(d).is_some())
    }

    /// Creates a new, empty profile (Ctrl+N) and returns its id.
    pub fn new_profile(&mut self) -> ProfileId {
        let id = ProfileId(self.fresh_id());
        let name = self.unique_profile_name("New");
        self.profiles.push(Profile::new(id, name));
        id
    }

    /// Deletes a profile; its scopes stay in the library.
    pub fn delete_profile(&mut self, id: ProfileId) -> Option<Profile> {
        let at = self.profiles.iter().position(|p| p.id == id)?;
        Some(self.profiles.remove(at))
    }

    /// Creates a new scope in the library and returns its id.
    pub fn new_scope(&mut self, description: &str, direction: SyncDirection) -> ScopeId {
        let id = ScopeId(self.fresh_id());
        let description = self.unique_scope_description(description);
        self.scopes.push(Scope {
            id,
            description,
            direction,
            frequency: Frequency::every(15, TimeUnit::Minutes),
            tables: Vec::new(),
            conflict_policy: ConflictPolicy::StoreWins,
            default_frequency: false,
        });
        id
    }

    /// Deletes a scope from the library and from every profile that used it.
    pub fn delete_scope(&mut self, id: ScopeId) -> Option<Scope> {
        let at = self.scopes.iter().position(|s| s.id == id)?;
        for p in &mut self.profiles {
            p.scopes.retain(|s| *s != id);
        }
        Some(self.scopes.remove(at))
    }

    /// Appends a scope to a profile's sync order (no-op if it is already there).
    pub fn add_scope_to_profile(&mut self, profile: ProfileId, scope: ScopeId) -> bool {
        if self.scope(scope).is_none() {
            return false;
        }
        match self.profile_mut(profile) {
            Some(p) if !p.scopes.contains(&scope) => {
                p.scopes.push(scope);
                true
            }
            _ => false,
        }
    }

    /// Removes a scope from a profile (it stays in the library).
    pub fn remove_scope_from_profile(&mut self, profile: ProfileId, scope: ScopeId) -> bool {
        match self.profile_mut(profile) {
            Some(p) => {
                let before = p.scopes.len();
                p.scopes.retain(|s| *s != scope);
                p.scopes.len() != before
            }
            None => false,
        }
    }

    /// Moves the scope at position `from` of a profile's order to position `to`.
    pub fn move_scope(&mut self, profile: ProfileId, from: usize, to: usize) -> bool {
        match self.profile_mut(profile) {
            Some(p) if from < p.scopes.len() && to < p.scopes.len() && from != to => {
                let s = p.scopes.remove(from);
                p.scopes.insert(to, s);
                true
            }
            _ => false,
        }
    }

    /// Adds tables to a scope's line details, skipping those already in it; returns how many
    /// were added.
    pub fn add_tables(&mut self, scope: ScopeId, tables: &[String]) -> usize {
        let Some(s) = self.scope_mut(scope) else {
            return 0;
        };
        let mut added = 0;
        for t in tables {
            if !s.tables.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                s.tables.push(t.to_ascii_uppercase());
                added += 1;
            }
        }
        added
    }

    /// Removes a table from a scope's line details.
    pub fn remove_table(&mut self, scope: ScopeId, table: &str) -> bool {
        let Some(s) = self.scope_mut(scope) else {
            return false;
        };
        let before = s.tables.len();
        s.tables.retain(|t| !t.eq_ignore_ascii_case(table));
        s.tables.len() != before
    }

    /// The scopes of a profile, in its order, skipping dangling references.
    pub fn scopes_of<'a>(&'a self, profile: &'a Profile) -> impl Iterator<Item = &'a Scope> + 'a {
        profile.scopes.iter().filter_map(|id| self.scope(*id))
    }

    /// Restores `Default pr` and its scopes to what the catalog gives, creating what is
    /// missing. Existing default scopes are reset in place (other profiles that use them see
    /// the change); returns the id of the default profile.
    pub fn restore_default_profile(&mut self) -> ProfileId {
        let mut ids = Vec::new();
        for template in default_profile_scopes() {
            let id = match self.scope_described(&template.description) {
                Some(s) => s.id,
                None => ScopeId(self.fresh_id()),
            };
            let scope = Scope { id, ..template };
            match self.scope_mut(id) {
                Some(existing) => *existing = scope,
                None => self.scopes.push(scope),
            }
            ids.push(id);
        }
        let id = match self.profile_named(DEFAULT_PROFILE_NAME) {
            Some(p) => p.id,
            None => {
                let id = ProfileId(self.fresh_id());
                self.profiles
                    .insert(0, Profile::new(id, DEFAULT_PROFILE_NAME.into()));
                id
            }
        };
        if let Some(p) = self.profile_mut(id) {
            p.description = "Default offline profile: one scope per scheduler job".into();
            p.scopes = ids;
            p.products = OfflineProducts::default();
            p.customers = OfflineCustomers::default();
            p.device = DeviceConfig::default();
        }
        id
    }

    /// Marks a profile provisioned now (`at` is the time to record), snapshotting what its
    /// registers' databases hold.
    pub fn mark_provisioned(&mut self, id: ProfileId, at: &str) -> bool {
        let Some(snapshot) = self.profile(id).map(|p| diff::ResolvedProfile::of(self, p)) else {
            return false;
        };
        if let Some(p) = self.profile_mut(id) {
            p.provisioned = Some(Provisioned {
                at: at.to_string(),
                snapshot,
            });
        }
        true
    }

    /// Records an export of a profile and returns the version to write in the package: the
    /// same as last time if nothing changed since the last export, else the next one. A profile
    /// that has no record of its last change (made before changes were recorded) takes `now`.
    pub fn record_export(&mut self, id: ProfileId, now: &str) -> Option<u32> {
        let resolved = self
            .profile(id)
            .map(|p| diff::ResolvedProfile::of(self, p))?;
        let p = self.profile_mut(id)?;
        if p.exported.as_ref().is_some_and(|e| *e != resolved) {
            p.version += 1;
        }
        p.exported = Some(resolved);
        p.changed_at.get_or_insert_with(|| now.to_string());
        Some(p.version)
    }

    /// Records `now` as the last change of every profile whose content differs from what it
    /// was in `before` (new profiles included, and every profile sharing a changed scope).
    pub fn stamp_changes(&mut self, before: &Workspace, now: &str) {
        let changed: Vec<ProfileId> = self
            .profiles
            .iter()
            .filter(|p| {
                before
                    .profile(p.id)
                    .is_none_or(|old| p.content_differs(self, old, before))
            })
            .map(|p| p.id)
            .collect();
        for id in changed {
            if let Some(p) = self.profile_mut(id) {
                p.changed_at = Some(now.to_string());
            }
        }
    }

    /// Duplicates a profile under a new, unique name that fits the Name column, and returns the
    /// copy's id. With `copy_scopes` the copy gets its own copies of the scopes (each under a
    /// unique description naming the copy), so that editing one profile leaves the other alone;
    /// otherwise the two profiles share the scopes. The copy is not provisioned and starts at
    /// version 1.
    pub fn duplicate_profile(&mut self, id: ProfileId, copy_scopes: bool) -> Option<ProfileId> {
        let original = self.profile(id)?.clone();
        let name = self.short_unique_profile_name(&original.name);
        let scopes = if copy_scopes {
            original
                .scopes
                .iter()
                .filter_map(|&s| {
                    let scope = self.scope(s)?.clone();
                    let new_id = ScopeId(self.fresh_id());
                    let description =
                        self.unique_scope_description(&format!("{} ({name})", scope.description));
                    self.scopes.push(Scope {
                        id: new_id,
                        description,
                        ..scope
                    });
                    Some(new_id)
                })
                .collect()
        } else {
            original.scopes.clone()
        };
        let copy_id = ProfileId(self.fresh_id());
        let at = self
            .profiles
            .iter()
            .position(|p| p.id == id)
            .map_or(self.profiles.len(), |i| i + 1);
        self.profiles.insert(
            at,
            Profile {
                scopes,
                description: original.description.clone(),
                products: original.products.clone(),
                customers: original.customers.clone(),
                device: original.device.clone(),
                ..Profile::new(copy_id, name)
            },
        );
        Some(copy_id)
    }

    /// A profile name not used yet, derived from `base` and short enough for the Name column
    /// (`Default pr` gives `Default 2`, then `Default 3`).
    pub fn short_unique_profile_name(&self, base: &str) -> String {
        (2..)
            .map(|n| {
                let suffix = format!(" {n}");
                let room = NAME_COLUMN_LENGTH.saturating_sub(suffix.chars().count());
                let stem: String = base.trim().chars().take(room).collect();
                format!("{}{suffix}", stem.trim_end())
            })
            .find(|c| self.profile_named(c).is_none())
            .unwrap_or_else(|| base.to_string())
    }

    /// Clears the provisioned mark (the registers were reprovisioned, or never existed).
    pub fn clear_provisioned(&mut self, id: ProfileId) {
        if let Some(p) = self.profile_mut(id) {
            p.provisioned = None;
        }
    }

    /// The changes to a provisioned profile since it was provisioned (empty when it is not
    /// provisioned or nothing changed).
    pub fn changes_since_provisioned(&self, id: ProfileId) -> Vec<diff::Change> {
        match self.profile(id) {
            Some(p) => match &p.provisioned {
                Some(prov) => diff::diff(&prov.snapshot, &diff::ResolvedProfile::of(self, p)),
                None => Vec::new(),
            },
            None => Vec::new(),
        }
    }
}

fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base} {n}"))
        .find(|c| !taken(c))
        .unwrap_or_else(|| base.to_string())
}
