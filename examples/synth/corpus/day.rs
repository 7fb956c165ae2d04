//! Calendar days for the generator: day numbers ↔ `YYYY-MM-DD`, weekdays, and moving by days.

use std::fmt;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// Year.
    pub y: i32,
    /// Month 1–12.
    pub m: u32,
    /// Day 1–31.
    pub d: u32,
}

impl Day {
    /// 1 January of `y`.
    pub fn jan1(y: i32) -> Day {
        Day { y, m: 1, d: 1 }
    }

    /// 31 December of `y`.
    pub fn dec31(y: i32) -> Day {
        Day { y, m: 12, d: 31 }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn number(self) -> i64 {
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date of a day number (`civil_from_days`).
    pub fn from_number(z: i64) -> Day {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Day {
            y: (yoe + era * 400 + i64::from(m <= 2)) as i32,
            m,
            d,
        }
    }

    /// This date moved by `n` days.
    pub fn plus(self, n: i64) -> Day {
        Day::from_number(self.number() + n)
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> i64 {
        (self.number() + 3).rem_euclid(7)
    }

    /// The next Monday–Friday on or after this date.
    pub fn workday(self) -> Day {
        match self.weekday() {
            5 => self.plus(2),
            6 => self.plus(1),
            _ => self,
        }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_and_weekdays() {
        let d = Day {
            y: 2024,
            m: 9,
            d: 12,
        };
        assert_eq!(Day::from_number(d.number()), d);
        assert_eq!(d.weekday(), 3, "2024-09-12 was a Thursday");
        assert_eq!(
            Day {
                y: 2024,
                m: 2,
                d: 28
            }
            .plus(1)
            .to_string(),
            "2024-02-29"
        );
        assert_eq!(
            Day {
                y: 2024,
                m: 9,
                d: 14
            }
            .workday()
            .to_string(),
            "2024-09-16"
        );
    }
}
