//! What happened in the room, read from a paragraph's sections: yrkanden, omröstning (a roll-call
//! as a table or as `Ja:`/`Nej:` lists, and the counts of a sentence such as "25 ja-röster mot 14
//! nej-röster"), reservationer, protokollsanteckningar and jäv by member with their reasons, and
//! the list of whom the decision is sent to. Names stay as written; `resolve` links them.

use crate::model::item::{Item, Section, SectionKind};
use crate::model::names::{Named, split_written};
use crate::model::vote::{Ballot, Choice, Counts, Room, Statement, StatementKind, Vote};
use crate::reading::diagnostic::Diagnostic;
use crate::reading::vocabulary::paragraph::{self as words, Said};
use std::path::Path;

/// A block of Markdown: a paragraph or one list item, with the 0-based index of its first line in
/// the section and its lines.
struct Block<'a> {
    first: usize,
    lines: Vec<&'a str>,
}

impl Block<'_> {
    /// Its text on one line, list markers and emphasis around it aside.
    fn text(&self) -> String {
        let joined: Vec<&str> = self.lines.iter().map(|l| l.trim()).collect();
        let t = joined.join(" ");
        strip_marker(&t).trim_matches(['*', '_']).trim().to_string()
    }

    /// The column (1-based, in characters) where its text starts on its first line.
    fn col(&self) -> usize {
        let l = self.lines[0];
        let lead = l.len() - l.trim_start().len();
        let t = l.trim_start();
        lead + (t.len() - strip_marker(t).len()) + 1
    }
}

/// A list item's text without its marker (`- `, `* `, `+ `, `1. `).
fn strip_marker(t: &str) -> &str {
    if let Some(r) = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("+ "))
    {
        return r.trim_start();
    }
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") ")) {
        return t[digits + 2..].trim_start();
    }
    t
}

fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    strip_marker(t).len() < t.len()
}

/// The blocks of a section's Markdown: paragraphs and list items, a fenced block whole.
fn blocks(md: &str) -> Vec<Block<'_>> {
    let mut out: Vec<Block> = Vec::new();
    let mut open = false;
    let mut fence = false;
    for (i, line) in md.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
        }
        if line.trim().is_empty() && !fence {
            open = false;
            continue;
        }
        if open && !fence && is_list_item(line) {
            open = false;
        }
        match out.last_mut() {
            Some(b) if open => b.lines.push(line),
            _ => out.push(Block {
                first: i,
                lines: vec![line],
            }),
        }
        open = true;
    }
    out
}

/// Reads the room from the sections of `item`; problems (a vote whose printed counts disagree
/// with its roll-call, a member voting twice by the same spelling) go to `errors`.
pub fn read(path: &Path, item: &mut Item, errors: &mut Vec<Diagnostic>) {
    let mut room = Room {
        disqualified: std::mem::take(&mut item.room.disqualified),
        ..Room::default()
    };
    for (i, s) in item.sections.iter().enumerate() {
        let base = s.body_line;
        match s.kind {
            SectionKind::Motions => room.motions.extend(statements(s, i, StatementKind::Motion)),
            SectionKind::Reservations => {
                room.reservations
                    .extend(statements(s, i, StatementKind::Reservation))
            }
            SectionKind::Notes => room.notes.extend(statements(s, i, StatementKind::Note)),
            SectionKind::Disqualification => {
                room.disqualified
                    .extend(statements(s, i, StatementKind::Disqualified))
            }
            SectionKind::Vote => room
                .votes
                .push(vote(path, i, s.line, base, &s.markdown, errors)),
            SectionKind::SendTo => room.send_to.extend(recipients(&s.markdown)),
            _ => {}
        }
    }
    item.room = room;
}

/// The statements of a section: each block whose first sentence has the kind's verb (or, for the
/// first block, any block) starts one; the blocks after it are its written reason.
fn statements(s: &Section, index: usize, kind: StatementKind) -> Vec<Statement> {
    let mut out = statements_in(&s.markdown, s.body_line, kind);
    for x in &mut out {
        x.section = Some(index);
    }
    out
}

