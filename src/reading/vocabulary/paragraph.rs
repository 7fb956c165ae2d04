//! A paragraph as minutes print it: its heading (`§ 28`, `§74`, `§ 31 a`, `KF § 266`, `5.`,
//! unnumbered items such as Parentation), its meta lines (Dnr, Föredragande …), its sections, the
//! forms a decision is written in (`### Beslut`, `Styrelsens beslut`, `**Beslut:**`, a line
//! "Styrelsen beslutar att …"), the words of a vote, a reservation, a protokollsanteckning and jäv,
//! and the forms of a diarienummer. Pure recognizers over strings: the format's parser and the
//! import's recognizers both read paper through these.

use crate::model::item::SectionKind;
use crate::model::vote::Choice;

/// The section headings (`### Beslut`), lower case, and the section each starts.
pub const SECTION_NAMES: &[(&str, SectionKind)] = &[
    ("bakgrund", SectionKind::Background),
    ("ärendet", SectionKind::Background),
    ("beslutsunderlag", SectionKind::Basis),
    ("förslag till beslut", SectionKind::Proposal),
    ("yrkanden", SectionKind::Motions),
    ("yrkande", SectionKind::Motions),
    ("propositionsordning", SectionKind::Procedure),
    ("beslutsgång", SectionKind::Procedure),
    ("omröstning", SectionKind::Vote),
    ("omröstningsresultat", SectionKind::Vote),
    ("beslut", SectionKind::Decision),
    ("reservationer", SectionKind::Reservations),
    ("reservation", SectionKind::Reservations),
    ("protokollsanteckningar", SectionKind::Notes),
    ("protokollsanteckning", SectionKind::Notes),
    ("jäv", SectionKind::Disqualification),
    ("beslutet skickas till", SectionKind::SendTo),
    ("beslutet expedieras till", SectionKind::SendTo),
    ("expedieras till", SectionKind::SendTo),
    ("expediering", SectionKind::SendTo),
    ("skickas till", SectionKind::SendTo),
];

/// The meta line keys, as written before the colon (`Dnr` also before a space).
pub const META_KEYS: &[&str] = &[
    "Dnr",
    "Dnr.",
    "Diarienummer",
    "Diarienr",
    "Diarienr.",
    "Föredragande",
    "Föredragare",
    "Punkt",
    "Handlingar",
    "Bilagor",
    "Bilaga",
    "Jäv",
];

/// The labels a diarienummer is printed after: on a meta line, on the heading line, in a title.
pub const DNR_LABELS: &[&str] = &["Diarienummer", "Diarienr.", "Diarienr", "Dnr.", "Dnr"];

/// The line that says a paragraph has no decision (information, anmälan), case aside; it may go
/// on with `:` and why, or end with `.`.
pub const NO_DECISION: &str = "inget beslut";

/// Titles of items printed without a number, lower case: a heading that is one of them, or starts
/// with one followed by a word ("Information om …"), is an unnumbered item.
pub const UNNUMBERED: &[&str] = &[
    "parentation",
    "minnesord",
    "dagordning",
    "fastställande av dagordning",
    "information",
    "informationsärenden",
    "upprop",
    "mötets öppnande",
    "sammanträdets öppnande",
    "allmänhetens frågestund",
    "frågestund",
    "meddelanden",
    "anmälningar",
    "delgivningar",
    "avtackning",
    "avtackningar",
    "mötets avslutande",
    "sammanträdets avslutande",
    "avslutning",
];

/// The verbs of a decision line ("Styrelsen beslutar att …"), in the present tense.
pub const DECISION_VERBS: &[&str] = &["beslutar"];

/// Words that make a text read like a decision; a protokoll paragraph without a recognized
/// decision that holds one of them is a warning.
pub const READS_LIKE_DECISION: &[&str] = &[
    "beslutar att",
    "beslutade att",
    "beslöt att",
    "beslutar enligt",
    "beslutade enligt",
    "beslut:",
];

/// Words a subject of a decision line never is (it is a body, not a person or a pronoun).
const NOT_A_BODY: &[&str] = &[
    "hen", "han", "hon", "man", "vi", "de", "den", "det", "ingen",
];

