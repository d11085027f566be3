//! Whether runs fit in memory together: a comparison's two profiles, or a sweep's points run in
//! parallel workers. Each run's estimate is the engine's own ([`estimate_memory`], which
//! [`crate::sim::Engine::new`] refuses above [`MEMORY_BUDGET`]); runs at once share one budget,
//! since they share one machine.

use crate::catalog::Catalog;
use crate::model::diff::ResolvedProfile;
use crate::sim::engine::{estimate_memory, MEMORY_BUDGET};
use crate::sim::Scenario;

/// The memory one run is estimated to need, bytes.
pub fn run_bytes(scenario: &Scenario, profile: &ResolvedProfile) -> u64 {
    estimate_memory(scenario, profile, Catalog::builtin())
}

/// Whether runs needing `each` bytes fit in [`MEMORY_BUDGET`] together; if not, why, in words
/// that name what to change.
pub fn fits_together(each: &[u64]) -> Result<(), String> {
    let total: u64 = each.iter().sum();
    if total <= MEMORY_BUDGET {
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
    Err(format!(
        "{what}, more than the {} MB a browser tab can give them. Try fewer products, customers, registers or simulated hours{}.",
        mb(MEMORY_BUDGET),
        if each.len() > 1 { ", or run them one at a time" } else { "" }
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
