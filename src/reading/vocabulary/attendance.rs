//! The attendance as minutes print it: the groups (beslutande, tjänstgörande ersättare, anmält
//! förhinder …), the roles after a name, partial attendance (`fr.o.m. § 16`, `t.o.m. § 18`,
//! `ej § 91–97`, `§ 84–89`, `kl 10.30–12.00`, `3 november`), whom a serving ersättare replaces
//! (`ersätter …`, `ersättare för …`), and the labels of the Anslag/bevis block. The format's
//! attendance lists and the import read entries with [`read_entry`].

pub use super::qualifiers::{DayMark, NumberSpan, Qualifier};
use super::qualifiers::{boundary_before, qualifiers_in, read_qualifiers, word_at};
use crate::model::attendance::{AttendanceRole, GroupKind};
use std::ops::Range;

/// Group headings as papers print them (lower case, without a trailing colon), and their kind.
pub const GROUP_HEADINGS: &[(&str, GroupKind)] = &[
    ("beslutande", GroupKind::Voting),
    ("beslutande ledamöter", GroupKind::Voting),
    ("närvarande ledamöter", GroupKind::Voting),
    ("närvarade ledamöter", GroupKind::Voting),
    ("ledamöter", GroupKind::Voting),
    ("närvarande", GroupKind::Voting),
    ("tjänstgörande ersättare", GroupKind::ServingSubstitutes),
    ("tjänstgörande suppleanter", GroupKind::ServingSubstitutes),
    (
        "ej tjänstgörande ersättare",
        GroupKind::NonServingSubstitutes,
    ),
    ("ej tjänstgörande", GroupKind::NonServingSubstitutes),
    ("närvarande ersättare", GroupKind::NonServingSubstitutes),
    ("ersättare", GroupKind::NonServingSubstitutes),
    ("suppleanter", GroupKind::NonServingSubstitutes),
    ("närvarande suppleanter", GroupKind::NonServingSubstitutes),
    ("anmält förhinder", GroupKind::Absent),
    ("förhinder", GroupKind::Absent),
    ("frånvarande", GroupKind::Absent),
    ("frånvarande ledamöter", GroupKind::Absent),
    ("ej närvarande", GroupKind::Absent),
    ("övriga deltagare", GroupKind::Others),
    ("övriga närvarande", GroupKind::Others),
    ("övriga medverkande", GroupKind::Others),
    ("övriga", GroupKind::Others),
    ("övriga förtroendevalda", GroupKind::Others),
    ("tjänstemän", GroupKind::Others),
    ("närvarande tjänstemän", GroupKind::Others),
    ("tjänstepersoner", GroupKind::Others),
    ("sekretariatet", GroupKind::Others),
    ("sekretariat", GroupKind::Others),
    ("adjungerade", GroupKind::Others),
    ("adjungerad", GroupKind::Others),
    ("insynsplatser", GroupKind::Others),
    ("anmälda", GroupKind::Registered),
    ("anmälda deltagare", GroupKind::Registered),
    ("deltagare", GroupKind::Registered),
];

/// The kind of group a printed heading names ("Anmält förhinder:" → absent). A heading that
/// goes on to say what the people were at ("Anmälda till presidiekonferensen", "Närvarande vid
/// sammanträdet") names the group of its first words.
pub fn group_of_heading(heading: &str) -> Option<GroupKind> {
    let h = heading.trim().trim_end_matches(':').trim().to_lowercase();
    let h: Vec<&str> = h.split_whitespace().collect();
    let known = |words: &[&str]| {
        let h = words.join(" ");
        GROUP_HEADINGS.iter().find(|(w, _)| *w == h).map(|x| x.1)
    };
    known(&h).or_else(|| {
        let at = h
            .iter()
            .position(|w| ["till", "vid", "på", "i"].contains(w))
            .filter(|&i| i > 0 && i + 1 < h.len())?;
        known(&h[..at])
    })
}

