//! The attendance in the JSON twins: each name of a group with its typed role, the paragraphs,
//! hours and days it was there for and whom an ersättare replaced; the groups with the headings
//! the paper prints; the chairs by paragraph; the days of a meeting over several days; who decided
//! and chaired at each paragraph; a person's part in each meeting. Keys that would only repeat what
//! the whole meeting says are left out (docs/API.md).

use super::refs::{Named, PersonRef, named, person_ref};
use crate::model::attendance::*;
use crate::model::date::Date;
use crate::model::meeting::Minutes;
use crate::model::site::Site;
use serde::Serialize;
use std::collections::BTreeMap;

/// A name of an attendance group: a name as written and what is printed after it.
#[derive(Serialize)]
pub struct Attendee<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    dag: Vec<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ersatt_av: Option<Named<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ersatter: Option<Named<'a>>,
    function: Option<&'a str>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragrafer: Option<Vec<&'a str>>,
    party: Option<&'a str>,
    person: Option<PersonRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tid: Option<Hours>,
}

/// Hours printed after a name.
#[derive(Serialize)]
struct Hours {
    end: Option<String>,
    start: Option<String>,
}

/// The function as written, or null.
fn function(n: &crate::model::names::Named) -> Option<&str> {
    Some(n.written.function.as_str()).filter(|f| !f.is_empty())
}

fn numbers<'a>(p: &'a Minutes, list: &Option<Vec<usize>>) -> Option<Vec<&'a str>> {
    list.as_ref()
        .map(|l| l.iter().map(|&i| p.items[i].item.number.as_str()).collect())
}

/// The seat of the ersättare who served for `person` anywhere in the meeting.
fn replaced_by(a: &Attendance, person: usize) -> Option<&Attendee_> {
    a.seats()
        .find(|(s, x)| {
            a.groups[s.0].kind.votes() && x.replaces.as_ref().and_then(|r| r.person) == Some(person)
        })
        .map(|(_, x)| x)
}

type Attendee_ = crate::model::attendance::Attendee;

/// Attendee `x` of group kind `kind`.
pub fn attendee<'a>(
    site: &'a Site,
    p: &'a Minutes,
    kind: GroupKind,
    x: &'a Attendee_,
) -> Attendee<'a> {
    let a = &p.attendance;
    let hours = &x.hours;
    Attendee {
        dag: hours.days.clone(),
        ersatt_av: (!kind.present())
            .then(|| x.named.person.and_then(|q| replaced_by(a, q)))
            .flatten()
            .map(|by| named(site, &by.named)),
        ersatter: x.replaces.as_ref().map(|r| named(site, r)),
        function: function(&x.named),
        name: &x.named.written.name,
        paragrafer: numbers(p, &x.items),
        party: x.named.written.party.as_deref(),
        person: x.named.person.map(|q| person_ref(site, q)),
        role: x.role.map(AttendanceRole::key),
        tid: (hours.from.is_some() || hours.to.is_some()).then(|| Hours {
            end: hours.to.map(|t| t.to_string()),
            start: hours.from.map(|t| t.to_string()),
        }),
    }
}

/// `narvaro`: each kind's key and its names (the names of every group of that kind, in order).
pub fn by_kind<'a>(site: &'a Site, p: &'a Minutes) -> BTreeMap<&'static str, Vec<Attendee<'a>>> {
    let mut out: BTreeMap<&'static str, Vec<Attendee<'a>>> = BTreeMap::new();
    for g in &p.attendance.groups {
        let list = out.entry(g.kind.key()).or_default();
        list.extend(g.entries.iter().map(|x| attendee(site, p, g.kind, x)));
    }
    out
}

/// A group with its heading as printed.
#[derive(Serialize)]
pub struct GroupJson<'a> {
    namn: Vec<Attendee<'a>>,
    rubrik: &'a str,
    slag: &'static str,
}

