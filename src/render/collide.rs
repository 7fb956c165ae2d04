//! Output paths are compared by NFC and lower case before anything is written: on a host that
//! ignores case (or Unicode form) two such files would overwrite each other. A site's `static/`
//! file may replace the theme's file of exactly the same path; any other clash is an error.

use crate::model::names::name_key;
use crate::reading::diagnostic::Diagnostic;
use std::collections::HashMap;
use std::path::PathBuf;

/// A group of output files (a path and what makes the file) and the folder they come from.
pub type Group<T> = (Option<PathBuf>, Vec<(PathBuf, T)>);

/// Merges groups of output files (a path and what makes the file), in order; each group names the
/// folder its files come from (None for rendered pages).
pub fn merge<T, const N: usize>(
    groups: [Group<T>; N],
) -> Result<Vec<(PathBuf, T)>, Vec<Diagnostic>> {
    let mut out: Vec<(PathBuf, T)> = Vec::new();
    let mut from: Vec<Option<PathBuf>> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut errors = Vec::new();
    for (dir, files) in groups {
        for (rel, bytes) in files {
            // By components, so `a//b` and `a/b` are the same file, as they are on disk.
            let joined: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let key = name_key(&joined.join("/"));
            let Some(&i) = by_key.get(&key) else {
                by_key.insert(key, out.len());
                out.push((rel, bytes));
                from.push(dir.clone());
                continue;
            };
            let same_path = out[i].0 == rel;
            match (&from[i], &dir) {
                // The site's static file replaces the theme's.
                (Some(a), Some(b)) if same_path && a != b => {
                    out[i] = (rel, bytes);
                    from[i] = dir.clone();
                }
                _ => {
                    let shown = |d: &Option<PathBuf>, r: &PathBuf| match d {
                        Some(d) => d.join(r).display().to_string(),
                        None => format!("the page /{}", r.display()),
                    };
                    let source = dir
                        .as_ref()
                        .map_or_else(|| PathBuf::from("content"), |d| d.join(&rel));
                    errors.push(
                        Diagnostic::error(
                            &source,
                            1,
                            1,
                            format!(
                                "{} would write the same file as {}{}",
                                shown(&dir, &rel),
                                shown(&from[i], &out[i].0),
                                if same_path {
                                    ""
                                } else {
                                    " (they differ only by case or Unicode form)"
                                }
                            ),
                        )
                        .with_hint("rename one of them"),
                    );
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::OutFile;

    fn f(p: &str) -> OutFile {
        (PathBuf::from(p), p.as_bytes().to_vec())
    }

    #[test]
    fn site_static_replaces_theme_static_of_the_same_path() {
        let out = merge([
            (None, vec![f("a/index.html")]),
            (Some("themes/default/static".into()), vec![f("style.css")]),
            (
                Some("static".into()),
                vec![(PathBuf::from("style.css"), b"mine".to_vec())],
            ),
        ])
        .unwrap();
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].1, b"mine");
    }

    #[test]
    fn paths_that_differ_by_case_or_form_clash() {
        let e = merge([
            (None, vec![f("kommun/hogsby/index.html")]),
            (
                Some("static".into()),
                vec![
                    f("Kommun/Hogsby/index.html"),
                    f("a\u{308}.pdf"),
                    f("\u{e4}.pdf"),
                ],
            ),
        ])
        .unwrap_err();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].path, PathBuf::from("static/Kommun/Hogsby/index.html"));
        assert!(
            e[0].message.contains("the page /kommun/hogsby/index.html"),
            "{}",
            e[0].message
        );
    }
}
