//! Invariants of ARCHITECTURE.md checked on the source tree: the pure core names no browser
//! crate, raw JavaScript values stay in the edge files ARCHITECTURE.md lists, the workspace signal
//! is written only by the state module, and no test is skipped.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, relative to the crate root with `/` separators.
fn rust_files(dir: &str) -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    walk(&root().join(dir), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The source without comments, so that a word in a doc comment is no violation.
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Files of `files` whose code names any of `words`, with the first word found.
fn naming<'a>(files: &'a [(String, String)], words: &[&str]) -> Vec<(&'a str, String)> {
    files
        .iter()
        .filter_map(|(path, text)| {
            let code = code(text);
            words
                .iter()
                .find(|w| code.contains(*w))
                .map(|w| (path.as_str(), w.to_string()))
        })
        .collect()
}

/// The edge files ARCHITECTURE.md lists between its `edges` markers.
fn edge_files() -> Vec<String> {
    let doc = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let start = doc
        .find("<!-- edges: begin -->")
        .expect("ARCHITECTURE.md lists the edges");
    let end = doc.find("<!-- edges: end -->").expect("the edge list ends");
    doc[start..end]
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_string)
        .collect()
}

const CORE: [&str; 8] = [
    "src/catalog",
    "src/chain",
    "src/signoff",
    "src/model",
    "src/validation",
    "src/persist",
    "src/package",
    "src/sim",
];
const BROWSER_CRATES: [&str; 5] = ["leptos", "web_sys", "js_sys", "wasm_bindgen", "gloo"];

#[test]
fn the_core_names_no_browser_crate() {
    let mut files: Vec<(String, String)> = CORE.iter().flat_map(|d| rust_files(d)).collect();
    files.extend(
        rust_files("src/sqlite")
            .into_iter()
            .filter(|(p, _)| p != "src/sqlite/sqljs.rs"),
    );
    assert!(
        files.len() > 20,
        "the core was found: {} files",
        files.len()
    );
    assert_eq!(
        naming(&files, &BROWSER_CRATES),
        Vec::<(&str, String)>::new()
    );
}

#[test]
fn raw_javascript_values_stay_in_the_edge_files() {
    let edges = edge_files();
    assert!(
        edges.len() >= 3,
        "ARCHITECTURE.md lists the edges: {edges:?}"
    );
    for edge in &edges {
        assert!(root().join(edge).is_file(), "listed edge {edge} exists");
    }
    let files: Vec<(String, String)> = rust_files("src")
        .into_iter()
        .filter(|(p, _)| !edges.contains(p))
        .collect();
    assert_eq!(
        naming(&files, &["JsValue", "js_sys"]),
        Vec::<(&str, String)>::new()
    );
}

#[test]
fn only_the_state_module_writes_the_workspace() {
    let state = std::fs::read_to_string(root().join("src/ui/state.rs")).unwrap();
    assert!(
        code(&state).contains("\n    ws: RwSignal<Workspace>,"),
        "the workspace signal is a private field of Studio"
    );
    let others: Vec<(String, String)> = rust_files("src/ui")
        .into_iter()
        .filter(|(p, _)| p != "src/ui/state.rs")
        .collect();
    assert_eq!(
        naming(
            &others,
            &[
                ".ws.set(",
                ".ws.update(",
                ".ws.write(",
                "RwSignal<Workspace>"
            ]
        ),
        Vec::<(&str, String)>::new()
    );
}

#[test]
fn no_test_is_skipped() {
    let mut files = rust_files("tests");
    files.extend(rust_files("src"));
    files.extend(rust_files("benches"));
    let ignore = format!("#[{}", "ignore");
    assert_eq!(naming(&files, &[&ignore]), Vec::<(&str, String)>::new());
    // End-to-end tests: no test.skip or test.only left behind.
    let dir = root().join("tests/e2e");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "mjs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for bad in [
                "test.skip(",
                "test.only(",
                "test.fixme(",
                "describe.skip(",
                "describe.only(",
            ] {
                assert!(!text.contains(bad), "{} has {bad}", path.display());
            }
        }
    }
}

/// Split points (`wasm_split`) are exported symbols: one in the library would pull its whole
/// area into every binary that links it, the engine worker's wasm included. They live in the app
/// binary, `src/main.rs`, only.
#[test]
fn split_points_live_in_the_app_binary_only() {
    let planted: Vec<String> = rust_files("src")
        .into_iter()
        .filter(|(path, text)| path != "src/main.rs" && code(text).contains("#[wasm_split("))
        .map(|(path, _)| path)
        .collect();
    assert!(
        planted.is_empty(),
        "split points outside src/main.rs: {planted:?}"
    );
    let main = std::fs::read_to_string(root().join("src/main.rs")).unwrap();
    assert!(
        code(&main).contains("#[wasm_split("),
        "src/main.rs has the split points"
    );
}
