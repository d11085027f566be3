//! Host tests of the model: editing, undo/redo, changes since provisioning, and storage.
#![cfg(not(target_arch = "wasm32"))]

use offline_profile_studio::model::diff::Change;
use offline_profile_studio::model::history::History;
use offline_profile_studio::model::{Frequency, SyncDirection, TimeUnit, Workspace};
use offline_profile_studio::persist::{decode, encode, Loaded, SCHEMA_VERSION};

#[test]
fn frequencies_are_entered_with_a_unit_and_stored_in_seconds() {
    let f = Frequency::every(15, TimeUnit::Minutes);
    assert_eq!(f.seconds, 900);
    assert_eq!(f.to_string(), "every 15 minutes");
    assert_eq!(
        Frequency::every(1, TimeUnit::Hours).to_string(),
        "every 1 hour"
    );
    assert_eq!(f.sessions_per_day(), 96.0);
    assert_eq!(
        Frequency {
            seconds: 0,
            unit: TimeUnit::Seconds
        }
        .sessions_per_day(),
        0.0
    );
}

#[test]
fn new_profiles_get_unique_names_and_scopes_are_shared() {
    let mut ws = Workspace::with_default_profile();
    let a = ws.new_profile();
    let b = ws.new_profile();
    assert_eq!(ws.profile(a).unwrap().name, "New");
    assert_eq!(ws.profile(b).unwrap().name, "New 2");
    let staff = ws.scope_described("1060 Staff").unwrap().id;
    assert!(ws.add_scope_to_profile(a, staff));
    assert!(
        !ws.add_scope_to_profile(a, staff),
        "a scope is in a profile once"
    );
    let users: Vec<&str> = ws
        .profiles_using(staff)
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(users, ["Default pr", "New"]);
    ws.delete_scope(staff);
    assert!(ws.profiles_using(staff).is_empty());
    assert!(!ws.profile(a).unwrap().scopes.contains(&staff));
}

#[test]
fn scopes_move_and_tables_add_once() {
    let mut ws = Workspace::empty();
    let p = ws.new_profile();
    let s1 = ws.new_scope("One", SyncDirection::Download);
    let s2 = ws.new_scope("Two", SyncDirection::Upload);
    ws.add_scope_to_profile(p, s1);
    ws.add_scope_to_profile(p, s2);
    assert!(ws.move_scope(p, 1, 0));
    assert_eq!(ws.profile(p).unwrap().scopes, [s2, s1]);
    assert!(!ws.move_scope(p, 0, 5), "out of range is refused");
    assert_eq!(
        ws.add_tables(
            s1,
            &["currency".into(), "CURRENCY".into(), "CUSTTABLE".into()]
        ),
        2
    );
    assert_eq!(ws.scope(s1).unwrap().tables, ["CURRENCY", "CUSTTABLE"]);
    assert!(ws.remove_table(s1, "currency"));
    assert_eq!(ws.scope(s1).unwrap().tables, ["CUSTTABLE"]);
    ws.new_scope("One", SyncDirection::Download);
    assert!(
        ws.scope_described("One 2").is_some(),
        "descriptions stay unique"
    );
}

#[test]
fn undo_and_redo_walk_every_edit() {
    let mut ws = Workspace::with_default_profile();
    let mut history = History::new(100);
    let original = ws.clone();
    let before = ws.clone();
    let p = ws.new_profile();
    history.record(before, &ws);
    let before = ws.clone();
    ws.profile_mut(p).unwrap().name = "North".into();
    history.record(before, &ws);
    let before = ws.clone();
    history.record(before, &ws.clone()); // an edit that changed nothing is no step
    let edited = ws.clone();
    assert!(history.undo(&mut ws));
    assert_eq!(ws.profile(p).unwrap().name, "New");
    assert!(history.undo(&mut ws));
    assert_eq!(ws, original);
    assert!(!history.undo(&mut ws));
    assert!(history.redo(&mut ws));
    assert!(history.redo(&mut ws));
    assert_eq!(ws, edited);
    assert!(!history.redo(&mut ws));
    // A new edit after an undo drops the redo branch.
    history.undo(&mut ws);
    let before = ws.clone();
    ws.profile_mut(p).unwrap().description = "x".into();
    history.record(before, &ws);
    assert!(!history.can_redo());
}

#[test]
fn restoring_the_default_profile_undoes_changes_to_it() {
    let mut ws = Workspace::with_default_profile();
    let fresh = ws.clone();
    let id = ws.profiles[0].id;
    let currency = ws.scope_described("1000 Currency").unwrap().id;
    ws.scope_mut(currency).unwrap().tables.clear();
    ws.profile_mut(id).unwrap().scopes.remove(3);
    ws.profile_mut(id).unwrap().description = "mine".into();
    assert_eq!(ws.restore_default_profile(), id);
    assert_eq!(ws, fresh);
}

