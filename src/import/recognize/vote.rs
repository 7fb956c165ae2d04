//! A vote (omröstning, votering) as minutes print it: a roll-call table (the members' names, maybe
//! a party column and a column of the ersättare serving in a member's place, then a column per
//! choice marked `X`, or one `Röst` column of choice words, and a `Summa` row), roll-call lines
//! ("Anna Ek (S) Ja", "Nej: Bo Ek (M), Per Ek (M)"), and the result line ("Med 25 ja-röster mot 14
//! nej-röster …"). The draft writes a roll-call as the format's table (`| Ledamot | Ja | Nej |`,
//! `X` in the member's column). The choice words are the format's (`vocabulary::paragraph`).

use super::attendance::is_entry;
use super::names::{is_party, normalize};
use crate::import::block::Table;
use crate::import::write::markdown;
use crate::model::vote::Choice;
use crate::reading::vocabulary::paragraph::{choice, counted_choice};

/// Headings papers print over a vote that the format writes `Omröstning` (which, with
/// `Omröstningsresultat`, the format reads itself), lower case.
const PAPER_HEADINGS: &[&str] = &[
    "votering",
    "voteringen",
    "voteringsresultat",
    "voteringslista",
    "voteringsprotokoll",
    "omröstningslista",
];

/// The heading of a roll-call column whose cells are choice words.
const WORD_COLUMNS: &[&str] = &["röst", "röstade", "röstar", "röster"];

/// The first cell of a row that sums a roll-call up, lower case.
const SUM_ROWS: &[&str] = &["summa", "totalt", "antal", "summering", "sammanlagt"];

/// One member's vote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    /// The name as the format writes it (`Anna Ek (S)`).
    pub name: String,
    /// The vote.
    pub choice: Choice,
}

/// The members' votes as printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RollCall {
    /// The votes, in the paper's order.
    pub ballots: Vec<Ballot>,
    /// The choices the paper prints as columns, in order (empty for lines).
    pub columns: Vec<Choice>,
    /// The counts a `Summa` row or a label's count (`Ja (25):`) prints.
    pub sums: Vec<(Choice, u32)>,
}

/// Whether a line is a vote's heading the format does not know (`Votering`, `Voteringslista:`).
pub fn paper_heading(line: &str) -> bool {
    let h = crate::reading::vocabulary::paragraph::clean_heading(line).to_lowercase();
    PAPER_HEADINGS.contains(&h.as_str())
}

/// The counts a result line gives ("Med 25 ja-röster mot 14 nej-röster och 2 som avstår …",
/// "Omröstningen utfaller 25 ja mot 14 nej"): a yes and a no count at least.
pub fn result(text: &str) -> Option<Vec<(Choice, u32)>> {
    let mut out: Vec<(Choice, u32)> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        let before = rest[..at].chars().next_back();
        let digits = rest[at..].bytes().take_while(u8::is_ascii_digit).count();
        let after = &rest[at + digits..];
        if !before.is_some_and(char::is_alphanumeric)
            && let (Ok(n), Some(c)) = (rest[at..at + digits].parse(), counted_choice(after))
            && !out.iter().any(|(x, _)| *x == c)
        {
            out.push((c, n));
        }
        rest = after;
    }
    let has = |c: Choice| out.iter().any(|(x, _)| *x == c);
    (has(Choice::Yes) && has(Choice::No)).then_some(out)
}

/// A roll-call table: a header row with two or more choice columns (or a `Röst` column), the
/// names in the columns before them. Two votes at least, or it is no roll-call.
pub fn from_table(t: &Table) -> Option<RollCall> {
    from_grid(&grid(t))
}

/// A roll-call table whose header row stands apart on the line above it (a PDF's reader may set
/// a header of bold or centred words apart from the columns under it): the line's words, one a
/// column, over the table's rows.
pub fn from_table_under(t: &Table, line: &str) -> Option<RollCall> {
    let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    if line.contains('\n') || words.len() != t.width() {
        return None;
    }
    let mut g = grid(t);
    g.insert(0, words);
    from_grid(&g)
}

