//! The scenario's numeric values, defined once: key, label, unit, range, how to read and set
//! each. Validation ([`super::Scenario::validate`]) and the Simulation area's form both read
//! this table, so a label or a range cannot differ between the two.

use super::scenario::Scenario;

/// One numeric value of a scenario.
#[derive(Debug, Clone, Copy)]
pub struct ScenarioField {
    /// Stable key (the field's name in [`Scenario`]); control ids and errors use it.
    pub key: &'static str,
    /// The label people read.
    pub label: &'static str,
    /// Its unit, if any, shown beside the value.
    pub unit: Option<&'static str>,
    /// Smallest and largest value allowed.
    pub min: u64,
    pub max: u64,
    /// Reads the value.
    pub get: fn(&Scenario) -> u64,
    /// Sets the value (already checked to fit the field's type by [`ScenarioField::parse`]).
    pub set: fn(&mut Scenario, u64),
}

impl ScenarioField {
    /// The control id of the field's input.
    pub fn dom_id(&self) -> String {
        format!("sim-{}", self.key)
    }

    /// The label with its unit, as the form shows it.
    pub fn label_with_unit(&self) -> String {
        match self.unit {
            Some(u) => format!("{} ({u})", self.label),
            None => self.label.to_string(),
        }
    }

    /// Parses typed text as this field's value: a whole number the field's type can hold
    /// (the range is checked by validation, which names it).
    pub fn parse(&self, text: &str) -> Result<u64, String> {
        let limit = if self.max > u64::from(u32::MAX) {
            u64::MAX
        } else {
            u64::from(u32::MAX)
        };
        match text.trim().parse::<u64>() {
            Ok(v) if v <= limit => Ok(v),
            _ => Err(format!(
                "\u{201c}{text}\u{201d} is not a whole number in range."
            )),
        }
    }

    /// The message when `value` is out of range.
    pub fn check(&self, value: u64) -> Option<String> {
        (value < self.min || value > self.max).then(|| {
            format!(
                "{} must be between {} and {}; it is {value}.",
                self.label, self.min, self.max
            )
        })
    }
}

/// `u64` back into a `u32` field, saturating (ranges keep real values far below).
fn narrow(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

macro_rules! field {
    ($key:ident, $label:literal, $unit:expr, $min:expr, $max:expr) => {
        ScenarioField {
            key: stringify!($key),
            label: $label,
            unit: $unit,
            min: $min,
            max: $max,
            get: |s| u64::from(s.$key),
            set: |s, v| s.$key = narrow(v),
        }
    };
}

/// Every numeric scenario value, in the form's order.
pub const SCENARIO_FIELDS: [ScenarioField; 17] = [
    field!(stores, "Stores", None, 1, 20),
    field!(registers_per_store, "Registers per store", None, 1, 100),
    field!(products, "Products (released items)", None, 1, 500_000),
    field!(variants_per_product, "Variants per product", None, 0, 20),
    field!(customers, "Customers", None, 0, 2_000_000),
    field!(staff, "Staff", None, 1, 10_000),
    field!(
        transactions_per_register_per_day,
        "Transactions per register per day",
        None,
        0,
        20_000
    ),
    field!(lines_per_transaction, "Lines per transaction", None, 1, 100),
    field!(history_days, "Days of history kept", None, 0, 3650),
    field!(
        product_changes_per_hour,
        "Product changes per hour",
        None,
        0,
        100_000
    ),
    field!(
        price_changes_per_hour,
        "Price changes per hour",
        None,
        0,
        100_000
    ),
    field!(
        new_customers_per_day,
        "New customers per day",
        None,
        0,
        100_000
    ),
    field!(
        register_edits_per_day,
        "Customer edits per register per day",
        None,
        0,
        100_000
    ),
    field!(horizon_hours, "Simulated hours", None, 1, 24 * 31),
    field!(
        bandwidth_kbps,
        "Bandwidth per register",
        Some("kbit/s"),
        8,
        10_000_000
    ),
    field!(latency_ms, "Latency", Some("ms"), 0, 60_000),
    ScenarioField {
        key: "seed",
        label: "Random seed",
        unit: None,
        min: 0,
        max: u64::MAX,
        get: |s| s.seed,
        set: |s, v| s.seed = v,
    },
];

/// The field of that key.
pub fn scenario_field(key: &str) -> Option<&'static ScenarioField> {
    SCENARIO_FIELDS.iter().find(|f| f.key == key)
}
