//! Splitting a bundle into its documents: a kallelse with its tjänsteskrivelser, another body's
//! decision, motions, yearly reports, one after the other in one file. Each document starts where
//! its own head stands: a header table (`Organ …`) or a `Protokoll …` title, a date over
//! `Tjänsteskrivelse` or `Kallelse till`, a lone `§ 69` outside a protokoll, a title over a
//! `Beslut` heading, `Motion:`, a report's name, `Uppdragsbeskrivning:`; and a tjänsteskrivelse
//! ends after its handläggare's contact lines, so what follows is its attachment. The split
//! returns block ranges with each document's kind, title and dates as printed.

use super::block::{Block, Kind, Source};
use std::ops::Range;

/// What kind of document a part of a bundle is, named as the content format's `typ`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// Minutes with a header table or a `Protokoll …` title.
    Protokoll,
    /// A notice of a meeting with its agenda.
    Kallelse,
    /// An official's report to a meeting.
    Tjansteskrivelse,
    /// A motion.
    Motion,
    /// Another authority's decision (Länsstyrelsen).
    Beslut,
    /// A decision taken out of another body's minutes.
    Protokollsutdrag,
    /// Årsredovisning.
    Arsredovisning,
    /// Verksamhetsberättelse.
    Verksamhetsberattelse,
    /// Revisionsberättelse.
    Revisionsberattelse,
    /// Verksamhetsplan (och budget).
    Verksamhetsplan,
    /// An attachment of the document before it.
    Bilaga,
    /// Nothing recognized (the start of a file that is not minutes, say).
    Okand,
}

impl DocKind {
    /// The `typ` of the content format (`okand` for an unrecognized part).
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Protokoll => "protokoll",
            DocKind::Kallelse => "kallelse",
            DocKind::Tjansteskrivelse => "tjansteskrivelse",
            DocKind::Motion => "motion",
            DocKind::Beslut => "beslut",
            DocKind::Protokollsutdrag => "protokollsutdrag",
            DocKind::Arsredovisning => "arsredovisning",
            DocKind::Verksamhetsberattelse => "verksamhetsberattelse",
            DocKind::Revisionsberattelse => "revisionsberattelse",
            DocKind::Verksamhetsplan => "verksamhetsplan",
            DocKind::Bilaga => "bilaga",
            DocKind::Okand => "okand",
        }
    }
}

/// One document of a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Its kind.
    pub kind: DocKind,
    /// Its title as printed (a report's name with its year, `Kallelse till Styrelsemöte`,
    /// `Protokoll` and the organ, `§ 69 Uppdrag …`).
    pub title: String,
    /// The date printed at its head (a tjänsteskrivelse's or kallelse's date), as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// For a kallelse or protokoll, the meeting's date where printed (`Tid: Torsdag 13 juni 2024`).
    pub meeting: Option<String>,
    /// Its blocks: a range of [`Source::blocks`].
    pub blocks: Range<usize>,
}

