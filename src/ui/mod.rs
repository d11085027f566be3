//! The Leptos front end (browser only). It stays thin: it renders core values held in signals
//! and calls core methods; rules live in the core, JavaScript lives in the SQLite adapter.

pub mod areas;
mod bench;
mod catalog_page;
mod chain;
mod crash;
mod engine;
mod fields;
mod glossary_page;
mod packages;
mod profile_picker;
mod profiles;
mod report;
mod route;
mod scroll;
mod simulation;
mod state;
mod storage;
mod tour;

use leptos::prelude::*;
use route::Route;
use state::{StorageState, Studio};

/// Installs the panic hook (the panic in the console, then the crash screen) and mounts the
/// app on `<body>`.
pub fn start(loaders: areas::Loaders) {
    crash::install();
    leptos::mount::mount_to_body(move || view! { <App loaders/> });
}

fn current_route() -> Route {
    Route::from_hash(&window().location().hash().unwrap_or_default())
}

/// The whole app: header with navigation, the current area, and the footer.
#[component]
pub fn App(
    /// How the areas other than Profiles load (`areas`).
    loaders: areas::Loaders,
) -> impl IntoView {
    let (route, set_route) = signal(current_route());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        // Only in builds for the crash-screen test (`--features crash-test`), never in releases.
        #[cfg(feature = "crash-test")]
        if window().location().hash().as_deref() == Ok("#/__panic") {
            panic!("crash-test: panic forced by #/__panic");
        }
        set_route.set(current_route());
    });
    on_cleanup(move || listener.remove());
    let route: Signal<Route> = route.into();
    provide_context(loaders);
    provide_context(catalog_page::CatalogFilters::new());
    provide_context(simulation::SimStore::new());
    provide_context(chain::ChainStore::new());
    provide_context(tour::Tour::new());
    let studio = Studio::start();
    provide_context(studio);
    // App-wide shortcuts: Ctrl+N (or Alt+Shift+N, which browsers leave to pages) creates a
    // profile; Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y redo.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let key = ev.key().to_ascii_lowercase();
        let ctrl = ev.ctrl_key() || ev.meta_key();
        if (ctrl && !ev.shift_key() && key == "n") || (ev.alt_key() && ev.shift_key() && key == "n")
        {
            ev.prevent_default();
            studio.new_profile();
            let _ = window().location().set_hash("#/profiles");
            profiles::focus_name();
        } else if ctrl && key == "z" && !ev.shift_key() {
            ev.prevent_default();
            studio.undo();
        } else if ctrl && (key == "y" || (key == "z" && ev.shift_key())) {
            ev.prevent_default();
            studio.redo();
        }
    });
    on_cleanup(move || keys.remove());
    // Only a change of area rebuilds the page; opening another table keeps the search state.
    let area = Memo::new(move |_| route.get().area());
    let selected_table = Signal::derive(move || match route.get() {
        Route::Catalog { table } => table,
        _ => None,
    });
    let glossary_entry = Signal::derive(move || match route.get() {
        Route::Glossary { entry } => entry,
        _ => None,
    });

    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="app-header">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true">"◧"</span>
                <span class="brand-name">"Offline Profile Studio"</span>
            </div>
            <nav aria-label="Main" class="main-nav">
                <ul class="nav">
                    {Route::AREAS
                        .into_iter()
                        .map(|area| view! { <NavLink area route/> })
                        .collect_view()}
                </ul>
            </nav>
            <div class="header-actions">
                <button type="button" class="ghost" disabled=move || studio.undo_label().is_none() on:click=move |_| studio.undo()
                    aria-label=move || studio.undo_label().map_or_else(|| "Undo".to_string(), |w| format!("Undo: {w}"))
                    title=move || studio.undo_label().map_or_else(|| "Nothing to undo".to_string(), |w| format!("Undo: {w} (Ctrl+Z)"))>"Undo"</button>
                <button type="button" class="ghost" disabled=move || studio.redo_label().is_none() on:click=move |_| studio.redo()
                    aria-label=move || studio.redo_label().map_or_else(|| "Redo".to_string(), |w| format!("Redo: {w}"))
                    title=move || studio.redo_label().map_or_else(|| "Nothing to redo".to_string(), |w| format!("Redo: {w} (Ctrl+Shift+Z or Ctrl+Y)"))>"Redo"</button>
                <tour::HelpMenu/>
                <SaveStatus/>
            </div>
        </header>
        <Banners/>
        <tour::TourPanel/>
        <main id="main" class="app-main" tabindex="-1">
            {move || match area.get() {
                Route::Profiles => view! { <profiles::ProfilesPage/> }.into_any(),
                // Every other area's code arrives when it is first opened (`areas`).
                Route::Catalog { .. } => {
                    areas::on_demand("the Catalog area", loaders.catalog, move |show| show(selected_table))
                }
                Route::Packages => areas::on_demand("the Packages area", loaders.packages, |show| show(None)),
                Route::Report(_) => {
                    let named = match route.get_untracked() {
                        Route::Report(name) => name,
                        _ => None,
                    };
                    areas::on_demand("the Report area", loaders.report, move |show| show(named.clone()))
                }
                // A share link opens the Packages area with its preview; another link rebuilds it.
                Route::Import(payload) => {
                    areas::on_demand("the Packages area", loaders.packages, move |show| show(Some(payload.clone())))
                }
                Route::Simulation => areas::on_demand("the Simulation area", loaders.simulation, |show| show()),
                Route::Chain => areas::on_demand("the Chain area", loaders.chain, |show| show()),
                Route::Present(payload) => {
                    areas::on_demand("the Presenter area", loaders.present, move |show| show(payload.clone()))
                }
                Route::Glossary { .. } => {
                    areas::on_demand("the Glossary area", loaders.glossary, move |show| show(glossary_entry))
                }
                Route::Bench(case) => areas::on_demand("the Bench area", loaders.bench, move |show| show(case.clone())),
            }}
        </main>
        <footer class="app-footer">
            <engine::EngineStatus/>
            <span>"All data stays in this browser. Row sizes are estimates from the catalog."</span>
        </footer>
    }
}

