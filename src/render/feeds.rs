//! Atom feeds (RFC 4287): the whole site, each organ, each case and the notice board. Entry ids
//! are the entries' permanent URLs; every date comes from the content. Written only when
//! `bas_url` is set, since Atom needs absolute URLs.

use super::selection::{Listing, Selection};
use super::views::time_range;
use crate::markup::markdown;
use crate::model::clock;
use crate::model::date::{Date, Time};
use crate::model::meeting::*;
use crate::model::noticeboard;
use crate::model::site::*;
use crate::model::urls;
use crate::output::OutFile;
use std::fmt::Write;
use std::path::PathBuf;

/// How many entries the site and organ feeds carry (the newest); case and board feeds carry all.
pub const FEED_LIMIT: usize = 100;

/// One entry before it is written.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Entry {
    /// Site path of the page (also the id).
    url: String,
    title: String,
    updated: (Date, Option<Time>),
    published: Option<(Date, Option<Time>)>,
    summary: String,
    category: Option<(String, String)>,
}

/// The feeds in `sel` (every feed in a full build); nothing without `bas_url`.
pub fn selected(site: &Site, sel: &Selection) -> Vec<OutFile> {
    let Some(base) = site.config.bas_url.as_deref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if sel.lists(Listing::SiteFeed) {
        out.push(feed(
            site,
            base,
            "/atom.xml",
            "/",
            &site.config.titel,
            "Möten och beslut",
            newest(site, |_| true),
            Some(FEED_LIMIT),
        ));
    }
    for (o, organ) in site.organs.iter().enumerate() {
        if !sel.has(&sel.organs, &o) {
            continue;
        }
        out.push(feed(
            site,
            base,
            &format!("/{}/atom.xml", organ.id),
            &urls::organ(site, o),
            &organ.name,
            "Möten och beslut",
            newest(site, |m| m.organ == o),
            Some(FEED_LIMIT),
        ));
    }
    for c in site.cases.iter().filter(|c| sel.has(&sel.cases, &c.slug)) {
        let entries = c
            .entries
            .iter()
            .map(|e| match *e {
                CaseEntry::Item(r) => item_entry(site, r),
                CaseEntry::Document(d) => document_entry(site, d),
            })
            .collect();
        let page = urls::case(&c.dnr);
        out.push(feed(
            site,
            base,
            &format!("{page}atom.xml"),
            &page,
            &format!("Ärende {}", c.dnr),
            &c.title(site),
            entries,
            None,
        ));
    }
    if sel.lists(Listing::NoticeBoard) && noticeboard::enabled(site) {
        let entries = noticeboard::postings(site)
            .iter()
            .map(|n| notice_entry(site, n))
            .collect();
        out.push(feed(
            site,
            base,
            "/anslagstavla/atom.xml",
            "/anslagstavla/",
            &format!("Anslagstavla – {}", site.config.titel),
            "Tillkännagivanden av justerade protokoll",
            entries,
            None,
        ));
    }
    out
}

/// The entries of the meetings `keep` picks that can be among the [`FEED_LIMIT`] newest: every
/// entry's date is worked out first, and only those at or after the limit's date are written
/// out (with the ties there, which [`feed`] orders by URL).
fn newest(site: &Site, keep: impl Fn(&Meeting) -> bool) -> Vec<Entry> {
    let mut dated: Vec<((Date, Option<Time>), ItemRef, bool)> = Vec::new();
    for (m, meeting) in site.meetings.iter().enumerate() {
        if !keep(meeting) {
            continue;
        }
        let at = |index| ItemRef {
            meeting: m,
            part: Part::Protokoll,
            index,
        };
        dated.push((meeting_updated(site, m), at(0), true));
        for (index, p) in meeting.items(Part::Protokoll).iter().enumerate() {
            if p.item.is_decision() {
                dated.push((item_updated(site, at(index)), at(index), false));
            }
        }
    }
    if dated.len() > FEED_LIMIT {
        let (_, limit, _) = dated.select_nth_unstable_by(FEED_LIMIT - 1, |a, b| b.0.cmp(&a.0));
        let limit = limit.0;
        dated.retain(|d| d.0 >= limit);
    }
    dated
        .into_iter()
        .map(|(_, r, whole)| {
            if whole {
                meeting_entry(site, r.meeting)
            } else {
                item_entry(site, r)
            }
        })
        .collect()
}

