//! The guided tour's steps: each is done when what the app observes shows the user did it.
#![cfg(not(target_arch = "wasm32"))]

use offline_profile_studio::tour::{done, Seen, STEPS};

fn seen(f: impl FnOnce(&mut Seen)) -> Seen {
    let mut s = Seen {
        area: "profiles".into(),
        profiles: 1,
        open_profile: Some(("Default pr".into(), 14)),
        ..Seen::default()
    };
    f(&mut s);
    s
}

#[test]
fn each_step_waits_for_its_action() {
    let start = seen(|_| {});
    // (step, what changed, done?)
    let cases: Vec<(usize, Seen, bool)> = vec![
        (0, seen(|_| {}), false),
        (0, seen(|s| s.profiles = 2), true),
        (1, seen(|s| s.open_profile = Some(("New".into(), 0))), true),
        (1, seen(|_| {}), false),
        (1, seen(|s| s.open_profile = Some(("  ".into(), 0))), false),
        (
            2,
            seen(|s| s.open_profile = Some(("Default pr".into(), 15))),
            true,
        ),
        (2, seen(|_| {}), false),
        (3, seen(|s| s.scope_form_open = true), true),
        (3, seen(|_| {}), false),
        (4, seen(|s| s.runs = 1), true),
        (4, seen(|_| {}), false),
        (5, seen(|s| s.exports = 1), true),
        (5, seen(|_| {}), false),
    ];
    for (step, now, expected) in cases {
        assert_eq!(
            done(step, &start, &now),
            expected,
            "step {step} with {now:?}"
        );
    }
    // A step begun on a profile with scopes waits for one more.
    let new_profile = seen(|s| s.open_profile = Some(("Kiosk".into(), 0)));
    assert!(!done(2, &new_profile, &new_profile));
    assert!(done(
        2,
        &new_profile,
        &seen(|s| s.open_profile = Some(("Kiosk".into(), 1)))
    ));
    assert_eq!(STEPS.len(), 6);
    assert!(STEPS
        .iter()
        .all(|s| !s.say.is_empty() && ["profiles", "simulation", "packages"].contains(&s.area)));
}