/// `narvarogrupper`: the groups in page order with their headings, when any heading is the
/// paper's own (else none: `narvaro` says it all).
pub fn groups<'a>(site: &'a Site, p: &'a Minutes) -> Option<Vec<GroupJson<'a>>> {
    let a = &p.attendance;
    let own = a.groups.iter().all(|g| g.heading == g.kind.heading());
    if own {
        return None;
    }
    Some(
        a.groups
            .iter()
            .map(|g| GroupJson {
                namn: g
                    .entries
                    .iter()
                    .map(|x| attendee(site, p, g.kind, x))
                    .collect(),
                rubrik: &g.heading,
                slag: g.kind.key(),
            })
            .collect(),
    )
}

/// A chair with the paragraphs chaired.
#[derive(Serialize)]
pub struct ChairJson<'a> {
    function: Option<&'a str>,
    name: &'a str,
    paragrafer: Option<Vec<&'a str>>,
    party: Option<&'a str>,
    person: Option<PersonRef<'a>>,
    role: Option<&'static str>,
}

/// `ordforanden`: every chair, when there are several or one for some paragraphs only.
pub fn chairs<'a>(site: &'a Site, p: &'a Minutes) -> Option<Vec<ChairJson<'a>>> {
    let c = &p.attendance.chairs;
    if c.len() < 2 && c.iter().all(|x| x.items.is_none()) {
        return None;
    }
    Some(
        c.iter()
            .map(|x| ChairJson {
                function: function(&x.named),
                name: &x.named.written.name,
                paragrafer: numbers(p, &x.items),
                party: x.named.written.party.as_deref(),
                person: x.named.person.map(|q| person_ref(site, q)),
                role: x.role.map(AttendanceRole::key),
            })
            .collect(),
    )
}

/// A paragraph's own attendance, when it differs between the paragraphs of its meeting.
pub struct AtItem<'a> {
    /// Who decided.
    pub beslutande: Vec<Attendee<'a>>,
    /// Who chaired.
    pub ordforande: Option<Named<'a>>,
}

/// Who decided and chaired at item `index`.
pub fn at_item<'a>(site: &'a Site, p: &'a Minutes, index: usize) -> Option<AtItem<'a>> {
    let a = &p.attendance;
    if !a.varies() {
        return None;
    }
    Some(AtItem {
        beslutande: a
            .voting_at(index)
            .into_iter()
            .map(|(g, e)| attendee(site, p, a.groups[g].kind, &a.groups[g].entries[e]))
            .collect(),
        ordforande: a.chair_at(index).map(|c| named(site, &c.named)),
    })
}

/// Everyone of the attendance, for the meeting's `participant`: the people present (the absent
/// and those an ersättare replaced are not participants).
pub fn participants(p: &Minutes) -> Vec<usize> {
    let a = &p.attendance;
    let mut out: Vec<usize> = a
        .seats()
        .filter(|(s, _)| a.groups[s.0].kind.present())
        .filter_map(|(_, x)| x.named.person)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A person's part in a meeting, beyond the group's heading (`narvaro`): the paragraphs, whom
/// they served for or were replaced by.
#[derive(Default)]
pub struct PartOf<'a> {
    /// Who served for the person.
    pub ersatt_av: Option<PersonRef<'a>>,
    /// Whom the person served for.
    pub ersatter: Option<PersonRef<'a>>,
    /// Whether it is an absence.
    pub franvarande: bool,
    /// The paragraphs, when not the whole meeting.
    pub paragrafer: Option<Vec<&'a str>>,
}

/// The heading and part of a person's entry `x` (see `Person::attended`).
pub fn part_of<'a>(site: &'a Site, x: &Attended) -> (&'a str, PartOf<'a>) {
    let Some(p) = &site.meetings[x.meeting].protokoll else {
        return ("", PartOf::default());
    };
    let g = &p.attendance.groups[x.seat.0];
    let e = &g.entries[x.seat.1];
    if x.replaced {
        return (
            "Ersatt",
            PartOf {
                ersatt_av: e.named.person.map(|q| person_ref(site, q)),
                franvarande: true,
                paragrafer: numbers(p, &e.items),
                ..PartOf::default()
            },
        );
    }
    let replaced = e.replaces.as_ref().and_then(|r| r.person);
    (
        &g.heading,
        PartOf {
            ersatter: replaced
                .filter(|_| g.kind.votes())
                .map(|q| person_ref(site, q)),
            franvarande: !g.kind.present(),
            paragrafer: numbers(p, &e.items),
            ..PartOf::default()
        },
    )
}
