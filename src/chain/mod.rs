//! The chain planner (pure): a plan of store groups and waves across a chain, the distinct
//! simulator runs it needs (one per profile and store shape, never one per store), each run's
//! digest, and the chain's figures put together from them — head-office sessions, each store
//! link's load, onboarding, period-close readiness and reprovisioning.
//!
//! `plan` the plan's data; `check` its checks and control ids; `layout` cohorts and runs;
//! `digest` what a run contributes; `merge`, `close` and `figures` the chain's figures;
//! `file` the plan file; `chart` its charts; `run` a run on any SQLite backend.

pub mod chart;
pub mod check;
pub mod close;
pub mod digest;
pub mod edit;
pub mod figures;
pub mod file;
pub mod layout;
pub mod merge;
pub mod plan;

pub use check::{check, PlanField, PlanIssue};
pub use digest::{digest, RunDigest};
pub use figures::ChainResult;
pub use file::PlanFile;
pub use layout::{layout, Layout, RunSpec};
pub use merge::merge;
pub use plan::{ChainPlan, Cutoff, LinkOutage, Overrides, StoreGroup, Topology, Wave, WaveKind};

use crate::catalog::Catalog;
use crate::model::diff::ResolvedProfile;
use crate::model::Workspace;
use crate::sim::Engine;
use crate::sqlite::Database;

/// A workspace's profiles by name, resolved: the lookup plans use.
pub fn profiles_of(ws: &Workspace) -> impl Fn(&str) -> Option<ResolvedProfile> + '_ {
    move |name| {
        ws.profiles
            .iter()
            .find(|p| p.name == name)
            .map(|p| ResolvedProfile::of(ws, p))
    }
}

/// One run on `db`, to its digest (the command line's path; the browser sends the same run to
/// an engine worker and digests its result the same way).
pub fn run_on<D: Database>(
    db: D,
    spec: &RunSpec,
    profile: &ResolvedProfile,
) -> Result<RunDigest, String> {
    let mut engine = Engine::new(
        db,
        &spec.scenario,
        profile,
        profile.device.reconnect_interval_mins,
        Catalog::builtin(),
    )
    .map_err(|e| e.to_string())?;
    let result = engine.run().map_err(|e| e.to_string())?;
    Ok(digest(spec, profile, result))
}

/// The results as JSON, as the browser downloads them and `chain merge` writes them.
pub fn result_json(r: &ChainResult) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_default();
    s.push('\n');
    s
}
