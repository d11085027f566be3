//! Where a run's engine lives: in a dedicated Web Worker (the usual case), or — where no worker
//! can start — in a [`Server`] on the page, worked in 25 ms slices. Both answer the same
//! [`Request`]s with the same [`Reply`]s (`sim::serve`), so the run, the inspector and the
//! Packages area never ask which one they talk to.

use crate::sim::serve::{Assembler, Reply, Request, Server};
use crate::sim::SimResult;
use crate::sqlite::sqljs::SqlJsDb;
use crate::ui::engine::{now_ms, sleep_ms, sqljs, yield_to_browser};
use crate::web::client::{EngineWorker, Event};
use futures::channel::{mpsc, oneshot};
use futures::StreamExt;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

/// How long a worker may take to load before the app runs on the page instead, ms.
const READY_TIMEOUT_MS: i32 = 20_000;

/// What a run hears from one engine: `(which plan, event)`, or that the user cancelled.
pub enum Msg {
    Event(usize, Event),
    Cancel,
}

/// The run's queue of engine events.
pub type RunSender = mpsc::UnboundedSender<Msg>;

/// A started worker: its replies to questions (counts, console, download) answer the oldest
/// waiting question — the worker answers in order —, everything else goes to the run.
pub struct WorkerLink {
    worker: RefCell<Option<EngineWorker>>,
    asks: RefCell<VecDeque<oneshot::Sender<Reply>>>,
    run: RefCell<Option<(usize, RunSender)>>,
}

impl WorkerLink {
    /// Starts a worker and waits until it has loaded sql.js; why not, otherwise.
    pub async fn start() -> Result<Rc<WorkerLink>, String> {
        let link = Rc::new(WorkerLink {
            worker: RefCell::new(None),
            asks: RefCell::new(VecDeque::new()),
            run: RefCell::new(None),
        });
        let (ready_tx, mut ready_rx) = mpsc::unbounded::<Result<(), String>>();
        let weak = Rc::downgrade(&link);
        let worker = EngineWorker::spawn(move |event| {
            let Some(link) = weak.upgrade() else { return };
            link.dispatch(event, &ready_tx);
        })?;
        *link.worker.borrow_mut() = Some(worker);
        let timeout = async {
            sleep_ms(READY_TIMEOUT_MS).await;
            Err(format!(
                "it did not start within {} s",
                READY_TIMEOUT_MS / 1000
            ))
        };
        let ready = async { ready_rx.next().await.unwrap_or(Err("it stopped".into())) };
        futures::pin_mut!(timeout, ready);
        match futures::future::select(ready, timeout)
            .await
            .factor_first()
            .0
        {
            Ok(()) => Ok(link),
            Err(e) => {
                link.terminate();
                Err(e)
            }
        }
    }

    fn dispatch(&self, event: Event, ready: &mpsc::UnboundedSender<Result<(), String>>) {
        match event {
            Event::Reply(Reply::Ready { .. }) => {
                let _ = ready.unbounded_send(Ok(()));
            }
            Event::Reply(
                r @ (Reply::Counts { .. } | Reply::Query { .. } | Reply::Database { .. }),
            ) => {
                if let Some(waiting) = self.asks.borrow_mut().pop_front() {
                    let _ = waiting.send(r);
                }
            }
            other => {
                if matches!(other, Event::Crashed(_)) {
                    // A crash also ends every question waiting for an answer.
                    self.asks.borrow_mut().clear();
                }
                if let Some((k, run)) = self.run.borrow().as_ref() {
                    let _ = run.unbounded_send(Msg::Event(*k, other));
                } else if let Event::Reply(Reply::Failed(e)) | Event::Crashed(e) = other {
                    // Before it was ready: it cannot start.
                    let _ = ready.unbounded_send(Err(e));
                }
            }
        }
    }

    /// Stops the worker at once (its databases go with it); whoever follows its run hears
    /// that it ended.
    pub fn terminate(&self) {
        self.worker.borrow_mut().take();
        self.asks.borrow_mut().clear();
        self.run.borrow_mut().take();
    }

    fn send(&self, request: &Request) -> bool {
        match self.worker.borrow().as_ref() {
            Some(w) => {
                w.send(request);
                true
            }
            None => false,
        }
    }
}

/// An engine on the page, worked in slices until it is stopped.
pub struct PageEngine {
    server: RefCell<Server<SqlJsDb>>,
    stopped: Cell<bool>,
}

/// Where the engine of a run lives.
#[derive(Clone)]
pub enum Backend {
    Worker(Rc<WorkerLink>),
    Page(Rc<PageEngine>),
}

/// How many engines may work at once on this machine: one per core, at most this many.
const MAX_POOL: usize = 4;

/// Workers for independent runs at once (a sweep's points): the machine's cores, capped.
pub fn pool_size() -> usize {
    web_sys::window()
        .map(|w| w.navigator().hardware_concurrency() as usize)
        .unwrap_or(1)
        .clamp(1, MAX_POOL)
}

