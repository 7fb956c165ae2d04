//! The notice board page (`/anslagstavla/`): the postings the model says are on it, current ones
//! first; expired ones stay in the archive list for ever.

use crate::model::noticeboard::{Posting, archive_place_of, is_current, postings};
use crate::model::site::Site;
use crate::model::urls;
use serde_json::{Value, json};

/// One posting as the template shows it.
pub fn posting_view(site: &Site, n: &Posting) -> Value {
    let meeting = &site.meetings[n.meeting];
    let organ = &site.organs[meeting.organ];
    let org = &site.organisations[organ.organisation];
    let p = meeting.protokoll.as_ref();
    json!({
        "anchor": n.anchor,
        "organ": {"namn": organ.name, "url": urls::organ(site, meeting.organ)},
        "organisation": org.name,
        "mote": {
            "url": urls::meeting(site, n.meeting), "datum": meeting.date,
            "datum_text": meeting.when(),
        },
        "paragrafer": p.and_then(|p| p.printed_range.clone()),
        "justerad": p.and_then(|p| p.approved),
        "anslagen": n.posted,
        "sista_dag": n.last_day,
        "sista_dag_text": n.last_day.long_with_weekday(),
        "tas_ned": n.take_down,
        "tas_ned_tryckt": n.take_down_printed,
        "justeringsplats": p.and_then(|p| p.printed.approval_place.clone()),
        "intygat_av": p.and_then(|p| p.printed.certified_by.as_ref())
            .map(|x| crate::render::views::named(site, x)),
        "forvaringsplats": archive_place_of(site, n.meeting),
        "domstol": org.court.clone().unwrap_or_else(|| "Förvaltningsrätten".to_string()),
    })
}

/// The board page's view: current notices, the archive, and the day the split was made on.
pub fn view(site: &Site) -> Value {
    let day = site.reference_day;
    let (current, archive): (Vec<Posting>, Vec<Posting>) = postings(site)
        .into_iter()
        .partition(|n| day.is_none_or(|d| is_current(n, d)));
    json!({
        "per_dag": day,
        "per_dag_text": day.map(|d| d.long()),
        "aktuella": current.iter().map(|n| posting_view(site, n)).collect::<Vec<_>>(),
        "arkiv": archive.iter().map(|n| posting_view(site, n)).collect::<Vec<_>>(),
        "organisationer": site.organisations.iter()
            .filter(|o| {
                o.notice_board
                    && site.organs.iter().any(|g| site.organisations[g.organisation].id == o.id)
            })
            .map(|o| o.name.clone()).collect::<Vec<_>>(),
    })
}
