//! Slugs for URLs and heading ids: Vietnamese transliterated to lowercase ASCII with hyphens.
//!
//! `deunicode` does the transliteration (it maps đ/Đ to d, which a plain NFD strip misses);
//! this module owns the rules around it so that URLs and heading anchors agree.

use deunicode::deunicode_char;
use unicode_normalization::UnicodeNormalization;

/// Longest slug produced from free text; longer text is cut at a word boundary.
const MAX_LEN: usize = 80;

/// Turns any text into a URL slug: `"Nghị định 105/2025/NĐ-CP"` becomes
/// `"nghi-dinh-105-2025-nd-cp"`. Returns an empty string when nothing alphanumeric remains.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    // NFC first so decomposed input transliterates the same as precomposed input.
    for c in text.nfc() {
        let ascii = deunicode_char(c).unwrap_or("");
        for a in ascii.chars() {
            if a.is_ascii_alphanumeric() {
                if pending_hyphen && !slug.is_empty() {
                    slug.push('-');
                }
                pending_hyphen = false;
                slug.push(a.to_ascii_lowercase());
            } else {
                pending_hyphen = true;
            }
        }
    }
    truncate_at_hyphen(slug, MAX_LEN)
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
