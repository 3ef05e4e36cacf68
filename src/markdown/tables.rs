//! Tables: each is wrapped in a box that scrolls sideways, so a wide table does not widen a
//! phone's page, and that a keyboard can reach and a screen reader names ("Bảng"). Column
//! alignment is written as classes, not styles.

use pulldown_cmark::{Event, Tag, TagEnd};

const OPEN: &str =
    "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Bảng\">\n";
const CLOSE: &str = "</div>\n";

/// Puts each table of the stream inside the scrolling box.
pub(super) struct Scroll<'a, I> {
    events: I,
    /// The event that follows the one just given: a table's start after the box's opening, the
    /// box's closing after the table's end.
    then: Option<Event<'a>>,
}

impl<I> Scroll<'_, I> {
    pub(super) fn new(events: I) -> Self {
        Scroll { events, then: None }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Scroll<'a, I> {
    type Item = Event<'a>;

    #[inline]
    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.then.take() {
            return Some(event);
        }
        match self.events.next()? {
            event @ Event::Start(Tag::Table(_)) => {
                self.then = Some(event);
                Some(Event::Html(OPEN.into()))
            }
            event @ Event::End(TagEnd::Table) => {
                self.then = Some(Event::Html(CLOSE.into()));
                Some(event)
            }
            event => Some(event),
        }
    }
}

/// pulldown-cmark writes a table column's alignment as a `style` attribute, which a strict
/// Content-Security-Policy (`style-src` without `'unsafe-inline'`) blocks; classes instead
/// (`can-trai`, `can-giua`, `can-phai`, styled by the theme). Text of the page cannot contain
/// the attribute as written here: its quotes are escaped.
pub(super) fn alignment_as_classes(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    html.replace(" style=\"text-align: left\"", " class=\"can-trai\"")
        .replace(" style=\"text-align: center\"", " class=\"can-giua\"")
        .replace(" style=\"text-align: right\"", " class=\"can-phai\"")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{html, parse};
    use super::*;

    #[test]
    fn a_table_scrolls_in_its_own_box_with_alignment_as_classes() {
        let body = "Trước.\n\n| Việc | Số |\n|:---|---:|\n| Gọi | 114 |\n\nSau.\n";
        let html = alignment_as_classes(html(Scroll::new(parse(body).map(|(event, _)| event))));
        assert_eq!(
            html,
            "<p>Trước.</p>\n\
             <div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Bảng\">\n\
             <table><thead><tr><th class=\"can-trai\">Việc</th><th class=\"can-phai\">Số</th></tr></thead>\
             <tbody>\n<tr><td class=\"can-trai\">Gọi</td><td class=\"can-phai\">114</td></tr>\n</tbody></table>\n\
             </div>\n<p>Sau.</p>\n"
        );
    }

    #[test]
    fn only_the_attribute_pulldown_cmark_writes_becomes_a_class() {
        let centred = "<th style=\"text-align: center\">a</th>".to_string();
        assert_eq!(alignment_as_classes(centred), "<th class=\"can-giua\">a</th>");
        // Text of the page has its quotes escaped, so it never looks like the attribute.
        let text = "<p>style=&quot;text-align: left&quot;</p>".to_string();
        assert_eq!(alignment_as_classes(text.clone()), text);
    }
}
