//! What must always hold of pccc's results, whatever the input: the checks the fuzz targets in
//! `fuzz_targets/` make after calling the library's real entry points.
//!
//! A target that finds one of these broken panics, and libFuzzer keeps the input in
//! `fuzz/artifacts/<target>/`. The checks are cheap, so that they run on every input.

#![forbid(unsafe_code)]

use std::path::Path;

use pccc::diagnostic::{Diagnostic, Problems, Severity};

/// Checks a diagnostic about the file `path`: it names that file, says something, points (when
/// it points at all) at a place inside `text` (the file's text as the editor has it, when known),
/// and renders as the terminal shows it.
pub fn check_diagnostic(d: &Diagnostic, path: &Path, text: Option<&str>) {
    assert_eq!(d.path, path, "the diagnostic names another file: {d:?}");
    assert!(!d.message.trim().is_empty(), "a diagnostic without a message: {d:?}");
    if let Some((source, span)) = &d.location {
        assert!(
            span.start <= span.end && span.end <= source.len(),
            "the marked place {span:?} is outside the text ({} bytes): {d:?}",
            source.len()
        );
        assert!(
            source.is_char_boundary(span.start) && source.is_char_boundary(span.end),
            "the marked place {span:?} cuts a character: {d:?}"
        );
        if let Some(text) = text {
            assert!(**source == *text, "the diagnostic marks a place in another text: {d:?}");
        }
    }
    let shown = d.render(false);
    assert!(
        shown.contains(&*path.to_string_lossy()),
        "the rendered diagnostic does not name its file:\n{shown}"
    );
}

/// [`check_diagnostic`] for each of `problems`.
pub fn check_problems(problems: &Problems, path: &Path, text: Option<&str>) {
    for d in problems.iter() {
        check_diagnostic(d, path, text);
    }
}

/// Checks a result that failed: it must say why, with at least one error.
pub fn check_failed(diagnostics: &[Diagnostic]) {
    assert!(
        diagnostics.iter().any(|d| d.severity == Severity::Error),
        "a failure without an error to explain it: {diagnostics:?}"
    );
}

/// Elements that Markdown, with raw HTML off, may produce: CommonMark and its extensions as
/// pulldown-cmark writes them, and the few pccc adds (callouts, scrolling tables, images,
/// highlighted code).
const ELEMENTS: [&str; 31] = [
    "a",
    "aside",
    "blockquote",
    "br",
    "code",
    "del",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "input",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Attributes that Markdown, with raw HTML off, may produce. No event handler (`on…`), no
/// `style` (the site's Content-Security-Policy forbids inline styles).
const ATTRIBUTES: [&str; 17] = [
    "alt",
    "aria-label",
    "checked",
    "class",
    "decoding",
    "disabled",
    "height",
    "href",
    "id",
    "loading",
    "role",
    "src",
    "start",
    "tabindex",
    "title",
    "type",
    "width",
];

/// Schemes a browser runs as code, or that carry a document of their own.
const SCHEMES: [&str; 3] = ["javascript:", "vbscript:", "data:"];

/// Checks HTML rendered from Markdown with raw HTML off: every tag is one Markdown makes, with
/// attributes Markdown makes, and no link or image leads to a script. `Err` says what and where.
pub fn check_safe_html(html: &str) -> Result<(), String> {
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        at = tag(html, at + found)?;
    }
    Ok(())
}

