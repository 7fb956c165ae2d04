//! Tables in a PDF: a run of lines whose fragments line up in columns, cut into rows anchored on
//! the first column's cells (a label, or a name of a name list), so that a cell of many lines stays
//! one cell and a two-column name list keeps each column's names together.

use super::layout::{is_heading_height, marker, wrapped};
use super::lines::{Frag, Line};
use crate::import::block::{Cell, Place, Row, Table, Text};

/// The end (exclusive) of the run of lines from `start` that lines up in columns: lines cut into
/// fragments, lines of one fragment that stand in an inner column (the rest of a cell), and a
/// first-column line between rows (a label that wrapped).
pub fn region_end(page: &[Line], start: usize, h: f32) -> usize {
    // (A heading under a table ends it, wherever it stands.)
    let mut cols: Vec<f32> = page[start].frags.iter().map(|f| f.x0).collect();
    let mut j = start + 1;
    while j < page.len() {
        let l = &page[j];
        if l.y0 - page[j - 1].y1 > 2.5 * h {
            break;
        }
        if l.frags.len() >= 2 {
            cols.extend(l.frags.iter().map(|f| f.x0));
            j += 1;
            continue;
        }
        if is_heading_height(l.height(), h) {
            break;
        }
        let left = cols.iter().copied().fold(f32::MAX, f32::min);
        let inner = |x: f32| cols.iter().any(|&c| (c - x).abs() < 6.0) && (x - left).abs() >= 6.0;
        if inner(l.x0()) {
            j += 1;
            continue;
        }
        let next_in_table = page
            .get(j + 1)
            .is_some_and(|n| n.y0 - l.y1 < 1.5 * h && (n.frags.len() >= 2 || inner(n.x0())));
        if (l.x0() - left).abs() < 6.0 && next_in_table {
            j += 1;
            continue;
        }
        break;
    }
    j
}

/// A table from lines that line up in columns; `None` when they are a list after all (every
/// first-column fragment a bullet or number).
pub fn table(lines: &[Line], h: f32) -> Option<Table> {
    let mut xs: Vec<f32> = lines
        .iter()
        .flat_map(|l| l.frags.iter().map(|f| f.x0))
        .collect();
    xs.sort_by(f32::total_cmp);
    let mut starts: Vec<f32> = Vec::new();
    for x in xs {
        if starts.last().is_none_or(|&s| x - s > 6.0) {
            starts.push(x);
        }
    }
    if starts.len() < 2 {
        return None;
    }
    let split: Vec<Line> = lines
        .iter()
        .map(|l| Line {
            frags: l.frags.iter().flat_map(|f| f.split_at(&starts)).collect(),
            ..l.clone()
        })
        .collect();
    let lines = &split[..];
    let col_of = |x: f32| starts.iter().rposition(|&s| s <= x + 6.0).unwrap_or(0);
    let max_x1 = lines.iter().map(Line::x1).fold(0.0, f32::max);
    let right_of = |c: usize| starts.get(c + 1).map_or(max_x1 + 1.0, |&s| s - 6.0);
    fn first<'l>(l: &'l Line, col_of: &dyn Fn(f32) -> usize) -> Option<&'l Frag> {
        l.frags.iter().find(|f| col_of(f.x0) == 0)
    }
    let first_col = |l| first(l, &col_of);
    if lines
        .iter()
        .filter_map(first_col)
        .all(|f| marker(&f.text).is_some())
        && starts.len() == 2
    {
        return None;
    }
    let gap = |k: usize| lines[k].y0 - lines[k - 1].y1;
    // Rows start where a first-column cell starts (a label, or a name of a name list).
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        if first_col(l).is_none() {
            continue;
        }
        // A first-column line close under the last one goes on with the same cell (a wrapped
        // label, a name and its role); rows are set apart by the cells' padding or spacing.
        if let Some(g) = groups.last_mut()
            && g.1 + 1 == k
            && gap(k) < 0.5 * h
        {
            g.1 = k;
            continue;
        }
        groups.push((k, k));
    }
    let mut bounds = vec![0];
    if groups.is_empty() {
        bounds.extend(1..lines.len());
    }
    for (i, g) in groups.iter().enumerate() {
        if i == 0 {
            if g.0 > 0 {
                bounds.push(g.0);
            }
            continue;
        }
        // Between two labels the row boundary is the widest gap (the later one of equals): the
        // gap before the next label when labels stand at the top of their cells.
        let from = groups[i - 1].1 + 1;
        let mut best = g.0;
        for k in from..=g.0 {
            if gap(k) > gap(best) - 0.5 {
                best = k;
            }
        }
        bounds.push(best);
    }
    bounds.push(lines.len());
    bounds.dedup();
    let rows = bounds
        .windows(2)
        .map(|w| row(&lines[w[0]..w[1]], &starts, &col_of, &right_of, h))
        .filter(|r| !r.cells.is_empty())
        .collect();
    Some(Table { rows })
}

fn row(
    lines: &[Line],
    starts: &[f32],
    col_of: &dyn Fn(f32) -> usize,
    right_of: &dyn Fn(usize) -> f32,
    h: f32,
) -> Row {
    let mut cells: Vec<Cell> = Vec::new();
    for c in 0..starts.len() {
        let mut paragraphs: Vec<String> = Vec::new();
        let mut place: Option<Place> = None;
        let mut span = 1;
        let mut prev: Option<(&Line, &Frag)> = None;
        for l in lines {
            for f in l.frags.iter().filter(|f| col_of(f.x0) == c) {
                let end = col_of(f.x1 - 6.0).max(c);
                span = span.max(end - c + 1);
                let joins = prev.is_some_and(|(pl, pf)| {
                    l.y0 - pl.y1 < 0.5 * h && wrapped(pf.x1, f, right_of(end))
                });
                match paragraphs.last_mut() {
                    Some(p) if joins => {
                        p.push(' ');
                        p.push_str(&f.text);
                    }
                    _ => paragraphs.push(f.text.clone()),
                }
                place = Some(place.map_or(l.place(), |p| p.join(l.place())));
                prev = Some((l, f));
            }
        }
        if let Some(place) = place {
            let paragraphs = paragraphs.iter().map(|p| Text::plain_text(p)).collect();
            cells.push(Cell {
                paragraphs,
                col: c,
                colspan: span,
                rowspan: 1,
                place,
            });
        }
    }
    let place = lines[0].place().join(lines[lines.len() - 1].place());
    Row { cells, place }
}
