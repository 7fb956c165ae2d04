//! Budget against outcome: a table with a budget column and a column of what came of it (utfall,
//! prognos or bokslut) gets a grouped bar chart of the two, line by line, after it.

use super::grouped::Grouped;
use crate::markup::markdown::TableData;

/// Words of a column header that name what came of a budget.
const OUTCOME: [&str; 3] = ["utfall", "prognos", "bokslut"];

/// The budget column and the outcome column of `table`: the first header holding "budget" and
/// the first holding a word of [`OUTCOME`] (case ignored), after the label column.
pub fn columns(table: &TableData) -> Option<(usize, usize)> {
    let find = |words: &[&str]| {
        table.headers.iter().enumerate().skip(1).find_map(|(i, h)| {
            let h = h.to_lowercase();
            words.iter().any(|w| h.contains(w)).then_some(i)
        })
    };
    Some((find(&["budget"])?, find(&OUTCOME)?))
}

/// The chart of `table` (its position among the page's tables is `n`, for unique ids), or None
/// when it is no budget table or fewer than two lines have both figures.
pub fn figure(table: &TableData, n: usize, id_prefix: &str) -> Option<String> {
    let (budget, outcome) = columns(table)?;
    let rows: Vec<(String, Vec<Option<f64>>)> = table
        .rows
        .iter()
        .filter_map(|r| {
            let label = r.first()?.text.trim().trim_matches(['*', '_']).trim();
            let b = r.get(budget)?.value?;
            let o = r.get(outcome)?.value?;
            (!label.is_empty()).then(|| (label.to_string(), vec![Some(b), Some(o)]))
        })
        .collect();
    if rows.len() < 2 {
        return None;
    }
    let series = [table.headers[budget].trim(), table.headers[outcome].trim()];
    let caption = if table.caption.is_empty() {
        format!("{} och {}", series[0], series[1])
    } else {
        format!("{}, {} och {}", table.caption, series[0], series[1])
    };
    let id = format!("{id_prefix}diagram-{}", n + 1);
    let chart = Grouped {
        id: &id,
        caption: &caption,
        series: &series,
        rows: &rows,
    };
    Some(chart.figure(false))
}

#[cfg(test)]
mod tests {
    use crate::markup::markdown::render;

    #[test]
    fn a_budget_table_gets_budget_and_outcome_line_by_line() {
        let md = "### Resultat\n\n| (Tkr) | 2024 Budget | 2024 Prognos | Skillnad |\n\
            |---|---:|---:|---:|\n| Kommunförbundet | | | |\n\
            | Verksamhetens intäkter | 61 975 | 61 875 | -100 |\n\
            | *Personalkostnader* | -19 403 | -24 703 | -5 300 |\n";
        let html = render(md, "d-").html;
        assert!(
            html.contains("Diagram: Resultat, 2024 Budget och 2024 Prognos"),
            "{html}"
        );
        // Two lines with both figures: four bars; the heading line without figures has none.
        assert_eq!(html.matches("<rect").count(), 4, "{html}");
        assert!(
            html.contains(">2024 Prognos: −24\u{a0}703</text>"),
            "{html}"
        );
        assert!(html.contains(">Personalkostnader</text>"), "{html}");
        assert!(html.find("<table>").unwrap() < html.find("<figure").unwrap());
    }

    #[test]
    fn other_tables_get_none() {
        for md in [
            "| Post | Budget | Skillnad |\n|---|---|---|\n| A | 1 | 2 |\n| B | 1 | 2 |\n",
            "| Post | Budget | Utfall |\n|---|---|---|\n| A | 1 | 2 |\n",
            "| Post | Budget | Utfall |\n|---|---|---|\n| A | 1 | x |\n| B | y | 2 |\n",
        ] {
            assert!(!render(md, "").html.contains("<svg"), "{md}");
        }
    }
}
