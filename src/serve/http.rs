//! The HTTP side of watch mode: the last good build served from memory, the error page in
//! place of pages whose sources have errors, a reload script injected into HTML (only here,
//! never into `build` output), and server-sent events that tell open pages to reload.
//!
//! Requests are answered only from the build's own list of outputs: a request path is a key to
//! look up, never joined to a folder on disk, so nothing outside the site can be reached.

use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body as HttpBody;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::{BroadcastStream, WatchStream};

use super::PREFIX;
use super::error_page;
use super::guard::Guard;
use super::state::{Body, Snapshot};

/// Open event streams allowed at once (each open tab holds one).
const MAX_CLIENTS: usize = 64;

/// The reload script. It sends the build its page came from, so a build published between the
/// page's answer and the stream's start still reloads it (seen in CI: a save then missed). An
/// event whose data names pages (`{"build":12,"pages":["/tim-kiem/"]}`: files made after the
/// reload changed) reloads only those; one that is just a build number reloads every page.
const RELOAD_JS: &str = "(function(){if(!window.EventSource)return;\
var c=document.currentScript,b=c?c.getAttribute('data-build'):'';\
var s=new EventSource('/__pccc/su-kien?b='+encodeURIComponent(b||''));\
s.addEventListener('reload',function(e){var d=null;try{d=JSON.parse(e.data);}catch(x){}\
if(d&&d.pages){var p=location.pathname;try{p=decodeURI(p);}catch(x){}\
if(d.pages.indexOf(p)<0)return;}\
s.close();window.location.reload();});})();\n";

/// A reload event: the build, and the pages to reload (`None`: every page).
#[derive(Debug, Clone)]
struct Reload {
    build: u64,
    pages: Option<Arc<[String]>>,
}

impl Reload {
    /// The event's data, as the reload script reads it.
    fn data(&self) -> String {
        match &self.pages {
            None => self.build.to_string(),
            Some(pages) => {
                serde_json::json!({ "build": self.build, "pages": &pages[..] }).to_string()
            }
        }
    }
}

/// State shared by the request handlers and the builder thread.
pub struct Shared {
    snapshot: RwLock<Snapshot>,
    events: broadcast::Sender<Reload>,
    /// The build of the last reload sent; a page from an older build reloads when it connects.
    reloaded: AtomicU64,
    clients: AtomicUsize,
}

impl Shared {
    /// Shared state starting with `snapshot`.
    pub fn new(snapshot: Snapshot) -> Arc<Shared> {
        let (events, _) = broadcast::channel(16);
        Arc::new(Shared {
            snapshot: RwLock::new(snapshot),
            events,
            reloaded: AtomicU64::new(0),
            clients: AtomicUsize::new(0),
        })
    }

    /// Publishes a new build and tells open pages to reload.
    pub fn publish(&self, snapshot: Snapshot) {
        let build = snapshot.build;
        if let Ok(mut current) = self.snapshot.write() {
            *current = snapshot;
        }
        // Stored before the event is sent: a stream that subscribes first gets the event, one
        // that subscribes later sees the number (see `events`).
        self.reloaded.fetch_max(build, Ordering::SeqCst);
        let _ = self.events.send(Reload { build, pages: None });
    }

    /// Replaces the snapshot of the same build with one where the pages at the site paths
    /// `changed` (`/tim-kiem/`) changed, and tells those pages, if open, to reload.
    pub fn update(&self, snapshot: Snapshot, changed: Vec<String>) {
        let build = snapshot.build;
        if let Ok(mut current) = self.snapshot.write() {
            *current = snapshot;
        }
        if !changed.is_empty() {
            let _ = self.events.send(Reload { build, pages: Some(changed.into()) });
        }
    }

    fn current(&self) -> Snapshot {
        self.snapshot.read().map(|s| s.clone()).unwrap_or_default()
    }
}

