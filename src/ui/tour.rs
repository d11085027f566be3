//! The guided tour: offered on a first visit and from the Help menu. A panel names each step of
//! the core's tour (`crate::tour`), marks the real control to use, and moves on once the user has
//! used it. Nothing is blocked meanwhile: the tour only points.

use super::simulation::SimStore;
use super::state::Studio;
use super::storage;
use crate::tour::{done, Seen, STEPS};
use leptos::prelude::*;

/// Where the first-visit offer is remembered as answered.
const TOUR_KEY: &str = "offline-profile-studio.tour";

/// The tour's state, at the app root.
#[derive(Clone, Copy)]
pub struct Tour {
    /// The current step and what was seen when it began; None when no tour runs.
    step: RwSignal<Option<(usize, Seen)>>,
    /// Whether the tour has just been completed.
    finished: RwSignal<bool>,
    /// Downloads of packages and profile.json files since the app started.
    pub exports: RwSignal<usize>,
    /// Whether the first-visit offer shows.
    offer: RwSignal<bool>,
}

impl Tour {
    /// A tour not running; the offer shows when this browser has never answered it.
    pub fn new() -> Tour {
        Tour {
            step: RwSignal::new(None),
            finished: RwSignal::new(false),
            exports: RwSignal::new(0),
            offer: RwSignal::new(matches!(storage::read(TOUR_KEY), Ok(None))),
        }
    }

    fn answered(&self) {
        self.offer.set(false);
        let _ = storage::write(TOUR_KEY, "answered");
    }

    /// Starts (or restarts) the tour at its first step.
    pub fn start(&self, now: Seen) {
        self.answered();
        self.finished.set(false);
        self.step.set(Some((0, now)));
    }
}

/// What the tour can observe now.
fn seen(studio: Studio, sim: SimStore, tour: Tour) -> Seen {
    studio.workspace.with(|ws| Seen {
        area: String::new(),
        profiles: ws.profiles.len(),
        open_profile: studio
            .profile
            .get()
            .and_then(|id| ws.profile(id))
            .map(|p| (p.name.clone(), p.scopes.len())),
        scope_form_open: studio.scope.get().is_some(),
        runs: sim.finished.get(),
        exports: tour.exports.get(),
    })
}

/// Marks the control of the current step (and unmarks the previous one).
fn mark(control: Option<&'static str>) {
    let doc = document();
    while let Ok(Some(old)) = doc.query_selector("[data-tour]") {
        if old.remove_attribute("data-tour").is_err() {
            break;
        }
    }
    if let Some(el) = control.and_then(|c| doc.get_element_by_id(c)) {
        let _ = el.set_attribute("data-tour", "current");
    }
}

/// The first-visit offer, and the tour panel while a tour runs.
#[component]
pub fn TourPanel() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let sim = expect_context::<SimStore>();
    let tour = expect_context::<Tour>();
    // Move on when the current step is done.
    Effect::new(move |_| {
        let now = seen(studio, sim, tour);
        if let Some((i, start)) = tour.step.get() {
            if done(i, &start, &now) {
                if i + 1 < STEPS.len() {
                    tour.step.set(Some((i + 1, now)));
                } else {
                    tour.step.set(None);
                    tour.finished.set(true);
                }
            }
        }
    });
    // Mark the current control once the page shows it (the area may change first).
    Effect::new(move |_| {
        let control = tour.step.get().map(|(i, _)| STEPS[i].control);
        let _ = studio.profile.get();
        let _ = studio.scope.get();
        let _ = sim.result.with(Option::is_some);
        request_animation_frame(move || mark(control));
    });
    let start = move || tour.start(untrack(|| seen(studio, sim, tour)));
    view! {
        {move || tour.offer.get().then(|| view! {
            <div class="banner info" role="region" aria-label="Welcome">
                <p>"New to Offline Profile Studio? A short tour follows the procedure: create an offline profile, simulate it, export it."</p>
                <button type="button" class="primary" on:click=move |_| start()>"Take the tour"</button>
                <button type="button" on:click=move |_| tour.answered()>"Not now"</button>
            </div>
        })}
        {move || tour.step.get().map(|(i, _)| {
            let s = STEPS[i];
            view! {
                <aside class="tour-panel" aria-label="Tour" aria-live="polite">
                    <p class="tour-count">{format!("Tour, step {} of {}", i + 1, STEPS.len())}</p>
                    <h2>{s.title}</h2>
                    <p>{s.say}</p>
                    <div class="toolbar">
                        <a class="button" href=format!("#/{}", s.area)
                            on:click=move |_| request_animation_frame(move || {
                                mark(Some(s.control));
                                if let Some(el) = document().get_element_by_id(s.control) {
                                    el.scroll_into_view();
                                }
                            })>"Show me"</a>
                        <button type="button" on:click=move |_| { tour.step.set(None); mark(None); }>"End the tour"</button>
                    </div>
                </aside>
            }
        })}
        {move || tour.finished.get().then(|| view! {
            <aside class="tour-panel" aria-label="Tour" aria-live="polite">
                <h2>"Tour complete"</h2>
                <p>"You created an offline profile, gave it a scope, simulated it and exported it. The Glossary explains the words; trainer mode and the lessons show how synchronization behaves."</p>
                <button type="button" on:click=move |_| tour.finished.set(false)>"Close"</button>
            </aside>
        })}
    }
}

/// The Help menu: the tour and the glossary.
#[component]
pub fn HelpMenu() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let sim = expect_context::<SimStore>();
    let tour = expect_context::<Tour>();
    let open = RwSignal::new(false);
    view! {
        <div class="help-menu">
            <button type="button" class="ghost" aria-expanded=move || open.get().to_string() aria-controls="help-items" on:click=move |_| open.update(|o| *o = !*o)>"Help"</button>
            <Show when=move || open.get()>
                <div id="help-items" class="help-items" role="group" aria-label="Help">
                    <button type="button" on:click=move |_| { open.set(false); tour.start(untrack(|| seen(studio, sim, tour))); }>"Take the tour"</button>
                    <a href="#/glossary" on:click=move |_| open.set(false)>"Glossary"</a>
                </div>
            </Show>
        </div>
    }
}
