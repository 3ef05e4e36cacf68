//! Resource limits: content that is very large or very long must not make a build take
//! quadratic time or unbounded memory (issue 14, finding 6).

use crate::support::{Site, assert_contains};

const AS_OF: &str = "2026-11-28";

/// One more article in the good fixture, with `front` added to its front matter and `body`.
fn with_article(site: &Site, front: &str, body: &str) {
    site.write(
        "content/bai-viet/danh-sach-dai.md",
        format!("---\ntitle: \"Danh sách dài\"\ndate: 2026-03-02\n{front}---\n\n{body}"),
    );
}

/// Every tag page lists the page with all its tags; before the tags were shared between
/// listings, 20,000 tags on one page did not build in two minutes (release build). No time is
/// asserted: the test has to finish within the test run. `check` renders every file like
/// `build` but writes none, so the test measures rendering, not the disk making 20,000 folders.
#[test]
fn a_page_with_20000_distinct_tags_builds() {
    let site = Site::fixture("good");
    let tags: Vec<String> = (0..20_000).map(|i| format!("chủ đề {i}")).collect();
    with_article(&site, &format!("tags: [{}]\n", tags.join(", ")), "Nội dung.\n");
    let run = site.pccc(&["check", "--as-of", AS_OF]);
    assert!(run.success, "{}", run.stderr);
    assert_contains(&run.stdout, "Không có lỗi: 5 trang, 2 chuyên mục (");
    // The fixture's 35 files, the page, a page for each of its tags (and search-index chunks).
    let files: usize =
        run.stdout.split(" (").nth(1).and_then(|s| s.split(' ').next()).unwrap().parse().unwrap();
    assert!(files > 35 + 1 + 20_000, "{}", run.stdout);
}

/// Headings with the same title get `muc`, `muc-1`, `muc-2`...; finding each id used to try
/// every taken number again (20,000 such headings took 20 s in a release build).
#[test]
fn a_page_with_20000_headings_of_one_title_builds() {
    let site = Site::fixture("good");
    with_article(&site, "", &"## Mục\n\nNội dung.\n\n".repeat(20_000));
    site.build(AS_OF);
    let page = site.read("public/bai-viet/danh-sach-dai/index.html");
    assert_contains(&page, r#"<h2 id="muc">Mục</h2>"#);
    assert_contains(&page, r#"<h2 id="muc-19999">Mục</h2>"#);
}
