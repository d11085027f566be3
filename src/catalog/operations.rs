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

/// The operations catalog as Markdown (`docs/operations.md`, kept current by a host test):
/// every operation, the tables it needs, which way, why, and where each mapping comes from.
pub fn markdown() -> String {
    let mut out = String::from("# Register operations offline\n\nGENERATED from `data/operations.json` by a host test (`UPDATE_DOCS=1 cargo test --test operations` rewrites it). The Profiles area, `operations.json` in packages and the sign-off report say for a profile whether each operation is **available**, **degraded** or **unavailable** offline (`src/validation/operations.rs`).\n\nA mapping is *documented* where a vendor document ties the data to the operation (the error a register shows and the scheduler job that cures it, in `../shared/VENDOR-FACTS.md`); every other mapping is *inferred* from the table's name and role in the channel schema. \"Test list\" marks the operations of the vendor's offline test checklist.\n");
    for op in operations() {
        out.push_str(&format!(
            "\n## {}{}\n\n",
            op.name,
            if op.checklist { " (test list)" } else { "" }
        ));
        let mut reads = Vec::new();
        if op.products {
            reads.push("the offline product set (a product limit degrades it)");
        }
        if op.customers {
            reads.push("the offline customer set (a customer limit degrades it)");
        }
        if !reads.is_empty() {
            out.push_str(&format!("Reads {}.\n\n", reads.join(" and ")));
        }
        if let Some(limit) = &op.offline_limit {
            out.push_str(&format!("Offline, always degraded: {limit}.\n\n"));
        }
        out.push_str("| table | travels | why | fresh within | source |\n|---|---|---|---|---|\n");
        for n in &op.needs {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                n.table,
                match n.dir {
                    Flow::Down => "down",
                    Flow::Up => "up",
                },
                n.why,
                n.fresh_minutes
                    .map_or(String::new(), |m| format!("{m} min")),
                n.source
            ));
        }
    }
    out
}