/// The newest date a meeting's content states, with the start time when that date is the meeting's.
fn meeting_updated(site: &Site, m: usize) -> (Date, Option<Time>) {
    let meeting = &site.meetings[m];
    let mut newest = (meeting.date, meeting.start);
    let mut bump = |d: Option<Date>| {
        if let Some(d) = d
            && d > newest.0
        {
            newest = (d, None);
        }
    };
    if let Some(k) = &meeting.kallelse {
        bump(k.issued);
    }
    if let Some(p) = &meeting.protokoll {
        bump(p.approved);
        bump(p.posted);
        for c in &p.corrections {
            bump(Some(c.date));
        }
    }
    newest
}

/// A meeting's entry.
pub(super) fn meeting_entry(site: &Site, m: usize) -> Entry {
    let meeting = &site.meetings[m];
    let organ = &site.organs[meeting.organ];
    let mut summary = vec![
        meeting.status_on(site.reference_day).text().to_string(),
        meeting.when_with_weekday(),
    ];
    let time = time_range(meeting);
    if !time.is_empty() {
        summary.push(time);
    }
    summary.extend(meeting.place.clone());
    if let Some(p) = &meeting.protokoll {
        summary.extend(p.printed_range.clone());
        summary.extend(p.approved.map(|d| format!("justerat {d}")));
        if !p.corrections.is_empty() {
            summary.push(format!("{} rättelse(r)", p.corrections.len()));
        }
    } else if let Some(k) = &meeting.kallelse {
        summary.push(format!("{} punkter på föredragningslistan", k.items.len()));
    }
    Entry {
        url: urls::meeting(site, m),
        title: format!("{} {}", organ.short, meeting.when()),
        updated: meeting_updated(site, m),
        published: Some((
            meeting
                .kallelse
                .as_ref()
                .and_then(|k| k.issued)
                .unwrap_or(meeting.date),
            None,
        )),
        summary: summary.join(" · "),
        category: Some((organ.id.clone(), organ.short.clone())),
    }
}

/// The newest date a paragraph's content states: the meeting's, its justering or a rättelse of it.
fn item_updated(site: &Site, r: ItemRef) -> (Date, Option<Time>) {
    let meeting = &site.meetings[r.meeting];
    let mut updated = (meeting.date, meeting.start);
    if r.part == Part::Protokoll
        && let Some(pr) = &meeting.protokoll
    {
        for d in pr.approved.into_iter().chain(
            pr.corrections
                .iter()
                .filter(|c| c.item == Some(r.index))
                .map(|c| c.date),
        ) {
            if d > updated.0 {
                updated = (d, None);
            }
        }
    }
    updated
}

/// A paragraph's or agenda item's entry.
pub(super) fn item_entry(site: &Site, r: ItemRef) -> Entry {
    let meeting = &site.meetings[r.meeting];
    let organ = &site.organs[meeting.organ];
    let p = &meeting.items(r.part)[r.index];
    let updated = item_updated(site, r);
    let summary = if p.item.is_decision() {
        p.item.decision_text()
    } else {
        let mut text = markdown::to_plain(&p.item.text);
        for s in &p.item.sections {
            text.push(' ');
            text.push_str(&s.plain);
        }
        text.trim().to_string()
    };
    let what = if r.part == Part::Kallelse {
        "föredragningslista, "
    } else {
        ""
    };
    Entry {
        url: urls::item(site, r),
        title: format!(
            "{} ({}{} {})",
            p.item.heading(),
            what,
            organ.short,
            meeting.when()
        ),
        updated,
        published: Some((meeting.date, meeting.start)),
        summary,
        category: Some((organ.id.clone(), organ.short.clone())),
    }
}

fn document_entry(site: &Site, d: usize) -> Entry {
    let doc = &site.documents[d];
    let date = doc
        .sort_date(site)
        .or_else(|| clock::newest_content_date(site))
        .unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        });
    let mut summary = vec![doc.kind.text().to_string()];
    summary.extend(doc.organisation.map(|o| site.organisations[o].name.clone()));
    Entry {
        url: urls::document(site, d),
        title: doc.title.clone(),
        updated: (date, None),
        published: doc.date.map(|x| (x, None)),
        summary: summary.join(" · "),
        category: None,
    }
}

