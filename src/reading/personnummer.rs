//! The personnummer guard: finds Swedish personal identity numbers and samordningsnummer anywhere
//! in a content file (10 or 12 digits, with or without `-`/`+`, a real date, a valid Luhn check
//! digit), so the build stops before one is published. Organisation numbers (month field ≥ 20)
//! never match.

use crate::reading::diagnostic::Diagnostic;
use std::path::Path;

/// The comment text that allows the personnummer on its line.
pub const MARKER: &str = "personnummer tillåtet";

/// What kind of number was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A personnummer: the day field is the day of birth.
    Personnummer,
    /// A samordningsnummer: the day field is the day of birth + 60.
    Samordningsnummer,
}

/// One number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte offset of its first digit.
    pub offset: usize,
    /// Its length in bytes, separator included.
    pub len: usize,
    /// Personnummer or samordningsnummer.
    pub kind: Kind,
}

/// Every personnummer and samordningsnummer in `text`, in order.
///
/// A candidate is a run of 10 or 12 digits, or 6 or 8 digits, `-` or `+`, and 4 digits, with no
/// digit directly before or after it.
pub fn find(text: &str) -> Vec<Found> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let run = digits_at(b, i);
        let end = i + run;
        let candidate = match run {
            10 | 12 => Some((i, end, None)),
            6 | 8 if matches!(b.get(end), Some(b'-' | b'+')) && digits_at(b, end + 1) == 4 => {
                Some((i, end + 5, Some(b[end])))
            }
            _ => None,
        };
        if let Some((start, stop, sep)) = candidate {
            let digits: Vec<u8> = b[start..stop]
                .iter()
                .filter(|c| c.is_ascii_digit())
                .map(|c| c - b'0')
                .collect();
            if let Some(kind) = classify(&digits, sep == Some(b'+')) {
                out.push(Found {
                    offset: start,
                    len: stop - start,
                    kind,
                });
            }
            i = stop;
        } else {
            i = end;
        }
    }
    out
}

/// Length of the run of ASCII digits starting at `i`.
fn digits_at(b: &[u8], i: usize) -> usize {
    b.get(i..).map_or(0, |rest| {
        rest.iter().take_while(|c| c.is_ascii_digit()).count()
    })
}

/// Classifies 10 or 12 digits (values 0–9); `plus` for the `+` separator (100 years or older).
fn classify(d: &[u8], plus: bool) -> Option<Kind> {
    let (centuries, ten): (Vec<i32>, &[u8]) = match d.len() {
        12 => {
            let century = i32::from(d[0]) * 10 + i32::from(d[1]);
            if !(18..=20).contains(&century) {
                return None;
            }
            (vec![century], &d[2..])
        }
        10 if plus => (vec![18, 19], d),
        10 => (vec![18, 19, 20], d),
        _ => return None,
    };
    let yy = i32::from(ten[0]) * 10 + i32::from(ten[1]);
    let month = ten[2] * 10 + ten[3];
    let mut day = ten[4] * 10 + ten[5];
    if !(1..=12).contains(&month) {
        return None;
    }
    let kind = if day > 60 {
        day -= 60;
        Kind::Samordningsnummer
    } else {
        Kind::Personnummer
    };
    let exists = centuries
        .iter()
        .any(|c| day >= 1 && day <= days_in_month(c * 100 + yy, month));
    (exists && luhn_ok(ten)).then_some(kind)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The Luhn check over the ten digits YYMMDDNNNC.
fn luhn_ok(ten: &[u8]) -> bool {
    let sum: u32 = ten[..9]
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let v = u32::from(x) * if i % 2 == 0 { 2 } else { 1 };
            v / 10 + v % 10
        })
        .sum();
    (10 - sum % 10) % 10 == u32::from(ten[9])
}

