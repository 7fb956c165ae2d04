//! The checks across a protokoll that real minutes need: the same person present and absent for
//! the same paragraph, a gap in the paragraph numbers that no `[[utelamnad]]` explains, a justering
//! before the meeting, an anslag taken down before it was posted.

use super::{Resolver, key_line};
use crate::model::attendance::{Attendance, Attendee};
use crate::model::item::Item;
use crate::reading::diagnostic::Diagnostic;
use crate::reading::load::SourceFile;
use crate::reading::source::{ProtokollFm, S};

impl Resolver {
    /// A person both present and absent for the same paragraphs is an error, at the later entry.
    pub(super) fn present_and_absent(
        &mut self,
        f: &SourceFile,
        a: &Attendance,
        sources: &[Vec<&S>],
        items: &[Item],
    ) {
        let all: Vec<usize> = (0..items.len().max(1)).collect();
        let covered = |x: &Attendee| x.items.clone().unwrap_or_else(|| all.clone());
        let mut seen: Vec<(usize, bool, Vec<usize>, usize)> = Vec::new();
        let mut found: Vec<(usize, &S, String)> = Vec::new();
        for ((g, e), x) in a.seats() {
            let Some(p) = x.named.person else { continue };
            let absent = !a.groups[g].kind.present();
            let mine = covered(x);
            let s = sources[g][e];
            for (q, q_absent, theirs, _) in &seen {
                if *q != p || *q_absent == absent {
                    continue;
                }
                if let Some(&i) = mine.iter().find(|i| theirs.contains(i)) {
                    let at = items
                        .get(i)
                        .map_or(String::new(), |it| format!(" at {}", it.label()));
                    found.push((
                        s.span().start,
                        s,
                        format!(
                            "{} is listed both as present and as absent{at}",
                            x.named.written.name
                        ),
                    ));
                }
            }
            seen.push((p, absent, mine, s.span().start));
        }
        for (_, s, message) in found {
            self.errors.push(f.at(s, message).with_hint(
                "list the person once, or give each entry the paragraphs it holds \
                    for (\"t.o.m. § 15\", \"fr.o.m. § 16\")",
            ));
        }
    }

    /// A gap in the numbering (30, 31, 32, 34) is an error unless the missing numbers are listed
    /// as left out (`[[utelamnad]]`); a number listed as left out must be missing.
    pub(super) fn numbering(&mut self, f: &SourceFile, fm: &ProtokollFm, items: &[Item]) {
        let omitted: Vec<&str> = fm
            .utelamnad
            .iter()
            .map(|o| o.paragraf.get_ref().trim())
            .collect();
        for o in &fm.utelamnad {
            if items
                .iter()
                .any(|i| i.number == o.paragraf.get_ref().trim())
            {
                self.errors.push(f.at(
                    &o.paragraf,
                    format!(
                        "paragraph {} is listed as left out, but the protokoll has it",
                        o.paragraf.get_ref().trim()
                    ),
                ));
            }
        }
        for w in items.windows(2) {
            let (Ok(a), Ok(b)) = (w[0].number.parse::<u32>(), w[1].number.parse::<u32>()) else {
                continue;
            };
            let missing: Vec<String> = (a.saturating_add(1)..b)
                .map(|x| x.to_string())
                .filter(|x| !omitted.contains(&x.as_str()))
                .collect();
            if missing.is_empty() || b <= a {
                continue;
            }
            let sign = if w[1].section_sign { "§ " } else { "" };
            let list = match missing.as_slice() {
                [one] => format!("{sign}{one} is"),
                [first, .., last] => format!("{sign}{first}–{last} are"),
                [] => unreachable!(),
            };
            self.errors.push(
                Diagnostic::error(
                    &f.path,
                    w[1].line,
                    1,
                    format!("{} follows {}: {list} missing", w[1].label(), w[0].label()),
                )
                .with_hint(format!(
                    "if the paper leaves it out on purpose, say so: [[utelamnad]] \
                        with paragraf = \"{}\" and skal = \"…\"",
                    missing[0]
                )),
            );
        }
    }

    /// A justering before the meeting, and an anslag taken down before it was posted, are errors.
    pub(super) fn dates_in_order(&mut self, f: &SourceFile, fm: &ProtokollFm) {
        if let Some(j) = fm.justerad
            && j < fm.datum
        {
            self.errors.push(Diagnostic::error(
                &f.path,
                key_line(&f.text, "justerad", 0),
                1,
                format!("justerad ({j}) is before the meeting ({})", fm.datum),
            ));
        }
        if let Some(down) = fm.nedtagen {
            let up = fm.anslagen.or(fm.justerad);
            match up {
                Some(up) if down < up => self.errors.push(Diagnostic::error(
                    &f.path,
                    key_line(&f.text, "nedtagen", 0),
                    1,
                    format!("nedtagen ({down}) is before the anslag was posted ({up})"),
                )),
                None => self.errors.push(
                    Diagnostic::error(
                        &f.path,
                        key_line(&f.text, "nedtagen", 0),
                        1,
                        "nedtagen without the day the anslag was posted",
                    )
                    .with_hint("write `anslagen` (or `justerad`) too"),
                ),
                _ => {}
            }
        }
    }
}
