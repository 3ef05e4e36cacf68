//! What a deployment gets from a build beside the pages: the precompressed copies
//! (`precompress` in site.toml) and the redirect files for servers.

use std::io::Read;

use crate::support::{Site, assert_contains};

const AS_OF: &str = "2026-11-28";
const PAGE: &str = "public/bai-viet/thoat-nan/index.html";

/// The good fixture with both copies, as a site behind nginx with its brotli module or behind
/// Caddy asks.
fn precompressed() -> Site {
    let site = Site::fixture("good");
    let config = site.read("site.toml");
    site.write("site.toml", format!("precompress = [\"gzip\", \"br\"]\n{config}"));
    site
}

fn gunzip(site: &Site, rel: &str) -> Vec<u8> {
    let file = std::fs::File::open(site.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).unwrap();
    bytes
}

fn unbrotli(site: &Site, rel: &str) -> Vec<u8> {
    let file = std::fs::File::open(site.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let mut bytes = Vec::new();
    brotli::Decompressor::new(file, 4096).read_to_end(&mut bytes).unwrap();
    bytes
}

fn modified(site: &Site, rel: &str) -> std::time::SystemTime {
    std::fs::metadata(site.path(rel)).unwrap().modified().unwrap()
}

#[test]
fn precompressed_copies_sit_beside_text_files_and_follow_them() {
    let site = precompressed();
    site.build(AS_OF);
    let page = std::fs::read(site.path(PAGE)).unwrap();
    assert_eq!(gunzip(&site, &format!("{PAGE}.gz")), page);
    assert_eq!(unbrotli(&site, &format!("{PAGE}.br")), page);
    for rel in ["public/sitemap.xml", "public/atom.xml", "public/tim-kiem/search.js"] {
        assert_eq!(gunzip(&site, &format!("{rel}.gz")), std::fs::read(site.path(rel)).unwrap());
    }
    // Not for files servers do not serve as text, nor for the few bytes of a tiny file.
    assert!(!site.exists("public/_headers.gz"));
    assert!(!site.exists("public/.pccc-output.gz"));
    // Nor for the search index's documents, which the server compresses as it sends them; the
    // chunks of terms have theirs.
    let index = site.path("public/tim-kiem/chi-muc");
    let names = |dir: &str| -> Vec<String> {
        let entries = std::fs::read_dir(index.join(dir)).unwrap();
        entries.map(|e| e.unwrap().file_name().into_string().unwrap()).collect()
    };
    let documents = names("d");
    assert!(documents.len() > 3 && documents.iter().all(|n| n.ends_with(".json")), "{documents:?}");
    assert!(names("t").iter().any(|n| n.ends_with(".json.gz")));

    // An unchanged file keeps its copies (the same files, their dates kept).
    let before = modified(&site, &format!("{PAGE}.gz"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.build(AS_OF);
    assert_eq!(modified(&site, &format!("{PAGE}.gz")), before);

    // A changed file gets new copies.
    site.edit("content/bai-viet/thoat-nan.md", "Khi có cháy", "Khi thấy cháy");
    site.build(AS_OF);
    let page = std::fs::read(site.path(PAGE)).unwrap();
    assert_contains(&String::from_utf8_lossy(&page), "Khi thấy cháy");
    assert_eq!(gunzip(&site, &format!("{PAGE}.gz")), page);
    assert_eq!(unbrotli(&site, &format!("{PAGE}.br")), page);

    // The copies of a file the new build changes are made again, whatever they hold (an update
    // in place cut short moves the copies first: it can leave them beside their old file).
    std::fs::write(site.path(PAGE), "<p>Khi có cháy</p>").unwrap();
    std::fs::write(site.path(&format!("{PAGE}.gz")), b"hong").unwrap();
    site.build(AS_OF);
    assert_eq!(std::fs::read(site.path(PAGE)).unwrap(), page);
    assert_eq!(gunzip(&site, &format!("{PAGE}.gz")), page);

    // A page that is gone takes its copies with it.
    site.write(
        "content/bai-viet/tam-thoi.md",
        "---\ntitle: \"Thông báo tạm thời\"\ndate: 2026-03-01\n---\n\nCắt điện để diễn tập.\n",
    );
    site.build(AS_OF);
    let gone = "public/bai-viet/tam-thoi/index.html";
    assert!(site.exists(&format!("{gone}.gz")) && site.exists(&format!("{gone}.br")));
    site.remove("content/bai-viet/tam-thoi.md");
    site.build(AS_OF);
    assert!(!site.exists(gone));
    assert!(!site.exists(&format!("{gone}.gz")) && !site.exists(&format!("{gone}.br")));
}

#[test]
fn precompress_true_writes_the_gzip_copies_nginx_sends() {
    let site = precompressed();
    site.build(AS_OF);
    assert!(site.exists(&format!("{PAGE}.br")));
    // The same output, the site now asking for gzip alone: its brotli copies go.
    site.edit("site.toml", r#"precompress = ["gzip", "br"]"#, "precompress = true");
    site.build(AS_OF);
    let page = std::fs::read(site.path(PAGE)).unwrap();
    assert_eq!(gunzip(&site, &format!("{PAGE}.gz")), page);
    let files = site.snapshot("public").into_keys().collect::<Vec<_>>();
    let brotli: Vec<&String> = files.iter().filter(|path| path.ends_with(".br")).collect();
    assert!(brotli.is_empty(), "{brotli:?}");
    assert!(files.iter().filter(|path| path.ends_with(".gz")).count() > 10, "{files:?}");
}

#[test]
fn no_copies_unless_asked() {
    let site = Site::fixture("good");
    site.build(AS_OF);
    let copies: Vec<String> = site
        .snapshot("public")
        .into_keys()
        .filter(|path| path.ends_with(".gz") || path.ends_with(".br"))
        .collect();
    assert!(copies.is_empty(), "{copies:?}");
}

#[test]
fn aliases_become_server_redirects() {
    let site = Site::fixture("good");
    site.edit(
        "content/bai-viet/goi-114.md",
        "title:",
        "aliases: [\"/cu/goi/\", \"/tin tức/gọi/\"]\ntitle:",
    );
    site.build(AS_OF);
    let nginx = site.read("public/_redirects.nginx");
    assert_contains(&nginx, "location = /cu/goi { return 301 /bai-viet/goi-114/; }\n");
    assert_contains(&nginx, "location = /cu/goi/ { return 301 /bai-viet/goi-114/; }\n");
    // Not written into a server's configuration, but still a redirect page.
    assert_contains(&nginx, "#   /tin tức/gọi/\n");
    assert!(!nginx.contains("location = /tin"), "{nginx}");
    assert_contains(&site.read("public/tin tức/gọi/index.html"), "http-equiv=\"refresh\"");
    assert_contains(&site.read("public/_redirects"), "/cu/goi/ /bai-viet/goi-114/ 301\n");
    assert_contains(
        &site.read("public/_redirects.caddy"),
        "redir /cu/goi/ /bai-viet/goi-114/ permanent\n",
    );
    let headers = site.read("public/_headers");
    assert_contains(
        &headers,
        "/bai-viet/*\n  Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self';",
    );
}
