//! The repository's own site, the ward's real one: it must always build, with the emergency
//! number on every page.

use crate::support::{Site, assert_contains};

#[test]
fn ward_site_builds_with_114_on_every_page() {
    let site = Site::ward();
    let run = site.pccc(&["build", "--as-of", "2026-11-28"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "warnings on the ward's site:\n{}", run.stderr);
    let mut pages = 0;
    for (path, bytes) in site.snapshot("public") {
        if path.ends_with(".html") && !path.starts_with("cu/") {
            let html = String::from_utf8(bytes).unwrap();
            if html.contains("http-equiv=\"refresh\"") {
                continue;
            }
            assert_contains(&html, r#"href="tel:114""#);
            assert_contains(&html, r#"<html lang="vi">"#);
            pages += 1;
        }
    }
    assert!(pages >= 15, "only {pages} pages");
}

/// Every page works under a strict Content-Security-Policy (`script-src 'self'; style-src
/// 'self'`): no style attribute, no inline script, no event-handler attribute. JSON-LD blocks
/// are data, not scripts, and stay allowed.
#[test]
fn ward_pages_need_no_inline_style_or_script() {
    let site = Site::ward();
    let run = site.pccc(&["build", "--as-of", "2026-11-29"]);
    assert!(run.success, "{}", run.stderr);
    let mut checked = 0;
    for (path, bytes) in site.snapshot("public") {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        assert!(!html.contains(" style=\""), "{path} has a style attribute");
        for (i, _) in html.match_indices("<script") {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            assert!(
                tag.contains(" src=") || tag.contains("type=\"application/ld+json\""),
                "{path} has an inline script: {tag}>"
            );
        }
        for handler in [" onclick=", " onload=", " onerror=", " onsubmit=", " onchange="] {
            assert!(!html.contains(handler), "{path} has an event-handler attribute {handler}");
        }
        // A page that names no icon makes browsers ask for /favicon.ico, a 404 in the logs;
        // redirect stubs leave at once.
        assert!(
            html.contains("<link rel=\"icon\"") || html.contains("http-equiv=\"refresh\""),
            "{path} names no icon"
        );
        checked += 1;
    }
    assert!(checked >= 100, "only {checked} HTML files");
}

#[test]
fn article_pages_carry_sharing_and_structured_data() {
    let site = Site::ward();
    let run = site.pccc(&["build", "--as-of", "2026-11-28"]);
    assert!(run.success, "{}", run.stderr);
    let html = site.read("public/bai-viet/cach-goi-114/index.html");
    let base = "https://pccc.khuongdinh.example";
    assert_contains(
        &html,
        &format!(r#"<link rel="canonical" href="{base}/bai-viet/cach-goi-114/">"#),
    );
    assert_contains(&html, r#"<meta property="og:type" content="article">"#);
    assert_contains(
        &html,
        r#"<meta property="og:title" content="Cách gọi 114 đúng cách | An toàn PCCC phường Khương Đình">"#,
    );
    assert_contains(&html, &format!(r#"<meta property="og:image" content="{base}/chia-se.png?v="#));
    assert_contains(&html, r#"<meta name="twitter:card" content="summary_large_image">"#);
    // The manifest's URL carries its hash like the static files', so it may be cached long.
    let manifest_bytes = std::fs::read(site.path("public/site.webmanifest")).unwrap();
    let hash = manifest_bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    let manifest_url = format!("{base}/site.webmanifest?v={:08x}", hash as u32);
    assert_contains(&html, &format!(r#"<link rel="manifest" href="{manifest_url}">"#));
    let start = html.find(r#"<script type="application/ld+json">"#).expect("JSON-LD") + 35;
    let end = start + html[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&html[start..end]).expect("valid JSON-LD");
    assert_eq!(data["@type"], "Article");
    assert_eq!(data["headline"], "Cách gọi 114 đúng cách");
    assert_eq!(data["datePublished"], "2026-06-01T00:00:00+07:00");
    assert_eq!(data["inLanguage"], "vi");
    let manifest: serde_json::Value =
        serde_json::from_str(&site.read("public/site.webmanifest")).expect("manifest JSON");
    assert_eq!(manifest["lang"], "vi");
    assert_eq!(manifest["icons"].as_array().map(Vec::len), Some(2));
    assert!(site.exists("public/favicon.svg") && site.exists("public/icon-192.png"));
    // The ward's own share image overrides the theme's.
    assert_eq!(
        std::fs::read(site.path("public/chia-se.png")).unwrap(),
        std::fs::read(site.path("static/chia-se.png")).unwrap()
    );
}

#[test]
fn seasonal_alerts_show_on_every_page_between_their_dates() {
    let site = Site::ward();
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        toml.replace(
            "[[menu]]\nname = \"Trang chủ\"",
            "[[alert]]\nmessage = \"Trời hanh khô, <không> đốt vàng mã trong nhà.\"\nlevel = \"canh_bao\"\nlink = \"@/bai-viet/sac-xe-dien-an-toan.md\"\nfrom = 2026-12-01\nuntil = 2027-02-28\n\n[[menu]]\nname = \"Trang chủ\"",
        ),
    );
    site.pccc(&["build", "--as-of", "2026-11-30"]);
    assert!(!site.read("public/index.html").contains("site-alert"), "not before `from`");
    for day in ["2026-12-01", "2027-02-28"] {
        let run = site.pccc(&["build", "--as-of", day]);
        assert!(run.success, "{}", run.stderr);
        for page in
            ["public/index.html", "public/bai-viet/cach-goi-114/index.html", "public/404.html"]
        {
            let html = site.read(page);
            assert_contains(
                &html,
                r#"<div class="site-alert site-alert-canh_bao" role="region" aria-label="Cảnh báo">"#,
            );
            assert_contains(
                &html,
                "<strong>Cảnh báo:</strong> Trời hanh khô, &lt;không&gt; đốt vàng mã trong nhà.",
            );
            assert_contains(
                &html,
                r#"<a href="https://pccc.khuongdinh.example/bai-viet/sac-xe-dien-an-toan/">Xem thêm</a>"#,
            );
        }
    }
    site.pccc(&["build", "--as-of", "2027-03-01"]);
    assert!(!site.read("public/index.html").contains("site-alert"), "not after `until`");
}

/// Gzipped size, as a web server with compression would send it.
fn gzipped(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

/// What a visit to `html` downloads, gzipped: the page and the stylesheets and scripts it loads
/// from the site (built in `site`'s `public/`).
fn page_weight(site: &Site, html: &str) -> usize {
    let base = "https://pccc.khuongdinh.example/";
    let mut total = gzipped(html.as_bytes());
    // Stylesheets and scripts the page loads from the site (without query strings).
    for marker in [r#"rel="stylesheet" href=""#, r#"<script src=""#] {
        for part in html.split(marker).skip(1) {
            let url = part.split('"').next().unwrap().split('?').next().unwrap();
            if let Some(rel) = url.strip_prefix(base) {
                total += gzipped(&std::fs::read(site.path(&format!("public/{rel}"))).unwrap());
            }
        }
    }
    total
}

#[test]
fn article_pages_stay_within_30_kb_gzipped() {
    let site = Site::ward();
    let run = site.pccc(&["build", "--as-of", "2026-11-28"]);
    assert!(run.success, "{}", run.stderr);
    let mut checked = 0;
    for (path, bytes) in site.snapshot("public/bai-viet") {
        if !path.ends_with("index.html") || path == "index.html" || path.contains("trang/") {
            continue;
        }
        let total = page_weight(&site, &String::from_utf8(bytes).unwrap());
        assert!(total <= 30 * 1024, "bai-viet/{path}: {total} bytes gzipped (HTML + CSS + JS)");
        checked += 1;
    }
    assert!(checked >= 12, "only {checked} article pages checked");
}

/// Issue 16's pages: an indicator page with its chart (and every other page of the plan's
/// numbers, places, tổ dân phố and reports, list or record) within 30 kB gzipped.
#[test]
fn indicator_place_and_report_pages_stay_within_30_kb_gzipped() {
    let site = Site::ward();
    let run = site.pccc(&["build", "--as-of", "2026-11-28"]);
    assert!(run.success, "{}", run.stderr);
    let folders = [
        "chi-tieu",
        "to-lien-gia",
        "diem-chua-chay",
        "doi-dan-phong",
        "tiep-can",
        "nguon-nuoc",
        "to-dan-pho",
        "bao-cao",
    ];
    let mut charts = 0;
    for folder in folders {
        let mut checked = 0;
        for (path, bytes) in site.snapshot(&format!("public/{folder}")) {
            if !path.ends_with("index.html") {
                continue;
            }
            let html = String::from_utf8(bytes).unwrap();
            charts += usize::from(html.contains("class=\"bieu-do"));
            let total = page_weight(&site, &html);
            assert!(total <= 30 * 1024, "{folder}/{path}: {total} bytes gzipped (HTML + CSS + JS)");
            checked += 1;
        }
        assert!(checked >= 2, "{folder}: only {checked} pages checked");
    }
    assert!(charts >= 6, "only {charts} pages with a chart checked");
}
