//! `serve`'s incremental rebuild. After a full build the server keeps the parsed sources, the
//! resolved site, the templates, the SHA-256 of every output file and the link targets. When
//! content files are edited, only they are read and parsed again; their meetings, documents and
//! pages are made again and linked into the kept site ([`crate::resolve::patch`]); the pages and
//! files that show what changed ([`super::affected`]) are rendered, their links checked, and only
//! files whose bytes changed are written. The exports of the whole site (the search index, the
//! decisions CSV, the manifest) follow once edits pause ([`Incremental::exports`]). Anything it
//! cannot bound (a register, `protokoll.toml`, templates, static files, a file added or removed, a
//! meeting, document or page that changes its key, an output page or anchor that disappears) is a
//! full build, so the output is always what a full build would write.

use super::affected;
use crate::build::{Build, BuildError, BuildReport, Built, Mode};
use crate::model::site::Site;
use crate::output::links::{self, Targets};
use crate::output::manifest::{self, sha256};
use crate::output::pagelinks::Known;
use crate::output::sink::{Sink, slashed};
use crate::output::{OutFile, WriteError};
use crate::reading::diagnostic::{self, Diagnostic};
use crate::reading::load::SourceFile;
use crate::render::selection::Listing;
use crate::render::{self, Renderer, pages};
use crate::resolve::{self, Patched};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What an incremental rebuild did.
#[derive(Debug, Clone)]
pub struct Update {
    /// Pages rendered again (HTML files).
    pub pages: usize,
    /// Files whose bytes changed and were written.
    pub written: usize,
}

/// The files that follow the pages once edits pause (see [`Incremental::exports`]).
pub struct Exports {
    /// The search index and its export.
    search: Vec<OutFile>,
    /// The other whole-site files an edit changed.
    other: Vec<OutFile>,
}

/// Why an edit needs a full build.
#[derive(Debug)]
pub struct NeedsFull(pub String);

/// The state kept between builds.
pub struct Incremental {
    opts: Build,
    files: Vec<SourceFile>,
    /// Files whose current text does not parse, with their errors.
    broken: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// Files changed since the output was last written.
    pending: BTreeSet<PathBuf>,
    links: Vec<crate::reading::scan::SourceLink>,
    site: Site,
    renderer: Renderer,
    /// SHA-256 of every output file but the manifest, by path (relative, `/`-separated).
    hashes: BTreeMap<String, [u8; 32]>,
    targets: Targets<'static>,
    /// The files of the search index and its export.
    search: BTreeSet<PathBuf>,
    /// Whether the exports (search files, decisions CSV, manifest) lag behind the pages.
    exports_stale: bool,
    /// Whether the decisions CSV lags behind the pages.
    decisions_stale: bool,
    /// Whether the OParl endpoint (made from the whole record) is to be made again.
    oparl_stale: bool,
}

impl Incremental {
    /// The state after a full build that wrote `v` (made from `sources`).
    pub fn new(opts: &Build, v: Built) -> Result<Self, BuildError> {
        let sources = v.sources;
        let renderer = Renderer::new(&v.site, &opts.root)?;
        // From what the streaming build kept of each file: no page's bytes are held.
        let hashes = v
            .files
            .iter()
            .filter(|f| f.path != manifest::FILE)
            .map(|f| (f.path.clone(), f.sha256))
            .collect();
        Ok(Incremental {
            opts: opts.clone(),
            files: sources.files,
            broken: BTreeMap::new(),
            pending: BTreeSet::new(),
            links: sources.links,
            hashes,
            targets: Targets::new(&v.files).into_owned(),
            search: sources.search.into_iter().collect(),
            exports_stale: false,
            decisions_stale: false,
            oparl_stale: false,
            site: v.site,
            renderer,
        })
    }

    /// Whether the exports should be refreshed ([`Incremental::exports`]).
    pub fn exports_stale(&self) -> bool {
        self.exports_stale
    }

