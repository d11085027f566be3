//! The chain planner (issue #14): the aggregation against small hand-computed cases, the
//! vendor's 100-terminal example, the plan's checks, the plan file and its schema, and a real
//! plan run natively.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use offline_profile_studio::chain::digest::{CatchUp, DownloadScope, Hour, Register};
use offline_profile_studio::chain::figures::Unsent;
use offline_profile_studio::chain::merge::inherited_sessions;
use offline_profile_studio::chain::*;
use offline_profile_studio::model::diff::ResolvedProfile;
use offline_profile_studio::model::{TargetSystem, Workspace};
use offline_profile_studio::sim::Preset;
use offline_profile_studio::sqlite::native::NativeDb;

/// The default profile on `target`, looked up by name as plans do.
fn lookup(target: TargetSystem) -> impl Fn(&str) -> Option<ResolvedProfile> {
    let ws = Workspace::with_default_profile();
    let mut p = ResolvedProfile::of(&ws, &ws.profiles[0]);
    p.target = target;
    move |name: &str| {
        (name == p.name || name == "New version").then(|| {
            let mut q = p.clone();
            q.name = name.to_string();
            q
        })
    }
}

/// Every run of a layout on native SQLite, in order.
fn run_natively(l: &Layout, look: &dyn Fn(&str) -> Option<ResolvedProfile>) -> Vec<RunDigest> {
    l.runs
        .iter()
        .map(|s| {
            run_on(
                NativeDb::open_memory().unwrap(),
                s,
                &look(&s.profile).unwrap(),
            )
            .unwrap()
        })
        .collect()
}

fn profile_name() -> String {
    Workspace::with_default_profile().profiles[0].name.clone()
}

/// One group of `stores` stores, `registers` each, going live one wave per entry of `waves`
/// (day, stores) at midnight.
fn plan(stores: u32, registers: u32, waves: &[(u32, u32)], days: u32) -> ChainPlan {
    let mut p = ChainPlan::starter("Test", &profile_name());
    p.days = days;
    p.groups.truncate(1);
    let g = &mut p.groups[0];
    g.stores = stores;
    g.registers_per_store = registers;
    g.overrides.opening = None;
    g.overrides.transactions_per_register_per_day = Some(96);
    p.waves = waves
        .iter()
        .map(|&(day, stores)| Wave {
            group: 1,
            day,
            kind: WaveKind::GoLive {
                stores,
                minute: 0,
                paused_until_ready: true,
                full_sync_first: true,
            },
        })
        .collect();
    p.cutoff = Cutoff {
        day: days,
        minute: 23 * 60 + 59,
    };
    p
}

/// A digest of `spec` whose every hour is `hour` and whose registers upload every 15 minutes.
fn flat(spec: &RunSpec, hour: Hour) -> RunDigest {
    let hours = spec.simulated_days as usize * 24;
    RunDigest {
        spec: spec.clone(),
        hours: vec![hour; hours],
        registers: (1..=spec.scenario.registers_per_store)
            .map(|register| Register {
                register,
                provisioned_at: 0,
                initial_rows: 1_000,
                initial_bytes: 2_000_000,
                full_sync_secs: 60.0,
                scheduled_ready_secs: 3_600.0,
                uploads: (0..hours as u64 * 4).map(|k| k * 900).collect(),
            })
            .collect(),
        download_scopes: Vec::new(),
        catch_ups: Vec::new(),
        bytes_per_transaction: 500,
    }
}

fn merged(
    p: &ChainPlan,
    target: TargetSystem,
    hour: Hour,
    edit: impl Fn(&mut RunDigest),
) -> ChainResult {
    let look = lookup(target);
    assert_eq!(check(p, &look), Vec::new());
    let l = layout(p, &look);
    let runs: Vec<RunDigest> = l
        .runs
        .iter()
        .map(|s| {
            let mut d = flat(s, hour);
            edit(&mut d);
            d
        })
        .collect();
    merge(p, &l, &runs).unwrap()
}

