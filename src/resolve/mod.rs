//! Resolve: turn the loaded files into the linked [`Site`]: registers first, then meetings and
//! documents with every name and reference checked, then the links both ways. All errors are
//! collected; the caller fails once.

mod claims;
mod links;
mod people;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::load::{Parsed, SourceFile};
use crate::names;
use crate::site::*;
use crate::source::{KallelseFm, ProtokollFm, RegisterFile, SignatureRec};
use people::NameIndex;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

/// Roles a membership may have.
pub const ROLES: &[&str] = &[
    "ordförande",
    "vice ordförande",
    "andre vice ordförande",
    "ledamot",
    "ersättare",
    "personlig ersättare",
    "adjungerad ersättare",
    "ombud",
    "ersättare för ombud",
    "sekreterare",
    "revisor",
    "revisorsersättare",
    "ledamot (utan rösträtt)",
];

/// URL segments the generator itself uses at the top level.
pub const RESERVED: &[&str] = &[
    "arende", "person", "ar", "dokument", "parti", "kommun", "sok", "organ", "static",
];

/// Builds the site graph from the loaded files.
pub fn resolve(config: Config, files: &[SourceFile]) -> Result<Site, Vec<Diagnostic>> {
    let mut r = Resolver {
        site: Site {
            config,
            ..Site::default()
        },
        errors: Vec::new(),
        names: NameIndex::default(),
    };
    r.registers(files);
    r.meetings(files);
    r.documents(files);
    r.pages(files);
    r.memberships(files);
    links::link(&mut r.site, &r.names, &mut r.errors);
    claims::check(files, &mut r.errors);
    if r.errors.is_empty() {
        Ok(r.site)
    } else {
        Err(r.errors)
    }
}

/// The 1-based line of the `nth` line starting with `key` in a file's text (1 when not found).
fn key_line(text: &str, key: &str, nth: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with(key))
        .nth(nth)
        .map_or(1, |(i, _)| i + 1)
}

struct Resolver {
    site: Site,
    errors: Vec<Diagnostic>,
    names: NameIndex,
}

fn registers(files: &[SourceFile]) -> impl Iterator<Item = (&SourceFile, &RegisterFile)> {
    files.iter().filter_map(|f| match &f.parsed {
        Parsed::Register(r) => Some((f, r)),
        _ => None,
    })
}

impl Resolver {
    fn check_id(&mut self, file: &SourceFile, id: &Spanned<String>) {
        if !names::is_valid_id(id.get_ref()) {
            self.errors.push(file.at(
                id,
                format!(
                    "invalid id \"{}\": use a–z, 0–9 and single dashes",
                    id.get_ref()
                ),
            ));
        }
    }

