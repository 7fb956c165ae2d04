//! Charts drawn at build time as SVG. Here, those of a table of years: one small bar chart per row
//! of figures (each on its own scale, as the rows are different quantities), years in order left to
//! right, every bar labelled with its figure, so the chart keeps its meaning without colour, in
//! print and for a screen reader (each chart is an image with a title and a description that says
//! the figures). The numbers stay in the table just before it. No script, no font, same bytes each
//! build.

pub mod budget;
pub mod grouped;

use crate::markup::html::escape as esc;
use crate::markup::markdown::TableData;
use std::fmt::Write;

/// The year columns of a table of years: (column, year) in year order; `None` unless the table has
/// a label column and at least three columns headed by years only.
pub fn year_columns(table: &TableData) -> Option<Vec<(usize, i32)>> {
    if table.headers.len() < 4 {
        return None;
    }
    let mut years = Vec::new();
    for (col, h) in table.headers.iter().enumerate().skip(1) {
        let h = h.trim();
        let year: i32 = h.parse().ok().filter(|_| h.len() == 4)?;
        if !(1900..=2100).contains(&year) {
            return None;
        }
        years.push((col, year));
    }
    years.sort_by_key(|&(_, y)| y);
    Some(years)
}

/// The charts of a table, if it is one the build draws: a table of years ([`svg_figure`]) or a
/// budget against its outcome ([`budget::figure`]).
pub fn for_table(table: &TableData, n: usize, id_prefix: &str) -> Option<String> {
    svg_figure(table, n, id_prefix).or_else(|| budget::figure(table, n, id_prefix))
}

