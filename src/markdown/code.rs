//! Code blocks: a fenced or indented block becomes one `<pre class="code">`, highlighted by
//! [`crate::highlight`] when the site asks for it and the fence names a language syntect knows.
//! An unknown language is a warning (the code is shown, not coloured); `text` and the like ask
//! for no colour at all.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};

use super::{MarkdownOptions, Problem, Report, escape_html};

/// Fence names that mean "plain text": shown as is, without highlighting or a warning.
const PLAIN: [&str; 5] = ["text", "txt", "plain", "plaintext", "output"];

/// Turns each code block of the stream, with the text events inside it, into one block of HTML,
/// and notes whether any was highlighted (the page then needs the code stylesheet).
pub(super) struct CodeBlocks<'r, I> {
    events: I,
    options: MarkdownOptions,
    report: &'r Report,
    highlighted: &'r mut bool,
}

impl<'r, I> CodeBlocks<'r, I> {
    pub(super) fn new(
        events: I,
        options: MarkdownOptions,
        report: &'r Report,
        highlighted: &'r mut bool,
    ) -> Self {
        CodeBlocks { events, options, report, highlighted }
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> CodeBlocks<'_, I> {
    /// The code: the text up to the block's end, and the span of that end.
    fn code(&mut self) -> (String, Range<usize>) {
        let mut code = String::new();
        for (event, span) in self.events.by_ref() {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => return (code, span),
                _ => {}
            }
        }
        (code, 0..0)
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for CodeBlocks<'_, I> {
    type Item = (Event<'a>, Range<usize>);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let (event, span) = self.events.next()?;
        let Event::Start(Tag::CodeBlock(kind)) = event else {
            return Some((event, span));
        };
        let language = language(&kind);
        let (code, span) = self.code();
        let (html, highlighted) = code_block(&code, language, self.options);
        *self.highlighted |= highlighted;
        if let Some(language) = language.filter(|_| self.options.highlight_code && !highlighted) {
            self.report.push(Problem {
                span: span.clone(),
                message: format!("không biết ngôn ngữ `{language}` để tô màu mã nguồn"),
                help: Some("dùng tên phổ biến như html, css, js, json, yaml, sh, python, rust; hoặc bỏ tên ngôn ngữ để hiện mã không tô màu".into()),
                warning: true,
            });
        }
        Some((Event::Html(html.into()), span))
    }
}

/// The fenced code blocks a quick look at `text` finds, as the language each names and its
/// code: fences of three or more backticks or tildes at the start of a line (up to three spaces
/// in), naming a language that is not plain text. Blocks inside lists or quotes may be missed
/// or misread: this only lets a build start the highlighter's work early
/// ([`crate::highlight::Warming`]); what a page shows comes from the Markdown parser.
pub fn fenced_blocks(text: &str) -> Vec<(&str, &str)> {
    let mut blocks = Vec::new();
    if !text.contains("```") && !text.contains("~~~") {
        return blocks;
    }
    // The open fence: its character, its length, the language it names, where its code starts.
    let mut open: Option<(u8, usize, Option<&str>, usize)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed = line.trim_start_matches(' ');
        let Some(&mark) = trimmed.as_bytes().first().filter(|&&b| b == b'`' || b == b'~') else {
            continue;
        };
        let length = trimmed.bytes().take_while(|&b| b == mark).count();
        if line.len() - trimmed.len() > 3 || length < 3 {
            continue;
        }
        let rest = trimmed[length..].trim();
        match open {
            Some((m, l, language, code)) if m == mark && length >= l && rest.is_empty() => {
                blocks.extend(language.map(|language| (language, &text[code..start])));
                open = None;
            }
            Some(_) => {}
            // A backtick fence's info string has no backtick (CommonMark 4.5).
            None if mark == b'`' && rest.contains('`') => {}
            None => open = Some((mark, length, coloured(rest), at)),
        }
    }
    blocks.extend(open.and_then(|(_, _, language, code)| Some((language?, &text[code..]))));
    blocks
}

/// The language a fence names to colour its code in, if any ([`coloured`]).
fn language<'k>(kind: &'k CodeBlockKind<'_>) -> Option<&'k str> {
    match kind {
        CodeBlockKind::Fenced(info) => coloured(info),
        CodeBlockKind::Indented => None,
    }
}

/// The language an info string names (its first word: ```` ```rust,ignore ````), unless it is
/// none or asks for no colour at all (`text` and the like).
fn coloured(info: &str) -> Option<&str> {
    let language = info.split([' ', ',', '{']).next().filter(|l| !l.is_empty())?;
    (!PLAIN.contains(&language.to_ascii_lowercase().as_str())).then_some(language)
}

