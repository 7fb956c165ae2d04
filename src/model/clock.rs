//! Dates and times the outputs print: Europe/Stockholm offsets, RFC 3339 stamps, and the build's
//! reference day: the day its caller gives (the binary: `SOURCE_DATE_EPOCH` or the day of the
//! build, [`build_day`]), else the newest date in the content. The library never reads the clock.

use crate::model::date::{Date, Time};
use crate::model::site::Site;

/// Whether summer time (CEST, UTC+2) is in force in Sweden at this local date and time.
///
/// Sweden has kept summer time since 1980: from the last Sunday of March at 02:00 to the last
/// Sunday of September (1980–1995) or October (from 1996, the EU rule) at 03:00. In the repeated
/// hour of the autumn change the earlier (summer) reading is taken.
pub fn is_summer_time(date: Date, time: Time) -> bool {
    if date.year < 1980 {
        return false;
    }
    let start = last_sunday(date.year, 3);
    let end = last_sunday(date.year, if date.year < 1996 { 9 } else { 10 });
    let after_start = date > start || (date == start && time.hour >= 2);
    let before_end = date < end || (date == end && time.hour < 3);
    after_start && before_end
}

fn last_sunday(year: i32, month: u8) -> Date {
    let next = if month == 12 {
        Date::new(year + 1, 1, 1)
    } else {
        Date::new(year, month + 1, 1)
    }
    .expect("first of a month");
    let last = next.add_days(-1);
    last.add_days(-((last.weekday_index() as i64 + 1) % 7))
}

/// The UTC offset in Stockholm, "+01:00" or "+02:00".
pub fn offset(date: Date, time: Time) -> &'static str {
    if is_summer_time(date, time) {
        "+02:00"
    } else {
        "+01:00"
    }
}

/// An RFC 3339 date-time in Stockholm local time: "2024-09-12T09:00:00+02:00"; midnight when
/// the time is not known.
pub fn rfc3339(date: Date, time: Option<Time>) -> String {
    let t = time.unwrap_or(Time { hour: 0, minute: 0 });
    format!("{date}T{:02}:{:02}:00{}", t.hour, t.minute, offset(date, t))
}

/// The day a build is as of, from `SOURCE_DATE_EPOCH` (the reproducible-builds convention, as
/// its caller read it from the environment) when set, else from `now` (seconds since 1970, the
/// clock the caller read): its Europe/Stockholm calendar day. Err names a value that is not a
/// whole number of seconds (the convention says to fail rather than guess).
pub fn build_day(source_date_epoch: Option<&str>, now: i64) -> Result<Date, String> {
    match source_date_epoch {
        Some(v) if !v.trim().is_empty() => {
            v.trim().parse::<i64>().map(stockholm_day).map_err(|_| {
                format!("SOURCE_DATE_EPOCH={v:?} is not a number of seconds since 1970")
            })
        }
        _ => Ok(stockholm_day(now)),
    }
}

/// A Unix time on `day` in Stockholm (10:00 UTC, 11:00 or 12:00 local): the `SOURCE_DATE_EPOCH`
/// that builds a site as of that day again.
pub fn epoch_of(day: Date) -> i64 {
    day.days_since_epoch() * 86_400 + 10 * 3600
}

/// The Stockholm calendar day of a Unix time.
pub fn stockholm_day(unix: i64) -> Date {
    let utc_day = Date::from_days(unix.div_euclid(86_400));
    let secs = unix.rem_euclid(86_400);
    let utc_time = Time {
        hour: (secs / 3600) as u8,
        minute: (secs % 3600 / 60) as u8,
    };
    // Local time is UTC+1 or UTC+2; decide on the UTC+1 reading, which is exact but for the
    // hour of the change itself.
    let plus = |h: i64| {
        let total = secs + h * 3600;
        (
            utc_day.add_days(total.div_euclid(86_400)),
            (total.rem_euclid(86_400) / 3600) as u8,
        )
    };
    let (d1, h1) = plus(1);
    let summer = is_summer_time(
        d1,
        Time {
            hour: h1,
            minute: utc_time.minute,
        },
    );
    if summer { plus(2).0 } else { d1 }
}

/// The newest date the content states: meetings, justering, notices, corrections, documents.
pub fn newest_content_date(site: &Site) -> Option<Date> {
    let meetings = site.meetings.iter().flat_map(|m| {
        let k = m.kallelse.as_ref().and_then(|k| k.issued);
        let p = m.protokoll.as_ref();
        let stated = p.into_iter().flat_map(|p| {
            let c = p.corrections.iter().map(|c| c.date);
            [p.approved, p.posted].into_iter().flatten().chain(c)
        });
        [Some(m.last_date()), k].into_iter().flatten().chain(stated)
    });
    let documents = site.documents.iter().filter_map(|d| d.date);
    meetings.chain(documents).max()
}

/// The day the build is "as of": the day its caller gave ([`Site::build_day`]), else the newest
/// date of the content. Decides meeting statuses, upcoming meetings and current notices.
pub fn reference_day(site: &Site) -> Option<Date> {
    site.build_day.or_else(|| newest_content_date(site))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }
    fn t(h: u8) -> Time {
        Time { hour: h, minute: 0 }
    }

    #[test]
    fn summer_time_follows_the_eu_rule() {
        assert_eq!(
            rfc3339(d("2024-09-12"), Some(t(9))),
            "2024-09-12T09:00:00+02:00"
        );
        assert_eq!(rfc3339(d("2024-01-10"), None), "2024-01-10T00:00:00+01:00");
        // 2024: summer time from 31 March 02:00 to 27 October 03:00.
        assert!(!is_summer_time(d("2024-03-31"), t(1)));
        assert!(is_summer_time(d("2024-03-31"), t(3)));
        assert!(is_summer_time(d("2024-10-27"), t(2)));
        assert!(!is_summer_time(d("2024-10-27"), t(3)));
        // 1995 ended in September.
        assert!(!is_summer_time(d("1995-10-10"), t(12)));
    }

    #[test]
    fn unix_times_map_to_stockholm_days() {
        // 2024-09-11T22:30:00Z is 00:30 on the 12th in Stockholm (CEST).
        assert_eq!(stockholm_day(1_726_093_800), d("2024-09-12"));
        // 2024-01-10T22:30:00Z is 23:30 on the 10th (CET).
        assert_eq!(stockholm_day(1_704_925_800), d("2024-01-10"));
    }

    #[test]
    fn the_build_day_is_source_date_epoch_else_now_in_stockholm() {
        let now = 1_704_925_800; // 2024-01-10T22:30:00Z
        assert_eq!(build_day(None, now), Ok(d("2024-01-10")));
        assert_eq!(build_day(Some(""), now), Ok(d("2024-01-10")));
        assert_eq!(build_day(Some(" 1726093800\n"), now), Ok(d("2024-09-12")));
        let e = build_day(Some("2024-09-12"), now).unwrap_err();
        assert!(e.contains("SOURCE_DATE_EPOCH=\"2024-09-12\""), "{e}");
        for day in ["2024-01-01", "2024-03-31", "2024-10-27", "2026-12-07"] {
            assert_eq!(stockholm_day(epoch_of(d(day))), d(day));
        }
    }
}
