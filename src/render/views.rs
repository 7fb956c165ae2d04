//! View values for the templates: small JSON-shaped objects built from the [`Site`], so templates
//! never see the model.

use crate::markup::markdown;
use crate::model::meeting::*;
use crate::model::names::*;
use crate::model::site::*;
use crate::model::urls;
use serde_json::{Value, json};

/// The object `v` with `fields` moved into it. `json!` copies a `Value` it is given (it serializes
/// it again), so views that hold other views take them in here.
pub fn with(mut v: Value, fields: impl IntoIterator<Item = (&'static str, Value)>) -> Value {
    if let Value::Object(map) = &mut v {
        for (key, value) in fields {
            map.insert(key.into(), value);
        }
    }
    v
}

/// A person as the `person` macro wants it, from a name as written.
pub fn named(site: &Site, n: &Named) -> Value {
    match n.person {
        None => json!({"namn": "Vakant", "url": "", "parti": "", "funktion": ""}),
        Some(p) => json!({
            "namn": n.written.name,
            "url": urls::person(site, p),
            "parti": site.people[p].party.clone().unwrap_or_default(),
            "funktion": n.written.function,
            "id": site.people[p].id,
        }),
    }
}

/// A person by canonical name.
pub fn person_ref(site: &Site, p: usize) -> Value {
    let person = &site.people[p];
    json!({
        "namn": person.name, "url": urls::person(site, p), "id": person.id,
        "parti": person.party.clone().unwrap_or_default(),
        "funktion": person.kommun.clone().unwrap_or_default(),
    })
}

/// "09.00–10.30" (empty for a meeting over several days: each day has its own).
pub fn time_range(m: &Meeting) -> String {
    if !m.days.is_empty() {
        return String::new();
    }
    match (m.start, m.end) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("{a}"),
        _ => String::new(),
    }
}

/// A meeting in a list.
pub fn meeting_card(site: &Site, m: usize) -> Value {
    let meeting = &site.meetings[m];
    let organ = &site.organs[meeting.organ];
    let status = meeting.status_on(site.reference_day);
    let (key, text) = (status.key(), status.text());
    let mut meta = vec![meeting.when_with_weekday()];
    if let Some(p) = &meeting.place {
        meta.push(p.clone());
    }
    meta.push(text.to_string());
    json!({
        "url": urls::meeting(site, m),
        "titel": format!("{} {}", organ.short, meeting.when()),
        "meta": meta.join(" · "),
        "excerpt": "",
        "datum": meeting.date, "organ": organ.id, "status": key,
    })
}

fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |c| c.0);
    format!("{cut} …")
}

/// `excerpt(&parts.join(" "), max)`, reading no more of the parts than the excerpt needs.
fn excerpt_of<'a>(parts: impl Iterator<Item = &'a str>, max: usize) -> String {
    let mut text = String::new();
    let mut chars = 0;
    'parts: for (i, part) in parts.enumerate() {
        for c in (i > 0).then_some(' ').into_iter().chain(part.chars()) {
            if chars > max {
                break 'parts;
            }
            text.push(c);
            chars += 1;
        }
    }
    excerpt(&text, max)
}

/// A paragraph or agenda item in a list.
pub fn item_card(site: &Site, r: ItemRef) -> Value {
    let meeting = &site.meetings[r.meeting];
    let p = &meeting.items(r.part)[r.index];
    let mut meta = vec![site.organs[meeting.organ].short.clone(), meeting.when()];
    if r.part == Part::Kallelse {
        meta.push("föredragningslista".into());
    }
    meta.extend(p.dnr.iter().map(|d| format!("Dnr {d}")));
    json!({
        "url": urls::item(site, r),
        "titel": p.item.heading(),
        "meta": meta.join(" · "),
        "excerpt": excerpt_of(p.item.decision_sections().map(|s| s.plain.as_str()), 220),
        "datum": meeting.date,
    })
}

/// A document in a list.
pub fn doc_card(site: &Site, d: usize) -> Value {
    let doc = &site.documents[d];
    let mut meta = vec![doc.kind.text().to_string()];
    if let Some(date) = doc.sort_date(site) {
        meta.push(date.long());
    }
    if let Some(o) = doc.organisation {
        meta.push(site.organisations[o].name.clone());
    }
    json!({
        "url": urls::document(site, d), "titel": doc.title, "meta": meta.join(" · "),
        "excerpt": "", "typ": doc.kind.key(),
    })
}

fn dnr_list(dnr: &[String]) -> Value {
    dnr.iter()
        .map(|d| json!({"dnr": d, "url": urls::case(d)}))
        .collect()
}

