//! The Glossary area: every domain word with what it is and where a user meets it in AX 2012 R3
//! and in Dynamics 365 Commerce; and `Linked`, which shows a sentence with its glossary words
//! linked to their entries.

use crate::glossary::{link_terms, Piece, GLOSSARY};
use leptos::prelude::*;

/// The glossary, with the named entry highlighted and scrolled into view.
#[component]
pub fn GlossaryPage(
    /// The entry named in the URL.
    #[prop(into)]
    open: Signal<Option<String>>,
) -> impl IntoView {
    Effect::new(move |_| {
        if let Some(key) = open.get() {
            request_animation_frame(move || {
                if let Some(el) = document().get_element_by_id(&format!("glossary-{key}")) {
                    el.scroll_into_view();
                }
            });
        }
    });
    view! {
        <section class="page glossary" aria-labelledby="page-title">
            <div class="page-head">
                <h1 id="page-title">"Glossary"</h1>
                <p class="lead">"The words of offline synchronization as the studio uses them, and where you meet each one in AX 2012 R3 and in Dynamics 365 Commerce."</p>
            </div>
            <dl class="glossary-list">
                {GLOSSARY.iter().map(|e| {
                    let key = e.key;
                    view! {
                        <div class="card glossary-entry" id=format!("glossary-{key}") class:current=move || open.get().as_deref() == Some(key)>
                            <dt>{e.term}</dt>
                            <dd>
                                <p>{e.meaning}</p>
                                <p><strong>"AX 2012 R3: "</strong>{e.ax2012}</p>
                                <p><strong>"Dynamics 365 Commerce: "</strong>{e.d365}</p>
                            </dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
        </section>
    }
}

/// A sentence with its glossary words linked to their entries.
#[component]
pub fn Linked(
    /// The sentence.
    text: String,
) -> impl IntoView {
    link_terms(&text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(t) => t.into_any(),
            Piece::Term { key, text } => {
                view! { <a class="term" href=format!("#/glossary/{key}")>{text}</a> }.into_any()
            }
        })
        .collect_view()
}
