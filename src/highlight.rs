//! Syntax highlighting of fenced code blocks with syntect, as CSS classes.
//!
//! Classes (`z-keyword`, ...) rather than inline styles keep pages small and let a strict
//! Content-Security-Policy forbid inline styles; the colours live in one generated stylesheet.
//! syntect's syntax set is loaded on first use only, so a site without code never pays for it.

use std::collections::HashMap;
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::{LazyLock, Mutex, PoisonError};

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
    Warming::take(code, language).or_else(|| highlighted(code, language))
}

/// [`highlight`], done now.
fn highlighted(code: &str, language: &str) -> Option<String> {
    let syntax = SYNTAXES.find_syntax_by_token(language)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(generator.finalize())
}

/// How many bytes of code of each language [`Warming`] highlights ahead.
const WARM_BYTES: usize = 4096;

/// How many blocks highlighted ahead may wait to be taken (beyond, they are dropped): a block
/// the quick look at the Markdown read otherwise than the parser does is never taken.
const WARM_KEPT: usize = 64;

/// Blocks highlighted ahead ([`Warming`]) and not yet taken, by language and code: highlighting
/// is a function of the two, so whichever build or page asks for one of them may take it.
static WARMED: LazyLock<Mutex<HashMap<(String, String), String>>> = LazyLock::new(Mutex::default);

/// The grammars a site's code blocks need, compiled ahead by whichever threads [`help`]. syntect
/// compiles a grammar's patterns the first time they are tried (the shell's took 35 ms of one
/// core here, YAML's 9 ms), and a build came to them only when it rendered the page with that
/// code, waiting there with its other core idle. Each language's first blocks, up to
/// `WARM_BYTES` of code, are highlighted by one thread and kept for [`highlight`]; a pattern
/// being compiled by one thread is waited for by another, not compiled twice.
///
/// [`help`]: Warming::help
pub struct Warming<'a> {
    /// Each language named, with its first blocks.
    languages: Vec<(&'a str, Vec<&'a str>)>,
    /// The next of `languages` to start.
    next: AtomicUsize,
}

impl<'a> Warming<'a> {
    /// The languages of `blocks` (language, code), each with its first blocks. Nothing is read
    /// of syntect's grammars yet: that too is for [`Warming::help`].
    pub fn new(blocks: impl IntoIterator<Item = (&'a str, &'a str)>) -> Warming<'a> {
        let mut languages: Vec<(&str, Vec<&str>, usize)> = Vec::new();
        for (language, code) in blocks {
            match languages.iter_mut().find(|(l, ..)| *l == language) {
                Some((_, codes, bytes)) if *bytes < WARM_BYTES => {
                    codes.push(code);
                    *bytes += code.len();
                }
                Some(_) => {}
                None => languages.push((language, vec![code], code.len())),
            }
        }
        let languages = languages.into_iter().map(|(l, codes, _)| (l, codes)).collect();
        Warming { languages, next: AtomicUsize::new(0) }
    }

    /// Highlights the languages no thread has started yet, one after another; returns when
    /// every one has been started.
    pub fn help(&self) {
        while let Some((language, codes)) = self.languages.get(self.next.fetch_add(1, Relaxed)) {
            for code in codes {
                let Some(html) = highlighted(code, language) else { break };
                let mut warmed = WARMED.lock().unwrap_or_else(PoisonError::into_inner);
                if warmed.len() >= WARM_KEPT {
                    warmed.clear();
                }
                warmed.insert((language.to_string(), code.to_string()), html);
            }
        }
    }

    /// The HTML of `code` in `language` if it was highlighted ahead, once.
    fn take(code: &str, language: &str) -> Option<String> {
        let mut warmed = WARMED.lock().unwrap_or_else(PoisonError::into_inner);
        if warmed.is_empty() {
            return None;
        }
        warmed.remove(&(language.to_string(), code.to_string()))
    }
}

/// The stylesheet for `theme` (one of syntect's bundled themes), or `None` if it is unknown.
pub fn stylesheet(theme: &str) -> Option<String> {
    let themes = ThemeSet::load_defaults();
    let theme = themes.themes.get(theme)?;
    css_for_theme_with_class_style(theme, CLASS_STYLE).ok().map(|css| accessible(&css))
}

/// The contrast WCAG 2.1 AA asks of text (1.4.3).
const MIN_CONTRAST: f64 = 4.5;

/// The darkest tint a light theme's code may sit on: the default theme draws code boxes in
/// `#f4f4f2`, and colours that pass on `#f0f0f0` pass on any lighter background too.
const LIGHT_TINT: [u8; 3] = [0xf0, 0xf0, 0xf0];

/// Darkens (on light themes) or lightens (on dark ones) every text colour of a generated
/// stylesheet until it reaches WCAG AA contrast with its background. syntect's bundled themes
/// have pale colours (InspiredGitHub's comments are `#969896`, 2.9:1 on white) that would fail.
pub fn accessible(css: &str) -> String {
    let theme_background = css
        .split('}')
        .find(|block| block.trim_start().starts_with(".z-code"))
        .and_then(|block| property(block, "background-color"))
        .unwrap_or([255, 255, 255]);
    let mut out = String::with_capacity(css.len());
    for block in css.split_inclusive('}') {
        let background = property(block, "background-color").unwrap_or(theme_background);
        for line in block.split_inclusive('\n') {
            let trimmed = line.trim_start();
            match trimmed
                .strip_prefix("color:")
                .and_then(|v| parse_hex(v.trim().trim_end_matches(';')))
            {
                Some(color) => {
                    let fixed = with_contrast(color, background);
                    let indent = &line[..line.len() - trimmed.len()];
                    let end = if line.ends_with('\n') { "\n" } else { "" };
                    out.push_str(&format!(
                        "{indent}color: #{:02x}{:02x}{:02x};{end}",
                        fixed[0], fixed[1], fixed[2]
                    ));
                }
                None => out.push_str(line),
            }
        }
    }
    out
}

