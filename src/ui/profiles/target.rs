//! The profile's target system: its select in the General section, and what that system does
//! with a setting, beside the setting's field (the words come from `validation::target_note`).

use super::profile_field;
use crate::model::edit::{Edit, ProfileValue};
use crate::model::{ProfileId, TargetSystem};
use crate::ui::fields::ChoiceSelect;
use crate::ui::state::use_studio;
use crate::validation::{target_badge, target_note, Field};
use leptos::prelude::*;

/// The Target system select, with what it changes.
#[component]
pub fn TargetField(
    /// The profile.
    id: ProfileId,
) -> impl IntoView {
    let studio = use_studio();
    let target = profile_field(studio, id, |p| Some(p.target), None);
    view! {
        <div class="target-field">
            <ChoiceSelect id=Field::ProfileTarget.dom_id(None, None) label="Target system" value=target issues=true
                on_change=Callback::new(move |t: Option<TargetSystem>| if let Some(t) = t {
                    studio.edit(Edit::SetProfile { profile: id, value: ProfileValue::Target(t) });
                })/>
            <p class="hint">{move || match target.get().unwrap_or_default() {
                TargetSystem::Essentials => "Every setting works as the procedure documents it.",
                TargetSystem::Ax2012R3 => "The full release did not implement scope frequencies, the product and customer limits, or five device settings: the fields say so, and the simulator runs what the system does instead.",
                TargetSystem::Commerce => "Download sessions come from distribution schedules, and there are no product or customer limits: the fields say so, and the simulator runs what the system does instead.",
            }}</p>
        </div>
    }
}

/// What the profile's target system does with `field`: a short badge beside the field (its
/// title the full note), or with `full` the note as a paragraph under a section's heading.
#[component]
pub fn TargetNotice(
    /// The profile.
    id: ProfileId,
    /// The field.
    field: Field,
    /// The whole note rather than the badge.
    #[prop(optional)]
    full: bool,
) -> impl IntoView {
    let studio = use_studio();
    let target = profile_field(studio, id, |p| p.target, TargetSystem::default());
    move || {
        let t = target.get();
        let note = target_note(t, field)?;
        Some(if full {
            view! { <p class="target-note" role="note">{note}</p> }.into_any()
        } else {
            let words = target_badge(t, field).unwrap_or_default();
            view! { <span class="badge warn target-badge" title=note>{words}</span> }.into_any()
        })
    }
}
