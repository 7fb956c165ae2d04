//! The resolved site: every entity with its links both ways, read-only once built. Indices into the
//! `Site` vectors stand for references; nothing here knows about templates.

use crate::model::attendance::Attended;
use crate::model::config::Config;
use crate::model::date::Date;
use crate::model::kinds::{DocumentKind, Role};
use crate::model::meeting::{ItemRef, Meeting, Paragraph, Part};
use crate::model::names::{Named, Signature};

/// Everything the site shows.
#[derive(Debug, Default)]
pub struct Site {
    /// Site settings.
    pub config: Config,
    /// Organisations by id order.
    pub organisations: Vec<Organisation>,
    /// Organs by id order.
    pub organs: Vec<Organ>,
    /// People by id order.
    pub people: Vec<Person>,
    /// Memberships.
    pub memberships: Vec<Membership>,
    /// Meetings ordered by date, then organ.
    pub meetings: Vec<Meeting>,
    /// Documents by id order.
    pub documents: Vec<Document>,
    /// Free pages.
    pub pages: Vec<FreePage>,
    /// Cases by Dnr order.
    pub cases: Vec<Case>,
    /// The day its caller built it on (the binary: `SOURCE_DATE_EPOCH` or the day of the build);
    /// None for a site as of its content (library callers and tests).
    pub build_day: Option<Date>,
    /// The day the site is built "as of" ([`crate::model::clock::reference_day`]): the build day,
    /// else the newest date of the content. Set by the link phase of the resolve; meeting
    /// statuses, upcoming lists and current notices are relative to it, and the output records it.
    pub reference_day: Option<Date>,
}

impl Site {
    /// The case whose URL segment is `slug` (the cases are in slug order).
    pub fn case(&self, slug: &str) -> Option<&Case> {
        let i = self.cases.binary_search_by(|c| c.slug.as_str().cmp(slug));
        i.ok().map(|i| &self.cases[i])
    }

    /// Every decision, newest first.
    pub fn decisions(&self) -> impl DoubleEndedIterator<Item = ItemRef> + '_ {
        (0..self.meetings.len()).rev().flat_map(move |m| {
            let items = self.meetings[m].items(Part::Protokoll).iter().enumerate();
            items
                .rev()
                .filter(|(_, p)| p.item.is_decision())
                .map(move |(index, _)| ItemRef {
                    meeting: m,
                    part: Part::Protokoll,
                    index,
                })
        })
    }

    /// The paragraph or agenda item a reference points at.
    pub fn item(&self, r: ItemRef) -> &Paragraph {
        &self.meetings[r.meeting].items(r.part)[r.index]
    }
}

/// An organisation.
#[derive(Debug, Clone)]
pub struct Organisation {
    /// URL id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: Option<String>,
    /// Organisation number.
    pub orgnr: Option<String>,
    /// Municipality it is.
    pub kommun: Option<String>,
    /// Whether its justerade protokoll are announced on the notice board.
    pub notice_board: bool,
    /// Where its protokoll are kept.
    pub archive_place: Option<String>,
    /// The court that hears appeals against its decisions.
    pub court: Option<String>,
}

/// An organ (body).
#[derive(Debug, Clone)]
pub struct Organ {
    /// URL id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Short name.
    pub short: String,
    /// Owning organisation.
    pub organisation: usize,
    /// Kind.
    pub kind: Option<String>,
    /// Markdown description.
    pub description: String,
    /// Where its protokoll are kept, when not where the organisation's are.
    pub archive_place: Option<String>,
}

/// A person with everything that names them.
#[derive(Debug, Clone, Default)]
pub struct Person {
    /// URL id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Other spellings (register aliases).
    pub aliases: Vec<String>,
    /// Every spelling the documents use for the person, in order of first use.
    pub spellings: Vec<String>,
    /// Party code.
    pub party: Option<String>,
    /// Earlier parties, each with its period (`[[person.tidigare_parti]]`).
    pub former_parties: Vec<crate::model::party_periods::PartyPeriod>,
    /// Municipality.
    pub kommun: Option<String>,
    /// Employer.
    pub organisation: Option<usize>,
    /// Function.
    pub title: Option<String>,
    /// Memberships (indices into `Site::memberships`).
    pub memberships: Vec<usize>,
    /// Meetings of whose attendance the person is part: listed in a group, or replaced there.
    pub attended: Vec<Attended>,
    /// Items presented.
    pub presented: Vec<ItemRef>,
    /// Decisions whose text names the person.
    pub mentioned: Vec<ItemRef>,
    /// Documents written or signed.
    pub documents: Vec<usize>,
    /// Sändlistor: meeting index and column.
    pub send_lists: Vec<(usize, String)>,
    /// What they did in the room: votes, yrkanden, reservationer, protokollsanteckningar, jäv.
    pub room: Vec<(ItemRef, crate::model::vote::InRoom)>,
}

