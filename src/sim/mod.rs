//! The synchronization simulator (pure core): scenarios with presets, the volume model, and the
//! engine that runs a profile against real SQLite databases through the [`crate::sqlite`]
//! adapter trait — natively in tests, on sql.js in the browser.

pub mod bench;
pub mod chart;
pub mod engine;
pub mod fields;
pub mod lessons;
pub mod memory;
pub mod moment;
pub mod narrate;
pub mod record;
pub mod report;
pub mod scenario;
pub mod serve;
pub mod status;
pub mod sweep;
pub mod volume;

pub use engine::{
    estimate_memory, Conflict, Engine, Measure, Progress, RunPhase, Session, SimError, SimResult,
    SizeSample, TableVolume, Winner, MEMORY_BUDGET,
};
pub use fields::{scenario_field, ScenarioField, SCENARIO_FIELDS};
pub use record::{SimRecord, SIM_FORMAT};
pub use report::{
    RegisterSize, ScopeTotals, StepView, Summary, TableTotals, DATABASE_CAP_BYTES,
    DATABASE_GUIDANCE_BYTES,
};
pub use scenario::{parse_outages, LateRegister, Opening, Outage, Preset, Scenario, ScenarioError};
