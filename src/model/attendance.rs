//! Who took part in a meeting, as its protokoll prints it: the attendance groups with the heading
//! the paper uses (beslutande, tjänstgörande ersättare, anmält förhinder, suppleanter, tjänstemän
//! …), each name with its role, the paragraphs or hours it was there for and whom a serving
//! ersättare replaced; the chairs by paragraph range; the paragraph numbers left out on purpose.
//! From these the model answers who was beslutande at each § and who chaired it.

use crate::model::date::{Date, Time};
use crate::model::names::Named;

/// The kind of an attendance group: what being listed in it says about a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupKind {
    /// Beslutande: members with a vote.
    Voting,
    /// Tjänstgörande ersättare: substitutes who served, with a vote.
    ServingSubstitutes,
    /// Ej tjänstgörande ersättare (a förening's suppleanter): present, without a vote.
    NonServingSubstitutes,
    /// Frånvarande, anmält förhinder: members who were not there.
    Absent,
    /// Övriga deltagare: officials, guests, adjungerade, the secretariat.
    Others,
    /// Anmälda deltagare: registered participants of a conference.
    Registered,
}

impl GroupKind {
    /// Every kind, in the order the meeting page lists the groups of the front matter's own keys.
    pub const ALL: [GroupKind; 6] = [
        GroupKind::Voting,
        GroupKind::ServingSubstitutes,
        GroupKind::NonServingSubstitutes,
        GroupKind::Absent,
        GroupKind::Others,
        GroupKind::Registered,
    ];

    /// The key under `[narvaro]` (and `slag` of a `[[narvaro.grupp]]`), also the JSON key.
    pub fn key(self) -> &'static str {
        match self {
            GroupKind::Voting => "beslutande",
            GroupKind::ServingSubstitutes => "tjanstgorande_ersattare",
            GroupKind::NonServingSubstitutes => "ej_tjanstgorande",
            GroupKind::Absent => "franvarande",
            GroupKind::Others => "ovriga",
            GroupKind::Registered => "anmalda",
        }
    }

    /// The heading pages show when the paper's own is not written.
    pub fn heading(self) -> &'static str {
        match self {
            GroupKind::Voting => "Beslutande",
            GroupKind::ServingSubstitutes => "Tjänstgörande ersättare",
            GroupKind::NonServingSubstitutes => "Ej tjänstgörande ersättare",
            GroupKind::Absent => "Frånvarande",
            GroupKind::Others => "Övriga deltagare",
            GroupKind::Registered => "Anmälda deltagare",
        }
    }

    /// The kind whose key this is.
    pub fn from_key(key: &str) -> Option<GroupKind> {
        GroupKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Whether the people of the group decide (beslutande and tjänstgörande ersättare).
    pub fn votes(self) -> bool {
        matches!(self, GroupKind::Voting | GroupKind::ServingSubstitutes)
    }

    /// Whether being in the group means being at the meeting.
    pub fn present(self) -> bool {
        self != GroupKind::Absent
    }
}

/// A role printed after a name in the attendance or for a chair ("ordförande", "ålderspresident").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AttendanceRole {
    /// Ordförande.
    Chair,
    /// Förste vice ordförande (1:e vice ordförande).
    FirstViceChair,
    /// Vice ordförande.
    ViceChair,
    /// Andre vice ordförande (2:e vice ordförande).
    SecondViceChair,
    /// Ålderspresident: the eldest member, chairing until a chair is elected.
    EldestMember,
    /// Mötesordförande: chair of this meeting only.
    MeetingChair,
    /// Sekreterare.
    Secretary,
    /// Justerare.
    Approver,
    /// Ledamot.
    Member,
    /// Ersättare.
    Substitute,
    /// Suppleant (a förening's ersättare).
    Deputy,
    /// Adjungerad: taking part without a vote.
    CoOpted,
}

