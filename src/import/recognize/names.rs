//! Names as the papers print them in lists: one per line, or run together in one cell of a header
//! table ("Andreas Erlandsson (S), ordförande Anders Johansson (C) …", "Jessica Leksell Lennart
//! Saxberg §33"), with their functions in a column of their own beside them ("ordf styrelsen
//! förbundschef …"), a party written after a comma ("Folke Pleijert, KD"). Each entry comes out in
//! the format's form, `Name (P), function §33`, which `vocabulary::attendance::read_entry` reads.

use super::given::Given;

/// Whether `code` is a party code the papers print after a name.
pub fn is_party(code: &str) -> bool {
    let c = code.trim();
    !c.is_empty() && crate::model::parties::party_name(c) != c
}

/// An entry in the format's form: single spaces, `Name (P), function` (a party printed after a
/// comma, or after the function, moved next to the name), no trailing punctuation.
pub fn normalize(entry: &str) -> String {
    let mut s = entry.split_whitespace().collect::<Vec<_>>().join(" ");
    while s.ends_with([',', ';']) {
        s.pop();
    }
    let Some(comma) = s.find(',') else {
        return s;
    };
    let (name, rest) = (s[..comma].trim(), s[comma + 1..].trim());
    if name.contains('(') {
        return s;
    }
    // "Folke Pleijert, KD", "Åke Bergh, (M)".
    let bare = rest.trim_start_matches('(').trim_end_matches(')');
    if is_party(bare) && !bare.contains(' ') {
        return format!("{name} ({bare})");
    }
    // "Niklas Gustafsson, Oppositionsråd (M)".
    if let Some(open) = rest.rfind('(')
        && rest.ends_with(')')
        && is_party(&rest[open + 1..rest.len() - 1])
    {
        let function = rest[..open].trim().trim_end_matches(',').trim();
        let party = &rest[open + 1..rest.len() - 1];
        return if function.is_empty() {
            format!("{name} ({party})")
        } else {
            format!("{name} ({party}), {function}")
        };
    }
    s
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A word starting with a capital letter (a name, or a function such as "Region Kalmar län").
    Cap(String),
    /// `(S)`.
    Party(String),
    /// A lower-case word, or a parenthesis that is not a party: part of a function.
    Lower(String),
    /// `§33`, `§`, a number, `fr.o.m.`: partial attendance.
    Qual(String),
}

fn tokens(text: &str) -> Vec<(Tok, bool)> {
    text.split_whitespace()
        .map(|w| {
            let comma = w.ends_with(',');
            let bare = w.trim_end_matches(',');
            let tok = if bare.starts_with('(')
                && bare.ends_with(')')
                && is_party(&bare[1..bare.len() - 1])
            {
                Tok::Party(bare[1..bare.len() - 1].to_string())
            } else if bare.starts_with('§')
                || bare.starts_with(|c: char| c.is_ascii_digit())
                || ["fr.o.m.", "t.o.m.", "from", "tom", "ej"].contains(&bare)
            {
                Tok::Qual(bare.to_string())
            } else if bare.chars().next().is_some_and(char::is_uppercase) {
                Tok::Cap(bare.to_string())
            } else {
                Tok::Lower(bare.to_string())
            };
            (tok, comma)
        })
        .collect()
}

/// An entry of a list read out of a run of words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The entry, normalized.
    pub entry: String,
    /// True when the cut between this name and the next was a guess (names of unknown first
    /// names run together).
    pub guessed: bool,
}

