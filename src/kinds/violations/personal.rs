//! What the personal-data lint looks for: in a text, anything a reader would read as a
//! citizen's ID number (CMND, CCCD), a phone number or a birth date, however it is typed.
//!
//! The rule works on what a reader sees, not on the characters typed, in three steps:
//!
//! 1. **Reading form.** Compatibility characters become what they look like (full-width and
//!    other NFKC digits and punctuation to ASCII), invisible characters go (zero-width spaces
//!    and joiners, the soft hyphen, byte-order marks, direction marks: Unicode's
//!    default-ignorable code points), every kind of space becomes a plain space and every dash
//!    a hyphen, and letters are folded (lower case, no marks, đ as d) so that `SINH NAM` and
//!    `sinh năm` read the same.
//! 2. **Numbers.** Digit groups joined by up to three spaces, dots, dashes, slashes or brackets
//!    read as one number (`001 203 004 567`, `(024) 3856 1234`, `0912  345  678`). Dates
//!    (`15/03/2024`, `2024-03-15`, `03/2024`) and amounts with thousands separators
//!    (`7.500.000`) are set aside: a reader reads those as dates and amounts. Every run of the
//!    remaining groups is then judged by its digits alone ([`judge`]), so a phone number is
//!    found after another number too (`số 5 0912345678`).
//! 3. **Birth dates** are found by their words (`sinh năm`, `ngày sinh`, `SN`, `NS`, `DOB`)
//!    followed by a date or a year, in figures or in words (`sinh ngày 01 tháng 02 năm 1985`).
//!
//! [`super::check`] runs [`find`] over every published text of every record.

use std::collections::BTreeMap;
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// What a published text must never hold. The order is the priority when two readings of the
/// same characters overlap: `0912 345 678 12` is reported as a phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Personal {
    /// A Vietnamese phone number, dialled at home or from abroad.
    Phone,
    /// 9 or 12 digits: a CMND or CCCD number.
    IdNumber,
    /// A birth date or year.
    BirthDate,
}

/// One piece of personal data in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// What it is.
    pub kind: Personal,
    /// Where it is: a byte range of the text as given.
    pub span: Range<usize>,
}

/// Every piece of personal data in `text`, in order, none overlapping another.
pub fn find(text: &str) -> Vec<Found> {
    let reading = Reading::new(text);
    let mut candidates = numbers(&reading);
    candidates.extend(birth_dates(&reading, text));
    // Higher priority first, then leftmost, then longest; keep what does not overlap. Kept
    // spans are disjoint, so only the last one starting before a candidate ends can overlap it.
    candidates.sort_by_key(|(kind, span)| (*kind, span.start, usize::MAX - span.end));
    let mut kept: BTreeMap<usize, (usize, Personal)> = BTreeMap::new();
    for (kind, span) in candidates {
        let before = kept.range(..span.end).next_back();
        if before.is_none_or(|(_, (end, _))| *end <= span.start) {
            kept.insert(span.start, (span.end, kind));
        }
    }
    kept.into_iter()
        .map(|(start, (end, kind))| Found { kind, span: reading.original(start..end) })
        .collect()
}

/// A text in reading form, with where each of its bytes came from.
struct Reading {
    /// Digits and punctuation in ASCII, plain spaces, folded letters.
    text: String,
    /// For each byte of `text`, the byte range of the character of the original it reads.
    from: Vec<Range<usize>>,
}

impl Reading {
    fn new(original: &str) -> Reading {
        let mut text = String::with_capacity(original.len());
        let mut from = Vec::with_capacity(original.len());
        for (at, c) in original.char_indices() {
            read_char(c, &mut text);
            from.resize(text.len(), at..at + c.len_utf8());
        }
        Reading { text, from }
    }

    /// The byte range of the original text that `span` of the reading form reads.
    fn original(&self, span: Range<usize>) -> Range<usize> {
        self.from[span.start].start..self.from[span.end - 1].end
    }
}

