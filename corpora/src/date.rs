//! Calendar dates without a date library: days since 1970-01-01, civil conversions,
//! the few text formats documents use.

use std::fmt;

/// A calendar day (proleptic Gregorian), stored as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// Full month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Abbreviated month names, January first.
pub(crate) const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

const WEEKDAYS: [&str; 7] = [
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
];

/// How a date is written in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateStyle {
    /// `January 13, 2025`
    Long,
    /// `Jan 13, 2025`
    Short,
    /// `13 January 2025`
    DayMonth,
    /// `2025-01-13`
    Iso,
    /// `January 2025`
    Month,
    /// `January 13` (no year)
    MonthDay,
    /// `2025`
    Year,
    /// `Monday`
    Weekday,
}

impl DateStyle {
    pub(crate) fn parse(s: &str) -> Option<DateStyle> {
        Some(match s {
            "long" => DateStyle::Long,
            "short" => DateStyle::Short,
            "dmy" => DateStyle::DayMonth,
            "iso" => DateStyle::Iso,
            "month" => DateStyle::Month,
            "md" => DateStyle::MonthDay,
            "year" => DateStyle::Year,
            "weekday" => DateStyle::Weekday,
            _ => return None,
        })
    }
}

impl Date {
    /// The date `year-month-day`, or `None` if it does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = if month <= 2 { year - 1 } else { year };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = month as i32;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Date(era * 146_097 + doe - 719_468))
    }

    /// Parses `YYYY-MM-DD`, or `YYYY-MM` (the first of the month).
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.trim().split('-');
        let y: i32 = parts.next()?.parse().ok()?;
        let m: u32 = parts.next()?.parse().ok()?;
        let d: u32 = match parts.next() {
            Some(d) => d.parse().ok()?,
            None => 1,
        };
        if parts.next().is_some() {
            return None;
        }
        Date::from_ymd(y, m, d)
    }

    /// `(year, month, day)`.
    pub fn ymd(self) -> (i32, u32, u32) {
        // Howard Hinnant's civil_from_days.
        let z = self.0 + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        (if m <= 2 { y + 1 } else { y }, m, d)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// The date `n` days after 1970-01-01.
    pub fn from_days(n: i32) -> Date {
        Date(n)
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i32 {
        self.0
    }

    /// This date moved by `n` days.
    pub fn add_days(self, n: i32) -> Date {
        Date(self.0 + n)
    }

    pub(crate) fn format_into(self, style: DateStyle, out: &mut String) {
        use std::fmt::Write;
        let (y, m, d) = self.ymd();
        let month = MONTHS[(m - 1) as usize];
        // Writing into a String cannot fail.
        let _ = match style {
            DateStyle::Long => write!(out, "{month} {d}, {y}"),
            DateStyle::Short => write!(out, "{} {d}, {y}", MONTHS_SHORT[(m - 1) as usize]),
            DateStyle::DayMonth => write!(out, "{d} {month} {y}"),
            DateStyle::Iso => write!(out, "{y:04}-{m:02}-{d:02}"),
            DateStyle::Month => write!(out, "{month} {y}"),
            DateStyle::MonthDay => write!(out, "{month} {d}"),
            DateStyle::Year => write!(out, "{y}"),
            DateStyle::Weekday => write!(out, "{}", WEEKDAYS[self.0.rem_euclid(7) as usize]),
        };
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A phrase for how far `event` lies from `today`: "last week", "three months ago", "next month" …
pub(crate) fn relative_phrase(today: Date, event: Date, out: &mut String) {
    const SMALL: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    ];
    let delta = today.0 - event.0;
    let (ty, tm, _) = today.ymd();
    let (ey, em, _) = event.ymd();
    let months = (ty - ey) * 12 + tm as i32 - em as i32;
    let phrase: String = if delta == 0 {
        "today".into()
    } else if delta == 1 {
        "yesterday".into()
    } else if delta == -1 {
        "tomorrow".into()
    } else if delta > 0 && delta < 7 {
        "earlier this week".into()
    } else if delta > 0 && delta < 14 {
        "last week".into()
    } else if delta < 0 && delta > -14 {
        "next week".into()
    } else if delta > 0 && delta < 35 {
        format!("{} weeks ago", SMALL[(delta / 7) as usize])
    } else if delta < 0 && delta > -35 {
        format!("in {} weeks", SMALL[(-delta / 7) as usize])
    } else if months == 1 {
        "last month".into()
    } else if months == -1 {
        "next month".into()
    } else if months > 1 && months <= 12 {
        format!("{} months ago", SMALL[months as usize])
    } else if (-12..-1).contains(&months) {
        format!("in {} months", SMALL[(-months) as usize])
    } else if months > 12 && months < 18 {
        "more than a year ago".into()
    } else if months >= 18 {
        "about two years ago".into()
    } else {
        "more than a year from now".into()
    };
    out.push_str(&phrase);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        let d = Date::parse("2025-01-13").expect("valid date");
        assert_eq!(d.ymd(), (2025, 1, 13));
        assert_eq!(d.to_string(), "2025-01-13");
        let mut s = String::new();
        d.format_into(DateStyle::Weekday, &mut s);
        assert_eq!(s, "Monday");
        for n in -1000..3000 {
            let x = Date(n);
            let (y, m, dd) = x.ymd();
            assert_eq!(Date::from_ymd(y, m, dd), Some(x));
        }
        assert_eq!(Date::parse("2024-02-30"), None);
        assert_eq!(Date::parse("2024-02"), Date::from_ymd(2024, 2, 1));
    }

    #[test]
    fn relative_phrases() {
        let today = Date::parse("2024-03-10").expect("valid date");
        let mut s = String::new();
        relative_phrase(today, Date::parse("2024-01-10").expect("valid date"), &mut s);
        assert_eq!(s, "two months ago");
    }
}
