//! Reads the site settings from `protokoll.toml` at the site root, every error at its line.

use crate::model::config::Config;
use crate::reading::diagnostic::Diagnostic;
use std::path::Path;

/// Whether `root` is a site: it holds `protokoll.toml`.
pub fn is_site(root: &Path) -> bool {
    root.join("protokoll.toml").is_file()
}

/// Reads `root/protokoll.toml`; a missing file gives the defaults.
pub fn load(root: &Path) -> Result<Config, Diagnostic> {
    let path = root.join("protokoll.toml");
    let shown = Path::new("protokoll.toml");
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let mut c: Config = toml::from_str(&text)
                .map_err(|e| crate::reading::frontmatter::toml_error(shown, &text, 0, &e))?;
            if let Some(url) = &c.bas_url {
                let line = text
                    .lines()
                    .position(|l| l.trim_start().starts_with("bas_url"))
                    .map_or(1, |i| i + 1);
                c.bas_url = Some(check_base_url(url).map_err(|m| {
                    Diagnostic::error(shown, line, 1, m).with_hint(
                        "write the site's address, e.g. bas_url = \"https://protokoll.example.se\"",
                    )
                })?);
            }
            Ok(c)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(Diagnostic::error(shown, 0, 0, format!("cannot read: {e}"))),
    }
}

/// Checks `bas_url`: `http(s)://host[:port]`, optionally followed by a path (`/kommun/protokoll`,
/// the folder of a larger site the pages are published in) and one trailing `/`; returns it
/// without that slash.
fn check_base_url(url: &str) -> Result<String, String> {
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|s| url.starts_with(s))
        .ok_or_else(|| format!("bas_url \"{url}\" must start with https:// (or http://)"))?;
    let rest = &url[scheme.len()..];
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if host.is_empty() {
        return Err(format!("bas_url \"{url}\" has no host name"));
    }
    if !host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    {
        return Err(format!(
            "bas_url \"{url}\" is not a plain host name (use the ASCII/punycode form)"
        ));
    }
    for segment in path.split('/').skip(1) {
        if segment.is_empty() || segment == "." || segment == ".." {
            return Err(format!(
                "bas_url \"{url}\" has an empty, `.` or `..` folder in its path"
            ));
        }
        // Letters, digits and the few marks a path keeps as they are: the path is written
        // into every link unchanged, so it must need no escaping in a URL or in HTML.
        if let Some(c) = segment
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')))
        {
            return Err(format!(
                "bas_url \"{url}\" has `{c}` in its path: write the folder with letters a-z, \
                    digits and `-` (e.g. /protokoll/)"
            ));
        }
    }
    Ok(format!("{scheme}{host}{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_is_an_origin_and_maybe_a_path() {
        assert_eq!(
            check_base_url("https://protokoll.example.se/").unwrap(),
            "https://protokoll.example.se"
        );
        assert_eq!(
            check_base_url("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            check_base_url("https://example.se/kommun/protokoll/").unwrap(),
            "https://example.se/kommun/protokoll"
        );
        assert_eq!(
            check_base_url("https://example.se/protokoll").unwrap(),
            "https://example.se/protokoll"
        );
        for bad in ["a//b/", "a/../b", "a?x=1", "a#b", "m\u{f6}ten/", "a b/"] {
            assert!(
                check_base_url(&format!("https://example.se/{bad}")).is_err(),
                "{bad}"
            );
        }
        assert!(check_base_url("example.se").is_err());
        assert!(check_base_url("https://").is_err());
    }
}