/// A paragraph or item with everything shown on the meeting and paragraph pages.
pub fn paragraph(site: &Site, r: ItemRef) -> Value {
    let meeting = &site.meetings[r.meeting];
    let p = &meeting.items(r.part)[r.index];
    let anchor = urls::anchor(r.part, &p.item.number);
    let text = markdown::render(&p.item.text, &format!("{anchor}-"));
    let sections: Vec<Value> = p
        .item
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let h = markdown::render(&s.markdown, &format!("{anchor}-{i}-"));
            let view =
                json!({"key": s.kind.key(), "rubrik": s.heading, "html": h.html, "text": s.plain});
            with(
                view,
                super::room::section(site, p, i, &format!("{anchor}-omrostning-{i}")),
            )
        })
        .collect();
    let other = match r.part {
        Part::Protokoll => Part::Kallelse,
        Part::Kallelse => Part::Protokoll,
    };
    let counterpart = p.counterpart.map(|i| {
        let o = ItemRef {
            meeting: r.meeting,
            part: other,
            index: i,
        };
        let op = &meeting.items(other)[i];
        json!({"url": urls::item(site, o), "label": op.item.label(), "titel": op.item.title})
    });
    let cards = |docs: &[usize]| docs.iter().map(|&d| doc_card(site, d)).collect();
    let people = |list: &[usize]| list.iter().map(|&x| person_ref(site, x)).collect();
    let presenter = p.item.presenter.as_ref().map(|m| {
        let html = presenter_html(site, &m.value, &p.presenters);
        let view = json!({"text": m.value, "html": html});
        with(view, [("personer", people(&p.presenters))])
    });
    let (corrections, attendance) = match r.part {
        Part::Protokoll => (
            corrections(site, r.meeting, Some(r.index)),
            super::attendance::at_item(site, r.meeting, r.index),
        ),
        Part::Kallelse => (Vec::new(), Value::Null),
    };
    let assignments = p.memberships.iter().map(|&m| membership(site, m)).collect();
    let view = json!({
        "nummer": p.item.number,
        "label": p.item.label(),
        "titel": p.item.title,
        "anchor": anchor,
        "url": urls::item(site, r),
        "text_html": text.html,
        "beslut": p.item.is_decision(),
        "beslutstext": p.item.decision_text(),
    });
    with(
        view,
        [
            ("dnr", dnr_list(&p.dnr)),
            ("foredragande", presenter.unwrap_or_default()),
            ("sections", Value::Array(sections)),
            ("handlingar", cards(&p.documents)),
            ("motsvarighet", counterpart.unwrap_or_default()),
            ("uppdrag", assignments),
            ("antar", cards(&p.adopted)),
            ("namnda", people(&p.mentions)),
            ("rattelser", Value::Array(corrections)),
            ("narvaro", attendance),
            (
                "bilagor",
                super::room::attachments(site, r.meeting, &p.attachments),
            ),
            ("jav", super::room::meta_jav(site, p)),
            ("omrostning", json!(!p.item.room.votes.is_empty())),
        ],
    )
}

/// The presenter line as HTML: the text, escaped as tera's `escape` filter does, with the name of
/// each presenting person it holds linked to their page, and those it does not name listed after it
/// in parentheses.
fn presenter_html(site: &Site, text: &str, people: &[usize]) -> String {
    let mut html = tera::escape_html(text);
    let mut rest = Vec::new();
    for &x in people {
        let (name, url) = (&site.people[x].name, urls::person(site, x));
        let written = tera::escape_html(name);
        if html.contains(&written) {
            html = html.replace(&written, &format!("<a href=\"{url}\">{written}</a>"));
        } else {
            let (name, url) = (
                crate::markup::html::escape(name),
                crate::markup::html::escape(&url),
            );
            rest.push(format!("<a href=\"{url}\">{name}</a>"));
        }
    }
    if !rest.is_empty() {
        html = format!("{html} ({})", rest.join(", "));
    }
    html
}

/// A membership row.
pub fn membership(site: &Site, i: usize) -> Value {
    let m = &site.memberships[i];
    let decision = m.decision.map(|d| match d {
        Ref::Item(r) => item_card(site, r),
        Ref::Document(d) => doc_card(site, d),
    });
    let view = json!({
        "organ": {
            "id": site.organs[m.organ].id, "namn": site.organs[m.organ].short,
            "url": urls::organ(site, m.organ),
        },
        "roll": m.role.text(),
        "fran": m.from, "till": m.to,
        "kommun": m.kommun,
        "anteckning": m.note,
    });
    let substitute_for = m.substitute_for.map(|p| person_ref(site, p));
    with(
        view,
        [
            ("person", person_ref(site, m.person)),
            ("ersattare_for", substitute_for.unwrap_or_default()),
            ("beslut", decision.unwrap_or_default()),
        ],
    )
}

