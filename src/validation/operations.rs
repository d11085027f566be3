//! Which register operations work offline with a profile: each **available**, **degraded**
//! (a limit leaves products or customers out, a scope runs too rarely for the data to be fresh,
//! or the system cannot do it offline at all) or **unavailable** (a table it needs is in no
//! scope, or travels the wrong way), with a one-click fix where one is safe. The profile is read
//! as its target system runs it (`TargetSystem::effective`).

use super::Fix;
use crate::catalog::operations::{operations, Flow, Operation};
use crate::catalog::{Catalog, Job};
use crate::model::diff::ResolvedProfile;
use crate::model::edit::Edit;
use crate::model::{Profile, Scope, ScopeId, Workspace};

/// How an operation fares offline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Availability {
    Unavailable,
    Degraded,
    Available,
}

impl Availability {
    /// The word people read (never only a colour).
    pub fn label(self) -> &'static str {
        match self {
            Availability::Available => "Available",
            Availability::Degraded => "Degraded",
            Availability::Unavailable => "Unavailable",
        }
    }
}

/// One operation for one profile.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationStatus {
    pub operation: &'static Operation,
    pub availability: Availability,
    /// Why it is degraded or unavailable, in words.
    pub reasons: Vec<String>,
    /// The fix for an unavailable operation, where one is safe.
    pub fix: Option<Fix>,
}

/// Where a missing table would go: a scope of the profile holding tables of its job whose
/// direction fits, else none.
fn home<'a>(scopes: &[&'a Scope], catalog: &Catalog, table: &str, flow: Flow) -> Option<&'a Scope> {
    let job = catalog.get(table)?.job;
    scopes.iter().copied().find(|s| {
        let fits = match flow {
            Flow::Down => s.direction.downloads(),
            Flow::Up => s.direction.uploads(),
        };
        fits && s
            .tables
            .iter()
            .any(|t| catalog.get(t).is_some_and(|c| c.job == job))
    })
}

/// Every operation's availability with profile `p` of `ws`.
pub fn assess(ws: &Workspace, p: &Profile, catalog: &Catalog) -> Vec<OperationStatus> {
    let scopes: Vec<&Scope> = ws.scopes_of(p).collect();
    let resolved = ResolvedProfile::of(ws, p);
    let (effective, _) = p.target.effective(&resolved);
    operations()
        .iter()
        .map(|op| assess_one(op, p, &scopes, &effective, catalog))
        .collect()
}

fn assess_one(
    op: &'static Operation,
    p: &Profile,
    scopes: &[&Scope],
    effective: &ResolvedProfile,
    catalog: &Catalog,
) -> OperationStatus {
    let (mut missing, mut degraded) = (Vec::new(), Vec::new());
    let mut placements: Vec<(ScopeId, String)> = Vec::new();
    let mut jobs: Vec<Job> = Vec::new();
    let mut fixable = true;
    for need in &op.needs {
        let held = scopes
            .iter()
            .enumerate()
            .find(|(_, s)| s.tables.iter().any(|t| t.eq_ignore_ascii_case(&need.table)));
        let Some((i, scope)) = held else {
            missing.push(format!(
                "{} ({}) is in no scope of this profile",
                need.table, need.why
            ));
            match (
                home(scopes, catalog, &need.table, need.dir),
                catalog.get(&need.table),
            ) {
                (Some(s), _) => placements.push((s.id, need.table.clone())),
                (None, Some(t)) if need.dir == Flow::Down && t.job != Job::PosTransactions => {
                    if !jobs.contains(&t.job) {
                        jobs.push(t.job);
                    }
                }
                _ => fixable = false,
            }
            continue;
        };
        let travels = match need.dir {
            Flow::Down => scope.direction.downloads(),
            Flow::Up => scope.direction.uploads(),
        };
        if !travels {
            fixable = false;
            missing.push(match need.dir {
                Flow::Down => format!("{} is in \u{201c}{}\u{201d}, which only uploads: registers never receive {}", need.table, scope.description, need.why),
                Flow::Up => format!("{} is in \u{201c}{}\u{201d}, which only downloads: {} never reaches head office", need.table, scope.description, need.why),
            });
            continue;
        }
        let every = effective.scopes.get(i).map_or(0, |s| s.frequency.seconds);
        if let Some(m) = need.fresh_minutes.filter(|m| every > i64::from(*m) * 60) {
            degraded.push(format!("\u{201c}{}\u{201d} synchronizes {}: {} ({}) can be that old offline; this operation wants it within {}", scope.description, effective.scopes[i].frequency, need.table, need.why, minutes(m)));
        }
    }
    if op.products && effective.products.limited {
        degraded.push("the Offline products limit leaves some products out: they cannot be found or sold offline".into());
    }
    if op.customers && effective.customers.limited {
        degraded.push(
            "the Offline customers limit leaves some customers out: they cannot be found offline"
                .into(),
        );
    }
    if let Some(limit) = &op.offline_limit {
        degraded.push(limit.clone());
    }
    let fix = (!missing.is_empty() && fixable)
        .then(|| fix_for(p, placements, jobs))
        .flatten();
    let (availability, reasons) = if !missing.is_empty() {
        (Availability::Unavailable, missing)
    } else if !degraded.is_empty() {
        (Availability::Degraded, degraded)
    } else {
        (Availability::Available, Vec::new())
    };
    OperationStatus {
        operation: op,
        availability,
        reasons,
        fix,
    }
}

fn minutes(m: u32) -> String {
    match m {
        m if m % 1440 == 0 => format!("{} day{}", m / 1440, if m == 1440 { "" } else { "s" }),
        m if m % 60 == 0 => format!("{} hour{}", m / 60, if m == 60 { "" } else { "s" }),
        m => format!("{m} minutes"),
    }
}

/// One edit that makes the operation available: the missing tables placed in their scopes, or
/// the one missing job's scope added.
fn fix_for(p: &Profile, placements: Vec<(ScopeId, String)>, jobs: Vec<Job>) -> Option<Fix> {
    match (placements.len(), jobs.as_slice()) {
        (0, [job]) => Some(Fix {
            label: format!("Add scope \u{201c}{}\u{201d}", job.label()),
            action: Edit::AddJobScope {
                profile: p.id,
                job: *job,
            },
        }),
        (1, []) => Some(Fix {
            label: format!("Add {} to its scope", placements[0].1),
            action: Edit::PlaceTables(placements),
        }),
        (n, []) if n > 1 => Some(Fix {
            label: format!("Add the {n} missing tables to their scopes"),
            action: Edit::PlaceTables(placements),
        }),
        _ => None,
    }
}

/// `operations.json` of a package: each operation's state with this profile, why, and the
/// tables it needs with their sources.
pub fn operations_json(
    profile: &str,
    target: crate::model::TargetSystem,
    statuses: &[OperationStatus],
) -> String {
    let ops: Vec<serde_json::Value> = statuses
        .iter()
        .map(|s| {
            serde_json::json!({
                "key": s.operation.key,
                "name": s.operation.name,
                "on_vendor_test_checklist": s.operation.checklist,
                "availability": s.availability.label().to_ascii_lowercase(),
                "reasons": s.reasons,
                "needs": s.operation.needs,
            })
        })
        .collect();
    let doc = serde_json::json!({
        "format": "offline-profile-studio/operations-offline",
        "format_version": 1,
        "profile": profile,
        "target_system": target.key(),
        "operations": ops,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
