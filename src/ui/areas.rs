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
use std::rc::Rc;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use super::{bench, catalog_page, chain, glossary_page, packages, profiles, report, simulation};
use crate::model::ProfileId;

/// An area's code did not arrive.
#[derive(Clone, Copy)]
pub struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// A split point's answer: once its chunk has arrived, the function that builds its view (or why
/// the chunk did not arrive). The view is built by the page that asked, while it still shows:
/// a chunk that arrives after the user moved on builds nothing.
pub type Area<V> = Result<V, NotLoaded>;
/// A split point's chunk on its way.
pub type Loading<V> = Pin<Box<dyn Future<Output = Area<V>>>>;

/// A split point: it fetches its chunk and answers with a view builder `V`.
pub type Load<V> = fn() -> Loading<V>;
/// A view builder that takes `A` (a route's value, the profile, …).
pub type Build<A> = fn(A) -> AnyView;
/// A route's optional name or fragment.
pub type Named = Option<String>;
/// A route's selection, followed as it changes.
pub type Selected = Signal<Option<String>>;

/// How the app binary loads each area (its split points); each gives the area's view builder.
#[derive(Clone, Copy)]
pub struct Loaders {
    pub simulation: Load<fn() -> AnyView>,
    pub present: Load<Build<String>>,
    pub chain: Load<fn() -> AnyView>,
    pub packages: Load<Build<Named>>,
    pub report: Load<Build<Named>>,
    pub catalog: Load<Build<Selected>>,
    pub glossary: Load<Build<Selected>>,
    pub bench: Load<Build<String>>,
    /// The parts of the Profiles area below its first screen (`Below`).
    pub profile_more: Load<Build<(ProfileId, Below)>>,
}

/// A part of the Profiles area below its first screen, all in one chunk (fetched right after
/// the page's own code).
#[derive(Clone, Copy)]
pub enum Below {
    /// The editor under the Offline tables grid (`profiles::editor_below`).
    Editor,
    /// Operations offline, under the findings in the Checks panel.
    Operations,
}

/// The areas' views: each split point answers with one of these.
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
    pub fn profile_more((id, part): (ProfileId, Below)) -> AnyView {
        match part {
            Below::Editor => profiles::editor_below(id),
            Below::Operations => view! { <profiles::OperationsPanel id/> }.into_any(),
        }
    }
}

/// `what` ("the Chain area") once `load` has brought its code, built by `show`: a status line
/// meanwhile, and where the code cannot be fetched, what happened and a button that tries again.
/// Generic only in this thin wrapper: the page itself is one function for every area.
pub fn on_demand<V: Copy + 'static>(
    what: &'static str,
    load: fn() -> Loading<V>,
    show: impl Fn(V) -> AnyView + 'static,
) -> AnyView {
    let show = Rc::new(show);
    area_page(
        what,
        Box::new(move || {
            let show = show.clone();
            Box::pin(async move {
                let build = load().await?;
                Ok(Rc::new(move || show(build)) as Shown)
            })
        }),
    )
}

/// An area's view once its code is there.
type Shown = Rc<dyn Fn() -> AnyView>;

fn area_page(what: &'static str, load: Box<dyn Fn() -> Loading<Shown>>) -> AnyView {
    let area = LocalResource::new(load);
    let what_ = what.strip_prefix("the ").unwrap_or(what);
    view! {
        {move || match area.get() {
            None => view! { <p class="area-loading" role="status">{format!("Loading {what}…")}</p> }.into_any(),
            Some(Ok(show)) => untrack(|| show()),
            Some(Err(NotLoaded)) => view! {
                <div class="banner bad" role="alert">
                    <p>{format!("The {what_} could not be loaded: its code did not arrive (the connection may have dropped, or the app was updated meanwhile). Your work is saved and untouched.")}</p>
                    <button type="button" on:click=move |_| area.refetch()>"Try again"</button>
                </div>
            }.into_any(),
        }}
    }
    .into_any()
}
