//! Raw HTML: shown as text unless `site.toml` sets `[markdown] unsafe_html = true`, so that an
//! editor's `<script>` (or a pasted `<b>`) cannot run or style anything on the ward's site.
//!
//! It runs on the collected events, after `summary` has found and taken out the
//! `<!-- more -->` markers (escaped, a marker would look like any text), and changes events one
//! for one, so the summary's end stays at the same index. The editor's HTML is what the parser
//! gives: inline HTML, and the lines of an HTML block. The HTML the other adapters write (an
//! `<img>`, a highlighted `<pre>`, an alert's box) is block HTML outside any HTML block, and
//! stays as it is.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::MarkdownOptions;

/// Turns the editor's HTML into text (an HTML block into a paragraph), in place, unless the
/// site allows raw HTML.
pub(super) fn apply(events: &mut [Event<'_>], options: MarkdownOptions) {
    if options.unsafe_html {
        return;
    }
    let mut in_block = false;
    for event in events {
        match event {
            Event::Start(Tag::HtmlBlock) => {
                in_block = true;
                *event = Event::Start(Tag::Paragraph);
            }
            Event::End(TagEnd::HtmlBlock) => {
                in_block = false;
                *event = Event::End(TagEnd::Paragraph);
            }
            Event::Html(html) if in_block => *event = Event::Text(take(html)),
            Event::InlineHtml(html) => *event = Event::Text(take(html)),
            _ => {}
        }
    }
}

fn take<'a>(html: &mut CowStr<'a>) -> CowStr<'a> {
    std::mem::replace(html, CowStr::Borrowed(""))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{OPTIONS, html, parse};
    use super::*;

    fn raw_html(body: &str, options: MarkdownOptions) -> String {
        let mut events: Vec<_> = parse(body).map(|(event, _)| event).collect();
        apply(&mut events, options);
        html(events.into_iter())
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
        let mut events = vec![
            Event::Html("<img src=\"a.png\" alt=\"A\">".into()),
            Event::Start(Tag::HtmlBlock),
            Event::Html("<b>\n".into()),
            Event::End(TagEnd::HtmlBlock),
            Event::Html("<pre class=\"code\"><code>x</code></pre>\n".into()),
        ];
        apply(&mut events, OPTIONS);
        assert_eq!(
            html(events.into_iter()),
            "<img src=\"a.png\" alt=\"A\">\n<p>&lt;b&gt;\n</p>\n<pre class=\"code\"><code>x</code></pre>\n"
        );
    }
}
