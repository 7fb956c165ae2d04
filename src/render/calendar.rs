//! iCalendar files (RFC 5545): `/kalender.ics` and `/<organ>/kalender.ics`, every meeting with a
//! stable UID, local times in Europe/Stockholm (with its VTIMEZONE), place, link and status; a
//! cancelled meeting is `STATUS:CANCELLED`. Written only when `bas_url` is set.

use super::selection::{Listing, Selection};
use crate::model::date::Date;
use crate::model::meeting::*;
use crate::model::site::*;
use crate::model::urls;
use crate::output::OutFile;
use std::path::PathBuf;

/// The time zone every meeting is in, as RFC 5545 needs it (EU rules since 1996).
const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Stockholm",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19960331T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// The calendars in `sel`: the site's and one per organ; nothing without `bas_url`.
pub fn selected(site: &Site, sel: &Selection) -> Vec<OutFile> {
    let Some(base) = site.config.bas_url.as_deref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if sel.lists(Listing::SiteCalendar) {
        out.push(calendar(
            site,
            base,
            "kalender.ics",
            &site.config.titel,
            (0..site.meetings.len()).collect(),
        ));
    }
    for (o, organ) in site.organs.iter().enumerate() {
        if !sel.has(&sel.organs, &o) {
            continue;
        }
        let meetings = (0..site.meetings.len())
            .filter(|&m| site.meetings[m].organ == o)
            .collect();
        out.push(calendar(
            site,
            base,
            &format!("{}/kalender.ics", organ.id),
            &organ.name,
            meetings,
        ));
    }
    out
}

/// The host part of `bas_url`, for UIDs.
fn host(base: &str) -> &str {
    base.split_once("://").map_or(base, |x| x.1)
}

fn calendar(site: &Site, base: &str, path: &str, name: &str, meetings: Vec<usize>) -> OutFile {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!(
            "PRODID:-//protokoll//protokoll {}//SV",
            env!("CARGO_PKG_VERSION")
        ),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", text(name)),
        "X-WR-TIMEZONE:Europe/Stockholm".into(),
    ];
    lines.extend(VTIMEZONE.iter().map(|s| s.to_string()));
    for m in meetings {
        lines.extend(event(site, base, m));
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in &lines {
        fold(l, &mut out);
    }
    (PathBuf::from(path), out.into_bytes())
}

/// A meeting's VEVENT, a line each (unfolded).
pub(super) fn event(site: &Site, base: &str, m: usize) -> Vec<String> {
    let meeting = &site.meetings[m];
    let organ = &site.organs[meeting.organ];
    let url = format!("{base}{}", urls::meeting(site, m));
    let mut e = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}-{}@{}", organ.id, meeting.segment(), host(base)),
        format!("DTSTAMP:{}T000000Z", compact(stamp_day(meeting))),
    ];
    match meeting.start {
        Some(s) => {
            e.push(format!(
                "DTSTART;TZID=Europe/Stockholm:{}T{:02}{:02}00",
                compact(meeting.date),
                s.hour,
                s.minute
            ));
            // One event over every day of a meeting that spans several.
            let last = meeting.last_date();
            if let Some(end) = meeting.end.filter(|end| *end > s || last > meeting.date) {
                e.push(format!(
                    "DTEND;TZID=Europe/Stockholm:{}T{:02}{:02}00",
                    compact(last),
                    end.hour,
                    end.minute
                ));
            }
        }
        None => {
            // No time known: an all-day event.
            e.push(format!("DTSTART;VALUE=DATE:{}", compact(meeting.date)));
            e.push(format!(
                "DTEND;VALUE=DATE:{}",
                compact(meeting.last_date().add_days(1))
            ));
        }
    }
    // As the pages say it on the build's day: a past meeting without protokoll is not "Kallat".
    let state = meeting.status_on(site.reference_day).text();
    e.push(format!(
        "SUMMARY:{}",
        text(&format!(
            "{}{}",
            organ.short,
            if meeting.cancelled {
                " (inställt)"
            } else {
                ""
            }
        ))
    ));
    if let Some(place) = &meeting.place {
        e.push(format!("LOCATION:{}", text(place)));
    }
    e.push(format!(
        "DESCRIPTION:{}",
        text(&format!("{}: {state}. {url}", organ.name))
    ));
    e.push(format!("URL:{url}"));
    e.push(format!(
        "STATUS:{}",
        if meeting.cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        }
    ));
    e.push("TRANSP:OPAQUE".into());
    e.push("END:VEVENT".into());
    e
}

/// DTSTAMP from content: the newest date the meeting states (never the clock).
fn stamp_day(meeting: &Meeting) -> Date {
    let mut d = meeting.kallelse.as_ref().and_then(|k| k.issued);
    if let Some(p) = &meeting.protokoll {
        d = d
            .max(p.approved)
            .max(p.posted)
            .max(p.corrections.iter().map(|c| c.date).max());
    }
    d.unwrap_or(meeting.date)
}

fn compact(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year, d.month, d.day)
}

/// Escapes a TEXT value (RFC 5545 3.3.11).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded at 75 octets without splitting a character, ending in CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_on_character_boundaries() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "ö".repeat(60)), &mut out);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l}");
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "ö".repeat(60))
        );
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
