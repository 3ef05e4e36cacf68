//! Tổ dân phố (residential groups of the ward): reading the name an editor wrote into one
//! value, its display name, its slug, the natural order and the one URL scheme every kind of
//! record uses for its listing per tổ dân phố.
//!
//! Editors write the same group several ways: "Tổ dân phố số 5", "TDP 5", "Tổ 5", "tổ dân phố
//! số 05", in a YAML file or a spreadsheet cell. [`ToDanPho::read`] makes them one value, so
//! that every record of group 5 lands on one listing, at one address. The ward's groups are
//! numbered, some with a letter after the number when a group was split ("5A"); a name that is
//! not a number is refused rather than guessed, because a group read wrongly would silently get
//! a listing (and an address) of its own. Each kind reports [`Unreadable`] at the value with its
//! own locator, in the words this module gives, so the message is the same everywhere.
//!
//! The listing of group 5 in a section at `/dien-tap/` is `/dien-tap/to-dan-pho/so-5/`
//! ([`ToDanPho::path`]): the section says what is listed, `to-dan-pho` the facet, `so-5` the
//! group, and the whole reads as "tổ dân phố số 5" without saying "tổ dân phố" twice. It is the
//! address drills have always used; the list of violations used `to-dan-pho/to-dan-pho-so-5/`
//! and keeps those addresses as redirects.
//!
//! A leaf module: it imports only [`crate::text`].

use std::fmt;

/// The folder of the listings per tổ dân phố under a section: `/<section>/to-dan-pho/<slug>/`.
pub const DIR: &str = "to-dan-pho";

/// One tổ dân phố: its number and the letter of a split group. Ordered naturally: 2 before 10,
/// 5 before 5A before 5B before 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ToDanPho {
    number: u32,
    letter: Option<char>,
}

/// Why a written name is not a tổ dân phố.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// Nothing written (only spaces): the caller decides whether the field is optional.
    Empty,
    /// Number 0, which no group has.
    Zero,
    /// Something other than a group's number: a name, an address, two numbers, a typo.
    NotANumber,
}

/// How a tổ dân phố is written, for messages.
const HOW: &str = "viết số của tổ dân phố, ví dụ `Tổ dân phố số 5`; cũng đọc được `TDP 5`, \
    `Tổ 5`, `Tổ dân phố 05`, chỉ số `5`, và chữ cái của tổ đã tách như `Tổ dân phố số 5A`";

impl Unreadable {
    /// What is wrong with `written`, in Vietnamese, for the first line of a message.
    pub fn message(self, written: &str) -> String {
        match self {
            Unreadable::Empty => "chưa ghi tổ dân phố".to_string(),
            Unreadable::Zero => {
                format!("tổ dân phố `{written}` không có thật: số tổ dân phố bắt đầu từ 1")
            }
            Unreadable::NotANumber => format!("không đọc được tổ dân phố `{written}`"),
        }
    }

    /// What to write instead.
    pub fn help(self) -> &'static str {
        HOW
    }
}