/// The words of each choice, lower case, as a vote's list or table prints them ("Ja", "Nej-röster",
/// "Avstod", "Ej närvarande" …). A word is matched whole or as the start of a hyphenated word.
const CHOICE_WORDS: &[(&str, Choice)] = &[
    ("ja", Choice::Yes),
    ("ja-röster", Choice::Yes),
    ("ja-röst", Choice::Yes),
    ("nej", Choice::No),
    ("nej-röster", Choice::No),
    ("nej-röst", Choice::No),
    ("avstår", Choice::Abstain),
    ("avstod", Choice::Abstain),
    ("avstående", Choice::Abstain),
    ("avstår från att rösta", Choice::Abstain),
    ("frånvarande", Choice::Absent),
    ("ej närvarande", Choice::Absent),
    ("ej närvarande vid omröstningen", Choice::Absent),
];

/// The choice a cell or list label names ("Ja", "nej-röster", "Avstår"), case aside.
pub fn choice(word: &str) -> Option<Choice> {
    let w = word.trim().trim_matches(['*', '_']).trim().to_lowercase();
    let w = w.trim_end_matches(':').trim();
    CHOICE_WORDS.iter().find(|(x, _)| *x == w).map(|(_, c)| *c)
}

/// The choice a count in a sentence is followed by: "25 ja-röster", "14 nej", "2 avstod",
/// "2 ledamöter avstår", "1 frånvarande". `after` is the text after the number.
pub fn counted_choice(after: &str) -> Option<Choice> {
    let lower = after.trim_start().to_lowercase();
    let mut words = lower.split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ')'));
    let filler = [
        "ledamöter",
        "ledamot",
        "som",
        "röster",
        "röst",
        "st",
        "st.",
        "personer",
    ];
    for w in words.by_ref().take(3) {
        if w.is_empty() || filler.contains(&w) {
            continue;
        }
        let head = w.split('-').next().unwrap_or(w);
        return match head {
            "ja" => Some(Choice::Yes),
            "nej" => Some(Choice::No),
            h if h.starts_with("avst") => Some(Choice::Abstain),
            h if h.starts_with("frånvar") => Some(Choice::Absent),
            _ => None,
        };
    }
    None
}

/// What a statement in the room is, by the words of its first sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Said {
    /// Yrkande: moves a proposal.
    Motion,
    /// Reservation against the decision.
    Reservation,
    /// Protokollsanteckning.
    Note,
    /// Jäv: does not take part.
    Disqualified,
}

/// The words that start a statement of each kind, lower case; the text before the first of them
/// names who made it ("Anna Berg (M) och Per Ek (M) reserverar sig …").
pub const STATEMENT_WORDS: &[(&str, Said)] = &[
    ("yrkar", Said::Motion),
    ("yrkade", Said::Motion),
    ("föreslår", Said::Motion),
    ("reserverar sig", Said::Reservation),
    ("reserverade sig", Said::Reservation),
    ("reserverar", Said::Reservation),
    ("anmäler reservation", Said::Reservation),
    ("lämnar följande protokollsanteckning", Said::Note),
    ("lämnar en protokollsanteckning", Said::Note),
    ("lämnar protokollsanteckning", Said::Note),
    ("får följande anteckning", Said::Note),
    ("antecknar", Said::Note),
    ("anmäler jäv", Said::Disqualified),
    ("anmälde jäv", Said::Disqualified),
    ("deltar inte", Said::Disqualified),
    ("deltog inte", Said::Disqualified),
    ("lämnar sammanträdet", Said::Disqualified),
    ("är jävig", Said::Disqualified),
];

/// Where a statement's verb starts in `text` and what it says, for the verb of `kind` found
/// first (lower case compared; `text` is one block).
pub fn statement_verb(text: &str, kind: Said) -> Option<usize> {
    let lower = text.to_lowercase();
    STATEMENT_WORDS
        .iter()
        .filter(|(_, k)| *k == kind)
        .filter_map(|(w, _)| find_word(&lower, w))
        .min()
        .map(|at| char_to_byte(text, lower[..at].chars().count()))
}