/// Splits a source into its documents, in order; every block belongs to exactly one part.
pub fn split(source: &Source) -> Vec<Part> {
    let b = &source.blocks;
    let mut parts: Vec<Part> = Vec::new();
    // The part may still change its kind when a head shows up among its first blocks.
    let mut provisional = true;
    // A tjänsteskrivelse ends after the e-mail under `Handläggare`.
    let mut handlaggare = false;
    let mut ended = false;
    let mut i = 0;
    while i < b.len() {
        let current = parts.last();
        let head = start_at(b, i, current.filter(|_| !ended), &parts);
        match head {
            Some((mut part, skip)) => {
                // A head cut off by the end of the file takes only the blocks there are.
                let skip = skip.clamp(1, b.len() - i);
                let upgrade = parts
                    .last()
                    .is_some_and(|p| provisional && i - p.blocks.start <= 3);
                if upgrade {
                    let p = parts.last_mut().unwrap();
                    part.blocks = p.blocks.start..i + skip;
                    *p = part;
                } else {
                    part.blocks = i..i + skip;
                    parts.push(part);
                }
                provisional = false;
                handlaggare = false;
                ended = false;
                i += skip;
                continue;
            }
            None if parts.is_empty() || ended => {
                let title = title_from(b, i);
                parts.push(Part {
                    kind: if ended {
                        DocKind::Bilaga
                    } else {
                        DocKind::Okand
                    },
                    title,
                    date: None,
                    meeting: None,
                    blocks: i..i + 1,
                });
                provisional = true;
                handlaggare = false;
                ended = false;
            }
            None => {}
        }
        let text = b[i].plain();
        let part = parts.last_mut().unwrap();
        part.blocks.end = i + 1;
        if part.kind == DocKind::Tjansteskrivelse {
            if text
                .trim_end_matches(':')
                .eq_ignore_ascii_case("handläggare")
            {
                handlaggare = true;
            } else if handlaggare && text.contains('@') {
                ended = true;
            }
        }
        i += 1;
    }
    parts
}

fn first_line(b: &Block) -> String {
    b.plain().lines().next().unwrap_or("").trim().to_string()
}

fn is_heading(b: &Block) -> bool {
    matches!(b.kind, Kind::Heading { .. })
}

fn is_text(b: &Block) -> bool {
    matches!(b.kind, Kind::Heading { .. } | Kind::Paragraph(_))
}

/// A date on a line of its own: `2024-06-04`.
fn lone_date(b: &Block) -> Option<String> {
    let t = b.plain();
    (is_text(b) && iso(&t).as_deref() == Some(t.as_str())).then_some(t)
}

/// A case-number line under a title (`D 2021/07`, `2022/430 2024.2524`, `Dnr 2020/26`).
fn dnr_line(b: &Block) -> bool {
    let t = b.plain();
    let t = t
        .strip_prefix("Dnr")
        .or_else(|| t.strip_prefix("D "))
        .unwrap_or(&t);
    !t.trim().is_empty()
        && t.split_whitespace().all(|w| {
            w.chars()
                .all(|c| c.is_ascii_digit() || c == '/' || c == '.')
        })
}

