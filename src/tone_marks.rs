//! Where the tone mark sits in "oa", "oe" and "uy": one style across the site.
//!
//! Vietnamese has two accepted ways of placing the tone mark on a syllable that ends in the
//! vowel pairs "oa", "oe" or "uy" with nothing after them: on the main vowel (`hoà`, `khoẻ`,
//! `thuỷ`) or on the first letter of the pair (`hòa`, `khỏe`, `thủy`). Both are read the same,
//! Unicode normalisation does not unify them (NFC keeps `hoà` and `hòa` apart), and a page that
//! mixes them looks careless. Everywhere else the two styles agree: with a final consonant
//! (`hoàn`, `tuyết`), after `q` (`quý`, `quà`, where the `u` belongs to the consonant) and in
//! other vowel groups (`ngoài`, `túi`), so those words are never reported.
//!
//! `[content] tone_marks = "hoà"` (or `"hòa"`) in `site.toml` chooses the style; the model then
//! reports each word written the other way as a warning at its line and column ([`check`]).
//! Text between backticks (inline code, fenced code) is left alone: the editors' guide shows
//! both styles there on purpose. So is the `sources:` list of a front matter or data file: a
//! cited title keeps its publisher's spelling ("Cách thoát hiểm khi hỏa hoạn"). [`rewrite`] puts a text into the chosen style, for the
//! one-off rewrite of a whole site (`cargo run --example thong_nhat_dau`).

use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use crate::diagnostic::Diagnostic;
use crate::front_matter::locate::Positions;

/// Where the tone mark goes in a syllable ending in "oa", "oe" or "uy".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum ToneStyle {
    /// On the main vowel: `hoà`, `khoẻ`, `thuỷ` (written `tone_marks = "hoà"`).
    #[serde(rename = "hoà", alias = "hoa\u{300}")]
    MainVowel,
    /// On the first vowel of the pair: `hòa`, `khỏe`, `thủy` (written `tone_marks = "hòa"`).
    #[serde(rename = "hòa", alias = "ho\u{300}a")]
    FirstVowel,
}

impl ToneStyle {
    /// The example words that name the style in messages.
    pub fn example(self) -> &'static str {
        match self {
            ToneStyle::MainVowel => "hoà, khoẻ, thuỷ",
            ToneStyle::FirstVowel => "hòa, khỏe, thủy",
        }
    }

    /// How the style is written in `site.toml`.
    pub fn name(self) -> &'static str {
        match self {
            ToneStyle::MainVowel => "hoà",
            ToneStyle::FirstVowel => "hòa",
        }
    }
}

/// A word written in the other style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// Byte range of the word in the text.
    pub span: Range<usize>,
    /// The word as written.
    pub written: String,
    /// The word in the chosen style.
    pub wanted: String,
}

/// The five tone marks, as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

/// Consonant letters that may start a syllable before "oa", "oe" or "uy" (`q` is left out:
/// in `quý`, `quà` the `u` is part of the consonant and both styles agree).
const INITIALS: &str = "bcdđghklmnprstvx";

/// A letter split into its base letter, its tone mark (if any) and whether it carries any
/// other mark (the hat of â, the horn of ơ...). Read from [`SPLIT`] for the letters Vietnamese
/// is written with: the check asks it of most words of every page.
fn split_letter(c: char) -> (char, Option<char>, bool) {
    if c.is_ascii() {
        return (c, None, false);
    }
    let at = |range: &Range<u32>, offset: usize| {
        range.contains(&u32::from(c)).then(|| SPLIT[offset + (u32::from(c) - range.start) as usize])
    };
    at(&LATIN, 0).or_else(|| at(&EXTENDED, LATIN.len())).unwrap_or_else(|| decompose(c))
}

/// Latin-1 Supplement to Latin Extended-B, and Latin Extended Additional: the precomposed
/// letters of Vietnamese (and of the other Latin alphabets), split once in [`SPLIT`].
const LATIN: Range<u32> = 0xC0..0x250;
const EXTENDED: Range<u32> = 0x1E00..0x1F00;

/// [`decompose`] of every character of [`LATIN`] then [`EXTENDED`].
static SPLIT: LazyLock<Vec<(char, Option<char>, bool)>> = LazyLock::new(|| {
    (LATIN.chain(EXTENDED))
        .map(|u| char::from_u32(u).map_or(('\0', None, false), decompose))
        .collect()
});