/// The block's HTML, and whether it was highlighted.
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

#[cfg(test)]
mod tests {
    use super::super::test_support::{OPTIONS, found, html_of, parse};
    use super::*;

    /// The HTML, whether anything was highlighted, and the problems of `body`.
    fn code(body: &str, options: MarkdownOptions) -> (String, bool, Vec<(String, String)>) {
        let report = Report::default();
        let mut highlighted = false;
        let html = html_of(CodeBlocks::new(parse(body), options, &report, &mut highlighted));
        (html, highlighted, found(body, report))
    }

    #[test]
    fn a_known_language_is_highlighted_with_classes() {
        let (html, highlighted, problems) = code("```html\n<b>114</b>\n```\n", OPTIONS);
        assert!(
            html.starts_with("<pre class=\"code\"><code class=\"language-html\"><span class=\"z-"),
            "{html}"
        );
        assert!(html.ends_with("</code></pre>\n") && !html.contains("<b>"), "{html}");
        assert!(highlighted);
        assert!(problems.is_empty());
    }

    #[test]
    fn a_quick_look_finds_the_fenced_blocks_that_name_a_language() {
        let text = "Chữ.\n\n```sh\npccc serve\n```\n\n~~~~ yaml {.x}\ntitle: a\n~~~\nb: c\n~~~~~\n\n\
                    ```text\nthô\n```\n\n```\nkhông tên\n```\n\n    ```rust\nthụt vào\n\n\
                    ``` a`b\n\n  ````js,ignore\nlet a = 1;\n```\n````\n\n```html\n<b>";
        assert_eq!(
            fenced_blocks(text),
            [
                ("sh", "pccc serve\n"),
                ("yaml", "title: a\n~~~\nb: c\n"),
                ("js", "let a = 1;\n```\n"),
                ("html", "<b>"),
            ]
        );
        assert!(fenced_blocks("Không có mã.\n").is_empty());
    }

    #[test]
    fn an_unknown_language_is_shown_escaped_with_a_warning_at_the_block() {
        let body = "Chữ.\n\n```khongco {.x}\n<b>\n```\n";
        let (html, highlighted, problems) = code(body, OPTIONS);
        assert_eq!(
            html,
            "<p>Chữ.</p>\n<pre class=\"code\"><code class=\"language-khongco\">&lt;b&gt;\n</code></pre>\n"
        );
        assert!(!highlighted);
        assert_eq!(
            problems,
            [(
                "```khongco {.x}\n<b>\n```".to_string(),
                "không biết ngôn ngữ `khongco` để tô màu mã nguồn".to_string()
            )]
        );
    }

    #[test]
    fn plain_text_fences_and_indented_code_ask_for_no_colour() {
        let body = "```TEXT\na/b\n```\n\n```output,x\nok\n```\n\n    <i>thụt lề</i>\n";
        let (html, highlighted, problems) = code(body, OPTIONS);
        assert_eq!(
            html,
            "<pre class=\"code\"><code>a/b\n</code></pre>\n\
             <pre class=\"code\"><code>ok\n</code></pre>\n\
             <pre class=\"code\"><code>&lt;i&gt;thụt lề&lt;/i&gt;\n</code></pre>\n"
        );
        assert!(!highlighted);
        assert!(problems.is_empty());
    }

    #[test]
    fn without_highlighting_no_language_is_unknown() {
        let off = MarkdownOptions { highlight_code: false, ..OPTIONS };
        let (html, highlighted, problems) =
            code("```rust,ignore\nfn a() {}\n```\n\n```khongco\nx\n```\n", off);
        assert_eq!(
            html,
            "<pre class=\"code\"><code class=\"language-rust\">fn a() {}\n</code></pre>\n\
             <pre class=\"code\"><code class=\"language-khongco\">x\n</code></pre>\n"
        );
        assert!(!highlighted);
        assert!(problems.is_empty());
    }

    #[test]
    fn the_language_is_the_first_word_of_the_info_string() {
        let fenced = |info: &'static str| CodeBlockKind::Fenced(info.into());
        assert_eq!(language(&fenced("rust,ignore")), Some("rust"));
        assert_eq!(language(&fenced("js {.x}")), Some("js"));
        assert_eq!(language(&fenced("yaml title=a")), Some("yaml"));
        assert_eq!(language(&fenced("")), None);
        assert_eq!(language(&fenced("{.x}")), None);
        assert_eq!(language(&CodeBlockKind::Indented), None);
    }
}
