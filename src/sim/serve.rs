//! The engine behind messages (pure): what the page asks an engine (`Request`), what the engine
//! answers (`Reply`), and [`Server`], which answers requests on any [`Database`]. The browser
//! runs a `Server` in a dedicated Web Worker (`src/web/worker.rs` carries the messages as JSON)
//! or, where no worker can start, on the page itself in short slices; host tests drive it with
//! native SQLite. Every message is a plain serde value, so both sides agree by construction.
//!
//! A finished run's results travel in parts ([`Reply::Sessions`], [`Reply::Sizes`], then
//! [`Reply::Done`] with the rest) so that no single message takes the receiving page long to
//! decode; [`Assembler`] puts them back together.

use crate::catalog::Catalog;
use crate::model::diff::ResolvedProfile;
use crate::sim::engine::{Engine, Measure, RunPhase, Session, SimResult, SizeSample};
use crate::sim::Scenario;
use crate::sqlite::console::read_only_statements;
use crate::sqlite::{Database, DbError, QueryResult};
use serde::{Deserialize, Serialize};

/// Sessions per [`Reply::Sessions`] message (about 0.4 MB of JSON, decoded by the page in well under a frame budget of 50 ms).
pub const SESSIONS_PER_PART: usize = 1_000;
/// Size samples per [`Reply::Sizes`] message.
pub const SIZES_PER_PART: usize = 10_000;

/// What the page asks the engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Run `scenario` on `profile` (replacing any earlier run and its databases); when
    /// `measure`, measure each register's database afterwards.
    Run {
        scenario: Box<Scenario>,
        profile: Box<ResolvedProfile>,
        /// The device's reconnect interval, minutes.
        reconnect_mins: i64,
        measure: bool,
    },
    /// Measure one register's database of the last run (answered by [`Reply::Measured`], then
    /// [`Reply::MeasuredAll`]).
    Measure { register: u32 },
    /// Row counts per table of a register, beside the store's.
    Counts { register: u32 },
    /// Read-only statements on a copy of a register's database.
    Query { register: u32, sql: String },
    /// A register's offline database as a file.
    Export { register: u32 },
}

/// One statement's outcome in the SQL console.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub statement: String,
    pub result: Result<QueryResult, String>,
}

/// What the engine answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The engine is loaded: SQLite's version.
    Ready { sqlite: String },
    /// A run's progress: fraction of the horizon done and the phase.
    Progress { fraction: f64, phase: RunPhase },
    /// Some of a finished run's sessions, in order.
    Sessions(Vec<Session>),
    /// Some of a finished run's size samples, in order.
    Sizes(Vec<SizeSample>),
    /// The run is finished: the result without the sessions and samples sent before.
    Done(Box<SimResult>),
    /// A register's database as SQLite stores it, bytes.
    Measured { register: u32, bytes: u64 },
    /// Every register has been measured (or measuring stopped).
    MeasuredAll,
    /// Answer to [`Request::Counts`]: (table, register rows, store rows).
    Counts {
        register: u32,
        counts: Vec<(String, u64, u64)>,
    },
    /// Answer to [`Request::Query`]: each statement's outcome, or why none ran.
    Query {
        register: u32,
        outcome: Result<Vec<Outcome>, String>,
    },
    /// Answer to [`Request::Export`]: the database file (carried beside the message, not in
    /// its JSON), or why there is none.
    Database {
        register: u32,
        #[serde(skip)]
        bytes: Vec<u8>,
        error: Option<String>,
    },
    /// The run stopped: why.
    Failed(String),
}

impl Reply {
    /// The message as JSON (a [`Reply::Database`]'s bytes travel separately).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            serde_json::to_string(&Reply::Failed(format!("a reply could not be written: {e}")))
                .unwrap_or_default()
        })
    }

    /// A message read back, or what is wrong with it.
    pub fn from_json(text: &str) -> Result<Reply, String> {
        serde_json::from_str(text)
            .map_err(|e| format!("the engine sent an unreadable message: {e}"))
    }
}