const HOUR: Hour = Hour {
    sessions: 4,
    store_sessions: 2,
    bytes: 1_000,
    store_bytes: 600,
};

#[test]
fn three_stores_staggered_by_a_day_add_up_hour_by_hour() {
    let p = plan(3, 2, &[(1, 1), (2, 1), (3, 1)], 4);
    let day = |n: u64| vec![n; 24];
    // AX 2012 R3: head office sees each store database's own sessions (2 an hour).
    let ax = merged(&p, TargetSystem::Essentials, HOUR, |_| {});
    assert_eq!(
        ax.head_office.values,
        [day(2), day(4), day(6), day(6)].concat()
    );
    assert_eq!((ax.head_office.peak, ax.head_office.peak_hour), (6, 48));
    let days: Vec<(usize, u64, usize, u64)> = ax
        .head_office
        .days()
        .iter()
        .map(|d| (d.day, d.peak, d.hour, d.total))
        .collect();
    assert_eq!(
        days,
        [(1, 2, 0, 48), (2, 4, 0, 96), (3, 6, 0, 144), (4, 6, 0, 144)]
    );
    let g = &ax.groups[0];
    assert_eq!(
        g.store_sessions.values,
        vec![4; 96],
        "each store runs 4 sessions an hour"
    );
    assert_eq!(
        g.wan.offered,
        vec![600; 96],
        "the WAN carries the store database's bytes"
    );
    assert_eq!(
        g.lan.offered,
        vec![1_000; 96],
        "the LAN carries every register's bytes"
    );
    // Dynamics 365 Commerce: every register's sessions reach head office over the WAN.
    let d365 = merged(&p, TargetSystem::Commerce, HOUR, |_| {});
    assert_eq!(
        d365.head_office.values,
        [day(4), day(8), day(12), day(12)].concat()
    );
    assert_eq!(d365.groups[0].wan.offered, vec![1_000; 96]);
    assert!(!d365.groups[0].lan.carries_sync);
    assert_eq!(d365.stores, 3);
    assert_eq!(d365.registers, 6);
}

#[test]
fn a_link_that_saturates_queues_and_never_catches_up() {
    let mut p = plan(1, 2, &[(1, 1)], 2);
    p.groups[0].wan_kbps = 1; // 450,000 bytes an hour
    let hour = Hour {
        store_bytes: 600_000,
        ..HOUR
    };
    let r = merged(&p, TargetSystem::Essentials, hour, |d| {
        d.catch_ups.push(CatchUp {
            end: 5 * 3600,
            bytes: 900,
            store_bytes: 900,
        });
    });
    let wan = &r.groups[0].wan;
    assert_eq!(wan.carried, vec![450_000; 48]);
    assert_eq!((wan.peak_percent, wan.hours_busy), (100, 48));
    assert_eq!(wan.backlog_at_end, 48 * 150_000);
    assert_eq!(wan.catch_ups.len(), 1);
    assert_eq!((wan.catch_ups[0].ended, wan.catch_ups[0].secs), (300, None));
    // A link with room: 900 bytes at 125 − 600/3600 bytes a second spare.
    p.groups[0].wan_kbps = 10_000;
    let r = merged(&p, TargetSystem::Essentials, HOUR, |d| {
        d.catch_ups.push(CatchUp {
            end: 5 * 3600,
            bytes: 900,
            store_bytes: 900,
        });
    });
    let secs = r.groups[0].wan.catch_ups[0].secs.unwrap();
    assert!(
        (secs - 900.0 / (1_250_000.0 - 600.0 / 3600.0)).abs() < 1e-9,
        "{secs}"
    );
    assert_eq!(r.groups[0].wan.hours_busy, 0);
}