/// The `#rrggbb` value of `name` in a CSS block, if any.
fn property(block: &str, name: &str) -> Option<[u8; 3]> {
    block.lines().find_map(|line| {
        let value = line.trim_start().strip_prefix(name)?.strip_prefix(':')?;
        parse_hex(value.trim().trim_end_matches(';'))
    })
}

fn parse_hex(value: &str) -> Option<[u8; 3]> {
    let hex = value.strip_prefix('#')?;
    let digits: Vec<u8> = match hex.len() {
        3 => hex.chars().map(|c| c.to_digit(16).map(|d| (d * 17) as u8)).collect::<Option<_>>()?,
        6 | 8 => (0..3)
            .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
            .collect::<Option<_>>()?,
        _ => return None,
    };
    Some([digits[0], digits[1], digits[2]])
}

/// Relative luminance (WCAG 2.1).
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// Contrast ratio of two colours (WCAG 2.1).
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `color`, moved towards black on a light background (or white on a dark one) just enough to
/// reach [`MIN_CONTRAST`]; light backgrounds are taken no lighter than [`LIGHT_TINT`].
fn with_contrast(color: [u8; 3], background: [u8; 3]) -> [u8; 3] {
    let light = luminance(background) > 0.5;
    let background = if light && luminance(background) > luminance(LIGHT_TINT) {
        LIGHT_TINT
    } else {
        background
    };
    let target: f64 = if light { 0.0 } else { 255.0 };
    let mut fixed = color;
    for step in 1..=100 {
        if contrast(fixed, background) >= MIN_CONTRAST {
            break;
        }
        let t = f64::from(step) / 100.0;
        fixed = color.map(|c| (f64::from(c) + (target - f64::from(c)) * t).round() as u8);
    }
    fixed
}

/// Names of syntect's bundled themes, for error messages.
pub fn theme_names() -> Vec<String> {
    ThemeSet::load_defaults().themes.into_keys().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warming_highlights_ahead_what_a_page_then_takes_once() {
        // Code no other test highlights, so that none takes it meanwhile.
        let shell = "echo \"khởi động 1\" | grep -c 114\n";
        let yaml = "title: \"khởi động\"\ndate: 2026-12-08\n";
        let long = "# khởi động\n".repeat(WARM_BYTES / 10);
        let blocks = [("sh", shell), ("yaml", yaml), ("sh", &long), ("sh", "echo 3\n")];
        let warming = Warming::new(blocks.iter().copied().chain([("khong-co", "x\n")]));
        let languages: Vec<(&str, usize)> =
            warming.languages.iter().map(|(l, codes)| (*l, codes.len())).collect();
        // The third shell block comes after WARM_BYTES of them.
        assert_eq!(languages, [("sh", 2), ("yaml", 1), ("khong-co", 1)]);
        std::thread::scope(|scope| {
            scope.spawn(|| warming.help());
            warming.help();
        });
        for (language, code) in [("sh", shell), ("yaml", yaml), ("sh", long.as_str())] {
            let made = highlighted(code, language);
            assert!(made.is_some());
            assert_eq!(Warming::take(code, language), made, "{language}");
            assert_eq!(Warming::take(code, language), None, "taken once: {language}");
            assert_eq!(highlight(code, language), made);
        }
        assert_eq!(Warming::take("echo 3\n", "sh"), None);
    }

    #[test]
    fn highlights_with_classes_not_styles() {
        let html = highlight("<a href=\"x\">114</a>\n", "html").unwrap();
        assert!(html.contains("class=\"z-"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("&lt;"), "{html}");
        assert_eq!(highlight("x", "khong-co-ngon-ngu-nay"), None);
    }

    #[test]
    fn every_colour_of_the_default_theme_passes_wcag_aa() {
        let css = stylesheet("InspiredGitHub").unwrap();
        let mut checked = 0;
        for block in css.split('}') {
            let background = property(block, "background-color").unwrap_or([0xf0, 0xf0, 0xf0]);
            let background =
                if luminance(background) > luminance(LIGHT_TINT) { LIGHT_TINT } else { background };
            for line in block.lines() {
                if let Some(color) = line.trim_start().strip_prefix("color:") {
                    let color = parse_hex(color.trim().trim_end_matches(';')).unwrap();
                    let ratio = contrast(color, background);
                    assert!(ratio >= MIN_CONTRAST, "{line} on {background:?}: {ratio:.2}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 50, "{checked}");
        // The comment grey was 2.9:1 on white; it is darkened, not replaced.
        assert!(!css.contains("#969896"));
        assert!(contrast([0x96, 0x98, 0x96], [255, 255, 255]) < 3.0);
    }

    #[test]
    fn dark_themes_are_lightened() {
        assert_eq!(with_contrast([0xff, 0xff, 0xff], [0, 0, 0]), [0xff, 0xff, 0xff]);
        let fixed = with_contrast([0x40, 0x40, 0x40], [0x2b, 0x30, 0x3b]);
        assert!(contrast(fixed, [0x2b, 0x30, 0x3b]) >= MIN_CONTRAST);
        assert!(fixed[0] > 0x40);
    }

    #[test]
    fn stylesheet_uses_the_same_prefix() {
        let css = stylesheet("InspiredGitHub").unwrap();
        assert!(css.contains(".z-"), "{}", &css[..200.min(css.len())]);
        assert!(stylesheet("khong-co").is_none());
    }
}
