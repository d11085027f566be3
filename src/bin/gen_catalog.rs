//! Regenerates `src/catalog/tables.tsv` and `src/catalog/columns.tsv` from
//! `data/channel_tables.json`.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use offline_profile_studio::catalog::generate::generate;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = root.join("data/channel_tables.json");
    let write = |name: &str, text: &str| {
        let target = root.join("src/catalog").join(name);
        std::fs::write(&target, text).map_err(|e| format!("{}: {e}", target.display()))?;
        println!("wrote {}", target.display());
        Ok(())
    };
    let result = std::fs::read_to_string(&source)
        .map_err(|e| format!("{}: {e}", source.display()))
        .and_then(|json| generate(&json))
        .and_then(|compact| {
            write("tables.tsv", &compact.tables)?;
            write("columns.tsv", &compact.columns)
        });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-catalog: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