/// The byte offset in `lower` where the words `w` start as whole words.
fn find_word(lower: &str, w: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = lower[from..].find(w) {
        let at = from + i;
        let before = lower[..at].chars().next_back();
        let after = lower[at + w.len()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(at);
        }
        from = at + w.len();
    }
    None
}

fn char_to_byte(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

/// A heading's text without emphasis markers and a trailing `:`.
pub fn clean_heading(h: &str) -> String {
    h.trim()
        .trim_matches(['*', '_'])
        .trim()
        .trim_end_matches(':')
        .trim_end_matches(['*', '_'])
        .trim_end_matches(':')
        .trim()
        .to_string()
}

/// The section a heading's text starts (`Beslut`, `Förslag till beslut:`), from the fixed names,
/// the decision forms (`Styrelsens beslut`, `Kommunfullmäktiges beslut`) and `local`, the site's
/// own decision headings (`protokoll.toml`, lower case).
pub fn section_kind(heading: &str, local: &[String]) -> Option<SectionKind> {
    let name = clean_heading(heading).to_lowercase();
    if let Some((_, k)) = SECTION_NAMES.iter().find(|(n, _)| *n == name) {
        return Some(*k);
    }
    (is_organ_decision(&name) || local.contains(&name)).then_some(SectionKind::Decision)
}

/// "styrelsens beslut", "kommunfullmäktiges beslut", "läns gemensam lednings beslut": a body's
/// name in the genitive before "beslut" (never "förslag till beslut").
fn is_organ_decision(lower: &str) -> bool {
    let Some(owner) = lower.strip_suffix(" beslut") else {
        return false;
    };
    let last = owner.rsplit(' ').next().unwrap_or("");
    last.chars().count() > 2 && last.ends_with('s') && last.chars().all(char::is_alphabetic)
}

/// A section written as a line of its own instead of a `###` heading: `**Beslut**`,
/// `**Beslut:**`, `Beslut:`, `Beslut`, or inline `**Beslut:** Styrelsen beslutar …` and
/// `Beslut: Styrelsen beslutar …`. Gives the section, its heading as written and the text after
/// the heading on the same line (empty for a line of its own).
pub fn section_line(line: &str, local: &[String]) -> Option<(SectionKind, String, String)> {
    let t = line.trim();
    if t.is_empty() || t.starts_with(['#', '-', '+', '>', '|', '`']) {
        return None;
    }
    // Most lines are prose: a heading is short up to its colon, so longer ones are not read
    // further.
    let head_len = t.find(':').unwrap_or(t.len());
    if head_len > 48 + local.iter().map(String::len).max().unwrap_or(0) {
        return None;
    }
    if let Some(kind) = section_kind(t, local) {
        // A whole line: the name alone (emphasis and a colon aside).
        return Some((kind, clean_heading(t), String::new()));
    }
    // Inline: the name and a colon, emphasized or not, then the text.
    let (head, rest) = match t.strip_prefix("**").and_then(|r| r.split_once(":**")) {
        Some((h, r)) => (h, r),
        None => match t.strip_prefix("**").and_then(|r| r.split_once("**:")) {
            Some((h, r)) => (h, r),
            None => t.split_once(':')?,
        },
    };
    let rest = rest.trim();
    if rest.is_empty() || head.contains('*') {
        return None;
    }
    let kind = section_kind(head, local)?;
    Some((kind, clean_heading(head), rest.to_string()))
}

/// A paragraph heading as printed, read from the text after `## `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The number as used in the URL: "28", "31a", "5"; for an unnumbered item its title's slug.
    pub number: String,
    /// Written with § (a paragraph) rather than "5." (an item).
    pub section_sign: bool,
    /// The number as shown: "§ 28", "§ 31 a", "KF § 266", "5."; empty for an unnumbered item.
    pub label: String,
    /// Whether it has no number (Parentation, Dagordning …).
    pub unnumbered: bool,
    /// The title, without a Dnr printed on the heading line.
    pub title: String,
    /// Diarienummer printed on the heading line or in the title, as written (label removed),
    /// with the character offset of each in the heading text.
    pub dnr: Vec<(String, usize)>,
}