/// The statements of a kind in `md`, whose first line is line `base`.
fn statements_in(md: &str, base: usize, kind: StatementKind) -> Vec<Statement> {
    let said = match kind {
        StatementKind::Motion => Said::Motion,
        StatementKind::Reservation => Said::Reservation,
        StatementKind::Note => Said::Note,
        StatementKind::Disqualified => Said::Disqualified,
    };
    let mut out: Vec<Statement> = Vec::new();
    let lines: Vec<&str> = md.lines().collect();
    for b in blocks(md) {
        let text = b.text();
        let verb = words::statement_verb(&text, said).filter(|&at| !text[..at].trim().is_empty());
        let starts = verb.is_some()
            || out.is_empty()
            || (kind == StatementKind::Motion || kind == StatementKind::Disqualified)
                && is_list_item(b.lines[0]);
        if !starts {
            let last = out.last_mut().expect("a statement");
            let from = b.first;
            let to = b.first + b.lines.len();
            if !last.reason.is_empty() {
                last.reason.push('\n');
            }
            last.reason.push_str(&lines[from..to].join("\n"));
            last.reason.push('\n');
            continue;
        }
        let (who, rest) = match verb {
            Some(at) if kind == StatementKind::Disqualified => {
                (text[..at].trim().to_string(), because(&text[at..]))
            }
            Some(at) => (text[..at].trim().to_string(), String::new()),
            None => who_and_reason(&text),
        };
        out.push(Statement {
            kind,
            who,
            text: text.clone(),
            section: None,
            reason: rest,
            line: base + b.first,
            col: b.col(),
            people: Vec::new(),
        });
    }
    out
}

/// Why, in a sentence of jäv: what follows "då", "eftersom", "på grund av" or "som" ("… deltar
/// inte, då han är delägare i bolaget." → "han är delägare i bolaget").
fn because(sentence: &str) -> String {
    [
        " då ",
        " eftersom ",
        " på grund av ",
        " pga. ",
        " med anledning av ",
    ]
    .iter()
    .filter_map(|w| sentence.find(w).map(|i| i + w.len()))
    .min()
    .map(|i| sentence[i..].trim().trim_end_matches('.').to_string())
    .unwrap_or_default()
}

/// A statement without its verb: `Anna Berg (C), ledamot i bolagets styrelse` or
/// `Anna Berg (C) – ledamot …`: the names, then why.
pub fn who_and_reason(text: &str) -> (String, String) {
    let cut = [" – ", " - ", ": "]
        .iter()
        .filter_map(|s| text.find(s).map(|i| (i, s.len())))
        .chain(
            text.find(')')
                .map(|i| (i + 1, 0))
                .filter(|(i, _)| text[*i..].starts_with(','))
                .map(|(i, _)| (i, 1)),
        )
        .min();
    match cut {
        Some((i, n)) => (
            text[..i].trim().to_string(),
            text[i + n..]
                .trim_start_matches([',', ' '])
                .trim()
                .to_string(),
        ),
        None => (text.to_string(), String::new()),
    }
}

/// The recipients of "Beslutet skickas till": list items or lines, or one line of commas.
fn recipients(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in md.lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let t = strip_marker(t).trim_matches(['*', '_']).trim();
        let parts: Vec<&str> = if is_list_item(line) {
            vec![t]
        } else {
            t.split([',', ';']).collect()
        };
        out.extend(
            parts
                .into_iter()
                .map(|p| p.trim().trim_end_matches('.').trim())
                .filter(|p| !p.is_empty())
                .map(str::to_string),
        );
    }
    out
}

