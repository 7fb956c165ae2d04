//! Splits a content file into TOML front matter and Markdown body, and deserializes the front
//! matter so that every error points at the line and column of the original file.

use crate::model::date::{Date, Time};
use crate::reading::diagnostic::Diagnostic;
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use std::path::Path;

/// A file cut at its `+++` fences; offsets are bytes into the whole file.
#[derive(Debug)]
pub struct Split<'a> {
    /// The TOML between the fences.
    pub toml: &'a str,
    /// Where `toml` starts in the file.
    pub toml_offset: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Where `body` starts in the file.
    pub body_offset: usize,
}

/// Cuts `text` at its front-matter fences.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(
            Diagnostic::error(path, 1, 1, "the file is empty").with_hint(
                "a content file starts with `+++`, TOML front matter, `+++`, then Markdown",
            ),
        );
    }
    let start = text.strip_prefix('\u{feff}').map_or(0, |_| 3);
    let first_line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if text[start..first_line_end].trim_end() != "+++" {
        return Err(Diagnostic::at(
            path,
            text,
            start,
            "the file does not start with front matter",
        )
        .with_hint("put a line `+++` first, the TOML front matter, and a closing `+++` line"));
    }
    let toml_offset = (first_line_end + 1).min(text.len());
    let mut pos = toml_offset;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "+++" {
            let body_offset = (end + 1).min(text.len());
            return Ok(Split {
                toml: &text[toml_offset..pos],
                toml_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
        pos = end + 1;
    }
    Err(Diagnostic::at(
        path,
        text,
        start,
        "unterminated front matter: no closing `+++` line",
    )
    .with_hint("end the front matter with a line holding only `+++`"))
}

/// Deserializes front matter into `T`, mapping TOML and serde errors to positions in the file.
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    split: &Split<'_>,
) -> Result<T, Diagnostic> {
    toml::from_str::<T>(split.toml).map_err(|e| toml_error(path, text, split.toml_offset, &e))
}

/// Turns a TOML error into a diagnostic at the right place of the original file.
pub fn toml_error(path: &Path, text: &str, base: usize, e: &toml::de::Error) -> Diagnostic {
    let offset = e.span().map_or(base, |s| base + s.start);
    let message = e.message().trim().replace('`', "\"").replace('\n', ": ");
    // TOML's own date check says "invalid date-time"; say it the way publishers think of it.
    let message = match message.strip_prefix("invalid date-time") {
        Some(rest) => format!("impossible date or time{rest}"),
        None => message,
    };
    if let Some((key, expected)) = unknown_key(&message) {
        let hint =
            crate::reading::diagnostic::did_you_mean(&key, expected.iter().map(String::as_str))
                .unwrap_or_else(|| match expected.len() {
                    0 => "this table takes no keys".to_string(),
                    _ => format!("expected one of: {}", expected.join(", ")),
                });
        return Diagnostic::at(path, text, offset, format!("unknown key \"{key}\""))
            .with_hint(hint);
    }
    let message = match message.strip_prefix("missing field ") {
        Some(rest) => format!("missing key {rest}"),
        None => match message.strip_prefix("invalid type: ") {
            Some(rest) => format!("wrong type: {}", plain_types(rest)),
            None if message.starts_with("expected ") => format!("invalid TOML: {message}"),
            None if message == "invalid basic string" => {
                "unterminated string: the closing \" is missing on this line".to_string()
            }
            None => message,
        },
    };
    let d = Diagnostic::at(path, text, offset, message.clone());
    if message.starts_with("invalid TOML: expected") {
        return d.with_hint("each line is key = value, or a [table] heading");
    }
    if message.contains("string") && !message.starts_with("wrong type") {
        return d.with_hint(
            "write text in double quotes, like plats = \"Kommunhuset\", and a backslash as \\\\",
        );
    }
    d
}

/// Serde's type names in the words of the format: lists, whole numbers.
fn plain_types(message: &str) -> String {
    let mut m = message.replace("expected a sequence", "expected a list, like [\"…\"]");
    for t in ["i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64"] {
        if let Some(head) = m.strip_suffix(&format!("expected {t}")) {
            m = format!("{head}expected a whole number");
        }
    }
    m
}

/// Reads serde's `unknown field "x", expected one of "a", "b"` into the key and the expected keys.
fn unknown_key(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field \"")?;
    let (key, rest) = rest.split_once('"')?;
    let expected = rest
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((key.to_string(), expected))
}

/// A value with its line and column in the original file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
}

impl<T> Located<T> {
    /// An error diagnostic at this value.
    pub fn error(&self, path: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(path, self.line, self.col, message)
    }
}

/// Converts a TOML `Spanned` value into a [`Located`] one, given the front matter's offset.
pub fn locate<T>(text: &str, base: usize, s: toml::Spanned<T>) -> Located<T> {
    let (line, col) = crate::reading::diagnostic::line_col(text, base + s.span().start);
    Located {
        value: s.into_inner(),
        line,
        col,
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        match toml::Value::deserialize(d)? {
            toml::Value::Datetime(dt) => match (dt.date, dt.time) {
                (Some(date), None) => {
                    Date::new(i32::from(date.year), date.month, date.day).map_err(D::Error::custom)
                }
                _ => Err(D::Error::custom(
                    "expected a date like 2024-09-12, without a time",
                )),
            },
            toml::Value::String(s) => Date::parse(&s).map_err(D::Error::custom),
            other => Err(D::Error::custom(format!(
                "expected a date like 2024-09-12, found {}",
                other.type_str()
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Time, D::Error> {
        let s = String::deserialize(d)?;
        Time::parse(&s).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Fm {
        #[allow(dead_code)]
        datum: Date,
    }

    fn p(text: &str) -> Result<Fm, Diagnostic> {
        let path = Path::new("x.md");
        let s = split(path, text)?;
        parse(path, text, &s)
    }

    #[test]
    fn unknown_key_points_at_its_line() {
        let e = p("+++\ndatum = 2024-01-02\natendees = 1\n+++\nbody").unwrap_err();
        assert_eq!((e.line, e.col), (3, 1));
        assert!(e.message == "unknown key \"atendees\"", "{}", e.message);
        assert_eq!(e.hint.as_deref(), Some("expected one of: datum"));
        let e = p("+++\ndatun = 2024-01-02\n+++\n").unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("did you mean \"datum\"?"));
    }

    #[test]
    fn impossible_date_points_at_the_value() {
        let e = p("+++\ndatum = 2023-02-29\n+++\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("impossible date"), "{}", e.message);
    }

    #[test]
    fn missing_closing_fence_is_reported() {
        let e = p("+++\ndatum = 2024-01-02\n").unwrap_err();
        assert!(e.message.contains("unterminated"));
        assert_eq!(p("").unwrap_err().message, "the file is empty");
    }
}
