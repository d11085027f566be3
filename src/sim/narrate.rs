//! Every session told in plain words, for trainers: which register and scope, why it runs now
//! (its frequency and when it last ran, provisioning, or catch-up after an outage), how much it
//! moved, and what that means for the cashier — conflicts and who won, and rows that arrived
//! before their parents (until which later session the register lacks the parent). Produced
//! here from the session's data; the view only shows the sentences.

use super::engine::{Session, SimResult, Winner};
use crate::model::SyncDirection;
use crate::validation::thousands;

/// Simulated seconds as a time of day, with the day after the first ("day 2, 09:30").
pub fn clock(seconds: f64) -> String {
    let s = seconds.max(0.0) as u64;
    let (day, h, m) = (s / 86_400, s / 3600 % 24, s / 60 % 60);
    if day == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("day {}, {h:02}:{m:02}", day + 1)
    }
}

/// A period in the words of a frequency ("30 minutes", "1 hour", "45 seconds").
fn period(seconds: i64) -> String {
    let unit = |n: i64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match seconds {
        s if s > 0 && s % 86_400 == 0 => unit(s / 86_400, "day"),
        s if s > 0 && s % 3600 == 0 => unit(s / 3600, "hour"),
        s if s > 0 && s % 60 == 0 => unit(s / 60, "minute"),
        s => unit(s, "second"),
    }
}

/// Bytes as people read them (decimal), labelled as the estimate they are.
fn estimate(bytes: u64) -> String {
    let b = bytes as f64;
    let shown = match b {
        b if b >= 1e9 => format!("{:.2} GB", b / 1e9),
        b if b >= 1e6 => format!("{:.1} MB", b / 1e6),
        b if b >= 1e3 => format!("{:.1} KB", b / 1e3),
        b => format!("{b:.0} B"),
    };
    format!("about {shown}, an estimate")
}

fn rows(n: u64) -> String {
    format!("{} row{}", thousands(n), if n == 1 { "" } else { "s" })
}

impl SimResult {
    /// One or two plain sentences per part of session `index` (None past the end).
    pub fn narration(&self, index: usize) -> Option<Vec<String>> {
        let s = self.sessions.get(index)?;
        let scope = self.scopes.get(s.scope).map_or_else(
            || format!("scope {}", s.scope + 1),
            |(d, _)| format!("\u{201c}{d}\u{201d}"),
        );
        let down: u64 = s.downloaded.iter().map(|v| v.rows).sum();
        let up: u64 = s.uploaded.iter().map(|v| v.rows).sum();
        let moved = match (down, up) {
            (0, 0) => "nothing had changed, so nothing moved".to_string(),
            (d, 0) => format!("{} came down ({})", rows(d), estimate(s.bytes())),
            (0, u) => format!("{} went up ({})", rows(u), estimate(s.bytes())),
            (d, u) => format!(
                "{} came down and {} went up ({})",
                rows(d),
                rows(u),
                estimate(s.bytes())
            ),
        };
        let mut out = vec![self.why(index, s, &scope, &moved)];
        if let Some(meaning) = self.meaning(s, down, up) {
            out.push(meaning);
        }
        if s.conflicts > 0 {
            out.push(self.conflicts_told(index, s));
        }
        out.extend(self.orphans_told(index, s));
        Some(out)
    }

    /// Why the session runs now, and what moved.
    fn why(&self, index: usize, s: &Session, scope: &str, moved: &str) -> String {
        let r = s.register;
        let at = clock(s.start);
        if s.initial {
            // Ordinary provisioning happens before any register's first steady session; an
            // initial session after that is a late join or a reprovisioning.
            let steady_started = self.sessions[..index].iter().any(|x| !x.initial);
            let before = self.sessions[..index].iter().any(|x| x.register == r);
            let late = steady_started && !before;
            return if steady_started && before {
                format!(
                    "At {at}, register {r} is being reprovisioned, as after a change of its store's profile: its offline database is rebuilt, and this download of {scope} starts it again from nothing \u{2014} {moved}."
                )
            } else if late {
                format!(
                    "At {at}, register {r} joins the store late and is provisioned now: this first download of {scope} brings everything the store holds today \u{2014} {moved}."
                )
            } else {
                format!(
                    "At {at}, register {r} is being provisioned: this first download of {scope} fills its new offline database \u{2014} {moved}."
                )
            };
        }
        let last = self.sessions[..index]
            .iter()
            .rfind(|x| x.register == r && x.scope == s.scope)
            .map(|x| clock(x.start));
        if s.catch_up {
            let outage = self
                .outages
                .iter()
                .filter(|o| o.register == r && f64::from(o.end_minute) * 60.0 <= s.start + 1e-9)
                .max_by_key(|o| o.end_minute);
            let window = outage.map_or_else(String::new, |o| {
                format!(
                    " from {} to {}",
                    clock(f64::from(o.start_minute) * 60.0),
                    clock(f64::from(o.end_minute) * 60.0)
                )
            });
            let attempts = self.reconnect_attempts.get(&r).copied().unwrap_or(0);
            let tried = if attempts > 0 {
                format!(
                    "; while offline it tried to reconnect every {} ({} failed attempts in the run, its scopes together)",
                    period(self.reconnect_secs as i64),
                    thousands(u64::from(attempts))
                )
            } else {
                String::new()
            };
            return format!(
                "At {at}, register {r} is back after being offline{window}{tried}. This catch-up session of {scope} brings what changed meanwhile: {moved}."
            );
        }
        let every = self
            .frequencies
            .get(s.scope)
            .map_or_else(String::new, |f| format!(" every {}", period(*f)));
        let since = last.map_or_else(String::new, |l| format!("; it last ran at {l}"));
        format!("At {at}, register {r} runs {scope}, due{every}{since}. Since then {moved}.")
    }

