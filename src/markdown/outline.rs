//! Headings: [`outline`] finds them and gives each a unique id before any page is rendered (so
//! that links between pages can be checked), [`HeadingIds`] writes those ids into the rendered
//! headings, and [`toc`] nests them into a table of contents.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use super::{Heading, MarkdownOptions, Problem, Report, TocEntry, shorten};
use crate::slug::slugify;

/// Finds the headings of `body` and gives each a unique id.
pub fn outline(body: &str, options: MarkdownOptions) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used = HashSet::new();
    let mut next = HashMap::new();
    let mut current: Option<(u8, Option<String>, String)> = None;
    for event in Parser::new_ext(body, options.parser_options()) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some((level as u8, id.map(|id| id.to_string()), String::new()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, title)) = current.as_mut() {
                    title.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, title)) = current.as_mut() {
                    title.push(' ');
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, title)) = current.take() {
                    let base = explicit.unwrap_or_else(|| {
                        let slug = slugify(&title);
                        if slug.is_empty() { "muc".to_string() } else { slug }
                    });
                    let id = unique(&base, &mut used, &mut next);
                    headings.push(Heading { level, id, title: title.trim().to_string() });
                }
            }
            _ => {}
        }
    }
    headings
}

/// `base`, or `base-1`, `base-2`... the first not yet used. `next` remembers, for each base,
/// where to start looking next time: a body with thousands of headings of the same title
/// would otherwise try every taken number again for each one (quadratic).
fn unique(base: &str, used: &mut HashSet<String>, next: &mut HashMap<String, usize>) -> String {
    let n = next.entry(base.to_string()).or_insert(0);
    loop {
        let id = if *n == 0 { base.to_string() } else { format!("{base}-{n}") };
        *n += 1;
        if used.insert(id.clone()) {
            return id;
        }
    }
}

/// Nests a flat list of headings into a table of contents.
pub fn toc(headings: &[Heading]) -> Vec<TocEntry> {
    fn take(headings: &[Heading], i: &mut usize, min_level: u8) -> Vec<TocEntry> {
        let mut entries = Vec::new();
        while let Some(h) = headings.get(*i) {
            if h.level < min_level {
                break;
            }
            *i += 1;
            let children = take(headings, i, h.level + 1);
            entries.push(TocEntry {
                level: h.level,
                id: h.id.clone(),
                title: h.title.clone(),
                children,
            });
        }
        entries
    }
    let mut i = 0;
    let min = headings.iter().map(|h| h.level).min().unwrap_or(1);
    take(headings, &mut i, min)
}

/// Gives the n-th heading of the stream the id of the n-th entry of the outline. With raw HTML
/// off, it also takes out the attributes written after a heading (`## Tiêu đề {onclick=…}`):
/// they write any attribute, an event handler too, so they are raw HTML by another door.
pub(super) struct HeadingIds<'r, I> {
    events: I,
    headings: &'r [Heading],
    next: usize,
    unsafe_html: bool,
    report: &'r Report,
}