impl AttendanceRole {
    /// Every role.
    pub const ALL: [AttendanceRole; 12] = [
        AttendanceRole::Chair,
        AttendanceRole::FirstViceChair,
        AttendanceRole::ViceChair,
        AttendanceRole::SecondViceChair,
        AttendanceRole::EldestMember,
        AttendanceRole::MeetingChair,
        AttendanceRole::Secretary,
        AttendanceRole::Approver,
        AttendanceRole::Member,
        AttendanceRole::Substitute,
        AttendanceRole::Deputy,
        AttendanceRole::CoOpted,
    ];

    /// A stable key for JSON.
    pub fn key(self) -> &'static str {
        match self {
            AttendanceRole::Chair => "ordforande",
            AttendanceRole::FirstViceChair => "forste-vice-ordforande",
            AttendanceRole::ViceChair => "vice-ordforande",
            AttendanceRole::SecondViceChair => "andre-vice-ordforande",
            AttendanceRole::EldestMember => "alderspresident",
            AttendanceRole::MeetingChair => "motesordforande",
            AttendanceRole::Secretary => "sekreterare",
            AttendanceRole::Approver => "justerare",
            AttendanceRole::Member => "ledamot",
            AttendanceRole::Substitute => "ersattare",
            AttendanceRole::Deputy => "suppleant",
            AttendanceRole::CoOpted => "adjungerad",
        }
    }

    /// The Swedish name pages show.
    pub fn text(self) -> &'static str {
        match self {
            AttendanceRole::Chair => "ordförande",
            AttendanceRole::FirstViceChair => "förste vice ordförande",
            AttendanceRole::ViceChair => "vice ordförande",
            AttendanceRole::SecondViceChair => "andre vice ordförande",
            AttendanceRole::EldestMember => "ålderspresident",
            AttendanceRole::MeetingChair => "mötesordförande",
            AttendanceRole::Secretary => "sekreterare",
            AttendanceRole::Approver => "justerare",
            AttendanceRole::Member => "ledamot",
            AttendanceRole::Substitute => "ersättare",
            AttendanceRole::Deputy => "suppleant",
            AttendanceRole::CoOpted => "adjungerad",
        }
    }
}

/// Part of a meeting as printed after a name: the hours and days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hours {
    /// From (`fr.o.m. kl 10.30`, `kl 10.30–12.00`).
    pub from: Option<Time>,
    /// To.
    pub to: Option<Time>,
    /// The days of a meeting over several days the person was there.
    pub days: Vec<Date>,
}

impl Hours {
    /// Whether nothing is printed.
    pub fn is_empty(&self) -> bool {
        self.from.is_none() && self.to.is_none() && self.days.is_empty()
    }
}

/// A name of an attendance group.
#[derive(Debug, Clone)]
pub struct Attendee {
    /// The name as written (its function as printed, partial attendance included).
    pub named: Named,
    /// The role printed after the name, when it is one the model knows.
    pub role: Option<AttendanceRole>,
    /// The paragraphs (indices into the protokoll's items) the person was there for (in the
    /// absent group: away for), when printed for part of the meeting; None: the whole meeting.
    pub items: Option<Vec<usize>>,
    /// Hours and days printed for part of the meeting.
    pub hours: Hours,
    /// Whom the person served for (`ersätter …`, `ersättare för …`), as written.
    pub replaces: Option<Named>,
    /// The word the paper joins them with ("ersätter", "ersättare för").
    pub replaces_word: String,
    /// What follows the replaced name as printed ("§ 84–89").
    pub replaces_rest: String,
}

impl Attendee {
    /// Whether the person is listed for item `i`.
    pub fn at(&self, i: usize) -> bool {
        self.items.as_ref().is_none_or(|v| v.contains(&i))
    }
}

/// One group of the attendance, as printed.
#[derive(Debug, Clone)]
pub struct Group {
    /// What the group is.
    pub kind: GroupKind,
    /// Its heading: the paper's own or the kind's.
    pub heading: String,
    /// The names.
    pub entries: Vec<Attendee>,
}