/// Reads `## …`: `§ 28 Titel`, `§74 Titel`, `§ 31 a Titel`, `§ 12a Titel`, `KF § 266 Titel`,
/// `5. Titel`, or an unnumbered item's title (from [`UNNUMBERED`] or `local`, lower case). A Dnr
/// on the heading line (`§ 5 Titel, Dnr 2023/07`, `§ 5 Titel (Dnr KS 2023/07)`,
/// `§ 5 Titel (2023/07)`) is taken out of the title.
pub fn heading(written: &str, local: &[String]) -> Option<Heading> {
    let h = written.trim();
    // An organ's prefix: "KF § 266", "KS §12" — capitals, then §.
    let (prefix, rest) = match h.split_once('§') {
        Some((p, r))
            if !p.trim().is_empty()
                && p.trim().len() <= 6
                && p.trim().chars().all(|c| c.is_uppercase()) =>
        {
            (Some(p.trim()), Some(r))
        }
        Some((p, r)) if p.trim().is_empty() => (None, Some(r)),
        _ => (None, None),
    };
    let section_sign = rest.is_some();
    let rest = rest.unwrap_or(h).trim_start();
    let num_end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let number = &rest[..num_end];
    if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return if section_sign {
            None
        } else {
            unnumbered(written, local)
        };
    }
    let digits = number.trim_end_matches(|c: char| c.is_ascii_lowercase());
    if !digits.bytes().all(|b| b.is_ascii_digit()) || number.len() - digits.len() > 1 {
        return None;
    }
    let mut title = &rest[num_end..];
    let mut number = number.to_string();
    let mut shown = number.clone();
    if section_sign {
        // "§ 31 a Titel": a lone lower-case letter after the digits is part of the number.
        if number == digits
            && let Some(after) = title.strip_prefix(' ')
            && let Some(letter) = after.chars().next().filter(char::is_ascii_lowercase)
            && after[1..].chars().next().is_none_or(|c| c == ' ')
            && after[1..]
                .trim_start()
                .chars()
                .next()
                .is_none_or(|c| !c.is_lowercase())
        {
            number.push(letter);
            shown = format!("{digits} {letter}");
            title = &after[1..];
        }
    } else {
        title = title.strip_prefix('.')?;
    }
    let label = match (section_sign, prefix) {
        (true, Some(p)) => format!("{p} § {shown}"),
        (true, None) => format!("§ {shown}"),
        (false, _) => format!("{number}."),
    };
    let title = title.trim();
    let (title_left, mut dnr) = dnr_in_title(title);
    if title_left.is_empty() {
        return None;
    }
    shift(written, title, &mut dnr);
    Some(Heading {
        number,
        section_sign,
        label,
        unnumbered: false,
        title: title_left,
        dnr,
    })
}

/// Makes the offsets of `dnr`, counted in `part` (a slice of `whole`), count in `whole`.
fn shift(whole: &str, part: &str, dnr: &mut [(String, usize)]) {
    let byte = (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize);
    let chars = whole.get(..byte).map_or(0, |s| s.chars().count());
    for d in dnr {
        d.1 += chars;
    }
}

fn unnumbered(written: &str, local: &[String]) -> Option<Heading> {
    let h = written.trim();
    let lower = h.to_lowercase();
    let known = UNNUMBERED
        .iter()
        .copied()
        .chain(local.iter().map(String::as_str))
        .any(|w| {
            lower.strip_prefix(w).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with([' ', ':', ',', '.', '(']) && !rest.is_empty()
            })
        });
    if !known {
        return None;
    }
    let (title, mut dnr) = dnr_in_title(h);
    shift(written, h, &mut dnr);
    Some(Heading {
        number: crate::markup::ids::slug(&title),
        section_sign: false,
        label: String::new(),
        unnumbered: true,
        title,
        dnr,
    })
}

