//! Markdown bodies to HTML with pulldown-cmark.
//!
//! Two passes over a body, both pure: [`outline`] finds the headings and gives each its id
//! (the same slug rules as URLs), so that links between pages can be checked before any page
//! is rendered; [`render`] then turns the body into HTML through a chain of small adapters over
//! pulldown-cmark's event stream, in the manner of pulldown-cmark's own examples, one file
//! each, in the order of the chain:
//!
//! | file | what it does to the stream |
//! |---|---|
//! | `images` | an image becomes one `<img>` with its alt text, size and resolved address |
//! | `code` | a code block becomes one `<pre>`, highlighted by [`crate::highlight`] |
//! | `shortcodes` | `{{ hinh(ten="goi-114") }}` becomes that pictogram's `<img>` |
//! | `outline` | headings get the ids [`outline`] gave them; `{key=value}` attributes are refused |
//! | `links` | links are resolved (`@/bai-viet/a.md#muc` to a permalink) and checked |
//! | `alerts` | GitHub-style alerts (`> [!CAUTION]`) become boxes with Vietnamese titles |
//! | `tables` | tables are wrapped so they scroll on a phone; alignment as classes |
//! | `summary` | ends the chain: gathers the events, takes `<!-- more -->` out, notes where |
//! | `raw_html` | then, on the gathered events: raw HTML as text unless the site allows it |
//!
//! `scheme` holds [`check_scheme`], which every address of the site goes through. The adapters
//! that find problems push them to one shared report, so that they come out in the body's
//! order. Each adapter's `next` is `#[inline]`, so that the chain compiles into one loop: the
//! bench site renders 8,000 bodies, and every event goes through every adapter.

mod alerts;
mod code;
mod images;
mod links;
mod outline;
mod raw_html;
mod scheme;
mod shortcodes;
mod summary;
mod tables;
#[cfg(test)]
mod test_support;

use std::cell::RefCell;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};
use serde::Serialize;

pub use code::fenced_blocks;
pub use links::suggest_anchor;
pub use outline::{outline, toc};
pub use scheme::check_scheme;

/// Which Markdown features are on, from `site.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// Emit raw HTML instead of showing it as text.
    pub unsafe_html: bool,
    /// Curly quotes and dashes.
    pub smart_punctuation: bool,
    /// Highlight fenced code.
    pub highlight_code: bool,
}

impl MarkdownOptions {
    fn parser_options(self) -> Options {
        let mut o = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_HEADING_ATTRIBUTES
            | Options::ENABLE_GFM;
        if self.smart_punctuation {
            o |= Options::ENABLE_SMART_PUNCTUATION;
        }
        o
    }
}

/// A heading of a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The anchor id: written as `{#id}`, or made from the text.
    pub id: String,
    /// The heading's plain text.
    pub title: String,
}

/// One entry of a table of contents, with the entries nested under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct TocEntry {
    /// 1 to 6.
    pub level: u8,
    /// The anchor id.
    pub id: String,
    /// The heading's text.
    pub title: String,
    /// Lower-level headings that follow it.
    pub children: Vec<TocEntry>,
}

/// The outcome of rendering a body.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Rendered {
    /// The body as HTML, shared: watch mode hands the same body to each new version of the site.
    pub html: std::sync::Arc<str>,
    /// The part before `<!-- more -->`, or else the first paragraph, as HTML.
    pub summary: String,
    /// The summary as plain text, shortened for meta descriptions.
    pub summary_text: String,
    /// The table of contents.
    pub toc: Vec<TocEntry>,
    /// Whether a fenced code block was highlighted (the page then needs the code stylesheet).
    pub has_code: bool,
    /// Number of words, for reading time.
    pub word_count: usize,
    /// The data shortcodes of the body, in order; the HTML holds [`data_marker`] in place of
    /// each, for the data set it names to fill at render time.
    #[serde(skip)]
    pub data_uses: Vec<DataUse>,
    /// With data shortcodes, `summary_text` as rendered, their places marked, from which the
    /// model fills `summary_text` in each time it loads the data sets; else empty.
    #[serde(skip)]
    pub marked_summary_text: String,
    /// The HTML, summary, table of contents, code flag and word count summed up
    /// ([`Rendered::sum_up`]), so that watch mode can tell an unchanged body without reading it,
    /// and a build what it made from it last time (`crate::view::Previous`); 0 when not summed
    /// up.
    #[serde(skip)]
    pub sum: u64,
}

