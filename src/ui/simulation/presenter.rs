//! The presenter view for a projector: the timeline, the session told in plain words and the
//! register status, in large type and nothing else. Space plays and pauses, ← and → step; the
//! address holds the profile, the scenario and the session, so a trainer can bookmark a moment and
//! open it in class (the run is simulated again, with the same results).

use super::run::Plan;
use super::status::RegisterStatusView;
use super::timeline::Timeline;
use super::{RunState, RunStatus, SimStore};
use crate::model::diff::ResolvedProfile;
use crate::sim::moment::Moment;
use crate::sim::SimResult;
use crate::ui::engine::sleep_ms;
use crate::ui::glossary_page::Linked;
use crate::ui::state::use_studio;
use crate::ui::storage::replace_fragment;
use leptos::prelude::*;
use std::sync::Arc;

/// The presenter view of the moment in `payload` (what follows `#/present/`).
#[component]
pub fn PresenterPage(payload: String) -> impl IntoView {
    let studio = use_studio();
    let store = expect_context::<SimStore>();
    let moment = Moment::parse(&payload);
    let problem = RwSignal::new(None::<String>);
    if let Ok(m) = &moment {
        let found = studio.workspace.with_untracked(|ws| {
            ws.profile_named(&m.profile).map(|p| Plan {
                id: p.id,
                name: p.name.clone(),
                profile: ResolvedProfile::of(ws, p),
                reconnect_mins: p.device.reconnect_interval_mins,
            })
        });
        let already = store
            .simulated
            .with_untracked(|s| s.as_ref().is_some_and(|s| s.1 == m.profile))
            && store
                .ran
                .with_untracked(|s| s.as_ref() == Some(&m.scenario))
            && store.result.with_untracked(Option::is_some);
        match found {
            None => problem.set(Some(format!("This link is for the profile \u{201c}{}\u{201d}, which this browser's workspace does not have. Import it first (Packages), then open the link again.", m.profile))),
            Some(plan) if !already => {
                store.scenario.set(m.scenario.clone());
                store.start(vec![plan], m.scenario.clone());
            }
            Some(_) => {}
        }
    } else if let Err(e) = &moment {
        problem.set(Some(format!("This presenter link cannot be opened: {e}.")));
    }
    let start = moment.as_ref().map(|m| m.step).unwrap_or(0);
    let moment = StoredValue::new(moment.ok());
    view! {
        <section class="presenter" aria-labelledby="presenter-title">
            <div class="presenter-head">
                <h1 id="presenter-title">"Presenter view"</h1>
                <a href="#/simulation" class="button">"Leave presenter view"</a>
            </div>
            {move || problem.get().map(|p| view! { <div class="refusal" role="alert"><p>{p}</p></div> })}
            {move || match (store.result.get(), store.state.get()) {
                (Some(r), RunState::Done { .. } | RunState::Idle) if problem.with(Option::is_none) => {
                    view! { <Stage result=r start moment/> }.into_any()
                }
                _ => view! { <RunStatus state=store.state/> }.into_any(),
            }}
        </section>
    }
}

/// The run at the moment, with the keyboard stepping through it.
#[component]
fn Stage(
    result: Arc<SimResult>,
    start: usize,
    moment: StoredValue<Option<Moment>>,
) -> impl IntoView {
    let n = result.sessions.len();
    let step = RwSignal::new(Some(start.min(n.saturating_sub(1))));
    let playing = RwSignal::new(false);
    // Keep the address on the session shown, so it can be bookmarked.
    Effect::new(move |_| {
        let at = step.get().unwrap_or(0);
        moment.with_value(|m| {
            if let Some(m) = m {
                replace_fragment(
                    &Moment {
                        step: at,
                        ..m.clone()
                    }
                    .fragment(),
                );
            }
        });
    });
    let go = move |delta: isize| {
        let at = step.get_untracked().unwrap_or(0) as isize + delta;
        step.set(Some(at.clamp(0, n.saturating_sub(1) as isize) as usize));
    };
    let toggle = move || {
        if playing.get_untracked() {
            playing.set(false);
            return;
        }
        playing.set(true);
        leptos::task::spawn_local(async move {
            while playing.try_get_untracked() == Some(true) {
                sleep_ms(1000).await;
                if playing.try_get_untracked() != Some(true) {
                    break;
                }
                if step.get_untracked().is_some_and(|i| i + 1 >= n) {
                    playing.set(false);
                    break;
                }
                go(1);
            }
        });
    };
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let in_field = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
            .is_some_and(|el| {
                matches!(
                    el.tag_name().as_str(),
                    "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON" | "A"
                )
            });
        match ev.key().as_str() {
            " " if !in_field => {
                ev.prevent_default();
                toggle();
            }
            "ArrowRight" => {
                ev.prevent_default();
                go(1);
            }
            "ArrowLeft" => {
                ev.prevent_default();
                go(-1);
            }
            _ => {}
        }
    });
    on_cleanup(move || {
        keys.remove();
        playing.set(false);
    });
    let r = result.clone();
    view! {
        <div class="presenter-stage">
            <p class="presenter-hint">{move || format!("Session {} of {n} \u{2014} {} \u{2014} Space plays or pauses, \u{2190} and \u{2192} step.", step.get().unwrap_or(0) + 1, if playing.get() { "playing" } else { "paused" })}</p>
            <Timeline result=result.clone() step/>
            {move || step.get().map(|i| view! {
                <div class="narration presenter-narration" role="note" aria-label="What happens in this session" aria-live="polite">
                    {r.narration(i).unwrap_or_default().into_iter().map(|line| view! { <p><Linked text=line/></p> }).collect_view()}
                </div>
                <RegisterStatusView result=r.clone() index=i/>
            })}
        </div>
    }
}
