//! The register side of the corpus: organisations and organs sized to the number of meetings, a few
//! hundred people (politicians with parties and municipalities, officials with functions), spelling
//! variants as aliases, and memberships per four-year term.

use super::day::Day;
use super::model::*;
use super::rng::Rng;
use super::words::*;
use std::collections::{BTreeMap, HashSet};

/// The publishing kommunförbund's member municipalities.
const MEMBERS: usize = 12;

/// Organisations and organs for a corpus of `meetings` meetings.
pub fn bodies(meetings: usize) -> (Vec<Organisation>, Vec<Organ>) {
    let mut orgs = vec![Organisation {
        id: "kommunforbundet-sydost".into(),
        name: "Kommunförbundet Sydost".into(),
        kind: "kommunalförbund",
        kommun: None,
    }];
    let organ =
        |id: &str, name: &str, short: &str, org, kind, per_year, seats, subs, personal, dnr| {
            Organ {
                id: id.into(),
                name: name.into(),
                short: short.into(),
                subject: short.into(),
                organisation: org,
                kind,
                per_year,
                seats,
                substitutes: subs,
                personal_substitutes: personal,
                dnr_prefix: dnr,
            }
        };
    let mut organs = vec![
        organ(
            "forbundsmotet",
            "Kommunförbundet Sydosts förbundsmöte",
            "Förbundsmötet",
            0,
            "förbundsmöte",
            2,
            MEMBERS,
            MEMBERS,
            false,
            "",
        ),
        organ(
            "styrelsen",
            "Kommunförbundet Sydosts styrelse",
            "Styrelsen",
            0,
            "styrelse",
            8,
            11,
            11,
            true,
            "",
        ),
        organ(
            "arbetsutskottet",
            "Styrelsens arbetsutskott",
            "Arbetsutskottet",
            0,
            "utskott",
            10,
            5,
            3,
            false,
            "",
        ),
    ];
    // One organ per 300 meetings: the bodies of the member municipalities, kommun by kommun.
    let wanted = meetings.div_ceil(300).max(4);
    let mut i = 0;
    while organs.len() < wanted {
        let kommun = KOMMUNER[(i / NAMNDER.len()) % KOMMUNER.len()];
        let (id, name, kind, per_year) = NAMNDER[i % NAMNDER.len()];
        let org_id = protokoll::markup::ids::slug(&format!("{kommun} kommun"));
        let org = match orgs.iter().position(|o| o.id == org_id) {
            Some(o) => o,
            None => {
                orgs.push(Organisation {
                    id: org_id.clone(),
                    name: format!("{kommun} kommun"),
                    kind: "kommun",
                    kommun: Some(kommun),
                });
                orgs.len() - 1
            }
        };
        let prefix = match id {
            "barn-och-utbildningsnamnden" => "BUN ",
            "socialnamnden" => "SN ",
            "miljo-och-byggnadsnamnden" => "MBN ",
            "kultur-och-fritidsnamnden" => "KFN ",
            "tekniska-namnden" => "TN ",
            _ => "KS ",
        };
        let short = name.trim_end_matches(" i").to_string();
        organs.push(Organ {
            id: format!("{}-{}", protokoll::markup::ids::slug(kommun), id),
            name: format!("{name} {kommun}"),
            short: format!("{short} {kommun}"),
            subject: short,
            organisation: org,
            kind,
            per_year,
            seats: if kind == "fullmäktige" {
                21
            } else {
                7 + i % 5
            },
            substitutes: if kind == "fullmäktige" { 9 } else { 3 + i % 3 },
            personal_substitutes: false,
            dnr_prefix: prefix,
        });
        i += 1;
    }
    (orgs, organs)
}

/// The municipalities politicians come from: the förbund's members and every kommun with organs.
fn kommuner(orgs: &[Organisation]) -> Vec<&'static str> {
    let mut k: Vec<&'static str> = KOMMUNER[..MEMBERS].to_vec();
    for o in orgs {
        if let Some(x) = o.kommun
            && !k.contains(&x)
        {
            k.push(x);
        }
    }
    k
}

