//! The JSON Schemas of the package files, generated from the Rust types (host only).

use super::{Manifest, ProfileFile};

/// `(file name, pretty JSON)` of each schema.
pub fn generate() -> Vec<(&'static str, String)> {
    let profile = schemars::schema_for!(ProfileFile);
    let manifest = schemars::schema_for!(Manifest);
    let plan = schemars::schema_for!(crate::chain::PlanFile);
    vec![
        ("chain-plan.schema.json", pretty(&plan)),
        ("profile.schema.json", pretty(&profile)),
        ("manifest.schema.json", pretty(&manifest)),
    ]
}

fn pretty(schema: &schemars::Schema) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}
