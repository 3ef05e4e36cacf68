//! The summary, shown on listing pages and in feeds and meta descriptions: the part of the body
//! before `<!-- more -->`, or else its first paragraph. [`collect`] ends the chain of adapters:
//! it gathers the events, taking every marker out and noting where the first one was.

use pulldown_cmark::{Event, Tag, TagEnd};

/// The marker that ends a summary.
const MORE: &str = "<!-- more -->";

/// The body's events, without the markers, and the index where the summary ends, if a marker
/// says so.
pub(super) struct Collected<'a> {
    pub(super) events: Vec<Event<'a>>,
    pub(super) more_at: Option<usize>,
}

/// Gathers the events, taking out the `<!-- more -->` markers. A marker written alone is an
/// HTML block of its own: the block is taken out with it, and the summary ends before it.
pub(super) fn collect<'a>(events: impl Iterator<Item = Event<'a>>) -> Collected<'a> {
    let mut out = Vec::new();
    let mut more_at = None;
    let mut in_html_block = false;
    for event in events {
        match event {
            Event::Start(Tag::HtmlBlock) => {
                in_html_block = true;
                out.push(event);
            }
            Event::End(TagEnd::HtmlBlock) => {
                in_html_block = false;
                // An empty block is what remains after removing `<!-- more -->`.
                if matches!(out.last(), Some(Event::Start(Tag::HtmlBlock))) {
                    out.pop();
                } else {
                    out.push(event);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) if html.trim() == MORE => {
                // In a block, one event back: the block's start when the marker is its first
                // line (a marker written later in a block cuts the line before it as well).
                more_at.get_or_insert(out.len() - usize::from(in_html_block));
            }
            other => out.push(other),
        }
    }
    Collected { events: out, more_at }
}

/// The summary's events: up to the marker, or else the first top-level paragraph.
pub(super) fn events<'e, 'a>(events: &'e [Event<'a>], more_at: Option<usize>) -> &'e [Event<'a>] {
    match more_at {
        Some(end) => &events[..end],
        None => first_paragraph(events),
    }
}

/// The events of the first top-level paragraph.
fn first_paragraph<'e, 'a>(events: &'e [Event<'a>]) -> &'e [Event<'a>] {
    let mut depth = 0usize;
    let mut start = None;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Paragraph) if depth == 0 => start = Some(i),
            Event::End(TagEnd::Paragraph) if depth == 1 && start.is_some() => {
                return &events[start.unwrap_or(i)..=i];
            }
            _ => {}
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    &[]
}

/// The text of `events`, its spaces made single.
pub(super) fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            // A data shortcode's place, for the model to put its value in.
            Event::Html(h) | Event::InlineHtml(h) => {
                if let Some(n) = super::data_marker_number(h) {
                    let (open, close) = super::TEXT_MARKER;
                    text.push_str(&format!("{open}{n}{close}"));
                }
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{html, parse};
    use super::*;

    /// The body's HTML without the markers, and the summary's HTML.
    fn summary(body: &str) -> (String, String) {
        let Collected { events, more_at } = collect(parse(body).map(|(event, _)| event));
        let summary = html(super::events(&events, more_at).iter().cloned());
        (html(events.into_iter()), summary)
    }

    #[test]
    fn a_marker_alone_on_its_line_ends_the_summary_and_leaves_nothing() {
        let (html, summary) = summary("Một.\n\nHai.\n\n<!-- more -->\n\nBa.\n\n<!--more-->\n");
        // Written without its spaces it is not the marker, and stays as raw HTML.
        assert_eq!(html, "<p>Một.</p>\n<p>Hai.</p>\n<p>Ba.</p>\n<!--more-->\n");
        assert_eq!(summary, "<p>Một.</p>\n<p>Hai.</p>\n");
    }

    #[test]
    fn only_the_first_marker_counts_and_every_one_is_taken_out() {
        let (html, summary) = summary("Một.\n<!-- more -->\n\nHai.\n\n<!-- more -->\n\nBa.\n");
        assert_eq!(html, "<p>Một.</p>\n<p>Hai.</p>\n<p>Ba.</p>\n");
        assert_eq!(summary, "<p>Một.</p>\n");
    }

    #[test]
    fn a_marker_in_a_paragraph_cuts_it() {
        let (html, summary) = summary("Một <!-- more --> hai.\n");
        assert_eq!(html, "<p>Một  hai.</p>\n");
        assert_eq!(summary, "<p>Một ");
    }

    #[test]
    fn a_marker_inside_an_html_block_cuts_one_line_early() {
        // As before the adapters: the summary ends one event before the marker.
        let (html, summary) = summary("Một.\n\n<div>\n<i>x</i>\n<!-- more -->\n</div>\n");
        assert_eq!(html, "<p>Một.</p>\n<div>\n<i>x</i>\n</div>\n");
        assert_eq!(summary, "<p>Một.</p>\n<div>\n");
    }

    #[test]
    fn without_a_marker_the_summary_is_the_first_top_level_paragraph() {
        let body = "# Tiêu đề\n\n> Trích.\n\n- a\n\n- b\n\nĐoạn **đầu** tiên.\n\nĐoạn sau.\n";
        let (_, summary) = summary(body);
        assert_eq!(summary, "<p>Đoạn <strong>đầu</strong> tiên.</p>\n");
        assert_eq!(self::summary("# Chỉ tiêu đề\n").1, "");
    }

    #[test]
    fn plain_text_puts_one_space_between_words_and_blocks() {
        let body = "# Gọi\n\n- *114*  ngay\n- `mã`\n\nDòng một\ndòng hai  \nba.\n";
        let events: Vec<_> = parse(body).map(|(event, _)| event).collect();
        assert_eq!(plain_text(&events), "Gọi 114 ngay mã Dòng một dòng hai ba.");
    }
}
