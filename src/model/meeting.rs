//! A meeting (sammanträde) of an organ: its kallelse with the agenda and its protokoll with the
//! attendance, the justering and every paragraph, each paragraph with its resolved links.

use crate::model::attachment::Attachment;
use crate::model::attendance::Attendance;
use crate::model::date::{Date, Time};
use crate::model::item::Item;
use crate::model::names::{Named, Signature};
use crate::model::noticeboard::AsPrinted;
use crate::model::sitting::Day;

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

/// A paragraph or agenda item with its resolved links.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// The parsed item.
    pub item: Item,
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
    /// Files attached to it (`Bilagor:`).
    pub attachments: Vec<Attachment>,
}

/// The minutes.
#[derive(Debug, Clone)]
pub struct Minutes {
    /// Source file.
    pub path: String,
    /// Title as printed.
    pub title: Option<String>,
    /// Secretary.
    pub secretary: Option<Named>,
    /// Justerare: the members who check and sign the minutes with the chair.
    pub approvers: Vec<Named>,
    /// The day it was justerat.
    pub approved: Option<Date>,
    /// "§§ 28-35" as printed.
    pub printed_range: Option<String>,
    /// Who took part: the groups, the chairs by paragraph, the numbers left out.
    pub attendance: Attendance,
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
    /// The publisher's word (`justerat = true/false`), when written.
    pub marked: Option<bool>,
    /// The justering and anslag as printed (place, take-down day, förvaringsplats, who certified).
    pub printed: AsPrinted,
    /// Files attached to the protokoll (`bilagor`).
    pub attachments: Vec<Attachment>,
}

impl Minutes {
    /// The chair of the meeting: the first chair the attendance names (others chair ranges of §§).
    pub fn chair(&self) -> Option<&Named> {
        self.attendance.chairs.first().map(|c| &c.named)
    }

    /// Whether the minutes are approved: as the publisher marks them (`justerat`), or, unmarked,
    /// when they carry a justering date or signatures.
    pub fn is_approved(&self) -> bool {
        self.marked
            .unwrap_or(self.approved.is_some() || !self.signatures.is_empty())
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
pub struct MeetingNotice {
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
    /// Files attached to the kallelse (`bilagor`).
    pub attachments: Vec<Attachment>,
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
    /// MeetingNotice.
    pub kallelse: Option<MeetingNotice>,
    /// Minutes.
    pub protokoll: Option<Minutes>,
    /// Documents handled at it.
    pub documents: Vec<usize>,
    /// Cancelled (inställt).
    pub cancelled: bool,
    /// Which sitting of the organ that day (1, or 2 for an extra sammanträde after the first).
    pub sitting: u8,
    /// Its days, when it spans several (`[[dag]]`); empty for a meeting of one day.
    pub days: Vec<Day>,
}

/// Where a meeting stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Planerat: known, nothing sent yet.
    Planned,
    /// Kallat: the kallelse is out.
    Called,
    /// Genomfört: held, the protokoll not yet justerat.
    Held,
    /// Justerat: the protokoll is approved.
    Approved,
    /// Inställt: cancelled.
    Cancelled,
    /// Protokoll ej publicerat: the day has passed and no protokoll is published (only
    /// [`Meeting::status_on`] says so; the record itself, [`Meeting::status`], stays planned or
    /// called).
    Unpublished,
}

impl Status {
    /// A stable key for CSS classes and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Status::Planned => "planerat",
            Status::Called => "kallat",
            Status::Held => "genomfort",
            Status::Approved => "justerat",
            Status::Cancelled => "installt",
            Status::Unpublished => "ej-publicerat",
        }
    }

    /// The Swedish text pages show.
    pub fn text(self) -> &'static str {
        match self {
            Status::Planned => "Planerat",
            Status::Called => "Kallat",
            Status::Held => "Genomfört",
            Status::Approved => "Justerat",
            Status::Cancelled => "Inställt",
            Status::Unpublished => "Protokoll ej publicerat",
        }
    }
}

impl Meeting {
    /// Where it stands: cancelled, justerat, held, called or planned.
    pub fn status(&self) -> Status {
        match (&self.protokoll, &self.kallelse) {
            _ if self.cancelled => Status::Cancelled,
            (Some(p), _) if p.is_approved() => Status::Approved,
            (Some(_), _) => Status::Held,
            (None, Some(_)) => Status::Called,
            (None, None) => Status::Planned,
        }
    }

    /// Where it stands as seen on `day` (the build's reference day, [`crate::model::clock`]): as
    /// [`Meeting::status`], but a meeting whose last day is before `day` and that has no protokoll
    /// is [`Status::Unpublished`], not still called or planned. Without a day, as
    /// [`Meeting::status`].
    pub fn status_on(&self, day: Option<Date>) -> Status {
        match self.status() {
            Status::Called | Status::Planned if day.is_some_and(|d| self.last_date() < d) => {
                Status::Unpublished
            }
            s => s,
        }
    }

    /// Whether it is still to come on `day`: its last day is `day` or later and it has no protokoll
    /// (and was not cancelled). Without a day, whether it has no protokoll.
    pub fn upcoming_on(&self, day: Option<Date>) -> bool {
        matches!(self.status_on(day), Status::Called | Status::Planned)
    }

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
            sitting: 1,
            days: Vec::new(),
        }
    }

    /// Every name written in it, resolved: the protokoll's (attendance, chairs, secretary,
    /// justerare, signatures, who certified the posting, the votes of each §), then the kallelse's
    /// (sändlista, signatures), each in reading order. The one list of a meeting's names: the
    /// people's spellings, their pages and `serve`'s preview all read it.
    pub fn names(&self) -> impl Iterator<Item = &Named> {
        self.names_in(Part::Protokoll)
            .chain(self.names_in(Part::Kallelse))
    }

    /// The names written in one part (see [`Meeting::names`]).
    pub fn names_in(&self, part: Part) -> Box<dyn Iterator<Item = &Named> + '_> {
        match (part, &self.protokoll, &self.kallelse) {
            (Part::Protokoll, Some(p), _) => Box::new(
                p.attendance
                    .names()
                    .chain(p.attendance.chairs.iter().map(|c| &c.named))
                    .chain(&p.secretary)
                    .chain(&p.approvers)
                    .chain(p.signatures.iter().map(|s| &s.who))
                    .chain(&p.printed.certified_by)
                    .chain(p.items.iter().flat_map(|i| i.item.room.ballots())),
            ),
            (Part::Kallelse, _, Some(k)) => Box::new(
                k.send_list
                    .iter()
                    .flat_map(|(_, _, rows)| rows)
                    .flat_map(|r| r.first.iter().chain(&r.second))
                    .chain(&k.signed_by),
            ),
            _ => Box::new(std::iter::empty()),
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
