//! The Offline scope form: a scope's description, direction, frequency, conflict resolution.

use super::line_details::LineDetails;
use super::{focus, line_id};
use crate::model::edit::{Edit, ScopeValue};
use crate::model::{ConflictPolicy, ProfileId, ScopeId, SyncDirection, TimeUnit};
use crate::ui::fields::{ChoiceSelect, NumberField, TextField};
use crate::ui::state::use_studio;
use crate::validation::Field;
use leptos::prelude::*;

/// A value of a scope, read reactively (None once the scope is gone).
fn scope_value<T: Send + Sync + 'static>(
    studio: crate::ui::state::Studio,
    scope: ScopeId,
    f: fn(&crate::model::Scope) -> T,
) -> Signal<Option<T>> {
    Signal::derive(move || studio.workspace.with(|ws| ws.scope(scope).map(f)))
}

/// The Offline scope form.
#[component]
pub fn ScopeForm(
    /// The scope.
    scope: ScopeId,
    /// The profile the form was opened from.
    profile: ProfileId,
) -> impl IntoView {
    let studio = use_studio();
    let field = move |f: fn(&crate::model::Scope) -> String| {
        Signal::derive(move || {
            studio
                .workspace
                .with(|ws| ws.scope(scope).map(f).unwrap_or_default())
        })
    };
    let description = field(|s| s.description.clone());
    let direction = scope_value(studio, scope, |s| s.direction);
    let unit = scope_value(studio, scope, |s| s.frequency.unit);
    let policy = scope_value(studio, scope, |s| s.conflict_policy);
    let set = move |value: ScopeValue| {
        studio.edit(Edit::SetScope { scope, value });
    };
    let amount = Signal::derive(move || {
        studio.workspace.with(|ws| {
            ws.scope(scope)
                .map(|s| s.frequency.seconds / s.frequency.unit.seconds())
                .unwrap_or(0)
        })
    });
    let used_by = Memo::new(move |_| {
        studio.workspace.with(|ws| {
            ws.profiles_using(scope)
                .iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let exists = Memo::new(move |_| studio.workspace.with(|ws| ws.scope(scope).is_some()));
    let key = move |f: Field| f.dom_id(Some(scope), None);
    let close = move || {
        studio.scope.set(None);
        focus(&line_id(scope));
    };
    view! {
        <Show when=move || exists.get()>
            <section class="card fasttab scope-form" aria-labelledby="scope-form-title"
                on:keydown=move |ev| if ev.key() == "Escape" { close() }>
                <div class="section-head">
                    <h2 id="scope-form-title">"Offline scope"</h2>
                    <button type="button" on:click=move |_| close()>"Close"</button>
                </div>
                <p class="used-by">
                    {move || {
                        let names = used_by.get();
                        match names.len() {
                            0 => "Not used by any profile.".to_string(),
                            _ => format!("Used by {} profile{}: {}. Changes here apply to all of them.", names.len(), if names.len() == 1 { "" } else { "s" }, names.join(", ")),
                        }
                    }}
                </p>
                <div class="field-row">
                    <TextField
                        id=key(Field::ScopeDescription)
                        label="Description"
                        value=description
                        on_input=Callback::new(move |v: String| set(ScopeValue::Description(v)))
                    />
                    <ChoiceSelect id=key(Field::ScopeDirection) label="Synchronization direction" value=direction issues=true
                        on_change=Callback::new(move |d: Option<SyncDirection>| if let Some(d) = d { set(ScopeValue::Direction(d)) })/>
                </div>
                <div class="field-row">
                    <NumberField
                        id=key(Field::ScopeFrequency)
                        label="Synchronization frequency"
                        value=amount
                        on_commit=Callback::new(move |v: i64| set(ScopeValue::FrequencyAmount(v)))
                    />
                    <ChoiceSelect id=key(Field::ScopeFrequencyUnit) label="Frequency unit" value=unit
                        on_change=Callback::new(move |u: Option<TimeUnit>| if let Some(u) = u { set(ScopeValue::FrequencyUnit(u)) })/>
                    <crate::ui::profiles::target::TargetNotice id=profile field=Field::ScopeFrequency/>
                    <Show when=move || direction.get() == Some(SyncDirection::Bidirectional)>
                        <ChoiceSelect id=key(Field::ScopeConflicts) label="Conflict resolution" value=policy
                            on_change=Callback::new(move |p: Option<ConflictPolicy>| if let Some(p) = p { set(ScopeValue::ConflictPolicy(p)) })/>
                    </Show>
                </div>
                <crate::ui::profiles::target::TargetNotice id=profile field=Field::ScopeFrequency full=true/>
                <LineDetails scope profile/>
            </section>
        </Show>
    }
}
