//! Values every view of drills shares: closed-list values with their labels, when a drill takes
//! place, whether it is upcoming, its place in one line.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::dates;
use crate::kinds::drill::Drill;
use crate::model::Site;
use crate::text::fold;

/// A closed-list value: what is written and what readers see.
#[derive(Debug, Serialize)]
pub struct Choice {
    /// The value in front matter (`du_kien`).
    pub name: &'static str,
    /// The Vietnamese label (`Dự kiến`).
    pub label: &'static str,
}

/// When a drill takes place, phrased for readers.
#[derive(Debug, Serialize)]
pub struct When {
    /// Start, RFC 3339 with the site's offset (`2026-12-05T08:00:00+07:00`).
    pub start: String,
    /// End, RFC 3339.
    pub end: String,
    /// `Thứ Bảy, 05/12/2026`.
    pub day: String,
    /// `05/12/2026`.
    pub short: String,
    /// `08h00`.
    pub start_time: String,
    /// `09h30`.
    pub end_time: String,
    /// The end's day when it differs from the start's.
    pub end_day: Option<String>,
    /// Length in minutes.
    pub minutes: i64,
}

impl When {
    /// The span from `start` to `end`, in `tz`.
    pub fn new(start: Timestamp, end: Timestamp, tz: &TimeZone) -> When {
        let s = start.to_zoned_datetime(tz.clone());
        let e = end.to_zoned_datetime(tz.clone());
        When {
            start: dates::rfc3339(&s),
            end: dates::rfc3339(&e),
            day: dates::with_weekday(s.date()),
            short: dates::short(s.date()),
            start_time: dates::time(s.time()),
            end_time: dates::time(e.time()),
            end_day: (e.date() != s.date()).then(|| dates::with_weekday(e.date())),
            minutes: (end.as_second() - start.as_second()) / 60,
        }
    }
}

/// Whether the drill has not started before the build's day: drills on the build's day count
/// as upcoming all day.
pub fn is_upcoming(drill: &Drill, site: &Site) -> bool {
    drill.start.is_some_and(|s| s.date(&site.config.timezone) >= site.today)
}

/// One line of place: "Nhà văn hoá TDP số 5, ngõ 102 phố Khương Đình".
pub fn place_text(drill: &Drill) -> String {
    match &drill.location.address {
        Some(a) => join_place(&drill.location.name, a),
        None => drill.location.name.clone(),
    }
}

/// A place's name and address in one line, without saying twice what both say: the address
/// is dropped when the name already holds it ("Khu nhà trọ ngõ 29 phố Khương Hạ" at "phố
/// Khương Hạ"), and when the address begins with the words the name ends with ("Khu nhà trọ
/// trong ngõ 29" at "ngõ 29 phố Khương Hạ") it carries on from them: "Khu nhà trọ trong ngõ
/// 29 phố Khương Hạ". Words are compared without diacritics or case.
pub fn join_place(name: &str, address: &str) -> String {
    let address = address.trim();
    let folded_name = fold(name);
    if address.is_empty() || folded_name.contains(&fold(address)) {
        return name.to_string();
    }
    let name_words: Vec<String> = name.split_whitespace().map(fold).collect();
    let address_words: Vec<&str> = address.split_whitespace().collect();
    let overlap = (1..=name_words.len().min(address_words.len()))
        .rev()
        .find(|&k| {
            name_words[name_words.len() - k..]
                .iter()
                .zip(&address_words[..k])
                .all(|(n, a)| *n == fold(a.trim_end_matches(',')))
        })
        .unwrap_or(0);
    if overlap == 0 {
        format!("{name}, {address}")
    } else {
        let rest = address_words[overlap..].join(" ");
        format!("{name} {}", rest.trim_start_matches(',').trim_start())
    }
}

/// Whether a force's kind adds nothing to its unit's name: "Đội dân phòng tổ dân phố số 3" is
/// plainly "Dân phòng", so readers are not told twice.
pub fn names_its_kind(unit: &str, kind: &str) -> bool {
    fold(unit).contains(&fold(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_named_once() {
        let cases = [
            (
                "Khu nhà trọ trong ngõ 29",
                "ngõ 29 phố Khương Hạ",
                "Khu nhà trọ trong ngõ 29 phố Khương Hạ",
            ),
            (
                "Nhà văn hoá tổ dân phố số 5",
                "ngõ 102 phố Khương Đình",
                "Nhà văn hoá tổ dân phố số 5, ngõ 102 phố Khương Đình",
            ),
            ("Chợ Khương Đình", "phố Khương Đình", "Chợ Khương Đình, phố Khương Đình"),
            ("Khu trọ ngõ 29 phố Khương Hạ", "phố Khương Hạ", "Khu trọ ngõ 29 phố Khương Hạ"),
            ("Sân trường", "", "Sân trường"),
            ("Toà nhà số 29", "29 phố Khương Hạ", "Toà nhà số 29 phố Khương Hạ"),
        ];
        for (name, address, shown) in cases {
            assert_eq!(join_place(name, address), shown, "{name} | {address}");
        }
    }

    #[test]
    fn a_force_whose_name_says_its_kind() {
        assert!(names_its_kind("Đội PCCC cơ sở của toà nhà", "Đội PCCC cơ sở"));
        assert!(names_its_kind("Đội dân phòng tổ dân phố số 3", "Dân phòng"));
        assert!(!names_its_kind("Giáo viên chủ nhiệm các lớp", "Nhà trường"));
    }
}