/// `count` engines: workers started together, or the page's where a worker does not start —
/// with the reason. `known` is a reason found earlier (then no worker is tried).
pub async fn engines(
    count: usize,
    known: Option<String>,
) -> Result<(Vec<Backend>, Option<String>), String> {
    let mut engines = Vec::new();
    let mut note = known;
    if note.is_none() {
        let starting = (0..count).map(|_| WorkerLink::start());
        for started in futures::future::join_all(starting).await {
            match started {
                Ok(link) => engines.push(Backend::Worker(link)),
                Err(e) => note = Some(e),
            }
        }
    }
    while engines.len() < count {
        engines.push(Backend::page().await?);
    }
    Ok((engines, note))
}

impl Backend {
    /// An engine on the page (no worker).
    pub async fn page() -> Result<Backend, String> {
        let sql = sqljs().await.map_err(|e| e.to_string())?;
        Ok(Backend::Page(Rc::new(PageEngine {
            server: RefCell::new(Server::new(move || sql.open())),
            stopped: Cell::new(false),
        })))
    }

    /// Starts a run on this engine: its events go to `run` as plan `k`.
    pub fn run(&self, k: usize, request: Request, run: RunSender) {
        match self {
            Backend::Worker(link) => {
                *link.run.borrow_mut() = Some((k, run));
                link.send(&request);
            }
            Backend::Page(page) => {
                let page = page.clone();
                page.stopped.set(false);
                leptos::task::spawn_local(async move {
                    let mut post = |r: Reply| {
                        let _ = run.unbounded_send(Msg::Event(k, Event::Reply(r)));
                    };
                    page.server.borrow_mut().handle(request, &mut post);
                    // Work units for 25 ms per turn, so no task holds the page long; a closed
                    // queue (the run was replaced) or Stop ends it.
                    while page.server.borrow().busy() && !run.is_closed() && !page.stopped.get() {
                        yield_to_browser().await;
                        let slice = now_ms();
                        page.server
                            .borrow_mut()
                            .work(&mut || now_ms() - slice < 25.0, &mut post);
                    }
                });
            }
        }
    }

    /// Asks the engine a question (counts, console, download) and waits for its answer.
    pub async fn ask(&self, request: Request) -> Result<Reply, String> {
        match self {
            Backend::Worker(link) => {
                let (tx, rx) = oneshot::channel();
                link.asks.borrow_mut().push_back(tx);
                if !link.send(&request) {
                    return Err("the simulation's engine has stopped; run it again".into());
                }
                rx.await
                    .map_err(|_| "the simulation's engine stopped before it answered".into())
            }
            Backend::Page(page) => {
                let mut answer = None;
                page.server
                    .borrow_mut()
                    .handle(request, &mut |r| answer = Some(r));
                answer.ok_or_else(|| "the engine gave no answer".into())
            }
        }
    }

    /// Whether the engine still runs (a terminated worker does not).
    pub fn alive(&self) -> bool {
        match self {
            Backend::Worker(link) => link.worker.borrow().is_some(),
            Backend::Page(_) => true,
        }
    }

    /// Stops the engine: a worker is terminated at once; a page engine stops at its next slice
    /// (its queue closes with the run).
    pub fn stop(&self) {
        match self {
            Backend::Worker(link) => link.terminate(),
            Backend::Page(page) => page.stopped.set(true),
        }
    }

    /// Runs `request` (a run, or a measurement) on this engine and gathers its replies until
    /// `last` says they are complete; a crash, a failure or a stop ends it with why.
    async fn gather<T>(
        &self,
        request: Request,
        mut last: impl FnMut(Reply) -> Option<T>,
    ) -> Result<T, String> {
        let (tx, mut rx) = mpsc::unbounded();
        self.run(0, request, tx);
        while let Some(msg) = rx.next().await {
            match msg {
                Msg::Event(_, Event::Crashed(why)) => {
                    return Err(format!("the engine stopped unexpectedly ({why})"))
                }
                Msg::Event(_, Event::Reply(Reply::Failed(e))) => return Err(e),
                Msg::Event(_, Event::Reply(r)) => {
                    if let Some(done) = last(r) {
                        return Ok(done);
                    }
                }
                Msg::Cancel => break,
            }
        }
        Err("cancelled".into())
    }

    /// Runs a scenario to its result (progress is not followed).
    pub async fn run_to_end(&self, request: Request) -> Result<SimResult, String> {
        let mut parts = Assembler::default();
        self.gather(request, move |r| parts.add(r)).await
    }

    /// Register `register`'s database of the last run, measured as SQLite stores it.
    pub async fn measure(&self, register: u32) -> Result<u64, String> {
        let mut bytes = None;
        self.gather(Request::Measure { register }, move |r| match r {
            Reply::Measured { bytes: b, .. } => {
                bytes = Some(b);
                None
            }
            Reply::MeasuredAll => Some(bytes.ok_or("the register could not be measured")),
            _ => None,
        })
        .await?
        .map_err(String::from)
    }
}