/// [`split_letter`] worked out from the canonical decomposition.
fn decompose(c: char) -> (char, Option<char>, bool) {
    let mut parts = std::iter::once(c).nfd();
    let base = parts.next().unwrap_or(c);
    let mut tone = None;
    let mut other = false;
    for m in parts {
        if TONES.contains(&m) {
            tone = Some(m);
        } else {
            other = true;
        }
    }
    (base, tone, other)
}

/// `base` with `tone`, composed (NFC).
fn with_tone(base: char, tone: Option<char>) -> String {
    let mut s = String::from(base);
    s.extend(tone);
    s.nfc().collect()
}

/// `word` in `style` when it is written in the other one; `None` when the word has no such
/// syllable or already follows `style`.
pub fn restyle(word: &str, style: ToneStyle) -> Option<String> {
    if !may_end_in_pair(word) || !may_have_toned_pair(word) {
        return None;
    }
    let letters: Vec<char> = word.nfc().collect();
    let n = letters.len();
    if n < 2 {
        return None;
    }
    let (first, first_tone, first_other) = split_letter(letters[n - 2]);
    let (second, second_tone, second_other) = split_letter(letters[n - 1]);
    let pair: String = [first, second].iter().flat_map(|c| c.to_lowercase()).collect();
    if first_other || second_other || !matches!(pair.as_str(), "oa" | "oe" | "uy") {
        return None;
    }
    let initials_ok = letters[..n - 2]
        .iter()
        .all(|c| c.to_lowercase().all(|l| INITIALS.contains(l)) && split_letter(*c).1.is_none());
    if !initials_ok {
        return None;
    }
    let (on_first, tone) = match (first_tone, second_tone) {
        (Some(t), None) => (true, t),
        (None, Some(t)) => (false, t),
        _ => return None,
    };
    let wrong = match style {
        ToneStyle::MainVowel => on_first,
        ToneStyle::FirstVowel => !on_first,
    };
    if !wrong {
        return None;
    }
    let mut out: String = letters[..n - 2].iter().collect();
    out.push_str(&with_tone(first, (!on_first).then_some(tone)));
    out.push_str(&with_tone(second, on_first.then_some(tone)));
    Some(out)
}

/// Whether `word` may end in "oa", "oe" or "uy", whatever its marks and case: false when its
/// last letter is not an a, e or y. Most words end otherwise, and this turns them away before
/// their letters are normalised and split. A word ending in a combining mark (not in NFC) is
/// left to the full test.
fn may_end_in_pair(word: &str) -> bool {
    let Some(last) = word.chars().next_back() else { return false };
    let base = if last.is_ascii() {
        last
    } else if unicode_normalization::char::is_combining_mark(last) {
        return true;
    } else {
        split_letter(last).0
    };
    matches!(base, 'a' | 'e' | 'y' | 'A' | 'E' | 'Y')
}

/// Whether the last two letters of `word` may be "oa", "oe" or "uy" with one tone mark between
/// them and no other mark, the only words [`restyle`] changes: false turns away, before their
/// letters are normalised, the many words that end in a, e or y otherwise ("và", "của",
/// "này"). A word whose last two characters include a combining mark (not in NFC) is left to
/// the full test; any other character stands for its NFC form (the test
/// `the_quick_tests_read_each_letter_as_its_nfc_form` checks every character).
fn may_have_toned_pair(word: &str) -> bool {
    let mut back = word.chars().rev();
    let (Some(second), Some(first)) = (back.next(), back.next()) else { return false };
    let combining = unicode_normalization::char::is_combining_mark;
    if combining(first) || combining(second) {
        return true;
    }
    let (first, first_tone, first_other) = split_letter(first);
    let (second, second_tone, second_other) = split_letter(second);
    let pair = (first.to_ascii_lowercase(), second.to_ascii_lowercase());
    !first_other
        && !second_other
        && first_tone.is_some() != second_tone.is_some()
        && matches!(pair, ('o', 'a') | ('o', 'e') | ('u', 'y'))
}

/// Whether `c` belongs to a word: a letter, or a combining mark of one.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    crate::text::is_letter(c) || unicode_normalization::char::is_combining_mark(c)
}