#[test]
fn a_provisioned_profile_lists_every_change_and_which_need_reprovisioning() {
    let mut ws = Workspace::with_default_profile();
    let id = ws.profiles[0].id;
    assert!(ws.mark_provisioned(id, "2026-11-25T10:00:00Z"));
    assert!(ws.changes_since_provisioned(id).is_empty());
    let customers = ws.scope_described("1010 Customers").unwrap().id;
    ws.scope_mut(customers).unwrap().frequency = Frequency::every(5, TimeUnit::Minutes);
    ws.remove_table(customers, "CUSTTABLE");
    ws.move_scope(id, 0, 2);
    ws.profile_mut(id).unwrap().device.offline_timeout_secs = 60;
    ws.profile_mut(id).unwrap().customers.limited = true;
    let changes = ws.changes_since_provisioned(id);
    let words: Vec<String> = changes.iter().map(Change::describe).collect();
    assert!(
        words.contains(&"Table CUSTTABLE removed from \u{201c}1010 Customers\u{201d}".to_string()),
        "{words:#?}"
    );
    assert!(words
        .iter()
        .any(|w| w.contains("frequency every 15 minutes \u{2192} every 5 minutes")));
    assert!(
        words.iter().any(
            |w| w.starts_with("Scope \u{201c}1000 Currency\u{201d} moved from position 1 to 3")
        ),
        "{words:#?}"
    );
    assert!(words.contains(&"SQLite device configuration: offline timeout changed".to_string()));
    assert!(words.contains(&"Offline customers changed".to_string()));
    let needs: Vec<bool> = changes
        .iter()
        .map(Change::requires_reprovisioning)
        .collect();
    assert!(needs.contains(&true) && needs.contains(&false));
    let freq = changes
        .iter()
        .find(|c| matches!(c, Change::FrequencyChanged { .. }))
        .unwrap();
    assert!(!freq.requires_reprovisioning());
    ws.clear_provisioned(id);
    assert!(ws.changes_since_provisioned(id).is_empty());
}

#[test]
fn storage_round_trips_exactly() {
    let mut ws = Workspace::with_default_profile();
    let p = ws.new_profile();
    ws.profile_mut(p).unwrap().name = "North \u{1f6d2}".into();
    ws.mark_provisioned(p, "2026-11-25T10:00:00Z");
    let text = encode(&ws, "2026-11-25T10:00:00Z");
    assert!(text.contains(&format!("\"schema_version\":{SCHEMA_VERSION}")));
    assert_eq!(decode(Some(&text)), Loaded::Restored(ws));
    assert_eq!(decode(None), Loaded::Nothing);
}

#[test]
fn an_older_stored_schema_is_migrated() {
    let v1 = r#"{"schema_version":1,"profiles":[
        {"name":"Store A","description":"old","products_all":false,
         "scopes":[{"description":"Staff","direction":0,"frequency_minutes":60,"tables":["RETAILSTAFFTABLE"]},
                   {"description":"Sales","direction":1,"frequency_minutes":5,"tables":["RETAILTRANSACTIONTABLE"]}]},
        {"name":"Store B",
         "scopes":[{"description":"Staff","direction":0,"frequency_minutes":60,"tables":["RETAILSTAFFTABLE"]},
                   {"description":"Sales","direction":2,"frequency_minutes":5,"tables":["RETAILTRANSACTIONTABLE"]}]}]}"#;
    let Loaded::Migrated {
        workspace: ws,
        from_version,
    } = decode(Some(v1))
    else {
        panic!("not migrated: {:?}", decode(Some(v1)));
    };
    assert_eq!(from_version, 1);
    assert_eq!(ws.profiles.len(), 2);
    let descriptions: Vec<&str> = ws.scopes.iter().map(|s| s.description.as_str()).collect();
    assert_eq!(
        descriptions,
        ["Staff", "Sales", "Sales 2"],
        "identical copies merge, different ones stay"
    );
    let a = &ws.profiles[0];
    let b = &ws.profiles[1];
    assert_eq!(a.scopes[0], b.scopes[0], "one shared Staff scope");
    assert_eq!(ws.scope(a.scopes[1]).unwrap().frequency.seconds, 300);
    assert_eq!(
        ws.scope(b.scopes[1]).unwrap().direction,
        SyncDirection::Bidirectional
    );
    assert!(a.products.limited && !a.customers.limited);
    // Migrated ids do not collide with new ones.
    let mut ws = ws;
    let new = ws.new_profile();
    assert!(ws.profiles.iter().filter(|p| p.id == new).count() == 1);
}

