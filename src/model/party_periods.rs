//! A party per period: the party a person had on a given day (the register's earlier parties,
//! the party of a membership term, the current one), and parties that changed their name
//! (Folkpartiet liberalerna became Liberalerna in November 2015), so that the party a protokoll
//! prints after a name is checked against the party of that day.

use crate::model::date::Date;
use crate::model::site::{Person, Site};

/// A party a person had for a time (`[[person.tidigare_parti]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyPeriod {
    /// The party code.
    pub code: String,
    /// The first day, when known.
    pub from: Option<Date>,
    /// The last day.
    pub to: Date,
}

/// Parties that took a new name and code: old code, new code, the first day of the new name.
pub const RENAMES: &[(&str, &str, (i32, u8, u8))] = &[("FP", "L", (2015, 11, 22))];

/// The day a renamed party's new name took effect.
fn renamed_on(day: (i32, u8, u8)) -> Date {
    Date {
        year: day.0,
        month: day.1,
        day: day.2,
    }
}

/// The party a person had on `date`: the earlier party whose period holds it, else the current.
pub fn party_on(person: &Person, date: Option<Date>) -> Option<&str> {
    let earlier = date.and_then(|d| {
        person
            .former_parties
            .iter()
            .find(|p| p.from.is_none_or(|f| f <= d) && d <= p.to)
    });
    earlier.map(|p| p.code.as_str()).or(person.party.as_deref())
}

/// The parties printed after a person's name in the attendance of the protokoll, each with the
/// first and last meeting day it was printed, in the order first printed.
pub fn printed_parties(site: &Site, person: usize) -> Vec<(String, Date, Date)> {
    let mut out: Vec<(String, Date, Date)> = Vec::new();
    let mut seen: Vec<(Date, &str)> = Vec::new();
    for x in site.people[person].attended.iter().filter(|x| !x.replaced) {
        let m = &site.meetings[x.meeting];
        let Some(p) = &m.protokoll else { continue };
        let g = &p.attendance.groups[x.seat.0];
        if let Some(code) = g.entries[x.seat.1].named.written.party.as_deref() {
            seen.push((m.date, code));
        }
    }
    seen.sort();
    for (d, code) in seen {
        match out.iter_mut().find(|(c, ..)| c.eq_ignore_ascii_case(code)) {
            Some(e) => e.2 = e.2.max(d),
            None => out.push((code.to_string(), d, d)),
        }
    }
    out
}

/// The people who held party `code` for a time but hold another now: by an earlier party of the
/// register, or the party of a membership term.
pub fn former_members(site: &Site, code: &str) -> Vec<usize> {
    let is = |c: &str| c.eq_ignore_ascii_case(code);
    (0..site.people.len())
        .filter(|&i| {
            let p = &site.people[i];
            let now = p.party.as_deref().is_some_and(is);
            let before = p.former_parties.iter().any(|x| is(&x.code))
                || p.memberships
                    .iter()
                    .any(|&m| site.memberships[m].party.as_deref().is_some_and(is));
            before && !now
        })
        .collect()
}

/// The renaming a party code took part in: (old code, new code, the first day of the new name).
pub fn renaming(code: &str) -> Option<(&'static str, &'static str, Date)> {
    RENAMES
        .iter()
        .find(|(old, new, _)| old.eq_ignore_ascii_case(code) || new.eq_ignore_ascii_case(code))
        .map(|&(old, new, day)| (old, new, renamed_on(day)))
}

/// Whether `printed` names the party `held` on `date`: the same code, or the same party under
/// the name it had that day (a person registered "(FP)" is "(L)" in a paper of 2016, and one
/// registered "(L)" is "(FP)" in a paper of 2011).
pub fn same_party(held: &str, printed: &str, date: Option<Date>) -> bool {
    if held.eq_ignore_ascii_case(printed) {
        return true;
    }
    RENAMES.iter().any(|&(old, new, day)| {
        let day = renamed_on(day);
        let is = |a: &str, b: &str| held.eq_ignore_ascii_case(a) && printed.eq_ignore_ascii_case(b);
        (is(old, new) && date.is_none_or(|d| d >= day))
            || (is(new, old) && date.is_none_or(|d| d < day))
    })
}

/// Whether the party printed after `person`'s name on `date` (at a meeting of `organ`) fits: the
/// party the person had that day, or the party of a membership term of theirs that holds the day.
/// A person registered without any party fits whatever is printed.
pub fn fits(
    site: &Site,
    person: usize,
    printed: &str,
    date: Option<Date>,
    organ: Option<usize>,
) -> bool {
    let p = &site.people[person];
    let held = party_on(p, date);
    if held.is_some_and(|h| same_party(h, printed, date)) {
        return true;
    }
    let terms = p
        .memberships
        .iter()
        .map(|&m| &site.memberships[m])
        .filter(|m| {
            organ.is_none_or(|o| o == m.organ)
                && date.is_none_or(|d| m.from.is_none_or(|f| f <= d) && m.to.is_none_or(|t| d <= t))
        });
    let mut any = false;
    for m in terms {
        if let Some(code) = &m.party {
            any = true;
            if same_party(code, printed, date) {
                return true;
            }
        }
    }
    held.is_none() && !any
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn a_renamed_party_is_the_same_party_on_the_right_side_of_the_day() {
        assert!(same_party("FP", "L", Some(d("2016-03-01"))));
        assert!(!same_party("FP", "L", Some(d("2011-03-01"))));
        assert!(same_party("L", "FP", Some(d("2011-03-01"))));
        assert!(!same_party("L", "FP", Some(d("2016-03-01"))));
        assert!(same_party("s", "S", None));
        assert!(!same_party("S", "M", None));
    }

    #[test]
    fn the_party_of_the_day_is_the_earlier_one_within_its_period() {
        let p = Person {
            party: Some("SD".into()),
            former_parties: vec![PartyPeriod {
                code: "M".into(),
                from: None,
                to: d("2018-09-30"),
            }],
            ..Person::default()
        };
        assert_eq!(party_on(&p, Some(d("2014-01-01"))), Some("M"));
        assert_eq!(party_on(&p, Some(d("2019-01-01"))), Some("SD"));
        assert_eq!(party_on(&p, None), Some("SD"));
    }
}
