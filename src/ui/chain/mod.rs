//! The Chain area (`#/chain`): rollout plans across store groups — the plan's settings, its
//! groups, waves and outages with their checks beside each control, the run on the engine
//! workers, and the results (charts with their tables). Rules live in `crate::chain`; this
//! module words them.

mod fields;
mod files;
mod groups;
mod results;
mod run;
mod settings;
mod waves;

use crate::chain::edit::{PlanEdit, PlansEdit};
use crate::chain::{check, profiles_of, ChainPlan};
use crate::model::edit::Edit;
use crate::ui::state::{use_studio, Studio};
use leptos::prelude::*;
use std::collections::HashMap;

pub use run::ChainStore;

/// The plan open in the Chain area and its checks, for every control below the page.
#[derive(Clone, Copy)]
pub(crate) struct PlanCtx {
    studio: Studio,
    /// The open plan's position in the workspace's plans.
    index: Memo<Option<usize>>,
    /// The open plan.
    pub plan: Memo<Option<ChainPlan>>,
    /// Its problems by control id.
    issues: Memo<HashMap<String, Vec<String>>>,
}

impl PlanCtx {
    /// Changes the open plan.
    pub fn set(&self, change: PlanEdit) {
        if let Some(plan) = self.index.get_untracked() {
            self.studio
                .edit(Edit::Plans(PlansEdit::Set { plan, change }));
        }
    }

    /// The problems shown under the control `id`.
    pub fn issues(&self, id: String) -> Signal<Vec<String>> {
        let issues = self.issues;
        Signal::derive(move || issues.with(|m| m.get(&id).cloned().unwrap_or_default()))
    }

    /// Whether the plan has any problem (then it cannot run).
    pub fn blocked(&self) -> bool {
        self.issues.with(|m| !m.is_empty())
    }

    /// A value of the open plan (tracked); `None` while no plan is open.
    pub fn with<T>(&self, f: impl FnOnce(&ChainPlan) -> T) -> Option<T> {
        self.plan.with(|p| p.as_ref().map(f))
    }
}

fn use_plan() -> PlanCtx {
    expect_context::<PlanCtx>()
}

/// The Chain area.
#[component]
pub fn ChainPage() -> impl IntoView {
    let studio = use_studio();
    let chosen = RwSignal::new(0usize);
    let index = Memo::new(move |_| {
        let n = studio.workspace.with(|ws| ws.plans.len());
        (n > 0).then(|| chosen.get().min(n - 1))
    });
    let plan = Memo::new(move |_| {
        let i = index.get()?;
        studio.workspace.with(|ws| ws.plans.get(i).cloned())
    });
    let issues = Memo::new(move |_| {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        if let Some(p) = plan.get() {
            studio.workspace.with(|ws| {
                for i in check(&p, &profiles_of(ws)) {
                    map.entry(i.field.dom_id()).or_default().push(i.message);
                }
            });
        }
        map
    });
    provide_context(PlanCtx {
        studio,
        index,
        plan,
        issues,
    });
    let store = expect_context::<ChainStore>();
    view! {
        <section class="page chain" aria-labelledby="page-title">
            <div class="page-head">
                <h1 id="page-title">"Chain"</h1>
                <p class="lead">"Plan a rollout across the chain: store groups, the waves in which they go live or change profile, and what that does to head office, to each store's links and registers, to the period close and to reprovisioning. One real SQLite run per distinct group shape, never one per store."</p>
            </div>
            // Printing shows the results alone (the editor is hidden) once there are results.
            <div class=move || if store.outcome.with(Option::is_some) { "chain-layout with-results" } else { "chain-layout" }>
                <div class="chain-editor"><files::PlanBar chosen/></div>
                {move || match index.get() {
                    None => view! { <EmptyState/> }.into_any(),
                    Some(_) => view! {
                        <div class="chain-editor">
                            <settings::PlanSettings/>
                            <groups::GroupsCard/>
                            <waves::WavesCard/>
                            <waves::OutagesCard/>
                            <run::RunCard/>
                        </div>
                        <results::ChainResults/>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}

/// What the area says before the workspace has a plan.
#[component]
fn EmptyState() -> impl IntoView {
    let studio = use_studio();
    let first = move || {
        studio
            .workspace
            .with(|ws| ws.profiles.first().map(|p| p.name.clone()))
    };
    view! {
        <section class="card" aria-labelledby="no-plan">
            <h2 id="no-plan">"No rollout plan yet"</h2>
            <p>"A plan starts with two store groups going live in three waves; change every value, add groups, waves, profile changes and outages, then run it."</p>
            {move || match first() {
                Some(profile) => view! {
                    <button type="button" class="primary" on:click=move |_| { studio.edit(Edit::Plans(PlansEdit::New { profile: profile.clone() })); }>"New rollout plan"</button>
                }.into_any(),
                None => view! { <p class="refusal">"A plan needs a profile: create one in the Profiles area first."</p> }.into_any(),
            }}
        </section>
    }
}