impl Rendered {
    /// Sums up the fields [`Rendered::sum`] covers (all but `summary_text` and `data_uses`,
    /// which the model may change after, and `marked_summary_text`, the summary's own text),
    /// and keeps the sum.
    pub fn sum_up(&mut self) {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        self.html.hash(&mut hasher);
        self.summary.hash(&mut hasher);
        format!("{:?}", self.toc).hash(&mut hasher);
        self.has_code.hash(&mut hasher);
        self.word_count.hash(&mut hasher);
        self.sum = hasher.finish();
    }
}

/// A data shortcode (`{{ chi_tieu(ma="…", ngay="…") }}`): an indicator's value, and its chart
/// when `bieu_do=true`, as of a day. The body cannot know the data, which is loaded after the
/// bodies are rendered: the model checks the use against the loaded data sets, and the data set
/// fills the marker when the page is rendered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct DataUse {
    /// The indicator's code (`ma`).
    pub code: String,
    /// The day, as written (`ngay`).
    pub day: String,
    /// Whether the chart is drawn (`bieu_do=true`).
    pub chart: bool,
    /// Where it is written: bytes of the body, of the file once the model has placed it.
    pub span: Range<usize>,
}

/// How long [`Rendered::summary_text`] may be, in characters.
pub const SUMMARY_TEXT: usize = 160;

/// `summary_text` of a body with data shortcodes, whose places in it are marked (see
/// [`summary`]'s plain text), with the text `fill` gives for each, shortened.
pub fn fill_summary_text(summary_text: &str, fill: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(summary_text.len());
    let mut rest = summary_text;
    while let Some((before, after)) = rest.split_once(TEXT_MARKER.0) {
        out.push_str(before);
        let Some((n, after)) = after.split_once(TEXT_MARKER.1) else { break };
        out.push_str(&n.parse().map(&fill).unwrap_or_default());
        rest = after;
    }
    out.push_str(rest);
    shorten(&out.split_whitespace().collect::<Vec<_>>().join(" "), SUMMARY_TEXT)
}

/// What stands for a data shortcode in a summary's plain text, around its number: characters
/// of Unicode's private use area, which no text of an editor holds once loaded.
const TEXT_MARKER: (char, char) = ('\u{E000}', '\u{E001}');

/// The number of the data shortcode whose [`data_marker`] `html` is.
fn data_marker_number(html: &str) -> Option<usize> {
    html.strip_prefix("<!--pccc:chi-tieu:")?.strip_suffix("-->")?.parse().ok()
}

/// The marker the `n`th data shortcode of a body leaves in its HTML.
pub fn data_marker(n: usize) -> String {
    format!("<!--pccc:chi-tieu:{n}-->")
}

/// What the [`data_marker`]s become once the model knows whose body they are in (the content
/// path of `owner`, in hex so that no path can end the comment): a page that lists another's
/// summary then holds markers it can tell from its own.
pub fn owned_data_markers(html: &str, owner: &str, count: usize) -> String {
    let hex: String = owner.bytes().map(|b| format!("{b:02x}")).collect();
    let mut html = html.to_string();
    for n in 0..count {
        html = html.replacen(&data_marker(n), &format!("{OWNED_MARKER}{hex}:{n}-->"), 1);
    }
    html
}

/// How an owned marker starts (see [`owned_data_markers`]).
const OWNED_MARKER: &str = "<!--pccc:chi-tieu@";

/// An owned marker found in a page: where it is, whose body it came from, and which of that
/// body's data shortcodes it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedMarker {
    /// Bytes of the HTML it takes.
    pub span: Range<usize>,
    /// The content path of the page or section whose body holds it.
    pub owner: String,
    /// The index of the shortcode in [`Rendered::data_uses`] of that body.
    pub n: usize,
}