/// Appends the reading form of `c` to `out`.
fn read_char(c: char, out: &mut String) {
    if is_invisible(c) || (c.is_control() && !c.is_whitespace()) {
        return;
    }
    if c.is_whitespace() {
        out.push(' ');
    } else if matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}') {
        // Hyphens and dashes, the non-breaking hyphen included (NFKC leaves it non-ASCII).
        out.push('-');
    } else if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        let compatible: String = std::iter::once(c).nfkc().collect();
        if compatible.is_ascii() {
            // Full-width `０９` and `（）`, mathematical and circled digits, `²`.
            out.push_str(&compatible.to_ascii_lowercase());
        } else {
            out.push_str(&crate::text::fold(c.encode_utf8(&mut [0; 4])));
        }
    }
}

/// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): characters that show
/// nothing, such as the zero-width space, the word joiner, the soft hyphen and the BOM.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// What `digits`, read as one number, is. `grouped` says whether it was written in several
/// groups; `id_context` whether the text speaks of an ID card.
///
/// A Vietnamese number is 9 digits (a mobile, or a landline before 2017: `04 3856 1234`) or
/// 10 digits beginning with 2 (a landline since 2017: `024 3856 1234`) or with 1 (a mobile
/// before 2018), dialled after `0` at home or after `84`, `+84` or `0084` from abroad. A CCCD
/// has 12 digits and a CMND 9; written in groups they are told from other numbers by their
/// leading zero (every CCCD, and the CMND of Hà Nội and most northern provinces, begins with
/// 0), or by the text naming the card. Numbers of other lengths pass: 114, 1900 1234, 100000.
pub fn judge(digits: &str, grouped: bool, id_context: bool) -> Option<Personal> {
    let national = |rest: &str| match rest.as_bytes() {
        [first, ..] if rest.len() == 9 => *first != b'0',
        [b'1' | b'2', ..] => rest.len() == 10,
        _ => false,
    };
    let abroad = digits
        .strip_prefix("0084")
        .or_else(|| digits.strip_prefix("84"))
        .map(|rest| rest.strip_prefix('0').unwrap_or(rest));
    let at_home = digits.strip_prefix('0');
    if at_home.is_some_and(national) || abroad.is_some_and(national) {
        return Some(Personal::Phone);
    }
    let id_length = matches!(digits.len(), 9 | 12);
    (id_length && (!grouped || digits.starts_with('0') || id_context)).then_some(Personal::IdNumber)
}

/// Words that say a text speaks of an ID card (folded): then numbers in groups are read as
/// ID numbers even without a leading zero (`CMND số 125 456 789`).
const ID_WORDS: [&str; 6] = ["cmnd", "cccd", "cmt", "can cuoc", "chung minh", "dinh danh"];

/// Phone and ID numbers in the reading, as (kind, span of the reading).
fn numbers(reading: &Reading) -> Vec<(Personal, Range<usize>)> {
    let text = reading.text.as_str();
    let id_context = ID_WORDS.iter().any(|w| contains_word(text, w));
    let mut found = Vec::new();
    for chain in chains(text) {
        let aside = set_aside(text, &chain);
        let marked: Vec<(&Range<usize>, bool)> = chain.iter().zip(aside).collect();
        // Runs of groups between the dates and amounts set aside.
        for run in marked.split(|&(_, aside)| aside) {
            let groups: Vec<&Range<usize>> = run.iter().map(|&(g, _)| g).collect();
            for i in 0..groups.len() {
                let mut digits = String::new();
                for j in i..groups.len() {
                    digits.push_str(&text[groups[j].clone()]);
                    if digits.len() > 14 {
                        break;
                    }
                    if let Some(kind) = judge(&digits, j > i, id_context) {
                        found.push((kind, widen(text, groups[i].start..groups[j].end)));
                    }
                }
            }
        }
    }
    found
}

