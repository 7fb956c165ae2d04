//! A grouped bar chart drawn sideways, as SVG: one group per row (a month, a year, a line of a
//! budget), one bar per series in it (meetings and decisions; budget and outcome), from a shared
//! zero line. Rows run down the page, so a long label or a year of months never makes a phone
//! scroll sideways. Every bar is labelled with its series' name and figure, and the series differ
//! in fill (solid, outlined), so the chart keeps its meaning without colour; the SVG is an image
//! with a title and a description that says the figures.

use super::figure;
use crate::markup::html::escape as esc;
use std::fmt::Write;

/// What a grouped chart shows.
pub struct Grouped<'a> {
    /// The id of the figure (unique on its page); its parts' ids start with it.
    pub id: &'a str,
    /// The caption, after "Diagram: ".
    pub caption: &'a str,
    /// The name of each series, in the order of each row's values.
    pub series: &'a [&'a str],
    /// The rows: a label and one value per series (`None`: no bar).
    pub rows: &'a [(String, Vec<Option<f64>>)],
}

const W: f64 = 360.0;
/// The width kept at the right for the label at a bar's end.
const LABEL_ROOM: f64 = 140.0;
const BAR: f64 = 14.0;
const GAP: f64 = 4.0;
const ROW_LABEL: f64 = 18.0;
const ROW_GAP: f64 = 12.0;

impl Grouped<'_> {
    /// The SVG image alone.
    pub fn svg(&self) -> String {
        let all = self.rows.iter().flat_map(|(_, v)| v.iter().flatten());
        let (min, max) = all.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
        let span = if max > min { max - min } else { 1.0 };
        let scale = (W - LABEL_ROOM) / span;
        let zero = -min * scale;
        let per_row = ROW_LABEL + self.series.len() as f64 * (BAR + GAP) + ROW_GAP;
        let height = per_row * self.rows.len() as f64;
        let id = self.id;
        let mut s = String::new();
        let _ = write!(
            s,
            "<svg class=\"chart-svg\" viewBox=\"0 0 {W} {height:.0}\" role=\"img\" \
                aria-labelledby=\"{id}-t {id}-d\" xmlns=\"http://www.w3.org/2000/svg\"><title \
                id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
            esc(self.caption),
            esc(&self.description())
        );
        for (r, (label, values)) in self.rows.iter().enumerate() {
            let top = per_row * r as f64;
            let _ = write!(
                s,
                "<text class=\"chart-label\" x=\"0\" y=\"{:.1}\">{}</text>",
                top + ROW_LABEL - 5.0,
                esc(label)
            );
            for (k, (name, v)) in self.series.iter().zip(values).enumerate() {
                let Some(v) = *v else { continue };
                let y = top + ROW_LABEL + k as f64 * (BAR + GAP);
                let (x, w) = if v >= 0.0 {
                    (zero, v * scale)
                } else {
                    (zero + v * scale, -v * scale)
                };
                let _ = write!(
                    s,
                    "<rect class=\"chart-bar chart-series-{k}\" x=\"{x:.1}\" y=\"{y:.1}\" \
                        width=\"{:.1}\" height=\"{BAR}\"/><text class=\"chart-value\" \
                        x=\"{:.1}\" y=\"{:.1}\">{}: {}</text>",
                    w.max(0.5),
                    zero.max(x + w) + 4.0,
                    y + BAR - 3.0,
                    esc(name),
                    esc(&figure(v))
                );
            }
        }
        let _ = write!(
            s,
            "<line class=\"chart-axis\" x1=\"{zero:.1}\" x2=\"{zero:.1}\" y1=\"0\" \
                y2=\"{height:.0}\"/></svg>"
        );
        s
    }

    /// The figures in words, for the image's description.
    fn description(&self) -> String {
        let rows: Vec<String> = self
            .rows
            .iter()
            .map(|(label, values)| {
                let parts: Vec<String> = self
                    .series
                    .iter()
                    .zip(values)
                    .filter_map(|(name, v)| Some(format!("{name} {}", figure((*v)?))))
                    .collect();
                format!("{label}: {}", parts.join(", "))
            })
            .collect();
        format!("Stapeldiagram. {}.", rows.join("; "))
    }

    /// The figure: caption, the SVG, and the numbers as a table after it (`with_table`), or a note
    /// that they stand in the table before it.
    pub fn figure(&self, with_table: bool) -> String {
        let id = self.id;
        let mut out = format!(
            "<figure class=\"chart chart-grouped\" aria-labelledby=\"{id}\"><figcaption \
                id=\"{id}\">Diagram: {}</figcaption>\n{}\n",
            esc(self.caption),
            self.svg()
        );
        if with_table {
            out.push_str(
                "<div class=\"table-wrap\"><table class=\"chart-table\"><thead><tr><td></td>",
            );
            for name in self.series {
                let _ = write!(out, "<th scope=\"col\">{}</th>", esc(name));
            }
            out.push_str("</tr></thead><tbody>");
            for (label, values) in self.rows {
                let _ = write!(out, "<tr><th scope=\"row\">{}</th>", esc(label));
                for v in values {
                    let _ = write!(out, "<td>{}</td>", v.map(figure).unwrap_or_default());
                }
                out.push_str("</tr>");
            }
            out.push_str("</tbody></table></div>");
        } else {
            out.push_str("<p class=\"chart-note\">Siffrorna står i tabellen ovan.</p>");
        }
        out.push_str("</figure>\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(rows: &[(String, Vec<Option<f64>>)]) -> String {
        Grouped {
            id: "c",
            caption: "Möten och beslut 2024",
            series: &["Möten", "Beslut"],
            rows,
        }
        .figure(true)
    }

    #[test]
    fn every_bar_says_its_series_and_figure() {
        let rows = vec![
            ("april".to_string(), vec![Some(1.0), Some(13.0)]),
            ("maj".to_string(), vec![Some(0.0), None]),
        ];
        let html = chart(&rows);
        assert_eq!(html.matches("<rect").count(), 3, "{html}");
        assert!(html.contains(">Möten: 1</text>"), "{html}");
        assert!(html.contains(">Beslut: 13</text>"), "{html}");
        assert!(
            html.contains(
                "<desc id=\"c-d\">Stapeldiagram. april: Möten 1, Beslut 13; maj: Möten 0.</desc>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<th scope=\"row\">maj</th><td>0</td><td></td>"),
            "{html}"
        );
        assert!(html.contains("chart-series-1"));
        assert_eq!(html, chart(&rows), "the same bytes each time");
    }

    #[test]
    fn negative_figures_go_left_of_the_zero_line() {
        let rows = vec![(
            "Kostnader".to_string(),
            vec![Some(-62475.0), Some(-67660.0)],
        )];
        let svg = Grouped {
            id: "b",
            caption: "Budget",
            series: &["Budget", "Prognos"],
            rows: &rows,
        }
        .svg();
        // All values negative: the zero line is at the right end of the bars.
        assert!(svg.contains("x1=\"220.0\""), "{svg}");
        assert!(svg.contains(">Prognos: −67\u{a0}660</text>"), "{svg}");
    }
}
