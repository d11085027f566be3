//! The Offline tables FastTab (a profile's ordered scopes), the Offline scope form and the
//! table picker of its Line details.

mod library;
mod line_details;
mod offline_tables;
mod scope_form;

pub use library::ScopeLibrary;
pub use offline_tables::OfflineTables;
pub use scope_form::ScopeForm;

use crate::model::ScopeId;
use crate::validation::Field;
use leptos::prelude::*;

/// The id of a profile's line for `scope` in the Offline tables grid.
fn line_id(scope: ScopeId) -> String {
    Field::ProfileScopes.dom_id(Some(scope), None)
}

/// Moves keyboard focus to the element with that id, once the view has updated.
pub fn focus(id: &str) {
    let id = id.to_string();
    request_animation_frame(move || focus_now(&id));
}

/// Moves keyboard focus to the element with that id, if it is there.
pub fn focus_now(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
            let _ = el.focus();
        }
    }
}
