//! The report's risks, derived from the checks and the simulation, each with what it means on
//! the day; and the deployment-day checklist, from the vendor's guidance and this profile.

use super::Report;
use crate::sim::chart::human_bytes;
use crate::sim::{DATABASE_CAP_BYTES, DATABASE_GUIDANCE_BYTES};
use crate::validation::{Severity, STORM_SESSIONS_PER_DAY};

/// How much a risk matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RiskLevel {
    /// Stops the rollout until dealt with.
    High,
    /// Works, at a cost someone should accept knowingly.
    Medium,
    /// Worth knowing.
    Low,
}

impl RiskLevel {
    /// The word for people.
    pub fn label(self) -> &'static str {
        match self {
            RiskLevel::High => "High",
            RiskLevel::Medium => "Medium",
            RiskLevel::Low => "Low",
        }
    }
}

/// One risk: what, what it leads to, and where the report found it.
#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    pub level: RiskLevel,
    pub what: String,
    pub consequence: String,
    /// The check code or result it comes from.
    pub source: String,
}

/// What a check's finding leads to on the day, by its code's family.
fn consequence_of(code: &str) -> &'static str {
    match code.split('-').next().unwrap_or("") {
        "CLS" | "ORD" => "Registers receive rows whose parents they do not hold yet: screens show incomplete products, prices or customers until a later session brings the parents.",
        "DIR" => "Rows travel the wrong way or not at all: store changes never reach registers, or offline transactions never reach head office (upload packages time out without a replication counter index).",
        "ESS" | "SCP" | "TBL" | "PRF" => "Registers miss data they need offline: the operations that read it fail while the store is offline.",
        "FRQ" => "Registers and head office spend their time synchronizing: a sync storm loads the store database and the link.",
        "LIM" => "Offline databases hold more or less than intended: either they grow toward the 10 GB cap or cashiers cannot find products, customers or staff offline.",
        "DEV" => "Registers switch offline too eagerly or too late, or offline exports go nowhere.",
        _ => "The profile works, but probably not as intended.",
    }
}