    fn registers(&mut self, files: &[SourceFile]) {
        let mut org_ids: HashMap<String, usize> = HashMap::new();
        for (f, reg) in registers(files) {
            for o in &reg.organisation {
                self.check_id(f, &o.id);
                if org_ids
                    .insert(o.id.get_ref().clone(), self.site.organisations.len())
                    .is_some()
                {
                    self.errors.push(f.at(
                        &o.id,
                        format!("duplicate organisation id \"{}\"", o.id.get_ref()),
                    ));
                }
                self.site.organisations.push(Organisation {
                    id: o.id.get_ref().clone(),
                    name: o.namn.clone(),
                    kind: o.typ.clone(),
                    orgnr: o.orgnr.clone(),
                    kommun: o.kommun.clone(),
                    notice_board: o
                        .anslagstavla
                        .unwrap_or(matches!(o.typ.as_deref(), Some("kommun" | "region"))),
                    archive_place: o.forvaringsplats.clone(),
                    court: o.forvaltningsratt.clone(),
                });
            }
        }
        for (f, reg) in registers(files) {
            for o in &reg.organ {
                self.check_id(f, &o.id);
                let organisation = self.lookup_org(f, &o.organisation);
                // A second organ with the same id is reported by the URL claims.
                self.site.organs.push(Organ {
                    id: o.id.get_ref().clone(),
                    name: o.namn.clone(),
                    short: o.kortnamn.clone().unwrap_or_else(|| o.namn.clone()),
                    organisation: organisation.unwrap_or(0),
                    kind: o.typ.clone(),
                    description: o
                        .beskrivning
                        .as_ref()
                        .map(|d| d.get_ref().clone())
                        .unwrap_or_default(),
                    archive_place: o.forvaringsplats.clone(),
                });
            }
        }
        let mut person_ids: HashMap<String, usize> = HashMap::new();
        for (f, reg) in registers(files) {
            for p in &reg.person {
                let idx = self.site.people.len();
                let id = match &p.id {
                    Some(id) => {
                        self.check_id(f, id);
                        id.get_ref().clone()
                    }
                    None => {
                        let id = names::slug(p.namn.get_ref());
                        if id.is_empty() {
                            self.errors.push(
                                f.at(
                                    &p.namn,
                                    format!(
                                        "the name \"{}\" has no letters or digits to make a URL id of",
                                        p.namn.get_ref()
                                    ),
                                )
                                .with_hint("write the name, or give the person an explicit `id`"),
                            );
                        }
                        id
                    }
                };
                if person_ids.insert(id.clone(), idx).is_some() {
                    self.errors.push(
                        f.at(&p.namn, format!("two people have the id \"{id}\""))
                            .with_hint("give one of them an explicit `id`"),
                    );
                }
                for spelling in std::iter::once(&p.namn).chain(&p.alias) {
                    if let Some(other) = self.names.add(spelling.get_ref(), idx) {
                        let other = self.site.people[other].name.clone();
                        self.errors.push(f.at(
                            spelling,
                            format!(
                                "the spelling \"{}\" already names {other}",
                                spelling.get_ref()
                            ),
                        ));
                    }
                }
                let organisation = p.organisation.as_ref().and_then(|o| self.lookup_org(f, o));
                self.site.people.push(Person {
                    id,
                    name: p.namn.get_ref().clone(),
                    aliases: p.alias.iter().map(|a| a.get_ref().clone()).collect(),
                    party: p.parti.as_ref().map(|x| x.get_ref().clone()),
                    kommun: p.kommun.as_ref().map(|k| k.get_ref().clone()),
                    organisation,
                    title: p.titel.clone(),
                    ..Person::default()
                });
            }
        }
    }

    fn lookup_org(&mut self, f: &SourceFile, id: &Spanned<String>) -> Option<usize> {
        let found = self
            .site
            .organisations
            .iter()
            .position(|o| &o.id == id.get_ref());
        if found.is_none() {
            let hint = did_you_mean(
                id.get_ref(),
                self.site.organisations.iter().map(|o| o.id.as_str()),
            );
            let d = f.at(id, format!("unknown organisation \"{}\"", id.get_ref()));
            self.errors.push(match hint {
                Some(h) => d.with_hint(h),
                None => d,
            });
        }
        found
    }

    fn lookup_organ(&mut self, f: &SourceFile, id: &Spanned<String>) -> Option<usize> {
        let found = self.site.organs.iter().position(|o| &o.id == id.get_ref());
        if found.is_none() {
            let hint = did_you_mean(id.get_ref(), self.site.organs.iter().map(|o| o.id.as_str()))
                .unwrap_or_else(|| "add it to an [[organ]] table in content/register/".to_string());
            self.errors.push(
                f.at(id, format!("unknown organ \"{}\"", id.get_ref()))
                    .with_hint(hint),
            );
        }
        found
    }

    fn name(&mut self, f: &SourceFile, s: &Spanned<String>) -> Option<Named> {
        self.resolve_name(f, s, false)
    }

    fn name_list(
        &mut self,
        f: &SourceFile,
        list: &[Spanned<String>],
        vacant_ok: bool,
    ) -> Vec<Named> {
        list.iter()
            .filter_map(|s| self.resolve_name(f, s, vacant_ok))
            .collect()
    }

