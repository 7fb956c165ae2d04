//! `protokoll serve`: build the site into a preview directory, serve it on 127.0.0.1 with live
//! reload, and rebuild when a source changes. Reports through a callback; never prints.
//!
//! One thread runs builds (the caller's, in [`Server::run`]); one accepts connections; each
//! connection gets a short-lived thread, within the bounds per client of [`clients`]. Builds hold
//! a write lock on the output while they swap it, so a request never sees a half-replaced
//! directory.

pub mod affected;
pub mod clients;
pub mod http;
pub mod incremental;
pub mod page;
pub mod watch;

use crate::build::{Build, BuildReport, Mode};
use http::{Request, Response, Target};
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

/// How long a reload request waits for a new build before answering "nothing new".
pub const LONG_POLL: Duration = Duration::from_secs(25);

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// The preview output directory (not the site's `public/`).
    pub output: PathBuf,
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// The day the preview is built as of ([`Build::day`]); the caller reads it once, so a
    /// preview left running past midnight keeps the day it started on.
    pub day: Option<crate::model::date::Date>,
}

/// What happened, for the caller to report.
#[derive(Debug)]
pub enum Event {
    /// A build succeeded. `changed` is empty for the first build.
    Built {
        /// Pages and files written (for an incremental rebuild: rendered again, and changed).
        report: BuildReport,
        /// How long the build took.
        elapsed: Duration,
        /// The changed sources that caused it, relative to the root.
        changed: Vec<PathBuf>,
        /// Whether only the pages that depend on the change were rendered (the exports follow
        /// in an [`Event::Search`]).
        incremental: bool,
    },
    /// The exports of the whole site (the search index and its export, the decisions CSV, the
    /// manifest) were brought up to date after incremental rebuilds.
    Search {
        /// Files written or removed, or why the index could not be built.
        result: Result<usize, String>,
        /// How long it took.
        elapsed: Duration,
    },
    /// A build failed; the browser now shows `error` instead of the site.
    Failed {
        /// The diagnostics, as `protokoll build` prints them.
        error: String,
        /// How long the attempt took.
        elapsed: Duration,
        /// The changed sources that caused it.
        changed: Vec<PathBuf>,
    },
    /// The file watcher failed; the server goes on serving the last build.
    WatchError(String),
}

/// Why serving could not start.
#[derive(Debug)]
pub enum ServeError {
    /// The port could not be bound.
    Bind(u16, io::Error),
    /// The output directory is not usable.
    Output(crate::output::WriteError),
    /// The output directory lies inside a watched source folder: every build would trigger the
    /// next.
    OutputInSources(PathBuf),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Bind(port, e) if e.kind() == io::ErrorKind::AddrInUse => write!(
                f,
                "port {port} on 127.0.0.1 is in use; choose another with --port"
            ),
            ServeError::Bind(port, e) => write!(f, "cannot listen on 127.0.0.1:{port}: {e}"),
            ServeError::Output(e) => write!(f, "{e}"),
            ServeError::OutputInSources(p) => write!(
                f,
                "{}: the preview cannot be built inside the site's sources; choose \
                    another --output",
                p.display()
            ),
        }
    }
}

enum Msg {
    Watch(watch::Change),
    Stop,
}

/// The state requests read: which build is current, whether it failed, and the base path the
/// site is served under (the path of its `bas_url`, as it will be published).
struct State {
    generation: u64,
    failure: Option<String>,
    base: String,
}

struct Shared {
    root_out: PathBuf,
    port: u16,
    state: Mutex<State>,
    changed: Condvar,
    files: RwLock<()>,
    stopping: AtomicBool,
    clients: clients::Clients,
}

/// A bound, not yet running server.
pub struct Server {
    opts: ServeOptions,
    listener: TcpListener,
    shared: Arc<Shared>,
    tx: Sender<Msg>,
    rx: Receiver<Msg>,
    /// The output's lock, held while the server lives: a build into the same folder is refused.
    _lock: Arc<crate::output::lock::OutputLock>,
}

/// Stops a running server from another thread (e.g. a Ctrl-C handler).
#[derive(Clone)]
pub struct Stopper {
    tx: Sender<Msg>,
}

impl Stopper {
    /// Asks the server to stop; [`Server::run`] returns soon after.
    pub fn stop(&self) {
        let _ = self.tx.send(Msg::Stop);
    }
}

