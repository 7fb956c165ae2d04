//! The appeal period of a justerat protokoll: laglighetsprövning under 13 kap. kommunallagen
//! (2017:725) must reach the förvaltningsrätt within three weeks of the day the justering was
//! announced on the notice board; a period ending on a Saturday, Sunday, public holiday,
//! midsommarafton, julafton or nyårsafton runs to the next weekday (lag (1930:173)).

use crate::model::date::Date;

/// The appeal period in days (three weeks).
pub const APPEAL_DAYS: i64 = 21;

/// The last day an appeal can reach the court, for a notice posted on `posted`.
pub fn last_day(posted: Date) -> Date {
    let mut day = posted.add_days(APPEAL_DAYS);
    while !is_weekday(day) {
        day = day.add_days(1);
    }
    day
}

/// The first day the notice may be taken down: the day after the last day to appeal.
pub fn take_down(posted: Date) -> Date {
    last_day(posted).add_days(1)
}

/// A working day for the purposes of lag (1930:173).
pub fn is_weekday(d: Date) -> bool {
    d.weekday_index() < 5 && !is_holiday(d)
}

/// Swedish public holidays (lag (1989:253)) on weekdays, and the eves the 1930 law treats alike.
fn is_holiday(d: Date) -> bool {
    let fixed = matches!(
        (d.month, d.day),
        (1, 1) | (1, 6) | (5, 1) | (6, 6) | (12, 24) | (12, 25) | (12, 26) | (12, 31)
    );
    let easter = easter_sunday(d.year);
    let from_easter = d.days_since_epoch() - easter.days_since_epoch();
    // Långfredagen, annandag påsk, Kristi himmelsfärds dag.
    let movable = matches!(from_easter, -2 | 1 | 39);
    // Midsommarafton: the Friday between 19 and 25 June.
    let midsummer_eve = d.month == 6 && (19..=25).contains(&d.day) && d.weekday_index() == 4;
    fixed || movable || midsummer_eve
}

/// Easter Sunday (Gregorian; the anonymous algorithm of 1876).
fn easter_sunday(year: i32) -> Date {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, month as u8, day as u8).expect("a valid Easter date")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn easter_dates_are_right() {
        assert_eq!(easter_sunday(2024), d("2024-03-31"));
        assert_eq!(easter_sunday(2025), d("2025-04-20"));
        assert_eq!(easter_sunday(2019), d("2019-04-21"));
    }

    #[test]
    fn three_weeks_then_the_next_weekday() {
        // Posted Thursday 19 September 2024: three weeks is Thursday 10 October.
        assert_eq!(last_day(d("2024-09-19")), d("2024-10-10"));
        assert_eq!(take_down(d("2024-09-19")), d("2024-10-11"));
        // Posted Saturday 7 December 2024: the 28th is a Saturday → Monday 30 December.
        assert_eq!(last_day(d("2024-12-07")), d("2024-12-30"));
        // Posted 3 December 2024: 24 December is julafton, 25–26 holidays → Friday 27.
        assert_eq!(last_day(d("2024-12-03")), d("2024-12-27"));
        // Posted 27 March 2024: 17 April is an ordinary Wednesday.
        assert_eq!(last_day(d("2024-03-27")), d("2024-04-17"));
        // Posted 8 March 2024: 29 March is långfredagen → Tuesday 2 April (1 April annandag påsk).
        assert_eq!(last_day(d("2024-03-08")), d("2024-04-02"));
        // Posted 31 May 2024: 21 June is midsommarafton → Monday 24 June.
        assert_eq!(last_day(d("2024-05-31")), d("2024-06-24"));
    }
}