/// The router of the watch-mode server. `shutdown` ends open event streams; `guard` turns away
/// requests from other sites before any handler runs.
pub fn router(
    shared: Arc<Shared>,
    shutdown: tokio::sync::watch::Receiver<bool>,
    guard: Guard,
) -> Router {
    Router::new()
        .route(&format!("{PREFIX}/reload.js"), get(reload_js))
        .route(&format!("{PREFIX}/loi"), get(errors))
        .route(
            &format!("{PREFIX}/su-kien"),
            get(move |state, uri| events(state, uri, shutdown.clone())),
        )
        .fallback(site)
        .layer(axum::middleware::from_fn_with_state(Arc::new(guard), guard_requests))
        .with_state(shared)
}

/// The guard as middleware: answers a request [`Guard::check`] refuses with its status and
/// text, passes the others on.
async fn guard_requests(State(guard): State<Arc<Guard>>, request: Request, next: Next) -> Response {
    let authority = request.uri().authority().map(|a| a.as_str().to_string());
    match guard.check(request.uri().path(), authority.as_deref(), request.headers()) {
        Some(refusal) => {
            respond(refusal.status, "text/plain; charset=utf-8", refusal.text.into_bytes())
        }
        None => next.run(request).await,
    }
}

async fn reload_js() -> Response {
    respond(StatusCode::OK, "text/javascript; charset=utf-8", RELOAD_JS.as_bytes().to_vec())
}

async fn errors(State(shared): State<Arc<Shared>>) -> Response {
    let snapshot = shared.current();
    let html = match &snapshot.failure {
        Some(failure) => error_page::page(&failure.problems),
        None => {
            "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Không có lỗi</title>\
                 <p>Bản dựng gần nhất không có lỗi.</p></html>"
                .to_string()
        }
    };
    respond(
        StatusCode::OK,
        "text/html; charset=utf-8",
        inject(html.into_bytes(), snapshot.build, None),
    )
}

