//! One-click fixes: each is a plain edit of the workspace that the user can undo.

use crate::catalog::Job;
use crate::model::{default_profile_scopes, ProfileId, ScopeId, Workspace};

/// What a fix does to the workspace.
#[derive(Debug, Clone, PartialEq)]
pub enum FixAction {
    /// Removes a table from a scope's line details.
    RemoveTable { scope: ScopeId, table: String },
    /// Adds each table to the scope given with it.
    PlaceTables(Vec<(ScopeId, String)>),
    /// Moves the scope at position `from` of a profile to position `to`.
    MoveScope {
        profile: ProfileId,
        from: usize,
        to: usize,
    },
    /// Removes a scope from a profile (it stays in the library).
    RemoveScopeFromProfile { profile: ProfileId, scope: ScopeId },
    /// Sets a scope's frequency.
    SetFrequency { scope: ScopeId, seconds: i64 },
    /// Adds the scope of a scheduler job to the profile: the library's scope of that
    /// description if there is one, else a new one built from the catalog like the default's.
    AddJobScope { profile: ProfileId, job: Job },
    /// Stops applying the customer limit to `DIRPARTYTABLE`.
    StopLimitingPartyTable { profile: ProfileId },
}

impl FixAction {
    /// Applies the fix; returns whether anything changed.
    pub fn apply(&self, ws: &mut Workspace) -> bool {
        match self {
            FixAction::RemoveTable { scope, table } => ws.remove_table(*scope, table),
            FixAction::PlaceTables(placements) => {
                let mut added = 0;
                for (scope, table) in placements {
                    added += ws.add_tables(*scope, std::slice::from_ref(table));
                }
                added > 0
            }
            FixAction::MoveScope { profile, from, to } => ws.move_scope(*profile, *from, *to),
            FixAction::RemoveScopeFromProfile { profile, scope } => {
                ws.remove_scope_from_profile(*profile, *scope)
            }
            FixAction::SetFrequency { scope, seconds } => match ws.scope_mut(*scope) {
                Some(s) => {
                    s.frequency.seconds = *seconds;
                    s.frequency.unit = crate::model::TimeUnit::Minutes;
                    s.default_frequency = false;
                    true
                }
                None => false,
            },
            FixAction::AddJobScope { profile, job } => {
                let description = job.label();
                let id = match ws.scope_described(&description) {
                    Some(s) => s.id,
                    None => {
                        let Some(template) = default_profile_scopes()
                            .into_iter()
                            .find(|s| s.description == description)
                        else {
                            return false;
                        };
                        let id = ws.new_scope(&description, template.direction);
                        if let Some(s) = ws.scope_mut(id) {
                            s.frequency = template.frequency;
                            s.tables = template.tables;
                            s.default_frequency = true;
                        }
                        id
                    }
                };
                ws.add_scope_to_profile(*profile, id)
            }
            FixAction::StopLimitingPartyTable { profile } => match ws.profile_mut(*profile) {
                Some(p) if p.customers.limit_party_table => {
                    p.customers.limit_party_table = false;
                    true
                }
                _ => false,
            },
        }
    }
}
