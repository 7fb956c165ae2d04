//! Partial attendance as minutes print it after a name: paragraphs (`§ 84–89`, `fr.o.m. § 16`,
//! `t.o.m. § 18`, `ej § 91–97`), hours (`kl 10.30–12.00`) and days (`3 november`, `3/11`). A small
//! reader over the text with byte ranges, so that a diagnostic can point inside a name's string.

use crate::model::date::{Date, Time};
use std::ops::Range;

/// Paragraphs as printed: `12`, `12–14`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberSpan {
    /// The first number, as the URL writes it ("12", "12a").
    pub first: String,
    /// The last (the first again for a single number).
    pub last: String,
}

/// A day as printed after a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayMark {
    /// `2011-11-03`.
    Date(Date),
    /// `3 november`, `3/11`: day and month.
    DayMonth(u8, u8),
}

/// What a name was there for, as printed after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Qualifier {
    /// `§ 84–89`, `§§ 3, 5–7`, `närvarande § 12`: only these.
    Only(Vec<NumberSpan>),
    /// `fr.o.m. § 16`.
    From(String),
    /// `t.o.m. § 18`.
    To(String),
    /// `ej § 91–97`, `utom § 3`.
    Except(Vec<NumberSpan>),
    /// `kl 10.30–12.00`, `fr.o.m. kl 13`, `t.o.m. kl 12.00`.
    Time(Option<Time>, Option<Time>),
    /// `3 november`, `den 3/11`, `2011-11-03`.
    Day(DayMark),
}

/// Whether a word can start at byte `i`: at the start or after a space, comma or parenthesis.
pub(super) fn boundary_before(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_none_or(|c| c == ' ' || c == ',' || c == '(' || c == '\t')
}

/// The bytes `s` starts with when they are `word` (case aside) followed by a word boundary.
pub(super) fn word_at(s: &str, word: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    for w in word.chars() {
        let (_, c) = chars.next()?;
        if !c.to_lowercase().eq(w.to_lowercase()) {
            return None;
        }
    }
    let end = chars.next().map_or(s.len(), |(i, _)| i);
    let last = word.chars().next_back()?;
    let next = s[end..].chars().next();
    // A word ending in a letter or digit must not run on into another.
    let ok = !last.is_alphanumeric() || next.is_none_or(|c| !c.is_alphanumeric());
    ok.then_some(end)
}

/// Where the qualifiers of `r` start (its end when there are none) and the qualifiers: the
/// earliest word after the first from which the rest reads wholly as qualifiers.
pub(super) fn qualifiers_in(
    text: &str,
    r: Range<usize>,
) -> (usize, Vec<(Range<usize>, Qualifier)>) {
    let t = &text[r.clone()];
    let first_word = t
        .trim_start()
        .find([' ', ','])
        .map_or(t.len(), |i| i + (t.len() - t.trim_start().len()));
    for (i, _) in t.char_indices().filter(|&(i, _)| i > first_word) {
        if !boundary_before(t, i) || t[i..].starts_with([' ', ',']) {
            continue;
        }
        if let Some(q) = read_qualifiers(text, r.start + i..r.end) {
            return (r.start + i, q);
        }
    }
    (r.end, Vec::new())
}