/// Every risk of a report, most serious first.
pub fn risks(r: &Report) -> Vec<Risk> {
    let mut out = Vec::new();
    if r.counts.errors > 0 {
        out.push(Risk {
            level: RiskLevel::High,
            what: format!("{} error{} in the profile's checks", r.counts.errors, if r.counts.errors == 1 { "" } else { "s" }),
            consequence: "The studio refuses to export a package until they are fixed; nothing can be deployed from this draft.".into(),
            source: "Checks".into(),
        });
    }
    // One risk per kind of warning: the first finding in full, and how many more are like it.
    let mut seen: Vec<&str> = Vec::new();
    for c in r.checks.iter().filter(|c| c.severity == Severity::Warning) {
        if seen.contains(&c.code) {
            continue;
        }
        seen.push(c.code);
        let more = r.checks.iter().filter(|o| o.code == c.code).count() - 1;
        let what = match more {
            0 => c.message.clone(),
            n => format!(
                "{} (and {n} more finding{} like it)",
                c.message,
                if n == 1 { "" } else { "s" }
            ),
        };
        out.push(Risk {
            level: RiskLevel::Medium,
            what,
            consequence: consequence_of(c.code).into(),
            source: c.code.to_string(),
        });
    }
    for s in &r.operations {
        use crate::validation::operations::Availability;
        if s.availability == Availability::Unavailable {
            out.push(Risk {
                level: RiskLevel::High,
                what: format!("{} does not work offline: {}", s.operation.name, s.reasons.join("; ")),
                consequence: "While the store is offline, cashiers cannot do it; on the vendor\u{2019}s offline test day it fails.".into(),
                source: "Operations offline".into(),
            });
        }
    }
    if let Some(v) = r.extras.previous.as_ref().filter(|p| p.verdict.reprovision) {
        out.push(Risk {
            level: RiskLevel::High,
            what: format!("Every register must be reprovisioned (against {})", v.label),
            consequence: "Offline databases are rebuilt by a full download: transactions a register has not uploaded are lost with its old database, and until the new one is provisioned the register cannot go offline.".into(),
            source: "Reprovisioning verdict".into(),
        });
    }
    match &r.extras.sim {
        None => out.push(Risk {
            level: RiskLevel::Low,
            what: "No simulation is attached to this report".into(),
            consequence: "Database sizes, sessions per day, storms and conflicts are not estimated; run the profile in the Simulation area (or `profile-package simulate`) before signing.".into(),
            source: "Simulation".into(),
        }),
        Some(sim) => {
            if r.sim_matches == Some(false) {
                out.push(Risk {
                    level: RiskLevel::Medium,
                    what: "The attached simulation ran on another version of this profile".into(),
                    consequence: "Its sizes, sessions and problems may not hold for the version being signed: run the profile again and attach that run.".into(),
                    source: "Simulation".into(),
                });
            }
            let s = &sim.summary;
            let (peak, measured) = sim.largest();
            if peak > DATABASE_GUIDANCE_BYTES {
                out.push(Risk {
                    level: if peak > DATABASE_CAP_BYTES { RiskLevel::High } else { RiskLevel::Medium },
                    what: format!("The largest register database reaches {} ({})", human_bytes(peak as f64), if measured { "measured" } else { "estimate" }),
                    consequence: "Above the 8 GB guidance: provisioning is slow, and at the 10 GB SQL Server Express cap the register can no longer switch offline.".into(),
                    source: "Simulation: database size".into(),
                });
            }
            if s.storm() {
                out.push(Risk {
                    level: RiskLevel::Medium,
                    what: format!("Sync storm: {:.0} sessions per register per day (threshold {STORM_SESSIONS_PER_DAY:.0})", s.sessions_per_register_per_day()),
                    consequence: "The store database and its link are kept busy by synchronization; with many stores, head office generates a session for every register and job.".into(),
                    source: "Simulation: sessions".into(),
                });
            }
            if s.problems > 0 {
                out.push(Risk {
                    level: RiskLevel::Medium,
                    what: format!("{} problem{} found by the simulation's queries", s.problems, if s.problems == 1 { "" } else { "s" }),
                    consequence: "Rows reached registers before their parents (or uploads found nothing to send): registers show incomplete data until a later session.".into(),
                    source: "Simulation: problems".into(),
                });
            }
            if sim.conflicts.total > 0 {
                out.push(Risk {
                    level: RiskLevel::Low,
                    what: format!("{} conflict{} in bidirectional scopes ({} kept the store's version, {} the register's)", sim.conflicts.total, if sim.conflicts.total == 1 { "" } else { "s" }, sim.conflicts.store_won, sim.conflicts.register_won),
                    consequence: "A change made on one side is overwritten by the other: a customer edit at the register can be lost, or head office's correction undone.".into(),
                    source: "Simulation: conflicts".into(),
                });
            }
        }
    }
    out.sort_by_key(|r| r.level);
    out
}

/// The deployment-day checklist: each line gets a tick box.
pub fn checklist(r: &Report) -> Vec<String> {
    let mut out = vec![
        "Before reprovisioning or upgrading any register: drain its offline transactions \u{2014} bring it online, let its upload scopes complete, and confirm no offline transaction is waiting.".to_string(),
    ];
    let downloads: Vec<String> = r
        .scopes
        .iter()
        .filter(|s| s.direction != "Upload")
        .map(|s| format!("{} {}", s.position, s.description))
        .collect();
    out.push(format!(
        "Run the jobs a register needs before it can go offline, in this order, and confirm each completed (staff, channel configuration and registers first): {}.",
        downloads.join("; ")
    ));
    let changed = r
        .extras
        .previous
        .as_ref()
        .is_some_and(|p| p.verdict.reprovision);
    out.push(if changed {
        "This version changes what offline databases hold: confirm the Store Database Utility has run on every register of every store using the profile.".to_string()
    } else {
        "Confirm the Store Database Utility has run on every register of a store whose profile changed (none needed for this version if the verdict above says so).".to_string()
    });
    out.push("Confirm no register is in the middle of a download session and none has its disk full or its database at 10 GB: such a register cannot switch offline.".into());
    for test in [
        "Offline test: sign in",
        "Offline test: open and close a shift",
        "Offline test: product search",
        "Offline test: cash-and-carry sale",
        "Offline test: blind return",
        "Offline test: discounts",
        "Offline test: unit of measure",
        "Offline test: each tender type",
        "Offline test: electronic journal",
        "Offline test: forced disconnect in the middle of a transaction",
        "Offline test: a product or customer missing offline",
        "Offline test: upload after reconnect",
    ] {
        out.push(test.to_string());
    }
    out
}
