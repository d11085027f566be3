//! The glossary: every domain word the studio uses on screen and in narration, with a short
//! entry that says what it is and where a user meets it in AX 2012 R3 and in Dynamics 365
//! Commerce, and a way to find those words in a sentence so the UI can link them.

/// One glossary entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Stable key, used in links (`#/glossary/offline-scope`).
    pub key: &'static str,
    /// The term as the entry's heading.
    pub term: &'static str,
    /// Forms of the term found in text, lower case, longest first where they overlap.
    pub forms: &'static [&'static str],
    /// What it is, in a sentence or two.
    pub meaning: &'static str,
    /// Where a user meets it in AX 2012 R3.
    pub ax2012: &'static str,
    /// Where a user meets it in Dynamics 365 Commerce.
    pub d365: &'static str,
}

/// Every entry, alphabetically.
pub const GLOSSARY: [Entry; 17] = [
    Entry {
        key: "bidirectional",
        term: "Bidirectional scope",
        forms: &["bidirectional"],
        meaning: "A scope whose rows travel both ways; a row changed at the register and at the store since the last run is a conflict, settled by the scope's conflict resolution.",
        ax2012: "Synchronization direction Bidirectional (enum value 2) on the Offline scope form.",
        d365: "Offline data travels by download sessions (down) and P-jobs (up); there is no two-way scope.",
    },
    Entry {
        key: "catch-up",
        term: "Catch-up",
        forms: &["catch-up", "catching up"],
        meaning: "The first sessions after a register comes back from an outage: they bring everything that changed while it was offline, so they are larger than usual.",
        ax2012: "The register's sync service resumes at its next reconnect attempt and runs the waiting scopes.",
        d365: "A register that was offline applies every pending download session; a new offline database inherits every session since the last full sync.",
    },
    Entry {
        key: "conflict",
        term: "Conflict",
        forms: &["conflicts", "conflict"],
        meaning: "A row changed both at the register and at the store since the last synchronization; only one version can be kept.",
        ax2012: "The Retail Offline Sync Service (Microsoft Sync Framework) settles rows changed on both sides; the studio models it as the scope's Conflict resolution.",
        d365: "Not offered for offline data: register edits go up as transactions and head office stays the source.",
    },
    Entry {
        key: "download-session",
        term: "Download session",
        forms: &["download sessions", "download session", "downloads", "download"],
        meaning: "One synchronization that brings rows from the store (or head office) down to the register's offline database.",
        ax2012: "A scope with direction Download runs at its frequency; the sync log records it.",
        d365: "Head office turns data packages into download sessions per channel database group; their states are Started, Available, Requested, Downloaded, Applied, Canceled, CreateFailed, DownloadFailed, ApplyFailed and NoData.",
    },
    Entry {
        key: "offline-database",
        term: "Offline database",
        forms: &["offline databases", "offline database"],
        meaning: "The database on each register that lets it keep selling when the store server or the network is down; the offline profile decides what it holds.",
        ax2012: "A SQL Server Express database on the register, created by the Store Database Utility.",
        d365: "Only the Windows store app has one (SQL Server Express); keep it under 8 GB, the cap is 10 GB.",
    },
    Entry {
        key: "offline-profile",
        term: "Offline profile",
        forms: &["offline profiles", "offline profile"],
        meaning: "What the registers of a store keep offline: an ordered list of offline scopes, product and customer limits and device settings.",
        ax2012: "Retail essentials > Channels > Setup > POS > Profiles > Offline profiles (the built-in one is named Default pr); stores are assigned a profile.",
        d365: "The same idea lives in the functionality profile and the channel database group's settings.",
    },
    Entry {
        key: "offline-scope",
        term: "Offline scope",
        forms: &["offline scopes", "offline scope", "scopes", "scope"],
        meaning: "A set of tables synchronized together, in one direction, at one frequency. A profile's scopes synchronize in the profile's order.",
        ax2012: "The Offline scope form, opened from a profile's Offline tables FastTab; its tables are its Line details.",
        d365: "Scheduler jobs and their subjobs play the role of scopes for the offline database.",
    },
    Entry {
        key: "offline-ready",
        term: "Offline-ready",
        forms: &["offline-ready"],
        meaning: "A register is offline-ready once every download scope of its profile has completed at least once and nothing is pending: only then does it keep selling with complete data when the link drops. The Chain area says when each wave's registers get there.",
        ax2012: "Each scope of the register's offline database has run once (the sync log shows it); until then a scope's status is None.",
        d365: "A register cannot switch to offline while download sessions are pending; the Register offline status dashboard (10.0.20 and later) shows each device's latest state.",
    },
    Entry {
        key: "period-close",
        term: "Period-close cut-off",
        forms: &["period-close cut-off", "period close"],
        meaning: "The moment by which every register's transactions must have reached head office for the period (say month end, 23:59). Transactions still on a register then belong to the next period unless someone moves them.",
        ax2012: "Transactions reach head office by the upload job (P-job) from the store database; statements are posted and the period closed at head office.",
        d365: "P-jobs upload the transactions; retailers report that offline transactions not uploaded before month-end close become orphaned and must be moved between periods.",
    },
    Entry {
        key: "provisioning",
        term: "Provisioning",
        forms: &["provisioned", "provisioning"],
        meaning: "Creating a register's offline database from the profile and filling it with a first, full download.",
        ax2012: "The Store Database Utility provisions the offline database; provisioning adds tracking tables to the channel database.",
        d365: "A new offline database inherits every download session since the last full sync, so new registers are best added in their own group or with offline synchronization paused.",
    },
    Entry {
        key: "register",
        term: "Register",
        forms: &["registers", "register"],
        meaning: "A point-of-sale terminal; each has its own offline database and syncs on its own.",
        ax2012: "Each register belongs to a store; job 1090 Registers sends the register setup to the store database.",
        d365: "The Register offline status dashboard (since 10.0.20) shows each register's latest offline status, error and database details.",
    },
    Entry {
        key: "replication-counter",
        term: "Replication counter",
        forms: &["replication counter"],
        meaning: "An identity column that numbers a register's new rows, so an upload can tell which rows have not gone up yet.",
        ax2012: "REPLICATIONCOUNTERFROMORIGIN on transaction tables; P-jobs read it.",
        d365: "Custom upload tables need one, with an index on it, or upload packages time out.",
    },
    Entry {
        key: "reprovisioning",
        term: "Reprovisioning",
        forms: &["reprovisioned", "reprovisioning", "reprovision"],
        meaning: "Rebuilding a register's offline database after its store's profile changed what the database holds.",
        ax2012: "Run the Store Database Utility again on every register of the store; bring offline registers online and synchronize their transactions first.",
        d365: "Changes reach registers as new download sessions; a register cannot switch to offline while download sessions are pending.",
    },
    Entry {
        key: "scheduler-job",
        term: "Scheduler job",
        forms: &["scheduler jobs", "scheduler job", "jobs", "job"],
        meaning: "A numbered distribution job (1000 Currency … 1150 Catalog, P-0001 uploads) that moves a group of tables between head office and stores.",
        ax2012: "The Retail scheduler's jobs; the default offline profile has one scope per job, named after it.",
        d365: "The distribution schedule's jobs: run 1070 after channel or register configuration changes, 1060 for staff credentials.",
    },
    Entry {
        key: "store-database",
        term: "Store database",
        forms: &["store databases", "store database", "store"],
        meaning: "The channel database of a store: it receives head office data through the scheduler and feeds the registers' offline databases.",
        ax2012: "The channel database on the store server, filled by Commerce Data Exchange: Async Client.",
        d365: "The channel database in the cloud scale unit or on a store scale unit.",
    },
    Entry {
        key: "sync-storm",
        term: "Sync storm",
        forms: &["sync storms", "sync storm"],
        meaning: "More sessions at once than head office or a link can serve: very frequent scopes, many registers starting together, or new databases that inherit every pending download session.",
        ax2012: "Scopes of a few seconds' frequency on every register; the store database and its scheduler carry the load.",
        d365: "The vendor's example: 100 new terminals, no full sync for two months, 5 jobs changing every 20 minutes — up to 2,000,000 download sessions at once; pause offline synchronization until the store is ready.",
    },
    Entry {
        key: "upload-session",
        term: "Upload session",
        forms: &["upload sessions", "upload session", "uploads", "upload"],
        meaning: "One synchronization that sends the register's new rows (sales, edits) up to the store.",
        ax2012: "A scope with direction Upload (POS transactions, P-0001) runs at its frequency.",
        d365: "P-jobs bring transactions back: states Started, Available, Uploaded, Applied, Canceled, UploadFailed, ApplyFailed. Run at most one upload job at a time.",
    },
];