fn grid(t: &Table) -> Vec<Vec<String>> {
    let width = t.width();
    t.rows
        .iter()
        .map(|r| {
            let mut cells = vec![String::new(); width];
            for c in &r.cells {
                cells[c.col] = c.plain().split_whitespace().collect::<Vec<_>>().join(" ");
            }
            cells
        })
        .collect()
}

fn from_grid(grid: &[Vec<String>]) -> Option<RollCall> {
    let (h, header) = grid.iter().enumerate().take(2).find(|(_, r)| {
        r.iter().filter(|c| choice(c).is_some()).count() >= 2
            || r.iter()
                .any(|c| WORD_COLUMNS.contains(&c.to_lowercase().as_str()))
    })?;
    let by_column: Vec<Option<Choice>> = header.iter().map(|c| choice(c)).collect();
    let word_column = header
        .iter()
        .position(|c| WORD_COLUMNS.contains(&c.to_lowercase().as_str()));
    let first_vote = by_column
        .iter()
        .position(Option::is_some)
        .into_iter()
        .chain(word_column)
        .min()?;
    let party_column = header[..first_vote]
        .iter()
        .position(|c| c.eq_ignore_ascii_case("parti"));
    let name_columns: Vec<usize> = (0..first_vote)
        .filter(|&c| Some(c) != party_column)
        .collect();
    let mut rc = RollCall {
        columns: by_column.iter().flatten().copied().collect(),
        ..RollCall::default()
    };
    for row in &grid[h + 1..] {
        let first = row[0].to_lowercase();
        if SUM_ROWS.iter().any(|s| first.starts_with(s)) {
            for (cell, c) in row.iter().zip(&by_column) {
                if let (Some(c), Ok(n)) = (c, cell.parse::<u32>()) {
                    rc.sums.push((*c, n));
                }
            }
            continue;
        }
        // The ersättare serving in a member's place votes: the last name printed on the row.
        let Some(name) = name_columns
            .iter()
            .rev()
            .map(|&c| &row[c])
            .find(|c| !c.is_empty())
        else {
            continue;
        };
        let voted = match word_column {
            Some(w) => choice(&row[w]),
            None => row
                .iter()
                .zip(&by_column)
                .find(|(cell, c)| c.is_some() && !cell.is_empty())
                .and_then(|(_, c)| *c),
        };
        let Some(voted) = voted else {
            continue;
        };
        let party = party_column.map(|p| row[p].trim_matches(['(', ')']).to_string());
        let name = match party {
            Some(p) if is_party(&p) && !name.contains('(') => format!("{name} ({p})"),
            _ => normalize(name),
        };
        rc.ballots.push(Ballot {
            name,
            choice: voted,
        });
    }
    (rc.ballots.len() >= 2).then_some(rc)
}

/// Roll-call lines: each a name followed by a choice word (`Anna Ek (S) Ja`), or a choice label
/// and the names voting so (`Nej: Bo Ek (M), Per Ek (M)`, `Ja-röster (2): …`). Every line must
/// be one, with two votes at least.
pub fn from_lines(text: &str) -> Option<RollCall> {
    let mut rc = RollCall::default();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some((label, names)) = line.split_once(':') {
            let label = label.trim().trim_matches(['*', '_']);
            let (word, count) = match label.split_once('(') {
                Some((w, c)) => (w, c.trim_end_matches(')').trim().parse().ok()),
                None => (label, None),
            };
            let c = choice(word)?;
            if let Some(n) = count {
                rc.sums.push((c, n));
            }
            for n in names.split(',').flat_map(|p| p.split(" och ")) {
                let n = n.trim().trim_end_matches('.').trim();
                if n.is_empty() {
                    continue;
                }
                if !is_entry(n) {
                    return None;
                }
                rc.ballots.push(Ballot {
                    name: normalize(n),
                    choice: c,
                });
            }
            continue;
        }
        let (name, word) = line.rsplit_once(char::is_whitespace)?;
        let c = choice(word)?;
        let name = name.trim().trim_end_matches([',', '-', '–']).trim();
        if !is_entry(name) {
            return None;
        }
        rc.ballots.push(Ballot {
            name: normalize(name),
            choice: c,
        });
    }
    (rc.ballots.len() >= 2).then_some(rc)
}