    /// Rebuilds after `changed` (relative to the root) were edited. `Err` when only a full build
    /// can say what changed; `Ok(Err(_))` when the site is broken (the output is left as it was).
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Result<Update, BuildError>, NeedsFull> {
        for p in changed {
            self.read(p)?;
        }
        if !self.broken.is_empty() {
            let mut e: Vec<Diagnostic> = self.broken.values().flatten().cloned().collect();
            diagnostic::sort(&mut e);
            return Ok(Err(BuildError::Content(e)));
        }
        let pending: Vec<&SourceFile> = self
            .files
            .iter()
            .filter(|f| self.pending.contains(&f.path))
            .collect();
        let mut errors = Vec::new();
        self.links.retain(|l| !self.pending.contains(&l.path));
        for f in &pending {
            let s = crate::reading::scan::scan(std::slice::from_ref(*f));
            self.links.extend(s.links);
            errors.extend(s.errors);
        }
        if let Err(e) =
            crate::output::ledger::check_some(&self.opts.root, &self.files_in(&self.pending))
        {
            errors.extend(e);
        }
        let changed: Vec<&Path> = self.pending.iter().map(PathBuf::as_path).collect();
        let before = affected::Before::capture(&self.site, &changed);
        let replaced = match resolve::patch(&mut self.site, &self.files, &changed) {
            Err(why) => return Err(NeedsFull(why)),
            Ok(Patched::Errors(mut e)) => {
                e.extend(errors);
                return Ok(Err(sorted(e)));
            }
            Ok(Patched::Done(replaced)) => replaced,
        };
        if !errors.is_empty() {
            resolve::unpatch(&mut self.site, &self.files, replaced);
            return Ok(Err(sorted(errors)));
        }
        let mut sel = affected::selection(&before, &replaced, &self.site).map_err(NeedsFull)?;
        // The decisions CSV is all of them, megabytes: it follows with the other exports.
        self.decisions_stale |= sel.listings.remove(&Listing::Decisions);
        // So is the OParl endpoint, which shows every meeting and document an edit can touch.
        sel.listings.remove(&Listing::Oparl);
        self.oparl_stale = true;
        match self.render_and_write(&sel)? {
            Ok(u) => {
                self.pending.clear();
                self.exports_stale = true;
                Ok(Ok(u))
            }
            Err(e) => {
                // The output still shows the site as it was.
                resolve::unpatch(&mut self.site, &self.files, replaced);
                Ok(Err(e))
            }
        }
    }

    fn files_in(&self, paths: &BTreeSet<PathBuf>) -> Vec<SourceFile> {
        let words = crate::reading::body::Words::of(&self.site.config);
        self.files
            .iter()
            .filter(|f| paths.contains(&f.path))
            .filter_map(|f| {
                crate::reading::load::parse_file_with(f.path.clone(), f.text.clone(), false, &words)
                    .ok()
            })
            .collect()
    }

    /// Reads one changed path; only an edit of a known Markdown content file stays incremental.
    fn read(&mut self, rel: &Path) -> Result<(), NeedsFull> {
        let full = |why: &str| Err(NeedsFull(format!("{}: {why}", rel.display())));
        let abs = self.opts.root.join(rel);
        let content = rel.starts_with("content");
        let markdown = rel.extension().is_some_and(|e| e == "md");
        let Some(i) = self.files.iter().position(|f| f.path == rel) else {
            return if content && markdown && !abs.exists() && !self.broken.contains_key(rel) {
                Ok(()) // an editor's temporary file, come and gone
            } else {
                full("not an edit of a known content file")
            };
        };
        if !content || !markdown {
            return full("a register or setting");
        }
        match std::fs::symlink_metadata(&abs) {
            Ok(m) if m.file_type().is_file() => {}
            _ => return full("removed or replaced"),
        }
        match crate::reading::load::read_one(&self.opts.root, &abs, &self.site.config) {
            Ok(mut f) => {
                self.broken.remove(rel);
                // Attachments are copied by a full build only.
                if f.attachments != self.files[i].attachments {
                    return full("its attachments changed");
                }
                if f.text != self.files[i].text {
                    f.warnings.clear();
                    self.files[i] = f;
                    self.pending.insert(rel.to_path_buf());
                }
            }
            Err(e) => {
                self.broken.insert(rel.to_path_buf(), e);
                self.pending.insert(rel.to_path_buf());
            }
        }
        Ok(())
    }

