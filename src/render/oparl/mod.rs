//! The OParl 1.1 endpoint (docs/OPARL.md): every body, organ, person, meeting and document of the
//! site as OParl objects under `/oparl/`, from one entry point (`/oparl/system.json`) down, each
//! with its absolute URL as `id`; written only when `bas_url` is set.

mod body;
mod list;
mod meeting;
mod paper;
mod people;
mod stamp;
pub mod urls;

use crate::model::meeting::{ItemRef, Part};
use crate::model::site::Site;
use crate::output::OutFile;
use rayon::prelude::*;
use serde::Serialize;
use std::path::PathBuf;

/// The prefix of every key OParl does not define (OParl's "herstellerspezifische Erweiterungen"):
/// the Swedish facts of the record, `protokoll:dnr`, `protokoll:justerad` …
pub const VENDOR: &str = "protokoll:";

/// The absolute URL of the OParl object at site path `path()`, for a JSON twin to link to; `None`
/// when the site writes no endpoint ([`files`]).
pub fn link(site: &Site, path: impl FnOnce() -> String) -> Option<String> {
    let bas = site.config.bas_url.as_deref()?;
    (!site.organisations.is_empty()).then(|| urls::absolute(bas, &path()))
}

/// [`link`] of the OParl agenda item of paragraph or agenda item `r`: only the items its meeting's
/// object lists have one.
pub fn item_link(site: &Site, r: ItemRef) -> Option<String> {
    let meeting = &site.meetings[r.meeting];
    if r.part != listed_part(meeting) {
        return None;
    }
    let number = &meeting.items(r.part)[r.index].item.number;
    link(site, || urls::agenda_item(site, r.meeting, r.part, number))
}

/// Every file of the endpoint: the system, the list of bodies, each body with its lists of
/// organizations, people, meetings and papers, and each of those objects in its own file. Nothing
/// without `bas_url`, since an OParl id is an absolute URL.
pub fn files<'a>(site: &'a Site) -> Vec<OutFile> {
    let Some(bas) = site.config.bas_url.as_deref() else {
        return Vec::new();
    };
    if site.organisations.is_empty() {
        return Vec::new();
    }
    let ctx = Ctx::new(site, bas);
    let organs: Vec<_> = (0..site.organs.len())
        .map(|o| people::organization(&ctx, o))
        .collect();
    let people: Vec<_> = (0..site.people.len())
        .into_par_iter()
        .map(|p| people::person(&ctx, p))
        .collect();
    let meetings: Vec<_> = (0..site.meetings.len())
        .into_par_iter()
        .map(|m| meeting::meeting(&ctx, m))
        .collect();
    let papers: Vec<_> = (0..site.documents.len())
        .map(|d| paper::paper(&ctx, d))
        .collect();
    let bodies: Vec<_> = (0..site.organisations.len())
        .map(|b| body::body(&ctx, b))
        .collect();
    // Lists are in the order of the ids, which never change, so an object keeps its place
    // (meetings by date: a new one is added at the end).
    let order = |n: usize, id: &dyn Fn(usize) -> &'a str| {
        let mut v: Vec<usize> = (0..n).collect();
        v.sort_by_key(|&i| id(i));
        v
    };
    let body_order = order(bodies.len(), &|b| &site.organisations[b].id);
    let organ_order = order(organs.len(), &|o| &site.organs[o].id);
    let person_order = order(people.len(), &|p| &site.people[p].id);
    let paper_order = order(papers.len(), &|d| &site.documents[d].id);
    let mut out = vec![file(urls::SYSTEM, &body::system(&ctx))];
    let listed: Vec<_> = body_order.iter().map(|&b| &bodies[b]).collect();
    out.extend(list::pages(bas, urls::BODIES, &listed));
    for (b, x) in bodies.iter().enumerate() {
        out.push(file(&urls::body(site, b), x));
        let of = |list: &str| urls::body_list(site, b, list);
        let pick = |order: &[usize], keep: &dyn Fn(usize) -> bool| -> Vec<usize> {
            order.iter().copied().filter(|&i| keep(i)).collect()
        };
        let mine = pick(&organ_order, &|o| ctx.body_of_organ(o) == b);
        let listed: Vec<_> = mine.iter().map(|&o| &organs[o]).collect();
        out.extend(list::pages(bas, &of("organization"), &listed));
        let mine = pick(&person_order, &|p| ctx.person_body[p] == b);
        let listed: Vec<_> = mine.iter().map(|&p| &people[p]).collect();
        out.extend(list::pages(bas, &of("person"), &listed));
        let mine = pick(&ctx.meeting_order, &|m| {
            ctx.body_of_organ(site.meetings[m].organ) == b
        });
        let listed: Vec<_> = mine.iter().map(|&m| &meetings[m]).collect();
        out.extend(list::pages(bas, &of("meeting"), &listed));
        let mine = pick(&paper_order, &|d| ctx.paper_body(d) == b);
        let listed: Vec<_> = mine.iter().map(|&d| &papers[d]).collect();
        out.extend(list::pages(bas, &of("paper"), &listed));
    }
    out.par_extend(each(&organs, |o| urls::organization(site, o)));
    out.par_extend(each(&people, |p| urls::person(site, p)));
    out.par_extend(each(&meetings, |m| urls::meeting(site, m)));
    out.par_extend(each(&papers, |d| urls::paper(site, d)));
    out
}