/// Whether `html` may hold an owned marker: it has the opening of one.
pub fn has_owned_marker(html: &[u8]) -> bool {
    memchr::memmem::find(html, OWNED_MARKER.as_bytes()).is_some()
}

/// The first owned marker of `html` at or after byte `from`.
pub fn next_owned_marker(html: &str, from: usize) -> Option<OwnedMarker> {
    let mut at = from;
    loop {
        let rest = html.get(at..)?.as_bytes();
        // The marker opens with `<`: where it is found is a character's boundary.
        let start = at + memchr::memmem::find(rest, OWNED_MARKER.as_bytes())?;
        let rest = &html[start + OWNED_MARKER.len()..];
        let parsed = rest.split_once("-->").and_then(|(inside, _)| {
            let (hex, n) = inside.split_once(':')?;
            let bytes = (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
                .collect::<Option<Vec<u8>>>()?;
            Some((String::from_utf8(bytes).ok()?, n.parse().ok()?, inside.len()))
        });
        match parsed {
            Some((owner, n, len)) => {
                let end = start + OWNED_MARKER.len() + len + "-->".len();
                return Some(OwnedMarker { span: start..end, owner, n });
            }
            None => at = start + OWNED_MARKER.len(),
        }
    }
}

/// A problem found in a body; `span` is a byte range of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the body.
    pub span: Range<usize>,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// What to write instead.
    pub help: Option<String>,
    /// Whether the build may go on.
    pub warning: bool,
}

/// Why a link could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct LinkError {
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// What to write instead.
    pub help: Option<String>,
}

/// Resolves the links a body contains. The model implements it over the whole site.
pub trait Links: Sync {
    /// Resolves `@/path/file.md#anchor` (given without the `@/`) to a URL.
    fn content(&self, target: &str) -> Result<String, LinkError>;
    /// Resolves a path relative to the page's own folder (`anh.jpg`, `../a.md`) to a URL.
    fn relative(&self, target: &str) -> Result<String, LinkError>;
    /// Resolves a site-absolute path (`/chu-de/`) to a URL.
    fn absolute(&self, target: &str) -> String;
    /// Width and height, in pixels, of an image given by a path relative to the page's folder.
    fn image_size(&self, target: &str) -> Option<(u32, u32)> {
        let _ = target;
        None
    }
}

/// The problems the adapters of one body find. Each adapter owns the stream of the one before
/// it, so they cannot each hold `&mut` to one list; they share this by reference instead.
/// Adapters pull events one at a time, so the problems come out in the order of the body.
#[derive(Debug, Default)]
struct Report(RefCell<Vec<Problem>>, RefCell<Vec<DataUse>>);

impl Report {
    fn push(&self, problem: Problem) {
        self.0.borrow_mut().push(problem);
    }

    fn into_problems(self) -> Vec<Problem> {
        self.0.into_inner()
    }

    /// Records a data shortcode; its marker's number.
    fn data_use(&self, data_use: DataUse) -> usize {
        let mut uses = self.1.borrow_mut();
        uses.push(data_use);
        uses.len() - 1
    }
}

