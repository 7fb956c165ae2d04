//! Yearly reports of the corpus: årsredovisning, verksamhetsberättelse and verksamhetsplan och
//! budget, with prose from the seeds and tables of Swedish-formatted figures (the build exports
//! them as data).

use super::rng::Rng;
use super::text::Sentences;

/// The id and title of a report of `kind` for `year`.
pub fn id_and_title(kind: &str, year: i32) -> (String, String) {
    let title = match kind {
        "arsredovisning" => "Årsredovisning",
        "verksamhetsberattelse" => "Verksamhetsberättelse",
        _ => "Verksamhetsplan och budget",
    };
    (format!("{kind}-{year}"), format!("{title} {year}"))
}

/// A number as a Swedish report prints it: "71 163", "-2 622".
pub fn sv_number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A percentage with a decimal comma: "47,16".
fn sv_percent(hundredths: i64) -> String {
    format!("{},{:02}", hundredths / 100, hundredths % 100)
}

fn prose(rng: &mut Rng, text: &Sentences, n: usize) -> String {
    (0..n)
        .map(|_| text.prose[rng.below(text.prose.len())].as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The Markdown of a report: sections of prose and, for the financial reports, tables.
pub fn body(rng: &mut Rng, text: &Sentences, kind: &str, year: i32) -> String {
    let mut s = String::new();
    for heading in [
        "Inledning",
        "Verksamhetens utveckling",
        "Väsentliga händelser under året",
    ] {
        s.push_str(&format!("## {heading}\n\n"));
        for _ in 0..rng.range(2, 3) {
            let k = rng.range(2, 5);
            s.push_str(&prose(rng, text, k));
            s.push_str("\n\n");
        }
    }
    if kind == "verksamhetsberattelse" {
        return s;
    }
    let years: Vec<i32> = if kind == "arsredovisning" {
        (0..5).map(|i| year - i).collect()
    } else {
        vec![year, year - 1]
    };
    let mut income = 40_000 + rng.below(40_000) as i64;
    let mut rows: Vec<[i64; 4]> = Vec::new();
    for _ in &years {
        let cost = -(income + rng.below(8_000) as i64 - 4_000);
        let financial = rng.below(800) as i64 - 300;
        rows.push([income, cost, income + cost, income + cost + financial]);
        income = income * (90 + rng.below(15) as i64) / 100;
    }
    let caption = if kind == "arsredovisning" {
        "Flerårsöversikt"
    } else {
        "Budget"
    };
    s.push_str(&format!(
        "## {caption}\n\n| Post | {} |\n",
        years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(" | ")
    ));
    s.push_str(&format!("| --- |{}\n", " ---: |".repeat(years.len())));
    let labels = [
        "Verksamhetens intäkter",
        "Verksamhetens kostnader",
        "Verksamhetens resultat",
        "Årets resultat",
    ];
    for (i, label) in labels.iter().enumerate() {
        let cells: Vec<String> = rows.iter().map(|r| sv_number(r[i])).collect();
        s.push_str(&format!("| {label} | {} |\n", cells.join(" | ")));
    }
    let solidity: Vec<String> = years
        .iter()
        .map(|_| sv_percent(2_000 + rng.below(5_000) as i64))
        .collect();
    s.push_str(&format!("| Soliditet (%) | {} |\n\n", solidity.join(" | ")));
    s.push_str("## Kommentarer till utfallet\n\n");
    let k = rng.range(3, 6);
    s.push_str(&prose(rng, text, k));
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_numbers_group_thousands() {
        assert_eq!(sv_number(71163), "71 163");
        assert_eq!(sv_number(-2622), "-2 622");
        assert_eq!(sv_number(512), "512");
        assert_eq!(sv_number(1_000_000), "1 000 000");
        assert_eq!(sv_percent(4716), "47,16");
    }
}
