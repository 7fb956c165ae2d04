//! The did-you-mean of an unknown name: a hint only where the name is a plausible spelling of the
//! same person (the same words up to the usual Swedish variants, Gustafsson/Gustavsson,
//! Blomqvist/Blomquist, Eva/Ewa, Jakob/Jacob, Fridh/Frid; the same words in another order; one
//! letter off in a long first or family name). A name merely like another politician's
//! (Jonas Löhnn, Jonas Lövgren) gets no hint, since accepting one would merge two people's records:
//! the hint says the name is not in the register and points at `protokoll register --unknown`.

use crate::model::names::name_key;

/// What to tell the publisher about an unknown `name`, given every registered spelling.
pub fn hint(name: &str, spellings: &[String]) -> String {
    match same_person(name, spellings.iter().map(String::as_str)) {
        Some(s) => format!("did you mean \"{s}\"?"),
        None => NOT_REGISTERED.to_string(),
    }
}

/// The hint for a name that is no plausible spelling of anyone registered.
pub const NOT_REGISTERED: &str = "not in the register: add the person (or this spelling as an \
alias of the person it names) to content/register/; `protokoll register --unknown` writes entries \
for every unknown name, ready to review";

/// The spelling among `spellings` that `name` plausibly writes for the same person (the closest,
/// the first of equals), if any.
pub fn same_person<'a>(name: &str, spellings: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let q = Words::of(name);
    if q.keys.is_empty() {
        return None;
    }
    let mut best: Option<((usize, usize), &str)> = None;
    for s in spellings {
        let c = Words::of(s);
        // Among spellings as plausible, the one nearest as written (Gustafson: Gustafsson).
        let Some(cost) = plausible(&q, &c).map(|k| {
            (
                k,
                strsim::levenshtein(&q.plain.join(" "), &c.plain.join(" ")),
            )
        }) else {
            continue;
        };
        if best.is_none_or(|(b, _)| cost < b) {
            best = Some((cost, s));
        }
    }
    best.map(|x| x.1)
}

/// A name's words: as written (NFC, lower case) and as variant keys.
struct Words {
    plain: Vec<String>,
    keys: Vec<String>,
}

impl Words {
    fn of(name: &str) -> Words {
        let plain: Vec<String> = name_key(name)
            .split([' ', '.'])
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let keys = plain.iter().map(|w| variant_key(w)).collect();
        Words { plain, keys }
    }
}

/// How plausibly two names are one person: None when not; else a cost (lower is closer).
fn plausible(q: &Words, c: &Words) -> Option<usize> {
    if q.plain == c.plain {
        return Some(0);
    }
    if q.keys == c.keys {
        return Some(1);
    }
    let (mut a, mut b) = (q.keys.clone(), c.keys.clone());
    a.sort();
    b.sort();
    if a == b {
        return Some(2);
    }
    // One word one letter off, the others the same: in a long first name (Andras, Andreas) or
    // family name (Erlandson, Erlandsson), never in a short one (Maria, Marie).
    if q.keys.len() != c.keys.len() {
        return None;
    }
    let mut off = None;
    for (i, (x, y)) in q.keys.iter().zip(&c.keys).enumerate() {
        if x != y {
            if off.is_some() {
                return None;
            }
            off = Some(i);
        }
    }
    let i = off?;
    let (x, y) = (&q.plain[i], &c.plain[i]);
    let short = x.chars().count().min(y.chars().count());
    let last = i + 1 == q.keys.len();
    let long_enough = if last { short >= 8 } else { short >= 6 };
    (long_enough && strsim::levenshtein(x, y) == 1).then_some(3)
}

/// A word as its usual Swedish spelling variants all write it: Gustafsson and Gustavsson,
/// Blomqvist and Blomquist, Ewa and Eva, Christina and Kristina, Fridh and Frid.
fn variant_key(word: &str) -> String {
    let mut w: String = word
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'á' | 'à' | 'â' => 'a',
            'ü' | 'ú' => 'u',
            'í' | 'ï' => 'i',
            'ó' | 'ô' => 'o',
            'ø' => 'ö',
            'æ' => 'ä',
            c => c,
        })
        .collect();
    for (from, to) in [
        ("ph", "f"),
        ("qu", "kv"),
        ("qv", "kv"),
        ("ck", "k"),
        ("ch", "k"),
        ("th", "t"),
        ("dh", "d"),
        ("gh", "g"),
        ("dt", "t"),
        ("x", "ks"),
        ("ce", "se"),
        ("ci", "si"),
    ] {
        w = w.replace(from, to);
    }
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        let c = match c {
            'w' => 'v',
            'z' => 's',
            'q' | 'c' => 'k',
            'f' => 'v',
            c => c,
        };
        // Doubled letters are one: Gustafsson, Gustafson; Leksell, Leksel.
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hinted(name: &str, register: &[&str]) -> Option<String> {
        same_person(name, register.iter().copied()).map(str::to_string)
    }

    #[test]
    fn spellings_of_one_person_get_a_hint() {
        let reg = [
            "Åke Gustavsson",
            "Owe Blomqvist",
            "Eva Klase",
            "Andreas Erlandsson",
            "Cecilia Frid",
            "Christina Davidsson",
            "Jakob Käll",
            "Margit Johansson Lindholm",
        ];
        for (q, want) in [
            ("Åke Gustafson", "Åke Gustavsson"),
            ("Åke Gustafsson", "Åke Gustavsson"),
            ("ÅKE GUSTAVSON", "Åke Gustavsson"),
            ("OVE BLOMQUIST", "Owe Blomqvist"),
            ("Ewa Klase", "Eva Klase"),
            ("Andras Erlandsson", "Andreas Erlandsson"),
            ("Cecilia Fridh", "Cecilia Frid"),
            ("Kristina Davidson", "Christina Davidsson"),
            ("Jacob Käll", "Jakob Käll"),
            ("Margit Lindholm Johansson", "Margit Johansson Lindholm"),
        ] {
            assert_eq!(hinted(q, &reg).as_deref(), Some(want), "{q}");
        }
    }

    #[test]
    fn another_politician_gets_no_hint() {
        let reg = [
            "Jonas Lövgren",
            "Anders Henriksson",
            "Maria Nilsson",
            "Helen Nilsson",
        ];
        for q in [
            "Jonas Löhnn",
            "Anders Andersson",
            "Marie Nilsson",
            "Anette Nilsson",
            "Helene Nilsson",
            "Henrik Nilsson",
        ] {
            assert_eq!(hinted(q, &reg), None, "{q}");
        }
    }
}
