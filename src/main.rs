//! The browser entry point: installs the panic hook and mounts the app, with the split points
//! of the areas that load on demand (`ui::areas`; the build splits them into chunks,
//! tools/split.mjs). They are here, in the app binary only, so that the engine worker's wasm,
//! which shares the library, does not carry the areas.

#[cfg(target_arch = "wasm32")]
mod split {
    use leptos::prelude::AnyView;
    use leptos::wasm_split::wasm_split;
    use offline_profile_studio::model::ProfileId;
    use offline_profile_studio::ui::areas::{view, Area, Build, Loaders, Named, Selected};

    // Each split point answers with its area's view builder (`ui::areas::view`).
    #[wasm_split(simulation, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn simulation() -> Area<fn() -> AnyView> {
        Ok(view::simulation)
    }
    #[wasm_split(present, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn present() -> Area<Build<String>> {
        Ok(view::present)
    }
    #[wasm_split(chain, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn chain() -> Area<fn() -> AnyView> {
        Ok(view::chain)
    }
    #[wasm_split(packages, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn packages() -> Area<Build<Named>> {
        Ok(view::packages)
    }
    #[wasm_split(report, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn report() -> Area<Build<Named>> {
        Ok(view::report)
    }
    #[wasm_split(catalog, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn catalog() -> Area<Build<Selected>> {
        Ok(view::catalog)
    }
    #[wasm_split(glossary, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn glossary() -> Area<Build<Selected>> {
        Ok(view::glossary)
    }
    #[wasm_split(bench, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn bench() -> Area<Build<String>> {
        Ok(view::bench)
    }
    #[wasm_split(profile_more, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn profile_more() -> Area<Build<ProfileId>> {
        Ok(view::profile_more)
    }

    pub const LOADERS: Loaders = Loaders {
        simulation: || Box::pin(simulation()),
        present: || Box::pin(present()),
        chain: || Box::pin(chain()),
        packages: || Box::pin(packages()),
        report: || Box::pin(report()),
        catalog: || Box::pin(catalog()),
        glossary: || Box::pin(glossary()),
        bench: || Box::pin(bench()),
        profile_more: || Box::pin(profile_more()),
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
