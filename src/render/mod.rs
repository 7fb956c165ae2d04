//! Render: tera templates over view values, in parallel, returning `(path, bytes)` for the writer.
//! Templates come from the theme; a site's own `templates/` overrides any of them by name.

mod pages;
pub mod urls;
pub mod views;

use crate::BuildError;
use crate::output::OutFile;
use crate::site::Site;
use rayon::prelude::*;
use serde_json::json;
use std::path::{Path, PathBuf};
use tera::Tera;
use walkdir::WalkDir;

/// Renders every page and copies static files.
pub fn render(site: &Site, root: &Path) -> Result<Vec<OutFile>, BuildError> {
    let theme = theme_dir(root, &site.config.tema);
    let tera = templates(&theme, &root.join("templates"))?;
    let nav = json!([
        {"titel": "Organ", "url": "/organ/"},
        {"titel": "Ärenden", "url": "/arende/"},
        {"titel": "Personer", "url": "/person/"},
        {"titel": "Handlingar", "url": "/dokument/"},
        {"titel": "År", "url": "/ar/"},
        {"titel": "Sök", "url": "/sok/"},
    ]);
    let site_view =
        json!({"titel": site.config.titel, "beskrivning": site.config.beskrivning, "nav": nav});
    let list = pages::all(site);
    // Each page is made on a worker, its view written as JSON, then moved (not copied) into the
    // template context and dropped there: no view outlives its page.
    let rendered: Result<Vec<Vec<OutFile>>, BuildError> =
        list.into_par_iter()
            .map(|make| {
                let page = make();
                let json_url = if page.json {
                    format!("{}index.json", page.url)
                } else {
                    String::new()
                };
                let twin = if page.json {
                    Some(
                        serde_json::to_vec_pretty(&page.data.1)
                            .map_err(|e| BuildError::Template(e.to_string()))?,
                    )
                } else {
                    None
                };
                let mut ctx = tera::Context::new();
                ctx.insert("site", &site_view);
                ctx.insert("page", &json!({
                "titel": page.title, "url": page.url, "json_url": json_url,
                "breadcrumbs": page.crumbs.iter().map(|(t, u)| json!({"titel": t, "url": u}))
                    .chain(std::iter::once(json!({"titel": page.title, "url": page.url})))
                    .collect::<Vec<_>>(),
                "beskrivning": "",
            }));
                let mut data = serde_json::Map::new();
                data.insert(page.data.0.to_string(), page.data.1);
                ctx.extend(
                    tera::Context::from_value(serde_json::Value::Object(data))
                        .map_err(|e| BuildError::Template(describe(&e)))?,
                );
                let html = tera
                    .render(page.template, &ctx)
                    .map_err(|e| BuildError::Template(describe(&e)))?;
                let file = if page.url.ends_with('/') {
                    format!("{}index.html", page.url)
                } else {
                    page.url.clone()
                };
                // Every output is held until the link check has passed: without their spare
                // capacity (a third of it) they take two thirds of the memory.
                let mut html = html.into_bytes();
                html.shrink_to_fit();
                let mut out = vec![(PathBuf::from(file.trim_start_matches('/')), html)];
                if let Some(mut bytes) = twin {
                    bytes.shrink_to_fit();
                    out.push((PathBuf::from(json_url.trim_start_matches('/')), bytes));
                }
                Ok(out)
            })
            .collect();
    let mut files: Vec<OutFile> = rendered?.into_iter().flatten().collect();
    files.extend(static_files(&theme.join("static"))?);
    files.extend(static_files(&root.join("static"))?);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// The theme folder: the site's own `themes/<name>`, else the one shipped beside the binary's sources.
fn theme_dir(root: &Path, name: &str) -> PathBuf {
    let own = root.join("themes").join(name);
    if own.is_dir() {
        own
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes")
            .join(name)
    }
}

fn templates(theme: &Path, overrides: &Path) -> Result<Tera, BuildError> {
    let mut tera = Tera::default();
    let mut files = Vec::new();
    for dir in [theme.join("templates"), overrides.to_path_buf()] {
        if !dir.is_dir() {
            continue;
        }
        for e in WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html") {
                let name = e
                    .path()
                    .strip_prefix(&dir)
                    .unwrap_or(e.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                files.push((e.path().to_path_buf(), Some(name)));
            }
        }
    }
    if files.is_empty() {
        return Err(BuildError::Template(format!(
            "no templates in {}",
            theme.join("templates").display()
        )));
    }
    // Later entries (the site's overrides) replace earlier ones of the same name.
    tera.add_template_files(files)
        .map_err(|e| BuildError::Template(describe(&e)))?;
    tera.autoescape_on(vec![".html"]);
    // Tera's default also escapes `/`, which makes every URL in the HTML unreadable.
    tera.set_escape_fn(escape_html);
    Ok(tera)
}

/// Escapes the five characters that matter in HTML text and attribute values.
fn escape_html(s: &str) -> String {
    let special = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    let Some(first) = s.bytes().position(|b| special(&b)) else {
        return s.to_string();
    };
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(&s[..first]);
    let mut rest = &s[first..];
    // Copy the runs between special characters whole; they are never split inside a UTF-8 sequence.
    while let Some(i) = rest.bytes().position(|b| special(&b)) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out
}

fn describe(e: &tera::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(x) = src {
        s.push_str(": ");
        s.push_str(&x.to_string());
        src = x.source();
    }
    s
}

fn static_files(dir: &Path) -> Result<Vec<OutFile>, BuildError> {
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
    #[test]
    fn escape_html_escapes_the_five_and_keeps_the_rest() {
        assert_eq!(
            super::escape_html("Åke & <Eva> \"x\" 'y' /z"),
            "Åke &amp; &lt;Eva&gt; &quot;x&quot; &#39;y&#39; /z"
        );
        assert_eq!(
            super::escape_html("utan specialtecken"),
            "utan specialtecken"
        );
    }
}