impl Request {
    /// The request as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A request read back, or what is wrong with it.
    pub fn from_json(text: &str) -> Result<Request, String> {
        serde_json::from_str(text).map_err(|e| format!("the engine got an unreadable request: {e}"))
    }
}

/// A finished result as the replies that carry it: sessions and samples in parts, then the rest.
pub fn split(mut result: SimResult) -> Vec<Reply> {
    let sessions = std::mem::take(&mut result.sessions);
    let sizes = std::mem::take(&mut result.sizes);
    let mut replies: Vec<Reply> = sessions
        .chunks(SESSIONS_PER_PART)
        .map(|c| Reply::Sessions(c.to_vec()))
        .collect();
    replies.extend(
        sizes
            .chunks(SIZES_PER_PART)
            .map(|c| Reply::Sizes(c.to_vec())),
    );
    replies.push(Reply::Done(Box::new(result)));
    replies
}

/// Puts a result sent in parts back together.
#[derive(Debug, Default)]
pub struct Assembler {
    sessions: Vec<Session>,
    sizes: Vec<SizeSample>,
}

impl Assembler {
    /// Takes one reply; returns the whole result at [`Reply::Done`]. Other replies are ignored.
    pub fn add(&mut self, reply: Reply) -> Option<SimResult> {
        match reply {
            Reply::Sessions(mut s) => self.sessions.append(&mut s),
            Reply::Sizes(mut s) => self.sizes.append(&mut s),
            Reply::Done(rest) => {
                let mut result = *rest;
                result.sessions = std::mem::take(&mut self.sessions);
                result.sizes = std::mem::take(&mut self.sizes);
                return Some(result);
            }
            _ => {}
        }
        None
    }
}

/// What the server is busy with between requests.
enum Work {
    Idle,
    Running {
        measure: bool,
    },
    Measuring {
        next: u32,
        last: Option<u32>,
        current: Option<Measure>,
    },
}

/// Answers [`Request`]s with one engine (and its databases) at a time.
pub struct Server<D: Database> {
    open: Box<dyn Fn() -> Result<D, DbError>>,
    engine: Option<Engine<D>>,
    work: Work,
}

impl<D: Database> Server<D> {
    /// A server that opens its databases with `open`.
    pub fn new(open: impl Fn() -> Result<D, DbError> + 'static) -> Self {
        Server {
            open: Box::new(open),
            engine: None,
            work: Work::Idle,
        }
    }

    /// Whether [`Server::work`] has something to do.
    pub fn busy(&self) -> bool {
        !matches!(self.work, Work::Idle)
    }

    /// Takes a request. A run only starts here (its work is done by [`Server::work`]); the other
    /// requests are answered at once through `post`.
    pub fn handle(&mut self, request: Request, post: &mut dyn FnMut(Reply)) {
        match request {
            Request::Run {
                scenario,
                profile,
                reconnect_mins,
                measure,
            } => {
                self.engine = None;
                self.work = Work::Idle;
                let started = (self.open)().map_err(|e| e.to_string()).and_then(|db| {
                    Engine::new(db, &scenario, &profile, reconnect_mins, Catalog::builtin())
                        .map_err(|e| e.to_string())
                });
                match started {
                    Ok(engine) => {
                        self.engine = Some(engine);
                        self.work = Work::Running { measure };
                    }
                    Err(e) => post(Reply::Failed(e)),
                }
            }
            Request::Measure { register } => {
                if self.engine.is_some() {
                    self.work = Work::Measuring {
                        next: register,
                        last: Some(register),
                        current: None,
                    };
                } else {
                    post(Reply::MeasuredAll);
                }
            }
            Request::Counts { register } => post(Reply::Counts {
                register,
                counts: self
                    .engine
                    .as_ref()
                    .map(|e| e.register_counts(register))
                    .unwrap_or_default(),
            }),
            Request::Query { register, sql } => post(Reply::Query {
                register,
                outcome: self.query(register, &sql),
            }),
            Request::Export { register } => {
                let (bytes, error) = match self.export(register) {
                    Ok(bytes) => (bytes, None),
                    Err(e) => (Vec::new(), Some(e)),
                };
                post(Reply::Database {
                    register,
                    bytes,
                    error,
                })
            }
        }
    }