impl Server {
    /// Checks the output directory and binds 127.0.0.1 (never another interface).
    pub fn bind(opts: ServeOptions) -> Result<Server, ServeError> {
        crate::output::check_replaceable(&opts.output).map_err(ServeError::Output)?;
        let lock = crate::output::staging::lock_output(&opts.output).map_err(ServeError::Output)?;
        if let (Ok(root), Ok(out)) = (
            std::path::absolute(&opts.root),
            std::path::absolute(&opts.output),
        ) && watch::WATCHED_DIRS
            .iter()
            .any(|d| out.starts_with(root.join(d)))
        {
            return Err(ServeError::OutputInSources(opts.output.clone()));
        }
        let io_out = |e| ServeError::Output(crate::output::WriteError::Io(opts.output.clone(), e));
        std::fs::create_dir_all(&opts.output).map_err(io_out)?;
        let root_out = opts.output.canonicalize().map_err(io_out)?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, opts.port))
            .map_err(|e| ServeError::Bind(opts.port, e))?;
        let port = listener
            .local_addr()
            .map_err(|e| ServeError::Bind(opts.port, e))?
            .port();
        let (tx, rx) = mpsc::channel();
        let base = base_path(&opts.root);
        Ok(Server {
            opts,
            listener,
            shared: Arc::new(Shared {
                root_out,
                port,
                state: Mutex::new(State {
                    generation: 0,
                    failure: None,
                    base,
                }),
                changed: Condvar::new(),
                files: RwLock::new(()),
                stopping: AtomicBool::new(false),
                clients: clients::Clients::default(),
            }),
            tx,
            rx,
            _lock: lock,
        })
    }

    /// The address served: `127.0.0.1:<port>`.
    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.shared.port))
    }

    /// The address of the site's home page: `http://127.0.0.1:<port>/`, or under the path of
    /// `bas_url` when it has one (`http://127.0.0.1:<port>/kommun/protokoll/`).
    pub fn url(&self) -> String {
        let state = self.shared.state.lock().unwrap_or_else(|e| e.into_inner());
        format!("http://{}{}/", self.addr(), state.base)
    }

    /// A handle that stops the server.
    pub fn stopper(&self) -> Stopper {
        Stopper {
            tx: self.tx.clone(),
        }
    }

    /// Builds, serves and rebuilds on changes until stopped, reporting every build to `on_event`.
    pub fn run(self, mut on_event: impl FnMut(Event)) {
        let shared = Arc::clone(&self.shared);
        let listener = self.listener;
        let acceptor = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || accept_loop(&listener, &shared))
        };
        let root = self
            .opts
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.opts.root.clone());
        let build = Build {
            day: self.opts.day,
            ..Build::new(root.clone(), self.opts.output.clone(), Mode::Preview)
        };
        // Watch before the first build, so no change made after it is announced can be missed.
        let tx = self.tx.clone();
        let mut watcher = match watch::Watch::start(&root, watch::forward(tx, Msg::Watch)) {
            Ok(w) => Some(w),
            Err(e) => {
                on_event(Event::WatchError(e));
                None
            }
        };
        let mut state = None;
        on_event(rebuild(&shared, &build, Vec::new(), &mut state));
        loop {
            // After an incremental rebuild the exports follow, unless another change comes.
            let msg = match state.as_ref().is_some_and(|s| s.exports_stale()) {
                true => match self.rx.recv_timeout(watch::DEBOUNCE) {
                    Ok(m) => m,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        on_event(refresh_search(&shared, &mut state));
                        continue;
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                },
                false => match self.rx.recv() {
                    Ok(m) => m,
                    Err(_) => break,
                },
            };
            let mut paths = match msg {
                Msg::Stop => break,
                Msg::Watch(watch::Change::Error(e)) => {
                    on_event(Event::WatchError(e));
                    continue;
                }
                Msg::Watch(watch::Change::Paths(p)) => p,
            };
            // Wait until the tree is quiet, so a save (or a burst of them) gives one build.
            let mut stop = false;
            let first = Instant::now();
            while first.elapsed() < watch::MAX_DELAY {
                match self.rx.recv_timeout(watch::DEBOUNCE) {
                    Ok(Msg::Watch(watch::Change::Paths(p))) => paths.extend(p),
                    Ok(Msg::Watch(watch::Change::Error(e))) => on_event(Event::WatchError(e)),
                    Ok(Msg::Stop) => stop = true,
                    Err(_) => break,
                }
                if stop {
                    break;
                }
            }
            if stop {
                break;
            }
            let mut changed = watch::relevant(&root, &paths);
            if changed.is_empty() {
                continue;
            }
            // Editors' and tools' temporary files come and go within a save; name what is left.
            if changed.iter().any(|p| root.join(p).exists()) {
                changed.retain(|p| root.join(p).exists());
            }
            if let Some(w) = watcher.as_mut()
                && let Err(e) = w.refresh()
            {
                on_event(Event::WatchError(e));
            }
            on_event(rebuild(&shared, &build, changed, &mut state));
        }
        drop(watcher);
        shared.stopping.store(true, Ordering::SeqCst);
        shared.changed.notify_all();
        // Wake the acceptor, blocked in accept(), so it sees the flag.
        let _ = TcpStream::connect_timeout(
            &SocketAddr::from((Ipv4Addr::LOCALHOST, shared.port)),
            Duration::from_secs(1),
        );
        let _ = acceptor.join();
    }
}

