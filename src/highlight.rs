//! Syntax highlighting of fenced code blocks with syntect, as CSS classes.
//!
//! Classes (`z-keyword`, ...) rather than inline styles keep pages small and let a strict
//! Content-Security-Policy forbid inline styles; the colours live in one generated stylesheet.
//! syntect's syntax set is loaded on first use only, so a site without code never pays for it.

use std::sync::LazyLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "z-" };

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// Output path of the generated stylesheet, relative to the site root.
pub const STYLESHEET: &str = "syntax.css";

/// Whether syntect knows the language named in a fence (`rust`, `html`, `js`, ...).
pub fn knows(language: &str) -> bool {
    SYNTAXES.find_syntax_by_token(language).is_some()
}

/// Highlights `code` as `language`, returning the inner HTML of a `<code>` element, or `None`
/// when the language is unknown.
pub fn highlight(code: &str, language: &str) -> Option<String> {
    let syntax = SYNTAXES.find_syntax_by_token(language)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(generator.finalize())
}

/// The stylesheet for `theme` (one of syntect's bundled themes), or `None` if it is unknown.
pub fn stylesheet(theme: &str) -> Option<String> {
    let themes = ThemeSet::load_defaults();
    let theme = themes.themes.get(theme)?;
    css_for_theme_with_class_style(theme, CLASS_STYLE).ok()
}

/// Names of syntect's bundled themes, for error messages.
pub fn theme_names() -> Vec<String> {
    ThemeSet::load_defaults().themes.into_keys().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_with_classes_not_styles() {
        let html = highlight("<a href=\"x\">114</a>\n", "html").unwrap();
        assert!(html.contains("class=\"z-"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("&lt;"), "{html}");
        assert_eq!(highlight("x", "khong-co-ngon-ngu-nay"), None);
    }

    #[test]
    fn stylesheet_uses_the_same_prefix() {
        let css = stylesheet("InspiredGitHub").unwrap();
        assert!(css.contains(".z-"), "{}", &css[..200.min(css.len())]);
        assert!(stylesheet("khong-co").is_none());
    }
}
