//! The notice board (anslagstavla) rules: which justerade protokoll an organisation announces, the
//! day each was posted, the last day to appeal and the day the posting may come down, and where the
//! protokoll is kept. The board page, feed and twins show what these say.

use crate::model::appeal;
use crate::model::date::{Date, Time};
use crate::model::meeting::Meeting;
use crate::model::names::Named;
use crate::model::site::Site;

/// The justering and the anslag as a protokoll prints them (its Anslag/bevis block). What is
/// printed wins over what the rules compute.
#[derive(Debug, Clone, Default)]
pub struct AsPrinted {
    /// Justeringens plats.
    pub approval_place: Option<String>,
    /// Justeringens tid, the clock time (the date is the protokoll's `justerad`).
    pub approval_time: Option<Time>,
    /// Datum då anslaget tas ned.
    pub taken_down: Option<Date>,
    /// Förvaringsplats för protokollet.
    pub archive_place: Option<String>,
    /// Who certified the anslag (Intygas / Underskrift).
    pub certified_by: Option<Named>,
}

/// One posting (anslag) of a justerat protokoll on the notice board.
#[derive(Debug, Clone)]
pub struct Posting {
    /// Meeting index.
    pub meeting: usize,
    /// The day it was announced (anslagen).
    pub posted: Date,
    /// The last day an appeal can reach the court.
    pub last_day: Date,
    /// The day the notice comes down: as printed, else the first day it may.
    pub take_down: Date,
    /// Whether `take_down` is printed in the protokoll (not computed).
    pub take_down_printed: bool,
    /// Its anchor on the board: `<organ>-<YYYY-MM-DD>`.
    pub anchor: String,
}

/// Whether any organ belongs to an organisation that keeps a notice board.
pub fn enabled(site: &Site) -> bool {
    site.organs
        .iter()
        .any(|o| site.organisations[o.organisation].notice_board)
}

/// Where meeting `m`'s protokoll is kept: as the protokoll prints it, else where its organ's are.
pub fn archive_place_of(site: &Site, m: usize) -> Option<String> {
    let meeting = &site.meetings[m];
    let printed = meeting.protokoll.as_ref();
    printed
        .and_then(|p| p.printed.archive_place.clone())
        .or_else(|| archive_place(site, meeting.organ))
}

/// Whether a posting is still up on `day`: until its last day to appeal, and until the day it
/// comes down.
pub fn is_current(n: &Posting, day: Date) -> bool {
    day <= n.last_day || day < n.take_down
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
        .filter(|p| p.is_approved())?
        .posted
}

/// The posting of one meeting, if its protokoll is justerat and its organisation keeps a board.
pub fn posting_of(site: &Site, m: usize) -> Option<Posting> {
    let meeting = &site.meetings[m];
    let organ = &site.organs[meeting.organ];
    let posted = posting(site, meeting)?;
    let printed = meeting
        .protokoll
        .as_ref()
        .and_then(|p| p.printed.taken_down);
    Some(Posting {
        meeting: m,
        posted,
        last_day: appeal::last_day(posted),
        take_down: printed.unwrap_or_else(|| appeal::take_down(posted)),
        take_down_printed: printed.is_some(),
        anchor: format!("{}-{}", organ.id, meeting.segment()),
    })
}

/// Every posting, the most recently posted first.
pub fn postings(site: &Site) -> Vec<Posting> {
    let mut out: Vec<Posting> = (0..site.meetings.len())
        .filter_map(|m| posting_of(site, m))
        .collect();
    out.sort_by(|a, b| {
        (b.posted, b.meeting)
            .cmp(&(a.posted, a.meeting))
            .then_with(|| a.anchor.cmp(&b.anchor))
    });
    out
}
