//! The site's settings, as `protokoll.toml` at the site root holds them (read by
//! `reading::config`).

use serde::Deserialize;

/// `protokoll.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site name.
    pub titel: String,
    /// One line under the site name.
    #[serde(default)]
    pub beskrivning: String,
    /// The publishing organisation's register id.
    pub organisation: Option<String>,
    /// Theme folder under `themes/`.
    #[serde(default = "default_theme")]
    pub tema: String,
    /// Largest content file accepted: a number of bytes, or a string like "8 MB" or "500 kB".
    #[serde(default)]
    pub max_filstorlek: Option<FileSize>,
    /// The address the site is published at, `https://host` or `https://host/a/folder` (see
    /// [`Config::base_path`]): feeds, calendars and the sitemap need absolute URLs and are only
    /// written when it is set. Stored without the trailing slash.
    pub bas_url: Option<String>,
    /// Largest attachment (bilaga) accepted, written as `max_filstorlek` is; default 50 MB.
    #[serde(default)]
    pub max_bilagestorlek: Option<FileSize>,
    /// The site's own words for what its minutes print (`[ordlista]`).
    #[serde(default)]
    pub ordlista: Wordlist,
    /// Who answers for the accessibility statement (`[tillganglighet]`).
    #[serde(default)]
    pub tillganglighet: Accessibility,
}

impl Config {
    /// The path part of `bas_url` (`/kommun/protokoll`), or "" for a site at the root of its
    /// host. Everything inside the build speaks in site paths (`/arende/2023-07/`); the writer puts
    /// this before each as the files are written (`markup::rebase`).
    pub fn base_path(&self) -> &str {
        let Some(url) = self.bas_url.as_deref() else {
            return "";
        };
        let host = url.split_once("://").map_or(url, |(_, h)| h);
        host.find('/').map_or("", |i| &host[i..])
    }
}

/// `[tillganglighet]`: how a reader reaches the publisher about the accessibility statement
/// (lagen 2018:1937 asks for a way to report shortcomings), and when it was last reviewed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    /// An e-mail address.
    pub epost: Option<String>,
    /// A phone number, as it is to be shown.
    pub telefon: Option<String>,
    /// The address of a web form.
    pub formular: Option<String>,
    /// The day the statement was last reviewed, `"YYYY-MM-DD"`.
    #[serde(default, deserialize_with = "day")]
    pub granskad: Option<crate::model::date::Date>,
}

/// A day written `"YYYY-MM-DD"`.
fn day<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<crate::model::date::Date>, D::Error> {
    let s = String::deserialize(d)?;
    crate::model::date::Date::parse(&s)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

impl Accessibility {
    /// Whether it gives any way to reach the publisher.
    pub fn has_contact(&self) -> bool {
        self.epost.is_some() || self.telefon.is_some() || self.formular.is_some()
    }
}

/// `[ordlista]`: local habits of the minutes, beyond the words the tool knows.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wordlist {
    /// More headings that mark a paragraph's decision (`"Ställningstagande"`).
    #[serde(default)]
    pub beslut: Vec<String>,
    /// More titles of items printed without a number (`"Allmänhetens frågor"`).
    #[serde(default)]
    pub utan_nummer: Vec<String>,
}

/// The attachment size limit when `protokoll.toml` sets none: 50 MB.
pub const DEFAULT_MAX_ATTACHMENT_BYTES: u64 = 50_000_000;

/// A size in bytes, written as an integer or as a number with a unit (B, kB, MB, GB; powers of
/// 1000).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileSize(pub u64);

/// The size limit when `protokoll.toml` sets none: 8 MB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 8_000_000;

impl FileSize {
    /// Parses "8 MB", "500 kB", "1200" (bytes).
    pub fn parse(s: &str) -> Result<FileSize, String> {
        let t = s.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (num, unit) = t.split_at(split);
        let factor = match unit.trim().to_ascii_lowercase().as_str() {
            "" | "b" => 1,
            "kb" => 1_000,
            "mb" => 1_000_000,
            "gb" => 1_000_000_000,
            _ => 0,
        };
        let n: u64 = num.parse().unwrap_or(0);
        match n.checked_mul(factor) {
            Some(v) if v > 0 => Ok(FileSize(v)),
            _ => Err(format!(
                "\"{s}\" is not a file size: write e.g. \"8 MB\", \"500 kB\" or a number of bytes"
            )),
        }
    }
}

impl<'de> Deserialize<'de> for FileSize {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<FileSize, D::Error> {
        use serde::de::Error;
        match toml::Value::deserialize(d)? {
            toml::Value::Integer(n) if n > 0 => Ok(FileSize(n.unsigned_abs())),
            toml::Value::String(s) => FileSize::parse(&s).map_err(D::Error::custom),
            other => Err(D::Error::custom(format!(
                "max_filstorlek must be a positive number of bytes or a string \
                    like \"8 MB\", found {other}"
            ))),
        }
    }
}

fn default_theme() -> String {
    "default".to_string()
}

impl Default for Config {
    fn default() -> Self {
        Config {
            titel: "Protokoll".to_string(),
            beskrivning: String::new(),
            organisation: None,
            tema: default_theme(),
            max_filstorlek: None,
            bas_url: None,
            max_bilagestorlek: None,
            ordlista: Wordlist::default(),
            tillganglighet: Accessibility::default(),
        }
    }
}

impl Config {
    /// The largest content file accepted, in bytes.
    pub fn max_file_bytes(&self) -> u64 {
        self.max_filstorlek.map_or(DEFAULT_MAX_FILE_BYTES, |s| s.0)
    }

    /// The largest attachment accepted, in bytes.
    pub fn max_attachment_bytes(&self) -> u64 {
        self.max_bilagestorlek
            .map_or(DEFAULT_MAX_ATTACHMENT_BYTES, |s| s.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_sizes_read_units() {
        assert_eq!(FileSize::parse("8 MB"), Ok(FileSize(8_000_000)));
        assert_eq!(FileSize::parse("500kB"), Ok(FileSize(500_000)));
        assert_eq!(FileSize::parse("1200"), Ok(FileSize(1200)));
        assert!(FileSize::parse("8 MiB").is_err());
        assert!(FileSize::parse("0").is_err());
        let c: Config = toml::from_str("titel = \"x\"\nmax_filstorlek = 2048").unwrap();
        assert_eq!(c.max_file_bytes(), 2048);
        assert_eq!(Config::default().max_file_bytes(), DEFAULT_MAX_FILE_BYTES);
    }
}
