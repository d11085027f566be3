//! A profile's Offline products and Offline customers limits and its SQLite device configuration.

use serde::{Deserialize, Serialize};

/// Which product rule limits a profile's offline products.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum ProductRule {
    /// Products of the chosen categories.
    Categories,
    /// The top N products by sales amount within the last X days.
    TopBySalesAmount,
    /// The top N products by sales quantity within the last X days.
    TopBySalesQuantity,
    /// The N newest arrivals.
    NewestArrivals,
    /// An explicit list of items.
    Items,
}

impl ProductRule {
    /// All rules.
    pub const ALL: [ProductRule; 5] = [
        ProductRule::Categories,
        ProductRule::TopBySalesAmount,
        ProductRule::TopBySalesQuantity,
        ProductRule::NewestArrivals,
        ProductRule::Items,
    ];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            ProductRule::Categories => "By category",
            ProductRule::TopBySalesAmount => "Top N by sales amount",
            ProductRule::TopBySalesQuantity => "Top N by sales quantity",
            ProductRule::NewestArrivals => "Newest N arrivals",
            ProductRule::Items => "Item list",
        }
    }

    /// A stable key for forms.
    pub fn key(self) -> &'static str {
        match self {
            ProductRule::Categories => "categories",
            ProductRule::TopBySalesAmount => "top-amount",
            ProductRule::TopBySalesQuantity => "top-quantity",
            ProductRule::NewestArrivals => "newest",
            ProductRule::Items => "items",
        }
    }

    /// Whether the rule takes N.
    pub fn takes_n(self) -> bool {
        !matches!(self, ProductRule::Categories | ProductRule::Items)
    }

    /// Whether the rule takes X days.
    pub fn takes_days(self) -> bool {
        matches!(
            self,
            ProductRule::TopBySalesAmount | ProductRule::TopBySalesQuantity
        )
    }
}

/// Which products go offline. The fields of every rule are kept while another is chosen, so
/// switching rules loses nothing that was typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct OfflineProducts {
    /// `false`: all assorted products; `true`: a limited set chosen by `rule`.
    pub limited: bool,
    /// The rule of a limited set (none chosen yet is an error).
    pub rule: Option<ProductRule>,
    /// Category names, for [`ProductRule::Categories`].
    pub categories: Vec<String>,
    /// N, for the top-N and newest-N rules.
    pub top_n: i64,
    /// X days, for the top-N rules.
    pub within_days: i64,
    /// Item numbers, for [`ProductRule::Items`].
    pub items: Vec<String>,
}

impl Default for OfflineProducts {
    fn default() -> Self {
        OfflineProducts {
            limited: false,
            rule: None,
            categories: Vec::new(),
            top_n: 1000,
            within_days: 30,
            items: Vec::new(),
        }
    }
}

/// Which customer rule limits a profile's offline customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum CustomerRule {
    /// Customers whose address matches a city, ZIP/postal code or state.
    Address,
    /// The top N customers by sales amount within the last X days.
    TopBySalesAmount,
    /// The top N customers by number of visits within the last X days.
    TopByVisits,
    /// An explicit list of customer accounts.
    Accounts,
}

impl CustomerRule {
    /// All rules.
    pub const ALL: [CustomerRule; 4] = [
        CustomerRule::Address,
        CustomerRule::TopBySalesAmount,
        CustomerRule::TopByVisits,
        CustomerRule::Accounts,
    ];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            CustomerRule::Address => "By address",
            CustomerRule::TopBySalesAmount => "Top N by sales amount",
            CustomerRule::TopByVisits => "Top N by visits",
            CustomerRule::Accounts => "Customer list",
        }
    }

    /// A stable key for forms.
    pub fn key(self) -> &'static str {
        match self {
            CustomerRule::Address => "address",
            CustomerRule::TopBySalesAmount => "top-amount",
            CustomerRule::TopByVisits => "top-visits",
            CustomerRule::Accounts => "accounts",
        }
    }

    /// Whether the rule takes N and X days.
    pub fn takes_top_n(self) -> bool {
        matches!(
            self,
            CustomerRule::TopBySalesAmount | CustomerRule::TopByVisits
        )
    }
}

/// Which customers go offline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct OfflineCustomers {
    /// `false`: all available customers; `true`: a limited set chosen by `rule`.
    pub limited: bool,
    /// The rule of a limited set.
    pub rule: Option<CustomerRule>,
    /// City filter, for [`CustomerRule::Address`].
    pub city: String,
    /// ZIP/postal code filter.
    pub zip: String,
    /// State filter.
    pub state: String,
    /// N, for the top-N rules.
    pub top_n: i64,
    /// X days, for the top-N rules.
    pub within_days: i64,
    /// Customer accounts, for [`CustomerRule::Accounts`].
    pub accounts: Vec<String>,
    /// Whether the limit is also applied to `DIRPARTYTABLE` (which holds staff and organisations
    /// too, so this strips rows registers need).
    #[serde(default)]
    pub limit_party_table: bool,
}

impl Default for OfflineCustomers {
    fn default() -> Self {
        OfflineCustomers {
            limited: false,
            rule: None,
            city: String::new(),
            zip: String::new(),
            state: String::new(),
            top_n: 5000,
            within_days: 90,
            accounts: Vec::new(),
            limit_party_table: false,
        }
    }
}

/// When a register exports its offline database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum ExportSchedule {
    #[default]
    Never,
    Hourly,
    Daily,
    Weekly,
}

impl ExportSchedule {
    /// All schedules.
    pub const ALL: [ExportSchedule; 4] = [
        ExportSchedule::Never,
        ExportSchedule::Hourly,
        ExportSchedule::Daily,
        ExportSchedule::Weekly,
    ];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            ExportSchedule::Never => "Never",
            ExportSchedule::Hourly => "Hourly",
            ExportSchedule::Daily => "Daily",
            ExportSchedule::Weekly => "Weekly",
        }
    }
}

/// The SQLite device configuration used with the Commerce Runtime on devices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct DeviceConfig {
    /// Seconds without an answer from the store before the register switches offline.
    pub offline_timeout_secs: i64,
    /// Minutes between two attempts to reconnect while offline.
    pub reconnect_interval_mins: i64,
    /// Minutes between two checks for a new offline database.
    pub new_database_check_mins: i64,
    /// Rows uploaded per transaction.
    pub upload_transaction_size: i64,
    /// Folder of product images on the device.
    pub image_folder: String,
    /// Folder the offline database is exported to.
    pub data_export_folder: String,
    /// When the offline database is exported.
    pub export_schedule: ExportSchedule,
    /// Days a register keeps its transactions offline (Dynamics 365 Commerce: days
    /// transactions exist); a blind return of an older sale finds nothing offline.
    #[serde(default = "thirty")]
    pub days_transactions_kept: i64,
    /// The store's return window, days: how old a sale a customer may bring back.
    #[serde(default = "thirty")]
    pub return_window_days: i64,
}

fn thirty() -> i64 {
    30
}

impl Default for DeviceConfig {
    fn default() -> Self {
        DeviceConfig {
            offline_timeout_secs: 30,
            reconnect_interval_mins: 5,
            new_database_check_mins: 60,
            upload_transaction_size: 500,
            image_folder: r"C:\Retail\Images".into(),
            data_export_folder: r"C:\Retail\Export".into(),
            export_schedule: ExportSchedule::Never,
            days_transactions_kept: 30,
            return_window_days: 30,
        }
    }
}