/// Each object in its own file, at the path `path` gives its index.
fn each<'x, T: Serialize + Sync>(
    xs: &'x [T],
    path: impl Fn(usize) -> String + Sync + Send + 'x,
) -> impl ParallelIterator<Item = OutFile> + 'x {
    xs.par_iter()
        .enumerate()
        .map(move |(i, x)| file(&path(i), x))
}

/// A file of the endpoint at site path `path`.
fn file(path: &str, x: &impl Serialize) -> OutFile {
    (PathBuf::from(&path[1..]), to_bytes(x))
}

/// Compact JSON and a final newline: clients read these files, people read the twins.
fn to_bytes(x: &impl Serialize) -> Vec<u8> {
    // Fails only on a map key that is not a string; the shapes here have none.
    let mut bytes = serde_json::to_vec(x).expect("OParl shapes serialize");
    bytes.push(b'\n');
    bytes
}

/// What every object needs: the site, its address, which body each thing belongs to, and the
/// consultations (a document handled under a paragraph), found once.
pub struct Ctx<'a> {
    site: &'a Site,
    bas: &'a str,
    /// The body things without one of their own belong to: `organisation` of protokoll.toml,
    /// else the first organisation.
    main_body: usize,
    /// The body each person is listed in ([`Ctx::new`] says which).
    person_body: Vec<usize>,
    /// Every paragraph or agenda item that handles each document (names it among its
    /// handlingar or adopts it), in site order.
    consultations: Vec<Vec<ItemRef>>,
    /// Each membership's id ([`people::membership_ids`]).
    membership_ids: Vec<String>,
    /// The meetings in list order: by date, organ and sitting, so a new meeting seldom moves
    /// the older ones to another page.
    meeting_order: Vec<usize>,
}

impl<'a> Ctx<'a> {
    fn new(site: &'a Site, bas: &'a str) -> Ctx<'a> {
        let main_body = site
            .config
            .organisation
            .as_ref()
            .and_then(|id| site.organisations.iter().position(|o| &o.id == id))
            .unwrap_or(0);
        // The body whose record names the person (their uppdrag and meetings, the lowest
        // organisation first), else their own organisation, else the main body.
        let person_body = site
            .people
            .iter()
            .map(|p| {
                let of_organs = p
                    .memberships
                    .iter()
                    .map(|&i| site.memberships[i].organ)
                    .chain(p.attended.iter().map(|a| site.meetings[a.meeting].organ))
                    .map(|o| site.organs[o].organisation)
                    .min();
                of_organs.or(p.organisation).unwrap_or(main_body)
            })
            .collect();
        let mut consultations = vec![Vec::new(); site.documents.len()];
        for (m, meeting) in site.meetings.iter().enumerate() {
            // Only the items the meeting's object lists, so every consultation's agenda item
            // is an object a client has seen.
            let part = listed_part(meeting);
            for (index, p) in meeting.items(part).iter().enumerate() {
                let r = ItemRef {
                    meeting: m,
                    part,
                    index,
                };
                let mut docs: Vec<usize> = p.documents.iter().chain(&p.adopted).copied().collect();
                docs.sort_unstable();
                docs.dedup();
                for d in docs {
                    consultations[d].push(r);
                }
            }
        }
        let mut meeting_order: Vec<usize> = (0..site.meetings.len()).collect();
        meeting_order.sort_by_key(|&m| {
            let x = &site.meetings[m];
            (x.date, &site.organs[x.organ].id, x.sitting)
        });
        Ctx {
            site,
            bas,
            main_body,
            person_body,
            consultations,
            membership_ids: people::membership_ids(site, bas),
            meeting_order,
        }
    }

    /// The absolute URL of a site path.
    fn url(&self, path: &str) -> String {
        urls::absolute(self.bas, path)
    }

    fn body_of_organ(&self, o: usize) -> usize {
        self.site.organs[o].organisation
    }

    /// The body a document belongs to: its organisation, its organ's, its meeting's organ's,
    /// else the main body.
    fn paper_body(&self, d: usize) -> usize {
        let doc = &self.site.documents[d];
        doc.organisation
            .or(doc.organ.map(|o| self.body_of_organ(o)))
            .or(doc
                .meeting
                .map(|m| self.body_of_organ(self.site.meetings[m].organ)))
            .unwrap_or(self.main_body)
    }
}

/// Which items a meeting's object lists as its agenda: the protokoll's paragraphs once it
/// exists, before that the kallelse's agenda.
fn listed_part(m: &crate::model::meeting::Meeting) -> Part {
    if m.protokoll.is_some() {
        Part::Protokoll
    } else {
        Part::Kallelse
    }
}
