//! The good fixture site: pages, URLs, feeds, sitemap, tags, drafts and dates.

use crate::support::{Site, assert_contains, assert_lacks};

const AS_OF: &str = "2026-11-28";

#[test]
fn builds_pages_at_pretty_urls() {
    let site = Site::fixture("good");
    let run = site.build(AS_OF);
    assert_contains(&run.stdout, "Đã dựng 4 trang, 2 chuyên mục");
    for file in [
        "public/index.html",
        "public/gioi-thieu-phuong/index.html",
        "public/bai-viet/index.html",
        "public/bai-viet/thoat-nan/index.html",
        "public/bai-viet/goi-114/index.html",
        "public/bai-viet/so-tay/index.html",
        "public/404.html",
        "public/robots.txt",
    ] {
        assert!(site.exists(file), "{file} missing");
    }
    assert_eq!(site.top_level(), ["content", "public", "site.toml", "static", "themes"]);
}

#[test]
fn article_page_has_its_content_and_metadata() {
    let site = Site::fixture("good");
    site.build(AS_OF);
    let html = site.read("public/bai-viet/thoat-nan/index.html");
    assert_contains(&html, "<title>Thoát nạn khi cháy nhà ống</title>");
    assert_contains(&html, r#"<a href="tel:114">Gọi 114</a>"#);
    assert_contains(&html, r#"<p class="date">01/03/2026 · ngày 01 tháng 3 năm 2026</p>"#);
    assert_contains(&html, r#"<p class="key">Cúi thấp, che mũi</p>"#);
    assert_contains(&html, r#"<h2 id="khi-co-chay">Khi có cháy</h2>"#);
    assert_contains(
        &html,
        r##"<a href="#khi-co-chay">Khi có cháy</a><a href="#sau-khi-thoat">Sau khi thoát</a>"##,
    );
    assert_contains(
        &html,
        r#"<a href="https://thu.example/bai-viet/goi-114/#noi-gi-khi-goi">nói gì khi gọi</a>"#,
    );
    assert_contains(&html, r##"<a href="#sau-khi-thoat">mục dưới</a>"##);
    // Raw HTML is shown as text, never run.
    assert_contains(&html, "<p>&lt;script&gt;alert(\"x\")&lt;/script&gt;\n</p>");
    assert_lacks(&html, "<script>");
    assert_contains(
        &html,
        r#"<aside class="callout callout-caution" role="note"><p class="callout-title">Không được</p>"#,
    );
    assert_contains(
        &html,
        "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ số 55/2024/QH15, Quốc hội, ngày 29 tháng 11 năm 2024",
    );
    assert_contains(
        &html,
        r#"<a href="https://thu.example/chu-de/thoat-nan/">thoát nạn</a><a href="https://thu.example/chu-de/nha-ong/">Nhà ống</a>"#,
    );
    // The summary marker leaves no trace.
    assert_lacks(&html, "more");
}

#[test]
fn times_tables_code_and_bundled_files() {
    let site = Site::fixture("good");
    site.build(AS_OF);
    let goi = site.read("public/bai-viet/goi-114/index.html");
    assert_contains(&goi, r#"<p class="date">05/02/2026 · ngày 05 tháng 02 năm 2026 · 08h30</p>"#);
    assert_contains(
        &goi,
        r#"<div class="table-scroll" tabindex="0" role="region" aria-label="Bảng">"#,
    );
    let so_tay = site.read("public/bai-viet/so-tay/index.html");
    assert_contains(
        &so_tay,
        r#"<img src="https://thu.example/bai-viet/so-tay/so-do.svg" alt="Sơ đồ lối thoát" width="10" height="10" loading="lazy" decoding="async">"#,
    );
    assert_contains(&so_tay, r#"<code class="language-yaml"><span class="z-"#);
    assert_lacks(&so_tay, "style=");
    assert_contains(&so_tay, r#"<link rel="stylesheet" href="https://thu.example/syntax.css?v="#);
    assert!(site.read("public/syntax.css").contains(".z-"));
    assert!(site.exists("public/bai-viet/so-tay/so-do.svg"));
    // Static files of the theme and of the site, with a content hash in the URL.
    assert_eq!(site.read("public/style.css"), "body { color: #111; }\n");
    assert_eq!(site.read("public/ghi-chu.txt"), "Tệp tĩnh của trang.\n");
    assert_contains(&goi, r#"<link rel="stylesheet" href="https://thu.example/style.css?v="#);
    assert_lacks(&goi, "syntax.css");
}

#[test]
fn sections_are_sorted_and_paginated() {
    let site = Site::fixture("good");
    site.build(AS_OF);
    let first = site.read("public/bai-viet/index.html");
    assert_contains(&first, "Giới thiệu chuyên mục.");
    assert_contains(
        &first,
        r#"<ol class="list"><li><a href="https://thu.example/bai-viet/thoat-nan/">Thoát nạn khi cháy nhà ống</a> <time>01/03/2026</time></li><li><a href="https://thu.example/bai-viet/goi-114/">Gọi 114 đúng cách</a> <time>05/02/2026</time></li></ol>"#,
    );
    assert_contains(
        &first,
        r#"<p class="pages">1/2 <a rel="next" href="https://thu.example/bai-viet/trang/2/">sau</a></p>"#,
    );
    let second = site.read("public/bai-viet/trang/2/index.html");
    assert_contains(&second, "Sổ tay cấu hình");
    assert_lacks(&second, "Giới thiệu chuyên mục.");
    assert_contains(&second, r#"<p class="pages">2/2</p>"#);
    let home = site.read("public/index.html");
    assert_contains(
        &home,
        r#"<ul class="recent"><li>Thoát nạn khi cháy nhà ống</li><li>Gọi 114 đúng cách</li><li>Sổ tay cấu hình</li></ul>"#,
    );
    assert_contains(&home, r#"<a href="https://thu.example/bai-viet/">Bài viết</a>"#);
}

#[test]
fn drafts_and_dates_decide_what_is_published() {
    let site = Site::fixture("good");
    site.build(AS_OF);
    for absent in ["public/bai-viet/nhap", "public/bai-viet/sap-dang", "public/bai-viet/het-han"] {
        assert!(!site.exists(absent), "{absent} should not be built on {AS_OF}");
    }
    assert_lacks(&site.read("public/sitemap.xml"), "nhap");
    assert_lacks(&site.read("public/atom.xml"), "Bản nháp");

    let run = site.pccc(&["build", "--as-of", AS_OF, "--drafts"]);
    assert!(run.success, "{}", run.stderr);
    assert!(site.exists("public/bai-viet/nhap/index.html"));

    site.build("2026-12-01");
    assert!(site.exists("public/bai-viet/sap-dang/index.html"), "publish_date reached");
    assert!(!site.exists("public/bai-viet/nhap"), "drafts only with --drafts");

    site.build("2026-05-31");
    assert!(site.exists("public/bai-viet/het-han/index.html"), "not yet expired");
    assert!(site.exists("public/chu-de/thong-bao/index.html"));
    site.build("2026-06-01");
    assert!(!site.exists("public/bai-viet/het-han"), "expired on its expiry date");
    assert!(!site.exists("public/chu-de/thong-bao"));
}

#[test]
fn feeds_list_dated_pages_newest_first() {
    let site = Site::fixture("good");
    site.build(AS_OF);
    let atom = site.read("public/atom.xml");
    assert_contains(&atom, r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">"#);
    assert_contains(
        &atom,
        r#"<link rel="self" type="application/atom+xml" href="https://thu.example/atom.xml"/>"#,
    );
    assert_contains(&atom, "<updated>2026-03-10T00:00:00+07:00</updated>");
    assert_contains(&atom, "<author><name>Phường Thử</name></author>");
    let order: Vec<usize> = ["Thoát nạn khi cháy nhà ống", "Gọi 114 đúng cách", "Sổ tay cấu hình"]
        .iter()
        .map(|t| atom.find(&format!("<title>{t}</title>")).unwrap_or_else(|| panic!("{t} in feed")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "newest first: {order:?}");
    assert_contains(&atom, "<published>2026-02-05T08:30:00+07:00</published>");
    // Content is HTML escaped inside XML.
    assert_contains(&atom, "&lt;h2 id=&quot;khi-co-chay&quot;&gt;Khi có cháy&lt;/h2&gt;");
    assert_contains(&atom, "&amp;lt;script&amp;gt;");
    assert_lacks(&atom, "Giới thiệu");
    let section = site.read("public/bai-viet/atom.xml");
    assert_contains(&section, "<title>Bài viết | Trang thử</title>");
    assert_contains(
        &section,
        r#"<link rel="alternate" type="text/html" href="https://thu.example/bai-viet/"/>"#,
    );
}

#[test]
fn sitemap_robots_and_not_found() {
    let site = Site::fixture("good");
    site.build(AS_OF);
    let sitemap = site.read("public/sitemap.xml");
    for url in [
        "https://thu.example/",
        "https://thu.example/bai-viet/",
        "https://thu.example/bai-viet/goi-114/",
        "https://thu.example/gioi-thieu-phuong/",
        "https://thu.example/chu-de/thoat-nan/",
    ] {
        assert_contains(&sitemap, &format!("<loc>{url}</loc>"));
    }
    assert_contains(
        &sitemap,
        "<loc>https://thu.example/bai-viet/thoat-nan/</loc>\n    <lastmod>2026-03-10</lastmod>",
    );
    assert_eq!(
        site.read("public/robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://thu.example/sitemap.xml\n"
    );
    // The theme has no 404.html: the built-in one is used.
    let not_found = site.read("public/404.html");
    assert_contains(&not_found, "<h1>Không tìm thấy trang</h1>");
    assert_contains(&not_found, r#"<a href="tel:114">114</a>"#);
}

#[test]
fn tag_pages_and_aliases() {
    let site = Site::fixture("good");
    site.build(AS_OF);
    let tags = site.read("public/chu-de/index.html");
    assert_contains(
        &tags,
        r#"<li><a href="https://thu.example/chu-de/114/">114</a> (1)</li><li><a href="https://thu.example/chu-de/nha-ong/">Nhà ống</a> (1)</li><li><a href="https://thu.example/chu-de/thoat-nan/">thoát nạn</a> (3)</li>"#,
    );
    let tag = site.read("public/chu-de/thoat-nan/index.html");
    assert_contains(&tag, "<h1>thoát nạn</h1>");
    assert_contains(&tag, "1/2");
    assert!(site.exists("public/chu-de/thoat-nan/trang/2/index.html"));
    let alias = site.read("public/cu/thoat-nan/index.html");
    assert_contains(
        &alias,
        r#"<meta http-equiv="refresh" content="0; url=https://thu.example/bai-viet/thoat-nan/">"#,
    );
    assert_contains(
        &alias,
        r#"<link rel="canonical" href="https://thu.example/bai-viet/thoat-nan/">"#,
    );
    let menu = site.read("public/bai-viet/index.html");
    assert_contains(
        &menu,
        r#"<a href="https://thu.example/bai-viet/" aria-current="page">Bài viết</a><a href="https://thu.example/chu-de/">Chủ đề</a>"#,
    );
}

#[test]
fn text_is_normalised_on_load() {
    let site = Site::fixture("good");
    // A file saved by Windows Notepad: byte-order mark, CRLF line ends, decomposed letters.
    let decomposed = "Tho\u{0061}\u{0301}t na\u{0323}n \u{0110}i\u{0323}a ch\u{1EC9}";
    site.write(
        "content/bai-viet/windows.md",
        format!("\u{FEFF}---\r\ntitle: \"{decomposed}\"\r\ndate: 2026-01-02\r\n---\r\n\r\n## {decomposed}\r\n\r\nXem [trên](#thoat-nan-dia-chi).\r\n"),
    );
    site.build(AS_OF);
    let html = site.read("public/bai-viet/windows/index.html");
    assert_contains(&html, "<title>Thoát nạn Địa chỉ</title>");
    assert_contains(&html, r#"<h2 id="thoat-nan-dia-chi">Thoát nạn Địa chỉ</h2>"#);
    assert_lacks(&html, "\r");
}

#[test]
fn base_url_can_be_overridden_for_previews() {
    let site = Site::fixture("good");
    let run = site.pccc(&["build", "--as-of", AS_OF, "--base-url", "http://127.0.0.1:1111/"]);
    assert!(run.success, "{}", run.stderr);
    assert_contains(&site.read("public/index.html"), r#"href="http://127.0.0.1:1111/bai-viet/""#);
}

#[test]
fn check_writes_nothing() {
    let site = Site::fixture("good");
    let run = site.pccc(&["check", "--as-of", AS_OF]);
    assert!(run.success, "{}", run.stderr);
    assert_contains(&run.stdout, "Không có lỗi: 4 trang, 2 chuyên mục");
    assert!(!site.exists("public"));
}

#[test]
fn new_creates_a_draft_in_a_section() {
    let site = Site::fixture("good");
    let run = site.pccc(&["new", "bai-viet", "Sạc xe điện: an toàn"]);
    assert!(run.success, "{}", run.stderr);
    assert_contains(&run.stdout, "content/bai-viet/sac-xe-dien-an-toan.md");
    let text = site.read("content/bai-viet/sac-xe-dien-an-toan.md");
    assert!(text.starts_with("---\ntitle: 'Sạc xe điện: an toàn'\n"), "{text}");
    assert_contains(&text, "draft: true");
    site.build(AS_OF);
    assert!(!site.exists("public/bai-viet/sac-xe-dien-an-toan"));
    let again = site.pccc(&["new", "bai-viet", "Sạc xe điện: an toàn"]);
    assert!(!again.success);
    assert_contains(&again.stderr, "tệp này đã có");
    let missing = site.pccc(&["new", "khong-co", "X"]);
    assert_contains(&missing.stderr, "không có chuyên mục `khong-co`");
}

/// A subsection holds the type of its parent section unless it names its own: `pccc new` writes
/// that type's skeleton, as the build reads it.
#[test]
fn new_writes_the_type_a_subsection_inherits() {
    let site = Site::fixture("good");
    site.write("content/bai-hoc/_index.md", "---\ntitle: Bài học\ntype: bai_hoc\n---\n");
    site.write("content/bai-hoc/tieu-hoc/_index.md", "---\ntitle: Tiểu học\n---\n");
    site.write("content/bai-hoc/tieu-hoc/lop-5/_index.md", "---\ntitle: Lớp 5\n---\n");
    let run = site.pccc(&["new", "bai-hoc/tieu-hoc/lop-5", "Thoát nạn khỏi lớp học"]);
    assert!(run.success, "{}", run.stderr);
    let text = site.read("content/bai-hoc/tieu-hoc/lop-5/thoat-nan-khoi-lop-hoc.md");
    assert_contains(&text, "level: tieu_hoc");
    assert_contains(&text, "quiz:");

    // A subsection that names its own type keeps it.
    site.write("content/bai-hoc/tin/_index.md", "---\ntitle: Tin\ntype: bai_viet\n---\n");
    let run = site.pccc(&["new", "bai-hoc/tin", "Tin mới"]);
    assert!(run.success, "{}", run.stderr);
    let text = site.read("content/bai-hoc/tin/tin-moi.md");
    assert_contains(&text, "key_messages: []");
    assert!(!text.contains("level:"), "{text}");
}

#[test]
fn a_rebuild_rewrites_only_what_changed_and_removes_what_is_gone() {
    let site = Site::fixture("good");
    site.build(AS_OF);
    let untouched = site.path("public/bai-viet/goi-114/index.html");
    let mark = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    std::fs::File::options().write(true).open(&untouched).unwrap().set_modified(mark).unwrap();
    let before = site.snapshot("public");

    // The same content again: nothing is rewritten, the output is the same.
    site.build(AS_OF);
    assert_eq!(site.snapshot("public"), before);
    assert_eq!(std::fs::metadata(&untouched).unwrap().modified().unwrap(), mark);

    // One page edited and one removed: the edit shows, the removed page's files are gone, the
    // page nothing changed on keeps its file.
    assert!(site.exists("public/bai-viet/so-tay/so-do.svg"));
    site.edit("content/bai-viet/thoat-nan.md", "Khi có cháy", "Khi phát hiện cháy");
    site.remove("content/bai-viet/so-tay/index.md");
    site.remove("content/bai-viet/so-tay/so-do.svg");
    let run = site.build(AS_OF);
    assert!(run.success, "{}", run.stderr);
    assert_contains(&site.read("public/bai-viet/thoat-nan/index.html"), "Khi phát hiện cháy");
    assert!(!site.exists("public/bai-viet/so-tay"), "the removed page's folder is gone");
    assert_eq!(std::fs::metadata(&untouched).unwrap().modified().unwrap(), mark);
    let hidden: Vec<_> = site.top_level().into_iter().filter(|n| n.starts_with('.')).collect();
    assert_eq!(hidden, [".public.ban-truoc"], "no staging left, the previous output kept");
}

#[test]
fn file_names_written_decomposed_are_found_by_composed_links() {
    // Issue 14: files copied from a Mac have decomposed (NFD) names; links, `template:`,
    // includes and `static_url` are written composed (NFC). Each must find its file.
    let nfd = |name: &str| -> String {
        use unicode_normalization::UnicodeNormalization;
        name.nfd().collect()
    };
    let site = Site::fixture("good");
    let guide = nfd("hướng-dẫn");
    assert_ne!(guide, "hướng-dẫn", "the name on disk must really be decomposed");
    site.write(
        &format!("content/bai-viet/{guide}.md"),
        "---\ntitle: \"Hướng dẫn\"\ndate: 2026-01-03\ntemplate: trang-riêng.html\n---\n\n## Mục một\n\n![Bản đồ](../bai-viet/so-tay/bản-đồ.svg)\n",
    );
    site.write(
        &format!("content/bai-viet/so-tay/{}.svg", nfd("bản-đồ")),
        site.read("content/bai-viet/so-tay/so-do.svg"),
    );
    site.write(
        &format!("themes/thu/templates/{}.html", nfd("trang-riêng")),
        "{% extends \"page.html\" %}{% block head %}{% include \"phần-đầu.html\" %}{% endblock head %}",
    );
    site.write(
        &format!("themes/thu/templates/{}.html", nfd("phần-đầu")),
        "<link rel=\"stylesheet\" href=\"{{ static_url(path=\"in-ấn.css\") }}\">",
    );
    site.write(&format!("themes/thu/static/{}.css", nfd("in-ấn")), "p { color: black }");
    site.edit(
        "content/gioi-thieu.md",
        "[bài thoát nạn](@/bai-viet/thoat-nan.md)",
        "[bài thoát nạn](@/bai-viet/thoat-nan.md), [hướng dẫn](@/bai-viet/hướng-dẫn.md#muc-mot), \
         [tương đối](bai-viet/hướng-dẫn.md)",
    );
    site.build(AS_OF);
    let about = site.read("public/gioi-thieu-phuong/index.html");
    assert_contains(&about, r#"<a href="https://thu.example/bai-viet/huong-dan/#muc-mot">"#);
    assert_contains(&about, r#"<a href="https://thu.example/bai-viet/huong-dan/">"#);
    let guide = site.read("public/bai-viet/huong-dan/index.html");
    assert_contains(&guide, r#"src="https://thu.example/bai-viet/so-tay/ban-do.svg""#);
    assert_contains(&guide, "in-ấn.");
}
