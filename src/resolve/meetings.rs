//! Meetings: each made from its protokoll and kallelse, with every name in them resolved and the
//! printed paragraph range and rättelser checked.

use super::{Resolver, attachments, key_line, links};
use crate::model::date::Date;
use crate::model::meeting::*;
use crate::reading::diagnostic::Diagnostic;
use crate::reading::load::{Parsed, SourceFile};
use crate::reading::source::{KallelseFm, ProtokollFm};
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

/// The organ, date, sitting of the day and kind (protokoll or not) a meeting file is for.
pub(super) fn meeting_key(f: &SourceFile) -> Option<(&Spanned<String>, Date, u8, bool)> {
    match &f.parsed {
        Parsed::Protokoll(fm, _) => Some((&fm.organ, fm.datum, fm.sitting(), true)),
        Parsed::Kallelse(fm, _) => Some((&fm.organ, fm.datum, fm.sitting(), false)),
        _ => None,
    }
}

impl Resolver {
    /// Every meeting, from its protokoll and kallelse (one of each at most), ordered by date and
    /// organ.
    pub(super) fn meetings(&mut self, files: &[SourceFile]) {
        let mut by_key: BTreeMap<(Date, String, u8), Meeting> = BTreeMap::new();
        let mut seen: HashMap<(Date, usize, u8, bool), String> = HashMap::new();
        for f in files {
            let Some((organ_s, date, sitting, is_protokoll)) = meeting_key(f) else {
                continue;
            };
            let Some(organ) = self.lookup_organ(f, organ_s) else {
                continue;
            };
            self.sitting_ok(f);
            let shown = f.path.display().to_string();
            if let Some(prev) = seen.insert((date, organ, sitting, is_protokoll), shown.clone()) {
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
                            "a second {what} for {}/{}: it would write the same URL",
                            self.site.organs[organ].id,
                            crate::model::sitting::segment(date, sitting)
                        ),
                    )
                    .with_hint(format!(
                        "the first one is {prev}; a second sitting of the organ that \
                        day says `sammantrade = 2`"
                    )),
                );
                continue;
            }
            let key = (date, self.site.organs[organ].id.clone(), sitting);
            let m = by_key.entry(key).or_insert_with(|| {
                let mut m = Meeting::new(organ, date);
                m.sitting = sitting;
                m
            });
            self.add_part(m, f);
        }
        for m in by_key.values() {
            attachments::check_meeting(m, &mut self.errors);
        }
        self.site.meetings = by_key.into_values().collect();
    }

    /// Meeting `m` made again from its files (after an edit that keeps its organ and date).
    pub(super) fn meeting(&mut self, files: &[SourceFile], m: usize) -> Meeting {
        let old = &self.site.meetings[m];
        let (organ, date, sitting) = (old.organ, old.date, old.sitting);
        let id = self.site.organs[organ].id.clone();
        let mut meeting = Meeting::new(organ, date);
        meeting.sitting = sitting;
        for f in files {
            if meeting_key(f)
                .is_some_and(|(o, d, s, _)| o.get_ref() == &id && d == date && s == sitting)
            {
                self.add_part(&mut meeting, f);
            }
        }
        attachments::check_meeting(&meeting, &mut self.errors);
        meeting
    }

    /// `sammantrade` is 1 or more (2 for a second sitting that day); 0 is an error (and counts as
    /// 1, so that nothing else fails because of it).
    fn sitting_ok(&mut self, f: &SourceFile) {
        let s = match &f.parsed {
            Parsed::Protokoll(fm, _) => fm.sammantrade.as_ref(),
            Parsed::Kallelse(fm, _) => fm.sammantrade.as_ref(),
            _ => None,
        };
        if let Some(n) = s.filter(|n| *n.get_ref() == 0) {
            self.errors.push(
                f.at(n, "sammantrade = 0: the sittings of a day count from 1")
                    .with_hint("leave it out for the day's first sitting; write 2 for the second"),
            );
        }
    }

    /// Adds a protokoll or kallelse to its meeting. The protokoll says what happened: its time
    /// and place win over the kallelse's plan, whichever file comes first.
    fn add_part(&mut self, m: &mut Meeting, f: &SourceFile) {
        match &f.parsed {
            Parsed::Protokoll(fm, body) => {
                self.pending.on = Some((fm.datum, Some(m.organ)));
                let days = self.days(f, fm.datum, &fm.dag, Some(&body.items));
                let minutes = self.minutes(f, fm, body, &days);
                self.pending.on = None;
                m.start = fm.start.or(days.first().and_then(|d| d.start)).or(m.start);
                m.end = fm.slut.or(days.last().and_then(|d| d.end)).or(m.end);
                m.place = fm.plats.clone().or(m.place.take());
                if !days.is_empty() {
                    m.days = days;
                }
                m.protokoll = Some(minutes);
                if m.cancelled {
                    self.errors.push(
                        Diagnostic::error(
                            &f.path,
                            1,
                            1,
                            "a protokoll for a meeting whose kallelse says `installt = \
                            true`",
                        )
                        .with_hint(
                            "remove `installt = true` from the kallelse, or this \
                                protokoll if the meeting was not held",
                        ),
                    );
                }
            }
            Parsed::Kallelse(fm, body) => {
                self.pending.on = Some((fm.datum, Some(m.organ)));
                let notice = self.notice(f, fm, body);
                let days = self.days(f, fm.datum, &fm.dag, None);
                self.pending.on = None;
                m.start = m.start.or(fm.start).or(days.first().and_then(|d| d.start));
                m.end = m.end.or(fm.slut).or(days.last().and_then(|d| d.end));
                if m.days.is_empty() {
                    m.days = days;
                }
                m.place = m.place.take().or(fm.plats.clone());
                m.kallelse = Some(notice);
                m.cancelled = fm.installt.as_ref().is_some_and(|c| *c.get_ref());
                if m.cancelled && m.protokoll.is_some() {
                    let c = fm.installt.as_ref().expect("set");
                    self.errors.push(
                        f.at(
                            c,
                            "the kallelse says the meeting is cancelled, but it has a \
                            protokoll",
                        )
                        .with_hint(
                            "remove `installt = true`, or the protokoll if the \
                                meeting was not held",
                        ),
                    );
                }
            }
            _ => {}
        }
    }

    fn paragraphs(items: &[crate::model::item::Item]) -> Vec<Paragraph> {
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
                attachments: Vec::new(),
            })
            .collect()
    }

    /// The paragraphs of `f` with their attachments.
    fn paragraphs_of(f: &SourceFile, items: &[crate::model::item::Item]) -> Vec<Paragraph> {
        let mut out = Self::paragraphs(items);
        for p in &mut out {
            p.attachments = attachments::of(f, &p.item.attachments);
        }
        out
    }

    fn minutes(
        &mut self,
        f: &SourceFile,
        fm: &ProtokollFm,
        body: &crate::reading::body::Body,
        days: &[crate::model::sitting::Day],
    ) -> Minutes {
        let attendance = self.attendance(f, fm, &body.items, days);
        if let Some(range) = &fm.paragrafer {
            links::check_range(f, range, &body.items, &mut self.errors);
        }
        let corrections = self.corrections(f, fm, body);
        let printed = crate::model::noticeboard::AsPrinted {
            approval_place: fm.justeringsplats.clone(),
            approval_time: fm.justeringstid,
            taken_down: fm.nedtagen,
            archive_place: fm.forvaringsplats.clone(),
            certified_by: fm.intygat_av.as_ref().and_then(|s| self.name(f, s)),
        };
        Minutes {
            path: f.path.display().to_string(),
            title: fm.rubrik.clone(),
            secretary: fm.sekreterare.as_ref().and_then(|s| self.name(f, s)),
            approvers: self.name_list(f, &fm.justerare, false),
            approved: fm.justerad,
            printed_range: fm.paragrafer.as_ref().map(|s| s.get_ref().clone()),
            attendance,
            preamble: body.preamble.clone(),
            items: Self::paragraphs_of(f, &body.items),
            signatures: self.signatures(f, &fm.underskrift),
            posted: fm.anslagen.or(fm.justerad),
            corrections,
            marked: fm.justerat.as_ref().map(|j| *j.get_ref()),
            printed,
            attachments: attachments::of_front_matter(f, &fm.bilagor),
        }
    }

    /// The `[[rattelse]]` log: each names an existing paragraph, and none predates the justering.
    fn corrections(
        &mut self,
        f: &SourceFile,
        fm: &ProtokollFm,
        body: &crate::reading::body::Body,
    ) -> Vec<Correction> {
        if let (Some(posted), Some(approved)) = (fm.anslagen, fm.justerad)
            && posted < approved
        {
            self.errors.push(Diagnostic::error(
                &f.path,
                key_line(&f.text, "anslagen", 0),
                1,
                format!("anslagen ({posted}) is before the protokoll was justerat ({approved})"),
            ));
        }
        fm.rattelse
            .iter()
            .enumerate()
            .map(|(n, r)| {
                if let Some(approved) = fm.justerad
                    && r.datum < approved
                {
                    self.errors.push(Diagnostic::error(
                        &f.path,
                        key_line(&f.text, "[[rattelse]]", n),
                        1,
                        format!(
                            "a rättelse dated {} is before the protokoll was justerat ({approved})",
                            r.datum
                        ),
                    ));
                }
                let item = r.paragraf.as_ref().and_then(|nr| {
                    let found = body.items.iter().position(|i| &i.number == nr.get_ref());
                    if found.is_none() {
                        self.errors.push(f.at(
                            nr,
                            format!(
                                "the rättelse names paragraph {}, which this protokoll \
                                does not have",
                                nr.get_ref()
                            ),
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

    fn notice(
        &mut self,
        f: &SourceFile,
        fm: &KallelseFm,
        body: &crate::reading::body::Body,
    ) -> MeetingNotice {
        let send_list = fm.sandlista.as_ref().map(|s| {
            let rows = s
                .rad
                .iter()
                .map(|r| {
                    self.pending.kommun = Some(r.kommun.clone());
                    let row = SendRow {
                        kommun: r.kommun.clone(),
                        first: self.name_list(f, &r.ordinarie, true),
                        second: self.name_list(f, &r.ersattare, true),
                    };
                    self.pending.kommun = None;
                    row
                })
                .collect();
            (
                s.rubrik.clone().unwrap_or_else(|| "Sändlista".to_string()),
                s.kolumner.clone(),
                rows,
            )
        });
        MeetingNotice {
            path: f.path.display().to_string(),
            title: fm.rubrik.clone(),
            issued: fm.utfardad,
            signed_by: self.name_list(f, &fm.undertecknad, false),
            send_list,
            preamble: body.preamble.clone(),
            items: Self::paragraphs_of(f, &body.items),
            attachments: attachments::of_front_matter(f, &fm.bilagor),
        }
    }
}
