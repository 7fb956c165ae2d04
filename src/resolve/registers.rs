//! The registers: organisations, organs and people with every spelling of their names, and the
//! memberships (uppdrag) with the decisions that made them.

use super::{Resolver, links};
use crate::markup::ids;
use crate::model::kinds::Role;
use crate::model::site::*;
use crate::reading::diagnostic::did_you_mean;
use crate::reading::load::{Parsed, SourceFile};
use crate::reading::source::RegisterFile;
use std::collections::HashMap;

/// The register files with their contents, in path order.
pub(super) fn registers(
    files: &[SourceFile],
) -> impl Iterator<Item = (&SourceFile, &RegisterFile)> {
    files.iter().filter_map(|f| match &f.parsed {
        Parsed::Register(r) => Some((f, r)),
        _ => None,
    })
}

impl Resolver {
    /// The organisations, organs and people of the registers, with every spelling of every name.
    pub(super) fn registers(&mut self, files: &[SourceFile]) {
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
                        let id = ids::slug(p.namn.get_ref());
                        if id.is_empty() {
                            self.errors.push(
                                f.at(
                                    &p.namn,
                                    format!(
                                        "the name \"{}\" has no letters or digits \
                                            to make a URL id of",
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
                let former_parties = self.former_parties(f, p);
                self.site.people.push(Person {
                    id,
                    name: p.namn.get_ref().clone(),
                    aliases: p.alias.iter().map(|a| a.get_ref().clone()).collect(),
                    party: p.parti.as_ref().map(|x| x.get_ref().clone()),
                    former_parties,
                    kommun: p.kommun.as_ref().map(|k| k.get_ref().clone()),
                    organisation,
                    title: p.titel.clone(),
                    ..Person::default()
                });
            }
        }
    }

    /// A person's earlier parties, each ending before the next starts.
    fn former_parties(
        &mut self,
        f: &SourceFile,
        p: &crate::reading::source::PersonRec,
    ) -> Vec<crate::model::party_periods::PartyPeriod> {
        let mut out: Vec<crate::model::party_periods::PartyPeriod> = Vec::new();
        for t in &p.tidigare_parti {
            if let Some(from) = t.fran
                && t.till < from
            {
                self.errors.push(f.at(
                    &t.parti,
                    format!(
                        "the period of ({}) ends ({}) before it starts ({from})",
                        t.parti.get_ref(),
                        t.till
                    ),
                ));
            }
            if let Some(prev) = out.last()
                && t.fran.is_none_or(|x| x <= prev.to)
            {
                self.errors.push(
                    f.at(
                        &t.parti,
                        format!(
                            "the period of ({}) must start after the one before it ends \
                        ({})",
                            t.parti.get_ref(),
                            prev.to
                        ),
                    )
                    .with_hint(
                        "write the earlier parties oldest first, each with `fran` \
                            after the last `till`",
                    ),
                );
            }
            out.push(crate::model::party_periods::PartyPeriod {
                code: t.parti.get_ref().clone(),
                from: t.fran,
                to: t.till,
            });
        }
        out
    }

    /// Every `[[person.uppdrag]]` as a membership (their decisions are resolved by `decisions`).
    pub(super) fn memberships(&mut self, files: &[SourceFile]) {
        let mut person = 0;
        for (f, reg) in registers(files) {
            for p in &reg.person {
                for u in &p.uppdrag {
                    let organ = self.lookup_organ(f, &u.organ);
                    let role = Role::from_text(u.roll.get_ref());
                    if role.is_none() {
                        let roles = Role::ALL.map(Role::text);
                        let hint = did_you_mean(u.roll.get_ref(), roles.iter().copied())
                            .unwrap_or_else(|| format!("expected one of: {}", roles.join(", ")));
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
                    let (Some(organ), Some(role)) = (organ, role) else {
                        continue;
                    };
                    let idx = self.site.memberships.len();
                    self.site.memberships.push(Membership {
                        person,
                        organ,
                        role,
                        from: u.fran,
                        to: u.till,
                        substitute_for,
                        kommun: u.kommun.clone(),
                        party: u.parti.as_ref().map(|x| x.get_ref().clone()),
                        decision: None, // see `decisions`
                        note: u.anteckning.clone(),
                    });
                    self.site.people[person].memberships.push(idx);
                }
                person += 1;
            }
        }
    }

    /// The decision (`beslut`) of every membership: a paragraph or a document, which the edit
    /// of a protokoll can move, so it is resolved after the meetings and documents, every time.
    pub(super) fn decisions(&mut self, files: &[SourceFile]) {
        let mut next = 0;
        for (f, reg) in registers(files) {
            for u in reg.person.iter().flat_map(|p| &p.uppdrag) {
                let known = self.site.organs.iter().any(|o| &o.id == u.organ.get_ref());
                let decision = u
                    .beslut
                    .as_ref()
                    .and_then(|b| links::decision_ref(&self.site, f, b, &mut self.errors));
                // A membership of an unknown organ was not made (and is an error already).
                if known && let Some(m) = self.site.memberships.get_mut(next) {
                    m.decision = decision;
                    next += 1;
                }
            }
        }
    }
}
