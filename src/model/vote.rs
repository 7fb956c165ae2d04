//! What happens in the room under a paragraph, as data: yrkanden (who moved what), omröstningar
//! (the counts and, where printed, each member's vote), reservationer and protokollsanteckningar
//! by member with their written reasons, jäv (who did not take part, and why), and whom the
//! decision is sent to. `reading::room` reads them from a paragraph's sections; `resolve` links
//! the names to people.

use crate::model::names::Named;

/// The choices of a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Choice {
    /// Ja.
    Yes,
    /// Nej.
    No,
    /// Avstår (abstains).
    Abstain,
    /// Frånvarande (absent at the vote).
    Absent,
}

impl Choice {
    /// All, in the order they are printed.
    pub const ALL: [Choice; 4] = [Choice::Yes, Choice::No, Choice::Abstain, Choice::Absent];

    /// The key of JSON, CSV and CSS.
    pub fn key(self) -> &'static str {
        match self {
            Choice::Yes => "ja",
            Choice::No => "nej",
            Choice::Abstain => "avstar",
            Choice::Absent => "franvarande",
        }
    }

    /// The Swedish word pages show.
    pub fn text(self) -> &'static str {
        match self {
            Choice::Yes => "Ja",
            Choice::No => "Nej",
            Choice::Abstain => "Avstår",
            Choice::Absent => "Frånvarande",
        }
    }
}

/// The counts of a vote, each as printed or counted from the members' votes (None: not known).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Ja.
    pub yes: Option<u32>,
    /// Nej.
    pub no: Option<u32>,
    /// Avstår.
    pub abstain: Option<u32>,
    /// Frånvarande.
    pub absent: Option<u32>,
}

impl Counts {
    /// The count of one choice.
    pub fn get(&self, c: Choice) -> Option<u32> {
        match c {
            Choice::Yes => self.yes,
            Choice::No => self.no,
            Choice::Abstain => self.abstain,
            Choice::Absent => self.absent,
        }
    }

    /// The count of one choice, to set.
    pub fn slot(&mut self, c: Choice) -> &mut Option<u32> {
        match c {
            Choice::Yes => &mut self.yes,
            Choice::No => &mut self.no,
            Choice::Abstain => &mut self.abstain,
            Choice::Absent => &mut self.absent,
        }
    }

    /// Whether no count is known.
    pub fn is_empty(&self) -> bool {
        Choice::ALL.iter().all(|&c| self.get(c).is_none())
    }
}

/// One member's vote in a roll-call (namnupprop).
#[derive(Debug, Clone)]
pub struct Ballot {
    /// The name as written ("Anna Berg (M)") and the person (set by resolve).
    pub who: Named,
    /// How they voted.
    pub choice: Choice,
    /// 1-based line of the name.
    pub line: usize,
    /// 1-based column of the name.
    pub col: usize,
}

/// An omröstning.
#[derive(Debug, Clone, Default)]
pub struct Vote {
    /// Index of the section it was read from.
    pub section: usize,
    /// 1-based line of its heading.
    pub line: usize,
    /// The counts as printed ("25 ja-röster mot 14 nej-röster, 2 avstår"), with the line they are
    /// on.
    pub printed: Option<(Counts, usize)>,
    /// Each member's vote, where printed, in the order printed.
    pub ballots: Vec<Ballot>,
    /// The section's Markdown before the members' votes (the propositions, the counts), or all of
    /// it when no member's vote is printed.
    pub text: String,
    /// The section's Markdown after the members' votes (the result).
    pub after: String,
}

impl Vote {
    /// The counts: from the members' votes when printed, else as printed.
    pub fn counts(&self) -> Counts {
        if self.ballots.is_empty() {
            return self.printed.map(|(c, _)| c).unwrap_or_default();
        }
        let mut c = Counts::default();
        for b in &self.ballots {
            *c.slot(b.choice) = Some(c.get(b.choice).unwrap_or(0) + 1);
        }
        // A choice nobody made counts 0 when the roll-call is printed.
        for ch in [Choice::Yes, Choice::No, Choice::Abstain] {
            c.slot(ch).get_or_insert(0);
        }
        if let Some((p, _)) = self.printed
            && c.absent.is_none()
        {
            c.absent = p.absent;
        }
        c
    }