/// Every word of `text` written in the other style than `style`, outside code (between
/// backticks on a line, or in a fenced block) and outside the value of the YAML field
/// `sources` (a front matter's, or a data file's): a cited title or publisher is written as its
/// source writes it. The YAML parser reads the front matter as the text's first document.
pub fn mismatches(text: &str, style: ToneStyle) -> Vec<Mismatch> {
    let mut found = Vec::new();
    let mut fenced = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        words_outside_code(line, |range| {
            let word = &line[range.clone()];
            if let Some(wanted) = restyle(word, style) {
                let span = start + range.start..start + range.end;
                found.push(Mismatch { span, written: word.to_string(), wanted });
            }
        });
    }
    // Rare (a site in one style has none), so the YAML is parsed again only then.
    if !found.is_empty()
        && text.contains("sources")
        && let Some(cited) = Positions::of(text).get("sources").map(|at| at.value.clone())
    {
        found.retain(|m| !(cited.start <= m.span.start && m.span.end <= cited.end));
    }
    found
}

/// Calls `each` with the byte range of every word of `line` that is not between backticks.
fn words_outside_code(line: &str, mut each: impl FnMut(Range<usize>)) {
    let mut in_code = false;
    let mut word: Option<usize> = None;
    for (i, c) in line.char_indices().chain(std::iter::once((line.len(), ' '))) {
        if is_word_char(c) && !in_code {
            word.get_or_insert(i);
            continue;
        }
        if let Some(w) = word.take() {
            each(w..i);
        }
        if c == '`' {
            in_code = !in_code;
        }
    }
}

/// `text` with every word put into `style`.
pub fn rewrite(text: &str, style: ToneStyle) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for m in mismatches(text, style) {
        out.push_str(&text[last..m.span.start]);
        out.push_str(&m.wanted);
        last = m.span.end;
    }
    out.push_str(&text[last..]);
    out
}

