//! The validation rules, one function per area.

use super::{DeviceField, Diagnostic, Field, Fix, Place, Severity};
use crate::catalog::{Catalog, Job, TableDirection, TableId};
use crate::model::edit::{CustomerValue, Edit, ProfileValue, ScopeValue};
use crate::model::{
    CustomerRule, ExportSchedule, ProductRule, Profile, ProfileId, Scope, ScopeId, SyncDirection,
    Workspace, NAME_COLUMN_LENGTH,
};
use std::collections::{BTreeMap, BTreeSet};

/// Scopes running more often than this are a sync-storm risk (a 10-second frequency drove a
/// store server's CPU to 100% in one reported deployment).
pub const STORM_SECONDS: i64 = 60;
/// More sessions than this per register per day, all scopes together, is a storm too
/// (two a minute around the clock).
pub const STORM_SESSIONS_PER_DAY: f64 = 2880.0;
/// The registers per store the warnings multiply by (the reference mid-size store).
pub const REFERENCE_REGISTERS: u32 = 6;

fn place(
    profile: Option<ProfileId>,
    scope: Option<ScopeId>,
    table: Option<&str>,
    field: Field,
) -> Place {
    Place {
        profile,
        scope,
        table: table.map(str::to_string),
        field,
    }
}

fn push(
    out: &mut Vec<Diagnostic>,
    code: &'static str,
    severity: Severity,
    place: Place,
    message: String,
    fix: Option<Fix>,
) {
    out.push(Diagnostic {
        code,
        severity,
        place,
        message,
        fix,
    });
}

fn fix(label: impl Into<String>, action: Edit) -> Option<Fix> {
    Some(Fix {
        label: label.into(),
        action,
    })
}

