//! The ledger of justerade protokoll (`justerade.toml` at the site root): once a protokoll is
//! justerat, the build records the SHA-256 of its file, and of each part (front matter, preamble,
//! every paragraph) to say where a change is. A later change fails the build, unless the file also
//! gains a `[[rattelse]]`; then the new version is recorded after the old. Commit the ledger.

use crate::output::manifest::sha256_hex;
use crate::reading::diagnostic::{Diagnostic, line_col};
use crate::reading::frontmatter;
use crate::reading::load::{Parsed, SourceFile};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The ledger's file name at the site root.
pub const FILE: &str = "justerade.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LedgerFile {
    #[serde(default)]
    protokoll: Vec<EntryRec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryRec {
    mote: Spanned<String>,
    fil: String,
    version: Vec<VersionRec>,
    #[serde(default)]
    delar: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct VersionRec {
    sha256: String,
    rattelser: usize,
}

/// One protokoll in the ledger.
#[derive(Debug, Clone)]
struct Entry {
    mote: String,
    fil: String,
    versions: Vec<VersionRec>,
    parts: BTreeMap<String, String>,
}

/// What the check found to record.
#[derive(Debug, Default)]
pub struct Sealing {
    /// The ledger's new text, when it changes.
    pub new_text: Option<String>,
    /// Protokoll recorded for the first time (source paths).
    pub sealed: Vec<String>,
    /// Protokoll whose rättelse was recorded (source paths).
    pub corrected: Vec<String>,
    /// Protokoll that carry a justering date or signatures but neither the publisher's word
    /// `justerat = true` nor a place in the ledger: shown as justerat, not sealed (see
    /// [`unmarked`]).
    pub unmarked: Vec<PathBuf>,
}

/// One part of a protokoll file: key, label for messages, first line, hash.
struct PartHash {
    key: String,
    label: String,
    line: usize,
    hash: String,
}

/// Normalizes what editors and git may change without anyone meaning to: a BOM and CRLF.
fn normalized(text: &str) -> String {
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n")
}

/// The file's SHA-256, over its normalized text.
pub fn file_hash(text: &str) -> String {
    sha256_hex(normalized(text).as_bytes())
}

/// The text without a line `justerat = true` in its front matter, if it has one: the publisher's
/// word that a protokoll is justerat, added to one the ledger sealed before there was such a word,
/// is not a change of it.
fn without_mark(text: &str) -> Option<String> {
    let mut fences = 0;
    let mut removed = false;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            fences += 1;
        }
        let bare = line.split('#').next().unwrap_or("").trim();
        let mark = bare.replace(' ', "") == "justerat=true";
        if fences == 1 && mark && !removed {
            removed = true;
            continue;
        }
        out.push_str(line);
    }
    removed.then_some(out)
}

/// Whether the publisher says the protokoll is justerat (`justerat = true`): only then is it
/// sealed.
fn marked(fm: &crate::reading::source::ProtokollFm) -> bool {
    fm.justerat.as_ref().is_some_and(|j| *j.get_ref())
}

fn parts(f: &SourceFile, body: &crate::reading::body::Body) -> Vec<PartHash> {
    let text = normalized(&f.text);
    let lines: Vec<&str> = text.split('\n').collect();
    let body_line = frontmatter::split(&f.path, &f.text)
        .map(|s| line_col(&f.text, s.body_offset).0)
        .unwrap_or(1);
    let mut cuts: Vec<(String, String, usize)> = vec![
        ("huvud".into(), "the front matter".into(), 1),
        (
            "inledning".into(),
            "the text before the first paragraph".into(),
            body_line,
        ),
    ];
    cuts.extend(
        body.items
            .iter()
            .map(|i| (i.number.clone(), i.heading(), i.line)),
    );
    let mut out = Vec::new();
    for (k, (key, label, start)) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).map_or(lines.len() + 1, |c| c.2);
        let from = (*start).clamp(1, lines.len() + 1) - 1;
        let to = end.clamp(from + 1, lines.len() + 1) - 1;
        let chunk = lines[from..to].join("\n");
        out.push(PartHash {
            key: key.clone(),
            label: label.clone(),
            line: *start,
            hash: sha256_hex(chunk.as_bytes())[..16].to_string(),
        });
    }
    out
}

const HINT: &str = "a justerat protokoll does not change silently: undo the change, or record it \
 as a \
rättelse by adding [[rattelse]] with datum, skal and andring to the front matter (docs/FORMAT.md); \
the recorded hashes are in justerade.toml";

/// Checks every protokoll against the ledger at `root` and says what to record.
pub fn check(root: &Path, files: &[SourceFile]) -> Result<Sealing, Vec<Diagnostic>> {
    check_inner(root, files, false)
}

