//! Render: tera templates over view values, in parallel, each page handed to a [`Sink`] (the
//! staging directory) as soon as it is rendered. Templates come from the theme; a site's own
//! `templates/` overrides any of them by name.

pub mod api;
mod attachments;
mod attendance;
mod calendar;
pub mod collections;
mod collide;
mod entities;
mod feeds;
pub mod noticeboard;
pub mod oparl;
mod over_time;
pub mod page;
pub mod pages;
mod room;
pub mod selection;
pub mod shown;
pub mod sitemap;
pub mod theme;
pub mod views;

use crate::build::BuildError;
use crate::model::site::{ABOUT_PAGE, Site};
use crate::output::OutFile;
use crate::output::pagelinks::Known;
use crate::output::sink::{Sink, WrittenFile, slashed};
use page::Page;
use rayon::prelude::*;
use selection::Listing;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use tera::Tera;
use theme::Theme;

/// Renders every page and copies static files, in memory (for tests and fuzzing; a build streams
/// them to disk with [`render_into`]).
pub fn render(site: &Site, root: &Path) -> Result<Vec<OutFile>, BuildError> {
    let files = render_into(
        site,
        root,
        &Sink::memory().under(site.config.base_path()),
        &crate::build::progress::none,
    )?;
    Ok(files
        .into_iter()
        .map(|f| (PathBuf::from(f.path), f.bytes.unwrap_or_default()))
        .collect())
}

