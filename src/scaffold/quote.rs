//! The TOML a new file is written in: quoted strings, string lists and clock times.

use crate::model::date::Time;

/// A TOML basic string.
pub(super) fn q(s: &str) -> String {
    // TOML basic string: escape backslash and quote.
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A TOML array of basic strings.
pub(super) fn q_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// A time of day as `HH:MM`.
pub(super) fn time(t: Time) -> String {
    format!("{:02}:{:02}", t.hour, t.minute)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(q(r#"a "b" \c"#), r#""a \"b\" \\c""#);
    }
}
