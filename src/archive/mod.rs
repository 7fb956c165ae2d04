//! `protokoll archive`: a BagIt 1.0 bag (RFC 8493) of the built site (`data/webbplats/`) and its
//! sources (`data/kallor/`), with `bag-info.txt`, SHA-256 and SHA-512 payload manifests and tag
//! manifests. Dates come from the content and the day it is made on (the binary:
//! `SOURCE_DATE_EPOCH` or today), so the same day makes the same bag.
//! The site is built straight into the bag's staging directory and hashed back from disk, so no
//! more than a few files are held in memory at a time.

use crate::build::{Build, BuildError, Mode, progress};
use crate::model::clock;
use crate::model::site::Site;
use crate::output::manifest::{lines, manifest_path, rows, sha256_hex, sha512_hex};
use crate::output::{MARKER, MARKER_TEXT, OutFile, WriteError};
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What went into the bag.
#[derive(Debug, Clone)]
pub struct ArchiveReport {
    /// Payload files.
    pub files: usize,
    /// Payload bytes.
    pub bytes: u64,
    /// The source commit recorded, if any.
    pub commit: Option<String>,
}

/// Site-root entries that are sources and go into `data/kallor/`.
const SOURCES: &[&str] = &[
    "protokoll.toml",
    crate::output::ledger::FILE,
    "content",
    "templates",
    "static",
    "themes",
];

/// Builds the site at `root` into a staging directory beside `output`, copies its sources beside
/// it, writes the bag's manifests from what is on disk and renames the bag into place. `day` is
/// the day it is made on ([`Build::day`]: the `Bagging-Date` and the site's reference day).
pub fn archive(
    root: &Path,
    output: &Path,
    day: Option<crate::model::date::Date>,
) -> Result<ArchiveReport, BuildError> {
    if fs::read_dir(output).is_ok_and(|mut d| d.next().is_some()) {
        return Err(BuildError::Write(WriteError::Io(
            output.to_path_buf(),
            std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "the bag's directory must be new or empty",
            ),
        )));
    }
    let staging = Bag::create(output).map_err(BuildError::Write)?;
    let site_dir = staging.dir.join(SITE);
    let build = Build {
        day,
        ..Build::new(root, &site_dir, Mode::Archive)
    };
    let built = crate::run(&build, &progress::none)?;
    let site = built.site;
    // The tantivy directory is left out: its segment files differ on every build, so a bag with
    // it could never be reproduced; `protokoll build` remakes it from the sources in the bag, and
    // the static search export (which is reproducible) stays. The site's own manifest is
    // trimmed to match.
    let tantivy = Path::new(crate::search::INDEX_DIR);
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| BuildError::Write(WriteError::Io(p, e))
    };
    let index = site_dir.join(tantivy);
    fs::remove_dir_all(&index).map_err(io(&index))?;
    let manifest = site_dir.join(crate::output::manifest::FILE);
    let text = fs::read(&manifest).map_err(io(&manifest))?;
    fs::write(&manifest, without_lines_under(&text, tantivy)).map_err(io(&manifest))?;
    let marker = site_dir.join(MARKER);
    fs::write(&marker, MARKER_TEXT).map_err(io(&marker))?;
    copy_sources(root, &staging.dir.join(SOURCES_DIR))?;
    let payload = hashed(&staging.dir, "data")?;
    let commit = source_commit(root);
    let bytes: u64 = payload.iter().map(|f| f.len).sum();
    let mut tags: Vec<OutFile> = vec![
        (
            "bagit.txt".into(),
            b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".to_vec(),
        ),
        (
            "bag-info.txt".into(),
            bag_info(&site, payload.len(), bytes, commit.as_ref()).into_bytes(),
        ),
    ];
    tags.push((
        "manifest-sha256.txt".into(),
        rows(
            payload
                .iter()
                .map(|f| (f.path.clone(), f.sha256.clone()))
                .collect(),
        )
        .into_bytes(),
    ));
    tags.push((
        "manifest-sha512.txt".into(),
        rows(
            payload
                .iter()
                .map(|f| (f.path.clone(), f.sha512.clone()))
                .collect(),
        )
        .into_bytes(),
    ));
    for (name, digest) in [
        ("tagmanifest-sha256.txt", sha256_hex as fn(&[u8]) -> String),
        ("tagmanifest-sha512.txt", sha512_hex),
    ] {
        let text = lines(
            tags.iter()
                .filter(|(p, _)| !p.starts_with("tagmanifest"))
                .map(|(p, b)| (p.as_path(), b.as_slice())),
            digest,
        );
        tags.push((name.into(), text.into_bytes()));
    }
    for (name, bytes) in &tags {
        let path = staging.dir.join(name);
        fs::write(&path, bytes).map_err(io(&path))?;
    }
    staging.commit(output).map_err(BuildError::Write)?;
    Ok(ArchiveReport {
        files: payload.len(),
        bytes,
        commit: commit.map(|c| c.0),
    })
}

/// Where the built site goes in the bag.
const SITE: &str = "data/webbplats";

/// Where the sources go in the bag.
const SOURCES_DIR: &str = "data/kallor";

