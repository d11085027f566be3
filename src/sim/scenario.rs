//! The scenario a simulation runs: the store, its registers, the data volumes and change rates,
//! the simulated horizon, the network and the outages. Presets give the usual shapes; every
//! value is editable and checked, with a message per field.

use serde::{Deserialize, Serialize};

/// A period during which one register is offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outage {
    /// The register (1-based, counting across stores).
    pub register: u32,
    /// Start, in simulated minutes from the start.
    pub start_minute: u32,
    /// End (exclusive), in simulated minutes.
    pub end_minute: u32,
}

/// A register that joins the store late.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateRegister {
    /// The register (1-based).
    pub register: u32,
    /// When it is provisioned, minutes from the start.
    pub minute: u32,
}

/// A store's opening hours, minutes of the day: sales happen from `open` to `close`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Opening {
    /// Opening time, minutes after midnight.
    pub open: u32,
    /// Closing time, minutes after midnight (after `open`, at most 1,440).
    pub close: u32,
}

/// Everything a simulation needs besides the profile. The same scenario, profile and seed give
/// the same results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// Stores using the profile.
    pub stores: u32,
    /// Registers per store.
    pub registers_per_store: u32,
    /// Released items.
    pub products: u32,
    /// Variants per released item (products + variants = items × (1 + this)).
    pub variants_per_product: u32,
    /// Customers.
    pub customers: u32,
    /// Staff members.
    pub staff: u32,
    /// Sales transactions per register per day.
    pub transactions_per_register_per_day: u32,
    /// Lines per transaction.
    pub lines_per_transaction: u32,
    /// Days of transaction history the store database keeps (counted, not generated).
    pub history_days: u32,
    /// Product changes per hour, from headquarters.
    pub product_changes_per_hour: u32,
    /// Price changes per hour.
    pub price_changes_per_hour: u32,
    /// New customers per day.
    pub new_customers_per_day: u32,
    /// Customer edits per register per day (they travel only through bidirectional scopes).
    pub register_edits_per_day: u32,
    /// Simulated hours.
    pub horizon_hours: u32,
    /// Link bandwidth of each register, kilobits per second.
    pub bandwidth_kbps: u32,
    /// Round-trip latency of each register's link, milliseconds.
    pub latency_ms: u32,
    /// Outage windows.
    pub outages: Vec<Outage>,
    /// Registers that join late: provisioned at their minute, not at the start.
    #[serde(default)]
    pub late_registers: Vec<LateRegister>,
    /// When every register is reprovisioned (its offline database rebuilt by a full download),
    /// as after a change of the store's profile; minutes from the start.
    #[serde(default)]
    pub reprovision_minute: Option<u32>,
    /// When the registers sell: transactions fall inside these hours of every day (spread
    /// evenly); none means around the clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening: Option<Opening>,
    /// The random seed.
    pub seed: u64,
}

/// A scenario value that is out of range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    /// The field (its name in [`Scenario`]).
    pub field: &'static str,
    /// What is wrong, for people.
    pub message: String,
}

/// The named starting points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum Preset {
    #[serde(rename = "small")]
    Small,
    #[serde(rename = "reference")]
    Reference,
    #[serde(rename = "flagship")]
    Flagship,
}

impl Preset {
    /// All presets.
    pub const ALL: [Preset; 3] = [Preset::Small, Preset::Reference, Preset::Flagship];

    /// The preset's name.
    pub fn label(self) -> &'static str {
        match self {
            Preset::Small => "Small store",
            Preset::Reference => "Reference mid-size store",
            Preset::Flagship => "Large flagship",
        }
    }

    /// The scenario of the preset.
    pub fn scenario(self) -> Scenario {
        let reference = Scenario {
            stores: 1,
            registers_per_store: 6,
            products: 20_000,
            variants_per_product: 2,
            customers: 50_000,
            staff: 40,
            transactions_per_register_per_day: 300,
            lines_per_transaction: 3,
            history_days: 90,
            product_changes_per_hour: 40,
            price_changes_per_hour: 120,
            new_customers_per_day: 60,
            register_edits_per_day: 20,
            horizon_hours: 168,
            bandwidth_kbps: 10_000,
            latency_ms: 40,
            outages: vec![Outage {
                register: 2,
                start_minute: 9 * 60,
                end_minute: 11 * 60,
            }],
            late_registers: Vec::new(),
            reprovision_minute: None,
            opening: None,
            seed: 42,
        };
        match self {
            Preset::Reference => reference,
            Preset::Small => Scenario {
                registers_per_store: 2,
                products: 3_000,
                variants_per_product: 1,
                customers: 5_000,
                staff: 8,
                transactions_per_register_per_day: 120,
                lines_per_transaction: 2,
                history_days: 30,
                product_changes_per_hour: 5,
                price_changes_per_hour: 10,
                new_customers_per_day: 10,
                register_edits_per_day: 5,
                horizon_hours: 48,
                bandwidth_kbps: 2_000,
                latency_ms: 80,
                outages: vec![Outage {
                    register: 1,
                    start_minute: 10 * 60,
                    end_minute: 12 * 60,
                }],
                ..reference
            },
            Preset::Flagship => Scenario {
                registers_per_store: 20,
                products: 60_000,
                variants_per_product: 3,
                customers: 200_000,
                staff: 150,
                transactions_per_register_per_day: 500,
                lines_per_transaction: 4,
                history_days: 180,
                product_changes_per_hour: 150,
                price_changes_per_hour: 400,
                new_customers_per_day: 300,
                register_edits_per_day: 40,
                horizon_hours: 72,
                bandwidth_kbps: 50_000,
                latency_ms: 20,
                outages: vec![
                    Outage {
                        register: 3,
                        start_minute: 8 * 60,
                        end_minute: 9 * 60,
                    },
                    Outage {
                        register: 11,
                        start_minute: 30 * 60,
                        end_minute: 36 * 60,
                    },
                ],
                ..reference
            },
        }
    }
}

