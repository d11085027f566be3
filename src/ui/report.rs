//! The Report area (`#/report/NAME`): the sign-off report of a profile, with the last
//! simulation of it and a previous package's verdict when the user adds them. The document is
//! the core's HTML (`signoff::html::fragment`, every text escaped there), the same the package's
//! `report.html` and `profile-package report` hold; this view adds the controls and printing.

use super::packages::load_input;
use super::profile_picker::{picked, ProfilePicker};
use super::route::Route;
use super::simulation::SimStore;
use super::state::use_studio;
use super::storage::{download, now_iso, replace_fragment};
use crate::catalog::Catalog;
use crate::model::diff::ResolvedProfile;
use crate::model::ProfileId;
use crate::package::{export_package, package_filename, sha256_hex, ImportError, Imported};
use crate::signoff::{self, html, Extras, Source};
use leptos::prelude::*;

/// The SHA-256 and recorded check counts of the package the Packages area exports for `id`
/// without a seed (`None` while export is refused).
type PackageFacts = Option<(String, crate::package::ValidationSummary)>;

fn package_facts(ws: &crate::model::Workspace, id: ProfileId) -> PackageFacts {
    export_package(ws, id, Catalog::builtin(), None)
        .ok()
        .map(|k| (sha256_hex(&k.bytes), k.manifest.validation))
}

/// The report of `id` as the app sees it now: its package's name and hash, today's date, and
/// what the user added.
fn report_of(
    ws: &crate::model::Workspace,
    id: ProfileId,
    package: PackageFacts,
    prepared_by: String,
    sim: Option<crate::sim::SimRecord>,
    previous: Option<&Imported>,
) -> Option<signoff::Report> {
    let p = ws.profile(id)?;
    let source = Source {
        file: package_filename(&p.name, p.version),
        zip_sha256: package.as_ref().map(|k| k.0.clone()),
        format_version: crate::package::FORMAT_VERSION,
        target_system: Some(p.target.label().into()),
        created_at: p
            .changed_at
            .clone()
            .unwrap_or_else(|| signoff::NOT_RECORDED.into()),
        app_version: env!("CARGO_PKG_VERSION").into(),
        recorded: package.map(|k| k.1),
    };
    let resolved = ResolvedProfile::of(ws, p);
    let extras = Extras {
        prepared_by: Some(prepared_by).filter(|s| !s.trim().is_empty()),
        date: Some(now_iso().chars().take(10).collect()),
        sim,
        previous: previous.map(|old| signoff::previous(old, &resolved)),
    };
    signoff::build(ws, id, Catalog::builtin(), source, extras)
}