/// The labels of a protokoll's header table (lower case, without a colon) that are not attendance
/// groups or [`ANSLAG_LABELS`], and the front-matter key each fills (`plats` for "Plats och tid":
/// the place, the date and the hours are read from it).
pub const MEETING_LABELS: &[(&str, &str)] = &[
    ("organ", "organ"),
    ("nämnd", "organ"),
    ("plats och tid", "plats"),
    ("tid och plats", "plats"),
    ("plats", "plats"),
    ("tid", "tid"),
    ("datum", "datum"),
    ("sammanträdesdatum", "datum"),
    ("sammanträdesdag", "datum"),
    ("paragrafer", "paragrafer"),
    ("§§", "paragrafer"),
    ("ordförande", "ordforande"),
    ("sekreterare", "sekreterare"),
    ("justerare", "justerare"),
    ("underskrifter", "underskrift"),
];

/// The front-matter key a header table's label fills, from [`MEETING_LABELS`] and
/// [`ANSLAG_LABELS`] (case, spaces and a trailing colon aside).
pub fn header_key(label: &str) -> Option<&'static str> {
    let l = label.trim().trim_end_matches(':').trim().to_lowercase();
    let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
    MEETING_LABELS
        .iter()
        .chain(ANSLAG_LABELS)
        .find(|(w, _)| *w == l)
        .map(|x| x.1)
}

/// Roles as printed after a name (lower case), and the role each is.
pub const ROLE_WORDS: &[(&str, AttendanceRole)] = &[
    ("ordförande", AttendanceRole::Chair),
    ("ordf", AttendanceRole::Chair),
    ("ordf.", AttendanceRole::Chair),
    ("förste vice ordförande", AttendanceRole::FirstViceChair),
    ("1:e vice ordförande", AttendanceRole::FirstViceChair),
    ("1:e vice ordf", AttendanceRole::FirstViceChair),
    ("vice ordförande", AttendanceRole::ViceChair),
    ("vice ordf", AttendanceRole::ViceChair),
    ("vice ordf.", AttendanceRole::ViceChair),
    ("andre vice ordförande", AttendanceRole::SecondViceChair),
    ("2:e vice ordförande", AttendanceRole::SecondViceChair),
    ("2:e vice ordf", AttendanceRole::SecondViceChair),
    ("ålderspresident", AttendanceRole::EldestMember),
    ("mötesordförande", AttendanceRole::MeetingChair),
    ("ordförande för mötet", AttendanceRole::MeetingChair),
    ("sekreterare", AttendanceRole::Secretary),
    ("justerare", AttendanceRole::Approver),
    ("ledamot", AttendanceRole::Member),
    ("ersättare", AttendanceRole::Substitute),
    ("tjänstgörande ersättare", AttendanceRole::Substitute),
    ("suppleant", AttendanceRole::Deputy),
    ("adjungerad", AttendanceRole::CoOpted),
    ("adjungerad ledamot", AttendanceRole::CoOpted),
];

/// The role a printed function is, when it is one of [`ROLE_WORDS`] (case and spaces aside).
pub fn role_of(function: &str) -> Option<AttendanceRole> {
    let f = function.trim().trim_end_matches(',').trim().to_lowercase();
    let f: Vec<&str> = f.split_whitespace().collect();
    let f = f.join(" ");
    ROLE_WORDS.iter().find(|(w, _)| *w == f).map(|x| x.1)
}

/// Words that join a serving ersättare to the member they serve for (longest first).
pub const REPLACES: &[&str] = &[
    "tjänstgörande ersättare för",
    "tjänstgörande för",
    "ersättare för",
    "i stället för",
    "istället för",
    "tjänstgör för",
    "ersätter",
    "ers. för",
    "ers för",
];

