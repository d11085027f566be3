//! The plan's own settings: name, days, the period-close cut-off, the storm threshold, the
//! days since the last full sync, and whether reprovisioning drains uploads first.

use super::fields::{CheckField, PlanNumber, TimeField};
use super::use_plan;
use crate::chain::edit::PlanEdit;
use crate::chain::PlanField;
use crate::ui::fields::TextField;
use leptos::prelude::*;

#[component]
pub fn PlanSettings() -> impl IntoView {
    let ctx = use_plan();
    let get = move |f: fn(&crate::chain::ChainPlan) -> u32| {
        Signal::derive(move || ctx.with(f).unwrap_or(0))
    };
    let name = Signal::derive(move || ctx.with(|p| p.name.clone()).unwrap_or_default());
    let drain = Signal::derive(move || ctx.with(|p| p.drain_uploads).unwrap_or(false));
    view! {
        <section class="card" aria-labelledby="plan-settings">
            <h2 id="plan-settings">"Plan"</h2>
            <div class="field-row">
                <TextField id=PlanField::Name.dom_id() label="Plan name" value=name
                    on_input=Callback::new(move |v| ctx.set(PlanEdit::Name(v))) more=ctx.issues(PlanField::Name.dom_id())/>
                <PlanNumber field=PlanField::Days label="Days" value=get(|p| p.days) edit=Callback::new(PlanEdit::Days) unit="days"/>
                <PlanNumber field=PlanField::CutoffDay label="Period-close cut-off: day" value=get(|p| p.cutoff.day) edit=Callback::new(PlanEdit::CutoffDay)/>
                <TimeField field=PlanField::CutoffTime label="Cut-off time" value=get(|p| p.cutoff.minute)
                    on=Callback::new(move |m| ctx.set(PlanEdit::CutoffMinute(m)))/>
            </div>
            <div class="field-row">
                <PlanNumber field=PlanField::Storm label="Storm threshold at head office" value=get(|p| p.storm_threshold) edit=Callback::new(PlanEdit::Storm) unit="sessions an hour"/>
                <PlanNumber field=PlanField::FullSync label="Days since the last full sync" value=get(|p| p.days_since_full_sync) edit=Callback::new(PlanEdit::FullSyncDays) unit="days"/>
            </div>
            <p class="hint">"Days since the last full sync: in Dynamics 365 Commerce a new offline database inherits every download session since then, unless its wave pauses offline sync until the store is ready (the vendor's guidance)."</p>
            <CheckField id="plan-drain".into() label="Drain uploads before reprovisioning (every register sends its transactions first)" value=drain
                on=Callback::new(move |v| ctx.set(PlanEdit::Drain(v)))/>
        </section>
    }
}
