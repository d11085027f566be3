//! Writes the JSON Schemas of `profile.json`, `manifest.json` and chain plan files, generated from the Rust types,
//! into `schemas/`. A host test fails when the checked-in schemas are stale.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use offline_profile_studio::package::schemas;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    if let Err(e) = std::fs::create_dir_all(&root) {
        eprintln!("gen-schemas: {}: {e}", root.display());
        return std::process::ExitCode::FAILURE;
    }
    for (name, text) in schemas::generate() {
        let path = root.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("gen-schemas: {}: {e}", path.display());
            return std::process::ExitCode::FAILURE;
        }
        println!("wrote {}", path.display());
    }
    std::process::ExitCode::SUCCESS
}

#[cfg(target_arch = "wasm32")]
fn main() {}