/// Whether `word` stands in `text` as a whole word (or words).
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The digit groups of `text` as a reader joins them into numbers: groups separated by one to
/// three spaces, dots, dashes, slashes or brackets belong to the same number.
fn chains(text: &str) -> Vec<Vec<Range<usize>>> {
    let bytes = text.as_bytes();
    let mut chains: Vec<Vec<Range<usize>>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let joined = chains.last().and_then(|c| c.last()).is_some_and(|last| {
            let between = &bytes[last.end..start];
            between.len() <= 3 && between.iter().all(|b| b" .-/()".contains(b))
        });
        let group = start..i;
        match chains.last_mut() {
            Some(chain) if joined => chain.push(group),
            _ => chains.push(vec![group]),
        }
    }
    chains
}

/// Which groups of `chain` are read as a date or an amount rather than as part of a phone
/// or ID number: `15/03/2024`, `15-03-2024`, `2024-03-15`, `03/2024`, `7.500.000`.
fn set_aside(text: &str, chain: &[Range<usize>]) -> Vec<bool> {
    let group = |k: usize| &text[chain[k].clone()];
    let joint = |k: usize| &text[chain[k].end..chain[k + 1].start];
    let value = |k: usize| group(k).parse::<u32>().unwrap_or(0);
    let (day, month, year) = (
        |k: usize| group(k).len() <= 2 && (1..=31).contains(&value(k)),
        |k: usize| group(k).len() <= 2 && (1..=12).contains(&value(k)),
        |k: usize| group(k).len() == 4 && (1900..=2099).contains(&value(k)),
    );
    let date_joint = |k: usize| matches!(joint(k), "/" | "-" | ".");
    let mut aside = vec![false; chain.len()];
    let mut i = 0;
    while i < chain.len() {
        let n = chain.len() - i;
        let three = n >= 3 && date_joint(i) && joint(i) == joint(i + 1);
        let dmy = three && day(i) && month(i + 1) && year(i + 2);
        let width = if dmy || (three && year(i) && month(i + 1) && day(i + 2)) {
            3
        } else if n >= 2
            && date_joint(i)
            && month(i)
            && year(i + 1)
            && (n == 2 || joint(i + 1) != joint(i))
        {
            2
        } else {
            amount_width(text, chain, i)
        };
        for flag in &mut aside[i..i + width.max(1)] {
            *flag = width > 0;
        }
        i += width.max(1);
    }
    aside
}

/// How many groups from `i` on make an amount with thousands separators (`7.500.000`,
/// `7,500,000`): a first group of 1 to 3 digits not starting with 0, then groups of 3 after
/// the same separator, at most 10 digits in all (under ten billion đồng: `84.912.345.678` and
/// `125.456.789.012` are not amounts), and nothing glued to it by a dot, dash or slash
/// (`0912.345.678` and `001 203.004-567` are not amounts either).
fn amount_width(text: &str, chain: &[Range<usize>], i: usize) -> usize {
    let joint = |k: usize| &text[chain[k].end..chain[k + 1].start];
    let glued = |k: usize| !joint(k).contains(' ');
    let first = &text[chain[i].clone()];
    if first.len() > 3 || first.starts_with('0') || i + 1 == chain.len() || (i > 0 && glued(i - 1))
    {
        return 0;
    }
    let separator = joint(i);
    if separator != "." && separator != "," {
        return 0;
    }
    let mut width = 1;
    while i + width < chain.len()
        && chain[i + width].len() == 3
        && joint(i + width - 1) == separator
    {
        width += 1;
    }
    let digits = first.len() + 3 * (width - 1);
    let end = i + width - 1;
    let glued_after = end + 1 < chain.len() && glued(end);
    if width > 1 && digits <= 10 && !glued_after { width } else { 0 }
}

/// `span` with the `+` or `(` written before the number, and a bracket opened there closed.
fn widen(text: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start;
    let closes = text[span.clone()].contains(')');
    if text[..start].ends_with('+') {
        start -= 1;
    }
    if closes && text[..start].ends_with('(') {
        start -= 1;
    }
    start..span.end
}

