//! Host tests of what a finished run adds up to: summaries, per-table totals, trainer steps —
//! on results of real runs against native SQLite.
#![cfg(not(target_arch = "wasm32"))]

use offline_profile_studio::catalog::Catalog;
use offline_profile_studio::model::diff::ResolvedProfile;
use offline_profile_studio::model::{SyncDirection, Workspace};
use offline_profile_studio::sim::{Engine, Preset, Scenario, SimResult};
use offline_profile_studio::sqlite::native::NativeDb;

fn small(hours: u32) -> Scenario {
    let mut s = Preset::Small.scenario();
    s.products = 300;
    s.customers = 400;
    s.horizon_hours = hours;
    s.outages.clear();
    s
}

fn run(s: &Scenario, profile: &ResolvedProfile) -> SimResult {
    let db = NativeDb::open_memory().unwrap();
    let mut e = Engine::new(db, s, profile, 5, Catalog::builtin()).unwrap();
    e.run().unwrap().clone()
}

fn default_profile() -> ResolvedProfile {
    let ws = Workspace::with_default_profile();
    ResolvedProfile::of(&ws, &ws.profiles[0])
}

#[test]
fn the_summary_adds_up_the_sessions() {
    let r = run(&small(6), &default_profile());
    let s = r.summary();
    assert_eq!(s.registers, r.registers());
    assert_eq!(s.sessions, r.sessions.len());
    assert_eq!(
        s.steady_sessions,
        r.sessions.iter().filter(|x| !x.initial).count()
    );
    let initial: u64 = r
        .sessions
        .iter()
        .filter(|x| x.initial)
        .map(|x| x.rows())
        .sum();
    assert_eq!(s.initial_rows, initial / u64::from(s.registers));
    assert!(s.initial_rows > 0 && s.later_rows > 0, "{s:?}");
    assert!(s.uploaded_rows > 0, "sales go up: {s:?}");
    assert_eq!(
        s.peak_database_bytes,
        r.sizes.iter().map(|x| x.bytes).max().unwrap()
    );
    let scopes = r.scope_totals();
    assert_eq!(scopes.len(), r.scopes.len());
    assert_eq!(
        scopes.iter().map(|t| t.sessions).sum::<usize>(),
        s.steady_sessions
    );
    // Per-register averages are rounded down per scope: the sum is within a row per scope.
    let initial: u64 = scopes.iter().map(|t| t.initial_rows).sum();
    assert!(initial <= s.initial_rows && s.initial_rows - initial <= scopes.len() as u64);
    assert_eq!(s.storm(), s.sessions_per_register_per_day() > 2880.0);
    // 6 simulated hours: sessions per day is four times the steady sessions.
    assert!(
        (s.sessions_per_day - s.steady_sessions as f64 * 24.0 / (r.end() / 3600.0)).abs() < 1e-6
    );
}

#[test]
fn table_totals_split_initial_from_later_and_sum_to_the_summary() {
    let r = run(&small(4), &default_profile());
    let totals = r.table_totals();
    assert!(!totals.is_empty());
    // Largest first.
    for w in totals.windows(2) {
        assert!(w[0].initial_bytes + w[0].later_bytes >= w[1].initial_bytes + w[1].later_bytes);
    }
    let s = r.summary();
    let initial: u64 = totals.iter().map(|t| t.initial_rows).sum();
    // Per-register averages are rounded down per table: the sum is within a row per table.
    assert!(initial <= s.initial_rows && s.initial_rows - initial <= totals.len() as u64);
    let products = totals
        .iter()
        .find(|t| t.table == "INVENTTABLE")
        .expect("products go offline");
    assert!(products.initial_rows > 0);
    assert!(products.scope.is_some());
    let sales = totals
        .iter()
        .find(|t| t.later_up_rows > 0)
        .expect("some table is uploaded");
    assert_eq!(sales.initial_rows, 0, "{sales:?}");
}

#[test]
fn a_trainer_step_shows_what_moved_and_where_the_register_stands() {
    let r = run(&small(3), &default_profile());
    assert!(r.step_view(r.sessions.len()).is_none());
    let first = r.step_view(0).unwrap();
    assert_eq!(first.register_sessions, 1);
    assert_eq!(first.register_rows, r.sessions[0].rows());
    assert_eq!(first.moved.len(), r.sessions[0].downloaded.len());
    assert_eq!(first.register_bytes, r.sessions[0].bytes());
    assert!(first.moved.iter().all(|m| m.1 == "\u{2193}"));
    // A later session of the same register counts everything before it.
    let (i, later) = r
        .sessions
        .iter()
        .enumerate()
        .rev()
        .find(|(_, s)| s.register == 1 && s.direction == SyncDirection::Upload && s.rows() > 0)
        .expect("register 1 uploads");
    let v = r.step_view(i).unwrap();
    let before: u64 = r.sessions[..=i]
        .iter()
        .filter(|s| s.register == 1)
        .map(|s| s.rows())
        .sum();
    assert_eq!(v.register_rows, before);
    assert!(v.moved.iter().any(|m| m.1 == "\u{2191}" && m.2 > 0));
    assert_eq!(v.moved.iter().map(|m| m.2).sum::<u64>(), later.rows());
    assert!(v.register_bytes > 0);
}