/// Takes a Dnr out of a title: after a label (`…, Dnr 2023/07`, `Dnr KS 2023/07 Titel`) or in
/// parentheses at its end (`Titel (Dnr 2023/07)`, `Titel (2023/07)`, with a `/`). Gives the title
/// left and each Dnr as written with its character offset in `title`.
pub fn dnr_in_title(title: &str) -> (String, Vec<(String, usize)>) {
    // In parentheses at the end.
    if let Some(inner) = title.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let inside = &inner[open + 1..];
        let value = strip_dnr_label(inside);
        let labelled = value.len() < inside.len();
        if (labelled || value.contains('/')) && dnr_list(value).iter().all(|d| understood(d)) {
            let start = open + 1 + (inside.len() - value.len());
            let found = located(title, value, start);
            let rest = inner[..open]
                .trim_end()
                .trim_end_matches([',', '–', '-'])
                .trim_end();
            return (rest.to_string(), found);
        }
    }
    // After a label word.
    for label in DNR_LABELS {
        let Some(at) = find_label(title, label) else {
            continue;
        };
        let after = &title[at + label.len()..];
        let value_start =
            at + label.len() + (after.len() - after.trim_start_matches([':', ' ']).len());
        let tail = &title[value_start..];
        // The Dnr runs while its words are Dnr words (and list separators).
        let mut end = 0;
        let mut last_good = 0;
        for (i, w) in word_spans(tail) {
            let word = w.trim_end_matches([',', ';']);
            if is_dnr_word(word) {
                end = i + w.len();
                last_good = i + word.len();
            } else if (word == "och" || word == "samt") && end > 0 {
                continue;
            } else {
                break;
            }
        }
        if last_good == 0 {
            continue;
        }
        let value = &tail[..last_good];
        let before = title[..at]
            .trim_end()
            .trim_end_matches([',', '–', '-', '('])
            .trim_end();
        let after = tail[end..].trim_start_matches([',', ' ', ')']).trim();
        let rest = match (before.is_empty(), after.is_empty()) {
            (false, false) => format!("{before} {after}"),
            (true, _) => after.to_string(),
            (_, true) => before.to_string(),
        };
        return (rest, located(title, value, value_start));
    }
    (title.to_string(), Vec::new())
}

/// Each Dnr of a list written at byte `start` of `title`, with its character offset.
fn located(title: &str, value: &str, start: usize) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    for d in dnr_list(value) {
        let found = value.get(from..).and_then(|v| v.find(d.as_str()));
        let at = found.map_or(from, |i| from + i);
        let chars = title.get(..start + at).map_or(0, |t| t.chars().count());
        out.push((d.clone(), chars));
        if found.is_some() {
            from = at + d.len();
        }
    }
    out
}

/// Words and their byte offsets.
fn word_spans(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(' ')
        .scan(0, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// Where `label` stands as a word of its own in `s` (followed by a space, `:` or the end).
fn find_label(s: &str, label: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find(label) {
        let at = from + i;
        let before_ok = s[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = s[at + label.len()..]
            .chars()
            .next()
            .is_some_and(|c| c == ' ' || c == ':');
        if before_ok && after_ok {
            return Some(at);
        }
        from = at + label.len();
    }
    None
}

/// A Dnr value without a leading label (`Dnr KS 2023/07` → `KS 2023/07`).
pub fn strip_dnr_label(s: &str) -> &str {
    let t = s.trim();
    for label in DNR_LABELS {
        if let Some(rest) = t.strip_prefix(label)
            && (rest.starts_with([' ', ':']) || rest.is_empty())
        {
            return rest.trim_start_matches([':', ' ']).trim();
        }
    }
    t
}

/// The Dnr of a list as written: "2023/07, 2023/08", "KS 2006/123 och KS 2006/124"; each without
/// its label. (Not `;`: a Dnr line may hold an HTML entity.)
pub fn dnr_list(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in value.split(',') {
        let mut rest = part.trim();
        while !rest.is_empty() {
            let (one, more) = match [" och ", " samt "]
                .iter()
                .filter_map(|s| rest.find(s).map(|i| (i, s.len())))
                .min()
            {
                Some((i, n)) => (&rest[..i], &rest[i + n..]),
                None => (rest, ""),
            };
            let one = strip_dnr_label(one);
            if !one.is_empty() {
                out.push(one.to_string());
            }
            rest = more.trim();
        }
    }
    out
}

/// A word of a Dnr: capitals (a series, `KS`, `D`) or digits, joined by `/`, `-`, `.` or `:`
/// (`2023/07`, `02-820`, `036-101`, `2011/KS`).
fn is_dnr_word(w: &str) -> bool {
    !w.is_empty()
        && w.split(['/', '-', '.', ':']).all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_digit() || c.is_uppercase() && c.is_alphabetic())
        })
}

