//! Target systems (issue #15, part 1): which settings each system ignores (beside the field and
//! once per profile as a check), what the simulator runs instead, and the mode as part of the
//! profile — an edit with words for Undo, in packages (old ones read as the default, unknown
//! ones refused), in diffs.
#![cfg(not(target_arch = "wasm32"))]

use offline_profile_studio::catalog::Catalog;
use offline_profile_studio::model::diff::{diff, ResolvedProfile};
use offline_profile_studio::model::edit::{Edit, ProfileValue};
use offline_profile_studio::model::{Profile, TargetSystem, Workspace};
use offline_profile_studio::package::{export_package, profile_json, read_file};
use offline_profile_studio::sim::{Engine, Preset, SimRecord};
use offline_profile_studio::sqlite::native::NativeDb;
use offline_profile_studio::validation::{
    target_badge, target_note, validate_profile, DeviceField, Field, Severity,
};

fn catalog() -> &'static Catalog {
    Catalog::builtin()
}

fn with_target(t: TargetSystem, change: impl FnOnce(&mut Profile)) -> Workspace {
    let mut ws = Workspace::with_default_profile();
    ws.profiles[0].target = t;
    change(&mut ws.profiles[0]);
    ws
}

#[test]
fn each_target_says_which_fields_have_no_effect() {
    use TargetSystem::*;
    let check = |t: TargetSystem, f: Field, expected: Option<&str>| {
        let got = target_note(t, f);
        match expected {
            None => assert_eq!(got, None, "{t:?} {f:?}"),
            Some(words) => assert!(
                got.is_some_and(|n| n.contains(words)),
                "{t:?} {f:?}: {got:?}"
            ),
        }
        assert_eq!(
            target_badge(t, f).is_some(),
            got.is_some(),
            "badge and note agree"
        );
    };
    let d = Field::Device;
    for f in [
        Field::ScopeFrequency,
        Field::Products,
        Field::Customers,
        d(DeviceField::ImageFolder),
        d(DeviceField::OfflineTimeout),
    ] {
        check(Essentials, f, None);
    }
    check(
        Ax2012R3,
        Field::ScopeFrequency,
        Some("Not implemented in AX 2012 R3 as released"),
    );
    check(
        Ax2012R3,
        Field::ScopeFrequencyUnit,
        Some("offline sync service does not follow it"),
    );
    check(
        Ax2012R3,
        Field::Products,
        Some("every product and customer goes offline"),
    );
    check(
        Ax2012R3,
        Field::Customers,
        Some("every product and customer goes offline"),
    );
    check(Ax2012R3, d(DeviceField::OfflineTimeout), None);
    check(Ax2012R3, d(DeviceField::ReconnectInterval), None);
    for f in [
        DeviceField::NewDatabaseCheck,
        DeviceField::UploadTransactionSize,
        DeviceField::ImageFolder,
        DeviceField::DataExportFolder,
        DeviceField::ExportSchedule,
    ] {
        check(
            Ax2012R3,
            d(f),
            Some("only the offline timeout and the reconnect interval work"),
        );
        check(
            Commerce,
            d(f),
            Some("No equivalent known in Dynamics 365 Commerce"),
        );
    }
    check(
        Commerce,
        Field::ScopeFrequency,
        Some("distribution schedule"),
    );
    check(
        Commerce,
        Field::Products,
        Some("no offline product or customer limit"),
    );
    check(Commerce, d(DeviceField::OfflineTimeout), None);
    check(Commerce, Field::ProfileName, None);
    assert_eq!(
        target_badge(Ax2012R3, Field::ScopeFrequency),
        Some("not implemented in this release")
    );
}

#[test]
fn the_checks_say_it_once_per_profile_and_warn_when_the_profile_relies_on_it() {
    let check = |case: &str, ws: Workspace, expected: Option<(Severity, &[&str])>| {
        let ds = validate_profile(&ws, &ws.profiles[0], catalog());
        let found: Vec<_> = ds.iter().filter(|d| d.code == "TGT-NO-EFFECT").collect();
        match expected {
            None => assert!(found.is_empty(), "{case}: {found:?}"),
            Some((severity, words)) => {
                assert_eq!(found.len(), 1, "{case}: once per profile");
                assert_eq!(found[0].severity, severity, "{case}");
                for w in words {
                    assert!(
                        found[0].message.contains(w),
                        "{case}: {w:?} in {}",
                        found[0].message
                    );
                }
                assert_eq!(
                    found[0].place.dom_id(),
                    "profile-target",
                    "{case}: Go to field"
                );
            }
        }
    };
    check(
        "as documented",
        with_target(TargetSystem::Essentials, |_| {}),
        None,
    );
    check(
        "released: frequencies",
        with_target(TargetSystem::Ax2012R3, |_| {}),
        Some((
            Severity::Warning,
            &[
                "AX 2012 R3 (as released)",
                "frequency of its 14 scopes",
                "Source:",
            ],
        )),
    );
    check(
        "commerce, nothing relied on",
        with_target(TargetSystem::Commerce, |_| {}),
        Some((Severity::Info, &["relies on none of them"])),
    );
    check(
        "commerce, a product limit",
        with_target(TargetSystem::Commerce, |p| p.products.limited = true),
        Some((Severity::Warning, &["Offline products limit"])),
    );
    check(
        "released, a device value",
        with_target(TargetSystem::Ax2012R3, |p| {
            p.device.image_folder = "D:\\img".into()
        }),
        Some((Severity::Warning, &["device setting image folder"])),
    );
}

