//! Raw HTML: shown as text unless `site.toml` sets `[markdown] unsafe_html = true`, so that an
//! editor's `<script>` (or a pasted `<b>`) cannot run or style anything on the ward's site.
//!
//! It runs on the collected events, after `summary` has found and taken out the
//! `<!-- more -->` markers (escaped, a marker would look like any text), and changes events one
//! for one, so the summary's end stays at the same index. The editor's HTML is what the parser
//! gives: inline HTML, and the lines of an HTML block. The HTML the other adapters write (an
//! `<img>`, a highlighted `<pre>`, an alert's box) is block HTML outside any HTML block, and
//! stays as it is.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::MarkdownOptions;

/// The events with the editor's HTML turned into text (an HTML block into a paragraph),
/// unless the site allows raw HTML.
pub(super) fn apply(events: Vec<Event<'_>>, options: MarkdownOptions) -> Vec<Event<'_>> {
    if options.unsafe_html {
        return events;
    }
    let mut in_block = false;
    let as_text = |event| match event {
        Event::Start(Tag::HtmlBlock) => {
            in_block = true;
            Event::Start(Tag::Paragraph)
        }
        Event::End(TagEnd::HtmlBlock) => {
            in_block = false;
            Event::End(TagEnd::Paragraph)
        }
        Event::Html(html) if in_block => Event::Text(html),
        Event::InlineHtml(html) => Event::Text(html),
        other => other,
    };
    events.into_iter().map(as_text).collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{OPTIONS, html, parse};
    use super::*;

    fn raw_html(body: &str, options: MarkdownOptions) -> String {
        html(apply(parse(body).map(|(event, _)| event).collect(), options).into_iter())
    }

    #[test]
    fn the_editors_html_is_shown_as_text() {
        assert_eq!(
            raw_html("<script>alert(1)</script>\n\nChữ <b>đậm</b>.\n", OPTIONS),
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;\n</p>\n\
             <p>Chữ &lt;b&gt;đậm&lt;/b&gt;.</p>\n"
        );
    }

    #[test]
    fn a_site_that_allows_raw_html_gets_it_as_written() {
        let raw = MarkdownOptions { unsafe_html: true, ..OPTIONS };
        assert_eq!(
            raw_html("<div class=\"x\">\n\nChữ <b>đậm</b>.\n", raw),
            "<div class=\"x\">\n<p>Chữ <b>đậm</b>.</p>\n"
        );
    }

    #[test]
    fn html_written_by_the_adapters_stays_html() {
        let events = vec![
            Event::Html("<img src=\"a.png\" alt=\"A\">".into()),
            Event::Start(Tag::HtmlBlock),
            Event::Html("<b>\n".into()),
            Event::End(TagEnd::HtmlBlock),
            Event::Html("<pre class=\"code\"><code>x</code></pre>\n".into()),
        ];
        assert_eq!(
            html(apply(events, OPTIONS).into_iter()),
            "<img src=\"a.png\" alt=\"A\">\n<p>&lt;b&gt;\n</p>\n<pre class=\"code\"><code>x</code></pre>\n"
        );
    }
}