/// The labels of the Anslag/bevis block and of the justering (lower case), and the front-matter
/// key of the protokoll that holds each.
pub const ANSLAG_LABELS: &[(&str, &str)] = &[
    ("justeringens plats och tid", "justeringsplats"),
    ("justeringens plats", "justeringsplats"),
    ("utses att justera", "justerare"),
    ("datum då anslaget sätts upp", "anslagen"),
    ("datum för anslags uppsättande", "anslagen"),
    ("anslaget uppsatt", "anslagen"),
    ("anslaget är uppsatt", "anslagen"),
    ("datum då anslaget tas ned", "nedtagen"),
    ("datum för anslags nedtagande", "nedtagen"),
    ("anslaget nedtas", "nedtagen"),
    ("förvaringsplats för protokollet", "forvaringsplats"),
    ("förvaringsplats", "forvaringsplats"),
    ("intygas", "intygat_av"),
    ("underskrift", "intygat_av"),
];

/// The member a serving ersättare replaced, as printed after [`REPLACES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// The joining word as written ("ersätter").
    pub word: Range<usize>,
    /// The replaced member's name.
    pub name: Range<usize>,
    /// Their party, inside the parentheses.
    pub party: Option<Range<usize>>,
    /// What follows the party as written (qualifiers).
    pub rest: Range<usize>,
}

/// An attendance entry as printed, cut into its parts (byte ranges into the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name, to resolve against the register.
    pub name: Range<usize>,
    /// The party, inside the parentheses.
    pub party: Option<Range<usize>>,
    /// Everything after the name and party as written (role, function, qualifiers), up to a
    /// replaced member; may be empty.
    pub function: Range<usize>,
    /// The function without its qualifiers: a role or a title.
    pub title: Range<usize>,
    /// The qualifiers, of the entry and after the replaced member, each where it is printed.
    pub qualifiers: Vec<(Range<usize>, Qualifier)>,
    /// Whom the person served for.
    pub replaces: Option<Replaced>,
}

/// Cuts an entry of an attendance list: `Name (P), function`, then partial attendance, then
/// `ersätter Name (P)` and its own qualifiers. Without qualifiers or a replaced member, name,
/// party and function are what [`crate::model::names::split_written`] makes of the text.
pub fn read_entry(text: &str) -> Entry {
    let (head, replaces) = match find_replaces(text) {
        Some((word, after)) => (0..word.start, Some((word, after..text.len()))),
        None => (0..text.len(), None),
    };
    let (quals_at, mut qualifiers) = qualifiers_in(text, head.clone());
    let core = head.start..quals_at;
    let (name, party, after) = split_name(text, core.clone());
    let function = trim_function(text, after..head.end);
    let title = trim_function(text, after..quals_at.max(after));
    let replaces = replaces.map(|(word, tail)| {
        let (at, more) = qualifiers_in(text, tail.clone());
        qualifiers.extend(more);
        let (name, party, after) = split_name(text, tail.start..at);
        let rest = trim_function(text, after..tail.end);
        Replaced {
            word,
            name,
            party,
            rest,
        }
    });
    Entry {
        name,
        party,
        function,
        title,
        qualifiers,
        replaces,
    }
}

/// The name and party at the start of `r`, and where what follows them starts.
fn split_name(text: &str, r: Range<usize>) -> (Range<usize>, Option<Range<usize>>, usize) {
    let t = &text[r.clone()];
    let lead = t.len() - t.trim_start().len();
    let start = r.start + lead;
    let t = &text[start..r.end];
    let end = t.find(['(', ',', '§']).unwrap_or(t.len());
    let name = trimmed(text, start..start + end);
    let rest = &t[end..];
    if let Some(inner) = rest.strip_prefix('(')
        && let Some(close) = inner.find(')')
    {
        let p = start + end + 1;
        return (name, Some(trimmed(text, p..p + close)), p + close + 1);
    }
    (name, None, start + end)
}

/// `r` without the whitespace at either end.
fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let t = &text[r.clone()];
    let start = r.start + (t.len() - t.trim_start().len());
    start..start + t.trim().len()
}

