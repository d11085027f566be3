//! The crash screen. A panic leaves the Leptos runtime in an unknown state, and the release build
//! aborts (`panic = "abort"`) right after the panic hook, which stops the WebAssembly instance.
//! So the hook draws a plain page with web-sys, and its buttons call native browser functions
//! (`a.click`, `location.reload`) instead of Rust closures that would run in the stopped instance.
//! This is the one place besides the storage edge that handles raw JavaScript values.

use crate::model::Workspace;
use crate::persist::{self, STORAGE_KEY};
use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// The latest workspace, saved or not: saving may have failed (storage full) or be waiting
    /// for the user's choice between two tabs.
    static LATEST: RefCell<Option<Workspace>> = const { RefCell::new(None) };
}

/// Whether the crash screen is up: code still running against the stopped app may panic again,
/// and the first screen (with its details) stays.
static SHOWN: AtomicBool = AtomicBool::new(false);

/// Keeps `ws` for the crash screen's download.
pub fn remember(ws: Workspace) {
    LATEST.with(|latest| {
        if let Ok(mut latest) = latest.try_borrow_mut() {
            *latest = Some(ws);
        }
    });
}

/// Installs the panic hook: the panic in the console (console_error_panic_hook), then the crash
/// screen.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if !SHOWN.swap(true, Ordering::SeqCst) {
            let _ = show(&info.to_string());
        }
    }));
}

/// Replaces the page with the crash screen.
fn show(details: &str) -> Option<()> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let body = document.body()?;
    // The app's own nodes may be half updated and their handlers dead: remove them.
    body.set_text_content(None);
    let now = String::from(js_sys::Date::new_0().to_iso_string());

    let screen = element(&document, "main", "crash card")?;
    screen.set_attribute("role", "alert").ok()?;
    let heading = element(&document, "h1", "")?;
    heading.set_text_content(Some("Offline Profile Studio stopped working"));
    let text = element(&document, "p", "")?;
    text.set_text_content(Some(
        "An unexpected error stopped the app. Download your workspace to keep a copy of your work, then reload the app: it opens your last saved workspace.",
    ));
    let actions = element(&document, "p", "crash-actions")?;
    let link: web_sys::HtmlAnchorElement = element(&document, "a", "")?.unchecked_into();
    link.set_download(&format!(
        "offline-profile-studio-workspace-{}.json",
        now.replace(':', "-")
    ));
    link.set_hidden(true);
    let download = button(&document, "Download my workspace", "primary")?;
    let reload = button(&document, "Reload", "")?;
    if let Some(f) = native(window.location().as_ref(), "reload") {
        reload.set_onclick(Some(&f));
    }
    let more = element(&document, "details", "")?;
    let summary = element(&document, "summary", "")?;
    summary.set_text_content(Some("Technical details"));
    let pre = element(&document, "pre", "")?;
    // Text, never markup: the message may quote user data.
    pre.set_text_content(Some(details));

    actions.append_child(&download).ok()?;
    actions.append_child(&reload).ok()?;
    actions.append_child(&link).ok()?;
    more.append_child(&summary).ok()?;
    more.append_child(&pre).ok()?;
    for part in [&heading, &text, &actions, &more] {
        screen.append_child(part).ok()?;
    }
    body.append_child(&screen).ok()?;

    // First the last saved workspace, read without the app's code.
    let saved = window
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    offer(&link, &download, saved.as_deref());
    let _ = download.focus();
    // Then the workspace in memory, newer when saving failed or waited. Encoding it is the
    // riskiest step (a panic inside this hook aborts at once), so the screen is up before it.
    let latest = LATEST.with(|latest| {
        latest
            .try_borrow()
            .ok()
            .and_then(|ws| ws.as_ref().map(|ws| persist::encode(ws, &now)))
    });
    if latest.is_some() {
        offer(&link, &download, latest.as_deref());
    }
    Some(())
}

/// Points the download at `text`, or disables it when there is nothing to download.
fn offer(link: &web_sys::HtmlAnchorElement, download: &web_sys::HtmlElement, text: Option<&str>) {
    let url = text.and_then(|text| {
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        web_sys::Url::create_object_url_with_blob(&blob).ok()
    });
    match url {
        Some(url) => {
            link.set_href(&url);
            let _ = download.remove_attribute("disabled");
            download.set_onclick(native(link.as_ref(), "click").as_ref());
        }
        None => {
            let _ = download.set_attribute("disabled", "");
            download.set_title("Nothing is stored in this browser yet.");
        }
    }
}

/// The browser's own `target.method`, bound to `target`.
fn native(target: &JsValue, method: &str) -> Option<js_sys::Function> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &JsValue::from_str(method))
        .ok()?
        .dyn_into()
        .ok()?;
    Some(f.bind0(target))
}

fn element(document: &web_sys::Document, tag: &str, class: &str) -> Option<web_sys::HtmlElement> {
    let el: web_sys::HtmlElement = document.create_element(tag).ok()?.unchecked_into();
    if !class.is_empty() {
        el.set_class_name(class);
    }
    Some(el)
}

fn button(document: &web_sys::Document, label: &str, class: &str) -> Option<web_sys::HtmlElement> {
    let b = element(document, "button", class)?;
    b.set_attribute("type", "button").ok()?;
    b.set_text_content(Some(label));
    Some(b)
}