impl<'r, I> HeadingIds<'r, I> {
    pub(super) fn new(
        events: I,
        headings: &'r [Heading],
        options: MarkdownOptions,
        report: &'r Report,
    ) -> Self {
        HeadingIds { events, headings, next: 0, unsafe_html: options.unsafe_html, report }
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for HeadingIds<'_, I> {
    type Item = (Event<'a>, Range<usize>);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let (event, span) = self.events.next()?;
        let Event::Start(Tag::Heading { level, id: _, classes, mut attrs }) = event else {
            return Some((event, span));
        };
        let id = self.headings.get(self.next).map(|h| CowStr::from(h.id.clone()));
        self.next += 1;
        if !self.unsafe_html {
            for attr in attrs.drain(..) {
                self.report.push(heading_attribute(attr, &span));
            }
        }
        Some((Event::Start(Tag::Heading { level, id, classes, attrs }), span))
    }
}

/// The error for an attribute written after a heading (`{key=value}`) on a site without raw HTML.
fn heading_attribute(
    (key, value): (CowStr<'_>, Option<CowStr<'_>>),
    span: &Range<usize>,
) -> Problem {
    let written = match value {
        Some(value) => format!("{key}={value}"),
        None => key.to_string(),
    };
    Problem {
        span: span.clone(),
        message: format!("tiêu đề không dùng được thuộc tính `{}`", shorten(&written, 40)),
        help: Some(
            "trong {…} sau tiêu đề chỉ viết mã mục và lớp, ví dụ ## Gọi 114 {#goi-114 .noi-bat}; \
             thuộc tính HTML khác chỉ dùng được khi site.toml đặt [markdown] unsafe_html = true"
                .into(),
        ),
        warning: false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{OPTIONS, found, html_of, parse};
    use super::*;

    #[test]
    fn repeated_headings_skip_ids_taken_by_explicit_ones() {
        let body = "## A {#a-1}\n## A\n## A\n## A {#a-3}\n## A\n## A-2\n";
        let ids: Vec<_> = outline(body, OPTIONS).into_iter().map(|h| h.id).collect();
        assert_eq!(ids, ["a-1", "a", "a-2", "a-3", "a-4", "a-2-1"]);
    }

    #[test]
    fn headings_get_the_outline_ids_in_order() {
        let body = "# Khi có cháy\n\n## Gọi 114\n\n## Gọi 114\n\n### `mã` {#rieng}\n";
        let headings = outline(body, OPTIONS);
        let report = Report::default();
        let html = html_of(HeadingIds::new(parse(body), &headings, OPTIONS, &report));
        assert_eq!(
            html,
            "<h1 id=\"khi-co-chay\">Khi có cháy</h1>\n<h2 id=\"goi-114\">Gọi 114</h2>\n\
             <h2 id=\"goi-114-1\">Gọi 114</h2>\n<h3 id=\"rieng\"><code>mã</code></h3>\n"
        );
        assert!(found(body, report).is_empty());
        let titles: Vec<_> = headings.iter().map(|h| (h.level, h.title.as_str())).collect();
        assert_eq!(titles, [(1, "Khi có cháy"), (2, "Gọi 114"), (2, "Gọi 114"), (3, "mã")]);
    }

    #[test]
    fn heading_attributes_are_taken_out_and_reported_unless_raw_html_is_on() {
        let body = "Chữ.\n\n## Gọi {#goi .to onclick=x hidden}\n";
        let headings = outline(body, OPTIONS);
        let report = Report::default();
        let html = html_of(HeadingIds::new(parse(body), &headings, OPTIONS, &report));
        assert_eq!(html, "<p>Chữ.</p>\n<h2 id=\"goi\" class=\"to\">Gọi</h2>\n");
        let heading = "## Gọi {#goi .to onclick=x hidden}\n".to_string();
        assert_eq!(
            found(body, report),
            [
                (heading.clone(), "tiêu đề không dùng được thuộc tính `onclick=x`".to_string()),
                (heading, "tiêu đề không dùng được thuộc tính `hidden`".to_string()),
            ]
        );
        let raw = MarkdownOptions { unsafe_html: true, ..OPTIONS };
        let report = Report::default();
        let html = html_of(HeadingIds::new(parse(body), &headings, raw, &report));
        assert!(html.contains("<h2 id=\"goi\" class=\"to\" onclick=\"x\" hidden=\"\">"), "{html}");
        assert!(found(body, report).is_empty());
    }

    #[test]
    fn a_long_attribute_is_shortened_in_the_message() {
        let written = format!("onclick={}", "a".repeat(50));
        let problem = heading_attribute((written.clone().into(), None), &(3..9));
        assert_eq!(
            problem.message,
            format!("tiêu đề không dùng được thuộc tính `onclick={}…`", "a".repeat(32))
        );
        assert_eq!(problem.span, 3..9);
    }

    #[test]
    fn toc_nests_headings_under_the_one_before_of_a_higher_level() {
        let h = |level, id: &str| Heading { level, id: id.into(), title: id.to_uppercase() };
        let toc = toc(&[h(3, "a"), h(2, "b"), h(3, "c"), h(4, "d"), h(3, "e"), h(2, "f")]);
        let shape = |e: &TocEntry| {
            (e.id.clone(), e.children.iter().map(|c| c.id.clone()).collect::<Vec<_>>())
        };
        assert_eq!(
            toc.iter().map(shape).collect::<Vec<_>>(),
            [
                ("a".into(), vec![]),
                ("b".into(), vec!["c".to_string(), "e".into()]),
                ("f".into(), vec![]),
            ]
        );
        assert_eq!(toc[1].children[0].children[0].id, "d");
        assert_eq!(toc[1].title, "B");
        assert!(super::toc(&[]).is_empty());
    }
}