/// Reads the tag starting at `start` (a `<`), returning the offset after its `>`.
fn tag(html: &str, start: usize) -> Result<usize, String> {
    let near = || html[start..].chars().take(60).collect::<String>();
    let mut at = start + 1;
    let closing = html[at..].starts_with('/');
    at += usize::from(closing);
    let name_len = html[at..].bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = html[at..at + name_len].to_ascii_lowercase();
    if !ELEMENTS.contains(&name.as_str()) {
        return Err(format!(
            "element {name:?} that Markdown does not make, at {start}: {}",
            near()
        ));
    }
    at += name_len;
    loop {
        at += html[at..].bytes().take_while(|b| b.is_ascii_whitespace()).count();
        let rest = &html[at..];
        if rest.starts_with('>') {
            return Ok(at + 1);
        }
        if rest.starts_with("/>") {
            return Ok(at + 2);
        }
        let attr_len =
            rest.bytes().take_while(|b| !b.is_ascii_whitespace() && !b"=>/\"'".contains(b)).count();
        let attr = rest[..attr_len].to_ascii_lowercase();
        if closing || attr.is_empty() || !ATTRIBUTES.contains(&attr.as_str()) {
            return Err(format!("attribute {attr:?} on <{name}>, at {start}: {}", near()));
        }
        at += attr_len;
        if !html[at..].starts_with('=') {
            continue;
        }
        let Some(value) = html[at + 1..].strip_prefix('"') else {
            return Err(format!("unquoted value of {attr:?}, at {start}: {}", near()));
        };
        let Some(end) = value.find('"') else {
            return Err(format!("unclosed value of {attr:?}, at {start}: {}", near()));
        };
        if matches!(attr.as_str(), "href" | "src") {
            let url = as_browser_reads(&value[..end]);
            if let Some(scheme) = SCHEMES.iter().find(|s| url.starts_with(*s)) {
                return Err(format!("a {scheme} URL in {attr:?}, at {start}: {}", near()));
            }
        }
        at += 2 + end + 1;
    }
}

/// An attribute value as a browser's URL parser sees it: character references decoded, tabs
/// and line breaks removed, leading controls and spaces dropped, the scheme in lower case.
fn as_browser_reads(value: &str) -> String {
    let mut decoded = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        decoded.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let reference = end.map(|e| &rest[1..e]);
        let ch = match reference {
            Some("amp") => Some('&'),
            Some("lt") => Some('<'),
            Some("gt") => Some('>'),
            Some("quot") => Some('"'),
            Some("apos") => Some('\''),
            Some("colon") => Some(':'),
            Some("Tab") => Some('\t'),
            Some("NewLine") => Some('\n'),
            Some(r) if r.starts_with("#x") || r.starts_with("#X") => {
                u32::from_str_radix(&r[2..], 16).ok().and_then(char::from_u32)
            }
            Some(r) if r.starts_with('#') => r[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match (ch, end) {
            (Some(ch), Some(end)) => {
                decoded.push(ch);
                rest = &rest[end + 1..];
            }
            _ => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    decoded
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .skip_while(|c| *c <= ' ')
        .collect::<String>()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_html_passes() {
        let html = "<h2 id=\"goi-114\">Gọi 114</h2>\n<p>Xem <a href=\"https://x.vn/a/\" title=\"&quot;A&quot;\">\
                    bài</a> &lt;script&gt;</p>\n<ul>\n<li><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\n\
                    xong</li>\n</ul>\n<img src=\"a.jpg\" alt=\"ảnh\" loading=\"lazy\" decoding=\"async\">";
        assert_eq!(check_safe_html(html), Ok(()));
    }

    #[test]
    fn raw_elements_handlers_and_script_urls_fail() {
        for html in [
            "<p>a</p><script>alert(1)</script>",
            "<h1 id=\"a\" onmouseover=\"alert(1)\">A</h1>",
            "<h1 style=\"color: red\">A</h1>",
            "<a href=\"javascript:alert(1)\">a</a>",
            "<a href=\" JaVa&#x53;cript&colon;x\">a</a>",
            "<a href=\"\u{1}java\tscript:alert(1)\">a</a>",
            "<img src=\"data:image/svg+xml,x\" alt=\"a\">",
            "<p><!-- x --></p>",
            "<a href=x>a</a>",
        ] {
            assert!(check_safe_html(html).is_err(), "{html}");
        }
    }
}
