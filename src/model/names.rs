//! Names as the paper writes them ("Andreas Erlandsson (S), ordförande §33"), split into the name
//! to resolve, the party and the rest; and the id rule that turns a name into a URL segment.

use unicode_normalization::{IsNormalized, UnicodeNormalization};

/// A person as written in a list of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenName {
    /// The whole text as written.
    pub text: String,
    /// The name part, to be resolved against the register.
    pub name: String,
    /// The party in parentheses, if any.
    pub party: Option<String>,
    /// Everything after the name and party: function, "§ 33" …
    pub function: String,
}

/// Splits "Name (P), function §33". The name ends at the first `(` or `,` or `§`.
pub fn split_written(text: &str) -> WrittenName {
    let t = text.trim();
    let end = t.find(['(', ',', '§']).unwrap_or(t.len());
    let name = t[..end].trim().to_string();
    let mut rest = &t[end..];
    let mut party = None;
    if let Some(r) = rest.strip_prefix('(')
        && let Some(close) = r.find(')')
    {
        party = Some(r[..close].trim().to_string());
        rest = &r[close + 1..];
    }
    let function = rest.trim_start_matches([',', ' ']).trim().to_string();
    WrittenName {
        text: t.to_string(),
        name,
        party,
        function,
    }
}

/// Whether a list entry stands for an empty seat.
pub fn is_vacant(text: &str) -> bool {
    text.trim()
        .trim_matches(['*', '_'])
        .eq_ignore_ascii_case("vakant")
}

/// The key names are compared by: NFC, lower case, single spaces.
pub fn name_key(name: &str) -> String {
    // Almost every name is in NFC already, which a quick check tells without composing it anew.
    let lower = match unicode_normalization::is_nfc_quick(name.chars()) {
        IsNormalized::Yes => name.to_lowercase(),
        _ => name.nfc().collect::<String>().to_lowercase(),
    };
    // Its words, single-spaced (as plain prose's text is).
    crate::markup::prose::text(&lower)
}

/// A name as written, resolved to a person (None for "Vakant").
#[derive(Debug, Clone)]
pub struct Named {
    /// As written.
    pub written: WrittenName,
    /// The person.
    pub person: Option<usize>,
}

/// A signature.
#[derive(Debug, Clone)]
pub struct Signature {
    /// Who.
    pub who: Named,
    /// Role.
    pub role: Option<String>,
    /// When, as printed.
    pub time: Option<String>,
    /// How.
    pub method: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_name_party_and_function() {
        let w = split_written("Andreas Erlandsson (S), ordförande");
        assert_eq!(w.name, "Andreas Erlandsson");
        assert_eq!(w.party.as_deref(), Some("S"));
        assert_eq!(w.function, "ordförande");
        let w = split_written("Lennart Saxberg §33");
        assert_eq!(
            (w.name.as_str(), w.function.as_str()),
            ("Lennart Saxberg", "§33")
        );
        let w = split_written("Cecilia Frid, förbundschef");
        assert_eq!((w.party, w.function.as_str()), (None, "förbundschef"));
    }

    #[test]
    fn name_key_ignores_case_and_form() {
        assert_eq!(name_key("EVA  KLASE"), name_key("Eva Klase"));
        assert_eq!(name_key("A\u{030a}ke"), name_key("Åke"));
    }
}
