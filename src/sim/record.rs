//! A finished run as a file: what a simulation adds up to, with its scenario, as JSON
//! (`offline-profile-studio/simulation`). The command line writes it (`profile-package
//! simulate`), the sign-off report reads it (`profile-package report --sim`), and the app builds
//! the same record from its own run, so a report says the same whichever made it.

use super::engine::{SimResult, SizeSample, Winner};
use super::report::{RegisterSize, ScopeTotals, Summary};
use super::scenario::Scenario;
use crate::model::diff::ResolvedProfile;
use serde::{Deserialize, Serialize};

/// The `format` of a simulation record.
pub const SIM_FORMAT: &str = "offline-profile-studio/simulation";
/// The record format version this build writes and reads.
pub const SIM_FORMAT_VERSION: u32 = 1;
/// At most this many distinct problem texts are kept (the most frequent).
const MAX_PROBLEMS: usize = 30;

/// One kind of problem the run's queries found, and in how many sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProblemCount {
    /// The problem, in words.
    pub text: String,
    /// Sessions that reported it.
    pub sessions: usize,
}

/// Conflicts of bidirectional scopes and which side won them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConflictCounts {
    pub total: usize,
    pub store_won: usize,
    pub register_won: usize,
}

/// A finished run of one profile on one scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimRecord {
    /// Always [`SIM_FORMAT`].
    pub format: String,
    /// [`SIM_FORMAT_VERSION`].
    pub format_version: u32,
    /// The simulated profile's name.
    pub profile: String,
    /// The simulated profile's content ([`crate::package::profile_fingerprint`]); empty when
    /// not known.
    #[serde(default)]
    pub profile_fingerprint: String,
    /// Every value the run assumed.
    pub scenario: Scenario,
    /// What the profile's target system does instead of what the profile says, as the run
    /// modelled it (empty for the documented AX 2012 R3 Retail essentials).
    #[serde(default)]
    pub assumptions: Vec<String>,
    /// Simulated hours until the last session ended.
    pub hours: f64,
    /// The run's figures.
    pub summary: Summary,
    /// Rows and bytes per scope, per register on average, in profile order.
    pub scopes: Vec<ScopeTotals>,
    /// Each register's final and largest database size.
    pub registers: Vec<RegisterSize>,
    /// Database sizes over time (the size chart's points).
    pub sizes: Vec<SizeSample>,
    /// What the queries found, most frequent first.
    pub problems: Vec<ProblemCount>,
    /// Conflicts and their winners.
    pub conflicts: ConflictCounts,
}

impl SimRecord {
    /// The record of a run.
    pub fn of(profile: &ResolvedProfile, scenario: &Scenario, result: &SimResult) -> SimRecord {
        let mut problems: Vec<ProblemCount> = Vec::new();
        for text in result.sessions.iter().flat_map(|s| &s.problems) {
            match problems.iter_mut().find(|p| &p.text == text) {
                Some(p) => p.sessions += 1,
                None => problems.push(ProblemCount {
                    text: text.clone(),
                    sessions: 1,
                }),
            }
        }
        problems.sort_by(|a, b| b.sessions.cmp(&a.sessions).then(a.text.cmp(&b.text)));
        problems.truncate(MAX_PROBLEMS);
        let won = |w: Winner| result.conflicts.iter().filter(|c| c.winner == w).count();
        SimRecord {
            format: SIM_FORMAT.into(),
            format_version: SIM_FORMAT_VERSION,
            profile: profile.name.clone(),
            profile_fingerprint: crate::package::profile_fingerprint(profile),
            scenario: scenario.clone(),
            assumptions: profile.target.effective(profile).1,
            hours: result.end() / 3600.0,
            summary: result.summary(),
            scopes: result.scope_totals(),
            registers: result.register_sizes(),
            sizes: result.sizes.clone(),
            problems,
            conflicts: ConflictCounts {
                total: result.conflicts.len(),
                store_won: won(Winner::Store),
                register_won: won(Winner::Register),
            },
        }
    }

    /// Reads a record, saying what is wrong with a file that is not one.
    pub fn parse(text: &str) -> Result<SimRecord, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("malformed JSON ({e})"))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(SIM_FORMAT) {
            return Err(format!(
                "not a simulation record: its \u{201c}format\u{201d} is not \u{201c}{SIM_FORMAT}\u{201d} (make one with `profile-package simulate`)"
            ));
        }
        match value.get("format_version").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(SIM_FORMAT_VERSION) => {}
            Some(v) => {
                return Err(format!(
                    "simulation record format version {v}; this version reads {SIM_FORMAT_VERSION}"
                ))
            }
            None => return Err("format_version: missing or not a number".into()),
        }
        serde_json::from_value(value)
            .map_err(|e| format!("does not match the simulation record format: {e}"))
    }

    /// The record as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Whether the record simulated exactly `profile` (`None` when it does not say).
    pub fn simulated(&self, profile: &ResolvedProfile) -> Option<bool> {
        (!self.profile_fingerprint.is_empty())
            .then(|| self.profile_fingerprint == crate::package::profile_fingerprint(profile))
    }

    /// The largest register database at any moment (estimate).
    pub fn peak_bytes(&self) -> u64 {
        self.summary.peak_database_bytes
    }

    /// Adds each register's measured size (`(register, bytes)`).
    pub fn with_measured(mut self, measured: &[(u32, u64)]) -> SimRecord {
        self.registers = super::report::with_measurements(self.registers, measured);
        self
    }

    /// The largest register database measured, if any register was.
    pub fn largest_measured(&self) -> Option<u64> {
        self.registers.iter().filter_map(|r| r.measured_bytes).max()
    }

    /// The largest register database as the guidance compares it: measured when known, else
    /// the largest estimate during the run; and whether it was measured.
    pub fn largest(&self) -> (u64, bool) {
        match self.largest_measured() {
            Some(m) => (m, true),
            None => (self.peak_bytes(), false),
        }
    }
}