    /// Resolves one name and remembers the spelling it was written with.
    fn resolve_name(
        &mut self,
        f: &SourceFile,
        s: &Spanned<String>,
        vacant_ok: bool,
    ) -> Option<Named> {
        let named = self
            .names
            .resolve(f, &self.site.people, s, vacant_ok, &mut self.errors)?;
        if let Some(p) = named.person {
            let person = &mut self.site.people[p];
            if !person.spellings.contains(&named.written.name) {
                person.spellings.push(named.written.name.clone());
            }
        }
        Some(named)
    }

    fn signatures(&mut self, f: &SourceFile, list: &[SignatureRec]) -> Vec<Signature> {
        list.iter()
            .filter_map(|s| {
                Some(Signature {
                    who: self.name(f, &s.namn)?,
                    role: s.roll.clone(),
                    time: s.tid.clone(),
                    method: s.metod.clone(),
                })
            })
            .collect()
    }

    fn meetings(&mut self, files: &[SourceFile]) {
        let mut by_key: BTreeMap<(crate::date::Date, String), Meeting> = BTreeMap::new();
        let mut seen: HashMap<(crate::date::Date, usize, bool), String> = HashMap::new();
        for f in files {
            let (organ_s, date, is_protokoll) = match &f.parsed {
                Parsed::Protokoll(fm, _) => (&fm.organ, fm.datum, true),
                Parsed::Kallelse(fm, _) => (&fm.organ, fm.datum, false),
                _ => continue,
            };
            let Some(organ) = self.lookup_organ(f, organ_s) else {
                continue;
            };
            let shown = f.path.display().to_string();
            if let Some(prev) = seen.insert((date, organ, is_protokoll), shown.clone()) {
                let what = if is_protokoll {
                    "protokoll"
                } else {
                    "kallelse"
                };
                self.errors.push(
                    Diagnostic::error(
                        &f.path,
                        1,
                        1,
                        format!(
                            "a second {what} for {}/{date}: it would write the same URL",
                            self.site.organs[organ].id
                        ),
                    )
                    .with_hint(format!("the first one is {prev}")),
                );
                continue;
            }
            let key = (date, self.site.organs[organ].id.clone());
            match &f.parsed {
                Parsed::Protokoll(fm, body) => {
                    let minutes = self.minutes(f, fm, body);
                    let m = by_key
                        .entry(key)
                        .or_insert_with(|| Meeting::new(organ, date));
                    // The protokoll says what happened; it wins over the kallelse's plan.
                    m.start = fm.start.or(m.start);
                    m.end = fm.slut.or(m.end);
                    m.place = fm.plats.clone().or(m.place.take());
                    m.protokoll = Some(minutes);
                    if m.cancelled {
                        self.errors.push(
                            Diagnostic::error(&f.path, 1, 1, "a protokoll for a meeting whose kallelse says `installt = true`")
                                .with_hint("remove `installt = true` from the kallelse, or this protokoll if the meeting was not held"),
                        );
                    }
                }
                Parsed::Kallelse(fm, body) => {
                    let notice = self.notice(f, fm, body);
                    let m = by_key
                        .entry(key)
                        .or_insert_with(|| Meeting::new(organ, date));
                    m.start = m.start.or(fm.start);
                    m.end = m.end.or(fm.slut);
                    m.place = m.place.take().or(fm.plats.clone());
                    m.kallelse = Some(notice);
                    m.cancelled = fm.installt.as_ref().is_some_and(|c| *c.get_ref());
                    if m.cancelled && m.protokoll.is_some() {
                        let c = fm.installt.as_ref().expect("set");
                        self.errors.push(
                            f.at(c, "the kallelse says the meeting is cancelled, but it has a protokoll")
                                .with_hint("remove `installt = true`, or the protokoll if the meeting was not held"),
                        );
                    }
                }
                _ => {}
            }
        }
        self.site.meetings = by_key.into_values().collect();
    }

