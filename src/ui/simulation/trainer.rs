//! Trainer mode: a finished run replayed session by session — next, previous, or played at a
//! chosen speed — showing which tables and how many rows moved in each step, and where the
//! register stands. The timeline follows the current session.

use super::human_bytes;
use super::status::RegisterStatusView;
use crate::sim::SimResult;
use crate::ui::engine::sleep_ms;
use crate::ui::glossary_page::Linked;
use crate::validation::thousands;
use leptos::prelude::*;
use std::sync::Arc;

/// Simulated seconds as a day and a clock time.
fn clock(t: f64) -> String {
    let secs = t.max(0.0) as u64;
    format!(
        "day {}, {:02}:{:02}:{:02}",
        secs / 86_400 + 1,
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60
    )
}

const SPEEDS: [(&str, f64); 5] = [
    ("1 session per second", 1.0),
    ("2 sessions per second", 2.0),
    ("5 sessions per second", 5.0),
    ("10 sessions per second", 10.0),
    ("25 sessions per second", 25.0),
];

/// Step through the run.
#[component]
pub(super) fn Trainer(
    /// The run's results.
    result: Arc<SimResult>,
    /// The current session (`None`: before the first).
    step: RwSignal<Option<usize>>,
) -> impl IntoView {
    let n = result.sessions.len();
    let playing = RwSignal::new(false);
    let speed = RwSignal::new(2.0f64);
    let player = StoredValue::new(0u32);
    let play = move || {
        if step.get_untracked().is_some_and(|i| i + 1 >= n) {
            step.set(None);
        }
        player.update_value(|g| *g += 1);
        let mine = player.get_value();
        playing.set(true);
        leptos::task::spawn_local(async move {
            while let Some(per_second) = speed.try_get_untracked() {
                sleep_ms((1000.0 / per_second) as i32).await;
                // A new run replaces this component: its signals are gone and the loop ends.
                if playing.try_get_untracked() != Some(true) || player.try_get_value() != Some(mine)
                {
                    break;
                }
                let next = step.get_untracked().map_or(0, |i| i + 1);
                if next >= n {
                    playing.set(false);
                    break;
                }
                step.set(Some(next));
            }
        });
    };
    let pause = move || playing.set(false);
    let go = move |to: Option<usize>| {
        pause();
        step.set(to.map(|i| i.min(n.saturating_sub(1))));
    };
    let store = expect_context::<super::SimStore>();
    let studio = crate::ui::state::use_studio();
    // The presenter view of this moment: the profile, the scenario run and the session.
    let presenter_link = move |at: Option<usize>| {
        let profile = store.simulated.with(|s| s.as_ref().map(|s| s.1.clone()))?;
        // A lesson's profile is not in the workspace, so its moment cannot be reopened.
        studio
            .workspace
            .with(|ws| ws.profile_named(&profile).is_some())
            .then_some(())?;
        let scenario = store.ran.get()?;
        Some(
            crate::sim::moment::Moment {
                profile,
                step: at.unwrap_or(0),
                scenario,
            }
            .fragment(),
        )
    };
    let r = result.clone();
    let current = Memo::new(move |_| step.get().and_then(|i| r.step_view(i)));
    let r = result.clone();
    view! {
        <section class="card trainer" aria-labelledby="trainer-title">
            <h2 id="trainer-title">"Trainer mode"</h2>
            <p class="hint">"Replay the run one sync session at a time, in the order they ran: provisioning first, then every scope at its frequency. The timeline above follows along."</p>
            <div class="toolbar" role="toolbar" aria-label="Trainer controls">
                <button type="button" disabled=move || step.get().is_none() on:click=move |_| go(None)>"First"</button>
                <button type="button" disabled=move || step.get().is_none() on:click=move |_| go(step.get_untracked().and_then(|i| i.checked_sub(1)))>"Previous session"</button>
                {move || if playing.get() {
                    view! { <button type="button" class="primary" on:click=move |_| pause()>"Pause"</button> }.into_any()
                } else {
                    view! { <button type="button" class="primary" disabled=n == 0 on:click=move |_| play()>"Play"</button> }.into_any()
                }}
                <button type="button" disabled=move || step.get().is_some_and(|i| i + 1 >= n) on:click=move |_| go(Some(step.get_untracked().map_or(0, |i| i + 1)))>"Next session"</button>
                <button type="button" disabled=move || step.get().is_some_and(|i| i + 1 >= n) on:click=move |_| go(Some(n.saturating_sub(1)))>"Last"</button>
                {move || presenter_link(step.get()).map(|href| view! { <a class="button" href=href>"Presenter view"</a> })}
                <div class="field inline">
                    <label for="trainer-speed">"Speed"</label>
                    <select id="trainer-speed" on:change:target=move |ev| speed.set(ev.target().value().parse().unwrap_or(2.0))>
                        {SPEEDS.into_iter().map(|(label, v)| view! { <option value=v.to_string() selected=v == 2.0>{label}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <input type="range" class="trainer-scrub" aria-label="Session" min="0" max=n.saturating_sub(1).to_string()
                prop:value=move || step.get().unwrap_or(0).to_string()
                on:input:target=move |ev| go(ev.target().value().parse().ok())/>
            <div class="trainer-step" aria-live="polite">
                {move || match current.get() {
                    None => view! { <p class="hint">{format!("Before the first session. {n} sessions to step through: press Next session or Play.")}</p> }.into_any(),
                    Some(v) => {
                        let s = &r.sessions[v.index];
                        let scope = r.scopes.get(s.scope).map(|x| x.0.clone()).unwrap_or_default();
                        let what = if s.initial { " \u{2014} initial download" } else if s.catch_up { " \u{2014} catch-up after an outage" } else { "" };
                        view! {
                            <p><strong>{format!("Session {} of {n}: register {}, scope {} \u{201c}{scope}\u{201d} ({})", v.index + 1, s.register, s.scope + 1, s.direction.label())}</strong></p>
                            <p class="hint">{format!("From {} to {} ({:.1} s){what}.", clock(s.start), clock(s.end), s.end - s.start)}</p>
                            <div class="narration" role="note" aria-label="What happens in this session">
                                {r.narration(v.index).unwrap_or_default().into_iter().map(|line| view! { <p><Linked text=line/></p> }).collect_view()}
                            </div>
                            {if v.moved.is_empty() {
                                view! { <p>"No rows moved: nothing had changed on either side since this register's last run of the scope."</p> }.into_any()
                            } else {
                                view! {
                                    <table class="grid">
                                        <caption>"Rows moved in this step"</caption>
                                        <thead><tr><th scope="col">"Table"</th><th scope="col">"Direction"</th><th scope="col" class="num">"Rows"</th><th scope="col" class="num">"Bytes (estimate)"</th></tr></thead>
                                        <tbody>
                                            {v.moved.iter().map(|(t, arrow, rows, bytes)| view! {
                                                <tr>
                                                    <th scope="row">{t.clone()}</th>
                                                    <td>{if *arrow == "\u{2193}" { "\u{2193} to the register" } else { "\u{2191} to the store" }}</td>
                                                    <td class="num">{thousands(*rows)}</td>
                                                    <td class="num">{human_bytes(*bytes as f64)}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }.into_any()
                            }}
                            {(s.conflicts > 0).then(|| view! { <p class="notice">{format!("{} conflict{} settled by the scope's policy.", s.conflicts, if s.conflicts == 1 { "" } else { "s" })}</p> })}
                            {(!s.problems.is_empty()).then(|| view! {
                                <ul class="problems">{s.problems.iter().take(6).map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
                            })}
                            <p class="register-so-far">{format!("Register {} so far: {} session{}, {} rows moved, offline database about {} (estimate).", s.register, v.register_sessions, if v.register_sessions == 1 { "" } else { "s" }, thousands(v.register_rows), human_bytes(v.register_bytes as f64))}</p>
                            <RegisterStatusView result=r.clone() index=v.index/>
                        }.into_any()
                    }
                }}
            </div>
        </section>
    }
}
