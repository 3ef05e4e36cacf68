//! Markdown bodies to HTML with pulldown-cmark.
//!
//! Two passes over a body, both pure: [`outline`] finds the headings and gives each its id
//! (the same slug rules as URLs), so that links between pages can be checked before any page
//! is rendered; [`render`] then turns the body into HTML through small transformations of the
//! event stream: heading ids, internal links (`@/bai-viet/a.md#muc`) resolved to permalinks,
//! raw HTML escaped unless the site allows it, code highlighted, GitHub-style alerts given
//! Vietnamese titles, tables wrapped so they scroll on a phone.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;

use crate::slug::slugify;

/// Which Markdown features are on, from `site.toml`.
#[derive(Debug, Clone, Copy)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    /// The body as HTML.
    pub html: String,
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
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// Fence names that mean "plain text": shown as is, without highlighting or a warning.
const PLAIN: [&str; 5] = ["text", "txt", "plain", "plaintext", "output"];

/// The marker that ends a summary.
const MORE: &str = "<!-- more -->";

/// Finds the headings of `body` and gives each a unique id.
pub fn outline(body: &str, options: MarkdownOptions) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used = HashSet::new();
    let mut next = HashMap::new();
    let mut current: Option<(u8, Option<String>, String)> = None;
    for event in Parser::new_ext(body, options.parser_options()) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some((level_number(level), id.map(|id| id.to_string()), String::new()));
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

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
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

