//! The browser entry point: installs the panic hook and mounts the app, with the split points
//! of the areas that load on demand (`ui::areas`; the build splits them into chunks,
//! tools/split.mjs). They are here, in the app binary only, so that the engine worker's wasm,
//! which shares the library, does not carry the areas.

#[cfg(target_arch = "wasm32")]
mod split {
    use leptos::prelude::Signal;
    use leptos::wasm_split::wasm_split;
    use offline_profile_studio::ui::areas::{view, Area, Loaders, Loading};

    #[wasm_split(simulation, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn simulation() -> Area {
        Ok(view::simulation())
    }
    #[wasm_split(present, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn present(payload: String) -> Area {
        Ok(view::present(payload))
    }
    #[wasm_split(chain, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn chain() -> Area {
        Ok(view::chain())
    }
    #[wasm_split(packages, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn packages(shared: Option<String>) -> Area {
        Ok(view::packages(shared))
    }
    #[wasm_split(report, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn report(named: Option<String>) -> Area {
        Ok(view::report(named))
    }
    #[wasm_split(catalog, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn catalog(selected: Signal<Option<String>>) -> Area {
        Ok(view::catalog(selected))
    }
    #[wasm_split(glossary, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn glossary(open: Signal<Option<String>>) -> Area {
        Ok(view::glossary(open))
    }
    #[wasm_split(bench, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn bench(case: String) -> Area {
        Ok(view::bench(case))
    }

    pub const LOADERS: Loaders = Loaders {
        simulation: || -> Loading { Box::pin(simulation()) },
        present: |p| -> Loading { Box::pin(present(p)) },
        chain: || -> Loading { Box::pin(chain()) },
        packages: |s| -> Loading { Box::pin(packages(s)) },
        report: |n| -> Loading { Box::pin(report(n)) },
        catalog: |s| -> Loading { Box::pin(catalog(s)) },
        glossary: |o| -> Loading { Box::pin(glossary(o)) },
        bench: |c| -> Loading { Box::pin(bench(c)) },
    };
}

#[cfg(target_arch = "wasm32")]
fn main() {
    offline_profile_studio::ui::start(split::LOADERS);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "Offline Profile Studio runs in the browser: `make serve`, then open http://127.0.0.1:8080"
    );
}