/// Whether a Dnr as written (label removed) is in a form this tool understands: Dnr words
/// separated by single spaces, with at least two digits (`2023/07`, `KS 2006/123`,
/// `2011/KS 0193 10`, `D 2007/036-101`, `KS 02-820 107`).
pub fn understood(dnr: &str) -> bool {
    let words: Vec<&str> = dnr.split_whitespace().collect();
    !words.is_empty()
        && words.iter().all(|w| is_dnr_word(w))
        && dnr.chars().filter(char::is_ascii_digit).count() >= 2
}

/// The key a case is known by (`model::site::dnr_key`) of a Dnr as written, with or without its
/// label: `Dnr ks 2006 / 123` and `KS 2006/123` are one case.
pub fn dnr_key(dnr: &str) -> String {
    crate::model::site::dnr_key(strip_dnr_label(dnr))
}

/// Whether a line of text looks like a diarienummer line (`Dnr 2023/07`, `Diarienummer: …`).
pub fn looks_like_dnr_line(line: &str) -> bool {
    let t = line.trim().trim_matches(['*', '_']);
    DNR_LABELS.iter().any(|l| {
        t.starts_with(l)
            && t[l.len()..].starts_with([' ', ':'])
            && t.chars().any(|c| c.is_ascii_digit())
    })
}

/// Where a decision line starts its verb: "Styrelsen beslutar att …", "Läns gemensam ledning
/// beslutar:" — a body's name (one to six words, the first capitalized, no digits, not a pronoun)
/// then a verb of [`DECISION_VERBS`] at the start of a block of text. Gives the subject.
pub fn decision_line(block: &str) -> Option<&str> {
    let t = block.trim_start().trim_start_matches(['*', '_']);
    for verb in DECISION_VERBS {
        let Some(at) = find_word(t, verb) else {
            continue;
        };
        let subject = t[..at].trim();
        let words: Vec<&str> = subject.split_whitespace().collect();
        let first = words.first()?;
        let after = t[at + verb.len()..].chars().next();
        if (1..=6).contains(&words.len())
            && first.chars().next().is_some_and(char::is_uppercase)
            && !NOT_A_BODY.contains(&first.to_lowercase().as_str())
            && !subject.contains(|c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | ':' | ';'))
            && after.is_none_or(|c| c == ' ' || c == ':' || c == '\n')
        {
            return Some(subject);
        }
    }
    None
}

