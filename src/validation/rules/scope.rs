//! Rules on one scope: its description, direction, frequency (storms) and tables.

use super::*;

pub(in crate::validation) fn scope(
    ws: &Workspace,
    s: &Scope,
    profile: Option<ProfileId>,
    catalog: &Catalog,
    out: &mut Vec<Diagnostic>,
) {
    let at = |field, table: Option<&str>| place(profile, Some(s.id), table, field);
    let desc = s.description.trim();
    let label = if desc.is_empty() {
        "(no description)"
    } else {
        desc
    };
    if desc.is_empty() {
        push(
            out,
            "SCP-DESC-REQUIRED",
            Severity::Error,
            at(Field::ScopeDescription, None),
            "The offline scope needs a description: profiles choose scopes by it.".into(),
            None,
        );
    } else if ws
        .scopes
        .iter()
        .any(|o| o.id != s.id && o.description.trim().eq_ignore_ascii_case(desc))
    {
        push(
            out,
            "SCP-DESC-DUPLICATE",
            Severity::Error,
            at(Field::ScopeDescription, None),
            format!("Another offline scope is already described \u{201c}{desc}\u{201d}. Descriptions must be unique."),
            None,
        );
    }
    if s.frequency.seconds <= 0 {
        push(
            out,
            "FRQ-NOT-POSITIVE",
            Severity::Error,
            at(Field::ScopeFrequency, None),
            format!(
                "\u{201c}{label}\u{201d}: the synchronization frequency must be more than zero."
            ),
            None,
        );
    } else if s.frequency.seconds < STORM_SECONDS {
        let per_day = s.frequency.sessions_per_day().round() as u64;
        push(
            out,
            "FRQ-STORM",
            Severity::Warning,
            at(Field::ScopeFrequency, None),
            format!(
                "\u{201c}{label}\u{201d} runs {}: {} sync sessions per register per day, {} for a store of {REFERENCE_REGISTERS} registers. Frequencies this high have driven store servers to 100% CPU.",
                s.frequency,
                thousands(per_day),
                thousands(per_day * u64::from(REFERENCE_REGISTERS))
            ),
            fix(
                "Sync every 5 minutes",
                Edit::SetScope {
                    scope: s.id,
                    value: ScopeValue::FrequencySeconds(300),
                },
            ),
        );
    }
    if s.tables.is_empty() {
        push(
            out,
            "SCP-NO-TABLES",
            Severity::Warning,
            at(Field::ScopeTables, None),
            format!("\u{201c}{label}\u{201d} has no tables, so it synchronizes nothing. Add tables in its Line details."),
            None,
        );
    }
    for name in &s.tables {
        let remove = || remove_table(s.id, name);
        let Some(t) = catalog.get(name) else {
            push(
                out,
                "TBL-UNKNOWN",
                Severity::Error,
                at(Field::ScopeTables, Some(name)),
                format!("\u{201c}{label}\u{201d} lists {name}, which is not a table of the channel database."),
                remove(),
            );
            continue;
        };
        match t.direction {
            TableDirection::ChannelLocal => push(
                out,
                "DIR-CHANNEL-LOCAL",
                Severity::Error,
                at(Field::ScopeTables, Some(name)),
                format!("{name} is channel-local runtime data (crt schema): each database keeps its own, and synchronizing it would overwrite a register's state."),
                remove(),
            ),
            TableDirection::Download if s.direction.uploads() => {
                let (code, why) = if s.direction == SyncDirection::Upload {
                    ("DIR-DOWNLOAD-TABLE-IN-UPLOAD", "is store data sent to registers")
                } else {
                    ("DIR-NO-COUNTER", "has no replication counter")
                };
                push(
                    out,
                    code,
                    Severity::Error,
                    at(Field::ScopeTables, Some(name)),
                    format!("\u{201c}{label}\u{201d} uploads, but {name} {why}: a register cannot tell which of its rows are new, so nothing reliable can be uploaded."),
                    remove(),
                )
            }
            TableDirection::Upload if s.direction == SyncDirection::Download => push(
                out,
                "DIR-UPLOAD-TABLE-IN-DOWNLOAD",
                Severity::Warning,
                at(Field::ScopeTables, Some(name)),
                format!("{name} is written on registers and uploaded ({}); in a download scope the registers' new rows never reach the store.", t.job.label()),
                remove(),
            ),
            _ => {}
        }
    }
}
