//! Shortcodes: `{{ hinh(ten="goi-114") }}` in a body becomes the pictogram of that name (see
//! [`crate::pictogram`]), an `<img>` with its Vietnamese alt text. The syntax is Zola's and
//! Hugo's, the only one editors may meet elsewhere. The other shortcode,
//! `{{ chi_tieu(ma="…", ngay="…", bieu_do=true) }}` (an indicator as of a day, for reports),
//! needs data this leaf does not have: it leaves a marker ([`super::data_marker`]) and records
//! its use ([`super::DataUse`]) for the model to check and the indicators to fill.
//!
//! The parser hands the text over in pieces (smart punctuation makes each `"` a piece of its
//! own), so the pieces from a `{{` to its `}}` are joined first; both straight and curly quotes
//! are accepted, as Word and Notepad++ type either. In code (`` `{{ hinh(…) }}` ``, fenced
//! blocks) a shortcode stays text, so the editors' guide can show one.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::links::Resolver;
use super::{DataUse, Problem, Report, data_marker, escape_html};

/// What an editor writes, shown in every message.
const EXAMPLE: &str = "{{ hinh(ten=\"goi-114\") }}";

/// Turns the shortcodes in the text of the stream into pictograms.
pub(super) struct Shortcodes<'a, 'r, I> {
    events: I,
    body: &'a str,
    resolver: &'r Resolver<'r>,
    report: &'r Report,
    ready: VecDeque<(Event<'a>, Range<usize>)>,
}

impl<'a, 'r, I> Shortcodes<'a, 'r, I> {
    pub(super) fn new(
        events: I,
        body: &'a str,
        resolver: &'r Resolver<'r>,
        report: &'r Report,
    ) -> Self {
        Shortcodes { events, body, resolver, report, ready: VecDeque::new() }
    }
}

/// Whether every `{{` of `text` is closed by a later `}}`.
fn closed(text: &str) -> bool {
    match text.rfind("{{") {
        Some(i) => text[i..].contains("}}"),
        None => true,
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for Shortcodes<'a, '_, I> {
    type Item = (Event<'a>, Range<usize>);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if let Some(ready) = self.ready.pop_front() {
            return Some(ready);
        }
        let (event, mut span) = self.events.next()?;
        let Event::Text(first) = event else { return Some((event, span)) };
        if !first.contains("{{") {
            return Some((Event::Text(first), span));
        }
        // Join the pieces up to the last `}}`; what ends the text run waits its turn.
        let mut text = first.into_string();
        let mut held = None;
        while !closed(&text) {
            match self.events.next() {
                Some((Event::Text(piece), piece_span)) => {
                    text.push_str(&piece);
                    span.end = piece_span.end;
                }
                other => {
                    held = other;
                    break;
                }
            }
        }
        self.split(&text, &span);
        self.ready.extend(held);
        self.ready.pop_front()
    }
}

impl<'a, I> Shortcodes<'a, '_, I> {
    /// Queues the text with each shortcode replaced by its pictogram.
    fn split(&mut self, text: &str, span: &Range<usize>) {
        let mut rest = text;
        let mut nth = 0;
        while let Some(open) = rest.find("{{") {
            let Some(close) = rest[open..].find("}}").map(|i| open + i) else { break };
            if open > 0 {
                self.text(&rest[..open], span);
            }
            let at = self.place(span, nth);
            match self.pictogram(&rest[open + 2..close], &at) {
                Some(html) => self.ready.push_back((Event::Html(html.into()), at)),
                None => self.text(&rest[open..close + 2], span),
            }
            rest = &rest[close + 2..];
            nth += 1;
        }
        if !rest.is_empty() {
            self.text(rest, span);
        }
    }

    fn text(&mut self, text: &str, span: &Range<usize>) {
        self.ready.push_back((Event::Text(CowStr::from(text.to_string())), span.clone()));
    }

    /// Where the `nth` shortcode of the text at `span` is written: from its `{{` to its `}}`
    /// in the body, or the whole text when the source does not show it plainly.
    fn place(&self, span: &Range<usize>, nth: usize) -> Range<usize> {
        let source = &self.body[span.clone()];
        let Some((open, _)) = source.match_indices("{{").nth(nth) else { return span.clone() };
        match source[open..].find("}}") {
            Some(close) => span.start + open..span.start + open + close + 2,
            None => span.clone(),
        }
    }

    /// The `<img>` of a shortcode (what is between `{{` and `}}`), or `None` after reporting
    /// what is wrong with it.
    fn pictogram(&self, inner: &str, at: &Range<usize>) -> Option<String> {
        let problem = |message: String, help: String| {
            self.report.push(Problem {
                span: at.clone(),
                message,
                help: Some(help),
                warning: false,
            });
            None
        };
        let inner = inner.trim();
        let (name, args) = inner.split_once('(').unwrap_or((inner, ""));
        if name.trim() == "chi_tieu" {
            return self.indicator(inner, args, at);
        }
        if name.trim() != "hinh" {
            return problem(
                format!("không có mã ngắn `{}`", name.trim()),
                format!("để chèn hình minh hoạ, viết {EXAMPLE}"),
            );
        }
        let Some(value) = ten(args) else {
            return problem(
                format!("mã ngắn `{{{{ {inner} }}}}` viết chưa đúng"),
                format!("viết {EXAMPLE}: tên hình đặt trong ngoặc kép, sau ten="),
            );
        };
        let Some(pictogram) = crate::pictogram::get(value) else {
            return problem(
                format!("không có hình `{value}`"),
                crate::pictogram::unknown_help(value),
            );
        };
        let src = self.resolver.absolute(&pictogram.versioned_path());
        Some(format!(
            "<img class=\"hinh\" src=\"{}\" alt=\"{}\" width=\"{size}\" height=\"{size}\">",
            escape_html(&src),
            escape_html(pictogram.alt()),
            size = crate::pictogram::SIZE
        ))
    }
}

impl<I> Shortcodes<'_, '_, I> {
    /// The marker of an indicator's shortcode, its use recorded for the model to check and the
    /// data set to fill; `None` after reporting a shortcode written wrong.
    fn indicator(&self, inner: &str, args: &str, at: &Range<usize>) -> Option<String> {
        let Some((code, day, chart)) = indicator_args(args) else {
            self.report.push(Problem {
                span: at.clone(),
                message: format!("mã ngắn `{{{{ {inner} }}}}` viết chưa đúng"),
                help: Some(format!(
                    "viết {INDICATOR_EXAMPLE}: mã chỉ tiêu (tên tệp trong content/chi-tieu/, \
                     bỏ .yaml) và ngày đặt trong ngoặc kép; thêm bieu_do=true để có biểu đồ"
                )),
                warning: false,
            });
            return None;
        };
        let n = self.report.data_use(DataUse { code, day, chart, span: at.clone() });
        Some(data_marker(n))
    }
}

/// What an editor writes to show an indicator as of a day.
const INDICATOR_EXAMPLE: &str = "{{ chi_tieu(ma=\"thiet-bi-truyen-tin\", ngay=\"2026-11-30\") }}";

/// The code, the day and whether to draw the chart in `ma="…", ngay="…", bieu_do=true)`; each
/// of `ma` and `ngay` once, `bieu_do` optional (`true` or `false`), straight or curly quotes.
fn indicator_args(args: &str) -> Option<(String, String, bool)> {
    let args = args.trim().strip_suffix(')')?;
    let (mut code, mut day, mut chart) = (None, None, None);
    for pair in args.split(',') {
        let (key, value) = pair.split_once('=')?;
        let slot = match key.trim() {
            "ma" => &mut code,
            "ngay" => &mut day,
            "bieu_do" => {
                let value = match value.trim() {
                    "true" => true,
                    "false" => false,
                    _ => return None,
                };
                if chart.replace(value).is_some() {
                    return None;
                }
                continue;
            }
            _ => return None,
        };
        if slot.replace(quoted(value)?.to_string()).is_some() {
            return None;
        }
    }
    Some((code?, day?, chart.unwrap_or(false)))
}

/// `value` without its quotes, straight or curly, when it is quoted and not empty.
fn quoted(value: &str) -> Option<&str> {
    let quotes: &[char] = &['"', '“', '”', '\'', '‘', '’'];
    let unquoted = value.trim().strip_prefix(quotes)?.strip_suffix(quotes)?;
    (!unquoted.trim().is_empty() && !unquoted.contains(quotes)).then_some(unquoted.trim())
}

/// The name in `ten="goi-114")`, straight or curly quotes.
fn ten(args: &str) -> Option<&str> {
    let args = args.trim().strip_suffix(')')?;
    let (key, value) = args.split_once('=')?;
    if key.trim() != "ten" {
        return None;
    }
    let quotes: &[char] = &['"', '“', '”', '\'', '‘', '’'];
    let value = value.trim();
    let unquoted = value.strip_prefix(quotes)?.strip_suffix(quotes)?;
    (!unquoted.is_empty() && !unquoted.contains(quotes)).then_some(unquoted.trim())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{OPTIONS, TestLinks, found, html_of};
    use super::*;

    fn shortcodes(body: &str) -> (String, Vec<(String, String)>) {
        let resolver = Resolver::new(&TestLinks, &[]);
        let report = Report::default();
        let events =
            pulldown_cmark::Parser::new_ext(body, OPTIONS.parser_options()).into_offset_iter();
        let html = html_of(Shortcodes::new(events, body, &resolver, &report));
        (html, found(body, report))
    }

    fn img(name: &str) -> String {
        let p = crate::pictogram::get(name).unwrap();
        format!(
            "<img class=\"hinh\" src=\"https://x.vn{}\" alt=\"{}\" width=\"64\" height=\"64\">",
            p.versioned_path(),
            p.alt()
        )
    }

    #[test]
    fn a_shortcode_becomes_the_pictogram_with_its_alt_text() {
        // Smart punctuation turns the quotes into pieces of their own: joined again.
        let (html, problems) = shortcodes("Gọi ngay {{ hinh(ten=\"goi-114\") }} khi cháy.\n");
        assert_eq!(html, format!("<p>Gọi ngay {} khi cháy.</p>\n", img("goi-114")));
        assert!(problems.is_empty(), "{problems:?}");
        // Curly quotes typed by Word, no spaces, two in a paragraph of its own.
        let (html, problems) =
            shortcodes("{{hinh(ten=“binh-rut-chot”)}}{{ hinh( ten = 'binh-quet' ) }}\n");
        assert_eq!(html, format!("<p>{}{}</p>\n", img("binh-rut-chot"), img("binh-quet")));
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn an_indicator_shortcode_leaves_a_marker_and_records_its_use() {
        let body = "Kết quả: {{ chi_tieu(ma=\"a-b\", ngay=\"2026-11-30\") }}\n\n{{chi_tieu( ngay=“30/11/2026”, ma='c', bieu_do=true )}}\n";
        let resolver = Resolver::new(&TestLinks, &[]);
        let report = Report::default();
        let events =
            pulldown_cmark::Parser::new_ext(body, OPTIONS.parser_options()).into_offset_iter();
        let html = html_of(Shortcodes::new(events, body, &resolver, &report));
        assert_eq!(html, "<p>Kết quả: <!--pccc:chi-tieu:0--></p>\n<p><!--pccc:chi-tieu:1--></p>\n");
        let uses = report.1.into_inner();
        assert_eq!(uses.len(), 2);
        assert_eq!(
            (uses[0].code.as_str(), uses[0].day.as_str(), uses[0].chart),
            ("a-b", "2026-11-30", false)
        );
        assert_eq!(&body[uses[0].span.clone()], "{{ chi_tieu(ma=\"a-b\", ngay=\"2026-11-30\") }}");
        assert_eq!(
            (uses[1].code.as_str(), uses[1].day.as_str(), uses[1].chart),
            ("c", "30/11/2026", true)
        );
    }

    #[test]
    fn an_indicator_shortcode_written_wrong_is_reported() {
        for body in [
            "{{ chi_tieu(ma=\"a\") }}\n",
            "{{ chi_tieu(ma=a, ngay=\"2026-11-30\") }}\n",
            "{{ chi_tieu(ma=\"a\", ngay=\"2026-11-30\", bieu_do=co) }}\n",
            "{{ chi_tieu(ma=\"a\", ngay=\"2026-11-30\", mau=\"x\") }}\n",
        ] {
            let (_, problems) = shortcodes(body);
            assert_eq!(problems.len(), 1, "{body}");
            assert!(problems[0].1.ends_with("` viết chưa đúng"), "{problems:?}");
        }
    }

    #[test]
    fn in_code_a_shortcode_stays_text() {
        let (html, _) = shortcodes("Viết `{{ hinh(ten=\"goi-114\") }}`.\n");
        assert_eq!(html, "<p>Viết <code>{{ hinh(ten=\"goi-114\") }}</code>.</p>\n");
    }

    #[test]
    fn wrong_shortcodes_are_reported_where_they_are_written() {
        let body = "A {{ hinh(ten=\"goi-113\") }} b {{ anh(ten=\"x\") }}\n\n{{ hinh(goi-114) }} {{ chưa đóng\n";
        let (html, problems) = shortcodes(body);
        assert_eq!(
            problems,
            [
                ("{{ hinh(ten=\"goi-113\") }}".to_string(), "không có hình `goi-113`".to_string()),
                ("{{ anh(ten=\"x\") }}".to_string(), "không có mã ngắn `anh`".to_string()),
                (
                    "{{ hinh(goi-114) }}".to_string(),
                    "mã ngắn `{{ hinh(goi-114) }}` viết chưa đúng".to_string()
                ),
            ]
        );
        // What is wrong stays as text; a `{{` never closed is only text.
        assert!(html.contains("A {{ hinh(ten=“goi-113”) }} b"), "{html}");
        assert!(html.contains("{{ chưa đóng"), "{html}");
    }
}
