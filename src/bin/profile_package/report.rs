//! `profile-package simulate` and `profile-package report`: one unit of work per process, JSON
//! or HTML out, so a pipeline (or any batch runner) runs them side by side.

use crate::cli::{fail, load};
use offline_profile_studio::catalog::Catalog;
use offline_profile_studio::package::{sha256_hex, ErrorKind, ImportError};
use offline_profile_studio::signoff::{self, html, Extras};
use offline_profile_studio::sim::{Engine, Preset, Scenario, SimRecord};
use offline_profile_studio::sqlite::native::NativeDb;
use std::process::ExitCode;

/// Options: `--name value` pairs after the positional words.
pub struct Options {
    pub words: Vec<String>,
    pairs: Vec<(String, String)>,
}

/// The options that take a value.
const VALUED: [&str; 8] = [
    "--sim",
    "--prepared-by",
    "--previous",
    "--date",
    "--out",
    "-o",
    "--preset",
    "--scenario",
];

impl Options {
    /// Splits arguments into words and `--option value` pairs; `Err` names an option
    /// without its value.
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut o = Options {
            words: Vec::new(),
            pairs: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if VALUED.contains(&a.as_str()) {
                let v = it.next().ok_or_else(|| format!("{a} needs a value"))?;
                o.pairs
                    .push((a.trim_start_matches('-').to_string(), v.clone()));
            } else if a != "--json" {
                o.words.push(a.clone());
            }
        }
        Ok(o)
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rfind(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn usage_error(message: String) -> ExitCode {
    eprintln!("unreadable: {message}");
    ExitCode::from(2)
}

fn write_out(text: &str, out: Option<&str>) -> ExitCode {
    match out {
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => usage_error(format!("{path}: cannot be written ({e})")),
        },
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock (civil-from-days).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `simulate FILE [--preset small|reference|flagship] [--scenario S.json] [-o OUT]`: runs the
/// package's profile on real (native) SQLite and writes the simulation record as JSON.
pub fn simulate(file: &str, o: &Options) -> ExitCode {
    let imported = match load(file) {
        Ok(i) => i,
        Err(e) => return fail(&e, false),
    };
    let scenario: Scenario = match (o.get("scenario"), o.get("preset")) {
        (Some(path), _) => match std::fs::read_to_string(path)
            .map_err(|e| format!("cannot be read ({e})"))
            .and_then(|t| serde_json::from_str(&t).map_err(|e| format!("is not a scenario ({e})")))
        {
            Ok(s) => s,
            Err(e) => return usage_error(format!("{path}: {e}")),
        },
        (None, preset) => match preset.unwrap_or("small") {
            "small" => Preset::Small.scenario(),
            "reference" => Preset::Reference.scenario(),
            "flagship" => Preset::Flagship.scenario(),
            other => {
                return usage_error(format!(
                    "--preset {other}: expected small, reference or flagship"
                ))
            }
        },
    };
    let db = match NativeDb::open_memory() {
        Ok(db) => db,
        Err(e) => return usage_error(format!("SQLite: {e}")),
    };
    let reconnect = imported.profile.device.reconnect_interval_mins;
    let mut engine = match Engine::new(
        db,
        &scenario,
        &imported.profile,
        reconnect,
        Catalog::builtin(),
    ) {
        Ok(e) => e,
        Err(e) => return usage_error(format!("the scenario cannot run: {e}")),
    };
    match engine.run() {
        Ok(result) => {
            let result = result.clone();
            let measured = match engine.measure_registers() {
                Ok(m) => m,
                Err(e) => {
                    return usage_error(format!("measuring the register databases failed: {e}"))
                }
            };
            let record =
                SimRecord::of(&imported.profile, &scenario, &result).with_measured(&measured);
            write_out(
                &format!("{}\n", record.to_json()),
                o.get("out").or(o.get("o")),
            )
        }
        Err(e) => usage_error(format!("the simulation failed: {e}")),
    }
}

/// `report FILE [--sim SIM.json] [--previous OLD.zip] [--prepared-by NAME] [--date D] [-o OUT]`:
/// the sign-off report of a package as one self-contained HTML file.
pub fn report(file: &str, o: &Options) -> ExitCode {
    let imported = match load(file) {
        Ok(i) => i,
        Err(e) => return fail(&e, false),
    };
    let zip_sha = std::fs::read(file).ok().map(|b| sha256_hex(&b));
    let sim = match o.get("sim") {
        None => None,
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| format!("cannot be read ({e})"))
            .and_then(|t| SimRecord::parse(&t))
        {
            Ok(r) if r.profile == imported.profile.name => Some(r),
            Ok(r) => {
                return fail(
                    &ImportError {
                        kind: ErrorKind::Invalid,
                        file: path.to_string(),
                        field: Some("profile".into()),
                        message: format!(
                            "simulates the profile \u{201c}{}\u{201d}, not \u{201c}{}\u{201d}",
                            r.profile, imported.profile.name
                        ),
                    },
                    false,
                )
            }
            Err(e) => return usage_error(format!("{path}: {e}")),
        },
    };
    let previous = match o.get("previous").map(load) {
        None => None,
        Some(Ok(old)) => Some(signoff::previous(&old, &imported.profile)),
        Some(Err(e)) => return fail(&e, false),
    };
    let extras = Extras {
        prepared_by: o.get("prepared-by").map(str::to_string),
        date: Some(o.get("date").map_or_else(today, str::to_string)),
        sim,
        previous,
    };
    match signoff::of_imported(&imported, zip_sha, Catalog::builtin(), extras) {
        Some(r) => write_out(&html::document(&r), o.get("out").or(o.get("o"))),
        None => usage_error(format!("{file}: the profile could not be read back")),
    }
}
