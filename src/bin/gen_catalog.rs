//! Regenerates `src/catalog/tables.tsv` from `data/channel_tables.json`.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use offline_profile_studio::catalog::generate::generate;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = root.join("data/channel_tables.json");
    let target = root.join("src/catalog/tables.tsv");
    let result = std::fs::read_to_string(&source)
        .map_err(|e| format!("{}: {e}", source.display()))
        .and_then(|json| generate(&json))
        .and_then(|text| {
            std::fs::write(&target, text).map_err(|e| format!("{}: {e}", target.display()))
        });
    match result {
        Ok(()) => {
            println!("wrote {}", target.display());
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-catalog: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
