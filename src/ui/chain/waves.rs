//! The plan's waves (go-lives and profile changes) and outages, each a small fieldset whose
//! controls show their problems under them.

use super::fields::{CheckField, GroupPick, PlanNumber, ProfileName, TimeField};
use super::use_plan;
use crate::chain::check::{OutageField as O, WaveField as W};
use crate::chain::edit::{OutageValue, PlanEdit, WaveValue};
use crate::chain::{LinkOutage, PlanField, Wave, WaveKind};
use crate::ui::state::use_studio;
use leptos::prelude::*;

#[component]
pub fn WavesCard() -> impl IntoView {
    let ctx = use_plan();
    let studio = use_studio();
    let count = Memo::new(move |_| ctx.with(|p| p.waves.len()).unwrap_or(0));
    let first_group = move || {
        ctx.with(|p| p.groups.first().map(|g| (g.id, g.profile.clone())))
            .flatten()
    };
    let add = move |change: bool| {
        let Some((group, profile)) = first_group() else {
            return;
        };
        let other = studio.workspace.with_untracked(|ws| {
            ws.profiles
                .iter()
                .map(|p| p.name.clone())
                .find(|n| *n != profile)
                .unwrap_or(profile)
        });
        ctx.set(PlanEdit::AddWave {
            group,
            change: change.then_some(other),
        });
    };
    view! {
        <section class="card" aria-labelledby="waves-title">
            <h2 id="waves-title">"Waves"</h2>
            <p class="hint">"A go-live brings stores of a group live on a day; a profile change moves every live store of the group to another profile (or package version) from a day, and its registers are reprovisioned."</p>
            <div class="wave-list">
                <For each=move || 0..count.get() key=|i| *i children=move |i| view! { <WaveRow i/> }/>
            </div>
            <div class="actions">
                <button type="button" disabled=move || first_group().is_none() on:click=move |_| add(false)>"Add a go-live wave"</button>
                <button type="button" disabled=move || first_group().is_none() on:click=move |_| add(true)>"Add a profile change"</button>
            </div>
        </section>
    }
}

#[component]
fn WaveRow(i: usize) -> impl IntoView {
    let ctx = use_plan();
    let wave = Memo::new(move |_| ctx.with(|p| p.waves.get(i).cloned()).flatten());
    let get = move |f: fn(&Wave) -> u32| {
        Signal::derive(move || wave.with(|w| w.as_ref().map(f)).unwrap_or(0))
    };
    let set = move |v: WaveValue| ctx.set(PlanEdit::Wave(i, v));
    let field = move |f: W| PlanField::Wave(i, f);
    let flag = move |f: fn(&WaveKind) -> bool| {
        Signal::derive(move || wave.with(|w| w.as_ref().is_some_and(|w| f(&w.kind))))
    };
    let is_change = flag(|k| matches!(k, WaveKind::ProfileChange { .. }));
    let minute = get(|w| match w.kind {
        WaveKind::GoLive { minute, .. } | WaveKind::ProfileChange { minute, .. } => minute,
    });
    view! {
        <fieldset class="wave">
            <legend>{move || format!("Wave {}: {}", i + 1, if is_change.get() { "profile change" } else { "go-live" })}</legend>
            <div class="field-row">
                <GroupPick field=field(W::Group) label="Group" value=get(|w| w.group) on=Callback::new(move |g| set(WaveValue::Group(g)))/>
                <PlanNumber field=field(W::Day) label="Day" value=get(|w| w.day) edit=Callback::new(move |d| PlanEdit::Wave(i, WaveValue::Day(d)))/>
                <TimeField field=field(W::Time) label="At" value=minute on=Callback::new(move |m| set(WaveValue::Minute(m)))/>
                <Show when=move || !is_change.get() fallback=move || view! {
                    <ProfileName field=field(W::Profile) label="New profile"
                        value=Signal::derive(move || wave.with(|w| match w.as_ref().map(|w| &w.kind) { Some(WaveKind::ProfileChange { profile, .. }) => profile.clone(), _ => String::new() }))
                        on=Callback::new(move |p| set(WaveValue::Profile(p)))/>
                }>
                    <PlanNumber field=field(W::Stores) label="Stores going live" value=get(|w| match w.kind { WaveKind::GoLive { stores, .. } => stores, _ => 0 })
                        edit=Callback::new(move |n| PlanEdit::Wave(i, WaveValue::Stores(n)))/>
                </Show>
            </div>
            <Show when=move || !is_change.get()>
                <div class="field-row">
                    <CheckField id=format!("wave-{i}-paused") label="Offline sync paused until the store is ready" value=flag(|k| matches!(k, WaveKind::GoLive { paused_until_ready: true, .. }))
                        on=Callback::new(move |v| set(WaveValue::Paused(v)))/>
                    <CheckField id=format!("wave-{i}-full") label="Full sync before first offline use" value=flag(|k| matches!(k, WaveKind::GoLive { full_sync_first: true, .. }))
                        on=Callback::new(move |v| set(WaveValue::FullSync(v)))/>
                </div>
            </Show>
            <button type="button" class="danger" on:click=move |_| ctx.set(PlanEdit::RemoveWave(i))>{format!("Remove wave {}", i + 1)}</button>
        </fieldset>
    }
}

