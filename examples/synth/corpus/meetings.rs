//! The meetings of the corpus: a calendar for every organ over the years, attendance from the
//! term's seats, 8–20 paragraphs per meeting with recurring cases (Dnr), föredragande, bakgrund and
//! beslut, tjänsteskrivelser, and the förbundsmöte's elections and adopted reports.

use super::day::Day;
use super::model::*;
use super::register::{Seats, term_of};
use super::reports;
use super::rng::Rng;
use super::text::Sentences;
use super::words::*;
use std::collections::{BTreeMap, BTreeSet};

/// The last year of every corpus; the newest meetings of it are still planned.
pub const LAST_YEAR: i32 = 2025;

/// Dates for `n` meetings: the years covered and every (organ, date), in date order.
pub fn calendar(rng: &mut Rng, organs: &[Organ], n: usize) -> (i32, Vec<(usize, Day)>) {
    let per_year: usize = organs.iter().map(|o| o.per_year).sum();
    let years = n.div_ceil(per_year).clamp(2, 40);
    let scale = n.div_ceil(years * per_year).max(1);
    let first = LAST_YEAR - years as i32 + 1;
    // Exactly n meetings, shared out in proportion to each organ's meetings a year; the remainder
    // is carried from one (year, organ) to the next so that rounding never starves a small organ.
    let total = years * per_year * scale;
    let mut carry = total / 2;
    let mut count: BTreeMap<(usize, i32), usize> = BTreeMap::new();
    for y in first..=LAST_YEAR {
        for (o, organ) in organs.iter().enumerate() {
            carry += organ.per_year * scale * n;
            count.insert((o, y), carry / total);
            carry %= total;
        }
    }
    let mut used: BTreeSet<(usize, Day)> = BTreeSet::new();
    for (&(o, y), &c) in &count {
        // One meeting in each of c equal parts of the working year (mid-January to mid-December).
        let width = 330 / c.max(1);
        for k in 0..c {
            let offset = 12 + k * width + rng.below(width.saturating_sub(3).max(1));
            let mut day = Day::jan1(y).plus(offset as i64).workday();
            while used.contains(&(o, day)) {
                day = day.plus(1).workday();
            }
            used.insert((o, day));
        }
    }
    let mut dates: Vec<(usize, Day)> = used.into_iter().collect();
    dates.sort_by(|a, b| (a.1, &organs[a.0].id).cmp(&(b.1, &organs[b.0].id)));
    (first, dates)
}

/// A case that will come back to a later meeting of the same organisation.
struct Open {
    dnr: String,
    title: String,
    remaining: usize,
    last: Day,
}

/// The state carried from meeting to meeting.
pub struct Meetings<'a> {
    rng: Rng,
    text: &'a Sentences,
    organs: &'a [Organ],
    people: &'a [Person],
    seats: &'a BTreeMap<(usize, i32), Seats>,
    officials: Vec<Vec<usize>>,
    open: Vec<Vec<Open>>,
    next_dnr: BTreeMap<i32, usize>,
    next_nr: BTreeMap<(usize, i32), u32>,
    sentence: usize,
    /// Documents made so far.
    pub documents: Vec<Document>,
    /// Memberships to mark as made by a decision: (organ, term) → `organ/datum/nr`.
    pub elections: BTreeMap<(usize, i32), String>,
}