/// Checks only `files` (the ones an edit changed) against the ledger: the others were checked
/// before, so a protokoll the ledger records but `files` lacks is not taken for gone.
pub fn check_some(root: &Path, files: &[SourceFile]) -> Result<(), Vec<Diagnostic>> {
    check_inner(root, files, true).map(|_| ())
}

fn check_inner(root: &Path, files: &[SourceFile], some: bool) -> Result<Sealing, Vec<Diagnostic>> {
    let ledger_path = PathBuf::from(FILE);
    let (ledger_text, old) = read(root, &ledger_path)?;
    let mut current: BTreeMap<
        String,
        (
            &SourceFile,
            &crate::reading::source::ProtokollFm,
            &crate::reading::body::Body,
        ),
    > = BTreeMap::new();
    for f in files {
        if let Parsed::Protokoll(fm, body) = &f.parsed {
            current.insert(
                format!(
                    "{}/{}",
                    fm.organ.get_ref(),
                    crate::model::sitting::segment(fm.datum, fm.sitting())
                ),
                (f, fm, body),
            );
        }
    }
    let mut errors = Vec::new();
    let mut sealing = Sealing::default();
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    for rec in old {
        let key = rec.mote.get_ref().clone();
        let Some(&(f, fm, body)) = current.get(&key) else {
            if some {
                continue;
            }
            errors.push(
                Diagnostic::at(
                    &ledger_path,
                    &ledger_text,
                    rec.mote.span().start,
                    format!("the justerat protokoll {key} is gone from the content"),
                )
                .with_hint(format!(
                    "restore {}: a justerat protokoll stays published (a \
                        correction is a [[rattelse]])",
                    rec.fil
                )),
            );
            continue;
        };
        let mut entry = Entry {
            mote: key.clone(),
            fil: rec.fil,
            versions: rec.version,
            parts: rec.delar,
        };
        let hash = file_hash(&f.text);
        let last = entry.versions.last().cloned().unwrap_or(VersionRec {
            sha256: String::new(),
            rattelser: 0,
        });
        let shown = f.path.display().to_string().replace('\\', "/");
        let only_marked = hash != last.sha256
            && fm.rattelse.len() == last.rattelser
            && without_mark(&f.text).is_some_and(|t| file_hash(&t) == last.sha256);
        if only_marked {
            // The same protokoll, now with the publisher's word: the ledger records its new hash.
            if let Some(v) = entry.versions.last_mut() {
                v.sha256 = hash;
            }
            entry.parts = parts(f, body)
                .into_iter()
                .map(|p| (p.key, p.hash))
                .collect();
            entry.fil = shown;
        } else if hash != last.sha256 {
            if fm.rattelse.len() > last.rattelser {
                entry.versions.push(VersionRec {
                    sha256: hash,
                    rattelser: fm.rattelse.len(),
                });
                entry.parts = parts(f, body)
                    .into_iter()
                    .map(|p| (p.key, p.hash))
                    .collect();
                entry.fil = shown.clone();
                sealing.corrected.push(shown);
            } else if fm.rattelse.len() < last.rattelser {
                errors.push(
                    Diagnostic::error(
                        &f.path,
                        1,
                        1,
                        format!(
                            "a rättelse has been removed: justerade.toml records {} \
                            for this justerat protokoll, the file has {}",
                            last.rattelser,
                            fm.rattelse.len()
                        ),
                    )
                    .with_hint(
                        "the correction log is kept for ever: restore the [[rattelse]] \
                        entries",
                    ),
                );
            } else {
                errors.extend(changed_parts(f, body, &entry.parts));
            }
        } else if entry.fil != shown {
            entry.fil = shown;
        }
        entries.insert(key, entry);
    }
    for (key, (f, fm, body)) in &current {
        if entries.contains_key(key) {
            continue;
        }
        if !marked(fm) {
            let looks = fm.justerad.is_some() || !fm.underskrift.is_empty();
            if looks && fm.justerat.is_none() {
                sealing.unmarked.push(f.path.clone());
            }
            continue;
        }
        let shown = f.path.display().to_string().replace('\\', "/");
        entries.insert(
            key.clone(),
            Entry {
                mote: key.clone(),
                fil: shown.clone(),
                versions: vec![VersionRec {
                    sha256: file_hash(&f.text),
                    rattelser: fm.rattelse.len(),
                }],
                parts: parts(f, body)
                    .into_iter()
                    .map(|p| (p.key, p.hash))
                    .collect(),
            },
        );
        sealing.sealed.push(shown);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let text = render(entries.values());
    if text != ledger_text {
        sealing.new_text = Some(text);
    }
    Ok(sealing)
}

/// One error per part whose hash differs, at the part's first line.
fn changed_parts(
    f: &SourceFile,
    body: &crate::reading::body::Body,
    recorded: &BTreeMap<String, String>,
) -> Vec<Diagnostic> {
    let now = parts(f, body);
    let mut out: Vec<Diagnostic> = now
        .iter()
        .filter(|p| recorded.get(&p.key) != Some(&p.hash))
        .map(|p| {
            let what = if recorded.contains_key(&p.key) {
                "has changed"
            } else {
                "was added"
            };
            Diagnostic::error(
                &f.path,
                p.line,
                1,
                format!("{} {what} since the protokoll was justerat", p.label),
            )
            .with_hint(HINT)
        })
        .collect();
    for key in recorded.keys() {
        if !now.iter().any(|p| &p.key == key) {
            out.push(
                Diagnostic::error(
                    &f.path,
                    1,
                    1,
                    format!("paragraph {key} was removed after the protokoll was justerat"),
                )
                .with_hint(HINT),
            );
        }
    }
    if out.is_empty() {
        out.push(
            Diagnostic::error(
                &f.path,
                1,
                1,
                "the file has changed since the protokoll was justerat",
            )
            .with_hint(HINT),
        );
    }
    out
}

fn read(root: &Path, shown: &Path) -> Result<(String, Vec<EntryRec>), Vec<Diagnostic>> {
    match std::fs::read_to_string(root.join(FILE)) {
        Ok(text) => {
            let parsed: LedgerFile = toml::from_str(&text)
                .map_err(|e| vec![frontmatter::toml_error(shown, &text, 0, &e)])?;
            Ok((text, parsed.protokoll))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((String::new(), Vec::new())),
        Err(e) => Err(vec![Diagnostic::error(
            shown,
            0,
            0,
            format!("cannot read: {e}"),
        )]),
    }
}

fn render<'a>(entries: impl Iterator<Item = &'a Entry>) -> String {
    let mut s = String::from(
        "# Justerade protokoll: the SHA-256 of every protokoll file once it is justerat, and of \
         each\n\
         # version after a rättelse. Written by `protokoll build`; commit it with the content and \
         never\n\
         # edit it by hand. A change to a justerat protokoll fails the build unless the file gains \
         a\n\
         # [[rattelse]] (docs/FORMAT.md). `delar` are short hashes of each part, to say where a \
         change is.\n",
    );
    for e in entries {
        let _ = write!(
            s,
            "\n[[protokoll]]\nmote = {}\nfil = {}\n",
            quote(&e.mote),
            quote(&e.fil)
        );
        for v in &e.versions {
            let _ = write!(
                s,
                "\n[[protokoll.version]]\nsha256 = {}\nrattelser = {}\n",
                quote(&v.sha256),
                v.rattelser
            );
        }
        s.push_str("\n[protokoll.delar]\n");
        for (k, h) in &e.parts {
            let _ = writeln!(s, "{} = {}", quote(k), quote(h));
        }
    }
    s
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A warning for each protokoll that looks justerat (a justering date or signatures) but is not
/// marked so: it is shown as justerat and not sealed, since only the publisher can say it is.
pub fn unmarked(sealing: &Sealing) -> Vec<Diagnostic> {
    sealing
        .unmarked
        .iter()
        .map(|p| {
            Diagnostic::warning(
                p,
                1,
                1,
                "signed or dated `justerad`, but not marked `justerat = true`: shown as justerat, \
                 not sealed in justerade.toml",
            )
            .with_hint(
                "write `justerat = true` once the protokoll is justerat (the build then seals it), \
                 or `justerat = false` while it is still being written",
            )
        })
        .collect()
}

/// Writes the new ledger, if there is one, replacing the old in one step.
pub fn save(root: &Path, sealing: &Sealing) -> std::io::Result<()> {
    match prepare(root, sealing)? {
        Some(pending) => pending.commit(),
        None => Ok(()),
    }
}

/// A new ledger written beside the old one, put in its place by [`Pending::commit`] (after the
/// output is swapped in: the ledger changes only with the site); dropped without that, it is
/// removed and the ledger stays as it was.
#[derive(Debug)]
pub struct Pending {
    tmp: std::path::PathBuf,
    path: std::path::PathBuf,
}

/// Writes the new ledger, if there is one, beside the old (removing what an interrupted build
/// left there); a failed write leaves nothing behind.
pub fn prepare(root: &Path, sealing: &Sealing) -> std::io::Result<Option<Pending>> {
    let Some(text) = &sealing.new_text else {
        return Ok(None);
    };
    let stale = format!(".{FILE}.tmp-");
    for entry in std::fs::read_dir(root)?.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&stale) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let pending = Pending {
        tmp: root.join(format!("{stale}{}", std::process::id())),
        path: root.join(FILE),
    };
    // Dropped on error: no truncated copy is left.
    std::fs::write(&pending.tmp, text)?;
    Ok(Some(pending))
}

impl Pending {
    /// Puts the new ledger in place of the old, in one step.
    pub fn commit(self) -> std::io::Result<()> {
        std::fs::rename(&self.tmp, &self.path)
        // Dropped here: the temporary name no longer exists.
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protokoll(decision: &str, rattelse: &str) -> SourceFile {
        let text = format!(
            "+++\ntyp = \"protokoll\"\norgan = \"styrelsen\"\ndatum = \
                2024-01-10\njusterad = 2024-01-12\njusterat = \
                true\n{rattelse}+++\nInledning.\n\n## § 1 Val\n\nText.\n\n## § 2 \
                Budget\n\n### Beslut\n\n{decision}\n"
        );
        crate::reading::load::parse_file("content/p.md".into(), text, false).unwrap()
    }

    #[test]
    fn a_silent_change_is_found_in_its_paragraph_and_a_rattelse_records_it() {
        let t = tempfile::tempdir().unwrap();
        let first = check(t.path(), &[protokoll("Budgeten fastställs.", "")]).unwrap();
        assert_eq!(first.sealed, vec!["content/p.md"]);
        save(t.path(), &first).unwrap();
        let same = check(t.path(), &[protokoll("Budgeten fastställs.", "")]).unwrap();
        assert!(same.new_text.is_none() && same.sealed.is_empty());
        let err = check(t.path(), &[protokoll("Budgeten fastställs inte.", "")]).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(
            err[0].to_string().lines().next().unwrap(),
            "content/p.md:14:1: error: § 2 Budget has changed since the protokoll was justerat"
        );
        let r = "[[rattelse]]\ndatum = 2024-02-01\nskal = \"Skrivfel\"\nandring = \"§ 2: inte\"\n";
        let fixed = check(t.path(), &[protokoll("Budgeten fastställs inte.", r)]).unwrap();
        assert_eq!(fixed.corrected, vec!["content/p.md"]);
        let text = fixed.new_text.clone().unwrap();
        assert_eq!(text.matches("[[protokoll.version]]").count(), 2);
        save(t.path(), &fixed).unwrap();
        // The rättelse covers one change, not the next one.
        assert!(check(t.path(), &[protokoll("Något annat.", r)]).is_err());
    }

    fn text_of(f: &SourceFile) -> String {
        f.text.clone()
    }

    #[test]
    fn only_a_protokoll_marked_justerat_is_sealed() {
        let t = tempfile::tempdir().unwrap();
        let marked = protokoll("Budgeten fastställs.", "");
        let draft_text = text_of(&marked).replace("justerat = true", "justerat = false");
        let draft =
            crate::reading::load::parse_file("content/p.md".into(), draft_text, false).unwrap();
        let s = check(t.path(), &[draft]).unwrap();
        assert!(s.sealed.is_empty() && s.unmarked.is_empty());
        // Without the word, a dated protokoll is not sealed either, and is named for a warning.
        let unmarked_text = text_of(&marked).replace("justerat = true\n", "");
        let unmarked =
            crate::reading::load::parse_file("content/p.md".into(), unmarked_text, false).unwrap();
        let s = check(t.path(), &[unmarked]).unwrap();
        assert!(s.sealed.is_empty());
        assert_eq!(s.unmarked, vec![std::path::PathBuf::from("content/p.md")]);
        assert_eq!(
            check(t.path(), &[marked]).unwrap().sealed,
            vec!["content/p.md"]
        );
    }

    #[test]
    fn the_mark_added_to_a_protokoll_sealed_before_it_is_no_change() {
        let t = tempfile::tempdir().unwrap();
        // A ledger written when a signed protokoll was sealed without the word.
        let marked = protokoll("Budgeten fastställs.", "");
        let old_text = text_of(&marked).replace("justerat = true\n", "");
        let first = check(t.path(), &[marked]).unwrap();
        let ledger = first.new_text.unwrap().replace(
            &file_hash(&text_of(&protokoll("Budgeten fastställs.", ""))),
            &file_hash(&old_text),
        );
        std::fs::write(t.path().join(FILE), ledger).unwrap();
        let s = check(t.path(), &[protokoll("Budgeten fastställs.", "")]).unwrap();
        assert!(s.sealed.is_empty() && s.corrected.is_empty());
        assert!(
            s.new_text
                .unwrap()
                .contains(&file_hash(&text_of(&protokoll("Budgeten fastställs.", ""))))
        );
        // Any other change still fails.
        assert!(check(t.path(), &[protokoll("Budgeten fastställs inte.", "")]).is_err());
    }
}
