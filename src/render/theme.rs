//! The theme: its templates and static files. The default theme is inside the binary (embedded by
//! `build.rs` from `themes/default/`); a site's own `themes/<name>/` replaces it, and the site's
//! `templates/` and `static/` override any file of either by name.

use crate::build::BuildError;
use crate::output::OutFile;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme.rs"));
}

/// The name of the theme inside the binary.
pub const DEFAULT: &str = "default";

/// A theme's files, read once per build.
pub struct Theme {
    /// Where its files come from, as error messages name it.
    pub shown: PathBuf,
    /// Templates: (name, text), in name order.
    pub templates: Vec<(String, String)>,
    /// Static files: (path under `static/`, bytes), in path order.
    pub static_files: Vec<OutFile>,
}

impl Theme {
    /// The theme `name` of the site at `root`: its own folder `themes/<name>` if it has one, else
    /// the default theme inside the binary.
    pub fn load(root: &Path, name: &str) -> Result<Theme, BuildError> {
        let own = root.join("themes").join(name);
        if own.is_dir() {
            return Ok(Theme {
                shown: Path::new("themes").join(name),
                templates: templates(&own.join("templates"))?,
                static_files: files(&own.join("static"))?,
            });
        }
        if name != DEFAULT {
            return Err(BuildError::Template(format!(
                "there is no theme \"{name}\": the site has no folder \
                    themes/{name}/ (write tema = \"{DEFAULT}\" for the built-in theme)"
            )));
        }
        let mut theme = Theme {
            shown: PathBuf::from("the built-in theme"),
            templates: Vec::new(),
            static_files: Vec::new(),
        };
        for (path, bytes) in embedded::FILES {
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(bytes).into_owned();
                theme.templates.push((name.to_string(), text));
            } else if let Some(rel) = path.strip_prefix("static/") {
                theme
                    .static_files
                    .push((PathBuf::from(rel), bytes.to_vec()));
            }
        }
        Ok(theme)
    }
}

/// The `.html` templates under `dir` by name (`a/b.html`), none if there is no such folder.
pub fn templates(dir: &Path) -> Result<Vec<(String, String)>, BuildError> {
    let mut out = Vec::new();
    for (rel, bytes) in files(dir)? {
        if rel.extension().is_some_and(|x| x == "html") {
            let name = rel.to_string_lossy().replace('\\', "/");
            let text = String::from_utf8(bytes).map_err(|_| {
                BuildError::Template(format!("{}: not UTF-8", dir.join(&rel).display()))
            })?;
            out.push((name, text));
        }
    }
    Ok(out)
}

/// Every file under `dir` with its bytes, by path relative to it; none if there is no such folder.
pub fn files(dir: &Path) -> Result<Vec<OutFile>, BuildError> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for e in WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path()).to_path_buf();
            let bytes = std::fs::read(e.path())
                .map_err(|err| BuildError::Template(format!("{}: {err}", e.path().display())))?;
            out.push((rel, bytes));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_is_inside_the_binary() {
        let empty = tempfile::tempdir().unwrap();
        let t = Theme::load(empty.path(), DEFAULT).unwrap();
        assert!(t.templates.iter().any(|(n, _)| n == "base.html"));
        assert!(
            t.static_files
                .iter()
                .any(|(p, _)| p == Path::new("sok/engine.js"))
        );
        let other = Theme::load(empty.path(), "annan");
        assert!(matches!(other, Err(BuildError::Template(m)) if m.contains("themes/annan/")));
    }
}
