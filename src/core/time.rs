//! Publication times as the office writes them: the day in Beijing time
//! (`2026年11月28日`, as a correction note cites a release) and the time for a
//! listing (`2026-11-28 18:15 (UTC+8)`), from a record's `2026-11-28T10:15:00Z`.

use time::{Month, OffsetDateTime, PrimitiveDateTime, UtcOffset};

use crate::core::date::Date;

/// The moment a document was published, UTC, to the second: what its PDF and Word
/// properties give as its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    /// The day, UTC.
    pub date: Date,
    /// The hour, UTC.
    pub hour: u8,
    /// The minute.
    pub minute: u8,
    /// The second.
    pub second: u8,
}

impl Moment {
    /// Reads a record's `2019-11-16T02:00:00Z`.
    pub fn parse(published_at: &str) -> Option<Self> {
        let date = Date::parse(published_at.get(..10)?).ok()?;
        let number = |range: std::ops::Range<usize>| published_at.get(range)?.parse::<u8>().ok();
        let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
        (hour < 24 && minute < 60 && second < 60).then_some(Self { date, hour, minute, second })
    }
}

/// The day of a publication time in Beijing time (UTC+8), as a date.
pub fn beijing_day(published_at: &str) -> Option<Date> {
    let t = beijing(published_at)?;
    Some(Date { year: u16::try_from(t.year()).ok()?, month: u8::from(t.month()), day: t.day() })
}

/// A publication time (`2019-11-15T16:30:00Z`) in Beijing time (UTC+8).
fn beijing(published_at: &str) -> Option<OffsetDateTime> {
    let number = |range: std::ops::Range<usize>| published_at.get(range)?.parse::<u16>().ok();
    let date = time::Date::from_calendar_date(
        i32::from(number(0..4)?),
        Month::try_from(u8::try_from(number(5..7)?).ok()?).ok()?,
        u8::try_from(number(8..10)?).ok()?,
    )
    .ok()?;
    let [hour, minute] = [number(11..13)?, number(14..16)?].map(|n| u8::try_from(n).unwrap_or(u8::MAX));
    let time = time::Time::from_hms(hour, minute, 0).ok()?;
    Some(PrimitiveDateTime::new(date, time).assume_utc().to_offset(UtcOffset::from_hms(8, 0, 0).ok()?))
}

/// A publication time as the office writes the day, in Beijing time (UTC+8):
/// `2026年11月28日`.
pub fn chinese_date(published_at: &str) -> String {
    beijing(published_at)
        .map_or_else(|| published_at.to_string(), |t| format!("{}年{}月{}日", t.year(), u8::from(t.month()), t.day()))
}

/// The day of a publication time in Beijing time without its year, as a correction
/// note names the days of corrections of one release: `11月18日`; with its year when it
/// is not `year`.
pub fn chinese_day(published_at: &str, year: u16) -> String {
    match beijing_day(published_at) {
        Some(day) if day.year == year => format!("{}月{}日", day.month, day.day),
        _ => chinese_date(published_at),
    }
}

/// A publication time in Beijing time for listings: `2026-11-28 18:15 (UTC+8)`.
pub fn local_time(published_at: &str) -> String {
    beijing(published_at).map_or_else(
        || published_at.to_string(),
        |t| {
            format!(
                "{:04}-{:02}-{:02} {:02}:{:02} (UTC+8)",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute()
            )
        },
    )
}

/// Text from a record, safe to print on a terminal: control characters (an escape
/// code written into an archive by hand) are shown as `\u{…}`.
pub fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_times_read_in_beijing_time() {
        assert_eq!(chinese_date("2019-11-16T02:00:00Z"), "2019年11月16日");
        assert_eq!(chinese_date("2019-11-15T16:30:00Z"), "2019年11月16日");
        assert_eq!(chinese_date("2019-12-31T20:00:00Z"), "2020年1月1日");
        assert_eq!(chinese_date("2020-02-28T16:00:00Z"), "2020年2月29日");
        assert_eq!(local_time("2019-11-15T16:30:00Z"), "2019-11-16 00:30 (UTC+8)");
        assert_eq!(chinese_date("not a time"), "not a time");
        assert_eq!(chinese_day("2019-11-17T18:00:00Z", 2019), "11月18日");
        assert_eq!(chinese_day("2019-12-31T20:00:00Z", 2019), "2020年1月1日");
        let moment = Moment::parse("2019-11-16T02:03:04Z").unwrap();
        assert_eq!((moment.date.day, moment.hour, moment.minute, moment.second), (16, 2, 3, 4));
        assert_eq!(Moment::parse("2019-11-16T25:00:00Z"), None);
    }
}