/// The full meeting.
pub fn meeting(site: &Site, m: usize) -> Value {
    let meeting = &site.meetings[m];
    let organ = &site.organs[meeting.organ];
    let status = meeting.status_on(site.reference_day);
    let (key, text) = (status.key(), status.text());
    let items = |part: Part| -> Value {
        (0..meeting.items(part).len())
            .map(|index| {
                paragraph(
                    site,
                    ItemRef {
                        meeting: m,
                        part,
                        index,
                    },
                )
            })
            .collect()
    };
    let protokoll = meeting.protokoll.as_ref().map(|p| {
        let view = json!({
            "rubrik": p.title,
            "ordforande": p.chair().map(|n| named(site, n)),
            "sekreterare": p.secretary.as_ref().map(|n| named(site, n)),
            "justerare": p.approvers.iter().map(|n| named(site, n)).collect::<Vec<_>>(),
            "justerad": p.approved,
            "paragrafer": p.printed_range,
            "inledning_html": markdown::render(&p.preamble, "inledning-").html,
            "underskrifter": p.signatures.iter().map(|s| signature(site, s)).collect::<Vec<_>>(),
            "rattelser": corrections(site, m, None),
            "bilagor": super::room::attachments(site, m, &p.attachments),
        });
        use super::attendance as a;
        let names: usize = p.attendance.groups.iter().map(|g| g.entries.len()).sum();
        with(
            view,
            [
                ("narvaro", a::groups(site, p)),
                ("narvaro_antal", names.into()),
                ("ordforanden", a::chairs(site, p)),
                ("anslagsbevis", a::printed_notice(site, p)),
                ("utelamnade", a::omitted(p)),
                ("paragrafer_lista", items(Part::Protokoll)),
            ],
        )
    });
    let kallelse = meeting.kallelse.as_ref().map(|k| {
        let view = json!({
            "rubrik": k.title,
            "utfardad": k.issued,
            "undertecknad": k.signed_by.iter().map(|n| named(site, n)).collect::<Vec<_>>(),
            "sandlista": k.send_list.as_ref().map(|(title, cols, rows)| json!({
                "rubrik": title, "kolumner": cols,
                "rader": rows.iter().map(|r| json!({
                    "kommun": r.kommun,
                    "forsta": r.first.iter().map(|n| named(site, n)).collect::<Vec<_>>(),
                    "andra": r.second.iter().map(|n| named(site, n)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })),
            "inledning_html": markdown::render(&k.preamble, "kallelse-").html,
            "bilagor": super::room::attachments(site, m, &k.attachments),
        });
        with(view, [("punkter", items(Part::Kallelse))])
    });
    let documents = meeting
        .documents
        .iter()
        .map(|&d| doc_card(site, d))
        .collect();
    let view = json!({
        "url": urls::meeting(site, m),
        "titel": format!("{} {}", organ.short, meeting.when()),
        "organ": {
            "id": organ.id, "namn": organ.name, "kortnamn": organ.short,
            "url": urls::organ(site, meeting.organ),
        },
        "datum": meeting.date, "datum_text": meeting.when_with_weekday(),
        "tid": time_range(meeting), "plats": meeting.place,
        "status": key, "status_text": text,
        "anslag": crate::model::noticeboard::posting_of(site, m).map(|n| json!({
            "anslagen": n.posted, "sista_dag": n.last_day,
            "url": format!("/anslagstavla/#{}", n.anchor),
        })),
    });
    with(
        view,
        [
            ("dagar", super::attendance::days(meeting)),
            ("kallelse", kallelse.unwrap_or_default()),
            ("protokoll", protokoll.unwrap_or_default()),
            ("handlingar", documents),
        ],
    )
}

/// The correction log of a meeting's protokoll, or of one of its paragraphs.
pub fn corrections(site: &Site, m: usize, only: Option<usize>) -> Vec<Value> {
    let Some(p) = &site.meetings[m].protokoll else {
        return Vec::new();
    };
    p.corrections
        .iter()
        .filter(|c| only.is_none() || c.item == only)
        .map(|c| {
            let para = c.item.map(|index| {
                let r = ItemRef {
                    meeting: m,
                    part: Part::Protokoll,
                    index,
                };
                let it = &p.items[index];
                json!({
                    "url": urls::item(site, r), "label": it.item.label(), "titel": it.item.title,
                })
            });
            json!({"datum": c.date, "skal": c.reason, "andring": c.change, "paragraf": para})
        })
        .collect()
}

/// A signature.
pub fn signature(site: &Site, s: &Signature) -> Value {
    json!({"person": named(site, &s.who), "roll": s.role, "tid": s.time, "metod": s.method})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_of_parts_is_the_excerpt_of_their_joined_text() {
        let parts = ["Styrelsen beslutar", "att anta förslaget", "", "åäö ü"];
        for n in 0..=parts.len() {
            let joined = parts[..n].join(" ");
            for max in 0..joined.chars().count() + 2 {
                let got = excerpt_of(parts[..n].iter().copied(), max);
                assert_eq!(got, excerpt(&joined, max), "{n} parts, {max} characters");
            }
        }
    }
}
