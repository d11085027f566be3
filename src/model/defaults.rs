//! The default profile `Default pr`, built from the catalog: one scope per scheduler job with
//! that job's tables, in job order, with frequencies chosen here and marked as defaults.

use super::{ConflictPolicy, Frequency, Scope, ScopeId, SyncDirection, TimeUnit};
use crate::catalog::{Catalog, Job};

/// The built-in profile's name, as in the original product.
pub const DEFAULT_PROFILE_NAME: &str = "Default pr";

/// The jobs of the default profile in sync order, with the default frequency of each.
/// Frequencies are this app's defaults, not the original product's: fast-changing data
/// (customers, prices, availability, sales) often, slow reference data rarely.
const JOBS: [(Job, i64, TimeUnit); 14] = [
    (Job::Scheduler(1000), 24, TimeUnit::Hours),
    (Job::Scheduler(1010), 15, TimeUnit::Minutes),
    (Job::Scheduler(1020), 15, TimeUnit::Minutes),
    (Job::Scheduler(1040), 30, TimeUnit::Minutes),
    (Job::Scheduler(1050), 1, TimeUnit::Hours),
    (Job::Scheduler(1060), 1, TimeUnit::Hours),
    (Job::Scheduler(1070), 1, TimeUnit::Hours),
    (Job::Scheduler(1080), 6, TimeUnit::Hours),
    (Job::Scheduler(1090), 1, TimeUnit::Hours),
    (Job::Scheduler(1110), 6, TimeUnit::Hours),
    (Job::Scheduler(1120), 6, TimeUnit::Hours),
    (Job::Scheduler(1130), 15, TimeUnit::Minutes),
    (Job::Scheduler(1150), 1, TimeUnit::Hours),
    (Job::PosTransactions, 5, TimeUnit::Minutes),
];

/// The default scopes (with placeholder ids), in the default profile's order.
pub fn default_profile_scopes() -> Vec<Scope> {
    let catalog = Catalog::builtin();
    JOBS.iter()
        .map(|&(job, amount, unit)| Scope {
            id: ScopeId(0),
            description: job.label(),
            direction: if job == Job::PosTransactions {
                SyncDirection::Upload
            } else {
                SyncDirection::Download
            },
            frequency: Frequency::every(amount, unit),
            tables: catalog
                .tables_of_job(job)
                .map(|(_, t)| t.name.clone())
                .collect(),
            conflict_policy: ConflictPolicy::StoreWins,
            default_frequency: true,
        })
        .collect()
}
