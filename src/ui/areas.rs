//! The areas that load on demand. The app's first screen (the Profiles area) is in the page's
//! own wasm; every other area is a split point: the app binary (`src/main.rs`) wraps each of the
//! views below in `wasm_split`, and the build (`tools/split.mjs`) moves each area's code into
//! its own wasm chunk, fetched the first time the area opens and kept by the browser and the
//! service worker (offline use caches every chunk). The split points live in the binary, not
//! here, because a split point is an exported symbol: in the library it would pull every area
//! into the engine worker's wasm too.
//!
//! A chunk that cannot be fetched (a dropped connection, a build replaced meanwhile) is not a
//! crash: the area says so and offers to try again; the workspace is untouched.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;

use super::{bench, catalog_page, chain, glossary_page, packages, report, simulation};

/// An area's code did not arrive.
pub struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// An area's view, or why its code did not arrive.
pub type Area = Result<AnyView, NotLoaded>;
/// An area on its way: its chunk being fetched, then its view.
pub type Loading = Pin<Box<dyn Future<Output = Area>>>;

/// How the app binary loads each area (its split points).
#[derive(Clone, Copy)]
pub struct Loaders {
    pub simulation: fn() -> Loading,
    pub present: fn(String) -> Loading,
    pub chain: fn() -> Loading,
    pub packages: fn(Option<String>) -> Loading,
    pub report: fn(Option<String>) -> Loading,
    pub catalog: fn(Signal<Option<String>>) -> Loading,
    pub glossary: fn(Signal<Option<String>>) -> Loading,
    pub bench: fn(String) -> Loading,
}

/// The areas' views, each called inside its split point.
pub mod view {
    use super::*;

    pub fn simulation() -> AnyView {
        view! { <simulation::SimulationPage/> }.into_any()
    }
    pub fn present(payload: String) -> AnyView {
        view! { <simulation::PresenterPage payload/> }.into_any()
    }
    pub fn chain() -> AnyView {
        view! { <chain::ChainPage/> }.into_any()
    }
    pub fn packages(shared: Option<String>) -> AnyView {
        view! { <packages::PackagesPage shared/> }.into_any()
    }
    pub fn report(named: Option<String>) -> AnyView {
        view! { <report::ReportPage named/> }.into_any()
    }
    pub fn catalog(selected: Signal<Option<String>>) -> AnyView {
        view! { <catalog_page::CatalogPage selected/> }.into_any()
    }
    pub fn glossary(open: Signal<Option<String>>) -> AnyView {
        view! { <glossary_page::GlossaryPage open/> }.into_any()
    }
    pub fn bench(case: String) -> AnyView {
        view! { <bench::BenchPage case/> }.into_any()
    }
}

/// The area `title` once `load` has brought its code: a status line meanwhile, and where the
/// code cannot be fetched, what happened and a button that tries again.
pub fn on_demand(
    title: &'static str,
    load: impl Fn() -> Loading + Send + Sync + 'static,
) -> AnyView {
    let attempt = RwSignal::new(0u32);
    let loading = format!("Loading the {title} area…");
    view! {
        <Suspense fallback=move || view! { <p class="area-loading" role="status">{loading.clone()}</p> }>
            {move || {
                attempt.track();
                let area = SendWrapper::new(load());
                Suspend::new(async move {
                    area.await.unwrap_or_else(|NotLoaded| view! {
                        <div class="banner bad" role="alert">
                            <p>{format!("The {title} area could not be loaded: its code did not arrive (the connection may have dropped, or the app was updated meanwhile). Your work is saved and untouched.")}</p>
                            <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>"Try again"</button>
                        </div>
                    }.into_any())
                })
            }}
        </Suspense>
    }
    .into_any()
}