/// Renders every page and writes each to `sink` on the thread that rendered it, as soon as it is
/// rendered, together with the feeds, calendars, collections, static files and sitemap; returns
/// what is kept of every file, sorted by path. Every output path is planned, and compared with the
/// others for clashes, before anything is rendered; links to planned paths are settled as each
/// page is read. `progress` hears of each page (from the rendering threads).
pub fn render_into(
    site: &Site,
    root: &Path,
    sink: &Sink,
    progress: &(dyn Fn(crate::build::Progress) + Sync),
) -> Result<Vec<WrittenFile>, BuildError> {
    let renderer = Renderer::new(site, root)?;
    let list = pages::all(site);
    // None: a rendered page or twin; Some: a file made whole here (small: feeds, static files …).
    let mut planned: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
    for page in &list {
        planned.push((html_path(page), None));
        if page.twin.is_some() {
            planned.push((twin_path(page), None));
        }
    }
    planned.extend(
        generated(site, &crate::render::selection::Selection::everything())
            .into_iter()
            .map(|(p, b)| (p, Some(b))),
    );
    planned.extend(
        attachments::files(site, root)?
            .into_iter()
            .map(|(p, b)| (p, Some(b))),
    );
    let whole = |files: Vec<OutFile>| files.into_iter().map(|(p, b)| (p, Some(b))).collect();
    let theme_static = whole(renderer.theme_static.clone());
    let site_static = whole(theme::files(&root.join("static"))?);
    let theme_shown = renderer.theme_shown.join("static");
    let merged = collide::merge([
        (None, planned),
        (Some(theme_shown), theme_static),
        (Some(PathBuf::from("static")), site_static),
    ])
    .map_err(BuildError::Content)?;
    let maps = sitemap::all(site, merged.iter().map(|(p, _)| p.as_path()));
    let paths: Vec<String> = merged
        .iter()
        .map(|(p, _)| p)
        .chain(maps.iter().map(|(p, _)| p))
        .map(|p| slashed(p))
        .collect();
    let others: Vec<OutFile> = merged
        .into_iter()
        .filter_map(|(p, b)| Some((p, b?)))
        .chain(maps)
        .collect();
    let known: Known = paths.iter().map(String::as_str).collect();
    sink.make_dirs(paths.iter().map(String::as_str))
        .map_err(BuildError::Write)?;
    let done = AtomicUsize::new(0);
    // One job per run: the runs differ a hundredfold in cost (a meeting, a case), and rayon's
    // default split into a few contiguous chunks left one core idle for a third of the render.
    let rendered: Vec<Vec<WrittenFile>> = pages::runs(&list)
        .into_par_iter()
        .with_max_len(1)
        .map(|run| {
            let run = &list[run];
            let written = renderer
                .run(site, run)?
                .into_iter()
                .map(|(p, b)| sink.put(slashed(&p), b, &known))
                .collect::<Result<Vec<_>, _>>()
                .map_err(BuildError::Write)?;
            for _ in run {
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                progress(crate::build::Progress::Rendered {
                    done: n,
                    total: list.len(),
                });
            }
            Ok(written)
        })
        .collect::<Result<_, BuildError>>()?;
    let mut files: Vec<WrittenFile> = rendered.into_iter().flatten().collect();
    files.extend(
        others
            .into_par_iter()
            .map(|(p, b)| sink.put(slashed(&p), b, &known))
            .collect::<Result<Vec<_>, _>>()
            .map_err(BuildError::Write)?,
    );
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The main menu: title and site path of each item.
const MENU: [(&str, &str); 6] = [
    ("Organ", "/organ/"),
    ("Ärenden", "/arende/"),
    ("Personer", "/person/"),
    ("Handlingar", "/dokument/"),
    ("År", "/ar/"),
    ("Sök", "/sok/"),
];

/// The header template, rendered once per state of the menu rather than once per page.
const HEADER: &str = "sidhuvud.html";

/// The templates and the site-wide part of every page's context, to render single pages.
pub struct Renderer {
    tera: Tera,
    /// The theme's static files.
    theme_static: Vec<OutFile>,
    /// Where the theme comes from, as error messages name it.
    theme_shown: PathBuf,
    site_view: serde_json::Value,
    /// The site header (`sidhuvud.html`) for each state of the menu ([`menu_state`]).
    headers: HashMap<Vec<&'static str>, String>,
}

impl Renderer {
    /// Loads the templates of the site's theme and its overrides.
    pub fn new(site: &Site, root: &Path) -> Result<Renderer, BuildError> {
        let theme = Theme::load(root, &site.config.tema)?;
        let tera = templates(&theme, &root.join("templates"))?;
        let site_view = json!({
            "titel": site.config.titel, "beskrivning": site.config.beskrivning,
            "anslagstavla": crate::model::noticeboard::enabled(site),
            "om_webbplatsen": site.pages.iter().any(|p| p.id == ABOUT_PAGE),
            "tillganglighet": accessibility(site),
        });
        let mut r = Renderer {
            tera,
            theme_static: theme.static_files,
            theme_shown: theme.shown,
            site_view,
            headers: HashMap::new(),
        };
        // A page's menu has no current item, or one that is the page or holds it.
        let mut states = vec![vec![""; MENU.len()]];
        for i in 0..MENU.len() {
            for current in ["page", "true"] {
                let mut state = vec![""; MENU.len()];
                state[i] = current;
                states.push(state);
            }
        }
        for state in states {
            let header = r.header(&state)?;
            r.headers.insert(state, header);
        }
        Ok(r)
    }

    /// Renders the site header for a state of the menu.
    fn header(&self, state: &[&str]) -> Result<String, BuildError> {
        let menu: Vec<Value> = MENU
            .iter()
            .zip(state)
            .map(|((title, url), current)| json!({"titel": title, "url": url, "aktuell": current}))
            .collect();
        let ctx = tera::Context::from_value(json!({"site": self.site_view, "meny": menu}))
            .map_err(|e| BuildError::Template(describe(&e)))?;
        self.tera
            .render(HEADER, &ctx)
            .map_err(|e| BuildError::Template(describe(&e)))
    }

    /// Renders one page: its HTML and, when it has one, its JSON twin.
    pub fn page(&self, site: &Site, page: &Page) -> Result<Vec<OutFile>, BuildError> {
        let view = page.data.1.value().into_owned();
        let twin = page.twin.as_ref().map(|t| api::bytes(site, t));
        Ok(self.page_with(page, view, twin)?.0)
    }

    /// Renders a run of pages from [`pages::runs`]: a meeting's page and its paragraphs' pages
    /// share each paragraph's view and twin, made once for both; any other page is rendered alone.
    /// The files are those [`Renderer::page`] makes of each page.
    pub fn run(&self, site: &Site, run: &[Page]) -> Result<Vec<OutFile>, BuildError> {
        let Some((first, paragraphs)) = run.split_first() else {
            return Ok(Vec::new());
        };
        let Some(api::Twin::Meeting(m)) = first.twin else {
            let mut out = Vec::new();
            for page in run {
                out.extend(self.page(site, page)?);
            }
            return Ok(out);
        };
        let view = first.data.1.value().into_owned();
        let twin = api::meeting(site, m);
        let (mut out, view) = self.page_with(first, view, Some(api::pretty(&twin)))?;
        let mut shared = entities::MeetingParagraphs::take(site, m, view, twin);
        for page in paragraphs {
            let Some(api::Twin::Item(r)) = page.twin else {
                out.extend(self.page(site, page)?);
                continue;
            };
            let (view, twin) = shared.paragraph(site, r);
            out.extend(self.page_with(page, view, Some(twin))?.0);
        }
        Ok(out)
    }

    /// Renders `page` with its view and its twin's file ([`api::bytes`]), made already; gives the
    /// view back.
    fn page_with(
        &self,
        page: &Page,
        view: Value,
        twin: Option<Vec<u8>>,
    ) -> Result<(Vec<OutFile>, Value), BuildError> {
        let json_url = if page.twin.is_some() {
            format!("{}index.json", page.url)
        } else {
            String::new()
        };
        let crumbs: Vec<Value> = page
            .crumbs
            .iter()
            .map(|(t, u)| json!({"titel": t, "url": u}))
            .chain(std::iter::once(
                json!({"titel": page.title, "url": page.url}),
            ))
            .collect();
        let feeds: Vec<Value> = page
            .feeds
            .iter()
            .map(|(t, u, ty)| json!({"titel": t, "url": u, "typ": ty}))
            .collect();
        // The context is made from owned values: `Context::insert` would copy each view whole.
        let mut ctx = serde_json::Map::new();
        ctx.insert("site".into(), self.site_view.clone());
        let state = menu_state(&page.url);
        let header = match self.headers.get(&state) {
            Some(h) => h.clone(),
            None => self.header(&state)?,
        };
        ctx.insert("sidhuvud".into(), Value::String(header));
        ctx.insert(
            "page".into(),
            json!({
                "titel": page.title, "url": page.url, "json_url": json_url,
                "breadcrumbs": crumbs, "beskrivning": "", "floden": feeds,
            }),
        );
        ctx.insert(page.data.0.into(), view);
        let mut ctx = tera::Context::from_value(Value::Object(ctx))
            .map_err(|e| BuildError::Template(describe(&e)))?;
        // Straight into bytes: `Tera::render` would check the buffer is UTF-8 and copy it.
        let mut html = Vec::with_capacity(32 * 1024);
        self.tera
            .render_to(page.template, &ctx, &mut html)
            .map_err(|e| BuildError::Template(describe(&e)))?;
        let mut out = vec![(html_path(page), html)];
        if let Some(twin) = twin {
            out.push((twin_path(page), twin));
        }
        let view = ctx.remove(page.data.0).unwrap_or_default();
        Ok((out, view))
    }
}

/// Which menu item is the page at `url` ("page") or holds it ("true"), as `sidhuvud.html` marks
/// them with `aria-current`.
fn menu_state(url: &str) -> Vec<&'static str> {
    MENU.iter()
        .map(|(_, item)| {
            if *item == url {
                "page"
            } else if *item != "/" && url.starts_with(item) {
                "true"
            } else {
                ""
            }
        })
        .collect()
}

