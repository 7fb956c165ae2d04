//! The meetings and decisions over time, as charts: by month on a year's page, by year on an
//! organ's page (`markup::chart::grouped`, with its numbers in a table). Only where there is a
//! course to see: two months or years at least, the empty ones between them shown as zero.

use crate::markup::chart::grouped::Grouped;
use crate::model::date::MONTHS;
use crate::model::meeting::Part;
use crate::model::site::Site;
use serde_json::Value;
use std::collections::BTreeMap;

const SERIES: [&str; 2] = ["Möten", "Beslut"];

/// The decisions of meeting `m`.
fn decisions(site: &Site, m: usize) -> usize {
    let items = site.meetings[m].items(Part::Protokoll);
    items.iter().filter(|p| p.item.is_decision()).count()
}

/// The chart of `counts` (key → meetings, decisions) from its first key to its last, or Null when
/// that spans fewer than two.
fn chart(
    id: &str,
    caption: &str,
    counts: &BTreeMap<u32, (usize, usize)>,
    label: impl Fn(u32) -> String,
) -> Value {
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Value::Null;
    };
    if last == first {
        return Value::Null;
    }
    let rows: Vec<(String, Vec<Option<f64>>)> = (first..=last)
        .map(|k| {
            let (m, d) = counts.get(&k).copied().unwrap_or_default();
            (label(k), vec![Some(m as f64), Some(d as f64)])
        })
        .collect();
    let figure = Grouped {
        id,
        caption,
        series: &SERIES,
        rows: &rows,
    }
    .figure(true);
    Value::String(figure)
}

/// Meetings and decisions by month of year `y` (its meetings `ms`).
pub fn months(site: &Site, y: i32, ms: &[usize]) -> Value {
    let mut counts: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
    for &m in ms {
        let c = counts
            .entry(u32::from(site.meetings[m].date.month))
            .or_default();
        c.0 += 1;
        c.1 += decisions(site, m);
    }
    let caption = format!("Möten och beslut per månad {y}");
    chart("diagram-moten", &caption, &counts, |month| {
        MONTHS[(month - 1) as usize].to_string()
    })
}

/// Meetings and decisions by year of organ `o`.
pub fn years(site: &Site, o: usize) -> Value {
    let mut counts: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
    for (m, meeting) in site.meetings.iter().enumerate() {
        if meeting.organ == o {
            let c = counts.entry(meeting.date.year as u32).or_default();
            c.0 += 1;
            c.1 += decisions(site, m);
        }
    }
    let caption = format!("Möten och beslut per år, {}", site.organs[o].name);
    chart("diagram-moten", &caption, &counts, |year| year.to_string())
}
