//! The URL scheme, in one place: every page's path derives from ids that never change.

use crate::site::*;

/// `/<organ>/<YYYY-MM-DD>/`.
pub fn meeting(site: &Site, m: usize) -> String {
    let meeting = &site.meetings[m];
    format!("/{}/{}/", site.organs[meeting.organ].id, meeting.date)
}

/// A paragraph's own page, or an agenda item's anchor on the meeting page.
pub fn item(site: &Site, r: ItemRef) -> String {
    let p = &site.meetings[r.meeting].items(r.part)[r.index];
    match r.part {
        Part::Protokoll => format!("{}{}/", meeting(site, r.meeting), p.item.number),
        Part::Kallelse => format!(
            "{}#{}",
            meeting(site, r.meeting),
            anchor(r.part, &p.item.number)
        ),
    }
}

/// The anchor of an item on its meeting page.
pub fn anchor(part: Part, number: &str) -> String {
    match part {
        Part::Protokoll => format!("p{number}"),
        Part::Kallelse => format!("punkt-{number}"),
    }
}

/// `/organ-id/`.
pub fn organ(site: &Site, o: usize) -> String {
    format!("/{}/", site.organs[o].id)
}

/// `/person/<id>/`.
pub fn person(site: &Site, p: usize) -> String {
    format!("/person/{}/", site.people[p].id)
}

/// `/arende/<dnr>/`.
pub fn case(dnr: &str) -> String {
    format!("/arende/{}/", dnr_slug(dnr))
}

/// `/dokument/<id>/`.
pub fn document(site: &Site, d: usize) -> String {
    format!("/dokument/{}/", site.documents[d].id)
}

/// `/ar/<YYYY>/`.
pub fn year(y: i32) -> String {
    format!("/ar/{y}/")
}

/// `/parti/<code>/`.
pub fn party(code: &str) -> String {
    format!("/parti/{}/", crate::names::slug(code))
}

/// `/kommun/<name>/`.
pub fn kommun(name: &str) -> String {
    format!("/kommun/{}/", crate::names::slug(name))
}
