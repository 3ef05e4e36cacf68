//! Vietnamese text handling shared by every stage: NFC normalisation on load, folding for
//! diacritic-insensitive matching, and collation for sorted lists.
//!
//! Text arrives in several Unicode forms (NFC from Unikey, NFD from macOS file names, mixed
//! forms from the Windows keyboard), so everything is normalised to NFC as it is read. Folding
//! (NFD, marks removed, đ/Đ to d, lowercase) is what lets "duong" find "đường": NFD alone does
//! not touch đ, which has no decomposition.

use std::borrow::Cow;
use std::char::ToLowercase;
use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Returns `text` in Unicode normalisation form C, borrowing when it already is.
pub fn nfc(text: &str) -> Cow<'_, str> {
    if text.chars().all(always_nfc) {
        return Cow::Borrowed(text);
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    }
}

/// Whether `c` is in NFC whatever stands beside it (quick check "yes", combining class 0): the
/// characters below the combining marks (U+0300), the precomposed letters of Latin Extended
/// Additional, and the dashes, quotes and other punctuation from U+2010 (U+2000 and U+2001 are
/// not NFC): what Vietnamese text is written with. A text of them alone is NFC without asking
/// unicode-normalization's tables of each character (every source file is checked on load).
fn always_nfc(c: char) -> bool {
    matches!(u32::from(c), 0..0x300 | 0x1E00..0x1F00 | 0x2010..0x2070)
}

/// Whether `text` is in NFC and has no control character, from its bytes alone: true when it
/// is written only with ASCII (tab, line feed and carriage return the only controls), the
/// characters from U+00A0 below the combining marks, the precomposed letters of Latin Extended
/// Additional and the punctuation from U+2010 to U+206F (see [`always_nfc`] and
/// [`is_control`]); false means only that the characters must be looked at one by one. Every
/// source file is checked this way on load: one pass over bytes instead of two over
/// characters, for text as Vietnamese editors write it.
pub fn is_plain_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let width = match b {
            b'\t' | b'\n' | b'\r' | 0x20..=0x7E => 1,
            // U+00A0 to U+00BF (U+0080 to U+009F are controls), then up to U+02FF.
            0xC2 if bytes.get(i + 1).is_some_and(|&c| c >= 0xA0) => 2,
            0xC3..=0xCB => 2,
            // U+1E00 to U+1EFF.
            0xE1 if matches!(bytes.get(i + 1), Some(0xB8..=0xBB)) => 3,
            // U+2010 to U+203F, and U+2040 to U+206F.
            0xE2 => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(0x80), Some(0x90..=0xBF)) | (Some(0x81), Some(0x80..=0xAF)) => 3,
                _ => return false,
            },
            _ => return false,
        };
        i += width;
    }
    true
}

/// Folds text for matching: tone and vowel marks removed, đ/Đ mapped to d, lowercase.
///
/// `fold("Đường Khương Đình")` is `"duong khuong dinh"`; old and new tone placement
/// (`hoà`, `hòa`) and every Unicode form (NFC, NFD, the Windows keyboard's mix) fold to the
/// same string. The rule, step by step:
///
/// 1. decompose (NFD), so that "ệ" is "e" and two marks;
/// 2. drop every combining mark (general category M): the five tones and the marks of
///    ă â ê ô ơ ư;
/// 3. map the d with stroke, which has no decomposition, to d: đ and Đ, and the letters that
///    look the same (Ð ð, Ɖ ɖ) typed from another keyboard;
/// 4. lower-case each character, and write the Greek final sigma ς as σ (Rust lower-cases
///    Σ to σ, JavaScript to ς at the end of a word: this way both agree).
///
/// Residents type without diacritics in the browser, so the two scripts that match what they
/// type, `src/search/search.js` (site search) and `themes/mac-dinh/static/vi-pham.js` (the
/// violations filter), each repeat this rule in JavaScript. `tests/fixtures/fold.tsv` holds
/// all three to the same results (`tests/integration/fold.rs`, `tests/browser/fold.test.js`).
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        // Nothing to decompose: the common case of the search index's words.
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    out.extend(text.nfd().filter(|&c| !is_combining_mark(c)).flat_map(fold_char));
    out
}

/// Steps 3 and 4 of [`fold`] for one character that is not a mark.
fn fold_char(c: char) -> ToLowercase {
    match c {
        'đ' | 'Đ' | 'Ð' | 'ð' | 'Ɖ' | 'ɖ' => 'd',
        'ς' => 'σ',
        c => c,
    }
    .to_lowercase()
}

