//! The links back and the cases: what each person, meeting and paragraph is linked from, and the
//! paragraphs, agenda items and documents of each Dnr. Made again from the whole site on every
//! resolve, and on a patch (the cases only when the patch can have changed them).

use crate::model::date::Date;
use crate::model::meeting::*;
use crate::model::site::*;
use std::collections::HashMap;

/// Empties what [`backlinks`] fills, so it can fill it again.
pub fn clear(site: &mut Site) {
    for p in &mut site.people {
        p.attended.clear();
        p.send_lists.clear();
        p.presented.clear();
        p.mentioned.clear();
        p.documents.clear();
        p.room.clear();
    }
    for m in &mut site.meetings {
        m.documents.clear();
        if let Some(p) = m.protokoll.as_mut() {
            for item in &mut p.items {
                item.adopted.clear();
                item.memberships.clear();
            }
        }
    }
}

/// The links back: on people (meetings attended, sändlistor, items presented, decisions naming
/// them, documents), on meetings (their documents) and on paragraphs (documents adopted,
/// memberships made).
pub fn backlinks(site: &mut Site) {
    // The meetings are read while the people are written: two fields, borrowed apart.
    let Site {
        meetings, people, ..
    } = site;
    for (m, meeting) in meetings.iter().enumerate() {
        if let Some(p) = &meeting.protokoll {
            super::attendance::backlinks(m, &p.attendance, people);
        }
        if let Some((_, cols, rows)) = meeting.kallelse.as_ref().and_then(|k| k.send_list.as_ref())
        {
            for r in rows {
                for (c, list) in [&r.first, &r.second].into_iter().enumerate() {
                    for person in list.iter().filter_map(|n| n.person) {
                        let col = cols.get(c).cloned().unwrap_or_default();
                        people[person].send_lists.push((m, col));
                    }
                }
            }
        }
        for part in [Part::Protokoll, Part::Kallelse] {
            for (index, p) in meeting.items(part).iter().enumerate() {
                let r = ItemRef {
                    meeting: m,
                    part,
                    index,
                };
                for &person in &p.presenters {
                    people[person].presented.push(r);
                }
                for &person in &p.mentions {
                    people[person].mentioned.push(r);
                }
            }
        }
    }
    for d in 0..site.documents.len() {
        let doc = &site.documents[d];
        let who: Vec<usize> = doc.names().filter_map(|n| n.person).collect();
        for p in who {
            // Documents come in order: a person named twice in this one has it last already.
            if site.people[p].documents.last() != Some(&d) {
                site.people[p].documents.push(d);
            }
        }
        if let Some(m) = doc.meeting {
            site.meetings[m].documents.push(d);
        }
        if let Some(r) = doc.adopted_by
            && let Some(p) = site.meetings[r.meeting].protokoll.as_mut()
        {
            p.items[r.index].adopted.push(d);
        }
    }
    for i in 0..site.memberships.len() {
        if let Some(Ref::Item(r)) = site.memberships[i].decision
            && let Some(p) = site.meetings[r.meeting].protokoll.as_mut()
        {
            p.items[r.index].memberships.push(i);
        }
    }
    super::room::backlinks(site);
}

/// Whether an edit that replaced these meetings and documents of `site` can have changed a case:
/// a Dnr of an item (or an item's place), or a document's Dnr or date.
pub fn cases_changed(site: &Site, replaced: &super::Replaced) -> bool {
    let dnrs = |m: &Meeting, part: Part| -> Vec<Vec<String>> {
        m.items(part)
            .iter()
            .map(|p| p.item.dnr.iter().map(|d| d.value.clone()).collect())
            .collect()
    };
    let meetings = replaced.meetings.iter().any(|(m, old)| {
        [Part::Protokoll, Part::Kallelse]
            .into_iter()
            .any(|part| dnrs(old, part) != dnrs(&site.meetings[*m], part))
    });
    meetings
        || replaced.documents.iter().any(|(d, old)| {
            let new = &site.documents[*d];
            (&old.dnr, old.date, old.meeting) != (&new.dnr, new.date, new.meeting)
        })
}

/// Every case: the paragraphs, agenda items and documents of each Dnr, in date order.
pub fn cases(site: &mut Site) {
    let mut cases: Vec<Case> = Vec::new();
    // A Dnr recurs: each spelling is made a slug once, and each slug is one case (its key, the
    // Dnr as printed normalized, is checked to be one per slug by the URL claims).
    let mut by_written: HashMap<String, usize> = HashMap::new();
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    let mut add = |dnr: &str, e: CaseEntry| {
        let i = match by_written.get(dnr) {
            Some(&i) => i,
            None => {
                let slug = case_slug(dnr);
                let i = *by_slug.entry(slug.clone()).or_insert_with(|| {
                    cases.push(Case {
                        dnr: dnr.to_string(),
                        slug,
                        entries: Vec::new(),
                    });
                    cases.len() - 1
                });
                by_written.insert(dnr.to_string(), i);
                i
            }
        };
        cases[i].entries.push(e);
    };
    for (m, meeting) in site.meetings.iter().enumerate() {
        for part in [Part::Kallelse, Part::Protokoll] {
            for (index, p) in meeting.items(part).iter().enumerate() {
                for d in &p.dnr {
                    add(
                        d,
                        CaseEntry::Item(ItemRef {
                            meeting: m,
                            part,
                            index,
                        }),
                    );
                }
            }
        }
    }
    for (i, d) in site.documents.iter().enumerate() {
        for dnr in &d.dnr {
            add(dnr, CaseEntry::Document(i));
        }
    }
    cases.sort_by(|a, b| a.slug.cmp(&b.slug));
    for c in &mut cases {
        c.entries.sort_by_key(|e| match *e {
            CaseEntry::Item(r) => (
                site.meetings[r.meeting].date,
                1,
                r.part == Part::Protokoll,
                r.index,
            ),
            CaseEntry::Document(d) => (
                site.documents[d].sort_date(site).unwrap_or(Date {
                    year: 0,
                    month: 1,
                    day: 1,
                }),
                0,
                false,
                d,
            ),
        });
    }
    site.cases = cases;
}
