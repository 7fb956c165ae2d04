//! Calendar dates and clock times as the documents write them, with Swedish formatting.

use serde::Serialize;
use std::fmt;

/// A calendar date (proleptic Gregorian), validated on construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2024.
    pub year: i32,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
}

/// The Swedish month names, January first, as dates are written out.
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = [
    "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
];

impl Date {
    /// A date, or an error message when it does not exist.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, String> {
        if !(1..=12).contains(&month) {
            return Err(format!(
                "impossible date {year:04}-{month:02}-{day:02}: no month {month}"
            ));
        }
        let max = days_in_month(year, month);
        if day == 0 || day > max {
            return Err(format!(
                "impossible date {year:04}-{month:02}-{day:02}: {} {year} has {max} days",
                MONTHS[month as usize - 1]
            ));
        }
        Ok(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Date, String> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(format!("\"{s}\" is not a date in the form YYYY-MM-DD"));
        }
        let num = |r: std::ops::Range<usize>| {
            s[r].parse::<u32>()
                .map_err(|_| format!("\"{s}\" is not a date in the form YYYY-MM-DD"))
        };
        Date::new(num(0..4)? as i32, num(5..7)? as u8, num(8..10)? as u8)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (negative: before).
    pub fn from_days(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days_since_epoch() + n)
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday_index(self) -> usize {
        (self.days_since_epoch() + 3).rem_euclid(7) as usize
    }

    /// The Swedish weekday name, lower case.
    pub fn weekday(self) -> &'static str {
        // 1970-01-01 was a Thursday (index 3).
        WEEKDAYS[(self.days_since_epoch() + 3).rem_euclid(7) as usize]
    }

    /// "12 september 2024".
    pub fn long(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[self.month as usize - 1],
            self.year
        )
    }

    /// "torsdag 12 september 2024".
    pub fn long_with_weekday(self) -> String {
        format!("{} {}", self.weekday(), self.long())
    }
}

/// Whether a word is a Swedish weekday as papers print it ("Torsdag", "torsdagen", "Torsdagens").
pub fn is_weekday(word: &str) -> bool {
    let w = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    WEEKDAYS.iter().any(|d| {
        w.strip_prefix(d)
            .is_some_and(|r| ["", "en", "ens"].contains(&r))
    })
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Digits written out: every URL, card and twin has a date, and the general formatting
        // machinery took a noticeable share of a build.
        if !(0..=9999).contains(&self.year) {
            return write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day);
        }
        let (y, m, d) = (self.year as u32, u32::from(self.month), u32::from(self.day));
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let b = [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ];
        f.write_str(std::str::from_utf8(&b).map_err(|_| fmt::Error)?)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A clock time, hours and minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Time {
    /// 0–23.
    pub hour: u8,
    /// 0–59.
    pub minute: u8,
}

impl Time {
    /// Parses `HH:MM` (also `HH.MM`, as Swedish documents print it).
    pub fn parse(s: &str) -> Result<Time, String> {
        let err = || format!("\"{s}\" is not a time in the form HH:MM");
        let (h, m) = s.split_once([':', '.']).ok_or_else(err)?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return Err(err());
        }
        let hour: u8 = h.parse().map_err(|_| err())?;
        let minute: u8 = m.parse().map_err(|_| err())?;
        if hour > 23 || minute > 59 {
            return Err(format!("impossible time \"{s}\""));
        }
        Ok(Time { hour, minute })
    }
}

impl fmt::Display for Time {
    /// Swedish style: "09.00".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}.{:02}", self.hour, self.minute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_print_as_iso_8601_with_every_digit() {
        let d = |y, m, day| Date::new(y, m, day).unwrap().to_string();
        assert_eq!(d(2024, 9, 12), "2024-09-12");
        assert_eq!(d(987, 1, 5), "0987-01-05");
        assert_eq!(
            serde_json::to_string(&Date::new(1999, 12, 31).unwrap()).unwrap(),
            "\"1999-12-31\""
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::new(2023, 2, 29).is_err());
        assert!(Date::new(2024, 2, 29).is_ok());
        assert!(Date::new(2024, 13, 1).is_err());
        assert!(Date::parse("2024-04-31").is_err());
    }

    #[test]
    fn weekday_matches_the_seed_documents() {
        // "Torsdagen den 12 september 2024"
        assert_eq!(Date::new(2024, 9, 12).unwrap().weekday(), "torsdag");
        assert_eq!(
            Date::new(2024, 4, 25).unwrap().long_with_weekday(),
            "torsdag 25 april 2024"
        );
    }

    #[test]
    fn day_arithmetic_round_trips() {
        for d in [
            "1969-12-31",
            "1970-01-01",
            "2000-02-29",
            "2024-03-31",
            "2100-03-01",
        ] {
            let date = Date::parse(d).unwrap();
            assert_eq!(Date::from_days(date.days_since_epoch()), date);
        }
        let d = Date::parse("2024-09-19").unwrap();
        assert_eq!(d.add_days(21).to_string(), "2024-10-10");
        assert_eq!(d.add_days(-19).to_string(), "2024-08-31");
        assert_eq!(Date::parse("2024-09-15").unwrap().weekday_index(), 6);
    }

    #[test]
    fn times_accept_colon_and_dot() {
        assert_eq!(Time::parse("09.00").unwrap().to_string(), "09.00");
        assert_eq!(
            Time::parse("14:30").unwrap(),
            Time {
                hour: 14,
                minute: 30
            }
        );
        assert!(Time::parse("25:00").is_err());
    }
}