/// A membership.
#[derive(Debug, Clone)]
pub struct Membership {
    /// Person index.
    pub person: usize,
    /// Organ index.
    pub organ: usize,
    /// Role.
    pub role: Role,
    /// Start.
    pub from: Option<Date>,
    /// End.
    pub to: Option<Date>,
    /// Whom a personlig ersättare replaces.
    pub substitute_for: Option<usize>,
    /// Municipality of the seat.
    pub kommun: Option<String>,
    /// The party the seat was held for in this term, when the register says.
    pub party: Option<String>,
    /// The decision that made it.
    pub decision: Option<Ref>,
    /// Note.
    pub note: Option<String>,
}

/// A reference to a decision: a paragraph or a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref {
    /// A paragraph of a protokoll.
    Item(ItemRef),
    /// A document.
    Document(usize),
}

/// A document or report.
#[derive(Debug, Clone)]
pub struct Document {
    /// URL id.
    pub id: String,
    /// Kind.
    pub kind: DocumentKind,
    /// Title.
    pub title: String,
    /// Date.
    pub date: Option<Date>,
    /// Year covered.
    pub year: Option<i32>,
    /// Issuer.
    pub organisation: Option<usize>,
    /// Organ.
    pub organ: Option<usize>,
    /// Case numbers.
    pub dnr: Vec<String>,
    /// Meeting handled at.
    pub meeting: Option<usize>,
    /// Agenda item number at that meeting.
    pub item: Option<String>,
    /// The decision that adopted it.
    pub adopted_by: Option<ItemRef>,
    /// Authors.
    pub authors: Vec<Named>,
    /// Signatures.
    pub signatures: Vec<Signature>,
    /// Markdown.
    pub body: String,
    /// Source file.
    pub path: String,
}

impl Document {
    /// The date to sort and list it by.
    pub fn sort_date(&self, site: &Site) -> Option<Date> {
        self.date
            .or_else(|| self.meeting.map(|m| site.meetings[m].date))
    }

    /// The names written in it: its authors, then its signatures.
    pub fn names(&self) -> impl Iterator<Item = &Named> {
        let signed = self.signatures.iter().map(|s| &s.who);
        self.authors.iter().chain(signed)
    }

    /// The year it is listed under: its own `ar`, else the year of its date.
    pub fn list_year(&self, site: &Site) -> Option<i32> {
        self.year.or_else(|| self.sort_date(site).map(|x| x.year))
    }
}

/// The id of the free page with the accessibility statement, linked from every page's footer.
pub const ABOUT_PAGE: &str = "om-webbplatsen";

/// A free page.
#[derive(Debug, Clone)]
pub struct FreePage {
    /// URL id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// Markdown.
    pub body: String,
}

/// An entry of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseEntry {
    /// A paragraph or agenda item.
    Item(ItemRef),
    /// A document.
    Document(usize),
}

/// A case (ärende).
#[derive(Debug, Clone)]
pub struct Case {
    /// Dnr as written.
    pub dnr: String,
    /// URL segment.
    pub slug: String,
    /// Entries in date order.
    pub entries: Vec<CaseEntry>,
}

impl Case {
    /// Its title: the title of its first paragraph or agenda item.
    pub fn title(&self, site: &Site) -> String {
        self.entries
            .iter()
            .find_map(|e| match *e {
                CaseEntry::Item(r) => Some(site.item(r).item.title.clone()),
                CaseEntry::Document(_) => None,
            })
            .unwrap_or_default()
    }
}

/// The URL segment of the case that a Dnr, as written, belongs to (every spelling of one Dnr
/// gives the same).
pub fn case_slug(dnr: &str) -> String {
    dnr_slug(&dnr_key(dnr))
}

/// The URL segment of a Dnr: "2023/07" → "2023-07".
pub fn dnr_slug(dnr: &str) -> String {
    crate::markup::ids::slug(dnr)
}

/// The key a case is known by, from a Dnr as written without its label: its words single-spaced,
/// no spaces around `/` and `-`, letters in capitals ("ks 2006 / 123" → "KS 2006/123"). Its slug
/// is the Dnr's slug, so the URL does not change.
pub fn dnr_key(dnr: &str) -> String {
    let mut out = String::with_capacity(dnr.len());
    for w in dnr.split_whitespace() {
        if !out.is_empty() && !out.ends_with(['/', '-']) && !w.starts_with(['/', '-']) {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.to_uppercase()
}
