//! The system a profile is designed for. The procedure the studio follows describes AX 2012 R3
//! Retail essentials; the full AX 2012 R3 release never implemented several of its settings, and
//! Dynamics 365 Commerce moved the same ideas to other screens (`../shared/VENDOR-FACTS.md`).
//! Which settings have no effect is worded by `validation::target`; what a system does instead,
//! for the simulator, is [`TargetSystem::effective`].

use super::diff::ResolvedProfile;
use super::{Frequency, OfflineCustomers, OfflineProducts, TimeUnit};
use serde::{Deserialize, Serialize};

/// The target system of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum TargetSystem {
    /// AX 2012 R3 Retail essentials, as the procedure documents it: every setting works.
    #[default]
    #[serde(rename = "ax2012r3-essentials")]
    Essentials,
    /// AX 2012 R3 as released: scope frequencies, product and customer limits and five of the
    /// seven device settings are not implemented.
    #[serde(rename = "ax2012r3-released")]
    Ax2012R3,
    /// Dynamics 365 Commerce: download sessions from distribution schedules, no offline product
    /// or customer limits.
    #[serde(rename = "d365-commerce")]
    Commerce,
}

/// The one interval the studio assumes when a system ignores scope frequencies (AX 2012 R3 as
/// released): every scope synchronizes this often.
pub const RELEASED_SYNC_MINUTES: i64 = 15;

impl TargetSystem {
    /// Every target, in display order.
    pub const ALL: [TargetSystem; 3] = [
        TargetSystem::Essentials,
        TargetSystem::Ax2012R3,
        TargetSystem::Commerce,
    ];

    /// The name people read.
    pub fn label(self) -> &'static str {
        match self {
            TargetSystem::Essentials => "AX 2012 R3 Retail essentials (as documented)",
            TargetSystem::Ax2012R3 => "AX 2012 R3 (as released)",
            TargetSystem::Commerce => "Dynamics 365 Commerce",
        }
    }

    /// A stable key (forms and files).
    pub fn key(self) -> &'static str {
        match self {
            TargetSystem::Essentials => "ax2012r3-essentials",
            TargetSystem::Ax2012R3 => "ax2012r3-released",
            TargetSystem::Commerce => "d365-commerce",
        }
    }

    /// Whether scope frequencies decide when sessions run.
    pub fn honours_frequencies(self) -> bool {
        self != TargetSystem::Ax2012R3
    }

    /// Whether the Offline products and Offline customers limits decide what goes offline.
    pub fn honours_limits(self) -> bool {
        self == TargetSystem::Essentials
    }

    /// The profile as this system would run it, and the assumptions that took, in words (empty
    /// when the system does what the profile says).
    pub fn effective(self, p: &ResolvedProfile) -> (ResolvedProfile, Vec<String>) {
        let mut out = p.clone();
        let mut assumptions = Vec::new();
        if !self.honours_frequencies() {
            for s in &mut out.scopes {
                s.frequency = Frequency::every(RELEASED_SYNC_MINUTES, TimeUnit::Minutes);
            }
            assumptions.push(format!(
                "{}: scope frequencies are not implemented, so every scope was simulated as synchronizing every {RELEASED_SYNC_MINUTES} minutes (an assumption: the release documents no interval).",
                self.label()
            ));
        }
        if !self.honours_limits() && (p.products.limited || p.customers.limited) {
            out.products = OfflineProducts {
                limited: false,
                ..p.products.clone()
            };
            out.customers = OfflineCustomers {
                limited: false,
                ..p.customers.clone()
            };
            assumptions.push(format!(
                "{}: the Offline products and Offline customers limits have no effect, so every product and customer was simulated as going offline.",
                self.label()
            ));
        }
        if self == TargetSystem::Commerce {
            assumptions.push("Dynamics 365 Commerce: each scope's frequency was simulated as the recurrence of the distribution schedule job that generates its download sessions; sessions are applied only while the POS app runs (assumed always running).".into());
        }
        (out, assumptions)
    }
}
