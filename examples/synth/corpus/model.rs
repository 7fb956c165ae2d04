//! The synthetic corpus as plain data: organisations, organs, people with memberships, meetings
//! with their attendance and paragraphs, and documents. The writers turn it into a protokoll site
//! root or into a Hugo site with the same pages.

use super::day::Day;

/// Everything generated for one seed.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Site title.
    pub title: String,
    /// Organisations; 0 is the publishing kommunförbund.
    pub organisations: Vec<Organisation>,
    /// Organs (bodies).
    pub organs: Vec<Organ>,
    /// The register of people.
    pub people: Vec<Person>,
    /// Meetings in date order.
    pub meetings: Vec<Meeting>,
    /// Documents and reports.
    pub documents: Vec<Document>,
}

/// An organisation.
#[derive(Debug, Clone)]
pub struct Organisation {
    /// Register id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Register typ.
    pub kind: &'static str,
    /// The municipality it is, for a kommun.
    pub kommun: Option<&'static str>,
}

/// An organ.
#[derive(Debug, Clone)]
pub struct Organ {
    /// Register id (URL segment).
    pub id: String,
    /// Full name.
    pub name: String,
    /// Short name for lists.
    pub short: String,
    /// The subject of its decisions ("Styrelsen beslutar …").
    pub subject: String,
    /// Owning organisation.
    pub organisation: usize,
    /// Register typ.
    pub kind: &'static str,
    /// Meetings a year.
    pub per_year: usize,
    /// Seats with a vote.
    pub seats: usize,
    /// Substitutes.
    pub substitutes: usize,
    /// Whether substitutes are personal (each replaces one member).
    pub personal_substitutes: bool,
    /// Prefix of its diarienummer ("KS ").
    pub dnr_prefix: &'static str,
}

/// A person of the register.
#[derive(Debug, Clone)]
pub struct Person {
    /// Canonical name.
    pub name: String,
    /// URL id.
    pub id: String,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Party code (politicians).
    pub party: Option<&'static str>,
    /// Municipality represented (politicians).
    pub kommun: Option<&'static str>,
    /// Employer (officials).
    pub organisation: Option<usize>,
    /// Function (officials).
    pub title: Option<&'static str>,
    /// Memberships.
    pub memberships: Vec<Membership>,
}

/// A membership of the register.
#[derive(Debug, Clone)]
pub struct Membership {
    /// Organ.
    pub organ: usize,
    /// Role, one of the register's roles.
    pub role: &'static str,
    /// Start.
    pub from: Day,
    /// End (None: current).
    pub to: Option<Day>,
    /// For a personlig ersättare: whom they replace.
    pub substitute_for: Option<usize>,
    /// The decision that made it, `organ/datum/nr`.
    pub decision: Option<String>,
}

/// A name as a document writes it.
#[derive(Debug, Clone)]
pub struct Attendee {
    /// The person.
    pub person: usize,
    /// The spelling used (canonical or an alias).
    pub spelling: String,
    /// Function written after the name ("ordförande").
    pub function: Option<String>,
}

/// A meeting.
#[derive(Debug, Clone)]
pub struct Meeting {
    /// Organ.
    pub organ: usize,
    /// Date.
    pub date: Day,
    /// Start (hour, minute).
    pub start: (u32, u32),
    /// End (hour, minute).
    pub end: (u32, u32),
    /// Place.
    pub place: &'static str,
    /// Whether it has been held (has a protokoll).
    pub held: bool,
    /// Whether a kallelse is published.
    pub notice: bool,
    /// Date the kallelse was sent.
    pub issued: Day,
    /// The day the protokoll was justerat.
    pub approved: Option<Day>,
    /// Chair.
    pub chair: Option<Attendee>,
    /// Secretary.
    pub secretary: Option<Attendee>,
    /// Justerare: the members who check and sign the minutes with the chair.
    pub approvers: Vec<Attendee>,
    /// Members with a vote.
    pub voting: Vec<Attendee>,
    /// Substitutes who served.
    pub serving: Vec<Attendee>,
    /// Substitutes present without serving.
    pub present_substitutes: Vec<Attendee>,
    /// Officials and guests.
    pub others: Vec<Attendee>,
    /// Members and substitutes the notice is sent to: (kommun, members, substitutes).
    pub send_list: Vec<(String, Vec<Attendee>, Vec<Attendee>)>,
    /// Paragraphs (protokoll numbers) in order; the kallelse numbers them 1, 2, 3 ….
    pub items: Vec<Item>,
}

/// A paragraph (and its agenda item).
#[derive(Debug, Clone)]
pub struct Item {
    /// § number in the protokoll.
    pub nr: u32,
    /// Title.
    pub title: String,
    /// Case number.
    pub dnr: Option<String>,
    /// Presenters as written.
    pub presenters: Vec<Attendee>,
    /// Ids of documents handled.
    pub documents: Vec<String>,
    /// Background paragraphs.
    pub background: Vec<String>,
    /// Beslutsunderlag lines.
    pub basis: Vec<String>,
    /// The decision.
    pub decision: String,
    /// Who the decision is sent to.
    pub send_to: Vec<&'static str>,
}

/// A document or report.
#[derive(Debug, Clone)]
pub struct Document {
    /// Id.
    pub id: String,
    /// Document typ.
    pub kind: &'static str,
    /// Title.
    pub title: String,
    /// Date.
    pub date: Day,
    /// Year covered (reports).
    pub year: Option<i32>,
    /// Issuer.
    pub organisation: usize,
    /// Organ.
    pub organ: Option<usize>,
    /// Case.
    pub dnr: Option<String>,
    /// Meeting (index) and agenda item number where handled.
    pub handled: Option<(usize, u32)>,
    /// Whether the paragraph at `handled` adopted it.
    pub adopted: bool,
    /// Authors.
    pub authors: Vec<Attendee>,
    /// Markdown body.
    pub body: String,
}

impl Corpus {
    /// `organ/YYYY-MM-DD` of a meeting.
    pub fn meeting_key(&self, m: usize) -> String {
        let meeting = &self.meetings[m];
        format!("{}/{}", self.organs[meeting.organ].id, meeting.date)
    }

    /// How many paragraphs have a decision (all of them, in this corpus).
    pub fn decisions(&self) -> usize {
        self.meetings
            .iter()
            .filter(|m| m.held)
            .map(|m| m.items.len())
            .sum()
    }

    /// "Name (P), function" as a document writes a person.
    pub fn written(&self, a: &Attendee) -> String {
        let mut s = a.spelling.clone();
        if let Some(p) = self.people[a.person].party {
            s.push_str(&format!(" ({p})"));
        }
        if let Some(f) = &a.function {
            s.push_str(", ");
            s.push_str(f);
        }
        s
    }
}