impl ToDanPho {
    /// Reads a name as editors write it. Diacritics, case, spaces and the punctuation between
    /// words do not matter; after an optional "Tổ dân phố", "TDP" or "Tổ", and an optional
    /// "số", comes the number, with leading zeros, and maybe one letter right after it.
    ///
    /// `read("TDP 5")`, `read("tổ dân phố số 05")` and `read("Tổ 5")` are the same group;
    /// `read("Tổ liên gia số 3")` is [`Unreadable::NotANumber`] (another kind of group).
    pub fn read(written: &str) -> Result<ToDanPho, Unreadable> {
        let folded = crate::text::fold(written);
        let words = words(&folded);
        if words.is_empty() {
            return if written.trim().is_empty() {
                Err(Unreadable::Empty)
            } else {
                Err(Unreadable::NotANumber)
            };
        }
        let rest = strip_prefix(&words);
        let [number] = rest else { return Err(Unreadable::NotANumber) };
        let digits = number.trim_end_matches(|c: char| c.is_ascii_lowercase());
        let letter = match &number[digits.len()..] {
            "" => None,
            one if one.len() == 1 => one.chars().next().map(|c| c.to_ascii_uppercase()),
            _ => return Err(Unreadable::NotANumber),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Unreadable::NotANumber);
        }
        let number: u32 = match digits.trim_start_matches('0') {
            "" => return Err(Unreadable::Zero),
            n => n.parse().map_err(|_| Unreadable::NotANumber)?,
        };
        Ok(ToDanPho { number, letter })
    }

    /// The name readers see: "Tổ dân phố số 5", "Tổ dân phố số 5A".
    pub fn name(&self) -> String {
        format!("Tổ dân phố số {self}")
    }

    /// The name of the tổ dân phố `written` ("TDP 5" is "Tổ dân phố số 5"), or `written` as it
    /// is when it does not read as one (the checks refuse it; lists still show what was written).
    pub fn name_or_written(written: &str) -> String {
        ToDanPho::read(written).map_or_else(|_| written.to_string(), |t| t.name())
    }

    /// `address` with this tổ dân phố in its place, small unit to large: after the house,
    /// alley and street, before the ward ("Số 4, ngõ Minh Hoạ 1, phường Khương Đình" gives
    /// "Số 4, ngõ Minh Hoạ 1, tổ dân phố số 1, phường Khương Đình"), at the end when the
    /// address names no ward, city or district, and not again when it already names a tổ dân
    /// phố. Mid-line, the group is written in lower case, as "phường" is.
    pub fn in_address(&self, address: &str) -> String {
        let address = address.trim().trim_end_matches(',').trim_end();
        let group = format!("tổ dân phố số {self}");
        let parts: Vec<&str> = address.split(',').map(str::trim).collect();
        let names_a_group = |p: &&str| {
            let f = crate::text::fold(p);
            (f.starts_with("to dan pho") || f.starts_with("tdp")) && ToDanPho::read(p).is_ok()
        };
        if parts.iter().any(names_a_group) || address.is_empty() {
            return if address.is_empty() { group } else { address.to_string() };
        }
        let larger = ["phuong ", "xa ", "quan ", "huyen ", "thi xa ", "thanh pho ", "tp ", "tp. "];
        let ward = parts.iter().position(|p| {
            let f = crate::text::fold(p);
            larger.iter().any(|l| f.starts_with(l)) || f == "ha noi"
        });
        match ward {
            Some(i) => {
                let mut out: Vec<&str> = parts[..i].to_vec();
                out.push(&group);
                out.extend(&parts[i..]);
                out.join(", ")
            }
            None => format!("{address}, {group}"),
        }
    }

    /// The last part of its listing's address: `so-5`, `so-5a`.
    pub fn slug(&self) -> String {
        format!("so-{}", self.to_string().to_ascii_lowercase())
    }

    /// The site path of its listing in the section at `section` (`/dien-tap/`):
    /// `/dien-tap/to-dan-pho/so-5/`.
    pub fn path(&self, section: &str) -> String {
        format!("{section}{DIR}/{}/", self.slug())
    }
}

/// "5", "5A": the number and letter as written after "số".
impl fmt::Display for ToDanPho {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number)?;
        match self.letter {
            Some(letter) => write!(f, "{letter}"),
            None => Ok(()),
        }
    }
}

