//! Two tabs on one stored workspace: what a tab does on finding the stored text changed.

use offline_profile_studio::model::Workspace;
use offline_profile_studio::persist::tabs::{arrival, Arrival, Synced};
use offline_profile_studio::persist::{encode, encode_revision, revision_of, Revision};

fn described(ws: &Workspace, description: &str) -> Workspace {
    let mut ws = ws.clone();
    ws.profiles[0].description = description.into();
    ws
}

/// A tab's save of `ws` made on top of what it last synced.
fn save(tab: &Synced, ws: &Workspace, revision: &str) -> Synced {
    let text = encode_revision(
        ws,
        "2026-11-25T10:00:00Z",
        revision,
        tab.revision.as_deref(),
    );
    Synced {
        text: Some(text),
        revision: Some(revision.into()),
        workspace: ws.clone(),
        written_here: true,
    }
}

/// Both tabs opened on the same stored workspace.
fn two_tabs() -> (Workspace, Synced) {
    let ws = Workspace::with_default_profile();
    let text = encode_revision(&ws, "2026-11-25T09:00:00Z", "r0", None);
    (ws.clone(), Synced::read(Some(text), ws))
}

#[test]
fn revisions_round_trip_and_older_texts_have_none() {
    let ws = Workspace::with_default_profile();
    let text = encode_revision(&ws, "2026-11-25T10:00:00Z", "r2", Some("r1"));
    assert_eq!(
        revision_of(&text),
        Revision {
            id: Some("r2".into()),
            based_on: Some("r1".into())
        }
    );
    assert_eq!(
        revision_of(&encode(&ws, "2026-11-25T10:00:00Z")),
        Revision::default()
    );
    assert_eq!(revision_of("{not json"), Revision::default());
}

#[test]
fn the_text_a_tab_knows_is_unchanged() {
    let (ws, synced) = two_tabs();
    assert_eq!(
        arrival(&synced, &ws, synced.text.as_deref()),
        Arrival::Unchanged
    );
}

#[test]
fn a_tab_without_edits_takes_the_other_tabs_save() {
    let (ws, b) = two_tabs();
    let a = save(&b, &described(&ws, "from A"), "ra");
    match arrival(&b, &ws, a.text.as_deref()) {
        Arrival::Adopt(next) => {
            assert_eq!(next.workspace, a.workspace);
            assert_eq!(next.revision.as_deref(), Some("ra"));
            assert!(!next.written_here);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_save_made_from_this_tabs_own_save_is_taken() {
    let (ws, b) = two_tabs();
    // B saved; A took it and saved on top of it.
    let b_saved = save(&b, &described(&ws, "from B"), "rb");
    let a = save(&b_saved, &described(&ws, "from B, then A"), "ra");
    assert!(matches!(
        arrival(&b_saved, &b_saved.workspace, a.text.as_deref()),
        Arrival::Adopt(_)
    ));
}

#[test]
fn saves_made_at_the_same_moment_are_a_conflict_not_a_swap() {
    let (ws, start) = two_tabs();
    let a = save(&start, &described(&ws, "from A"), "ra");
    let b = save(&start, &described(&ws, "from B"), "rb");
    // B's save landed last: A must not take it silently, A's edit would be gone.
    assert!(matches!(
        arrival(&a, &a.workspace, b.text.as_deref()),
        Arrival::Conflict(next) if next.workspace == b.workspace
    ));
}

#[test]
fn unsaved_edits_are_never_replaced_silently() {
    let (ws, b) = two_tabs();
    let a = save(&b, &described(&ws, "from A"), "ra");
    // B's last save failed (storage full): its edit is only in memory.
    let mine = described(&ws, "from B, not saved");
    assert!(matches!(
        arrival(&b, &mine, a.text.as_deref()),
        Arrival::Conflict(_)
    ));
}

#[test]
fn a_save_that_changes_nothing_for_this_tab_is_only_noted() {
    let (ws, b) = two_tabs();
    // Another tab opened and saved the same workspace.
    let same = save(&b, &ws, "rc");
    assert!(matches!(
        arrival(&b, &ws, same.text.as_deref()),
        Arrival::Resync(next) if next.revision.as_deref() == Some("rc")
    ));
    // Unsaved edits here are kept: the other tab added nothing.
    let mine = described(&ws, "mine");
    assert!(matches!(
        arrival(&b, &mine, same.text.as_deref()),
        Arrival::Resync(_)
    ));
}

#[test]
fn a_newer_versions_data_is_kept_and_a_removal_is_noted() {
    let (ws, b) = two_tabs();
    let newer = r#"{"schema_version":9,"workspace":{}}"#;
    assert!(matches!(
        arrival(&b, &ws, Some(newer)),
        Arrival::Unreadable { raw, .. } if raw == newer
    ));
    assert_eq!(arrival(&b, &ws, None), Arrival::Removed);
}

#[test]
fn a_save_by_an_older_build_conflicts_only_with_this_tabs_own_save() {
    let (ws, b) = two_tabs();
    let old = encode(&described(&ws, "old build"), "2026-11-25T10:00:00Z");
    assert!(matches!(arrival(&b, &ws, Some(&old)), Arrival::Adopt(_)));
    let mine = save(&b, &described(&ws, "mine"), "rb");
    assert!(matches!(
        arrival(&mine, &mine.workspace, Some(&old)),
        Arrival::Conflict(_)
    ));
}
