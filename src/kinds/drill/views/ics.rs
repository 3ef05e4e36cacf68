//! iCalendar (RFC 5545) files: text escaped, lines folded at 75 octets, CRLF line ends.
//!
//! Times are written in UTC (`DTSTART:20261205T010000Z`), so no VTIMEZONE is needed and every
//! calendar application shows them in its own zone.
//!
//! A subscribed calendar is fetched again once a day (`REFRESH-INTERVAL`, RFC 7986, and
//! `X-PUBLISHED-TTL`, which Outlook and older Apple calendars read). A changed event carries a
//! higher `SEQUENCE` and its `LAST-MODIFIED`, so that an application that imported it applies
//! the change instead of keeping its copy. A static site remembers nothing between builds, so
//! the sequence cannot count revisions: it is derived from the time the editor gives the change
//! (`updated`), see [`sequence`].

use jiff::Timestamp;

/// One event of a calendar.
#[derive(Debug, Clone)]
pub struct Event {
    /// Globally unique and stable across builds.
    pub uid: String,
    /// When this description of the event was made.
    pub stamp: Timestamp,
    /// When the event was last changed (`LAST-MODIFIED`), when known.
    pub modified: Option<Timestamp>,
    /// Its revision (`SEQUENCE`): grows with each change, see [`sequence`].
    pub sequence: u32,
    /// Start.
    pub start: Timestamp,
    /// End.
    pub end: Timestamp,
    /// Title.
    pub summary: String,
    /// Place.
    pub location: String,
    /// Plain-text description.
    pub description: String,
    /// The event's page.
    pub url: String,
    /// `CONFIRMED`, `TENTATIVE` or `CANCELLED`.
    pub status: &'static str,
    /// Coordinates.
    pub geo: Option<(f64, f64)>,
}

/// A whole calendar with `events`, named `name`, for readers in time zone `zone` (IANA name).
pub fn calendar(name: &str, zone: &str, events: &[Event]) -> String {
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(&fold(text));
        out.push_str("\r\n");
    };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//pccc//Lich dien tap PCCC//VI");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(name)));
    line(&format!("X-WR-TIMEZONE:{}", escape(zone)));
    line(&format!("REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}"));
    line(&format!("X-PUBLISHED-TTL:{REFRESH}"));
    for e in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape(&e.uid)));
        line(&format!("DTSTAMP:{}", utc(e.stamp)));
        if let Some(modified) = e.modified {
            line(&format!("LAST-MODIFIED:{}", utc(modified)));
        }
        line(&format!("SEQUENCE:{}", e.sequence));
        line(&format!("DTSTART:{}", utc(e.start)));
        line(&format!("DTEND:{}", utc(e.end)));
        line(&format!("SUMMARY:{}", escape(&e.summary)));
        line(&format!("LOCATION:{}", escape(&e.location)));
        if let Some((lat, lng)) = e.geo {
            line(&format!("GEO:{lat};{lng}"));
        }
        line(&format!("DESCRIPTION:{}", escape(&e.description)));
        line(&format!("URL:{}", e.url));
        line(&format!("STATUS:{}", e.status));
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// How often a subscribed calendar is fetched again: daily (drills are planned weeks ahead; a
/// postponement the evening before is also announced by the ward).
pub const REFRESH: &str = "P1D";

/// The `SEQUENCE` of an event last changed at `updated`: minutes from 2020-01-01 00:00 UTC to
/// it, 0 when it has never been changed (no `updated`) or was changed before then.
///
/// RFC 5545 asks for a number that grows with each significant change and lets the organiser
/// choose it. A static site keeps no history between builds, so a counter is impossible, and a
/// hash of the content does not grow. The time of the change does, as long as the editor sets
/// `updated` when changing a drill, which the editors' guide asks for every change anyway. Minutes
/// are finer than any editor writes, and fit the 31 bits the RFC's INTEGER allows until the
/// year 6100 (seconds since 1970 would run out in 2038).
pub fn sequence(updated: Option<Timestamp>) -> u32 {
    const EPOCH: i64 = 1_577_836_800; // 2020-01-01T00:00:00Z
    updated.map_or(0, |t| {
        u32::try_from((t.as_second() - EPOCH).max(0) / 60).unwrap_or(u32::MAX).min(i32::MAX as u32)
    })
}

