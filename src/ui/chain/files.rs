//! The plan bar: which plan is open, new and delete, and the plan as a file (export with its
//! profiles and a JSON Schema, import with a message that says what is wrong and where).

use crate::chain::edit::PlansEdit;
use crate::chain::{profiles_of, PlanFile};
use crate::model::edit::Edit;
use crate::ui::state::use_studio;
use crate::ui::storage::{download, read_file};

pub use crate::package::file_stem;
use leptos::prelude::*;

#[component]
pub fn PlanBar(chosen: RwSignal<usize>) -> impl IntoView {
    let studio = use_studio();
    let message = RwSignal::new(None::<(bool, String)>);
    let names = Memo::new(move |_| {
        studio
            .workspace
            .with(|ws| ws.plans.iter().map(|p| p.name.clone()).collect::<Vec<_>>())
    });
    let current = move || chosen.get().min(names.with(|n| n.len().saturating_sub(1)));
    let first_profile = move || {
        studio
            .workspace
            .with_untracked(|ws| ws.profiles.first().map(|p| p.name.clone()))
    };
    let new_plan = move |_| {
        if let Some(profile) = first_profile() {
            studio.edit(Edit::Plans(PlansEdit::New { profile }));
            chosen.set(names.with_untracked(|n| n.len().saturating_sub(1)));
        }
    };
    let export = move |_| {
        let Some((name, text)) = studio.workspace.with_untracked(|ws| {
            ws.plans
                .get(current())
                .map(|p| (p.name.clone(), PlanFile::of(p, &profiles_of(ws)).to_json()))
        }) else {
            return;
        };
        message.set(Some(match download(&format!("{}.chain.json", file_stem(&name)), "application/json", &text) {
            Ok(()) => (true, format!("Exported \u{201c}{name}\u{201d} with the profiles it names: run it with `profile-package chain` (docs/chain-cli.md).")),
            Err(e) => (false, format!("The plan could not be downloaded: {e}")),
        }));
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        leptos::task::spawn_local(async move {
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let name = file.name();
            let read = read_file(&file)
                .await
                .and_then(|b| String::from_utf8(b).map_err(|_| "it is not text (UTF-8)".into()));
            message.set(Some(match read.and_then(|t| PlanFile::read(&t)) {
                Err(e) => (false, format!("{name} was not imported: {e} Your plans are unchanged.")),
                Ok(file) => {
                    let missing: Vec<String> = studio.workspace.with_untracked(|ws| {
                        file.profiles.iter().filter(|p| ws.profiles.iter().all(|q| q.name != p.name)).map(|p| format!("\u{201c}{}\u{201d}", p.name)).collect()
                    });
                    studio.edit(Edit::Plans(PlansEdit::Import(file.plan)));
                    chosen.set(names.with_untracked(|n| n.len().saturating_sub(1)));
                    let note = if missing.is_empty() { String::new() } else {
                        format!(" It names profiles this workspace does not have ({}): import their packages in the Packages area, or pick other profiles in its groups.", missing.join(", "))
                    };
                    (missing.is_empty(), format!("Imported {name}.{note}"))
                }
            }));
            input.set_value("");
        });
    };
    view! {
        <div class="plan-bar card">
            <div class="field">
                <label for="plan-pick">"Rollout plan"</label>
                <select id="plan-pick" prop:value=move || current().to_string()
                    on:change:target=move |ev| if let Ok(i) = ev.target().value().parse() { chosen.set(i) }>
                    {move || names.get().into_iter().enumerate().map(|(i, n)| view! { <option value=i.to_string() selected=i == current()>{n}</option> }).collect_view()}
                </select>
            </div>
            <div class="actions">
                <button type="button" on:click=new_plan>"New plan"</button>
                <button type="button" disabled=move || names.with(Vec::is_empty) on:click=export>"Export plan (JSON)"</button>
                <label class="button" for="plan-import">"Import plan…"</label>
                <input id="plan-import" class="visually-hidden" type="file" accept=".json,application/json" on:change=on_file/>
                <button type="button" class="danger" disabled=move || names.with(Vec::is_empty)
                    on:click=move |_| { studio.edit(Edit::Plans(PlansEdit::Delete(current()))); }>"Delete plan"</button>
            </div>
            {move || message.get().map(|(ok, m)| view! { <p class=if ok { "notice" } else { "refusal" } role=if ok { "status" } else { "alert" }>{m}</p> })}
        </div>
    }
}
