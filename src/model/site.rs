//! The resolved site: every entity with its links both ways, read-only once built. Indices into the
//! `Site` vectors stand for references; nothing here knows about templates.

use crate::model::date::{Date, Time};
use crate::model::names::Written;
use crate::reading::body;
use crate::reading::config::Config;

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
    pub pages: Vec<Page>,
    /// Cases by Dnr order.
    pub cases: Vec<Case>,
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
    /// Municipality.
    pub kommun: Option<String>,
    /// Employer.
    pub organisation: Option<usize>,
    /// Function.
    pub title: Option<String>,
    /// Memberships (indices into `Site::memberships`).
    pub memberships: Vec<usize>,
    /// Meetings attended: meeting index and how (an attendance group's heading).
    pub attended: Vec<(usize, &'static str)>,
    /// Items presented.
    pub presented: Vec<ItemRef>,
    /// Decisions whose text names the person.
    pub mentioned: Vec<ItemRef>,
    /// Documents written or signed.
    pub documents: Vec<usize>,
    /// Sändlistor: meeting index and column.
    pub send_lists: Vec<(usize, String)>,
}

/// A membership.
#[derive(Debug, Clone)]
pub struct Membership {
    /// Person index.
    pub person: usize,
    /// Organ index.
    pub organ: usize,
    /// Role.
    pub role: String,
    /// Start.
    pub from: Option<Date>,
    /// End.
    pub to: Option<Date>,
    /// Whom a personlig ersättare replaces.
    pub substitute_for: Option<usize>,
    /// Municipality of the seat.
    pub kommun: Option<String>,
    /// The decision that made it.
    pub decision: Option<Ref>,
    /// Note.
    pub note: Option<String>,
}

/// Which part of a meeting an item is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// The protokoll.
    Protokoll,
    /// The kallelse (agenda).
    Kallelse,
}

/// A paragraph or agenda item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemRef {
    /// Meeting index.
    pub meeting: usize,
    /// Which part.
    pub part: Part,
    /// Item index in that part.
    pub index: usize,
}

/// A reference to a decision: a paragraph or a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref {
    /// A paragraph of a protokoll.
    Item(ItemRef),
    /// A document.
    Document(usize),
}

/// A name as written, resolved to a person (None for "Vakant").
#[derive(Debug, Clone)]
pub struct Named {
    /// As written.
    pub written: Written,
    /// The person.
    pub person: Option<usize>,
}

/// A signature.
#[derive(Debug, Clone)]
pub struct Signature {
    /// Who.
    pub who: Named,
    /// Role.
    pub role: Option<String>,
    /// When, as printed.
    pub time: Option<String>,
    /// How.
    pub method: Option<String>,
}

/// A paragraph or agenda item with its resolved links.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// The parsed item.
    pub item: body::Item,
    /// Case numbers.
    pub dnr: Vec<String>,
    /// People presenting.
    pub presenters: Vec<usize>,
    /// Documents handled.
    pub documents: Vec<usize>,
    /// The matching item in the other part (agenda item ↔ paragraph).
    pub counterpart: Option<usize>,
    /// People named in the decision.
    pub mentions: Vec<usize>,
    /// Memberships made by this decision.
    pub memberships: Vec<usize>,
    /// Documents adopted by this decision.
    pub adopted: Vec<usize>,
}

/// Named groups of the attendance, in display order.
pub const ATTENDANCE_GROUPS: &[(&str, &str)] = &[
    ("beslutande", "Beslutande"),
    ("tjanstgorande_ersattare", "Tjänstgörande ersättare"),
    ("ej_tjanstgorande", "Ej tjänstgörande ersättare"),
    ("ovriga", "Övriga deltagare"),
    ("anmalda", "Anmälda deltagare"),
];