    /// Does work units while `keep_going` says so: a run's steps (then its result, in parts),
    /// then each register's measurement. Posts progress after each call that ran the engine.
    pub fn work(&mut self, keep_going: &mut dyn FnMut() -> bool, post: &mut dyn FnMut(Reply)) {
        match &mut self.work {
            Work::Idle => {}
            Work::Running { measure } => {
                let measure = *measure;
                let Some(engine) = self.engine.as_mut() else {
                    self.work = Work::Idle;
                    return;
                };
                match engine.step_for(keep_going) {
                    Err(e) => {
                        self.work = Work::Idle;
                        post(Reply::Failed(e.to_string()));
                    }
                    Ok(p) if p.done => {
                        post(Reply::Progress {
                            fraction: 1.0,
                            phase: RunPhase::Done,
                        });
                        for reply in split(engine.result().clone()) {
                            post(reply);
                        }
                        self.work = if measure {
                            Work::Measuring {
                                next: 1,
                                last: None,
                                current: None,
                            }
                        } else {
                            Work::Idle
                        };
                    }
                    Ok(p) => post(Reply::Progress {
                        fraction: p.fraction,
                        phase: p.phase,
                    }),
                }
            }
            Work::Measuring {
                next,
                last,
                current,
            } => {
                let Some(engine) = self.engine.as_ref() else {
                    self.work = Work::Idle;
                    return;
                };
                let registers = last.unwrap_or(engine.result().registers());
                while keep_going() {
                    if current.is_none() {
                        if *next > registers {
                            self.work = Work::Idle;
                            post(Reply::MeasuredAll);
                            return;
                        }
                        match engine.start_measure(*next) {
                            Ok(m) => *current = Some(m),
                            Err(_) => {
                                self.work = Work::Idle;
                                post(Reply::MeasuredAll);
                                return;
                            }
                        }
                    }
                    let Some(m) = current.as_mut() else { return };
                    match engine.measure_step(m) {
                        Ok(None) => {}
                        Ok(Some(bytes)) => {
                            post(Reply::Measured {
                                register: *next,
                                bytes,
                            });
                            *current = None;
                            *next += 1;
                        }
                        Err(_) => {
                            self.work = Work::Idle;
                            post(Reply::MeasuredAll);
                            return;
                        }
                    }
                }
            }
        }
    }

    /// Register `register`'s database as a file of its own.
    pub fn export(&self, register: u32) -> Result<Vec<u8>, String> {
        let target = self.register_copy(register)?;
        target.export().map_err(|e| e.to_string())
    }

    /// Each read-only statement of `text` on a copy of register `register`'s database; nothing
    /// runs unless every statement passes the console's rules.
    pub fn query(&self, register: u32, text: &str) -> Result<Vec<Outcome>, String> {
        let statements = read_only_statements(text).map_err(|r| r.message())?;
        let target = self.register_copy(register)?;
        target
            .exec_batch("PRAGMA query_only = 1")
            .map_err(|e| e.to_string())?;
        Ok(statements
            .into_iter()
            .map(|statement| Outcome {
                result: target.query(&statement, &[]).map_err(|e| e.to_string()),
                statement,
            })
            .collect())
    }

    /// A fresh database holding register `register`'s offline database.
    fn register_copy(&self, register: u32) -> Result<D, String> {
        let engine = self
            .engine
            .as_ref()
            .ok_or_else(|| "no simulation has run yet".to_string())?;
        let target = (self.open)().map_err(|e| e.to_string())?;
        let name = target.attach_name().unwrap_or_default();
        engine
            .export_register(register, &name)
            .map_err(|e| e.to_string())?;
        Ok(target)
    }
}