/// A word, a number (digits joined by single `/`, `.` or `-`: `01/02/1985`) or a mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Word,
    Number,
    Mark,
}

/// The words, numbers and marks of a reading, spaces left out.
fn tokens(text: &str) -> Vec<(Token, Range<usize>)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |(at, _)| *at);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        let kind = if c.is_ascii_digit() {
            Token::Number
        } else if c.is_alphabetic() {
            Token::Word
        } else if c == ' ' {
            k += 1;
            continue;
        } else {
            Token::Mark
        };
        k += 1;
        loop {
            let next = chars.get(k).map(|(_, c)| *c);
            let joins_digits = kind == Token::Number
                && matches!(next, Some('/' | '.' | '-'))
                && chars.get(k + 1).is_some_and(|(_, c)| c.is_ascii_digit());
            match next {
                Some(c) if kind == Token::Number && c.is_ascii_digit() => k += 1,
                Some(c) if kind == Token::Word && c.is_alphabetic() => k += 1,
                _ if joins_digits => k += 2,
                _ => break,
            }
        }
        out.push((kind, start..end_of(k)));
    }
    out
}

/// Words before `sinh` that make another word of it when written in lower case: `học sinh`
/// (pupil), `vệ sinh` (hygiene), `phát sinh` (arise)... A capitalised word before `sinh` is
/// read as a name (`Anh Phát sinh năm 1990`).
const BEFORE_SINH: [&str; 18] = [
    "hoc", "ve", "phat", "giang", "thi", "nay", "dan", "an", "hy", "san", "tai", "ky", "cong",
    "so", "phuc", "hoi", "muu", "nu",
];

/// Words that may stand between a birth marker and the date: `sinh ngày 01 tháng 02 năm`.
const DATE_WORDS: [&str; 6] = ["ngay", "thang", "nam", "vao", "ra", "luc"];

/// Birth dates in the reading: a marker (`sinh`, `SN`, `NS`, `DOB`) followed by a date or a
/// year, as (kind, span of the reading from the marker's first word to the year).
fn birth_dates(reading: &Reading, original: &str) -> Vec<(Personal, Range<usize>)> {
    let text = reading.text.as_str();
    let tokens = tokens(text);
    let word = |k: usize| (tokens[k].0 == Token::Word).then(|| &text[tokens[k].1.clone()]);
    // `sinh` after `học`, `vệ`... in lower case is part of another word.
    let compound = |k: usize| {
        k > 0
            && word(k - 1).is_some_and(|w| BEFORE_SINH.contains(&w))
            && original[reading.original(tokens[k - 1].1.clone()).start..]
                .starts_with(char::is_lowercase)
    };
    let date_word = |k: usize| word(k).is_some_and(|w| matches!(w, "ngay" | "thang" | "nam"));
    let mut found = Vec::new();
    for k in 0..tokens.len() {
        let marker = match word(k) {
            Some("sn" | "ns" | "dob") => true,
            Some("sinh") => !compound(k),
            _ => false,
        };
        let Some(end) = marker.then(|| date_after(text, &tokens[k + 1..])).flatten() else {
            continue;
        };
        // `ngày sinh`, `ngày, tháng, năm sinh`: the words before belong to the marker.
        let mut first = k;
        while first > 0 && k - first < 6 {
            if date_word(first - 1) {
                first -= 1;
            } else if first > 1 && &text[tokens[first - 1].1.clone()] == "," && date_word(first - 2)
            {
                first -= 2;
            } else {
                break;
            }
        }
        found.push((Personal::BirthDate, tokens[first].1.start..end));
    }
    found
}

