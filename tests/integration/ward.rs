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
