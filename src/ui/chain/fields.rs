//! The Chain area's controls: each shows the plan's problems for its id under it (the ids come
//! from `PlanField::dom_id`), and a value the plan cannot hold is kept as typed with a message,
//! the plan unchanged.

use super::use_plan;
use crate::chain::edit::PlanEdit;
use crate::chain::plan::clock;
use crate::chain::PlanField;
use crate::ui::fields::{FieldIssues, NumberField};
use crate::ui::state::use_studio;
use leptos::prelude::*;

/// A whole-number field of the plan: `value` reads it, `edit` makes the change.
#[component]
pub fn PlanNumber(
    field: PlanField,
    label: &'static str,
    #[prop(into)] value: Signal<u32>,
    edit: Callback<u32, PlanEdit>,
    #[prop(optional)] unit: Option<&'static str>,
) -> impl IntoView {
    let ctx = use_plan();
    let id = field.dom_id();
    let more = ctx.issues(id.clone());
    let value = Signal::derive(move || i64::from(value.get()));
    let on_commit = Callback::new(move |v: i64| match u32::try_from(v) {
        Ok(v) => ctx.set(edit.run(v)),
        Err(_) => ctx.set(edit.run(u32::MAX)),
    });
    match unit {
        Some(unit) => view! { <NumberField id label value on_commit unit min=0 more/> }.into_any(),
        None => view! { <NumberField id label value on_commit min=0 more/> }.into_any(),
    }
}

/// A time of day (`<input type="time">`), in minutes after midnight.
#[component]
pub fn TimeField(
    field: PlanField,
    label: &'static str,
    #[prop(into)] value: Signal<u32>,
    on: Callback<u32>,
) -> impl IntoView {
    let ctx = use_plan();
    let id = field.dom_id();
    let more = ctx.issues(id.clone());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id.clone() type="time" aria-describedby=format!("{id}-issues")
                prop:value=move || clock(value.get())
                on:change:target=move |ev| {
                    let text = ev.target().value();
                    if let Some((h, m)) = text.split_once(':') {
                        if let (Ok(h), Ok(m)) = (h.parse::<u32>(), m.get(..2).unwrap_or(m).parse::<u32>()) {
                            on.run(h * 60 + m);
                        }
                    }
                }/>
            <FieldIssues id more/>
        </div>
    }
}

/// A labelled checkbox.
#[component]
pub fn CheckField(
    id: String,
    label: &'static str,
    #[prop(into)] value: Signal<bool>,
    on: Callback<bool>,
) -> impl IntoView {
    let for_id = id.clone();
    view! {
        <label class="check" for=for_id>
            <input type="checkbox" id=id prop:checked=move || value.get()
                on:change:target=move |ev| on.run(ev.target().checked())/>
            {label}
        </label>
    }
}

/// A profile of the workspace by name — the way plans name them, so a plan file carries its
/// profiles by name. A name no profile has any more stays shown, marked missing, with the
/// plan's message under it.
#[component]
pub fn ProfileName(
    field: PlanField,
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    on: Callback<String>,
) -> impl IntoView {
    let studio = use_studio();
    let ctx = use_plan();
    let id = field.dom_id();
    let more = ctx.issues(id.clone());
    let options = move || {
        let current = value.get();
        let mut names: Vec<(String, String)> = studio.workspace.with(|ws| {
            ws.profiles
                .iter()
                .map(|p| (p.name.clone(), p.name.clone()))
                .collect()
        });
        if names.iter().all(|(n, _)| *n != current) {
            names.insert(0, (current.clone(), format!("{current} (missing)")));
        }
        names
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id.clone() aria-describedby=format!("{id}-issues") prop:value=move || value.get()
                on:change:target=move |ev| on.run(ev.target().value())>
                {move || options().into_iter().map(|(v, text)| view! { <option value=v.clone() selected=v == value.get_untracked()>{text}</option> }).collect_view()}
            </select>
            <FieldIssues id more/>
        </div>
    }
}

/// One of the plan's groups, by its id.
#[component]
pub fn GroupPick(
    field: PlanField,
    label: &'static str,
    #[prop(into)] value: Signal<u32>,
    on: Callback<u32>,
) -> impl IntoView {
    let ctx = use_plan();
    let id = field.dom_id();
    let more = ctx.issues(id.clone());
    let groups = move || {
        ctx.with(|p| {
            p.groups
                .iter()
                .map(|g| (g.id, g.name.clone()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id.clone() aria-describedby=format!("{id}-issues") prop:value=move || value.get().to_string()
                on:change:target=move |ev| if let Ok(g) = ev.target().value().parse() { on.run(g) }>
                {move || groups().into_iter().map(|(g, name)| view! { <option value=g.to_string() selected=g == value.get_untracked()>{name}</option> }).collect_view()}
            </select>
            <FieldIssues id more/>
        </div>
    }
}