#[test]
fn each_register_has_its_final_size_and_share_of_the_guidance_and_cap() {
    use offline_profile_studio::sim::engine::SizeSample;
    use offline_profile_studio::sim::{DATABASE_CAP_BYTES, DATABASE_GUIDANCE_BYTES};
    // From a hand-made result: the final sample is the latest, not the largest.
    let sample = |register, at, bytes| SizeSample {
        register,
        at,
        bytes,
    };
    let r = SimResult {
        sizes: vec![
            sample(1, 0.0, 1_000),
            sample(2, 0.0, 4_000_000_000),
            sample(1, 3600.0, 9_000),
            sample(1, 7200.0, 8_000),
            sample(2, 7200.0, 9_000_000_000),
        ],
        ..SimResult::default()
    };
    let sizes = r.register_sizes();
    assert_eq!(sizes.len(), 2);
    assert_eq!(
        (sizes[0].register, sizes[0].final_bytes, sizes[0].peak_bytes),
        (1, 8_000, 9_000)
    );
    assert_eq!(sizes[1].final_bytes, 9_000_000_000);
    assert!((sizes[1].guidance_percent - 112.5).abs() < 1e-9);
    assert!((sizes[1].cap_percent - 90.0).abs() < 1e-9);
    assert!(sizes[1].over_guidance() && !sizes[0].over_guidance());
    assert_eq!(
        (DATABASE_GUIDANCE_BYTES, DATABASE_CAP_BYTES),
        (8_000_000_000, 10_000_000_000)
    );

    // From a real run: one line per register, each ending at its last sample.
    let run = run(&small(3), &default_profile());
    let sizes = run.register_sizes();
    assert_eq!(sizes.len() as u32, run.registers());
    assert!(sizes.len() >= 2, "the Small preset has several registers");
    for s in &sizes {
        assert!(s.final_bytes > 0 && s.final_bytes <= s.peak_bytes, "{s:?}");
    }
}

/// Every sentence of every session of a run, with the session.
fn told(r: &SimResult) -> Vec<(usize, Vec<String>)> {
    (0..r.sessions.len())
        .map(|i| (i, r.narration(i).expect("every session is told")))
        .collect()
}

