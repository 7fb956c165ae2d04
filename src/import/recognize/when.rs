//! Dates, hours and places as minutes print them: "Digitalt via Teams Torsdagen den 12 september
//! 2024, kl. 09.00-10.30", "Tid: Torsdag 13 juni 2024 klockan 14.00-15.00", "2024-06-04",
//! "Torsdagen den 25 april" (a day without its year), and a meeting held "helt digitalt via Zoom".

use crate::model::date::{Date, Time, is_weekday};
use crate::reading::vocabulary::qualifiers::{clock_in, month};
use std::ops::Range;

/// When a meeting was, as far as a text says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct When {
    /// The date, with its year.
    pub date: Option<Date>,
    /// Day and month printed without a year ("25 april").
    pub day_month: Option<(u8, u8)>,
    /// The start.
    pub start: Option<Time>,
    /// The end.
    pub end: Option<Time>,
}

impl When {
    /// Reads every part of `text` it can.
    pub fn of(text: &str) -> When {
        let mut w = When::default();
        if let Some((_, d)) = date_in(text) {
            w.date = Some(d);
        } else if let Some((_, day, m)) = day_month_in(text) {
            w.day_month = Some((day, m));
        }
        if let Some((_, from, to)) = clock_in(text).or_else(|| bare_hours(text)) {
            w.start = Some(from);
            w.end = to;
        }
        w
    }
}

