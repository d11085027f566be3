//! The engine behind messages (`sim::serve`): requests and replies survive JSON, a result sent
//! in parts comes back whole, and a `Server` on native SQLite answers like the engine itself.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use offline_profile_studio::sim::serve::{split, Assembler, Reply, Request, Server};
use offline_profile_studio::sim::{RunPhase, SimResult};
use offline_profile_studio::sqlite::native::NativeDb;

/// Runs `request` on a fresh native server to the end; every reply in order.
fn serve(requests: Vec<Request>) -> (Server<NativeDb>, Vec<Reply>) {
    let mut server = Server::new(NativeDb::open_memory);
    let mut replies = Vec::new();
    for r in requests {
        // Every message crosses as JSON, as it does between page and worker.
        let r = Request::from_json(&r.to_json()).unwrap();
        server.handle(r, &mut |reply| replies.push(reply));
        while server.busy() {
            server.work(&mut || true, &mut |reply| replies.push(reply));
        }
    }
    let replies = replies
        .into_iter()
        .map(|r| match r {
            Reply::Database { .. } => r,
            r => Reply::from_json(&r.to_json()).unwrap(),
        })
        .collect();
    (server, replies)
}

fn run_request(hours: u32, measure: bool) -> (Request, SimResult) {
    let (profile, scenario) = common::small_store(hours);
    let (_engine, result) = common::run_native(&profile, &scenario);
    (
        Request::Run {
            scenario: Box::new(scenario),
            profile: Box::new(profile),
            reconnect_mins: 5,
            measure,
        },
        result,
    )
}

#[test]
fn a_run_through_the_server_gives_the_engines_result_in_parts_then_measures_every_register() {
    let (request, expected) = run_request(4, true);
    let (_, replies) = serve(vec![request]);
    let mut assembler = Assembler::default();
    let mut whole = None;
    let mut parts = 0;
    for r in replies.iter().cloned() {
        if matches!(r, Reply::Sessions(_) | Reply::Sizes(_)) {
            parts += 1;
        }
        if let Some(result) = assembler.add(r) {
            whole = Some(result);
        }
    }
    assert!(parts >= 2, "sessions and sizes arrive in parts");
    assert_eq!(
        whole.as_ref(),
        Some(&expected),
        "the same result as the engine run directly"
    );
    let measured: Vec<u32> = replies
        .iter()
        .filter_map(|r| match r {
            Reply::Measured { register, bytes } => {
                assert!(*bytes > 0);
                Some(*register)
            }
            _ => None,
        })
        .collect();
    assert_eq!(measured, (1..=expected.registers()).collect::<Vec<_>>());
    assert_eq!(replies.last(), Some(&Reply::MeasuredAll));
    assert!(replies.iter().any(
        |r| matches!(r, Reply::Progress { phase: RunPhase::Done, fraction } if *fraction == 1.0)
    ));
}

#[test]
fn split_then_assemble_is_the_identity_also_for_many_parts() {
    let (_, mut result) = run_request(4, false);
    // Repeated until it needs several parts of each kind.
    let (sessions, sizes) = (result.sessions.clone(), result.sizes.clone());
    while result.sessions.len() <= 2 * offline_profile_studio::sim::serve::SESSIONS_PER_PART {
        result.sessions.extend(sessions.iter().cloned());
    }
    while result.sizes.len() <= offline_profile_studio::sim::serve::SIZES_PER_PART {
        result.sizes.extend(sizes.iter().cloned());
    }
    let replies = split(result.clone());
    assert!(replies.len() >= 5);
    let mut a = Assembler::default();
    let back = replies
        .into_iter()
        .find_map(|r| a.add(Reply::from_json(&r.to_json()).unwrap()));
    assert_eq!(back, Some(result));
}

#[test]
fn the_console_counts_and_the_download_answer_from_the_servers_databases() {
    let (request, _) = run_request(2, false);
    let (_, replies) = serve(vec![
        request,
        Request::Counts { register: 1 },
        Request::Query {
            register: 1,
            sql: "SELECT count(*) FROM CUSTTABLE; SELECT 1 + 1".into(),
        },
        Request::Query {
            register: 1,
            sql: "DELETE FROM CUSTTABLE".into(),
        },
        Request::Export { register: 2 },
    ]);
    let counts = replies.iter().find_map(|r| match r {
        Reply::Counts {
            register: 1,
            counts,
        } => Some(counts.clone()),
        _ => None,
    });
    let counts = counts.expect("counts answered");
    assert!(counts
        .iter()
        .any(|(t, reg, store)| t == "CUSTTABLE" && *reg > 0 && *store >= *reg));
    let queries: Vec<_> = replies
        .iter()
        .filter_map(|r| match r {
            Reply::Query { outcome, .. } => Some(outcome.clone()),
            _ => None,
        })
        .collect();
    let first = queries[0].as_ref().expect("two reading statements run");
    assert_eq!(first.len(), 2);
    let rows = first[0]
        .result
        .as_ref()
        .unwrap()
        .scalar()
        .and_then(|v| v.as_i64());
    let custtable = counts.iter().find(|c| c.0 == "CUSTTABLE").unwrap().1 as i64;
    assert_eq!(rows, Some(custtable));
    let refused = queries[1]
        .as_ref()
        .expect_err("a write is refused before anything runs");
    assert!(refused.contains("DELETE"), "{refused}");
    let file = replies.iter().find_map(|r| match r {
        Reply::Database {
            register: 2,
            bytes,
            error,
        } => Some((bytes.clone(), error.clone())),
        _ => None,
    });
    let (bytes, error) = file.expect("the database answered");
    assert_eq!(error, None);
    assert!(bytes.starts_with(b"SQLite format 3\0"));
    let copy = NativeDb::open_bytes(&bytes).unwrap();
    use offline_profile_studio::sqlite::Database;
    let n = copy.query("SELECT count(*) FROM CUSTTABLE", &[]).unwrap();
    assert_eq!(n.scalar().and_then(|v| v.as_i64()), Some(custtable));
}

#[test]
fn before_any_run_and_on_a_bad_scenario_the_server_says_why() {
    let (_, replies) = serve(vec![
        Request::Query {
            register: 1,
            sql: "SELECT 1".into(),
        },
        Request::Export { register: 1 },
    ]);
    assert_eq!(
        replies[0],
        Reply::Query {
            register: 1,
            outcome: Err("no simulation has run yet".into())
        }
    );
    assert!(
        matches!(&replies[1], Reply::Database { error: Some(e), bytes, .. } if e == "no simulation has run yet" && bytes.is_empty())
    );
    assert!(Reply::from_json("{\"Nope\":1}")
        .unwrap_err()
        .contains("unreadable message"));
    assert!(Request::from_json("[]")
        .unwrap_err()
        .contains("unreadable request"));
}

#[test]
fn one_register_is_measured_on_request_after_a_run_without_measuring() {
    let (request, expected) = run_request(2, false);
    let (_, replies) = serve(vec![request, Request::Measure { register: 2 }]);
    assert!(!replies
        .iter()
        .take_while(|r| !matches!(r, Reply::Done(_)))
        .any(|r| matches!(r, Reply::Measured { .. })));
    let after: Vec<_> = replies
        .iter()
        .skip_while(|r| !matches!(r, Reply::Done(_)))
        .skip(1)
        .cloned()
        .collect();
    assert!(expected.registers() >= 2);
    assert!(
        matches!(after.as_slice(), [Reply::Measured { register: 2, bytes }, Reply::MeasuredAll] if *bytes > 0),
        "{after:?}"
    );
}
