//! What the adapters' tests share: the ward's options, links into a small site, and helpers
//! that run a body through one adapter.

use std::ops::Range;

use pulldown_cmark::{Event, Parser};

use super::{LinkError, Links, MarkdownOptions, Report};

/// The ward's options: raw HTML off, smart punctuation, highlighting.
pub(super) const OPTIONS: MarkdownOptions =
    MarkdownOptions { unsafe_html: false, smart_punctuation: true, highlight_code: true };

/// A site with one article (`bai-viet/a.md`, with a heading `muc-1`) and one image beside the
/// page (`anh.jpg`, 640 × 480).
pub(super) struct TestLinks;

impl Links for TestLinks {
    fn content(&self, target: &str) -> Result<String, LinkError> {
        match target {
            "bai-viet/a.md" => Ok("https://x.vn/bai-viet/a/".into()),
            "bai-viet/a.md#muc-1" => Ok("https://x.vn/bai-viet/a/#muc-1".into()),
            _ => Err(LinkError { message: format!("không có `{target}`"), help: None }),
        }
    }
    fn relative(&self, target: &str) -> Result<String, LinkError> {
        match target {
            "anh.jpg" => Ok("https://x.vn/bai-viet/anh.jpg".into()),
            _ => Err(LinkError { message: format!("không tìm thấy `{target}`"), help: None }),
        }
    }
    fn absolute(&self, target: &str) -> String {
        format!("https://x.vn{target}")
    }
    fn image_size(&self, target: &str) -> Option<(u32, u32)> {
        (target == "anh.jpg").then_some((640, 480))
    }
}

/// The events of `body` with their spans, as the parser gives them to the first adapter.
pub(super) fn parse(body: &str) -> impl Iterator<Item = (Event<'_>, Range<usize>)> {
    Parser::new_ext(body, OPTIONS.parser_options()).into_offset_iter()
}

/// The HTML pulldown-cmark writes for `events`.
pub(super) fn html<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// HTML for a stream that still carries spans.
pub(super) fn html_of<'a>(events: impl Iterator<Item = (Event<'a>, Range<usize>)>) -> String {
    html(events.map(|(event, _)| event))
}

/// The problems of `report`, as `(text at the span, message)`.
pub(super) fn found(body: &str, report: Report) -> Vec<(String, String)> {
    let problems = report.into_problems();
    problems.into_iter().map(|p| (body[p.span].to_string(), p.message)).collect()
}
