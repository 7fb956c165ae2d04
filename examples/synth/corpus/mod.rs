//! The synthetic corpus: generated from a seed and the sentences of the seed documents, then
//! written as a protokoll site root ([`site::write`]) or as an equivalent Hugo site
//! ([`hugo::write`]).

pub mod day;
pub mod hugo;
mod meetings;
pub mod model;
mod register;
mod reports;
pub mod rng;
pub mod site;
pub mod text;
mod words;

use meetings::{Meetings, Specials};
use model::Corpus;
use register::term_of;
use rng::Rng;
use std::collections::BTreeMap;
use text::Sentences;

/// Generates a corpus of `meetings` meetings; the same seed and sentences give the same corpus.
pub fn generate(meetings: usize, seed: u64, text: &Sentences) -> Corpus {
    let (orgs, organs) = register::bodies(meetings);
    let n_people = 250 + 5 * organs.len();
    let mut people = register::people(&mut Rng::stream(seed, "people"), &orgs, n_people);
    let (first, dates) = meetings::calendar(&mut Rng::stream(seed, "calendar"), &organs, meetings);
    let seats = register::memberships(
        &mut Rng::stream(seed, "seats"),
        &organs,
        &orgs,
        &mut people,
        first,
        meetings::LAST_YEAR,
    );
    // The newest meetings are still planned: a kallelse but no protokoll yet.
    let planned = (dates.len() / 60 + 1).min(dates.len());
    let held = |i: usize| i + planned < dates.len();
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (i, &(o, d)) in dates.iter().enumerate() {
        if o == 0 && held(i) {
            by_year.entry(d.y).or_default().push(i);
        }
    }
    // The förbundsmöte adopts last year's reports at its first meeting of a year, next year's plan
    // at its last, and elects the styrelse and arbetsutskott when a term starts.
    let mut specials: BTreeMap<usize, Specials> = BTreeMap::new();
    for (&y, list) in &by_year {
        let s = specials.entry(list[0]).or_default();
        s.reports.push(("arsredovisning", y - 1));
        s.reports.push(("verksamhetsberattelse", y - 1));
        if term_of(y) == y {
            s.elections.extend([(1, y), (2, y)]);
        }
        let last = specials
            .entry(*list.last().unwrap_or(&list[0]))
            .or_default();
        last.reports.push(("verksamhetsplan", y + 1));
    }
    let mut maker = Meetings::new(
        Rng::stream(seed, "meetings"),
        text,
        &organs,
        orgs.len(),
        &people,
        &seats,
    );
    let list: Vec<model::Meeting> = dates
        .iter()
        .enumerate()
        .map(|(i, &(o, d))| {
            maker.meeting(i, o, d, held(i), specials.remove(&i).unwrap_or_default())
        })
        .collect();
    let mut documents = std::mem::take(&mut maker.documents);
    let elections = std::mem::take(&mut maker.elections);
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    for p in &mut people {
        for m in &mut p.memberships {
            if m.from.y == term_of(m.from.y) {
                m.decision = elections.get(&(m.organ, m.from.y)).cloned();
            }
        }
    }
    Corpus {
        title: "Kommunförbundet Sydost".into(),
        organisations: orgs,
        organs,
        people,
        meetings: list,
        documents,
    }
}
