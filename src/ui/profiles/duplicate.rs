//! Duplicate a profile: a new profile that starts from an existing one, sharing its scopes or
//! with copies of them, under a unique name that fits the Name column. One undo step.

use crate::model::edit::Edit;
use crate::model::ProfileId;
use crate::ui::state::{use_studio, Notice};
use leptos::prelude::*;

/// The choice the General FastTab's Duplicate button asks for, shown while `asking`.
#[component]
pub fn DuplicateProfile(
    /// The profile to duplicate.
    id: ProfileId,
    /// Whether the choice is shown (the Duplicate button sets it).
    asking: RwSignal<bool>,
) -> impl IntoView {
    let studio = use_studio();
    let copy_scopes = RwSignal::new(false);
    let duplicate = move || {
        let copy = copy_scopes.get_untracked();
        let made = studio
            .edit(Edit::DuplicateProfile {
                profile: id,
                copy_scopes: copy,
            })
            .profile;
        asking.set(false);
        let Some(new_id) = made else { return };
        let (from, to) = studio.workspace.with_untracked(|ws| {
            let name = |p: ProfileId| ws.profile(p).map(|p| p.name.clone()).unwrap_or_default();
            (name(id), name(new_id))
        });
        studio.profile.set(Some(new_id));
        studio.scope.set(None);
        studio.notice.set(Some(Notice {
            text: format!(
                "Duplicated \u{201c}{from}\u{201d} as \u{201c}{to}\u{201d}{}. Undo (Ctrl+Z) removes the copy.",
                if copy { " with its own copies of the scopes" } else { ", sharing its scopes" }
            ),
        }));
        super::focus_name();
    };
    view! {
        <Show when=move || asking.get()>
            <div class="confirm neutral" role="group" aria-labelledby="duplicate-title">
                <p id="duplicate-title">"Duplicate this profile. Its scopes:"</p>
                <label class="choice">
                    <input type="radio" name="duplicate-scopes" prop:checked=move || !copy_scopes.get() on:change=move |_| copy_scopes.set(false)/>
                    "Share them (a change to a scope applies to both profiles)"
                </label>
                <label class="choice">
                    <input type="radio" name="duplicate-scopes" prop:checked=move || copy_scopes.get() on:change=move |_| copy_scopes.set(true)/>
                    "Copy them (the copy's scopes change on their own)"
                </label>
                <div class="toolbar">
                    <button type="button" class="primary" on:click=move |_| duplicate()>"Duplicate profile"</button>
                    <button type="button" on:click=move |_| asking.set(false)>"Cancel"</button>
                </div>
            </div>
        </Show>
    }
}
