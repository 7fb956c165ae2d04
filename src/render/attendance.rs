//! The attendance as the pages show it: the groups of the meeting page with whom each ersättare
//! replaced, the chairs by paragraph, the days of a meeting over several days, the Anslag/bevis
//! block as printed, who decided and chaired at each paragraph (on its page, when that differs
//! between paragraphs), and how a person took part in each meeting (on the person's page).

use super::views::{self, meeting_card, named};
use crate::markup::ids::slug;
use crate::model::attendance::*;
use crate::model::meeting::{Meeting, Minutes};
use crate::model::site::Site;
use serde_json::{Value, json};

/// "§ 16–20", "§ 3, 5–7", "punkt 2–4": the items `list` (indices, ascending) as runs.
pub fn items_text(p: &Minutes, list: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &i in list {
        match runs.last_mut() {
            Some(r) if r.1 + 1 == i => r.1 = i,
            _ => runs.push((i, i)),
        }
    }
    let sign = p.items.first().is_none_or(|x| x.item.section_sign);
    let parts: Vec<String> = runs
        .iter()
        .map(|&(a, b)| {
            let (a, b) = (&p.items[a].item.number, &p.items[b].item.number);
            if a == b {
                a.clone()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect();
    format!("{} {}", if sign { "§" } else { "punkt" }, parts.join(", "))
}

/// The seat of the attendee who served for `person`, anywhere in the meeting.
fn replaced_by(a: &Attendance, person: usize) -> Option<Seat> {
    a.seats()
        .find(|(s, x)| {
            a.groups[s.0].kind.votes() && x.replaces.as_ref().and_then(|r| r.person) == Some(person)
        })
        .map(|(s, _)| s)
}

/// A name of a group as the `person` macro wants it, with `ersatter` (whom the person served
/// for: the joining word as printed and the member) and `ersatt_av` (for a member listed as
/// absent whom an ersättare replaced).
fn entry(site: &Site, a: &Attendance, kind: GroupKind, x: &Attendee) -> Value {
    let mut more = Vec::new();
    if let Some(r) = &x.replaces {
        more.push((
            "ersatter",
            views::with(
                json!({"ord": x.replaces_word}),
                [("person", named(site, r))],
            ),
        ));
    }
    if !kind.present()
        && let Some(p) = x.named.person
        && let Some(s) = replaced_by(a, p)
    {
        let by = &a.groups[s.0].entries[s.1].named;
        more.push(("ersatt_av", named(site, by)));
    }
    views::with(named(site, &x.named), more)
}

/// The groups of a protokoll's attendance for the meeting page: `id` (unique on the page, the
/// group's key for the front matter's own lists), `rubrik` and `namn`.
pub fn groups(site: &Site, p: &Minutes) -> Value {
    let a = &p.attendance;
    let mut used: Vec<String> = Vec::new();
    let list = a.groups.iter().map(|g| {
        let own = g.heading == g.kind.heading();
        let mut id = if own {
            g.kind.key().to_string()
        } else {
            slug(&g.heading)
        };
        if id.is_empty() || used.contains(&id) {
            id = format!("{}-{}", g.kind.key(), used.len() + 1);
        }
        used.push(id.clone());
        let names = g
            .entries
            .iter()
            .map(|x| entry(site, a, g.kind, x))
            .collect();
        views::with(json!({"id": id, "rubrik": g.heading}), [("namn", names)])
    });
    Value::Array(list.collect())
}

/// The chairs when there are several or one for some paragraphs only (else null: the page shows
/// `ordforande`).
pub fn chairs(site: &Site, p: &Minutes) -> Value {
    let c = &p.attendance.chairs;
    if c.len() < 2 && c.iter().all(|x| x.items.is_none()) {
        return Value::Null;
    }
    c.iter().map(|x| named(site, &x.named)).collect()
}

/// The days of a meeting over several days: date, time, place and paragraphs of each.
pub fn days(m: &Meeting) -> Value {
    m.days
        .iter()
        .map(|d| {
            let tid = match (d.start, d.end) {
                (Some(a), Some(b)) => format!("{a}–{b}"),
                (Some(a), None) => a.to_string(),
                _ => String::new(),
            };
            json!({
                "datum": d.date, "datum_text": d.date.long_with_weekday(), "tid": tid,
                "plats": d.place, "paragrafer": d.printed_range,
            })
        })
        .collect()
}

/// The justering and Anslag/bevis as printed, or null when the protokoll prints none of it.
pub fn printed_notice(site: &Site, p: &Minutes) -> Value {
    let x = &p.printed;
    if x.approval_place.is_none()
        && x.approval_time.is_none()
        && x.taken_down.is_none()
        && x.archive_place.is_none()
        && x.certified_by.is_none()
    {
        return Value::Null;
    }
    let view = json!({
        "justeringsplats": x.approval_place,
        "justeringstid": x.approval_time.map(|t| t.to_string()),
        "justerad": p.approved,
        "anslagen": p.posted,
        "nedtagen": x.taken_down,
        "forvaringsplats": x.archive_place,
    });
    let by = x.certified_by.as_ref().map(|n| named(site, n));
    views::with(view, [("intygat_av", by.unwrap_or_default())])
}

/// The numbers left out on purpose.
pub fn omitted(p: &Minutes) -> Value {
    p.attendance
        .omitted
        .iter()
        .map(|o| json!({"paragraf": o.number, "skal": o.reason}))
        .collect()
}

/// Who chaired and who decided at item `index` of meeting `m`'s protokoll, when that differs
/// between its paragraphs (else null: the meeting page says it once).
pub fn at_item(site: &Site, m: usize, index: usize) -> Value {
    let Some(p) = &site.meetings[m].protokoll else {
        return Value::Null;
    };
    let a = &p.attendance;
    if !a.varies() {
        return Value::Null;
    }
    let voting: Vec<Value> = a
        .voting_at(index)
        .into_iter()
        .map(|(g, e)| entry(site, a, a.groups[g].kind, &a.groups[g].entries[e]))
        .collect();
    let chair = a.chair_at(index).map(|c| named(site, &c.named));
    let view = json!({"antal": voting.len()});
    views::with(
        view,
        [
            ("ordforande", chair.unwrap_or_default()),
            ("beslutande", Value::Array(voting)),
        ],
    )
}

/// What a person's page says of their part in meeting `m`: the group, the paragraphs, whom they
/// served for or were replaced by. The second value is true for an absence.
pub fn how(site: &Site, x: &Attended) -> (String, bool) {
    let Some(p) = &site.meetings[x.meeting].protokoll else {
        return (String::new(), false);
    };
    let a = &p.attendance;
    let (g, e) = x.seat;
    let group = &a.groups[g];
    let entry = &group.entries[e];
    let part = |list: &Option<Vec<usize>>| {
        list.as_ref()
            .map(|l| format!(", {}", items_text(p, l)))
            .unwrap_or_default()
    };
    if x.replaced {
        let who = &entry.named.written.name;
        return (
            format!(
                "ersatt av {who} ({}){}",
                group.heading.to_lowercase(),
                part(&entry.items)
            ),
            true,
        );
    }
    let mut text = format!("{}{}", group.heading, part(&entry.items));
    if let Some(r) = entry.replaces.as_ref().filter(|_| group.kind.votes()) {
        text.push_str(&format!(" för {}", r.written.name));
    }
    (text, !group.kind.present())
}

/// The meetings on a person's page, newest first: those they took part in, and their absences.
pub fn person_meetings(site: &Site, person: usize) -> (Vec<Value>, Vec<Value>) {
    let (mut took_part, mut away) = (Vec::new(), Vec::new());
    for x in site.people[person].attended.iter().rev() {
        let (how, absent) = how(site, x);
        let mut v = meeting_card(site, x.meeting);
        v["meta"] = json!(format!("{} · {how}", v["meta"].as_str().unwrap_or("")));
        if absent {
            away.push(v);
        } else {
            took_part.push(v);
        }
    }
    (took_part, away)
}

/// A person's parties over time for their page: the register's earlier parties, and the parties
/// the protokoll print after their name when they print more than one (else null).
pub fn party_history(site: &Site, person: usize) -> Value {
    use crate::model::parties::party_name;
    use crate::model::party_periods::printed_parties;
    use crate::model::urls;
    let p = &site.people[person];
    let party =
        |code: &str| json!({"kod": code, "namn": party_name(code), "url": urls::party(code)});
    let earlier: Vec<Value> = p
        .former_parties
        .iter()
        .map(|x| {
            views::with(
                json!({"fran": x.from, "till": x.to}),
                [("parti", party(&x.code))],
            )
        })
        .collect();
    let printed = printed_parties(site, person);
    let printed: Vec<Value> = if printed.len() > 1 {
        printed
            .iter()
            .map(|(c, a, b)| views::with(json!({"fran": a, "till": b}), [("parti", party(c))]))
            .collect()
    } else {
        Vec::new()
    };
    if earlier.is_empty() && printed.is_empty() {
        return Value::Null;
    }
    json!({"tidigare": earlier, "tryckt": printed})
}