/// The figure of charts for `table` (its position among the page's tables is `n`, for unique ids),
/// or `None` when it is no table of years or no row has a figure for every year.
pub fn svg_figure(table: &TableData, n: usize, id_prefix: &str) -> Option<String> {
    let years = year_columns(table)?;
    let rows: Vec<(&str, Vec<f64>)> = table
        .rows
        .iter()
        .filter_map(|r| {
            let label = r.first()?.text.trim().trim_matches(['*', '_']).trim();
            let values: Option<Vec<f64>> = years
                .iter()
                .map(|&(c, _)| r.get(c).and_then(|c| c.value))
                .collect();
            Some((label, values?)).filter(|(l, _)| !l.is_empty())
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let first = years[0].1;
    let last = years[years.len() - 1].1;
    let title = if table.caption.is_empty() {
        format!("Diagram {first}–{last}")
    } else {
        format!("{}, {first}–{last}", table.caption)
    };
    let id = format!("{id_prefix}diagram-{}", n + 1);
    let mut out = String::new();
    let _ = write!(
        out,
        "<figure class=\"chart\" aria-labelledby=\"{id}\"><figcaption \
            id=\"{id}\">Diagram: {}</figcaption>\n<ul class=\"chart-grid\">\n",
        esc(&title)
    );
    for (i, (label, values)) in rows.iter().enumerate() {
        let labels: Vec<String> = years
            .iter()
            .zip(values)
            .map(|(&(_, y), v)| format!("{y}: {}", figure(*v)))
            .collect();
        let desc = format!("Stapeldiagram, {}.", labels.join(", "));
        let _ = writeln!(
            out,
            "<li>{}</li>",
            panel(&format!("{id}-{}", i + 1), label, &years, values, &desc)
        );
    }
    out.push_str("</ul>\n<p class=\"chart-note\">Siffrorna står i tabellen ovan.</p></figure>\n");
    Some(out)
}

const W: f64 = 300.0;
const H: f64 = 170.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 24.0;

/// One row's chart: a bar per year from a zero line, the figure at the end of each bar.
fn panel(id: &str, label: &str, years: &[(usize, i32)], values: &[f64], desc: &str) -> String {
    let max = values.iter().fold(0.0f64, |m, v| m.max(*v));
    let min = values.iter().fold(0.0f64, |m, v| m.min(*v));
    let span = if max - min > 0.0 { max - min } else { 1.0 };
    // Room for the figures above a positive bar and below a negative one.
    let plot_top = TOP + 14.0;
    let plot_bottom = H - BOTTOM - if min < 0.0 { 14.0 } else { 0.0 };
    let scale = (plot_bottom - plot_top) / span;
    let zero = plot_top + max * scale;
    let step = W / years.len() as f64;
    let bar = (step * 0.6).min(40.0);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart-svg\" viewBox=\"0 0 {W} {H}\" role=\"img\" \
            aria-labelledby=\"{id}-t {id}-d\" \
            xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-t\">{}</title><desc \
            id=\"{id}-d\">{}</desc>",
        esc(label),
        esc(desc)
    );
    let _ = write!(
        s,
        "<text class=\"chart-label\" x=\"0\" y=\"16\">{}</text>",
        esc(label)
    );
    for (k, (&(_, year), &v)) in years.iter().zip(values).enumerate() {
        let x = step * k as f64 + (step - bar) / 2.0;
        let (y, h) = if v >= 0.0 {
            (zero - v * scale, v * scale)
        } else {
            (zero, -v * scale)
        };
        let cx = x + bar / 2.0;
        let ty = if v >= 0.0 { y - 4.0 } else { y + h + 12.0 };
        let class = if v < 0.0 {
            "chart-bar chart-bar-negative"
        } else {
            "chart-bar"
        };
        let _ = write!(
            s,
            "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" \
                height=\"{:.1}\"/><text class=\"chart-value\" x=\"{cx:.1}\" \
                y=\"{ty:.1}\" text-anchor=\"middle\">{}</text><text \
                class=\"chart-year\" x=\"{cx:.1}\" y=\"{:.1}\" \
                text-anchor=\"middle\">{year}</text>",
            h.max(0.5),
            esc(&figure(v)),
            H - 6.0
        );
    }
    let _ = write!(
        s,
        "<line class=\"chart-axis\" x1=\"0\" x2=\"{W}\" y1=\"{zero:.1}\" y2=\"{zero:.1}\"/></svg>"
    );
    s
}

/// A figure as Swedish prints it: thousands apart by a space, a decimal comma, a minus sign.
pub fn figure(v: f64) -> String {
    let neg = v < 0.0;
    let a = v.abs();
    let whole = a.trunc() as u64;
    let frac = ((a - a.trunc()) * 100.0).round() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    if neg {
        out.push('−');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    if frac > 0 {
        let f = format!("{frac:02}");
        let _ = write!(out, ",{}", f.trim_end_matches('0'));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::markdown::render;

    #[test]
    fn a_table_of_years_gets_a_chart_per_row_of_figures_in_year_order() {
        let r = render(
            "### Flerårsöversikt\n\n| Post | 2023 | 2022 | 2021 \
                |\n|---|---|---|---|\n| Intäkter | 71 163 | 79 899 | 79 257 |\n| \
                **Rubrik** | | | |\n| Resultat | -2 622 | 4 237 | -298 |\n",
            "d-",
        );
        let html = &r.html;
        assert_eq!(
            html.matches("<svg class=\"chart-svg\"").count(),
            2,
            "{html}"
        );
        assert!(
            html.contains("Diagram: Flerårsöversikt, 2021–2023"),
            "{html}"
        );
        assert!(
            html.contains(
                "<desc id=\"d-diagram-1-1-d\">Stapeldiagram, 2021: 79\u{a0}257, 2022: \
                79\u{a0}899, 2023: 71\u{a0}163.</desc>"
            ),
            "{html}"
        );
        assert!(html.contains("chart-bar chart-bar-negative"), "{html}");
        // The chart follows its table.
        assert!(html.find("<table>").unwrap() < html.find("<figure").unwrap());
        // The same input gives the same bytes.
        assert_eq!(
            render(
                "| P | 2023 | 2022 | 2021 |\n|---|---|---|---|\n| A | 1 | 2 | 3 |\n",
                ""
            )
            .html,
            render(
                "| P | 2023 | 2022 | 2021 |\n|---|---|---|---|\n| A | 1 | 2 | 3 |\n",
                ""
            )
            .html
        );
    }

    #[test]
    fn a_table_that_is_not_of_years_gets_none() {
        for md in [
            "| Post | 2023 | 2022 |\n|---|---|---|\n| A | 1 | 2 |\n",
            "| Post | 2023 | Not | 2021 |\n|---|---|---|---|\n| A | 1 | 2 | 3 |\n",
            "| Post | 2023 | 2022 | 2021 |\n|---|---|---|---|\n| A | 1 | x | 3 |\n",
        ] {
            assert!(!render(md, "").html.contains("<svg"), "{md}");
        }
    }

    #[test]
    fn figures_print_the_swedish_way() {
        assert_eq!(figure(71163.0), "71\u{a0}163");
        assert_eq!(figure(-2622.0), "−2\u{a0}622");
        assert_eq!(figure(47.16), "47,16");
        assert_eq!(figure(12.0), "12");
    }
}
