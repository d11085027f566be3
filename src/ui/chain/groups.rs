//! The plan's store groups: each a card with its stores and registers, profile, store shape
//! (a preset and the values that differ), opening hours, and its two links.

use super::fields::{CheckField, PlanNumber, ProfileName, TimeField};
use super::use_plan;
use crate::chain::check::GroupField as F;
use crate::chain::edit::{GroupValue as V, PlanEdit};
use crate::chain::{profiles_of, PlanField, StoreGroup, Topology};
use crate::sim::{Opening, Preset};
use crate::ui::fields::{ChoiceSelect, TextField};
use crate::ui::state::use_studio;
use leptos::prelude::*;

#[component]
pub fn GroupsCard() -> impl IntoView {
    let ctx = use_plan();
    let studio = use_studio();
    let ids = Memo::new(move |_| {
        ctx.with(|p| p.groups.iter().map(|g| g.id).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let add = move |_| {
        let profile = studio
            .workspace
            .with_untracked(|ws| ws.profiles.first().map(|p| p.name.clone()));
        if let Some(profile) = profile {
            ctx.set(PlanEdit::AddGroup { profile });
        }
    };
    view! {
        <section class="card" aria-labelledby="groups-title">
            <h2 id="groups-title">"Store groups"</h2>
            <p class="hint">"Stores of a group share a profile, a shape and a link. Each group is simulated as one store, however many stores it has; its waves say when how many of them go live."</p>
            <For each=move || ids.get() key=|id| *id children=move |id| view! { <GroupCard id/> }/>
            {move || ctx.issues(PlanField::Groups.dom_id()).get().into_iter().map(|m| view! { <p class="refusal">{m}</p> }).collect_view()}
            <button type="button" id=PlanField::Groups.dom_id() on:click=add>"Add a store group"</button>
        </section>
    }
}

/// One group's value (tracked).
fn group<T: Default + Send + Sync + Clone + 'static>(
    id: u32,
    f: fn(&StoreGroup) -> T,
) -> Signal<T> {
    let ctx = use_plan();
    Signal::derive(move || {
        ctx.with(|p| p.group(id).map(f))
            .flatten()
            .unwrap_or_default()
    })
}

#[component]
fn GroupCard(id: u32) -> impl IntoView {
    let ctx = use_plan();
    let set = move |v: V| ctx.set(PlanEdit::Group(id, v));
    let field = move |f: F| PlanField::Group(id, f);
    let name = group(id, |g| g.name.clone());
    let preset = Signal::derive(move || ctx.with(|p| p.group(id).map(|g| g.preset)).flatten());
    let preset_value = move |f: fn(&crate::sim::Scenario) -> u32,
                             o: fn(&StoreGroup) -> Option<u32>| {
        Signal::derive(move || {
            ctx.with(|p| {
                p.group(id)
                    .map(|g| o(g).unwrap_or_else(|| f(&g.preset.scenario())))
            })
            .flatten()
            .unwrap_or(0)
        })
    };
    view! {
        <fieldset class="group-card">
            <legend>{move || format!("Group: {}", name.get())}</legend>
            <div class="field-row">
                <TextField id=field(F::Name).dom_id() label="Name" value=name
                    on_input=Callback::new(move |v| set(V::Name(v))) more=ctx.issues(field(F::Name).dom_id())/>
                <PlanNumber field=field(F::Stores) label="Stores" value=group(id, |g| g.stores) edit=move_edit(id, V::Stores)/>
                <PlanNumber field=field(F::Registers) label="Registers per store" value=group(id, |g| g.registers_per_store) edit=move_edit(id, V::Registers)/>
                <ProfileName field=field(F::Profile) label="Profile" value=group(id, |g| g.profile.clone())
                    on=Callback::new(move |v| set(V::Profile(v)))/>
            </div>
            <div class="field-row">
                <ChoiceSelect id=field(F::Preset).dom_id() label="Store shape (preset)" value=preset
                    on_change=Callback::new(move |v: Option<Preset>| if let Some(v) = v { set(V::Preset(v)) })/>
                <PlanNumber field=field(F::Products) label="Products" value=preset_value(|s| s.products, |g| g.overrides.products) edit=move_edit(id, |v| V::Products(Some(v)))/>
                <PlanNumber field=field(F::Customers) label="Customers" value=preset_value(|s| s.customers, |g| g.overrides.customers) edit=move_edit(id, |v| V::Customers(Some(v)))/>
                <PlanNumber field=field(F::Transactions) label="Sales per register a day" value=preset_value(|s| s.transactions_per_register_per_day, |g| g.overrides.transactions_per_register_per_day) edit=move_edit(id, |v| V::Transactions(Some(v)))/>
            </div>
            <GroupLinks id/>
            <button type="button" class="danger" on:click=move |_| ctx.set(PlanEdit::RemoveGroup(id))>
                {move || format!("Remove group {}", name.get())}
            </button>
        </fieldset>
    }
}

/// The plan edit of one group's whole-number value.
fn move_edit(id: u32, v: fn(u32) -> V) -> Callback<u32, PlanEdit> {
    Callback::new(move |x| PlanEdit::Group(id, v(x)))
}

/// Opening hours and the two links of one group, with what each link carries.
#[component]
fn GroupLinks(id: u32) -> impl IntoView {
    let ctx = use_plan();
    let studio = use_studio();
    let set = move |v: V| ctx.set(PlanEdit::Group(id, v));
    let field = move |f: F| PlanField::Group(id, f);
    let opening = group(id, |g| g.overrides.opening.map(|o| (o.open, o.close)));
    let around = Signal::derive(move || opening.get().is_none());
    let open_at = move |close: bool| {
        Signal::derive(move || {
            opening
                .get()
                .map(|o| if close { o.1 } else { o.0 })
                .unwrap_or(0)
        })
    };
    let set_time = move |close: bool, m: u32| {
        let (o, c) = opening.get_untracked().unwrap_or((8 * 60, 21 * 60));
        set(V::Opening(Some(if close {
            Opening { open: o, close: m }
        } else {
            Opening { open: m, close: c }
        })));
    };
    let topology = move || {
        let profile = ctx
            .with(|p| p.group(id).map(|g| g.profile.clone()))
            .flatten()?;
        studio
            .workspace
            .with(|ws| profiles_of(ws)(&profile))
            .map(|p| Topology::of(p.target).words())
    };
    view! {
        <div class="field-row">
            <CheckField id=format!("group-{id}-around") label="Sells around the clock" value=around
                on=Callback::new(move |v: bool| set(V::Opening(if v { None } else { Some(Opening { open: 8 * 60, close: 21 * 60 }) })))/>
            <Show when=move || !around.get()>
                <TimeField field=field(F::Opening) label="Opens" value=open_at(false) on=Callback::new(move |m| set_time(false, m))/>
                <TimeField field=PlanField::Group(id, F::Opening) label="Closes" value=open_at(true) on=Callback::new(move |m| set_time(true, m))/>
            </Show>
        </div>
        <div class="field-row">
            <PlanNumber field=field(F::WanKbps) label="WAN to head office" value=group(id, |g| g.wan_kbps) edit=move_edit(id, V::WanKbps) unit="kbit/s"/>
            <PlanNumber field=field(F::WanLatency) label="WAN latency" value=group(id, |g| g.wan_latency_ms) edit=move_edit(id, V::WanLatency) unit="ms"/>
            <PlanNumber field=field(F::LanKbps) label="Store LAN" value=group(id, |g| g.lan_kbps) edit=move_edit(id, V::LanKbps) unit="kbit/s"/>
            <PlanNumber field=field(F::LanLatency) label="LAN latency" value=group(id, |g| g.lan_latency_ms) edit=move_edit(id, V::LanLatency) unit="ms"/>
        </div>
        <p class="hint">{move || topology().unwrap_or("Pick a profile: its target system decides which link carries what.")}</p>
    }
}
