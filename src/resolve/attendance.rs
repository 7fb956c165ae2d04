//! The attendance of a protokoll made from its front matter: each group's names resolved, with
//! their roles, the paragraphs, hours and days printed after them and whom an ersättare replaced;
//! the chairs by paragraph range (two for one paragraph is an error); the links back to the people.
//! The days are in `sittings.rs`, the checks across the protokoll in `consistency.rs`.

use super::Resolver;
use crate::model::attendance::*;
use crate::model::date::Date;
use crate::model::item::Item;
use crate::model::names::{Named, WrittenName};
use crate::model::sitting::Day;
use crate::reading::diagnostic::{Diagnostic, did_you_mean};
use crate::reading::load::SourceFile;
use crate::reading::source::{ProtokollFm, S, name_list};
use crate::reading::vocabulary::attendance::{self as vocab, DayMark, NumberSpan, Qualifier};
use std::collections::BTreeSet;
use std::ops::Range;

/// An error inside a string value of the front matter, at `range` of its text when the value is
/// written without escapes (else at the string).
pub(super) fn at_in(f: &SourceFile, s: &S, range: &Range<usize>, message: String) -> Diagnostic {
    let span = s.span();
    let raw = f
        .text
        .get(f.toml_offset + span.start..f.toml_offset + span.end);
    let plain = raw.is_some_and(|r| r.len() == s.get_ref().len() + 2);
    if plain {
        let offset = f.toml_offset + span.start + 1 + range.start;
        Diagnostic::at(&f.path, &f.text, offset, message)
    } else {
        f.at(s, message)
    }
}

/// The item indices `first`–`last` name, or the number that is not a paragraph of `items`.
pub(super) fn span_items(items: &[Item], n: &NumberSpan) -> Result<Vec<usize>, String> {
    let find = |x: &str| {
        items
            .iter()
            .position(|i| i.number == x)
            .ok_or_else(|| x.to_string())
    };
    let (a, b) = (find(&n.first)?, find(&n.last)?);
    Ok((a.min(b)..=a.max(b)).collect())
}

/// "§ 1–12" (or "no paragraphs") for messages.
pub(super) fn runs(items: &[Item]) -> String {
    match (items.first(), items.last()) {
        (Some(a), Some(b)) if items.len() > 1 => {
            format!("its paragraphs run {}–{}", a.number, b.number)
        }
        (Some(a), _) => format!("its only paragraph is {}", a.number),
        _ => "it has no paragraphs".to_string(),
    }
}

impl Resolver {
    /// The attendance of a protokoll: its groups, chairs and the numbers left out, checked.
    pub(super) fn attendance(
        &mut self,
        f: &SourceFile,
        fm: &ProtokollFm,
        items: &[Item],
        days: &[Day],
    ) -> Attendance {
        let n = &fm.narvaro;
        let mut groups = Vec::new();
        let own = [
            (GroupKind::Voting, &n.beslutande),
            (GroupKind::ServingSubstitutes, &n.tjanstgorande_ersattare),
            (GroupKind::NonServingSubstitutes, &n.ej_tjanstgorande),
            (GroupKind::Absent, &n.franvarande),
            (GroupKind::Others, &n.ovriga),
            (GroupKind::Registered, &n.anmalda),
        ];
        let mut written: Vec<(usize, Vec<&S>)> = Vec::new();
        for (kind, list) in own {
            if list.is_empty() {
                continue;
            }
            written.push((groups.len(), list.iter().collect()));
            groups.push(Group {
                kind,
                heading: kind.heading().to_string(),
                entries: Vec::new(),
            });
        }
        for g in &n.grupp {
            let Some(kind) = self.group_kind(f, &g.rubrik, g.slag.as_ref()) else {
                continue;
            };
            written.push((groups.len(), g.namn.iter().collect()));
            groups.push(Group {
                kind,
                heading: g.rubrik.get_ref().trim().to_string(),
                entries: Vec::new(),
            });
        }
        let dates: Vec<Date> = if days.is_empty() {
            vec![fm.datum]
        } else {
            days.iter().map(|d| d.date).collect()
        };
        let mut sources: Vec<Vec<&S>> = vec![Vec::new(); groups.len()];
        for (g, list) in written {
            for s in list {
                if let Some(a) = self.attendee(f, s, items, days, &dates) {
                    groups[g].entries.push(a);
                    sources[g].push(s);
                }
            }
        }
        // The groups in the order of their kinds (a paper's own headings among the usual ones).
        let mut pairs: Vec<(Group, Vec<&S>)> = groups.into_iter().zip(sources).collect();
        pairs.sort_by_key(|(g, _)| g.kind);
        let (groups, sources): (Vec<Group>, Vec<Vec<&S>>) = pairs.into_iter().unzip();
        let chairs = self.chairs(f, fm, items, days, &dates);
        let attendance = Attendance {
            groups,
            chairs,
            omitted: fm
                .utelamnad
                .iter()
                .map(|o| Omitted {
                    number: o.paragraf.get_ref().trim().to_string(),
                    reason: o.skal.clone(),
                })
                .collect(),
        };
        self.present_and_absent(f, &attendance, &sources, items);
        self.numbering(f, fm, items);
        self.dates_in_order(f, fm);
        attendance
    }