static COLLATOR: LazyLock<CollatorBorrowed<'static>> = LazyLock::new(|| {
    Collator::try_new(icu_locale::locale!("vi").into(), CollatorOptions::default())
        .expect("the Vietnamese collation is compiled into icu_collator")
});

/// Compares two strings in Vietnamese dictionary order (a < ă < â, d < đ, o < ô < ơ, u < ư).
pub fn collate(a: &str, b: &str) -> Ordering {
    COLLATOR.compare(a, b)
}

/// A string's place in Vietnamese dictionary order, worked out once: two keys compare as
/// [`collate`] compares their strings, byte by byte. For lists sorted again and again (pages
/// by title at every rebuild in watch mode), which would otherwise collate the same titles at
/// each comparison.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey(std::sync::Arc<[u8]>);

impl SortKey {
    /// The key of `text`.
    pub fn of(text: &str) -> SortKey {
        let mut key = Vec::new();
        let Ok(()) = COLLATOR.write_sort_key_to(text, &mut key);
        SortKey(key.into())
    }
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
    text.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty())
}

/// Whether `c` belongs to a word of [`words`]: a letter, a digit or a combining mark.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    is_letter(c) || c.is_numeric() || is_combining_mark(c)
}

/// Whether `c` is a letter: [`char::is_alphabetic`], answered without its table search for
/// every letter Vietnamese is written with (Latin-1, Latin Extended-A and B, Latin Extended
/// Additional, where every character but `×` and `÷` is a letter). Search and the tone-mark
/// check ask it of every character of every page: the table search was a tenth of a build.
pub fn is_letter(c: char) -> bool {
    match u32::from(c) {
        0..=0x7f => c.is_ascii_alphabetic(),
        0xc0..=0x24f => c != '×' && c != '÷',
        0x1e00..=0x1eff => true,
        _ => c.is_alphabetic(),
    }
}

