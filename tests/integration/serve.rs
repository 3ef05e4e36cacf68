//! `pccc serve` over HTTP: edits show up, a broken page shows the error page while the others
//! keep serving, fixing it brings the page back, nothing outside the site is served, and
//! Ctrl-C stops the server cleanly.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::{Site, assert_contains, assert_lacks};

struct Server {
    child: Child,
    address: String,
    lines: mpsc::Receiver<String>,
    /// What serve printed before its address (the first build's line).
    before: Vec<String>,
}

impl Server {
    fn start(site: &Site) -> Server {
        Server::start_with(site, &[])
    }

    /// `pccc serve` with `more` arguments.
    fn start_with(site: &Site, more: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pccc"))
            .args(["serve", "--port", "0", "--as-of", "2026-11-28"])
            .args(more)
            .current_dir(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start pccc serve");
        let (tx, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut before = Vec::new();
        let address = loop {
            let line =
                lines.recv_timeout(deadline - Instant::now()).expect("serve prints its address");
            if let Some(rest) = line.strip_prefix("Đang phục vụ trang tại http://") {
                break rest.split('/').next().unwrap().to_string();
            }
            before.push(line);
        };
        Server { child, address, lines, before }
    }

    /// A raw HTTP/1.1 request, so the path is sent exactly as written.
    fn request(&self, path: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let text = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        (status, head.to_lowercase(), body.to_string())
    }

    /// Sends `request` exactly as written (`{addr}` replaced by the server's address) and
    /// reads the whole answer: (status, head in lower case, body).
    fn raw(&self, request: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        stream.write_all(request.replace("{addr}", &self.address).as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let text = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        (status, head.to_lowercase(), body.to_string())
    }

    fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = self.request(path);
        (status, body)
    }

    /// Waits until `path` answers with `status` and a body containing `needle`.
    #[track_caller]
    fn wait_for(&self, path: &str, status: u16, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let (got, body) = self.get(path);
            if got == status && body.contains(needle) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "{path} never answered {status} with {needle:?}; last: {got}\n{body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends Ctrl-C (SIGINT) and returns what the server printed afterwards.
    fn interrupt(mut self) -> (bool, String) {
        let status =
            Command::new("kill").args(["-INT", &self.child.id().to_string()]).status().unwrap();
        assert!(status.success());
        let exit = self.child.wait().unwrap();
        let rest: Vec<String> = self.lines.try_iter().collect();
        (exit.success(), rest.join("\n"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn edits_errors_and_recovery_over_http() {
    let site = Site::fixture("good");
    let server = Server::start(&site);
    let page = "/bai-viet/goi-114/";

    let (status, head, body) = server.request(page);
    assert_eq!(status, 200);
    assert_contains(&head, "cache-control: no-store");
    assert_contains(&body, "Gọi 114 miễn phí.");
    let build = page_build(&body);
    assert_contains(
        &body,
        &format!(r#"<script src="/__pccc/reload.js" data-build="{build}"></script></body>"#),
    );
    assert!(!site.exists("public"), "serve keeps the site in memory");

    // A body edit shows up.
    site.edit("content/bai-viet/goi-114.md", "Gọi 114 miễn phí.", "Gọi 114 miễn phí, trực 24 giờ.");
    let edited = server.wait_for(page, 200, "Gọi 114 miễn phí, trực 24 giờ.");
    assert!(page_build(&edited) > build, "the edited page comes from a later build");
    // A page whose stream starts only after that save (it was still loading) reloads at once.
    let missed = server.first_event(&format!("/__pccc/su-kien?b={build}"));
    assert_contains(&missed, "event: reload");

    // A front-matter mistake: the page shows the error page, the others keep serving.
    site.edit(
        "content/bai-viet/goi-114.md",
        "tags: [thoát nạn, 114]",
        "tags: [thoát nạn, 114]\nngay: 2026-02-05",
    );
    let error = server.wait_for(page, 500, "Trang có 1 lỗi cần sửa");
    assert_contains(&error, "Lỗi: content/bai-viet/goi-114.md, dòng 5, cột 1");
    assert_contains(&error, "trường `ngay` không dùng được trong bài viết");
    assert_contains(&error, "&gt; 5 | ngay: 2026-02-05");
    assert_contains(&error, "<strong>Cách sửa:</strong>");
    let (status, other) = server.get("/bai-viet/thoat-nan/");
    assert_eq!(status, 200);
    assert_contains(&other, "<h1>Thoát nạn khi cháy nhà ống</h1>");
    assert_contains(&other, "Bản dựng mới có 1 lỗi (content/bai-viet/goi-114.md, dòng 5)");
    let (_, details) = server.get("/__pccc/loi");
    assert_contains(&details, "content/bai-viet/goi-114.md, dòng 5");

    // Fixed: the page is back and the banner is gone.
    site.edit("content/bai-viet/goi-114.md", "\nngay: 2026-02-05", "");
    let back = server.wait_for(page, 200, "Gọi 114 miễn phí, trực 24 giờ.");
    assert_lacks(&back, "role=\"alert\"");

    // A template edit re-renders without a content change.
    site.edit("themes/thu/templates/page.html", "<article>", "<article class=\"moi\">");
    server.wait_for(page, 200, "<article class=\"moi\">");

    // A new page appears; a deleted one is gone.
    site.write(
        "content/bai-viet/moi.md",
        "---\ntitle: \"Bài mới\"\ndate: 2026-05-01\n---\n\nNội dung mới.\n",
    );
    server.wait_for("/bai-viet/moi/", 200, "Nội dung mới.");
    site.remove("content/bai-viet/moi.md");
    server.wait_for("/bai-viet/moi/", 404, "");

    // Nothing outside the site is served.
    for path in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/../../../../etc/passwd",
        "/content/bai-viet/goi-114.md",
    ] {
        assert_eq!(server.get(path).0, 404, "{path}");
    }

    let (clean, printed) = server.interrupt();
    assert!(clean, "Ctrl-C ends with success");
    assert_contains(&printed, "Đã dừng.");
}

#[test]
fn heading_change_rechecks_links_from_other_pages() {
    let site = Site::fixture("good");
    let server = Server::start(&site);
    // thoat-nan.md links to goi-114.md#noi-gi-khi-goi: renaming that heading breaks the link.
    site.edit("content/bai-viet/goi-114.md", "## Nói gì khi gọi", "## Khi gọi thì nói gì");
    let error = server.wait_for("/bai-viet/thoat-nan/", 500, "không có mục `#noi-gi-khi-goi`");
    assert_contains(&error, "content/bai-viet/thoat-nan.md, dòng 22");
    site.edit("content/bai-viet/goi-114.md", "## Khi gọi thì nói gì", "## Nói gì khi gọi");
    server.wait_for("/bai-viet/thoat-nan/", 200, "#noi-gi-khi-goi");
}

#[test]
fn serve_binds_loopback_by_default() {
    let site = Site::fixture("good");
    let server = Server::start(&site);
    assert!(server.address.starts_with("127.0.0.1:"), "{}", server.address);
}

/// The build number a served page carries in its reload script.
fn page_build(html: &str) -> u64 {
    let (_, rest) = html.split_once("data-build=\"").expect("the reload script");
    rest.split('"').next().unwrap().parse().unwrap()
}

impl Server {
    /// Opens the event stream at `path` and returns what it sent up to its first event.
    fn first_event(&self, path: &str) -> String {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        stream.write_all(get_as(&self.address, path, "").as_bytes()).unwrap();
        let mut seen = String::new();
        let mut buffer = [0u8; 4096];
        while !seen.contains("event: ") {
            let n = stream.read(&mut buffer).expect("an event within 20 s");
            assert!(n > 0, "stream closed: {seen}");
            seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
        seen
    }
}

/// A GET of `path` with `host` as `Host` and the extra header lines `extra`.
fn get_as(host: &str, path: &str, extra: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n")
}

#[test]
fn other_hosts_and_origins_are_turned_away() {
    let site = Site::fixture("good");
    let server = Server::start(&site);
    let address = server.address.clone();
    let port = address.rsplit(':').next().unwrap().to_string();
    let wrong_host = format!(
        "pccc serve chỉ trả lời khi trang được mở bằng địa chỉ của chính máy này, để trang web khác không đọc được bản xem thử. Hãy mở http://{address}/ hoặc http://localhost:{port}/.\n"
    );
    let other_site = format!(
        "pccc serve không cho trang của nơi khác đọc bản xem thử. Hãy mở http://{address}/ hoặc http://localhost:{port}/ trực tiếp trong trình duyệt.\n"
    );

    // DNS rebinding: another site's name pointed at 127.0.0.1 is not answered, on any path.
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        format!("10.0.0.1:{port}"),
        format!("0.0.0.0:{port}"),
    ] {
        for path in ["/", "/bai-viet/goi-114/", "/__pccc/loi", "/__pccc/su-kien"] {
            let (status, head, body) = server.raw(&get_as(&host, path, ""));
            assert_eq!((status, body.as_str()), (421, wrong_host.as_str()), "{host} {path}");
            assert_contains(&head, "content-type: text/plain; charset=utf-8");
        }
    }
    let (status, _, body) = server.raw("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!((status, body.as_str()), (421, wrong_host.as_str()), "no Host");
    let absolute = "GET http://evil.example/ HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n";
    assert_eq!(server.raw(absolute).0, 421, "absolute form naming another host");

    // Names of this machine are answered.
    for host in [
        address.clone(),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        format!("xem-thu.localhost:{port}"),
        format!("127.0.0.2:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, _, body) = server.raw(&get_as(&host, "/bai-viet/goi-114/", ""));
        assert_eq!(status, 200, "{host}");
        assert_contains(&body, "Gọi 114 miễn phí.");
    }

    // Another site's request to the error page or the event stream is refused...
    for path in ["/__pccc/loi", "/__pccc/su-kien"] {
        for header in [
            "Origin: http://evil.example\r\n",
            "Origin: null\r\n",
            "Origin: http://127.0.0.1:1\r\n",
            "Sec-Fetch-Site: cross-site\r\n",
            "Sec-Fetch-Site: same-site\r\n",
        ] {
            let (status, _, body) = server.raw(&get_as(&address, path, header));
            assert_eq!((status, body.as_str()), (403, other_site.as_str()), "{path} {header}");
        }
    }
    // ...while the page itself, curl and a link followed from elsewhere still get answers.
    let same = format!("Origin: http://{address}\r\nSec-Fetch-Site: same-origin\r\n");
    for extra in [same.as_str(), "", "Sec-Fetch-Site: none\r\n"] {
        let (status, _, body) = server.raw(&get_as(&address, "/__pccc/loi", extra));
        assert_eq!(status, 200, "{extra}");
        assert_contains(&body, "Bản dựng gần nhất không có lỗi.");
    }
    let (status, _, body) =
        server.raw(&get_as(&address, "/bai-viet/goi-114/", "Sec-Fetch-Site: cross-site\r\n"));
    assert_eq!(status, 200);
    assert_contains(&body, "Gọi 114 miễn phí.");

    // The page's own event stream still tells it to reload after a save.
    let mut stream = TcpStream::connect(&address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    stream.write_all(get_as(&address, "/__pccc/su-kien", &same).as_bytes()).unwrap();
    let mut seen = String::new();
    let mut buffer = [0u8; 4096];
    while !seen.contains("\r\n\r\n") {
        let n = stream.read(&mut buffer).unwrap();
        assert!(n > 0, "stream closed: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
    assert!(seen.starts_with("HTTP/1.1 200"), "{seen}");
    assert_contains(&seen.to_lowercase(), "content-type: text/event-stream");
    site.edit("content/bai-viet/goi-114.md", "Gọi 114 miễn phí.", "Gọi 114 miễn phí, cả đêm.");
    while !seen.contains("event: reload") {
        let n = stream.read(&mut buffer).expect("a reload event within 20 s");
        assert!(n > 0, "stream closed: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
}

#[test]
fn serve_shows_drafts_with_a_notice_unless_no_drafts() {
    let site = crate::cli::with_a_draft();
    let server = Server::start(&site);
    assert!(server.before.iter().any(|l| l.starts_with("Đã dựng")), "{:?}", server.before);
    let (status, body) = server.get("/nhap/");
    assert_eq!(status, 200, "{body}");
    assert_contains(&body, "<strong>Bản nháp.</strong>");
    let (_, published) = server.get("/da-dang/");
    assert_lacks(&published, "draft-notice");
    drop(server);
    // --quiet: the address only, no line per build.
    let server = Server::start_with(&site, &["--no-drafts", "--quiet"]);
    assert_eq!(server.before, Vec::<String>::new());
    let (status, _) = server.get("/nhap/");
    assert_eq!(status, 404);
}

/// The map's outline lives outside the folders serve watches whole (`[map] outline`): creating
/// its folder and file, then saving it, each rebuild the site.
#[test]
fn the_maps_outline_is_followed_from_creation_to_each_save() {
    let site = Site::fixture("places");
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        format!("{toml}\n[map]\noutline = \"du-lieu/ranh-gioi-thu.geojson\"\n"),
    );
    let server = Server::start(&site);
    let page = "/diem-chua-chay/";
    // No build yet: the error is on the preview's error page.
    server.wait_for("/__pccc/loi", 200, "không tìm thấy tệp ranh giới");

    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/outline/ranh-gioi-thu.geojson");
    let outline = std::fs::read_to_string(fixture).unwrap();
    site.write("du-lieu/ranh-gioi-thu.geojson", &outline);
    let drawn = server.wait_for(page, 200, "class=\"ranh-gioi\"");
    assert_lacks(&drawn, "role=\"alert\"");

    site.write("du-lieu/ranh-gioi-thu.geojson", "không phải JSON");
    let error = server.wait_for(page, 500, "Lỗi: du-lieu/ranh-gioi-thu.geojson");
    assert_contains(&error, "tệp không phải JSON hợp lệ");
    site.write(
        "du-lieu/ranh-gioi-thu.geojson",
        outline.replace("[105.823, 21.001]", "[105.824, 21.001]"),
    );
    let back = server.wait_for(page, 200, "class=\"ranh-gioi\"");
    assert_lacks(&back, "role=\"alert\"");
    assert_ne!(back, drawn, "the moved corner is drawn");
}