    /// The kind of a `[[narvaro.grupp]]`: its `slag`, else what its heading usually means.
    fn group_kind(&mut self, f: &SourceFile, rubrik: &S, slag: Option<&S>) -> Option<GroupKind> {
        let keys = GroupKind::ALL.map(GroupKind::key);
        match slag {
            Some(s) => {
                let kind = GroupKind::from_key(s.get_ref());
                if kind.is_none() {
                    let hint = did_you_mean(s.get_ref(), keys.iter().copied())
                        .unwrap_or_else(|| format!("expected one of: {}", keys.join(", ")));
                    self.errors.push(
                        f.at(s, format!("unknown attendance group \"{}\"", s.get_ref()))
                            .with_hint(hint),
                    );
                }
                kind
            }
            None => {
                let kind = vocab::group_of_heading(rubrik.get_ref());
                if kind.is_none() {
                    self.errors.push(
                        f.at(
                            rubrik,
                            format!("which group is \"{}\"?", rubrik.get_ref().trim()),
                        )
                        .with_hint(format!(
                            "say what it is with `slag`, one of: {}",
                            keys.join(", ")
                        )),
                    );
                }
                kind
            }
        }
    }

    /// One name of an attendance list with what is printed after it.
    fn attendee(
        &mut self,
        f: &SourceFile,
        s: &S,
        items: &[Item],
        days: &[Day],
        dates: &[Date],
    ) -> Option<Attendee> {
        let text = s.get_ref();
        let e = vocab::read_entry(text);
        let whole = WrittenName {
            text: text.trim().to_string(),
            name: text[e.name.clone()].to_string(),
            party: e.party.clone().map(|p| text[p].to_string()),
            function: text[e.function.clone()].to_string(),
        };
        let named = self.resolve_written(f, s, whole);
        let replaces = e.replaces.as_ref().and_then(|r| {
            let w = WrittenName {
                text: text[r.name.start..r.rest.end.max(r.name.end)]
                    .trim()
                    .to_string(),
                name: text[r.name.clone()].to_string(),
                party: r.party.clone().map(|p| text[p].to_string()),
                function: text[r.rest.clone()].to_string(),
            };
            self.resolve_written(f, s, w)
        });
        let (items_at, hours) = self.qualifiers(f, s, &e.qualifiers, items, days, dates);
        let role = vocab::role_of(&text[e.title.clone()]);
        Some(Attendee {
            named: named?,
            role,
            items: items_at,
            hours,
            replaces,
            replaces_word: e
                .replaces
                .as_ref()
                .map(|r| text[r.word.clone()].to_string())
                .unwrap_or_default(),
            replaces_rest: e
                .replaces
                .as_ref()
                .map(|r| text[r.rest.clone()].to_string())
                .unwrap_or_default(),
        })
    }

    /// A name as the attendance writes it, resolved (the party checked against the day).
    fn resolve_written(&mut self, f: &SourceFile, s: &S, w: WrittenName) -> Option<Named> {
        self.names
            .resolve_written(f, s, w, &mut self.errors, &mut self.pending)
    }

