//! Parallel records: consecutive paragraphs that give the same labelled figures for different keys
//! ("2019: avsättning 1 745 tkr, används senast 2025-12-31" over "2020: avsättning 299 tkr, …"),
//! a table that the writer or a converter flattened into sentences, read back as a table: the keys
//! in the first column, one column per label, a unit every value of a column ends with moved into
//! its header ("Avsättning (tkr)"), as Swedish tables print it.

/// One paragraph of the form `key: label value, label value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// What the line is about ("2019").
    pub key: String,
    /// Each label with its value, in order ("avsättning", "1 745 tkr").
    pub fields: Vec<(String, String)>,
}

/// At most this many words in a key: a key is a name or a year, never a sentence.
const KEY_WORDS: usize = 4;

/// Reads one paragraph as a record: a short key before a colon, then two or more fields separated
/// by `, `, each a label of words without digits followed by a value that starts with a figure.
pub fn record(text: &str) -> Option<Record> {
    let t = text.trim();
    if t.contains('\n') {
        return None;
    }
    let (key, rest) = t.split_once(':')?;
    let key = key.trim().trim_matches(['*', '_']).trim();
    if key.is_empty() || key.split_whitespace().count() > KEY_WORDS {
        return None;
    }
    let rest = rest.trim().trim_end_matches('.');
    // A comma followed by a space parts fields; a decimal comma ("2,5") has none.
    let fields: Vec<(String, String)> = rest.split(", ").map(field).collect::<Option<_>>()?;
    (fields.len() >= 2).then(|| Record {
        key: key.to_string(),
        fields,
    })
}

/// `avsättning 1 745 tkr` → (`avsättning`, `1 745 tkr`): the words before the first one that
/// starts with a digit (or a minus and a digit) are the label.
fn field(s: &str) -> Option<(String, String)> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let at = words.iter().position(|w| {
        let w = w.trim_start_matches(['-', '−', '–']);
        w.starts_with(|c: char| c.is_ascii_digit())
    })?;
    let label = &words[..at];
    if label.is_empty()
        || label
            .iter()
            .any(|w| w.contains(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    Some((label.join(" "), words[at..].join(" ")))
}

/// The records as rows of a table (header first), when there are two or more and they give the
/// same labels in the same order (case aside).
pub fn table(records: &[Record]) -> Option<Vec<Vec<String>>> {
    let first = records.first()?;
    let labels: Vec<String> = first.fields.iter().map(|f| f.0.to_lowercase()).collect();
    let same = |r: &Record| {
        r.fields.len() == labels.len()
            && r.fields
                .iter()
                .zip(&labels)
                .all(|(f, l)| f.0.to_lowercase() == *l)
    };
    if records.len() < 2 || !records.iter().all(same) {
        return None;
    }
    let mut header = vec![String::new()];
    let mut columns: Vec<Vec<String>> = Vec::new();
    for (i, (label, _)) in first.fields.iter().enumerate() {
        let values: Vec<&str> = records.iter().map(|r| r.fields[i].1.as_str()).collect();
        let (unit, values) = common_unit(&values);
        let mut head = capitalized(label);
        if let Some(u) = unit {
            head = format!("{head} ({u})");
        }
        header.push(head);
        columns.push(values);
    }
    let mut rows = vec![header];
    for (k, r) in records.iter().enumerate() {
        let mut row = vec![r.key.clone()];
        row.extend(columns.iter().map(|c| c[k].clone()));
        rows.push(row);
    }
    Some(rows)
}

/// The unit every value ends with (`tkr`, `kr`, `%`), and the values without it; no unit when
/// one value lacks it or is nothing but it.
fn common_unit(values: &[&str]) -> (Option<String>, Vec<String>) {
    let last = |v: &str| {
        v.rsplit_once(' ')
            .map(|(a, u)| (a.to_string(), u.to_string()))
    };
    let split: Vec<Option<(String, String)>> = values.iter().map(|v| last(v)).collect();
    let unit = split[0].as_ref().map(|s| s.1.clone()).filter(|u| {
        u.chars().all(|c| c.is_alphabetic() || c == '%' || c == '.')
            && split
                .iter()
                .all(|s| s.as_ref().is_some_and(|(a, x)| x == u && !a.is_empty()))
    });
    match unit {
        Some(u) => (
            Some(u),
            split
                .into_iter()
                .map(|s| s.map(|x| x.0).unwrap_or_default())
                .collect(),
        ),
        None => (None, values.iter().map(|v| v.to_string()).collect()),
    }
}

fn capitalized(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(lines: &[&str]) -> Vec<Record> {
        lines.iter().map(|l| record(l).expect("a record")).collect()
    }

    #[test]
    fn labelled_figures_per_year_become_a_table() {
        let r = records(&[
            "2019: avsättning 1 745 tkr, används senast 2025-12-31",
            "2020: avsättning 299 tkr, används senast 2026-12-31.",
        ]);
        assert_eq!(
            table(&r).unwrap(),
            [
                vec!["", "Avsättning (tkr)", "Används senast"],
                vec!["2019", "1 745", "2025-12-31"],
                vec!["2020", "299", "2026-12-31"],
            ]
        );
    }

    #[test]
    fn a_unit_only_some_values_have_stays_with_them() {
        let r = records(&[
            "Kalmar: budget 12 mkr, utfall -3 %",
            "Borgholm: budget 2,5 mkr, utfall 4",
        ]);
        let t = table(&r).unwrap();
        assert_eq!(t[0], ["", "Budget (mkr)", "Utfall"]);
        assert_eq!(t[1], ["Kalmar", "12", "-3 %"]);
        assert_eq!(t[2], ["Borgholm", "2,5", "4"]);
    }

    #[test]
    fn sentences_and_names_are_not_records() {
        assert_eq!(
            record("Beslut: Styrelsen beslutar att anta budget 2024."),
            None
        );
        assert_eq!(record("Ordförande: Anna Ek (S), Kalmar"), None);
        assert_eq!(record("Kassa: saldo 1 200 kr"), None);
        assert_eq!(
            record("Under året som gick och det förra: intäkter 3 kr, kostnader 2 kr"),
            None
        );
    }

    #[test]
    fn records_with_other_labels_or_one_alone_are_no_table() {
        let a = records(&[
            "2019: avsättning 1 kr, används senast 2025",
            "2020: uttag 2 kr, används senast 2026",
        ]);
        assert_eq!(table(&a), None);
        assert_eq!(table(&a[..1]), None);
    }
}
