//! The Packages area: export a validated package (or a plain profile.json, or a share link),
//! import one with a preview, and compare versions with the reprovisioning verdict.

use super::profile_picker::{picked, ProfilePicker};
use super::profiles::open_field;
use super::simulation::SimStore;
use super::state::{use_studio, Studio};
use super::storage::{
    download, download_bytes, now_iso, read_file as read_chosen_file, replace_fragment,
};
use crate::catalog::Catalog;
use crate::model::diff::{diff, ResolvedProfile};
use crate::model::edit::Edit;
use crate::model::ProfileId;
use crate::package::{
    export_package_with, plan_import, profile_json, profile_json_filename, read_file, share,
    verdict, ClashChoice, ImportError, Imported, Verdict,
};
use crate::validation::{validate_profile, Counts, Diagnostic, Severity};
use leptos::prelude::*;

/// The whole Packages page.
#[component]
pub fn PackagesPage(
    /// The payload of a share link being opened, if any.
    shared: Option<String>,
) -> impl IntoView {
    view! {
        <section class="page packages" aria-labelledby="page-title">
            <div class="page-head">
                <h1 id="page-title">"Packages"</h1>
                <p class="lead">
                    "Download validated profile packages for deployment, bring packages back in, and see what a "
                    "new version means for the registers already in the field."
                </p>
            </div>
            <div class="packages-layout">
                <ExportCard/>
                <ImportCard shared/>
                <CompareCard/>
            </div>
        </section>
    }
}

