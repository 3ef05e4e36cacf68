//! Links: every address of a body (links here, images in `images`) is checked and resolved by
//! one [`Resolver`]: `@/bai-viet/a.md#muc` to the page's permalink, `#muc` against the page's
//! own headings, `anh.jpg` beside the page, `/chu-de/` against the site's address; a link that
//! could run code is refused. [`ResolveLinks`] applies it to the links of the stream.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag};

use super::{Heading, LinkError, Links, Problem, Report, check_scheme};

/// Resolves the addresses of one body.
pub(super) struct Resolver<'r> {
    links: &'r dyn Links,
    own_ids: HashSet<&'r str>,
}

impl<'r> Resolver<'r> {
    /// `headings` are the body's own, for `#muc` links.
    pub(super) fn new(links: &'r dyn Links, headings: &'r [Heading]) -> Self {
        Resolver { links, own_ids: headings.iter().map(|h| h.id.as_str()).collect() }
    }

    /// Width and height of the image at `dest`, when it is beside the page and readable.
    pub(super) fn image_size(&self, dest: &str) -> Option<(u32, u32)> {
        self.links.image_size(dest)
    }

    /// A site-absolute path (`/hinh/goi-114.svg`) as a URL.
    pub(super) fn absolute(&self, path: &str) -> String {
        self.links.absolute(path)
    }

    /// The URL to write for `dest`, or an empty one after reporting why there is none.
    /// `span` is where the link is written.
    pub(super) fn resolve(&self, dest: &str, span: &Range<usize>, report: &Report) -> String {
        self.url(dest).unwrap_or_else(|error| {
            report.push(Problem {
                span: span.clone(),
                message: error.message,
                help: error.help,
                warning: false,
            });
            String::new()
        })
    }

    fn url(&self, dest: &str) -> Result<String, LinkError> {
        check_scheme(dest)?;
        if let Some(target) = dest.strip_prefix("@/") {
            return self.links.content(target);
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            // `#fn…` are the footnotes' anchors, made by pulldown-cmark.
            if !anchor.is_empty() && !self.own_ids.contains(anchor) && !anchor.starts_with("fn") {
                return Err(LinkError {
                    message: format!("trang này không có mục `#{anchor}`"),
                    help: suggest_anchor(anchor, self.own_ids.iter().copied()),
                });
            }
            return Ok(dest.to_string());
        }
        if has_scheme(dest) || dest.starts_with("//") || dest.is_empty() {
            return Ok(dest.to_string());
        }
        if dest.starts_with('/') {
            return Ok(self.links.absolute(dest));
        }
        self.links.relative(dest)
    }
}

/// Whether `dest` starts with a scheme (`https:`, `tel:`): an address outside the site.
fn has_scheme(dest: &str) -> bool {
    dest.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// Resolves the destination of every link of the stream; a link that cannot be resolved gets
/// an empty destination and a problem at its place.
pub(super) struct ResolveLinks<'r, I> {
    events: I,
    resolver: &'r Resolver<'r>,
    report: &'r Report,
}

impl<'r, I> ResolveLinks<'r, I> {
    pub(super) fn new(events: I, resolver: &'r Resolver<'r>, report: &'r Report) -> Self {
        ResolveLinks { events, resolver, report }
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for ResolveLinks<'_, I> {
    type Item = (Event<'a>, Range<usize>);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let (event, span) = self.events.next()?;
        let Event::Start(Tag::Link { link_type, dest_url, title, id }) = event else {
            return Some((event, span));
        };
        let dest_url = CowStr::from(self.resolver.resolve(&dest_url, &span, self.report));
        Some((Event::Start(Tag::Link { link_type, dest_url, title, id }), span))
    }
}

/// A "did you mean" for an anchor among `ids`.
pub fn suggest_anchor<'a>(anchor: &str, ids: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let ids: Vec<&str> = ids.into_iter().collect();
    match crate::explain::suggest(anchor, ids.iter().copied()) {
        Some(best) => Some(format!("có phải bạn muốn viết `#{best}`?")),
        None if ids.is_empty() => Some("trang đó không có tiêu đề mục nào".into()),
        None => Some(format!(
            "các mục có trong trang: {}",
            ids.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{TestLinks, found, html_of, parse};
    use super::*;

    fn heading(id: &str) -> Heading {
        Heading { level: 2, id: id.into(), title: id.into() }
    }

    #[test]
    fn each_kind_of_address_is_resolved_its_own_way() {
        let headings = [heading("goi-114"), heading("thoat-nan")];
        let resolver = Resolver::new(&TestLinks, &headings);
        for (dest, url) in [
            ("@/bai-viet/a.md", "https://x.vn/bai-viet/a/"),
            ("@/bai-viet/a.md#muc-1", "https://x.vn/bai-viet/a/#muc-1"),
            ("#goi-114", "#goi-114"),
            ("#fn-1", "#fn-1"),
            ("#", "#"),
            ("https://a.vn/x?y=1", "https://a.vn/x?y=1"),
            ("tel:114", "tel:114"),
            ("//cdn.vn/a.js", "//cdn.vn/a.js"),
            ("", ""),
            ("/chu-de/", "https://x.vn/chu-de/"),
            ("anh.jpg", "https://x.vn/bai-viet/anh.jpg"),
        ] {
            assert_eq!(resolver.url(dest).as_deref(), Ok(url), "{dest}");
        }
        for (dest, message) in [
            ("@/khong-co.md", "không có `khong-co.md`"),
            ("khong-co.jpg", "không tìm thấy `khong-co.jpg`"),
            ("#goi-113", "trang này không có mục `#goi-113`"),
            (
                "javascript:alert(1)",
                "liên kết `javascript:alert(1)` bị chặn vì có thể chạy mã trên máy người đọc",
            ),
        ] {
            assert_eq!(resolver.url(dest).map_err(|e| e.message), Err(message.into()), "{dest}");
        }
        let wrong = resolver.url("#goi-113").unwrap_err();
        assert_eq!(wrong.help.as_deref(), Some("có phải bạn muốn viết `#goi-114`?"));
    }

    #[test]
    fn a_link_that_cannot_be_resolved_is_reported_at_its_place_and_goes_nowhere() {
        let body = "Xem [bài A](@/bai-viet/a.md) và [x](@/khong-co.md).\n";
        let resolver = Resolver::new(&TestLinks, &[]);
        let report = Report::default();
        let html = html_of(ResolveLinks::new(parse(body), &resolver, &report));
        assert_eq!(
            html,
            "<p>Xem <a href=\"https://x.vn/bai-viet/a/\">bài A</a> và <a href=\"\">x</a>.</p>\n"
        );
        assert_eq!(
            found(body, report),
            [("[x](@/khong-co.md)".to_string(), "không có `khong-co.md`".to_string())]
        );
    }

    #[test]
    fn a_missing_anchor_gets_a_suggestion_or_the_list_of_anchors() {
        let ids = ["goi-114", "thoat-nan"];
        assert_eq!(
            suggest_anchor("thoat-nam", ids).as_deref(),
            Some("có phải bạn muốn viết `#thoat-nan`?")
        );
        assert_eq!(
            suggest_anchor("xyz", ids).as_deref(),
            Some("các mục có trong trang: #goi-114, #thoat-nan")
        );
        assert_eq!(suggest_anchor("xyz", []).as_deref(), Some("trang đó không có tiêu đề mục nào"));
    }
}
