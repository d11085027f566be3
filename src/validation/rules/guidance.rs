//! Rules from the vendors' own guidance (`../shared/VENDOR-FACTS.md`), each naming its source in
//! its message: replication counters on uploaded tables, the scopes a register needs before it
//! can switch offline (order and frequency), the party table, one upload job at a time, and
//! identity columns in primary keys.

use super::*;

/// What a register needs before it can switch offline, by the job that brings it.
const PREREQUISITES: [(&str, &str); 3] = [
    ("RETAILSTAFFTABLE", "staff"),
    ("RETAILCHANNELTABLE", "channel configuration"),
    ("RETAILTERMINALTABLE", "registers"),
];
/// Prerequisite scopes synchronizing less often than this leave new staff or registers unable
/// to work offline for too long.
const PREREQUISITE_MAX_SECONDS: i64 = 24 * 3600;

fn holds(s: &Scope, table: &str) -> bool {
    s.tables.iter().any(|t| t.eq_ignore_ascii_case(table))
}

pub(in crate::validation) fn guidance(
    ws: &Workspace,
    p: &Profile,
    catalog: &Catalog,
    out: &mut Vec<Diagnostic>,
) {
    let scopes: Vec<&Scope> = ws.scopes_of(p).collect();
    counters_and_keys(p, &scopes, catalog, out);
    prerequisites(p, &scopes, out);
    party(p, &scopes, out);
    let d = &p.device;
    if d.days_transactions_kept >= 1 && d.days_transactions_kept < d.return_window_days {
        push(out, "GDN-RETURN-WINDOW", Severity::Warning, place(Some(p.id), None, None, Field::Device(DeviceField::DaysTransactionsKept)),
            format!("Registers keep {} days of transactions offline, but customers may return a sale up to {} days old: offline, a return of an older sale finds no transaction to return against. Source: Dynamics 365 Commerce guidance (days transactions exist \u{2248} the return window: 30, 31 or 60 days).", d.days_transactions_kept, d.return_window_days),
            fix(format!("Keep {} days offline", d.return_window_days), Edit::SetProfile { profile: p.id, value: ProfileValue::Device(crate::model::edit::DeviceValue::DaysTransactionsKept(d.return_window_days)) }));
    }
    let uploading: Vec<&&Scope> = scopes.iter().filter(|s| s.direction.uploads()).collect();
    if uploading.len() > 1 {
        let names: Vec<String> = uploading
            .iter()
            .map(|s| format!("\u{201c}{}\u{201d}", s.description))
            .collect();
        push(out, "GDN-UPLOAD-JOBS", Severity::Warning, place(Some(p.id), Some(uploading[1].id), None, Field::ScopeDirection),
            format!("{} scopes upload ({}): their upload jobs can run at the same time. The vendor recommends at most one upload job at a time, run often. Source: Dynamics 365 Commerce offline guidance.", uploading.len(), names.join(", ")),
            None);
    }
}

/// Uploaded tables need a replication counter (and an index on it); offline tables may not
/// have an identity column in their primary key.
fn counters_and_keys(p: &Profile, scopes: &[&Scope], catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    for s in scopes {
        for name in &s.tables {
            let Some(t) = catalog.get(name) else { continue };
            let remove = || remove_table(s.id, name);
            if s.direction.uploads()
                && t.direction == TableDirection::Upload
                && t.replication_counter.is_none()
            {
                push(out, "GDN-COUNTER-INDEX", Severity::Error, place(Some(p.id), Some(s.id), Some(name), Field::ScopeTables),
                    format!("{name} is uploaded but has no replication counter column: registers cannot mark which rows are new, and without an index on that column upload packages time out. Source: Dynamics 365 Commerce offline troubleshooting (upload packages time out when a custom transactional table lacks an index on its replication counter)."),
                    remove());
            }
            if let Some(column) = t.identity_in_key() {
                push(out, "GDN-IDENTITY-KEY", Severity::Warning, place(Some(p.id), Some(s.id), Some(name), Field::ScopeTables),
                    format!("{name}\u{2019}s primary key includes the identity column {column}: offline tables may have a multi-column key, but not one with an identity column (head office and each register number their rows separately, so keys collide). Source: AX 2012 R3 documentation on custom offline tables."),
                    remove());
            }
        }
    }
}