/// The words of folded text: letters and digits, split at every other character and where a
/// letter is followed by a digit ("tdp5" is "tdp 5"; "5a" stays one word).
fn words(folded: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in folded.chars() {
        if !c.is_alphanumeric() {
            words.extend((!current.is_empty()).then(|| std::mem::take(&mut current)));
            continue;
        }
        if c.is_ascii_digit() && current.chars().last().is_some_and(|l| !l.is_ascii_digit()) {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    words.extend((!current.is_empty()).then_some(current));
    words
}

/// The words after "tổ dân phố", "tdp" or "tổ", then "số", each optional.
fn strip_prefix(words: &[String]) -> &[String] {
    let starts = |prefix: &[&str]| {
        words.len() >= prefix.len() && words.iter().zip(prefix).all(|(w, p)| w == p)
    };
    let rest = if starts(&["to", "dan", "pho"]) {
        &words[3..]
    } else if starts(&["tdp"]) || starts(&["to"]) {
        &words[1..]
    } else {
        words
    };
    match rest {
        [so, rest @ ..] if so == "so" => rest,
        rest => rest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tdp(number: u32, letter: Option<char>) -> ToDanPho {
        ToDanPho { number, letter }
    }

    #[test]
    fn every_way_of_writing_a_group_reads_the_same() {
        for written in [
            "Tổ dân phố số 5",
            "Tổ dân phố 5",
            "tổ dân phố số 05",
            "TỔ DÂN PHỐ SỐ 5",
            "To dan pho so 5",
            "  Tổ  dân phố   số 5 ",
            "Tổ dân phố số: 5",
            "Tổ dân phố số 5.",
            "TDP 5",
            "TDP số 5",
            "tdp5",
            "TDP-05",
            "TDP.5",
            "Tổ 5",
            "Tổ số 5",
            "tổ số 005",
            "Số 5",
            "5",
            "05",
            // Decomposed (macOS) and mixed forms fold the same as precomposed text.
            "To\u{0302}\u{0309} da\u{0302}n pho\u{0302}\u{0301} so\u{0302}\u{0301} 5",
        ] {
            assert_eq!(ToDanPho::read(written), Ok(tdp(5, None)), "{written:?}");
        }
        for written in ["Tổ dân phố số 5A", "TDP 5a", "Tổ 05a", "5A"] {
            assert_eq!(ToDanPho::read(written), Ok(tdp(5, Some('A'))), "{written:?}");
        }
        assert_eq!(ToDanPho::read("Tổ dân phố số 12"), Ok(tdp(12, None)));
    }

    #[test]
    fn what_is_not_a_group_number_is_refused() {
        for (written, why) in [
            ("", Unreadable::Empty),
            ("   ", Unreadable::Empty),
            ("Tổ dân phố số 0", Unreadable::Zero),
            ("TDP 00", Unreadable::Zero),
            ("Tổ dân phố", Unreadable::NotANumber),
            ("Tổ dân phố số", Unreadable::NotANumber),
            ("TDP", Unreadable::NotANumber),
            ("Tổ dân phố số năm", Unreadable::NotANumber),
            ("Tổ dân phố số 5, Khương Đình", Unreadable::NotANumber),
            ("Tổ dân phố số 5 và 6", Unreadable::NotANumber),
            ("Tổ dân phố 5 6", Unreadable::NotANumber),
            ("Tổ dân phố số 5AB", Unreadable::NotANumber),
            ("Tổ dân phố số 5 A", Unreadable::NotANumber),
            ("Tổ liên gia số 3", Unreadable::NotANumber),
            ("Số 12 ngõ 75 Khương Đình", Unreadable::NotANumber),
            ("Khu tập thể A", Unreadable::NotANumber),
            ("A5", Unreadable::NotANumber),
            ("—", Unreadable::NotANumber),
            ("99999999999", Unreadable::NotANumber),
        ] {
            assert_eq!(ToDanPho::read(written), Err(why), "{written:?}");
        }
    }

    #[test]
    fn the_group_goes_in_the_address_before_the_ward() {
        let one = ToDanPho::read("Tổ dân phố số 1").unwrap();
        let cases = [
            (
                "Số 4, ngõ Minh Hoạ 1, phường Khương Đình",
                "Số 4, ngõ Minh Hoạ 1, tổ dân phố số 1, phường Khương Đình",
            ),
            ("Số 4 ngõ 102 phố Khương Đình", "Số 4 ngõ 102 phố Khương Đình, tổ dân phố số 1"),
            (
                "Số 2, phố Khương Hạ, Phường Khương Đình, Hà Nội",
                "Số 2, phố Khương Hạ, tổ dân phố số 1, Phường Khương Đình, Hà Nội",
            ),
            (
                "Số 4, Tổ dân phố số 1, phường Khương Đình",
                "Số 4, Tổ dân phố số 1, phường Khương Đình",
            ),
            ("", "tổ dân phố số 1"),
        ];
        for (address, shown) in cases {
            assert_eq!(one.in_address(address), shown, "{address}");
        }
    }

    #[test]
    fn name_slug_and_path() {
        let five = ToDanPho::read("TDP 05").unwrap();
        assert_eq!(five.name(), "Tổ dân phố số 5");
        assert_eq!(five.slug(), "so-5");
        assert_eq!(five.path("/dien-tap/"), "/dien-tap/to-dan-pho/so-5/");
        assert_eq!(five.path("/vi-pham/"), "/vi-pham/to-dan-pho/so-5/");
        let split = ToDanPho::read("tổ 12b").unwrap();
        assert_eq!(split.name(), "Tổ dân phố số 12B");
        assert_eq!(split.slug(), "so-12b");
        assert!(crate::slug::is_valid(&split.slug()));
        // The name reads back as the same group.
        assert_eq!(ToDanPho::read(&split.name()), Ok(split));
    }

    #[test]
    fn groups_sort_by_number_then_letter() {
        let mut groups: Vec<ToDanPho> = ["TDP 10", "Tổ 2", "5B", "Tổ dân phố số 5", "5A", "1"]
            .into_iter()
            .map(|w| ToDanPho::read(w).unwrap())
            .collect();
        groups.sort();
        let names: Vec<String> = groups.iter().map(ToDanPho::to_string).collect();
        assert_eq!(names, ["1", "2", "5", "5A", "5B", "10"]);
    }

    #[test]
    fn messages_name_the_value_written() {
        assert_eq!(
            Unreadable::NotANumber.message("Tổ liên gia 3"),
            "không đọc được tổ dân phố `Tổ liên gia 3`"
        );
        assert_eq!(
            Unreadable::Zero.message("TDP 0"),
            "tổ dân phố `TDP 0` không có thật: số tổ dân phố bắt đầu từ 1"
        );
        assert!(Unreadable::NotANumber.help().contains("`Tổ dân phố số 5`"));
    }
}
