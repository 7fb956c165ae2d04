//! Which pages an edit can change: from the site before and after an edit of some content files,
//! the entities whose data changed (the meetings and documents of those files) and every page that
//! shows them (cases, people, organs, years, documents, and pages showing a changed case title).
//! Used by `serve`'s incremental rebuild; anything it cannot bound is left to a full build.

use crate::render::pages::{Listing, Selection, case_title};
use crate::render::urls;
use crate::site::{CaseEntry, ItemRef, Meeting, Named, Part, Ref, Site};
use std::collections::BTreeSet;
use std::path::Path;

/// Whether two sites have the same entities at the same indices (meetings by organ and date,
/// documents, people, organs, organisations, memberships, free pages), so that an index means
/// the same entity in both. Cases may differ: they are selected by Dnr.
pub fn same_shape(old: &Site, new: &Site) -> bool {
    fn same<T, K: PartialEq>(a: &[T], b: &[T], key: impl Fn(&T) -> K) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| key(x) == key(y))
    }
    same(&old.organisations, &new.organisations, |o| o.id.clone())
        && same(&old.organs, &new.organs, |o| o.id.clone())
        && same(&old.people, &new.people, |p| p.id.clone())
        && same(&old.memberships, &new.memberships, |m| (m.person, m.organ))
        && same(&old.meetings, &new.meetings, |m| (m.organ, m.date))
        && same(&old.documents, &new.documents, |d| d.id.clone())
        && same(&old.pages, &new.pages, |p| p.id.clone())
}

/// The pages to render again after `changed` (paths relative to the root) were edited; `old` and
/// `new` must have the [`same_shape`].
pub fn selection(old: &Site, new: &Site, changed: &[&Path]) -> Selection {
    let is_changed = |p: &str| changed.iter().any(|c| Path::new(p) == *c);
    let mut meetings = BTreeSet::new();
    let mut documents = BTreeSet::new();
    for site in [old, new] {
        for (m, meeting) in site.meetings.iter().enumerate() {
            let paths = [
                meeting.protokoll.as_ref().map(|p| p.path.as_str()),
                meeting.kallelse.as_ref().map(|k| k.path.as_str()),
            ];
            if paths.into_iter().flatten().any(is_changed) {
                meetings.insert(m);
            }
        }
        for (d, doc) in site.documents.iter().enumerate() {
            if is_changed(&doc.path) {
                documents.insert(d);
            }
        }
    }
    let mut sel = Selection::default();
    for site in [old, new] {
        add_dependents(site, &meetings, &documents, &mut sel);
    }
    sel.listings = listings(old, new, &meetings, &documents, &sel);
    let matched = |p: &&Path| {
        let p = p.to_str().unwrap_or("");
        new.meetings.iter().any(|m| {
            m.protokoll.as_ref().is_some_and(|x| x.path == p)
                || m.kallelse.as_ref().is_some_and(|x| x.path == p)
        }) || new.documents.iter().any(|d| d.path == p)
    };
    if !changed.iter().all(matched) {
        sel.listings.insert(Listing::Pages); // a free page
    }
    // A case's title (its first paragraph's title) is shown wherever the case is referred to:
    // the JSON of every paragraph and document of the case.
    for dnr in sel.cases.clone() {
        let title = |s: &Site| {
            s.cases
                .iter()
                .find(|c| c.dnr == dnr)
                .map(|c| case_title(s, c))
        };
        if title(old) != title(new) {
            for site in [old, new] {
                for c in site.cases.iter().filter(|c| c.dnr == dnr) {
                    for e in &c.entries {
                        match *e {
                            CaseEntry::Item(r) => sel.meetings.insert(r.meeting),
                            CaseEntry::Document(d) => sel.documents.insert(d),
                        };
                    }
                }
            }
        }
    }
    sel
}

/// The site-wide pages and files that show the changed `meetings` and `documents`, or the cases
/// in `sel` as they are listed (Dnr, title, number of entries).
fn listings(
    old: &Site,
    new: &Site,
    meetings: &BTreeSet<usize>,
    documents: &BTreeSet<usize>,
    sel: &Selection,
) -> BTreeSet<Listing> {
    let mut out = BTreeSet::new();
    if !meetings.is_empty() {
        out.extend([Listing::Home, Listing::Meetings]);
    }
    if !documents.is_empty() {
        out.extend([Listing::Years, Listing::Documents]);
    }
    let listed = |s: &Site, dnr: &String| {
        s.cases
            .iter()
            .find(|c| &c.dnr == dnr)
            .map(|c| (case_title(s, c), c.entries.len()))
    };
    if old.cases.len() != new.cases.len()
        || sel.cases.iter().any(|d| listed(old, d) != listed(new, d))
    {
        out.insert(Listing::Cases);
    }
    let on_board = |s: &Site, m: usize| {
        let organ = &s.organs[s.meetings[m].organ];
        s.organisations[organ.organisation].notice_board
    };
    if meetings
        .iter()
        .any(|&m| on_board(old, m) || on_board(new, m))
    {
        out.insert(Listing::NoticeBoard);
    }
    out
}

