//! The page shown in the browser in place of a page whose sources have errors, and the banner
//! shown on other pages meanwhile. Everything in it is escaped: it shows editors' text.

use crate::diagnostic::Problems;
use crate::markdown::escape_html;

/// A whole HTML page listing every problem with its file, line, column, the source lines
/// around it with the place marked, and what to write instead.
pub fn page(problems: &Problems) -> String {
    let count = problems.error_count();
    let mut html = String::from(
        "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Trang có lỗi cần sửa</title>\n<style>\n\
         body{font-family:system-ui,sans-serif;margin:0;padding:1rem;color:#1b1b1b;background:#fff;line-height:1.5}\n\
         h1{color:#8c1d18;font-size:1.5rem}\n\
         .loi{border:2px solid #b3261e;border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}\n\
         .vi-tri{font-weight:700}\n\
         pre{background:#f4f4f2;padding:.75rem;overflow-x:auto;font-size:.9rem;white-space:pre}\n\
         .goi-y{background:#eef5ea;padding:.5rem .75rem;border-radius:.3rem}\n\
         </style>\n</head>\n<body>\n<main>\n",
    );
    html.push_str(&format!("<h1>Trang có {count} lỗi cần sửa</h1>\n"));
    html.push_str(
        "<p>Trang web vẫn giữ bản dựng tốt gần nhất. Sửa lỗi trong tệp rồi lưu lại: \
         trang này sẽ tự tải lại.</p>\n",
    );
    for d in problems.iter() {
        let kind = match d.severity {
            crate::diagnostic::Severity::Error => "Lỗi",
            crate::diagnostic::Severity::Warning => "Cảnh báo",
        };
        html.push_str("<section class=\"loi\">\n");
        let place = match d.line_col() {
            Some((line, col)) => format!("{}, dòng {line}, cột {col}", d.path.display()),
            None => d.path.display().to_string(),
        };
        html.push_str(&format!(
            "<p class=\"vi-tri\">{kind}: {}</p>\n<p>{}</p>\n",
            escape_html(&place),
            escape_html(&d.message)
        ));
        if let Some(lines) = excerpt(d) {
            html.push_str(&format!("<pre>{}</pre>\n", escape_html(&lines)));
        }
        if let Some(help) = &d.help {
            html.push_str(&format!(
                "<p class=\"goi-y\"><strong>Cách sửa:</strong> {}</p>\n",
                escape_html(help)
            ));
        }
        html.push_str("</section>\n");
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

/// Lines around the marked place, numbered, with a caret line under the fault.
fn excerpt(d: &crate::diagnostic::Diagnostic) -> Option<String> {
    const AROUND: usize = 2;
    let (source, span) = d.location.as_ref()?;
    let (line, col) = d.line_col()?;
    let lines: Vec<&str> = source.split('\n').collect();
    let first = line.saturating_sub(AROUND).max(1);
    let last = (line + AROUND).min(lines.len());
    let width = last.to_string().len();
    let mut out = String::new();
    for n in first..=last {
        let text = lines.get(n - 1).copied().unwrap_or("");
        let marker = if n == line { '>' } else { ' ' };
        out.push_str(&format!("{marker} {n:>width$} | {text}\n"));
        if n == line {
            let len = source[span.clone()].chars().take_while(|&c| c != '\n').count().max(1);
            out.push_str(&format!(
                "  {:width$} | {}{}\n",
                "",
                " ".repeat(col - 1),
                "^".repeat(len)
            ));
        }
    }
    Some(out)
}

/// A bar shown at the top of pages that still show their last good version.
pub fn banner(problems: &Problems) -> String {
    let first = problems.iter().next();
    let place = first
        .map(|d| match d.line_col() {
            Some((line, _)) => format!("{}, dòng {line}", d.path.display()),
            None => d.path.display().to_string(),
        })
        .unwrap_or_default();
    format!(
        "<div role=\"alert\" style=\"position:sticky;top:0;z-index:99999;background:#8c1d18;color:#fff;\
         padding:.5rem 1rem;font:600 1rem system-ui,sans-serif\">Bản dựng mới có {} lỗi ({}). \
         Trang này là bản tốt gần nhất. <a style=\"color:#fff\" href=\"/__pccc/loi\">Xem lỗi và cách sửa</a></div>",
        problems.error_count(),
        escape_html(&place)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use std::sync::Arc;

    #[test]
    fn shows_place_excerpt_and_help_escaped() {
        let source: Arc<str> = Arc::from("---\ntitle: <b>x</b>\nngay: 1\n---\n");
        let d = Diagnostic::error("content/a.md", "trường `ngay` không dùng được")
            .at_line_col(&source, 3, 1, 4)
            .help("có phải bạn muốn viết `date`?");
        let problems = Problems::from(d);
        let html = page(&problems);
        assert!(html.contains("<h1>Trang có 1 lỗi cần sửa</h1>"), "{html}");
        assert!(html.contains("Lỗi: content/a.md, dòng 3, cột 1"), "{html}");
        assert!(
            html.contains(
                "  2 | title: &lt;b&gt;x&lt;/b&gt;\n&gt; 3 | ngay: 1\n    | ^^^^\n  4 | ---"
            ),
            "{html}"
        );
        assert!(html.contains("^^^^"), "{html}");
        assert!(
            html.contains("<strong>Cách sửa:</strong> có phải bạn muốn viết `date`?"),
            "{html}"
        );
        assert!(!html.contains("<b>x</b>"), "editor text is escaped: {html}");
        assert!(banner(&problems).contains("content/a.md, dòng 3"));
    }
}