/// Staff, channel configuration and registers must have synchronized before a register can
/// switch offline: first in the order, and often enough.
fn prerequisites(p: &Profile, scopes: &[&Scope], out: &mut Vec<Diagnostic>) {
    let downloads: Vec<(usize, &&Scope)> = scopes
        .iter()
        .enumerate()
        .filter(|(_, s)| s.direction.downloads())
        .collect();
    let prereq = |s: &Scope| PREREQUISITES.iter().any(|(t, _)| holds(s, t));
    let first_other = downloads.iter().find(|(_, s)| !prereq(s)).map(|(i, _)| *i);
    let late: Vec<(usize, &&Scope)> = downloads
        .iter()
        .copied()
        .filter(|(i, s)| prereq(s) && first_other.is_some_and(|f| *i > f))
        .collect();
    if let (Some(first), Some((from, scope))) = (first_other, late.first()) {
        let names: Vec<String> = late
            .iter()
            .map(|(i, s)| format!("\u{201c}{}\u{201d} (position {})", s.description, i + 1))
            .collect();
        push(out, "GDN-PREREQ-ORDER", Severity::Info, place(Some(p.id), Some(scope.id), None, Field::ProfileScopes),
            format!("A new register can switch offline only once staff, channel configuration and registers have synchronized, and {} run{} after {} other scope{}: a fresh register waits for those first. Source: AX 2012 R3 CU8 and Dynamics 365 Commerce (a register cannot switch to offline while its database is not synchronized or download sessions are pending).", names.join(", "), if late.len() == 1 { "s" } else { "" }, first_other_count(&downloads, *from, &prereq), if first_other_count(&downloads, *from, &prereq) == 1 { "" } else { "s" }),
            fix(format!("Move \u{201c}{}\u{201d} to position {}", scope.description, first + 1), Edit::MoveScope { profile: p.id, from: *from, to: first }));
    }
    for (table, what) in PREREQUISITES {
        let Some(s) = scopes
            .iter()
            .find(|s| s.direction.downloads() && holds(s, table))
        else {
            continue;
        };
        if s.frequency.seconds > PREREQUISITE_MAX_SECONDS {
            push(out, "GDN-PREREQ-RARE", Severity::Warning, place(Some(p.id), Some(s.id), None, Field::ScopeFrequency),
                format!("\u{201c}{}\u{201d} brings the {what} a register needs to work offline, but synchronizes only {}: a change there (a new cashier, a new register) cannot be used offline for that long. Source: the vendor\u{2019}s offline errors (credentials or terminal configuration not found offline are cured only by these jobs).", s.description, s.frequency),
                fix(format!("Synchronize \u{201c}{}\u{201d} every hour", s.description), Edit::SetScope { scope: s.id, value: ScopeValue::FrequencySeconds(3600) }));
        }
    }
}

fn first_other_count(
    downloads: &[(usize, &&Scope)],
    before: usize,
    prereq: &dyn Fn(&Scope) -> bool,
) -> usize {
    downloads
        .iter()
        .filter(|(i, s)| *i < before && !prereq(s))
        .count()
}

/// The party table holds the names of staff and customers.
fn party(p: &Profile, scopes: &[&Scope], out: &mut Vec<Diagnostic>) {
    const PARTY: &str = "DIRPARTYTABLE";
    if scopes
        .iter()
        .any(|s| s.direction.downloads() && holds(s, PARTY))
    {
        return;
    }
    let users = ["HCMWORKER", "RETAILSTAFFTABLE", "CUSTTABLE"];
    let Some(home) = scopes
        .iter()
        .find(|s| s.direction.downloads() && users.iter().any(|t| holds(s, t)))
    else {
        return;
    };
    push(out, "GDN-PARTY-EXCLUDED", Severity::Warning, place(Some(p.id), Some(home.id), None, Field::ScopeTables),
        format!("No download scope holds {PARTY}, yet \u{201c}{}\u{201d} synchronizes staff or customers: their names and addresses live in the party table, so sign-in and customer search break offline. Source: AX 2012 R3 and Dynamics 365 Commerce guidance (the party table feeds three jobs and is critical for staff data).", home.description),
        fix(format!("Add {PARTY} to \u{201c}{}\u{201d}", home.description), Edit::PlaceTables(vec![(home.id, PARTY.to_string())])));
}