/// A payload file as its manifests list it.
struct Hashed {
    path: String,
    len: u64,
    sha256: String,
    sha512: String,
}

/// Every file under `bag/dir`, read back from disk and hashed (in parallel), as bag paths.
fn hashed(bag: &Path, dir: &str) -> Result<Vec<Hashed>, BuildError> {
    let mut paths = Vec::new();
    for e in WalkDir::new(bag.join(dir)).sort_by_file_name() {
        let e = e.map_err(|err| {
            let p = err.path().unwrap_or(bag).to_path_buf();
            BuildError::Write(WriteError::Io(p, err.into()))
        })?;
        if e.file_type().is_file() {
            paths.push(e.into_path());
        }
    }
    paths
        .into_par_iter()
        .map(|p| {
            let bytes =
                fs::read(&p).map_err(|e| BuildError::Write(WriteError::Io(p.clone(), e)))?;
            Ok(Hashed {
                path: manifest_path(p.strip_prefix(bag).unwrap_or(&p)),
                len: bytes.len() as u64,
                sha256: sha256_hex(&bytes),
                sha512: sha512_hex(&bytes),
            })
        })
        .collect()
}

/// Copies every source file under the site root into `to` (`data/kallor/<path>`).
fn copy_sources(root: &Path, to: &Path) -> Result<(), BuildError> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| BuildError::Write(WriteError::Io(p, e))
    };
    for name in SOURCES {
        let top = root.join(name);
        if !top.exists() {
            continue;
        }
        for e in WalkDir::new(&top)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !e.file_type().is_file() {
                continue;
            }
            let rel = e.path().strip_prefix(root).unwrap_or(e.path());
            let dest = to.join(rel);
            if let Some(dir) = dest.parent() {
                fs::create_dir_all(dir).map_err(io(dir))?;
            }
            let bytes = fs::read(e.path()).map_err(io(e.path()))?;
            fs::write(&dest, bytes).map_err(io(&dest))?;
        }
    }
    Ok(())
}

/// `git rev-parse HEAD` at the root, and whether tracked files differ from it.
fn source_commit(root: &Path) -> Option<(String, bool)> {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let commit = git(&["rev-parse", "HEAD"]).filter(|c| c.len() >= 40)?;
    let dirty = git(&["status", "--porcelain", "--untracked-files=no", "--", "."])
        .is_some_and(|s| !s.is_empty());
    Some((commit, dirty))
}

fn bag_info(site: &Site, files: usize, bytes: u64, commit: Option<&(String, bool)>) -> String {
    let org = site
        .config
        .organisation
        .as_ref()
        .and_then(|id| site.organisations.iter().find(|o| &o.id == id))
        .map_or(site.config.titel.clone(), |o| o.name.clone());
    let first = site.meetings.iter().map(|m| m.date).min();
    let last = clock::newest_content_date(site);
    let bagged = site.reference_day;
    let mut info = vec![
        ("Source-Organization", org),
        (
            "External-Description",
            format!(
                "{}: the published site (data/webbplats) and its sources (data/kallor)",
                site.config.titel
            ),
        ),
        (
            "Bag-Software-Agent",
            format!("protokoll {}", env!("CARGO_PKG_VERSION")),
        ),
        ("Payload-Oxum", format!("{bytes}.{files}")),
    ];
    if let Some(url) = &site.config.bas_url {
        info.push(("External-Identifier", url.clone()));
    }
    if let Some(d) = bagged {
        info.push(("Bagging-Date", d.to_string()));
    }
    if let (Some(a), Some(b)) = (first, last) {
        info.push(("Content-Start-Date", a.to_string()));
        info.push(("Content-End-Date", b.to_string()));
    }
    if let Some((c, dirty)) = commit {
        info.push(("Source-Commit", c.clone()));
        if *dirty {
            info.push((
                "Source-Commit-Note",
                "the working tree had uncommitted changes to tracked files".to_string(),
            ));
        }
    }
    info.iter().map(|(k, v)| format!("{k}: {v}\n")).collect()
}

/// The bag's staging directory beside its final place; removed when dropped before
/// [`Bag::commit`].
struct Bag {
    dir: PathBuf,
}

impl Bag {
    fn create(output: &Path) -> Result<Bag, WriteError> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = output
            .file_name()
            .map_or("bag".into(), |n| n.to_string_lossy().into_owned());
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join(SITE)).map_err(|e| WriteError::Io(dir.clone(), e))?;
        Ok(Bag { dir })
    }

    /// Renames the bag into place (`output` may exist if empty).
    fn commit(self, output: &Path) -> Result<(), WriteError> {
        let io = |e| WriteError::Io(output.to_path_buf(), e);
        if output.exists() {
            fs::remove_dir(output).map_err(io)?;
        }
        fs::rename(&self.dir, output).map_err(io)
    }
}

impl Drop for Bag {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// A manifest without the lines of files under `dir`.
fn without_lines_under(manifest: &[u8], dir: &Path) -> Vec<u8> {
    let prefix = format!("  {}/", dir.display());
    String::from_utf8_lossy(manifest)
        .lines()
        .filter(|l| !l.contains(&prefix))
        .flat_map(|l| [l, "\n"])
        .collect::<String>()
        .into_bytes()
}