/// `r` without leading commas and spaces and without whitespace at the end.
fn trim_function(text: &str, r: Range<usize>) -> Range<usize> {
    let t = &text[r.clone()];
    let start = r.start + (t.len() - t.trim_start_matches([',', ' ']).len());
    let r = trimmed(text, start..r.end);
    // A comma that only separated the function from qualifiers is not part of it.
    let t = &text[r.clone()];
    r.start..r.start + t.trim_end_matches([',', ' ']).len()
}

/// A function as printed after a name, without the qualifiers at its end: "ordförande § 74–88" →
/// "ordförande", "§33" → "".
pub fn title_of(function: &str) -> &str {
    if read_qualifiers(function, 0..function.len()).is_some() {
        return "";
    }
    let (at, _) = qualifiers_in(function, 0..function.len());
    function[..at].trim().trim_end_matches(',').trim_end()
}

/// The first joining word of [`REPLACES`] after the first word of the text: its range and
/// where the replaced name starts.
fn find_replaces(text: &str) -> Option<(Range<usize>, usize)> {
    let first_word = text.trim_start().find(' ')? + (text.len() - text.trim_start().len());
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if i <= first_word || depth > 0 || !boundary_before(text, i) {
            continue;
        }
        for w in REPLACES {
            if let Some(n) = word_at(&text[i..], w) {
                return Some((i..i + n, i + n));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::Time;

    fn parts(text: &str) -> (String, Option<String>, String, Vec<Qualifier>) {
        let e = read_entry(text);
        (
            text[e.name].to_string(),
            e.party.map(|p| text[p].to_string()),
            text[e.function].to_string(),
            e.qualifiers.into_iter().map(|q| q.1).collect(),
        )
    }

    fn n(a: &str, b: &str) -> NumberSpan {
        NumberSpan {
            first: a.into(),
            last: b.into(),
        }
    }

    #[test]
    fn a_plain_entry_reads_as_split_written_reads_it() {
        for t in [
            "Andreas Erlandsson (S), ordförande",
            "Cecilia Frid, förbundschef",
            "Sofia Hartz, Region Kalmar län (via länk)",
            "Lennart Saxberg, §33",
            "Jessica Leksell",
            "Andreas Erlandsson (S), ordf styrelsen",
            "  Åke Gustavsson (S)  ",
        ] {
            let w = crate::model::names::split_written(t);
            let (name, party, function, _) = parts(t);
            assert_eq!(
                (name, party, function),
                (w.name, w.party, w.function),
                "{t}"
            );
        }
    }

    #[test]
    fn partial_attendance_is_read_in_its_printed_forms() {
        let cases: &[(&str, &str, Vec<Qualifier>)] = &[
            (
                "Lennart Saxberg, §33",
                "Lennart Saxberg",
                vec![Qualifier::Only(vec![n("33", "33")])],
            ),
            (
                "Anna Berg (S) fr.o.m. § 16",
                "Anna Berg",
                vec![Qualifier::From("16".into())],
            ),
            (
                "Anna Berg fr o m § 16",
                "Anna Berg",
                vec![Qualifier::From("16".into())],
            ),
            (
                "Bo Ek (M), t.o.m. § 18",
                "Bo Ek",
                vec![Qualifier::To("18".into())],
            ),
            (
                "Bo Ek ej § 91–97",
                "Bo Ek",
                vec![Qualifier::Except(vec![n("91", "97")])],
            ),
            (
                "Bo Ek (C) §§ 84-89, 91",
                "Bo Ek",
                vec![Qualifier::Only(vec![n("84", "89"), n("91", "91")])],
            ),
            (
                "Eva Ny (V) kl 10.30–12.00",
                "Eva Ny",
                vec![Qualifier::Time(
                    Time::parse("10:30").ok(),
                    Time::parse("12:00").ok(),
                )],
            ),
            (
                "Eva Ny (V) (fr.o.m. § 3 t.o.m. § 7)",
                "Eva Ny",
                vec![Qualifier::From("3".into()), Qualifier::To("7".into())],
            ),
            (
                "Eva Ny, den 3 november",
                "Eva Ny",
                vec![Qualifier::Day(DayMark::DayMonth(3, 11))],
            ),
            (
                "Eva Ny 3/11",
                "Eva Ny",
                vec![Qualifier::Day(DayMark::DayMonth(3, 11))],
            ),
            (
                "Eva Ny, från kl 13",
                "Eva Ny",
                vec![Qualifier::Time(Time::parse("13:00").ok(), None)],
            ),
            (
                "Eva Ny (S), ordförande § 12a",
                "Eva Ny",
                vec![Qualifier::Only(vec![n("12a", "12a")])],
            ),
        ];
        for (text, name, quals) in cases {
            let (got_name, _, _, got) = parts(text);
            assert_eq!((got_name.as_str(), &got), (*name, quals), "{text}");
        }
        // Words that only look like the start of a qualifier are kept as the function.
        for t in [
            "Per Ek, utvecklingsledare från 2020",
            "Ann Ek, ej tjänstgörande",
            "Ann Ek, till och med årsskiftet",
            "Ann Ek, Region Kalmar län",
        ] {
            let (_, _, f, q) = parts(t);
            assert!(q.is_empty(), "{t}: {q:?}");
            assert_eq!(f, t.split_once(", ").unwrap().1);
        }
    }

    #[test]
    fn an_ersattare_names_the_member_replaced() {
        let t = "Mats Johnsson (M) ersätter Margareta Schlee (M) § 84–89";
        let e = read_entry(t);
        assert_eq!(&t[e.name.clone()], "Mats Johnsson");
        assert_eq!(&t[e.function.clone()], "");
        let r = e.replaces.clone().unwrap();
        assert_eq!(&t[r.word], "ersätter");
        assert_eq!(&t[r.name], "Margareta Schlee");
        assert_eq!(&t[r.party.unwrap()], "M");
        assert_eq!(&t[r.rest], "§ 84–89");
        assert_eq!(e.qualifiers[0].1, Qualifier::Only(vec![n("84", "89")]));
        let t = "Mats Johnsson, ersättare för Margareta Schlee";
        let r = read_entry(t).replaces.unwrap();
        assert_eq!(&t[r.name], "Margareta Schlee");
        let t = "Ersätter Person";
        assert!(read_entry(t).replaces.is_none());
    }

    #[test]
    fn a_function_without_its_qualifiers_is_its_title() {
        assert_eq!(title_of("ordförande § 74–88"), "ordförande");
        assert_eq!(title_of("§33"), "");
        assert_eq!(title_of("förbundschef"), "förbundschef");
        assert_eq!(title_of("ekonom, fr.o.m. § 3"), "ekonom");
    }

    #[test]
    fn roles_and_headings_are_typed() {
        assert_eq!(role_of("ordförande"), Some(AttendanceRole::Chair));
        assert_eq!(
            role_of(" 2:e vice ordförande "),
            Some(AttendanceRole::SecondViceChair)
        );
        assert_eq!(
            role_of("Ålderspresident"),
            Some(AttendanceRole::EldestMember)
        );
        assert_eq!(role_of("förbundschef"), None);
        assert_eq!(
            group_of_heading("Anmält förhinder:"),
            Some(GroupKind::Absent)
        );
        assert_eq!(
            group_of_heading("Suppleanter"),
            Some(GroupKind::NonServingSubstitutes)
        );
        assert_eq!(group_of_heading("Tjänstemän"), Some(GroupKind::Others));
        assert_eq!(group_of_heading("Gäster från Mars"), None);
        assert_eq!(
            group_of_heading("Anmälda till presidiekonferensen:"),
            Some(GroupKind::Registered)
        );
        assert_eq!(group_of_heading("Till Anmälda"), None);
        assert_eq!(header_key("Plats och tid"), Some("plats"));
        assert_eq!(header_key("Utses att justera:"), Some("justerare"));
        assert_eq!(
            header_key("Justeringens plats och tid"),
            Some("justeringsplats")
        );
        assert_eq!(header_key("Beslutande"), None);
    }
}
