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

/// A column of a [`DataTable`].
#[derive(Debug, Clone, Copy)]
pub enum Col {
    /// A text column.
    Text(&'static str),
    /// A number column, right-aligned.
    Num(&'static str),
    /// A column whose header only screen readers read (a column of buttons).
    Hidden(&'static str),
}

/// The one table of the app: a [`ScrollBox`] named `label` holding a table with that caption
/// (read by screen readers), its column headers, and the rows given as children.
#[component]
pub fn DataTable(
    /// The table's name: its caption and the region's accessible name.
    #[prop(into)]
    label: String,
    /// Classes of the scrolling box.
    #[prop(optional, into)]
    class: String,
    /// Classes of the table.
    #[prop(optional, into)]
    table_class: String,
    /// The column headers.
    columns: Vec<Col>,
    /// The `<tr>` rows.
    children: Children,
) -> impl IntoView {
    let headers = columns
        .into_iter()
        .map(|c| match c {
            Col::Text(t) => view! { <th scope="col">{t}</th> }.into_any(),
            Col::Num(t) => view! { <th scope="col" class="num">{t}</th> }.into_any(),
            Col::Hidden(t) => {
                view! { <th scope="col"><span class="visually-hidden">{t}</span></th> }.into_any()
            }
        })
        .collect_view();
    view! {
        <ScrollBox label=label.clone() class>
            <table class=table_class>
                <caption class="visually-hidden">{label}</caption>
                <thead><tr>{headers}</tr></thead>
                <tbody>{children()}</tbody>
            </table>
        </ScrollBox>
    }
}