/// A whole number with thousands separators, as the app writes counts (5,020).
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn list(names: &[&str], max: usize) -> String {
    let shown: Vec<&str> = names.iter().take(max).copied().collect();
    let more = names.len().saturating_sub(max);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

pub(super) fn profile_fields(ws: &Workspace, p: &Profile, out: &mut Vec<Diagnostic>) {
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

pub(super) fn dangling_scope(p: &Profile, id: ScopeId, position: usize, out: &mut Vec<Diagnostic>) {
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

pub(super) fn scope(
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
        let remove = || {
            fix(
                format!("Remove {name} from this scope"),
                Edit::RemoveTable {
                    scope: s.id,
                    table: name.clone(),
                },
            )
        };
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

/// The tables of a profile: which scope position holds each catalog table.
struct Membership {
    /// For each catalog table, the position of the first scope holding it.
    position: Vec<Option<usize>>,
}

impl Membership {
    fn of(ws: &Workspace, p: &Profile, catalog: &Catalog) -> Membership {
        let mut position = vec![None; catalog.len()];
        for (i, s) in ws.scopes_of(p).enumerate() {
            for name in &s.tables {
                if let Some(id) = catalog.id(name) {
                    position[id.index()].get_or_insert(i);
                }
            }
        }
        Membership { position }
    }

    fn of_table(&self, id: TableId) -> Option<usize> {
        self.position[id.index()]
    }
}

pub(super) fn tables_across_scopes(
    ws: &Workspace,
    p: &Profile,
    catalog: &Catalog,
    out: &mut Vec<Diagnostic>,
) {
    let scopes: Vec<&Scope> = ws.scopes_of(p).collect();
    let member = Membership::of(ws, p, catalog);

    // A table may be in only one scope of a profile.
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    for (i, s) in scopes.iter().enumerate() {
        for name in &s.tables {
            let key = name.to_ascii_uppercase();
            match first.get(&key) {
                Some(&j) if j != i => push(
                    out,
                    "TBL-DUPLICATE",
                    Severity::Error,
                    place(Some(p.id), Some(s.id), Some(name), Field::ScopeTables),
                    format!(
                        "{name} is in both \u{201c}{}\u{201d} and \u{201c}{}\u{201d}; a table can be in only one scope of a profile.",
                        scopes[j].description, s.description
                    ),
                    fix(
                        format!("Remove {name} from \u{201c}{}\u{201d}", s.description),
                        Edit::RemoveTable {
                            scope: s.id,
                            table: name.clone(),
                        },
                    ),
                ),
                Some(_) => {}
                None => {
                    first.insert(key, i);
                }
            }
        }
    }

    // Closure: every parent of an offline table should be offline too.
    for (i, s) in scopes.iter().enumerate() {
        for name in &s.tables {
            let Some(id) = catalog.id(name) else { continue };
            let t = catalog.table(id);
            if t.direction == TableDirection::ChannelLocal {
                continue;
            }
            let missing: Vec<&str> = t
                .parents
                .iter()
                .filter(|p| member.of_table(**p).is_none())
                .filter(|p| catalog.table(**p).direction != TableDirection::ChannelLocal)
                .map(|p| catalog.table(*p).name.as_str())
                .collect();
            if missing.is_empty() {
                continue;
            }
            let placements = closure_placements(catalog, &scopes, &member, id, i);
            push(
                out,
                "CLS-MISSING-PARENTS",
                Severity::Warning,
                place(Some(p.id), Some(s.id), Some(name), Field::ScopeTables),
                format!(
                    "{name} refers to {}, which no scope of this profile synchronizes: its rows would arrive offline with missing references.",
                    list(&missing, 6)
                ),
                fix(
                    if placements.len() == 1 {
                        "Add the missing parent table".to_string()
                    } else {
                        format!("Add the {} missing parent tables", placements.len())
                    },
                    Edit::PlaceTables(placements),
                ),
            );
        }
    }

    order(p, catalog, &scopes, &member, out);
}

/// Where to put every missing ancestor of `table` (parents of parents too, skipping
/// channel-local tables): in a scope of the profile already holding tables of the same job and
/// a fitting direction, else in the child's scope when its direction fits, else in any scope
/// whose direction fits, else in the child's scope.
fn closure_placements(
    catalog: &Catalog,
    scopes: &[&Scope],
    member: &Membership,
    table: TableId,
    child_scope: usize,
) -> Vec<(ScopeId, String)> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![table];
    let mut placements = Vec::new();
    while let Some(id) = stack.pop() {
        for &parent in &catalog.table(id).parents {
            let pt = catalog.table(parent);
            if member.of_table(parent).is_some()
                || pt.direction == TableDirection::ChannelLocal
                || !seen.insert(parent)
            {
                continue;
            }
            stack.push(parent);
            let fits = |s: &Scope| match pt.direction {
                TableDirection::Upload => s.direction.uploads(),
                _ => s.direction.downloads(),
            };
            let same_job = scopes.iter().position(|s| {
                fits(s)
                    && s.tables
                        .iter()
                        .filter_map(|n| catalog.get(n))
                        .any(|t| t.job == pt.job)
            });
            let at = same_job
                .or_else(|| fits(scopes[child_scope]).then_some(child_scope))
                .or_else(|| scopes.iter().position(|s| fits(s)))
                .unwrap_or(child_scope);
            placements.push((scopes[at].id, pt.name.clone()));
        }
    }
    placements.sort_by(|a, b| a.1.cmp(&b.1));
    placements
}

/// Order: a scope holding a child table should not run before the scope holding its parent.
fn order(
    p: &Profile,
    catalog: &Catalog,
    scopes: &[&Scope],
    member: &Membership,
    out: &mut Vec<Diagnostic>,
) {
    // (child scope, parent scope) -> the (child, parent) table pairs in that order.
    let mut late_parents: BTreeMap<(usize, usize), Vec<(TableId, TableId)>> = BTreeMap::new();
    let mut split_cycles: BTreeSet<usize> = BTreeSet::new();
    for (i, s) in scopes.iter().enumerate() {
        for name in &s.tables {
            let Some(child) = catalog.id(name) else {
                continue;
            };
            if member.of_table(child) != Some(i) {
                continue; // a duplicate line, reported elsewhere
            }
            for &parent in &catalog.table(child).parents {
                let Some(j) = member.of_table(parent) else {
                    continue;
                };
                if j <= i {
                    continue;
                }
                match (catalog.cycle_of(child), catalog.cycle_of(parent)) {
                    (Some(a), Some(b)) if a == b => {
                        let idx = catalog.cycles().iter().position(|c| c == a).unwrap_or(0);
                        split_cycles.insert(idx);
                    }
                    _ => late_parents
                        .entry((i, j))
                        .or_default()
                        .push((child, parent)),
                }
            }
        }
    }
    // Scopes that each hold parents of the other cannot both go first: say so once instead of
    // offering fixes that undo each other.
    let mut mutual: BTreeSet<(usize, usize)> = BTreeSet::new();
    for &(i, j) in late_parents.keys() {
        let reverse = scopes[j]
            .tables
            .iter()
            .filter_map(|n| catalog.id(n))
            .any(|c| {
                catalog
                    .table(c)
                    .parents
                    .iter()
                    .any(|par| member.of_table(*par) == Some(i))
            });
        if reverse {
            mutual.insert((i, j));
        }
    }
    for ((i, j), pairs) in &late_parents {
        let (child, parent) = pairs[0];
        let more = pairs.len() - 1;
        let more = if more > 0 {
            format!(" (and {more} more)")
        } else {
            String::new()
        };
        let (cs, ps) = (scopes[*i], scopes[*j]);
        let what = format!(
            "\u{201c}{}\u{201d} (position {}) runs before \u{201c}{}\u{201d} (position {}), which holds {}, a parent of {}{more}",
            cs.description,
            i + 1,
            ps.description,
            j + 1,
            catalog.table(parent).name,
            catalog.table(child).name
        );
        if mutual.contains(&(*i, *j)) {
            push(
                out,
                "ORD-MUTUAL-SCOPES",
                Severity::Info,
                place(Some(p.id), Some(cs.id), None, Field::ProfileScopes),
                format!("{what}. The two scopes also hold parents of each other's tables, so no order satisfies both: until both have synced, some rows wait for their parents."),
                None,
            );
        } else {
            push(
                out,
                "ORD-CHILD-BEFORE-PARENT",
                Severity::Warning,
                place(Some(p.id), Some(cs.id), None, Field::ProfileScopes),
                format!("{what}: on a fresh register, children arrive before their parents (missing references, unique-key errors)."),
                fix(
                    format!("Move \u{201c}{}\u{201d} before \u{201c}{}\u{201d}", ps.description, cs.description),
                    Edit::MoveScope {
                        profile: p.id,
                        from: *j,
                        to: *i,
                    },
                ),
            );
        }
    }
    for idx in split_cycles {
        let names: Vec<&str> = catalog.cycles()[idx]
            .tables
            .iter()
            .map(|t| catalog.table(*t).name.as_str())
            .collect();
        push(
            out,
            "ORD-PARENT-CYCLE",
            Severity::Info,
            place(Some(p.id), None, None, Field::ProfileScopes),
            format!(
                "{} refer to each other (a parent cycle in the schema), so whichever syncs first briefly has references to rows that have not arrived. This is expected; keeping them in one scope shortens the gap.",
                list(&names, 6)
            ),
            None,
        );
    }
}

pub(super) fn sessions(ws: &Workspace, p: &Profile, out: &mut Vec<Diagnostic>) {
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

fn check_count(
    value: i64,
    what: &str,
    max: i64,
    code: &'static str,
    field: Field,
    p: &Profile,
    out: &mut Vec<Diagnostic>,
) {
    if value <= 0 || value > max {
        push(
            out,
            code,
            Severity::Error,
            place(Some(p.id), None, None, field),
            format!(
                "{what} must be between 1 and {}; it is {value}.",
                thousands(max as u64)
            ),
            None,
        );
    }
}

pub(super) fn limits(p: &Profile, catalog: &Catalog, ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let prod = &p.products;
    if prod.limited {
        let at = place(Some(p.id), None, None, Field::Products);
        match prod.rule {
            None => push(out, "LIM-PRODUCTS-NO-RULE", Severity::Error, at, "Offline products are limited, but no rule says which products: choose categories, a top N, newest arrivals or an item list.".into(), None),
            Some(ProductRule::Categories) if prod.categories.iter().all(|c| c.trim().is_empty()) => push(out, "LIM-PRODUCTS-NO-RULE", Severity::Error, at, "Offline products are limited by category, but no category is chosen.".into(), None),
            Some(ProductRule::Items) if prod.items.iter().all(|c| c.trim().is_empty()) => push(out, "LIM-PRODUCTS-NO-RULE", Severity::Error, at, "Offline products are limited to an item list, but the list is empty.".into(), None),
            Some(rule) => {
                if rule.takes_n() {
                    check_count(prod.top_n, "The number of offline products (N)", 10_000_000, "LIM-PRODUCTS-N", Field::Products, p, out);
                }
                if rule.takes_days() {
                    check_count(prod.within_days, "The sales period (X days)", 3650, "LIM-PRODUCTS-DAYS", Field::Products, p, out);
                }
            }
        }
    }
    let cust = &p.customers;
    if cust.limited {
        let at = place(Some(p.id), None, None, Field::Customers);
        match cust.rule {
            None => push(out, "LIM-CUSTOMERS-NO-RULE", Severity::Error, at.clone(), "Offline customers are limited, but no rule says which customers: choose an address filter, a top N or a customer list.".into(), None),
            Some(CustomerRule::Address) if [&cust.city, &cust.zip, &cust.state].iter().all(|v| v.trim().is_empty()) => push(out, "LIM-CUSTOMERS-NO-RULE", Severity::Error, at.clone(), "Offline customers are limited by address, but no city, ZIP/postal code or state is given.".into(), None),
            Some(CustomerRule::Accounts) if cust.accounts.iter().all(|c| c.trim().is_empty()) => push(out, "LIM-CUSTOMERS-NO-RULE", Severity::Error, at.clone(), "Offline customers are limited to a customer list, but the list is empty.".into(), None),
            Some(rule) => {
                if rule.takes_top_n() {
                    check_count(cust.top_n, "The number of offline customers (N)", 10_000_000, "LIM-CUSTOMERS-N", Field::Customers, p, out);
                    check_count(cust.within_days, "The period (X days)", 3650, "LIM-CUSTOMERS-DAYS", Field::Customers, p, out);
                }
            }
        }
        let party = catalog.id("DIRPARTYTABLE");
        let member = Membership::of(ws, p, catalog);
        let party_offline = party.is_some_and(|id| member.of_table(id).is_some());
        if cust.limit_party_table && party_offline {
            let staff_offline = catalog
                .tables_of_job(Job::Scheduler(1060))
                .any(|(id, _)| member.of_table(id).is_some());
            let who = if staff_offline { "staff, " } else { "" };
            push(
                out,
                "LIM-PARTY-TABLE",
                Severity::Warning,
                at,
                format!("The customer limit also filters DIRPARTYTABLE, which holds {who}organisations and other parties besides customers: registers would lose rows they need. Limit the customer tables only."),
                fix("Limit customer tables only", Edit::SetProfile {
                    profile: p.id,
                    value: ProfileValue::Customers(CustomerValue::LimitPartyTable(false)),
                }),
            );
        }
    }
}

fn folder_problem(path: &str) -> Option<&'static str> {
    if path.chars().any(|c| c.is_control()) {
        Some("contains a control character")
    } else if path
        .chars()
        .any(|c| matches!(c, '<' | '>' | '"' | '|' | '?' | '*'))
    {
        Some("contains a character not allowed in folder names (< > \" | ? *)")
    } else if path.len() > 260 {
        Some("is longer than 260 characters")
    } else {
        None
    }
}

pub(super) fn device(p: &Profile, out: &mut Vec<Diagnostic>) {
    let d = &p.device;
    let ranges: [(i64, i64, i64, &str, &str, DeviceField); 4] = [
        (
            d.offline_timeout_secs,
            1,
            600,
            "Offline timeout",
            "seconds",
            DeviceField::OfflineTimeout,
        ),
        (
            d.reconnect_interval_mins,
            1,
            1440,
            "Reconnect attempt interval",
            "minutes",
            DeviceField::ReconnectInterval,
        ),
        (
            d.new_database_check_mins,
            1,
            10_080,
            "Check for new database interval",
            "minutes",
            DeviceField::NewDatabaseCheck,
        ),
        (
            d.upload_transaction_size,
            1,
            100_000,
            "Upload transaction size",
            "rows",
            DeviceField::UploadTransactionSize,
        ),
    ];
    for (value, min, max, what, unit, field) in ranges {
        if value < min || value > max {
            push(
                out,
                "DEV-OUT-OF-RANGE",
                Severity::Error,
                place(Some(p.id), None, None, Field::Device(field)),
                format!(
                    "{what} must be between {min} and {} {unit}; it is {value}.",
                    thousands(max as u64)
                ),
                None,
            );
        }
    }
    for (path, what, field) in [
        (&d.image_folder, "Image folder", DeviceField::ImageFolder),
        (
            &d.data_export_folder,
            "Data export folder",
            DeviceField::DataExportFolder,
        ),
    ] {
        if let Some(problem) = folder_problem(path) {
            push(
                out,
                "DEV-FOLDER",
                Severity::Error,
                place(Some(p.id), None, None, Field::Device(field)),
                format!("{what} {problem}."),
                None,
            );
        }
    }
    if d.export_schedule != ExportSchedule::Never && d.data_export_folder.trim().is_empty() {
        push(
            out,
            "DEV-EXPORT-FOLDER-REQUIRED",
            Severity::Error,
            place(
                Some(p.id),
                None,
                None,
                Field::Device(DeviceField::DataExportFolder),
            ),
            format!(
                "The database is exported {}, but no data export folder is set.",
                d.export_schedule.label().to_lowercase()
            ),
            None,
        );
    }
}

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

pub(super) fn essentials(
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