/// One entry of the main navigation.
#[component]
fn NavLink(
    /// The area this link opens.
    area: Route,
    /// The current route, to mark the link of the open area.
    route: Signal<Route>,
) -> impl IntoView {
    let href = area.href();
    let title = area.title();
    let target = area.area();
    let current = Memo::new(move |_| route.with(|r| r.title() == target.title()));
    view! {
        <li>
            <a
                href=href
                class:active=current
                aria-current=move || current.get().then_some("page")
            >
                {title}
            </a>
        </li>
    }
}

/// Whether the workspace is saved, in the header.
#[component]
fn SaveStatus() -> impl IntoView {
    let studio = expect_context::<Studio>();
    move || match studio.storage.get() {
        _ if studio.conflict.with(Option::is_some) => {
            view! { <span class="save bad">"Not saved"</span> }.into_any()
        }
        StorageState::Saved(Some(_)) => {
            view! { <span class="save ok">"Saved in this browser"</span> }.into_any()
        }
        StorageState::Saved(None) => view! { <span class="save ok">"Saved"</span> }.into_any(),
        _ => view! { <span class="save bad">"Not saved"</span> }.into_any(),
    }
}

/// Storage problems and one-off notices, above the page.
#[component]
fn Banners() -> impl IntoView {
    let studio = expect_context::<Studio>();
    view! {
        {move || match studio.storage.get() {
            StorageState::Failed(problem) => Some(view! {
                <div class="banner bad" role="alert">{problem.message()}</div>
            }.into_any()),
            StorageState::Unreadable { reason, .. } => Some(view! {
                <div class="banner bad" role="alert">
                    <p>{format!("Your stored workspace could not be opened: {reason}. It is kept untouched, and nothing is saved over it until you choose. You are working on a fresh workspace meanwhile.")}</p>
                    <button type="button" on:click=move |_| studio.download_unreadable()>"Download the stored data"</button>
                    <button type="button" class="danger" on:click=move |_| studio.discard_unreadable()>"Discard it and save my current work"</button>
                </div>
            }.into_any()),
            StorageState::Saved(_) => None,
        }}
        {move || studio.conflict.with(Option::is_some).then(|| view! {
            <div class="banner bad" role="alert">
                <p>"This workspace was also changed in another tab. So that neither tab's work is lost, changes made here are not saved until you choose which version to keep."</p>
                <button type="button" on:click=move |_| studio.load_other_tab()>"Load the other tab's version"</button>
                <button type="button" class="danger" on:click=move |_| studio.keep_mine()>"Keep mine (overwrites the other tab's save)"</button>
            </div>
        })}
        {move || studio.notice.get().map(|n| view! {
            <div class="banner info" role="status">
                <p>{n.text}</p>
                <button type="button" on:click=move |_| studio.notice.set(None)>"Dismiss"</button>
            </div>
        })}
    }
}