const FROM: &[&str] = &[
    "från och med",
    "fr. o. m.",
    "fr.o.m.",
    "fr.o.m",
    "fr o m",
    "f.o.m.",
    "fr.om.",
    "from",
    "från",
];
const TO: &[&str] = &[
    "till och med",
    "t. o. m.",
    "t.o.m.",
    "t.o.m",
    "t o m",
    "tom",
    "till",
];
const EXCEPT: &[&str] = &[
    "ej närvarande vid",
    "ej närvarande",
    "ej deltagande i",
    "ej deltagande vid",
    "ej vid",
    "ej",
    "utom",
    "frånvarande vid",
    "frånvarande",
];
const ONLY: &[&str] = &[
    "närvarande vid",
    "närvarande",
    "endast",
    "deltog i",
    "deltog vid",
    "deltar i",
];
const CLOCK: &[&str] = &["klockan", "kl.", "kl"];
const MONTHS: &[(&str, u8)] = &[
    ("januari", 1),
    ("jan", 1),
    ("februari", 2),
    ("feb", 2),
    ("mars", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("maj", 5),
    ("juni", 6),
    ("jun", 6),
    ("juli", 7),
    ("jul", 7),
    ("augusti", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("okt", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// A cursor over the text of qualifiers.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    end: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        &self.text[self.pos..self.end]
    }

    fn spaces(&mut self) {
        let r = self.rest();
        self.pos += r.len() - r.trim_start().len();
    }

    /// One of `words`, case aside, at a word boundary.
    fn word(&mut self, words: &[&str]) -> bool {
        self.spaces();
        for w in words {
            if let Some(n) = word_at(self.rest(), w) {
                self.pos += n;
                return true;
            }
        }
        false
    }

    fn digits(&mut self, max: usize) -> Option<u32> {
        let r = self.rest();
        let n = r.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || n > max {
            return None;
        }
        let v = r[..n].parse().ok()?;
        self.pos += n;
        Some(v)
    }

    fn dash(&mut self) -> bool {
        let save = self.pos;
        self.spaces();
        for d in ['-', '–', '—'] {
            if self.rest().starts_with(d) {
                self.pos += d.len_utf8();
                return true;
            }
        }
        self.pos = save;
        false
    }

    /// A paragraph number: digits, and a letter written onto them ("12a").
    fn number(&mut self) -> Option<String> {
        let save = self.pos;
        self.spaces();
        let Some(n) = self.digits(4) else {
            self.pos = save;
            return None;
        };
        let mut s = n.to_string();
        let mut chars = self.rest().chars();
        if let Some(c) = chars.next()
            && c.is_alphabetic()
            && chars.next().is_none_or(|x| !x.is_alphanumeric())
        {
            s.extend(c.to_lowercase());
            self.pos += c.len_utf8();
        }
        Some(s)
    }

    /// `§ 12`, `§§ 12–14, 16`: the sign, then numbers and ranges.
    fn paragraphs(&mut self) -> Option<Vec<NumberSpan>> {
        let save = self.pos;
        self.spaces();
        if !self.rest().starts_with('§') {
            self.pos = save;
            return None;
        }
        while self.rest().starts_with('§') {
            self.pos += '§'.len_utf8();
        }
        let mut out = Vec::new();
        loop {
            let first = self.number()?;
            let save = self.pos;
            let last = if self.dash() {
                self.spaces();
                if self.rest().starts_with('§') {
                    self.pos += '§'.len_utf8();
                }
                match self.number() {
                    Some(l) => l,
                    None => {
                        self.pos = save;
                        first.clone()
                    }
                }
            } else {
                first.clone()
            };
            out.push(NumberSpan { first, last });
            // More numbers after a comma or "och", but not the next qualifier.
            let save = self.pos;
            self.spaces();
            let more = if self.rest().starts_with([',', '&']) {
                self.pos += 1;
                true
            } else {
                self.word(&["och", "samt"])
            };
            if !more || {
                let at = self.pos;
                let n = self.number().is_some();
                self.pos = at;
                !n
            } {
                self.pos = save;
                return Some(out);
            }
        }
    }

    /// `10.30`, `10:30`, `10`.
    fn time(&mut self) -> Option<Time> {
        let save = self.pos;
        self.spaces();
        let Some(h) = self.digits(2) else {
            self.pos = save;
            return None;
        };
        let mut m = 0;
        if self.rest().starts_with(['.', ':'])
            && self.rest()[1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count()
                == 2
        {
            self.pos += 1;
            m = self.digits(2)?;
        }
        match Time::parse(&format!("{h:02}:{m:02}")) {
            Ok(t) => Some(t),
            Err(_) => {
                self.pos = save;
                None
            }
        }
    }

    /// `kl 10.30–12.00`.
    fn clock(&mut self) -> Option<Qualifier> {
        let save = self.pos;
        if !self.word(CLOCK) {
            return None;
        }
        let Some(from) = self.time() else {
            self.pos = save;
            return None;
        };
        let at = self.pos;
        if self.dash() {
            self.word(CLOCK);
            if let Some(to) = self.time() {
                return Some(Qualifier::Time(Some(from), Some(to)));
            }
        }
        self.pos = at;
        Some(Qualifier::Time(Some(from), None))
    }

    /// `2011-11-03`, `3/11`, `3 november`, with `den` before it.
    fn day(&mut self) -> Option<DayMark> {
        let save = self.pos;
        self.word(&["den"]);
        self.spaces();
        let r = self.rest();
        if r.len() >= 10
            && let Some(iso) = r.get(..10)
            && let Ok(d) = Date::parse(iso)
            && r[10..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        {
            self.pos += 10;
            return Some(DayMark::Date(d));
        }
        let Some(day) = self.digits(2).filter(|d| (1..=31).contains(d)) else {
            self.pos = save;
            return None;
        };
        if self.rest().starts_with('/') {
            self.pos += 1;
            if let Some(month) = self.digits(2).filter(|m| (1..=12).contains(m))
                && !self.rest().starts_with('/')
            {
                return Some(DayMark::DayMonth(day as u8, month as u8));
            }
            self.pos = save;
            return None;
        }
        self.spaces();
        for (name, month) in MONTHS {
            if let Some(n) = word_at(self.rest(), name) {
                self.pos += n;
                if self.rest().starts_with('.') {
                    self.pos += 1;
                }
                // A year after it belongs to the day.
                let at = self.pos;
                self.spaces();
                if self.digits(4).is_none() {
                    self.pos = at;
                }
                return Some(DayMark::DayMonth(day as u8, *month));
            }
        }
        self.pos = save;
        None
    }

    /// One qualifier, or None when the text here is not one.
    fn qualifier(&mut self) -> Option<Qualifier> {
        let save = self.pos;
        if self.word(EXCEPT) {
            if let Some(p) = self.paragraphs() {
                return Some(Qualifier::Except(p));
            }
            self.pos = save;
            return None;
        }
        if self.word(FROM) {
            if let Some(mut p) = self.paragraphs() {
                return Some(Qualifier::From(p.remove(0).first));
            }
            if let Some(Qualifier::Time(from, _)) = self.clock() {
                return Some(Qualifier::Time(from, None));
            }
            self.pos = save;
            return None;
        }
        if self.word(TO) {
            if let Some(p) = self.paragraphs() {
                let last = p.last().map(|x| x.last.clone())?;
                return Some(Qualifier::To(last));
            }
            if let Some(Qualifier::Time(t, _)) = self.clock() {
                return Some(Qualifier::Time(None, t));
            }
            self.pos = save;
            return None;
        }
        self.word(ONLY);
        if let Some(p) = self.paragraphs() {
            return Some(Qualifier::Only(p));
        }
        if let Some(t) = self.clock() {
            return Some(t);
        }
        if let Some(d) = self.day() {
            return Some(Qualifier::Day(d));
        }
        self.pos = save;
        None
    }
}

/// The month a Swedish month name or its abbreviation is (case and a trailing `.` aside):
/// "april" → 4, "sept." → 9.
pub fn month(word: &str) -> Option<u8> {
    let w = word.trim().trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(name, _)| *name == w).map(|x| x.1)
}

/// The first clock time printed in `text` after `kl`, `kl.` or `klockan`, with the time it runs
/// to when printed as a span (`kl. 09.00-10.30`, `klockan 14.00–15.00`, `kl 13`): where it stands,
/// its start and its end.
pub fn clock_in(text: &str) -> Option<(Range<usize>, Time, Option<Time>)> {
    for (i, _) in text.char_indices() {
        if !boundary_before(text, i) || text[i..].starts_with(' ') {
            continue;
        }
        let mut c = Cursor {
            text,
            pos: i,
            end: text.len(),
        };
        if let Some(Qualifier::Time(Some(from), to)) = c.clock() {
            return Some((i..c.pos, from, to));
        }
    }
    None
}

/// Reads `r` wholly as qualifiers (in parentheses or not, separated by spaces, commas or
/// "och"), each with its range; None when any part of it is not one.
pub(super) fn read_qualifiers(
    text: &str,
    r: Range<usize>,
) -> Option<Vec<(Range<usize>, Qualifier)>> {
    let inner = text[r.clone()].trim_end().trim_end_matches('.');
    let mut end = r.start + inner.len();
    let mut start = r.start;
    if inner.starts_with('(') {
        if !inner.ends_with(')') {
            return None;
        }
        start += 1;
        end -= 1;
    }
    let mut c = Cursor {
        text,
        pos: start,
        end,
    };
    let mut out = Vec::new();
    loop {
        c.spaces();
        while c.rest().starts_with([',', ';']) {
            c.pos += 1;
            c.spaces();
        }
        if out.is_empty() || !c.word(&["och", "samt"]) {
            c.spaces();
        }
        if c.rest().is_empty() {
            return (!out.is_empty()).then_some(out);
        }
        let at = c.pos;
        let q = c.qualifier()?;
        out.push((at..c.pos, q));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_clock_times_in_running_text() {
        assert_eq!(month("April"), Some(4));
        assert_eq!(month("sept."), Some(9));
        assert_eq!(month("aprilis"), None);
        let t = "Digitalt via Teams Torsdagen den 12 september 2024, kl. 09.00-10.30";
        let (r, from, to) = clock_in(t).unwrap();
        assert_eq!(&t[r], "kl. 09.00-10.30");
        assert_eq!(
            (from, to),
            (Time::parse("09:00").unwrap(), Time::parse("10:30").ok())
        );
        let (_, from, to) = clock_in("Torsdag 13 juni 2024 klockan 14.00").unwrap();
        assert_eq!((from, to), (Time::parse("14:00").unwrap(), None));
        assert!(clock_in("Inga tider här, klart.").is_none());
    }
}
