//! Ids made from text: the rule that turns a name, a title or a Dnr into a URL segment or an HTML
//! id (lower case ASCII, å/ä → a, ö → o, other runs of non-letters → `-`).

use unicode_normalization::UnicodeNormalization;

/// The URL id of a name: lower case, å/ä → a, ö → o, é → e, other runs of non-letters → `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    // ASCII (every Dnr, most ids) needs neither composing nor Unicode case mapping.
    let chars: Box<dyn Iterator<Item = char>> = if name.is_ascii() {
        Box::new(name.chars().map(|c| c.to_ascii_lowercase()))
    } else {
        Box::new(name.nfc().flat_map(char::to_lowercase))
    };
    for c in chars {
        let mapped = match c {
            'å' | 'ä' | 'á' | 'à' | 'â' => Some('a'),
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => Some('o'),
            'é' | 'è' | 'ê' | 'ë' => Some('e'),
            'ü' | 'ú' => Some('u'),
            'í' | 'ï' => Some('i'),
            'ç' => Some('c'),
            'ñ' => Some('n'),
            c if c.is_ascii_alphanumeric() => Some(c),
            _ => None,
        };
        match mapped {
            Some(c) => {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(c);
            }
            None => dash = true,
        }
    }
    out
}

/// Whether `id` is a valid URL id: a–z, 0–9 and inner single dashes.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_follows_the_url_rule() {
        assert_eq!(slug("Åke Gustavsson"), "ake-gustavsson");
        assert_eq!(slug("Matilda Wärenfalk"), "matilda-warenfalk");
        assert_eq!(slug("Ann-Charlotte Anderberg"), "ann-charlotte-anderberg");
        assert_eq!(slug("Jan-Olof P. Jäghagen"), "jan-olof-p-jaghagen");
        assert_eq!(slug("Claes Wiridén"), "claes-wiriden");
        assert_eq!(slug("Börje Slättman"), "borje-slattman");
    }
}
