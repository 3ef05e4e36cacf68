//! Addresses that would run code in the reader's browser (`javascript:`, `vbscript:`, `data:`,
//! `file:`), refused however they are written. Links and images of a body go through
//! [`check_scheme`], and so do the addresses of `site.toml` (menu, alerts, `[extra]`).

use super::{LinkError, shorten};

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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_refused_link_is_shown_shortened_with_its_hidden_characters() {
        assert_eq!(visible("a\tb\nc\rd\u{1}e"), "a\\tb\\nc\\rd\\u0001e");
        let long = format!("javascript:{}", "x".repeat(60));
        let e = check_scheme(&long).unwrap_err();
        assert_eq!(
            e.message,
            format!(
                "liên kết `javascript:{}…` bị chặn vì có thể chạy mã trên máy người đọc",
                "x".repeat(29)
            )
        );
        assert_eq!(scheme(" Tel:114"), Some("tel".into()));
        assert_eq!(scheme("1a:b"), None);
        assert_eq!(scheme("/a:b"), None);
    }
}
