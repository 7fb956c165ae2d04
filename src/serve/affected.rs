//! Which pages and files an edit can change. Before the edit, [`Before`] keeps what lists the whole
//! site (cases, years, the newest date) and what other pages show of each edited meeting
//! ([`Shown`], made by the functions those pages use); after it, [`selection`] compares them and
//! selects only the pages that show what differs; an edited document selects every page that
//! shows it, as it was and as it is. Used by `serve`'s incremental rebuild; what it cannot bound (a
//! page that would disappear) is left to a full build.

use crate::model::clock;
use crate::model::date::Date;
use crate::model::meeting::{ItemRef, Part};
use crate::model::meeting::{Meeting, Paragraph};
use crate::model::site::{CaseEntry, Document, Ref, Site, case_slug};
use crate::render::selection::{Listing, Selection};
use crate::render::shown::Shown;
use crate::resolve::Replaced;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What an edit may change of the whole site, kept from before it (the meetings, documents and
/// pages it replaced come from [`Replaced`]).
pub struct Before {
    /// The cases the edited files name, as `/arende/` lists them (no other case can change).
    cases: BTreeMap<String, Listed>,
    /// Every year with a page.
    years: BTreeSet<i32>,
    /// The newest date of the content (the notice board's day, the date of undated feeds).
    newest: Option<Date>,
    /// What other pages show of each meeting an edited file belongs to, by meeting.
    shown: BTreeMap<usize, Shown>,
}

impl Before {
    /// What `site` shows now, before the files at `edited` (relative to the root) change.
    pub fn capture(site: &Site, edited: &[&Path]) -> Before {
        let of_edited = |m: &Meeting| {
            let paths = [
                m.protokoll.as_ref().map(|p| &p.path),
                m.kallelse.as_ref().map(|k| &k.path),
            ];
            paths
                .into_iter()
                .flatten()
                .any(|p| edited.contains(&Path::new(p)))
        };
        let shown: BTreeMap<usize, Shown> = (0..site.meetings.len())
            .filter(|&m| of_edited(&site.meetings[m]))
            .map(|m| (m, Shown::of(site, m)))
            .collect();
        let documents = site
            .documents
            .iter()
            .filter(|d| edited.contains(&Path::new(&d.path)));
        let meetings = shown.keys().map(|&m| &site.meetings[m]);
        Before {
            cases: listed_cases(site, &named_cases(meetings, documents)),
            years: years(site),
            newest: clock::newest_content_date(site),
            shown,
        }
    }
}

/// What `/arende/` shows of a case: its Dnr, title and number of entries.
type Listed = (String, String, usize);

/// The cases (by slug) that `meetings` and `documents` name: the only ones their edit can add,
/// remove, retitle or give another number of entries.
fn named_cases<'a>(
    meetings: impl Iterator<Item = &'a Meeting>,
    documents: impl Iterator<Item = &'a Document>,
) -> BTreeSet<String> {
    let items = meetings.flat_map(|m| {
        let parts = [Part::Protokoll, Part::Kallelse];
        parts.into_iter().flat_map(|part| m.items(part).iter())
    });
    let dnrs = items.flat_map(|p| p.dnr.iter().map(String::as_str));
    dnrs.chain(documents.flat_map(|d| d.dnr.iter().map(String::as_str)))
        .map(case_slug)
        .collect()
}

/// What `/arende/` shows of the cases at `slugs` that exist.
fn listed_cases(site: &Site, slugs: &BTreeSet<String>) -> BTreeMap<String, Listed> {
    slugs
        .iter()
        .filter_map(|s| site.case(s))
        .map(|c| {
            let listed = (c.dnr.clone(), c.title(site), c.entries.len());
            (c.slug.clone(), listed)
        })
        .collect()
}

/// Every year that has a page: its meetings' and its documents' years.
fn years(site: &Site) -> BTreeSet<i32> {
    let meetings = site.meetings.iter().map(|m| m.date.year);
    let documents = site.documents.iter().filter_map(|d| d.list_year(site));
    meetings.chain(documents).collect()
}