/// A warning for each word of `text` (the file at `path`) written in the other style.
pub fn check(path: &Path, text: &Arc<str>, style: ToneStyle) -> Vec<Diagnostic> {
    let other = match style {
        ToneStyle::MainVowel => ToneStyle::FirstVowel,
        ToneStyle::FirstVowel => ToneStyle::MainVowel,
    };
    mismatches(text, style)
        .into_iter()
        .map(|m| {
            Diagnostic::warning(
                path,
                format!(
                    "“{}” đặt dấu thanh kiểu “{}”; trang này thống nhất kiểu “{}”",
                    m.written,
                    other.example(),
                    style.example()
                ),
            )
            .at(text, m.span)
            .help(format!(
                "viết “{}” (site.toml, mục [content]: tone_marks = \"{}\")",
                m.wanted,
                style.name()
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_other_style_are_restyled_both_ways() {
        let cases = [
            ("hòa", "hoà"),
            ("Hòa", "Hoà"),
            ("HÒA", "HOÀ"),
            ("họa", "hoạ"),
            ("tòa", "toà"),
            ("khỏe", "khoẻ"),
            ("xóa", "xoá"),
            ("thủy", "thuỷ"),
            ("Ủy", "Uỷ"),
            ("hủy", "huỷ"),
            ("tùy", "tuỳ"),
            ("khóa", "khoá"),
        ];
        for (first, main) in cases {
            assert_eq!(restyle(first, ToneStyle::MainVowel).as_deref(), Some(main), "{first}");
            assert_eq!(restyle(main, ToneStyle::FirstVowel).as_deref(), Some(first), "{main}");
            assert_eq!(restyle(main, ToneStyle::MainVowel), None, "{main}");
            assert_eq!(restyle(first, ToneStyle::FirstVowel), None, "{first}");
        }
    }

    #[test]
    fn words_where_the_styles_agree_are_never_reported() {
        for word in [
            "hoàn", "toán", "tuyết", "khuyên", "quý", "quà", "Quỳnh", "ngoài", "túi", "hoa",
            "thuy", "hoàng", "oán", "toả", "tuân", "PCCC", "hôm", "ưa", "chuyển", "Thanh", "huấn",
        ] {
            assert_eq!(restyle(word, ToneStyle::MainVowel), None, "{word}");
            if word != "toả" {
                assert_eq!(restyle(word, ToneStyle::FirstVowel), None, "{word}");
            }
        }
        // NFD input is read as its NFC form.
        let nfd: String = "hòa".nfd().collect();
        assert_eq!(restyle(&nfd, ToneStyle::MainVowel).as_deref(), Some("hoà"));
    }

    #[test]
    fn the_quick_test_turns_away_no_word_ending_in_a_e_or_y() {
        let chars = ('\u{0}'..='\u{24f}').chain('\u{1e00}'..='\u{1eff}').chain(['\u{212b}']);
        let mut kept = 0;
        for c in chars {
            let word = format!("ho{c}");
            let last = word.nfc().last().unwrap_or(c);
            let ends_in_pair = matches!(split_letter(last).0.to_ascii_lowercase(), 'a' | 'e' | 'y');
            if ends_in_pair {
                kept += 1;
                assert!(may_end_in_pair(&word), "{word:?}");
            }
        }
        // a, e and y with every tone, hat and breve, in both cases, and the Ångström sign.
        assert!(kept > 60, "{kept}");
        assert!(!may_end_in_pair("hoàn") && !may_end_in_pair("") && may_end_in_pair("ho\u{300}"));
    }

    #[test]
    fn the_quick_tests_read_each_letter_as_its_nfc_form() {
        // `restyle` reads a word in NFC; its quick tests read the characters as written. For
        // every character that is not a combining mark, both must see the same letter.
        let mut pair_letters = 0;
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(split_letter(c), decompose(c), "{c:?}");
            if unicode_normalization::char::is_combining_mark(c) {
                continue;
            }
            let nfc: Vec<char> = std::iter::once(c).nfc().collect();
            let [read] = nfc[..] else {
                // Several characters in NFC: none of them a vowel of the pairs.
                assert!(
                    nfc.iter().all(|&n| !"oaeuy".contains(decompose(n).0.to_ascii_lowercase())),
                    "{c:?}"
                );
                continue;
            };
            let (base, tone, other) = split_letter(read);
            let lower: String = base.to_lowercase().collect();
            if ["o", "a", "e", "u", "y"].contains(&lower.as_str()) {
                pair_letters += 1;
                let quick = split_letter(c);
                assert_eq!(
                    (quick.0.to_ascii_lowercase().to_string(), quick.1, quick.2),
                    (lower, tone, other),
                    "{c:?}"
                );
            }
        }
        // o, a, e, u and y, bare or with a tone or another mark, in both cases.
        assert!(pair_letters > 100, "{pair_letters}");
        assert!(
            may_have_toned_pair("hòa")
                && may_have_toned_pair("THUỶ")
                && may_have_toned_pair("ho\u{300}a")
        );
        assert!(
            !may_have_toned_pair("hoa")
                && !may_have_toned_pair("của")
                && !may_have_toned_pair("hoầ")
        );
    }

    #[test]
    fn cited_sources_keep_their_own_spelling() {
        let text = "---\ntitle: \"Thuỷ\"\nsources:\n  - title: \"Khi có hỏa hoạn\"\n    \
                    publisher: \"Báo Hòa Bình\"\n\n  - title: \"thảm họa\"\ntags: [hòa]\n---\n\
                    Khi hỏa hoạn.\nsources:\n";
        let found: Vec<String> =
            mismatches(text, ToneStyle::MainVowel).into_iter().map(|m| m.written).collect();
        assert_eq!(found, ["hòa", "hỏa"]);
        // Flow style, and a data file (YAML from its first line).
        let data = "name: \"Hòa\"\nsources: [{title: \"Hỏa hoạn\", publisher: \"Báo Hòa Bình\"}]\n";
        let found: Vec<String> =
            mismatches(data, ToneStyle::MainVowel).into_iter().map(|m| m.written).collect();
        assert_eq!(found, ["Hòa"]);
    }

    #[test]
    fn mismatches_skip_code_and_give_byte_spans() {
        let text = "Hòa bình, hoàn thành.\nViết `hòa` hay ``` không\n```\nhòa\n```\nsức khỏe\n";
        let found = mismatches(text, ToneStyle::MainVowel);
        let words: Vec<(&str, &str)> =
            found.iter().map(|m| (&text[m.span.clone()], m.wanted.as_str())).collect();
        assert_eq!(words, [("Hòa", "Hoà"), ("khỏe", "khoẻ")]);
        assert_eq!(
            rewrite(text, ToneStyle::MainVowel),
            "Hoà bình, hoàn thành.\nViết `hòa` hay ``` không\n```\nhòa\n```\nsức khoẻ\n"
        );
    }
}