#[test]
fn at_the_cut_off_a_register_offline_since_ten_holds_its_sales() {
    let mut p = plan(3, 2, &[(1, 3)], 1);
    p.cutoff = Cutoff {
        day: 1,
        minute: 14 * 60,
    };
    // Register 2 uploads until 10:00, then is offline over the cut-off.
    let r = merged(&p, TargetSystem::Essentials, HOUR, |d| {
        d.registers[1].uploads.retain(|u| *u <= 36_000);
    });
    // 96 sales a day = 4 an hour: 40 sent by 10:00, 56 made by 14:00; the 41st at 10:15.
    assert_eq!(
        r.close.rows,
        vec![Unsent {
            group: "Small stores".into(),
            wave: 1,
            register: 2,
            stores: 3,
            transactions: 16,
            since: 615
        }]
    );
    assert_eq!(
        (r.close.transactions_unsent, r.close.registers_with_unsent),
        (48, 3)
    );
    assert_eq!((r.close.stores_live, r.close.registers_live), (3, 6));
}

#[test]
fn the_vendors_hundred_terminals_inherit_about_two_million_sessions() {
    // The vendor's example: 100 new terminals, no full sync for two months, 5 jobs changing
    // every 20 minutes: 5 × 3 an hour × 24 × 60 days = 21,600 each, 2,160,000 in all.
    assert_eq!(inherited_sessions(&[1_200; 5], 60) * 100, 2_160_000);
    let mut p = plan(100, 1, &[(1, 100)], 2);
    p.days_since_full_sync = 60;
    if let WaveKind::GoLive {
        paused_until_ready, ..
    } = &mut p.waves[0].kind
    {
        *paused_until_ready = false;
    }
    let scopes = |d: &mut RunDigest| {
        d.download_scopes = vec![
            DownloadScope {
                frequency_secs: 1_200,
                bytes_per_session: 2_000
            };
            5
        ];
    };
    let r = merged(&p, TargetSystem::Commerce, HOUR, scopes);
    assert_eq!(r.onboarding[0].inherited_sessions, 21_600);
    assert_eq!(r.onboarding[0].inherited_bytes, 21_600 * 2_000);
    assert_eq!(r.head_office.peak, 2_160_000 + 100 * 4);
    assert_eq!((r.head_office.peak_hour, r.head_office.hours_above), (0, 1));
    // Pausing offline sync until the store is ready avoids the storm.
    if let WaveKind::GoLive {
        paused_until_ready, ..
    } = &mut p.waves[0].kind
    {
        *paused_until_ready = true;
    }
    let r = merged(&p, TargetSystem::Commerce, HOUR, scopes);
    assert_eq!(
        (r.head_office.peak, r.onboarding[0].inherited_sessions),
        (400, 0)
    );
    // AX 2012 R3 provisions from the store database: nothing is inherited.
    let r = merged(&p, TargetSystem::Essentials, HOUR, scopes);
    assert_eq!(r.onboarding[0].inherited_sessions, 0);
}

