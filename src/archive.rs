//! `protokoll archive`: a BagIt 1.0 bag (RFC 8493) of the built site (`data/webbplats/`) and its
//! sources (`data/kallor/`), with `bag-info.txt`, SHA-256 and SHA-512 payload manifests and tag
//! manifests. Dates come from the content (or `SOURCE_DATE_EPOCH`), so the bag is reproducible.

use crate::manifest::{lines, sha256_hex, sha512_hex};
use crate::output::{MARKER, MARKER_TEXT, OutFile, WriteError};
use crate::site::Site;
use crate::{BuildError, dates};
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
    crate::ledger::FILE,
    "content",
    "templates",
    "static",
    "themes",
];

/// Builds the site at `root` in memory and writes it with its sources as a bag at `output`.
pub fn archive(root: &Path, output: &Path) -> Result<ArchiveReport, BuildError> {
    if fs::read_dir(output).is_ok_and(|mut d| d.next().is_some()) {
        return Err(BuildError::Write(WriteError::Io(
            output.to_path_buf(),
            std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "the bag's directory must be new or empty",
            ),
        )));
    }
    let (site, files) = crate::sealed_outputs(root)?;
    // The tantivy directory is left out: its segment files differ on every build, so a bag with
    // it could never be reproduced; `protokoll build` remakes it from the sources in the bag, and
    // the static search export (which is reproducible) stays. The site's own manifest is
    // trimmed to match.
    let tantivy = Path::new(crate::search::INDEX_DIR);
    let mut payload: Vec<OutFile> = files
        .into_iter()
        .filter(|(p, _)| !p.starts_with(tantivy))
        .map(|(p, b)| {
            let b = if p == Path::new(crate::manifest::FILE) {
                without_lines_under(&b, tantivy)
            } else {
                b
            };
            (Path::new("data/webbplats").join(p), b)
        })
        .collect();
    payload.push((
        Path::new("data/webbplats").join(MARKER),
        MARKER_TEXT.to_vec(),
    ));
    payload.extend(sources(root)?);
    payload.sort_by(|a, b| a.0.cmp(&b.0));
    let commit = source_commit(root);
    let bytes: u64 = payload.iter().map(|(_, b)| b.len() as u64).sum();
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
    for (name, digest) in [
        ("manifest-sha256.txt", sha256_hex as fn(&[u8]) -> String),
        ("manifest-sha512.txt", sha512_hex),
    ] {
        let text = lines(
            payload.iter().map(|(p, b)| (p.as_path(), b.as_slice())),
            digest,
        );
        tags.push((name.into(), text.into_bytes()));
    }
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
    write(output, payload.iter().chain(&tags)).map_err(BuildError::Write)?;
    Ok(ArchiveReport {
        files: payload.len(),
        bytes,
        commit: commit.map(|c| c.0),
    })
}

/// Every source file under the site root, as `data/kallor/<path>`.
fn sources(root: &Path) -> Result<Vec<OutFile>, BuildError> {
    let mut out = Vec::new();
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
            let bytes = fs::read(e.path())
                .map_err(|err| BuildError::Write(WriteError::Io(e.path().to_path_buf(), err)))?;
            out.push((Path::new("data/kallor").join(rel), bytes));
        }
    }
    Ok(out)
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
    let last = dates::newest_content_date(site);
    let bagged = dates::reference_day(site);
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

/// Writes the bag into a staging directory beside `output`, then renames it into place.
fn write<'a>(output: &Path, files: impl Iterator<Item = &'a OutFile>) -> Result<(), WriteError> {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = output
        .file_name()
        .map_or("bag".into(), |n| n.to_string_lossy().into_owned());
    let staging: PathBuf = parent.join(format!(".{name}.staging-{}", std::process::id()));
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| WriteError::Io(p, e)
    };
    let _ = fs::remove_dir_all(&staging);
    let result = (|| {
        for (rel, bytes) in files {
            let path = staging.join(rel);
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(io(dir))?;
            }
            fs::write(&path, bytes).map_err(io(&path))?;
        }
        if output.exists() {
            fs::remove_dir(output).map_err(io(output))?;
        }
        fs::rename(&staging, output).map_err(io(output))
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
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
