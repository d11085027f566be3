//! Form controls bound to the workspace: labels bound to inputs, diagnostics beside the field
//! they concern, and numbers that refuse what is not a number without touching the model.

use crate::model::choice::Choice;
use crate::validation::{Diagnostic, Severity};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// The diagnostics on screen, provided by the profile editor, with an index by the id of the
/// control each concerns, so every field finds its own in one lookup (a profile of 438 tables
/// has hundreds of findings and as many fields asking).
#[derive(Clone, Copy)]
pub struct Shown(
    pub Memo<Vec<Diagnostic>>,
    Memo<Arc<HashMap<String, Vec<Diagnostic>>>>,
);

impl Shown {
    /// Indexes `all` by control id.
    pub fn new(all: Memo<Vec<Diagnostic>>) -> Self {
        let index = Memo::new(move |_| {
            all.with(|ds| {
                let mut map: HashMap<String, Vec<Diagnostic>> = HashMap::new();
                for d in ds {
                    map.entry(d.place.dom_id()).or_default().push(d.clone());
                }
                Arc::new(map)
            })
        });
        Shown(all, index)
    }
}

/// The diagnostics of one field (by the id of its control).
pub fn issues_of(id: &str) -> Vec<Diagnostic> {
    use_context::<Shown>()
        .and_then(|s| s.1.with(|m| m.get(id).cloned()))
        .unwrap_or_default()
}

/// The diagnostics shown under a field; `extra` is a local message (e.g. "not a number").
#[component]
pub fn FieldIssues(
    /// The id of the field's control.
    id: String,
    /// A message of the form itself, shown first.
    #[prop(optional, into)]
    extra: Signal<Option<String>>,
    /// Errors found outside the profile checks (a chain plan's), shown after it.
    #[prop(optional, into)]
    more: Signal<Vec<String>>,
) -> impl IntoView {
    let list_id = format!("{id}-issues");
    let issues = {
        let id = id.clone();
        Memo::new(move |_| issues_of(&id))
    };
    view! {
        <div id=list_id class="field-issues" aria-live="polite">
            {move || extra.get().map(|m| view! { <p class="issue error">{m}</p> })}
            {move || more.get().into_iter().map(|m| view! { <p class="issue error">{m}</p> }).collect_view()}
            <For
                each=move || issues.get()
                key=|d| (d.code, d.message.clone())
                children=move |d| {
                    let class = match d.severity {
                        Severity::Error => "issue error",
                        Severity::Warning => "issue warning",
                        Severity::Info => "issue info",
                    };
                    view! { <p class=class>{d.message.clone()}</p> }
                }
            />
        </div>
    }
}

fn has_error(id: &str) -> bool {
    issues_of(id).iter().any(|d| d.severity == Severity::Error)
}

/// A labelled text input; every keystroke is applied (and validated) at once.
#[component]
pub fn TextField(
    /// The control's id (diagnostics point at it).
    #[prop(into)]
    id: String,
    /// The visible label and accessible name.
    label: &'static str,
    /// The current value.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new text on every input.
    on_input: Callback<String>,
    /// A short hint under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// Placeholder text.
    #[prop(optional)]
    placeholder: &'static str,
    /// Errors found outside the profile checks, shown under the field.
    #[prop(optional, into)]
    more: Signal<Vec<String>>,
) -> impl IntoView {
    let described = format!("{id}-issues");
    let invalid = {
        let id = id.clone();
        move || (has_error(&id) || more.with(|m| !m.is_empty())).then_some("true")
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <span class="hint">{h}</span> })}
            <input
                id=id.clone()
                type="text"
                placeholder=placeholder
                autocomplete="off"
                aria-describedby=described
                aria-invalid=invalid
                prop:value=move || value.get()
                on:input:target=move |ev| on_input.run(ev.target().value())
            />
            <FieldIssues id=id more/>
        </div>
    }
}

/// A labelled whole-number input. Text that is not a whole number is shown with a message
/// and leaves the model as it was.
#[component]
pub fn NumberField(
    /// The control's id.
    #[prop(into)]
    id: String,
    /// The visible label and accessible name.
    label: &'static str,
    /// The current value.
    #[prop(into)]
    value: Signal<i64>,
    /// Called with a parsed value.
    on_commit: Callback<i64>,
    /// The unit, shown after the input.
    #[prop(optional)]
    unit: Option<&'static str>,
    /// The smallest value the model can hold: below it, the text is kept with a message and
    /// the model keeps its last value (as for text that is not a number).
    #[prop(optional)]
    min: Option<i64>,
    /// Errors found outside the profile checks, shown under the field.
    #[prop(optional, into)]
    more: Signal<Vec<String>>,
) -> impl IntoView {
    // What the user typed while it is not a number; `None` shows the model's value.
    let draft = RwSignal::new(None::<String>);
    let bad = Signal::derive(move || {
        draft.get().map(|t| match (t.trim().parse::<i64>(), min) {
            (Ok(_), Some(m)) => format!("\u{201c}{t}\u{201d} is below {m}, the least this can be; the last valid value is kept."),
            _ => format!("\u{201c}{t}\u{201d} is not a whole number; the last valid value is kept."),
        })
    });
    let described = format!("{id}-issues");
    let invalid = {
        let id = id.clone();
        move || {
            (draft.with(Option::is_some) || has_error(&id) || more.with(|m| !m.is_empty()))
                .then_some("true")
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <div class="with-unit">
                <input
                    id=id.clone()
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    aria-describedby=described
                    aria-invalid=invalid
                    prop:value=move || draft.get().unwrap_or_else(|| value.get().to_string())
                    on:input:target=move |ev| {
                        let text = ev.target().value();
                        match text.trim().parse::<i64>() {
                            Ok(v) if min.is_none_or(|m| v >= m) => {
                                draft.set(None);
                                on_commit.run(v);
                            }
                            _ => draft.set(Some(text)),
                        }
                    }
                    on:blur=move |_| draft.set(None)
                />
                {unit.map(|u| view! { <span class="unit">{u}</span> })}
            </div>
            <FieldIssues id=id extra=bad more/>
        </div>
    }
}

/// A labelled `<select>` of a choice enum: every value, or none when `placeholder` is given
/// (then an empty first option reads it). The one select of the app's fixed lists.
#[component]
pub fn ChoiceSelect<T: Choice>(
    /// The control's id.
    #[prop(into)]
    id: String,
    /// The visible label and accessible name.
    label: &'static str,
    /// The current value.
    #[prop(into)]
    value: Signal<Option<T>>,
    /// Called with the chosen value (None: the placeholder).
    on_change: Callback<Option<T>>,
    /// The text of an empty first option (a "none" or "choose…" choice).
    #[prop(optional)]
    placeholder: Option<&'static str>,
    /// Diagnostics of this control are shown under it.
    #[prop(optional)]
    issues: bool,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id.clone() prop:value=move || value.get().map(T::key).unwrap_or("")
                on:change:target=move |ev| on_change.run(T::from_key(&ev.target().value()))>
                {placeholder.map(|p| view! { <option value="">{p}</option> })}
                {T::all().iter().map(|c| view! { <option value=c.key()>{c.label()}</option> }).collect_view()}
            </select>
            {issues.then(|| view! { <FieldIssues id=id.clone()/> })}
        </div>
    }
}