/// The pages and files to render again after an edit that `replaced` entities of the site as it was
/// `before`; `site` is the site after it. Err says what page the edit removes (a full build must).
pub fn selection(before: &Before, replaced: &Replaced, site: &Site) -> Result<Selection, String> {
    let mut sel = Selection::default();
    for (m, old) in &replaced.meetings {
        let new = &site.meetings[*m];
        if new.items(Part::Protokoll).len() < old.items(Part::Protokoll).len() {
            return Err("a paragraph is gone".into());
        }
        meeting_changes(site, *m, (old, new), before.shown.get(m), &mut sel);
    }
    for (d, old) in &replaced.documents {
        for doc in [old, &site.documents[*d]] {
            document_dependents(site, *d, doc, &mut sel);
        }
        document_referrers(site, *d, &mut sel);
        sel.listings.extend([Listing::Documents, Listing::Years]);
    }
    if !replaced.pages.is_empty() {
        sel.listings.insert(Listing::Pages);
    }
    if before.newest != clock::newest_content_date(site) {
        newest_changed(site, &mut sel);
    }
    let meetings = replaced.meetings.iter().map(|(m, _)| &site.meetings[*m]);
    let documents = replaced.documents.iter().map(|(d, _)| &site.documents[*d]);
    let mut named = named_cases(meetings, documents);
    named.extend(before.cases.keys().cloned());
    let now = listed_cases(site, &named);
    if let Some((_, (dnr, ..))) = before.cases.iter().find(|(s, _)| !now.contains_key(*s)) {
        return Err(format!("the case {dnr} is gone"));
    }
    if let Some(y) = before.years.difference(&years(site)).next() {
        return Err(format!("the year {y} is gone"));
    }
    if now != before.cases {
        sel.listings.insert(Listing::Cases);
    }
    // A case's title (its first paragraph's title) is shown wherever the case is referred to:
    // every page of its paragraphs and documents (those the edit replaced are selected already).
    for (slug, (_, title, _)) in &before.cases {
        if !sel.cases.contains(slug) {
            continue;
        }
        let (Some(c), Some((_, now_title, _))) = (site.case(slug), now.get(slug)) else {
            continue;
        };
        if now_title != title {
            for e in &c.entries {
                match *e {
                    CaseEntry::Item(r) => sel.meetings.insert(r.meeting),
                    CaseEntry::Document(d) => sel.documents.insert(d),
                };
            }
        }
    }
    Ok(sel)
}

/// Selects what shows the newest date of the content: the notice board (which notices are
/// current), feeds without entries and the feed entries of documents without a date.
fn newest_changed(site: &Site, sel: &mut Selection) {
    sel.listings
        .extend([Listing::NoticeBoard, Listing::SiteFeed]);
    sel.organs
        .extend((0..site.organs.len()).filter(|&o| !site.meetings.iter().any(|m| m.organ == o)));
    for c in &site.cases {
        let undated = c.entries.iter().any(|e| match *e {
            CaseEntry::Document(d) => site.documents[d].sort_date(site).is_none(),
            CaseEntry::Item(_) => false,
        });
        if undated {
            sel.cases.insert(c.slug.clone());
        }
    }
}

/// Every name written in a meeting, as written and as resolved.
fn names(m: &Meeting) -> Vec<(&str, &str, Option<usize>)> {
    m.names()
        .map(|n| (n.written.text.as_str(), n.written.name.as_str(), n.person))
        .collect()
}