/// The character column where a text first reads like a decision ([`READS_LIKE_DECISION`]).
pub fn reads_like_decision(line: &str) -> Option<usize> {
    let lower = line.to_lowercase();
    READS_LIKE_DECISION
        .iter()
        .filter_map(|w| {
            let word = w.trim_end_matches(':');
            // `beslut:` must be followed by its colon; `beslut om …` before it does not count.
            let mut from = 0;
            while let Some(at) = find_word(&lower[from..], word).map(|i| from + i) {
                if !w.ends_with(':') || lower[at + word.len()..].starts_with(':') {
                    return Some(at);
                }
                from = at + word.len();
            }
            None
        })
        .min()
        .map(|at| lower[..at].chars().count())
}
/// Whether a meta line says the paragraph has no decision: `Inget beslut`, `Inget beslut.`,
/// `Inget beslut: informationsärende`. Gives what follows the colon.
pub fn no_decision(line: &str) -> Option<String> {
    let t = line.trim().trim_matches(['*', '_']).trim();
    let head = t.get(..NO_DECISION.len())?;
    if !head.eq_ignore_ascii_case(NO_DECISION) {
        return None;
    }
    let rest = t[NO_DECISION.len()..].trim();
    match rest.strip_prefix(':') {
        Some(why) => Some(why.trim().to_string()),
        None if rest.is_empty() || rest == "." => Some(String::new()),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> Heading {
        heading(s, &[]).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn paragraph_headings_as_printed() {
        let x = h("§ 28 Val av justerare");
        assert_eq!((x.number.as_str(), x.label.as_str()), ("28", "§ 28"));
        let x = h("§74 Budget");
        assert_eq!(
            (x.number.as_str(), x.label.as_str(), x.title.as_str()),
            ("74", "§ 74", "Budget")
        );
        let x = h("§ 31 a Verksamhetsrapport");
        assert_eq!((x.number.as_str(), x.label.as_str()), ("31a", "§ 31 a"));
        assert_eq!(x.title, "Verksamhetsrapport");
        let x = h("§ 12a Ny ersättare");
        assert_eq!((x.number.as_str(), x.label.as_str()), ("12a", "§ 12a"));
        let x = h("KF § 266 Motion om skolmat");
        assert_eq!((x.number.as_str(), x.label.as_str()), ("266", "KF § 266"));
        let x = h("5. Samverkan");
        assert_eq!(
            (x.number.as_str(), x.label.as_str(), x.section_sign),
            ("5", "5.", false)
        );
        // A title that starts with a lower-case word keeps it.
        let x = h("§ 3 a och b");
        assert_eq!((x.number.as_str(), x.title.as_str()), ("3", "a och b"));
        assert!(heading("Övrigt", &[]).is_none());
        assert!(heading("§ Titel", &[]).is_none());
    }

    #[test]
    fn unnumbered_items() {
        let x = h("Parentation");
        assert!(x.unnumbered);
        assert_eq!((x.number.as_str(), x.label.as_str()), ("parentation", ""));
        let x = h("Information om budgetläget");
        assert_eq!(x.number, "information-om-budgetlaget");
        assert!(heading("Informationsteknik", &[]).is_none());
        let local = vec!["övrigt".to_string()];
        assert!(heading("Övrigt", &local).unwrap().unnumbered);
    }

    #[test]
    fn dnr_on_the_heading_line() {
        let x = h("§ 5 Budget 2024, Dnr KS 2023/45");
        assert_eq!(x.title, "Budget 2024");
        assert_eq!(x.dnr, vec![("KS 2023/45".to_string(), 21)]);
        let x = h("§ 5 Budget 2024 (Dnr 2023/45)");
        assert_eq!(
            (x.title.as_str(), x.dnr[0].0.as_str()),
            ("Budget 2024", "2023/45")
        );
        let x = h("§ 5 Motion (2011/KS 0193 10)");
        assert_eq!(
            (x.title.as_str(), x.dnr[0].0.as_str()),
            ("Motion", "2011/KS 0193 10")
        );
        let x = h("§ 5 Plan (2024-2026)");
        assert_eq!((x.title.as_str(), x.dnr.len()), ("Plan (2024-2026)", 0));
        let x = h("§ 5 Dnr D 2007/036-101 Avtal om hyra");
        assert_eq!(
            (x.title.as_str(), x.dnr[0].0.as_str()),
            ("Avtal om hyra", "D 2007/036-101")
        );
        let x = h("§ 5 Två ärenden Dnr 2023/1 och 2023/2");
        let d: Vec<&str> = x.dnr.iter().map(|d| d.0.as_str()).collect();
        assert_eq!(
            (x.title.as_str(), d),
            ("Två ärenden", vec!["2023/1", "2023/2"])
        );
    }

    #[test]
    fn dnr_forms_and_keys() {
        for ok in [
            "2023/07",
            "KS 2006/123",
            "2011/KS 0193 10",
            "D 2007/036-101",
            "KS 02-820 107",
        ] {
            assert!(understood(ok), "{ok}");
        }
        for bad in ["se bilaga", "2023/07 (ersätter 2022/5)", "§§", "ks 2006/1"] {
            assert!(!understood(bad), "{bad}");
        }
        assert_eq!(dnr_key("Dnr ks  2006 / 123"), "KS 2006/123");
        assert_eq!(dnr_key("2023/07"), "2023/07");
        assert_eq!(
            dnr_list("Dnr KS 2006/123 och KS 2006/124, 2023/07"),
            vec!["KS 2006/123", "KS 2006/124", "2023/07"]
        );
        assert!(looks_like_dnr_line("Diarienummer: 2023/07"));
        assert!(!looks_like_dnr_line("Dnr saknas"));
    }

    #[test]
    fn decision_forms() {
        let k = |s: &str| section_kind(s, &[]);
        assert_eq!(k("Beslut"), Some(SectionKind::Decision));
        assert_eq!(k("Styrelsens beslut"), Some(SectionKind::Decision));
        assert_eq!(k("Kommunfullmäktiges beslut:"), Some(SectionKind::Decision));
        assert_eq!(
            k("Läns gemensam lednings beslut"),
            Some(SectionKind::Decision)
        );
        assert_eq!(k("Förslag till beslut"), Some(SectionKind::Proposal));
        assert_eq!(k("Tidigare beslut"), None);
        assert_eq!(
            section_kind("Ställningstagande", &["ställningstagande".into()]),
            Some(SectionKind::Decision)
        );
        let line = |s: &str| section_line(s, &[]);
        assert_eq!(line("**Beslut:**").unwrap().1, "Beslut");
        assert_eq!(line("**Beslut**").unwrap().1, "Beslut");
        assert_eq!(line("Beslut").unwrap().0, SectionKind::Decision);
        let (k, h, r) = line("**Beslut:** Styrelsen beslutar att godkänna.").unwrap();
        assert_eq!(
            (k, h.as_str(), r.as_str()),
            (
                SectionKind::Decision,
                "Beslut",
                "Styrelsen beslutar att godkänna."
            )
        );
        let (_, h, r) = line("Beslutet skickas till: Ekonomienheten, Revisorerna").unwrap();
        assert_eq!(
            (h.as_str(), r.as_str()),
            ("Beslutet skickas till", "Ekonomienheten, Revisorerna")
        );
        assert!(line("Kommentar: ingen").is_none());
        assert!(line("- Beslut").is_none());
    }

    #[test]
    fn decision_lines_and_text_that_reads_like_one() {
        assert_eq!(
            decision_line("Styrelsen beslutar att godkänna dagordningen."),
            Some("Styrelsen")
        );
        assert_eq!(
            decision_line("Läns gemensam ledning beslutar att anta"),
            Some("Läns gemensam ledning")
        );
        assert_eq!(decision_line("Hon beslutar att gå."), None);
        assert_eq!(decision_line("Den 3 maj beslutar styrelsen"), None);
        assert_eq!(decision_line("Styrelsen beslutade att ge uppdraget"), None);
        assert_eq!(reads_like_decision("I maj beslutade styrelsen att …"), None);
        assert_eq!(reads_like_decision("Nämnden beslutade att avslå."), Some(8));
        assert_eq!(
            reads_like_decision("Ordföranden. Beslut: godkänt"),
            Some(13)
        );
        assert_eq!(no_decision("Inget beslut"), Some(String::new()));
        assert_eq!(
            no_decision("Inget beslut: informationsärende"),
            Some("informationsärende".into())
        );
        assert_eq!(no_decision("Inget beslut fattades"), None);
    }

    #[test]
    fn vote_words() {
        assert_eq!(choice("Ja"), Some(Choice::Yes));
        assert_eq!(choice("**Nej-röster:**"), Some(Choice::No));
        assert_eq!(choice("Avstår"), Some(Choice::Abstain));
        assert_eq!(choice("Ej närvarande"), Some(Choice::Absent));
        assert_eq!(counted_choice(" ja-röster mot"), Some(Choice::Yes));
        assert_eq!(counted_choice(" ledamöter avstår"), Some(Choice::Abstain));
        assert_eq!(counted_choice(" nej."), Some(Choice::No));
        assert_eq!(counted_choice(" kronor"), None);
        let t = "Anna Berg (M) och Per Ek (M) reserverar sig mot beslutet.";
        assert_eq!(
            &t[..statement_verb(t, Said::Reservation).unwrap()],
            "Anna Berg (M) och Per Ek (M) "
        );
        assert_eq!(statement_verb(t, Said::Note), None);
    }
}
