//! Rules on the profile itself: its name and description, lines whose scope is gone, and the
//! sync sessions all its scopes add up to.

use super::*;

pub(in crate::validation) fn profile_fields(
    ws: &Workspace,
    p: &Profile,
    out: &mut Vec<Diagnostic>,
) {
    let at = |field| place(Some(p.id), None, None, field);
    let name = p.name.trim();
    if name.is_empty() {
        push(
            out,
            "PRF-NAME-REQUIRED",
            Severity::Error,
            at(Field::ProfileName),
            "The profile needs a name.".into(),
            None,
        );
    } else {
        if ws
            .profiles
            .iter()
            .any(|o| o.id != p.id && o.name.trim().eq_ignore_ascii_case(name))
        {
            push(
                out,
                "PRF-NAME-DUPLICATE",
                Severity::Error,
                at(Field::ProfileName),
                format!("Another profile is already named \u{201c}{name}\u{201d}. Profile names must be unique."),
                None,
            );
        }
        let len = name.chars().count();
        if len > NAME_COLUMN_LENGTH {
            let cut: String = name.chars().take(NAME_COLUMN_LENGTH).collect();
            push(
                out,
                "PRF-NAME-LONG",
                Severity::Warning,
                at(Field::ProfileName),
                format!("\u{201c}{name}\u{201d} has {len} characters; the Name column of the retail back office holds {NAME_COLUMN_LENGTH}, so it would be cut to \u{201c}{cut}\u{201d}."),
                None,
            );
        }
    }
    if p.scopes.is_empty() {
        push(
            out,
            "PRF-NO-SCOPES",
            Severity::Error,
            at(Field::ProfileScopes),
            "The profile has no offline scopes, so registers would receive nothing. Add scopes on the Offline tables FastTab.".into(),
            None,
        );
    }
}

pub(in crate::validation) fn dangling_scope(
    p: &Profile,
    id: ScopeId,
    position: usize,
    out: &mut Vec<Diagnostic>,
) {
    push(
        out,
        "SCP-MISSING",
        Severity::Error,
        place(Some(p.id), Some(id), None, Field::ProfileScopes),
        format!(
            "Line {} refers to an offline scope that no longer exists.",
            position + 1
        ),
        fix(
            "Remove the line",
            Edit::RemoveScopeFromProfile {
                profile: p.id,
                scope: id,
            },
        ),
    );
}

pub(in crate::validation) fn sessions(ws: &Workspace, p: &Profile, out: &mut Vec<Diagnostic>) {
    let per_day: f64 = ws
        .scopes_of(p)
        .map(|s| s.frequency.sessions_per_day())
        .sum();
    if per_day > STORM_SESSIONS_PER_DAY {
        let n = per_day.round() as u64;
        push(
            out,
            "PRF-SYNC-STORM",
            Severity::Warning,
            place(Some(p.id), None, None, Field::ProfileScopes),
            format!(
                "All scopes together run {} sync sessions per register per day ({} for a store of {REFERENCE_REGISTERS} registers): a sync storm that loads the store server. Lower the frequencies of the busiest scopes.",
                thousands(n),
                thousands(n * u64::from(REFERENCE_REGISTERS))
            ),
            None,
        );
    }
}
