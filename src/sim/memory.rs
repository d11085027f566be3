//! Whether runs fit in memory together: a comparison's two profiles, or a sweep's points run in
//! parallel workers. Each run's estimate is the engine's own ([`estimate_memory`], which
//! [`crate::sim::Engine::new`] refuses above [`MEMORY_BUDGET`]); runs at once share
//! [`TOGETHER_BUDGET`], since they share one machine.

use crate::catalog::Catalog;
use crate::model::diff::ResolvedProfile;
use crate::sim::engine::{estimate_memory, MEMORY_BUDGET};
use crate::sim::Scenario;

/// The memory one run is estimated to need, bytes.
pub fn run_bytes(scenario: &Scenario, profile: &ResolvedProfile) -> u64 {
    estimate_memory(scenario, profile, Catalog::builtin())
}

/// What runs at once may need together, bytes. Each runs in its own worker with its own memory,
/// and the estimates run high (the reference week is estimated at 718 MB and peaks at 286 MiB
/// measured, `make bench`): two runs of the largest size one run may have fit, no more.
pub const TOGETHER_BUDGET: u64 = 2 * MEMORY_BUDGET;

/// Whether runs needing `each` bytes fit: one within [`MEMORY_BUDGET`], several each within it
/// and together within [`TOGETHER_BUDGET`]; if not, why, in words that name what to change.
pub fn fits_together(each: &[u64]) -> Result<(), String> {
    let total: u64 = each.iter().sum();
    let largest = each.iter().copied().max().unwrap_or(0);
    let budget = if each.len() > 1 {
        TOGETHER_BUDGET
    } else {
        MEMORY_BUDGET
    };
    if total <= budget && largest <= MEMORY_BUDGET {
        return Ok(());
    }
    let mb = |b: u64| b.div_ceil(1_000_000);
    let what = match each.len() {
        1 => format!("This run would need about {} MB of memory", mb(total)),
        n => format!(
            "These {n} runs at once would need about {} MB of memory together ({})",
            mb(total),
            each.iter()
                .map(|b| format!("{} MB", mb(*b)))
                .collect::<Vec<_>>()
                .join(" + ")
        ),
    };
    let limit = if largest > MEMORY_BUDGET {
        format!("more than the {} MB one run may use", mb(MEMORY_BUDGET))
    } else {
        format!("more than the {} MB runs at once may use", mb(budget))
    };
    Err(format!(
        "{what}, {limit}. Try fewer products, customers, registers or simulated hours{}.",
        if each.len() > 1 && largest <= MEMORY_BUDGET {
            ", or run them one at a time"
        } else {
            ""
        }
    ))
}

/// How many of the runs needing `each` bytes (in order) may run at once, at most `workers`:
/// the most whose largest estimates fit together (at least one).
pub fn parallel(each: &[u64], workers: usize) -> usize {
    let mut sorted = each.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    (1..=workers.min(each.len()).max(1))
        .rev()
        .find(|n| fits_together(&sorted[..(*n).min(sorted.len())]).is_ok())
        .unwrap_or(1)
}
