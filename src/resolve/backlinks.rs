//! The links back and the cases: what each person, meeting and paragraph is linked from, and the
//! paragraphs, agenda items and documents of each Dnr. Made again from the whole site on every
//! resolve and patch.

use crate::date::Date;
use crate::site::*;
use std::collections::HashMap;

/// Empties what [`backlinks`] fills, so it can fill it again.
pub fn clear(site: &mut Site) {
    for p in &mut site.people {
        p.attended.clear();
        p.send_lists.clear();
        p.presented.clear();
        p.mentioned.clear();
        p.documents.clear();
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
    for m in 0..site.meetings.len() {
        if let Some(p) = &site.meetings[m].protokoll {
            let mut attended: Vec<(usize, &'static str)> = Vec::new();
            for (g, list) in &p.attendance {
                for n in list {
                    if let Some(person) = n.person {
                        attended.push((person, ATTENDANCE_GROUPS[*g].1));
                    }
                }
            }
            for (person, how) in attended {
                site.people[person].attended.push((m, how));
            }
        }
        if let Some(k) = &site.meetings[m].kallelse {
            let mut lists = Vec::new();
            if let Some((_, cols, rows)) = &k.send_list {
                for r in rows {
                    for (c, list) in [&r.first, &r.second].into_iter().enumerate() {
                        for n in list.iter().filter_map(|n| n.person) {
                            lists.push((n, cols.get(c).cloned().unwrap_or_default()));
                        }
                    }
                }
            }
            for (person, col) in lists {
                site.people[person].send_lists.push((m, col));
            }
        }
        for part in [Part::Protokoll, Part::Kallelse] {
            let refs: Vec<(ItemRef, Vec<usize>, Vec<usize>)> = site.meetings[m]
                .items(part)
                .iter()
                .enumerate()
                .map(|(index, p)| {
                    (
                        ItemRef {
                            meeting: m,
                            part,
                            index,
                        },
                        p.presenters.clone(),
                        p.mentions.clone(),
                    )
                })
                .collect();
            for (r, presenters, mentions) in refs {
                for p in presenters {
                    site.people[p].presented.push(r);
                }
                for p in mentions {
                    site.people[p].mentioned.push(r);
                }
            }
        }
    }
    for d in 0..site.documents.len() {
        let doc = &site.documents[d];
        let who: Vec<usize> = doc
            .authors
            .iter()
            .chain(doc.signatures.iter().map(|s| &s.who))
            .filter_map(|n| n.person)
            .collect();
        for p in who {
            if !site.people[p].documents.contains(&d) {
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
}

/// Every case: the paragraphs, agenda items and documents of each Dnr, in date order.
pub fn cases(site: &mut Site) {
    let mut cases: Vec<Case> = Vec::new();
    // A Dnr recurs: each spelling is made a slug once, and each slug is one case.
    let mut by_written: HashMap<String, usize> = HashMap::new();
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    let mut add = |dnr: &str, e: CaseEntry| {
        let i = match by_written.get(dnr) {
            Some(&i) => i,
            None => {
                let slug = dnr_slug(dnr);
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