#[test]
fn every_kind_of_session_is_told_in_plain_words() {
    use offline_profile_studio::model::ConflictPolicy;
    use offline_profile_studio::sim::narrate::clock;
    use offline_profile_studio::sim::Outage;
    assert_eq!(clock(9.0 * 3600.0 + 30.0 * 60.0), "09:30");
    assert_eq!(clock(86_400.0 + 60.0), "day 2, 00:01");

    // Provisioning, downloads and uploads, on a plain run.
    let r = run(&small(3), &default_profile());
    let all = told(&r);
    let kinds = |pred: &dyn Fn(&offline_profile_studio::sim::Session) -> bool| {
        all.iter()
            .filter(|(i, _)| pred(&r.sessions[*i]))
            .collect::<Vec<_>>()
    };
    let initial = kinds(&|s| s.initial && s.rows() > 0);
    assert!(!initial.is_empty());
    for (i, words) in &initial {
        let s = &r.sessions[*i];
        assert!(
            words[0].contains(&format!("register {} is being provisioned", s.register)),
            "{words:?}"
        );
        assert!(
            words[0].contains("an estimate"),
            "bytes are labelled as estimates: {words:?}"
        );
    }
    let downloads = kinds(&|s| !s.initial && s.downloaded.iter().any(|v| v.rows > 0));
    assert!(!downloads.is_empty());
    let (i, words) = downloads[0];
    let freq = r.frequencies[r.sessions[*i].scope];
    assert!(freq > 0);
    assert!(
        words[0].contains("due every ") && words[0].contains("it last ran at"),
        "{words:?}"
    );
    assert!(
        words[1].starts_with("The cashier now works offline with the latest data"),
        "{words:?}"
    );
    let uploads = kinds(&|s| !s.initial && s.uploaded.iter().any(|v| v.rows > 0));
    assert!(!uploads.is_empty(), "sales go up");
    assert!(uploads[0].1[0].contains("went up"), "{:?}", uploads[0].1);
    assert!(
        uploads[0].1[1].contains("are now safe at the store"),
        "{:?}",
        uploads[0].1
    );
    // Rows before their parents: the default profile's order lets some arrive first.
    let orphans = kinds(&|s| !s.orphans.is_empty());
    assert!(
        !orphans.is_empty(),
        "the default order has children before parents"
    );
    let (i, words) = orphans[0];
    // One sentence per scope that brings missing parents (at most three), naming the tables
    // and the later session of this register that brings them.
    let s = &r.sessions[*i];
    let lines: Vec<&String> = words
        .iter()
        .filter(|w| w.contains("arrived before any row of") && w.contains("which they point at"))
        .collect();
    let mut parent_scopes: Vec<usize> = s.orphans.iter().map(|o| o.parent_scope).collect();
    parent_scopes.sort_unstable();
    parent_scopes.dedup();
    assert_eq!(lines.len(), parent_scopes.len().min(3), "{words:?}");
    let o = s
        .orphans
        .iter()
        .find(|o| o.parent_scope == parent_scopes[0])
        .unwrap();
    assert!(
        lines[0].contains(&r.tables[o.table]) && lines[0].contains(&r.tables[o.parent]),
        "{}",
        lines[0]
    );
    let later = r.sessions[i + 1..]
        .iter()
        .position(|x| x.register == s.register && x.scope == o.parent_scope)
        .unwrap();
    assert!(
        lines[0].contains(&format!("runs in session {} at", i + 2 + later)),
        "{}",
        lines[0]
    );

    // Conflicts, and who won.
    let mut busy = small(3);
    busy.customers = 20;
    busy.new_customers_per_day = 0;
    busy.register_edits_per_day = 400;
    let mut p = default_profile();
    let c = p
        .scopes
        .iter()
        .position(|s| s.description == "1010 Customers")
        .unwrap();
    p.scopes[c].direction = SyncDirection::Bidirectional;
    p.scopes[c].conflict_policy = ConflictPolicy::StoreWins;
    let r = run(&busy, &p);
    let all = told(&r);
    let conflicted: Vec<_> = all
        .iter()
        .filter(|(i, _)| r.sessions[*i].conflicts > 0)
        .collect();
    assert!(!conflicted.is_empty(), "registers' edits conflict");
    for (_, words) in conflicted {
        let w = words.iter().find(|w| w.contains("(a conflict)")).unwrap();
        assert!(w.contains("the store's version was kept each time"), "{w}");
    }

    // An outage: the catch-up says when and how often it tried to reconnect.
    let mut out = small(4);
    out.outages = vec![Outage {
        register: 1,
        start_minute: 30,
        end_minute: 120,
    }];
    let r = run(&out, &default_profile());
    let all = told(&r);
    let catch_up: Vec<_> = all
        .iter()
        .filter(|(i, _)| r.sessions[*i].catch_up)
        .collect();
    assert!(!catch_up.is_empty());
    let w = &catch_up[0].1[0];
    assert!(
        w.contains("register 1 is back after being offline from 00:30 to 02:00"),
        "{w}"
    );
    assert!(w.contains("tried to reconnect every"), "{w}");
    assert!(r.narration(r.sessions.len()).is_none());
}

#[test]
fn register_status_follows_an_outage_and_its_catch_up() {
    use offline_profile_studio::sim::status::{Connection, ScopeState};
    use offline_profile_studio::sim::Outage;
    let mut s = small(4);
    s.outages = vec![Outage {
        register: 1,
        start_minute: 30,
        end_minute: 120,
    }];
    let r = run(&s, &default_profile());
    let at = |pred: &dyn Fn(&offline_profile_studio::sim::Session) -> bool| {
        r.sessions.iter().position(pred).expect("such a session")
    };
    // Before anything ran: every scope None.
    let first = r.register_status(0);
    assert_eq!(first.len() as u32, r.registers());
    assert!(first[0]
        .scopes
        .iter()
        .all(|x| x.state == ScopeState::None && x.last_sync.is_none()));
    assert_eq!(first[0].connection, Connection::Online);

    // During the outage (a session of register 2 at 01:00): register 1 is offline, its due
    // scopes failed and wait, and its last error says why; register 2 is online.
    let during = at(&|x| x.register == 2 && x.start >= 3600.0 && !x.initial);
    let st = r.register_status(during);
    assert_eq!(st[0].connection, Connection::Offline);
    assert!(st[0].waiting > 0);
    assert!(st[0].scopes.iter().any(|x| x.state == ScopeState::Failed));
    assert!(st[0]
        .last_error
        .as_deref()
        .unwrap()
        .starts_with("The store server cannot be reached (offline since 00:30)"));
    assert_eq!(st[1].connection, Connection::Online);
    assert!(st[1].scopes.iter().all(|x| x.state != ScopeState::Failed));
    assert!(st[0].database_bytes > 0);

    // Back: at the first catch-up session register 1 is catching up; long after, online again.
    let back = at(&|x| x.register == 1 && x.catch_up);
    assert_eq!(
        r.register_status(back)[0].connection,
        Connection::CatchingUp
    );
    let last = r.sessions.len() - 1;
    let end = r.register_status(last);
    assert_eq!(end[0].connection, Connection::Online, "{:?}", end[0]);
    assert!(end[0]
        .scopes
        .iter()
        .all(|x| x.state == ScopeState::Succeeded));
    assert!(end[0].last_sync.unwrap() > 7200.0);
    assert!(r.register_status(r.sessions.len()).is_empty());
}

