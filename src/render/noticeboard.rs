//! The notice board (`/anslagstavla/`): every justerat protokoll of an organisation that keeps one,
//! with the day it was announced, the last day to appeal and where the protokoll is kept. Current
//! notices first; expired ones stay in the archive list for ever.

use crate::model::appeal;
use crate::model::clock;
use crate::model::date::Date;
use crate::model::site::{Meeting, Site};
use crate::model::urls;
use serde_json::{Value, json};

/// One announcement of a justerat protokoll.
#[derive(Debug, Clone)]
pub struct Notice {
    /// Meeting index.
    pub meeting: usize,
    /// The day it was announced (anslagen).
    pub posted: Date,
    /// The last day an appeal can reach the court.
    pub last_day: Date,
    /// The first day the notice may come down.
    pub take_down: Date,
    /// Its anchor on the board: `<organ>-<YYYY-MM-DD>`.
    pub anchor: String,
}

/// Whether any organ belongs to an organisation that keeps a notice board.
pub fn enabled(site: &Site) -> bool {
    site.organs
        .iter()
        .any(|o| site.organisations[o.organisation].notice_board)
}

/// Where an organ's protokoll are kept: the organ's own setting, else its organisation's.
pub fn archive_place(site: &Site, organ: usize) -> Option<String> {
    let o = &site.organs[organ];
    o.archive_place
        .clone()
        .or_else(|| site.organisations[o.organisation].archive_place.clone())
}

/// The day a meeting's justering was announced on the board, if its protokoll is justerat and its
/// organisation keeps a board.
pub fn posting(site: &Site, meeting: &Meeting) -> Option<Date> {
    let organ = &site.organs[meeting.organ];
    if !site.organisations[organ.organisation].notice_board {
        return None;
    }
    meeting
        .protokoll
        .as_ref()
        .filter(|p| p.is_adjusted())?
        .posted
}

/// The notice of one meeting, if its protokoll is justerat and its organisation keeps a board.
pub fn notice_of(site: &Site, m: usize) -> Option<Notice> {
    let meeting = &site.meetings[m];
    let organ = &site.organs[meeting.organ];
    let posted = posting(site, meeting)?;
    Some(Notice {
        meeting: m,
        posted,
        last_day: appeal::last_day(posted),
        take_down: appeal::take_down(posted),
        anchor: format!("{}-{}", organ.id, meeting.date),
    })
}

/// Every notice, the most recently posted first.
pub fn notices(site: &Site) -> Vec<Notice> {
    let mut out: Vec<Notice> = (0..site.meetings.len())
        .filter_map(|m| notice_of(site, m))
        .collect();
    out.sort_by(|a, b| {
        (b.posted, b.meeting)
            .cmp(&(a.posted, a.meeting))
            .then_with(|| a.anchor.cmp(&b.anchor))
    });
    out
}

/// One notice as the template shows it.
pub fn notice_view(site: &Site, n: &Notice) -> Value {
    let meeting = &site.meetings[n.meeting];
    let organ = &site.organs[meeting.organ];
    let org = &site.organisations[organ.organisation];
    let p = meeting.protokoll.as_ref();
    json!({
        "anchor": n.anchor,
        "organ": {"namn": organ.name, "url": urls::organ(site, meeting.organ)},
        "organisation": org.name,
        "mote": {"url": urls::meeting(site, n.meeting), "datum": meeting.date, "datum_text": meeting.date.long()},
        "paragrafer": p.and_then(|p| p.printed_range.clone()),
        "justerad": p.and_then(|p| p.adjusted),
        "anslagen": n.posted,
        "sista_dag": n.last_day,
        "sista_dag_text": n.last_day.long_with_weekday(),
        "tas_ned": n.take_down,
        "forvaringsplats": archive_place(site, meeting.organ),
        "domstol": org.court.clone().unwrap_or_else(|| "Förvaltningsrätten".to_string()),
    })
}

/// The board page's view: current notices, the archive, and the day the split was made on.
pub fn view(site: &Site) -> Value {
    let day = clock::reference_day(site);
    let (current, archive): (Vec<Notice>, Vec<Notice>) = notices(site)
        .into_iter()
        .partition(|n| day.is_none_or(|d| d <= n.last_day));
    json!({
        "per_dag": day,
        "per_dag_text": day.map(|d| d.long()),
        "aktuella": current.iter().map(|n| notice_view(site, n)).collect::<Vec<_>>(),
        "arkiv": archive.iter().map(|n| notice_view(site, n)).collect::<Vec<_>>(),
        "organisationer": site.organisations.iter().filter(|o| o.notice_board && site.organs.iter().any(|g| site.organisations[g.organisation].id == o.id)).map(|o| o.name.clone()).collect::<Vec<_>>(),
    })
}
