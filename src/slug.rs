//! Slugs for URLs and heading ids: Vietnamese transliterated to lowercase ASCII with hyphens.
//!
//! Letters go through the one diacritic fold ([`crate::text::fold`]), so a slug spells a title
//! as the search matches it: "Đường" is `duong` in both. What the fold does not make ASCII
//! (other scripts, ø æ ß, marks standing alone, symbols) is transliterated by `deunicode`,
//! which agrees with the fold on every letter both handle (a test below checks all of Unicode),
//! so slugs are the same as when `deunicode` did it all. This module owns the rules around
//! them so that URLs and heading anchors agree.

use std::borrow::Cow;

use deunicode::deunicode_char;
use unicode_normalization::UnicodeNormalization;

use crate::text::fold;

/// Longest slug produced from free text; longer text is cut at a word boundary.
const MAX_LEN: usize = 80;

/// Turns any text into a URL slug: `"Nghị định 105/2025/NĐ-CP"` becomes
/// `"nghi-dinh-105-2025-nd-cp"`. Returns an empty string when nothing alphanumeric remains.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    let mut push = |a: char| {
        if a.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(a.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
    };
    // NFC first so decomposed input transliterates the same as precomposed input.
    for c in text.nfc() {
        if c.is_ascii() {
            push(c);
        } else {
            transliterate(c).chars().for_each(&mut push);
        }
    }
    truncate_at_hyphen(slug, MAX_LEN)
}

/// A character that is not ASCII, in ASCII: its fold (Vietnamese and other Latin letters with
/// marks, đ), or else deunicode's transliteration (empty when it has none).
fn transliterate(c: char) -> Cow<'static, str> {
    let folded = fold(c.encode_utf8(&mut [0; 4]));
    if folded.is_ascii() && !folded.is_empty() {
        Cow::Owned(folded)
    } else {
        Cow::Borrowed(deunicode_char(c).unwrap_or(""))
    }
}

fn truncate_at_hyphen(mut slug: String, max: usize) -> String {
    if slug.len() <= max {
        return slug;
    }
    let cut = slug[..=max].rfind('-').unwrap_or(max);
    slug.truncate(cut);
    slug
}

/// Whether `slug` is already a valid slug (what `slugify` would leave unchanged).
pub fn is_valid(slug: &str) -> bool {
    !slug.is_empty()
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_titles() {
        for (input, expected) in [
            ("Phòng cháy, chữa cháy và cứu nạn, cứu hộ", "phong-chay-chua-chay-va-cuu-nan-cuu-ho"),
            ("Điểm chữa cháy công cộng", "diem-chua-chay-cong-cong"),
            ("Khương Đình", "khuong-dinh"),
            ("ĐƯỜNG DÂY NÓNG 114", "duong-day-nong-114"),
            ("đ Đ", "d-d"),
            ("Nghị định 105/2025/NĐ-CP", "nghi-dinh-105-2025-nd-cp"),
            ("Thoát nạn khi cháy nhà ống “chuồng cọp”", "thoat-nan-khi-chay-nha-ong-chuong-cop"),
            ("  --Lối thoát!!  (thứ 2)  ", "loi-thoat-thu-2"),
            ("Hòa Hoà", "hoa-hoa"),
            ("!!!", ""),
        ] {
            assert_eq!(slugify(input), expected, "slugify({input:?})");
        }
    }

    /// The letters and separators a slug keeps of `ascii`.
    fn as_slug(ascii: &str) -> String {
        ascii
            .chars()
            .map(|a| if a.is_ascii_alphanumeric() { a.to_ascii_lowercase() } else { '-' })
            .collect()
    }

    #[test]
    fn the_fold_and_deunicode_agree_on_every_character_the_fold_makes_ascii() {
        // Slugs were all deunicode's before they went through the fold; this keeps them the
        // same, for every character of Unicode, whichever crate is updated.
        let mut folded = 0;
        let mut differ = Vec::new();
        for c in ('\u{80}'..=char::MAX).filter(|c| !c.is_ascii()) {
            let ascii = transliterate(c);
            let by_deunicode = as_slug(deunicode_char(c).unwrap_or(""));
            if as_slug(&ascii) != by_deunicode {
                differ.push(format!(
                    "{c} U+{:04X}: {ascii:?} against {by_deunicode:?}",
                    u32::from(c)
                ));
            }
            folded += usize::from(matches!(ascii, Cow::Owned(_)));
        }
        assert_eq!(differ, Vec::<String>::new());
        // Every Vietnamese letter is among them (134 with đ, in both cases), and some others.
        assert!(folded > 400, "{folded}");
    }

    #[test]
    fn decomposed_input_gives_the_same_slug() {
        let nfd: String = "Thoát nạn Đình".nfd().collect();
        assert_ne!(nfd, "Thoát nạn Đình");
        assert_eq!(slugify(&nfd), "thoat-nan-dinh");
    }

    #[test]
    fn long_text_is_cut_at_a_word_boundary() {
        let long = "phòng cháy ".repeat(20);
        let slug = slugify(&long);
        assert!(slug.len() <= MAX_LEN, "{slug}");
        assert!(slug.ends_with("chay"), "{slug}");
        assert!(is_valid(&slug));
    }

    #[test]
    fn slugify_output_is_valid_and_stable() {
        for input in ["Sạc xe điện", "a--b", "Ư", "x_y.z", "2026"] {
            let slug = slugify(input);
            assert!(is_valid(&slug), "{slug:?}");
            assert_eq!(slugify(&slug), slug);
        }
        assert!(!is_valid("Bai-viet"));
        assert!(!is_valid("bai--viet"));
        assert!(!is_valid("-bai"));
        assert!(!is_valid(""));
    }
}
