//! The diagnostics panel: counts by severity, and every finding with a link to its field and,
//! where one is safe, a one-click fix.

use super::open_field;
use crate::ui::areas::{self, Below, Loaders};
use crate::ui::fields::Shown;
use crate::ui::state::use_studio;
use crate::validation::{Counts, Severity};
use leptos::prelude::*;

/// The panel beside the editor.
#[component]
pub fn DiagnosticsPanel(
    /// The profile open in the editor (its operations show under the findings).
    id: crate::model::ProfileId,
) -> impl IntoView {
    let studio = use_studio();
    let loaders = expect_context::<Loaders>();
    let shown = expect_context::<Shown>().0;
    let counts = Memo::new(move |_| shown.with(|ds| Counts::of(ds)));
    let show_info = RwSignal::new(false);
    // Keyed by what a finding says and where (with a count for repeats), so an edit that adds
    // or removes one finding leaves the others' rows in place.
    let list = Memo::new(move |_| {
        let info = show_info.get();
        shown.with(|ds| {
            let mut seen: std::collections::HashMap<(&'static str, String, String), usize> =
                std::collections::HashMap::new();
            ds.iter()
                .filter(|d| info || d.severity != Severity::Info)
                .map(|d| {
                    let n = seen
                        .entry((d.code, d.message.clone(), d.place.dom_id()))
                        .or_default();
                    *n += 1;
                    ((d.code, d.message.clone(), d.place.dom_id(), *n), d.clone())
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <aside class="card diagnostics" aria-labelledby="diagnostics-title">
            <h2 id="diagnostics-title">"Checks"</h2>
            <p class="counts" role="status">
                {move || {
                    let c = counts.get();
                    format!("{} error{} \u{b7} {} warning{} \u{b7} {} info", c.errors, if c.errors == 1 { "" } else { "s" }, c.warnings, if c.warnings == 1 { "" } else { "s" }, c.infos)
                }}
            </p>
            <label class="check small">
                <input type="checkbox" prop:checked=move || show_info.get() on:change:target=move |ev| show_info.set(ev.target().checked())/>
                "Show info"
            </label>
            <Show when=move || counts.with(|c| c.errors + c.warnings == 0)>
                <p class="all-good">"No errors or warnings."</p>
            </Show>
            <ul class="diagnostic-list">
                <For
                    each=move || list.get()
                    key=|(k, _)| k.clone()
                    children=move |(_, d)| {
                        let class = match d.severity {
                            Severity::Error => "diagnostic error",
                            Severity::Warning => "diagnostic warning",
                            Severity::Info => "diagnostic info",
                        };
                        let target = d.clone();
                        let fix = d.fix.clone();
                        view! {
                            <li class=class>
                                <p class="what"><span class="sev">{d.severity.label()}</span>" "<code>{d.code}</code></p>
                                <p class="msg">{d.message.clone()}</p>
                                <div class="actions">
                                    <button type="button" class="link" on:click=move |_| open_field(studio, target.place.profile, &target)>"Go to field"</button>
                                    {fix.map(|f| {
                                        let label = f.label.clone();
                                        view! {
                                            <button type="button" class="fix" on:click=move |_| { studio.edit(f.action.clone()); }>
                                                {label}
                                            </button>
                                        }
                                    })}
                                </div>
                            </li>
                        }
                    }
                />
            </ul>
            // Below the first screen, in the chunk of the editor's lower part (`areas`).
            {areas::on_demand("the Operations offline list", loaders.profile_more, move |show| show((id, Below::Operations)))}
        </aside>
    }
}
