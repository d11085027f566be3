//! The one profile picker of the app (Packages' export and comparison, Simulation's profile and
//! comparison), with one rule for which profile it shows.

use super::state::{use_studio, Studio};
use crate::model::ProfileId;
use leptos::prelude::*;

/// The profile a picker stands on: the chosen one while it exists, else the profile open in the
/// editor, else the first. Tracked.
pub fn picked(studio: Studio, chosen: Option<ProfileId>) -> Option<ProfileId> {
    studio.workspace.with(|ws| {
        chosen
            .into_iter()
            .chain(studio.profile.get())
            .find(|id| ws.profile(*id).is_some())
            .or_else(|| ws.profiles.first().map(|p| p.id))
    })
}

/// A labelled `<select>` of the workspace's profiles.
#[component]
pub fn ProfilePicker(
    /// The control's id.
    id: &'static str,
    /// Its label.
    label: &'static str,
    /// The user's choice; the picker shows [`picked`] of it (or "none", see `none`).
    chosen: RwSignal<Option<ProfileId>>,
    /// With a first option of this label meaning no profile (then no choice is a choice).
    #[prop(optional)]
    none: Option<&'static str>,
    /// A profile not offered (the one chosen in another picker).
    #[prop(optional, into)]
    except: Option<Signal<Option<ProfileId>>>,
    /// Whether each option shows the profile's version.
    #[prop(optional)]
    with_version: bool,
    /// Called after the user chose.
    #[prop(optional, into)]
    on_change: Option<Callback<()>>,
) -> impl IntoView {
    let studio = use_studio();
    let options = Memo::new(move |_| {
        let skip = except.and_then(|e| e.get());
        studio.workspace.with(|ws| {
            ws.profiles
                .iter()
                .filter(|p| Some(p.id) != skip)
                .map(|p| {
                    let text = if with_version {
                        format!("{} (version {})", p.name, p.version)
                    } else {
                        p.name.clone()
                    };
                    (p.id.0.to_string(), text)
                })
                .collect::<Vec<_>>()
        })
    });
    let value = move || {
        let shown = if none.is_some() {
            chosen.get()
        } else {
            picked(studio, chosen.get())
        };
        shown.map(|p| p.0.to_string()).unwrap_or_default()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id prop:value=value
                on:change:target=move |ev| {
                    chosen.set(ev.target().value().parse::<u32>().ok().map(ProfileId));
                    if let Some(f) = on_change { f.run(()); }
                }>
                {none.map(|text| view! { <option value="">{text}</option> })}
                <For each=move || options.get() key=|o| o.clone()
                    children=move |(value, text)| view! { <option value=value>{text}</option> }/>
            </select>
        </div>
    }
}
