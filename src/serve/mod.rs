//! `pccc serve`: the watch mode for editors.
//!
//! Builds the site into memory, serves it on 127.0.0.1 (another address only when asked),
//! watches the sources, rebuilds after each save and tells open pages to reload. When a
//! rebuild fails, pages whose sources have errors show the error page, the others keep their
//! last good version with a banner, and the terminal prints the same problems.
//!
//! Threads: the watcher and its debouncer (watch.rs), one builder thread that owns the
//! [`session::Session`], and a single-threaded tokio runtime for HTTP (http.rs). The builder
//! publishes each new [`state::Snapshot`]; request handlers only read it, after [`guard`] has
//! turned away requests from other sites.

pub mod error_page;
pub mod guard;
pub mod http;
pub mod session;
pub mod state;
pub mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Instant;

use crate::diagnostic::{Diagnostic, Problems};
use crate::pipeline::BuildOptions;
use session::{Outcome, Session};
use watch::ChangeSet;

/// Path of the preview's own endpoints (the reload script, the event stream, the error page);
/// never a path of a site. Routed by `http`, and kept from other sites by `guard`.
pub const PREFIX: &str = "/__pccc";

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// What to build (its `base_url` is set from the address unless given).
    pub build: BuildOptions,
    /// Address to listen on; 127.0.0.1 unless asked otherwise.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
    /// Colour the messages on the terminal (`--color`, `NO_COLOR`, `TERM`).
    pub styled: bool,
    /// Print only errors (`--quiet`): no line per rebuild, no warnings.
    pub quiet: bool,
}

/// Runs the watch mode until Ctrl-C.
pub fn run(options: ServeOptions) -> Result<(), Problems> {
    let root = crate::pipeline::site_root(&options.build.root)?;
    let listener = TcpListener::bind(SocketAddr::new(options.bind, options.port)).map_err(|e| {
        Diagnostic::error(".", format!("không mở được cổng {} trên {}", options.port, options.bind))
            .note(format!("hệ thống báo: {}", crate::explain::io_error_kind(&e)))
            .help("cổng có thể đang được dùng; chọn cổng khác, ví dụ: pccc serve --port 1112")
    })?;
    let address = listener.local_addr().map_err(|e| {
        Diagnostic::error(".", "không đọc được địa chỉ máy chủ")
            .note(format!("hệ thống báo: {}", crate::explain::io_error_kind(&e)))
    })?;
    let host = if address.ip().is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        address.ip().to_string()
    };
    let url = format!("http://{host}:{}", address.port());
    let mut build = options.build.clone();
    build.root = root.clone();
    build.base_url.get_or_insert_with(|| url.clone());

    let terminal = Terminal { styled: options.styled, quiet: options.quiet };
    let mut session = Session::new(build);
    let started = Instant::now();
    let everything = ChangeSet { everything: true, ..ChangeSet::default() };
    // The first build is shown whole: the outputs each build leaves for after the reload
    // (`Session::gather`) are made before the server starts.
    let mut outcome = session.rebuild(&everything);
    while matches!(outcome, Outcome::Built { .. }) && session.gather_due() {
        if let Some(Err(failure)) = session.gather(&|| false) {
            outcome = Outcome::Failed(failure);
        }
    }
    report(&outcome, started, terminal);
    let shared = http::Shared::new(session.snapshot());

    let (mut watcher, changes) = watch::watch(&root)?;
    watcher.follow(session.named_files());
    let publisher = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("pccc-build".into())
        .spawn(move || builder(session, watcher, changes, &publisher, terminal))
        .map_err(|e| crate::diagnostic::io_error(&root, "khởi động luồng dựng trang", &e))?;

    println!("Đang phục vụ trang tại {url}/  (bấm Ctrl-C để dừng)");
    if !options.bind.is_loopback() {
        println!(
            "Lưu ý: máy chủ nghe trên {}, các máy khác trong mạng cũng xem được.",
            options.bind
        );
    }
    if options.open {
        open_browser(&format!("{url}/"));
    }
    serve_http(listener, shared, guard::Guard::new(address))?;
    println!("Đã dừng.");
    Ok(())
}