/// Cuts a cell in which several entries were run together into the entries: a name ends at its
/// party, at a comma followed by its function, at its partial attendance, or (within a run of
/// capitalized words) where a known given name starts.
pub fn split_joined(text: &str, given: &Given) -> Vec<Split> {
    let toks = tokens(text);
    let mut out: Vec<Split> = Vec::new();
    let mut name: Vec<String> = Vec::new();
    let mut party: Option<String> = None;
    let mut tail: Vec<String> = Vec::new();
    let mut comma = false;
    let close = |name: &mut Vec<String>,
                 party: &mut Option<String>,
                 tail: &mut Vec<String>,
                 out: &mut Vec<Split>| {
        if name.is_empty() {
            if !tail.is_empty()
                && let Some(last) = out.last_mut()
            {
                // A word without a name of its own belongs to the entry before.
                last.entry = normalize(&format!("{} {}", last.entry, tail.join(" ")));
            }
            tail.clear();
            return;
        }
        let runs = cut_run(name, given);
        let n = runs.len();
        for (i, (run, guessed)) in runs.into_iter().enumerate() {
            let mut e = run.join(" ");
            if i + 1 == n {
                if let Some(p) = party.take() {
                    e.push_str(&format!(" ({p})"));
                }
                if !tail.is_empty() {
                    let joined = tail.join(" ");
                    let qualifier = joined.starts_with('§') || joined.starts_with("fr.o.m.");
                    e.push_str(if qualifier { " " } else { ", " });
                    e.push_str(&joined);
                }
            }
            out.push(Split {
                entry: normalize(&e),
                guessed,
            });
        }
        name.clear();
        tail.clear();
        *party = None;
    };
    let mut i = 0;
    while i < toks.len() {
        let (tok, c) = &toks[i];
        match tok {
            Tok::Cap(w) => {
                let started = party.is_some() || !tail.is_empty() || comma;
                if name.is_empty() || !started {
                    name.push(w.clone());
                } else if comma && function_run(&toks[i..]) {
                    // "Sofia Hartz, Region Kalmar län": capitals that run into a lower-case word.
                    tail.push(w.clone());
                } else {
                    close(&mut name, &mut party, &mut tail, &mut out);
                    comma = false;
                    name.push(w.clone());
                }
            }
            Tok::Party(p) if party.is_none() && tail.is_empty() && !name.is_empty() => {
                party = Some(p.clone());
            }
            Tok::Party(p) => tail.push(format!("({p})")),
            Tok::Lower(w) | Tok::Qual(w) => tail.push(w.clone()),
        }
        if *c {
            comma = true;
        }
        i += 1;
    }
    close(&mut name, &mut party, &mut tail, &mut out);
    out
}

/// Whether the capitalized words at the start of `toks` run into a lower-case word without a
/// comma, a party or a qualifier between: a function ("Region Kalmar län"), not a new name.
fn function_run(toks: &[(Tok, bool)]) -> bool {
    for (t, comma) in toks {
        match t {
            Tok::Cap(_) if !comma => continue,
            Tok::Lower(_) => return true,
            _ => return false,
        }
    }
    false
}

/// Cuts a run of capitalized words into names: where a known given name starts (each name two
/// or three words), else in twos. A run of up to three words is one name ("Henrik Nilsson
/// Bokor"). Each name says whether its cut was a guess.
fn cut_run(words: &[String], given: &Given) -> Vec<(Vec<String>, bool)> {
    if words.len() <= 3 {
        return vec![(words.to_vec(), false)];
    }
    let initial = |w: &str| w.trim_end_matches('.').chars().count() == 1;
    let mut cuts = vec![0];
    for i in 2..words.len() {
        let last = *cuts.last().unwrap();
        if i - last >= 2 && words.len() - i >= 2 && given.is_given(&words[i]) && !initial(&words[i])
        {
            cuts.push(i);
        }
    }
    cuts.push(words.len());
    let sizes_ok = cuts.windows(2).all(|w| (2..=3).contains(&(w[1] - w[0])));
    if sizes_ok && cuts.len() > 2 {
        return cuts
            .windows(2)
            .map(|w| (words[w[0]..w[1]].to_vec(), false))
            .collect();
    }
    // No first names to go by: pairs, the last name three words when the count is odd.
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let take = if words.len() - i == 3 { 3 } else { 2 };
        let end = (i + take).min(words.len());
        out.push((words[i..end].to_vec(), true));
        i = end;
    }
    out
}

/// Splits a line naming several people ("Åke Gustavsson (S) och Roger Holmberg (S)", "Anna Ek,
/// Bo Ek") into the entries.
pub fn split_list(text: &str, given: &Given) -> Vec<Split> {
    let mut out = Vec::new();
    for part in text.split([';', '\n']) {
        for piece in split_words(part, &[" och ", " samt ", " & "]) {
            out.extend(split_joined(piece, given));
        }
    }
    out
}

