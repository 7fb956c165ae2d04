//! The URL scheme, in one place: every page's path derives from ids that never change.

use crate::model::meeting::*;
use crate::model::site::*;
use std::fmt::Write;

/// `/<organ>/<YYYY-MM-DD>/`.
pub fn meeting(site: &Site, m: usize) -> String {
    let meeting = &site.meetings[m];
    let mut s = path(&[&site.organs[meeting.organ].id]);
    let _ = write!(s, "{}/", meeting.date);
    if meeting.sitting > 1 {
        // The second sitting of the day: `/<organ>/<YYYY-MM-DD>-2/`.
        s.pop();
        let _ = write!(s, "-{}/", meeting.sitting);
    }
    s
}

/// A paragraph's own page, or an agenda item's anchor on the meeting page.
pub fn item(site: &Site, r: ItemRef) -> String {
    let p = &site.meetings[r.meeting].items(r.part)[r.index];
    item_in(meeting(site, r.meeting), r.part, &p.item.number)
}

/// [`item`] of the item numbered `number` in `part` of the meeting at `meeting_url`.
pub fn item_in(mut meeting_url: String, part: Part, number: &str) -> String {
    match part {
        Part::Protokoll => {
            meeting_url.push_str(number);
            meeting_url.push('/');
        }
        Part::Kallelse => {
            meeting_url.push('#');
            meeting_url.push_str(&anchor(part, number));
        }
    }
    meeting_url
}

/// The anchor of an item on its meeting page.
pub fn anchor(part: Part, number: &str) -> String {
    match part {
        Part::Protokoll => format!("p{number}"),
        Part::Kallelse => format!("punkt-{number}"),
    }
}

/// `/<organ>/<YYYY-MM-DD>/bilagor/<file>`: an attachment of meeting `m` or of one of its items.
pub fn attachment(site: &Site, m: usize, segment: &str) -> String {
    let mut s = meeting(site, m);
    s.push_str("bilagor/");
    s.push_str(segment);
    s
}

/// `/organ-id/`.
pub fn organ(site: &Site, o: usize) -> String {
    path(&[&site.organs[o].id])
}

/// `/person/<id>/`.
pub fn person(site: &Site, p: usize) -> String {
    path(&["person", &site.people[p].id])
}

/// `/arende/<dnr>/`.
pub fn case(dnr: &str) -> String {
    path(&["arende", &dnr_slug(dnr)])
}

/// `/dokument/<id>/`.
pub fn document(site: &Site, d: usize) -> String {
    path(&["dokument", &site.documents[d].id])
}

/// `/ar/<YYYY>/`.
pub fn year(y: i32) -> String {
    format!("/ar/{y}/")
}

/// `/parti/<code>/`.
pub fn party(code: &str) -> String {
    path(&["parti", &crate::markup::ids::slug(code)])
}

/// `/kommun/<name>/`.
pub fn kommun(name: &str) -> String {
    path(&["kommun", &crate::markup::ids::slug(name)])
}

/// `/a/b/` from its segments, in one allocation with room for a date after it (a build makes
/// millions of URLs).
fn path(segments: &[&str]) -> String {
    let len = segments.iter().map(|x| x.len() + 1).sum::<usize>() + 12;
    let mut s = String::with_capacity(len);
    s.push('/');
    for x in segments {
        s.push_str(x);
        s.push('/');
    }
    s
}
