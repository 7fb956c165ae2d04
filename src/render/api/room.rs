//! The room and the bilagor in the JSON twins: the `Vote` object (OParl has none: docs/API.md
//! describes it), yrkanden, reservationer, protokollsanteckningar and jäv as statements with the
//! people they name, and attachments as OParl `File` objects. Fields in the byte order of their
//! JSON names.

use super::refs::*;
use crate::model::attachment::Attachment;
use crate::model::meeting::ItemRef;
use crate::model::site::Site;
use crate::model::urls;
use crate::model::vote::{self, InRoom};
use serde::Serialize;

/// An omröstning.
#[derive(Serialize)]
pub struct Vote<'a> {
    avstar: Option<u32>,
    franvarande: Option<u32>,
    ja: Option<u32>,
    namnupprop: bool,
    nej: Option<u32>,
    order: usize,
    resultat: Option<&'static str>,
    rost: Vec<Ballot<'a>>,
    text: String,
    r#type: &'static str,
}

/// One member's vote.
#[derive(Serialize)]
struct Ballot<'a> {
    choice: &'static str,
    voter: Named<'a>,
}

/// The votes of a paragraph.
pub fn votes<'a>(site: &'a Site, votes: &'a [vote::Vote]) -> Vec<Vote<'a>> {
    votes
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let c = v.counts();
            Vote {
                avstar: c.abstain,
                franvarande: c.absent,
                ja: c.yes,
                namnupprop: !v.ballots.is_empty(),
                nej: c.no,
                order: i + 1,
                resultat: v.outcome().map(vote::Choice::key),
                rost: v
                    .ballots
                    .iter()
                    .map(|b| Ballot {
                        choice: b.choice.key(),
                        voter: named(site, &b.who),
                    })
                    .collect(),
                text: match (v.text.is_empty(), v.after.is_empty()) {
                    (_, true) => v.text.clone(),
                    (true, false) => v.after.clone(),
                    (false, false) => format!("{}\n{}", v.text, v.after),
                },
                r#type: "Vote",
            }
        })
        .collect()
}

/// A yrkande, reservation, protokollsanteckning or jäv.
#[derive(Serialize)]
pub struct Statement<'a> {
    person: Vec<PersonRef<'a>>,
    skal: &'a str,
    text: &'a str,
    vem: &'a str,
}

/// The statements of a kind.
pub fn statements<'a>(site: &'a Site, list: &'a [vote::Statement]) -> Vec<Statement<'a>> {
    list.iter()
        .map(|s| Statement {
            person: s.people.iter().map(|&p| person_ref(site, p)).collect(),
            skal: &s.reason,
            text: &s.text,
            vem: &s.who,
        })
        .collect()
}

/// An attachment (OParl File).
#[derive(Serialize)]
pub struct File<'a> {
    #[serde(rename = "accessUrl")]
    access_url: String,
    #[serde(rename = "fileName")]
    file_name: &'a str,
    #[serde(rename = "mimeType")]
    mime_type: &'static str,
    name: &'a str,
    #[serde(rename = "sha256Checksum")]
    sha256: &'a str,
    size: u64,
    r#type: &'static str,
}

/// The attachments of meeting `m` or one of its items.
pub fn files<'a>(site: &Site, m: usize, list: &'a [Attachment]) -> Vec<File<'a>> {
    list.iter()
        .map(|a| File {
            access_url: urls::attachment(site, m, &a.segment),
            file_name: &a.file_name,
            mime_type: a.media_type,
            name: &a.title,
            sha256: &a.sha256,
            size: a.size,
            r#type: "File",
        })
        .collect()
}

/// A person's vote in a paragraph.
#[derive(Serialize)]
pub struct Voted<'a> {
    #[serde(rename = "agendaItem")]
    agenda_item: AgendaItemRef<'a>,
    choice: &'static str,
    order: usize,
}

/// What a person did in the room, by kind, for their twin.
#[derive(Default)]
pub struct PersonRoom<'a> {
    /// Their votes.
    pub votes: Vec<Voted<'a>>,
    /// Paragraphs where they moved, reserved themselves, noted or were disqualified (in the order
    /// of `StatementKind::ALL`).
    pub said: [Vec<AgendaItemRef<'a>>; 4],
}

/// The room of person `p`: their votes and their statements of each kind (yrkande, reservation,
/// protokollsanteckning, jäv).
pub fn person_room<'a>(site: &'a Site, list: &[(ItemRef, InRoom)]) -> PersonRoom<'a> {
    let mut out = PersonRoom::default();
    for &(r, what) in list {
        match what {
            InRoom::Voted(n, c) => out.votes.push(Voted {
                agenda_item: item_ref(site, r),
                choice: c.key(),
                order: n + 1,
            }),
            InRoom::Said(k) => out.said[k.index()].push(item_ref(site, r)),
        }
    }
    out
}
