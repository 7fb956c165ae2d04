//! What to render: everything (a full build), or the entities and site-wide outputs an edit can
//! have changed (`serve` re-renders a selection after an edit).

use std::collections::BTreeSet;

/// The site-wide outputs, made from many entities rather than one: each page or file belongs to
/// one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Listing {
    /// The home page.
    Home,
    /// `/atom.xml`: the newest meetings and decisions.
    SiteFeed,
    /// `/kalender.ics`: every meeting.
    SiteCalendar,
    /// `/organ/`.
    Organs,
    /// `/arende/`.
    Cases,
    /// `/person/`, `/parti/`, `/kommun/` and the party and municipality pages.
    People,
    /// `/ar/`.
    Years,
    /// `/dokument/`.
    Documents,
    /// The free pages.
    Pages,
    /// `/anslagstavla/` and its feed.
    NoticeBoard,
    /// `/api/moten.json`: every meeting.
    MeetingList,
    /// `/api/beslut.csv`: every decision.
    Decisions,
    /// The rest of `/api/` (the page, its index, organisations, memberships): registers only.
    Registers,
    /// `/sok/` and `/404.html`, which show nothing of the content.
    Fixed,
    /// `/oparl/`: the OParl endpoint, made from the whole record.
    Oparl,
}

/// Which pages and files to make: everything (a full build), or what an edit can have changed
/// (`serve` re-renders a selection after an edit).
#[derive(Debug, Default, Clone)]
pub struct Selection {
    /// Every page and file (a full build); the sets below are then ignored.
    pub everything: bool,
    /// Site-wide pages and files.
    pub listings: BTreeSet<Listing>,
    /// Organs by index.
    pub organs: BTreeSet<usize>,
    /// Meetings by index, with their paragraph pages.
    pub meetings: BTreeSet<usize>,
    /// Cases by slug (the Dnr as a URL segment: every spelling of a Dnr gives its case's).
    pub cases: BTreeSet<String>,
    /// People by index.
    pub people: BTreeSet<usize>,
    /// Years.
    pub years: BTreeSet<i32>,
    /// Documents by index.
    pub documents: BTreeSet<usize>,
}

impl Selection {
    /// Everything: a full build.
    pub fn everything() -> Selection {
        Selection {
            everything: true,
            ..Selection::default()
        }
    }

    /// Whether `x` of `set` is selected.
    pub fn has<T: Ord>(&self, set: &BTreeSet<T>, x: &T) -> bool {
        self.everything || set.contains(x)
    }

    /// Whether the site-wide pages or files of `l` are selected.
    pub fn lists(&self, l: Listing) -> bool {
        self.everything || self.listings.contains(&l)
    }
}