#[test]
fn bad_plans_are_refused_at_the_field_with_the_cause() {
    let look = lookup(TargetSystem::Essentials);
    let check_one = |edit: &dyn Fn(&mut ChainPlan), field: PlanField, words: &str| {
        let mut p = ChainPlan::starter("Plan", &profile_name());
        edit(&mut p);
        let issues = check(&p, &look);
        assert!(
            issues
                .iter()
                .any(|i| i.field == field && i.message.contains(words)),
            "{field:?} / {words}: {issues:?}"
        );
    };
    use check::{GroupField as G, OutageField as O, WaveField as W};
    check_one(
        &|p| p.groups[0].stores = 0,
        PlanField::Group(1, G::Stores),
        "1 to 10000 stores",
    );
    check_one(
        &|p| p.groups[0].registers_per_store = 0,
        PlanField::Group(1, G::Registers),
        "1 to 50 registers",
    );
    check_one(
        &|p| p.groups[0].stores = 30,
        PlanField::Group(1, G::Stores),
        "bring 40 stores live, but the group has 30",
    );
    check_one(
        &|p| p.waves[0].day = 15,
        PlanField::Wave(0, W::Day),
        "day 15 is outside the plan (days 1 to 14)",
    );
    check_one(
        &|p| p.groups[1].profile = "Gone".into(),
        PlanField::Group(2, G::Profile),
        "\u{201c}Gone\u{201d} is not in this workspace",
    );
    check_one(&|p| p.name = " ".into(), PlanField::Name, "needs a name");
    check_one(&|p| p.cutoff.day = 20, PlanField::CutoffDay, "1 to 14");
    check_one(
        &|p| {
            p.waves.push(Wave {
                group: 2,
                day: 1,
                kind: WaveKind::ProfileChange {
                    profile: "New version".into(),
                    minute: 0,
                },
            })
        },
        PlanField::Wave(3, W::Day),
        "no store of the group is live before day 1",
    );
    check_one(
        &|p| {
            p.outages.push(LinkOutage {
                group: 1,
                day: 2,
                minute: 0,
                minutes: 0,
                register: Some(3),
            })
        },
        PlanField::Outage(0, O::Minutes),
        "at least a minute",
    );
    check_one(
        &|p| {
            p.outages.push(LinkOutage {
                group: 1,
                day: 2,
                minute: 0,
                minutes: 5,
                register: Some(3),
            })
        },
        PlanField::Outage(0, O::Register),
        "registers 1 to 2",
    );
    // Runs that would not fit in memory: the group is named, and what to change.
    check_one(
        &|p| {
            p.groups[1].preset = Preset::Flagship;
            p.groups[1].registers_per_store = 50;
            p.groups[1].overrides.products = Some(2_000_000);
        },
        PlanField::Runs,
        "The run for Mid-size stores cannot start",
    );
    assert_eq!(
        check(&ChainPlan::starter("Plan", &profile_name()), &look),
        Vec::new()
    );
    assert_eq!(PlanField::Group(3, G::WanKbps).dom_id(), "group-3-wankbps");
}

