//! The one scrolling box every long table, list or code block of the app sits in. A box that
//! scrolls must be reachable by keyboard (it takes focus, so arrow keys scroll it) and named
//! (it is a region with a label), so screen-reader users know what they are scrolling.

use leptos::prelude::*;

/// A focusable, named region that scrolls its content.
#[component]
pub fn ScrollBox(
    /// What the region holds, as its accessible name ("Rows per table").
    #[prop(into)]
    label: String,
    /// Extra classes that size the box (`counts-scroll`, `query-result`, …).
    #[prop(optional, into)]
    class: String,
    children: Children,
) -> impl IntoView {
    let class = if class.is_empty() {
        "table-scroll".to_string()
    } else {
        format!("table-scroll {class}")
    };
    view! {
        <div class=class tabindex="0" role="region" aria-label=label>
            {children()}
        </div>
    }
}
