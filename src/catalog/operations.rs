//! The register operations and the tables each needs offline (`data/operations.json`, compiled
//! in): at least every operation of the vendor's offline test checklist, each need with the way
//! it must travel, why, and its source — documented where a vendor document ties the data to
//! the operation, else inferred. What a profile makes of them is `validation::operations`.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The operations file, as compiled in.
pub const OPERATIONS_JSON: &str = include_str!("../../data/operations.json");

/// Which way a table must travel for an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Flow {
    /// Head office to register: the register reads it.
    Down,
    /// Register to head office: the register records it.
    Up,
}

/// One table an operation needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Need {
    pub table: String,
    pub dir: Flow,
    /// Why the operation needs it, for people.
    pub why: String,
    /// `inferred`, or `documented: …` with what the document says.
    pub source: String,
    /// The operation shows stale data when the table's scope synchronizes less often.
    #[serde(default)]
    pub fresh_minutes: Option<u32>,
}

impl Need {
    /// Whether a vendor document ties this table to the operation.
    pub fn documented(&self) -> bool {
        self.source.starts_with("documented")
    }
}

/// One register operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    pub key: String,
    pub name: String,
    /// On the vendor's offline test checklist.
    #[serde(default)]
    pub checklist: bool,
    /// Reads the offline product set (a product limit leaves some out).
    #[serde(default)]
    pub products: bool,
    /// Reads the offline customer set.
    #[serde(default)]
    pub customers: bool,
    /// What it cannot do offline whatever the profile holds.
    #[serde(default)]
    pub offline_limit: Option<String>,
    pub needs: Vec<Need>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: String,
    #[allow(dead_code)]
    about: String,
    operations: Vec<Operation>,
}

/// Every operation, in the file's order (parsed once; a host test checks the file).
pub fn operations() -> &'static [Operation] {
    static OPS: OnceLock<Vec<Operation>> = OnceLock::new();
    OPS.get_or_init(|| parse(OPERATIONS_JSON).unwrap_or_default())
}

/// Parses an operations file, saying what is wrong with a bad one.
pub fn parse(text: &str) -> Result<Vec<Operation>, String> {
    let file: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if file.format != "offline-profile-studio/operations" {
        return Err(format!("unexpected format {:?}", file.format));
    }
    Ok(file.operations)
}
