//! What-if sweeps: one scenario value varied over a range, the real simulation run at each
//! point, and the figures a planner reads against the value — the largest register database
//! (measured) against the 8 GB guidance and 10 GB cap, the initial download's time over the
//! register's link, sessions per day — with the value at which the database would cross the
//! guidance ("how many products can we keep offline?"). Pure: the runs are the caller's.

use super::report::{DATABASE_CAP_BYTES, DATABASE_GUIDANCE_BYTES};
use super::scenario::Scenario;
use super::{scenario_field, SimResult};

/// At most this many points: every point is a full simulation, run one after the other.
pub const MAX_POINTS: u32 = 12;

/// The scenario value a sweep varies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SweepVariable {
    Products,
    Customers,
    HistoryDays,
    Registers,
}

impl SweepVariable {
    /// Every variable, in display order.
    pub const ALL: [SweepVariable; 4] = [
        SweepVariable::Products,
        SweepVariable::Customers,
        SweepVariable::HistoryDays,
        SweepVariable::Registers,
    ];

    /// The scenario field it sets (its key in `SCENARIO_FIELDS`).
    pub fn field_key(self) -> &'static str {
        match self {
            SweepVariable::Products => "products",
            SweepVariable::Customers => "customers",
            SweepVariable::HistoryDays => "history_days",
            SweepVariable::Registers => "registers_per_store",
        }
    }

    /// The label people read (the scenario field's own).
    pub fn label(self) -> &'static str {
        scenario_field(self.field_key()).map_or("", |f| f.label)
    }

    /// A stable key for forms.
    pub fn key(self) -> &'static str {
        self.field_key()
    }
}

/// A sweep as the user sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sweep {
    pub variable: SweepVariable,
    pub from: u64,
    pub to: u64,
    pub points: u32,
}

impl Sweep {
    /// The values to run, evenly spaced from `from` to `to`, or why the sweep is refused.
    pub fn values(&self) -> Result<Vec<u64>, String> {
        let field = scenario_field(self.variable.field_key())
            .ok_or_else(|| "unknown scenario value".to_string())?;
        if self.from == self.to {
            return Err(format!(
                "The range is empty: {} goes from {} to {}. Give two different values.",
                field.label, self.from, self.to
            ));
        }
        if self.from > self.to {
            return Err(format!(
                "The range is reversed: from {} to {}. Put the smaller value first.",
                self.from, self.to
            ));
        }
        if self.points < 2 {
            return Err("A sweep needs at least 2 points.".into());
        }
        if self.points > MAX_POINTS {
            return Err(format!("{} points is too many: each point is a full simulation held in this browser\u{2019}s memory while it runs, one after the other; at most {MAX_POINTS}.", self.points));
        }
        for v in [self.from, self.to] {
            if let Some(problem) = field.check(v) {
                return Err(problem);
            }
        }
        let n = u64::from(self.points - 1);
        let mut values: Vec<u64> = (0..=n)
            .map(|i| self.from + (self.to - self.from) * i / n)
            .collect();
        values.dedup();
        if values.len() < 2 {
            return Err("The range is too narrow for that many points.".into());
        }
        Ok(values)
    }

    /// The scenario of each point: `base` with the variable set.
    pub fn scenarios(&self, base: &Scenario) -> Result<Vec<(u64, Scenario)>, String> {
        let field = scenario_field(self.variable.field_key())
            .ok_or_else(|| "unknown scenario value".to_string())?;
        Ok(self
            .values()?
            .into_iter()
            .map(|v| {
                let mut s = base.clone();
                (field.set)(&mut s, v);
                (v, s)
            })
            .collect())
    }
}

/// What one point of a sweep came to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SweepPoint {
    pub value: u64,
    /// The largest register database, measured (pages × page size).
    pub measured_bytes: u64,
    /// The largest register database, estimated from catalog row sizes.
    pub estimated_bytes: u64,
    /// The initial download's time over one register's link, seconds.
    pub initial_download_seconds: f64,
    /// Steady sessions per day, all registers.
    pub sessions_per_day: f64,
}

impl SweepPoint {
    /// The figures of a finished run at `value`, with its largest measured register.
    pub fn of(
        value: u64,
        scenario: &Scenario,
        result: &SimResult,
        measured_bytes: u64,
    ) -> SweepPoint {
        let s = result.summary();
        SweepPoint {
            value,
            measured_bytes,
            estimated_bytes: s.peak_database_bytes,
            initial_download_seconds: s.initial_bytes as f64 * 8.0
                / (f64::from(scenario.bandwidth_kbps.max(1)) * 1000.0),
            sessions_per_day: s.sessions_per_day,
        }
    }
}

/// Where the measured size reaches `limit` bytes: the value, and whether it lies beyond the
/// points run (extrapolated along the last two points' line). `None` when the size does not
/// grow with the value.
pub fn crossing(points: &[SweepPoint], limit: u64) -> Option<(f64, bool)> {
    let limit = limit as f64;
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (ya, yb) = (a.measured_bytes as f64, b.measured_bytes as f64);
        if ya <= limit && yb >= limit && yb > ya {
            let x = a.value as f64 + (limit - ya) / (yb - ya) * (b.value - a.value) as f64;
            return Some((x, false));
        }
    }
    if points
        .first()
        .is_some_and(|p| p.measured_bytes as f64 >= limit)
    {
        return Some((points[0].value as f64, false));
    }
    let [.., a, b] = points else { return None };
    let slope = (b.measured_bytes as f64 - a.measured_bytes as f64) / (b.value - a.value) as f64;
    (slope > 0.0).then(|| {
        (
            b.value as f64 + (limit - b.measured_bytes as f64) / slope,
            true,
        )
    })
}

/// The sentence that answers the sweep's question.
pub fn answer(variable: SweepVariable, points: &[SweepPoint]) -> String {
    let what = variable.label().to_lowercase();
    let words = |limit: u64, name: &str| {
        match crossing(points, limit) {
        None => format!("the database does not grow with {what}, so no value reaches the {name}"),
        Some((x, false)) => format!("it reaches the {name} at about {} {what}", crate::validation::thousands(x.round() as u64)),
        Some((x, true)) => format!("it would reach the {name} at about {} {what} \u{2014} extrapolated beyond the last point, assuming it keeps growing as between the last two", crate::validation::thousands(x.round().min(1e15) as u64)),
    }
    };
    format!(
        "Largest register database, measured: {}; {}.",
        words(DATABASE_GUIDANCE_BYTES, "8 GB guidance"),
        words(DATABASE_CAP_BYTES, "10 GB cap").replacen("it ", "", 1)
    )
}
