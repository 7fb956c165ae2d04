//! When a meeting sat: its days (a meeting can span several, each with its hours and paragraphs)
//! and, for an organ that sat twice on one day, which sitting of the day it was. Both keep the URL
//! promise: a meeting's URL segment is its first day, with `-2` for the second sitting that day.

use crate::model::date::{Date, Time};
use crate::model::meeting::Meeting;

/// One day of a meeting over several days (`[[dag]]`).
#[derive(Debug, Clone)]
pub struct Day {
    /// The date.
    pub date: Date,
    /// Start that day.
    pub start: Option<Time>,
    /// End that day.
    pub end: Option<Time>,
    /// Place that day, when it differs.
    pub place: Option<String>,
    /// The paragraphs of the day as printed ("§§ 74-88").
    pub printed_range: Option<String>,
    /// The paragraphs of the day: indices into the protokoll's items (empty when not printed).
    pub items: Vec<usize>,
}

/// The URL segment of a meeting on `date`, the `sitting`th of its organ that day:
/// `2024-09-12`, or `2007-06-18-2` for the second.
pub fn segment(date: Date, sitting: u8) -> String {
    if sitting <= 1 {
        date.to_string()
    } else {
        format!("{date}-{sitting}")
    }
}

/// Reads a segment back: the date and the sitting.
pub fn parse_segment(s: &str) -> Option<(Date, u8)> {
    let date = Date::parse(s.get(..10)?).ok()?;
    match s.get(10..)? {
        "" => Some((date, 1)),
        rest => {
            let n: u8 = rest.strip_prefix('-')?.parse().ok()?;
            (n >= 2 && !rest.starts_with("-0")).then_some((date, n))
        }
    }
}

/// "2–3 november 2011", "30 november – 1 december 2011", "12 september 2024".
pub fn span_long(first: Date, last: Date) -> String {
    if first == last {
        return first.long();
    }
    let (a, b) = (first.long(), last.long());
    if first.year == last.year && first.month == last.month {
        format!("{}–{b}", first.day)
    } else if first.year == last.year {
        let without_year = a.rsplit_once(' ').map_or(a.as_str(), |x| x.0);
        format!("{without_year} – {b}")
    } else {
        format!("{a} – {b}")
    }
}

impl Meeting {
    /// The last day it sat (its date, unless it spans several days).
    pub fn last_date(&self) -> Date {
        self.days.last().map_or(self.date, |d| d.date)
    }

    /// Its URL segment: the first day, and the sitting when it is the second of the day.
    pub fn segment(&self) -> String {
        segment(self.date, self.sitting)
    }

    /// When, as lists and titles show it: "12 september 2024", "2–3 november 2011",
    /// "18 juni 2007, sammanträde 2".
    pub fn when(&self) -> String {
        self.with_sitting(span_long(self.date, self.last_date()))
    }

    /// [`Meeting::when`] with weekdays: "torsdag 12 september 2024", "onsdag 2 – torsdag 3
    /// november 2011".
    pub fn when_with_weekday(&self) -> String {
        let last = self.last_date();
        if last == self.date {
            return self.with_sitting(self.date.long_with_weekday());
        }
        let first = if (self.date.year, self.date.month) == (last.year, last.month) {
            self.date.day.to_string()
        } else {
            span_long(self.date, last)
                .split(" – ")
                .next()
                .unwrap_or_default()
                .to_string()
        };
        let text = format!(
            "{} {first} – {} {}",
            self.date.weekday(),
            last.weekday(),
            last.long()
        );
        self.with_sitting(text)
    }

    fn with_sitting(&self, text: String) -> String {
        if self.sitting > 1 {
            format!("{text}, sammanträde {}", self.sitting)
        } else {
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn segments_read_back() {
        assert_eq!(segment(d("2024-09-12"), 1), "2024-09-12");
        assert_eq!(segment(d("2007-06-18"), 2), "2007-06-18-2");
        assert_eq!(parse_segment("2007-06-18-2"), Some((d("2007-06-18"), 2)));
        assert_eq!(parse_segment("2024-09-12"), Some((d("2024-09-12"), 1)));
        assert_eq!(parse_segment("2024-09-12-1"), None);
        assert_eq!(parse_segment("2024-09-12-02"), None);
        assert_eq!(parse_segment("2024-09-12x"), None);
    }

    #[test]
    fn spans_read_as_swedish_dates() {
        assert_eq!(
            span_long(d("2011-11-02"), d("2011-11-03")),
            "2–3 november 2011"
        );
        assert_eq!(
            span_long(d("2011-11-30"), d("2011-12-01")),
            "30 november – 1 december 2011"
        );
        assert_eq!(
            span_long(d("2011-12-31"), d("2012-01-01")),
            "31 december 2011 – 1 januari 2012"
        );
        let mut m = Meeting::new(0, d("2011-11-02"));
        assert_eq!(m.when_with_weekday(), "onsdag 2 november 2011");
        m.days = ["2011-11-02", "2011-11-03"]
            .map(|x| Day {
                date: d(x),
                start: None,
                end: None,
                place: None,
                printed_range: None,
                items: Vec::new(),
            })
            .to_vec();
        assert_eq!(m.when(), "2–3 november 2011");
        assert_eq!(m.when_with_weekday(), "onsdag 2 – torsdag 3 november 2011");
        m.days[1].date = d("2011-12-01");
        m.date = d("2011-11-30");
        m.days[0].date = m.date;
        assert_eq!(
            m.when_with_weekday(),
            "onsdag 30 november – torsdag 1 december 2011"
        );
        m.days.clear();
        m.sitting = 2;
        assert_eq!(m.when(), "30 november 2011, sammanträde 2");
    }
}
