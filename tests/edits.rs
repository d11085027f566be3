//! Edits as data (`model::edit`): form semantics as workspace + edits → expected workspace, which
//! edits coalesce into one undo step, and what Undo and Redo say.
#![cfg(not(target_arch = "wasm32"))]

use offline_profile_studio::model::edit::{
    CustomerValue, DeviceValue, Edit, ProductValue, ProfileValue, ScopeValue,
};
use offline_profile_studio::model::{
    ConflictPolicy, Frequency, ProfileId, ScopeId, SyncDirection, TimeUnit, Workspace,
};

/// The default workspace, its profile and one of its scopes.
fn start(scope: &str) -> (Workspace, ProfileId, ScopeId) {
    let ws = Workspace::with_default_profile();
    let p = ws.profiles[0].id;
    let s = ws.scope_described(scope).unwrap().id;
    (ws, p, s)
}

/// Applies `edits` in turn to `ws` and checks the result against `expected`, which is `ws`
/// changed by hand.
fn check(ws: &Workspace, edits: &[Edit], expected: impl FnOnce(&mut Workspace)) {
    let mut got = ws.clone();
    for e in edits {
        e.apply(&mut got);
    }
    let mut want = ws.clone();
    expected(&mut want);
    assert_eq!(got, want, "after {edits:?}");
}

fn scope(s: ScopeId, value: ScopeValue) -> Edit {
    Edit::SetScope { scope: s, value }
}

#[test]
fn frequency_edits_keep_the_amount_on_a_unit_switch_and_are_no_longer_default() {
    let (ws, _, s) = start("1010 Customers"); // every 15 minutes, default
    assert!(ws.scope(s).unwrap().default_frequency);
    check(&ws, &[scope(s, ScopeValue::FrequencyAmount(10))], |w| {
        let x = w.scope_mut(s).unwrap();
        x.frequency = Frequency::every(10, TimeUnit::Minutes);
        x.default_frequency = false;
    });
    check(
        &ws,
        &[scope(s, ScopeValue::FrequencyUnit(TimeUnit::Hours))],
        |w| {
            let x = w.scope_mut(s).unwrap();
            x.frequency = Frequency::every(15, TimeUnit::Hours);
            x.default_frequency = false;
        },
    );
    check(
        &ws,
        &[
            scope(s, ScopeValue::FrequencyUnit(TimeUnit::Seconds)),
            scope(s, ScopeValue::FrequencyAmount(90)),
        ],
        |w| {
            let x = w.scope_mut(s).unwrap();
            x.frequency = Frequency::every(90, TimeUnit::Seconds);
            x.default_frequency = false;
        },
    );
    // A fix sets seconds and shows them in minutes.
    check(&ws, &[scope(s, ScopeValue::FrequencySeconds(3600))], |w| {
        let x = w.scope_mut(s).unwrap();
        x.frequency = Frequency::every(60, TimeUnit::Minutes);
        x.default_frequency = false;
    });
    // A huge amount saturates instead of overflowing.
    let mut w = ws.clone();
    scope(s, ScopeValue::FrequencyUnit(TimeUnit::Hours)).apply(&mut w);
    scope(s, ScopeValue::FrequencyAmount(i64::MAX)).apply(&mut w);
    assert_eq!(w.scope(s).unwrap().frequency.seconds, i64::MAX);
}

#[test]
fn scope_and_profile_values_set_their_field_and_nothing_else() {
    let (ws, p, s) = start("1010 Customers");
    check(
        &ws,
        &[scope(
            s,
            ScopeValue::Direction(SyncDirection::Bidirectional),
        )],
        |w| {
            w.scope_mut(s).unwrap().direction = SyncDirection::Bidirectional;
        },
    );
    check(
        &ws,
        &[scope(
            s,
            ScopeValue::ConflictPolicy(ConflictPolicy::NewestWins),
        )],
        |w| {
            w.scope_mut(s).unwrap().conflict_policy = ConflictPolicy::NewestWins;
        },
    );
    check(
        &ws,
        &[scope(s, ScopeValue::Description("Clients".into()))],
        |w| {
            w.scope_mut(s).unwrap().description = "Clients".into();
        },
    );
    let set = |value| Edit::SetProfile { profile: p, value };
    check(
        &ws,
        &[
            set(ProfileValue::Name("Lean".into())),
            set(ProfileValue::Products(ProductValue::Limited(true))),
            set(ProfileValue::Products(ProductValue::TopN(500))),
            set(ProfileValue::Customers(CustomerValue::Accounts(vec![
                "C1".into(),
                "C2".into(),
            ]))),
            set(ProfileValue::Customers(CustomerValue::LimitPartyTable(
                true,
            ))),
            set(ProfileValue::Device(DeviceValue::OfflineTimeoutSecs(45))),
            set(ProfileValue::Device(DeviceValue::ImageFolder(
                "D:\\img".into(),
            ))),
        ],
        |w| {
            let x = w.profile_mut(p).unwrap();
            x.name = "Lean".into();
            x.products.limited = true;
            x.products.top_n = 500;
            x.customers.accounts = vec!["C1".into(), "C2".into()];
            x.customers.limit_party_table = true;
            x.device.offline_timeout_secs = 45;
            x.device.image_folder = "D:\\img".into();
        },
    );
    // An edit of something that does not exist changes nothing.
    let mut w = ws.clone();
    assert!(
        !scope(ScopeId(9999), ScopeValue::FrequencyAmount(1))
            .apply(&mut w)
            .changed
    );
    assert!(
        !Edit::SetProfile {
            profile: ProfileId(9999),
            value: ProfileValue::Name("x".into())
        }
        .apply(&mut w)
        .changed
    );
    assert_eq!(w, ws);
    // Setting the value a field already has is no change; typing the default amount makes it
    // the user's own (no longer marked default), which is one.
    assert!(
        !scope(s, ScopeValue::Direction(SyncDirection::Download))
            .apply(&mut w)
            .changed
    );
    assert!(
        scope(s, ScopeValue::FrequencyAmount(15))
            .apply(&mut w)
            .changed
    );
    assert!(
        !scope(s, ScopeValue::FrequencyAmount(15))
            .apply(&mut w)
            .changed
    );
}

