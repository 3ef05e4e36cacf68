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
                // `get(3)`: a text shorter than six bytes (`date: ---`) has a shorter tail.
                (tail.starts_with('+') || tail.starts_with('-'))
                    && tail.as_bytes().get(3) == Some(&b':')
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
                DateValue::parse(v).ok_or_else(|| E::custom(bad_date(v, true)))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// Why `text` is not a date, and what to write instead (after a line break, as
/// [`crate::explain::explain`] reads it): a day that does not exist (`2026-02-30`) is told
/// apart from a date in another order (`05/02/2026`), which gets the same day written right.
/// `time`: whether a time of day may follow the date.
pub fn bad_date(text: &str, time: bool) -> String {
    let help = if time { DATE_HELP } else { DAY_HELP };
    let text = text.trim();
    let numbers = |parts: Vec<&str>| -> Option<Vec<i64>> {
        parts.iter().map(|p| p.parse::<i64>().ok()).collect()
    };
    let day_part = text.split(['T', ' ']).next().unwrap_or(text);
    if let Some([year, month, day]) = numbers(day_part.split('-').collect()).as_deref()
        && day_part.len() == 10
    {
        if !(1..=12).contains(month) {
            return format!(
                "ngày `{text}` không có thật: không có tháng {month}\nkiểm tra lại; {help}"
            );
        }
        let days = Date::new(*year as i16, *month as i8, 1).map(|d| d.days_in_month());
        if let Ok(days) = days
            && !(1..=i64::from(days)).contains(day)
        {
            return format!(
                "ngày `{text}` không có thật: tháng {month} năm {year} chỉ có {days} ngày\nkiểm tra lại; {help}"
            );
        }
    }
    if let Some([day, month, year]) = numbers(day_part.split(['/', '.', '-']).collect()).as_deref()
        && (1000..=9999).contains(year)
        && (1..=12).contains(month)
        && (1..=31).contains(day)
        && let Ok(date) = Date::new(*year as i16, *month as i8, *day as i8)
    {
        let with_time =
            if time { format!(", hoặc kèm giờ: {date}T08:30") } else { String::new() };
        return format!(
            "ngày `{text}` phải viết theo thứ tự năm-tháng-ngày\nviết {date} (ngày {} tháng {} năm {}){with_time}",
            date.day(),
            date.month(),
            date.year()
        );
    }
    format!("ngày `{text}` không đúng dạng\n{help}")
}

/// How to write a calendar day, for messages.
pub const DAY_HELP: &str = "viết ngày theo dạng năm-tháng-ngày, ví dụ 2026-02-05";

/// A calendar day as data files write it (`2026-02-05`), for `#[serde(deserialize_with)]`: a
/// bad one is explained in Vietnamese ([`bad_date`]); TOML's own dates are read too.
pub fn day<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
    Day::deserialize(deserializer).map(|Day(date)| date)
}

/// An optional [`day`].
pub fn optional_day<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
    Option::<Day>::deserialize(deserializer).map(|day| day.map(|Day(date)| date))
}

/// A calendar day, read by [`day`].
struct Day(Date);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = Day;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date such as 2026-02-05")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Day, E> {
                match Date::from_str(v.trim()) {
                    Ok(date) if v.trim().len() == 10 => Ok(Day(date)),
                    _ => Err(E::custom(bad_date(v, false))),
                }
            }
            // TOML hands its dates (`from = 2026-12-01`, unquoted) over as a one-entry map.
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Day, A::Error> {
                let Some((_, text)) = map.next_entry::<String, String>()? else {
                    return Err(de::Error::custom(bad_date("", false)));
                };
                self.visit_str(&text)
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
        // Short texts starting like an offset made `parse` index past their end (found by
        // the front_matter fuzz target: `date: ---`).
        for bad in ["05/02/2026", "2026-2-5", "2026-02-30", "hôm nay", "", "---", "-", "+07", "-0:"]
        {
            assert_eq!(DateValue::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn bad_dates_say_what_is_wrong_and_what_to_write() {
        assert_eq!(
            bad_date("2026-02-31", false),
            "ngày `2026-02-31` không có thật: tháng 2 năm 2026 chỉ có 28 ngày\n\
             kiểm tra lại; viết ngày theo dạng năm-tháng-ngày, ví dụ 2026-02-05"
        );
        assert_eq!(
            bad_date("2026-13-01", false),
            "ngày `2026-13-01` không có thật: không có tháng 13\n\
             kiểm tra lại; viết ngày theo dạng năm-tháng-ngày, ví dụ 2026-02-05"
        );
        assert_eq!(
            bad_date("02/05/2026", false),
            "ngày `02/05/2026` phải viết theo thứ tự năm-tháng-ngày\n\
             viết 2026-05-02 (ngày 2 tháng 5 năm 2026)"
        );
        assert_eq!(
            bad_date("hôm nay", true),
            format!("ngày `hôm nay` không đúng dạng\n{DATE_HELP}")
        );
        // 31/02 is not a day in any order: no rewriting is offered.
        assert_eq!(
            bad_date("31/02/2026", false),
            format!("ngày `31/02/2026` không đúng dạng\n{DAY_HELP}")
        );
    }

    #[test]
    fn days_read_from_yaml_and_toml_with_vietnamese_errors() {
        #[derive(Deserialize)]
        struct Record {
            #[serde(deserialize_with = "day")]
            date: Date,
            #[serde(default, deserialize_with = "optional_day")]
            until: Option<Date>,
        }
        let r: Record = serde_yaml::from_str("date: 2026-02-05\nuntil: 2026-03-01").unwrap();
        assert_eq!((r.date, r.until), (date(2026, 2, 5), Some(date(2026, 3, 1))));
        let r: Record = toml::from_str("date = 2026-02-05").unwrap();
        assert_eq!((r.date, r.until), (date(2026, 2, 5), None));
        let e = serde_yaml::from_str::<Record>("date: 2026-02-30").err().unwrap().to_string();
        assert!(e.starts_with("date: ngày `2026-02-30` không có thật"), "{e}");
    }
}