/// Adds the pages that show the changed `meetings` and `documents` of `site`.
fn add_dependents(
    site: &Site,
    meetings: &BTreeSet<usize>,
    documents: &BTreeSet<usize>,
    sel: &mut Selection,
) {
    let in_m = |m: usize| meetings.contains(&m);
    let in_d = |d: usize| documents.contains(&d);
    let item_in = |r: &ItemRef| in_m(r.meeting);
    sel.meetings.extend(meetings);
    sel.documents.extend(documents);
    for &m in meetings {
        let meeting = &site.meetings[m];
        sel.organs.insert(meeting.organ);
        sel.years.insert(meeting.date.year);
        for part in [Part::Protokoll, Part::Kallelse] {
            for p in meeting.items(part) {
                sel.cases.extend(p.dnr.iter().cloned());
                sel.documents.extend(&p.documents);
                sel.documents.extend(&p.adopted);
                sel.people.extend(&p.presenters);
                sel.people.extend(&p.mentions);
            }
        }
        sel.documents.extend(&meeting.documents);
        sel.people
            .extend(named_in(meeting).filter_map(|n| n.person));
    }
    for (m, meeting) in site.meetings.iter().enumerate() {
        // Meetings whose pages show a changed document's card.
        let shows = meeting.documents.iter().any(|&d| in_d(d))
            || [Part::Protokoll, Part::Kallelse].iter().any(|&part| {
                meeting
                    .items(part)
                    .iter()
                    .any(|p| p.documents.iter().chain(&p.adopted).any(|&d| in_d(d)))
            });
        if shows {
            sel.meetings.insert(m);
        }
    }
    for (d, doc) in site.documents.iter().enumerate() {
        let linked = doc.meeting.is_some_and(in_m) || doc.adopted_by.as_ref().is_some_and(item_in);
        if in_d(d) {
            sel.cases.extend(doc.dnr.iter().cloned());
            if let Some(y) = doc.year.or_else(|| doc.sort_date(site).map(|x| x.year)) {
                sel.years.insert(y);
            }
            sel.meetings.extend(doc.meeting);
            sel.meetings.extend(doc.adopted_by.map(|r| r.meeting));
            let people = doc
                .authors
                .iter()
                .chain(doc.signatures.iter().map(|s| &s.who));
            sel.people.extend(people.filter_map(|n| n.person));
        }
        if linked {
            sel.documents.insert(d);
        }
    }
    for (p, person) in site.people.iter().enumerate() {
        let shows = person.attended.iter().any(|(m, _)| in_m(*m))
            || person.send_lists.iter().any(|(m, _)| in_m(*m))
            || person
                .presented
                .iter()
                .chain(&person.mentioned)
                .any(item_in)
            || person.documents.iter().any(|&d| in_d(d));
        if shows {
            sel.people.insert(p);
        }
    }
    for m in &site.memberships {
        let shown = match m.decision {
            Some(Ref::Item(r)) => in_m(r.meeting),
            Some(Ref::Document(d)) => in_d(d),
            None => false,
        };
        if shown {
            sel.people.insert(m.person);
            sel.organs.insert(m.organ);
        }
    }
}

/// Every name written in a meeting's kallelse and protokoll.
fn named_in(meeting: &Meeting) -> impl Iterator<Item = &Named> {
    let p = meeting.protokoll.iter().flat_map(|p| {
        p.chair
            .iter()
            .chain(&p.secretary)
            .chain(&p.adjusters)
            .chain(p.attendance.iter().flat_map(|(_, l)| l))
            .chain(p.signatures.iter().map(|s| &s.who))
    });
    let k = meeting.kallelse.iter().flat_map(|k| {
        k.signed_by.iter().chain(
            k.send_list
                .iter()
                .flat_map(|(_, _, rows)| rows.iter().flat_map(|r| r.first.iter().chain(&r.second))),
        )
    });
    p.chain(k)
}

/// The site paths of the entity pages in `sel` as they are in `site` (to find pages that are gone).
pub fn urls(site: &Site, sel: &Selection) -> Vec<String> {
    let mut out: Vec<String> = sel.organs.iter().map(|&o| urls::organ(site, o)).collect();
    for &m in &sel.meetings {
        out.push(urls::meeting(site, m));
        for index in 0..site.meetings[m].items(Part::Protokoll).len() {
            let r = ItemRef {
                meeting: m,
                part: Part::Protokoll,
                index,
            };
            out.push(urls::item(site, r));
        }
    }
    out.extend(
        site.cases
            .iter()
            .filter(|c| sel.cases.contains(&c.dnr))
            .map(|c| urls::case(&c.dnr)),
    );
    out.extend(sel.people.iter().map(|&p| urls::person(site, p)));
    out.extend(sel.years.iter().map(|&y| urls::year(y)));
    out.extend(sel.documents.iter().map(|&d| urls::document(site, d)));
    out
}