    /// Renders the selected pages and files of the site, checks their links and writes the files
    /// that changed.
    fn render_and_write(
        &mut self,
        sel: &crate::render::selection::Selection,
    ) -> Result<Result<Update, BuildError>, NeedsFull> {
        let site = &self.site;
        let list = pages::selected(site, sel);
        let rendered: Result<Vec<Vec<OutFile>>, BuildError> = pages::runs(&list)
            .into_par_iter()
            .map(|run| self.renderer.run(site, &list[run]))
            .collect();
        let mut files: Vec<OutFile> = match rendered {
            Ok(r) => r.into_iter().flatten().collect(),
            Err(e) => return Ok(Err(e)),
        };
        drop(list); // its views borrow the site
        let pages = files
            .iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
            .count();
        files.extend(render::generated(site, sel));
        let made: BTreeSet<String> = files.iter().map(|(p, _)| slashed(p)).collect();
        // The sitemap lists the pages, so it changes only when a page is new.
        let new_pages = made
            .iter()
            .any(|p| p.ends_with(".html") && !self.hashes.contains_key(p));
        if new_pages {
            let mut all_html: Vec<PathBuf> = self
                .hashes
                .keys()
                .chain(made.iter().filter(|p| !self.hashes.contains_key(*p)))
                .filter(|p| p.ends_with(".html"))
                .map(PathBuf::from)
                .collect();
            all_html.sort();
            files.extend(render::sitemap::all(
                site,
                all_html.iter().map(PathBuf::as_path),
            ));
        }
        // Only what changed from here on.
        files.retain(|(p, b)| self.hashes.get(&slashed(p)) != Some(&sha256(b)));
        let added: Vec<&Path> = files
            .iter()
            .map(|(p, _)| p.as_path())
            .filter(|p| !self.hashes.contains_key(&slashed(p)))
            .collect();
        if !added.is_empty() && clashes(&self.hashes, &added) {
            return Err(NeedsFull("a new output path".into()));
        }
        // The targets as they will be; undone if the links do not hold.
        let mut undo: Vec<(PathBuf, bool)> = Vec::new();
        let mut gone = false;
        let mut saved = Vec::new();
        for (p, b) in &files {
            let key = slashed(p);
            let html = p.extension().is_some_and(|e| e == "html");
            let text = html.then(|| std::str::from_utf8(b).unwrap_or(""));
            let old = self.targets.set(p, text);
            if let (Some(old), Some(t)) = (&old, text) {
                let now: BTreeSet<&str> = ids(t);
                gone |= old.iter().any(|i| !now.contains(i.as_ref()));
            }
            undo.push((p.clone(), self.hashes.contains_key(&key)));
            saved.push(old);
        }
        // Only the edited files' own links can be newly broken: an edit that removes a page or
        // an anchor another file may link to is a full build (the selection, `gone` below).
        let edited: Vec<crate::reading::scan::SourceLink> = self
            .links
            .iter()
            .filter(|l| self.pending.contains(&l.path))
            .cloned()
            .collect();
        let mut broken = links::check_sources(&edited, &self.targets);
        let bad_html = links::check(&crate::output::sink::in_memory(&files), &self.targets);
        if gone || !broken.is_empty() || !bad_html.is_empty() {
            for ((p, existed), old) in undo.into_iter().zip(saved) {
                self.targets.remove(&p);
                if existed {
                    self.targets.restore(&p, old);
                }
            }
            if gone {
                return Err(NeedsFull("an anchor is gone".into()));
            }
            if !broken.is_empty() {
                diagnostic::sort(&mut broken);
                return Ok(Err(BuildError::Content(broken)));
            }
            return Ok(Err(BuildError::Links(bad_html)));
        }
        let files = self.published(files);
        for (p, b) in &files {
            self.hashes.insert(slashed(p), sha256(b));
        }
        let written = files.len();
        if let Err(e) = self.write(files, &[]) {
            return Ok(Err(BuildError::Write(e)));
        }
        Ok(Ok(Update { pages, written }))
    }

    /// Makes the exports of the current site again: the search index and its export (slow:
    /// seconds at thousands of meetings), the decisions CSV if an edit changed it and the OParl
    /// endpoint. The output
    /// is not touched, so no lock is needed.
    pub fn exports(&self) -> Result<Exports, BuildError> {
        let search =
            crate::search::build(&self.site).map_err(|e| BuildError::Search(e.to_string()))?;
        let mut sel = crate::render::selection::Selection::default();
        if self.decisions_stale {
            sel.listings.insert(Listing::Decisions);
        }
        if self.oparl_stale {
            sel.listings.insert(Listing::Oparl);
        }
        Ok(Exports {
            search,
            other: render::generated(&self.site, &sel),
        })
    }