/// Diagnostics for every number in a file's text that its line does not allow.
///
/// `toml_end` is the byte offset where TOML ends and Markdown begins (the whole text for a
/// register, the end of the front matter for a Markdown file). A TOML line allows its numbers with
/// a comment `# personnummer tillåtet`, a Markdown line with `<!-- personnummer tillåtet -->`.
pub fn check(path: &Path, text: &str, toml_end: usize) -> Vec<Diagnostic> {
    find(text)
        .into_iter()
        .filter(|f| !allowed(text, f.offset, f.offset < toml_end))
        .map(|f| {
            let what = match f.kind {
                Kind::Personnummer => "personnummer",
                Kind::Samordningsnummer => "samordningsnummer",
            };
            let shown = mask(&text[f.offset..f.offset + f.len]);
            Diagnostic::at(
                path,
                text,
                f.offset,
                format!("a {what} ({shown}) would be published"),
            )
            .with_hint(format!(
                "remove it; if it must be published, end the line with <!-- \
                    {MARKER} --> (Markdown) or # {MARKER} (TOML)"
            ))
        })
        .collect()
}

/// The number with its last four digits hidden, so the message does not repeat it.
fn mask(number: &str) -> String {
    let keep = number.len().saturating_sub(4);
    format!("{}****", &number[..keep])
}

/// Whether the line around `offset` carries the allowing comment.
fn allowed(text: &str, offset: usize, in_toml: bool) -> bool {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = text[start..end].to_lowercase();
    let mut from = 0;
    while let Some(i) = line[from..].find(MARKER) {
        let at = from + i;
        let before = line[..at].trim_end();
        let ok = if in_toml {
            before.ends_with('#')
        } else {
            before.ends_with("<!--") && line[at + MARKER.len()..].trim_start().starts_with("-->")
        };
        if ok {
            return true;
        }
        from = at + MARKER.len();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, Kind)> {
        find(text)
            .into_iter()
            .map(|f| (text[f.offset..f.offset + f.len].to_string(), f.kind))
            .collect()
    }

    #[test]
    fn finds_every_written_form() {
        // 811218-9876 is the Swedish Tax Agency's example number.
        for form in [
            "811218-9876",
            "8112189876",
            "19811218-9876",
            "198112189876",
            "811218+9876",
        ] {
            assert_eq!(
                kinds(&format!("Född {form}.")),
                vec![(form.to_string(), Kind::Personnummer)],
                "{form}"
            );
        }
        assert_eq!(
            kinds("samordning 811278-9873")[0].1,
            Kind::Samordningsnummer
        );
    }

    #[test]
    fn organisation_numbers_and_bad_check_digits_never_match() {
        assert!(find("Kalmar kommun 212000-0761, Mörbylånga 212000-0720").is_empty());
        assert!(find("orgnr 16212000-0761").is_empty());
        assert!(find("811218-9875 8112189877").is_empty());
        assert!(find("Telefon 0480-44 83 90, bankgiro 5050-1055").is_empty());
        assert!(find("12345678901234 082986299026").is_empty());
    }

    #[test]
    fn a_longer_run_of_digits_is_not_a_number() {
        assert_eq!(find("x198112189876").len(), 1, "12 digits after a letter");
        assert!(find("1198112189876").is_empty(), "13 digits");
        assert!(find("811218-98761").is_empty());
    }

    #[test]
    fn the_marker_allows_only_its_own_line_and_only_in_a_comment() {
        let p = Path::new("a.md");
        let md = "Ring 811218-9876 <!-- personnummer tillåtet -->\nRing 811218-9876\nX \
            811218-9876 personnummer tillåtet\n";
        let d = check(p, md, 0);
        assert_eq!(
            d.iter().map(|d| (d.line, d.col)).collect::<Vec<_>>(),
            vec![(2, 6), (3, 3)]
        );
        assert_eq!(
            d[0].message,
            "a personnummer (811218-****) would be published"
        );
        let toml = "anteckning = \"811218-9876\" # Personnummer tillåtet\nx = \"811218-9876\" \
            <!-- personnummer tillåtet -->\n";
        let d = check(p, toml, toml.len());
        assert_eq!(d.iter().map(|d| d.line).collect::<Vec<_>>(), vec![2]);
    }
}
