//! `sitemap.xml`, made from the pages the build writes rather than from a list of the kinds of
//! page: every HTML output is read as a search engine reads it, and listed unless its head says
//! `noindex` or it is a redirect (`http-equiv="refresh"`). A new kind of page, a new view of a
//! data set or page 2 of a listing is listed without a line of code here, and a page is listed
//! exactly when search engines are asked to index it.
//!
//! The one rule of exclusion is the robots `noindex` of the page's head, which templates write
//! from `meta.noindex` ([`crate::view::context::MetaView`]): a page kept from search engines
//! (an individual's record, an embed, a poster, the search page, the 404 page) sets it, and is
//! thereby out of the sitemap too. `lastmod` is the page's `og:updated_time` (or
//! `article:modified_time`): a page's `updated` or `date`, and for a listing the newest of what
//! it lists.

use serde::Serialize;

use crate::view::{Content, Listing, Output};

/// One URL of the sitemap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The page's URL.
    pub permalink: String,
    /// Its last change, `2026-02-05`.
    pub lastmod: Option<String>,
}

/// The sitemap entry of `output` when it is an HTML page search engines may index; `base_url`
/// has no trailing slash.
pub fn entry(base_url: &str, output: &Output) -> Option<Entry> {
    listed(listing(output, |_| None)?, base_url, &output.path)
}

/// [`entry`] of the output at `path` of `bytes`.
pub fn entry_of(base_url: &str, path: &str, bytes: &[u8]) -> Option<Entry> {
    if !path.ends_with(".html") {
        return None;
    }
    listed(read(bytes), base_url, path)
}

/// The [`Listing`] of `output` when it is an HTML page: read from its bytes, or, for a page
/// taken from the previous output, what `kept` says the build that wrote it read (read from
/// the file when it says nothing). Copied files are not pages.
pub fn listing(output: &Output, kept: impl Fn(&str) -> Option<Listing>) -> Option<Listing> {
    if !output.path.ends_with(".html") {
        return None;
    }
    match &output.content {
        Content::Bytes(bytes) => Some(read(bytes)),
        // A page of the previous output, as it will be in this one (the writer checks it is
        // still the file that build wrote). Debug builds read it all the same and panic when
        // it reads otherwise than that build said (the random-edit tests run them).
        Content::Kept { source, .. } => match kept(&output.path) {
            Some(listing) => {
                if cfg!(debug_assertions)
                    && let Ok(bytes) = std::fs::read(source)
                {
                    assert!(
                        read(&bytes) == listing,
                        "the sitemap's reading of {} kept by the last build is not the page's",
                        output.path
                    );
                }
                Some(listing)
            }
            None => Some(read(&std::fs::read(source).ok()?)),
        },
        Content::Copy(_) => None,
    }
}

/// The [`Listing`] of the page `html`.
fn read(html: &[u8]) -> Listing {
    let head = Head::read(html);
    Listing { listed: !head.noindex && !head.redirect, lastmod: head.modified }
}

/// The sitemap entry of the page at `path` (inside the output) that reads as `listing`, when
/// it is listed.
pub fn listed(listing: Listing, base_url: &str, path: &str) -> Option<Entry> {
    if !listing.listed {
        return None;
    }
    let path = path.strip_suffix("index.html").unwrap_or(path);
    Some(Entry { permalink: format!("{base_url}/{path}"), lastmod: listing.lastmod })
}

/// What a page's `<head>` tells a search engine.
#[derive(Debug, Default, PartialEq, Eq)]
struct Head {
    noindex: bool,
    redirect: bool,
    modified: Option<String>,
}

impl Head {
    /// Reads the `<meta>` elements before `</head>` (the whole text when it has none). Only the
    /// `<` of the head are looked at (found with `memchr`), and only the text of `<meta>` tags
    /// is read as UTF-8 (a tag that is not is skipped): this runs on every page of a build.
    fn read(html: &[u8]) -> Head {
        let mut found = Head::default();
        let mut article_modified = None;
        // Where the last `<meta>` tag read ended: a `<` inside it is not a tag.
        let mut after_tag = 0;
        for start in memchr::memchr_iter(b'<', html) {
            if start < after_tag {
                continue;
            }
            let rest = &html[start + 1..];
            if starts_with_ignore_case(rest, b"/head") {
                break;
            }
            if !starts_with_ignore_case(rest, b"meta") {
                continue;
            }
            let after = &rest[4..];
            let close = memchr::memchr(b'>', after).unwrap_or(after.len());
            after_tag = start + 1 + 4 + close;
            let Ok(tag) = std::str::from_utf8(&after[..close]) else { continue };
            let name = attribute(tag, "name").or_else(|| attribute(tag, "property"));
            // Most of a head's meta tags say something else: their content is not read.
            let content = || attribute(tag, "content").unwrap_or_default();
            match name.map(|n| n.to_ascii_lowercase()).as_deref() {
                Some("robots") => {
                    found.noindex |= content().to_ascii_lowercase().contains("noindex");
                }
                Some("og:updated_time") => found.modified = date_of(content()),
                Some("article:modified_time") => article_modified = date_of(content()),
                _ => {}
            }
            if attribute(tag, "http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh")) {
                found.redirect = true;
            }
        }
        found.modified = found.modified.or(article_modified);
        found
    }
}