    /// What the session means for the cashier.
    fn meaning(&self, s: &Session, down: u64, up: u64) -> Option<String> {
        let first = |v: &[super::engine::TableVolume]| {
            v.iter()
                .max_by_key(|t| t.rows)
                .and_then(|t| self.tables.get(t.table).cloned())
                .unwrap_or_default()
        };
        Some(match (s.direction, down, up) {
            _ if s.initial && down == 0 => {
                "Nothing of this scope exists yet, so the register has none of it offline.".into()
            }
            _ if s.initial => format!(
                "Until this and the other first downloads have arrived, the cashier cannot work offline with this data (the largest table here is {}).",
                first(&s.downloaded)
            ),
            (SyncDirection::Upload, _, 0) => "No new sales or edits were waiting at the register.".into(),
            (_, _, u) if u > 0 => format!(
                "The register's own rows ({}, mostly {}) are now safe at the store, which passes them on to head office.",
                rows(u),
                first(&s.uploaded)
            ),
            (_, 0, _) => "The cashier's offline data was already current.".into(),
            _ => format!(
                "The cashier now works offline with the latest data (mostly {}).",
                first(&s.downloaded)
            ),
        })
    }

    /// Conflicts of a bidirectional session: how many, and who won by the policy.
    fn conflicts_told(&self, index: usize, s: &Session) -> String {
        let last = self.sessions[..index]
            .iter()
            .rfind(|x| x.register == s.register && x.scope == s.scope)
            .map_or(0.0, |x| x.start);
        let mine: Vec<_> = self
            .conflicts
            .iter()
            .filter(|c| {
                c.register == s.register
                    && c.scope == s.scope
                    && (c.register_at as f64) > last
                    && (c.register_at as f64) <= s.start + 1e-9
            })
            .collect();
        let store = mine.iter().filter(|c| c.winner == Winner::Store).count();
        let register = mine.len() - store;
        let n = s.conflicts as usize;
        let won = match (store, register) {
            (_, 0) => "the store's version was kept each time, so the register's edits were overwritten".to_string(),
            (0, _) => "the register's version was kept each time, so it overwrote the store's".to_string(),
            (a, b) => format!("the store's version was kept {a} times and the register's {b} times, the newer edit winning"),
        };
        format!(
            "{n} row{} had changed both at this register and at the store since the last run (a conflict); by the scope's conflict resolution {won}.",
            if n == 1 { "" } else { "s" }
        )
    }

    /// Rows that arrived before their parents: which tables, and until which later session of
    /// this register each missing parent arrives. One sentence per scope that brings parents,
    /// at most three, naming up to three tables each.
    fn orphans_told(&self, index: usize, s: &Session) -> Vec<String> {
        let name = |t: usize| self.tables.get(t).cloned().unwrap_or_default();
        let list = |mut names: Vec<String>| {
            names.sort();
            names.dedup();
            match names.len() {
                0..=3 => names.join(", "),
                n => format!("{} and {} more", names[..3].join(", "), n - 3),
            }
        };
        let mut scopes: Vec<usize> = s.orphans.iter().map(|o| o.parent_scope).collect();
        scopes.sort_unstable();
        scopes.dedup();
        let mut out: Vec<String> = scopes
            .iter()
            .take(3)
            .map(|&ps| {
                let these: Vec<_> = s.orphans.iter().filter(|o| o.parent_scope == ps).collect();
                let children = list(these.iter().map(|o| name(o.table)).collect());
                let parents = list(these.iter().map(|o| name(o.parent)).collect());
                let scope = self
                    .scopes
                    .get(ps)
                    .map_or_else(String::new, |(d, _)| format!("\u{201c}{d}\u{201d}"));
                let until = self.sessions[index + 1..]
                    .iter()
                    .position(|x| x.register == s.register && x.scope == ps)
                    .map(|k| {
                        let later = &self.sessions[index + 1 + k];
                        format!("until {scope} runs in session {} at {}", index + 2 + k, clock(later.start))
                    })
                    .unwrap_or_else(|| format!("for the rest of the run, since {scope} does not run again"));
                format!(
                    "Rows of {children} arrived before any row of {parents}, which they point at: {until}, the register holds rows whose parents it does not have, and lookups of them fail offline."
                )
            })
            .collect();
        if scopes.len() > 3 {
            out.push(format!(
                "Parents brought by {} more scopes are missing too (the problems list names every table).",
                scopes.len() - 3
            ));
        }
        out
    }
}
