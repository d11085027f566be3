//! Persistence in the browser: the workspace in localStorage (through gloo-storage), and file
//! downloads. Storage may be missing, disabled or full; every call here returns a `Result`
//! and never throws, so the app keeps working in memory whatever the browser allows.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

/// Why the workspace could not be saved or read.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageProblem {
    /// localStorage is disabled or missing (private mode, browser settings).
    Unavailable,
    /// The browser refused to store more (quota exceeded).
    Full,
    /// Any other refusal, with the browser's words.
    Other(String),
}

impl StorageProblem {
    /// What to tell the user.
    pub fn message(&self) -> String {
        match self {
            StorageProblem::Unavailable => "This browser does not allow the app to save (local storage is disabled). Your work is kept in memory only: export it before closing the tab.".into(),
            StorageProblem::Full => "The browser's storage for this app is full, so the latest changes are not saved. They are kept in memory: free some space or export your work.".into(),
            StorageProblem::Other(e) => format!("Saving failed ({e}). Your work is kept in memory."),
        }
    }
}

/// Checks that localStorage can be reached without throwing (gloo-storage would throw).
fn available() -> Result<(), StorageProblem> {
    let window = web_sys::window().ok_or(StorageProblem::Unavailable)?;
    match window.local_storage() {
        Ok(Some(_)) => Ok(()),
        _ => Err(StorageProblem::Unavailable),
    }
}

/// Reads the raw stored text under `key` (`Ok(None)`: nothing stored).
pub fn read(key: &str) -> Result<Option<String>, StorageProblem> {
    available()?;
    LocalStorage::raw()
        .get_item(key)
        .map_err(|_| StorageProblem::Unavailable)
}

/// Stores `text` under `key`.
pub fn write(key: &str, text: &str) -> Result<(), StorageProblem> {
    available()?;
    LocalStorage::raw().set_item(key, text).map_err(|e| {
        let name = e
            .dyn_ref::<web_sys::DomException>()
            .map(|d| d.name())
            .unwrap_or_default();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            StorageProblem::Full
        } else if name.is_empty() {
            StorageProblem::Other("the browser refused".into())
        } else {
            StorageProblem::Other(name)
        }
    })
}

/// Offers `text` as a file download named `filename`.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    download_bytes(filename, mime, text.as_bytes())
}

/// Offers `bytes` as a file download named `filename`.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not prepare the file".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not prepare the file".to_string())?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no link")?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The current time as ISO-8601, from the browser's clock.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// A random number, to tell two saves of the same millisecond apart.
pub fn random_u32() -> u32 {
    (js_sys::Math::random() * 4e9) as u32
}

/// Replaces the page's address by `#fragment` without a new history entry or a reload.
pub fn replace_fragment(fragment: &str) {
    if let Ok(history) = leptos::prelude::window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment));
    }
}

/// Reads the bytes of a file the user chose.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "the browser could not read the file".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