/// The files in `sel` that are no page's: feeds, calendars, `/api/` collections.
pub fn generated(site: &Site, sel: &crate::render::selection::Selection) -> Vec<OutFile> {
    let mut out = feeds::selected(site, sel);
    out.extend(calendar::selected(site, sel));
    out.extend(collections::selected(site, sel));
    // The endpoint is made from the whole record (`serve` makes it again with the other exports,
    // once edits pause).
    if sel.lists(Listing::Oparl) {
        out.extend(oparl::files(site));
    }
    out
}

/// The output file of a page's HTML: `/a/b/` → `a/b/index.html`.
fn html_path(page: &Page) -> PathBuf {
    let url = page.url.trim_start_matches('/');
    if page.url.ends_with('/') {
        PathBuf::from(format!("{url}index.html"))
    } else {
        PathBuf::from(url)
    }
}

/// The output file of a page's JSON twin: `/a/b/` → `a/b/index.json`.
fn twin_path(page: &Page) -> PathBuf {
    PathBuf::from(format!("{}index.json", page.url.trim_start_matches('/')))
}

/// Tera with the theme's templates, those of the site's `templates/` replacing any of the same
/// name.
fn templates(theme: &Theme, overrides: &Path) -> Result<Tera, BuildError> {
    let mut tera = Tera::default();
    let mut all: BTreeMap<String, String> = theme.templates.iter().cloned().collect();
    all.extend(theme::templates(overrides)?);
    if all.is_empty() {
        return Err(BuildError::Template(format!(
            "no templates in {}",
            theme.shown.join("templates").display()
        )));
    }
    tera.add_raw_templates(all)
        .map_err(|e| BuildError::Template(describe(&e)))?;
    tera.autoescape_on(vec![".html"]);
    tera.register_filter("css_string", css_string);
    // Tera's default also escapes `/`, which makes every URL in the HTML unreadable.
    tera.set_escape_fn(crate::markup::html::escape);
    Ok(tera)
}

/// Tera filter: a value as the inside of a CSS string in a `<style>` element (the print header's
/// `content: "…"`), where HTML escapes are not read: `\` and `"` escaped, a line break as `\A`,
/// and `<` as `\3C` so that the text can never close the element.
fn css_string(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let text = tera::try_get_value!("css_string", "value", String, value);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\3C "),
            '\n' | '\r' => out.push_str("\\A "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Ok(Value::String(out))
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

/// The accessibility statement's contact, review day and supervisor (`[tillganglighet]`), which
/// the about page shows after its own text.
fn accessibility(site: &Site) -> serde_json::Value {
    let a = &site.config.tillganglighet;
    json!({
        "epost": a.epost, "telefon": a.telefon, "formular": a.formular,
        "telefon_url": a.telefon.as_ref()
            .map(|t| {
                let dialled: String =
                    t.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
                format!("tel:{dialled}")
            }),
        "granskad": a.granskad, "granskad_text": a.granskad.map(|d| d.long()),
        "digg": "https://www.digg.se/tdosanmalan",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_css_string_cannot_end_its_string_or_its_style_element() {
        let v = css_string(
            &Value::String("§ 4 \"Budget\" \\ </style><script>\nx".into()),
            &HashMap::new(),
        )
        .unwrap();
        assert_eq!(
            v.as_str().unwrap(),
            "§ 4 \\\"Budget\\\" \\\\ \\3C /style>\\3C script>\\A x"
        );
    }
}
