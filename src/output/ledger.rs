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

const HINT: &str = "a justerat protokoll does not change silently: undo the change, or record it as a \
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
                format!("{}/{}", fm.organ.get_ref(), fm.datum),
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
                    "restore {}: a justerat protokoll stays published (a correction is a [[rattelse]])",
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
        if hash != last.sha256 {
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
                    Diagnostic::error(&f.path, 1, 1, format!(
                        "a rättelse has been removed: justerade.toml records {} for this justerat protokoll, the file has {}",
                        last.rattelser,
                        fm.rattelse.len()
                    ))
                    .with_hint("the correction log is kept for ever: restore the [[rattelse]] entries"),
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
        let approved = fm.justerad.is_some() || !fm.underskrift.is_empty();
        if !approved || entries.contains_key(key) {
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
        "# Justerade protokoll: the SHA-256 of every protokoll file once it is justerat, and of each\n\
         # version after a rättelse. Written by `protokoll build`; commit it with the content and never\n\
         # edit it by hand. A change to a justerat protokoll fails the build unless the file gains a\n\
         # [[rattelse]] (docs/FORMAT.md). `delar` are short hashes of each part, to say where a change is.\n",
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

/// Writes the new ledger, if there is one, replacing the old in one step.
pub fn save(root: &Path, sealing: &Sealing) -> std::io::Result<()> {
    let Some(text) = &sealing.new_text else {
        return Ok(());
    };
    let tmp = root.join(format!(".{FILE}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, root.join(FILE))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protokoll(decision: &str, rattelse: &str) -> SourceFile {
        let text = format!(
            "+++\ntyp = \"protokoll\"\norgan = \"styrelsen\"\ndatum = 2024-01-10\njusterad = 2024-01-12\n{rattelse}+++\nInledning.\n\n## § 1 Val\n\nText.\n\n## § 2 Budget\n\n### Beslut\n\n{decision}\n"
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
            "content/p.md:13:1: error: § 2 Budget has changed since the protokoll was justerat"
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
}