/// An omröstning: its roll-call (a table, or `Ja:` … lists), the counts printed in its text, and
/// its text without the roll-call.
fn vote(
    path: &Path,
    section: usize,
    heading_line: usize,
    base: usize,
    md: &str,
    errors: &mut Vec<Diagnostic>,
) -> Vote {
    let lines: Vec<&str> = md.lines().collect();
    let mut v = Vote {
        section,
        line: heading_line,
        ..Vote::default()
    };
    // The text before the members' votes, and after them.
    let mut kept: [Vec<&str>; 2] = [Vec::new(), Vec::new()];
    let mut printed = Counts::default();
    let mut printed_line = 0;
    let mut current: Option<Choice> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim();
        let part = usize::from(!v.ballots.is_empty());
        if t.is_empty() {
            kept[part].push(line);
            i += 1;
            continue;
        }
        if t.starts_with('|') {
            let start = i;
            while i < lines.len() && lines[i].trim().starts_with('|') {
                i += 1;
            }
            if !table(&lines[start..i], base + start, &mut v.ballots) {
                kept[part].extend(&lines[start..i]);
            }
            current = None;
            continue;
        }
        if let Some(choice) = current
            && is_list_item(line)
        {
            let name = strip_marker(t).trim_matches(['*', '_']).trim();
            let col = line.len() - line.trim_start().len() + (t.len() - strip_marker(t).len()) + 1;
            push_ballot(&mut v.ballots, name, choice, base + i, col);
            i += 1;
            continue;
        }
        if let Some((choice, count, names, name_col)) = list_line(t) {
            if let Some(n) = count {
                *printed.slot(choice) = Some(n);
                printed_line = base + i;
            }
            let lead = line.len() - line.trim_start().len();
            let mut col = lead + name_col + 1;
            for name in names.split(',').flat_map(|p| p.split(" och ")) {
                let n = name.trim().trim_end_matches('.');
                if !n.is_empty() {
                    let Some(at) = line.get(col - 1..).and_then(|x| x.find(n)).map(|x| col + x)
                    else {
                        continue;
                    };
                    push_ballot(
                        &mut v.ballots,
                        n,
                        choice,
                        base + i,
                        line[..at - 1].chars().count() + 1,
                    );
                    col = at + n.len();
                }
            }
            current = names.trim().is_empty().then_some(choice);
            i += 1;
            continue;
        }
        current = None;
        for (choice, n) in counts_in(t) {
            if printed.get(choice).is_none() {
                *printed.slot(choice) = Some(n);
                printed_line = base + i;
            }
        }
        kept[part].push(line);
        i += 1;
    }
    if !printed.is_empty() {
        v.printed = Some((printed, printed_line));
    }
    let [before, after] = kept;
    v.text = tidy(&before);
    v.after = tidy(&after);
    if !v.ballots.is_empty()
        && let Some((p, line)) = v.printed
    {
        let tally = v.counts();
        for c in Choice::ALL {
            if let (Some(want), Some(got)) = (p.get(c), tally.get(c))
                && want != got
                && !(c == Choice::Absent && v.ballots.iter().all(|b| b.choice != c))
            {
                errors.push(
                    Diagnostic::error(
                        path,
                        line,
                        1,
                        format!(
                            "the vote is printed as {want} {}, but {got} {} listed as voting {}",
                            c.text().to_lowercase(),
                            if got == 1 { "member is" } else { "members are" },
                            c.text().to_lowercase()
                        ),
                    )
                    .with_hint("correct the count or the list of members' votes"),
                );
            }
        }
    }
    v
}

/// Lines as Markdown: trimmed, with no more than one blank line in a row.
fn tidy(lines: &[&str]) -> String {
    let mut out = String::new();
    let mut blank = false;
    for l in lines {
        if l.trim().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(l);
        out.push('\n');
    }
    out
}

fn push_ballot(ballots: &mut Vec<Ballot>, name: &str, choice: Choice, line: usize, col: usize) {
    ballots.push(Ballot {
        who: Named {
            written: split_written(name),
            person: None,
        },
        choice,
        line,
        col,
    });
}

