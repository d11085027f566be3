//! The Leptos front end (browser only). It stays thin: it renders core values held in signals
//! and calls core methods; rules live in the core, JavaScript lives in the SQLite adapter.

mod catalog_page;
mod engine;
mod placeholder;
mod route;

use leptos::prelude::*;
use route::Route;

/// Installs the panic hook and mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

fn current_route() -> Route {
    Route::from_hash(&window().location().hash().unwrap_or_default())
}

/// The whole app: header with navigation, the current area, and the footer.
#[component]
pub fn App() -> impl IntoView {
    let (route, set_route) = signal(current_route());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(current_route());
    });
    on_cleanup(move || listener.remove());
    let route: Signal<Route> = route.into();
    provide_context(catalog_page::CatalogFilters::new());
    // Only a change of area rebuilds the page; opening another table keeps the search state.
    let area = Memo::new(move |_| route.get().area());
    let selected_table = Signal::derive(move || match route.get() {
        Route::Catalog { table } => table,
        _ => None,
    });

    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="app-header">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true">"◧"</span>
                <span class="brand-name">"Offline Profile Studio"</span>
            </div>
            <nav aria-label="Main">
                <ul class="nav">
                    {Route::AREAS
                        .into_iter()
                        .map(|area| view! { <NavLink area route/> })
                        .collect_view()}
                </ul>
            </nav>
        </header>
        <main id="main" class="app-main" tabindex="-1">
            {move || match area.get() {
                Route::Catalog { .. } => {
                    view! { <catalog_page::CatalogPage selected=selected_table/> }.into_any()
                }
                other => view! { <placeholder::Placeholder area=other/> }.into_any(),
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
    let current = Memo::new(move |_| route.with(|r| r.area() == target));
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