/// The Report page.
#[component]
pub fn ReportPage(
    /// The profile the address names, if any.
    named: Option<String>,
) -> impl IntoView {
    let studio = use_studio();
    let store = expect_context::<SimStore>();
    let initial = named.and_then(|n| {
        studio
            .workspace
            .with_untracked(|ws| ws.profiles.iter().find(|p| p.name == n).map(|p| p.id))
    });
    let chosen = RwSignal::new(initial);
    let current = Memo::new(move |_| picked(studio, chosen.get()));
    let prepared_by = RwSignal::new(String::new());
    let with_sim = RwSignal::new(true);
    let previous = RwSignal::new(None::<Result<Imported, ImportError>>);
    let paper = RwSignal::new("a4");
    let sim_available =
        Memo::new(move |_| current.get().and_then(|id| store.record_of(id)).is_some());
    // The package is built (zipped and hashed) when the profile changes, not on every keystroke
    // in the report's own fields.
    let package = Memo::new(move |_| {
        let id = current.get()?;
        studio.workspace.with(|ws| package_facts(ws, id))
    });
    let report = Memo::new(move |_| {
        let id = current.get()?;
        let sim = with_sim.get().then(|| store.record_of(id)).flatten();
        let by = prepared_by.get();
        let facts = package.get();
        previous.with(|p| {
            let old = p.as_ref().and_then(|r| r.as_ref().ok());
            studio
                .workspace
                .with(|ws| report_of(ws, id, facts, by, sim, old))
        })
    });
    // The address follows the profile shown, so the link names it.
    Effect::new(move |_| {
        if let Some(r) = report.with(|r| r.as_ref().map(|r| r.profile.name.clone())) {
            replace_fragment(&Route::Report(Some(r)).href());
        }
    });
    let print = move |_| {
        let _ = window().print();
    };
    let save_html = move |_| {
        report.with(|r| {
            if let Some(r) = r {
                let _ = download(
                    &html::report_filename(&r.profile.name, r.version),
                    "text/html",
                    &html::document(r),
                );
            }
        });
    };
    let pick_previous = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        leptos::task::spawn_local(async move { previous.set(load_input(input).await) });
    };
    view! {
        <section class="page report-page" aria-labelledby="page-title">
            <div class="page-head report-controls">
                <h1 id="page-title">"Sign-off report"</h1>
                <p class="lead">"The document a deployment team files: the profile as packaged, its checks, the simulation\u{2019}s assumptions and figures, the reprovisioning verdict, risks and the deployment-day checklist. Print it or save it as PDF; packages carry the same report as report.html."</p>
            </div>
            <div class="card report-controls">
                <div class="field-row">
                    <ProfilePicker id="report-profile" label="Profile" chosen/>
                    <div class="field">
                        <label for="report-prepared-by">"Prepared by"</label>
                        <input id="report-prepared-by" type="text" autocomplete="name" placeholder="your name" prop:value=move || prepared_by.get() on:input:target=move |ev| prepared_by.set(ev.target().value())/>
                    </div>
                    <div class="field">
                        <label for="report-paper">"Paper"</label>
                        <select id="report-paper" on:change:target=move |ev| paper.set(if ev.target().value() == "letter" { "letter" } else { "a4" })>
                            <option value="a4">"A4"</option>
                            <option value="letter">"Letter"</option>
                        </select>
                    </div>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label class="check"><input type="checkbox" prop:checked=move || with_sim.get() && sim_available.get() disabled=move || !sim_available.get() on:change:target=move |ev| with_sim.set(ev.target().checked())/>"Include the last simulation of this profile"</label>
                        <span class="hint">{move || if sim_available.get() { "From the run in the Simulation area.".to_string() } else { "No run of this profile yet: run it in the Simulation area to add sizes, sessions and risks.".to_string() }}</span>
                    </div>
                    <div class="field">
                        <label for="report-previous">"Previous package (the version stores run now)"</label>
                        <input id="report-previous" type="file" accept=".zip,.json" on:change=pick_previous/>
                        {move || previous.with(|p| match p {
                            Some(Err(e)) => Some(view! { <p class="refusal" role="alert">{format!("This file cannot be compared: {e}. The report is unchanged.")}</p> }.into_any()),
                            Some(Ok(old)) => Some(view! { <p class="hint">{format!("Comparing with {} (version {}).", old.file, old.version)}</p> }.into_any()),
                            None => None,
                        })}
                    </div>
                </div>
                <div class="actions">
                    <button type="button" class="primary" on:click=print disabled=move || report.with(Option::is_none)>"Print or save as PDF"</button>
                    <button type="button" on:click=save_html disabled=move || report.with(Option::is_none)>"Download report.html"</button>
                    <span class="hint">"The package SHA-256 is that of the package the Packages area exports without a seed database; the same profile always gives the same bytes."</span>
                </div>
            </div>
            {move || match report.with(|r| r.as_ref().map(html::fragment)) {
                Some(doc) => view! { <div class=move || format!("report-paper paper-{}", paper.get()) inner_html=doc></div> }.into_any(),
                None => view! { <p class="hint">"There is no profile to report on: create one in the Profiles area."</p> }.into_any(),
            }}
        </section>
    }
}