/// A roll-call line: `Ja: A (S), B (M)`, `**Nej (2):** C, D`, `Avstår: E`, or a label alone
/// (`Ja-röster (25):`) before a list. Gives the choice, a count in parentheses or in place of the
/// names, the names and the byte column where they start.
fn list_line(t: &str) -> Option<(Choice, Option<u32>, &str, usize)> {
    let (label, names, at) = match t.find(':') {
        Some(i) => {
            let after = &t[i + 1..];
            let after = after.strip_prefix("**").unwrap_or(after);
            let start = t.len() - after.len();
            let lead = after.len() - after.trim_start().len();
            (&t[..i], after.trim(), start + lead)
        }
        None => (t, "", t.len()),
    };
    let label = label.trim().trim_matches(['*', '_']).trim();
    let (word, count) = match label.split_once('(') {
        Some((w, c)) => (w, c.trim_end_matches(')').trim().parse().ok()),
        None => (label, None),
    };
    let choice = words::choice(word)?;
    // "Ja-röster: 25" is a count, not a name.
    if let Ok(n) = names.trim_end_matches('.').parse::<u32>() {
        return Some((choice, Some(n), "", at));
    }
    Some((choice, count, names, at))
}

/// The counts a sentence gives: each number followed by a choice ("25 ja-röster mot 14
/// nej-röster, 2 avstår").
fn counts_in(t: &str) -> Vec<(Choice, u32)> {
    let mut out = Vec::new();
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if let (Ok(n), Some(c)) = (t[start..i].parse(), words::counted_choice(&t[i..])) {
                out.push((c, n));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// A roll-call table: a name column and either a column per choice (marked `X`) or one column of
/// choice words (`Röst`). False when the table is not one.
fn table(rows: &[&str], first_line: usize, ballots: &mut Vec<Ballot>) -> bool {
    let cells = |l: &str| -> Vec<String> {
        let t = l.trim().trim_start_matches('|').trim_end_matches('|');
        t.split('|').map(|c| c.trim().to_string()).collect()
    };
    let Some(header) = rows.first().map(|r| cells(r)) else {
        return false;
    };
    let by_column: Vec<Option<Choice>> = header.iter().map(|h| words::choice(h)).collect();
    let word_column = header.iter().position(|h| {
        let h = h.trim_matches(['*', '_']).to_lowercase();
        h == "röst" || h == "röstade" || h == "röstar"
    });
    if by_column.iter().all(Option::is_none) && word_column.is_none() {
        return false;
    }
    let mut found = Vec::new();
    for (k, row) in rows.iter().enumerate().skip(1) {
        let c = cells(row);
        if c.iter()
            .all(|x| x.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
        {
            continue;
        }
        let name = c.first().map_or("", |s| s.trim_matches(['*', '_']).trim());
        if name.is_empty() {
            continue;
        }
        let choice = match word_column {
            Some(w) => c.get(w).and_then(|x| words::choice(x)),
            None => c
                .iter()
                .zip(&by_column)
                .find(|(x, ch)| ch.is_some() && !x.trim().is_empty())
                .and_then(|(_, ch)| *ch),
        };
        let Some(choice) = choice else {
            continue;
        };
        let col = row.find(name).map_or(1, |b| row[..b].chars().count() + 1);
        found.push((name.to_string(), choice, first_line + k, col));
    }
    if found.is_empty() {
        return false;
    }
    for (name, choice, line, col) in found {
        push_ballot(ballots, &name, choice, line, col);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_vote(md: &str) -> (Vote, Vec<Diagnostic>) {
        let mut e = Vec::new();
        (vote(Path::new("p.md"), 0, 9, 10, md, &mut e), e)
    }

    #[test]
    fn a_roll_call_table_with_a_column_per_choice() {
        let (v, e) = read_vote(
            "Ja för förslaget, nej för yrkandet.\n\n| Ledamot | Ja | Nej | Avstår \
                |\n|---|---|---|---|\n| Anna Berg (S) | X | | |\n| Per Ek (M) | | X | \
                |\n| Eva Lund (C) | | | X |\n\nStyrelsen har beslutat enligt ja.\n",
        );
        assert!(e.is_empty());
        assert_eq!(v.ballots.len(), 3);
        assert_eq!(v.ballots[1].who.written.name, "Per Ek");
        assert_eq!(
            (v.ballots[1].choice, v.ballots[1].line, v.ballots[1].col),
            (Choice::No, 15, 3)
        );
        let c = v.counts();
        assert_eq!(
            (c.yes, c.no, c.abstain, c.absent),
            (Some(1), Some(1), Some(1), None)
        );
        assert!(!v.text.contains('|'));
        assert_eq!(v.text, "Ja för förslaget, nej för yrkandet.\n");
        assert_eq!(v.after, "Styrelsen har beslutat enligt ja.\n");
    }

    #[test]
    fn lists_and_counts() {
        let (v, e) = read_vote(
            "Omröstningen utfaller med 2 ja-röster mot 1 nej-röst.\n\nJa: Anna \
                Berg (S), Bo Ek (S)\nNej (1): Per Ek (M)\n",
        );
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(v.ballots.len(), 3);
        assert_eq!(
            (v.ballots[1].who.written.name.as_str(), v.ballots[1].col),
            ("Bo Ek", 20)
        );
        assert_eq!(v.outcome(), Some(Choice::Yes));
        let (_, e) = read_vote(
            "3 ja-röster mot 1 nej-röst.\n\nJa: Anna Berg (S), Bo Ek (S)\nNej: Per Ek (M)\n",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].line, 10);
        assert!(e[0].message.contains("printed as 3 ja, but 2 members are"));
        let (v, _) = read_vote(
            "Med 25 ja-röster mot 14 nej-röster beslutar styrelsen. 2 ledamöter avstår.\n",
        );
        let c = v.counts();
        assert_eq!((c.yes, c.no, c.abstain), (Some(25), Some(14), Some(2)));
        assert!(v.ballots.is_empty());
    }

    #[test]
    fn a_label_then_a_list() {
        let (v, _) = read_vote("**Ja (2)**\n\n- Anna Berg (S)\n- Bo Ek (S)\n\n**Nej (0)**\n");
        assert_eq!(v.ballots.len(), 2);
        assert_eq!(v.counts().no, Some(0));
    }

    #[test]
    fn statements_with_their_reasons() {
        let s = statements_in(
            "Anna Berg (M) och Per Ek (M) reserverar sig mot beslutet.\n\nVi anser \
                att budgeten är för hög.\n\nEva Lund (V) reserverar sig till förmån \
                för eget yrkande.\n",
            20,
            StatementKind::Reservation,
        );
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].who, "Anna Berg (M) och Per Ek (M)");
        assert_eq!(s[0].reason.trim(), "Vi anser att budgeten är för hög.");
        assert_eq!((s[1].line, s[1].col), (24, 1));
        let j = statements_in(
            "- Anna Berg (C) – styrelseledamot i bolaget\n- Per Ek (M), delägare\n",
            5,
            StatementKind::Disqualified,
        );
        assert_eq!(j.len(), 2);
        assert_eq!(
            (j[0].who.as_str(), j[0].reason.as_str()),
            ("Anna Berg (C)", "styrelseledamot i bolaget")
        );
        assert_eq!(
            (j[1].who.as_str(), j[1].reason.as_str(), j[1].col),
            ("Per Ek (M)", "delägare", 3)
        );
    }

    #[test]
    fn recipients_as_lines_lists_and_commas() {
        assert_eq!(
            recipients("- Ekonomienheten\n- Revisorerna\n"),
            vec!["Ekonomienheten", "Revisorerna"]
        );
        assert_eq!(
            recipients("Kommunstyrelsen, Kommunens revisorer."),
            vec!["Kommunstyrelsen", "Kommunens revisorer"]
        );
    }
}