/// Where the date that follows a birth marker ends, if one does: a year (`1985`), a date in
/// figures (`01/02/1985`, `01-02-1985`) or in words (`ngày 01 tháng 02 năm 1985`).
fn date_after(text: &str, tokens: &[(Token, Range<usize>)]) -> Option<usize> {
    for (kind, span) in tokens.iter().take(8) {
        let token = &text[span.clone()];
        match kind {
            Token::Mark if matches!(token, ":" | "." | "," | "(" | "-") => {}
            Token::Word if DATE_WORDS.contains(&token) => {}
            Token::Number => {
                let parts: Vec<&str> = token.split(['/', '.', '-']).collect();
                let is_year = |p: &&str| {
                    p.len() == 4 && p.parse::<u32>().is_ok_and(|y| (1900..=2099).contains(&y))
                };
                if parts.iter().any(is_year) {
                    return Some(span.end);
                }
                if parts.iter().any(|p| p.len() > 2) {
                    return None;
                }
            }
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `tests/fixtures/personal-data.toml`, shared with the integration test.
    #[derive(serde::Deserialize)]
    struct Table {
        refused: Vec<Refused>,
        passing: Vec<Passing>,
    }

    #[derive(serde::Deserialize)]
    struct Refused {
        text: String,
        kind: String,
        found: String,
    }

    #[derive(serde::Deserialize)]
    struct Passing {
        text: String,
    }

    fn table() -> Table {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/personal-data.toml");
        toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn the_table_of_refused_strings_is_refused() {
        let table = table();
        assert!(table.refused.len() >= 34, "at least the 34 forms of the issue");
        let mut wrong = Vec::new();
        for case in &table.refused {
            let kind = match case.kind.as_str() {
                "phone" => Personal::Phone,
                "id" => Personal::IdNumber,
                "birth" => Personal::BirthDate,
                other => panic!("unknown kind {other}"),
            };
            let got = kinds(&case.text);
            if got != [(kind, case.found.as_str())] {
                wrong.push(format!("{:?}: {got:?}", case.text));
            }
        }
        assert!(wrong.is_empty(), "not refused as the table says:\n{}", wrong.join("\n"));
    }

    #[test]
    fn the_table_of_ordinary_facts_passes() {
        let wrong: Vec<String> = table()
            .passing
            .iter()
            .filter(|case| !find(&case.text).is_empty())
            .map(|case| format!("{:?}: {:?}", case.text, kinds(&case.text)))
            .collect();
        assert!(wrong.is_empty(), "refused:\n{}", wrong.join("\n"));
    }

    fn kinds(text: &str) -> Vec<(Personal, &str)> {
        find(text).into_iter().map(|f| (f.kind, &text[f.span])).collect()
    }

    #[test]
    fn the_reading_form_folds_width_and_drops_the_invisible() {
        let reading = Reading::new("Ｓinh\u{200B} NĂM\u{00A0}１９８５\u{2011}x");
        assert_eq!(reading.text, "sinh nam 1985-x");
        assert_eq!(reading.from.len(), reading.text.len());
        // "1985" in the reading is the four full-width digits of the original.
        let original = "Ｓinh\u{200B} NĂM\u{00A0}１９８５\u{2011}x";
        let at = reading.text.find("1985").unwrap();
        assert_eq!(&original[reading.original(at..at + 4)], "１９８５");
    }

    #[test]
    fn judged_by_digits() {
        for (digits, grouped, kind) in [
            ("0912345678", false, Some(Personal::Phone)),
            ("02438561234", true, Some(Personal::Phone)),
            ("0438561234", true, Some(Personal::Phone)),
            ("01681234567", true, Some(Personal::Phone)),
            ("84912345678", false, Some(Personal::Phone)),
            ("842438561234", true, Some(Personal::Phone)),
            ("0084912345678", true, Some(Personal::Phone)),
            ("840912345678", true, Some(Personal::Phone)),
            ("001203004567", true, Some(Personal::IdNumber)),
            ("012345678", true, Some(Personal::IdNumber)),
            ("125456789", false, Some(Personal::IdNumber)),
            ("125456789", true, None),
            ("0012345678", false, None),
            ("114", false, None),
            ("19001234", true, None),
            ("1800599920", true, None),
            ("100000", false, None),
        ] {
            assert_eq!(judge(digits, grouped, false), kind, "{digits} grouped: {grouped}");
        }
        assert_eq!(judge("125456789", true, true), Some(Personal::IdNumber));
    }

    #[test]
    fn a_phone_after_another_number_is_read_on_its_own() {
        assert_eq!(kinds("số 5 0912345678"), [(Personal::Phone, "0912345678")]);
        assert_eq!(kinds("Tổ 12 0912 345 678"), [(Personal::Phone, "0912 345 678")]);
        assert_eq!(kinds("số 05 0912345678"), [(Personal::Phone, "0912345678")]);
    }

    #[test]
    fn every_finding_is_reported() {
        assert_eq!(
            kinds("Gọi 0912 345 678 hoặc 0987.654.321, CCCD 001203004567, SN 1985."),
            [
                (Personal::Phone, "0912 345 678"),
                (Personal::Phone, "0987.654.321"),
                (Personal::IdNumber, "001203004567"),
                (Personal::BirthDate, "SN 1985"),
            ]
        );
    }

    #[test]
    fn the_shown_span_keeps_the_dialling_signs() {
        assert_eq!(kinds("ĐT (024) 3856 1234."), [(Personal::Phone, "(024) 3856 1234")]);
        assert_eq!(kinds("(+84) 912 345 678"), [(Personal::Phone, "(+84) 912 345 678")]);
        assert_eq!(kinds("(0912 345 678)"), [(Personal::Phone, "0912 345 678")]);
        assert_eq!(
            kinds("Ngày sinh: 02/03/1980"),
            [(Personal::BirthDate, "Ngày sinh: 02/03/1980")]
        );
    }

    #[test]
    fn dates_and_amounts_are_set_aside() {
        // Without setting them aside, 03/2024 15/03 would read as 0320241503.
        for text in [
            "ngày 05/03/2024 15/03/2024",
            "tháng 01/2024 - 02/2024",
            "phạt từ 7.500.000 - 10.000.000 đồng",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
        // Dots in a phone number or a CCCD do not make it an amount.
        assert_eq!(kinds("+84.912.345.678"), [(Personal::Phone, "+84.912.345.678")]);
        assert_eq!(kinds("84.912.345.678"), [(Personal::Phone, "84.912.345.678")]);
        assert_eq!(kinds("0912.345.678"), [(Personal::Phone, "0912.345.678")]);
        assert_eq!(kinds("phạt 150.000.000 đồng"), []);
        // A phone written like a date is still a phone.
        assert_eq!(kinds("09-2012-3456"), [(Personal::Phone, "09-2012-3456")]);
    }

    #[test]
    fn odd_and_long_texts_are_read_without_fault() {
        for text in
            ["", "0", "1/", "/1", "(", "+", "+84", "sinh", "sinh năm", "01/02", "5 ", "\u{200B}"]
        {
            assert_eq!(kinds(text), [], "{text:?}");
        }
        // Linear in the length: 20,000 phone numbers in one text.
        let long = "gọi 0912 345 678, ".repeat(20_000);
        let started = std::time::Instant::now();
        assert_eq!(find(&long).len(), 20_000);
        assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
    }

    #[test]
    fn sinh_in_other_words_is_not_a_birth() {
        for text in [
            "học sinh năm 2024",
            "vệ sinh năm 2024",
            "phát sinh ngày 15/03/2024",
            "ngày sinh hoạt 15/03/2024",
            "sinh viên năm 2024",
            "Học sinh năm học 2024-2025",
            "SN 12 ngõ 75",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
        assert_eq!(
            kinds("Anh Phát sinh năm 1990"),
            [(Personal::BirthDate, "sinh năm 1990")],
            "a capitalised word before sinh is a name"
        );
        assert_eq!(kinds("chủ hộ sinh năm 1970"), [(Personal::BirthDate, "sinh năm 1970")]);
    }
}
