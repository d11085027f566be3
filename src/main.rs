//! The browser entry point: installs the panic hook and mounts the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    offline_profile_studio::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "Offline Profile Studio runs in the browser: `make serve`, then open http://127.0.0.1:8080"
    );
}