/// The entry of a key.
pub fn entry(key: &str) -> Option<&'static Entry> {
    GLOSSARY.iter().find(|e| e.key == key)
}

/// A piece of a sentence: plain text, or a glossary word with its entry's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Term { key: &'static str, text: String },
}

/// Splits `text` into pieces, marking the first occurrence of each glossary entry (whole words,
/// any case; quoted names such as “1010 Customers” are left alone).
pub fn link_terms(text: &str) -> Vec<Piece> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        // Lower-casing changed byte positions (rare letters): leave the sentence as it is.
        return vec![Piece::Text(text.to_string())];
    }
    // Quoted parts are names, not terms.
    let mut quoted = vec![false; lower.len()];
    let mut inside = false;
    for (i, c) in lower.char_indices() {
        if c == '\u{201c}' || c == '\u{201d}' {
            inside = c == '\u{201c}';
        }
        for q in quoted.iter_mut().skip(i).take(c.len_utf8()) {
            *q = inside || c == '\u{201d}';
        }
    }
    let boundary = |i: usize| {
        lower[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '-')
    };
    let end_boundary = |i: usize| {
        lower[i..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric() && c != '-')
    };
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    for e in &GLOSSARY {
        let hit = e.forms.iter().find_map(|form| {
            lower
                .match_indices(form)
                .find(|(i, _)| {
                    let j = i + form.len();
                    boundary(*i)
                        && end_boundary(j)
                        && !quoted[*i]
                        && !found.iter().any(|(a, b, _)| *i < *b && j > *a)
                })
                .map(|(i, f)| (i, i + f.len()))
        });
        if let Some((i, j)) = hit {
            found.push((i, j, e.key));
        }
    }
    found.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for (i, j, key) in found {
        if i > at {
            out.push(Piece::Text(text[at..i].to_string()));
        }
        out.push(Piece::Term {
            key,
            text: text[i..j].to_string(),
        });
        at = j;
    }
    if at < text.len() {
        out.push(Piece::Text(text[at..].to_string()));
    }
    out
}