/// Renders `body` to HTML. `headings` must be `outline(body, options)`.
pub fn render(
    body: &str,
    headings: &[Heading],
    options: MarkdownOptions,
    links: &dyn Links,
) -> (Rendered, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut out: Vec<Event<'_>> = Vec::new();
    let mut more_at: Option<usize> = None;
    let mut has_code = false;
    let mut word_count = 0;
    let mut heading_index = 0;
    let mut code: Option<(Option<String>, String)> = None;
    let mut in_html_block = false;
    let mut image: Option<Image> = None;
    let own_ids: HashSet<&str> = headings.iter().map(|h| h.id.as_str()).collect();

    for (event, span) in Parser::new_ext(body, options.parser_options()).into_offset_iter() {
        if let Some(img) = image.as_mut() {
            match event {
                Event::Text(t) | Event::Code(t) => img.alt.push_str(&t),
                Event::SoftBreak | Event::HardBreak => img.alt.push(' '),
                Event::End(TagEnd::Image) => {
                    let img = image.take().unwrap_or_default();
                    if img.alt.trim().is_empty() {
                        problems.push(Problem {
                            span: img.span.clone(),
                            message: "ảnh thiếu lời mô tả (alt) cho người khiếm thị".into(),
                            help: Some("viết trong ngoặc vuông ảnh có gì, ví dụ ![Sơ đồ lối thoát nạn tầng 2](so-do.png)".into()),
                            warning: false,
                        });
                    }
                    out.push(Event::InlineHtml(img.html().into()));
                }
                _ => {}
            }
            continue;
        }
        if let Some((_, text)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (language, text) = code.take().unwrap_or_default();
                    // `text` and the like ask for no highlighting at all.
                    let language =
                        language.filter(|l| !PLAIN.contains(&l.to_ascii_lowercase().as_str()));
                    let (html, highlighted) = code_block(&text, language.as_deref(), options);
                    has_code |= highlighted;
                    if let Some(language) =
                        language.filter(|_| options.highlight_code && !highlighted)
                    {
                        problems.push(Problem {
                            span: span.clone(),
                            message: format!("không biết ngôn ngữ `{language}` để tô màu mã nguồn"),
                            help: Some("dùng tên phổ biến như html, css, js, json, yaml, sh, python, rust; hoặc bỏ tên ngôn ngữ để hiện mã không tô màu".into()),
                            warning: true,
                        });
                    }
                    out.push(Event::Html(html.into()));
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, id: _, classes, mut attrs }) => {
                let id = headings.get(heading_index).map(|h| h.id.clone());
                heading_index += 1;
                // `## Tiêu đề {onclick=…}` writes any attribute, an event handler too: raw HTML
                // by another door, so refused unless the site allows raw HTML.
                if !options.unsafe_html {
                    problems.extend(attrs.drain(..).map(|attr| heading_attribute(attr, &span)));
                }
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: id.map(CowStr::from),
                    classes,
                    attrs,
                }));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = resolve(&dest_url, &span, links, &own_ids, &mut problems);
                out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                let size = links.image_size(&dest_url);
                let src = resolve(&dest_url, &span, links, &own_ids, &mut problems).to_string();
                image = Some(Image {
                    src,
                    title: title.to_string(),
                    size,
                    alt: String::new(),
                    span: span.clone(),
                });
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split([' ', ',', '{'])
                        .next()
                        .filter(|l| !l.is_empty())
                        .map(str::to_string),
                    CodeBlockKind::Indented => None,
                };
                code = Some((language, String::new()));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = alert(kind);
                out.push(Event::Html(
                    format!("<aside class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n").into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => out.push(Event::Html("</aside>\n".into())),
            Event::Start(Tag::Table(alignments)) => {
                out.push(Event::Html("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Bảng\">\n".into()));
                out.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::HtmlBlock) => {
                in_html_block = true;
                if !options.unsafe_html {
                    out.push(Event::Start(Tag::Paragraph));
                } else {
                    out.push(Event::Start(Tag::HtmlBlock));
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                in_html_block = false;
                // An empty block is what remains after removing `<!-- more -->`.
                if matches!(out.last(), Some(Event::Start(Tag::Paragraph | Tag::HtmlBlock))) {
                    out.pop();
                } else if !options.unsafe_html {
                    out.push(Event::End(TagEnd::Paragraph));
                } else {
                    out.push(Event::End(TagEnd::HtmlBlock));
                }
            }
            Event::Html(html) | Event::InlineHtml(html) if html.trim() == MORE => {
                if more_at.is_none() {
                    more_at = Some(out.len() - usize::from(in_html_block));
                }
            }
            Event::Html(html) => {
                if options.unsafe_html {
                    out.push(Event::Html(html));
                } else {
                    out.push(Event::Text(html));
                }
            }
            Event::InlineHtml(html) => {
                if options.unsafe_html {
                    out.push(Event::InlineHtml(html));
                } else {
                    out.push(Event::Text(html));
                }
            }
            Event::Text(text) => {
                word_count += text.split_whitespace().count();
                out.push(Event::Text(text));
            }
            other => out.push(other),
        }
    }

    let summary_events = match more_at {
        Some(end) => &out[..end],
        None => first_paragraph(&out),
    };
    let mut summary = String::new();
    pulldown_cmark::html::push_html(&mut summary, summary_events.iter().cloned());
    // A summary cut at `<!-- more -->` may hold a table: the same classes as the page.
    let summary = alignment_as_classes(summary);
    let summary_text = shorten(&plain_text(summary_events), 160);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    let html = alignment_as_classes(html);
    let rendered =
        Rendered { html, summary, summary_text, toc: toc(headings), has_code, word_count };
    (rendered, problems)
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

/// pulldown-cmark writes a table column's alignment as a `style` attribute, which a strict
/// Content-Security-Policy (`style-src` without `'unsafe-inline'`) blocks; classes instead
/// (`can-trai`, `can-giua`, `can-phai`, styled by the theme). Text of the page cannot contain
/// the attribute as written here: its quotes are escaped.
fn alignment_as_classes(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    html.replace(" style=\"text-align: left\"", " class=\"can-trai\"")
        .replace(" style=\"text-align: center\"", " class=\"can-giua\"")
        .replace(" style=\"text-align: right\"", " class=\"can-phai\"")
}

/// An image being read: its attributes, and its alt text gathered from the events inside it.
#[derive(Debug, Default)]
struct Image {
    src: String,
    title: String,
    size: Option<(u32, u32)>,
    alt: String,
    span: Range<usize>,
}

impl Image {
    /// The `<img>` element: with its size when known (no layout shift on slow connections),
    /// loaded lazily, decoded off the main thread.
    fn html(&self) -> String {
        let mut html = format!(
            "<img src=\"{}\" alt=\"{}\"",
            escape_html(&self.src),
            escape_html(self.alt.trim())
        );
        if !self.title.is_empty() {
            html.push_str(&format!(" title=\"{}\"", escape_html(&self.title)));
        }
        if let Some((width, height)) = self.size {
            html.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
        }
        html.push_str(" loading=\"lazy\" decoding=\"async\">");
        html
    }
}

fn alert(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Lưu ý"),
        BlockQuoteKind::Tip => ("tip", "Mẹo"),
        BlockQuoteKind::Important => ("important", "Ghi nhớ"),
        BlockQuoteKind::Warning => ("warning", "Cảnh báo"),
        BlockQuoteKind::Caution => ("caution", "Không được"),
    }
}