#[test]
fn moves_stay_in_range_and_new_things_report_their_ids() {
    let (ws, p, _) = start("1010 Customers");
    let order = |w: &Workspace| w.profile(p).unwrap().scopes.clone();
    let mut w = ws.clone();
    let before = order(&w);
    assert!(
        Edit::MoveScope {
            profile: p,
            from: 1,
            to: 0
        }
        .apply(&mut w)
        .changed
    );
    assert_eq!(order(&w)[0], before[1]);
    assert_eq!(order(&w)[1], before[0]);
    assert!(
        !Edit::MoveScope {
            profile: p,
            from: 0,
            to: 99
        }
        .apply(&mut w)
        .changed
    );
    assert!(
        !Edit::MoveScope {
            profile: p,
            from: 99,
            to: 0
        }
        .apply(&mut w)
        .changed
    );

    let made = Edit::NewScope {
        description: "1010 Customers".into(),
        direction: SyncDirection::Upload,
        add_to: Some(p),
    }
    .apply(&mut w);
    let s = made.scope.unwrap();
    assert_eq!(
        w.scope(s).unwrap().description,
        "1010 Customers 2",
        "descriptions stay unique"
    );
    assert_eq!(order(&w).last(), Some(&s));
    let made = Edit::NewProfile.apply(&mut w);
    assert_eq!(w.profile(made.profile.unwrap()).unwrap().name, "New");
    let made = Edit::DuplicateProfile {
        profile: p,
        copy_scopes: false,
    }
    .apply(&mut w);
    assert_eq!(w.profile(made.profile.unwrap()).unwrap().name, "Default 2");
    let v = Edit::RecordExport {
        profile: p,
        at: "T".into(),
    }
    .apply(&mut w);
    assert_eq!(v.version, Some(1));
}

#[test]
fn typing_in_one_field_coalesces_and_choices_do_not() {
    let (_, p, s) = start("1010 Customers");
    let key = |e: Edit| e.coalesce_key();
    let name = |v: &str| Edit::SetProfile {
        profile: p,
        value: ProfileValue::Name(v.into()),
    };
    assert!(key(name("a")).is_some());
    assert_eq!(key(name("a")), key(name("ab")));
    assert_ne!(
        key(name("a")),
        key(Edit::SetProfile {
            profile: p,
            value: ProfileValue::Description("a".into())
        })
    );
    assert_eq!(
        key(scope(s, ScopeValue::FrequencyAmount(1))),
        key(scope(s, ScopeValue::FrequencyAmount(12)))
    );
    assert_ne!(
        key(scope(s, ScopeValue::FrequencyAmount(1))),
        key(scope(ScopeId(s.0 + 1), ScopeValue::FrequencyAmount(1)))
    );
    for choice in [
        scope(s, ScopeValue::FrequencyUnit(TimeUnit::Hours)),
        scope(s, ScopeValue::Direction(SyncDirection::Upload)),
        Edit::SetProfile {
            profile: p,
            value: ProfileValue::Products(ProductValue::Limited(true)),
        },
        Edit::MoveScope {
            profile: p,
            from: 0,
            to: 1,
        },
    ] {
        assert_eq!(key(choice.clone()), None, "{choice:?}");
    }
}

#[test]
fn undo_and_redo_say_what_the_edit_did() {
    let (ws, p, s) = start("1010 Customers");
    let check = |e: Edit, words: &str| assert_eq!(e.describe(&ws), words);
    check(
        scope(s, ScopeValue::FrequencyAmount(10)),
        "frequency of 1010 Customers \u{2192} 10 minutes",
    );
    check(
        scope(s, ScopeValue::Direction(SyncDirection::Upload)),
        "direction of 1010 Customers \u{2192} Upload",
    );
    check(
        Edit::SetProfile {
            profile: p,
            value: ProfileValue::Name("Lean".into()),
        },
        "name of \u{201c}Default pr\u{201d} \u{2192} \u{201c}Lean\u{201d}",
    );
    check(
        Edit::RemoveTable {
            scope: s,
            table: "CUSTTABLE".into(),
        },
        "remove CUSTTABLE from 1010 Customers",
    );
    check(
        Edit::MoveScope {
            profile: p,
            from: 1,
            to: 0,
        },
        "move 1010 Customers to position 1",
    );
    check(Edit::DeleteProfile(p), "delete \u{201c}Default pr\u{201d}");
    check(
        Edit::SetProfile {
            profile: p,
            value: ProfileValue::Products(ProductValue::TopN(500)),
        },
        "number of products of \u{201c}Default pr\u{201d} \u{2192} 500",
    );
}