    /// Writes the files of [`Incremental::exports`] that changed, removes the search files that
    /// are gone and writes the manifest; returns the number of files written or removed.
    pub fn apply_exports(&mut self, exports: Exports) -> Result<usize, BuildError> {
        let now: BTreeSet<PathBuf> = exports.search.iter().map(|(p, _)| p.clone()).collect();
        let gone: Vec<PathBuf> = self.search.difference(&now).cloned().collect();
        let all = exports.search.into_iter().chain(exports.other).collect();
        let files: Vec<OutFile> = self
            .published(all)
            .into_iter()
            .filter(|(p, b)| self.hashes.get(&slashed(p)) != Some(&sha256(b)))
            .collect();
        for p in &gone {
            self.hashes.remove(&slashed(p));
            self.targets.remove(p);
        }
        for (p, b) in &files {
            self.hashes.insert(slashed(p), sha256(b));
            self.targets.set(p, None);
        }
        self.search = now;
        self.exports_stale = false;
        self.decisions_stale = false;
        self.oparl_stale = false;
        let changed = files.len() + gone.len();
        self.write(files, &gone).map_err(BuildError::Write)?;
        self.write_manifest().map_err(BuildError::Write)?;
        Ok(changed)
    }

    /// `files` as the build's writer writes them: with the base path before their site paths
    /// (for a site published in a folder of its host), so that their hashes are those of the
    /// bytes on disk.
    fn published(&self, files: Vec<OutFile>) -> Vec<OutFile> {
        let sink = Sink::dir(&self.opts.output).under(self.site.config.base_path());
        files
            .into_iter()
            .map(|(p, b)| {
                let b = sink.published(&slashed(&p), b);
                (p, b)
            })
            .collect()
    }

    /// Writes `files`, made [`Incremental::published`] already, into the output through the
    /// build's writer (which then leaves them as they are), removes `gone` and the folders they
    /// leave empty.
    fn write(&self, files: Vec<OutFile>, gone: &[PathBuf]) -> Result<(), WriteError> {
        let sink = Sink::dir(&self.opts.output);
        sink.put_all(files, &Known::new())?;
        sink.remove(gone)
    }

    /// Writes the manifest of every output file (after the search files, once edits pause).
    fn write_manifest(&self) -> Result<(), WriteError> {
        let text = manifest::text(self.hashes.iter().map(|(p, h)| (p.as_str(), h)));
        let sink = Sink::dir(&self.opts.output);
        sink.put(manifest::FILE.into(), text.into_bytes(), &Known::new())?;
        Ok(())
    }
}

/// A full build for `serve` ([`Mode::Preview`]: the ledger is never written),
/// keeping what an incremental rebuild needs: the hashes and link targets come from what the sink
/// kept of each file, not from its bytes. The state is None if it cannot be made (the next edit
/// builds fully).
pub fn full_build(opts: &Build) -> Result<(BuildReport, Option<Incremental>), BuildError> {
    let preview = Build {
        mode: Mode::Preview,
        ..opts.clone()
    };
    let v = crate::run(&preview, &crate::build::progress::none)?;
    let report = v.report();
    Ok((report, Incremental::new(&preview, v).ok()))
}

/// The ids of an HTML page.
fn ids(html: &str) -> BTreeSet<&str> {
    crate::output::pagelinks::ids(html).into_iter().collect()
}

/// Whether a new output path equals an existing one by case or Unicode form.
fn clashes(hashes: &BTreeMap<String, [u8; 32]>, added: &[&Path]) -> bool {
    let key = |p: &str| crate::model::names::name_key(p);
    let new: BTreeSet<String> = added.iter().map(|p| key(&slashed(p))).collect();
    new.len() < added.len() || hashes.keys().any(|p| new.contains(&key(p)))
}

fn sorted(mut d: Vec<Diagnostic>) -> BuildError {
    diagnostic::sort(&mut d);
    BuildError::Content(d)
}

/// A report for an incremental update, in the shape of a full build's.
pub fn report(u: &Update) -> BuildReport {
    BuildReport {
        pages: u.pages,
        files: u.written,
        warnings: Vec::new(),
        sealed: Vec::new(),
        corrected: Vec::new(),
        // The day of the full build the preview started from, which an edit does not change.
        day: None,
    }
}