/// The events of the first top-level paragraph.
fn first_paragraph<'a, 'b>(events: &'b [Event<'a>]) -> &'b [Event<'a>] {
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

fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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

fn code_block(code: &str, language: Option<&str>, options: MarkdownOptions) -> (String, bool) {
    let class =
        language.map(|l| format!(" class=\"language-{}\"", escape_html(l))).unwrap_or_default();
    if options.highlight_code
        && let Some(language) = language
        && let Some(html) = crate::highlight::highlight(code, language)
    {
        return (format!("<pre class=\"code\"><code{class}>{html}</code></pre>\n"), true);
    }
    (format!("<pre class=\"code\"><code{class}>{}</code></pre>\n", escape_html(code)), false)
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

/// Schemes that run code in the reader's browser, or show it a file of its own computer.
const FORBIDDEN_SCHEMES: [&str; 4] = ["javascript", "vbscript", "data", "file"];

/// The scheme of `dest` as a browser reads it, lower case: the URL standard drops C0 control
/// characters and spaces at both ends and tabs and line breaks anywhere, so `" Java\tScript:x"`
/// is a `javascript:` link. `None` for paths and anchors.
fn scheme(dest: &str) -> Option<String> {
    let cleaned: String = dest
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Refuses a link that would run code in the reader's browser (`javascript:`, `vbscript:`,
/// `data:`, `file:`), however it is written. Every address of the site goes through it: links
/// and images in Markdown, and the addresses of `site.toml` (menu, alerts, `[extra]`).
pub fn check_scheme(dest: &str) -> Result<(), LinkError> {
    match scheme(dest) {
        Some(scheme) if FORBIDDEN_SCHEMES.contains(&scheme.as_str()) => Err(LinkError {
            message: format!(
                "liên kết `{}` bị chặn vì có thể chạy mã trên máy người đọc",
                visible(&shorten(dest, 40))
            ),
            help: Some(
                "dùng địa chỉ bắt đầu bằng https://, http://, tel:, mailto:, / (một trang của trang này) hoặc @/đường/dẫn.md"
                    .into(),
            ),
        }),
        _ => Ok(()),
    }
}

/// `text` with its control characters written as escapes (`\t`, `\u0001`), so that a message
/// shows what was hidden in the link.
fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn resolve<'a>(
    dest: &str,
    span: &Range<usize>,
    links: &dyn Links,
    own_ids: &HashSet<&str>,
    problems: &mut Vec<Problem>,
) -> CowStr<'a> {
    let mut fail = |error: LinkError| {
        problems.push(Problem {
            span: span.clone(),
            message: error.message,
            help: error.help,
            warning: false,
        });
        CowStr::from(String::new())
    };
    if let Err(error) = check_scheme(dest) {
        return fail(error);
    }
    if let Some(target) = dest.strip_prefix("@/") {
        return links.content(target).map(CowStr::from).unwrap_or_else(fail);
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        if !anchor.is_empty() && !own_ids.contains(anchor) && !anchor.starts_with("fn") {
            return fail(LinkError {
                message: format!("trang này không có mục `#{anchor}`"),
                help: suggest_anchor(anchor, own_ids.iter().copied()),
            });
        }
        return CowStr::from(dest.to_string());
    }
    let has_scheme = dest.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme || dest.starts_with("//") || dest.is_empty() {
        return CowStr::from(dest.to_string());
    }
    if dest.starts_with('/') {
        return CowStr::from(links.absolute(dest));
    }
    links.relative(dest).map(CowStr::from).unwrap_or_else(fail)
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
    use super::*;

    const OPTIONS: MarkdownOptions =
        MarkdownOptions { unsafe_html: false, smart_punctuation: true, highlight_code: true };

    struct TestLinks;
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
                _ => {
                    Err(LinkError { message: format!("không tìm thấy `{target}`"), help: None })
                }
            }
        }
        fn absolute(&self, target: &str) -> String {
            format!("https://x.vn{target}")
        }
        fn image_size(&self, target: &str) -> Option<(u32, u32)> {
            (target == "anh.jpg").then_some((640, 480))
        }
    }

    fn html(body: &str) -> (Rendered, Vec<Problem>) {
        render(body, &outline(body, OPTIONS), OPTIONS, &TestLinks)
    }

    #[test]
    fn repeated_headings_skip_ids_taken_by_explicit_ones() {
        let body = "## A {#a-1}\n## A\n## A\n## A {#a-3}\n## A\n## A-2\n";
        let ids: Vec<_> = outline(body, OPTIONS).into_iter().map(|h| h.id).collect();
        assert_eq!(ids, ["a-1", "a", "a-2", "a-3", "a-4", "a-2-1"]);
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
        assert_eq!(r.html, "<h2 id=\"goi\" class=\"noi-bat\">Gọi 114</h2>\n");
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
    fn code_running_schemes_are_refused_however_written() {
        for dest in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "  javascript:alert(1)",
            "\u{1}\u{1f}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscr\ript:alert(1)",
            "javascript\t:alert(1)",
            "javascript:alert(1)\u{0}",
            "vbscript:msgbox(1)",
            "VBScript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            " DATA:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
        ] {
            assert!(check_scheme(dest).is_err(), "{dest:?}");
        }
        for dest in [
            "https://example.vn/a",
            "http://example.vn",
            "tel:114",
            "mailto:a@example.vn",
            "webcal://example.vn/lich.ics",
            "/vi-pham/",
            "@/bai-viet/a.md",
            "#muc",
            "anh.jpg",
            // Not a scheme for a browser: read as a path of the site.
            "\u{a0}javascript:alert(1)",
            "&#106;avascript:alert(1)",
            "javascript%3Aalert(1)",
        ] {
            assert_eq!(check_scheme(dest), Ok(()), "{dest:?}");
        }
        let e = check_scheme("java\tscript:alert(1)").unwrap_err();
        assert_eq!(
            e.message,
            "liên kết `java\\tscript:alert(1)` bị chặn vì có thể chạy mã trên máy người đọc"
        );
        assert_eq!(
            e.help.as_deref(),
            Some(
                "dùng địa chỉ bắt đầu bằng https://, http://, tel:, mailto:, / (một trang của trang này) hoặc @/đường/dẫn.md"
            )
        );
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
    fn shorten_cuts_at_words() {
        assert_eq!(shorten("một hai ba", 20), "một hai ba");
        assert_eq!(shorten("một hai ba bốn", 9), "một hai…");
    }
}
