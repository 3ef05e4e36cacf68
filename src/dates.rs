//! Dates as editors write them (ISO 8601 in front matter) and as Vietnamese readers read them.
//!
//! Storage is ISO 8601 (`2026-02-05`, `2026-03-28T08:30`); display is `05/02/2026` in lists and
//! "ngày 05 tháng 02 năm 2026" in formal places, following Nghị định 30/2020/NĐ-CP: a leading
//! zero on days below 10 and on months 1 and 2 only.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};
use serde::{Deserialize, Deserializer, de};

/// A date, or a date and time, as written in front matter or data files.
///
/// Without an offset the value is local time in the site's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    /// `2026-02-05`
    Date(Date),
    /// `2026-02-05T08:30` or `2026-02-05 08:30`: local time in the site's zone.
    Local(DateTime),
    /// `2026-02-05T08:30:00+07:00` or `...Z`: an instant.
    Instant(Timestamp),
}

/// The message shown when a date cannot be read, in Vietnamese for editors.
pub const DATE_HELP: &str = "viết ngày theo dạng năm-tháng-ngày, ví dụ 2026-02-05, \
     hoặc kèm giờ: 2026-02-05T08:30";

impl DateValue {
    /// Reads an ISO 8601 date or date-time.
    pub fn parse(text: &str) -> Option<DateValue> {
        let text = text.trim();
        if text.len() == 10 {
            return Date::from_str(text).ok().map(DateValue::Date);
        }
        let has_offset = text.ends_with('Z')
            || text.ends_with('z')
            || text.get(text.len().saturating_sub(6)..).is_some_and(|tail| {
                (tail.starts_with('+') || tail.starts_with('-')) && tail.as_bytes()[3] == b':'
            });
        if has_offset {
            return Timestamp::from_str(text).ok().map(DateValue::Instant);
        }
        DateTime::from_str(&text.replacen(' ', "T", 1)).ok().map(DateValue::Local)
    }

    /// The value in `tz`, at midnight when no time was written.
    pub fn in_zone(&self, tz: &TimeZone) -> ZonedDateTime {
        let local = match *self {
            DateValue::Date(date) => date.to_datetime(Time::midnight()),
            DateValue::Local(datetime) => datetime,
            DateValue::Instant(ts) => return ts.to_zoned_datetime(tz.clone()),
        };
        // Vietnam has no daylight saving time, so local times are never ambiguous there;
        // for other zones jiff picks the compatible reading.
        local
            .to_zoned_datetime(tz.clone())
            .unwrap_or_else(|_| Timestamp::UNIX_EPOCH.to_zoned_datetime(tz.clone()))
    }

    /// The calendar day in `tz`.
    pub fn date(&self, tz: &TimeZone) -> Date {
        match *self {
            DateValue::Date(date) => date,
            DateValue::Local(datetime) => datetime.date(),
            DateValue::Instant(ts) => ts.to_zoned_datetime(tz.clone()).date(),
        }
    }

    /// Whether a time of day was written.
    pub fn has_time(&self) -> bool {
        !matches!(self, DateValue::Date(_))
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateValue::Date(d) => write!(f, "{d}"),
            DateValue::Local(dt) => write!(f, "{dt}"),
            DateValue::Instant(ts) => write!(f, "{ts}"),
        }
    }
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = DateValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date such as 2026-02-05")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateValue, E> {
                DateValue::parse(v)
                    .ok_or_else(|| E::custom(format!("ngày `{v}` không đúng dạng\n{DATE_HELP}")))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// `05/02/2026`: the form for lists, tables and cards.
pub fn short(date: Date) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

/// "ngày 05 tháng 02 năm 2026": the formal form of Nghị định 30/2020/NĐ-CP.
pub fn formal(date: Date) -> String {
    let month =
        if date.month() <= 2 { format!("{:02}", date.month()) } else { date.month().to_string() };
    format!("ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

/// The weekday as Vietnamese write it: "Thứ Hai" .. "Thứ Bảy", "Chủ nhật".
pub fn weekday(date: Date) -> &'static str {
    match date.weekday() {
        Weekday::Monday => "Thứ Hai",
        Weekday::Tuesday => "Thứ Ba",
        Weekday::Wednesday => "Thứ Tư",
        Weekday::Thursday => "Thứ Năm",
        Weekday::Friday => "Thứ Sáu",
        Weekday::Saturday => "Thứ Bảy",
        Weekday::Sunday => "Chủ nhật",
    }
}

/// "Thứ Bảy, 28/03/2026".
pub fn with_weekday(date: Date) -> String {
    format!("{}, {}", weekday(date), short(date))
}

/// "08h30": the 24-hour clock as written in Vietnamese notices.
pub fn time(time: Time) -> String {
    format!("{:02}h{:02}", time.hour(), time.minute())
}

/// RFC 3339 with the zone's offset, for feeds, sitemaps and machine-readable dates.
pub fn rfc3339(zdt: &ZonedDateTime) -> String {
    zdt.timestamp().display_with_offset(zdt.offset()).to_string()
}

/// "Today" for a build: the given date, or the current date in `tz`.
pub fn today(as_of: Option<Date>, tz: &TimeZone) -> Date {
    as_of.unwrap_or_else(|| Timestamp::now().to_zoned_datetime(tz.clone()).date())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn formal_dates_follow_decree_30() {
        assert_eq!(formal(date(2026, 2, 5)), "ngày 05 tháng 02 năm 2026");
        assert_eq!(formal(date(2026, 1, 31)), "ngày 31 tháng 01 năm 2026");
        assert_eq!(formal(date(2026, 7, 5)), "ngày 05 tháng 7 năm 2026");
        assert_eq!(formal(date(2025, 5, 15)), "ngày 15 tháng 5 năm 2025");
        assert_eq!(formal(date(2026, 12, 8)), "ngày 08 tháng 12 năm 2026");
    }

    #[test]
    fn short_dates_are_day_month_year() {
        assert_eq!(short(date(2026, 1, 31)), "31/01/2026");
        assert_eq!(short(date(2026, 11, 5)), "05/11/2026");
    }

    #[test]
    fn weekdays_in_vietnamese() {
        assert_eq!(with_weekday(date(2026, 3, 28)), "Thứ Bảy, 28/03/2026");
        assert_eq!(weekday(date(2026, 3, 29)), "Chủ nhật");
        assert_eq!(weekday(date(2026, 3, 30)), "Thứ Hai");
    }

    #[test]
    fn parses_dates_local_times_and_instants() {
        let tz = TimeZone::get("Asia/Ho_Chi_Minh").unwrap();
        assert_eq!(DateValue::parse("2026-02-05"), Some(DateValue::Date(date(2026, 2, 5))));
        let local = DateValue::parse("2026-03-28 08:30").unwrap();
        assert_eq!(local, DateValue::parse("2026-03-28T08:30").unwrap());
        assert_eq!(rfc3339(&local.in_zone(&tz)), "2026-03-28T08:30:00+07:00");
        let instant = DateValue::parse("2026-03-28T01:30:00Z").unwrap();
        assert_eq!(rfc3339(&instant.in_zone(&tz)), "2026-03-28T08:30:00+07:00");
        let offset = DateValue::parse("2026-03-28T23:30:00+00:00").unwrap();
        assert_eq!(offset.date(&tz), date(2026, 3, 29));
        assert_eq!(time(local.in_zone(&tz).time()), "08h30");
        for bad in ["05/02/2026", "2026-2-5", "2026-02-30", "hôm nay", ""] {
            assert_eq!(DateValue::parse(bad), None, "{bad:?}");
        }
    }
}