/// The roll-call as the draft writes it: the counts the paper prints with it (a line the format
/// reads), then the table of the members' votes.
pub fn markdown(rc: &RollCall) -> Vec<String> {
    let mut out = Vec::new();
    if !rc.sums.is_empty() {
        let counts: Vec<String> = rc
            .sums
            .iter()
            .map(|(c, n)| format!("{n} {}", c.text().to_lowercase()))
            .collect();
        out.push(format!("Summa: {}.", counts.join(", ")));
    }
    let mut columns = rc.columns.clone();
    for c in Choice::ALL {
        if !columns.contains(&c) && rc.ballots.iter().any(|b| b.choice == c) {
            columns.push(c);
        }
    }
    columns.sort();
    let mut t = String::from("| Ledamot |");
    for c in &columns {
        t.push_str(&format!(" {} |", c.text()));
    }
    t.push_str("\n| --- |");
    t.push_str(&" :-: |".repeat(columns.len()));
    for b in &rc.ballots {
        t.push_str(&format!("\n| {} |", markdown::escape(&b.name)));
        for c in &columns {
            t.push_str(if *c == b.choice { " X |" } else { " |" });
        }
    }
    out.push(t);
    out
}

/// Where the counts printed for a vote differ from the members' votes listed, what to say (the
/// build would stop on it).
pub fn disagreement(rc: &RollCall, printed: &[(Choice, u32)]) -> Option<String> {
    let wrong: Vec<String> = printed
        .iter()
        .filter_map(|&(c, n)| {
            let listed = rc.ballots.iter().filter(|b| b.choice == c).count() as u32;
            let absent_unlisted = c == Choice::Absent && listed == 0;
            (listed != n && !absent_unlisted)
                .then(|| format!("{n} {} printed, {listed} listed", c.text().to_lowercase()))
        })
        .collect();
    (!wrong.is_empty()).then(|| {
        format!(
            "the vote's counts and its list differ ({}): check them against the paper",
            wrong.join("; ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Kind;
    use crate::import::text;

    fn table(s: &str) -> Table {
        match text::read(s).blocks.remove(0).kind {
            Kind::Table(t) => t,
            k => panic!("not a table: {k:?}"),
        }
    }

    #[test]
    fn a_table_with_a_column_per_choice_a_party_column_and_a_sum() {
        let t = table(
            "Ledamot\tParti\tJa\tNej\tAvstår\nAnna Ek\tS\tX\t\t\nBo Ek\tM\t\tX\t\n\
             Cia Berg\tL\t\t\tx\nDan Ek\tS\t\t\t\nSumma\t\t1\t1\t1",
        );
        let rc = from_table(&t).unwrap();
        assert_eq!(
            rc.ballots,
            [
                Ballot {
                    name: "Anna Ek (S)".into(),
                    choice: Choice::Yes
                },
                Ballot {
                    name: "Bo Ek (M)".into(),
                    choice: Choice::No
                },
                Ballot {
                    name: "Cia Berg (L)".into(),
                    choice: Choice::Abstain
                },
            ]
        );
        assert_eq!(
            rc.sums,
            [(Choice::Yes, 1), (Choice::No, 1), (Choice::Abstain, 1)]
        );
        assert_eq!(
            markdown(&rc),
            [
                "Summa: 1 ja, 1 nej, 1 avstår.",
                "| Ledamot | Ja | Nej | Avstår |\n| --- | :-: | :-: | :-: |\n\
                 | Anna Ek (S) | X | | |\n| Bo Ek (M) | | X | |\n| Cia Berg (L) | | | X |",
            ]
        );
        assert_eq!(disagreement(&rc, &rc.sums), None);
    }

    #[test]
    fn the_serving_ersattare_votes_and_a_word_column_is_read() {
        let t = table(
            "Ledamöter\tTjänstgörande ersättare\tRöst\nAnna Ek (S)\t\tJa\n\
             Bo Ek (M)\tPer Holm (M)\tNej",
        );
        let rc = from_table(&t).unwrap();
        assert_eq!(rc.ballots[0].name, "Anna Ek (S)");
        assert_eq!(rc.ballots[1].name, "Per Holm (M)");
        assert_eq!(rc.ballots[1].choice, Choice::No);
    }

    #[test]
    fn a_header_set_apart_over_the_table_is_its_header() {
        let t = table("Anna Ek\tS\tX\t\nBo Ek\tM\t\tX");
        assert_eq!(from_table(&t), None);
        let rc = from_table_under(&t, "Ledamot Parti Ja Nej").unwrap();
        assert_eq!(rc.ballots[1].name, "Bo Ek (M)");
        assert_eq!(rc.ballots[1].choice, Choice::No);
        assert_eq!(from_table_under(&t, "Ledamot Ja Nej"), None);
    }

    #[test]
    fn a_table_of_figures_is_no_roll_call() {
        assert_eq!(from_table(&table("År\t2023\t2024\nIntäkter\t12\t14")), None);
        assert_eq!(from_table(&table("Namn\tJa\tNej\nAnna Ek\tX\t")), None);
    }

    #[test]
    fn roll_call_lines_of_both_forms() {
        let rc = from_lines("Anna Ek (S) Ja\nBo Ek (M) Nej\nCia Berg (L) avstår").unwrap();
        assert_eq!(rc.ballots.len(), 3);
        assert_eq!(rc.ballots[2].choice, Choice::Abstain);
        let rc = from_lines("Ja (2): Anna Ek (S) och Dan Ek (S)\nNej: Bo Ek (M).").unwrap();
        assert_eq!(rc.ballots[1].name, "Dan Ek (S)");
        assert_eq!(rc.ballots[2].choice, Choice::No);
        assert_eq!(rc.sums, [(Choice::Yes, 2)]);
        assert_eq!(from_lines("Styrelsen säger ja\nOch sedan nej"), None);
        assert_eq!(from_lines("Beslut: Anna Ek (S), Bo Ek (M)"), None);
    }

    #[test]
    fn the_result_line_gives_the_counts() {
        assert_eq!(
            result(
                "Med 25 ja-röster mot 14 nej-röster och 2 som avstår beslutar fullmäktige att …"
            ),
            Some(vec![
                (Choice::Yes, 25),
                (Choice::No, 14),
                (Choice::Abstain, 2)
            ])
        );
        assert_eq!(
            result("Omröstningen utfaller med 7 ja mot 4 nej."),
            Some(vec![(Choice::Yes, 7), (Choice::No, 4)])
        );
        assert_eq!(result("Styrelsen beslutar att anta 25 förslag."), None);
        assert_eq!(result("Med 25 ja-röster beslutar fullmäktige."), None);
    }

    #[test]
    fn counts_that_differ_from_the_list_are_said() {
        let rc = from_lines("Ja: Anna Ek (S), Bo Ek (M)\nNej: Cia Berg (L)").unwrap();
        let say = disagreement(&rc, &[(Choice::Yes, 3), (Choice::No, 1)]).unwrap();
        assert!(say.contains("3 ja printed, 2 listed"), "{say}");
        assert_eq!(
            disagreement(&rc, &[(Choice::Yes, 2), (Choice::Absent, 4)]),
            None
        );
    }

    #[test]
    fn paper_headings_of_a_vote() {
        assert!(paper_heading("Votering"));
        assert!(paper_heading("**Voteringslista:**"));
        assert!(!paper_heading("Votering begärs"));
    }
}
