//! The Offline products, Offline customers and SQLite device configuration FastTabs.

use super::profile_field;
use super::target::TargetNotice;
use crate::model::edit::{CustomerValue, DeviceValue, Edit, ProductValue, ProfileValue};
use crate::model::{CustomerRule, ExportSchedule, ProductRule, ProfileId};
use crate::ui::fields::{ChoiceSelect, FieldIssues, NumberField, TextField};
use crate::ui::state::use_studio;
use crate::validation::{DeviceField, Field};
use leptos::prelude::*;

fn split_list(text: &str) -> Vec<String> {
    text.split([',', '\n', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// "All" or "limited" as a pair of radio buttons.
#[component]
fn Extent(
    /// The radio group's name.
    name: &'static str,
    /// Label of the "all" choice.
    all: &'static str,
    /// Label of the "limited" choice.
    limited_label: &'static str,
    /// Whether the set is limited.
    limited: Signal<bool>,
    /// Called with the new choice.
    on_change: Callback<bool>,
) -> impl IntoView {
    view! {
        <div class="radios">
            <label>
                <input type="radio" name=name prop:checked=move || !limited.get() on:change=move |_| on_change.run(false)/>
                {all}
            </label>
            <label>
                <input type="radio" name=name prop:checked=move || limited.get() on:change=move |_| on_change.run(true)/>
                {limited_label}
            </label>
        </div>
    }
}

/// Sets a value of the profile.
fn set(id: ProfileId, value: ProfileValue) {
    use_studio().edit(Edit::SetProfile { profile: id, value });
}

/// The Offline products FastTab.
#[component]
pub fn ProductsSection(
    /// The profile.
    id: ProfileId,
) -> impl IntoView {
    let studio = use_studio();
    let limited = profile_field(studio, id, |p| p.products.limited, false);
    let rule = profile_field(studio, id, |p| p.products.rule, None);
    let n = profile_field(studio, id, |p| p.products.top_n, 0);
    let days = profile_field(studio, id, |p| p.products.within_days, 0);
    let categories = profile_field(
        studio,
        id,
        |p| p.products.categories.join(", "),
        String::new(),
    );
    let items = profile_field(studio, id, |p| p.products.items.join(", "), String::new());
    let field_id = Field::Products.dom_id(None, None);
    view! {
        <section class="card fasttab" aria-labelledby="products-title">
            <h2 id="products-title">"Offline products" <TargetNotice id field=Field::Products/></h2>
            <TargetNotice id field=Field::Products full=true/>
            <fieldset id=field_id.clone() tabindex="-1">
                <legend>"Which products go offline"</legend>
                <Extent name="products-extent" all="All assorted products" limited_label="A limited set of products"
                    limited on_change=Callback::new(move |v| set(id, ProfileValue::Products(ProductValue::Limited(v))))/>
            </fieldset>
            <Show when=move || limited.get()>
                <div class="field-row">
                    <ChoiceSelect id="products-rule" label="Limit products by" value=rule placeholder="Choose a rule\u{2026}"
                        on_change=Callback::new(move |r| set(id, ProfileValue::Products(ProductValue::Rule(r))))/>
                    <Show when=move || rule.get() == Some(ProductRule::Categories)>
                        <TextField id="products-categories" label="Categories" hint="Separate with commas" value=categories
                            on_input=Callback::new(move |v: String| set(id, ProfileValue::Products(ProductValue::Categories(split_list(&v)))))/>
                    </Show>
                    <Show when=move || rule.get().is_some_and(ProductRule::takes_n)>
                        <NumberField id="products-n" label="Number of products (N)" value=n
                            on_commit=Callback::new(move |v| set(id, ProfileValue::Products(ProductValue::TopN(v))))/>
                    </Show>
                    <Show when=move || rule.get().is_some_and(ProductRule::takes_days)>
                        <NumberField id="products-days" label="Within the last (days)" value=days unit="days"
                            on_commit=Callback::new(move |v| set(id, ProfileValue::Products(ProductValue::WithinDays(v))))/>
                    </Show>
                    <Show when=move || rule.get() == Some(ProductRule::Items)>
                        <TextField id="products-items" label="Item numbers" hint="Separate with commas" value=items
                            on_input=Callback::new(move |v: String| set(id, ProfileValue::Products(ProductValue::Items(split_list(&v)))))/>
                    </Show>
                </div>
            </Show>
            <FieldIssues id=field_id/>
        </section>
    }
}

/// The Offline customers FastTab.
#[component]
pub fn CustomersSection(
    /// The profile.
    id: ProfileId,
) -> impl IntoView {
    let studio = use_studio();
    let limited = profile_field(studio, id, |p| p.customers.limited, false);
    let rule = profile_field(studio, id, |p| p.customers.rule, None);
    let city = profile_field(studio, id, |p| p.customers.city.clone(), String::new());
    let zip = profile_field(studio, id, |p| p.customers.zip.clone(), String::new());
    let state = profile_field(studio, id, |p| p.customers.state.clone(), String::new());
    let n = profile_field(studio, id, |p| p.customers.top_n, 0);
    let days = profile_field(studio, id, |p| p.customers.within_days, 0);
    let accounts = profile_field(
        studio,
        id,
        |p| p.customers.accounts.join(", "),
        String::new(),
    );
    let party = profile_field(studio, id, |p| p.customers.limit_party_table, false);
    let field_id = Field::Customers.dom_id(None, None);
    view! {
        <section class="card fasttab" aria-labelledby="customers-title">
            <h2 id="customers-title">"Offline customers" <TargetNotice id field=Field::Customers/></h2>
            <TargetNotice id field=Field::Customers full=true/>
            <fieldset id=field_id.clone() tabindex="-1">
                <legend>"Which customers go offline"</legend>
                <Extent name="customers-extent" all="All available customers" limited_label="A limited set of customers"
                    limited on_change=Callback::new(move |v| set(id, ProfileValue::Customers(CustomerValue::Limited(v))))/>
            </fieldset>
            <Show when=move || limited.get()>
                <div class="field-row">
                    <ChoiceSelect id="customers-rule" label="Limit customers by" value=rule placeholder="Choose a rule\u{2026}"
                        on_change=Callback::new(move |r| set(id, ProfileValue::Customers(CustomerValue::Rule(r))))/>
                    <Show when=move || rule.get() == Some(CustomerRule::Address)>
                        <TextField id="customers-city" label="City" value=city
                            on_input=Callback::new(move |v: String| set(id, ProfileValue::Customers(CustomerValue::City(v))))/>
                        <TextField id="customers-zip" label="ZIP/postal code" value=zip
                            on_input=Callback::new(move |v: String| set(id, ProfileValue::Customers(CustomerValue::Zip(v))))/>
                        <TextField id="customers-state" label="State" value=state
                            on_input=Callback::new(move |v: String| set(id, ProfileValue::Customers(CustomerValue::State(v))))/>
                    </Show>
                    <Show when=move || rule.get().is_some_and(CustomerRule::takes_top_n)>
                        <NumberField id="customers-n" label="Number of customers (N)" value=n
                            on_commit=Callback::new(move |v| set(id, ProfileValue::Customers(CustomerValue::TopN(v))))/>
                        <NumberField id="customers-days" label="Within the last (days)" value=days unit="days"
                            on_commit=Callback::new(move |v| set(id, ProfileValue::Customers(CustomerValue::WithinDays(v))))/>
                    </Show>
                    <Show when=move || rule.get() == Some(CustomerRule::Accounts)>
                        <TextField id="customers-accounts" label="Customer accounts" hint="Separate with commas" value=accounts
                            on_input=Callback::new(move |v: String| set(id, ProfileValue::Customers(CustomerValue::Accounts(split_list(&v)))))/>
                    </Show>
                </div>
                <label class="check">
                    <input type="checkbox" prop:checked=move || party.get()
                        on:change:target=move |ev| { let v = ev.target().checked(); set(id, ProfileValue::Customers(CustomerValue::LimitPartyTable(v))); }/>
                    "Also limit DIRPARTYTABLE (party records shared with staff and organisations)"
                </label>
            </Show>
            <FieldIssues id=field_id/>
        </section>
    }
}

/// The SQLite device configuration FastTab.
#[component]
pub fn DeviceSection(
    /// The profile.
    id: ProfileId,
) -> impl IntoView {
    let studio = use_studio();
    let d = move |f: fn(&crate::model::DeviceConfig) -> i64| {
        profile_field(studio, id, move |p| f(&p.device), 0)
    };
    let image = profile_field(studio, id, |p| p.device.image_folder.clone(), String::new());
    let export = profile_field(
        studio,
        id,
        |p| p.device.data_export_folder.clone(),
        String::new(),
    );
    let schedule = profile_field(studio, id, |p| Some(p.device.export_schedule), None);
    let fid = |f| Field::Device(f).dom_id(None, None);
    view! {
        <section class="card fasttab" aria-labelledby="device-title">
            <h2 id="device-title">"SQLite device configuration"</h2>
            <p class="hint">"Used with the Commerce Runtime on devices."</p>
            <TargetNotice id field=Field::Device(DeviceField::ImageFolder) full=true/>
            <div class="field-grid">
                <div class="with-badge"><NumberField id=fid(DeviceField::OfflineTimeout) label="Offline timeout" unit="seconds" value=d(|c| c.offline_timeout_secs)
                    on_commit=Callback::new(move |v| set(id, ProfileValue::Device(DeviceValue::OfflineTimeoutSecs(v))))/><TargetNotice id field=Field::Device(DeviceField::OfflineTimeout)/></div>
                <div class="with-badge"><NumberField id=fid(DeviceField::ReconnectInterval) label="Reconnect attempt interval" unit="minutes" value=d(|c| c.reconnect_interval_mins)
                    on_commit=Callback::new(move |v| set(id, ProfileValue::Device(DeviceValue::ReconnectIntervalMins(v))))/><TargetNotice id field=Field::Device(DeviceField::ReconnectInterval)/></div>
                <div class="with-badge"><NumberField id=fid(DeviceField::NewDatabaseCheck) label="Check for new database interval" unit="minutes" value=d(|c| c.new_database_check_mins)
                    on_commit=Callback::new(move |v| set(id, ProfileValue::Device(DeviceValue::NewDatabaseCheckMins(v))))/><TargetNotice id field=Field::Device(DeviceField::NewDatabaseCheck)/></div>
                <div class="with-badge"><NumberField id=fid(DeviceField::UploadTransactionSize) label="Upload transaction size" unit="rows" value=d(|c| c.upload_transaction_size)
                    on_commit=Callback::new(move |v| set(id, ProfileValue::Device(DeviceValue::UploadTransactionSize(v))))/><TargetNotice id field=Field::Device(DeviceField::UploadTransactionSize)/></div>
                <div class="with-badge"><TextField id=fid(DeviceField::ImageFolder) label="Image folder" value=image
                    on_input=Callback::new(move |v: String| set(id, ProfileValue::Device(DeviceValue::ImageFolder(v))))/><TargetNotice id field=Field::Device(DeviceField::ImageFolder)/></div>
                <div class="with-badge"><TextField id=fid(DeviceField::DataExportFolder) label="Data export folder" value=export
                    on_input=Callback::new(move |v: String| set(id, ProfileValue::Device(DeviceValue::DataExportFolder(v))))/><TargetNotice id field=Field::Device(DeviceField::DataExportFolder)/></div>
                <div class="with-badge"><ChoiceSelect id=fid(DeviceField::ExportSchedule) label="Database export schedule" value=schedule issues=true
                    on_change=Callback::new(move |s: Option<ExportSchedule>| if let Some(s) = s { set(id, ProfileValue::Device(DeviceValue::ExportSchedule(s))) })/><TargetNotice id field=Field::Device(DeviceField::ExportSchedule)/></div>
            </div>
            <h3 id="retention-title">"Transactions kept offline"</h3>
            <p class="hint">"How long a register keeps its sales offline, against how old a sale customers may return (Dynamics 365 Commerce: Days transactions exist)."</p>
            <div class="field-grid" role="group" aria-labelledby="retention-title">
                <div class="with-badge"><NumberField id=fid(DeviceField::DaysTransactionsKept) label="Days transactions kept" unit="days" value=d(|c| c.days_transactions_kept)
                    on_commit=Callback::new(move |v| set(id, ProfileValue::Device(DeviceValue::DaysTransactionsKept(v))))/><TargetNotice id field=Field::Device(DeviceField::DaysTransactionsKept)/></div>
                <div class="with-badge"><NumberField id=fid(DeviceField::ReturnWindow) label="Return window" unit="days" value=d(|c| c.return_window_days)
                    on_commit=Callback::new(move |v| set(id, ProfileValue::Device(DeviceValue::ReturnWindowDays(v))))/><TargetNotice id field=Field::Device(DeviceField::ReturnWindow)/></div>
            </div>
        </section>
    }
}