#[component]
pub fn OutagesCard() -> impl IntoView {
    let ctx = use_plan();
    let count = Memo::new(move |_| ctx.with(|p| p.outages.len()).unwrap_or(0));
    let first_group = move || ctx.with(|p| p.groups.first().map(|g| g.id)).flatten();
    view! {
        <section class="card" aria-labelledby="outages-title">
            <h2 id="outages-title">"Outages"</h2>
            <p class="hint">"A store (or one register of it) cut off from head office: the same in every store of the group. The period close and each link's catch-up are worked out under these outages."</p>
            <div class="wave-list">
                <For each=move || 0..count.get() key=|i| *i children=move |i| view! { <OutageRow i/> }/>
            </div>
            <button type="button" disabled=move || first_group().is_none()
                on:click=move |_| if let Some(group) = first_group() { ctx.set(PlanEdit::AddOutage { group }) }>"Add an outage"</button>
        </section>
    }
}

#[component]
fn OutageRow(i: usize) -> impl IntoView {
    let ctx = use_plan();
    let get = move |f: fn(&LinkOutage) -> u32| {
        Signal::derive(move || ctx.with(|p| p.outages.get(i).map(f)).flatten().unwrap_or(0))
    };
    let set = move |v: OutageValue| ctx.set(PlanEdit::Outage(i, v));
    let field = move |f: O| PlanField::Outage(i, f);
    view! {
        <fieldset class="wave">
            <legend>{format!("Outage {}", i + 1)}</legend>
            <div class="field-row">
                <GroupPick field=field(O::Group) label="Group" value=get(|o| o.group) on=Callback::new(move |g| set(OutageValue::Group(g)))/>
                <PlanNumber field=field(O::Day) label="Day" value=get(|o| o.day) edit=Callback::new(move |d| PlanEdit::Outage(i, OutageValue::Day(d)))/>
                <TimeField field=field(O::Time) label="Starts" value=get(|o| o.minute) on=Callback::new(move |m| set(OutageValue::Minute(m)))/>
                <PlanNumber field=field(O::Minutes) label="Lasts" value=get(|o| o.minutes) unit="minutes"
                    edit=Callback::new(move |m| PlanEdit::Outage(i, OutageValue::Minutes(m)))/>
                <PlanNumber field=field(O::Register) label="Register (0: the whole store)" value=get(|o| o.register.unwrap_or(0))
                    edit=Callback::new(move |r| PlanEdit::Outage(i, OutageValue::Register((r > 0).then_some(r))))/>
            </div>
            <button type="button" class="danger" on:click=move |_| ctx.set(PlanEdit::RemoveOutage(i))>{format!("Remove outage {}", i + 1)}</button>
        </fieldset>
    }
}