fn notice_entry(site: &Site, n: &noticeboard::Posting) -> Entry {
    let meeting = &site.meetings[n.meeting];
    let organ = &site.organs[meeting.organ];
    let org = &site.organisations[organ.organisation];
    let p = meeting.protokoll.as_ref();
    let mut summary = format!(
        "Protokollet från sammanträdet med {} den {} är justerat{} och tillkännagavs på \
         anslagstavlan {}. \
         Sista dag att överklaga beslut genom laglighetsprövning hos {} är {}.",
        organ.name,
        meeting.when(),
        p.and_then(|p| p.approved)
            .map(|d| format!(" {d}"))
            .unwrap_or_default(),
        n.posted,
        org.court.as_deref().unwrap_or("förvaltningsrätten"),
        n.last_day
    );
    if n.take_down_printed {
        let _ = write!(summary, " Anslaget tas ned {}.", n.take_down);
    }
    if let Some(place) = noticeboard::archive_place_of(site, n.meeting) {
        let _ = write!(summary, " Protokollet förvaras: {place}.");
    }
    Entry {
        url: format!("/anslagstavla/#{}", n.anchor),
        title: format!(
            "Anslag: {} {}, justerat protokoll",
            organ.short,
            meeting.when()
        ),
        updated: (n.posted, None),
        published: Some((n.posted, None)),
        summary,
        category: Some((organ.id.clone(), organ.short.clone())),
    }
}

fn stamp(d: (Date, Option<Time>)) -> String {
    clock::rfc3339(d.0, d.1)
}

#[allow(clippy::too_many_arguments)]
fn feed(
    site: &Site,
    base: &str,
    path: &str,
    page: &str,
    title: &str,
    subtitle: &str,
    mut entries: Vec<Entry>,
    limit: Option<usize>,
) -> OutFile {
    // Newest first; equal dates by URL so the order never depends on anything but content.
    entries.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.url.cmp(&b.url)));
    if let Some(n) = limit {
        entries.truncate(n);
    }
    let updated = entries.iter().map(|e| e.updated).max().unwrap_or_else(|| {
        (
            clock::newest_content_date(site).unwrap_or(Date {
                year: 1970,
                month: 1,
                day: 1,
            }),
            None,
        )
    });
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"sv\">\n");
    let _ = writeln!(x, "  <id>{}</id>", esc(&format!("{base}{path}")));
    let _ = writeln!(x, "  <title>{}</title>", esc(title));
    if !subtitle.is_empty() {
        let _ = writeln!(x, "  <subtitle>{}</subtitle>", esc(subtitle));
    }
    let _ = writeln!(x, "  <updated>{}</updated>", stamp(updated));
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        esc(&format!("{base}{path}"))
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        esc(&format!("{base}{page}"))
    );
    let _ = writeln!(
        x,
        "  <author><name>{}</name><uri>{}</uri></author>",
        esc(&site.config.titel),
        esc(&format!("{base}/"))
    );
    let _ = writeln!(
        x,
        "  <generator version=\"{}\">protokoll</generator>",
        env!("CARGO_PKG_VERSION")
    );
    for e in &entries {
        let url = format!("{base}{}", e.url);
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <id>{}</id>", esc(&url));
        let _ = writeln!(x, "    <title>{}</title>", esc(&e.title));
        let _ = writeln!(x, "    <updated>{}</updated>", stamp(e.updated));
        if let Some(p) = e.published {
            let _ = writeln!(x, "    <published>{}</published>", stamp(p));
        }
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            esc(&url)
        );
        if let Some((term, label)) = &e.category {
            let _ = writeln!(
                x,
                "    <category term=\"{}\" label=\"{}\"/>",
                esc(term),
                esc(label)
            );
        }
        if !e.summary.is_empty() {
            let _ = writeln!(
                x,
                "    <summary type=\"text\">{}</summary>",
                esc(&e.summary)
            );
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    (PathBuf::from(path.trim_start_matches('/')), x.into_bytes())
}

/// Escapes text for XML content and attributes, dropping characters XML 1.0 does not allow
/// (control characters but tab and line ends, U+FFFE, U+FFFF). Read as bytes and copied in runs.
pub fn esc(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 8);
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        let (replace, len) = match b[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\t' | b'\n' | b'\r' => ("", 0),
            c if c < 0x20 => ("", 1),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
            0xEF if matches!(b.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("", 3),
            _ => ("", 0),
        };
        if len == 0 {
            i += 1;
            continue;
        }
        out.push_str(&s[run..i]);
        out.push_str(replace);
        i += len;
        run = i;
    }
    out.push_str(&s[run..]);
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(esc("a < b & \"c\"\u{1}"), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(esc("å\u{FFFE}ä\u{FFFF}ö\u{FFFD}\tx"), "åäö\u{FFFD}\tx");
    }
}
