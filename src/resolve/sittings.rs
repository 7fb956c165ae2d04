//! The days of a meeting over several days (`[[dag]]`): each checked against the meeting's date
//! and the one before, its printed paragraphs read as the protokoll's items.

use super::Resolver;
use super::attendance::{runs, span_items};
use crate::model::date::Date;
use crate::model::item::Item;
use crate::model::sitting::Day;
use crate::reading::load::SourceFile;
use crate::reading::source::{DayRec, S};
use crate::reading::vocabulary::attendance::NumberSpan;

impl Resolver {
    /// The days of a meeting over several days (`[[dag]]`), checked: the first is `datum`, each
    /// later than the one before, their paragraphs the protokoll's (when `items` are given).
    pub(super) fn days(
        &mut self,
        f: &SourceFile,
        date: Date,
        recs: &[DayRec],
        items: Option<&[Item]>,
    ) -> Vec<Day> {
        let mut out: Vec<Day> = Vec::new();
        for (n, r) in recs.iter().enumerate() {
            let d = *r.datum.get_ref();
            if n == 0 && d != date {
                self.errors.push(
                    f.at(
                        &r.datum,
                        format!("the first [[dag]] is {d}, but datum is {date}"),
                    )
                    .with_hint(
                        "datum is the meeting's first day (it makes the URL): \
                            write the days from it",
                    ),
                );
            }
            if let Some(prev) = out.last()
                && d <= prev.date
            {
                self.errors.push(f.at(
                    &r.datum,
                    format!("[[dag]] {d} is not after the day before it ({})", prev.date),
                ));
            }
            let mut day_items = Vec::new();
            if let (Some(p), Some(items)) = (&r.paragrafer, items) {
                day_items = self.printed_range(f, p, items);
            }
            out.push(Day {
                date: d,
                start: r.start,
                end: r.slut,
                place: r.plats.clone(),
                printed_range: r.paragrafer.as_ref().map(|p| p.get_ref().clone()),
                items: day_items,
            });
        }
        out
    }

    /// The items of a printed range ("§§ 74-88"); an error when it names no paragraph here.
    fn printed_range(&mut self, f: &SourceFile, s: &S, items: &[Item]) -> Vec<usize> {
        let nums: Vec<&str> = s
            .get_ref()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|x| x.starts_with(|c: char| c.is_ascii_digit()))
            .collect();
        let span = match nums.as_slice() {
            [a] => NumberSpan {
                first: a.to_string(),
                last: a.to_string(),
            },
            [a, b] => NumberSpan {
                first: a.to_string(),
                last: b.to_string(),
            },
            _ => {
                self.errors.push(f.at(
                    s,
                    format!(
                        "\"{}\" is not a paragraph range like \"§§ 74-88\"",
                        s.get_ref()
                    ),
                ));
                return Vec::new();
            }
        };
        match span_items(items, &span) {
            Ok(v) => v,
            Err(n) => {
                self.errors.push(f.at(
                    s,
                    format!("the protokoll has no paragraph {n} ({})", runs(items)),
                ));
                Vec::new()
            }
        }
    }
}