/// A sender's name at the head of a letter (`Kommunförbundet` / `Kalmar län`): a few words, the
/// first capitalized, no address.
fn sender(b: &Block) -> bool {
    let t = b.plain();
    is_text(b)
        && words(&t) <= 4
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.contains(['@', '.', ':'])
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Whether a document's head begins at block `i`: the part (without its range) and how many
/// blocks its head takes. `current` is the part being read, `None` when it has ended.
fn start_at(
    b: &[Block],
    i: usize,
    current: Option<&Part>,
    parts: &[Part],
) -> Option<(Part, usize)> {
    let part = |kind, title: String| Part {
        kind,
        title,
        date: None,
        meeting: None,
        blocks: 0..0,
    };
    let cur = current.map(|p| p.kind);
    // A sender's name over a date, a date, then what the document is.
    let mut j = i;
    if sender(&b[j]) && b.get(j + 1).and_then(lone_date).is_some() {
        j += 1;
    }
    let date = lone_date(&b[j]);
    if date.is_some() {
        j += 1;
    }
    let at = b.get(j)?;
    let first = first_line(at);
    if first == "Tjänsteskrivelse" {
        let mut k = j + 1;
        while b.get(k).is_some_and(dnr_line) {
            k += 1;
        }
        let title = b.get(k).map(Block::plain).unwrap_or_default();
        return Some((
            Part {
                date,
                ..part(DocKind::Tjansteskrivelse, title)
            },
            k + 1 - i,
        ));
    }
    if first == "Kallelse till" || first == "Kallelse" {
        let what = b.get(j + 1).map(first_line).unwrap_or_default();
        let meeting = b[j..b.len().min(j + 12)]
            .iter()
            .find_map(|x| x.plain().strip_prefix("Tid:").and_then(swedish_date));
        return Some((
            Part {
                date,
                meeting,
                ..part(DocKind::Kallelse, format!("Kallelse till {what}"))
            },
            j + 2 - i,
        ));
    }
    if date.is_some() {
        return None;
    }
    let text = b[i].plain();
    if let Kind::Table(t) = &b[i].kind
        && t.rows
            .first()
            .and_then(|r| r.cells.first())
            .is_some_and(|c| c.plain() == "Organ")
    {
        let cell = |label: &str| {
            t.rows
                .iter()
                .find(|r| r.cells.first().is_some_and(|c| c.plain() == label))
                .map(|r| {
                    r.cells[1..]
                        .iter()
                        .map(|c| c.plain())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
        };
        let organ = cell("Organ").unwrap_or_default();
        let meeting = cell("Plats och tid").and_then(|s| swedish_date(&s));
        if cur != Some(DocKind::Protokoll) || parts.last().is_some_and(|p| p.blocks.len() > 3) {
            return Some((
                Part {
                    meeting,
                    ..part(
                        DocKind::Protokoll,
                        format!("Protokoll {organ}").trim().to_string(),
                    )
                },
                1,
            ));
        }
        return None;
    }
    if !is_text(&b[i]) {
        return None;
    }
    if text.starts_with("Protokoll ")
        && (i == 0 || is_heading(&b[i]))
        && words(&text) <= 12
        && cur != Some(DocKind::Protokoll)
    {
        let meeting = iso(&text).or_else(|| swedish_date(&text));
        return Some((
            Part {
                meeting,
                ..part(DocKind::Protokoll, text)
            },
            1,
        ));
    }
    if is_section_number(&text) && cur != Some(DocKind::Protokoll) {
        let mut k = i + 1;
        while b.get(k).is_some_and(dnr_line) {
            k += 1;
        }
        let title = b.get(k).map(Block::plain).unwrap_or_default();
        return Some((
            part(DocKind::Protokollsutdrag, format!("{text} {title}")),
            k + 1 - i,
        ));
    }
    if let (
        Kind::Heading { level, .. },
        Some(Block {
            kind:
                Kind::Heading {
                    level: next,
                    text: t,
                },
            ..
        }),
    ) = (&b[i].kind, b.get(i + 1))
        && next > level
        && t.plain()
            .trim_end_matches(':')
            .eq_ignore_ascii_case("beslut")
    {
        let by_authority = b
            .get(i + 2)
            .is_some_and(|x| x.plain().contains("Länsstyrelsen"));
        let kind = if by_authority {
            DocKind::Beslut
        } else {
            DocKind::Protokollsutdrag
        };
        return Some((part(kind, text), 1));
    }
    if let Some(rest) = text.strip_prefix("Motion:") {
        if rest.trim().is_empty() {
            let title = b.get(i + 1).map(Block::plain).unwrap_or_default();
            return Some((part(DocKind::Motion, format!("Motion: {title}")), 2));
        }
        return Some((part(DocKind::Motion, text), 1));
    }
    if text.starts_with("Uppdragsbeskrivning:") || text.starts_with("Bilaga ") {
        return Some((part(DocKind::Bilaga, text), 1));
    }
    // A report's name opens a report after other documents, not inside a protokoll, kallelse or
    // tjänsteskrivelse (which name the reports they handle).
    let inside = matches!(
        cur,
        Some(DocKind::Protokoll | DocKind::Kallelse | DocKind::Tjansteskrivelse)
    );
    if let Some(kind) = report(&text)
        && !inside
        && (is_heading(&b[i]) || (words(&text) <= 6 && !text.ends_with('.')))
    {
        let (title, n) = report_title(b, i, kind);
        let same = current.is_some_and(|p| p.kind == kind && p.title == title);
        return (!same).then(|| (part(kind, title), n));
    }
    // An attachment printed a second time (`Bilaga 2` of another document) repeats a title.
    if matches!(b[i].kind, Kind::Paragraph(_) | Kind::Heading { .. })
        && cur != Some(DocKind::Tjansteskrivelse)
        && parts
            .iter()
            .any(|p| p.kind == DocKind::Bilaga && p.title == text && p.blocks.end <= i)
    {
        return Some((part(DocKind::Bilaga, text), 1));
    }
    None
}

fn is_section_number(t: &str) -> bool {
    let rest = t.strip_prefix('§').map(str::trim);
    rest.is_some_and(|r| {
        !r.is_empty() && r.len() <= 5 && r.chars().next().is_some_and(|c| c.is_ascii_digit())
    })
}

fn report(t: &str) -> Option<DocKind> {
    let lower = t.to_lowercase();
    [
        ("årsredovisning", DocKind::Arsredovisning),
        ("verksamhetsberättelse", DocKind::Verksamhetsberattelse),
        ("revisionsberättelse", DocKind::Revisionsberattelse),
        ("verksamhetsplan", DocKind::Verksamhetsplan),
    ]
    .into_iter()
    .find_map(|(w, k)| lower.starts_with(w).then_some(k))
}

/// A report's title: its name and year (`Årsredovisning` over `Räkenskapsåret 2023` is
/// `Årsredovisning 2023`; `Revisionsberättelse för år 2023` is `Revisionsberättelse 2023`), or
/// the name and the next short line (`Verksamhetsberättelse` over `Miljösamverkan Sydost 2023`).
fn report_title(b: &[Block], i: usize, _kind: DocKind) -> (String, usize) {
    let text = b[i].plain();
    let year = |s: &str| {
        s.split_whitespace()
            .find(|w| w.len() == 4 && w.starts_with("20") && w.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_string)
    };
    if year(&text).is_some() {
        let name = text
            .replace(" för år ", " ")
            .replace(" för räkenskapsåret ", " ");
        return (name, 1);
    }
    if let Some(next) = b
        .get(i + 1)
        .filter(|n| is_text(n) && words(&n.plain()) <= 6)
    {
        let n = next.plain();
        if n.to_lowercase().starts_with("räkenskapsåret")
            && let Some(y) = year(&n)
        {
            return (format!("{text} {y}"), 2);
        }
        if year(&n).is_some() {
            return (format!("{text} {n}"), 2);
        }
    }
    (text, 1)
}

/// A title from the first lines of a part: short lines joined while one ends in a word that
/// cannot end a title or the next starts in lower case (`Länsgemensam målbild och strategi för` /
/// `Nära vård` / `för Region Kalmar län …`).
fn title_from(b: &[Block], i: usize) -> String {
    let mut title = b[i].plain();
    let mut k = i + 1;
    while let Some(next) = b.get(k).filter(|n| is_text(n) && words(&n.plain()) <= 8) {
        let n = next.plain();
        let last = title.split_whitespace().last().unwrap_or("").to_lowercase();
        let open = ["för", "och", "i", "av", "till", "om", "med", "på"].contains(&last.as_str());
        if !(open || n.chars().next().is_some_and(char::is_lowercase)) || words(&title) > 20 {
            break;
        }
        title.push(' ');
        title.push_str(&n);
        k += 1;
    }
    title
}

/// A date written `YYYY-MM-DD` somewhere in the text.
fn iso(t: &str) -> Option<String> {
    t.split(|c: char| c.is_whitespace() || c == ',')
        .find(|w| {
            let b = w.as_bytes();
            b.len() == 10
                && b[4] == b'-'
                && b[7] == b'-'
                && w.chars().filter(char::is_ascii_digit).count() == 8
        })
        .map(str::to_string)
}

/// A date written the Swedish way with its year: `13 juni 2024`, `den 12 september 2024`.
fn swedish_date(t: &str) -> Option<String> {
    use crate::model::date::MONTHS;
    let w: Vec<String> = t
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    (1..w.len().saturating_sub(1)).find_map(|k| {
        let m = MONTHS.iter().position(|m| *m == w[k])? + 1;
        let d: u32 = w[k - 1].parse().ok().filter(|d| (1..=31).contains(d))?;
        let y: u32 = w[k + 1].parse().ok().filter(|y| (1900..2200).contains(y))?;
        Some(format!("{y:04}-{m:02}-{d:02}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text;

    fn parts(s: &str) -> Vec<(&'static str, String)> {
        split(&text::read(s))
            .into_iter()
            .map(|p| (p.kind.name(), p.title))
            .collect()
    }

    #[test]
    fn a_kallelse_then_a_tjansteskrivelse_then_its_attachment() {
        let s = "Kommunförbundet\nKalmar län\n\n2024-06-04\n\nKallelse \
         till\n\nStyrelsemöte\n\nTid: Torsdag 13 juni 2024 klockan 14.00\n\n\
                 1. Val av justerare\n\n2024-06-04\n\nTjänsteskrivelse\n\nHantering av negativt \
                 resultat 2024\n\nBakgrund\n\nText.\n\n\
                 Handläggare\n\nCecilia Frid\n\ncecilia.frid@kfkl.se\n\nEkonomisk avstämning tom \
                 april 2024\n\n(Tkr)\t2024";
        let got = parts(s);
        assert_eq!(
            got,
            [
                ("kallelse", "Kallelse till Styrelsemöte".to_string()),
                (
                    "tjansteskrivelse",
                    "Hantering av negativt resultat 2024".to_string()
                ),
                ("bilaga", "Ekonomisk avstämning tom april 2024".to_string()),
            ]
        );
        let all = split(&text::read(s));
        assert_eq!(all[0].date.as_deref(), Some("2024-06-04"));
        assert_eq!(all[0].meeting.as_deref(), Some("2024-06-13"));
        assert_eq!(all[0].blocks.start, 0);
        assert_eq!(all[1].blocks.start, all[0].blocks.end);
    }

    #[test]
    fn decisions_motions_and_reports() {
        let s = "## Ny ledamot\n\n### Beslut\n\nLänsstyrelsen i Kalmar län beslutar\n\n## \
         Motion:\n\n# En billig maträtt\n\nText.\n\n\
                 ## Remittering av motion\n\n### Beslut\n\nMotionen får ställas.\n\n# \
                 Årsredovisning\n\n## Räkenskapsåret 2023\n\nText.\n\n\
                 # Verksamhetsberättelse 2023\n\nInnehåll\n\n# Verksamhetsberättelse 2023\n\nText.";
        assert_eq!(
            parts(s),
            [
                ("beslut", "Ny ledamot".to_string()),
                ("motion", "Motion: En billig maträtt".to_string()),
                ("protokollsutdrag", "Remittering av motion".to_string()),
                ("arsredovisning", "Årsredovisning 2023".to_string()),
                (
                    "verksamhetsberattelse",
                    "Verksamhetsberättelse 2023".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_head_cut_off_by_the_end_of_the_file() {
        let source = text::read("<tr>\nTjänsteskrivelse\t");
        let parts = split(&source);
        assert!(
            parts.iter().all(|p| p.blocks.end <= source.blocks.len()),
            "{parts:?}"
        );
        let source = text::read("2024-06-04\n\nTjänsteskrivelse");
        assert_eq!(split(&source)[0].blocks, 0..2);
    }

    #[test]
    fn dates() {
        assert_eq!(
            swedish_date("Digitalt via Teams Torsdagen den 12 september 2024, kl. 09.00")
                .as_deref(),
            Some("2024-09-12")
        );
        assert_eq!(
            swedish_date("Torsdagen den 25 april, kl. 09.00-10.00"),
            None
        );
        assert_eq!(
            iso("Protokoll Läns gemensam ledning 2022-11-25").as_deref(),
            Some("2022-11-25")
        );
    }
}
