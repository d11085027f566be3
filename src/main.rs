//! The browser entry point: installs the panic hook and mounts the app, with the split points
//! of the areas that load on demand (`ui::areas`; the build splits them into chunks,
//! tools/split.mjs). They are here, in the app binary only, so that the engine worker's wasm,
//! which shares the library, does not carry the areas.

#[cfg(target_arch = "wasm32")]
mod split {
    use leptos::prelude::AnyView;
    use leptos::wasm_split::wasm_split;
    use offline_profile_studio::model::ProfileId;
    use offline_profile_studio::ui::areas::{view, Area, Below, Build, Loaders, Named, Selected};

    /// One split point per area: it fetches the area's chunk, then answers with the area's view
    /// builder (`ui::areas::view`); `LOADERS` hands them to the app.
    macro_rules! split_points {
        ($($area:ident: $build:ty),* $(,)?) => {
            $(
                #[wasm_split($area, wasm_split_path = ::leptos::wasm_split, fallible)]
                fn $area() -> Area<$build> {
                    Ok(view::$area)
                }
            )*
            pub const LOADERS: Loaders = Loaders { $($area: || Box::pin($area()),)* };
        };
    }

    split_points! {
        simulation: fn() -> AnyView,
        present: Build<String>,
        chain: fn() -> AnyView,
        packages: Build<Named>,
        report: Build<Named>,
        catalog: Build<Selected>,
        glossary: Build<Selected>,
        bench: Build<String>,
        profile_more: Build<(ProfileId, Below)>,
    }
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