fn split_words<'a>(text: &'a str, seps: &[&str]) -> Vec<&'a str> {
    let mut out = vec![text];
    for sep in seps {
        out = out.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    out.into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The words of a functions column run together ("ordf styrelsen förbundschef ekonom …") cut
/// into `n` functions: a word joins the one before when it is a definite form ("styrelsen"), a
/// preposition or what one governs, or follows an abbreviation ("ordf", "vice"). None when the
/// words cannot make `n` functions.
pub fn functions(text: &str, n: usize) -> Option<Vec<String>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if n == 0 || words.len() < n {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    let mut extra = words.len() - n;
    for (i, w) in words.iter().enumerate() {
        let joins = i > 0 && extra > 0 && {
            let prev = words[i - 1].to_lowercase();
            let lw = w.to_lowercase();
            const PREP: &[&str] = &["för", "i", "vid", "på", "av", "och"];
            const ABBR: &[&str] = &["ordf", "ordf.", "vice", "v.", "1:e", "2:e", "tf", "tf."];
            ABBR.contains(&prev.as_str())
                || PREP.contains(&prev.as_str())
                || PREP.contains(&lw.as_str())
                || ["en", "et", "na", "ns"].iter().any(|s| lw.ends_with(s)) && lw.len() > 5
        };
        if joins {
            let last = out.last_mut().unwrap();
            last.push(' ');
            last.push_str(w);
            extra -= 1;
        } else {
            out.push(w.to_string());
        }
    }
    (out.len() == n).then_some(out)
}

/// Pairs each name with the function printed beside it (`Cecilia Frid` + `förbundschef` →
/// `Cecilia Frid, förbundschef`).
pub fn with_functions(names: &[String], functions: &[String]) -> Vec<String> {
    names
        .iter()
        .zip(functions)
        .map(|(n, f)| {
            let f = f.trim();
            if f.is_empty() {
                n.clone()
            } else {
                normalize(&format!("{n}, {f}"))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(s: &str) -> Vec<String> {
        split_joined(s, &Given::default())
            .into_iter()
            .map(|s| s.entry)
            .collect()
    }

    #[test]
    fn entries_take_the_format_form() {
        assert_eq!(normalize("Folke Pleijert, KD"), "Folke Pleijert (KD)");
        assert_eq!(normalize("Åke Bergh, (M)"), "Åke Bergh (M)");
        assert_eq!(
            normalize("Niklas Gustafsson, Oppositionsråd (M)"),
            "Niklas Gustafsson (M), Oppositionsråd"
        );
        assert_eq!(
            normalize("Andreas  Erlandsson (S), ordförande,"),
            "Andreas Erlandsson (S), ordförande"
        );
        assert_eq!(
            normalize("Cecilia Frid, förbundschef"),
            "Cecilia Frid, förbundschef"
        );
    }

    #[test]
    fn names_run_together_with_parties_and_roles() {
        assert_eq!(
            entries(
                "Andreas Erlandsson (S), ordförande Anders Johansson (C), vice \
                    ordförande Ilko Corkovic (S) Henrik Nilsson Bokor (S)"
            ),
            [
                "Andreas Erlandsson (S), ordförande",
                "Anders Johansson (C), vice ordförande",
                "Ilko Corkovic (S)",
                "Henrik Nilsson Bokor (S)"
            ]
        );
    }

    #[test]
    fn names_run_together_without_parties() {
        assert_eq!(
            entries(
                "Cecilia Frid, förbundschef Ulrika Ericsson, sekreterare Jessica \
                    Leksell Lennart Saxberg §33 Matilda Tonentschuk §33"
            ),
            [
                "Cecilia Frid, förbundschef",
                "Ulrika Ericsson, sekreterare",
                "Jessica Leksell",
                "Lennart Saxberg §33",
                "Matilda Tonentschuk §33"
            ]
        );
        let s = split_joined(
            "Anna Hasselbom Trofast Cecilia Frid Caroline Kamnert",
            &Given::default(),
        );
        let e: Vec<&str> = s.iter().map(|s| s.entry.as_str()).collect();
        assert_eq!(
            e,
            ["Anna Hasselbom Trofast", "Cecilia Frid", "Caroline Kamnert"]
        );
        assert!(s.iter().all(|s| !s.guessed));
        // Unknown first names: cut in twos, and said to be a guess.
        let s = split_joined("Xa Yb Zc Wd", &Given::default());
        assert_eq!(s.len(), 2);
        assert!(s[0].guessed);
    }

    #[test]
    fn a_capitalized_function_after_a_comma() {
        assert_eq!(
            entries("Sofia Hartz, Region Kalmar län Anna Soltorp, Region Kalmar län"),
            [
                "Sofia Hartz, Region Kalmar län",
                "Anna Soltorp, Region Kalmar län"
            ]
        );
    }

    #[test]
    fn lists_and_function_columns() {
        let l: Vec<String> = split_list(
            "Åke Gustavsson (S) och Roger Holmberg (S)",
            &Given::default(),
        )
        .into_iter()
        .map(|s| s.entry)
        .collect();
        assert_eq!(l, ["Åke Gustavsson (S)", "Roger Holmberg (S)"]);
        assert_eq!(
            functions(
                "ordf styrelsen förbundschef ekonom förbundssekreterare verksamhetschef revisor",
                6
            )
            .unwrap(),
            [
                "ordf styrelsen",
                "förbundschef",
                "ekonom",
                "förbundssekreterare",
                "verksamhetschef",
                "revisor"
            ]
        );
        assert_eq!(functions("ekonom revisor", 3), None);
        assert_eq!(
            with_functions(&["Cecilia Frid".into()], &["förbundschef".into()]),
            ["Cecilia Frid, förbundschef"]
        );
    }
}
