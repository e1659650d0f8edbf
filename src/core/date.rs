//! A calendar date that exists, as figure files and periods write it (`2019-11-15`).

use std::fmt;

use crate::i18n::t;

/// A calendar date that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The year.
    pub year: u16,
    /// The month, 1–12.
    pub month: u8,
    /// The day of the month, starting at 1.
    pub day: u8,
}

impl Date {
    /// Reads `YYYY-MM-DD`, saying what is wrong with a date that does not exist.
    pub fn parse(text: &str) -> Result<Self, String> {
        let parts: Vec<&str> = text.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(t!("date-not-a-date", text = text).text);
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
            return Err(t!("date-not-a-date", text = text).text);
        }
        let (year, month, day): (u16, u8, u8) =
            (y.parse().unwrap_or(0), m.parse().unwrap_or(0), d.parse().unwrap_or(0));
        if year == 0 {
            return Err(t!("date-no-year-0", text = text).text);
        }
        let Ok(calendar_month) = time::Month::try_from(month) else {
            return Err(t!("date-no-month", text = text, month = month).text);
        };
        let days = calendar_month.length(i32::from(year));
        if day == 0 || day > days {
            return Err(t!("date-days-in-month", text = text, month = month, year = year, days = days).text);
        }
        Ok(Self { year, month, day })
    }

    /// The last day of a month (`month` 1–12, checked by the caller).
    pub fn last_of_month(year: u16, month: u8) -> Self {
        let days = time::Month::try_from(month).map_or(31, |m| m.length(i32::from(year)));
        Self { year, month, day: days }
    }

    /// The quarter the date is in, 1–4.
    pub fn quarter(self) -> u8 {
        (self.month - 1) / 3 + 1
    }

    /// The half-year the date is in: 1 (January to June) or 2.
    pub fn half(self) -> u8 {
        if self.month <= 6 { 1 } else { 2 }
    }

    /// The last day of the month `months` after this date's (0: this month's).
    pub fn month_end_after(self, months: u32) -> Option<Self> {
        let index = u32::from(self.year) * 12 + u32::from(self.month) - 1 + months;
        let year = u16::try_from(index / 12).ok().filter(|&year| year <= 9999)?;
        Some(Self::last_of_month(year, (index % 12) as u8 + 1))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert_eq!(Date::parse("2019-11-15"), Ok(Date { year: 2019, month: 11, day: 15 }));
        assert_eq!(Date::parse("2020-02-29").map(|d| d.day), Ok(29));
        assert_eq!(Date::parse("2019-02-29"), Err("`2019-02-29` is not a date: month 2 of 2019 has 28 days".into()));
        assert_eq!(Date::parse("2019-13-45"), Err("`2019-13-45` is not a date: there is no month 13".into()));
        assert_eq!(Date::parse("2019-1-5"), Err("`2019-1-5` is not a date".into()));
    }

    #[test]
    fn months_quarters_and_halves() {
        let date = |text: &str| Date::parse(text).unwrap();
        assert_eq!(date("2024-01-31").month_end_after(1), Some(date("2024-02-29")));
        assert_eq!(date("2023-01-15").month_end_after(1), Some(date("2023-02-28")));
        assert_eq!(date("2024-12-31").month_end_after(1), Some(date("2025-01-31")));
        assert_eq!(date("2024-08-31").month_end_after(0), Some(date("2024-08-31")));
        assert_eq!(date("9999-12-31").month_end_after(1), None);
        let quarters: Vec<u8> = (1..=12).map(|m| Date { year: 2024, month: m, day: 1 }.quarter()).collect();
        assert_eq!(quarters, [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
        assert_eq!((date("2024-06-30").half(), date("2024-07-01").half()), (1, 2));
    }
}