#[test]
fn unreadable_or_newer_data_is_kept_untouched_with_a_reason() {
    for (raw, reason) in [
        ("{not json", "damaged"),
        (r#"{"schema_version":9,"workspace":{}}"#, "newer version"),
        (
            r#"{"schema_version":2,"workspace":{"profiles":3}}"#,
            // No position: serde_json's would count from the workspace part, not the text.
            "the stored workspace is damaged (invalid type: integer `3`, expected a sequence)",
        ),
        (r#"{"schema_version":0}"#, "not one this version knows"),
    ] {
        match decode(Some(raw)) {
            Loaded::Unreadable {
                raw: kept,
                reason: why,
            } => {
                assert_eq!(kept, raw);
                assert!(why.contains(reason), "{why}");
                if raw.contains(r#""workspace":{"#) {
                    assert!(!why.contains("column"), "{why}");
                }
            }
            other => panic!("{raw}: {other:?}"),
        }
    }
}

#[test]
fn a_profile_duplicates_with_shared_or_copied_scopes_under_a_name_that_fits() {
    use offline_profile_studio::model::diff::ResolvedProfile;
    use offline_profile_studio::model::NAME_COLUMN_LENGTH;
    let mut ws = Workspace::with_default_profile();
    let original = ws.profiles[0].id;
    ws.mark_provisioned(original, "2026-01-01T00:00:00Z");
    let scopes_before = ws.scopes.len();

    // Shared: the copy uses the very same scopes.
    let shared = ws.duplicate_profile(original, false).unwrap();
    let copy = ws.profile(shared).unwrap();
    assert_eq!(copy.name, "Default 2");
    assert!(copy.name.chars().count() <= NAME_COLUMN_LENGTH);
    assert_eq!(copy.scopes, ws.profile(original).unwrap().scopes);
    assert!(copy.provisioned.is_none() && copy.exported.is_none());
    assert_eq!(copy.version, 1);
    assert_eq!(ws.scopes.len(), scopes_before);
    assert_eq!(
        ws.profiles[1].id, shared,
        "the copy sits below the original"
    );

    // Copied: its own scopes with the same content, under unique descriptions.
    let copied = ws.duplicate_profile(original, true).unwrap();
    assert_eq!(ws.profile(copied).unwrap().name, "Default 3");
    assert_eq!(ws.scopes.len(), scopes_before * 2);
    let a = ResolvedProfile::of(&ws, ws.profile(original).unwrap());
    let b = ResolvedProfile::of(&ws, ws.profile(copied).unwrap());
    assert_eq!(b.scopes.len(), a.scopes.len());
    for (x, y) in a.scopes.iter().zip(&b.scopes) {
        assert_eq!(y.description, format!("{} (Default 3)", x.description));
        assert_eq!(
            (&x.tables, x.direction, x.frequency),
            (&y.tables, y.direction, y.frequency)
        );
    }
    assert_eq!(
        (&a.products, &a.customers, &a.device),
        (&b.products, &b.customers, &b.device)
    );
    // Editing the copy's scope leaves the original alone.
    let first_copy_scope = ws.profile(copied).unwrap().scopes[0];
    ws.scope_mut(first_copy_scope).unwrap().tables.clear();
    assert_eq!(ResolvedProfile::of(&ws, ws.profile(original).unwrap()), a);
    assert!(ws
        .duplicate_profile(offline_profile_studio::model::ProfileId(9999), true)
        .is_none());

    // Short names still get a number; long ones are cut to fit.
    let mut ws = Workspace::empty();
    let p = ws.new_profile();
    ws.profile_mut(p).unwrap().name = "Stores".into();
    let d = ws.duplicate_profile(p, false).unwrap();
    assert_eq!(ws.profile(d).unwrap().name, "Stores 2");
}

#[test]
fn a_profile_records_when_its_content_last_changed() {
    let mut ws = Workspace::with_default_profile();
    let a = ws.profiles[0].id;
    let b = ws.new_profile();
    let before = ws.clone();
    let staff = ws.scope_described("1060 Staff").unwrap().id;
    ws.add_scope_to_profile(b, staff);
    ws.stamp_changes(&before, "T1");
    assert_eq!(ws.profile(b).unwrap().changed_at.as_deref(), Some("T1"));
    assert_eq!(ws.profile(a).unwrap().changed_at, None, "a is unchanged");

    // A shared scope changes both profiles that use it.
    let before = ws.clone();
    ws.scope_mut(staff).unwrap().frequency = Frequency::every(2, TimeUnit::Hours);
    ws.stamp_changes(&before, "T2");
    assert_eq!(ws.profile(a).unwrap().changed_at.as_deref(), Some("T2"));
    assert_eq!(ws.profile(b).unwrap().changed_at.as_deref(), Some("T2"));

    // Recording an export is not a change; it fills in a missing time only.
    let before = ws.clone();
    ws.record_export(a, "T3");
    ws.stamp_changes(&before, "T4");
    assert_eq!(ws.profile(a).unwrap().changed_at.as_deref(), Some("T2"));
    let mut fresh = Workspace::with_default_profile();
    let id = fresh.profiles[0].id;
    fresh.record_export(id, "T5");
    assert_eq!(fresh.profile(id).unwrap().changed_at.as_deref(), Some("T5"));

    // A new profile counts as changed.
    let before = ws.clone();
    let c = ws.new_profile();
    ws.stamp_changes(&before, "T6");
    assert_eq!(ws.profile(c).unwrap().changed_at.as_deref(), Some("T6"));
}