/// The builder thread: rebuilds after each change set and publishes the result; in between,
/// makes the outputs each build leaves for later ([`Session::gather`]), giving them up as soon
/// as another save comes, so that a save never waits for the feeds and the search index of the
/// one before (they are made after the last save of a run instead).
fn builder(
    mut session: Session,
    mut watcher: watch::SiteWatcher,
    changes: Receiver<ChangeSet>,
    publisher: &http::Shared,
    terminal: Terminal,
) {
    // Change sets sent by the watcher, counted after each is sent, and those taken: while more
    // were sent than taken, one is waiting.
    let sent = Arc::new(AtomicU64::new(0));
    let (forward, incoming) = mpsc::channel::<ChangeSet>();
    let counter = Arc::clone(&sent);
    let forwarder = std::thread::Builder::new().name("pccc-changes".into()).spawn(move || {
        for change in changes {
            if forward.send(change).is_err() {
                break;
            }
            counter.fetch_add(1, Ordering::SeqCst);
        }
    });
    if forwarder.is_err() {
        return;
    }
    let mut taken: u64 = 0;
    let pool = gathering_pool();
    loop {
        let first = if session.gather_due() {
            match incoming.try_recv() {
                Ok(change) => change,
                Err(TryRecvError::Disconnected) => return,
                Err(TryRecvError::Empty) => {
                    let started = Instant::now();
                    let stop = || sent.load(Ordering::SeqCst) > taken;
                    let gathered = match &pool {
                        Some(pool) => pool.install(|| session.gather(&stop)),
                        None => session.gather(&stop),
                    };
                    match gathered {
                        None => {}
                        Some(Ok(changed)) => publisher.update(session.snapshot(), changed),
                        Some(Err(failure)) => {
                            publisher.publish(session.snapshot());
                            report(&Outcome::Failed(failure), started, terminal);
                        }
                    }
                    continue;
                }
            }
        } else {
            match incoming.recv() {
                Ok(change) => change,
                Err(_) => return,
            }
        };
        taken += 1;
        let mut change = first;
        // Saves that arrived during the last build are handled together.
        while let Ok(more) = incoming.try_recv() {
            taken += 1;
            merge(&mut change, more);
        }
        let started = Instant::now();
        let outcome = session.rebuild(&change);
        watcher.follow(session.named_files());
        publisher.publish(session.snapshot());
        report(&outcome, started, terminal);
    }
}

/// The threads that make what each build leaves for after the reload ([`Session::gather`]):
/// as many as rayon's own, each at a lower priority where the system lets a thread have its
/// own (Linux), so that answering the browser's reload and the next save's rebuild go first on
/// a busy machine. `None` when they cannot be started: the gathering then runs on rayon's.
fn gathering_pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("pccc-gather-{i}"))
        .start_handler(|_| lower_priority())
        .build()
        .ok()
}

/// The nice value of the gathering's threads: above the 0 of every other thread of watch
/// mode, which the kernel then gives several times the share of a busy CPU.
#[cfg(target_os = "linux")]
const GATHERING_NICE: i32 = 10;

/// Lowers the calling thread's priority to [`GATHERING_NICE`]; on Linux a thread's nice value
/// is its own. If refused, the thread keeps its priority.
#[cfg(target_os = "linux")]
fn lower_priority() {
    let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), GATHERING_NICE);
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

fn merge(into: &mut ChangeSet, more: ChangeSet) {
    into.content.extend(more.content);
    into.templates |= more.templates;
    into.statics |= more.statics;
    into.everything |= more.everything;
}

fn serve_http(
    listener: TcpListener,
    shared: Arc<http::Shared>,
    guard: guard::Guard,
) -> Result<(), Problems> {
    let fail = |e: std::io::Error| {
        Problems::from(
            Diagnostic::error(".", "máy chủ gặp lỗi")
                .note(format!("hệ thống báo: {}", crate::explain::io_error_kind(&e))),
        )
    };
    listener.set_nonblocking(true).map_err(fail)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(fail)?;
    runtime
        .block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            let (stop, stopped) = tokio::sync::watch::channel(false);
            let app = http::router(shared, stopped, guard);
            axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = tokio::signal::ctrl_c().await;
                    let _ = stop.send(true);
                })
                .await
        })
        .map_err(fail)
}

/// How the terminal shows what each rebuild did.
#[derive(Debug, Clone, Copy)]
struct Terminal {
    styled: bool,
    quiet: bool,
}

fn report(outcome: &Outcome, started: Instant, terminal: Terminal) {
    let ms = started.elapsed().as_millis();
    match outcome {
        Outcome::Built { .. } if terminal.quiet => {}
        Outcome::Built { pages, files, how, warnings, .. } => {
            if !warnings.is_empty() {
                eprint!("{}", warnings.render(terminal.styled));
            }
            println!("Đã {how}: {pages} trang, {files} tệp, trong {ms} ms.");
        }
        Outcome::Failed(failure) => {
            eprint!("{}", failure.problems.render(terminal.styled));
            eprintln!("Trình duyệt đang hiện lỗi; các trang khác giữ bản dựng tốt gần nhất.");
        }
    }
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "windows") {
        std::process::Command::new("cmd").args(["/C", "start", "", url]).spawn()
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if command.is_err() {
        println!("Không mở được trình duyệt; hãy mở {url}");
    }
}
