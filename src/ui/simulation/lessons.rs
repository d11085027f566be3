//! The lesson scenarios: one click loads a lesson's scenario and profile, runs it, and puts trainer
//! mode at the session where the lesson's point is made.

use super::run::Plan;
use super::SimStore;
use crate::model::diff::ResolvedProfile;
use crate::model::{DeviceConfig, ProfileId, Workspace};
use crate::sim::lessons::{Lesson, LESSONS};
use leptos::prelude::*;

/// The lesson library.
#[component]
pub fn Lessons() -> impl IntoView {
    let store = expect_context::<SimStore>();
    let load = move |l: &'static Lesson| {
        let ws = Workspace::with_default_profile();
        let profile = l.profile(&ResolvedProfile::of(&ws, &ws.profiles[0]));
        let scenario = l.scenario();
        store.lesson.set(Some(l));
        store.scenario.set(scenario.clone());
        store.preset.set(None);
        store.compare_with.set(None);
        let plan = Plan {
            // Not a profile of the workspace: the lesson's own, from the built-in one.
            id: ProfileId(u32::MAX),
            name: profile.name.clone(),
            profile,
            reconnect_mins: DeviceConfig::default().reconnect_interval_mins,
        };
        store.start(vec![plan], scenario);
    };
    view! {
        <section class="card lessons" aria-labelledby="lessons-title">
            <h2 id="lessons-title">"Lessons"</h2>
            <p class="hint">"Each runs the built-in profile, changed as the lesson needs, on a small store, and opens trainer mode at the session that makes its point."</p>
            <ul class="lesson-list">
                {LESSONS.iter().map(|l| view! {
                    <li>
                        <button type="button" on:click=move |_| load(l)>{l.title}</button>
                        <span class="hint">{l.shows}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