/// Whether `bytes` starts with `prefix` (ASCII), ignoring ASCII case.
fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.get(..prefix.len()).is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

/// The date part (`2026-02-05`) of an RFC 3339 time, when it starts with one.
fn date_of(time: &str) -> Option<String> {
    let date = time.get(..10)?;
    let shape = date.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    shape.then(|| date.to_string())
}

/// The value of attribute `name` in the text of a tag (after its name), quoted with `"` or `'`.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut at = 0;
    while let Some(found) = find_ascii_ci(&tag[at..], name) {
        let start = at + found;
        at = start + name.len();
        let before = tag[..start].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = tag[at..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else { continue };
        let rest = rest.trim_start();
        let quote = rest.chars().next()?;
        if quote != '"' && quote != '\'' {
            continue;
        }
        let value = &rest[1..];
        return value.find(quote).map(|end| &value[..end]);
    }
    None
}

/// Where `needle` (ASCII, not empty) first occurs in `haystack`, ignoring ASCII case: only
/// where its first letter, in either case, is found (with `memchr`) are the rest compared.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let first = *n.first()?;
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), h)
        .find(|&i| starts_with_ignore_case(&h[i..], n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, head: &str) -> Output {
        Output::bytes(path, format!("<!doctype html><html><head>{head}</head><body></body>"))
    }

    #[test]
    fn a_kept_page_is_listed_as_its_build_read_it_or_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("index.html");
        let updated = r#"<meta property="og:updated_time" content="2026-03-10T08:00:00+07:00">"#;
        std::fs::write(&file, format!("<html><head>{updated}</head></html>")).unwrap();
        let stamp = crate::fs::Stamp::of(&file).unwrap();
        let kept = |source: std::path::PathBuf| Output {
            path: "a/index.html".into(),
            content: Content::Kept { source, stamp },
        };
        let read = Listing { listed: true, lastmod: Some("2026-03-10".into()) };
        // No reading kept: the file is read.
        assert_eq!(listing(&kept(file.clone()), |_| None), Some(read.clone()));
        // A reading kept: the file is not read (here there is none).
        let gone = dir.path().join("gone.html");
        assert_eq!(listing(&kept(gone.clone()), |_| Some(read.clone())), Some(read.clone()));
        assert_eq!(listing(&kept(gone), |_| None), None);
        let entry = listed(read, "https://a.example", "a/index.html").unwrap();
        assert_eq!(entry.permalink, "https://a.example/a/");
        let unlisted = Listing { listed: false, lastmod: None };
        assert_eq!(listed(unlisted, "https://a.example", "a/index.html"), None);
    }

    #[test]
    fn indexable_pages_are_listed_with_their_last_change() {
        let base = "https://a.example";
        let updated = r#"<meta property="og:updated_time" content="2026-03-10T08:00:00+07:00">"#;
        assert_eq!(
            entry(base, &page("bai-viet/a/index.html", updated)),
            Some(Entry {
                permalink: "https://a.example/bai-viet/a/".into(),
                lastmod: Some("2026-03-10".into())
            })
        );
        let article =
            r#"<meta property="article:modified_time" content="2026-01-02T00:00:00+07:00">"#;
        let listed = entry(base, &page("bai-viet/trang/2/index.html", article)).unwrap();
        assert_eq!(listed.permalink, "https://a.example/bai-viet/trang/2/");
        assert_eq!(listed.lastmod.as_deref(), Some("2026-01-02"));
        assert_eq!(entry(base, &page("index.html", "")).unwrap().permalink, "https://a.example/");
    }

    #[test]
    fn noindex_redirects_and_other_files_are_not() {
        let base = "https://a.example";
        for head in [
            r#"<meta name="robots" content="noindex">"#,
            r#"<META NAME='robots' CONTENT='noindex, nofollow'>"#,
            r#"<meta http-equiv="refresh" content="0; url=https://a.example/b/">"#,
        ] {
            assert_eq!(entry(base, &page("vi-pham/vp-1/index.html", head)), None, "{head}");
        }
        assert_eq!(entry(base, &Output::bytes("sitemap.xml", "<urlset/>")), None);
        // A robots meta in the body (an article quoting one) does not count.
        let quoted = Output::bytes(
            "a/index.html",
            "<head></head><body><meta name=\"robots\" content=\"noindex\"></body>",
        );
        assert!(entry(base, &quoted).is_some());
        // Nor one after the head, nor text inside a tag that looks like one.
        let after_head = "<head><meta content=\"a <meta name=robots\"></head>\
                          <meta name=\"robots\" content=\"noindex\">";
        assert!(entry(base, &Output::bytes("b/index.html", after_head)).is_some());
        let inside = r#"<head><meta name="description" content="x </head> y"><meta name="robots" content="noindex"></head>"#;
        assert_eq!(entry(base, &Output::bytes("c/index.html", inside)), None);
        // Neither does a name that only ends like the attribute.
        assert_eq!(attribute(r#" data-name="robots" content="x""#, "name"), None);
        assert_eq!(date_of("tomorrow"), None);
    }
}
