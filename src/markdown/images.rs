//! Images: `![Sơ đồ lối thoát](so-do.png)` becomes one `<img>` with its address resolved, its
//! size when the file is beside the page (no layout shift on slow connections), lazy loading,
//! and its alt text, which must not be empty: the blind hear it instead of the picture.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::links::Resolver;
use super::{Problem, Report, escape_html};

/// Turns each image of the stream, with the events of its alt text, into one `<img>`.
pub(super) struct Images<'r, I> {
    events: I,
    resolver: &'r Resolver<'r>,
    report: &'r Report,
}

impl<'r, I> Images<'r, I> {
    pub(super) fn new(events: I, resolver: &'r Resolver<'r>, report: &'r Report) -> Self {
        Images { events, resolver, report }
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Images<'_, I> {
    /// The alt text: the text of the events up to the image's end. Anything else in it (a link,
    /// emphasis, raw HTML) is dropped; an image inside another ends the outer one's alt text,
    /// and the outer one's end then goes on down the stream, where it writes nothing.
    fn alt_text(&mut self) -> String {
        let mut alt = String::new();
        for (event, _) in self.events.by_ref() {
            match event {
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                Event::End(TagEnd::Image) => break,
                _ => {}
            }
        }
        alt
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for Images<'_, I> {
    type Item = (Event<'a>, Range<usize>);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let (event, span) = self.events.next()?;
        let Event::Start(Tag::Image { dest_url, title, .. }) = event else {
            return Some((event, span));
        };
        let size = self.resolver.image_size(&dest_url);
        let src = self.resolver.resolve(&dest_url, &span, self.report);
        let alt = self.alt_text();
        if alt.trim().is_empty() {
            self.report.push(Problem {
                span: span.clone(),
                message: "ảnh thiếu lời mô tả (alt) cho người khiếm thị".into(),
                help: Some("viết trong ngoặc vuông ảnh có gì, ví dụ ![Sơ đồ lối thoát nạn tầng 2](so-do.png)".into()),
                warning: false,
            });
        }
        // `Html`, not `InlineHtml`: the HTML this module writes is not the editor's, and
        // `raw_html` escapes only the editor's (inline HTML, and block HTML inside a block).
        let html = img(&src, alt.trim(), &title, size);
        Some((Event::Html(html.into()), span))
    }
}

/// The `<img>` element: with its size when known, loaded lazily, decoded off the main thread.
fn img(src: &str, alt: &str, title: &str, size: Option<(u32, u32)>) -> String {
    let mut html = format!("<img src=\"{}\" alt=\"{}\"", escape_html(src), escape_html(alt));
    if !title.is_empty() {
        html.push_str(&format!(" title=\"{}\"", escape_html(title)));
    }
    if let Some((width, height)) = size {
        html.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
    }
    html.push_str(" loading=\"lazy\" decoding=\"async\">");
    html
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{TestLinks, found, html_of, parse};
    use super::*;

    /// The HTML and the problems of `body` through the images adapter alone.
    fn images(body: &str) -> (String, Vec<(String, String)>) {
        let resolver = Resolver::new(&TestLinks, &[]);
        let report = Report::default();
        let html = html_of(Images::new(parse(body), &resolver, &report));
        (html, found(body, report))
    }

    #[test]
    fn an_image_beside_the_page_gets_its_size_and_loads_lazily() {
        let (html, problems) = images("![Sơ đồ \"tầng 2\"](anh.jpg \"Tiêu <đề>\")\n");
        assert_eq!(
            html,
            "<p><img src=\"https://x.vn/bai-viet/anh.jpg\" alt=\"Sơ đồ “tầng 2”\" \
             title=\"Tiêu &lt;đề&gt;\" width=\"640\" height=\"480\" loading=\"lazy\" \
             decoding=\"async\"></p>\n"
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn an_image_without_alt_text_is_an_error_at_its_place() {
        let body = "Ảnh: ![](anh.jpg) và ![  ](https://a.vn/x.png).\n";
        let (html, problems) = images(body);
        let message = "ảnh thiếu lời mô tả (alt) cho người khiếm thị".to_string();
        assert_eq!(
            problems,
            [
                ("![](anh.jpg)".to_string(), message.clone()),
                ("![  ](https://a.vn/x.png)".to_string(), message),
            ]
        );
        assert!(html.contains("<img src=\"https://a.vn/x.png\" alt=\"\" loading"), "{html}");
    }

    #[test]
    fn alt_text_keeps_the_words_and_drops_the_markup() {
        let body = "![Lối *thoát* <b>nạn</b> `A`\ntầng [2](@/khong-co.md)](anh.jpg)\n";
        let (html, problems) = images(body);
        assert!(html.contains(" alt=\"Lối thoát nạn A tầng 2\" "), "{html}");
        // The link inside the alt text is not a link of the page: nothing to resolve.
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn an_image_address_is_checked_like_a_link() {
        let body = "![Ảnh](javascript:alert(1)) ![Ảnh](khong-co.png)\n";
        let (html, problems) = images(body);
        assert_eq!(html.matches("<img src=\"\" alt=\"Ảnh\" loading").count(), 2, "{html}");
        let messages: Vec<_> = problems.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "liên kết `javascript:alert(1)` bị chặn vì có thể chạy mã trên máy người đọc",
                "không tìm thấy `khong-co.png`",
            ]
        );
    }

    #[test]
    fn an_image_in_an_images_alt_text_ends_it() {
        // As before the adapters: the inner image's end ends the outer one's alt text; what
        // follows is text of the paragraph, and the outer end writes nothing.
        let (html, problems) = images("![a ![b](x.png) c](anh.jpg)\n");
        assert_eq!(
            html,
            "<p><img src=\"https://x.vn/bai-viet/anh.jpg\" alt=\"a b\" width=\"640\" \
             height=\"480\" loading=\"lazy\" decoding=\"async\"> c</p>\n"
        );
        assert!(problems.is_empty());
    }
}