/// Word spans (byte ranges) of `text`, punctuation at their ends left out.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(s..i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out.into_iter()
        .map(|r| {
            let w = &text[r.clone()];
            let t = w.trim_end_matches([',', '.', ';', ':', ')']);
            let lead = w.len() - w.trim_start_matches('(').len();
            r.start + lead..r.start + t.len().max(lead)
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// The first date of `text` with its year: `2024-06-04`, or `12 september 2024` (`den` and a
/// weekday before it belong to it).
pub fn date_in(text: &str) -> Option<(Range<usize>, Date)> {
    let ws = words(text);
    for (k, r) in ws.iter().enumerate() {
        let w = &text[r.clone()];
        if w.len() == 10
            && let Ok(d) = Date::parse(w)
        {
            return Some((r.clone(), d));
        }
        if let Some(m) = month(w)
            && k >= 1
            && let Some(y) = ws
                .get(k + 1)
                .and_then(|y| text[y.clone()].parse::<i32>().ok())
                .filter(|y| (1900..2200).contains(y))
            && let Ok(day) = text[ws[k - 1].clone()].parse::<u8>()
            && let Ok(d) = Date::new(y, m, day)
        {
            return Some((lead(text, &ws, k - 1)..ws[k + 1].end, d));
        }
    }
    None
}

/// Where a day printed as "Torsdagen den 25" starts: at its weekday and `den` when written.
fn lead(text: &str, ws: &[Range<usize>], k: usize) -> usize {
    let mut start = ws[k].start;
    let mut j = k;
    while j > 0 {
        let w = &text[ws[j - 1].clone()];
        if w.eq_ignore_ascii_case("den") || is_weekday(w) {
            j -= 1;
            start = ws[j].start;
        } else {
            break;
        }
    }
    start
}

/// The first day and month printed without a year: "den 25 april".
pub fn day_month_in(text: &str) -> Option<(Range<usize>, u8, u8)> {
    let ws = words(text);
    for k in 1..ws.len() {
        if let Some(m) = month(&text[ws[k].clone()])
            && let Ok(day) = text[ws[k - 1].clone()].parse::<u8>()
            && (1..=31).contains(&day)
        {
            return Some((lead(text, &ws, k - 1)..ws[k].end, day, m));
        }
    }
    None
}

/// Hours printed without `kl`: "09.00-10.30", "09:00–10:30".
fn bare_hours(text: &str) -> Option<(Range<usize>, Time, Option<Time>)> {
    for r in words(text) {
        let w = &text[r.clone()];
        let Some((a, b)) = w.split_once(['-', '–']) else {
            continue;
        };
        if let (Ok(from), Ok(to)) = (Time::parse(a), Time::parse(b))
            && a.contains(['.', ':'])
        {
            return Some((r, from, Some(to)));
        }
    }
    None
}

/// A "Plats och tid" value cut into the place and the rest: the place is what stands before the
/// weekday, the date or the hours ("Digitalt via Teams" of "Digitalt via Teams Torsdagen den 12
/// september 2024, kl. 09.00-10.30"). None when the value starts with the time.
pub fn place_of(text: &str) -> Option<String> {
    let ws = words(text);
    let mut end = text.len();
    for (k, r) in ws.iter().enumerate() {
        let w = &text[r.clone()];
        let starts_time = is_weekday(w)
            || w.eq_ignore_ascii_case("den")
                && ws
                    .get(k + 1)
                    .is_some_and(|n| text[n.clone()].parse::<u8>().is_ok())
            || Date::parse(w).is_ok()
            || ["kl", "kl.", "klockan"].contains(&w.to_lowercase().as_str())
            || w.parse::<u8>().is_ok()
                && ws
                    .get(k + 1)
                    .is_some_and(|n| month(&text[n.clone()]).is_some());
        if starts_time {
            end = r.start;
            break;
        }
    }
    let place = text[..end].trim().trim_end_matches([',', ';', '.']).trim();
    (!place.is_empty()).then(|| place.to_string())
}

/// A place written into running text: "genomfördes … helt digitalt via Zoom" gives "Digitalt via
/// Zoom".
pub fn digital_place(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let at = lower.find("digitalt via ")?;
    let rest = &text[at + "digitalt via ".len()..];
    let tool: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect();
    (!tool.is_empty() && tool.chars().next().is_some_and(char::is_uppercase))
        .then(|| format!("Digitalt via {tool}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Time {
        Time::parse(s).unwrap()
    }

    #[test]
    fn a_header_tables_place_and_time() {
        let s = "Digitalt via Teams Torsdagen den 12 september 2024, kl. 09.00-10.30";
        assert_eq!(place_of(s).as_deref(), Some("Digitalt via Teams"));
        let w = When::of(s);
        assert_eq!(w.date, Date::parse("2024-09-12").ok());
        assert_eq!((w.start, w.end), (Some(t("09:00")), Some(t("10:30"))));
        let s = "Digitalt via Teams Torsdagen den 25 april, kl. 09.00-10.00";
        let w = When::of(s);
        assert_eq!((w.date, w.day_month), (None, Some((25, 4))));
        assert_eq!(
            place_of("Stadshuset, Kalmar 2024-06-13").as_deref(),
            Some("Stadshuset, Kalmar")
        );
        assert_eq!(place_of("Torsdag 13 juni 2024"), None);
    }

    #[test]
    fn dates_in_their_printed_forms() {
        let s = "Tid: Torsdag 13 juni 2024 klockan 14.00-15.00";
        let (r, d) = date_in(s).unwrap();
        assert_eq!(&s[r], "Torsdag 13 juni 2024");
        assert_eq!(d.to_string(), "2024-06-13");
        assert_eq!(
            date_in("Protokoll Läns gemensam ledning 2022-11-25").map(|x| x.1.to_string()),
            Some("2022-11-25".into())
        );
        assert_eq!(
            date_in("Protokoll Presidiekonferens 2 oktober 2020").map(|x| x.1.to_string()),
            Some("2020-10-02".into())
        );
        assert_eq!(date_in("den 31 februari 2024"), None);
        let w = When::of("Sammanträdet 09.00-12.00");
        assert_eq!(w.end, Some(t("12:00")));
    }

    #[test]
    fn a_digital_meeting_in_running_text() {
        assert_eq!(
            digital_place(
                "Presidiekonferensen genomfördes nu för första gången helt digitalt via Zoom och"
            )
            .as_deref(),
            Some("Digitalt via Zoom")
        );
        assert_eq!(digital_place("ett digitalt verktyg"), None);
    }
}
