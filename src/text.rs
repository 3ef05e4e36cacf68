//! Vietnamese text handling shared by every stage: NFC normalisation on load, folding for
//! diacritic-insensitive matching, and collation for sorted lists.
//!
//! Text arrives in several Unicode forms (NFC from Unikey, NFD from macOS file names, mixed
//! forms from the Windows keyboard), so everything is normalised to NFC as it is read. Folding
//! (NFD, marks removed, đ/Đ to d, lowercase) is what lets "duong" find "đường": NFD alone does
//! not touch đ, which has no decomposition.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Returns `text` in Unicode normalisation form C, borrowing when it already is.
pub fn nfc(text: &str) -> Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    }
}

/// Folds text for matching: tone and vowel marks removed, đ/Đ mapped to d, lowercase.
///
/// `fold("Đường Khương Đình")` is `"duong khuong dinh"`; old and new tone placement
/// (`hoà`, `hòa`) fold to the same string.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' | 'Ð' | 'Ɖ' => out.push('d'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

static COLLATOR: LazyLock<CollatorBorrowed<'static>> = LazyLock::new(|| {
    Collator::try_new(icu_locale::locale!("vi").into(), CollatorOptions::default())
        .expect("the Vietnamese collation is compiled into icu_collator")
});

/// Compares two strings in Vietnamese dictionary order (a < ă < â, d < đ, o < ô < ơ, u < ư).
pub fn collate(a: &str, b: &str) -> Ordering {
    COLLATOR.compare(a, b)
}

/// Whether `c` is a control character that may not be in a site's text: the C0 controls
/// except tab and line ends, DEL and the C1 controls, and U+FFFE and U+FFFF (not characters).
/// None of them shows on screen; published, the C0 ones make an Atom feed invalid XML, which
/// feed readers then drop, and all of them end up in the CSV and JSON downloads.
pub fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}')
        || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// The control characters of `text` (see [`is_control`]) with their byte offsets.
pub fn control_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    text.char_indices().filter(|&(_, c)| is_control(c))
}

/// The words of `text`: runs of letters, digits and combining marks, as written. Search
/// indexes these; `site.toml` checks that each synonym has one.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || is_combining_mark(c))).filter(|w| !w.is_empty())
}

/// `U+0000`: how a character is named in messages.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_but_not_tabs_or_line_ends() {
        let text = "a\tb\nc\r\u{0}d\u{1B}[31m\u{7F}\u{85}\u{A0}đ\u{FFFF}";
        let found: Vec<String> = control_chars(text).map(|(_, c)| code_point(c)).collect();
        assert_eq!(found, ["U+0000", "U+001B", "U+007F", "U+0085", "U+FFFF"]);
        assert_eq!(control_chars(text).next().map(|(i, _)| i), Some(6));
    }

    #[test]
    fn nfc_composes_decomposed_and_mixed_input() {
        let decomposed = "Khu\u{031B}o\u{031B}ng \u{0110}i\u{0300}nh";
        assert_eq!(nfc(decomposed), "Khương Đình");
        // The Windows keyboard emits a precomposed base with a combining tone.
        assert_eq!(nfc("Tiê\u{0301}ng Viê\u{0323}t"), "Tiếng Việt");
        assert!(matches!(nfc("Khương Đình"), Cow::Borrowed(_)));
    }

    #[test]
    fn fold_removes_marks_and_maps_d_stroke() {
        for (input, folded) in [
            ("Đường", "duong"),
            ("đường", "duong"),
            ("Phòng cháy, chữa cháy", "phong chay, chua chay"),
            ("hoà", "hoa"),
            ("hòa", "hoa"),
            ("THOÁT NẠN", "thoat nan"),
            ("Khu\u{031B}o\u{031B}ng \u{0110}i\u{0300}nh", "khuong dinh"),
        ] {
            assert_eq!(fold(input), folded, "fold({input:?})");
        }
    }

    #[test]
    fn collation_follows_the_vietnamese_alphabet() {
        let mut words =
            vec!["Đặng", "Zô", "Ơn", "Âu", "Ăn", "Anh", "Dương", "Ông", "Oanh", "Ưng", "Uyên"];
        words.sort_by(|a, b| collate(a, b));
        assert_eq!(
            words,
            ["Anh", "Ăn", "Âu", "Dương", "Đặng", "Oanh", "Ông", "Ơn", "Uyên", "Ưng", "Zô"]
        );
    }
}