/// Choose a profile; download its package, its profile.json, or a share link.
#[component]
fn ExportCard() -> impl IntoView {
    let studio = use_studio();
    let catalog = Catalog::builtin();
    let chosen = RwSignal::new(studio.profile.get_untracked());
    let current = Memo::new(move |_| picked(studio, chosen.get()));
    let diagnostics = Memo::new(move |_| {
        current
            .get()
            .and_then(|id| {
                studio
                    .workspace
                    .with(|ws| ws.profile(id).map(|p| validate_profile(ws, p, catalog)))
            })
            .unwrap_or_default()
    });
    let counts = Memo::new(move |_| diagnostics.with(|d| Counts::of(d)));
    let errors = Memo::new(move |_| {
        diagnostics.with(|ds| {
            ds.iter()
                .filter(|d| d.severity == Severity::Error)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let message = RwSignal::new(None::<String>);
    let link = RwSignal::new(None::<String>);
    let sim = expect_context::<SimStore>();
    let with_seed = RwSignal::new(false);
    let seed_register = RwSignal::new(1u32);
    let chain_plan = RwSignal::new(None::<usize>);
    // A seed database comes from the last simulation, and only of the profile it simulated.
    let seed_source = Memo::new(move |_| sim.simulated.get());
    let seed_available = Memo::new(move |_| {
        current.get().is_some() && seed_source.with(|s| s.as_ref().map(|s| s.0)) == current.get()
    });
    let seed_registers = Memo::new(move |_| {
        sim.result
            .with(|r| r.as_ref().map(|r| r.registers()).unwrap_or(0))
    });
    // The tour watches downloads.
    let tour = use_context::<super::tour::Tour>();
    let counted = move |result: &Result<String, String>| {
        if let (Ok(_), Some(t)) = (result, tour) {
            t.exports.update(|n| *n += 1);
        }
    };
    let export = move |what: &'static str| {
        let Some(id) = current.get_untracked() else {
            return;
        };
        if what == "package" && with_seed.get_untracked() && seed_available.get_untracked() {
            let register = seed_register.get_untracked();
            message.set(Some("Preparing the seed database\u{2026}".into()));
            leptos::task::spawn_local(async move {
                let result = match sim.register_database(register).await {
                    Ok(seed) => {
                        download_package(studio, id, Some(&seed), chain_plan.get_untracked())
                    }
                    Err(e) => Err(e),
                };
                counted(&result);
                message.set(Some(match result {
                    Ok(name) => format!(
                        "Downloaded {name} with the offline database of register {register}."
                    ),
                    Err(e) => format!("The download failed: {e}."),
                }));
            });
            return;
        }
        let result = match what {
            "package" => download_package(studio, id, None, chain_plan.get_untracked()),
            _ => download_profile_json(studio, id),
        };
        counted(&result);
        message.set(Some(match result {
            Ok(name) => format!("Downloaded {name}."),
            Err(e) => format!("The download failed: {e}."),
        }));
    };
    let make_link = move || {
        let Some(id) = current.get_untracked() else {
            return;
        };
        let ws = studio.workspace.get_untracked();
        if let Some(p) = ws.profile(id) {
            let location = window().location();
            let base = format!(
                "{}{}",
                location.origin().unwrap_or_default(),
                location.pathname().unwrap_or_default()
            );
            link.set(Some(format!(
                "{base}{}",
                share::encode(&ResolvedProfile::of(&ws, p), p.version)
            )));
        }
    };
    view! {
        <section class="card" aria-labelledby="export-title">
            <h2 id="export-title">"Export"</h2>
            <ProfilePicker id="export-profile" label="Profile" chosen with_version=true
                on_change=move || { link.set(None); message.set(None); }/>
            <p class="counts" role="status">
                {move || { let c = counts.get(); format!("Checks: {} errors, {} warnings, {} info", c.errors, c.warnings, c.infos) }}
            </p>
            <ExportChecks current counts errors/>
            <div class="toolbar">
                <button type="button" class="primary" disabled=move || !errors.with(Vec::is_empty) || current.get().is_none()
                    on:click=move |_| export("package")>"Download package"</button>
                <button type="button" disabled=move || current.get().is_none() on:click=move |_| export("json")>"Download profile.json"</button>
                <button type="button" disabled=move || current.get().is_none() on:click=move |_| make_link()>"Create share link"</button>
            </div>
            <SeedOption available=seed_available source=seed_source registers=seed_registers with_seed seed_register/>
            <ChainPlanOption chosen=chain_plan/>
            {move || message.get().map(|m| view! { <p class="hint" role="status">{m}</p> })}
            {move || link.get().map(|l| view! {
                <div class="field">
                    <label for="share-link">"Share link"</label>
                    <input id="share-link" type="text" readonly=true prop:value=l
                        on:focus:target=move |ev| ev.target().select()/>
                    <span class="hint">"The profile travels inside the link itself; opening it shows an import preview."</span>
                </div>
            })}
        </section>
    }
}

/// Which of the workspace's chain plans travels inside the package (shown when there are plans).
#[component]
fn ChainPlanOption(chosen: RwSignal<Option<usize>>) -> impl IntoView {
    let studio = use_studio();
    let names = Memo::new(move |_| {
        studio
            .workspace
            .with(|ws| ws.plans.iter().map(|p| p.name.clone()).collect::<Vec<_>>())
    });
    view! {
        <Show when=move || names.with(|n| !n.is_empty())>
            <div class="field">
                <label for="export-chain-plan">"Chain plan in the package"</label>
                <select id="export-chain-plan"
                    on:change:target=move |ev| chosen.set(ev.target().value().parse().ok())>
                    <option value="" selected=move || chosen.get().is_none()>"None"</option>
                    {move || names.get().into_iter().enumerate().map(|(i, n)| view! {
                        <option value=i.to_string() selected=move || chosen.get() == Some(i)>{n}</option>
                    }).collect_view()}
                </select>
                <span class="hint">"Added as chain-plan.json with the profiles it names, checksummed in the manifest like every file."</span>
            </div>
        </Show>
    }
}

/// Records the export (the version it gets) and downloads the profile's package, with a seed
/// database when given; the file's name.
fn download_package(
    studio: Studio,
    id: ProfileId,
    seed: Option<&[u8]>,
    plan: Option<usize>,
) -> Result<String, String> {
    studio.edit(Edit::RecordExport {
        profile: id,
        at: now_iso(),
    });
    let ws = studio.workspace.get_untracked();
    let pkg = export_package_with(&ws, id, Catalog::builtin(), seed, plan)
        .map_err(|_| "the profile has errors".to_string())?;
    download_bytes(&pkg.filename, "application/zip", &pkg.bytes).map(|_| pkg.filename)
}

/// Records the export and downloads the profile's plain `profile.json`; the file's name.
fn download_profile_json(studio: Studio, id: ProfileId) -> Result<String, String> {
    studio.edit(Edit::RecordExport {
        profile: id,
        at: now_iso(),
    });
    let ws = studio.workspace.get_untracked();
    let p = ws.profile(id).ok_or("the profile is gone")?;
    let name = profile_json_filename(&p.name, p.version);
    download(
        &name,
        "application/json",
        &profile_json(&ResolvedProfile::of(&ws, p), p.version),
    )
    .map(|_| name)
}

/// The export's checks: ready (with the warnings the package records), or refused with each
/// error linking to its field.
#[component]
fn ExportChecks(
    current: Memo<Option<ProfileId>>,
    counts: Memo<Counts>,
    errors: Memo<Vec<crate::validation::Diagnostic>>,
) -> impl IntoView {
    let studio = use_studio();
    view! {
        <Show when=move || !errors.with(Vec::is_empty)
            fallback=move || view! {
                <p class="hint">{move || match counts.get().warnings {
                    0 => "Ready to export.".to_string(),
                    n => format!("Ready to export. The {n} warning{} will be recorded in the package (validation.json).", if n == 1 { "" } else { "s" }),
                }}</p>
            }>
            <div class="refusal" role="alert">
                <p><strong>"Export is refused while the profile has errors."</strong>" Fix these first:"</p>
                <ul>
                    <For each=move || errors.get() key=|d| (d.code, d.message.clone())
                        children=move |d| {
                            let target = d.clone();
                            view! {
                                <li>
                                    {d.message.clone()}" "
                                    <button type="button" class="link" on:click=move |_| {
                                        if let Some(id) = current.get_untracked() { open_field(studio, Some(id), &target); }
                                    }>"Go to field"</button>
                                </li>
                            }
                        }/>
                </ul>
            </div>
        </Show>
    }
}

/// The choice to include a simulated register's offline database in the package.
#[component]
fn SeedOption(
    /// Whether the last simulation ran this profile.
    available: Memo<bool>,
    /// The profile the last simulation ran.
    source: Memo<Option<(ProfileId, String)>>,
    /// Registers of the last simulation.
    registers: Memo<u32>,
    with_seed: RwSignal<bool>,
    seed_register: RwSignal<u32>,
) -> impl IntoView {
    let (seed_available, seed_source, seed_registers) = (available, source, registers);
    view! {
        <div class="seed-option">
            <label class="check small">
                <input type="checkbox" disabled=move || !seed_available.get()
                    prop:checked=move || with_seed.get() && seed_available.get()
                    on:change:target=move |ev| with_seed.set(ev.target().checked())/>
                "Include an offline seed database (offline-seed.sqlite)"
            </label>
            <Show when=move || seed_available.get()
                fallback=move || view! {
                    <p class="hint">{move || match seed_source.get() {
                        Some((_, name)) => format!("The last simulation ran \u{201c}{name}\u{201d}; simulate this profile to include one of its registers' databases."),
                        None => "Available once this profile has been simulated (Simulation area).".to_string(),
                    }}</p>
                }>
                <div class="field inline">
                    <label for="seed-register">"Seed from"</label>
                    <select id="seed-register" on:change:target=move |ev| seed_register.set(ev.target().value().parse().unwrap_or(1))>
                        {move || (1..=seed_registers.get()).map(|r| view! { <option value=r.to_string()>{format!("Register {r}")}</option> }).collect_view()}
                    </select>
                </div>
            </Show>
        </div>
    }
}

/// The diff and verdict between two versions.
#[component]
fn VerdictView(
    /// The verdict to show.
    verdict: Verdict,
) -> impl IntoView {
    let class = if verdict.reprovision {
        "verdict reprovision"
    } else {
        "verdict fine"
    };
    view! {
        <div class=class role="note">
            <p><strong>{verdict.headline.clone()}</strong></p>
            {(!verdict.requiring.is_empty()).then(|| view! {
                <h4>"Requires reprovisioning"</h4>
                <ul>{verdict.requiring.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
            })}
            {(!verdict.at_next_sync.is_empty()).then(|| view! {
                <h4>"Reaches registers at their next sync"</h4>
                <ul>{verdict.at_next_sync.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
            })}
        </div>
    }
}

/// Reads a chosen file into an import, or the error to show.
pub(super) async fn load_input(
    input: web_sys::HtmlInputElement,
) -> Option<Result<Imported, ImportError>> {
    let file = input.files()?.get(0)?;
    let name = file.name();
    Some(match read_chosen_file(&file).await {
        Ok(bytes) => read_file(&bytes, &name, Catalog::builtin()),
        Err(e) => Err(ImportError {
            kind: crate::package::ErrorKind::Unreadable,
            file: name,
            field: None,
            message: e,
        }),
    })
}

/// Choose a package or profile.json (or open a share link); preview; confirm.
#[component]
fn ImportCard(
    /// The payload of a share link being opened, if any.
    shared: Option<String>,
) -> impl IntoView {
    let studio = use_studio();
    let catalog = Catalog::builtin();
    let loaded = RwSignal::new(None::<Result<Imported, ImportError>>);
    // A share link in the URL is read once when the page opens.
    let from_link = shared.is_some();
    if let Some(payload) = shared {
        loaded.set(Some(share::decode(&payload, catalog)));
    }
    let replace = RwSignal::new(true);
    let new_name = RwSignal::new(String::new());
    let done = RwSignal::new(None::<String>);
    let choice = Memo::new(move |_| {
        let clash = loaded.with(|l| match l {
            Some(Ok(i)) => studio
                .workspace
                .with(|ws| ws.profile_named(&i.profile.name).map(|p| p.id)),
            _ => None,
        });
        match clash {
            Some(id) if replace.get() => Some(ClashChoice::Replace(id)),
            _ => Some(ClashChoice::Add {
                name: if new_name.with(String::is_empty) {
                    loaded.with(|l| match l {
                        Some(Ok(i)) => studio
                            .workspace
                            .with(|ws| ws.unique_profile_name(&i.profile.name)),
                        _ => String::new(),
                    })
                } else {
                    new_name.get()
                },
            }),
        }
    });
    let plan = Memo::new(move |_| {
        loaded.with(|l| match l {
            Some(Ok(i)) => Some(
                studio
                    .workspace
                    .with(|ws| plan_import(ws, i, choice.get().as_ref(), catalog)),
            ),
            _ => None,
        })
    });
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        done.set(None);
        new_name.set(String::new());
        replace.set(true);
        leptos::task::spawn_local(async move {
            loaded.set(load_input(input).await);
        });
    };
    let confirm = move || {
        let Some(Ok(imported)) = loaded.get_untracked() else {
            return;
        };
        let Some(choice) = choice.get_untracked() else {
            return;
        };
        let chain_plan = imported.chain_plan.clone();
        let id = studio
            .edit(Edit::Import {
                imported: Box::new(imported),
                choice,
            })
            .profile;
        studio.profile.set(id);
        let name = studio.workspace.with_untracked(|ws| {
            id.and_then(|i| ws.profile(i))
                .map(|p| p.name.clone())
                .unwrap_or_default()
        });
        loaded.set(None);
        // A chain plan in the package joins the workspace's plans (its own undo step).
        let plan_note = chain_plan.map(|f| {
            let plan = f.plan.name.clone();
            studio.edit(Edit::Plans(crate::chain::edit::PlansEdit::Import(f.plan)));
            format!(" Its chain plan \u{201c}{plan}\u{201d} is in the Chain area.")
        });
        done.set(Some(format!(
            "Imported \u{201c}{name}\u{201d}.{} Undo (Ctrl+Z) takes it back.",
            plan_note.unwrap_or_default()
        )));
        if from_link {
            // Leave the link without rebuilding the page, so the confirmation stays in view.
            replace_fragment("#/packages");
        }
    };
    view! {
        <section class="card" aria-labelledby="import-title">
            <h2 id="import-title">"Import"</h2>
            <div class="field">
                <label for="import-file">"Package or profile.json"</label>
                <input id="import-file" type="file" accept=".zip,.json,application/zip,application/json" on:change=on_file/>
                <span class="hint">"Nothing changes until you confirm the preview. Files over 50 MB are refused."</span>
            </div>
            {move || done.get().map(|m| view! { <p class="done" role="status">{m}</p> })}
            {move || match loaded.get() {
                Some(Err(e)) => Some(view! {
                    <div class="refusal" role="alert">
                        <p><strong>"This file cannot be imported."</strong></p>
                        <p>{e.to_string()}</p>
                        <p class="hint">"Your workspace is unchanged."</p>
                    </div>
                }.into_any()),
                Some(Ok(imported)) => Some(view! { <Preview imported plan replace new_name on_confirm=Callback::new(move |_| confirm()) on_cancel=Callback::new(move |_| loaded.set(None))/> }.into_any()),
                None => None,
            }}
        </section>
    }
}

/// The import preview.
#[component]
fn Preview(
    /// What was read.
    imported: Imported,
    /// What importing would do.
    plan: Memo<Option<crate::package::ImportPlan>>,
    /// Replace the profile of the same name (else add under a new name).
    replace: RwSignal<bool>,
    /// The name to add under.
    new_name: RwSignal<String>,
    /// Confirms.
    on_confirm: Callback<()>,
    /// Cancels.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let source = match &imported.manifest {
        Some(m) => format!(
            "Package made by Offline Profile Studio {} on {}",
            m.app_version, m.created_at
        ),
        None if imported.file == "shared link" => "Shared link".to_string(),
        None => "profile.json".to_string(),
    };
    let name = imported.profile.name.clone();
    let clash_name = name.clone();
    let carries_plan = imported.chain_plan.as_ref().map(|f| {
        format!(
            " \u{b7} carries the chain plan \u{201c}{}\u{201d} ({} groups, {} waves), added to the Chain area on import",
            f.plan.name,
            f.plan.groups.len(),
            f.plan.waves.len()
        )
    });
    view! {
        <div class="preview" role="region" aria-label="Import preview">
            <h3>{format!("Import preview: \u{201c}{name}\u{201d}, version {}", imported.version)}</h3>
            <p class="hint">{format!("{source} \u{b7} {} scopes{}", imported.profile.scopes.len(), carries_plan.unwrap_or_default())}</p>
            {move || plan.get().map(|plan| {
                let clash = plan.clash.is_some();
                let errors: Vec<Diagnostic> = plan.diagnostics.iter().filter(|d| d.severity != Severity::Info).take(8).cloned().collect();
                let changes = plan.changes.clone();
                let free = plan.free_name.clone();
                let clash_name = clash_name.clone();
                view! {
                    <p class="counts">{format!("Checks after import: {} errors, {} warnings, {} info", plan.counts.errors, plan.counts.warnings, plan.counts.infos)}</p>
                    {(!errors.is_empty()).then(|| view! {
                        <ul class="preview-checks">{errors.into_iter().map(|d| view! { <li class=if d.severity == Severity::Error { "issue error" } else { "issue warning" }>{d.message}</li> }).collect_view()}</ul>
                    })}
                    {clash.then(|| view! {
                        <fieldset>
                            <legend>{format!("A profile named \u{201c}{clash_name}\u{201d} already exists")}</legend>
                            <div class="radios">
                                <label><input type="radio" name="clash" prop:checked=move || replace.get() on:change=move |_| replace.set(true)/>"Replace it"</label>
                                <label><input type="radio" name="clash" prop:checked=move || !replace.get() on:change=move |_| replace.set(false)/>"Add as a new profile"</label>
                            </div>
                            <Show when=move || !replace.get()>
                                <div class="field">
                                    <label for="import-name">"New name"</label>
                                    <input id="import-name" type="text" placeholder=free.clone()
                                        prop:value=move || new_name.get() on:input:target=move |ev| new_name.set(ev.target().value())/>
                                </div>
                            </Show>
                        </fieldset>
                    })}
                    <h4>"Scopes"</h4>
                    <ul class="outcomes">{plan.scopes.iter().map(|o| view! { <li>{o.describe()}</li> }).collect_view()}</ul>
                    {changes.map(|c| view! {
                        <h4>"Compared with the existing profile"</h4>
                        <VerdictView verdict=verdict(&c)/>
                    })}
                }
            })}
            <div class="toolbar">
                <button type="button" class="primary" on:click=move |_| on_confirm.run(())>"Import"</button>
                <button type="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </div>
        </div>
    }
}

/// Compare a package with the current profile, or two packages.
#[component]
fn CompareCard() -> impl IntoView {
    let studio = use_studio();
    let first = RwSignal::new(None::<Result<Imported, ImportError>>);
    let second = RwSignal::new(None::<Result<Imported, ImportError>>);
    let chosen = RwSignal::new(None::<ProfileId>);
    let current = Memo::new(move |_| picked(studio, chosen.get()));
    let pick = move |target: RwSignal<Option<Result<Imported, ImportError>>>| {
        move |ev: leptos::ev::Event| {
            let input: web_sys::HtmlInputElement = event_target(&ev);
            leptos::task::spawn_local(async move { target.set(load_input(input).await) });
        }
    };
    let result = Memo::new(move |_| {
        let old = match first.get() {
            Some(Ok(i)) => i,
            Some(Err(e)) => return Some(Err(e.to_string())),
            None => return None,
        };
        let (label, new) = match second.get() {
            Some(Ok(i)) => (
                format!("package \u{201c}{}\u{201d} v{}", i.profile.name, i.version),
                i.profile,
            ),
            Some(Err(e)) => return Some(Err(e.to_string())),
            None => {
                let id = current.get()?;
                studio.workspace.with(|ws| {
                    ws.profile(id).map(|p| {
                        (
                            format!("the current profile \u{201c}{}\u{201d}", p.name),
                            ResolvedProfile::of(ws, p),
                        )
                    })
                })?
            }
        };
        let changes = diff(&old.profile, &new);
        Some(Ok((
            format!(
                "From package \u{201c}{}\u{201d} v{} to {label}: {} change{}",
                old.profile.name,
                old.version,
                changes.len(),
                if changes.len() == 1 { "" } else { "s" }
            ),
            verdict(&changes),
        )))
    });
    view! {
        <section class="card" aria-labelledby="compare-title">
            <h2 id="compare-title">"Compare versions"</h2>
            <p class="hint">"What changes from a package (for example the version deployed now) to the current profile or to another package, and whether registers must be reprovisioned."</p>
            <div class="field">
                <label for="compare-first">"Package deployed now"</label>
                <input id="compare-first" type="file" accept=".zip,.json" on:change=pick(first)/>
            </div>
            <div class="field-row">
                <ProfilePicker id="compare-profile" label="Compare with profile" chosen/>
                <div class="field">
                    <label for="compare-second">"or with another package"</label>
                    <input id="compare-second" type="file" accept=".zip,.json" on:change=pick(second)/>
                </div>
            </div>
            {move || result.get().map(|r| match r {
                Ok((title, v)) => view! {
                    <div class="comparison" role="region" aria-label="Comparison">
                        <h3>{title}</h3>
                        <VerdictView verdict=v/>
                    </div>
                }.into_any(),
                Err(e) => view! { <div class="refusal" role="alert"><p>{e}</p></div> }.into_any(),
            })}
        </section>
    }
}