    /// What the qualifiers of an entry say: the items it covers (None: all) and its hours.
    fn qualifiers(
        &mut self,
        f: &SourceFile,
        s: &S,
        quals: &[(Range<usize>, Qualifier)],
        items: &[Item],
        days: &[Day],
        dates: &[Date],
    ) -> (Option<Vec<usize>>, Hours) {
        let mut hours = Hours::default();
        let mut include: Option<BTreeSet<usize>> = None;
        let mut except: BTreeSet<usize> = BTreeSet::new();
        let mut from: Option<usize> = None;
        let all = items.len();
        let mut bad = false;
        let mut index = |me: &mut Self, r: &Range<usize>, n: &NumberSpan| -> Option<Vec<usize>> {
            match span_items(items, n) {
                Ok(v) => Some(v),
                Err(x) => {
                    me.errors.push(at_in(
                        f,
                        s,
                        r,
                        format!(
                            "partial attendance names § {x}, which this protokoll \
                                does not have ({})",
                            runs(items)
                        ),
                    ));
                    bad = true;
                    None
                }
            }
        };
        for (r, q) in quals {
            match q {
                Qualifier::Only(spans) => {
                    for n in spans {
                        if let Some(v) = index(self, r, n) {
                            include.get_or_insert_with(BTreeSet::new).extend(v);
                        }
                    }
                }
                Qualifier::Except(spans) => {
                    for n in spans {
                        if let Some(v) = index(self, r, n) {
                            except.extend(v);
                        }
                    }
                }
                Qualifier::From(x) => {
                    let one = NumberSpan {
                        first: x.clone(),
                        last: x.clone(),
                    };
                    if let Some(v) = index(self, r, &one)
                        && let Some(start) = from.replace(v[0])
                    {
                        include.get_or_insert_with(BTreeSet::new).extend(start..all);
                    }
                }
                Qualifier::To(x) => {
                    let one = NumberSpan {
                        first: x.clone(),
                        last: x.clone(),
                    };
                    if let Some(v) = index(self, r, &one) {
                        let start = from.take().unwrap_or(0);
                        include
                            .get_or_insert_with(BTreeSet::new)
                            .extend(start..=v[0]);
                    }
                }
                Qualifier::Time(a, b) => {
                    hours.from = a.or(hours.from);
                    hours.to = b.or(hours.to);
                }
                Qualifier::Day(mark) => {
                    let found = dates.iter().position(|d| match *mark {
                        DayMark::Date(x) => *d == x,
                        DayMark::DayMonth(day, month) => (d.day, d.month) == (day, month),
                    });
                    match found {
                        Some(i) => {
                            hours.days.push(dates[i]);
                            if let Some(day) = days.get(i).filter(|d| !d.items.is_empty()) {
                                include.get_or_insert_with(BTreeSet::new).extend(&day.items);
                            }
                        }
                        None => {
                            let list: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
                            self.errors.push(at_in(
                                f,
                                s,
                                r,
                                format!(
                                    "the meeting did not sit on the day \"{}\" (it sat {})",
                                    &s.get_ref()[r.clone()],
                                    list.join(", ")
                                ),
                            ));
                        }
                    }
                }
            }
        }
        if let Some(start) = from {
            include.get_or_insert_with(BTreeSet::new).extend(start..all);
        }
        if bad {
            return (None, hours);
        }
        let set = match (include, except.is_empty()) {
            (None, true) => return (None, hours),
            (None, false) => (0..all).filter(|i| !except.contains(i)).collect(),
            (Some(inc), _) => inc.into_iter().filter(|i| !except.contains(i)).collect(),
        };
        (Some(set), hours)
    }

    /// The chairs (`ordforande`): one name, or several each with the paragraphs chaired; two
    /// chairs for one paragraph is an error.
    fn chairs(
        &mut self,
        f: &SourceFile,
        fm: &ProtokollFm,
        items: &[Item],
        days: &[Day],
        dates: &[Date],
    ) -> Vec<Chair> {
        let mut out: Vec<Chair> = Vec::new();
        for s in name_list(&fm.ordforande) {
            let Some(a) = self.attendee(f, &s, items, days, dates) else {
                continue;
            };
            let clash = a.items.as_ref().and_then(|mine| {
                out.iter().find_map(|c| {
                    let theirs = c.items.as_ref()?;
                    mine.iter().find(|i| theirs.contains(i)).map(|&i| (c, i))
                })
            });
            if let Some((c, i)) = clash {
                self.errors.push(f.at(
                    &s,
                    format!(
                        "two chairs for {}: {} and {}",
                        items[i].label(),
                        c.named.written.name,
                        a.named.written.name
                    ),
                ));
            }
            out.push(Chair {
                named: a.named,
                role: a.role,
                items: a.items,
            });
        }
        out
    }
}

/// The links back from a meeting's attendance to its people: each listed person, and each member
/// an ersättare served for (unless listed as absent for the whole meeting and replaced there: then
/// the replacement says why they were away).
pub(super) fn backlinks(m: usize, a: &Attendance, people: &mut [crate::model::site::Person]) {
    let replaced: Vec<(usize, Seat)> = a
        .seats()
        .filter_map(|(s, x)| Some((x.replaces.as_ref()?.person?, s)))
        .collect();
    for (seat, x) in a.seats() {
        let Some(p) = x.named.person else { continue };
        let absent = !a.groups[seat.0].kind.present();
        if absent && x.items.is_none() && replaced.iter().any(|(r, _)| *r == p) {
            continue;
        }
        people[p].attended.push(Attended {
            meeting: m,
            seat,
            replaced: false,
        });
    }
    for (p, seat) in replaced {
        people[p].attended.push(Attended {
            meeting: m,
            seat,
            replaced: true,
        });
    }
}