impl<'a> Meetings<'a> {
    /// Starts with the register in place.
    pub fn new(
        rng: Rng,
        text: &'a Sentences,
        organs: &'a [Organ],
        orgs: usize,
        people: &'a [Person],
        seats: &'a BTreeMap<(usize, i32), Seats>,
    ) -> Meetings<'a> {
        let officials = (0..orgs)
            .map(|o| {
                (0..people.len())
                    .filter(|&p| people[p].organisation == Some(o))
                    .collect()
            })
            .collect();
        Meetings {
            rng,
            text,
            organs,
            people,
            seats,
            officials,
            open: (0..orgs).map(|_| Vec::new()).collect(),
            next_dnr: BTreeMap::new(),
            next_nr: BTreeMap::new(),
            sentence: 0,
            documents: Vec::new(),
            elections: BTreeMap::new(),
        }
    }

    fn spell(&mut self, p: usize, function: Option<String>) -> Attendee {
        let person = &self.people[p];
        let spelling = if !person.aliases.is_empty() && self.rng.percent(15) {
            self.rng.pick(&person.aliases).clone()
        } else {
            person.name.clone()
        };
        Attendee {
            person: p,
            spelling,
            function,
        }
    }

    fn prose(&mut self, sentences: usize) -> String {
        let mut s = String::new();
        for _ in 0..sentences {
            // Walk the list with random strides so neighbouring paragraphs do not repeat each
            // other.
            self.sentence = (self.sentence + 1 + self.rng.below(7)) % self.text.prose.len();
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&self.text.prose[self.sentence]);
        }
        s
    }

    fn new_dnr(&mut self, organ: usize, year: i32) -> String {
        let n = self.next_dnr.entry(year).or_insert(0);
        *n += 1;
        format!("{}{year}/{:04}", self.organs[organ].dnr_prefix, *n)
    }

    /// One meeting with attendance and paragraphs; `index` is its place in the corpus.
    pub fn meeting(
        &mut self,
        index: usize,
        organ: usize,
        date: Day,
        held: bool,
        specials: Specials,
    ) -> Meeting {
        let o = &self.organs[organ];
        let org = o.organisation;
        let seats = self
            .seats
            .get(&(organ, term_of(date.y)))
            .cloned()
            .unwrap_or_default();
        let mut voting = Vec::new();
        let mut serving = Vec::new();
        let mut spare: Vec<usize> = seats.substitutes.clone();
        for (i, &p) in seats.members.iter().enumerate() {
            let function = match i {
                0 => Some("ordförande".to_string()),
                1 => Some("vice ordförande".to_string()),
                _ => None,
            };
            if self.rng.percent(90) {
                let a = self.spell(p, function);
                voting.push(a);
            } else {
                let sub = if o.personal_substitutes {
                    seats.substitutes.get(i).copied()
                } else {
                    spare.first().copied()
                };
                if let Some(s) = sub.filter(|s| spare.contains(s)) {
                    spare.retain(|&x| x != s);
                    let a = self.spell(s, None);
                    serving.push(a);
                }
            }
        }
        let mut present_substitutes = Vec::new();
        for s in spare {
            if self.rng.percent(40) {
                let a = self.spell(s, None);
                present_substitutes.push(a);
            }
        }
        let officials = self.officials[org].clone();
        let secretary_p = officials[1 % officials.len()];
        let secretary = self.spell(secretary_p, None);
        let mut others = vec![self.spell(secretary_p, Some("sekreterare".into()))];
        for k in 0..self.rng.range(0, 2) {
            let p = officials[(2 + k + self.rng.below(officials.len())) % officials.len()];
            if p != secretary_p && !others.iter().any(|a| a.person == p) {
                let a = self.spell(p, self.people[p].title.map(str::to_string));
                others.push(a);
            }
        }
        let chair = voting
            .iter()
            .find(|a| a.function.as_deref() == Some("ordförande"))
            .or_else(|| voting.first())
            .map(|a| Attendee {
                function: None,
                ..a.clone()
            });
        let mut approvers: Vec<Attendee> = Vec::new();
        for _ in 0..self.rng.range(1, 2) {
            if voting.len() > 2 {
                let a = voting[2 + self.rng.below(voting.len() - 2)].clone();
                if !approvers.iter().any(|x| x.person == a.person) {
                    approvers.push(Attendee {
                        function: None,
                        ..a
                    });
                }
            }
        }
        let mut send_list: BTreeMap<String, (Vec<Attendee>, Vec<Attendee>)> = BTreeMap::new();
        for (i, &p) in seats.members.iter().enumerate() {
            let k = self.people[p].kommun.unwrap_or("Övriga").to_string();
            let a = self.spell(p, None);
            send_list.entry(k.clone()).or_default().0.push(a);
            if let Some(&s) = seats.substitutes.get(i) {
                let a = self.spell(s, None);
                send_list.entry(k).or_default().1.push(a);
            }
        }
        let hour = *self.rng.pick(&[8, 9, 10, 13, 14, 18]);
        let start = (hour, if self.rng.percent(30) { 30 } else { 0 });
        let end = (hour + self.rng.range(1, 3) as u32, start.1);
        let mut m = Meeting {
            organ,
            date,
            start,
            end,
            place: PLACES[self.rng.below(PLACES.len())],
            held,
            notice: !held || self.rng.percent(35),
            issued: date.plus(-(self.rng.range(7, 12) as i64)),
            approved: held.then(|| date.plus(self.rng.range(4, 12) as i64)),
            chair,
            secretary: Some(secretary),
            approvers,
            voting,
            serving,
            present_substitutes,
            others,
            send_list: send_list.into_iter().map(|(k, (a, b))| (k, a, b)).collect(),
            items: Vec::new(),
        };
        m.items = self.items(index, &m, specials);
        m
    }

    fn items(&mut self, index: usize, m: &Meeting, specials: Specials) -> Vec<Item> {
        let o = &self.organs[m.organ];
        let subject = o.subject.clone();
        let org = o.organisation;
        let n = self.rng.range(8, 20);
        let first = if m.held {
            *self.next_nr.get(&(m.organ, m.date.y)).unwrap_or(&1)
        } else {
            1
        };
        let mut items = Vec::new();
        let approver = m
            .approvers
            .first()
            .map_or_else(|| "ordföranden".to_string(), |a| a.spelling.clone());
        items.push(self.plain(
            "Val av justerare",
            format!(
                "{subject} utser {approver} att tillsammans med ordföranden justera protokollet."
            ),
        ));
        items.push(self.plain(
            "Fastställande av dagordning",
            "Dagordningen fastställs.".into(),
        ));
        let year = m.date.y;
        let key = format!("{}/{}", o.id, m.date);
        let nr_of = |items: &Vec<Item>| first + items.len() as u32;
        for (doc_kind, y) in specials.reports {
            let (id, title) = reports::id_and_title(doc_kind, y);
            let dnr = self.new_dnr(m.organ, year);
            let nr = nr_of(&items);
            let body = reports::body(&mut self.rng, self.text, doc_kind, y);
            self.documents.push(Document {
                id: id.clone(),
                kind: doc_kind,
                title: title.clone(),
                date: m.date.plus(-20),
                year: Some(y),
                organisation: org,
                organ: Some(m.organ),
                dnr: Some(dnr.clone()),
                handled: Some((index, nr)),
                adopted: true,
                authors: vec![],
                body,
            });
            let what = title
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .trim()
                .to_lowercase();
            let mut item = self.plain(&title, format!("{subject} fastställer {what} för {y}."));
            item.dnr = Some(dnr);
            item.documents.push(id);
            item.background = vec![self.prose(3)];
            items.push(item);
        }
        for &(organ, term) in &specials.elections {
            let seats = self.seats.get(&(organ, term)).cloned().unwrap_or_default();
            let names: Vec<String> = seats
                .members
                .iter()
                .take(2)
                .map(|&p| self.people[p].name.clone())
                .collect();
            let body = self.organs[organ].short.to_lowercase();
            let mut decision = format!(
                "{subject} väljer ledamöter och ersättare i {body} för mandatperioden {term}–{}.",
                term + 3
            );
            if let [a, b] = names.as_slice() {
                decision.push_str(&format!(
                    " Till ordförande väljs {a} och till vice ordförande {b}."
                ));
            }
            let nr = nr_of(&items);
            self.elections.insert((organ, term), format!("{key}/{nr}"));
            let title = format!(
                "Val av ledamöter och ersättare i {body} {term}–{}",
                term + 3
            );
            items.push(self.plain(&title, decision));
        }
        while items.len() + 1 < n {
            let nr = nr_of(&items);
            let item = self.case_item(index, m, nr);
            items.push(item);
        }
        items.push(self.plain(
            "Meddelanden och delegationsbeslut",
            "Redovisningen av meddelanden och delegationsbeslut läggs till handlingarna.".into(),
        ));
        for (i, item) in items.iter_mut().enumerate() {
            item.nr = first + i as u32;
        }
        if m.held {
            self.next_nr
                .insert((m.organ, m.date.y), first + items.len() as u32);
        }
        items
    }

    fn plain(&mut self, title: &str, decision: String) -> Item {
        Item {
            nr: 0,
            title: title.to_string(),
            dnr: None,
            presenters: vec![],
            documents: vec![],
            background: vec![],
            basis: vec![],
            decision,
            send_to: vec![],
        }
    }

    fn case_item(&mut self, index: usize, m: &Meeting, nr: u32) -> Item {
        let o = &self.organs[m.organ];
        let org = o.organisation;
        let subject = o.subject.clone();
        // About a third of the paragraphs continue a case an earlier meeting of the organisation
        // handled.
        let reuse = self.open[org]
            .iter()
            .position(|c| c.last < m.date && c.remaining > 0);
        let (dnr, title) = match reuse.filter(|_| self.rng.percent(35)) {
            Some(i) => {
                let c = &mut self.open[org][i];
                c.remaining -= 1;
                c.last = m.date;
                let out = (c.dnr.clone(), c.title.clone());
                if c.remaining == 0 {
                    self.open[org].remove(i);
                }
                out
            }
            None => {
                let dnr = self.new_dnr(m.organ, m.date.y);
                let title = format!("{} {}", self.rng.pick(CASE_KINDS), self.rng.pick(SUBJECTS));
                let remaining = *self.rng.pick(&[0, 0, 0, 0, 1, 1, 1, 2, 2, 3]);
                if remaining > 0 {
                    self.open[org].push(Open {
                        dnr: dnr.clone(),
                        title: title.clone(),
                        remaining,
                        last: m.date,
                    });
                }
                (dnr, title)
            }
        };
        let officials = self.officials[org].clone();
        let mut presenters = Vec::new();
        for _ in 0..*self.rng.pick(&[0, 1, 1, 1, 1, 1, 2, 2]) {
            let p = *self.rng.pick(&officials);
            if !presenters.iter().any(|a: &Attendee| a.person == p) {
                let a = self.spell(p, self.people[p].title.map(str::to_string));
                presenters.push(a);
            }
        }
        let background = (0..self.rng.range(1, 3))
            .map(|_| {
                let k = self.rng.range(1, 3);
                self.prose(k)
            })
            .collect();
        let mut decision = self
            .text
            .decision_by(self.rng.below(self.text.decisions.len()), &subject);
        if self.rng.percent(10) && !m.voting.is_empty() {
            let who = self.rng.pick(&m.voting).spelling.clone();
            decision.push_str(&format!(" {who} utses till kontaktperson i ärendet."));
        }
        let mut item = Item {
            nr,
            title: title.clone(),
            dnr: Some(dnr.clone()),
            presenters,
            documents: vec![],
            background,
            basis: vec![],
            decision,
            send_to: vec![],
        };
        if self.rng.percent(12) {
            let id = format!("tjansteskrivelse-{}-{}-{nr}", m.date, o.id);
            let date = m.date.plus(-(self.rng.range(10, 30) as i64));
            item.basis.push(format!("Tjänsteskrivelse {date}"));
            let k = self.rng.range(3, 6);
            let body = format!(
                "## Förslag till beslut\n\n{}\n\n## Bakgrund\n\n{}\n\n{}\n",
                item.decision,
                self.prose(k),
                self.prose(2)
            );
            let authors = item.presenters.first().cloned().into_iter().collect();
            self.documents.push(Document {
                id: id.clone(),
                kind: "tjansteskrivelse",
                title,
                date,
                year: None,
                organisation: org,
                organ: Some(m.organ),
                dnr: Some(dnr),
                handled: Some((index, nr)),
                adopted: false,
                authors,
                body,
            });
            item.documents.push(id);
        }
        if self.rng.percent(30) {
            let k = self.rng.range(1, 3);
            item.send_to = self
                .rng
                .sample(RECIPIENTS.len(), k)
                .into_iter()
                .map(|i| RECIPIENTS[i])
                .collect();
        }
        item
    }
}

/// What a förbundsmöte also handles: reports to adopt and elections for the new term.
#[derive(Debug, Clone, Default)]
pub struct Specials {
    /// (document kind, year) of reports adopted.
    pub reports: Vec<(&'static str, i32)>,
    /// (organ, term) elections held.
    pub elections: Vec<(usize, i32)>,
}
