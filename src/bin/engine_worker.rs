//! The simulator's Web Worker: Trunk builds this binary as a second wasm (`data-type="worker"`
//! in index.html) and the page starts it (`web::client`). It only serves the engine's messages
//! (`web::worker::serve`); on the host it does nothing.

fn main() {
    #[cfg(target_arch = "wasm32")]
    offline_profile_studio::web::worker::serve();
}
