//! Search: the index of published pages under /tim-kiem/chi-muc/, the search page (the
//! built-in one when the theme has no `search.html`), and synonyms from `[search]`.

use crate::support::{Site, assert_contains, assert_lacks};

const AS_OF: &str = "2026-11-28";

fn json(site: &Site, rel: &str) -> serde_json::Value {
    serde_json::from_str(&site.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn index_holds_published_pages_folded_with_their_forms() {
    let site = Site::fixture("good");
    site.build(AS_OF);
    let meta = json(&site, "public/tim-kiem/chi-muc/meta.json");
    assert_eq!(meta["v"], 3);
    assert_eq!(meta["b"], "https://thu.example", "the site's address, once");
    assert_eq!(meta["k"], serde_json::json!(["Bài viết"]));
    let n = meta["n"].as_u64().unwrap() as usize;
    let fragments = std::fs::read_dir(site.path("public/tim-kiem/chi-muc/d")).unwrap().count();
    assert_eq!(fragments, n);
    let mut titles = Vec::new();
    for id in 0..n {
        let doc = json(&site, &format!("public/tim-kiem/chi-muc/d/{id}.json"));
        assert!(doc["u"].as_str().unwrap().starts_with("/"), "a path on the site: {doc}");
        titles.push(doc["t"].as_str().unwrap().to_string());
    }
    assert!(titles.contains(&"Thoát nạn khi cháy nhà ống".to_string()), "{titles:?}");
    assert!(!titles.contains(&"Bản nháp".to_string()), "drafts are not indexed: {titles:?}");

    // "thoát" is stored folded, with the accented form kept for ranking.
    let chunks = meta["c"].as_array().unwrap();
    let mut found = None;
    for i in 0..chunks.len() {
        let chunk = json(&site, &format!("public/tim-kiem/chi-muc/t/{i}.json"));
        if let Some(entry) = chunk.get("thoat") {
            found = Some(entry.clone());
        }
        assert!(chunk.get("thoát").is_none(), "terms are folded");
    }
    let entry = found.expect("the term `thoat` is in a chunk");
    assert_eq!(entry[0], serde_json::json!(["thoát"]));
}

/// The address and title of every document of the built index, in index order; a document
/// without either fails the test.
fn documents(site: &Site) -> Vec<(String, String)> {
    let meta = json(site, "public/tim-kiem/chi-muc/meta.json");
    let n = meta["n"].as_u64().expect("the number of documents `n`");
    let base = meta["b"].as_str().expect("the site's address `b`");
    (0..n)
        .map(|id| {
            let doc = json(site, &format!("public/tim-kiem/chi-muc/d/{id}.json"));
            let field = |key: &str| {
                let value = doc[key].as_str();
                value.unwrap_or_else(|| panic!("document {id} has no `{key}`: {doc}")).to_string()
            };
            (format!("{base}{}", field("u")), field("t"))
        })
        .collect()
}

#[test]
fn a_page_can_stay_out_of_the_index() {
    let page = (
        "https://thu.example/bai-viet/thoat-nan/".to_string(),
        "Thoát nạn khi cháy nhà ống".to_string(),
    );
    let site = Site::fixture("good");
    site.build(AS_OF);
    let before = documents(&site);
    assert!(before.contains(&page), "indexed by default: {before:?}");

    site.edit("content/bai-viet/thoat-nan.md", "title:", "in_search: false\ntitle:");
    site.build(AS_OF);
    let after = documents(&site);
    let expected: Vec<_> = before.iter().filter(|d| **d != page).cloned().collect();
    assert_eq!(after, expected, "only that page leaves the index");
    // The page itself is still built.
    assert_contains(
        &site.read("public/bai-viet/thoat-nan/index.html"),
        "Thoát nạn khi cháy nhà ống",
    );
}

#[test]
fn builtin_search_page_when_the_theme_has_none() {
    let site = Site::fixture("good");
    site.build(AS_OF);
    let html = site.read("public/tim-kiem/index.html");
    assert_contains(&html, r#"<html lang="vi">"#);
    assert_contains(&html, r#"<label for="tu-khoa">"#);
    assert_contains(&html, r#"role="status" aria-live="polite""#);
    assert_contains(&html, r#"data-search-index="https://thu.example/tim-kiem/chi-muc/""#);
    assert_contains(&html, r#"<script src="https://thu.example/tim-kiem/search.js?v="#);
    assert_contains(&html, r#"<a href="https://thu.example/bai-viet/">"#);
    assert_contains(&html, r#"<a href="tel:114">114</a>"#);
    assert_lacks(&html, "<script>");
    assert!(site.read("public/tim-kiem/search.js").contains("function fold"));
}

#[test]
fn synonyms_are_folded_into_the_meta_file() {
    let site = Site::fixture("good");
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        format!("{config}\n[search]\nsynonyms = [[\"PCCC\", \"phòng cháy chữa cháy\"]]\n"),
    );
    site.build(AS_OF);
    let meta = json(&site, "public/tim-kiem/chi-muc/meta.json");
    assert_eq!(meta["s"], serde_json::json!([[["pccc"], ["phong", "chay", "chua", "chay"]]]));
}

#[test]
fn a_synonym_group_needs_two_spellings() {
    let site = Site::fixture("good");
    let config = site.read("site.toml");
    site.write("site.toml", format!("{config}\n[search]\nsynonyms = [[\"PCCC\"]]\n"));
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(!run.success);
    assert_contains(
        &run.stderr,
        "lỗi: nhóm từ đồng nghĩa [\"PCCC\"] cần ít nhất hai cách viết, mỗi cách có chữ",
    );
    assert_contains(&run.stderr, "site.toml:");
    assert_contains(&run.stderr, "gợi ý: ví dụ: synonyms = [[\"PCCC\", \"phòng cháy chữa cháy\"]]");
}

/// The version of `meta.json` the search page names (`data-search-version`).
fn meta_version(site: &Site) -> String {
    let html = site.read("public/tim-kiem/index.html");
    let start = html.find("data-search-version=\"").expect("a version on the page") + 21;
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

fn fnv32(bytes: &[u8]) -> String {
    let hash = bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{:08x}", hash as u32)
}

#[test]
fn an_edited_body_changes_the_index_and_the_version_the_search_page_names() {
    let site = Site::fixture("good");
    site.build(AS_OF);
    let meta = site.read("public/tim-kiem/chi-muc/meta.json");
    // Every file of the index has a versioned address, meta.json too, so all may be cached.
    assert_eq!(meta_version(&site), fnv32(meta.as_bytes()));
    let text = site.read("content/bai-viet/thoat-nan.md");
    site.write(
        "content/bai-viet/thoat-nan.md",
        format!("{text}\nĐường thoát nạn phải thông thoáng.\n"),
    );
    site.build(AS_OF);
    let new_meta = site.read("public/tim-kiem/chi-muc/meta.json");
    assert_ne!(new_meta, meta, "the version of the chunks changes");
    assert_eq!(meta_version(&site), fnv32(new_meta.as_bytes()), "and so does meta.json's");
}

#[test]
fn a_page_at_the_search_address_is_an_error() {
    let site = Site::fixture("good");
    site.write("content/tim-kiem.md", "---\ntitle: \"Tìm kiếm\"\n---\n\nTrang tìm.\n");
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(!run.success);
    assert_eq!(
        run.stderr,
        "lỗi: trang này có địa chỉ /tim-kiem/, trùng với trang Tìm kiếm của trang web
 --> content/tim-kiem.md:1:1
  |
1 | ---
  | ^^^
  |
  = gợi ý: đổi tên tệp, hoặc viết `slug:` khác trong phần tiêu đề

Không dựng được trang: 1 lỗi.
"
    );
}

#[test]
fn violation_records_of_organisations_are_indexed_and_individuals_are_not() {
    let site = Site::ward();
    site.build(AS_OF);
    let meta = json(&site, "public/tim-kiem/chi-muc/meta.json");
    assert!(meta["k"].as_array().unwrap().contains(&serde_json::json!("Vi phạm")), "{meta}");
    let mut violations = 0;
    for id in 0..meta["n"].as_u64().unwrap() {
        let doc = site.read(&format!("public/tim-kiem/chi-muc/d/{id}.json"));
        if doc.contains("/vi-pham/") {
            violations += 1;
        }
        // An individual's record (vp-2026-0014) is kept off the downloadable index.
        assert_lacks(&doc, "Nguyễn Văn Ví Dụ");
        assert_lacks(&doc, "vp-2026-0014");
    }
    assert!(violations >= 10, "{violations} violation records indexed");
}

#[test]
fn a_weight_out_of_range_is_an_error_at_its_line() {
    let site = Site::fixture("good");
    let config = site.read("site.toml");
    site.write("site.toml", format!("{config}\n[search]\nweights = {{ \"Vi phạm\" = -1.0 }}\n"));
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(!run.success);
    assert_contains(&run.stderr, "lỗi: hệ số xếp hạng của \"Vi phạm\" là -1, phải từ 0 đến 10\n");
    assert_contains(&run.stderr, "site.toml:");
    assert_contains(
        &run.stderr,
        "gợi ý: 1 là bình thường; số nhỏ hơn 1 đưa loại nội dung này xuống dưới, ví dụ 0.5",
    );
}
