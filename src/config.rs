//! Site settings from `protokoll.toml` at the site root.

use crate::diagnostic::Diagnostic;
use serde::Deserialize;
use std::path::Path;

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
        }
    }
}

impl Config {
    /// Reads `root/protokoll.toml`; a missing file gives the defaults.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join("protokoll.toml");
        let shown = Path::new("protokoll.toml");
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text)
                .map_err(|e| crate::frontmatter::toml_error(shown, &text, 0, &e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(Diagnostic::error(shown, 0, 0, format!("cannot read: {e}"))),
        }
    }
}
