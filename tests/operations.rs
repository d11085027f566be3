//! Which register operations work offline (issue #15, part 3): the operations file, and each
//! operation's availability for the default profile and for profiles with one table removed, a
//! scope removed, a limit set, a frequency slowed, a direction changed — with the one-click fix
//! applied where there is one.
#![cfg(not(target_arch = "wasm32"))]

use offline_profile_studio::catalog::operations::{operations, parse, OPERATIONS_JSON};
use offline_profile_studio::catalog::Catalog;
use offline_profile_studio::model::{Frequency, SyncDirection, TargetSystem, TimeUnit, Workspace};
use offline_profile_studio::validation::operations::{assess, Availability};

fn catalog() -> &'static Catalog {
    Catalog::builtin()
}

#[test]
fn the_operations_file_covers_the_vendor_test_list_with_known_tables() {
    let ops = parse(OPERATIONS_JSON).expect("data/operations.json parses");
    assert_eq!(ops.len(), operations().len());
    let checklist = [
        "sign-in",
        "shift",
        "product-search",
        "sale",
        "blind-return",
        "discounts",
        "unit-of-measure",
        "tenders",
        "journal",
        "forced-disconnect",
        "missing-item",
        "upload",
    ];
    for key in checklist {
        let op = ops
            .iter()
            .find(|o| o.key == key)
            .unwrap_or_else(|| panic!("{key} missing"));
        assert!(op.checklist, "{key} is on the vendor's test list");
    }
    for key in [
        "customer-search",
        "add-customer",
        "loyalty",
        "gift-card",
        "price-lookup",
        "tax",
    ] {
        assert!(ops.iter().any(|o| o.key == key), "{key} missing");
    }
    for op in &ops {
        assert!(!op.needs.is_empty(), "{}", op.key);
        for n in &op.needs {
            assert!(
                catalog().get(&n.table).is_some(),
                "{}: unknown table {}",
                op.key,
                n.table
            );
            assert!(
                n.source == "inferred" || n.source.starts_with("documented: "),
                "{}: {}",
                op.key,
                n.source
            );
        }
    }
    assert!(
        ops.iter().flat_map(|o| &o.needs).any(|n| n.documented()),
        "some mappings are documented"
    );
    assert!(parse("{\"format\": \"x\", \"about\": \"\", \"operations\": []}").is_err());
}

/// (case, change to the default workspace, operation key, expected state, words in a reason,
/// whether a fix exists and makes it available).
#[test]
fn availability_follows_the_profile() {
    type Change = fn(&mut Workspace);
    let cases: &[(&str, Change, &str, Availability, &str, bool)] = &[
        ("default", |_| {}, "sign-in", Availability::Available, "", false),
        ("default", |_| {}, "gift-card", Availability::Degraded, "real time", false),
        ("a table removed", |ws| remove_table(ws, "1060 Staff", "RETAILSTAFFCREDENTIALTABLE"), "sign-in", Availability::Unavailable, "RETAILSTAFFCREDENTIALTABLE (the password or credential checked at sign-in) is in no scope", true),
        ("a scope removed", |ws| {
            let (p, s) = (ws.profiles[0].id, ws.scope_described("1050 Loyalty").unwrap().id);
            ws.remove_scope_from_profile(p, s);
        }, "loyalty", Availability::Unavailable, "RETAILLOYALTYCARD", true),
        ("a product limit", |ws| ws.profiles[0].products.limited = true, "product-search", Availability::Degraded, "Offline products limit", false),
        ("a customer limit", |ws| ws.profiles[0].customers.limited = true, "customer-search", Availability::Degraded, "Offline customers limit", false),
        ("a limit the released R3 ignores", |ws| { ws.profiles[0].products.limited = true; ws.profiles[0].target = TargetSystem::Ax2012R3; }, "product-search", Availability::Available, "", false),
        ("prices slowed", |ws| set_frequency(ws, "1020 Prices and discounts", 6), "price-lookup", Availability::Degraded, "synchronizes every 6 hours", false),
        ("uploads turned into downloads", |ws| {
            let s = ws.scope_described("P-0001 POS transactions").unwrap().id;
            ws.scope_mut(s).unwrap().direction = SyncDirection::Download;
        }, "upload", Availability::Unavailable, "which only downloads", false),
    ];
    for (case, change, key, expected, words, fixable) in cases {
        let mut ws = Workspace::with_default_profile();
        change(&mut ws);
        let statuses = assess(&ws, &ws.profiles[0], catalog());
        let s = statuses.iter().find(|s| s.operation.key == *key).unwrap();
        assert_eq!(s.availability, *expected, "{case}: {key}: {:?}", s.reasons);
        assert!(
            s.reasons.iter().any(|r| r.contains(words))
                || (words.is_empty() && s.reasons.is_empty()),
            "{case}: {words:?} in {:?}",
            s.reasons
        );
        assert_eq!(s.fix.is_some(), *fixable, "{case}: fix {:?}", s.fix);
        if let Some(fix) = &s.fix {
            fix.action.apply(&mut ws);
            let after = assess(&ws, &ws.profiles[0], catalog());
            let s = after.iter().find(|s| s.operation.key == *key).unwrap();
            assert_eq!(
                s.availability,
                Availability::Available,
                "{case}: after {}: {:?}",
                fix.label,
                s.reasons
            );
        }
    }
}

fn remove_table(ws: &mut Workspace, scope: &str, table: &str) {
    let s = ws.scope_described(scope).unwrap().id;
    ws.scope_mut(s).unwrap().tables.retain(|t| t != table);
}

fn set_frequency(ws: &mut Workspace, scope: &str, hours: i64) {
    let s = ws.scope_described(scope).unwrap().id;
    ws.scope_mut(s).unwrap().frequency = Frequency::every(hours, TimeUnit::Hours);
}

#[test]
fn the_operations_document_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/operations.md");
    let want = offline_profile_studio::catalog::operations::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let got = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        got == want,
        "docs/operations.md is stale: run UPDATE_DOCS=1 cargo test --test operations"
    );
}
