//! Render: tera templates over view values, in parallel, returning `(path, bytes)` for the writer.
//! Templates come from the theme; a site's own `templates/` overrides any of them by name.

pub mod api;
mod calendar;
pub mod collections;
mod collide;
mod feeds;
pub mod noticeboard;
pub mod pages;
pub mod sitemap;
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
    render_with_progress(site, root, &crate::progress::none)
}

/// [`render`], reporting each rendered page to `progress` (from the rendering threads).
pub fn render_with_progress(
    site: &Site,
    root: &Path,
    progress: &(dyn Fn(crate::Progress) + Sync),
) -> Result<Vec<OutFile>, BuildError> {
    let renderer = Renderer::new(site, root)?;
    let list = pages::all(site);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let rendered: Result<Vec<Vec<OutFile>>, BuildError> = list
        .par_iter()
        .map(|page| {
            let out = renderer.page(site, page)?;
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(crate::Progress::Rendered {
                done: n,
                total: list.len(),
            });
            Ok(out)
        })
        .collect();
    let mut pages: Vec<OutFile> = rendered?.into_iter().flatten().collect();
    pages.extend(generated(site));
    let theme = theme_dir(root, &site.config.tema);
    let theme_static = static_files(&theme.join("static"))?;
    let site_static = static_files(&root.join("static"))?;
    let theme_shown = Path::new("themes").join(&site.config.tema).join("static");
    let mut files = collide::merge([
        (None, pages),
        (Some(theme_shown), theme_static),
        (Some(PathBuf::from("static")), site_static),
    ])
    .map_err(BuildError::Content)?;
    let maps = sitemap::all(site, &files);
    files.extend(maps);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// The templates and the site-wide part of every page's context, to render single pages.
pub struct Renderer {
    tera: Tera,
    site_view: serde_json::Value,
}

impl Renderer {
    /// Loads the templates of the site's theme and its overrides.
    pub fn new(site: &Site, root: &Path) -> Result<Renderer, BuildError> {
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
        let site_view = json!({
            "titel": site.config.titel, "beskrivning": site.config.beskrivning, "nav": nav,
            "anslagstavla": noticeboard::enabled(site),
            "om_webbplatsen": site.pages.iter().any(|p| p.id == crate::ABOUT_PAGE),
        });
        Ok(Renderer { tera, site_view })
    }

    /// One page and its JSON twin.
    pub fn page(&self, site: &Site, page: &pages::Page) -> Result<Vec<OutFile>, BuildError> {
        let json_url = if page.twin.is_some() {
            format!("{}index.json", page.url)
        } else {
            String::new()
        };
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.site_view);
        ctx.insert("page", &json!({
            "titel": page.title, "url": page.url, "json_url": json_url,
            "breadcrumbs": page.crumbs.iter().map(|(t, u)| json!({"titel": t, "url": u}))
                .chain(std::iter::once(json!({"titel": page.title, "url": page.url})))
                .collect::<Vec<_>>(),
            "beskrivning": "",
            "floden": page.feeds.iter().map(|(t, u, ty)| json!({"titel": t, "url": u, "typ": ty})).collect::<Vec<_>>(),
        }));
        ctx.insert(page.data.0, &page.data.1);
        let html = self
            .tera
            .render(page.template, &ctx)
            .map_err(|e| BuildError::Template(describe(&e)))?;
        let file = if page.url.ends_with('/') {
            format!("{}index.html", page.url)
        } else {
            page.url.clone()
        };
        let mut out = vec![(
            PathBuf::from(file.trim_start_matches('/')),
            html.into_bytes(),
        )];
        if let Some(twin) = &page.twin {
            let mut bytes = serde_json::to_vec_pretty(&api::twin(site, twin))
                .map_err(|e| BuildError::Template(e.to_string()))?;
            bytes.push(b'\n');
            out.push((PathBuf::from(json_url.trim_start_matches('/')), bytes));
        }
        Ok(out)
    }
}

/// The files made from the whole site rather than one page: feeds, calendars, `/api/` collections.
pub fn generated(site: &Site) -> Vec<OutFile> {
    let mut out = feeds::all(site);
    out.extend(calendar::all(site));
    out.extend(collections::all(site));
    out
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
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
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