#[test]
fn a_moment_survives_its_link_and_a_damaged_link_says_what_is_wrong() {
    use offline_profile_studio::sim::moment::{Moment, PREFIX};
    let m = Moment {
        profile: "Kiosk \u{e9}t\u{e9} / 2".into(),
        step: 41,
        scenario: small(5),
    };
    let link = m.fragment();
    assert!(link.starts_with(PREFIX));
    assert!(
        link.chars()
            .all(|c| c.is_ascii_alphanumeric() || "#/-_".contains(c)),
        "{link}"
    );
    assert_eq!(Moment::parse(&link[PREFIX.len()..]), Ok(m.clone()));
    let check = |payload: &str, words: &str| {
        let e = Moment::parse(payload).unwrap_err();
        assert!(e.contains(words), "{payload}: {e}");
    };
    check("", "incomplete");
    check("a/b", "incomplete");
    check("!!/1/xx", "profile name is damaged");
    let name = &link[PREFIX.len()..].split('/').next().unwrap().to_string();
    check(
        &format!("{name}/one/xx"),
        "session \u{201c}one\u{201d} is not a number",
    );
    check(&format!("{name}/1/!!"), "scenario is damaged");
    let mut bad = small(5);
    bad.registers_per_store = 0;
    let bad = Moment { scenario: bad, ..m }.fragment();
    check(
        &bad[PREFIX.len()..],
        "out of range: Registers per store must be between 1 and 100",
    );
}

#[test]
fn every_lesson_reaches_its_moment_with_its_sentence() {
    use offline_profile_studio::sim::lessons::{lesson, LESSONS};
    let built_in = default_profile();
    let expect: [(&str, &str); 8] = [
        (
            "late-register",
            "register 2 joins the store late and is provisioned now",
        ),
        (
            "profile-change",
            "is being reprovisioned, as after a change of its store's profile",
        ),
        ("child-before-parent", "arrived before any row of"),
        (
            "outage-catch-up",
            "is back after being offline from 00:30 to 02:00",
        ),
        (
            "conflict-store-wins",
            "the store's version was kept each time",
        ),
        (
            "conflict-register-wins",
            "the register's version was kept each time",
        ),
        ("conflict-newest-wins", "(a conflict)"),
        ("sync-storm", "due every 30 seconds"),
    ];
    assert_eq!(expect.len(), LESSONS.len());
    for (key, words) in expect {
        let l = lesson(key).unwrap();
        assert!(
            !l.shows.is_empty() && l.shows.ends_with('.'),
            "{key}: one sentence"
        );
        let s = l.scenario();
        assert!(s.validate().is_empty(), "{key}: {:?}", s.validate());
        let p = l.profile(&built_in);
        assert_eq!(p.name, format!("Lesson: {}", l.title));
        let r = run(&s, &p);
        let at = l
            .moment(&r)
            .unwrap_or_else(|| panic!("{key} reaches its moment"));
        let told = r.narration(at).unwrap().join(" ");
        assert!(told.contains(words), "{key}: {told}");
        // The ordinary provisioning at the start is never told as a late join or a rebuild.
        for i in (0..r.sessions.len()).take_while(|&i| r.sessions[i].initial) {
            let first = r.narration(i).unwrap().join(" ");
            assert!(
                first.contains("is being provisioned:"),
                "{key} session {i}: {first}"
            );
        }
    }
    // The storm lesson's run is a storm by the validation's rule.
    let storm = lesson("sync-storm").unwrap();
    let r = run(&storm.scenario(), &storm.profile(&built_in));
    assert!(r.summary().storm(), "{:?}", r.summary());
}
