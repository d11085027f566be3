//! Rules from the vendors' guidance (issue #15, part 2): each with a case that triggers it and
//! one that does not, its source named in the message, and its fix applied where it has one.
#![cfg(not(target_arch = "wasm32"))]

use offline_profile_studio::catalog::Catalog;
use offline_profile_studio::model::{Frequency, SyncDirection, TimeUnit, Workspace};
use offline_profile_studio::validation::{validate_profile, Diagnostic, Severity};

fn findings(ws: &Workspace, catalog: &Catalog, code: &str) -> Vec<Diagnostic> {
    validate_profile(ws, &ws.profiles[0], catalog)
        .into_iter()
        .filter(|d| d.code == code)
        .collect()
}

fn scope_id(ws: &Workspace, d: &str) -> offline_profile_studio::model::ScopeId {
    ws.scope_described(d).unwrap().id
}

/// (case, change to the default workspace, code, expected severity or none, words).
#[test]
fn each_rule_fires_when_it_should_and_not_otherwise() {
    type Change = fn(&mut Workspace);
    let cases: &[(&str, Change, &str, Option<Severity>, &str)] = &[
        (
            "default order",
            |_| {},
            "GDN-PREREQ-ORDER",
            Some(Severity::Info),
            "\u{201c}1060 Staff\u{201d} (position 6)",
        ),
        (
            "prerequisites first",
            |ws| {
                let p = ws.profiles[0].id;
                for d in ["1090 Registers", "1070 Channel configuration", "1060 Staff"] {
                    let from = ws.profiles[0]
                        .scopes
                        .iter()
                        .position(|s| *s == scope_id(ws, d))
                        .unwrap();
                    ws.move_scope(p, from, 0);
                }
            },
            "GDN-PREREQ-ORDER",
            None,
            "",
        ),
        (
            "staff weekly",
            |ws| {
                let s = scope_id(ws, "1060 Staff");
                ws.scope_mut(s).unwrap().frequency = Frequency::every(48, TimeUnit::Hours);
            },
            "GDN-PREREQ-RARE",
            Some(Severity::Warning),
            "brings the staff a register needs",
        ),
        ("staff hourly", |_| {}, "GDN-PREREQ-RARE", None, ""),
        (
            "party table left out",
            |ws| {
                let s = scope_id(ws, "1010 Customers");
                ws.scope_mut(s)
                    .unwrap()
                    .tables
                    .retain(|t| t != "DIRPARTYTABLE");
            },
            "GDN-PARTY-EXCLUDED",
            Some(Severity::Warning),
            "critical for staff data",
        ),
        ("party table in", |_| {}, "GDN-PARTY-EXCLUDED", None, ""),
        (
            "two upload scopes",
            |ws| {
                let s = scope_id(ws, "1050 Loyalty");
                ws.scope_mut(s).unwrap().direction = SyncDirection::Bidirectional;
            },
            "GDN-UPLOAD-JOBS",
            Some(Severity::Warning),
            "at most one upload job at a time",
        ),
        ("one upload scope", |_| {}, "GDN-UPLOAD-JOBS", None, ""),
        (
            "an identity key",
            |ws| {
                let s = scope_id(ws, "P-0001 POS transactions");
                ws.scope_mut(s)
                    .unwrap()
                    .tables
                    .push("RETAILSTOCKCOUNT".into());
            },
            "GDN-IDENTITY-KEY",
            Some(Severity::Warning),
            "includes the identity column",
        ),
        ("no identity key", |_| {}, "GDN-IDENTITY-KEY", None, ""),
        ("a 60-day return window", |ws| ws.profiles[0].device.return_window_days = 60, "GDN-RETURN-WINDOW", Some(Severity::Warning), "keep 30 days of transactions offline, but customers may return a sale up to 60 days old"),
        ("transactions kept as long as returns", |ws| { ws.profiles[0].device.return_window_days = 60; ws.profiles[0].device.days_transactions_kept = 60; }, "GDN-RETURN-WINDOW", None, ""),
    ];
    let catalog = Catalog::builtin();
    for (case, change, code, severity, words) in cases {
        let mut ws = Workspace::with_default_profile();
        change(&mut ws);
        let found = findings(&ws, catalog, code);
        match severity {
            None => assert!(found.is_empty(), "{case}: {code} {found:#?}"),
            Some(sev) => {
                assert_eq!(found.len(), 1, "{case}: {code} {found:#?}");
                let d = &found[0];
                assert_eq!(d.severity, *sev, "{case}");
                assert!(
                    d.message.contains(words),
                    "{case}: {words:?} in {}",
                    d.message
                );
                assert!(d.message.contains("Source: "), "{case}: names its source");
                // A fix makes it go away.
                if let Some(fix) = &d.fix {
                    fix.action.apply(&mut ws);
                    assert!(
                        findings(&ws, catalog, code).is_empty() || *code == "GDN-PREREQ-ORDER",
                        "{case}: after {}",
                        fix.label
                    );
                }
            }
        }
    }
}

#[test]
fn an_uploaded_table_without_a_replication_counter_is_an_error() {
    // A custom transactional table the catalog knows without its counter column.
    let custom: String = offline_profile_studio::catalog::BUILTIN_TABLES
        .lines()
        .map(|l| {
            if l.starts_with("T\tax\tRETAILTRANSACTIONTABLE\t") {
                l.replacen("\tREPLICATIONCOUNTERFROMORIGIN\t", "\t-\t", 1)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let catalog = Catalog::from_compact(&custom, offline_profile_studio::catalog::BUILTIN_COLUMNS)
        .expect("the changed catalog parses");
    let ws = Workspace::with_default_profile();
    let found = findings(&ws, &catalog, "GDN-COUNTER-INDEX");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity, Severity::Error);
    assert!(found[0]
        .message
        .contains("RETAILTRANSACTIONTABLE is uploaded but has no replication counter"));
    assert!(found[0].message.contains("upload packages time out"));
    assert!(findings(&ws, Catalog::builtin(), "GDN-COUNTER-INDEX").is_empty());
}

#[test]
fn moving_the_prerequisites_first_one_fix_at_a_time_settles() {
    let mut ws = Workspace::with_default_profile();
    for _ in 0..5 {
        let found = findings(&ws, Catalog::builtin(), "GDN-PREREQ-ORDER");
        let Some(d) = found.first() else { break };
        d.fix.as_ref().expect("a move").action.apply(&mut ws);
    }
    assert!(findings(&ws, Catalog::builtin(), "GDN-PREREQ-ORDER").is_empty());
    let order: Vec<String> = ws
        .scopes_of(&ws.profiles[0])
        .take(3)
        .map(|s| s.description.clone())
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["1060 Staff", "1070 Channel configuration", "1090 Registers"]
    );
}