/// Selects what shows meeting `m`, edited from `old` to `new` (which other pages showed as
/// `shown`, when it was kept).
fn meeting_changes(
    site: &Site,
    m: usize,
    (old, new): (&Meeting, &Meeting),
    shown: Option<&Shown>,
    sel: &mut Selection,
) {
    sel.meetings.insert(m); // its own pages
    sel.listings.insert(Listing::Home);
    let now = Shown::of(site, m);
    let card_changed = shown.is_none_or(|was| !was.same_card(&now));
    if card_changed {
        sel.organs.insert(new.organ);
        sel.years.insert(new.date.year);
        sel.listings.extend([
            Listing::SiteFeed,
            Listing::SiteCalendar,
            Listing::MeetingList,
            Listing::Decisions, // with the day each was justerat
        ]);
        if on_board(site, new) {
            sel.listings.insert(Listing::NoticeBoard);
        }
        for x in [old, new] {
            sel.documents.extend(&x.documents);
        }
    }
    if card_changed || names(old) != names(new) {
        for x in [old, new] {
            sel.people.extend(x.names().filter_map(|n| n.person));
        }
    }
    for part in [Part::Protokoll, Part::Kallelse] {
        let (a, b) = (old.items(part), new.items(part));
        for index in 0..a.len().max(b.len()) {
            let (x, y) = (a.get(index), b.get(index));
            let was = shown.and_then(|s| s.item(part, index));
            if !card_changed && was.is_some() && was == now.item(part, index) {
                continue;
            }
            let r = ItemRef {
                meeting: m,
                part,
                index,
            };
            for p in [x, y].into_iter().flatten() {
                item_dependents(site, r, p, sel);
            }
        }
    }
}

/// Selects what shows one paragraph or agenda item `p` (as it was or is) by its card.
fn item_dependents(site: &Site, r: ItemRef, p: &Paragraph, sel: &mut Selection) {
    let meeting = &site.meetings[r.meeting];
    sel.cases.extend(p.dnr.iter().map(|d| case_slug(d)));
    sel.people.extend(&p.presenters);
    sel.people.extend(&p.mentions);
    // Its members' votes and statements are on their pages.
    let room = &p.item.room;
    sel.people.extend(
        room.votes
            .iter()
            .flat_map(|v| &v.ballots)
            .filter_map(|b| b.who.person),
    );
    sel.people
        .extend(room.statements().flat_map(|s| s.people.iter().copied()));
    sel.documents.extend(&p.documents);
    sel.documents.extend(&p.adopted);
    sel.documents.extend(&meeting.documents); // they show it as their agenda item
    for &i in &p.memberships {
        sel.people.insert(site.memberships[i].person);
        sel.organs.insert(site.memberships[i].organ);
    }
    if p.item.is_decision() && r.part == Part::Protokoll {
        sel.years.insert(meeting.date.year);
        sel.organs.insert(meeting.organ); // its feed
        sel.listings.extend([Listing::SiteFeed, Listing::Decisions]);
    }
}

/// Selects what shows document `d` as `doc` (as it was or is).
fn document_dependents(site: &Site, d: usize, doc: &Document, sel: &mut Selection) {
    sel.documents.insert(d);
    sel.cases.extend(doc.dnr.iter().map(|d| case_slug(d)));
    if let Some(y) = doc.list_year(site) {
        sel.years.insert(y);
    }
    sel.meetings.extend(doc.meeting);
    sel.meetings.extend(doc.adopted_by.map(|r| r.meeting));
    sel.people.extend(doc.names().filter_map(|n| n.person));
    // Documents of the same title (as it was or is) name their kind and date in their page's
    // title, which this edit may add or take away.
    let title = doc.title.to_lowercase();
    sel.documents.extend(
        (0..site.documents.len()).filter(|&o| site.documents[o].title.to_lowercase() == title),
    );
}

/// Selects the meetings and people's assignments that refer to document `d`.
fn document_referrers(site: &Site, d: usize, sel: &mut Selection) {
    for (m, meeting) in site.meetings.iter().enumerate() {
        let shows = meeting.documents.contains(&d)
            || [Part::Protokoll, Part::Kallelse].iter().any(|&part| {
                meeting
                    .items(part)
                    .iter()
                    .any(|p| p.documents.contains(&d) || p.adopted.contains(&d))
            });
        if shows {
            sel.meetings.insert(m);
        }
    }
    for m in &site.memberships {
        if m.decision == Some(Ref::Document(d)) {
            sel.people.insert(m.person);
            sel.organs.insert(m.organ);
        }
    }
}

/// Whether a meeting's protokoll goes on a notice board.
fn on_board(site: &Site, m: &Meeting) -> bool {
    let organ = &site.organs[m.organ];
    site.organisations[organ.organisation].notice_board
}