/// The register: `n` people with unique names, ids and spellings; officials first for each
/// organisation.
pub fn people(rng: &mut Rng, orgs: &[Organisation], n: usize) -> Vec<Person> {
    let kommuner = kommuner(orgs);
    let officials = (n / 8).max(2 * orgs.len());
    let mut keys = HashSet::new();
    let mut ids = HashSet::new();
    let mut out: Vec<Person> = Vec::new();
    while out.len() < n {
        let (first, variant) = *rng.pick(FIRST);
        let last = *rng.pick(LAST);
        let name = format!("{first} {last}");
        let id = protokoll::markup::ids::slug(&name);
        if !ids.insert(id.clone()) {
            continue;
        }
        keys.insert(protokoll::model::names::name_key(&name));
        let mut aliases = Vec::new();
        if rng.percent(25) {
            let alias = if !variant.is_empty() {
                format!("{variant} {last}")
            } else if let Some(stem) = last.strip_suffix("sson") {
                format!("{first} {stem}son")
            } else {
                format!("{first} {}. {last}", (b'A' + rng.below(26) as u8) as char)
            };
            if keys.insert(protokoll::model::names::name_key(&alias)) {
                aliases.push(alias);
            }
        }
        let official = out.len() < officials;
        let party = (!official).then(|| {
            let total: usize = PARTIES.iter().map(|p| p.1).sum();
            let mut x = rng.below(total);
            PARTIES
                .iter()
                .find(|p| {
                    let hit = x < p.1;
                    x = x.saturating_sub(p.1);
                    hit
                })
                .map_or("S", |p| p.0)
        });
        out.push(Person {
            name,
            id,
            aliases,
            party,
            kommun: (!official).then(|| *rng.pick(&kommuner)),
            organisation: official.then_some(out.len() % orgs.len()),
            title: official.then(|| {
                if out.len() < orgs.len() {
                    // Every organisation's first official is its chief: förbundschef or
                    // kommundirektör.
                    if out.is_empty() {
                        "förbundschef"
                    } else {
                        "kommundirektör"
                    }
                } else {
                    *rng.pick(TITLES)
                }
            }),
            memberships: Vec::new(),
        });
    }
    out
}

/// The members of one organ in one term.
#[derive(Debug, Clone, Default)]
pub struct Seats {
    /// Members with a vote; 0 chairs, 1 is vice chair.
    pub members: Vec<usize>,
    /// Substitutes; with personal substitutes, `substitutes[i]` replaces `members[i]`.
    pub substitutes: Vec<usize>,
}

/// First year of the four-year term (2019–2022, 2023–2026 …) that `year` is in.
pub fn term_of(year: i32) -> i32 {
    2019 + 4 * (year - 2019).div_euclid(4)
}

/// Fills every organ's seats for every term from `first` to `last`, and records the memberships.
pub fn memberships(
    rng: &mut Rng,
    organs: &[Organ],
    orgs: &[Organisation],
    people: &mut [Person],
    first: i32,
    last: i32,
) -> BTreeMap<(usize, i32), Seats> {
    let politicians: Vec<usize> = (0..people.len())
        .filter(|&p| people[p].party.is_some())
        .collect();
    let mut terms = BTreeMap::new();
    for (o, organ) in organs.iter().enumerate() {
        let home = orgs[organ.organisation].kommun;
        let mut local: Vec<usize> = politicians
            .iter()
            .copied()
            .filter(|&p| home.is_none() || people[p].kommun == home)
            .collect();
        let others: Vec<usize> = politicians
            .iter()
            .copied()
            .filter(|p| !local.contains(p))
            .collect();
        local.extend(others);
        let mut previous: Vec<usize> = Vec::new();
        let mut term = term_of(first);
        while term <= last {
            let wanted = organ.seats + organ.substitutes;
            // About two thirds stay on from the previous term; the rest are new.
            let mut chosen: Vec<usize> = previous
                .iter()
                .copied()
                .filter(|_| rng.percent(65))
                .collect();
            while chosen.len() < wanted.min(local.len()) {
                // Prefer the organ's own municipality: draw from the first part of the list more
                // often.
                let span = if rng.percent(80) {
                    (wanted * 3).min(local.len())
                } else {
                    local.len()
                };
                let p = local[rng.below(span)];
                if !chosen.contains(&p) {
                    chosen.push(p);
                }
            }
            let seats = Seats {
                members: chosen[..organ.seats.min(chosen.len())].to_vec(),
                substitutes: chosen[organ.seats.min(chosen.len())..].to_vec(),
            };
            let from = Day::jan1(term.max(first));
            let to = (term + 3 < last).then(|| Day::dec31(term + 3));
            for (i, &p) in seats.members.iter().enumerate() {
                let role = match (i, organ.kind) {
                    (0, _) => "ordförande",
                    (1, _) => "vice ordförande",
                    (_, "förbundsmöte") => "ombud",
                    _ => "ledamot",
                };
                people[p].memberships.push(Membership {
                    organ: o,
                    role,
                    from,
                    to,
                    substitute_for: None,
                    decision: None,
                });
            }
            for (i, &p) in seats.substitutes.iter().enumerate() {
                let (role, substitute_for) = if organ.personal_substitutes {
                    ("personlig ersättare", seats.members.get(i).copied())
                } else if organ.kind == "förbundsmöte" {
                    ("ersättare för ombud", None)
                } else {
                    ("ersättare", None)
                };
                people[p].memberships.push(Membership {
                    organ: o,
                    role,
                    from,
                    to,
                    substitute_for,
                    decision: None,
                });
            }
            previous = chosen;
            terms.insert((o, term), seats);
            term += 4;
        }
    }
    terms
}
