//! What machines read of the site (issue 18): the sitemap, the open data, the feeds and the
//! search index, checked over the whole output of the ward's site and of the fixtures.

use std::collections::BTreeSet;

use crate::support::Site;

/// The names of the individuals (`owner.kind: ca_nhan`) among the records of `site`'s
/// `content/vi-pham/`, read from the YAML files as written.
fn individuals(site: &Site) -> Vec<String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(site.path("content/vi-pham")).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let record: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if record["owner"]["kind"].as_str() == Some("ca_nhan") {
            names.push(record["owner"]["name"].as_str().unwrap().to_string());
        }
    }
    names.sort();
    names
}

/// Every file of the output a machine downloads whole: feeds, calendars, the sitemap, the open
/// data, the search index.
fn machine_files(site: &Site) -> Vec<(String, String)> {
    site.snapshot("public")
        .into_iter()
        .filter(|(path, _)| {
            [".xml", ".csv", ".json", ".ics", ".js", ".txt"].iter().any(|ext| path.ends_with(ext))
                || path.starts_with("tim-kiem/")
        })
        .map(|(path, bytes)| (path, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

/// Individuals appear on their own (noindex) page and in the lists, never in a file a
/// machine reads whole (issue 18, point 5): checked over every such file of the output.
#[test]
fn no_individual_is_named_in_a_feed_open_data_search_or_the_sitemap() {
    for (site, as_of) in [(Site::ward(), "2026-11-28"), (Site::fixture("violations"), "2026-05-01")]
    {
        site.build(as_of);
        let names = individuals(&site);
        assert!(!names.is_empty(), "the sample data has individuals");
        let files = machine_files(&site);
        let kinds: BTreeSet<&str> =
            files.iter().filter_map(|(p, _)| p.rsplit('.').next()).collect();
        for ext in ["xml", "csv", "json"] {
            assert!(kinds.contains(ext), "no .{ext} file in the output: {kinds:?}");
        }
        assert!(files.iter().any(|(p, _)| p == "sitemap.xml"));
        assert!(files.iter().any(|(p, _)| p.starts_with("tim-kiem/chi-muc/")));
        // Some of them are on the list, so the check below looks for names the site shows.
        let list = site.read("public/vi-pham/index.html");
        assert!(names.iter().any(|name| list.contains(name.as_str())), "{names:?}");
        for name in &names {
            for (path, text) in &files {
                assert!(!text.contains(name.as_str()), "{path} names the individual {name}");
            }
        }
    }
}

/// The URL of every HTML page of the output a search engine may index: its head has no robots
/// `noindex` and it is not a redirect. Read independently of the build's own reader.
fn indexable_pages(site: &Site, base: &str) -> BTreeSet<String> {
    let mut pages = BTreeSet::new();
    for (path, bytes) in site.snapshot("public") {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let head = &html[..html.find("</head>").unwrap_or(html.len())];
        if head.contains(r#"<meta name="robots" content="noindex">"#)
            || head.contains(r#"http-equiv="refresh""#)
        {
            continue;
        }
        pages.insert(format!("{base}/{}", path.strip_suffix("index.html").unwrap_or(&path)));
    }
    pages
}

/// The `<loc>`s of the sitemap, with their `<lastmod>`.
fn sitemap(site: &Site) -> Vec<(String, Option<String>)> {
    let xml = site.read("public/sitemap.xml");
    xml.split("<url>")
        .skip(1)
        .map(|url| {
            let between = |open: &str, close: &str| {
                let start = url.find(open)? + open.len();
                Some(url[start..start + url[start..].find(close)?].to_string())
            };
            (between("<loc>", "</loc>").unwrap(), between("<lastmod>", "</lastmod>"))
        })
        .collect()
}

/// The sitemap lists exactly the indexable pages (issue 18, point 4: it listed 52 of 138,
/// without `/vi-pham/`, its views, the organisations' records, the tổ dân phố pages of drills
/// and page 2 of listings), each with the date it last changed.
#[test]
fn the_sitemap_is_every_indexable_page_and_no_other() {
    let site = Site::ward();
    site.build("2026-11-28");
    let listed = sitemap(&site);
    let urls: BTreeSet<String> = listed.iter().map(|(u, _)| u.clone()).collect();
    assert_eq!(urls.len(), listed.len(), "a URL listed twice");
    let base = "https://pccc.khuongdinh.example";
    let expected = indexable_pages(&site, base);
    let missing: Vec<&String> = expected.difference(&urls).collect();
    let extra: Vec<&String> = urls.difference(&expected).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing {missing:?}, not indexable {extra:?}");
    for path in ["/vi-pham/", "/vi-pham/tinh-trang/qua-han/", "/dien-tap/to-dan-pho/so-5/"] {
        assert!(urls.contains(&format!("{base}{path}")), "{path} is not listed");
    }
    assert!(urls.iter().any(|u| u.contains("/trang/2/")), "no page 2 of a listing");
    assert!(!urls.iter().any(|u| u.contains("/nhung/") || u.contains("/tim-kiem/")));
    assert!(urls.len() > 100, "only {} URLs", urls.len());
    // Every page and listing says when it last changed.
    let lastmod = |path: &str| {
        listed.iter().find(|(u, _)| *u == format!("{base}{path}")).and_then(|(_, d)| d.clone())
    };
    for path in ["/", "/bai-viet/", "/vi-pham/", "/vi-pham/vp-2026-0001/"] {
        let date = lastmod(path).unwrap_or_else(|| panic!("{path} has no lastmod"));
        assert!(date.len() == 10 && date.starts_with("2026-"), "{path}: {date}");
    }
}

/// The rows of a `danh-sach.csv` (after its byte-order mark), header first.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "the CSV keeps its byte-order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// The CSV's columns are the import's (issue 18, point 6: export and import headers differed,
/// so a downloaded list could not be edited and put back), with the sample marker and the
/// record's page after them.
#[test]
fn the_csv_has_the_import_headers_a_sample_marker_and_the_record_page() {
    let site = Site::ward();
    site.build("2026-11-28");
    let rows = csv_rows(&std::fs::read(site.path("public/vi-pham/danh-sach.csv")).unwrap());
    let header = &rows[0];
    let imported: Vec<&str> =
        pccc::kinds::violations::import::DEFAULT_COLUMNS.iter().map(|(h, _)| *h).collect();
    let derived = pccc::kinds::violations::import::DERIVED;
    for h in header {
        assert!(imported.contains(&h.as_str()) || derived.contains(&h.as_str()), "{h}");
    }
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert!(rows.len() > 5);
    for row in &rows[1..] {
        assert_eq!(row.len(), header.len());
        assert_eq!(row[column("Dữ liệu minh hoạ")], "có", "the ward's records are samples");
        let id = &row[column("Mã hồ sơ")];
        assert_eq!(
            row[column("Trang hồ sơ")],
            format!("https://pccc.khuongdinh.example/vi-pham/{id}/")
        );
        assert_eq!(row[column("Chủ cơ sở là")], "Tổ chức");
    }
}

/// Download the CSV, put it in place of the records it holds, build again: the same site, file
/// for file (issue 18, point 6), and no warning.
#[test]
fn the_downloaded_csv_imports_back_to_the_same_site() {
    let site = Site::ward();
    site.build("2026-11-28");
    let before = site.snapshot("public");
    let csv = std::fs::read(site.path("public/vi-pham/danh-sach.csv")).unwrap();
    let rows = csv_rows(&csv);
    let ids: Vec<&String> = rows[1..].iter().map(|r| &r[0]).collect();
    assert!(ids.len() > 5, "{ids:?}");
    for id in &ids {
        site.remove(&format!("content/vi-pham/{id}.yaml"));
    }
    site.write("content/vi-pham/danh-sach.csv", &csv);
    let run = site.build("2026-11-28");
    assert_eq!(run.stderr, "", "the import warns");
    let after = site.snapshot("public");
    let changed: Vec<&String> =
        before.keys().chain(after.keys()).filter(|k| before.get(*k) != after.get(*k)).collect();
    assert!(changed.is_empty(), "files differ after the round trip: {changed:?}");
}

/// Each data set has a data page: its files, every field with its type and allowed values, the
/// licence (a placeholder until the ward chooses one) and when the data changed.
#[test]
fn the_data_page_describes_fields_values_licence_and_files() {
    let site = Site::ward();
    site.build("2026-11-28");
    let page = site.read("public/vi-pham/du-lieu/index.html");
    let rows = csv_rows(&std::fs::read(site.path("public/vi-pham/danh-sach.csv")).unwrap());
    for header in &rows[0] {
        crate::support::assert_contains(&page, &format!("<th scope=\"row\">{header}</th>"));
    }
    for text in [
        "Karaoke, vũ trường (<code>karaoke_vu_truong</code>)",
        "Ngày, dạng YYYY-MM-DD (ISO 8601)",
        "https://pccc.khuongdinh.example/vi-pham/danh-sach.csv",
        "https://pccc.khuongdinh.example/vi-pham/danh-sach.json",
        "<strong>Chưa quyết định.</strong>",
        "Dữ liệu thay đổi lần gần nhất ngày",
    ] {
        crate::support::assert_contains(&page, text);
    }
    crate::support::assert_contains(
        &site.read("public/vi-pham/index.html"),
        "href=\"https://pccc.khuongdinh.example/vi-pham/du-lieu/\"",
    );
    // Once the ward has chosen, the page names the licence and links to it.
    let text = site.read("site.toml");
    site.write(
        "site.toml",
        format!(
            "{text}\n[open_data]\nlicense = \"CC BY 4.0\"\nlicense_url = \"https://creativecommons.org/licenses/by/4.0/deed.vi\"\n"
        ),
    );
    site.build("2026-11-28");
    let page = site.read("public/vi-pham/du-lieu/index.html");
    crate::support::assert_contains(
        &page,
        "<a href=\"https://creativecommons.org/licenses/by/4.0/deed.vi\">CC BY 4.0</a>",
    );
    crate::support::assert_lacks(&page, "Chưa quyết định");
}