impl Scenario {
    /// Transactions one register has made by `t` seconds from the start: `per day` a day,
    /// spread evenly around the clock or over the opening hours.
    pub fn sales_due(&self, t: u64) -> u64 {
        let rate = u64::from(self.transactions_per_register_per_day);
        match self.opening {
            Some(o) if o.close > o.open => {
                let (open, close) = (u64::from(o.open) * 60, u64::from(o.close.min(1440)) * 60);
                let today = (t % 86_400).clamp(open, close) - open;
                rate * (t / 86_400) + rate * today / (close - open)
            }
            _ => rate * t / 86_400,
        }
    }

    /// When transaction number `n` (1-based) of a register is made, seconds from the start:
    /// the inverse of [`Scenario::sales_due`].
    pub fn sale_time(&self, n: u64) -> u64 {
        let rate = u64::from(self.transactions_per_register_per_day).max(1);
        let (day, k) = ((n - 1) / rate, (n - 1) % rate + 1);
        let (open, len) = match self.opening {
            Some(o) if o.close > o.open => (
                u64::from(o.open) * 60,
                (u64::from(o.close.min(1440)) - u64::from(o.open)) * 60,
            ),
            _ => (0, 86_400),
        };
        // The first second at which `k` of the day's sales are due.
        day * 86_400 + open + (k * len).div_ceil(rate)
    }

    /// Registers in all stores.
    pub fn registers(&self) -> u32 {
        self.stores.saturating_mul(self.registers_per_store)
    }

    /// Simulated seconds.
    pub fn horizon_seconds(&self) -> u64 {
        u64::from(self.horizon_hours) * 3600
    }

    /// Every value out of range, with what the range is.
    pub fn validate(&self) -> Vec<ScenarioError> {
        let mut errors: Vec<ScenarioError> = super::fields::SCENARIO_FIELDS
            .iter()
            .filter_map(|f| {
                f.check((f.get)(self)).map(|message| ScenarioError {
                    field: f.key,
                    message,
                })
            })
            .collect();
        let registers = self.registers();
        // In u64: horizon_hours is checked above but still arbitrary here (u32 × 60 overflows).
        let horizon = u64::from(self.horizon_hours) * 60;
        for (i, o) in self.outages.iter().enumerate() {
            if o.register == 0 || o.register > registers {
                errors.push(ScenarioError {
                    field: "outages",
                    message: format!(
                        "Outage {}: register {} does not exist (there are {registers}).",
                        i + 1,
                        o.register
                    ),
                });
            }
            if o.end_minute <= o.start_minute {
                errors.push(ScenarioError {
                    field: "outages",
                    message: format!("Outage {}: it must end after it starts.", i + 1),
                });
            } else if u64::from(o.start_minute) >= horizon {
                errors.push(ScenarioError {
                    field: "outages",
                    message: format!(
                        "Outage {}: it starts after the simulated horizon ({} hours).",
                        i + 1,
                        self.horizon_hours
                    ),
                });
            }
        }
        for (i, l) in self.late_registers.iter().enumerate() {
            if l.register == 0 || l.register > registers {
                errors.push(ScenarioError {
                    field: "late_registers",
                    message: format!(
                        "Late register {}: register {} does not exist (there are {registers}).",
                        i + 1,
                        l.register
                    ),
                });
            } else if l.minute == 0 || u64::from(l.minute) >= horizon {
                errors.push(ScenarioError {
                    field: "late_registers",
                    message: format!("Late register {}: it must join after the start and before the end of the {} simulated hours.", i + 1, self.horizon_hours),
                });
            }
        }
        if let Some(o) = self.opening {
            if o.close > 1440 || o.close <= o.open {
                errors.push(ScenarioError {
                    field: "opening",
                    message: "Opening hours must close after they open, at 24:00 at the latest."
                        .to_string(),
                });
            }
        }
        if let Some(m) = self.reprovision_minute {
            if m == 0 || u64::from(m) >= horizon {
                errors.push(ScenarioError {
                    field: "reprovision_minute",
                    message: format!("Reprovisioning must happen after the start and before the end of the {} simulated hours.", self.horizon_hours),
                });
            }
        }
        errors
    }
}

/// Parses outage windows written one per line as `register: start-end` (minutes), naming the
/// line that does not fit. Blank lines are skipped.
pub fn parse_outages(text: &str) -> Result<Vec<Outage>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            let bad = || {
                format!(
                    "Outage line {}: write \u{201c}register: start-end\u{201d} in minutes, e.g. \u{201c}2: 600-720\u{201d}.",
                    i + 1
                )
            };
            let (r, span) = line.split_once(':').ok_or_else(bad)?;
            let (a, b) = span.split_once('-').ok_or_else(bad)?;
            Ok(Outage {
                register: r.trim().parse().map_err(|_| bad())?,
                start_minute: a.trim().parse().map_err(|_| bad())?,
                end_minute: b.trim().parse().map_err(|_| bad())?,
            })
        })
        .collect()
}
