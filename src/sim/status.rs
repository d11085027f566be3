//! Where every register stands at a moment of a run, as the real systems' screens show it: its
//! status (online, offline, catching up), its last successful sync, the sessions waiting, its
//! offline database's size and its last error, and per scope the last sync and its state in the
//! device's own words (None, Succeeded, Failed). Trainer mode shows it at the current step.

use super::engine::SimResult;

/// A register's connection at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    /// Syncing as scheduled.
    Online,
    /// Cut off by an outage: sessions fail and wait.
    Offline,
    /// Back from an outage, with scopes that have not caught up yet.
    CatchingUp,
    /// It has not been provisioned yet (it joins the store later).
    NotProvisioned,
}

/// A scope's state on a register, as the device reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeState {
    /// It has not synced yet.
    None,
    /// Its last attempt succeeded.
    Succeeded,
    /// Its last attempt failed (the register was offline).
    Failed,
}

impl ScopeState {
    /// The state's name on the device.
    pub fn label(self) -> &'static str {
        match self {
            ScopeState::None => "None",
            ScopeState::Succeeded => "Succeeded",
            ScopeState::Failed => "Failed",
        }
    }
}

/// One scope of a register at a moment.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeStatus {
    /// The scope's position in the profile.
    pub scope: usize,
    /// When it last synced successfully (simulated seconds), if it has.
    pub last_sync: Option<f64>,
    pub state: ScopeState,
    /// Whether it is due and has not run (waiting).
    pub waiting: bool,
}

/// One register at a moment.
#[derive(Debug, Clone, PartialEq)]
pub struct RegisterStatus {
    pub register: u32,
    pub connection: Connection,
    /// Its last successful sync, any scope.
    pub last_sync: Option<f64>,
    /// Scopes due that have not run.
    pub waiting: usize,
    /// Its offline database's estimated size.
    pub database_bytes: u64,
    /// The last error, worded for people, if any.
    pub last_error: Option<String>,
    /// Per scope, in profile order.
    pub scopes: Vec<ScopeStatus>,
}

impl SimResult {
    /// Every register's status when session `index` starts (after the sessions before it).
    pub fn register_status(&self, index: usize) -> Vec<RegisterStatus> {
        let Some(now) = self.sessions.get(index).map(|s| s.start) else {
            return Vec::new();
        };
        let done = &self.sessions[..index];
        (1..=self.registers())
            .map(|register| {
                let outage = self.outages.iter().find(|o| {
                    o.register == register
                        && now >= f64::from(o.start_minute) * 60.0
                        && now < f64::from(o.end_minute) * 60.0
                });
                let last_outage_end = self
                    .outages
                    .iter()
                    .filter(|o| o.register == register && f64::from(o.end_minute) * 60.0 <= now)
                    .map(|o| f64::from(o.end_minute) * 60.0)
                    .fold(None, |a: Option<f64>, b| Some(a.map_or(b, |a| a.max(b))));
                let scopes: Vec<ScopeStatus> = (0..self.scopes.len())
                    .map(|scope| {
                        let last_sync = done
                            .iter()
                            .rfind(|s| s.register == register && s.scope == scope)
                            .map(|s| s.start);
                        let freq = self.frequencies.get(scope).copied().unwrap_or(0).max(1) as f64;
                        let due = last_sync.is_some_and(|l| l + freq <= now);
                        let state = match (last_sync, outage) {
                            (None, _) => ScopeState::None,
                            (Some(_), Some(_)) if due => ScopeState::Failed,
                            (Some(l), None) if due && last_outage_end.is_some_and(|e| l < e) => {
                                ScopeState::Failed
                            }
                            _ => ScopeState::Succeeded,
                        };
                        ScopeStatus { scope, last_sync, state, waiting: due }
                    })
                    .collect();
                let catching_up = outage.is_none()
                    && last_outage_end.is_some()
                    && scopes.iter().any(|s| s.state == ScopeState::Failed);
                let provisioned = done.iter().any(|s| s.register == register);
                let connection = match (outage, catching_up) {
                    _ if !provisioned && now > 0.0 => Connection::NotProvisioned,
                    (Some(_), _) => Connection::Offline,
                    (None, true) => Connection::CatchingUp,
                    (None, false) => Connection::Online,
                };
                let last_error = match outage {
                    Some(o) => Some(format!(
                        "The store server cannot be reached (offline since {}); the register retries every {} minutes.",
                        super::narrate::clock(f64::from(o.start_minute) * 60.0),
                        (self.reconnect_secs / 60).max(1)
                    )),
                    // What its latest session reported; a later clean session clears it.
                    None => done
                        .iter()
                        .rfind(|s| s.register == register)
                        .and_then(|s| s.problems.first().cloned()),
                };
                let database_bytes = self
                    .sizes
                    .iter()
                    .rfind(|x| x.register == register && x.at <= now + 1e-9)
                    .map(|x| x.bytes)
                    .unwrap_or_else(|| {
                        done.iter()
                            .filter(|s| s.register == register && s.initial)
                            .map(|s| s.bytes())
                            .sum()
                    });
                RegisterStatus {
                    register,
                    connection,
                    last_sync: scopes.iter().filter_map(|s| s.last_sync).fold(None, |a: Option<f64>, b| {
                        Some(a.map_or(b, |a| a.max(b)))
                    }),
                    waiting: scopes.iter().filter(|s| s.waiting).count(),
                    database_bytes,
                    last_error,
                    scopes,
                }
            })
            .collect()
    }
}