/// Runs one build with the output locked, then publishes its outcome to waiting pages: an
/// incremental one when `state` holds the last build and the change allows it, else a full one.
fn rebuild(
    shared: &Shared,
    build: &Build,
    changed: Vec<PathBuf>,
    state: &mut Option<incremental::Incremental>,
) -> Event {
    let started = Instant::now();
    let result = {
        let _lock = shared.files.write().unwrap_or_else(|e| e.into_inner());
        build_once(build, &changed, state)
    };
    let elapsed = started.elapsed();
    let base = base_path(&build.root);
    let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    state.generation += 1;
    let event = match result {
        Ok((report, incremental)) => {
            state.failure = None;
            state.base = base;
            Event::Built {
                report,
                elapsed,
                changed,
                incremental,
            }
        }
        Err(e) => {
            let error = e.to_string();
            state.failure = Some(error.clone());
            Event::Failed {
                error,
                elapsed,
                changed,
            }
        }
    };
    drop(state);
    shared.changed.notify_all();
    event
}

/// The path of the site's `bas_url` ("" at the root, or when the settings cannot be read: the
/// build then says why).
fn base_path(root: &Path) -> String {
    crate::reading::config::load(root)
        .map(|c| c.base_path().to_string())
        .unwrap_or_default()
}

/// One build: incremental if it can be, else full. A preview never writes the ledger: only
/// `protokoll build` seals justerade protokoll.
fn build_once(
    build: &Build,
    changed: &[PathBuf],
    state: &mut Option<incremental::Incremental>,
) -> Result<(BuildReport, bool), crate::build::BuildError> {
    if let (false, Some(inc)) = (changed.is_empty(), state.as_mut()) {
        match inc.update(changed) {
            Ok(Ok(u)) => return Ok((incremental::report(&u), true)),
            Ok(Err(crate::build::BuildError::Write(e))) => {
                *state = None;
                return Err(crate::build::BuildError::Write(e));
            }
            Ok(Err(e)) => return Err(e),
            Err(incremental::NeedsFull(_)) => {}
        }
    }
    *state = None;
    let (report, kept) = incremental::full_build(build)?;
    *state = kept;
    Ok((report, false))
}

/// Brings the exports (search files, decisions CSV, manifest) up to date; they are made before
/// the output is locked.
fn refresh_search(shared: &Shared, state: &mut Option<incremental::Incremental>) -> Event {
    let started = Instant::now();
    let result = match state.as_mut() {
        None => Ok(0),
        Some(inc) => inc.exports().and_then(|exports| {
            let _lock = shared.files.write().unwrap_or_else(|e| e.into_inner());
            inc.apply_exports(exports)
        }),
    };
    if result.is_err() {
        *state = None;
    }
    Event::Search {
        result: result.map_err(|e| e.to_string()),
        elapsed: started.elapsed(),
    }
}

fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            break;
        }
        let stream = match stream {
            Ok(s) => s,
            // Out of file descriptors, say: wait for some to close rather than spin.
            Err(_) => {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        let client = match stream.peer_addr() {
            Ok(a) => a.ip(),
            Err(_) => continue,
        };
        let Some(ticket) = shared.clients.admit(&stream, client) else {
            refuse(stream, "too many connections from this client\n");
            continue;
        };
        let shared = Arc::clone(shared);
        // If no thread can be started, the connection closes unanswered (and its place is freed).
        let _ = std::thread::Builder::new()
            .name("serve-connection".into())
            .spawn(move || handle(stream, &shared, &ticket));
    }
}

/// Answers 503 at once, without reading the request, and closes.
fn refuse(mut stream: TcpStream, why: &'static str) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let mut r = Response::text(503, why);
    r.headers.push(("Retry-After", "2".into()));
    let _ = r.write_to(&mut stream, false);
}