#[test]
fn the_plan_file_round_trips_and_bad_files_say_why() {
    let look = lookup(TargetSystem::Essentials);
    let mut p = ChainPlan::starter("Round trip", &profile_name());
    p.waves.push(Wave {
        group: 2,
        day: 5,
        kind: WaveKind::ProfileChange {
            profile: "New version".into(),
            minute: 300,
        },
    });
    p.outages.push(LinkOutage {
        group: 1,
        day: 3,
        minute: 600,
        minutes: 90,
        register: None,
    });
    let file = PlanFile::of(&p, &look);
    assert_eq!(
        file.profiles
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        [profile_name().as_str(), "New version"]
    );
    let back = PlanFile::read(&file.to_json()).unwrap();
    assert_eq!(back, file);
    let cases: [(&str, &str); 4] = [
        ("{", "This is not a JSON file (line 1"),
        (r#"{"format":"something-else"}"#, "This is not a chain plan"),
        (
            r#"{"format":"offline-profile-studio/chain-plan","version":9}"#,
            "version 9",
        ),
        (
            &file
                .to_json()
                .replacen("\"stores\": 40", "\"stores\": -40", 1),
            "does not fit the chain-plan schema at line",
        ),
    ];
    for (text, words) in cases {
        let e = PlanFile::read(text).unwrap_err();
        assert!(e.contains(words), "{words}: {e}");
    }
}

#[test]
fn a_real_plan_runs_once_per_distinct_group_and_reuses_steady_days() {
    let look = lookup(TargetSystem::Essentials);
    let mut p = ChainPlan::starter("Real", &profile_name());
    p.groups.truncate(1);
    p.groups[0].overrides.products = Some(500);
    p.groups[0].overrides.customers = Some(500);
    p.days = 6;
    p.cutoff = Cutoff {
        day: 3,
        minute: 12 * 60,
    };
    p.waves = vec![
        Wave {
            group: 1,
            day: 1,
            kind: WaveKind::GoLive {
                stores: 20,
                minute: 360,
                paused_until_ready: true,
                full_sync_first: true,
            },
        },
        Wave {
            group: 1,
            day: 2,
            kind: WaveKind::GoLive {
                stores: 20,
                minute: 360,
                paused_until_ready: true,
                full_sync_first: false,
            },
        },
        Wave {
            group: 1,
            day: 4,
            kind: WaveKind::ProfileChange {
                profile: "New version".into(),
                minute: 120,
            },
        },
    ];
    p.outages.push(LinkOutage {
        group: 1,
        day: 3,
        minute: 9 * 60,
        minutes: 240,
        register: Some(1),
    });
    assert_eq!(check(&p, &look), Vec::new());
    let l = layout(&p, &look);
    // Two cohorts × (go-live, profile change): the outage on day 3 falls on a different day of
    // each cohort's go-live run, so those are two runs; both change on day 4 alike: one run.
    assert_eq!(l.cohorts.len(), 2);
    assert_eq!(l.runs.len(), 3);
    let digests = run_natively(&l, &look);
    let r = merge(&p, &l, &digests).unwrap();
    assert_eq!(r.runs, 3);
    assert!(r.head_office.peak > 0 && r.head_office.values.len() == 6 * 24);
    assert!(r.reuse.iter().any(|u| u.reused.is_some()), "{:?}", r.reuse);
    // Register 1 is offline from 09:00 to 13:00 on day 3: at noon it holds the morning's sales.
    let offline: Vec<&Unsent> = r.close.rows.iter().filter(|u| u.register == 1).collect();
    assert_eq!(offline.len(), 2, "{:?}", r.close.rows);
    assert!(offline
        .iter()
        .all(|u| u.transactions > 0 && u.since >= 2 * 1440 + 9 * 60 - 15));
    let re = &r.reprovisioning[0];
    assert_eq!(
        (re.stores, re.registers, re.to_profile.as_str()),
        (40, 80, "New version")
    );
    assert!(re.bytes_each > 0 && re.secs_each > 0.0 && re.drain_secs.is_some());
    assert_eq!(r.onboarding.len(), 2);
    assert!(
        r.onboarding[1].ready_secs > r.onboarding[0].ready_secs,
        "a full sync first is faster than waiting for each scope"
    );
    // The same plan merges to the same JSON; a digest of another plan is refused.
    assert_eq!(
        result_json(&merge(&p, &l, &digests).unwrap()),
        result_json(&r)
    );
    let mut other = digests.clone();
    other[0].spec.scenario.products += 1;
    assert!(merge(&p, &l, &other)
        .unwrap_err()
        .contains("Run 1 was made for another plan"));
}

#[test]
fn cost_follows_groups_not_stores() {
    let look = lookup(TargetSystem::Essentials);
    let runs = |stores: u32| {
        let mut p = ChainPlan::starter("Scale", &profile_name());
        p.groups[0].stores = stores * 2;
        p.waves = vec![
            Wave {
                group: 1,
                day: 1,
                kind: WaveKind::GoLive {
                    stores,
                    minute: 0,
                    paused_until_ready: true,
                    full_sync_first: true,
                },
            },
            Wave {
                group: 1,
                day: 1,
                kind: WaveKind::GoLive {
                    stores,
                    minute: 0,
                    paused_until_ready: true,
                    full_sync_first: true,
                },
            },
            Wave {
                group: 2,
                day: 1,
                kind: WaveKind::GoLive {
                    stores: 10,
                    minute: 0,
                    paused_until_ready: true,
                    full_sync_first: true,
                },
            },
        ];
        layout(&p, &look).runs
    };
    assert_eq!(runs(5), runs(1_000));
    assert_eq!(runs(5).len(), 2);
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("chain-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small real plan file: two groups, a profile change, an outage.
fn small_plan_file() -> PlanFile {
    let look = lookup(TargetSystem::Essentials);
    let mut p = ChainPlan::starter("CLI", &profile_name());
    for g in &mut p.groups {
        g.overrides.products = Some(400);
        g.overrides.customers = Some(300);
    }
    p.days = 4;
    p.cutoff = Cutoff {
        day: 4,
        minute: 23 * 60 + 59,
    };
    p.waves.retain(|w| w.day <= 2);
    p.waves.push(Wave {
        group: 2,
        day: 3,
        kind: WaveKind::ProfileChange {
            profile: "New version".into(),
            minute: 300,
        },
    });
    p.outages.push(LinkOutage {
        group: 1,
        day: 2,
        minute: 600,
        minutes: 120,
        register: None,
    });
    PlanFile::of(&p, &look)
}

#[test]
fn the_plan_file_passes_an_independent_schema_validator() {
    let dir = temp("ajv");
    let ok = dir.join("plan.chain.json");
    std::fs::write(&ok, small_plan_file().to_json()).unwrap();
    let bad = dir.join("bad.chain.json");
    std::fs::write(
        &bad,
        small_plan_file()
            .to_json()
            .replacen("\"days\": 4", "\"days\": \"four\"", 1),
    )
    .unwrap();
    let run = |file: &std::path::Path| {
        std::process::Command::new("node")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["tools/validate-json.mjs", "schemas/chain-plan.schema.json"])
            .arg(file)
            .output()
            .expect("node runs")
    };
    let out = run(&ok);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!run(&bad).status.success());
}

#[test]
fn the_command_line_runs_each_run_in_its_own_process_and_merges_to_the_same_json() {
    let dir = temp("cli");
    let file = small_plan_file();
    let plan = dir.join("plan.chain.json");
    std::fs::write(&plan, file.to_json()).unwrap();
    let plan_s = plan.to_str().unwrap();
    let (code, out, err) = common::cli(&["chain", "runs", plan_s, "--json"]);
    assert_eq!(code, 0, "{err}");
    let listed: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let look = |n: &str| file.profile(n);
    let l = layout(&file.plan, &look);
    assert_eq!(listed.len(), l.runs.len());
    let mut paths = Vec::new();
    // Run them in reverse: the merge puts them in the plan's order.
    for n in (1..=l.runs.len()).rev() {
        let path = dir.join(format!("run-{n}.json"));
        let (code, _, err) = common::cli(&[
            "chain",
            "run",
            plan_s,
            &n.to_string(),
            "-o",
            path.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        paths.push(path.to_str().unwrap().to_string());
    }
    let mut args = vec!["chain", "merge", plan_s];
    args.extend(paths.iter().map(String::as_str));
    let (code, merged, err) = common::cli(&args);
    assert_eq!(code, 0, "{err}");
    let digests = run_natively(&l, &look);
    assert_eq!(
        merged,
        result_json(&merge(&file.plan, &l, &digests).unwrap())
    );
    // A missing run, a run that is not one, a plan with a problem.
    let (code, _, err) = common::cli(&["chain", "merge", plan_s, &paths[0]]);
    assert_eq!(code, 1);
    assert!(err.contains("is missing"), "{err}");
    let (code, _, err) = common::cli(&["chain", "run", plan_s, "99"]);
    assert_eq!(code, 2);
    assert!(err.contains("is not one of them"), "{err}");
    let mut broken = file.clone();
    broken.plan.groups[0].stores = 0;
    std::fs::write(&plan, broken.to_json()).unwrap();
    let (code, _, err) = common::cli(&["chain", "runs", plan_s]);
    assert_eq!(code, 1);
    assert!(
        err.contains("A group has 1 to 10000 stores. (group-1-stores)"),
        "{err}"
    );
}

#[test]
fn plans_are_workspace_data_changed_by_edits() {
    use offline_profile_studio::chain::edit::{GroupValue, PlanEdit, PlansEdit};
    use offline_profile_studio::model::edit::{Edit, ProfileValue};
    let mut ws = Workspace::with_default_profile();
    let name = profile_name();
    let set = |change| Edit::Plans(PlansEdit::Set { plan: 0, change });
    let cases: Vec<(Edit, &str)> = vec![
        (
            Edit::Plans(PlansEdit::New {
                profile: name.clone(),
            }),
            "new rollout plan",
        ),
        (
            set(PlanEdit::Group(1, GroupValue::Stores(44))),
            "stores of group \u{201c}Small stores\u{201d} \u{2192} 44",
        ),
        (
            set(PlanEdit::AddWave {
                group: 2,
                change: Some(name.clone()),
            }),
            "add a profile change",
        ),
        (
            set(PlanEdit::RemoveGroup(1)),
            "remove group \u{201c}Small stores\u{201d}",
        ),
    ];
    for (edit, words) in cases {
        assert_eq!(edit.describe(&ws), words);
        assert!(edit.apply(&mut ws).changed, "{words}");
    }
    let p = &ws.plans[0];
    assert_eq!(p.groups.len(), 1);
    assert!(
        p.waves.iter().all(|w| w.group == 2),
        "the group's waves went with it"
    );
    // Typing in a field is one undo step; two fields are two.
    let k = |v| set(PlanEdit::Group(2, v)).coalesce_key();
    assert_eq!(k(GroupValue::Stores(1)), k(GroupValue::Stores(12)));
    assert_ne!(k(GroupValue::Stores(1)), k(GroupValue::WanKbps(12)));
    // A renamed profile stays the plan's.
    let id = ws.profiles[0].id;
    Edit::SetProfile {
        profile: id,
        value: ProfileValue::Name("Renamed".into()),
    }
    .apply(&mut ws);
    assert_eq!(ws.plans[0].groups[0].profile, "Renamed");
    assert!(ws.plans[0].waves.iter().any(
        |w| matches!(&w.kind, WaveKind::ProfileChange { profile, .. } if profile == "Renamed")
    ));
    // Plans persist with the workspace.
    let text = serde_json::to_string(&ws).unwrap();
    assert_eq!(serde_json::from_str::<Workspace>(&text).unwrap(), ws);
}

#[test]
fn the_documented_fan_out_works_on_the_example_plan() {
    // docs/chain-cli.md: `chain runs | cut -f1 | xargs -P 4 … chain run`, then `chain merge`.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let plan = root.join("docs/chain-example.chain.json");
    let file = PlanFile::read(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    let look = |n: &str| file.profile(n);
    assert_eq!(
        check(&file.plan, &look),
        Vec::new(),
        "the example plan is clean"
    );
    let dir = temp("docs");
    let bin = env!("CARGO_BIN_EXE_profile-package");
    let script = format!(
        "set -e; plan={plan}; pp={bin}; \
         $pp chain runs \"$plan\" | cut -f1 | xargs -P 4 -I{{}} $pp chain run \"$plan\" {{}} -o run-{{}}.json; \
         $pp chain merge \"$plan\" run-*.json -o result.json",
        plan = plan.display()
    );
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let l = layout(&file.plan, &look);
    let digests = run_natively(&l, &look);
    let merged = std::fs::read_to_string(dir.join("result.json")).unwrap();
    assert_eq!(
        merged,
        result_json(&merge(&file.plan, &l, &digests).unwrap())
    );
    let r: ChainResult = serde_json::from_str(&merged).unwrap();
    assert!(
        r.close.transactions_unsent > 0,
        "register 1 is offline over the cut-off"
    );
}

#[test]
fn a_package_can_carry_the_plan_checksummed() {
    use offline_profile_studio::catalog::Catalog;
    use offline_profile_studio::package::{export_package_with, read_file, ErrorKind};
    let mut ws = Workspace::with_default_profile();
    ws.plans
        .push(ChainPlan::starter("Carried", &profile_name()));
    let id = ws.profiles[0].id;
    let pkg = export_package_with(&ws, id, Catalog::builtin(), None, Some(0)).unwrap();
    let names: Vec<&str> = pkg.manifest.files.iter().map(|f| f.name.as_str()).collect();
    assert!(
        names.contains(&"chain-plan.json") && names.contains(&"chain-plan.schema.json"),
        "{names:?}"
    );
    let imported = read_file(&pkg.bytes, "p.zip", Catalog::builtin()).unwrap();
    assert_eq!(
        imported.chain_plan,
        Some(PlanFile::of(&ws.plans[0], &profiles_of(&ws)))
    );
    // Altered after export: the checksum catches it.
    let mut files = common::unzip(&pkg.bytes);
    let k = files
        .iter()
        .position(|(n, _)| n == "chain-plan.json")
        .unwrap();
    files[k].1 = String::from_utf8(files[k].1.clone())
        .unwrap()
        .replace("\"days\": 14", "\"days\": 15")
        .into_bytes();
    let e = read_file(&common::rezip(&files), "p.zip", Catalog::builtin()).unwrap_err();
    assert_eq!(
        (e.kind, e.file.as_str()),
        (ErrorKind::Invalid, "chain-plan.json")
    );
    assert!(e.message.contains("checksum mismatch"), "{}", e.message);
    // Without a plan, no plan file.
    let plain =
        offline_profile_studio::package::export_package(&ws, id, Catalog::builtin(), None).unwrap();
    assert!(plain
        .manifest
        .files
        .iter()
        .all(|f| !f.name.starts_with("chain-plan")));
}

#[test]
fn charts_name_their_scale_and_escape_names() {
    use offline_profile_studio::chain::chart::{bars_svg, hourly_svg};
    let shown = |v: f64| format!("{v:.0}");
    let check_chart =
        |values: Vec<f64>, threshold: Option<f64>, expect: &[&str], never: &[&str]| {
            let svg = hourly_svg(
                "T",
                &[("<Group & co>".into(), values)],
                threshold.map(|t| (t, "limit".into())),
                &shown,
            );
            for e in expect {
                assert!(svg.contains(e), "{e} in {svg}");
            }
            for n in never {
                assert!(!svg.contains(n), "{n} not in {svg}");
            }
        };
    let steady = vec![100.0; 48];
    let mut storm = steady.clone();
    storm[6] = 1_000_000.0;
    check_chart(
        steady.clone(),
        Some(120.0),
        &["limit</text>", "&lt;Group &amp; co&gt;"],
        &["logarithmic", "<Group"],
    );
    check_chart(
        steady,
        Some(10_000.0),
        &["limit: above this scale"],
        &["logarithmic"],
    );
    check_chart(
        storm,
        Some(10_000.0),
        &["T (logarithmic scale)", ">1000000<"],
        &["above this scale"],
    );
    let bars = bars_svg(
        "B",
        &[
            ("a <b>".into(), 2.0, "two".into()),
            ("c".into(), 0.0, "none".into()),
        ],
    );
    assert!(bars.contains("a &lt;b&gt;") && bars.contains(">two<") && bars.contains(">none<"));
}

#[test]
fn a_run_the_simulator_would_refuse_is_refused_before_anything_runs() {
    let look = lookup(TargetSystem::Essentials);
    let mut p = ChainPlan::starter("Long", &profile_name());
    p.days = 90;
    p.cutoff.day = 90;
    p.outages.push(LinkOutage {
        group: 1,
        day: 60,
        minute: 600,
        minutes: 60,
        register: None,
    });
    let issues = check(&p, &look);
    assert!(
        issues.iter().any(|i| i.field == PlanField::Runs
            && i.message.contains(
                "The run for Small stores cannot start: its store would need 61 simulated days"
            )),
        "{issues:?}"
    );
    p.outages[0].day = 20;
    assert_eq!(check(&p, &look), Vec::new());
    p.groups[1].overrides.products = Some(0);
    assert!(check(&p, &look)
        .iter()
        .any(|i| i.message.contains("number of products must be at least 1")));
}