/// The minutes.
#[derive(Debug, Clone)]
pub struct Minutes {
    /// Source file.
    pub path: String,
    /// Title as printed.
    pub title: Option<String>,
    /// Chair.
    pub chair: Option<Named>,
    /// Secretary.
    pub secretary: Option<Named>,
    /// Adjusters.
    pub adjusters: Vec<Named>,
    /// Adjustment date.
    pub adjusted: Option<Date>,
    /// "§§ 28-35" as printed.
    pub printed_range: Option<String>,
    /// Attendance groups (key of ATTENDANCE_GROUPS, names).
    pub attendance: Vec<(usize, Vec<Named>)>,
    /// Opening text.
    pub preamble: String,
    /// Paragraphs.
    pub items: Vec<Paragraph>,
    /// Signatures.
    pub signatures: Vec<Signature>,
    /// The day the justering was announced on the notice board.
    pub posted: Option<Date>,
    /// Corrections after justering, oldest first.
    pub corrections: Vec<Correction>,
}

impl Minutes {
    /// Whether the minutes are approved: a justering date or signatures.
    pub fn is_adjusted(&self) -> bool {
        self.adjusted.is_some() || !self.signatures.is_empty()
    }
}

/// A correction (rättelse) of justerade minutes.
#[derive(Debug, Clone)]
pub struct Correction {
    /// When.
    pub date: Date,
    /// Why.
    pub reason: String,
    /// What changed.
    pub change: String,
    /// The paragraph it concerns (index into the protokoll's items).
    pub item: Option<usize>,
}

/// A row of a sändlista.
#[derive(Debug, Clone)]
pub struct SendRow {
    /// Municipality.
    pub kommun: String,
    /// First column.
    pub first: Vec<Named>,
    /// Second column.
    pub second: Vec<Named>,
}

/// The notice with agenda.
#[derive(Debug, Clone)]
pub struct Notice {
    /// Source file.
    pub path: String,
    /// Title as printed.
    pub title: Option<String>,
    /// Date printed on it.
    pub issued: Option<Date>,
    /// Who sent it.
    pub signed_by: Vec<Named>,
    /// Sändlista title, column headings and rows.
    pub send_list: Option<(String, Vec<String>, Vec<SendRow>)>,
    /// Information text.
    pub preamble: String,
    /// Agenda items.
    pub items: Vec<Paragraph>,
}

/// A meeting.
#[derive(Debug, Clone)]
pub struct Meeting {
    /// Organ index.
    pub organ: usize,
    /// Date.
    pub date: Date,
    /// Start.
    pub start: Option<Time>,
    /// End.
    pub end: Option<Time>,
    /// Place.
    pub place: Option<String>,
    /// Notice.
    pub kallelse: Option<Notice>,
    /// Minutes.
    pub protokoll: Option<Minutes>,
    /// Documents handled at it.
    pub documents: Vec<usize>,
    /// Cancelled (inställt).
    pub cancelled: bool,
}

impl Meeting {
    /// A meeting with nothing known yet but organ and date.
    pub fn new(organ: usize, date: Date) -> Meeting {
        Meeting {
            organ,
            date,
            start: None,
            end: None,
            place: None,
            kallelse: None,
            protokoll: None,
            documents: Vec::new(),
            cancelled: false,
        }
    }

    /// The items of one part.
    pub fn items(&self, part: Part) -> &[Paragraph] {
        match part {
            Part::Protokoll => self.protokoll.as_ref().map_or(&[], |p| &p.items),
            Part::Kallelse => self.kallelse.as_ref().map_or(&[], |k| &k.items),
        }
    }
}

/// A document or report.
#[derive(Debug, Clone)]
pub struct Document {
    /// URL id.
    pub id: String,
    /// Kind key.
    pub kind: String,
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

/// A free page.
#[derive(Debug, Clone)]
pub struct Page {
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

/// The URL segment of a Dnr: "2023/07" → "2023-07".
pub fn dnr_slug(dnr: &str) -> String {
    crate::markup::ids::slug(dnr)
}