/// Serves one request and closes the connection.
fn handle(mut stream: TcpStream, shared: &Shared, ticket: &clients::Ticket) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
    let head = http::read_head(&mut clients::Deadline {
        stream: &stream,
        until: Instant::now() + clients::HEAD_DEADLINE,
    });
    ticket.head_read();
    let (response, head_only) = match head {
        Ok(None) => return,
        Err(status) => (Response::text(status, "bad request\n"), false),
        Ok(Some(head)) => match http::parse_head(&head) {
            Err(status) => (Response::text(status, "bad request\n"), false),
            Ok(req) => {
                let head_only = req.method == "HEAD";
                (respond(&req, shared, ticket), head_only)
            }
        },
    };
    let _ = response.write_to(&mut stream, head_only);
}

/// The response to a well-formed request.
fn respond(req: &Request, shared: &Shared, ticket: &clients::Ticket) -> Response {
    match &req.host {
        None => return Response::text(400, "a Host header is required\n"),
        Some(h) if !http::host_allowed(h, shared.port) => {
            return Response::text(
                403,
                format!(
                    "this preview answers only to localhost and 127.0.0.1 (port {})\n",
                    shared.port
                ),
            );
        }
        Some(_) => {}
    }
    if req.method != "GET" && req.method != "HEAD" {
        let mut r = Response::text(405, "only GET and HEAD\n");
        r.headers.push(("Allow", "GET, HEAD".into()));
        return r;
    }
    let path = req.target.split('?').next().unwrap_or_default();
    if path == page::RELOAD_PATH {
        if !ticket.start_poll() {
            // The page's script tries again a little later.
            let mut r = Response::text(503, "too many live-reload waits from this client\n");
            r.headers.push(("Retry-After", "2".into()));
            return r;
        }
        return wait_for_build(req, shared);
    }
    let (generation, failure, base) = {
        let s = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        (s.generation, s.failure.clone(), s.base.clone())
    };
    if let Some(error) = failure {
        return html(500, page::error_page(&error, generation));
    }
    // The preview answers at the path the site will be published at, and nowhere else, so that
    // a link that forgot the base path is a broken link here too.
    let target = match req.target.strip_prefix(base.as_str()) {
        _ if base.is_empty() => req.target.as_str(),
        Some(rest) if rest.starts_with('/') => rest,
        Some("") => return redirect(format!("{base}/")),
        Some(rest) if rest.starts_with('?') => return redirect(format!("{base}/{rest}")),
        _ if path == "/" => return redirect(format!("{base}/")),
        _ => return not_found(shared, generation),
    };
    let _lock = shared.files.read().unwrap_or_else(|e| e.into_inner());
    match http::resolve(&shared.root_out, target) {
        Target::File(file) => match std::fs::read(&file) {
            Ok(bytes) => file_response(200, &file, bytes, generation),
            Err(_) => not_found(shared, generation),
        },
        Target::Redirect(location) => redirect(format!("{base}{location}")),
        Target::BadRequest => Response::text(400, "bad request\n"),
        Target::NotFound => not_found(shared, generation),
    }
}

/// A permanent redirect to `location` (a path on this server).
fn redirect(location: String) -> Response {
    let mut r = Response::text(301, format!("see {location}\n"));
    r.headers.push(("Location", location));
    r
}

fn html(status: u16, body: Vec<u8>) -> Response {
    Response {
        status,
        content_type: "text/html; charset=utf-8",
        headers: Vec::new(),
        body,
    }
}

fn file_response(status: u16, file: &Path, bytes: Vec<u8>, generation: u64) -> Response {
    let content_type = http::content_type(file);
    let body = if content_type.starts_with("text/html") {
        page::inject(&bytes, generation)
    } else {
        bytes
    };
    Response {
        status,
        content_type,
        headers: Vec::new(),
        body,
    }
}

/// The site's own 404 page if it has one (it is a file we built), else a line of text.
fn not_found(shared: &Shared, generation: u64) -> Response {
    let page = shared.root_out.join("404.html");
    match std::fs::read(&page) {
        Ok(bytes) => file_response(404, &page, bytes, generation),
        Err(_) => Response::text(404, "not found\n"),
    }
}

/// The live-reload long poll: answers with the current build number once it exceeds `since`.
fn wait_for_build(req: &Request, shared: &Shared) -> Response {
    let since: u64 = req
        .target
        .split_once("?since=")
        .and_then(|(_, v)| v.split('&').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    let (state, _) = shared
        .changed
        .wait_timeout_while(state, LONG_POLL, |s| {
            s.generation <= since && !shared.stopping.load(Ordering::SeqCst)
        })
        .unwrap_or_else(|e| e.into_inner());
    Response::text(200, state.generation.to_string())
}