#[test]
fn the_simulator_runs_what_the_target_system_does() {
    let resolved = |ws: &Workspace| ResolvedProfile::of(ws, &ws.profiles[0]);
    let plain = resolved(&with_target(TargetSystem::Essentials, |p| {
        p.products.limited = true
    }));
    let (same, none) = plain.target.effective(&plain);
    assert_eq!((same, none.len()), (plain.clone(), 0));

    let released = resolved(&with_target(TargetSystem::Ax2012R3, |p| {
        p.products.limited = true
    }));
    let (eff, words) = released.target.effective(&released);
    assert!(eff.scopes.iter().all(|s| s.frequency.seconds == 15 * 60));
    assert!(!eff.products.limited);
    assert_eq!(words.len(), 2, "{words:?}");

    let commerce = resolved(&with_target(TargetSystem::Commerce, |_| {}));
    let (eff, words) = commerce.target.effective(&commerce);
    assert_eq!(
        eff.scopes, commerce.scopes,
        "frequencies kept as schedule recurrences"
    );
    assert!(words.iter().any(|w| w.contains("distribution schedule")));

    // A real run: every scope of the released system synchronizes on the one interval.
    let mut scenario = Preset::Small.scenario();
    scenario.horizon_hours = 2;
    scenario.outages.clear();
    let mut engine = Engine::new(
        NativeDb::open_memory().unwrap(),
        &scenario,
        &released,
        5,
        catalog(),
    )
    .unwrap();
    let result = engine.run().unwrap().clone();
    assert!(
        result.frequencies.iter().all(|&f| f == 15 * 60),
        "{:?}",
        result.frequencies
    );
    let record = SimRecord::of(&released, &scenario, &result);
    assert_eq!(record.assumptions, words_of(&released));
    assert_eq!(record.simulated(&released), Some(true));
}

fn words_of(p: &ResolvedProfile) -> Vec<String> {
    p.target.effective(p).1
}

#[test]
fn the_target_is_part_of_the_profile_edits_packages_and_diffs() {
    let ws = Workspace::with_default_profile();
    let id = ws.profiles[0].id;
    let edit = Edit::SetProfile {
        profile: id,
        value: ProfileValue::Target(TargetSystem::Ax2012R3),
    };
    let mut changed = ws.clone();
    edit.apply(&mut changed);
    assert_eq!(changed.profiles[0].target, TargetSystem::Ax2012R3);
    let words = edit.describe(&ws);
    assert!(
        words.contains("target system") && words.contains("AX 2012 R3 (as released)"),
        "{words}"
    );

    // In packages: profile.json and the manifest record it; it reads back.
    let pkg = export_package(&changed, id, catalog(), None).unwrap();
    assert_eq!(
        pkg.manifest.target_system.as_deref(),
        Some("AX 2012 R3 (as released)")
    );
    let back = read_file(&pkg.bytes, "p.zip", catalog()).unwrap();
    assert_eq!(back.profile.target, TargetSystem::Ax2012R3);
    let json = profile_json(&back.profile, 1);
    assert!(
        json.contains("\"target_system\": \"ax2012r3-released\""),
        "{json}"
    );

    // An older profile.json without it reads as the default; an unknown one is refused.
    let old = json.replace(",\n    \"target_system\": \"ax2012r3-released\"", "");
    assert!(!old.contains("target_system"), "{old}");
    assert_eq!(
        read_file(old.as_bytes(), "old.json", catalog())
            .unwrap()
            .profile
            .target,
        TargetSystem::Essentials
    );
    let unknown = json.replace("ax2012r3-released", "ax2009");
    let e = read_file(unknown.as_bytes(), "new.json", catalog()).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("profile.target_system"));
    assert!(
        e.message.contains("unknown target system \"ax2009\"")
            && e.message.contains("Dynamics 365 Commerce"),
        "{e}"
    );

    // In diffs, without reprovisioning.
    let changes = diff(&ResolvedProfile::of(&ws, &ws.profiles[0]), &back.profile);
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(!changes[0].requires_reprovisioning());
    assert!(changes[0].describe().contains("Target system changed"));

    // A stored profile from before the target existed reads as the default.
    let mut stored = serde_json::to_value(&ws.profiles[0]).unwrap();
    stored.as_object_mut().unwrap().remove("target");
    let p: Profile = serde_json::from_value(stored).unwrap();
    assert_eq!(p.target, TargetSystem::Essentials);
}