async fn events(
    State(shared): State<Arc<Shared>>,
    uri: Uri,
    shutdown: tokio::sync::watch::Receiver<bool>,
) -> Response {
    if shared.clients.fetch_add(1, Ordering::SeqCst) >= MAX_CLIENTS {
        shared.clients.fetch_sub(1, Ordering::SeqCst);
        return respond(
            StatusCode::SERVICE_UNAVAILABLE,
            "text/plain; charset=utf-8",
            b"qua nhieu ket noi".to_vec(),
        );
    }
    let guard = ClientGuard(Arc::clone(&shared));
    // Subscribe before reading `reloaded`: `publish` stores it before sending, so a reload is
    // either in the subscription or already in the number, never in neither.
    let subscription = shared.events.subscribe();
    let reloaded = shared.reloaded.load(Ordering::SeqCst);
    let missed = page_build(&uri).is_some_and(|page| page < reloaded);
    let missed = missed.then_some(Some(Reload { build: reloaded, pages: None }));
    let builds = tokio_stream::iter(missed)
        .chain(BroadcastStream::new(subscription).filter_map(|reload| reload.ok().map(Some)));
    // The stream ends when the server stops, so a graceful shutdown does not wait for tabs.
    let stop = WatchStream::new(shutdown).filter(|stop| *stop).map(|_| None);
    let stream = builds.merge(stop).take_while(Option::is_some).map(move |reload| {
        let _keep = &guard;
        let data = reload.map(|reload| reload.data()).unwrap_or_default();
        Ok::<Event, Infallible>(Event::default().event("reload").data(data))
    });
    let mut response = Sse::new(stream).keep_alive(KeepAlive::default()).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The build a page came from, as its reload script sends it (`?b=12`).
fn page_build(uri: &Uri) -> Option<u64> {
    uri.query()?.split('&').find_map(|pair| pair.strip_prefix("b=")?.parse().ok())
}

/// Counts an open event stream until it ends.
struct ClientGuard(Arc<Shared>);

impl Drop for ClientGuard {
    fn drop(&mut self) {
        self.0.clients.fetch_sub(1, Ordering::SeqCst);
    }
}

async fn site(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return respond(StatusCode::METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", Vec::new());
    }
    let snapshot = shared.current();
    let path = crate::model::links::percent_decode(uri.path());
    let found = if path.split('/').any(|part| part == ".." || part.contains('\\')) {
        None
    } else {
        snapshot.outputs.lookup(&path)
    };
    let failure = snapshot.failure.as_deref();
    if let (Some((key, _)), Some(f)) = (found, failure)
        && f.covers(key)
    {
        let html = error_page::page(&f.problems);
        return respond(
            StatusCode::INTERNAL_SERVER_ERROR,
            "text/html; charset=utf-8",
            inject(html.into_bytes(), snapshot.build, None),
        );
    }
    let (status, key, bytes) = match found {
        Some((key, body)) => match read(body) {
            Some(bytes) => (StatusCode::OK, key.to_string(), bytes),
            None => (StatusCode::NOT_FOUND, "404.html".to_string(), not_found(&snapshot)),
        },
        None => (StatusCode::NOT_FOUND, "404.html".to_string(), not_found(&snapshot)),
    };
    let content_type = content_type(&key);
    let bytes = if content_type.starts_with("text/html") {
        inject(bytes, snapshot.build, failure.map(|f| error_page::banner(&f.problems)))
    } else {
        bytes
    };
    if method == Method::HEAD {
        let mut response = respond(status, content_type, Vec::new());
        if let Ok(length) = HeaderValue::from_str(&bytes.len().to_string()) {
            response.headers_mut().insert(header::CONTENT_LENGTH, length);
        }
        return response;
    }
    respond(status, content_type, bytes)
}

fn read(body: &Body) -> Option<Vec<u8>> {
    match body {
        Body::Bytes(bytes) => Some(bytes.to_vec()),
        Body::File(path) => std::fs::read(path).ok(),
    }
}

fn not_found(snapshot: &Snapshot) -> Vec<u8> {
    match snapshot.outputs.lookup("/404.html").and_then(|(_, body)| read(body)) {
        Some(bytes) => bytes,
        None => b"<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Kh\xc3\xb4ng t\xc3\xacm th\xe1\xba\xa5y</title></html>".to_vec(),
    }
}

/// Adds the reload script before `</body>`, with the `build` the page comes from, and the
/// error banner after `<body ...>`.
fn inject(html: Vec<u8>, build: u64, banner: Option<String>) -> Vec<u8> {
    let Ok(mut text) = String::from_utf8(html) else { return Vec::new() };
    let script = format!("<script src=\"{PREFIX}/reload.js\" data-build=\"{build}\"></script>");
    match text.rfind("</body>") {
        Some(i) => text.insert_str(i, &script),
        None => text.push_str(&script),
    }
    if let Some(banner) = banner
        && let Some(start) = text.find("<body")
        && let Some(end) = text[start..].find('>')
    {
        text.insert_str(start + end + 1, &banner);
    }
    text.into_bytes()
}

fn respond(status: StatusCode, content_type: &'static str, bytes: Vec<u8>) -> Response {
    let mut response = (status, HttpBody::from(bytes)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // A reload must never show a cached copy (seen: a same-second reload answered 304).
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// The media type of an output file, from its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_the_script_and_banner() {
        let html = b"<html><body class=\"x\"><p>a</p></body></html>".to_vec();
        let out = String::from_utf8(inject(html, 7, Some("<div>LOI</div>".into()))).unwrap();
        assert_eq!(
            out,
            "<html><body class=\"x\"><div>LOI</div><p>a</p><script src=\"/__pccc/reload.js\" data-build=\"7\"></script></body></html>"
        );
    }

    #[test]
    fn reads_the_build_a_page_came_from() {
        assert_eq!(page_build(&"/__pccc/su-kien?b=12".parse().unwrap()), Some(12));
        assert_eq!(page_build(&"/__pccc/su-kien?x=1&b=3".parse().unwrap()), Some(3));
        assert_eq!(page_build(&"/__pccc/su-kien?b=".parse().unwrap()), None);
        assert_eq!(page_build(&"/__pccc/su-kien".parse().unwrap()), None);
    }

    #[test]
    fn media_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("dien-tap/lich.ics"), "text/calendar; charset=utf-8");
        assert_eq!(content_type("x.bin"), "application/octet-stream");
    }
}
