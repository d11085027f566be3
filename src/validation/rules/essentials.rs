//! What a register needs before it can go offline: the scopes of the jobs it cannot work without.

use super::*;

/// What a register needs before it can switch offline: the key table of each job.
const ESSENTIALS: [(Job, &str, &str); 3] = [
    (
        Job::Scheduler(1060),
        "RETAILSTAFFTABLE",
        "staff (who may sign in)",
    ),
    (
        Job::Scheduler(1070),
        "RETAILCHANNELTABLE",
        "the channel configuration",
    ),
    (Job::Scheduler(1090), "RETAILTERMINALTABLE", "the registers"),
];

pub(in crate::validation) fn essentials(
    ws: &Workspace,
    p: &Profile,
    catalog: &Catalog,
    out: &mut Vec<Diagnostic>,
) {
    for (job, key, what) in ESSENTIALS {
        let downloaded = ws
            .scopes_of(p)
            .filter(|s| s.direction.downloads())
            .any(|s| s.tables.iter().any(|t| t.eq_ignore_ascii_case(key)));
        if downloaded || catalog.get(key).is_none() {
            continue;
        }
        push(
            out,
            "ESS-MISSING",
            Severity::Error,
            place(Some(p.id), None, None, Field::ProfileScopes),
            format!("Registers cannot switch offline: no download scope of this profile holds {key}, so they would lack {what} (job {}).", job.label()),
            fix(
                format!("Add scope \u{201c}{}\u{201d}", job.label()),
                Edit::AddJobScope { profile: p.id, job },
            ),
        );
    }
}