    /// The choice that won: the larger of ja and nej (None on a tie or without counts).
    pub fn outcome(&self) -> Option<Choice> {
        let c = self.counts();
        match (c.yes?, c.no?) {
            (y, n) if y > n => Some(Choice::Yes),
            (y, n) if n > y => Some(Choice::No),
            _ => None,
        }
    }
}

/// What kind of statement a member made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatementKind {
    /// Yrkande.
    Motion,
    /// Reservation.
    Reservation,
    /// Protokollsanteckning.
    Note,
    /// Jäv.
    Disqualified,
}

impl StatementKind {
    /// All, in the order pages and twins list them.
    pub const ALL: [StatementKind; 4] = [
        StatementKind::Motion,
        StatementKind::Reservation,
        StatementKind::Note,
        StatementKind::Disqualified,
    ];

    /// Its place in [`StatementKind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The key of JSON and CSS.
    pub fn key(self) -> &'static str {
        match self {
            StatementKind::Motion => "yrkande",
            StatementKind::Reservation => "reservation",
            StatementKind::Note => "protokollsanteckning",
            StatementKind::Disqualified => "jav",
        }
    }
}

/// A yrkande, reservation, protokollsanteckning or jäv: who, what they said, and why.
#[derive(Debug, Clone)]
pub struct Statement {
    /// Which.
    pub kind: StatementKind,
    /// The words that name who made it, as printed ("Anna Berg (M) och Per Ek (M)").
    pub who: String,
    /// The first sentence or line, as printed (plain text).
    pub text: String,
    /// The section it was read from (None: a `Jäv:` meta line).
    pub section: Option<usize>,
    /// The written reason or the text of the yrkande or anteckning (Markdown; may be empty).
    pub reason: String,
    /// 1-based line where it starts.
    pub line: usize,
    /// 1-based column where it starts.
    pub col: usize,
    /// The people it names (set by resolve).
    pub people: Vec<usize>,
}

/// Everything that happened in the room under one paragraph.
#[derive(Debug, Clone, Default)]
pub struct Room {
    /// Yrkanden.
    pub motions: Vec<Statement>,
    /// Omröstningar, in order.
    pub votes: Vec<Vote>,
    /// Reservationer.
    pub reservations: Vec<Statement>,
    /// Protokollsanteckningar.
    pub notes: Vec<Statement>,
    /// Jäv.
    pub disqualified: Vec<Statement>,
    /// Beslutet skickas till: one recipient per entry.
    pub send_to: Vec<String>,
}

impl Room {
    /// The members' ballots of every vote, as names (in the order printed).
    pub fn ballots(&self) -> impl Iterator<Item = &Named> {
        self.votes.iter().flat_map(|v| &v.ballots).map(|b| &b.who)
    }

    /// Every statement, of every kind.
    pub fn statements(&self) -> impl Iterator<Item = &Statement> {
        self.motions
            .iter()
            .chain(&self.reservations)
            .chain(&self.notes)
            .chain(&self.disqualified)
    }

    /// Every statement, to fill in.
    pub fn statements_mut(&mut self) -> impl Iterator<Item = &mut Statement> {
        self.motions
            .iter_mut()
            .chain(&mut self.reservations)
            .chain(&mut self.notes)
            .chain(&mut self.disqualified)
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.votes.is_empty() && self.statements().next().is_none() && self.send_to.is_empty()
    }
}

/// What a person did in the room under a paragraph (a person page lists them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InRoom {
    /// Voted so in the paragraph's `n`th vote (0-based).
    Voted(usize, Choice),
    /// Made a statement of this kind.
    Said(StatementKind),
}