    fn paragraphs(items: &[crate::body::Item]) -> Vec<Paragraph> {
        items
            .iter()
            .map(|item| Paragraph {
                item: item.clone(),
                dnr: Vec::new(),
                presenters: Vec::new(),
                documents: Vec::new(),
                counterpart: None,
                mentions: Vec::new(),
                memberships: Vec::new(),
                adopted: Vec::new(),
            })
            .collect()
    }

    fn minutes(&mut self, f: &SourceFile, fm: &ProtokollFm, body: &crate::body::Body) -> Minutes {
        let n = &fm.narvaro;
        let groups = [
            &n.beslutande,
            &n.tjanstgorande_ersattare,
            &n.ej_tjanstgorande,
            &n.ovriga,
            &n.anmalda,
        ];
        let attendance = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| !g.is_empty())
            .map(|(i, g)| (i, self.name_list(f, g, false)))
            .collect();
        if let Some(range) = &fm.paragrafer {
            links::check_range(f, range, &body.items, &mut self.errors);
        }
        let corrections = self.corrections(f, fm, body);
        Minutes {
            path: f.path.display().to_string(),
            title: fm.rubrik.clone(),
            chair: fm.ordforande.as_ref().and_then(|s| self.name(f, s)),
            secretary: fm.sekreterare.as_ref().and_then(|s| self.name(f, s)),
            adjusters: self.name_list(f, &fm.justerare, false),
            adjusted: fm.justerad,
            printed_range: fm.paragrafer.as_ref().map(|s| s.get_ref().clone()),
            attendance,
            preamble: body.preamble.clone(),
            items: Self::paragraphs(&body.items),
            signatures: self.signatures(f, &fm.underskrift),
            posted: fm.anslagen.or(fm.justerad),
            corrections,
        }
    }

    /// The `[[rattelse]]` log: each names an existing paragraph, and none predates the justering.
    fn corrections(
        &mut self,
        f: &SourceFile,
        fm: &ProtokollFm,
        body: &crate::body::Body,
    ) -> Vec<Correction> {
        if let (Some(posted), Some(adjusted)) = (fm.anslagen, fm.justerad)
            && posted < adjusted
        {
            self.errors.push(Diagnostic::error(
                &f.path,
                key_line(&f.text, "anslagen", 0),
                1,
                format!("anslagen ({posted}) is before the protokoll was justerat ({adjusted})"),
            ));
        }
        fm.rattelse
            .iter()
            .enumerate()
            .map(|(n, r)| {
                if let Some(adjusted) = fm.justerad
                    && r.datum < adjusted
                {
                    self.errors.push(Diagnostic::error(
                        &f.path,
                        key_line(&f.text, "[[rattelse]]", n),
                        1,
                        format!(
                            "a rättelse dated {} is before the protokoll was justerat ({adjusted})",
                            r.datum
                        ),
                    ));
                }
                let item = r.paragraf.as_ref().and_then(|nr| {
                    let found = body.items.iter().position(|i| &i.number == nr.get_ref());
                    if found.is_none() {
                        self.errors.push(f.at(
                            nr,
                            format!("the rättelse names paragraph {}, which this protokoll does not have", nr.get_ref()),
                        ));
                    }
                    found
                });
                Correction {
                    date: r.datum,
                    reason: r.skal.clone(),
                    change: r.andring.clone(),
                    item,
                }
            })
            .collect()
    }

    fn notice(&mut self, f: &SourceFile, fm: &KallelseFm, body: &crate::body::Body) -> Notice {
        let send_list = fm.sandlista.as_ref().map(|s| {
            let rows = s
                .rad
                .iter()
                .map(|r| SendRow {
                    kommun: r.kommun.clone(),
                    first: self.name_list(f, &r.ordinarie, true),
                    second: self.name_list(f, &r.ersattare, true),
                })
                .collect();
            (
                s.rubrik.clone().unwrap_or_else(|| "Sändlista".to_string()),
                s.kolumner.clone(),
                rows,
            )
        });
        Notice {
            path: f.path.display().to_string(),
            title: fm.rubrik.clone(),
            issued: fm.utfardad,
            signed_by: self.name_list(f, &fm.undertecknad, false),
            send_list,
            preamble: body.preamble.clone(),
            items: Self::paragraphs(&body.items),
        }
    }

    fn documents(&mut self, files: &[SourceFile]) {
        let mut ids: HashMap<String, String> = HashMap::new();
        for f in files {
            let Parsed::Document(fm, body) = &f.parsed else {
                continue;
            };
            self.check_id(f, &fm.id);
            if let Some(prev) = ids.insert(fm.id.get_ref().clone(), f.path.display().to_string()) {
                self.errors.push(
                    f.at(
                        &fm.id,
                        format!("duplicate document id \"{}\"", fm.id.get_ref()),
                    )
                    .with_hint(format!("{prev} already uses it")),
                );
            }
            let organisation = fm.organisation.as_ref().and_then(|o| self.lookup_org(f, o));
            let organ = fm.organ.as_ref().and_then(|o| self.lookup_organ(f, o));
            let authors = self.name_list(f, &fm.forfattare, false);
            let signatures = self.signatures(f, &fm.underskrift);
            self.site.documents.push(Document {
                id: fm.id.get_ref().clone(),
                kind: fm.typ.clone(),
                title: fm.titel.clone(),
                date: fm.datum,
                year: fm.ar,
                organisation,
                organ,
                dnr: fm
                    .dnr
                    .iter()
                    .map(|d| d.get_ref().trim().to_string())
                    .collect(),
                meeting: None,
                item: fm.punkt.as_ref().map(|p| p.get_ref().clone()),
                adopted_by: None,
                authors,
                signatures,
                body: body.clone(),
                path: f.path.display().to_string(),
            });
        }
        self.site.documents.sort_by(|a, b| a.id.cmp(&b.id));
        links::document_refs(&mut self.site, files, &mut self.errors);
    }

    fn pages(&mut self, files: &[SourceFile]) {
        for f in files {
            let Parsed::Page(fm, body) = &f.parsed else {
                continue;
            };
            self.check_id(f, &fm.id);
            self.site.pages.push(Page {
                id: fm.id.get_ref().clone(),
                title: fm.titel.clone(),
                description: fm.beskrivning.clone(),
                body: body.clone(),
            });
        }
        self.site.pages.sort_by(|a, b| a.id.cmp(&b.id));
    }

    fn memberships(&mut self, files: &[SourceFile]) {
        let mut person = 0;
        for (f, reg) in registers(files) {
            for p in &reg.person {
                for u in &p.uppdrag {
                    let organ = self.lookup_organ(f, &u.organ);
                    if !ROLES.contains(&u.roll.get_ref().as_str()) {
                        let hint = did_you_mean(u.roll.get_ref(), ROLES.iter().copied())
                            .unwrap_or_else(|| format!("expected one of: {}", ROLES.join(", ")));
                        self.errors.push(
                            f.at(&u.roll, format!("unknown role \"{}\"", u.roll.get_ref()))
                                .with_hint(hint),
                        );
                    }
                    if let (Some(a), Some(b)) = (u.fran, u.till)
                        && b < a
                    {
                        self.errors.push(f.at(
                            &u.organ,
                            format!("the membership ends ({b}) before it starts ({a})"),
                        ));
                    }
                    let substitute_for = u
                        .ersattare_for
                        .as_ref()
                        .and_then(|s| self.name(f, s))
                        .and_then(|n| n.person);
                    let decision = u
                        .beslut
                        .as_ref()
                        .and_then(|b| links::decision_ref(&self.site, f, b, &mut self.errors));
                    let Some(organ) = organ else { continue };
                    let idx = self.site.memberships.len();
                    self.site.memberships.push(Membership {
                        person,
                        organ,
                        role: u.roll.get_ref().clone(),
                        from: u.fran,
                        to: u.till,
                        substitute_for,
                        kommun: u.kommun.clone(),
                        decision,
                        note: u.anteckning.clone(),
                    });
                    self.site.people[person].memberships.push(idx);
                }
                person += 1;
            }
        }
    }
}
