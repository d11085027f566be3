//! The Scenario form: the profile to run (and one to compare with), a preset, every scenario
//! value (from the core's table of fields, with its range errors beside it), the outages, and
//! Run and Cancel.

use super::run::Plan;
use super::{RunState, RunStatus, SimStore};
use crate::model::diff::ResolvedProfile;
use crate::sim::memory;
use crate::sim::{parse_outages, Preset, Scenario, ScenarioError, ScenarioField, SCENARIO_FIELDS};
use crate::ui::fields::ChoiceSelect;
use crate::ui::profile_picker::{picked, ProfilePicker};
use crate::ui::state::use_studio;
use leptos::prelude::*;

fn outages_text(s: &Scenario) -> String {
    s.outages
        .iter()
        .map(|o| format!("{}: {}-{}", o.register, o.start_minute, o.end_minute))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The Scenario form of the Simulation area.
#[component]
pub fn ScenarioForm() -> impl IntoView {
    let studio = use_studio();
    let store = expect_context::<SimStore>();
    let SimStore {
        scenario,
        preset,
        state,
        simulated,
        compare_with,
        ..
    } = store;
    let profile = RwSignal::new(
        simulated
            .get_untracked()
            .map(|p| p.0)
            .or(studio.profile.get_untracked()),
    );
    let current = Memo::new(move |_| picked(studio, profile.get()));
    let outage_error = RwSignal::new(None::<String>);
    // Text that is no whole number, per field key.
    let bad_field = RwSignal::new(Vec::<(&'static str, String)>::new());
    let errors = Memo::new(move |_| scenario.with(|s| s.validate()));
    let blocked = move || {
        !errors.with(Vec::is_empty)
            || outage_error.with(Option::is_some)
            || !bad_field.with(Vec::is_empty)
    };
    let run = move || {
        let Some(pid) = current.get_untracked() else {
            return;
        };
        let second = compare_with.get_untracked().filter(|other| *other != pid);
        let plans: Vec<Plan> = studio.workspace.with_untracked(|ws| {
            std::iter::once(pid)
                .chain(second)
                .filter_map(|id| {
                    ws.profile(id).map(|p| Plan {
                        id,
                        name: p.name.clone(),
                        profile: ResolvedProfile::of(ws, p),
                        reconnect_mins: p.device.reconnect_interval_mins,
                    })
                })
                .collect()
        });
        if !plans.is_empty() && !untrack(blocked) {
            store.lesson.set(None);
            // The profiles run at once: together they must fit in memory.
            let s = scenario.get_untracked();
            let each: Vec<u64> = plans
                .iter()
                .map(|p| memory::run_bytes(&s, &p.profile))
                .collect();
            match memory::fits_together(&each) {
                Ok(()) => store.start(plans, s),
                Err(why) => state.set(RunState::Failed(why)),
            }
        }
    };
    let running = move || matches!(state.get(), RunState::Running { .. });
    view! {
        <form class="card scenario" aria-labelledby="scenario-title" name="scenario" on:submit=move |ev| { ev.prevent_default(); run(); }>
            <h2 id="scenario-title">"Scenario"</h2>
            <div class="field-row">
                <ProfilePicker id="sim-profile" label="Profile" chosen=profile/>
                <ProfilePicker id="sim-compare" label="Compare with" chosen=compare_with none="No comparison" except=Signal::derive(move || current.get())/>
                <ChoiceSelect id="sim-preset" label="Preset" value=preset placeholder="Custom values"
                    on_change=Callback::new(move |p: Option<Preset>| if let Some(p) = p {
                        scenario.set(p.scenario());
                        bad_field.set(Vec::new());
                        outage_error.set(None);
                        preset.set(Some(p));
                    })/>
            </div>
            <div class="field-grid compact">
                {SCENARIO_FIELDS.iter().map(|f| view! { <ScenarioValue field=f scenario errors bad_field/> }).collect_view()}
            </div>
            <div class="field">
                <label for="sim-outages">"Outages (register: start-end, in minutes)"</label>
                <textarea id="sim-outages" rows="3" prop:value=move || scenario.with(outages_text)
                    on:change:target=move |ev| match parse_outages(&ev.target().value()) {
                        Ok(o) => { outage_error.set(None); scenario.update(|s| s.outages = o); }
                        Err(e) => outage_error.set(Some(e)),
                    }></textarea>
                {move || outage_error.get().map(|e| view! { <p class="issue error">{e}</p> })}
                <For each=move || errors.with(|e| e.iter().filter(|x| x.field == "outages").map(|x| x.message.clone()).collect::<Vec<_>>()) key=|m| m.clone()
                    children=move |m| view! { <p class="issue error">{m}</p> }/>
            </div>
            <ScenarioEvents scenario errors/>
            <div class="toolbar">
                <button type="submit" class="primary" disabled=move || running() || blocked()>"Run simulation"</button>
                <button type="button" disabled=move || !running() on:click=move |_| store.cancel_run()>"Cancel"</button>
            </div>
            <RunStatus state/>
        </form>
    }
}

/// One scenario value: its input, and its errors (out of range, or not a number) beside it.
#[component]
fn ScenarioValue(
    field: &'static ScenarioField,
    scenario: RwSignal<Scenario>,
    errors: Memo<Vec<ScenarioError>>,
    bad_field: RwSignal<Vec<(&'static str, String)>>,
) -> impl IntoView {
    let key = field.key;
    let id = field.dom_id();
    let field_errors = Memo::new(move |_| {
        let mut list: Vec<String> = errors.with(|e| {
            e.iter()
                .filter(|x| x.field == key)
                .map(|x| x.message.clone())
                .collect()
        });
        list.extend(bad_field.with(|b| {
            b.iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, m)| m.clone())
                .collect::<Vec<_>>()
        }));
        list
    });
    view! {
        <div class="field">
            <label for=id.clone()>{field.label_with_unit()}</label>
            <input id=id type="text" inputmode="numeric" autocomplete="off"
                aria-invalid=move || (!field_errors.with(Vec::is_empty)).then_some("true")
                prop:value=move || scenario.with(|s| (field.get)(s).to_string())
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    bad_field.update(|b| b.retain(|(k, _)| *k != key));
                    match field.parse(&text) {
                        Ok(v) => scenario.update(|s| (field.set)(s, v)),
                        Err(m) => bad_field.update(|b| b.push((key, m))),
                    }
                }/>
            <For each=move || field_errors.get() key=|m| m.clone() children=move |m| view! { <p class="issue error">{m}</p> }/>
        </div>
    }
}

/// The late registers and the reprovisioning a lesson (or a scenario file) sets: told, with
/// their errors, and removable; the form has no inputs for them, a preset clears them.
#[component]
fn ScenarioEvents(scenario: RwSignal<Scenario>, errors: Memo<Vec<ScenarioError>>) -> impl IntoView {
    let lines = move || {
        scenario.with(|s| {
            let mut v: Vec<String> = s
                .late_registers
                .iter()
                .map(|l| {
                    format!(
                        "Register {} joins the store at minute {}.",
                        l.register, l.minute
                    )
                })
                .collect();
            if let Some(m) = s.reprovision_minute {
                v.push(format!(
                    "The store's profile changes at minute {m}: every register is reprovisioned."
                ));
            }
            v
        })
    };
    let messages = move || {
        errors.with(|e| {
            e.iter()
                .filter(|x| x.field == "late_registers" || x.field == "reprovision_minute")
                .map(|x| x.message.clone())
                .collect::<Vec<_>>()
        })
    };
    move || {
        let v = lines();
        (!v.is_empty()).then(|| {
            view! {
                <div class="field" role="group" aria-labelledby="sim-events-title">
                    <p id="sim-events-title" class="label">"Events"</p>
                    <ul class="events">{v.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    {messages().into_iter().map(|m| view! { <p class="issue error">{m}</p> }).collect_view()}
                    <button type="button" on:click=move |_| scenario.update(|s| { s.late_registers.clear(); s.reprovision_minute = None; })>"Remove these events"</button>
                </div>
            }
        })
    }
}