/// A chair, for the whole meeting or a range of paragraphs.
#[derive(Debug, Clone)]
pub struct Chair {
    /// Who, as written.
    pub named: Named,
    /// The role printed (ålderspresident, vice ordförande …).
    pub role: Option<AttendanceRole>,
    /// The paragraphs (item indices) chaired, when printed; None: every paragraph no other
    /// chair's range covers.
    pub items: Option<Vec<usize>>,
}

/// A paragraph number left out on purpose (`[[utelamnad]]`), with the paper's reason.
#[derive(Debug, Clone)]
pub struct Omitted {
    /// The number as printed.
    pub number: String,
    /// Why.
    pub reason: String,
}

/// The attendance of a protokoll.
#[derive(Debug, Clone, Default)]
pub struct Attendance {
    /// The groups in the order the page lists them.
    pub groups: Vec<Group>,
    /// The chairs; empty when none is written.
    pub chairs: Vec<Chair>,
    /// Paragraph numbers left out on purpose.
    pub omitted: Vec<Omitted>,
}

/// Where an attendee stands: group and entry index.
pub type Seat = (usize, usize);

impl Attendance {
    /// Every attendee with its seat.
    pub fn seats(&self) -> impl Iterator<Item = (Seat, &Attendee)> {
        self.groups.iter().enumerate().flat_map(|(g, group)| {
            group
                .entries
                .iter()
                .enumerate()
                .map(move |(e, a)| ((g, e), a))
        })
    }

    /// Every name of the groups in reading order (each attendee, then whom they replaced).
    pub fn names(&self) -> impl Iterator<Item = &Named> {
        self.groups
            .iter()
            .flat_map(|g| &g.entries)
            .flat_map(|a| std::iter::once(&a.named).chain(&a.replaces))
    }

    /// The attendee who served for `person` at item `i`, if any.
    pub fn replaced_at(&self, person: usize, i: usize) -> Option<Seat> {
        self.seats()
            .find(|(s, a)| {
                self.groups[s.0].kind.votes()
                    && a.at(i)
                    && a.replaces.as_ref().and_then(|r| r.person) == Some(person)
            })
            .map(|(s, _)| s)
    }

    /// Who decided at item `i`: the voting groups' names listed for it, but those an ersättare
    /// served for there.
    pub fn voting_at(&self, i: usize) -> Vec<Seat> {
        self.seats()
            .filter(|(s, a)| self.groups[s.0].kind.votes() && a.at(i))
            .filter(|(_, a)| {
                a.named
                    .person
                    .is_none_or(|p| self.replaced_at(p, i).is_none())
            })
            .map(|(s, _)| s)
            .collect()
    }

    /// Who chaired item `i`: the chair whose range covers it, else the chair without a range.
    pub fn chair_at(&self, i: usize) -> Option<&Chair> {
        let ranged = self
            .chairs
            .iter()
            .find(|c| c.items.as_ref().is_some_and(|v| v.contains(&i)));
        ranged.or_else(|| self.chairs.iter().find(|c| c.items.is_none()))
    }

    /// Whether who decided or chaired differs between paragraphs (partial attendance, ersättare
    /// for some paragraphs, several chairs): only then is it told paragraph by paragraph.
    pub fn varies(&self) -> bool {
        let partial = self.seats().any(|(s, a)| {
            let g = self.groups[s.0].kind;
            (g.votes() || g == GroupKind::Absent) && a.items.is_some()
        });
        let chairs = self.chairs.len() > 1 || self.chairs.iter().any(|c| c.items.is_some());
        partial || chairs
    }
}

/// How a person took part in a meeting (for the person's page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attended {
    /// Meeting index.
    pub meeting: usize,
    /// The attendee's seat in that meeting's protokoll.
    pub seat: Seat,
    /// True when the person is the one replaced at that seat (not listed there themselves).
    pub replaced: bool,
}