/// `20261205T010000Z`: a UTC date-time (RFC 5545 §3.3.5, form 2).
pub fn utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, and line breaks.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line so no physical line is longer than 75 octets (RFC 5545 §3.1), breaking
/// only between characters; continuation lines begin with one space, which counts.
///
/// A break is never put next to a space of the text: RFC 5545 removes only the one space added
/// by folding, but some readers trim the spaces at the ends of physical lines and would join
/// two words. The break moves back into the last word instead, when there is room.
pub fn fold(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut lines: Vec<String> = Vec::new();
    // The physical line being filled, without its leading folding space.
    let mut current = String::new();
    for c in line.chars() {
        let capacity = if lines.is_empty() { LIMIT } else { LIMIT - 1 };
        if current.len() + c.len_utf8() > capacity {
            let carried = match safe_break(&current, c) {
                Some(at) => current.split_off(at),
                None => String::new(),
            };
            lines.push(std::mem::take(&mut current));
            current = carried;
        }
        current.push(c);
    }
    lines.push(current);
    lines.join("\r\n ")
}

/// Where to break `current` before appending `next`: the last place (after at least one
/// character) with no whitespace on either side. `None` when that is the end or there is none.
fn safe_break(current: &str, next: char) -> Option<usize> {
    let ends_clean = current.chars().next_back().is_some_and(|c| !c.is_whitespace());
    if ends_clean && !next.is_whitespace() {
        return None;
    }
    let chars: Vec<(usize, char)> = current.char_indices().collect();
    (1..chars.len())
        .rev()
        .find(|&i| !chars[i - 1].1.is_whitespace() && !chars[i].1.is_whitespace())
        .map(|i| chars[i].0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a,b;c\\d"), "a\\,b\\;c\\\\d");
        assert_eq!(escape("dòng 1\ndòng 2\r\ndòng 3"), "dòng 1\\ndòng 2\\ndòng 3");
        assert_eq!(escape("Khương Đình"), "Khương Đình");
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold("SUMMARY:ngắn"), "SUMMARY:ngắn");
        let exactly = "X".repeat(75);
        assert_eq!(fold(&exactly), exactly);
    }

    #[test]
    fn folds_at_75_octets_between_characters() {
        let line = format!("DESCRIPTION:{}", "Nghiêng ".repeat(40));
        let folded = fold(&line);
        for physical in folded.split("\r\n") {
            assert!(physical.len() <= 75, "{} octets: {physical:?}", physical.len());
        }
        // Every continuation line starts with exactly one space added by folding.
        assert!(folded.split("\r\n").skip(1).all(|l| l.starts_with(' ')));
        // Unfolding gives the line back.
        assert_eq!(folded.replace("\r\n ", ""), line);
    }

    #[test]
    fn a_multibyte_character_at_the_limit_moves_to_the_next_line() {
        // 74 ASCII octets, then "ệ" (3 octets) would end at 77: it starts the next line.
        let line = format!("{}ệ", "a".repeat(74));
        assert_eq!(fold(&line), format!("{}\r\n ệ", "a".repeat(74)));
    }

    #[test]
    fn continuation_lines_never_start_with_a_space_of_the_text() {
        // The 76th octet would be the space after "bbbb": the break moves into "bbbb".
        let line = format!("{} bbbb hộ tầng 15", "a".repeat(70));
        let folded = fold(&line);
        assert_eq!(folded, format!("{} bbb\r\n b hộ tầng 15", "a".repeat(70)));
        assert_eq!(folded.replace("\r\n ", ""), line);
        for text in ["Nghiêng nghiêng ", "cháy căn hộ, khói lan; ", "ab  cd "] {
            let line = format!("DESCRIPTION:{}.", text.repeat(30));
            let folded = fold(&line);
            assert_eq!(folded.replace("\r\n ", ""), line);
            for physical in folded.split("\r\n").skip(1) {
                assert!(physical.len() <= 75, "{physical:?}");
                assert!(!physical[1..].starts_with(' '), "{physical:?}");
            }
            for physical in folded.split("\r\n") {
                assert!(!physical.ends_with(' '), "{physical:?}");
            }
        }
    }

    #[test]
    fn times_are_utc() {
        let t: Timestamp = "2026-12-05T08:00:00+07:00".parse().unwrap();
        assert_eq!(utc(t), "20261205T010000Z");
    }

    #[test]
    fn the_sequence_grows_with_the_time_of_the_change() {
        let at = |s: &str| Some(s.parse::<Timestamp>().unwrap());
        assert_eq!(sequence(None), 0);
        assert_eq!(sequence(at("2019-05-01T00:00:00Z")), 0);
        assert_eq!(sequence(at("2020-01-01T01:00:00Z")), 60);
        let first = sequence(at("2026-11-20T08:00:00+07:00"));
        let second = sequence(at("2026-11-20T08:01:00+07:00"));
        let next_day = sequence(at("2026-11-21T00:00:00+07:00"));
        assert!(0 < first && first < second && second < next_day);
        assert_eq!(sequence(Some(Timestamp::MAX)), i32::MAX as u32);
    }

    #[test]
    fn calendar_lines_end_in_crlf() {
        let text = calendar("Lịch", "Asia/Ho_Chi_Minh", &[]);
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
    }
}