/// `U+0000`: how a character is named in messages.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_told_as_std_tells_them() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{}", code_point(c));
            let word = c.is_alphanumeric() || is_combining_mark(c);
            assert_eq!(is_word_char(c), word, "{}", code_point(c));
        }
    }

    #[test]
    fn plain_text_is_told_by_its_bytes_as_by_its_characters() {
        // Each character alone, and between letters: the bytes say plain exactly when the
        // character is NFC whatever stands beside it and no control.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let plain = always_nfc(c) && !is_control(c);
            assert_eq!(is_plain_nfc(&c.to_string()), plain, "{}", code_point(c));
            assert_eq!(is_plain_nfc(&format!("ư{c}ờ")), plain, "{}", code_point(c));
        }
        let text = "Đường thoát nạn — “lối ra” phải thông thoáng.\r\n\tKhoá cửa: không.";
        assert!(is_plain_nfc(text));
        assert!(matches!(nfc(text), Cow::Borrowed(_)) && control_chars(text).next().is_none());
        // Not plain is only "look again": NFD text, which is then normalised, and a control.
        let nfd: String = "Khương Đình".nfd().collect();
        assert!(!is_plain_nfc(&nfd) && !is_plain_nfc("a\u{0}b") && !is_plain_nfc("a\u{85}b"));
    }

    #[test]
    fn control_characters_are_found_but_not_tabs_or_line_ends() {
        let text = "a\tb\nc\r\u{0}d\u{1B}[31m\u{7F}\u{85}\u{A0}đ\u{FFFF}";
        let found: Vec<String> = control_chars(text).map(|(_, c)| code_point(c)).collect();
        assert_eq!(found, ["U+0000", "U+001B", "U+007F", "U+0085", "U+FFFF"]);
        assert_eq!(control_chars(text).next().map(|(i, _)| i), Some(6));
    }

    #[test]
    fn characters_taken_as_nfc_without_asking_are_so_in_any_text() {
        use unicode_normalization::char::canonical_combining_class;
        let taken = (0..=0x10ffff).filter_map(char::from_u32).filter(|&c| always_nfc(c));
        let mut count = 0;
        for c in taken {
            count += 1;
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{}", code_point(c));
            assert_eq!(canonical_combining_class(c), 0, "{}", code_point(c));
        }
        assert_eq!(count, 0x300 + 0x100 + 0x60);
        // A mark after such a character is asked about, and composed.
        assert_eq!(nfc("Vie\u{302}\u{323}t “Nam”"), "Việt “Nam”");
        assert!(matches!(nfc("Việt “Nam” – 114…"), Cow::Borrowed(_)));
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

    /// Every Vietnamese vowel with every tone, decomposed: (letter, its base).
    fn vowels_with_tones() -> Vec<(String, char)> {
        let vowels = [
            ('a', ""),
            ('a', "\u{306}"),
            ('a', "\u{302}"),
            ('e', ""),
            ('e', "\u{302}"),
            ('i', ""),
            ('o', ""),
            ('o', "\u{302}"),
            ('o', "\u{31B}"),
            ('u', ""),
            ('u', "\u{31B}"),
            ('y', ""),
        ];
        let tones = ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"];
        let mut letters = Vec::new();
        for (base, mark) in vowels {
            for tone in tones {
                letters.push((format!("{base}{mark}{tone}"), base));
            }
        }
        letters
    }

    #[test]
    fn every_vowel_with_every_tone_folds_to_its_base_in_any_case_and_form() {
        let letters = vowels_with_tones();
        assert_eq!(letters.len(), 72);
        for (decomposed, base) in letters {
            let composed: String = decomposed.nfc().collect();
            assert_eq!(composed.chars().count(), 1, "{decomposed:?} is one letter in NFC");
            for form in [composed.clone(), decomposed.clone(), composed.to_uppercase()] {
                assert_eq!(fold(&form), base.to_string(), "fold({form:?})");
            }
        }
    }

    #[test]
    fn d_with_stroke_and_its_look_alikes_fold_to_d_in_both_cases() {
        for d in ["đ", "Đ", "Ð", "ð", "Ɖ", "ɖ"] {
            assert_eq!(fold(d), "d", "fold({d:?})");
        }
        // Upper and lower case fold alike, so a resident's caps lock changes nothing.
        for word in ["Đường", "ðường", "Ɖường", "khương đình"] {
            assert_eq!(fold(&word.to_uppercase()), fold(word), "{word}");
        }
    }

    #[test]
    fn the_windows_keyboard_mix_folds_as_composed_text() {
        // A precomposed vowel with a combining tone, and a tone before a mark.
        assert_eq!(fold("Tiê\u{301}ng Viê\u{323}t"), "tieng viet");
        assert_eq!(fold("e\u{301}\u{302}"), "e");
        assert_eq!(fold("\u{301}"), "", "a mark standing alone disappears");
    }

    #[test]
    fn ascii_is_lower_cased_and_kept() {
        assert_eq!(fold("PCCC 114: 02-CT/TW, a_b.c"), "pccc 114: 02-ct/tw, a_b.c");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn fold_removes_marks_beyond_vietnamese_but_transliterates_nothing() {
        assert_eq!(fold("naïve café Ångström İ"), "naive cafe angstrom i");
        // Letters without a decomposition stay: fold is for matching, not for ASCII.
        assert_eq!(fold("Øre Straße Ｈà"), "øre straße ｈa");
    }

    #[test]
    fn final_sigma_folds_like_sigma() {
        // JavaScript lower-cases a word-final Σ to ς, Rust to σ: both fold to σ.
        assert_eq!(fold("ΟΔΟΣ"), "οδοσ");
        assert_eq!(fold("οδός"), "οδοσ");
    }

    #[test]
    fn fold_is_idempotent() {
        for text in ["Đường thoát nạn", "ΟΔΟΣ", "İstanbul", "Ｈà Ｎội", "ǅemal", "PHÒNG CHÁY"]
        {
            let once = fold(text);
            assert_eq!(fold(&once), once, "{text}");
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

    #[test]
    fn sort_keys_order_as_collation_does() {
        let words = [
            "Đặng",
            "đặng",
            "Dang",
            "dăng",
            "Zô",
            "Ơn",
            "Âu",
            "Ăn",
            "Anh",
            "anh",
            "Dương",
            "Ông",
            "Oanh",
            "Ưng",
            "Uyên",
            "",
            "a",
            "A",
            "á",
            "à",
            "ả",
            "ã",
            "ạ",
            "hoà",
            "hòa",
            "Ho\u{300}a",
            "PCCC 2",
            "PCCC 10",
            "Bài 1: Thoát nạn",
            "Bài 1 - Thoát nạn",
            "ß",
            "ss",
        ];
        for a in words {
            for b in words {
                let keys = SortKey::of(a).cmp(&SortKey::of(b));
                assert_eq!(keys, collate(a, b), "{a:?} against {b:?}");
            }
        }
    }
}
