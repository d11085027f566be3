//! `profile-package chain …`: a chain plan's runs on native SQLite, one per process, and the
//! merge of their digests into the chain's figures — the same JSON the browser downloads.
//!
//! ```text
//! profile-package chain runs PLAN.json [--json]        the distinct runs, one per line (1-based)
//! profile-package chain run PLAN.json N [-o RUN.json]  run N → its digest (JSON)
//! profile-package chain merge PLAN.json RUN.json… [-o RESULT.json]   the chain's figures
//! ```

use offline_profile_studio::chain::{self, PlanFile};
use offline_profile_studio::sqlite::native::NativeDb;
use std::process::ExitCode;

/// Reads a plan file and checks it against its own profiles: the file, its layout and the
/// lookup, or the exit code after the messages.
fn load(path: &str) -> Result<(PlanFile, chain::Layout), ExitCode> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        eprintln!("unreadable: {path}: cannot be read ({e})");
        ExitCode::from(2)
    })?;
    let file = PlanFile::read(&text).map_err(|e| {
        eprintln!("unreadable: {path}: {e}");
        ExitCode::from(2)
    })?;
    let look = |n: &str| file.profile(n);
    let issues = chain::check(&file.plan, &look);
    if !issues.is_empty() {
        for i in &issues {
            eprintln!("invalid: {path}: {} ({})", i.message, i.field.dom_id());
        }
        return Err(ExitCode::from(1));
    }
    let layout = chain::layout(&file.plan, &look);
    Ok((file, layout))
}

fn write(out: Option<&str>, text: &str) -> ExitCode {
    match out {
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("cannot write {path}: {e}");
                ExitCode::from(2)
            }
        },
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
    }
}

/// `chain …` with the words after `chain`; `-o FILE` and `--json` anywhere.
pub fn main(args: &[String], usage: &str) -> ExitCode {
    let mut out = None;
    let mut as_json = false;
    let mut words: Vec<&str> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-o" => out = it.next().map(String::as_str),
            "--json" => as_json = true,
            w => words.push(w),
        }
    }
    match words.as_slice() {
        ["runs", plan] => match load(plan) {
            Err(code) => code,
            Ok((file, layout)) => {
                let rows: Vec<serde_json::Value> = layout
                    .runs
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let group = file.plan.group(r.group).map(|g| g.name.clone()).unwrap_or_default();
                        serde_json::json!({"run": i + 1, "group": group, "profile": r.profile, "simulated_days": r.simulated_days})
                    })
                    .collect();
                let text = if as_json {
                    format!("{}\n", serde_json::Value::Array(rows))
                } else {
                    rows.iter()
                        .map(|r| {
                            format!(
                                "{}\t{}\t{}\t{} days\n",
                                r["run"],
                                r["group"].as_str().unwrap_or(""),
                                r["profile"].as_str().unwrap_or(""),
                                r["simulated_days"]
                            )
                        })
                        .collect()
                };
                write(out, &text)
            }
        },
        ["run", plan, n] => match load(plan) {
            Err(code) => code,
            Ok((file, layout)) => {
                let Some(spec) = n
                    .parse::<usize>()
                    .ok()
                    .and_then(|k| k.checked_sub(1))
                    .and_then(|k| layout.runs.get(k))
                else {
                    eprintln!(
                        "The plan has runs 1 to {}; \u{201c}{n}\u{201d} is not one of them.",
                        layout.runs.len()
                    );
                    return ExitCode::from(2);
                };
                let Some(profile) = file.profile(&spec.profile) else {
                    eprintln!(
                        "The plan file does not hold the profile \u{201c}{}\u{201d}.",
                        spec.profile
                    );
                    return ExitCode::from(1);
                };
                let db = match NativeDb::open_memory() {
                    Ok(db) => db,
                    Err(e) => {
                        eprintln!("SQLite: {e}");
                        return ExitCode::from(2);
                    }
                };
                match chain::run_on(db, spec, &profile) {
                    Ok(d) => write(
                        out,
                        &format!("{}\n", serde_json::to_string(&d).unwrap_or_default()),
                    ),
                    Err(e) => {
                        eprintln!("The run failed: {e}");
                        ExitCode::from(1)
                    }
                }
            }
        },
        ["merge", plan, runs @ ..] if !runs.is_empty() => match load(plan) {
            Err(code) => code,
            Ok((file, layout)) => {
                let mut digests = Vec::new();
                for path in runs {
                    let parsed = std::fs::read_to_string(path)
                        .map_err(|e| e.to_string())
                        .and_then(|t| {
                            serde_json::from_str::<chain::RunDigest>(&t).map_err(|e| e.to_string())
                        });
                    match parsed {
                        Ok(d) => digests.push(d),
                        Err(e) => {
                            eprintln!("unreadable: {path}: not a run digest ({e})");
                            return ExitCode::from(2);
                        }
                    }
                }
                // Each digest carries its run: put them in the plan's order, whatever the
                // order of the files.
                let mut ordered = Vec::new();
                for (i, spec) in layout.runs.iter().enumerate() {
                    match digests.iter().position(|d| d.spec == *spec) {
                        Some(k) => ordered.push(digests.swap_remove(k)),
                        None => {
                            eprintln!("Run {} of the plan is missing (or was made for another version of the plan); run `profile-package chain run {plan} {}`.", i + 1, i + 1);
                            return ExitCode::from(1);
                        }
                    }
                }
                match chain::merge(&file.plan, &layout, &ordered) {
                    Ok(r) => write(out, &chain::result_json(&r)),
                    Err(e) => {
                        eprintln!("{e}");
                        ExitCode::from(1)
                    }
                }
            }
        },
        _ => {
            eprintln!("{usage}");
            ExitCode::from(2)
        }
    }
}