/// Renders `body` to HTML. `headings` must be `outline(body, options)`.
pub fn render(
    body: &str,
    headings: &[Heading],
    options: MarkdownOptions,
    links: &dyn Links,
) -> (Rendered, Vec<Problem>) {
    let report = Report::default();
    let resolver = links::Resolver::new(links, headings);
    let mut has_code = false;
    let mut word_count = 0;
    // Images and code blocks first: the events inside them (alt text, code) are theirs alone,
    // so a link in an image's alt text is neither resolved nor counted as words.
    let events = Parser::new_ext(body, options.parser_options()).into_offset_iter();
    let events = images::Images::new(events, &resolver, &report);
    let events = code::CodeBlocks::new(events, options, &report, &mut has_code);
    let events = shortcodes::Shortcodes::new(events, body, &resolver, &report);
    let events = outline::HeadingIds::new(events, headings, options, &report);
    let events = links::ResolveLinks::new(events, &resolver, &report);
    let events = events.map(|(event, _)| alerts::callout(event));
    let events = tables::Scroll::new(events);
    let events = events.inspect(|event| word_count += words(event));
    let summary::Collected { mut events, more_at } = summary::collect(events);
    // After the summary marker is found: escaped, the marker would look like any text.
    raw_html::apply(&mut events, options);

    let summary_events = summary::events(&events, more_at);
    let summary = tables::alignment_as_classes(to_html(summary_events.iter().cloned(), 0));
    // With data shortcodes, whole: the model fills their values in, then shortens it.
    let summary_text = summary::plain_text(summary_events);
    let summary_text = if report.1.borrow().is_empty() {
        shorten(&summary_text, SUMMARY_TEXT)
    } else {
        summary_text
    };
    let html = tables::alignment_as_classes(to_html(events.into_iter(), body.len() * 3 / 2));
    let data_uses = std::mem::take(&mut *report.1.borrow_mut());
    let marked_summary_text =
        if data_uses.is_empty() { String::new() } else { summary_text.clone() };
    let rendered = Rendered {
        html: html.into(),
        summary,
        summary_text,
        toc: toc(headings),
        has_code,
        word_count,
        data_uses,
        marked_summary_text,
        sum: 0,
    };
    (rendered, report.into_problems())
}

/// The words of a text event, for reading time; raw HTML and code are not words.
fn words(event: &Event<'_>) -> usize {
    match event {
        Event::Text(text) => text.split_whitespace().count(),
        _ => 0,
    }
}

