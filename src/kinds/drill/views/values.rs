//! Values every view of drills shares: closed-list values with their labels, when a drill takes
//! place, whether it is upcoming, its place in one line.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::dates;
use crate::kinds::drill::Drill;
use crate::model::Site;

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
        Some(a) => format!("{}, {a}", drill.location.name),
        None => drill.location.name.clone(),
    }
}
