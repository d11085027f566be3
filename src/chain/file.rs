//! The plan as a file: the plan and every profile it names, so the command line (or another
//! studio) can run it without the workspace it came from.

use super::plan::{ChainPlan, WaveKind};
use crate::model::diff::ResolvedProfile;
use serde::{Deserialize, Serialize};

/// The format name of a plan file.
pub const PLAN_FORMAT: &str = "offline-profile-studio/chain-plan";
/// The version this build writes and reads.
pub const PLAN_VERSION: u32 = 1;

/// A plan file (`*.chain.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct PlanFile {
    /// Always `offline-profile-studio/chain-plan`.
    pub format: String,
    /// The format version (1).
    pub version: u32,
    pub plan: ChainPlan,
    /// The profiles the plan names, resolved (each once).
    pub profiles: Vec<ResolvedProfile>,
}

impl PlanFile {
    /// The file of `plan`, with the profiles it names as `profile` finds them.
    pub fn of(plan: &ChainPlan, profile: &dyn Fn(&str) -> Option<ResolvedProfile>) -> PlanFile {
        let mut names: Vec<&str> = plan.groups.iter().map(|g| g.profile.as_str()).collect();
        names.extend(plan.waves.iter().filter_map(|w| match &w.kind {
            WaveKind::ProfileChange { profile, .. } => Some(profile.as_str()),
            WaveKind::GoLive { .. } => None,
        }));
        let mut profiles: Vec<ResolvedProfile> = Vec::new();
        for n in names {
            if profiles.iter().all(|p| p.name != n) {
                profiles.extend(profile(n));
            }
        }
        PlanFile {
            format: PLAN_FORMAT.to_string(),
            version: PLAN_VERSION,
            plan: plan.clone(),
            profiles,
        }
    }

    /// The file as pretty JSON.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Reads a plan file, saying what is wrong and where.
    pub fn read(text: &str) -> Result<PlanFile, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            format!(
                "This is not a JSON file (line {}, column {}: {e}).",
                e.line(),
                e.column()
            )
        })?;
        let format = value.get("format").and_then(|f| f.as_str()).unwrap_or("");
        if format != PLAN_FORMAT {
            return Err(format!("This is not a chain plan: its \u{201c}format\u{201d} is \u{201c}{format}\u{201d}, not \u{201c}{PLAN_FORMAT}\u{201d}."));
        }
        let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
        if version != u64::from(PLAN_VERSION) {
            return Err(format!(
                "This plan file is version {version}; this studio reads version {PLAN_VERSION}."
            ));
        }
        serde_json::from_str(text).map_err(|e| {
            format!(
                "The plan file does not fit the chain-plan schema at line {}, column {}: {e}.",
                e.line(),
                e.column()
            )
        })
    }

    /// The embedded profile called `name`.
    pub fn profile(&self, name: &str) -> Option<ResolvedProfile> {
        self.profiles.iter().find(|p| p.name == name).cloned()
    }
}