fn to_html<'a>(events: impl Iterator<Item = Event<'a>>, capacity: usize) -> String {
    let mut html = String::with_capacity(capacity);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Shortens text to at most `max` characters at a word boundary, adding "…".
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// Text made safe inside HTML elements and inside attribute values quoted either way (`&`,
/// `<`, `>`, `"` and `'` escaped), for the few places that write HTML without a template: the one
/// HTML escape of the crate (templates have tera's).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::test_support::{OPTIONS, TestLinks};
    use super::*;

    fn html(body: &str) -> (Rendered, Vec<Problem>) {
        render(body, &outline(body, OPTIONS), OPTIONS, &TestLinks)
    }

    #[test]
    fn heading_ids_follow_slug_rules_and_are_unique() {
        let body = "# Khi có cháy\n## Gọi 114\n## Gọi 114\n## Tự đặt {#rieng}\n### `code` và **đậm**\n## !!!\n";
        let ids: Vec<_> = outline(body, OPTIONS).into_iter().map(|h| h.id).collect();
        assert_eq!(ids, ["khi-co-chay", "goi-114", "goi-114-1", "rieng", "code-va-dam", "muc"]);
        let (r, _) = html(body);
        assert!(r.html.contains("<h2 id=\"goi-114-1\">Gọi 114</h2>"), "{}", r.html);
        assert_eq!(r.toc.len(), 1);
        assert_eq!(r.toc[0].children.len(), 4);
        assert_eq!(r.toc[0].children[2].children[0].id, "code-va-dam");
    }

    #[test]
    fn table_alignment_is_a_class_not_a_style() {
        let body = "| Việc | Số |\n|:---|---:|\n| Gọi | 114 |\n\nstyle=\"text-align: left\"\n";
        let (r, _) = html(body);
        assert!(!r.html.contains("<td style") && !r.html.contains("<th style"), "{}", r.html);
        assert!(r.html.contains("<th class=\"can-trai\">Việc</th>"), "{}", r.html);
        assert!(r.html.contains("<td class=\"can-phai\">114</td>"), "{}", r.html);
        // Text that looks like the attribute stays text.
        assert!(r.html.contains("<p>style=") && r.html.contains("text-align: left"), "{}", r.html);
    }

    #[test]
    fn a_summary_with_a_table_has_classes_not_styles() {
        // Found by the `markdown` fuzz target (fuzz/regressions/markdown/summary-table-alignment.md):
        // a summary cut at `<!-- more -->` kept pulldown-cmark's inline styles.
        let (r, _) = html("g|\n-:|\n<!-- more -->");
        assert_eq!(
            r.summary,
            "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Bảng\">\n\
             <table><thead><tr><th class=\"can-phai\">g</th></tr></thead><tbody>\n</tbody></table>\n</div>\n"
        );
    }

    #[test]
    fn raw_html_is_escaped_by_default() {
        let (r, _) = html("<script>alert(1)</script>\n\nChữ <b>đậm</b>.\n");
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
        assert!(r.html.contains("&lt;b&gt;"), "{}", r.html);
        let allowed = MarkdownOptions { unsafe_html: true, ..OPTIONS };
        let body = "<b>đậm</b>\n";
        let (r, _) = render(body, &[], allowed, &TestLinks);
        assert!(r.html.contains("<b>đậm</b>"), "{}", r.html);
    }

    #[test]
    fn heading_attributes_are_refused_without_raw_html() {
        // `{key=value}` after a heading wrote any attribute, so an event handler went out with
        // raw HTML off. Found while writing the markdown fuzz target's HTML check.
        let body = "## Gọi 114 {#goi .noi-bat onmouseover=alert(1) hidden}\n";
        let (r, problems) = html(body);
        assert_eq!(&*r.html, "<h2 id=\"goi\" class=\"noi-bat\">Gọi 114</h2>\n");
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "tiêu đề không dùng được thuộc tính `onmouseover=alert(1)`",
                "tiêu đề không dùng được thuộc tính `hidden`"
            ]
        );
        assert_eq!(
            problems[0].help.as_deref(),
            Some(
                "trong {…} sau tiêu đề chỉ viết mã mục và lớp, ví dụ ## Gọi 114 {#goi-114 .noi-bat}; \
                 thuộc tính HTML khác chỉ dùng được khi site.toml đặt [markdown] unsafe_html = true"
            )
        );
        assert_eq!(&body[problems[0].span.clone()], body);
        assert!(!problems[0].warning);
        // A site that allows raw HTML gets the attributes as written.
        let allowed = MarkdownOptions { unsafe_html: true, ..OPTIONS };
        let (r, problems) = render(body, &outline(body, allowed), allowed, &TestLinks);
        assert!(
            r.html.starts_with("<h2 id=\"goi\" class=\"noi-bat\" onmouseover=\"alert(1)\""),
            "{}",
            r.html
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn internal_links_resolve_and_broken_ones_are_reported_with_their_span() {
        let body = "Xem [bài A](@/bai-viet/a.md) và [mục](@/bai-viet/a.md#muc-1).\n\nSai: [x](@/khong-co.md), ![ảnh](anh.jpg)\n";
        let (r, problems) = html(body);
        assert!(r.html.contains("href=\"https://x.vn/bai-viet/a/\""), "{}", r.html);
        assert!(r.html.contains("href=\"https://x.vn/bai-viet/a/#muc-1\""), "{}", r.html);
        assert!(
            r.html.contains("<img src=\"https://x.vn/bai-viet/anh.jpg\" alt=\"ảnh\" width=\"640\" height=\"480\" loading=\"lazy\" decoding=\"async\">"),
            "{}",
            r.html
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "không có `khong-co.md`");
        assert_eq!(&body[problems[0].span.clone()], "[x](@/khong-co.md)");
    }

    #[test]
    fn images_need_alt_text_and_escape_it() {
        let (r, problems) =
            html("![](anh.jpg) ![Sơ đồ \"tầng 2\" *mới*](https://a.vn/x.png \"Tiêu đề\")\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "ảnh thiếu lời mô tả (alt) cho người khiếm thị");
        assert!(
            r.html.contains("<img src=\"https://a.vn/x.png\" alt=\"Sơ đồ “tầng 2” mới\" title=\"Tiêu đề\" loading=\"lazy\" decoding=\"async\">"),
            "{}",
            r.html
        );
    }

    #[test]
    fn dangerous_schemes_and_missing_own_anchors_are_errors() {
        let (_, problems) = html("[a](javascript:alert(1)) [b](#khong-co) [c](#muc)\n\n## Mục\n");
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("bị chặn"));
        assert_eq!(messages[1], "trang này không có mục `#khong-co`");
    }

    #[test]
    fn entities_and_tabs_in_markdown_links_are_still_refused() {
        // pulldown-cmark decodes the entities: the destination holds a tab, then a \u{1}.
        let (r, problems) = html("[a](java&#9;script:alert(1)) [b](&#1;javascript:alert(1))\n");
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "liên kết `java\\tscript:alert(1)` bị chặn vì có thể chạy mã trên máy người đọc",
                "liên kết `\\u0001javascript:alert(1)` bị chặn vì có thể chạy mã trên máy người đọc",
            ]
        );
        assert!(!r.html.contains("script:"), "{}", r.html);
    }

    #[test]
    fn summary_is_the_part_before_more_or_the_first_paragraph() {
        let (r, _) = html("Đoạn một.\n\nĐoạn hai.\n\n<!-- more -->\n\nĐoạn ba.\n");
        assert_eq!(r.summary, "<p>Đoạn một.</p>\n<p>Đoạn hai.</p>\n");
        assert!(!r.html.contains("more"), "{}", r.html);
        assert!(!r.html.contains("<p></p>"), "{}", r.html);
        let (r, _) = html("# Tiêu đề\n\n> trích\n\nĐoạn **đầu** tiên.\n\nĐoạn sau.\n");
        assert_eq!(r.summary, "<p>Đoạn <strong>đầu</strong> tiên.</p>\n");
        assert_eq!(r.summary_text, "Đoạn đầu tiên.");
    }

    #[test]
    fn alerts_get_vietnamese_titles() {
        let (r, _) = html("> [!CAUTION]\n> Sạc xe qua đêm.\n");
        assert!(r.html.contains("<aside class=\"callout callout-caution\" role=\"note\"><p class=\"callout-title\">Không được</p>"), "{}", r.html);
        assert!(r.html.trim_end().ends_with("</aside>"), "{}", r.html);
    }

    #[test]
    fn gfm_extensions_and_smart_punctuation() {
        let (r, _) = html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] xong\n\n~~cũ~~ \"mới\"[^1]\n\n[^1]: Ghi chú.\n",
        );
        assert!(r.html.contains("<div class=\"table-scroll\""), "{}", r.html);
        assert!(r.html.contains("<table>"), "{}", r.html);
        assert!(r.html.contains("type=\"checkbox\""), "{}", r.html);
        assert!(r.html.contains("<del>cũ</del>"), "{}", r.html);
        assert!(r.html.contains("“mới”"), "{}", r.html);
        assert!(r.html.contains("footnote-definition"), "{}", r.html);
    }

    #[test]
    fn code_blocks_are_highlighted_or_escaped() {
        let (r, problems) = html(
            "```html\n<b>x</b>\n```\n\n```khongco\n<b>\n```\n\n    <i>thụt lề</i>\n\n```text\nthư mục/\n```\n",
        );
        assert!(r.has_code);
        assert!(
            r.html.contains("<pre class=\"code\"><code class=\"language-html\"><span class=\"z-"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<code class=\"language-khongco\">&lt;b&gt;"), "{}", r.html);
        assert!(r.html.contains("&lt;i&gt;thụt lề&lt;/i&gt;"), "{}", r.html);
        assert!(r.html.contains("<pre class=\"code\"><code>thư mục/\n</code></pre>"), "{}", r.html);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].warning);
        let (r, _) = html("Không có mã.\n");
        assert!(!r.has_code);
    }

    #[test]
    fn words_are_counted_in_text_not_in_code_alt_text_or_raw_html() {
        let body = "# Gọi 114\n\nKhi có *cháy* `mã` ![ảnh một hai](anh.jpg) <b>đậm</b>.\n\n```sh\na b c\n```\n\n> [!NOTE]\n> Chạy ra.\n";
        let (r, _) = html(body);
        // "Gọi 114", "Khi có cháy", "đậm" (between the tags), ".", "Chạy ra."
        assert_eq!(r.word_count, 9);
    }

    #[test]
    fn problems_come_in_the_order_of_the_body() {
        let body = "![](anh.jpg)\n\n## A {x=1}\n\n[a](#khong)\n\n```khongco\nx\n```\n\n[b](@/khong-co.md) ![](a.png)\n";
        let (_, problems) = html(body);
        let found: Vec<_> =
            problems.iter().map(|p| (&body[p.span.clone()], p.message.as_str())).collect();
        assert_eq!(
            found,
            [
                ("![](anh.jpg)", "ảnh thiếu lời mô tả (alt) cho người khiếm thị"),
                ("## A {x=1}\n", "tiêu đề không dùng được thuộc tính `x=1`"),
                ("[a](#khong)", "trang này không có mục `#khong`"),
                ("```khongco\nx\n```", "không biết ngôn ngữ `khongco` để tô màu mã nguồn"),
                ("[b](@/khong-co.md)", "không có `khong-co.md`"),
                ("![](a.png)", "không tìm thấy `a.png`"),
                ("![](a.png)", "ảnh thiếu lời mô tả (alt) cho người khiếm thị"),
            ]
        );
    }

    #[test]
    fn the_html_the_adapters_write_is_not_escaped_with_raw_html_off() {
        let body =
            "<i>x</i> ![Ảnh](anh.jpg)\n\n> [!TIP]\n> a\n\n|a|\n|-|\n|1|\n\n```text\nx\n```\n";
        let (r, _) = html(body);
        assert_eq!(
            &*r.html,
            "<p>&lt;i&gt;x&lt;/i&gt; <img src=\"https://x.vn/bai-viet/anh.jpg\" alt=\"Ảnh\" \
             width=\"640\" height=\"480\" loading=\"lazy\" decoding=\"async\"></p>\n\
             <aside class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">Mẹo</p>\n\
             <p>a</p>\n</aside>\n\
             <div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Bảng\">\n\
             <table><thead><tr><th>a</th></tr></thead><tbody>\n<tr><td>1</td></tr>\n</tbody></table>\n\
             </div>\n<pre class=\"code\"><code>x\n</code></pre>\n"
        );
    }

    #[test]
    fn a_body_s_data_markers_become_its_own_and_are_found_again() {
        let html = format!("<p>A {}</p>\n<p>{}</p>\n", data_marker(0), data_marker(1));
        let owned = owned_data_markers(&html, "bao-cao/so-ket--1.md", 2);
        assert!(!owned.contains("pccc:chi-tieu:"), "{owned}");
        let first = next_owned_marker(&owned, 0).unwrap();
        assert_eq!((first.owner.as_str(), first.n), ("bao-cao/so-ket--1.md", 0));
        assert_eq!(&owned[..first.span.start], "<p>A ");
        let second = next_owned_marker(&owned, first.span.end).unwrap();
        assert_eq!(second.n, 1);
        assert!(owned[second.span.end..].starts_with("</p>"));
        assert_eq!(next_owned_marker(&owned, second.span.end), None);
        // Something that only starts like one is passed over.
        let broken = format!("<!--pccc:chi-tieu@zz:0--> {owned}");
        assert_eq!(next_owned_marker(&broken, 0).unwrap().span.start, first.span.start + 26);
    }

    #[test]
    fn a_summary_s_text_gets_its_data_values_then_is_shortened() {
        let (r, _) = html("Kết quả: {{ chi_tieu(ma=\"a\", ngay=\"2026-01-31\") }}.\n");
        assert_eq!(r.data_uses.len(), 1);
        assert_eq!(
            fill_summary_text(&r.summary_text, |n| format!("giá trị {n}")),
            "Kết quả: giá trị 0."
        );
        let long = "rất dài ".repeat(40);
        let filled = fill_summary_text(&r.summary_text, |_| long.clone());
        assert!(filled.chars().count() <= SUMMARY_TEXT + 1 && filled.ends_with('…'), "{filled}");
    }

    #[test]
    fn shorten_cuts_at_words() {
        assert_eq!(shorten("một hai ba", 20), "một hai ba");
        assert_eq!(shorten("một hai ba bốn", 9), "một hai…");
    }
}
